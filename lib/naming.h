/*
 * naming.h: the words a session is named by, everywhere.
 *
 * status, schedule, remind, report and the JSON of each name a session
 * the same way (ipt(1), SESSIONS):
 *
 *   session 16 (the 14th of 16 planned, final phase)
 *
 * "session N" is always the session's number in sessions.csv, the
 * number its notes, measures and risk reviews name; it counts every
 * session recorded, cancelled and missed ones too.  "the Kth of P
 * planned" is its place in the plan: the Kth session held, of the P the
 * plan holds (a cancelled session or a no-show takes no place).  A
 * session past the plan is "the Kth, past the P planned"; one in
 * maintenance is "the Kth, maintenance".  The phase is the variant's
 * phase of that place.  JSON gives the parts: number, held (K), planned
 * (P) and phase.
 */
#ifndef IPT_NAMING_H
#define IPT_NAMING_H

#include "util.h"

#define NAMING_ORD	24

/* "1st", "2nd", "3rd", "4th", "11th", "22nd"; n >= 0. */
const char	*naming_ordinal(long n, char buf[NAMING_ORD]);
/*
 * Append the name of session `number' (0: not known, so left out) at
 * place `held' of a plan of `planned' (maintenance: no planned end),
 * in phase `phase' ("" or NULL: none).
 */
void	 naming_session(struct buf *, long number, long held, long planned,
	    const char *phase, int maintenance);
/* The place alone: "the 14th of 16 planned". */
void	 naming_place(struct buf *, long held, long planned, int maintenance);

#endif
