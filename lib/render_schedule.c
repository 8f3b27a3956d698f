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
 *
 * Appointments (appointment.h) from today on are events with a time: a
 * DTSTART in floating local time (the time on the clock wherever the
 * calendar is, RFC 5545 3.3.5 form 1), or in the practice's time zone
 * ([calendar] timezone: DTSTART;TZID= and a VTIMEZONE, ics.h), and a
 * DURATION, UID
 * "ana-appt-3@ipt" (kept when the appointment is moved), CONFIRMED, or
 * CANCELLED once cancelled so that a calendar that has it takes it out.
 * In text they are merged with the plan by day.  An event's title names
 * the client by id; by name only when names is set (ipt schedule
 * --names): a calendar synced to a phone or a cloud service should not
 * carry names unasked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "ics.h"
#include "naming.h"
#include "schedule.h"
#include "util.h"

#define ICS_PRODID	"-//ipt//ipt schedule//EN"

static const char *const weekdays[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
    "Sat", "Sun" };

/* An appointment shown: a row of appointments.csv, and its day. */
struct appt {
	size_t		 row;
	long		 day;
};

static int
cmp_appt(const void *a, const void *b, const struct csv_table *t)
{
	const struct appt *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return strcmp(csv_get(t, x->row, "time"), csv_get(t, y->row, "time"));
}

static const struct csv_table *sort_table;

static int
cmp_appt_q(const void *a, const void *b)
{
	return cmp_appt(a, b, sort_table);
}

/*
 * The appointments from today on, planned (and, with cancelled, those
 * cancelled too), by day and time; their number in *n.
 */
static struct appt *
appts(const struct summary *s, int cancelled, size_t *n)
{
	const struct csv_table *t = &s->appts;
	struct appt *v;
	const char *st;
	long day;
	size_t i;

	*n = 0;
	v = xcalloc(t->nrows + 1, sizeof(*v));
	for (i = 0; i < t->nrows; i++) {
		st = csv_get(t, i, "status");
		if (date_parse(csv_get(t, i, "date"), &day) == -1 ||
		    day < s->today || !(strcmp(st, "planned") == 0 ||
		    (cancelled && strcmp(st, "cancelled") == 0)))
			continue;
		v[*n].row = i;
		v[(*n)++].day = day;
	}
	sort_table = t;
	qsort(v, *n, sizeof(*v), cmp_appt_q);
	return v;
}

/* "2026-12-08  Tue  09:15  50 min  appointment 3" */
static void
text_appt(FILE *fp, const struct summary *s, const struct appt *a)
{
	char day[DATE_LEN];

	date_format(a->day, day);
	fprintf(fp, "%s  %s  %s  appointment %s, %s min\n", day,
	    weekdays[date_weekday(a->day)], csv_get(&s->appts, a->row, "time"),
	    csv_get(&s->appts, a->row, "id"),
	    csv_get(&s->appts, a->row, "duration_min"));
}

/*
 * "2026-12-03  Thu  session 16 (the 14th of 16 planned, final phase)",
 * in the words of naming.h, then when it fell due.
 */
