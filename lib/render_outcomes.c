/*
 * render_outcomes.c: print the outcomes of a caseload (outcomes.h) as
 * text, Markdown, one self-contained HTML page with inline SVG charts,
 * JSON or CSV.  The figures are computed in outcomes.c; here they are
 * only worded and laid out.  Means print with two decimals, rates in
 * CSV and JSON as proportions with three, for people as percentages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "json.h"
#include "outcomes.h"
#include "render.h"
#include "svg.h"
#include "util.h"

/* The four outcomes counted per instrument. */
enum { OC_RESP, OC_REM, OC_UP, OC_DOWN, OC_N };
static const char *const oc_key[OC_N] = { "response", "remission",
    "reliable_improvement", "reliable_deterioration" };
static const char *const oc_word[OC_N] = { "response", "remission",
    "reliable improvement", "reliable deterioration" };
static const char *const oc_color[OC_N] = { "#2b6cb0", "#2f855a",
    "#6b46c1", "#c53030" };

struct rate {
	long	 x, n;
	double	 p, lo, hi;
};

static void
rate_of(const struct out_instr *in, int k, struct rate *r)
{
	switch (k) {
	case OC_RESP:
		r->x = in->resp, r->n = in->resp_n;
		break;
	case OC_REM:
		r->x = in->rem, r->n = in->rem_n;
		break;
	case OC_UP:
		r->x = in->rel_up, r->n = in->rel_n;
		break;
	default:
		r->x = in->rel_down, r->n = in->rel_n;
	}
	r->p = r->n > 0 ? (double)r->x / (double)r->n : 0;
	wilson95(r->x, r->n, &r->lo, &r->hi);
}

/* Adherence: the phase tasks done by the end of their phase. */
static void
adherence(const struct out_group *g, struct rate *r)
{
	r->x = g->tasks_done;
	r->n = g->tasks_due;
	r->p = r->n > 0 ? (double)r->x / (double)r->n : 0;
	wilson95(r->x, r->n, &r->lo, &r->hi);
}

static double
mean(long long sum, long n, long scale)
{
	return n > 0 ? (double)sum / (double)n / (double)scale : 0;
}

static double
attendance(const struct out_group *g)
{
	return g->offered > 0 ? (double)g->held / (double)g->offered : 0;
}

static const char *
by_name(const struct outcomes *o)
{
	return o->by == OUT_BY_NONE ? "all" :
	    outcomes_by_names[o->by - OUT_BY_AREA];
}

/* The groups to print: each group, then the total if there are groups. */
static size_t
ngroups(const struct outcomes *o)
{
	return o->by == OUT_BY_NONE ? 1 : o->ng + 1;
}

static const struct out_group *
group_at(const struct outcomes *o, size_t i)
{
	return o->by == OUT_BY_NONE || i == o->ng ? &o->all : &o->g[i];
}

/* "3/8 38% (14-69%)" */
static void
rate_text(struct buf *b, const struct rate *r)
{
	if (r->n == 0) {
		buf_adds(b, "-");
		return;
	}
	buf_printf(b, "%ld/%ld %.0f%% (%.0f-%.0f%%)", r->x, r->n,
	    r->p * 100, r->lo * 100, r->hi * 100);
}

