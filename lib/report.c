/*
 * report.c: the report of one client, as text, Markdown, HTML or JSON.
 *
 * The human formats share one outline, written through a handful of
 * document primitives (title, section, key-value lines, tables, lists,
 * paragraphs) that each format renders its own way:
 *
 *	title, open risk flags, client and plan, sessions (attendance,
 *	mood and stress), focus and its history, measures (one block per
 *	instrument: chart, baseline, latest, change, response, remission,
 *	reliable change, administrations), interpersonal inventory (each
 *	person's first and latest ratings), timeline, goals, the
 *	relapse-prevention plan or, for a client whose acute treatment is
 *	over, the termination summary, and the next steps.
 *
 * Text fits 80 columns: tables too wide for it print as one block per
 * row, and free text is wrapped.  Markdown escapes every character of
 * free text that could start markup.  HTML escapes all text and holds
 * its style and charts inline.  JSON is written by its own function.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "client.h"
#include "csvt.h"
#include "date.h"
#include "instrument.h"
#include "record.h"
#include "report.h"
#include "status.h"
#include "summary.h"
#include "svg.h"
#include "util.h"
#include "variant.h"

#define WIDTH	80		/* columns of the text report */
#define SPARK	48		/* most points in a sparkline */

/* One administration of an instrument. */
struct point {
	long		 day;
	long		 session;	/* 0 if none */
	double		 v;
	int		 risk;
	size_t		 row;		/* in measures.csv */
};

/* One instrument's administrations in date order, and its value axis. */
struct series {
	const struct course	*c;
	const struct instrument	*in;	/* NULL if not defined */
	struct point		*p;
	size_t			 n;
	double			 lo, hi;
};

/* A person of the inventory: rows of the first and latest ratings. */
struct person {
	const char	*name;
	size_t		 first, last, n;
};

/* The first session held in a phase. */
struct pmark {
	long		 day;
	long		 session;
	const char	*phase;
};

enum block {
	B_NONE,
	B_KV,
	B_LIST
};

struct doc {
	FILE			*fp;
	enum ipt_format		 f;
	const struct summary	*s;
	const struct instr_set	*set;
	struct series		*ser;
	size_t			 nser;
	struct person		*ppl;
	size_t			 nppl;
	struct pmark		*ph;
	size_t			 nph;
	long			 xmin, xmax;	/* days spanned by the charts */
	int			 closing;	/* termination summary */
	long			 nmaint;	/* maintenance sessions held */
	long			 met, dropped;
	enum block		 block;		/* open list or key-value block */
	int			 after_table;	/* text: a table just ended */
	/* The table being collected. */
	size_t			 ncol;
	char			**head;
	char			**cell;		/* nrow * ncol */
	size_t			 nrow;
};

/*
 * Helpers.
 */

static int
list_has(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; (p = strstr(p, name)) != NULL; p += n)
		if ((p == list || p[-1] == ';') && (p[n] == '\0' || p[n] == ';'))
			return 1;
	return 0;
}

static long
day_of(const char *s)
{
	long d;

	return date_parse(s, &d) == 0 ? d : -1;
}

static long
num_of(const char *s, long min, long max)
{
	long n;

	return parse_long(s, min, max, &n) == 0 ? n : -1;
}

/* A value in an instrument's units, or NAN. */
static double
value_of(const struct instrument *in, const char *s)
{
	long v;
	char *end;
	double d;

	if (in != NULL)
		return instr_parse_value(in, s, &v) == 0 ?
		    (double)v / (double)in->scale : NAN;
	d = strtod(s, &end);
	return *s != '\0' && *end == '\0' ? d : NAN;
}

/* Sort row indexes by a date column, keeping file order among equals. */
static void
sort_rows(const struct csv_table *t, const char *col, size_t *ix, size_t n)
{
	size_t i, j, tmp;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && day_of(csv_get(t, ix[j - 1], col)) >
		    day_of(csv_get(t, ix[j], col)); j--) {
			tmp = ix[j];
			ix[j] = ix[j - 1];
			ix[j - 1] = tmp;
		}
}

static size_t *
rows_by_date(const struct csv_table *t, const char *col)
{
	size_t *ix = xcalloc(t->nrows ? t->nrows : 1, sizeof(*ix)), i;

	for (i = 0; i < t->nrows; i++)
		ix[i] = i;
	sort_rows(t, col, ix, t->nrows);
	return ix;
}

/*
 * The model: series, people, phases.
 */

static void
build_series(struct doc *d)
{
	const struct summary *s = d->s;
	const struct csv_table *m = &s->measures;
	size_t *ix = rows_by_date(m, "date"), i, k;

	d->ser = xcalloc(s->ncourse ? s->ncourse : 1, sizeof(*d->ser));
	d->nser = s->ncourse;
	for (k = 0; k < s->ncourse; k++) {
		struct series *se = &d->ser[k];

		se->c = &s->course[k];
		se->in = d->set != NULL ? instr_find(d->set,
		    se->c->instrument) : NULL;
		se->p = xcalloc(se->c->n ? se->c->n : 1, sizeof(*se->p));
		for (i = 0; i < m->nrows; i++) {
			size_t r = ix[i];
			struct point *p;
			double v;

			if (strcmp(csv_get(m, r, "instrument"),
			    se->c->instrument) != 0)
				continue;
			v = value_of(se->in, csv_get(m, r, "total"));
			if (isnan(v) || se->n >= se->c->n)
				continue;
			p = &se->p[se->n++];
			p->day = day_of(csv_get(m, r, "date"));
			p->session = num_of(csv_get(m, r, "session"), 1, 9999);
			if (p->session < 0)
				p->session = 0;
			p->v = v;
			p->risk = list_has(csv_get(m, r, "flags"), "risk");
			p->row = r;
		}
		if (se->in != NULL) {
			se->lo = (double)se->in->tmin / (double)se->in->scale;
			se->hi = (double)se->in->tmax / (double)se->in->scale;
		} else {
			se->lo = se->hi = se->n > 0 ? se->p[0].v : 0;
			for (i = 0; i < se->n; i++) {
				if (se->p[i].v < se->lo)
					se->lo = se->p[i].v;
				if (se->p[i].v > se->hi)
					se->hi = se->p[i].v;
			}
		}
		if (se->hi <= se->lo)
			se->hi = se->lo + 1;
	}
	free(ix);
}

static void
build_people(struct doc *d)
{
	const struct csv_table *t = &d->s->inventory;
	size_t i, k;

	d->ppl = xcalloc(t->nrows ? t->nrows : 1, sizeof(*d->ppl));
	for (i = 0; i < t->nrows; i++) {
		const char *name = csv_get(t, i, "person");
		struct person *p = NULL;

		for (k = 0; k < d->nppl; k++)
			if (strcmp(d->ppl[k].name, name) == 0)
				p = &d->ppl[k];
		if (p == NULL) {
			p = &d->ppl[d->nppl++];
			p->name = name;
			p->first = p->last = i;
			p->n = 1;
			continue;
		}
		p->n++;
		if (day_of(csv_get(t, i, "date")) <
		    day_of(csv_get(t, p->first, "date")))
			p->first = i;
		if (day_of(csv_get(t, i, "date")) >=
		    day_of(csv_get(t, p->last, "date")))
			p->last = i;
	}
}

static void
build_phases(struct doc *d)
{
	const struct summary *s = d->s;
	const struct csv_table *t = &s->sessions;
	size_t *ix = rows_by_date(t, "date"), i;

	d->ph = xcalloc(t->nrows ? t->nrows : 1, sizeof(*d->ph));
	for (i = 0; i < t->nrows; i++) {
		size_t r = ix[i];
		const char *ph = csv_get(t, r, "phase");

		if (strcmp(csv_get(t, r, "attendance"), "attended") != 0)
			continue;
		if (strcmp(csv_get(t, r, "kind"), "maintenance") == 0)
			d->nmaint++;
		if (d->nph > 0 && strcmp(d->ph[d->nph - 1].phase, ph) == 0)
			continue;
		d->ph[d->nph].day = day_of(csv_get(t, r, "date"));
		d->ph[d->nph].session = num_of(csv_get(t, r, "number"), 1,
		    9999);
		d->ph[d->nph].phase = ph;
		d->nph++;
	}
	free(ix);
}

