/*
 * render_schedule.c: the renderer of `ipt schedule': the plan of
 * schedule.c as text, one line per session, or as iCalendar (ics.c).
 */
#include <stdio.h>

#include "date.h"
#include "ics.h"
#include "schedule.h"

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