static void
text_group(FILE *fp, const struct out_group *g, int md)
{
	struct buf b = { 0 };
	struct rate r;
	size_t i;
	int k;

	if (md)
		fprintf(fp, "\n## %s\n\n", g->key);
	else
		fprintf(fp, "\n%s\n", g->key);
	fprintf(fp, "%s%ld client%s: %ld started, %ld ended, %ld dropped "
	    "out; attendance %ld/%ld", md ? "" : "  ", g->clients,
	    g->clients == 1 ? "" : "s", g->started, g->ended, g->dropout,
	    g->held, g->offered);
	if (g->offered > 0)
		fprintf(fp, " %.0f%%", attendance(g) * 100);
	fprintf(fp, "; %ld with an open risk flag\n", g->risk);
	adherence(g, &r);
	rate_text(&b, &r);
	fprintf(fp, "%sphase tasks done by their phase's end: %s\n",
	    md ? "\n" : "  ", b.s);
	if (g->nin == 0) {
		buf_free(&b);
		return;
	}
	if (md)
		fprintf(fp, "\n| instrument | n | baseline | last | response "
		    "| remission | reliable improvement | reliable "
		    "deterioration |\n|---|--:|--:|--:|--:|--:|--:|--:|\n");
	for (i = 0; i < g->nin; i++) {
		const struct out_instr *in = &g->in[i];

		if (md)
			fprintf(fp, "| %s | %ld | %.2f | %.2f |", in->name,
			    in->n, mean(in->sum_base, in->n, in->scale),
			    mean(in->sum_last, in->n, in->scale));
		else
			fprintf(fp, "  %s: %ld client%s, mean %.2f -> %.2f\n",
			    in->name, in->n, in->n == 1 ? "" : "s",
			    mean(in->sum_base, in->n, in->scale),
			    mean(in->sum_last, in->n, in->scale));
		for (k = 0; k < OC_N; k++) {
			rate_of(in, k, &r);
			buf_reset(&b);
			rate_text(&b, &r);
			if (md)
				fprintf(fp, " %s |", b.s);
			else
				fprintf(fp, "    %-23s %s\n", oc_word[k], b.s);
		}
		if (md)
			fputc('\n', fp);
	}
	buf_free(&b);
}

static void
render_text(FILE *fp, const struct outcomes *o, int md)
{
	size_t i;

	if (md)
		fprintf(fp, "# Outcomes by %s\n\n", by_name(o));
	fprintf(fp, "%s%ld clients", md ? "" : "outcomes: ", o->all.clients);
	if (o->by != OUT_BY_NONE)
		fprintf(fp, " in %zu groups by %s", o->ng, by_name(o));
	if (o->since >= 0) {
		char day[DATE_LEN];

		date_format(o->since, day);
		fprintf(fp, ", started on or after %s (%ld before)", day,
		    o->skipped);
	}
	fprintf(fp, "\n");
	for (i = 0; i < ngroups(o); i++)
		text_group(fp, group_at(o, i), md);
	fprintf(fp, "%sRates with Wilson 95%% intervals; response, remission "
	    "and reliable change by each instrument's rules (ipt-files(5)).\n",
	    md ? "\n" : "\n");
}

/* A number with three decimals as a JSON or CSV value. */
static void
jw_dbl(struct json_w *w, const char *key, double v, int dec)
{
	char s[64];

	snprintf(s, sizeof(s), "%.*f", dec, v);
	jw_key(w, key);
	jw_raw(w, s, strlen(s));
}

/* "key": { "count", "n", "rate", "lo", "hi" }, null rates when n is 0. */
static void
json_rate(struct json_w *w, const char *key, const struct rate *r)
{
	jw_key(w, key);
	jw_obj(w);
	jw_knum(w, "count", r->x);
	jw_knum(w, "n", r->n);
	if (r->n == 0) {
		jw_key(w, "rate");
		jw_null(w);
		jw_key(w, "lo");
		jw_null(w);
		jw_key(w, "hi");
		jw_null(w);
	} else {
		jw_dbl(w, "rate", r->p, 3);
		jw_dbl(w, "lo", r->lo, 3);
		jw_dbl(w, "hi", r->hi, 3);
	}
	jw_end(w);
}

