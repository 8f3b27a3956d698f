/*
 * render.c: tables for people and for scripts.
 *
 * The table format pads columns to the widest value (counted in code
 * points), shows newlines inside a value as a visible "\n" sign and cuts
 * nothing: a person reading it must see every value.  CSV repeats the
 * file's own header so that `ipt X list --format csv' reads like the file.
 */
#include <sys/ioctl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "json.h"
#include "render.h"
#include "sign.h"
#include "util.h"

static const char *const fmt_names[] = { "table", "csv", "tsv", "json",
    "text", "md", "html", "ics" };

int
format_parse(const char *s, unsigned allowed, enum ipt_format *out)
{
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < sizeof(fmt_names) / sizeof(fmt_names[0]); i++)
		if ((allowed & (1u << i)) && strcmp(s, fmt_names[i]) == 0) {
			*out = (enum ipt_format)i;
			return 0;
		}
	for (i = 0; i < sizeof(fmt_names) / sizeof(fmt_names[0]); i++)
		if (allowed & (1u << i))
			buf_printf(&b, "%s%s", b.len ? ", " : "", fmt_names[i]);
	ipt_setusage("--format: '%s' is not one of: %s", s, b.s);
	buf_free(&b);
	return -1;
}

int
csv_formula_like(const char *s)
{
	char num[64];
	size_t n = strlen(s);

	if (*s == '\0' || strchr("=+-@\t\r", *s) == NULL || plain_decimal(s))
		return 0;
	/* A percentage (-71%) is a number to a spreadsheet, not a formula. */
	if (n >= 2 && n < sizeof(num) && s[n - 1] == '%') {
		memcpy(num, s, n - 1);
		num[n - 1] = '\0';
		return !plain_decimal(num);
	}
	return 1;
}

void
csv_safe_cell(FILE *fp, const char *s, int sep)
{
	char *q = NULL;

	s = esc_text(s);
	if (csv_formula_like(s))
		s = q = xasprintf("'%s", s);
	if (sep == ',')
		csv_write_field(fp, s, ',');
	else
		for (; *s != '\0'; s++)
			putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s,
			    fp);
	free(q);
}

/* Column indexes to print, in order. */
static size_t *
pick(const struct csv_table *t, const char *const *cols, size_t *n)
{
	size_t *ix, i, k = 0;
	int c;

	if (cols == NULL) {
		ix = xcalloc(t->ncols, sizeof(*ix));
		for (i = 0; i < t->ncols; i++)
			ix[i] = i;
		*n = t->ncols;
		return ix;
	}
	for (i = 0; cols[i] != NULL; i++)
		;
	ix = xcalloc(i, sizeof(*ix));
	for (i = 0; cols[i] != NULL; i++)
		if ((c = csv_col(t, cols[i])) != -1)
			ix[k++] = (size_t)c;
	*n = k;
	return ix;
}

/*
 * A value for one table cell: escaped (esc_text()), newlines and tabs
 * shown as spaces.
 */
static void
cell(struct buf *b, const char *s, size_t width, int last)
{
	size_t w = 0;

	s = esc_text(s);
	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\t' || *s == '\r')
			buf_addc(b, ' ');
		else
			buf_addc(b, *s);
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	}
	if (!last)
		for (; w < width + 2; w++)
			buf_addc(b, ' ');
}

void
render_row(FILE *fp, struct buf *line, const char *const *cells,
    const size_t *wid, size_t n)
{
	size_t j;

	buf_reset(line);
	for (j = 0; j < n; j++)
		cell(line, cells[j], wid[j], j + 1 == n);
	while (line->len > 0 && line->s[line->len - 1] == ' ')
		line->s[--line->len] = '\0';
	if (line->len > 0)
		fwrite(line->s, 1, line->len, fp);
	putc('\n', fp);
}

