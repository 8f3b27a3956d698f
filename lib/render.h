/*
 * render.h: the output renderers, the only code in lib/ that prints.
 *
 * The renderers are these files, and no other lib/ file prints:
 *
 *	render.c		 tables of a record file (list commands),
 *				 --format, CSV and TSV cells
 *	json.c			 the JSON writer every JSON output goes through
 *	status.c		 ipt status
 *	render_ls.c		 ipt ls (the rows: ls.c)
 *	render_outcomes.c	 ipt outcomes (the counts: outcomes.c)
 *	render_remind.c		 ipt remind (the list: remind.c)
 *	render_schedule.c, ics.c ipt schedule (the plan: schedule.c)
 *	render_export.c		 ipt export (the data sets: export.c)
 *	report.c, report_outline.c, report_doc.c, report_html.c, svg.c,
 *	report_json.c		 ipt report (the model: report_model.c)
 *
 * What a renderer prints is computed by code that prints nothing
 * (summary.c, ls.c, outcomes.c, remind.c, schedule.c, export.c,
 * report_model.c); a renderer chooses the layout and the wording.  (The
 * writers of record files, csvt.c, ini.c and the write modules, write
 * files, not output; xmalloc() prints its last words before abort().)
 *
 * A table prints as aligned columns for people (FMT_TABLE), or for
 * scripts as CSV with the file's own header (FMT_CSV), TSV (tabs and
 * newlines inside fields become spaces; CSV and TSV cells through
 * csv_safe_cell()) or JSON (an array of objects, all
 * values strings, keys in header order).
 */
#ifndef IPT_RENDER_H
#define IPT_RENDER_H

#include <stdio.h>

#include "csvt.h"
#include "json.h"

struct buf;

enum ipt_format {
	FMT_TABLE,
	FMT_CSV,
	FMT_TSV,
	FMT_JSON,
	FMT_TEXT,
	FMT_MD,
	FMT_HTML,
	FMT_ICS
};

/* Parse a --format value among the allowed ones (a mask of 1 << FMT_*). */
int	 format_parse(const char *, unsigned allowed, enum ipt_format *);
/*
 * ipt history (render_history.c): dir's history.csv, oldest first, as
 * text or JSON, only file's entries and row's (an id prefix) if given.
 */
int	 render_history(FILE *, const char *dir, const char *file,
	    const char *row, enum ipt_format);
/* Print a table; cols selects and orders columns (NULL: all). */
int	 render_table(FILE *, const struct csv_table *, enum ipt_format,
	    const char *const *cols);
/*
 * One row of an aligned table (FMT_TABLE), for a renderer that prints
 * rows as they come: each cell padded to wid[] columns (as utf8_width()
 * counts them) and two spaces, escaped as esc_text() does (escape.h),
 * newlines and tabs shown as spaces, the line's trailing blanks cut.
 * line is scratch space.
 */
void	 render_row(FILE *, struct buf *line, const char *const *cells,
	    const size_t *wid, size_t n);
/*
 * The columns a table for people may take: COLUMNS when it is set (20 to
 * 10000), else the terminal's width when standard output is one, else 0
 * (no limit: a file or a pipe gets every column).
 */
long	 render_columns(void);
/*
 * Print text (lines ending in newlines) to fp, each line longer than
 * width columns broken at spaces, its continuation indented under the
 * line's value: after "label:" and its spaces, or after the first word
 * of an indented line and its spaces.  A word longer than the room is
 * left whole.  width 0: print as it is.  Text output that fits the
 * terminal (render_columns()); csv, tsv and json are never wrapped.
 */
void	 render_wrapped(FILE *, const char *text, size_t len, long width);
/*
 * One record as "key: value" lines (FMT_TEXT), or as one JSON object of
 * strings on a line (FMT_JSON): the show verbs of session, plan, focus.
 */
void	 render_fields(FILE *, const char *const *keys,
	    const char *const *vals, size_t n, enum ipt_format);
/*
 * Session row i of sessions as render_fields() shows a record, then its
 * signature (sigs, sign.h) and its addenda (add), oldest first: in text
 * "signed: DATE by NAME" and "addendum N: DATE by NAME: TEXT" lines, in
 * JSON the keys "signed" (null, or an object) and "addenda" (an array).
 */
void	 render_session(FILE *, const struct csv_table *sessions, size_t i,
	    const struct csv_table *sigs, const struct csv_table *add,
	    enum ipt_format);
/*
 * A CSV (sep ',') or TSV (sep '\t') cell: every CSV and TSV output of
 * ipt writes its cells here.  The text is escaped as esc_text() does
 * (escape.h).  A cell that a spreadsheet would run as a formula (its
 * first character is =, +, -, @, a tab or a carriage return) is then
 * written with a single quote before it, unless the whole cell is a
 * plain decimal number such as "-3" or "-0.5", which a spreadsheet reads
 * as the number it is.  In TSV, tabs and newlines become spaces.
 */
void	 csv_safe_cell(FILE *, const char *, int sep);
/* Does the cell need the quote (see above)? */
int	 csv_formula_like(const char *);

#endif