static void
json_group(struct json_w *w, const struct out_group *g)
{
	struct rate r;
	size_t i;
	int k;

	jw_obj(w);
	jw_kstr(w, "group", g->key);
	jw_knum(w, "clients", g->clients);
	jw_knum(w, "started", g->started);
	jw_knum(w, "ended", g->ended);
	jw_knum(w, "dropout", g->dropout);
	jw_knum(w, "held", g->held);
	jw_knum(w, "offered", g->offered);
	jw_dbl(w, "attendance", attendance(g), 3);
	jw_knum(w, "risk", g->risk);
	adherence(g, &r);
	json_rate(w, "adherence", &r);
	jw_key(w, "instruments");
	jw_arr(w);
	for (i = 0; i < g->nin; i++) {
		const struct out_instr *in = &g->in[i];

		jw_obj(w);
		jw_kstr(w, "instrument", in->name);
		jw_knum(w, "n", in->n);
		jw_dbl(w, "baseline_mean", mean(in->sum_base, in->n,
		    in->scale), 2);
		jw_dbl(w, "last_mean", mean(in->sum_last, in->n, in->scale),
		    2);
		for (k = 0; k < OC_N; k++) {
			rate_of(in, k, &r);
			json_rate(w, oc_key[k], &r);
		}
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
}

static int
render_json(FILE *fp, const struct outcomes *o)
{
	struct json_w w;
	size_t i;

	jw_file(&w, fp);
	jw_obj(&w);
	jw_kstr(&w, "by", by_name(o));
	if (o->since >= 0)
		jw_kday(&w, "since", o->since);
	else {
		jw_key(&w, "since");
		jw_null(&w);
	}
	jw_knum(&w, "skipped", o->skipped);
	jw_key(&w, "groups");
	jw_arr(&w);
	for (i = 0; o->by != OUT_BY_NONE && i < o->ng; i++)
		json_group(&w, &o->g[i]);
	jw_end(&w);
	jw_key(&w, "all");
	json_group(&w, &o->all);
	jw_end(&w);
	jw_out(&w, "\n");
	return jw_ok(&w) ? 0 : ipt_seterr("outcomes: bad JSON nesting");
}

static const char *const csv_head[] = { "by", "group", "clients",
    "started", "ended", "dropout", "held", "offered", "attendance", "risk",
    "tasks_done", "tasks_due", "adherence", "adherence_lo", "adherence_hi",
    "instrument", "n", "baseline_mean", "last_mean", NULL };

static void
csv_row(FILE *fp, const struct outcomes *o, const struct out_group *g,
    const struct out_instr *in)
{
	struct rate r;
	int k;

	fputs(g == &o->all ? "all" : by_name(o), fp);
	fputc(',', fp);
	csv_safe_cell(fp, g->key, ',');
	fprintf(fp, ",%ld,%ld,%ld,%ld,%ld,%ld,%.3f,%ld,", g->clients,
	    g->started, g->ended, g->dropout, g->held, g->offered,
	    attendance(g), g->risk);
	adherence(g, &r);
	if (r.n == 0)
		fprintf(fp, "0,0,,,,");
	else
		fprintf(fp, "%ld,%ld,%.3f,%.3f,%.3f,", r.x, r.n, r.p, r.lo,
		    r.hi);
	if (in == NULL) {
		fputs(",,,", fp);
		for (k = 0; k < OC_N; k++)
			fputs(",,,,,", fp);
		fputc('\n', fp);
		return;
	}
	csv_safe_cell(fp, in->name, ',');
	fprintf(fp, ",%ld,%.2f,%.2f", in->n, mean(in->sum_base, in->n,
	    in->scale), mean(in->sum_last, in->n, in->scale));
	for (k = 0; k < OC_N; k++) {
		rate_of(in, k, &r);
		if (r.n == 0)
			fprintf(fp, ",0,0,,,");
		else
			fprintf(fp, ",%ld,%ld,%.3f,%.3f,%.3f", r.x, r.n, r.p,
			    r.lo, r.hi);
	}
	fputc('\n', fp);
}

static void
render_csv(FILE *fp, const struct outcomes *o)
{
	const struct out_group *g;
	size_t i, j;
	int k;

	for (i = 0; csv_head[i] != NULL; i++)
		fprintf(fp, "%s%s", i ? "," : "", csv_head[i]);
	for (k = 0; k < OC_N; k++)
		fprintf(fp, ",%s,%s_n,%s_rate,%s_lo,%s_hi", oc_key[k],
		    oc_key[k], oc_key[k], oc_key[k], oc_key[k]);
	fputc('\n', fp);
	for (i = 0; i < ngroups(o); i++) {
		g = group_at(o, i);
		if (g->nin == 0)
			csv_row(fp, o, g, NULL);
		for (j = 0; j < g->nin; j++)
			csv_row(fp, o, g, &g->in[j]);
	}
}

/* The groups of an instrument present in o->all, for a chart. */
static const struct out_instr *
group_instr(const struct out_group *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->nin; i++)
		if (strcmp(g->in[i].name, name) == 0)
			return &g->in[i];
	return NULL;
}

