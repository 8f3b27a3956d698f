/*
 * report_html.c: the HTML page of the report, a renderer (see
 * report_int.h): its head and inline style, and the charts of the
 * measures and of mood and stress (svg.c).  Nothing is fetched and
 * there is no script: the file shows and prints as it is.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "instrument.h"
#include "report_int.h"
#include "summary.h"
#include "svg.h"
#include "util.h"

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

void
html_instrument_chart(struct doc *d, const struct series *se)
{
	struct svg_chart c = { 0 };
	struct svg_series line = { 0 };
	struct svg_point *pt = xcalloc(se->n ? se->n : 1, sizeof(*pt));
	struct svg_band *bd = NULL;
	struct svg_mark *mk = chart_marks(d);
	char *title;
	size_t i;

	doc_close_block(d);
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
	    "start of a phase; an administration with a risk item "
	    "positive is marked <span class=\"ring\">! in a red ring</span> "
	    "while open, a tick in a dashed ring once reviewed, H in a "
	    "red square when the review judged the level high.</figcaption>\n"
	    "</figure>\n", d->fp);
	free(title);
	free(pt);
	free(bd);
	free(mk);
}

void
html_mood_chart(struct doc *d)
{
	const struct csv_table *t = &d->s->sessions;
	size_t n = t->nrows ? t->nrows : 1;
	struct svg_point *mp = xcalloc(n, sizeof(*mp));
	struct svg_point *sp = xcalloc(n, sizeof(*sp));
	struct svg_series ser[2];
	struct svg_chart c = { 0 };
	struct svg_mark *mk = chart_marks(d);

	doc_close_block(d);
	ser[0].name = "mood";
	ser[0].color = "#1f4e9a";
	ser[0].p = mp;
	ser[0].n = report_rating_points(d, "mood", mp, NULL);
	ser[1].name = "stress";
	ser[1].color = "#b35900";
	ser[1].p = sp;
	ser[1].n = report_rating_points(d, "stress", sp, NULL);
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
 * The closeness circle (Dietz, Weinberg and Mufson 2018; used in IPT-A):
 * the client at the centre and each person of the inventory on a ring,
 * the closer the nearer: closeness 5 (very close) is the innermost of
 * five rings, 1 the outermost.  A person sits on the ring of the latest
 * rating; where the first rating differs, a hollow dot on the first
 * ring and a dashed line show the move.  People are spread evenly round
 * the circle in the order of the inventory.  A person without a
 * closeness rating is left out of the drawing (the table has them).
 */
void
html_closeness_circle(struct doc *d)
{
	const struct csv_table *t = &d->s->inventory;
	const double cx = 200, cy = 190, core = 16, step = 32;
	const double pi = 3.14159265358979323846;
	long first, last;
	size_t k, n = 0, i = 0;
	int r;

	for (k = 0; k < d->nppl; k++)
		if (report_num(csv_get(t, d->ppl[k].last, "closeness"), 1,
		    5) > 0)
			n++;
	if (n == 0)
		return;
	doc_close_block(d);
	fputs("<figure>\n<svg "
	    "width=\"400\" height=\"380\" viewBox=\"0 0 400 380\" "
	    "role=\"img\" aria-label=\"closeness circle\" "
	    "style=\"font-family:sans-serif;font-size:11px\">\n", d->fp);
	for (r = 5; r >= 1; r--)
		fprintf(d->fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
		    "fill=\"%s\" stroke=\"#999\"/>\n", cx, cy, core +
		    step * r, r % 2 ? "#f4f7fb" : "#e8eef7");
	fprintf(d->fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
	    "fill=\"#1f4e9a\"/><text x=\"%.1f\" y=\"%.1f\" "
	    "text-anchor=\"middle\" fill=\"#fff\">client</text>\n", cx, cy,
	    core, cx, cy + 4);
	for (k = 0; k < d->nppl; k++) {
		const struct person *p = &d->ppl[k];
		double a, rad0, rad1, x0, y0, x1, y1;

		last = report_num(csv_get(t, p->last, "closeness"), 1, 5);
		if (last <= 0)
			continue;
		first = report_num(csv_get(t, p->first, "closeness"), 1, 5);
		a = 2 * pi * (double)i++ / (double)n - pi / 2;
		rad1 = core + step * (5 - last) + step / 2;
		x1 = cx + rad1 * cos(a);
		y1 = cy + rad1 * sin(a);
		if (first > 0 && first != last) {
			rad0 = core + step * (5 - first) + step / 2;
			x0 = cx + rad0 * cos(a);
			y0 = cy + rad0 * sin(a);
			fprintf(d->fp, "<line x1=\"%.1f\" y1=\"%.1f\" "
			    "x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\" "
			    "stroke-dasharray=\"3 2\"/><circle cx=\"%.1f\" "
			    "cy=\"%.1f\" r=\"4\" fill=\"#fff\" "
			    "stroke=\"#555\"/>\n", x0, y0, x1, y1, x0, y0);
		}
		fputs("<g><title>", d->fp);
		html_esc(d->fp, p->name);
		fprintf(d->fp, ": closeness %ld", last);
		if (first > 0 && first != last)
			fprintf(d->fp, " (first %ld)", first);
		fprintf(d->fp, "</title><circle cx=\"%.1f\" cy=\"%.1f\" "
		    "r=\"5\" fill=\"#b35900\"/></g><text x=\"%.1f\" "
		    "y=\"%.1f\" text-anchor=\"%s\">", x1, y1, x1 + (cos(a) < -0.1 ?
		    -8 : cos(a) > 0.1 ? 8 : 0), y1 + (cos(a) >= -0.1 &&
		    cos(a) <= 0.1 ? (sin(a) < 0 ? -8 : 16) : 4),
		    cos(a) < -0.1 ? "end" : cos(a) > 0.1 ? "start" : "middle");
		html_esc(d->fp, p->name);
		fputs("</text>\n", d->fp);
	}
	fputs("</svg>\n<figcaption>The closeness circle: the client at the "
	    "centre, each person on the ring of their latest closeness "
	    "rating (5, very close, innermost; 1 outermost); a hollow dot and "
	    "a dashed line where the first rating put them.</figcaption>\n"
	    "</figure>\n", d->fp);
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
"p.alert{border:2px dashed #8a4b00;background:#fff4e0;color:#5a3000;"
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
"p.risk,p.alert,table.data th,svg{-webkit-print-color-adjust:exact;"
"print-color-adjust:exact}}\n"
"@page{margin:15mm}\n";

void
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
