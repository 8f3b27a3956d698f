/*
 * check_int.h: what the parts of ipt check share (check.c runs them,
 * check_files.c holds the file rules, fidelity.c the fidelity findings).
 * Private to lib/check*.c and lib/fidelity.c; the API is check.h.
 */
#ifndef IPT_CHECK_INT_H
#define IPT_CHECK_INT_H

#include <stddef.h>

#include "check.h"
#include "client.h"
#include "csvt.h"
#include "episode.h"
#include "record.h"
#include "util.h"

struct instr_set;
struct variant;

#define NODUP	((size_t)-1)

/* What the rules compare of a row, parsed once by check_file(). */
struct rowkey {
	long	 num;		/* num() of the file's number (numcol[]) */
	long	 day;		/* day() of its date */
	size_t	 dup;		/* the first row before it that it repeats */
};

struct ctx {
	const char	*dir;
	struct findings	*out;
	struct client	 c;
	int		 have_client;
	const struct variant *v;
	const struct instr_set *set;
	struct csv_table t[REC_NFILES];
	int		 ok[REC_NFILES];	/* parsed, header usable */
	struct rowkey	*key[REC_NFILES];	/* one per row of t[] */
	int		 listed;		/* files is known: */
	unsigned	 files;			/* bit f: t[f]'s file is there */
	int		 history;		/* listed, and history.csv is there */
	int		 notes;			/* listed, and notes/ is there */
	int		 priv;			/* listed, and private/ is there */
	struct note_seen *note;		/* notes/NNNN.md, by number */
	size_t		 nnote;
	int		 notes_unread;		/* notes/ is there, not listed */
	struct episodes	 eps;			/* episode.h: what was read */
};

/* A note as check_notes() read it. */
struct note_seen {
	long	 number;
	char	*text;		/* NULL: not a note ipt can keep (reported) */
};

void	 check_add(struct ctx *, const char *file, size_t line,
	    enum severity, const char *fmt, ...) IPT_PRINTF(5, 6);
/* Turn a lib error "PATH[:LINE]: message" about `file' into a finding. */
void	 check_add_error(struct ctx *, const char *file, const char *msg);
/* A field of row i in column c (csv_col()), "" if there is no column. */
const char *check_cell(const struct csv_table *, size_t i, int c);
/* 1 if row i of t equals a row before it: a duplicate, to --fix too. */
int	 check_is_dup(const struct csv_table *, size_t i);
/* The file rules: parse every record file of x->dir, key its rows. */
void	 check_files(struct ctx *);
/*
 * The owner and mode of the directory and its files, and the git files
 * an interrupted init left out (check_perm.c); --fix mends them.
 */
void	 check_perm(struct ctx *);
int	 check_perm_fix(const char *dir, struct buf *log);
/* What a write of two files stopped half way left (check_done.c). */
void	 check_done(struct ctx *);
int	 check_done_fix(const char *dir, struct buf *log);
/*
 * The notes: each read once, checked as ipt session note checks a save,
 * and matched to a session (check_notes.c); check_note() then gives the
 * text of note n: 1 if there is one (*text NULL if it is not a note ipt
 * can keep), 0 if none.  check_notes_free() frees them.
 */
void	 check_notes(struct ctx *);
int	 check_note(const struct ctx *, long n, const char **text);
void	 check_notes_free(struct ctx *);
/* Signed sessions and addenda against the records (check_sign.c). */
void	 check_signatures(struct ctx *);
/* The records against their history (check_history.c). */
void	 check_history(struct ctx *, size_t first);
int	 check_history_fix(const char *dir, struct buf *log);
/* The fidelity rules of the variant (protocol.c), as findings. */
void	 check_fidelity(struct ctx *);
/* A certification profile's requirements (check_profile.c). */
struct profile;
void	 check_profile(struct ctx *, const struct profile *);

#endif
