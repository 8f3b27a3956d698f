/*
 * render_ls.c: the renderer of `ipt ls': the rows ls.c gathered, as an
 * aligned table, CSV, TSV or JSON.
 */
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "json.h"
#include "ls.h"
#include "render.h"
#include "spool.h"
#include "util.h"

static void
ls_row_out(FILE *fp, struct json_w *w, const struct ls_row *r,
    enum ipt_format f)
{
	size_t j;
	int sep = f == FMT_TSV ? '\t' : ',';

	if (f == FMT_CSV || f == FMT_TSV) {
		for (j = 0; j < LS_NCOLS; j++) {
			if (j > 0)
				putc(sep, fp);
			/* A path may hold a newline: one line each. */
			csv_safe_cell(fp, j == LS_PATH ? esc(r->f[j]) :
			    r->f[j], sep);
		}
		putc('\n', fp);
		return;
	}
	jw_gap(w, "\n  ");
	jw_obj(w);
	for (j = 0; j < LS_NCOLS; j++) {
		const char *v = r->f[j];

		jw_key(w, ls_cols[j]);
		if ((j == LS_HELD || j == LS_PLANNED || j == LS_RISK) &&
		    json_number(v))
			jw_raw(w, v, strlen(v));
		else if ((j == LS_LAST || j == LS_NEXT) && *v == '\0')
			jw_null(w);
		else
			jw_str(w, v);
	}
	jw_end(w);
}

int
render_ls(FILE *fp, struct ls_list *l, enum ipt_format f)
{
	struct ls_cells k = { 0 };
	struct ls_row r;
	struct buf line = { 0 };
	struct json_w w;
	const void *rec;
	size_t j, len;
	int rc;

	if (spool_sort(&l->sp) == -1)
		return -1;
	switch (f) {
	case FMT_CSV:
	case FMT_TSV:
		for (j = 0; j < LS_NCOLS; j++)
			fprintf(fp, "%s%s", j ? (f == FMT_CSV ? "," : "\t") :
			    "", ls_cols[j]);
		putc('\n', fp);
		break;
	case FMT_JSON:
		jw_file(&w, fp);
		jw_arr(&w);
		break;
	default:
		render_row(fp, &line, ls_thead, l->wid, LS_TCOLS);
	}
	while ((rc = spool_next(&l->sp, &rec, &len)) == 1) {
		ls_row_read(rec, &r);
		if (f == FMT_TABLE) {
			ls_cells(&k, &r);
			render_row(fp, &line, k.c, l->wid, LS_TCOLS);
		} else
			ls_row_out(fp, &w, &r, f);
	}
	if (f == FMT_JSON) {
		jw_gap(&w, "\n");
		jw_end(&w);
		jw_out(&w, "\n");
	}
	ls_cells_free(&k);
	buf_free(&line);
	if (rc == -1)
		return -1;
	return ferror(fp) ? ipt_seterrno("standard output") : 0;
}