void
render_fields(FILE *fp, const char *const *keys, const char *const *vals,
    size_t n, enum ipt_format f)
{
	struct json_w w;
	size_t i;

	if (f != FMT_JSON) {
		for (i = 0; i < n; i++)
			fprintf(fp, "%s: %s\n", keys[i], esc_text(vals[i]));
		return;
	}
	jw_file(&w, fp);
	jw_obj(&w);
	for (i = 0; i < n; i++) {
		jw_key(&w, keys[i]);
		jw_str(&w, vals[i]);
	}
	jw_end(&w);
	jw_out(&w, "\n");
}

void
render_session(FILE *fp, const struct csv_table *t, size_t i,
    const struct csv_table *sigs, const struct csv_table *add,
    enum ipt_format f)
{
	const char *num = csv_get(t, i, "number"), *date = csv_get(t, i, "date");
	struct json_w w;
	long n = -1, sg;
	size_t k, c;

	(void)parse_long(num, 1, 9999, &n);
	sg = sign_find(sigs, n, date);
	if (f != FMT_JSON) {
		render_fields(fp, (const char *const *)t->cols,
		    (const char *const *)t->rows[i].f, t->ncols, f);
		if (sg != -1)
			fprintf(fp, "signed: %s by %s\n",
			    csv_get(sigs, (size_t)sg, "signed_on"),
			    esc_text(csv_get(sigs, (size_t)sg, "signed_by")));
		for (k = 0; k < add->nrows; k++) {
			if (strcmp(csv_get(add, k, "session"), num) != 0 ||
			    strcmp(csv_get(add, k, "date"), date) != 0)
				continue;
			fprintf(fp, "addendum %s: %s by %s: ",
			    csv_get(add, k, "id"), csv_get(add, k, "added_on"),
			    esc_text(csv_get(add, k, "added_by")));
			fprintf(fp, "%s\n", esc_text(csv_get(add, k, "text")));
		}
		return;
	}
	jw_file(&w, fp);
	jw_obj(&w);
	for (c = 0; c < t->ncols; c++) {
		jw_key(&w, t->cols[c]);
		jw_str(&w, t->rows[i].f[c]);
	}
	jw_key(&w, "signed");
	if (sg == -1)
		jw_null(&w);
	else {
		jw_obj(&w);
		jw_key(&w, "on");
		jw_str(&w, csv_get(sigs, (size_t)sg, "signed_on"));
		jw_key(&w, "by");
		jw_str(&w, csv_get(sigs, (size_t)sg, "signed_by"));
		jw_end(&w);
	}
	jw_key(&w, "addenda");
	jw_arr(&w);
	for (k = 0; k < add->nrows; k++) {
		if (strcmp(csv_get(add, k, "session"), num) != 0 ||
		    strcmp(csv_get(add, k, "date"), date) != 0)
			continue;
		jw_obj(&w);
		jw_key(&w, "id");
		jw_str(&w, csv_get(add, k, "id"));
		jw_key(&w, "added_on");
		jw_str(&w, csv_get(add, k, "added_on"));
		jw_key(&w, "added_by");
		jw_str(&w, csv_get(add, k, "added_by"));
		jw_key(&w, "text");
		jw_str(&w, csv_get(add, k, "text"));
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
	jw_out(&w, "\n");
}

int
render_table(FILE *fp, const struct csv_table *t, enum ipt_format f,
    const char *const *cols)
{
	size_t *ix, n, i, j, *wid;
	struct buf line = { 0 };
	struct json_w w;
	const char *v, **cells;

	ix = pick(t, cols, &n);
	switch (f) {
	case FMT_CSV:
	case FMT_TSV:
		for (i = 0; i <= t->nrows; i++) {
			for (j = 0; j < n; j++) {
				v = i == 0 ? t->cols[ix[j]] :
				    t->rows[i - 1].f[ix[j]];
				if (j > 0)
					putc(f == FMT_CSV ? ',' : '\t', fp);
				csv_safe_cell(fp, v, f == FMT_CSV ? ',' : '\t');
			}
			if (n == 1 && f == FMT_CSV && i > 0 &&
			    t->rows[i - 1].f[ix[0]][0] == '\0')
				fputs("\"\"", fp);
			putc('\n', fp);
		}
		break;
	case FMT_JSON:
		jw_file(&w, fp);
		jw_arr(&w);
		for (i = 0; i < t->nrows; i++) {
			jw_gap(&w, "\n  ");
			jw_obj(&w);
			for (j = 0; j < n; j++) {
				jw_key(&w, t->cols[ix[j]]);
				jw_str(&w, t->rows[i].f[ix[j]]);
			}
			jw_end(&w);
		}
		jw_gap(&w, "\n");
		jw_end(&w);
		jw_out(&w, "\n");
		break;
	default:
		wid = xcalloc(n ? n : 1, sizeof(*wid));
		for (j = 0; j < n; j++) {
			wid[j] = utf8_width(t->cols[ix[j]]);
			for (i = 0; i < t->nrows; i++)
				if (utf8_width(t->rows[i].f[ix[j]]) > wid[j])
					wid[j] = utf8_width(t->rows[i].f[ix[j]]);
		}
		cells = xcalloc(n ? n : 1, sizeof(*cells));
		for (i = 0; i <= t->nrows; i++) {
			for (j = 0; j < n; j++)
				cells[j] = i == 0 ? t->cols[ix[j]] :
				    t->rows[i - 1].f[ix[j]];
			render_row(fp, &line, cells, wid, n);
		}
		free(cells);
		buf_free(&line);
		free(wid);
		break;
	}
	free(ix);
	return ferror(fp) ? -1 : 0;
}

/* Columns (code points) of s[0..n). */
static size_t
cols_of(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

/* Where a wrapped line's continuation starts: under its value. */
static size_t
hang(const char *l, size_t n, long width)
{
	size_t i = 0, k;

	while (i < n && l[i] == ' ')
		i++;
	k = i;
	while (i < n && l[i] != ' ')
		i++;
	/* "label:" or an indented first word, then the spaces after it. */
	if (k > 0 || (i > 0 && l[i - 1] == ':'))
		while (i < n && l[i] == ' ')
			i++;
	else
		i = 2;
	return (long)cols_of(l, i) * 2 <= width ? cols_of(l, i) : 2;
}

void
render_wrapped(FILE *fp, const char *text, size_t len, long width)
{
	const char *l = text, *end = text + len, *nl, *p, *brk;
	size_t n, ind, room, w;

	for (; l < end; l = nl + 1) {
		if ((nl = memchr(l, '\n', (size_t)(end - l))) == NULL)
			nl = end;
		n = (size_t)(nl - l);
		if (width <= 0 || (long)cols_of(l, n) <= width) {
			fwrite(l, 1, n, fp);
			if (nl < end)
				putc('\n', fp);
			continue;
		}
		ind = hang(l, n, width);
		room = (size_t)width;
		p = l;
		for (;;) {
			/* The last space that leaves at most room columns. */
			brk = NULL;
			if (cols_of(p, (size_t)(nl - p)) <= room) {
				fwrite(p, 1, (size_t)(nl - p), fp);
				break;
			}
			for (w = 0; p + w < nl; w++) {
				if (cols_of(p, w) > room)
					break;
				if (p[w] == ' ' && w > 0 && p[w - 1] != ' ')
					brk = p + w;
			}
			/* A word longer than the room: up to its end. */
			if (brk == NULL && (brk = memchr(p, ' ',
			    (size_t)(nl - p))) == NULL) {
				fwrite(p, 1, (size_t)(nl - p), fp);
				break;
			}
			fwrite(p, 1, (size_t)(brk - p), fp);
			while (brk < nl && *brk == ' ')
				brk++;
			if (brk == nl)
				break;
			fprintf(fp, "\n%*s", (int)ind, "");
			p = brk;
			room = (size_t)width - ind;
		}
		if (nl < end)
			putc('\n', fp);
	}
}

long
render_columns(void)
{
	const char *e = getenv("COLUMNS");
	struct winsize ws;
	long n;

	if (e != NULL && *e != '\0' && parse_long(e, 20, 10000, &n) == 0)
		return n;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ,
	    &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 0;
}
