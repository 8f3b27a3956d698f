/*
 * t_entry.c: unit tests of the rules of what an entry may say of the
 * record (lib/entry.c), which the commands and ipt check share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "date.h"
#include "entry.h"
#include "tap.h"
#include "util.h"

static long
day(const char *s)
{
	long d = -1;

	date_parse(s, &d);
	return d;
}

static void
session(struct csv_table *t, const char *num, const char *date,
    const char *att)
{
	size_t r = csv_append(t);

	csv_set(t, r, "number", num);
	csv_set(t, r, "date", date);
	csv_set(t, r, "attendance", att);
}

int
main(void)
{
	static const char *const cols[] = { "number", "date", "attendance" };
	struct csv_table s;
	char why[ENTRY_WHY];
	long held;

	csv_init_table(&s, "sessions.csv", cols, 3);
	/* No session yet: nothing to contradict but a session named. */
	is_int(entry_start(&s, day("2027-01-01"), why), 0, "start, no session");
	is_int(entry_end(&s, day("2026-01-05"), day("2026-01-05"), why), 0,
	    "end on the start, no session");
	is_int(entry_session(&s, 1, -1, NULL, why), -1, "no session 1");
	is_str(why, "session 1 does not exist in sessions.csv", "its words");

	session(&s, "1", "2026-01-05", "attended");
	session(&s, "2", "2026-01-12", "cancelled");
	session(&s, "3", "2026-01-19", "attended");
	session(&s, "4", "2026-01-26", "no-show");

	held = 0;
	is_int(entry_session(&s, 3, -1, &held, why), 0, "session 3, any day");
	is_int(held, day("2026-01-19"), "its day is taken");
	is_int(entry_session(&s, 3, day("2026-01-19"), NULL, why), 0,
	    "session 3 on its day");
	is_int(entry_session(&s, 3, day("2026-01-20"), NULL, why), -1,
	    "session 3 on another day");
	is_str(why, "session 3 was held on 2026-01-19, not 2026-01-20",
	    "its words");
	is_int(entry_session(&s, 2, -1, NULL, why), -1, "cancelled session");
	is_str(why, "session 2 was not held (cancelled)", "its words");
	is_int(entry_session(&s, 4, day("2026-01-26"), NULL, why), -1,
	    "no-show");
	is_str(why, "session 4 was not held (no-show)", "its words");
	is_int(entry_session(&s, 99, -1, NULL, why), -1, "session 99");
	is_str(why, "session 99 does not exist in sessions.csv", "its words");

	is_int(entry_past(day("2026-11-26"), day("2026-11-26"), why), 0,
	    "today is not in the future");
	is_int(entry_past(day("2027-11-26"), day("2026-11-26"), why), -1,
	    "next year is");
	is_str(why, "2027-11-26 is after today (2026-11-26)", "its words");
	is_int(entry_past(day("2027-11-26"), -1, why), 0, "no today: no rule");

	is_int(entry_start(&s, day("2026-01-05"), why), 0,
	    "start on the first session");
	is_int(entry_start(&s, day("2027-01-01"), why), -1,
	    "start after the sessions");
	is_str(why, "the start 2027-01-01 is after session 1 (2026-01-05)",
	    "its words");

	is_int(entry_end(&s, day("2026-01-05"), day("2026-01-26"), why), 0,
	    "end on the last session");
	is_int(entry_end(&s, day("2026-01-05"), day("2026-01-20"), why), -1,
	    "end before a session");
	is_str(why, "the end 2026-01-20 is before session 4 (2026-01-26)",
	    "its words");
	is_int(entry_end(&s, day("2026-01-05"), day("2026-01-01"), why), -1,
	    "end before the start");
	is_str(why, "the end 2026-01-01 is before the start (2026-01-05)",
	    "its words");
	csv_free_table(&s);
	return tap_done();
}
