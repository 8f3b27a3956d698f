/*
 * naming.c: the words a session is named by (naming.h).
 */
#include <stdio.h>
#include <string.h>

#include "naming.h"
#include "util.h"

const char *
naming_ordinal(long n, char buf[NAMING_ORD])
{
	const char *suf = "th";

	if (n % 100 < 11 || n % 100 > 13) {
		if (n % 10 == 1)
			suf = "st";
		else if (n % 10 == 2)
			suf = "nd";
		else if (n % 10 == 3)
			suf = "rd";
	}
	snprintf(buf, NAMING_ORD, "%ld%s", n, suf);
	return buf;
}

void
naming_place(struct buf *b, long held, long planned, int maintenance)
{
	char o[NAMING_ORD];

	naming_ordinal(held, o);
	if (maintenance)
		buf_printf(b, "the %s, maintenance", o);
	else if (held > planned)
		buf_printf(b, "the %s, past the %ld planned", o, planned);
	else
		buf_printf(b, "the %s of %ld planned", o, planned);
}

void
naming_session(struct buf *b, long number, long held, long planned,
    const char *phase, int maintenance)
{
	if (number > 0)
		buf_printf(b, "session %ld (", number);
	naming_place(b, held, planned, maintenance);
	if (phase != NULL && *phase != '\0' && !maintenance &&
	    strcmp(phase, "maintenance") != 0)
		buf_printf(b, ", %s phase", phase);
	if (number > 0)
		buf_addc(b, ')');
}
