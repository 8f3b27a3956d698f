/*
 * entry.h: what an entry may say of a client's record, checked against
 * the record.
 *
 * The rules are written once here and applied twice: by the commands
 * when an entry is made (session.c, measure.c, client.c: a usage error,
 * nothing written) and by ipt check over what is already in the files
 * (check_files.c: an error), so that an entry the command refuses is one
 * check reports, in the same words, and status does not use a row check
 * calls an error (summary.c).  Each rule returns 0, or -1 with why, one
 * line naming neither file nor option (the caller adds them), in
 * why[ENTRY_WHY]:
 *
 *   session   a measure (or any row) naming a session names one of
 *             sessions.csv that was held (attended), and has its date.
 *   future    a day recorded as past (a session held, cancelled or
 *             missed, a measure given, the end of treatment) is not
 *             after today.  What is planned lives in no file.
 *   start     the start of treatment is not after the first session of
 *             sessions.csv.
 *   end       the end of treatment is not before the start, nor before
 *             a session of sessions.csv.
 */
#ifndef IPT_ENTRY_H
#define IPT_ENTRY_H

#include <stddef.h>

#include "csvt.h"

#define ENTRY_WHY	160

/*
 * Session `num' of sessions.csv held on `day' (-1: any day; then *held
 * is set to the day it was held, if held is not NULL).
 */
int	 entry_session(const struct csv_table *sessions, long num, long day,
	    long *held, char why[ENTRY_WHY]);
/* A day recorded as past is not after today (today < 0: not checked). */
int	 entry_past(long day, long today, char why[ENTRY_WHY]);
/* The start of treatment, against the sessions recorded. */
int	 entry_start(const struct csv_table *sessions, long start,
	    char why[ENTRY_WHY]);
/* The end of treatment, against the start and the sessions recorded. */
int	 entry_end(const struct csv_table *sessions, long start, long end,
	    char why[ENTRY_WHY]);

#endif
