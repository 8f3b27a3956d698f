/*
 * report_model.c: the model of a client's report (see report_int.h):
 * each instrument's administrations in date order and its value axis,
 * the people of the inventory with their first and latest ratings, and
 * the first session of each phase.  Nothing here prints.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "date.h"
#include "instrument.h"
#include "report_int.h"
#include "summary.h"
#include "svg.h"
#include "util.h"

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

long
report_day(const char *s)
{
	long d;

	return date_parse(s, &d) == 0 ? d : -1;
}

long
report_num(const char *s, long min, long max)
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
		for (j = i; j > 0 && report_day(csv_get(t, ix[j - 1], col)) >
		    report_day(csv_get(t, ix[j], col)); j--) {
			tmp = ix[j];
			ix[j] = ix[j - 1];
			ix[j - 1] = tmp;
		}
}

size_t *
report_rows_by_date(const struct csv_table *t, const char *col)
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
	size_t *ix = report_rows_by_date(m, "date"), i, k;

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
			    se->c->instrument) != 0 ||
			    !summary_in_course(s, csv_get(m, r, "date")))
				continue;
			v = value_of(se->in, csv_get(m, r, "total"));
			if (isnan(v) || se->n >= se->c->n)
				continue;
			p = &se->p[se->n++];
			p->day = report_day(csv_get(m, r, "date"));
			p->session = report_num(csv_get(m, r, "session"), 1,
			    9999);
			if (p->session < 0)
				p->session = 0;
			p->v = v;
			p->risk = d->s->risk_mark != NULL ?
			    d->s->risk_mark[r] : list_has(csv_get(m, r,
			    "flags"), "risk");
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
		if (report_day(csv_get(t, i, "date")) <
		    report_day(csv_get(t, p->first, "date")))
			p->first = i;
		if (report_day(csv_get(t, i, "date")) >=
		    report_day(csv_get(t, p->last, "date")))
			p->last = i;
	}
}

static void
build_phases(struct doc *d)
{
	const struct summary *s = d->s;
	const struct csv_table *t = &s->sessions;
	size_t *ix = report_rows_by_date(t, "date"), i;

	d->ph = xcalloc(t->nrows ? t->nrows : 1, sizeof(*d->ph));
	for (i = 0; i < t->nrows; i++) {
		size_t r = ix[i];
		const char *ph = csv_get(t, r, "phase");

		if (strcmp(csv_get(t, r, "attendance"), "attended") != 0 ||
		    !summary_in_course(s, csv_get(t, r, "date")))
			continue;
		if (strcmp(csv_get(t, r, "kind"), "maintenance") == 0)
			d->nmaint++;
		if (d->nph > 0 && strcmp(d->ph[d->nph - 1].phase, ph) == 0)
			continue;
		d->ph[d->nph].day = report_day(csv_get(t, r, "date"));
		d->ph[d->nph].session = report_num(csv_get(t, r, "number"), 1,
		    9999);
		d->ph[d->nph].phase = ph;
		d->nph++;
	}
	free(ix);
}

void
report_build(struct doc *d)
{
	const struct summary *s = d->s;
	size_t i, k;
	long x;

	build_series(d);
	build_people(d);
	build_phases(d);
	d->xmin = d->xmax = -1;
	for (i = 0; i < s->sessions.nrows; i++) {
		if (!summary_in_course(s, csv_get(&s->sessions, i, "date")))
			continue;
		x = report_day(csv_get(&s->sessions, i, "date"));
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

void
report_model_free(struct doc *d)
{
	size_t k;

	for (k = 0; k < d->nser; k++)
		free(d->ser[k].p);
	free(d->ser);
	free(d->ppl);
	free(d->ph);
}

/* Mood and stress (0-10) of the sessions that rated them. */
size_t
report_rating_points(const struct doc *d, const char *col,
    struct svg_point *pt, double *v)
{
	const struct csv_table *t = &d->s->sessions;
	size_t *ix = report_rows_by_date(t, "date"), i, n = 0;
	long r;
	int gap = 0;

	for (i = 0; i < t->nrows; i++) {
		/* The charts are the current episode's course. */
		if (!summary_in_course(d->s, csv_get(t, ix[i], "date")))
			continue;
		if ((r = report_num(csv_get(t, ix[i], col), 0, 10)) < 0) {
			/* A session held without a rating breaks the line. */
			if (strcmp(csv_get(t, ix[i], "attendance"),
			    "attended") == 0)
				gap = 1;
			continue;
		}
		if (pt != NULL) {
			pt[n].gap = n > 0 && gap;
			pt[n].x = report_day(csv_get(t, ix[i], "date"));
			pt[n].y = (double)r;
			pt[n].session = report_num(csv_get(t, ix[i],
			    "number"), 1, 9999);
		}
		if (v != NULL)
			v[n] = (double)r;
		n++;
		gap = 0;
	}
	free(ix);
	return n;
}

/*
 * Sparklines for text and Markdown (the HTML charts: report_html.c).
 */

static const char *const spark_chars[8] = { "\u2581", "\u2582", "\u2583",
    "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };

/* A sparkline of values on [lo, hi]: the last SPARK points at most. */
void
report_spark(struct buf *b, const double *v, size_t n, double lo, double hi)
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

void
report_series_spark(struct buf *b, const struct series *se)
{
	double *v = xcalloc(se->n ? se->n : 1, sizeof(*v));
	size_t i;

	for (i = 0; i < se->n; i++)
		v[i] = se->p[i].v;
	report_spark(b, v, se->n, se->lo, se->hi);
	free(v);
}

const char *
report_maintenance(const struct doc *d, char *b, size_t len)
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

const char *const report_relapse_order[] = { "warning-sign", "action",
    "contact", NULL };
