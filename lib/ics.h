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
#endif
