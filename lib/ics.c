/*
 * ics.c: iCalendar (RFC 5545) output of the schedule.
 *
 * Each planned session is an all-day event (DTSTART;VALUE=DATE, DTEND the
 * day after), marked TENTATIVE and TRANSPARENT: the plan gives the day,
 * not the hour, and must not block time in a calendar.  The UID names the
 * client and the session's ordinal, "ana-session-5@ipt", so that a
 * calendar importing the file again updates each event rather than adding
 * a copy.  DTSTAMP is the day of --today (IPT_TODAY, else the local date)
 * at 00:00:00 UTC, so that the same records give the same bytes.
 */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "ics.h"
#include "util.h"

#define ICS_PRODID	"-//ipt//ipt schedule//EN"

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

/* "20261203" */
static void
ics_date(long day, char out[9])
{
	char d[DATE_LEN];

	date_format(day, d);
	memcpy(out, d, 4);
	memcpy(out + 4, d + 5, 2);
	memcpy(out + 6, d + 8, 2);
	out[8] = '\0';
}

static void
prop(FILE *fp, struct buf *b, const char *name, const char *text)
{
	buf_reset(b);
	buf_adds(b, name);
	buf_addc(b, ':');
	ics_text(b, text);
	ics_line(fp, b->s);
}

static void
event(FILE *fp, const struct summary *s, const struct schedule *sc,
    const struct planned *p, const char *stamp, int names)
{
	struct buf b = { 0 }, t = { 0 };
	char d1[9], d2[9], due[DATE_LEN];

	ics_date(p->day, d1);
	ics_date(p->day + 1, d2);
	ics_line(fp, "BEGIN:VEVENT");
	buf_printf(&b, "UID:%s-session-%ld@ipt", s->c.id, p->number);
	ics_line(fp, b.s);
	buf_reset(&b);
	buf_printf(&b, "DTSTAMP:%sT000000Z", stamp);
	ics_line(fp, b.s);
	buf_reset(&b);
	buf_printf(&b, "DTSTART;VALUE=DATE:%s", d1);
	ics_line(fp, b.s);
	buf_reset(&b);
	buf_printf(&b, "DTEND;VALUE=DATE:%s", d2);
	ics_line(fp, b.s);
	buf_printf(&t, "IPT session %ld", p->number);
	if (sc->planned > 0)
		buf_printf(&t, " of %ld", sc->planned);
	buf_printf(&t, ": %s", names && *s->c.name != '\0' ? s->c.name :
	    s->c.id);
	prop(fp, &b, "SUMMARY", t.s);
	buf_reset(&t);
	buf_printf(&t, "Client %s, %s variant, %s phase, every ", s->c.id,
	    s->c.variant, p->phase);
	if (s->c.frequency == 1)
		buf_adds(&t, "day.");
	else
		buf_printf(&t, "%ld days.", s->c.frequency);
	if (p->due < p->day) {
		date_format(p->due, due);
		buf_printf(&t, " Overdue: the session fell due on %s.", due);
	}
	buf_adds(&t, "\nPlanned by ipt schedule from the last session held "
	    "and the frequency; not an appointment.");
	prop(fp, &b, "DESCRIPTION", t.s);
	ics_line(fp, "CATEGORIES:IPT");
	ics_line(fp, "STATUS:TENTATIVE");
	ics_line(fp, "TRANSP:TRANSPARENT");
	ics_line(fp, "END:VEVENT");
	buf_free(&b);
	buf_free(&t);
}

int
render_schedule_ics(FILE *fp, const struct summary *s,
    const struct schedule *sc, int names)
{
	char stamp[9];
	size_t i;

	if (sc->n == 0)
		return 0;	/* a VCALENDAR needs a component */
	ics_date(s->today, stamp);
	ics_line(fp, "BEGIN:VCALENDAR");
	ics_line(fp, "VERSION:2.0");
	ics_line(fp, "PRODID:" ICS_PRODID);
	ics_line(fp, "CALSCALE:GREGORIAN");
	ics_line(fp, "METHOD:PUBLISH");
	for (i = 0; i < sc->n; i++)
		event(fp, s, sc, &sc->v[i], stamp, names);
	ics_line(fp, "END:VCALENDAR");
	return 0;
}
