/*
 * render.h: the output renderers, the only code in lib/ that prints.
 *
 * A table prints as aligned columns for people (FMT_TABLE), or for
 * scripts as CSV with the file's own header (FMT_CSV), TSV (tabs and
 * newlines inside fields become spaces) or JSON (an array of objects, all
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
/* Print a table; cols selects and orders columns (NULL: all). */
int	 render_table(FILE *, const struct csv_table *, enum ipt_format,
	    const char *const *cols);
/*
 * One row of an aligned table (FMT_TABLE), for a renderer that prints
 * rows as they come: each cell padded to wid[] columns (as utf8_width()
 * counts them) and two spaces, newlines and tabs shown as spaces, the
 * line's trailing blanks cut.  line is scratch space.
 */
void	 render_row(FILE *, struct buf *line, const char *const *cells,
	    const size_t *wid, size_t n);
/*
 * A member of a JSON object: "key": value, and ", " after it if comma.
 * The value is a string (json_kv), a number (json_kn) or a date, null
 * when day < 0 (json_kday).
 */
void	 json_kv(FILE *, const char *k, const char *v, int comma);
void	 json_kn(FILE *, const char *k, long n, int comma);
void	 json_kday(FILE *, const char *k, long day, int comma);

#endif
