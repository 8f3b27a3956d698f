/*
 * history.h: the history of a client's records, history.csv.
 *
 * Every change a command makes to a record file (a row added, changed or
 * removed), to a session's note or to client.ini is also written, by the
 * record transaction (txn.c), as an entry of history.csv: who, when, what
 * and the new value of each field it changed.  Entries are only ever
 * added.  A row is known by a row id, the id of the entry that added it;
 * an entry names the entries of the row it follows (its parents), so the
 * entries of a row form a graph, as git's commits do, and a clock that is
 * wrong changes nothing.
 *
 * Folding the entries of a file gives its rows as the history says they
 * are: for each field, the values set by changes that no later change of
 * that field has seen.  One value: that is the field.  Two different
 * values: two clones changed the row differently, a conflict for a person
 * to decide (hist_row.conflict).  A removal is a change of the row's
 * existence, so a row removed on one clone and changed on the other is a
 * conflict too, and stays.  None of this depends on the order of the
 * lines, so a union merge of two clones' history.csv (git's merge=union)
 * is the history of both.
 *
 * The record files stay what they were: the current state, for awk, mlr
 * and spreadsheets.  After a merge they may disagree with the history;
 * `ipt check' says where and `ipt check --fix' repairs them from it.
 *
 * The file: each line holds the whole entry's identity, so that lines of
 * two clones interleaved by a merge still make the same entries:
 *
 *	entry,parents,row,at,author,file,op,why,field,value
 *
 * entry and row are 16 hexadecimal digits; parents are entries separated
 * by ';'; op is add, edit or rm; value has backslash, newline and
 * carriage return escaped as \\, \n and \r, so that every line is one
 * physical line.  An add of two fields or more is one compact line, field
 * "*" and value "name=value;name=value", each value with \\, \n, \r and
 * \; escaped (the note, long and free text, keeps a line of its own); any
 * other entry is a line per field it sets (a removal, none: one line with
 * an empty field).  Before 2026-12 every entry was written a line per
 * field, and a clone with an older ipt may still append such lines: a
 * reader takes both forms, mixed in one file or one entry.
 *
 * Why the compact add: the first write to a client's records (the
 * upgrade, one add per row) wrote a line per field, each repeating the
 * entry's ~130 bytes of identity, so that a history began 10 times the
 * size of the records it held, and ipt check, which reads it, cost 2.8
 * times its CPU without it.  One line per row keeps what a line per field
 * gave a merge (a line is whole or absent, and lines of one entry in any
 * order make it) at a quarter of the size: 7,479 bytes instead of 29,693
 * for 2,846 bytes of records, and check's CPU 1.4 to 1.5 times that
 * without histories (BENCHMARKS.md, issue 13).  Edits
 * keep a line per field: they set one or two, and ipt history, awk and
 * grep read them as they were.
 *
 * The seal (seal.h): the last line of the file may be
 *
 *	seal,,,,,,seal,,xh128,HISTORYHASH;RECORDSHASH
 *
 * written by a write that found the records equal to the fold of every
 * file; ipt check then skips comparing them while both hashes hold.  A
 * seal is not an entry: the reader skips it wherever it is (a union merge
 * of two clones leaves two, one in the middle), a writer drops them all
 * and appends one, so the file does not grow by seals.  It cannot hide a
 * merge: a union merge puts lines before the other clone's seal (its
 * history hash fails) or after it (it is no longer last).  Its entry
 * "seal" is not an id, so an ipt from before it refuses such a file
 * ("history.csv:N: entry: not an id of 16 hexadecimal digits") instead of
 * misreading it: the seal marks this format, and an older clone must
 * update ipt first.  Why, and what it saves: BENCHMARKS.md, issue 13.
 *
 * A session's note is the field "note.md" of its row in sessions.csv;
 * client.ini is the row "client.ini" of the file client.ini, its fields
 * "section.key".
 */
#ifndef IPT_HISTORY_H
#define IPT_HISTORY_H

#include <stddef.h>

#include "csvt.h"

#define HIST_FILE	"history.csv"
#define HIST_NOTE	"note.md"	/* the field of a session's note */
#define HIST_INI_ROW	"client.ini"	/* the row id of client.ini */
#define HIST_ROWFIELD	"*"		/* the field of a compact line */
#define HIST_SEAL	"seal"		/* the entry of a seal line (seal.h) */

struct buf;

struct hist_ent {
	char		*id;
	char		*row;
	char		*at;		/* YYYY-MM-DDTHH:MM:SSZ */
	char		*author;
	char		*file;
	char		*op;		/* add, edit, rm */
	char		*why;
	char		**parent;
	size_t		 npar;
	char		**field;
	char		**value;	/* unescaped */
	size_t		 nf;
	size_t		 cap;		/* of field and value, as read */
	size_t		 line;		/* first line in history.csv */
};

struct hist_block;

struct history {
	char		*path;
	int		 exists;	/* history.csv is there */
	struct hist_ent	*e;
	size_t		 n;
	size_t		 cap;		/* entries allocated */
	size_t		 bytes;		/* of the file read */
	size_t		 lines;		/* its rows, seals not counted */
	size_t		*seal;		/* the lines of its seals (seal.h) */
	size_t		 nseal;
	struct hist_block *arena;	/* the entries' strings */
};

