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
 * nothing) to a private file to edit, outside the lock, and remembers
 * what it copied: the note's bytes (a hash) and the session's date.
 * note_commit() puts the edited text in place atomically under the lock,
 * if changed, and only if the note and its session are still what
 * note_begin() saw: a note another process saved meanwhile, or a session
 * removed (and perhaps added again under its number), refuses the save.
 * Whenever the text is not saved, the edit copy is kept and the message
 * names it; note_begin() names the copies an earlier edit left
 * (note_edit.kept), for the caller to say.
 */
struct note_edit {
	long		 number;
	char		*path;		/* the edit copy */
	char		*date;		/* of the session at note_begin() */
	unsigned char	 base[32];	/* sha256 of the note then */
	int		 had;		/* the note existed then */
	int		 priv;		/* a private note (private_begin()) */
	char		*kept;		/* an older edit copy, or NULL */
};
int	 note_begin(struct client *, long number, struct note_edit *);
/*
 * The same for the therapist's private note of a session (HIPAA
 * psychotherapy notes): private/NNNN.md, kept apart from the record.  No
 * history (history.csv, which ipt history prints, never holds its
 * words), no signature lock; a client's .gitignore gets a line keeping
 * private/ out of git unless the practice's [private] sync is true.
 * note_commit() saves either kind.
 */
int	 private_begin(struct client *, long number, struct note_edit *);
int	 note_commit(struct client *, struct note_edit *, int *changed);
void	 note_edit_free(struct note_edit *);

#endif
