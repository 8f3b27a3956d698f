/*
 * entry.c: the rules of what an entry may say of the record (entry.h).
 * Nothing here reads or writes a file: the caller hands the tables.
 */
#include <stdio.h>
#include <string.h>

#include "csvt.h"
#include "date.h"
#include "entry.h"
#include "record.h"
#include "util.h"

static long
day_of(const struct csv_table *t, size_t i)
{
	long d;

	return date_parse(csv_get(t, i, "date"), &d) == 0 ? d : -1;
}

int
entry_session(const struct csv_table *s, long num, long day, long *held,
    char why[ENTRY_WHY])
{
	char a[DATE_LEN], b[DATE_LEN];
	const char *att = NULL;
	size_t i;
	long d = -1;

	for (i = 0; i < s->nrows; i++) {
		if (rec_number(csv_get(s, i, "number")) != num)
			continue;
		att = csv_get(s, i, "attendance");
		d = day_of(s, i);
		if (strcmp(att, "attended") == 0)
			break;
	}
	if (att == NULL) {
		snprintf(why, ENTRY_WHY, "session %ld does not exist in "
		    "sessions.csv", num);
		return -1;
	}
	if (strcmp(att, "attended") != 0) {
		snprintf(why, ENTRY_WHY, "session %ld was not held (%s)", num,
		    att);
		return -1;
	}
	if (day >= 0 && d >= 0 && day != d) {
		date_format(d, a);
		date_format(day, b);
		snprintf(why, ENTRY_WHY, "session %ld was held on %s, not %s",
		    num, a, b);
		return -1;
	}
	if (held != NULL)
		*held = d;
	return 0;
}

int
entry_past(long day, long today, char why[ENTRY_WHY])
{
	char a[DATE_LEN], b[DATE_LEN];

	if (today < 0 || day <= today)
		return 0;
	date_format(day, a);
	date_format(today, b);
	snprintf(why, ENTRY_WHY, "%s is after today (%s)", a, b);
	return -1;
}

/* The first (last: last != 0) day of sessions.csv, or -1. */
static long
edge(const struct csv_table *s, int last, long *num)
{
	size_t i;
	long d, best = -1;

	for (i = 0; i < s->nrows; i++)
		if ((d = day_of(s, i)) >= 0 && (best < 0 ||
		    (last ? d > best : d < best))) {
			best = d;
			*num = rec_number(csv_get(s, i, "number"));
		}
	return best;
}

int
entry_start(const struct csv_table *s, long start, char why[ENTRY_WHY])
{
	char a[DATE_LEN], b[DATE_LEN];
	long first, num = 0;

	if ((first = edge(s, 0, &num)) < 0 || start <= first)
		return 0;
	date_format(start, a);
	date_format(first, b);
	snprintf(why, ENTRY_WHY, "the start %s is after session %ld (%s)", a,
	    num, b);
	return -1;
}

int
entry_end(const struct csv_table *s, long start, long end,
    char why[ENTRY_WHY])
{
	char a[DATE_LEN], b[DATE_LEN];
	long last, num = 0;

	date_format(end, a);
	if (end < start) {
		date_format(start, b);
		snprintf(why, ENTRY_WHY, "the end %s is before the start (%s)",
		    a, b);
		return -1;
	}
	if ((last = edge(s, 1, &num)) >= 0 && end < last) {
		date_format(last, b);
		snprintf(why, ENTRY_WHY, "the end %s is before session %ld "
		    "(%s)", a, num, b);
		return -1;
	}
	return 0;
}