static void
text(FILE *fp, const struct summary *s, const struct schedule *sc)
{
	char day[DATE_LEN], due[DATE_LEN];
	struct buf b = { 0 };
	struct appt *ap;
	size_t i, j = 0, na;

	ap = appts(s, 0, &na);
	for (i = 0; i < sc->n; i++) {
		const struct planned *p = &sc->v[i];

		for (; j < na && ap[j].day <= p->day; j++)
			text_appt(fp, s, &ap[j]);
		date_format(p->day, day);
		buf_reset(&b);
		naming_session(&b, p->row, p->number, s->c.planned, p->phase,
		    sc->planned == 0);
		fprintf(fp, "%s  %s  %s", day, weekdays[date_weekday(p->day)],
		    b.s);
		if (p->due < p->day) {
			date_format(p->due, due);
			fprintf(fp, "  (overdue: due %s)", due);
		}
		putc('\n', fp);
	}
	for (; j < na; j++)
		text_appt(fp, s, &ap[j]);
	free(ap);
	buf_free(&b);
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
	buf_adds(&t, "IPT ");
	naming_session(&t, p->row, p->number, s->c.planned, "",
	    sc->planned == 0);
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

/* An appointment as a VEVENT with a time and a duration. */
static void
appt_event(FILE *fp, const struct summary *s, const struct appt *a,
    const char *stamp, int names, const struct ics_tz *tz)
{
	const struct csv_table *t = &s->appts;
	const char *time = csv_get(t, a->row, "time");
	const char *note = csv_get(t, a->row, "note");
	struct buf b = { 0 }, x = { 0 };
	char d[9];
	int cancelled = strcmp(csv_get(t, a->row, "status"), "cancelled") == 0;

	ics_date(a->day, d);
	ics_line(fp, "BEGIN:VEVENT");
	buf_printf(&b, "UID:%s-appt-%s@ipt", s->c.id, csv_get(t, a->row, "id"));
	ics_line(fp, b.s);
	buf_reset(&b);
	buf_printf(&b, "DTSTAMP:%sT000000Z", stamp);
	ics_line(fp, b.s);
	buf_reset(&b);
	/* Floating local time, or the practice's zone: HHMM00 from "HH:MM". */
	if (tz != NULL && tz->tzid != NULL)
		buf_printf(&b, "DTSTART;TZID=%s:%sT%.2s%.2s00", tz->tzid, d,
		    time, time + 3);
	else
		buf_printf(&b, "DTSTART:%sT%.2s%.2s00", d, time, time + 3);
	ics_line(fp, b.s);
	buf_reset(&b);
	buf_printf(&b, "DURATION:PT%sM", csv_get(t, a->row, "duration_min"));
	ics_line(fp, b.s);
	buf_printf(&x, "IPT session: %s", names && *s->c.name != '\0' ?
	    s->c.name : s->c.id);
	prop(fp, &b, "SUMMARY", x.s);
	buf_reset(&x);
	buf_printf(&x, "Client %s, %s variant. Appointment %s", s->c.id,
	    s->c.variant, csv_get(t, a->row, "id"));
	if (cancelled)
		buf_adds(&x, ", cancelled");
	buf_adds(&x, ".");
	if (names && *note != '\0')
		buf_printf(&x, "\n%s", note);
	prop(fp, &b, "DESCRIPTION", x.s);
	ics_line(fp, "CATEGORIES:IPT");
	ics_line(fp, cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
	ics_line(fp, cancelled ? "TRANSP:TRANSPARENT" : "TRANSP:OPAQUE");
	ics_line(fp, "END:VEVENT");
	buf_free(&b);
	buf_free(&x);
}

/*
 * The schedule as a VCALENDAR of all-day VEVENTs, one per session, each
 * with UID "ID-session-N@ipt" and DTSTAMP today at 00:00:00 UTC, and
 * the appointments from today on.
 */
static int
render_ics(FILE *fp, const struct summary *s,
    const struct schedule *sc, int names, const struct ics_tz *tz)
{
	char stamp[9];
	struct appt *ap;
	size_t i, na;

	ap = appts(s, 1, &na);
	if (sc->n == 0 && na == 0) {
		free(ap);
		return 0;	/* a VCALENDAR needs a component */
	}
	ics_date(s->today, stamp);
	ics_line(fp, "BEGIN:VCALENDAR");
	ics_line(fp, "VERSION:2.0");
	ics_line(fp, "PRODID:" ICS_PRODID);
	ics_line(fp, "CALSCALE:GREGORIAN");
	ics_line(fp, "METHOD:PUBLISH");
	if (na > 0 && tz != NULL && tz->tzid != NULL) {
		const char *p = tz->vtz.s, *nl;
		char *l;

		for (; p != NULL && *p != '\0'; p = nl + 1) {
			nl = strchr(p, '\n');
			l = xstrndup(p, (size_t)(nl - p));
			ics_line(fp, l);
			free(l);
		}
	}
	for (i = 0; i < na; i++)
		appt_event(fp, s, &ap[i], stamp, names, tz);
	for (i = 0; i < sc->n; i++)
		event(fp, s, sc, &sc->v[i], stamp, names);
	ics_line(fp, "END:VCALENDAR");
	free(ap);
	return 0;
}

int
render_schedule(FILE *fp, const struct summary *s, const struct schedule *sc,
    enum ipt_format f, int names, const struct ics_tz *tz)
{
	if (f == FMT_ICS)
		return render_ics(fp, s, sc, names, tz);
	text(fp, s, sc);
	return 0;
}
