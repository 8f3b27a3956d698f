/*
 * render_schedule.c: the renderer of `ipt schedule': the plan of
 * schedule.c as text, one line per session, or as iCalendar (RFC 5545,
 * its lines folded and its text escaped by ics.c).
 *
 * In iCalendar, each planned session is an all-day event
 * (DTSTART;VALUE=DATE, DTEND the day after), marked TENTATIVE and
 * TRANSPARENT: the plan gives the day, not the hour, and must not block
 * time in a calendar.  The UID names the client and the session's
 * ordinal, "ana-session-5@ipt", so that a calendar importing the file
 * again updates each event rather than adding a copy.  DTSTAMP is the
 * day of --today (IPT_TODAY, else the local date) at 00:00:00 UTC, so
 * that the same records give the same bytes.
 */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "ics.h"
#include "schedule.h"
#include "util.h"

#define ICS_PRODID	"-//ipt//ipt schedule//EN"

static const char *const weekdays[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
    "Sat", "Sun" };

/* "2026-12-03  Thu  session  5 of 16  middle", then when it fell due. */
static void
text(FILE *fp, const struct schedule *sc)
{
	char day[DATE_LEN], due[DATE_LEN];
	size_t i;
	int w;

	if (sc->n == 0)
		return;
	w = snprintf(NULL, 0, "%ld", sc->v[sc->n - 1].number);
	for (i = 0; i < sc->n; i++) {
		const struct planned *p = &sc->v[i];

		date_format(p->day, day);
		fprintf(fp, "%s  %s  session %*ld", day,
		    weekdays[date_weekday(p->day)], w, p->number);
		if (sc->planned > 0)
			fprintf(fp, " of %ld", sc->planned);
		fprintf(fp, "  %s", p->phase);
		if (p->due < p->day) {
			date_format(p->due, due);
			fprintf(fp, "  (overdue: due %s)", due);
		}
		putc('\n', fp);
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

/*
 * The schedule as a VCALENDAR of all-day VEVENTs, one per session, each
 * with UID "ID-session-N@ipt" and DTSTAMP today at 00:00:00 UTC.
 */
static int
render_ics(FILE *fp, const struct summary *s,
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

int
render_schedule(FILE *fp, const struct summary *s, const struct schedule *sc,
    enum ipt_format f, int names)
{
	if (f == FMT_ICS)
		return render_ics(fp, s, sc, names);
	text(fp, sc);
	return 0;
}
