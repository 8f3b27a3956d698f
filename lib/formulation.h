/*
 * formulation.h: the interpersonal formulation (formulation.csv).
 *
 * The formulation links the client's symptoms to a problem area and to
 * the people and events of the interpersonal inventory and timeline, in
 * words the client accepts (Markowitz & Swartz 2007; Weissman, Markowitz
 * & Klerman 2018).  It is shared with the client at the end of the
 * initial phase and may be revised later.  Each revision is a new row,
 * numbered from 1 and dated on or after the one before: the file is
 * appended to, never rewritten, so it and the history keep every
 * version.  The last row is the formulation in force.
 */
#ifndef IPT_FORMULATION_H
#define IPT_FORMULATION_H

#include <stddef.h>

#include "client.h"
#include "csvt.h"

/* What a command was given; NULL (or 0 people, events) means not given. */
struct formulation_input {
	const char		*date;		/* of the revision; default today */
	const char		*area;		/* problem area */
	const char *const	*people;	/* inventory persons */
	size_t			 npeople;
	const char *const	*events;	/* days of timeline events */
	size_t			 nevents;
	const char		*words;		/* the client's own words */
	const char		*agreed;	/* day agreed with the client */
	const char		*text;		/* the formulation */
};

/*
 * Record the first formulation (refused if there is one: revise it).
 * The area defaults to the client's primary focus; the text is required.
 * Every person must be in the inventory and every event day in the
 * timeline.  *id is the revision's number.
 */
int	 formulation_add(const struct client *, const struct formulation_input *,
	    long *id);
/*
 * Append a revision: what is given replaces, the rest is copied from
 * the latest revision.  Refused without one (add it).
 */
int	 formulation_revise(const struct client *,
	    const struct formulation_input *, long *id);
/* The row of the latest revision on or before day (-1: any), or -1. */
long	 formulation_latest(const struct csv_table *, long day);

#endif
