/*
 * t_retention.c: unit tests of lib/retention.c, the day a client's
 * records are kept until, worked by hand: 10 years after the end; a
 * minor (under 18 at the end) until 10 years after coming of age when
 * later; the end on 29 February; a client not ended; and the settings of
 * [retention] read from an ipt.ini, with a bad value refused.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "date.h"
#include "retention.h"
#include "util.h"
#include "tap.h"

/* The day retained until, as text, of a client ended on end. */
static const char *
until(const char *status, const char *end, const char *birth,
    const struct retention *r, char rule[RETENTION_RULE])
{
	static char out[DATE_LEN];
	struct client c;
	long u;

	memset(&c, 0, sizeof(c));
	c.status = status;
	c.birth_date = birth;
	c.end_day = -1;
	if (*end != '\0' && date_parse(end, &c.end_day) == -1)
		return "bad";
	retention_until(&c, r, &u, rule);
	if (u == -1)
		return "kept";
	date_format(u, out);
	return out;
}

int
main(void)
{
	struct retention r;
	char rule[RETENTION_RULE], dir[] = "/tmp/t_retention.XXXXXX", *ini;
	FILE *fp;

	ok(retention_load(NULL, &r) == 0 && r.years == 10 &&
	    r.minor_age == 18 && r.minor_years == 10, "the defaults: 10, 18, 10");
	is_str(until("ended", "2015-06-01", "", &r, rule), "2025-06-01",
	    "10 years after the end");
	is_str(rule, "10 years after the end on 2015-06-01", "the rule named");
	is_str(until("ended", "2016-02-29", "", &r, rule), "2026-03-01",
	    "an end on 29 February: kept to 1 March");
	is_str(until("ended", "2012-06-01", "2000-03-10", &r, rule),
	    "2028-03-10", "a minor of 12: 10 years after turning 18");
	is_str(rule, "a minor: 10 years after coming of age (18) on "
	    "2018-03-10", "the minors' rule named");
	is_str(until("ended", "2017-06-01", "2000-03-10", &r, rule),
	    "2028-03-10", "a minor of 17: 2028-03-10, after 2027-06-01");
	is_str(until("ended", "2018-03-10", "2000-03-10", &r, rule),
	    "2028-03-10", "18 on the last day: no longer a minor");
	is_str(until("active", "", "2000-03-10", &r, rule), "kept",
	    "a client not ended is kept");
	is_str(until("ended", "", "", &r, rule), "kept",
	    "ended without a date: kept");

	if (mkdtemp(dir) == NULL)
		return 1;
	ini = path_join(dir, PRACTICE_INI);
	fp = fopen(ini, "w");
	fputs("[retention]\nyears = 20\nminor_years = 7\n", fp);
	fclose(fp);
	ok(retention_load(dir, &r) == 0 && r.years == 20 && r.minor_age == 18 &&
	    r.minor_years == 7, "[retention] read: 20, 18 (default), 7");
	is_str(until("ended", "2012-06-01", "2000-03-10", &r, rule),
	    "2032-06-01", "20 years after the end is later than 7 after 18");
	fp = fopen(ini, "w");
	fputs("[retention]\nyears = 0\n", fp);
	fclose(fp);
	ok(retention_load(dir, &r) == -1 && strstr(ipt_error(),
	    "[retention] years: '0' is not a whole number from 1 to 100") !=
	    NULL, "years = 0 refused, naming the key");
	unlink(ini);
	rmdir(dir);
	free(ini);
	return tap_done();
}
