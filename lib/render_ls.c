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
		if ((j == LS_HELD || j == LS_PLANNED || j == LS_RISK ||
		    j == LS_EPISODE) &&
		    json_number(v))
			jw_raw(w, v, strlen(v));
		else if ((j == LS_LAST || j == LS_NEXT) && *v == '\0')
			jw_null(w);
		else
			jw_str(w, v);
	}
	jw_end(w);
}

/*
 * The table's columns in the order they give way to a narrow terminal:
 * the variant, focus, last session, name, phase and score go; id,
 * status, session, next and flags (RISK, DETERIORATION) always stay.
 */
static const size_t give_way[] = { 2, 6, 7, 1, 5, 9 };

/* Which columns fit `cols' (0: all); the names of those that do not. */
static void
fit(const size_t *wid, long cols, unsigned char *show, struct buf *hidden)
{
	size_t j, k, total;

	for (j = 0; j < LS_TCOLS; j++)
		show[j] = 1;
	for (k = 0; cols > 0; k++) {
		for (j = 0, total = 0; j < LS_TCOLS; j++)
			if (show[j])
				total += wid[j] + (j + 1 < LS_TCOLS ? 2 : 0);
		if (total <= (size_t)cols ||
		    k == sizeof(give_way) / sizeof(give_way[0]))
			break;
		show[give_way[k]] = 0;
		buf_printf(hidden, "%s%s", hidden->len ? ", " : "",
		    ls_thead[give_way[k]]);
	}
}

/* A row of the table with the columns shown. */
static void
shown_row(FILE *fp, struct buf *line, const char *const *c,
    const size_t *wid, const unsigned char *show)
{
	const char *cc[LS_TCOLS];
	size_t ww[LS_TCOLS], j, n = 0;

	for (j = 0; j < LS_TCOLS; j++)
		if (show[j]) {
			cc[n] = c[j];
			ww[n++] = wid[j];
		}
	render_row(fp, line, cc, ww, n);
}

int
render_ls(FILE *fp, struct ls_list *l, enum ipt_format f)
{
	struct ls_cells k = { 0 };
	struct ls_row r;
	struct buf line = { 0 }, hidden = { 0 };
	struct json_w w;
	const void *rec;
	unsigned char show[LS_TCOLS];
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
		fit(l->wid, render_columns(), show, &hidden);
		shown_row(fp, &line, ls_thead, l->wid, show);
	}
	while ((rc = spool_next(&l->sp, &rec, &len)) == 1) {
		ls_row_read(rec, &r);
		if (f == FMT_TABLE) {
			ls_cells(&k, &r);
			shown_row(fp, &line, k.c, l->wid, show);
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
	/* Said apart from the table, which a script may read. */
	if (hidden.len > 0 && rc != -1)
		fprintf(stderr, "ipt ls: %s left out to fit %ld columns "
		    "(COLUMNS); --format csv has every column\n", hidden.s,
		    render_columns());
	buf_free(&hidden);
	if (rc == -1)
		return -1;
	return ferror(fp) ? ipt_seterrno("standard output") : 0;
}