static void
build(struct doc *d)
{
	const struct summary *s = d->s;
	size_t i, k;
	long x;

	build_series(d);
	build_people(d);
	build_phases(d);
	d->xmin = d->xmax = -1;
	for (i = 0; i < s->sessions.nrows; i++) {
		x = day_of(csv_get(&s->sessions, i, "date"));
		if (d->xmin < 0 || x < d->xmin)
			d->xmin = x;
		if (x > d->xmax)
			d->xmax = x;
	}
	for (k = 0; k < d->nser; k++)
		for (i = 0; i < d->ser[k].n; i++) {
			x = d->ser[k].p[i].day;
			if (d->xmin < 0 || x < d->xmin)
				d->xmin = x;
			if (x > d->xmax)
				d->xmax = x;
		}
	if (d->xmin < 0)
		d->xmin = d->xmax = s->c.start_day;
	for (i = 0; i < s->goals.nrows; i++) {
		const char *st = csv_get(&s->goals, i, "status");

		if (strcmp(st, "met") == 0)
			d->met++;
		else if (strcmp(st, "dropped") == 0)
			d->dropped++;
	}
	d->closing = strcmp(s->c.status, "ended") == 0 ||
	    strcmp(s->c.status, "maintenance") == 0;
}

static void
model_free(struct doc *d)
{
	size_t k;

	for (k = 0; k < d->nser; k++)
		free(d->ser[k].p);
	free(d->ser);
	free(d->ppl);
	free(d->ph);
}

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
static size_t
wrap(FILE *fp, const char *s, size_t col, size_t indent)
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
static void
md_esc(FILE *fp, const char *s)
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

static void
close_block(struct doc *d)
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

static void
open_block(struct doc *d, enum block b)
{
	if (d->block == b)
		return;
	if (d->f == FMT_TEXT && b == B_LIST && d->after_table)
		putc('\n', d->fp);
	close_block(d);
	d->block = b;
	if (d->f == FMT_HTML)
		fputs(b == B_KV ? "<table class=\"kv\">\n" : "<ul>\n", d->fp);
}

static void
d_section(struct doc *d, const char *title)
{
	const char *p;
	size_t i;

	close_block(d);
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
		md_esc(d->fp, title);
		fputs("\n\n", d->fp);
		break;
	default:
		fprintf(d->fp, "\n%s\n", title);
		for (i = utf8_width(title); i > 0; i--)
			putc('-', d->fp);
		putc('\n', d->fp);
	}
}

static void
d_sub(struct doc *d, const char *title)
{
	close_block(d);
	switch (d->f) {
	case FMT_HTML:
		fputs("<h3>", d->fp);
		html_esc(d->fp, title);
		fputs("</h3>\n", d->fp);
		break;
	case FMT_MD:
		fputs("### ", d->fp);
		md_esc(d->fp, title);
		fputs("\n\n", d->fp);
		break;
	default:
		fputs("\n", d->fp);
		wrap(d->fp, title, 0, 2);
		putc('\n', d->fp);
	}
}

#define KEYW	16		/* text: width of a key column */

static void
d_kv(struct doc *d, const char *key, const char *value)
{
	open_block(d, B_KV);
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
		md_esc(d->fp, key);
		fputs(":** ", d->fp);
		md_esc(d->fp, value);
		putc('\n', d->fp);
		break;
	default:
		fputs("  ", d->fp);
		pad(d->fp, key, KEYW);
		wrap(d->fp, value, KEYW + 2, KEYW + 2);
		putc('\n', d->fp);
	}
}

static void
d_kvf(struct doc *d, const char *key, const char *fmt, ...) IPT_PRINTF(3, 4);

static void
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

static void
d_item(struct doc *d, const char *text)
{
	open_block(d, B_LIST);
	switch (d->f) {
	case FMT_HTML:
		fputs("<li>", d->fp);
		html_esc(d->fp, text);
		fputs("</li>\n", d->fp);
		break;
	case FMT_MD:
		fputs("- ", d->fp);
		md_esc(d->fp, text);
		putc('\n', d->fp);
		break;
	default:
		fputs("  - ", d->fp);
		wrap(d->fp, text, 4, 4);
		putc('\n', d->fp);
	}
}

static void
d_para(struct doc *d, const char *text)
{
	close_block(d);
	switch (d->f) {
	case FMT_HTML:
		fputs("<p>", d->fp);
		html_esc(d->fp, text);
		fputs("</p>\n", d->fp);
		break;
	case FMT_MD:
		md_esc(d->fp, text);
		fputs("\n\n", d->fp);
		break;
	default:
		fputs("  ", d->fp);
		wrap(d->fp, text, 2, 2);
		putc('\n', d->fp);
	}
}

static void
d_table(struct doc *d, size_t ncol, const char *const *head)
{
	size_t j;

	close_block(d);
	d->ncol = ncol;
	d->head = xcalloc(ncol, sizeof(*d->head));
	for (j = 0; j < ncol; j++)
		d->head[j] = xstrdup(head[j]);
	d->cell = NULL;
	d->nrow = 0;
}

static void
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
					wrap(fp, v, start, start);
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
				wrap(fp, d->cell[i * d->ncol + j], keyw + 4,
				    keyw + 4);
				putc('\n', fp);
			}
		}
	}
	free(w);
}

