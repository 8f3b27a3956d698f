/*
 * svg.h: inline SVG line charts for the HTML report.
 *
 * A chart plots one or more series of (day, value) points against a day
 * axis and a value axis, over shaded horizontal bands (an instrument's
 * severity bands), with dashed vertical marks (phase boundaries) and
 * ringed points (administrations with a risk item positive).  A series'
 * line joins only points with no gap between them (svg_point.gap), so
 * that it never draws values that were not recorded.  The output
 * is an <svg> element with every style inline: it needs no stylesheet,
 * script or font, and prints as it shows.  Numbers are printed with a
 * fixed precision, so the same chart is the same bytes on every run.
 */
#ifndef IPT_SVG_H
#define IPT_SVG_H

#include <stddef.h>
#include <stdio.h>

struct svg_point {
	long		 x;		/* day number (date.h) */
	double		 y;
	int		 risk;	/* 1 open flag: red ring, "!"; 2 reviewed: dashed
				   ring, a tick; 3 reviewed, level high:
				   red square, "H" */
	long		 session;	/* label under the axis; 0: none */
	int		 gap;		/* not joined to the point before: a
					   session between had no value */
};

struct svg_series {
	const char		*name;
	const char		*color;		/* "#rrggbb" */
	const struct svg_point	*p;
	size_t			 n;
};

struct svg_band {
	double		 lo, hi;	/* value range shaded */
	const char	*name;
	int		 level;		/* 0 (best) to 4 (worst) */
};

struct svg_mark {
	long		 x;		/* day the phase begins */
	const char	*label;
};

struct svg_chart {
	const char		*title;		/* for screen readers */
	long			 xmin, xmax;
	double			 ymin, ymax;
	const struct svg_band	*band;
	size_t			 nband;
	const struct svg_mark	*mark;
	size_t			 nmark;
	const struct svg_series	*series;
	size_t			 nseries;
};

/* Print the chart as an <svg> element; text is HTML-escaped. */
void	 svg_chart(FILE *, const struct svg_chart *);
/* Print s with &, <, >, " and ' escaped for HTML text and attributes. */
void	 html_esc(FILE *, const char *);

#endif
