/*
 * report_doc.c: the document primitives of the report, a renderer (see
 * report_int.h): title, section, key-value lines, tables, lists and
 * paragraphs, each printed as text, Markdown or HTML.
 *
 * Text fits 80 columns: tables too wide for it print as one block per
 * row, and free text is wrapped.  Markdown escapes every character of
 * free text that could start markup.  HTML escapes all text.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"
#include "svg.h"
#include "util.h"

/*
 * Text helpers: wrapping at WIDTH columns.
 */

/* Bytes of the UTF-8 sequence starting at s. */
static size_t
u8len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4, i;

	for (i = 1; i < n; i++)
		if (s[i] == '\0')
			return i;
	return n;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Print text with its white space collapsed, wrapped at WIDTH columns:
 * the cursor stands at column col, continuation lines begin at indent.
 * Ends without a newline; returns the column reached.
 */
size_t
doc_wrap(FILE *fp, const char *s, size_t col, size_t indent)
{
	int first = 1;
	size_t ww, n, i;
	const char *w;

	for (;;) {
		while (is_space((unsigned char)*s))
			s++;
		if (*s == '\0')
			break;
		for (w = s, ww = 0; *s != '\0' && !is_space((unsigned char)*s);
		    s += u8len(s))
			ww++;
		if (!first && col + 1 + ww > WIDTH) {
			fprintf(fp, "\n%*s", (int)indent, "");
			col = indent;
			first = 1;
		}
		if (!first) {
			putc(' ', fp);
			col++;
		}
		first = 0;
		while (w < s) {
			if (col >= WIDTH) {
				fprintf(fp, "\n%*s", (int)indent, "");
				col = indent;
			}
			n = u8len(w);
			for (i = 0; i < n; i++)
				if ((unsigned char)w[i] >= 0x20)
					putc(w[i], fp);
			w += n;
			col++;
		}
	}
	return col;
}

/* Pad to a width with spaces, counting code points. */
static void
pad(FILE *fp, const char *s, size_t width)
{
	size_t w = 0;

	for (; *s != '\0'; s++) {
		putc(is_space((unsigned char)*s) ? ' ' : *s, fp);
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	}
	for (; w < width; w++)
		putc(' ', fp);
}

/*
 * Markdown: escape every character that may start inline markup (or end
 * a table cell), and turn line breaks into spaces (a cell is one line).
 * Escaped text never begins a line, so block markup ("- ", "1. ", "#")
 * cannot start inside it.
 */
void
doc_md_esc(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		if (is_space((unsigned char)*s)) {
			putc(' ', fp);
			continue;
		}
		if (strchr("\\`*_[]<>|~&$", *s) != NULL)
			putc('\\', fp);
		putc(*s, fp);
	}
}

/*
 * Document primitives.
 */

void
doc_close_block(struct doc *d)
{
	d->after_table = 0;
	if (d->block == B_NONE)
		return;
	if (d->f == FMT_HTML)
		fputs(d->block == B_KV ? "</table>\n" : "</ul>\n", d->fp);
	else if (d->f == FMT_MD)
		putc('\n', d->fp);
	d->block = B_NONE;
}

void
doc_open_block(struct doc *d, enum block b)
{
	if (d->block == b)
		return;
	if (d->f == FMT_TEXT && b == B_LIST && d->after_table)
		putc('\n', d->fp);
	doc_close_block(d);
	d->block = b;
	if (d->f == FMT_HTML)
		fputs(b == B_KV ? "<table class=\"kv\">\n" : "<ul>\n", d->fp);
}