/*
 * Rates by group: for each group a row of four bars (response,
 * remission, reliable improvement and deterioration), each with its
 * Wilson interval as a whisker, on a 0-100% axis.
 */
static void
svg_rates(FILE *fp, const struct outcomes *o, const char *name)
{
	const int left = 150, width = 360, bar = 9, row = 4 * bar + 12;
	size_t i, n = ngroups(o);
	int k, y, h = (int)n * row + 40;
	struct rate r;

	fprintf(fp, "<svg width=\"%d\" "
	    "height=\"%d\" role=\"img\" aria-label=\"", left + width + 60, h);
	html_esc(fp, name);
	fprintf(fp, ": rates by group\" style=\"font: 11px sans-serif\">\n");
	for (k = 0; k <= 4; k++) {
		int x = left + width * k / 4;

		fprintf(fp, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#ddd\"/><text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\">%d%%</text>\n", x, x, h - 20, x,
		    h - 6, k * 25);
	}
	for (i = 0; i < n; i++) {
		const struct out_group *g = group_at(o, i);
		const struct out_instr *in = group_instr(g, name);

		y = 14 + (int)i * row;
		fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
		    left - 6, y + 2 * bar + 3);
		html_esc(fp, g->key);
		fprintf(fp, " (%ld)</text>\n", in != NULL ? in->n : 0L);
		for (k = 0; in != NULL && k < OC_N; k++) {
			rate_of(in, k, &r);
			if (r.n == 0)
				continue;
			fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
			    "height=\"%d\" fill=\"%s\"><title>%s %ld/%ld"
			    "</title></rect>\n", left, y + k * bar,
			    r.p * width, bar - 2, oc_color[k], oc_word[k],
			    r.x, r.n);
			fprintf(fp, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
			    "y2=\"%d\" stroke=\"#000\"/>\n", left + r.lo *
			    width, y + k * bar + (bar - 2) / 2, left + r.hi *
			    width, y + k * bar + (bar - 2) / 2);
		}
	}
	fprintf(fp, "</svg>\n");
}