static void
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
				md_esc(fp, i == 0 ? d->head[j] :
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

/*
 * Sparklines and charts.
 */

static const char *const spark_chars[8] = { "\u2581", "\u2582", "\u2583",
    "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };

/* A sparkline of values on [lo, hi]: the last SPARK points at most. */
static void
sparkline(struct buf *b, const double *v, size_t n, double lo, double hi)
{
	size_t i = n > SPARK ? n - SPARK : 0;
	long k;

	if (n > SPARK)
		buf_adds(b, "\u2026");
	for (; i < n; i++) {
		k = lround((v[i] - lo) / (hi - lo) * 7);
		k = k < 0 ? 0 : k > 7 ? 7 : k;
		buf_adds(b, spark_chars[k]);
	}
}

static void
series_spark(struct buf *b, const struct series *se)
{
	double *v = xcalloc(se->n ? se->n : 1, sizeof(*v));
	size_t i;

	for (i = 0; i < se->n; i++)
		v[i] = se->p[i].v;
	sparkline(b, v, se->n, se->lo, se->hi);
	free(v);
}

static struct svg_mark *
chart_marks(const struct doc *d)
{
	struct svg_mark *mk = xcalloc(d->nph ? d->nph : 1, sizeof(*mk));
	size_t i;

	for (i = 0; i < d->nph; i++) {
		mk[i].x = d->ph[i].day;
		mk[i].label = d->ph[i].phase;
	}
	return mk;
}

/* Band level 0 (best) to 4 (worst) by position and direction. */
static int
band_level(const struct instrument *in, size_t i)
{
	size_t k = in->higher_better ? in->nbands - 1 - i : i;

	return in->nbands <= 1 ? 0 : (int)(k * 4 / (in->nbands - 1));
}

static void
instrument_chart(struct doc *d, const struct series *se)
{
	struct svg_chart c = { 0 };
	struct svg_series line = { 0 };
	struct svg_point *pt = xcalloc(se->n ? se->n : 1, sizeof(*pt));
	struct svg_band *bd = NULL;
	struct svg_mark *mk = chart_marks(d);
	char *title;
	size_t i;

	close_block(d);
	for (i = 0; i < se->n; i++) {
		pt[i].x = se->p[i].day;
		pt[i].y = se->p[i].v;
		pt[i].risk = se->p[i].risk;
		pt[i].session = se->p[i].session;
	}
	if (se->in != NULL && se->in->nbands > 0) {
		const struct instrument *in = se->in;
		double half = 0.5 / (double)in->scale;

		bd = xcalloc(in->nbands, sizeof(*bd));
		for (i = 0; i < in->nbands; i++) {
			bd[i].lo = (double)in->band[i].lo / (double)in->scale -
			    half;
			bd[i].hi = (double)in->band[i].hi / (double)in->scale +
			    half;
			bd[i].name = in->band[i].name;
			bd[i].level = band_level(in, i);
		}
		c.band = bd;
		c.nband = in->nbands;
	}
	title = xasprintf("%s scores by date, %s is better",
	    se->c->instrument, se->c->higher_better ? "higher" : "lower");
	line.name = se->c->instrument;
	line.color = "#1f4e9a";
	line.p = pt;
	line.n = se->n;
	c.title = title;
	c.xmin = d->xmin;
	c.xmax = d->xmax;
	c.ymin = se->lo;
	c.ymax = se->hi;
	c.mark = mk;
	c.nmark = d->nph;
	c.series = &line;
	c.nseries = 1;
	fputs("<figure>\n", d->fp);
	svg_chart(d->fp, &c);
	fputs("<figcaption>", d->fp);
	html_esc(d->fp, title);
	fputs("; numbers under the axis are sessions, dashed lines the "
	    "start of a phase, <span class=\"ring\">red rings</span> an "
	    "administration with a risk item positive.</figcaption>\n"
	    "</figure>\n", d->fp);
	free(title);
	free(pt);
	free(bd);
	free(mk);
}

/* Mood and stress (0-10) of the sessions that rated them. */
static size_t
rating_points(const struct doc *d, const char *col, struct svg_point *pt,
    double *v)
{
	const struct csv_table *t = &d->s->sessions;
	size_t *ix = rows_by_date(t, "date"), i, n = 0;
	long r;

	for (i = 0; i < t->nrows; i++) {
		if ((r = num_of(csv_get(t, ix[i], col), 0, 10)) < 0)
			continue;
		if (pt != NULL) {
			pt[n].x = day_of(csv_get(t, ix[i], "date"));
			pt[n].y = (double)r;
			pt[n].session = num_of(csv_get(t, ix[i], "number"), 1,
			    9999);
		}
		if (v != NULL)
			v[n] = (double)r;
		n++;
	}
	free(ix);
	return n;
}

static void
mood_chart(struct doc *d)
{
	const struct csv_table *t = &d->s->sessions;
	size_t n = t->nrows ? t->nrows : 1;
	struct svg_point *mp = xcalloc(n, sizeof(*mp));
	struct svg_point *sp = xcalloc(n, sizeof(*sp));
	struct svg_series ser[2];
	struct svg_chart c = { 0 };
	struct svg_mark *mk = chart_marks(d);

	close_block(d);
	ser[0].name = "mood";
	ser[0].color = "#1f4e9a";
	ser[0].p = mp;
	ser[0].n = rating_points(d, "mood", mp, NULL);
	ser[1].name = "stress";
	ser[1].color = "#b35900";
	ser[1].p = sp;
	ser[1].n = rating_points(d, "stress", sp, NULL);
	if (ser[0].n + ser[1].n > 0) {
		c.title = "mood and stress (0-10) by date";
		c.xmin = d->xmin;
		c.xmax = d->xmax;
		c.ymin = 0;
		c.ymax = 10;
		c.mark = mk;
		c.nmark = d->nph;
		c.series = ser;
		c.nseries = 2;
		fputs("<figure>\n", d->fp);
		svg_chart(d->fp, &c);
		fputs("<figcaption>Mood (<span class=\"mood\">blue</span>, "
		    "higher is better) and stress (<span class=\"stress\">"
		    "orange</span>, higher is worse) rated at sessions, 0 to "
		    "10.</figcaption>\n</figure>\n", d->fp);
	}
	free(mp);
	free(sp);
	free(mk);
}

/*
 * Sections.
 */

static void
d_title(struct doc *d)
{
	const struct summary *s = d->s;
	char today[DATE_LEN];
	char *t;
	size_t i;

	date_format(s->today, today);
	t = xasprintf("IPT %s report: %s%s%s%s", d->closing ? "termination" :
	    "progress", s->c.id, *s->c.name ? " (" : "", s->c.name,
	    *s->c.name ? ")" : "");
	switch (d->f) {
	case FMT_HTML:
		fputs("<h1>", d->fp);
		html_esc(d->fp, t);
		fprintf(d->fp, "</h1>\n<p class=\"date\">Report date %s</p>\n",
		    today);
		break;
	case FMT_MD:
		fputs("# ", d->fp);
		md_esc(d->fp, t);
		fprintf(d->fp, "\n\nReport date %s\n\n", today);
		break;
	default:
		wrap(d->fp, t, 0, 0);
		fprintf(d->fp, "\nReport date %s\n", today);
		for (i = 0; i < WIDTH; i++)
			putc('=', d->fp);
		putc('\n', d->fp);
	}
	free(t);
}

static void
sec_risk(struct doc *d)
{
	const struct summary *s = d->s;
	char sess[32];
	char *t;
	size_t i;

	for (i = 0; i < s->nrisk; i++) {
		const struct risk_open *r = &s->risk_open[i];

		snprintf(sess, sizeof(sess), " (session %ld)", r->session);
		t = xasprintf("%s %s on %s%s is open: review it (ipt risk "
		    "review).", r->instrument, r->detail, r->date,
		    r->session > 0 ? sess : "");
		switch (d->f) {
		case FMT_HTML:
			fputs("<p class=\"risk\"><strong>RISK</strong> ", d->fp);
			html_esc(d->fp, t);
			fputs("</p>\n", d->fp);
			break;
		case FMT_MD:
			fputs("> **RISK:** ", d->fp);
			md_esc(d->fp, t);
			fputs("\n\n", d->fp);
			break;
		default:
			fputs("RISK: ", d->fp);
			wrap(d->fp, t, 6, 6);
			putc('\n', d->fp);
		}
		free(t);
	}
}

static void
sec_client(struct doc *d)
{
	const struct summary *s = d->s;

	d_section(d, "Client and plan");
	d_kvf(d, "client", "%s%s%s%s", s->c.id, *s->c.name ? " (" : "",
	    s->c.name, *s->c.name ? ")" : "");
	if (*s->c.therapist)
		d_kv(d, "therapist", s->c.therapist);
	d_kvf(d, "variant", "%s (%s)", s->c.variant, s->v->title);
	d_kv(d, "status", s->c.status);
	d_kv(d, "start", s->c.start);
	if (s->c.frequency == 1)
		d_kvf(d, "plan", "%ld session%s, every day", s->c.planned,
		    s->c.planned == 1 ? "" : "s");
	else
		d_kvf(d, "plan", "%ld session%s, every %ld days",
		    s->c.planned, s->c.planned == 1 ? "" : "s",
		    s->c.frequency);
	d_kvf(d, "in treatment", "%ld week%s", s->weeks,
	    s->weeks == 1 ? "" : "s");
}

static void
sec_sessions(struct doc *d)
{
	const struct summary *s = d->s;
	const struct csv_table *t = &s->sessions;
	char day[DATE_LEN];
	struct buf b = { 0 };
	double *v;
	size_t i, n;
	long scheduled = s->held + s->cancelled + s->noshow;

	d_section(d, "Sessions");
	d_kv(d, "phase", *s->phase ? s->phase : "not started");
	d_kvf(d, "held", "%ld of %ld planned%s", s->held, s->c.planned,
	    s->held > s->c.planned ? " (extended)" : "");
	if (scheduled > 0)
		d_kvf(d, "attendance", "%ld attended, %ld cancelled, %ld "
		    "no-show (%ld%% attended)", s->held, s->cancelled,
		    s->noshow, (s->held * 100 + scheduled / 2) / scheduled);
	else
		d_kv(d, "attendance", "no session yet");
	if (s->last_held > 0) {
		date_format(s->last_day, day);
		d_kvf(d, "last", "session %ld on %s", s->last_held, day);
	}
	if (s->next_due >= 0) {
		date_format(s->next_due, day);
		d_kvf(d, "next", "session %ld (%ld of %ld, %s) due %s",
		    s->next_row, s->next_number, s->c.planned, s->next_phase,
		    day);
	} else
		d_kv(d, "next", "none planned");
	if (d->nmaint > 0)
		d_kvf(d, "maintenance", "%ld maintenance session%s held",
		    d->nmaint, d->nmaint == 1 ? "" : "s");
	if (t->nrows == 0)
		return;
	v = xcalloc(t->nrows, sizeof(*v));
	if (d->f == FMT_HTML)
		mood_chart(d);
	else
		for (i = 0; i < 2; i++) {
			const char *col = i == 0 ? "mood" : "stress";

			if ((n = rating_points(d, col, NULL, v)) == 0)
				continue;
			buf_reset(&b);
			if (d->f == FMT_MD)
				buf_addc(&b, '`');
			sparkline(&b, v, n, 0, 10);
			if (d->f == FMT_MD)
				buf_addc(&b, '`');
			buf_printf(&b, " %g to %g over %zu rating%s (0-10, "
			    "%s is better)", v[0], v[n - 1], n,
			    n == 1 ? "" : "s", i == 0 ? "higher" : "lower");
			if (d->f == FMT_MD) {
				open_block(d, B_KV);
				fprintf(d->fp, "- **%s:** %s\n", col, b.s);
			} else
				d_kv(d, col, b.s);
		}
	buf_free(&b);
	free(v);
}

static void
sec_log(struct doc *d)
{
	const struct csv_table *t = &d->s->sessions;
	static const char *const head[] = { "session", "date", "kind",
	    "attendance", "phase", "mood", "stress" };
	const char *cells[7];
	size_t i;

	if (t->nrows == 0)
		return;
	d_section(d, "Session log");
	d_table(d, 7, head);
	for (i = 0; i < t->nrows; i++) {
		cells[0] = csv_get(t, i, "number");
		cells[1] = csv_get(t, i, "date");
		cells[2] = csv_get(t, i, "kind");
		cells[3] = csv_get(t, i, "attendance");
		cells[4] = csv_get(t, i, "phase");
		cells[5] = csv_get(t, i, "mood");
		cells[6] = csv_get(t, i, "stress");
		d_row(d, cells);
	}
	d_table_end(d);
}

static void
sec_focus(struct doc *d)
{
	const struct summary *s = d->s;
	const struct csv_table *t = &s->focus;
	static const char *const head[] = { "date", "session", "primary",
	    "secondary", "note" };
	const char *cells[5];
	size_t i;

	d_section(d, "Focus");
	if (*s->c.primary)
		d_kvf(d, "current", "%s%s%s since %s", s->c.primary,
		    *s->c.secondary ? ", secondary " : "", s->c.secondary,
		    s->c.focus_set_on);
	else
		d_kv(d, "current", "not chosen");
	if (t->nrows == 0)
		return;
	d_table(d, 5, head);
	for (i = 0; i < t->nrows; i++) {
		cells[0] = csv_get(t, i, "date");
		cells[1] = csv_get(t, i, "session");
		cells[2] = csv_get(t, i, "primary");
		cells[3] = csv_get(t, i, "secondary");
		cells[4] = csv_get(t, i, "note");
		d_row(d, cells);
	}
	d_table_end(d);
}

static void
course_line(struct buf *b, const struct course *c)
{
	buf_printf(b, "%s %s%s%s%s to %s%s%s%s", c->instrument, c->first_total,
	    *c->first_band ? " (" : "", c->first_band,
	    *c->first_band ? ")" : "", c->last_total,
	    *c->last_band ? " (" : "", c->last_band, *c->last_band ? ")" : "");
	if (*c->change)
		buf_printf(b, ", change %s%s%s%s", c->change, *c->pct ? " (" :
		    "", c->pct, *c->pct ? ")" : "");
	if (*c->response)
		buf_printf(b, ", response %s", c->response);
	if (*c->remission)
		buf_printf(b, ", remission %s", c->remission);
	if (*c->reliable)
		buf_printf(b, ", reliable change: %s", c->reliable);
}

static void
sec_measures(struct doc *d)
{
	const struct summary *s = d->s;
	const struct csv_table *m = &s->measures;
	static const char *const head[] = { "date", "session", "total",
	    "severity", "flags" };
	const char *cells[5];
	struct buf b = { 0 };
	size_t k, i;

	d_section(d, "Measures");
	if (d->nser == 0) {
		d_para(d, "No instrument administered yet.");
		return;
	}
	for (k = 0; k < d->nser; k++) {
		const struct series *se = &d->ser[k];
		const struct course *c = se->c;

		buf_reset(&b);
		buf_printf(&b, "%s: %s", c->instrument, se->in != NULL ?
		    se->in->title : "(no definition)");
		d_sub(d, b.s);
		if (d->f == FMT_HTML)
			instrument_chart(d, se);
		else if (se->n > 0) {
			buf_reset(&b);
			if (d->f == FMT_MD)
				buf_addc(&b, '`');
			series_spark(&b, se);
			if (d->f == FMT_MD)
				buf_addc(&b, '`');
			buf_printf(&b, " on %g to %g", se->lo, se->hi);
			if (d->f == FMT_MD) {
				open_block(d, B_KV);
				fprintf(d->fp, "- **trend:** %s\n", b.s);
			} else
				d_kv(d, "trend", b.s);
		}
		d_kvf(d, "given", "%zu time%s, %s to %s", c->n,
		    c->n == 1 ? "" : "s", c->first_date, c->last_date);
		d_kvf(d, "baseline", "%s%s%s%s on %s", c->first_total,
		    *c->first_band ? " (" : "", c->first_band,
		    *c->first_band ? ")" : "", c->first_date);
		if (c->n > 1) {
			d_kvf(d, "latest", "%s%s%s%s on %s", c->last_total,
			    *c->last_band ? " (" : "", c->last_band,
			    *c->last_band ? ")" : "", c->last_date);
			d_kvf(d, "change", "%s%s%s%s, %s is better",
			    *c->change ? c->change : "-", *c->pct ? " (" : "",
			    c->pct, *c->pct ? ")" : "",
			    c->higher_better ? "higher" : "lower");
			if (*c->response)
				d_kv(d, "response", c->response);
			if (*c->remission)
				d_kv(d, "remission", c->remission);
			if (*c->reliable)
				d_kv(d, "reliable change", c->reliable);
		}
		if (d->f == FMT_TEXT) {
			buf_reset(&b);
			for (i = 0; i < se->n; i++) {
				const struct point *p = &se->p[i];

				if (p->session > 0)
					buf_printf(&b, "%ss%ld=%s%s", i ? ", " :
					    "", p->session, csv_get(m, p->row,
					    "total"), p->risk ? " RISK" : "");
				else
					buf_printf(&b, "%s%s=%s%s", i ? ", " :
					    "", csv_get(m, p->row, "date"),
					    csv_get(m, p->row, "total"),
					    p->risk ? " RISK" : "");
			}
			d_kv(d, "scores", b.s);
			continue;
		}
		d_table(d, 5, head);
		for (i = 0; i < se->n; i++) {
			size_t r = se->p[i].row;

			cells[0] = csv_get(m, r, "date");
			cells[1] = csv_get(m, r, "session");
			cells[2] = csv_get(m, r, "total");
			cells[3] = csv_get(m, r, "severity");
			cells[4] = csv_get(m, r, "flags");
			d_row(d, cells);
		}
		d_table_end(d);
	}
	buf_free(&b);
}

/* "3 → 4 (+1)", "4", or "-". */
static void
rating(struct buf *b, const char *first, const char *last, size_t n)
{
	long a = num_of(first, 1, 5), z = num_of(last, 1, 5);

	buf_reset(b);
	if (n > 1 && a > 0 && z > 0 && a == z)
		buf_printf(b, "%ld\u2192%ld (0)", a, z);
	else if (n > 1 && a > 0 && z > 0)
		buf_printf(b, "%ld\u2192%ld (%+ld)", a, z, z - a);
	else if (z > 0)
		buf_printf(b, "%ld", z);
	else
		buf_adds(b, "-");
}

static void
sec_inventory(struct doc *d)
{
	const struct csv_table *t = &d->s->inventory;
	static const char *const head[] = { "person", "relationship",
	    "contact", "ratings", "closeness", "support", "conflict" };
	/* Text: the one free-text column last, where it may wrap. */
	static const char *const thead[] = { "person", "ratings",
	    "closeness", "support", "conflict", "relationship, contact" };
	static const char *const rk[] = { "closeness", "support", "conflict" };
	struct buf r[3] = { { 0 }, { 0 }, { 0 } }, b = { 0 }, rc = { 0 };
	const char *cells[7];
	char nr[32];
	size_t k, j;

	d_section(d, "Interpersonal inventory");
	if (d->nppl == 0) {
		d_para(d, "No one recorded yet.");
		return;
	}
	d_para(d, "Ratings from 1 to 5, first\u2192latest (change): higher "
	    "is closer, more support, more conflict.  Each person's first "
	    "rating is the baseline.");
	if (d->f == FMT_TEXT)
		d_table(d, 6, thead);
	else
		d_table(d, 7, head);
	for (k = 0; k < d->nppl; k++) {
		const struct person *p = &d->ppl[k];
		const char *rel = csv_get(t, p->last, "relationship");
		const char *con = csv_get(t, p->last, "contact");

		for (j = 0; j < 3; j++)
			rating(&r[j], csv_get(t, p->first, rk[j]),
			    csv_get(t, p->last, rk[j]), p->n);
		snprintf(nr, sizeof(nr), "%zu", p->n);
		if (d->f == FMT_TEXT) {
			buf_reset(&rc);
			buf_printf(&rc, "%s%s%s", rel, *con ? "; " : "", con);
			cells[0] = p->name;
			cells[1] = nr;
			cells[2] = r[0].s;
			cells[3] = r[1].s;
			cells[4] = r[2].s;
			cells[5] = rc.s;
		} else {
			cells[0] = p->name;
			cells[1] = rel;
			cells[2] = con;
			cells[3] = nr;
			cells[4] = r[0].s;
			cells[5] = r[1].s;
			cells[6] = r[2].s;
		}
		d_row(d, cells);
	}
	d_table_end(d);
	for (k = 0; k < d->nppl; k++) {
		const struct person *p = &d->ppl[k];
		const char *sat = csv_get(t, p->last, "satisfying");
		const char *uns = csv_get(t, p->last, "unsatisfying");
		const char *chg = csv_get(t, p->last, "changes_wanted");

		if (!*sat && !*uns && !*chg)
			continue;
		buf_reset(&b);
		buf_printf(&b, "%s:", p->name);
		if (*sat)
			buf_printf(&b, " satisfying: %s.", sat);
		if (*uns)
			buf_printf(&b, " unsatisfying: %s.", uns);
		if (*chg)
			buf_printf(&b, " changes wanted: %s.", chg);
		d_item(d, b.s);
	}
	for (j = 0; j < 3; j++)
		buf_free(&r[j]);
	buf_free(&b);
	buf_free(&rc);
}

static void
sec_timeline(struct doc *d)
{
	const struct csv_table *t = &d->s->timeline;
	static const char *const head[] = { "date", "kind", "mood", "event" };
	const char *cells[4];
	size_t *ix, i;

	d_section(d, "Interpersonal timeline");
	if (t->nrows == 0) {
		d_para(d, "No event recorded yet.");
		return;
	}
	ix = rows_by_date(t, "date");
	d_table(d, 4, head);
	for (i = 0; i < t->nrows; i++) {
		cells[0] = csv_get(t, ix[i], "date");
		cells[1] = csv_get(t, ix[i], "kind");
		cells[2] = csv_get(t, ix[i], "mood");
		cells[3] = csv_get(t, ix[i], "event");
		d_row(d, cells);
	}
	d_table_end(d);
	free(ix);
}

static void
sec_goals(struct doc *d)
{
	const struct csv_table *t = &d->s->goals;
	static const char *const head[] = { "goal", "status", "set on",
	    "closed on", "text" };
	const char *cells[5];
	size_t i;

	d_section(d, "Goals");
	if (t->nrows == 0) {
		d_para(d, "No goal recorded yet.");
		return;
	}
	d_kvf(d, "goals", "%zu: %ld open, %ld met, %ld dropped", t->nrows,
	    d->s->open_goals, d->met, d->dropped);
	d_table(d, 5, head);
	for (i = 0; i < t->nrows; i++) {
		cells[0] = csv_get(t, i, "id");
		cells[1] = csv_get(t, i, "status");
		cells[2] = csv_get(t, i, "set_on");
		cells[3] = csv_get(t, i, "closed_on");
		cells[4] = csv_get(t, i, "goal");
		d_row(d, cells);
	}
	d_table_end(d);
}

static const char *const relapse_order[] = { "warning-sign", "action",
    "contact", NULL };

static void
relapse_table(struct doc *d)
{
	const struct csv_table *t = &d->s->relapse;
	static const char *const head[] = { "kind", "date", "point" };
	const char *cells[3];
	size_t i, k;

	if (t->nrows == 0) {
		d_para(d, "No relapse-prevention point recorded.");
		return;
	}
	d_table(d, 3, head);
	for (k = 0; relapse_order[k] != NULL; k++)
		for (i = 0; i < t->nrows; i++) {
			if (strcmp(csv_get(t, i, "kind"), relapse_order[k]) != 0)
				continue;
			cells[0] = relapse_order[k];
			cells[1] = csv_get(t, i, "date");
			cells[2] = csv_get(t, i, "text");
			d_row(d, cells);
		}
	d_table_end(d);
}

static void
sec_relapse(struct doc *d)
{
	if (d->s->relapse.nrows == 0)
		return;
	d_section(d, "Relapse-prevention plan");
	relapse_table(d);
}

static const char *
maintenance_text(const struct doc *d, char *b, size_t len)
{
	if (strcmp(d->s->c.status, "maintenance") == 0)
		return "agreed (the client is in maintenance)";
	if (d->nmaint > 0) {
		snprintf(b, len, "agreed (%ld maintenance session%s held)",
		    d->nmaint, d->nmaint == 1 ? "" : "s");
		return b;
	}
	return "not agreed";
}

static void
sec_termination(struct doc *d)
{
	const struct summary *s = d->s;
	const struct csv_table *inv = &s->inventory;
	static const char *const rk[] = { "closeness", "support", "conflict" };
	struct buf b = { 0 };
	double *v;
	char mb[64];
	size_t k, j, n;

	d_section(d, "Termination summary");
	d_kvf(d, "treatment", "%ld of %ld planned sessions held, %ld "
	    "cancelled, %ld no-show; status %s", s->held, s->c.planned,
	    s->cancelled, s->noshow, s->c.status);
	d_kv(d, "maintenance", maintenance_text(d, mb, sizeof(mb)));
	d_sub(d, "What changed");
	for (k = 0; k < s->ncourse; k++) {
		if (s->course[k].n < 2)
			continue;
		buf_reset(&b);
		course_line(&b, &s->course[k]);
		d_item(d, b.s);
	}
	v = xcalloc(s->sessions.nrows ? s->sessions.nrows : 1, sizeof(*v));
	for (j = 0; j < 2; j++) {
		const char *col = j == 0 ? "mood" : "stress";

		if ((n = rating_points(d, col, NULL, v)) < 2)
			continue;
		buf_reset(&b);
		buf_printf(&b, "%s rated at sessions: %g to %g", col, v[0],
		    v[n - 1]);
		d_item(d, b.s);
	}
	free(v);
	for (k = 0; k < d->nppl; k++) {
		const struct person *p = &d->ppl[k];
		int any = 0;

		if (p->n < 2)
			continue;
		buf_reset(&b);
		buf_printf(&b, "%s (%s):", p->name, csv_get(inv, p->last,
		    "relationship"));
		for (j = 0; j < 3; j++) {
			long a = num_of(csv_get(inv, p->first, rk[j]), 1, 5);
			long z = num_of(csv_get(inv, p->last, rk[j]), 1, 5);

			if (a < 0 || z < 0 || a == z)
				continue;
			buf_printf(&b, "%s %s %ld to %ld", any ? "," : "", rk[j],
			    a, z);
			any = 1;
		}
		if (any)
			d_item(d, b.s);
	}
	if (s->goals.nrows > 0) {
		buf_reset(&b);
		buf_printf(&b, "goals: %ld of %zu met, %ld dropped, %ld open",
		    d->met, s->goals.nrows, d->dropped, s->open_goals);
		d_item(d, b.s);
	}
	d_sub(d, "Relapse prevention");
	relapse_table(d);
	buf_free(&b);
}

static void
sec_reminders(struct doc *d)
{
	const struct summary *s = d->s;
	static const char *const head[] = { "urgency", "date", "kind",
	    "what" };
	const char *cells[4];
	char day[DATE_LEN];
	size_t i;

	if (s->nrem == 0)
		return;
	d_section(d, "Next steps");
	d_table(d, 4, head);
	for (i = 0; i < s->nrem; i++) {
		date_format(s->rem[i].day, day);
		cells[0] = urgency_name(s->rem[i].urgency);
		cells[1] = s->rem[i].day >= 0 ? day : "";
		cells[2] = s->rem[i].kind;
		cells[3] = s->rem[i].message;
		d_row(d, cells);
	}
	d_table_end(d);
}

/*
 * HTML page.
 */

static const char html_style[] =
"body{font-family:Georgia,'Times New Roman',serif;color:#111;"
"max-width:46em;margin:1.5em auto;padding:0 1em;line-height:1.4}\n"
"h1{font-size:1.5em;margin-bottom:0}\n"
"h2{font-size:1.2em;border-bottom:1px solid #888;margin-top:1.6em}\n"
"h3{font-size:1.05em;margin-bottom:.3em}\n"
"p.date{margin-top:.2em;color:#444}\n"
"p.risk{border:2px solid #c00000;background:#fde8e8;color:#7a0000;"
"padding:.5em .7em;font-family:sans-serif}\n"
"table{border-collapse:collapse;margin:.5em 0;font-family:sans-serif;"
"font-size:.85em}\n"
"table.data th,table.data td{border:1px solid #bbb;padding:.15em .45em;"
"text-align:left;vertical-align:top;white-space:pre-line}\n"
"table.data th{background:#eee}\n"
"table.data td:not(:last-child){white-space:nowrap}\n"
"table.kv th{text-align:left;font-weight:normal;color:#444;"
"padding:.1em 1em .1em 0;vertical-align:top}\n"
"table.kv td{padding:.1em 0}\n"
"figure{margin:.5em 0}\n"
"figure svg{max-width:100%;height:auto}\n"
"figcaption{font-family:sans-serif;font-size:.8em;color:#444}\n"
".ring{color:#c00000}.mood{color:#1f4e9a}.stress{color:#b35900}\n"
"@media print{body{max-width:none;margin:0;font-size:10pt}"
"h2,h3{break-after:avoid}figure,table.kv,tr{break-inside:avoid}"
"p.risk,table.data th,svg{-webkit-print-color-adjust:exact;"
"print-color-adjust:exact}}\n"
"@page{margin:15mm}\n";

static void
html_head(struct doc *d)
{
	const struct summary *s = d->s;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n"
	    "<title>", d->fp);
	fprintf(d->fp, "IPT %s report: ", d->closing ? "termination" :
	    "progress");
	html_esc(d->fp, s->c.id);
	fputs("</title>\n<style>\n", d->fp);
	fputs(html_style, d->fp);
	fputs("</style>\n</head>\n<body>\n", d->fp);
}

static void
human(struct doc *d)
{
	if (d->f == FMT_HTML)
		html_head(d);
	d_title(d);
	sec_risk(d);
	sec_client(d);
	sec_sessions(d);
	sec_measures(d);
	sec_focus(d);
	sec_inventory(d);
	sec_timeline(d);
	sec_goals(d);
	if (d->closing)
		sec_termination(d);
	else
		sec_relapse(d);
	sec_reminders(d);
	sec_log(d);
	close_block(d);
	if (d->f == FMT_HTML)
		fputs("</body>\n</html>\n", d->fp);
}

/*
 * JSON.
 */

/* A number, or null when n < 0 (unset). */
static void
jnum(FILE *fp, const char *k, long n, int comma)
{
	json_str(fp, k);
	if (n < 0)
		fputs(": null", fp);
	else
		fprintf(fp, ": %ld", n);
	if (comma)
		fputs(", ", fp);
}

/* A column as a number (0..max) or null. */
static void
jcol(FILE *fp, const struct csv_table *t, size_t r, const char *col,
    long max, int comma)
{
	jnum(fp, col, num_of(csv_get(t, r, col), 0, max), comma);
}

static void
jlist(FILE *fp, const char *k, const char *list, int comma)
{
	const char *p, *q;
	char *w;
	int first = 1;

	json_str(fp, k);
	fputs(": [", fp);
	for (p = list; *p != '\0'; p = *q ? q + 1 : q) {
		q = strchr(p, ';');
		if (q == NULL)
			q = p + strlen(p);
		w = xstrndup(p, (size_t)(q - p));
		if (!first)
			fputs(", ", fp);
		json_str(fp, w);
		free(w);
		first = 0;
	}
	fputs(comma ? "], " : "]", fp);
}

/* A score as a JSON number, canonical for its instrument. */
static void
jscore(FILE *fp, const char *k, const struct instrument *in, const char *s,
    int comma)
{
	char b[64];
	long v;

	json_str(fp, k);
	fputs(": ", fp);
	if (in != NULL && instr_parse_value(in, s, &v) == 0) {
		instr_fmt(in, v, b, sizeof(b));
		fputs(b, fp);
	} else
		fputs("null", fp);
	if (comma)
		fputs(", ", fp);
}

static void
json_sessions(struct doc *d)
{
	const struct summary *s = d->s;
	const struct csv_table *t = &s->sessions;
	size_t i;

	fputs("\"sessions\": {", d->fp);
	jnum(d->fp, "planned", s->c.planned, 1);
	jnum(d->fp, "held", s->held, 1);
	jnum(d->fp, "cancelled", s->cancelled, 1);
	jnum(d->fp, "no_show", s->noshow, 1);
	jnum(d->fp, "maintenance_held", d->nmaint, 1);
	json_kv(d->fp, "phase", s->phase, 1);
	jnum(d->fp, "last_session", s->last_held > 0 ? s->last_held : -1, 1);
	json_kday(d->fp, "last_date", s->last_day, 1);
	jnum(d->fp, "next_session", s->next_row, 1);
	jnum(d->fp, "next_held", s->next_number, 1);
	json_kv(d->fp, "next_phase", s->next_phase, 1);
	json_kday(d->fp, "next_due", s->next_due, 1);
	fputs("\n  \"list\": [", d->fp);
	for (i = 0; i < t->nrows; i++) {
		fputs(i ? ",\n   {" : "\n   {", d->fp);
		jcol(d->fp, t, i, "number", 9999, 1);
		json_kv(d->fp, "date", csv_get(t, i, "date"), 1);
		json_kv(d->fp, "kind", csv_get(t, i, "kind"), 1);
		json_kv(d->fp, "attendance", csv_get(t, i, "attendance"), 1);
		jcol(d->fp, t, i, "duration_min", 600, 1);
		json_kv(d->fp, "phase", csv_get(t, i, "phase"), 1);
		json_kv(d->fp, "focus", csv_get(t, i, "focus"), 1);
		jlist(d->fp, "techniques", csv_get(t, i, "techniques"), 1);
		jcol(d->fp, t, i, "mood", 10, 1);
		jcol(d->fp, t, i, "stress", 10, 0);
		fputs("}", d->fp);
	}
	fputs("]},\n ", d->fp);
}

static void
json_focus(struct doc *d)
{
	const struct summary *s = d->s;
	const struct csv_table *t = &s->focus;
	size_t i;

	fputs("\"focus\": {", d->fp);
	json_kv(d->fp, "primary", s->c.primary, 1);
	json_kv(d->fp, "secondary", s->c.secondary, 1);
	json_kv(d->fp, "set_on", s->c.focus_set_on, 1);
	fputs("\"history\": [", d->fp);
	for (i = 0; i < t->nrows; i++) {
		fputs(i ? ",\n   {" : "\n   {", d->fp);
		json_kv(d->fp, "date", csv_get(t, i, "date"), 1);
		jcol(d->fp, t, i, "session", 9999, 1);
		json_kv(d->fp, "primary", csv_get(t, i, "primary"), 1);
		json_kv(d->fp, "secondary", csv_get(t, i, "secondary"), 1);
		json_kv(d->fp, "note", csv_get(t, i, "note"), 0);
		fputs("}", d->fp);
	}
	fputs("]},\n ", d->fp);
}

static void
json_measures(struct doc *d)
{
	const struct csv_table *m = &d->s->measures;
	char b[64];
	size_t k, i;

	fputs("\"measures\": [", d->fp);
	for (k = 0; k < d->nser; k++) {
		const struct series *se = &d->ser[k];
		const struct course *c = se->c;
		const struct instrument *in = se->in;

		fputs(k ? ",\n  {" : "\n  {", d->fp);
		json_kv(d->fp, "instrument", c->instrument, 1);
		json_kv(d->fp, "title", in != NULL ? in->title : "", 1);
		json_kv(d->fp, "better", c->higher_better ? "higher" : "lower", 1);
		fputs("\"range\": ", d->fp);
		if (in != NULL) {
			instr_fmt(in, in->tmin, b, sizeof(b));
			fprintf(d->fp, "[%s, ", b);
			instr_fmt(in, in->tmax, b, sizeof(b));
			fprintf(d->fp, "%s], ", b);
		} else
			fputs("null, ", d->fp);
		fputs("\"bands\": [", d->fp);
		for (i = 0; in != NULL && i < in->nbands; i++) {
			fputs(i ? ", {" : "{", d->fp);
			json_kv(d->fp, "name", in->band[i].name, 1);
			instr_fmt(in, in->band[i].lo, b, sizeof(b));
			fprintf(d->fp, "\"min\": %s, ", b);
			instr_fmt(in, in->band[i].hi, b, sizeof(b));
			fprintf(d->fp, "\"max\": %s}", b);
		}
		fputs("],\n   ", d->fp);
		jnum(d->fp, "administrations", (long)c->n, 1);
		json_kv(d->fp, "baseline_date", c->first_date, 1);
		json_kv(d->fp, "baseline", c->first_total, 1);
		json_kv(d->fp, "baseline_severity", c->first_band, 1);
		json_kv(d->fp, "latest_date", c->last_date, 1);
		json_kv(d->fp, "latest", c->last_total, 1);
		json_kv(d->fp, "latest_severity", c->last_band, 1);
		fputs("\n   ", d->fp);
		json_kv(d->fp, "change", c->change, 1);
		json_kv(d->fp, "percent_change", c->pct, 1);
		json_kv(d->fp, "response", c->response, 1);
		json_kv(d->fp, "remission", c->remission, 1);
		json_kv(d->fp, "reliable_change", c->reliable, 1);
		fputs("\n   \"series\": [", d->fp);
		for (i = 0; i < se->n; i++) {
			size_t r = se->p[i].row;

			fputs(i ? ",\n    {" : "\n    {", d->fp);
			json_kv(d->fp, "date", csv_get(m, r, "date"), 1);
			jcol(d->fp, m, r, "session", 9999, 1);
			json_kv(d->fp, "total", csv_get(m, r, "total"), 1);
			jscore(d->fp, "value", in, csv_get(m, r, "total"), 1);
			json_kv(d->fp, "severity", csv_get(m, r, "severity"), 1);
			json_kv(d->fp, "items", csv_get(m, r, "items"), 1);
			jlist(d->fp, "flags", csv_get(m, r, "flags"), 1);
			fprintf(d->fp, "\"risk\": %s}", se->p[i].risk ? "true" :
			    "false");
		}
		fputs("]}", d->fp);
	}
	fputs("],\n ", d->fp);
}

static void
json_rating(FILE *fp, const struct csv_table *t, const struct person *p,
    const char *col, int comma)
{
	long a = num_of(csv_get(t, p->first, col), 1, 5);
	long z = num_of(csv_get(t, p->last, col), 1, 5);

	json_str(fp, col);
	fputs(": {", fp);
	jnum(fp, "baseline", a, 1);
	jnum(fp, "latest", z, 1);
	json_str(fp, "change");
	if (a > 0 && z > 0)
		fprintf(fp, ": %ld}", z - a);
	else
		fputs(": null}", fp);
	if (comma)
		fputs(", ", fp);
}

static void
json_inventory(struct doc *d)
{
	const struct csv_table *t = &d->s->inventory;
	size_t k;

	fputs("\"inventory\": [", d->fp);
	for (k = 0; k < d->nppl; k++) {
		const struct person *p = &d->ppl[k];

		fputs(k ? ",\n  {" : "\n  {", d->fp);
		json_kv(d->fp, "person", p->name, 1);
		json_kv(d->fp, "relationship", csv_get(t, p->last, "relationship"),
		    1);
		json_kv(d->fp, "contact", csv_get(t, p->last, "contact"), 1);
		jnum(d->fp, "ratings", (long)p->n, 1);
		json_kv(d->fp, "baseline_date", csv_get(t, p->first, "date"), 1);
		json_kv(d->fp, "latest_date", csv_get(t, p->last, "date"), 1);
		fputs("\n   ", d->fp);
		json_rating(d->fp, t, p, "closeness", 1);
		json_rating(d->fp, t, p, "support", 1);
		json_rating(d->fp, t, p, "conflict", 1);
		fputs("\n   ", d->fp);
		json_kv(d->fp, "satisfying", csv_get(t, p->last, "satisfying"), 1);
		json_kv(d->fp, "unsatisfying", csv_get(t, p->last, "unsatisfying"),
		    1);
		json_kv(d->fp, "changes_wanted", csv_get(t, p->last,
		    "changes_wanted"), 0);
		fputs("}", d->fp);
	}
	fputs("],\n ", d->fp);
}

static void
json_lists(struct doc *d)
{
	const struct summary *s = d->s;
	const struct csv_table *t;
	size_t *ix, i, k, n;

	t = &s->timeline;
	ix = rows_by_date(t, "date");
	fputs("\"timeline\": [", d->fp);
	for (i = 0; i < t->nrows; i++) {
		fputs(i ? ",\n  {" : "\n  {", d->fp);
		json_kv(d->fp, "date", csv_get(t, ix[i], "date"), 1);
		json_kv(d->fp, "kind", csv_get(t, ix[i], "kind"), 1);
		jcol(d->fp, t, ix[i], "mood", 10, 1);
		json_kv(d->fp, "event", csv_get(t, ix[i], "event"), 0);
		fputs("}", d->fp);
	}
	free(ix);
	fputs("],\n ", d->fp);
	t = &s->goals;
	fputs("\"goals\": [", d->fp);
	for (i = 0; i < t->nrows; i++) {
		fputs(i ? ",\n  {" : "\n  {", d->fp);
		jcol(d->fp, t, i, "id", 9999, 1);
		json_kv(d->fp, "set_on", csv_get(t, i, "set_on"), 1);
		json_kv(d->fp, "status", csv_get(t, i, "status"), 1);
		json_kv(d->fp, "closed_on", csv_get(t, i, "closed_on"), 1);
		json_kv(d->fp, "goal", csv_get(t, i, "goal"), 0);
		fputs("}", d->fp);
	}
	fputs("],\n ", d->fp);
	t = &s->relapse;
	fputs("\"relapse_plan\": [", d->fp);
	for (n = 0, k = 0; relapse_order[k] != NULL; k++)
		for (i = 0; i < t->nrows; i++) {
			if (strcmp(csv_get(t, i, "kind"), relapse_order[k]) != 0)
				continue;
			fputs(n++ ? ",\n  {" : "\n  {", d->fp);
			jcol(d->fp, t, i, "id", 9999, 1);
			json_kv(d->fp, "date", csv_get(t, i, "date"), 1);
			json_kv(d->fp, "kind", csv_get(t, i, "kind"), 1);
			json_kv(d->fp, "text", csv_get(t, i, "text"), 0);
			fputs("}", d->fp);
		}
	fputs("],\n ", d->fp);
}

static void
json(struct doc *d)
{
	const struct summary *s = d->s;
	FILE *fp = d->fp;
	char today[DATE_LEN], mb[64];
	size_t i;

	date_format(s->today, today);
	fputs("{", fp);
	json_kv(fp, "report", d->closing ? "termination" : "progress", 1);
	json_kv(fp, "date", today, 1);
	jnum(fp, "schema", 1, 1);
	fputs("\n \"risk_open\": [", fp);
	for (i = 0; i < s->nrisk; i++) {
		fputs(i ? ", {" : "{", fp);
		json_kv(fp, "date", s->risk_open[i].date, 1);
		jnum(fp, "session", s->risk_open[i].session > 0 ?
		    s->risk_open[i].session : -1, 1);
		json_kv(fp, "instrument", s->risk_open[i].instrument, 1);
		json_kv(fp, "detail", s->risk_open[i].detail, 0);
		fputs("}", fp);
	}
	fputs("],\n \"client\": {", fp);
	json_kv(fp, "id", s->c.id, 1);
	json_kv(fp, "name", s->c.name, 1);
	json_kv(fp, "therapist", s->c.therapist, 1);
	json_kv(fp, "variant", s->c.variant, 1);
	json_kv(fp, "variant_title", s->v->title, 1);
	json_kv(fp, "status", s->c.status, 1);
	json_kv(fp, "start", s->c.start, 1);
	jnum(fp, "planned_sessions", s->c.planned, 1);
	jnum(fp, "frequency_days", s->c.frequency, 1);
	jnum(fp, "weeks", s->weeks, 0);
	fputs("},\n ", fp);
	json_sessions(d);
	json_focus(d);
	json_measures(d);
	json_inventory(d);
	json_lists(d);
	fputs("\"termination\": ", fp);
	if (d->closing) {
		fputs("{", fp);
		fprintf(fp, "\"maintenance_agreed\": %s, ",
		    strcmp(s->c.status, "maintenance") == 0 || d->nmaint > 0 ?
		    "true" : "false");
		json_kv(fp, "maintenance", maintenance_text(d, mb, sizeof(mb)), 1);
		jnum(fp, "goals_met", d->met, 1);
		jnum(fp, "goals_dropped", d->dropped, 1);
		jnum(fp, "goals_open", s->open_goals, 0);
		fputs("}", fp);
	} else
		fputs("null", fp);
	fputs(",\n \"reminders\": [", fp);
	for (i = 0; i < s->nrem; i++) {
		fputs(i ? ",\n  {" : "\n  {", fp);
		json_kv(fp, "urgency", urgency_name(s->rem[i].urgency), 1);
		json_kday(fp, "date", s->rem[i].day, 1);
		json_kv(fp, "kind", s->rem[i].kind, 1);
		json_kv(fp, "message", s->rem[i].message, 0);
		fputs("}", fp);
	}
	fputs("]}\n", fp);
}

/*
 * Entry points.
 */

static int
render_mem(struct doc *d, FILE *out)
{
	char *mem = NULL, *p, *nl, *e;
	size_t len = 0;
	FILE *fp;

	if ((fp = open_memstream(&mem, &len)) == NULL)
		return ipt_seterrno("report: cannot allocate");
	d->fp = fp;
	if (d->f == FMT_JSON)
		json(d);
	else
		human(d);
	if (fclose(fp) == EOF) {
		free(mem);
		return ipt_seterrno("report: cannot allocate");
	}
	/* Write it out, trimming blanks at the ends of lines. */
	for (p = mem; p < mem + len; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(mem + len - p))) == NULL)
			nl = mem + len;
		for (e = nl; e > p && e[-1] == ' '; e--)
			;
		fwrite(p, 1, (size_t)(e - p), out);
		if (nl < mem + len)
			putc('\n', out);
	}
	free(mem);
	return ferror(out) ? ipt_seterrno("report: write") : 0;
}

