/*
 * timeline.h: the interpersonal timeline (timeline.csv).
 *
 * Life events, losses, transitions, disputes and symptom changes, each
 * with its date, a kind and an optional mood (0-10) at the time: the
 * material of the interpersonal inventory's "what changed near the
 * onset" and of the IPT-ED and IPSRT life charts.  The file is kept in
 * date order; an event already recorded (same date and text) is refused.
 */
#ifndef IPT_TIMELINE_H
#define IPT_TIMELINE_H

#include "csvt.h"

/* Add an event; kind NULL is "other", mood may be NULL. */
int	 timeline_add(const char *dir, const char *date, const char *kind,
	    const char *mood, const char *text);
/* Sort a loaded table by date, keeping the order of a day's events. */
void	 timeline_sort(struct csv_table *);

#endif
