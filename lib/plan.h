/*
 * plan.h: the treatment goals (goals.csv) and the relapse-prevention plan
 * (relapse.csv).
 *
 * Both are numbered lists: an item's id is one more than the largest in
 * the file and is never reused while the row exists.  A goal is open
 * until it is met or dropped (the day is kept in closed_on); reopening
 * clears it.  The relapse plan lists warning signs, actions to take and
 * people to contact; it belongs to the final phase but may be written at
 * any time.
 */
#ifndef IPT_PLAN_H
#define IPT_PLAN_H

#include "csvt.h"

/* Add an open goal set on date (NULL: today); *id is its number. */
int	 goal_add(const char *dir, const char *text, const char *date,
	    long *id);
/* Close an open goal as "met" or "dropped" on date (NULL: today). */
int	 goal_close(const char *dir, const char *id, const char *status,
	    const char *date);
/* Open a closed goal again. */
int	 goal_reopen(const char *dir, const char *id);

/* Add an item of kind warning-sign, action or contact. */
int	 relapse_add(const char *dir, const char *kind, const char *text,
	    const char *date, long *id);
int	 relapse_rm(const char *dir, const char *id);
/* Sort a loaded relapse plan: warning signs, actions, contacts; by id. */
void	 relapse_sort(struct csv_table *);

#endif
