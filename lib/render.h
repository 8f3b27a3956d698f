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
/* JSON string literal, escaped per RFC 8259. */
void	 json_str(FILE *, const char *);

#endif