void
d_section(struct doc *d, const char *title)
{
	const char *p;
	size_t i;

	doc_close_block(d);
	switch (d->f) {
	case FMT_HTML:
		/* An id from the title, for links into the file. */
		fputs("<h2 id=\"", d->fp);
		for (p = title; *p != '\0'; p++)
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
			    *p <= 'Z'))
				putc(*p | 0x20, d->fp);
			else if (*p == ' ' || *p == '-')
				putc('-', d->fp);
		fputs("\">", d->fp);
		html_esc(d->fp, title);
		fputs("</h2>\n", d->fp);
		break;
	case FMT_MD:
		fputs("## ", d->fp);
		doc_md_esc(d->fp, title);
		fputs("\n\n", d->fp);
		break;
	default:
		fprintf(d->fp, "\n%s\n", title);
		for (i = utf8_width(title); i > 0; i--)
			putc('-', d->fp);
		putc('\n', d->fp);
	}
}

void
d_sub(struct doc *d, const char *title)
{
	doc_close_block(d);
	switch (d->f) {
	case FMT_HTML:
		fputs("<h3>", d->fp);
		html_esc(d->fp, title);
		fputs("</h3>\n", d->fp);
		break;
	case FMT_MD:
		fputs("### ", d->fp);
		doc_md_esc(d->fp, title);
		fputs("\n\n", d->fp);
		break;
	default:
		fputs("\n", d->fp);
		doc_wrap(d->fp, title, 0, 2);
		putc('\n', d->fp);
	}
}

#define KEYW	16		/* text: width of a key column */

void
d_kv(struct doc *d, const char *key, const char *value)
{
	doc_open_block(d, B_KV);
	switch (d->f) {
	case FMT_HTML:
		fputs("<tr><th>", d->fp);
		html_esc(d->fp, key);
		fputs("</th><td>", d->fp);
		html_esc(d->fp, value);
		fputs("</td></tr>\n", d->fp);
		break;
	case FMT_MD:
		fputs("- **", d->fp);
		doc_md_esc(d->fp, key);
		fputs(":** ", d->fp);
		doc_md_esc(d->fp, value);
		putc('\n', d->fp);
		break;
	default:
		fputs("  ", d->fp);
		pad(d->fp, key, KEYW);
		doc_wrap(d->fp, value, KEYW + 2, KEYW + 2);
		putc('\n', d->fp);
	}
}

void
d_kvf(struct doc *d, const char *key, const char *fmt, ...)
{
	va_list ap;
	char *v;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	v = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(v, (size_t)n + 1, fmt, ap);
	va_end(ap);
	d_kv(d, key, v);
	free(v);
}

void
d_item(struct doc *d, const char *text)
{
	doc_open_block(d, B_LIST);
	switch (d->f) {
	case FMT_HTML:
		fputs("<li>", d->fp);
		html_esc(d->fp, text);
		fputs("</li>\n", d->fp);
		break;
	case FMT_MD:
		fputs("- ", d->fp);
		doc_md_esc(d->fp, text);
		putc('\n', d->fp);
		break;
	default:
		fputs("  - ", d->fp);
		doc_wrap(d->fp, text, 4, 4);
		putc('\n', d->fp);
	}
}

void
d_para(struct doc *d, const char *text)
{
	doc_close_block(d);
	switch (d->f) {
	case FMT_HTML:
		fputs("<p>", d->fp);
		html_esc(d->fp, text);
		fputs("</p>\n", d->fp);
		break;
	case FMT_MD:
		doc_md_esc(d->fp, text);
		fputs("\n\n", d->fp);
		break;
	default:
		fputs("  ", d->fp);
		doc_wrap(d->fp, text, 2, 2);
		putc('\n', d->fp);
	}
}

void
d_table(struct doc *d, size_t ncol, const char *const *head)
{
	size_t j;

	doc_close_block(d);
	d->ncol = ncol;
	d->head = xcalloc(ncol, sizeof(*d->head));
	for (j = 0; j < ncol; j++)
		d->head[j] = xstrdup(head[j]);
	d->cell = NULL;
	d->nrow = 0;
}

void
d_row(struct doc *d, const char *const *cells)
{
	size_t j;

	d->cell = xreallocarray(d->cell, (d->nrow + 1) * d->ncol,
	    sizeof(*d->cell));
	for (j = 0; j < d->ncol; j++)
		d->cell[d->nrow * d->ncol + j] = xstrdup(cells[j]);
	d->nrow++;
}

