/*
 * session.h: the sessions of a client (sessions.csv) and their notes.
 *
 * Sessions are numbered 1, 2, ... in date order; a number is never
 * reused while its row exists.  Every session row, held or not, has a
 * phase: unless given, it is the variant's phase for the ordinal of the
 * session among those held (a cancelled session does not use up a place
 * in the contract).
 */
#ifndef IPT_SESSION_H
#define IPT_SESSION_H

#include "client.h"
#include "csvt.h"

/* What session add and edit were given; NULL means not given. */
struct session_input {
	const char	*date, *kind, *attendance, *duration, *phase;
	const char	*techniques;		/* ';'-joined */
	const char	*mood, *stress, *note;
};

int	 session_add(struct client *, const struct session_input *, long *number);
int	 session_edit(struct client *, long number, const struct session_input *);
int	 session_rm(struct client *, long number);
/* Row index of session `number', or -1. */
long	 session_find(const struct csv_table *, long number);
/* Sessions held (attended) in a table. */
long	 session_held(const struct csv_table *);
/* The latest session held on or before a day; 0 if none. */
long	 session_latest_held(const struct csv_table *, long day);

/*
 * The most a note file may hold: as much as one CSV field (CSV_MAXFIELD),
 * far below what a record file may (CSV_MAXFILE).  A note is read up to a
 * byte past it, never further, and a larger one is refused.
 */
#define NOTE_MAX	(1024 * 1024)

/*
 * Session notes live in notes/NNNN.md.  note_begin() copies the note (or
 * nothing) to a private file to edit, outside the lock; note_commit()
 * puts the edited text in place atomically under the lock, if changed.
 */
int	 note_begin(struct client *, long number, char **editpath);
int	 note_commit(struct client *, long number, const char *editpath,
	    int *changed);

#endif
