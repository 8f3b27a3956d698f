/*
 * report_html.c: the HTML page of the report, a renderer (see
 * report_int.h): its head and inline style, and the charts of the
 * measures and of mood and stress (svg.c).  Nothing is fetched and
 * there is no script: the file shows and prints as it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	    "start of a phase, <span class=\"ring\">red rings</span> an "
	    "administration with a risk item positive.</figcaption>\n"
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
