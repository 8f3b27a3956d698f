/*
 * schedule.h: the sessions ahead of a client, and their renderer.
 *
 * The plan: the next session falls due one interval (frequency_days)
 * after the last session held, or on the start date when none has been
 * held, and each later one an interval after the one before.  A session
 * already overdue is planned for today (keeping the date it fell due),
 * and the rest follow it.  A client in treatment has the sessions left of
 * the plan (planned_sessions less the sessions held); a client in
 * maintenance has no planned end, and SCHEDULE_MAINTENANCE sessions are
 * shown unless a count is given.  A paused or ended client, or one who
 * has held every planned session, has none: `none' says why.
 */
#ifndef IPT_SCHEDULE_H
#define IPT_SCHEDULE_H

#include <stdio.h>

#include "render.h"
#include "summary.h"

#define SCHEDULE_MAINTENANCE	6
#define SCHEDULE_MAX		999	/* largest --count */

struct planned {
	long		 number;	/* ordinal of the session held */
	long		 row;		/* its number in sessions.csv, if
					   every session before it is held */
	long		 day;		/* planned day */
	long		 due;		/* day it fell due (< day if overdue) */
	const char	*phase;		/* variant_phase() */
};

struct schedule {
	struct planned	*v;
	size_t		 n;
	long		 planned;	/* of the plan; 0 in maintenance */
	const char	*none;		/* why nothing is planned, or NULL */
	char		 why[160];	/* where none may point */
};

/* Plan from a loaded summary; count 0: the default. */
void	 schedule_plan(struct schedule *, const struct summary *, long count);
void	 schedule_free(struct schedule *);

struct ics_tz;

/*
 * Print the plan (render_schedule.c) as text (FMT_TEXT: one line per
 * session) or iCalendar (FMT_ICS, ics.h).  names 0 leaves the client's
 * name out; tz (NULL or no tzid: floating) is the appointments' zone.
 */
int	 render_schedule(FILE *, const struct summary *,
	    const struct schedule *, enum ipt_format, int names,
	    const struct ics_tz *tz);

#endif
