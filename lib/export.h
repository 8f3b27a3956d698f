/*
 * export.h: caseload data for people and scripts: the rows of `ipt ls'
 * and the long-format data sets of `ipt export'.
 *
 * Both are built one client at a time from a loaded summary (summary.h),
 * which the caller frees before loading the next: an ls row is a few
 * short strings, and an export keeps only the text it will print.
 *
 * Every CSV or TSV cell they write goes through csv_safe_cell(): a cell
 * that a spreadsheet would run as a formula (its first character is =,
 * +, -, @, a tab or a carriage return) is written with a single quote
 * before it, unless the whole cell is a plain decimal number such as
 * "-3" or "-0.5", which a spreadsheet reads as the number it is.
 */
#ifndef IPT_EXPORT_H
#define IPT_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "render.h"
#include "sha256.h"
#include "spool.h"
#include "util.h"

struct summary;

/* Write a CSV (sep ',') or TSV (sep '\t') cell, neutralising formulas. */
void	 csv_safe_cell(FILE *, const char *, int sep);
/* Does the cell need the quote (see above)? */
int	 csv_formula_like(const char *);

/*
 * ipt ls: one row per client.
 *
 * The columns, in order, as CSV, TSV and JSON print them: id, name,
 * therapist, variant, status, held, planned, phase, focus, last_date,
 * next_due, instrument (the variant's first instrument), score and
 * severity (its latest administration), risk (the number of open risk
 * flags), risk_detail, path.  The table for people shows id, name,
 * variant, status, session (held/planned), phase, focus, last, next,
 * score (instrument, score, severity) and flags.
 */
enum ls_col {
	LS_ID, LS_NAME, LS_THERAPIST, LS_VARIANT, LS_STATUS, LS_HELD,
	LS_PLANNED, LS_PHASE, LS_FOCUS, LS_LAST, LS_NEXT, LS_INSTRUMENT,
	LS_SCORE, LS_SEVERITY, LS_RISK, LS_RISK_DETAIL, LS_PATH, LS_NCOLS
};
extern const char *const ls_cols[LS_NCOLS + 1];

/* The columns of the table for people. */
#define LS_TCOLS	11

struct ls_row {
	const char	*f[LS_NCOLS];
};

/*
 * The rows gathered, in a spool (spool.h): the list's memory does not
 * grow with the caseload.  The widths of the table for people are kept
 * as rows come, so that it too prints a row at a time.
 */
struct ls_list {
	struct spool	 sp;
	int		 col, desc;	/* the order (see ls_begin) */
	size_t		 n;
	size_t		 wid[LS_TCOLS];	/* the table's column widths */
};

/* Filters: NULL-terminated lists of accepted values (NULL: any). */
struct ls_filter {
	const char	**status;
	const char	**variant;
	const char	*therapist;	/* substring, any case; NULL: any */
};

/* Whether a loaded client passes the filters. */
int	 ls_match(const struct summary *, const struct ls_filter *);
/*
 * Parse a --sort value: a column name (of the script formats, or
 * session, last, next, flags from the table), "-" before it to reverse.
 * A usage error if unknown.
 */
int	 ls_sort_key(const char *, int *col, int *desc);
/*
 * Begin a list sorted by the column col (numbers as numbers, empty values
 * last; desc reverses), then id and path.  col -1 is the default order:
 * clients with an open risk flag first, then by id and path.
 */
void	 ls_begin(struct ls_list *, int col, int desc);
/* Add a client's row; -1 if the spool cannot be written. */
int	 ls_add(struct ls_list *, const struct summary *, const char *path);
/* Sort and print: FMT_TABLE, FMT_CSV, FMT_TSV or FMT_JSON. */
int	 render_ls(FILE *, struct ls_list *, enum ipt_format);
void	 ls_free(struct ls_list *);

/*
 * ipt export: long tables, one row per observation, each beginning with
 * the client's id (or pseudonym).
 */
enum export_table {
	EXP_CLIENTS,
	EXP_SESSIONS,
	EXP_MEASURES,
	EXP_ITEMS,
	EXP_FOCUS,
	EXP_NTABLES
};
extern const char *const export_tables[EXP_NTABLES + 1];

#define SECRET_FILE	".ipt-secret"
#define SECRET_BYTES	32

/* A practice secret, read or made by export_secret(). */
struct export_secret {
	char		*root;
	unsigned char	 key[SECRET_BYTES];
};

/*
 * The secret of the practice at root: ROOT/.ipt-secret, 64 hexadecimal
 * digits.  When there is none and `create' is set, 32 random bytes from
 * /dev/urandom are written there (mode 0600, complete before the name
 * appears: a temporary file linked to the name, so that two exports
 * racing agree on one secret) and *created is set.  A secret file that
 * others may read is refused.
 */
int	 export_secret(const char *root, int create, struct export_secret *,
	    int *created);
void	 export_secret_free(struct export_secret *);

/* The pseudonym (16 hex digits) and the date shift of a client id. */
void	 export_pseudonym(const struct export_secret *, const char *id,
	    char out[17], long *shift);

#define EXP_MAXCOLS	16	/* columns of the widest table */

/*
 * An export in the making.  Each client's rows are rendered as they will
 * print and wait in a spill, one a table, so that a table reads back in
 * the order it was written when the keys came in order; a spool sorts the clients by key (pseudonym,
 * or id).  Both keep to a memory budget and move to a temporary file
 * past it (spool.h): an export's memory does not grow with the caseload.
 */
struct export {
	enum ipt_format		 f;		/* FMT_CSV or FMT_JSON */
	int			 deidentify;
	unsigned		 tables;	/* mask of 1 << EXP_* */
	size_t			 n;		/* clients added */
	struct spool		 keys;
	struct spill		 rows[EXP_NTABLES];	/* a table each */
	struct buf		 scratch, pre;
	const char		*indent;	/* before each JSON row */
	unsigned char		 num[EXP_NTABLES][EXP_MAXCOLS];
	char			*key[EXP_NTABLES][EXP_MAXCOLS];	/* , "name": */
	size_t			 keylen[EXP_NTABLES][EXP_MAXCOLS];
};

/* files: each table will go to its own file (export_write_dir()). */
int	 export_begin(struct export *, enum ipt_format, int deidentify,
	    unsigned tables, int files);
/* Add a client's rows; secret is used when de-identifying. */
int	 export_add(struct export *, const struct summary *,
	    const struct export_secret *);
/*
 * Print to fp: one table as CSV or a JSON array, or (JSON) every table
 * as one object.  Or write each table to DIR/TABLE.csv (or .json).
 */
int	 export_print(struct export *, FILE *);
int	 export_write_dir(struct export *, const char *dir);
void	 export_free(struct export *);

/*
 * Check an --output directory for export: refused inside a client
 * directory; made (mode 0700) if it does not exist but its parent does.
 */
int	 export_dir_ok(const char *dir);

#endif
