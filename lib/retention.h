/*
 * retention.h: how long a practice keeps the records of a client.
 *
 * The practice's ipt.ini, section [retention] (ipt-files(5)):
 *	years = 10		after the end of treatment
 *	minors_until_age = 18	a client younger at the end is a minor
 *	minor_years = 10	and is kept this long after coming of age,
 *				when that is later
 * The defaults follow German law (10 years after the end of treatment,
 * section 630f BGB); a practice sets its own.  A client not ended is kept.
 */
#ifndef IPT_RETENTION_H
#define IPT_RETENTION_H

#include <stddef.h>

#include "client.h"

struct retention {
	long	years, minor_age, minor_years;
};

/* The rules of the practice at root (NULL: the defaults); -1 with why. */
int	 retention_load(const char *root, struct retention *);
/*
 * The last day a client's records are kept (*until), and the rule that
 * says so in rule[]; *until is -1 for a client not ended (or ended
 * without a date): kept.
 */
#define RETENTION_RULE	96
void	 retention_until(const struct client *, const struct retention *,
	    long *until, char rule[RETENTION_RULE]);

#endif
