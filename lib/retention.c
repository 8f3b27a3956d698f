/*
 * retention.c: the retention rules of a practice (see retention.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "date.h"
#include "ini.h"
#include "retention.h"
#include "util.h"

int
retention_load(const char *root, struct retention *r)
{
	static const struct {
		const char	*key;
		size_t		 off;
		long		 min, max;
	} keys[] = {
		{ "years", offsetof(struct retention, years), 1, 100 },
		{ "minors_until_age", offsetof(struct retention, minor_age),
		    0, 30 },
		{ "minor_years", offsetof(struct retention, minor_years),
		    0, 100 },
	};
	struct ini ini;
	const char *v;
	char *path;
	size_t i;
	int rc = 0;

	r->years = 10;
	r->minor_age = 18;
	r->minor_years = 10;
	if (root == NULL)
		return 0;
	path = path_join(root, PRACTICE_INI);
	if (ini_load(&ini, path) == -1) {
		free(path);
		return -1;
	}
	for (i = 0; rc == 0 && i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((v = ini_get(&ini, "retention", keys[i].key)) != NULL &&
		    parse_long(v, keys[i].min, keys[i].max,
		    (long *)(void *)((char *)r + keys[i].off)) == -1)
			rc = ipt_seterr("%s: [retention] %s: '%s' is not a "
			    "whole number from %ld to %ld", path, keys[i].key,
			    v, keys[i].min, keys[i].max);
	ini_free(&ini);
	free(path);
	return rc;
}

/* day plus n years (29 February to 1 March); LONG_MAX past 2199. */
static long
add_years(long day, long n)
{
	char s[DATE_LEN], t[48];
	long y, out;

	date_format(day, s);
	y = strtol(s, NULL, 10) + n;
	if (y > 2199)
		return LONG_MAX;
	snprintf(t, sizeof(t), "%04ld%s", y, s + 4);
	if (date_parse(t, &out) == -1) {
		snprintf(t, sizeof(t), "%04ld-03-01", y);
		if (date_parse(t, &out) == -1)
			return LONG_MAX;
	}
	return out;
}

void
retention_until(const struct client *c, const struct retention *r,
    long *until, char rule[RETENTION_RULE])
{
	char end[DATE_LEN], major[DATE_LEN];
	long birth, of_age, minor;

	*until = -1;
	rule[0] = '\0';
	if (c->end_day < 0 || strcmp(c->status, "ended") != 0)
		return;
	date_format(c->end_day, end);
	*until = add_years(c->end_day, r->years);
	snprintf(rule, RETENTION_RULE, "%ld years after the end on %s",
	    r->years, end);
	if (c->birth_date[0] == '\0' || date_parse(c->birth_date, &birth) == -1)
		return;
	of_age = add_years(birth, r->minor_age);
	if (of_age == LONG_MAX || c->end_day >= of_age)
		return;		/* not a minor at the end */
	minor = add_years(of_age, r->minor_years);
	if (minor > *until) {
		*until = minor;
		date_format(of_age, major);
		snprintf(rule, RETENTION_RULE, "a minor: %ld years after "
		    "coming of age (%ld) on %s", r->minor_years, r->minor_age,
		    major);
	}
}
