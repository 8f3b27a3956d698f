/*
 * schedule.c: the sessions ahead of a client (see schedule.h), and the
 * text renderer of `ipt schedule' (ics.c renders iCalendar).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "ics.h"
#include "schedule.h"
#include "util.h"
#include "variant.h"

void
schedule_plan(struct schedule *sc, const struct summary *s, long count)
{
	const char *st = s->c.status;
	long n, i, first;
	int maint = strcmp(st, "maintenance") == 0;

	memset(sc, 0, sizeof(*sc));
	if (strcmp(st, "paused") == 0) {
		sc->none = "the client is paused: no session is planned";
		return;
	}
	if (strcmp(st, "ended") == 0) {
		sc->none = "the client has ended: no session is planned";
		return;
	}
	if (!maint && s->held >= s->c.planned) {
		sc->none = "every planned session has been held: end, extend "
		    "the plan or contract maintenance";
		return;
	}
	if (s->next_due < 0) {
		sc->none = "no session is planned";
		return;
	}
	if (maint)
		n = count > 0 ? count : SCHEDULE_MAINTENANCE;
	else {
		n = s->c.planned - s->held;
		if (count > 0 && count < n)
			n = count;
		sc->planned = s->c.planned;
	}
	first = s->next_due < s->today ? s->today : s->next_due;
	sc->v = xcalloc((size_t)n, sizeof(*sc->v));
	for (i = 0; i < n; i++) {
		struct planned *p = &sc->v[sc->n++];

		p->number = s->next_number + i;
		p->day = first + i * s->c.frequency;
		p->due = i == 0 ? s->next_due : p->day;
		p->phase = variant_phase(s->v, s->c.planned, p->number, st);
		if (p->phase == NULL)
			p->phase = "";
	}
}

void
schedule_free(struct schedule *sc)
{
	free(sc->v);
	memset(sc, 0, sizeof(*sc));
}

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

int
render_schedule(FILE *fp, const struct summary *s, const struct schedule *sc,
    enum ipt_format f, int names)
{
	if (f == FMT_ICS)
		return render_schedule_ics(fp, s, sc, names);
	text(fp, sc);
	return 0;
}
