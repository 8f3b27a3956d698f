/*
 * report_int.h: what the files of the report share (not an API: only
 * report*.c include it).
 *
 *	report.c	 the entry points: render_report(), report_write()
 *	report_model.c	 the model: series, people, phases (no printing)
 *	report_outline.c the outline of the human formats, section by
 *			 section, written through the document primitives
 *	report_doc.c	 the document primitives, as text, Markdown or HTML
 *	report_html.c	 the HTML page: head, style, charts (svg.c)
 *	report_json.c	 the JSON report
 *
 * All but report_model.c are renderers (render.h).
 */
#ifndef IPT_REPORT_INT_H
#define IPT_REPORT_INT_H

#include <stdio.h>

#include "csvt.h"
#include "render.h"
#include "util.h"

struct course;
struct instrument;
struct instr_set;
struct summary;
struct svg_point;

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

/* The block of lines the document primitives have open. */
enum block {
	B_NONE,
	B_KV,
	B_LIST
};

/*
 * A report being rendered: where and in which format, the model built
 * from the summary, and the state of the document primitives.
 */
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

/* The model (report_model.c). */
void	 report_build(struct doc *);
void	 report_model_free(struct doc *);
/* A date's day number, or -1; a whole number in [min, max], or -1. */
long	 report_day(const char *);
long	 report_num(const char *, long min, long max);
/* Row indexes sorted by a date column, file order among equals. */
size_t	*report_rows_by_date(const struct csv_table *, const char *col);
/*
 * Mood or stress (0-10) of the sessions that rated them, in date order,
 * into pt (chart points) and v (values), either NULL; their number.
 */
size_t	 report_rating_points(const struct doc *, const char *col,
	    struct svg_point *pt, double *v);
/* A sparkline of values on [lo, hi], and of a series on its axis. */
void	 report_spark(struct buf *, const double *, size_t n, double lo,
	    double hi);
void	 report_series_spark(struct buf *, const struct series *);
/* Whether maintenance was agreed, in words (b: scratch space). */
const char *report_maintenance(const struct doc *, char *b, size_t len);
/* The kinds of the relapse-prevention plan, in the order shown. */
extern const char *const report_relapse_order[];

/* The document primitives (report_doc.c). */
size_t	 doc_wrap(FILE *, const char *, size_t col, size_t indent);
void	 doc_md_esc(FILE *, const char *);
void	 doc_open_block(struct doc *, enum block);
void	 doc_close_block(struct doc *);
void	 d_section(struct doc *, const char *title);
void	 d_sub(struct doc *, const char *title);
void	 d_kv(struct doc *, const char *key, const char *value);
void	 d_kvf(struct doc *, const char *key, const char *fmt, ...)
	    IPT_PRINTF(3, 4);
void	 d_item(struct doc *, const char *);
void	 d_para(struct doc *, const char *);
void	 d_table(struct doc *, size_t ncol, const char *const *head);
void	 d_row(struct doc *, const char *const *cells);
void	 d_table_end(struct doc *);

/* The HTML page (report_html.c). */
void	 html_head(struct doc *);
void	 html_instrument_chart(struct doc *, const struct series *);
void	 html_mood_chart(struct doc *);
/* The closeness circle of the inventory (nothing if no one is rated). */
void	 html_closeness_circle(struct doc *);

/* The two renderings of a report. */
void	 report_human(struct doc *);
void	 report_json(struct doc *);

#endif