/* One row as the history folds it. */
struct hist_row {
	const char	*id;
	int		 live;		/* not removed */
	int		 conflict;	/* concurrent changes disagree */
	char		*conflicts;	/* "mood, note": the fields that do */
	char		**field;	/* the row's fields, and values */
	char		**value;	/* (pointers into the entries) */
	size_t		 nf;
	const struct hist_ent *first;	/* the entry that added it */
	const struct hist_ent **head;	/* entries no other one follows */
	size_t		 nhead;
	const char	*alt;		/* a conflict: the values not shown */
};

struct hist_fold {
	struct hist_row	*r;
	size_t		 n;
};

/* Read dir/history.csv; a missing file is an empty history. */
int	 hist_load(struct history *, const char *dir);
void	 hist_free(struct history *);
/* Add an entry (copied); the caller's fields are NULL-terminated. */
void	 hist_add(struct history *, const struct hist_ent *);

/* The rows of file, in the order of their first entry. */
void	 hist_fold(const struct history *, const char *file,
	    struct hist_fold *);
void	 hist_fold_free(struct hist_fold *);
/* A field of a folded row, "" if the history never set it. */
const char *hist_value(const struct hist_row *, const char *field);
/* The row of a fold by id, or NULL. */
const struct hist_row *hist_find(const struct hist_fold *, const char *id);

/* 1 if row i of t says what folded row r says (its columns, no more). */
int	 hist_row_equal(const struct hist_row *, const struct csv_table *,
	    size_t i);
/*
 * Match each row of t to a live row of the fold holding the same values,
 * each used once: ids[i] the row id, or NULL.  The number of rows of t
 * left without one plus the live rows of the fold left unused: 0 when the
 * file says exactly what its history says.
 */
size_t	 hist_match(const struct hist_fold *, const struct csv_table *,
	    const char **ids);
/* The same, and at[i] the index of that row in the fold ((size_t)-1). */
size_t	 hist_match_at(const struct hist_fold *, const struct csv_table *,
	    const char **ids, size_t *at);
/* The column that numbers a file's rows ("number", "id"), or NULL. */
const char *hist_numbered(const char *file);
/* The columns that name a row of file (a session's number...). */
const char *const *hist_key(const char *file);
/* 1 if row i of t has the key of folded row r. */
int	 hist_same_key(const char *file, const struct hist_row *,
	    const struct csv_table *, size_t i);

/*
 * The value field had before entry e: set by its nearest ancestor, or
 * NULL if none set it.
 */
const char *hist_before(const struct history *, const struct hist_ent *,
	    const char *field);

/*
 * The row of the history a row i of t that the history does not have
 * came from: a row of its key whose entries set every value it holds (an
 * old version, or a removed row, that a merge brought back); or NULL (a
 * row made outside ipt: a hand edit, an interrupted write).
 */
const struct hist_row *hist_came_from(const struct history *,
	    const char *file, const struct hist_fold *,
	    const struct csv_table *, size_t i);

/*
 * A new entry or row id: 16 hexadecimal digits, at random; made of
 * IPT_NOW, the seed (the history's bytes) and a count when IPT_NOW is
 * set (tests: two clones writing at one pinned time make the same ids,
 * so tests of merges give each clone a time of its own).
 */
void	 hist_seed(const void *, size_t);
void	 hist_new_id(char out[17]);
/* The time entries are stamped with: IPT_NOW if set, else now, in UTC. */
void	 hist_now(char out[21]);
/* The author of changes this process makes (see hist_set_author()). */
const char *hist_author(void);
/* Set the author: IPT_AUTHOR wins over what is given; NULL: user name. */
void	 hist_set_author(const char *);
/* What changes are made by, for the entries' why ("ipt session add"). */
const char *hist_why(void);
void	 hist_set_why(const char *);

/*
 * Append the lines of entry e to b (a header first if b is empty); an add
 * whose compact line would hold more than CSV_MAXFIELD bytes in its field
 * is written a line per field.
 */
size_t	 hist_write_entry(struct buf *, const struct hist_ent *);
/*
 * The field of e (or "why", "author") whose value, escaped as history.csv
 * holds it, would be more than the CSV_MAXFIELD bytes a field may hold,
 * with that length in *len; NULL if none: ipt never writes a history it
 * could not read back.
 */
const char *hist_too_long(const struct hist_ent *, size_t *len);
/*
 * The text of dir/notes/NNNN.md as the field note.md holds it, or NULL if
 * there is none.  NULL with *bad set if it is not a note ipt can keep: not
 * a plain file, unreadable, over CSV_MAXFIELD bytes (read to a byte past,
 * never further), or not text (a NUL or other control character, invalid
 * UTF-8); ipt check reports it and nothing copies it into the history.
 */
enum {
	HIST_NOTE_OK,
	HIST_NOTE_NOTFILE,
	HIST_NOTE_UNREADABLE,
	HIST_NOTE_LARGE,
	HIST_NOTE_NOTTEXT
};
char	*hist_note_text(const char *dir, long number, int *bad);
/* The same of the note `name' in the directory open at dirfd. */
char	*hist_note_at(int dirfd, const char *name, int *bad);
/* What *bad says, as words for a message. */
const char *hist_note_why(int bad);
#define HIST_NCOLS	10	/* the columns of history.csv */
/* The header line of history.csv. */
extern const char hist_header[];

#endif
