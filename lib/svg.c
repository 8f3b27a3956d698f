/*
 * svg.c: the inline SVG line charts of the HTML report (see svg.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "svg.h"

#define W	680.0		/* width of the chart */
#define H	230.0		/* height */
#define ML	44.0		/* margins: left (value labels) */
#define MR	120.0		/* right (band names) */
#define MT	24.0		/* top (phase names) */
#define MB	40.0		/* bottom (sessions, dates) */
#define PAD	12.0		/* inside the frame, left and right */
#define LABEL_W	6.0		/* the widest a character of 10px text is */

/* Band fills, best to worst, light enough for black text and lines. */
static const char *const band_fill[5] = { "#dcefd9", "#eef3d2", "#fbeccb",
    "#f9dcc6", "#f4c9c6" };

void
html_esc(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			putc(*s, fp);
		}
}

static double
px(const struct svg_chart *c, long x)
{
	if (c->xmax <= c->xmin)
		return ML + (W - ML - MR) / 2;
	/* Points keep clear of the frame by PAD on either side. */
	return ML + PAD + (double)(x - c->xmin) /
	    (double)(c->xmax - c->xmin) * (W - ML - MR - 2 * PAD);
}

static double
py(const struct svg_chart *c, double y)
{
	if (y < c->ymin)
		y = c->ymin;
	if (y > c->ymax)
		y = c->ymax;
	if (c->ymax <= c->ymin)
		return MT + (H - MT - MB) / 2;
	return MT + (c->ymax - y) / (c->ymax - c->ymin) * (H - MT - MB);
}

/* A step of 1, 2 or 5 times a power of ten giving at most 6 intervals. */
static double
tick_step(double range)
{
	static const double m[] = { 1, 2, 5 };
	double p = 0.001;
	size_t i;

	if (range <= 0)
		return 1;
	for (;;) {
		for (i = 0; i < 3; i++)
			if (range / (m[i] * p) <= 6)
				return m[i] * p;
		p *= 10;
	}
}

static void
axes(FILE *fp, const struct svg_chart *c)
{
	double step = tick_step(c->ymax - c->ymin), v, y;
	int dec = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;

	for (v = ceil(c->ymin / step - 1e-9) * step; v <= c->ymax + 1e-9;
	    v += step) {
		y = py(c, v);
		fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#b0b0b0\" stroke-width=\"0.5\"/>\n",
		    ML, y, W - MR, y);
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
		    "text-anchor=\"end\" fill=\"#333\">%.*f</text>\n", ML - 5,
		    y + 3.5, dec, fabs(v) < 1e-9 ? 0.0 : v);
	}
	fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\" fill=\"none\" stroke=\"#555\" "
	    "stroke-width=\"1\"/>\n", ML, MT, W - ML - MR, H - MT - MB);
}

static void
bands(FILE *fp, const struct svg_chart *c)
{
	size_t i;
	double top, bot;
	int lv;

	for (i = 0; i < c->nband; i++) {
		const struct svg_band *b = &c->band[i];

		top = py(c, b->hi);
		bot = py(c, b->lo);
		if (bot - top <= 0)
			continue;
		lv = b->level < 0 ? 0 : b->level > 4 ? 4 : b->level;
		fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"%s\"/>\n", ML, top, W - ML - MR,
		    bot - top, band_fill[lv]);
		if (bot - top >= 9) {
			fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" "
			    "font-size=\"10\" fill=\"#333\">", W - MR + 6,
			    (top + bot) / 2 + 3.5);
			html_esc(fp, b->name);
			fputs("</text>\n", fp);
		}
	}
}

static void
marks(FILE *fp, const struct svg_chart *c)
{
	size_t i;
	double x;

	for (i = 0; i < c->nmark; i++) {
		x = px(c, c->mark[i].x);
		if (i > 0 || c->mark[i].x > c->xmin)
			fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			    "y2=\"%.1f\" stroke=\"#444\" stroke-width=\"1\" "
			    "stroke-dasharray=\"4 3\"/>\n", x, MT - 12, x,
			    H - MB);
		/* A label that would leave the frame ends at its mark. */
		if (x + 3 + LABEL_W * (double)strlen(c->mark[i].label) >
		    W - MR)
			fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" "
			    "font-size=\"10\" text-anchor=\"end\" "
			    "fill=\"#222\">", x - 3, MT - 4);
		else
			fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" "
			    "font-size=\"10\" fill=\"#222\">", x + 3, MT - 4);
		html_esc(fp, c->mark[i].label);
		fputs("</text>\n", fp);
	}
}

