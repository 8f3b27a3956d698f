/*
 * ics.c: iCalendar (RFC 5545) content lines and TEXT values (see ics.h).
 * What they say of a schedule is schedule.c's.
 */
#include <stdio.h>
#include <string.h>

#include "ics.h"
#include "util.h"

void
ics_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\':
		case ';':
		case ',':
			buf_addc(b, '\\');
			buf_addc(b, *s);
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			break;
		default:
			/* No control character but HTAB is allowed. */
			buf_addc(b, (unsigned char)*s < 0x20 && *s != '\t' ?
			    ' ' : *s);
			break;
		}
	}
}

void
ics_line(FILE *fp, const char *s)
{
	size_t len = strlen(s), max = ICS_FOLD, n;

	for (;;) {
		if (len <= max) {
			fwrite(s, 1, len, fp);
			fputs("\r\n", fp);
			return;
		}
		/* Do not cut a UTF-8 sequence: back up to its lead byte. */
		n = max;
		while (n > 1 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		fwrite(s, 1, n, fp);
		fputs("\r\n ", fp);
		s += n;
		len -= n;
		max = ICS_FOLD - 1;	/* the leading space counts */
	}
}
