/*
 * export.h: the long-format data sets of `ipt export'.
 *
 * They are built one client at a time from a loaded summary (summary.h),
 * which the caller frees before loading the next: an export keeps only
 * the text it will print.  Every CSV cell goes through the formula guard
 * of csv_safe_cell() (render.h).  ls.h (the rows of `ipt ls') and
 * secret.h (the practice secret) were part of this header, and it still
 * includes them.
 */
#ifndef IPT_EXPORT_H
#define IPT_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "ls.h"
#include "render.h"
#include "secret.h"
#include "spool.h"
#include "util.h"

struct summary;
struct instr_set;

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
	EXP_OUTCOMES,
	EXP_FORMULATION,
	EXP_NTABLES
};
extern const char *const export_tables[EXP_NTABLES + 1];

#define EXP_MAXCOLS	32	/* columns of the widest table */
#define EXP_SCHEMA	2	/* the version of the tables' columns */

/* What becomes of dates: as recorded, shifted, or study days only. */
enum export_dates {
	DATES_REAL,
	DATES_SHIFTED,
	DATES_NONE
};
extern const char *const export_dates_names[];	/* "real", ... */

/*
 * An export in the making.  Each client's rows are rendered as they will
 * print and wait in a spill, one a table, so that a table reads back in
 * the order it was written when the keys came in order; a spool sorts
 * the clients by key (pseudonym, or id).  Both keep to a memory budget
 * and move to a temporary file past it (spool.h): an export's memory
 * does not grow with the caseload.
 */
/* export.deidentify: what de-identification is applied. */
#define DEID_NONE		0
#define DEID_PSEUDONYMS		1	/* --deidentify: pseudonymised */
#define DEID_SAFE_HARBOR	2	/* --deidentify=safe-harbor */
extern const char *const export_deid_names[];	/* "identified", ... */

struct export {
	enum ipt_format		 f;		/* FMT_CSV or FMT_JSON */
	int			 deidentify;	/* DEID_* */
	enum export_dates	 dates;
	long			 today;		/* the export date */
	unsigned		 tables;	/* mask of 1 << EXP_* */
	size_t			 n;		/* clients added */
	size_t			 nrows[EXP_NTABLES];	/* rows of each table */
	/*
	 * Administrations left out of a de-identified export because their
	 * instrument has no definition, and the first of them ("DIR:
	 * measures.csv:LINE: instrument 'X'").
	 */
	size_t			 dropped;
	char			*dropped_first;
	/* The last parent directory's path from its root (export.c). */
	char			*memo_parent, *memo_root, *memo_rel;
	struct spool		 keys;
	struct spill		 rows[EXP_NTABLES];	/* a table each */
	struct buf		 scratch, pre;
	const char		*indent;	/* after each JSON table */
	const char		*rowgap;	/* before each JSON row */
	char			*key[EXP_NTABLES][EXP_MAXCOLS];	/* "name": */
	size_t			 keylen[EXP_NTABLES][EXP_MAXCOLS];
};

/*
 * files: each table will go to its own file (export_write_dir()).
 * today: the export date; no shifted date falls after it.
 */
int	 export_begin(struct export *, enum ipt_format, int deidentify,
	    enum export_dates, long today, unsigned tables, int files);
/*
 * Add a client's rows.  The secret gives pseudonyms and date shifts
 * (when de-identifying or shifting dates); set holds the instruments of
 * the client's practice (the outcomes, and the values a de-identified
 * export lets through).
 */
int	 export_add(struct export *, const struct summary *,
	    const struct export_secret *, const struct instr_set *);
/*
 * Print to fp (render_export.c): one table as CSV or a JSON array, or
 * (JSON) every table as one object.  Or write each table to
 * DIR/TABLE.csv (or .json).
 */
int	 export_print(struct export *, FILE *);
/*
 * The renderer reads an export with these: a table's CSV header (its
 * column names, with a newline), appended to b; then, after a rewind,
 * each client's rows of table t in their final form (CSV lines, or a
 * part of the JSON array: json.h), in key order: 1, 0 at the end, -1 on
 * a read error.  The rows stay valid until the next call.
 */
void	 export_header(const struct export *, int t, struct buf *b);
int	 export_rewind(struct export *);
int	 export_next(struct export *, int t, const char **rows, size_t *len);
/*
 * With --output: each table to DIR/TABLE.csv (or .json), then
 * DIR/codebook.csv (every column of every table written: its type,
 * allowed values, label and unit) and DIR/manifest.json (schema and ipt
 * versions, export date, options, the de-identification applied, and
 * each file's rows and SHA-256).
 */
int	 export_write_dir(struct export *, const char *dir,
	    const char *version);
/*
 * The codebook as CSV rows into b: a header, then one row per column of
 * each table chosen (as written by this export).
 */
void	 export_codebook(const struct export *, struct buf *b);
void	 export_free(struct export *);

/*
 * Check an --output directory for export: refused inside a client
 * directory; made (mode 0700) if it does not exist but its parent does.
 */
int	 export_dir_ok(const char *dir);

#endif
