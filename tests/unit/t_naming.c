/*
 * t_naming.c: unit tests of the words a session is named by
 * (lib/naming.c): ordinals, the place in the plan, and the name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "naming.h"
#include "tap.h"
#include "util.h"

static void
name_is(long number, long held, long planned, const char *phase, int maint,
    const char *want)
{
	struct buf b = { 0 };

	naming_session(&b, number, held, planned, phase, maint);
	is_str(b.s, want, "session %ld, held %ld of %ld, %s%s", number, held,
	    planned, phase != NULL ? phase : "(no phase)",
	    maint ? ", maintenance" : "");
	buf_free(&b);
}

int
main(void)
{
	static const struct { long n; const char *s; } ord[] = {
		{ 1, "1st" }, { 2, "2nd" }, { 3, "3rd" }, { 4, "4th" },
		{ 10, "10th" }, { 11, "11th" }, { 12, "12th" }, { 13, "13th" },
		{ 14, "14th" }, { 21, "21st" }, { 22, "22nd" }, { 23, "23rd" },
		{ 101, "101st" }, { 111, "111th" }, { 112, "112th" },
		{ 0, "0th" },
	};
	char buf[NAMING_ORD];
	size_t i;

	for (i = 0; i < sizeof(ord) / sizeof(ord[0]); i++)
		is_str(naming_ordinal(ord[i].n, buf), ord[i].s, "ordinal %ld",
		    ord[i].n);

	/* The number of sessions.csv and the place in the plan differ. */
	name_is(16, 14, 16, "final", 0,
	    "session 16 (the 14th of 16 planned, final phase)");
	name_is(9, 8, 14, "middle", 0,
	    "session 9 (the 8th of 14 planned, middle phase)");
	name_is(1, 1, 12, "initial", 0,
	    "session 1 (the 1st of 12 planned, initial phase)");
	/* The last of the plan says so: no "next week is the last". */
	name_is(16, 16, 16, "final", 0,
	    "session 16 (the 16th of 16 planned, final phase)");
	name_is(18, 17, 16, "extension", 0,
	    "session 18 (the 17th, past the 16 planned, extension phase)");
	name_is(18, 17, 16, "maintenance", 1,
	    "session 18 (the 17th, maintenance)");
	name_is(5, 5, 16, "maintenance", 0, "session 5 (the 5th of 16 planned)");
	name_is(3, 3, 8, "", 0, "session 3 (the 3rd of 8 planned)");
	name_is(3, 3, 8, NULL, 0, "session 3 (the 3rd of 8 planned)");
	/* A number not known yet: the place alone. */
	name_is(0, 7, 14, "middle", 0, "the 7th of 14 planned, middle phase");
	return tap_done();
}