int
render_report(FILE *out, const struct summary *s, const struct instr_set *set,
    enum ipt_format f)
{
	struct doc d;
	int rc;

	memset(&d, 0, sizeof(d));
	d.s = s;
	d.set = set;
	d.f = f == FMT_MD || f == FMT_HTML || f == FMT_JSON ? f : FMT_TEXT;
	build(&d);
	rc = render_mem(&d, out);
	model_free(&d);
	return rc;
}

int
output_target(const char *opt, const char *path, char **dir, char **name)
{
	const char *slash = strrchr(path, '/');
	char *client;

	*dir = *name = NULL;
	if (*path == '\0')
		return ipt_setusage("%s: empty path", opt);
	if (slash == NULL) {
		*dir = xstrdup(".");
		*name = xstrdup(path);
	} else {
		*dir = slash == path ? xstrdup("/") :
		    xstrndup(path, (size_t)(slash - path));
		*name = xstrdup(slash + 1);
	}
	if (**name == '\0' || strcmp(*name, ".") == 0 ||
	    strcmp(*name, "..") == 0) {
		ipt_setusage("%s: '%s' names a directory, not a file", opt,
		    path);
		goto bad;
	}
	if (client_find(*dir, &client) == 0) {
		ipt_setusage("%s: '%s' is inside the client directory %s; "
		    "write it outside the records", opt, path, client);
		free(client);
		goto bad;
	}
	return 0;
bad:
	free(*dir);
	free(*name);
	*dir = *name = NULL;
	return -1;
}

struct write_arg {
	const struct summary	*s;
	const struct instr_set	*set;
	enum ipt_format		 f;
};

static int
fill(FILE *fp, void *arg)
{
	struct write_arg *w = arg;

	return render_report(fp, w->s, w->set, w->f);
}

int
report_write(const char *path, const struct summary *s,
    const struct instr_set *set, enum ipt_format f)
{
	struct write_arg w = { s, set, f };
	char *dir, *name;
	int rc;

	if (output_target("--output", path, &dir, &name) == -1)
		return -1;
	rc = atomic_replace(dir, name, fill, NULL, &w);
	free(dir);
	free(name);
	return rc;
}