/* Label positions at least `gap' apart, in the order of want[]. */
static void
spread(const double *want, double *at, size_t n, double gap)
{
	size_t i, j, *ord = xcalloc(n, sizeof(*ord));
	double y = -1e9;

	for (i = 0; i < n; i++)
		ord[i] = i;
	for (i = 1; i < n; i++)	/* insertion sort by want[], stable */
		for (j = i; j > 0 && want[ord[j - 1]] > want[ord[j]]; j--) {
			size_t t = ord[j];

			ord[j] = ord[j - 1];
			ord[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		y = want[ord[i]] > y + gap ? want[ord[i]] : y + gap;
		at[ord[i]] = y;
	}
	free(ord);
}

/*
 * Before and after: each group's baseline and last means, joined; the
 * total in black.  The labels at the right are moved apart so that
 * groups with the same last mean stay readable.
 */
static void
svg_before_after(FILE *fp, const struct outcomes *o, const char *name)
{
	const int left = 50, top = 14, w = 300, h = 200;
	double ymax = 0, v, *y0, *y1, *ly;
	size_t i, n = ngroups(o);
	int bottom;

	y0 = xcalloc(n, sizeof(*y0));
	y1 = xcalloc(n, sizeof(*y1));
	ly = xcalloc(n, sizeof(*ly));
	for (i = 0; i < n; i++) {
		const struct out_instr *in = group_instr(group_at(o, i), name);

		if (in == NULL || in->n == 0)
			continue;
		if ((v = mean(in->sum_base, in->n, in->scale)) > ymax)
			ymax = v;
		if ((v = mean(in->sum_last, in->n, in->scale)) > ymax)
			ymax = v;
	}
	if (ymax <= 0)
		ymax = 1;
	for (i = 0; i < n; i++) {
		const struct out_instr *in = group_instr(group_at(o, i), name);

		if (in == NULL || in->n == 0) {
			y0[i] = y1[i] = 1e9;	/* not drawn */
			continue;
		}
		y0[i] = top + h - mean(in->sum_base, in->n, in->scale) /
		    ymax * h;
		y1[i] = top + h - mean(in->sum_last, in->n, in->scale) /
		    ymax * h;
	}
	spread(y1, ly, n, 13);
	bottom = top + h + 30;
	for (i = 0; i < n; i++)
		if (y1[i] < 1e8 && ly[i] + 10 > bottom)
			bottom = (int)ly[i] + 10;
	fprintf(fp, "<svg width=\"%d\" "
	    "height=\"%d\" role=\"img\" aria-label=\"", left + w + 220,
	    bottom);
	html_esc(fp, name);
	fprintf(fp, ": mean before and after\" style=\"font: 11px "
	    "sans-serif\">\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#000\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#000\"/>\n", left, top, left, top + h, left + w, top,
	    left + w, top + h);
	fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">baseline"
	    "</text><text x=\"%d\" y=\"%d\" text-anchor=\"middle\">last"
	    "</text>\n<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.1f</text>"
	    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n", left,
	    top + h + 16, left + w, top + h + 16, left - 4, top + 4, ymax,
	    left - 4, top + h);
	for (i = 0; i < n; i++) {
		const struct out_group *g = group_at(o, i);
		const struct out_instr *in = group_instr(g, name);
		const char *color = g == &o->all ? "#000" : "#2b6cb0";

		if (in == NULL || in->n == 0)
			continue;
		fprintf(fp, "<g stroke=\"%s\" fill=\"%s\"%s><line x1=\"%d\" "
		    "y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/><circle cx=\"%d\" "
		    "cy=\"%.1f\" r=\"3\"/><circle cx=\"%d\" cy=\"%.1f\" "
		    "r=\"3\"/></g><text x=\"%d\" y=\"%.1f\" fill=\"%s\">",
		    color, color, g == &o->all ? " stroke-width=\"2\"" : "",
		    left, y0[i], left + w, y1[i], left, y0[i], left + w, y1[i],
		    left + w + 8, ly[i] + 4, color);
		html_esc(fp, g->key);
		fprintf(fp, " %.1f &#8594; %.1f</text>\n",
		    mean(in->sum_base, in->n, in->scale),
		    mean(in->sum_last, in->n, in->scale));
	}
	fprintf(fp, "</svg>\n");
	free(y0);
	free(y1);
	free(ly);
}

static void
html_rate(FILE *fp, const struct rate *r)
{
	if (r->n == 0)
		fprintf(fp, "<td>-</td>");
	else
		fprintf(fp, "<td>%ld/%ld %.0f%% <small>(%.0f&#8211;%.0f%%)"
		    "</small></td>", r->x, r->n, r->p * 100, r->lo * 100,
		    r->hi * 100);
}