static void
series(FILE *fp, const struct svg_chart *c, const struct svg_series *s,
    int label)
{
	size_t i, j, k;
	double lastx = -100;

	/* One line per run of points without a gap. */
	for (i = 0; i < s->n; i = j) {
		for (j = i + 1; j < s->n && !s->p[j].gap; j++)
			;
		if (j - i < 2)
			continue;
		fprintf(fp, "<polyline fill=\"none\" stroke=\"%s\" "
		    "stroke-width=\"2\" points=\"", s->color);
		for (k = i; k < j; k++)
			fprintf(fp, "%s%.1f,%.1f", k > i ? " " : "",
			    px(c, s->p[k].x), py(c, s->p[k].y));
		fputs("\"/>\n", fp);
	}
	for (i = 0; i < s->n; i++) {
		double x = px(c, s->p[i].x), y = py(c, s->p[i].y);

		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
		    "fill=\"%s\"/>\n", x, y, s->color);
		/*
		 * Shape and letter tell the states apart, not colour alone:
		 * open a ring and "!", reviewed a dashed ring and a tick,
		 * reviewed at a high level a square and "H".
		 */
		if (s->p[i].risk == 3)
			fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" "
			    "height=\"14\" fill=\"none\" stroke=\"#c00000\" "
			    "stroke-width=\"2\"/>\n", x - 7, y - 7);
		else if (s->p[i].risk == 2)
			fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" "
			    "fill=\"none\" stroke=\"#c00000\" stroke-width=\"1.5\" "
			    "stroke-dasharray=\"3 2\"/>\n", x, y);
		else if (s->p[i].risk)
			fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" "
			    "fill=\"none\" stroke=\"#c00000\" "
			    "stroke-width=\"2\"/>\n", x, y);
		if (s->p[i].risk)
			fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" "
			    "font-size=\"11\" font-weight=\"bold\" "
			    "text-anchor=\"middle\" fill=\"%s\">%s</text>\n",
			    x, y - 10, "#c00000",
			    s->p[i].risk == 3 ? "H" : s->p[i].risk == 2 ?
			    "\xe2\x9c\x93" : "!");
	}
	if (!label)
		return;
	/* Session numbers, thinned so that they do not overlap. */
	for (i = 0; i < s->n; i++) {
		double x = px(c, s->p[i].x);

		if (s->p[i].session <= 0 || x - lastx < 16)
			continue;
		lastx = x;
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" "
		    "text-anchor=\"middle\" fill=\"#333\">%ld</text>\n", x,
		    H - MB + 12, s->p[i].session);
	}
}

void
svg_chart(FILE *fp, const struct svg_chart *c)
{
	char a[DATE_LEN], b[DATE_LEN];
	size_t i;

	/* Inline in HTML5, an <svg> needs no namespace declaration. */
	fprintf(fp, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
	    "role=\"img\" aria-label=\"", W, H, W, H);
	html_esc(fp, c->title);
	fputs("\" font-family=\"sans-serif\">\n<title>", fp);
	html_esc(fp, c->title);
	fputs("</title>\n", fp);
	bands(fp, c);
	axes(fp, c);
	marks(fp, c);
	for (i = 0; i < c->nseries; i++)
		series(fp, c, &c->series[i], i == 0);
	date_format(c->xmin, a);
	date_format(c->xmax, b);
	fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" "
	    "fill=\"#333\">session</text>\n", 2.0, H - MB + 12);
	fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
	    "text-anchor=\"%s\" fill=\"#333\">%s</text>\n", px(c, c->xmin),
	    H - 6, c->xmax > c->xmin ? "start" : "middle", a);
	if (c->xmax > c->xmin)
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
		    "text-anchor=\"end\" fill=\"#333\">%s</text>\n",
		    px(c, c->xmax), H - 6, b);
	fputs("</svg>\n", fp);
}
