/*
 * sign.h: signed sessions and their addenda (signatures.csv, addenda.csv).
 *
 * A clinical record is corrected, not rewritten.  `ipt session sign N'
 * locks session N: its row of sessions.csv and its note (notes/NNNN.md)
 * may no longer change, and signatures.csv keeps who signed it, when, and
 * the SHA-256 of the row and of the note as they were, for ipt check to
 * find a locked row or note whose bytes changed.  A session is locked too
 * once it is more than [notes] lock_after_days days old (ipt.ini), signed
 * or not.  What is learnt later is an addendum (addenda.csv): dated, with
 * its author, shown after the session in reports; never an edit.
 *
 * A signature names its session by number and date, as measures do, so
 * that a repair renumbering sessions after a merge (check_history.c)
 * takes it along; the row's hash leaves the number out for that reason.
 */
#ifndef IPT_SIGN_H
#define IPT_SIGN_H

#include <stddef.h>

#include "client.h"
#include "csvt.h"

struct txn;

#define SIGN_HEX	65	/* 64 hexadecimal digits and a NUL */

/* [notes] lock_after_days of the practice at root (NULL: none): 0 if unset. */
int	 sign_lock_days(const char *root, long *days);
/* The SHA-256 of row i of sessions.csv as signed: all but its number. */
void	 sign_row_hash(const struct csv_table *sessions, size_t i,
	    char hex[SIGN_HEX]);
/* The same of a note's text (NULL: no note): "" for none. */
void	 sign_text_hash(const char *text, char hex[SIGN_HEX]);
/* The row of sigs that signs session number of day date, or -1. */
long	 sign_find(const struct csv_table *sigs, long number, const char *date);

/*
 * 0 if row i of sessions (loaded from c's directory) may change on day
 * today; else -1 with why: the session is signed (sigs) or older than
 * [notes] lock_after_days.  what says what was refused ("it cannot be
 * changed", "its note cannot be changed").
 */
int	 sign_may_change(const struct client *, const struct csv_table *sessions,
	    size_t i, const struct csv_table *sigs, long today,
	    const char *what);
/* The same, loading signatures.csv into the transaction. */
int	 sign_txn_may_change(struct txn *, const struct client *,
	    const struct csv_table *sessions, size_t i, const char *what);

/* Sign session number on today's date, as hist_author(). */
int	 session_sign(struct client *, long number);
/* Add an addendum to session number; *id: its number in addenda.csv. */
int	 session_addendum(struct client *, long number, const char *text,
	    long *id);

#endif
