/*
 * ls.h: the rows of `ipt ls', one per client.
 *
 * A row is built from a loaded summary (summary.h), which the caller
 * frees before loading the next: a row is a few short strings, kept in a
 * spool.  render_ls() (render_ls.c) prints them.
 */
#ifndef IPT_LS_H
#define IPT_LS_H

#include <stddef.h>
#include <stdio.h>

#include "render.h"
#include "spool.h"
#include "util.h"

struct summary;

/*
 * ipt ls: one row per client.
 *
 * The columns, in order, as CSV, TSV and JSON print them: id, name,
 * therapist, variant, status, held, planned, phase, focus, last_date,
 * next_due, instrument (the variant's first instrument), score and
 * severity (its latest administration), risk (the number of open risk
 * flags), risk_detail, deterioration (the instruments whose course is a
 * reliable deterioration, protocol_deteriorated(), separated by ";"),
 * path, episode (the current episode of treatment, episode.h; last, so
 * that the columns before it stay where they were).  The table for
 * people shows id, name, variant, status (", ep N" after episode 1),
 * session (held/planned), phase, focus, last, next, score (instrument,
 * score, severity) and flags ("RISK: detail", "WORSE: instruments").
 */
enum ls_col {
	LS_ID, LS_NAME, LS_THERAPIST, LS_VARIANT, LS_STATUS, LS_HELD,
	LS_PLANNED, LS_PHASE, LS_FOCUS, LS_LAST, LS_NEXT, LS_INSTRUMENT,
	LS_SCORE, LS_SEVERITY, LS_RISK, LS_RISK_DETAIL, LS_DETERIORATION,
	LS_PATH, LS_EPISODE, LS_NCOLS
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
 * clients with an open risk flag first, then those with a reliable
 * deterioration, then by id and path.
 */
void	 ls_begin(struct ls_list *, int col, int desc);
/* Add a client's row; -1 if the spool cannot be written. */
int	 ls_add(struct ls_list *, const struct summary *, const char *path);
void	 ls_free(struct ls_list *);

/* A row as the spool holds it, read back. */
void	 ls_row_read(const void *rec, struct ls_row *);

/* The cells of a row in the table for people, and their heading. */
extern const char *const ls_thead[LS_TCOLS];
struct ls_cells {
	const char	*c[LS_TCOLS];
	struct buf	 session, score, flags, status;
};
void	 ls_cells(struct ls_cells *, const struct ls_row *);
void	 ls_cells_free(struct ls_cells *);

/*
 * Sort and print (render_ls.c): FMT_TABLE, FMT_CSV, FMT_TSV or
 * FMT_JSON.
 */
int	 render_ls(FILE *, struct ls_list *, enum ipt_format);

#endif
