/*
 * ics.h: iCalendar (RFC 5545) output.
 *
 * Content lines end with CRLF and are folded so that no line is longer
 * than 75 octets, never inside a UTF-8 sequence; TEXT values escape
 * backslash, semicolon, comma and newline.  Nothing here knows what the
 * lines say (render_schedule.c writes the schedule's).
 */
#ifndef IPT_ICS_H
#define IPT_ICS_H

#include <stdio.h>

#include "util.h"

#define ICS_FOLD	75	/* octets per line, CRLF not counted */

/* Append a TEXT value, escaped (RFC 5545 3.3.11). */
void	 ics_text(struct buf *, const char *);
/* Print one content line, folded, with its CRLF. */
void	 ics_line(FILE *, const char *);

/*
 * The time zone of appointments: [calendar] timezone in the practice's
 * ipt.ini, an IANA name such as Europe/Berlin.  Without it times are
 * floating (local wherever the calendar is, RFC 5545 3.3.5 form 1).
 * With it, events say DTSTART;TZID=NAME and the calendar carries a
 * VTIMEZONE (RFC 5545 3.6.5) made from the zone's current rule, the
 * POSIX TZ string at the end of its TZif file in /usr/share/zoneinfo
 * (RFC 8536 3.3): standard time, and daylight time with yearly RRULEs
 * when the zone has it.
 */
struct ics_tz {
	char		*tzid;		/* NULL: floating times */
	struct buf	 vtz;		/* the VTIMEZONE's lines, \n-separated */
};
/* Load root's setting (root NULL: none); -1 with why if it is bad. */
int	 ics_tz_load(const char *root, struct ics_tz *);
/* Parse a POSIX TZ string into the VTIMEZONE lines of tzid; -1 if not. */
int	 ics_tz_rule(const char *tzid, const char *posix, struct buf *);
void	 ics_tz_free(struct ics_tz *);
#endif