static void
render_html(FILE *fp, const struct outcomes *o)
{
	const struct out_group *g;
	struct rate r;
	size_t i, j;
	int k;

	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>Outcomes by %s</title>\n"
	    "<style>\nbody { font: 14px/1.4 sans-serif; margin: 2em; "
	    "color: #222; }\ntable { border-collapse: collapse; margin: "
	    "1em 0; }\nth, td { border: 1px solid #ccc; padding: 3px 6px; "
	    "text-align: right; }\nth:first-child, td:first-child { "
	    "text-align: left; }\n.key span { display: inline-block; width: "
	    "10px; height: 10px; margin: 0 4px 0 12px; }\n</style>\n"
	    "</head>\n<body>\n<h1>Outcomes by %s</h1>\n<p>%ld clients",
	    by_name(o), by_name(o), o->all.clients);
	if (o->since >= 0) {
		char day[DATE_LEN];

		date_format(o->since, day);
		fprintf(fp, " who started on or after %s", day);
	}
	fprintf(fp, ". Rates with Wilson 95%% intervals; response, remission "
	    "and reliable change by each instrument's rules.</p>\n");
	fprintf(fp, "<table>\n<tr><th>group</th><th>clients</th>"
	    "<th>started</th><th>ended</th><th>dropped out</th>"
	    "<th>attendance</th><th>open risk</th><th>phase tasks done</th>"
	    "</tr>\n");
	for (i = 0; i < ngroups(o); i++) {
		g = group_at(o, i);
		fprintf(fp, "<tr><td>");
		html_esc(fp, g->key);
		fprintf(fp, "</td><td>%ld</td><td>%ld</td><td>%ld</td>"
		    "<td>%ld</td><td>%ld/%ld %.0f%%</td><td>%ld</td>",
		    g->clients, g->started, g->ended, g->dropout, g->held,
		    g->offered, attendance(g) * 100, g->risk);
		adherence(g, &r);
		html_rate(fp, &r);
		fprintf(fp, "</tr>\n");
	}
	fprintf(fp, "</table>\n");
	for (j = 0; j < o->all.nin; j++) {
		const char *name = o->all.in[j].name;

		fprintf(fp, "<h2>");
		html_esc(fp, name);
		fprintf(fp, "</h2>\n<table>\n<tr><th>group</th><th>n</th>"
		    "<th>baseline</th><th>last</th>");
		for (k = 0; k < OC_N; k++)
			fprintf(fp, "<th>%s</th>", oc_word[k]);
		fprintf(fp, "</tr>\n");
		for (i = 0; i < ngroups(o); i++) {
			const struct out_instr *in;

			g = group_at(o, i);
			if ((in = group_instr(g, name)) == NULL)
				continue;
			fprintf(fp, "<tr><td>");
			html_esc(fp, g->key);
			fprintf(fp, "</td><td>%ld</td><td>%.2f</td>"
			    "<td>%.2f</td>", in->n, mean(in->sum_base, in->n,
			    in->scale), mean(in->sum_last, in->n, in->scale));
			for (k = 0; k < OC_N; k++) {
				rate_of(in, k, &r);
				html_rate(fp, &r);
			}
			fprintf(fp, "</tr>\n");
		}
		fprintf(fp, "</table>\n<p class=\"key\">");
		for (k = 0; k < OC_N; k++)
			fprintf(fp, "<span style=\"background: %s\"></span>%s",
			    oc_color[k], oc_word[k]);
		fprintf(fp, "</p>\n");
		svg_rates(fp, o, name);
		svg_before_after(fp, o, name);
	}
	fprintf(fp, "</body>\n</html>\n");
}

int
render_outcomes(FILE *fp, struct outcomes *o, enum ipt_format f)
{
	outcomes_sort(o);
	switch (f) {
	case FMT_JSON:
		if (render_json(fp, o) == -1)
			return -1;
		break;
	case FMT_CSV:
		render_csv(fp, o);
		break;
	case FMT_HTML:
		render_html(fp, o);
		break;
	default:
		render_text(fp, o, f == FMT_MD);
	}
	if (fflush(fp) == EOF || ferror(fp))
		return ipt_seterrno("standard output");
	return 0;
}
