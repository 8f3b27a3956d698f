/*
 * txn.h: one record transaction on a client directory.
 *
 * Every write command does the same five steps: lock the directory, load
 * the files it will change, change them in memory, save them in a stated
 * order, unlock.  A transaction does them once, for all:
 *
 *	struct txn tx;
 *	struct csv_table *t;
 *
 *	if (txn_begin(&tx, dir) == -1)
 *		return -1;
 *	if ((t = txn_load(&tx, REC_GOALS)) == NULL)
 *		goto out;
 *	... check every input, change *t; on a refusal, goto out ...
 *	txn_save(&tx, REC_GOALS);
 *	rc = txn_commit(&tx);
 *	out:
 *	txn_abort(&tx);		(nothing after a commit)
 *
 * The files are written in the order of the txn_save*() calls, and the
 * caller's order is its crash argument (see txn.c).  The tables belong to
 * the transaction and are freed when it ends.
 */
#ifndef IPT_TXN_H
#define IPT_TXN_H

#include <stddef.h>

#include "atomic.h"
#include "readahead.h"
#include "csvt.h"
#include "ini.h"
#include "record.h"

/* The most files one commit writes: the record files, client.ini, the
 * history, a .gitignore and the notes of every session a repair renumbers. */
#define TXN_MAX		(REC_NFILES + 3 + 9999)

enum txn_kind {
	TXN_REC,	/* a record file, by rec_save() */
	TXN_INI,	/* client.ini, read back before the rename */
	TXN_BYTES	/* a whole file of given bytes (a note, .gitignore) */
};

struct txn_item {
	enum txn_kind	 kind;
	enum rec_file	 f;		/* TXN_REC */
	const struct ini *ini;		/* TXN_INI */
	char		*sub;		/* TXN_BYTES: a subdirectory, or NULL */
	char		*name;		/* as messages name the file */
	char		*bytes;		/* TXN_BYTES: a copy */
	size_t		 len;
	int		 rm;		/* TXN_BYTES: remove the file instead */
};

struct txn {
	struct dirlock	 lock;
	struct ra_dir	*lent;		/* read-ahead lent before the lock */
	char		*dir;
	int		 active;	/* begun, not yet ended */
	const char	*misuse;	/* a misuse, refused at commit */
	int		 seal;		/* txn_seal() */
	struct csv_table tab[REC_NFILES];
	unsigned char	 loaded[REC_NFILES];
	struct txn_item	*item;		/* grown as files are named */
	size_t		 nitems;
	const char	*repair;	/* txn_repair()'s why, or NULL */
	const char	*resolve;	/* txn_resolve()'s row, or NULL */
	const char	**row_ids[REC_NFILES];	/* txn_row_ids()'s, or NULL */
};

/* Take dir's lock (atomic.h: waits for other writers, refuses links). */
int	 txn_begin(struct txn *, const char *dir);
/*
 * A record file, loaded with rec_load() the first time and the same
 * table after: NULL on failure.  Loading a file does not write it.
 */
struct csv_table *txn_load(struct txn *, enum rec_file);

/*
 * Files to write at commit, in the order of these calls; a file named
 * twice keeps its first place.  txn_save(): a table txn_load() gave.
 * txn_save_ini(): an ini to client.ini (it must live until the commit).
 * txn_save_bytes(): DIR/[SUB/]NAME holding a copy of the bytes.
 */
void	 txn_save(struct txn *, enum rec_file);
void	 txn_save_ini(struct txn *, const struct ini *);
void	 txn_save_bytes(struct txn *, const char *sub, const char *name,
	    const void *, size_t);
/* DIR/[SUB/]NAME removed at commit (a note that is no more). */
void	 txn_remove_bytes(struct txn *, const char *sub, const char *name);
/*
 * The history's row id of each row of table f as saved (ids[i] for row
 * i, NULL where unknown), for a repair that renumbers rows: the history
 * then records each change on the row it was made to, not on the row
 * that has its number now.  ids must live until the commit.
 */
void	 txn_row_ids(struct txn *, enum rec_file f, const char **ids);

/*
 * Write every file named, in order, and end the transaction (unlocked,
 * tables freed) whether it worked or not.  On failure: -1 with why, and
 * when a commit of two or more files had saved some, which ("risk.csv
 * saved; measures.csv not saved: ...").
 */
int	 txn_commit(struct txn *);
/*
 * A repair (ipt check --fix) of files that a merge or a hand edit made
 * disagree with their history: the tables saved are recorded as changes
 * from what the history says, not from the files, with why as the
 * reason.  Without it, a commit refuses a record file that disagrees.
 */
void	 txn_repair(struct txn *, const char *why);
/*
 * A person's decision on a row two clones changed differently (history.h):
 * the row as the saved table has it becomes what the history says.  A
 * commit that would change such a row without it is refused.
 */
void	 txn_resolve(struct txn *, const char *row);
/*
 * Write history.csv with a seal (seal.h) at commit if the records are
 * what it says and it has none, even when no file changes (ipt check
 * --fix: the first seal of a history written before seals).
 */
void	 txn_seal(struct txn *);
/* End the transaction writing nothing; nothing if already ended. */
void	 txn_abort(struct txn *);

/*
 * Write dir/client.ini now, read back before its rename; for a caller
 * that holds the directory lock itself (client_save(): only the benchmark
 * generator, tests/bench/gen.c, which writes whole tables it made).
 */
int	 txn_write_ini(const char *dir, const struct ini *);

#endif
