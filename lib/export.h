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

#define EXP_MAXCOLS	16	/* columns of the widest table */

/*
 * An export in the making.  Each client's rows are rendered as they will
 * print and wait in a spill, one a table, so that a table reads back in
 * the order it was written when the keys came in order; a spool sorts
 * the clients by key (pseudonym, or id).  Both keep to a memory budget
 * and move to a temporary file past it (spool.h): an export's memory
 * does not grow with the caseload.
 */
struct export {
	enum ipt_format		 f;		/* FMT_CSV or FMT_JSON */
	int			 deidentify;
	unsigned		 tables;	/* mask of 1 << EXP_* */
	size_t			 n;		/* clients added */
	struct spool		 keys;
	struct spill		 rows[EXP_NTABLES];	/* a table each */
	struct buf		 scratch, pre;
	const char		*indent;	/* after each JSON table */
	const char		*rowgap;	/* before each JSON row */
	unsigned char		 num[EXP_NTABLES][EXP_MAXCOLS];
	char			*key[EXP_NTABLES][EXP_MAXCOLS];	/* "name": */
	size_t			 keylen[EXP_NTABLES][EXP_MAXCOLS];
};

/* files: each table will go to its own file (export_write_dir()). */
int	 export_begin(struct export *, enum ipt_format, int deidentify,
	    unsigned tables, int files);
/* Add a client's rows; secret is used when de-identifying. */
int	 export_add(struct export *, const struct summary *,
	    const struct export_secret *);
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
int	 export_write_dir(struct export *, const char *dir);
void	 export_free(struct export *);

/*
 * Check an --output directory for export: refused inside a client
 * directory; made (mode 0700) if it does not exist but its parent does.
 */
int	 export_dir_ok(const char *dir);

#endif
