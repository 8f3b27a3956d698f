/*
 * schedule.c: the sessions ahead of a client (see schedule.h).  Nothing
 * here prints: render_schedule.c does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
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
	if (summary_stopped(s, sc->why, sizeof(sc->why) - 30) != NULL) {
		strcat(sc->why, ": no session is planned");
		sc->none = sc->why;
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
		p->row = s->next_row + i;
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