static size_t
flat_width(const char *s)
{
	return utf8_width(s);
}

static void
text_table(struct doc *d)
{
	size_t *w = xcalloc(d->ncol, sizeof(*w)), i, j, start, keyw;
	FILE *fp = d->fp;

	for (j = 0; j < d->ncol; j++) {
		w[j] = flat_width(d->head[j]);
		for (i = 0; i < d->nrow; i++)
			if (flat_width(d->cell[i * d->ncol + j]) > w[j])
				w[j] = flat_width(d->cell[i * d->ncol + j]);
	}
	for (start = 2, j = 0; j + 1 < d->ncol; j++)
		start += w[j] + 2;
	if (start + w[d->ncol - 1] <= WIDTH || start <= WIDTH - 28) {
		/* Aligned columns; the last one wraps if it must. */
		for (i = 0; i <= d->nrow + 1; i++) {
			fputs("  ", fp);
			for (j = 0; j < d->ncol; j++) {
				const char *v = i == 0 ? d->head[j] : i == 1 ?
				    "" : d->cell[(i - 2) * d->ncol + j];

				if (i == 1) {
					size_t k, n = w[j];

					if (j + 1 == d->ncol && start + n > WIDTH)
						n = WIDTH - start;
					for (k = 0; k < n; k++)
						putc('-', fp);
					if (j + 1 < d->ncol)
						fputs("  ", fp);
				} else if (j + 1 < d->ncol) {
					pad(fp, v, w[j] + 2);
				} else
					doc_wrap(fp, v, start, start);
			}
			putc('\n', fp);
		}
	} else {
		/* One block per row: "key  value" lines. */
		for (keyw = 0, j = 0; j < d->ncol; j++)
			if (flat_width(d->head[j]) > keyw)
				keyw = flat_width(d->head[j]);
		for (i = 0; i < d->nrow; i++) {
			if (i > 0)
				putc('\n', fp);
			for (j = 0; j < d->ncol; j++) {
				fputs("  ", fp);
				pad(fp, d->head[j], keyw + 2);
				doc_wrap(fp, d->cell[i * d->ncol + j], keyw + 4,
				    keyw + 4);
				putc('\n', fp);
			}
		}
	}
	free(w);
}

void
d_table_end(struct doc *d)
{
	size_t i, j;
	FILE *fp = d->fp;

	switch (d->f) {
	case FMT_HTML:
		fputs("<table class=\"data\">\n<thead><tr>", fp);
		for (j = 0; j < d->ncol; j++) {
			fputs("<th>", fp);
			html_esc(fp, d->head[j]);
			fputs("</th>", fp);
		}
		fputs("</tr></thead>\n<tbody>\n", fp);
		for (i = 0; i < d->nrow; i++) {
			fputs("<tr>", fp);
			for (j = 0; j < d->ncol; j++) {
				fputs("<td>", fp);
				html_esc(fp, d->cell[i * d->ncol + j]);
				fputs("</td>", fp);
			}
			fputs("</tr>\n", fp);
		}
		fputs("</tbody>\n</table>\n", fp);
		break;
	case FMT_MD:
		for (i = 0; i <= d->nrow + 1; i++) {
			fputs("|", fp);
			for (j = 0; j < d->ncol; j++) {
				if (i == 1) {
					fputs(" --- |", fp);
					continue;
				}
				putc(' ', fp);
				doc_md_esc(fp, i == 0 ? d->head[j] :
				    d->cell[(i - 2) * d->ncol + j]);
				fputs(" |", fp);
			}
			putc('\n', fp);
		}
		putc('\n', fp);
		break;
	default:
		text_table(d);
	}
	for (j = 0; j < d->ncol; j++)
		free(d->head[j]);
	for (i = 0; i < d->nrow * d->ncol; i++)
		free(d->cell[i]);
	free(d->head);
	free(d->cell);
	d->head = d->cell = NULL;
	d->nrow = d->ncol = 0;
	d->after_table = 1;
}
