/*
 * check.c: ipt check, the validation and fidelity rules.
 *
 * Every rule adds findings; none stops the others, so one run shows every
 * problem of a directory.  A file that does not parse is one error (libcsv
 * cannot go on past a broken quote); its other rules are skipped.
 *
 * Fidelity rules count sessions held, as the protocol does (a cancelled
 * session does not use up a place in the contract):
 *   focus       the focus is agreed (focus.csv) by the session that ends
 *               the initial phase (variant_focus_by);
 *   inventory   by the end of the initial phase the inventory names at
 *               least the variant's number of people;
 *   plan        no session past the plan while the client is not in
 *               maintenance: extend the plan or contract maintenance;
 *   ended       a client marked ended has held a final-phase session;
 *   measures    each of the variant's instruments is given whenever its
 *               cadence makes it due at a session held;
 *   risk        a risk flag is reviewed (or closed by a later answer of
 *               0) by the next session held after it: an error;
 *   termination the ending is raised (a session with the technique
 *               `termination') by the variant's session for it.
 *
 * A caseload check runs all of this for every client, so check_file()
 * looks at each table once: it finds the column of each field, parses
 * each row's number and date (struct rowkey) and finds the row each one
 * repeats, if any.  The rules, most of which compare rows pairwise, then
 * compare those instead of looking up and parsing cells again.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "atomic.h"
#include "check.h"
#include "client.h"
#include "csvt.h"
#include "git.h"
#include "date.h"
#include "instrument.h"
#include "measure.h"
#include "record.h"
#include "util.h"
#include "variant.h"

#define NODUP	((size_t)-1)

/* What the rules compare of a row, parsed once by check_file(). */
struct rowkey {
	long	 num;		/* num() of the file's number (numcol[]) */
	long	 day;		/* day() of its date */
	size_t	 dup;		/* the first row before it that it repeats */
};

/* The column that numbers the rows of a file, if one does. */
static const char *const numcol[REC_NFILES] = {
	[REC_SESSIONS] = "number",
	[REC_MEASURES] = "session",
	[REC_GOALS] = "id",
	[REC_FOCUS] = "session",
	[REC_RELAPSE] = "id",
	[REC_RISK] = "session",
};

struct ctx {
	const char	*dir;
	struct findings	*out;
	struct client	 c;
	int		 have_client;
	const struct variant *v;
	const struct instr_set *set;
	struct csv_table t[REC_NFILES];
	int		 ok[REC_NFILES];	/* parsed, header usable */
	struct rowkey	*key[REC_NFILES];	/* one per row of t[] */
	int		 listed;		/* files is known: */
	unsigned	 files;			/* bit f: t[f]'s file is there */
};

static void
add(struct ctx *x, const char *file, size_t line, enum severity sev,
    const char *fmt, ...) IPT_PRINTF(5, 6);

static void
add(struct ctx *x, const char *file, size_t line, enum severity sev,
    const char *fmt, ...)
{
	struct finding *f;
	va_list ap;
	int n;

	x->out->v = xreallocarray(x->out->v, x->out->n + 1, sizeof(*f));
	f = &x->out->v[x->out->n++];
	f->path = path_child(x->dir, file);
	f->line = line;
	f->sev = sev;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	f->msg = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(f->msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

/*
 * Turn a lib error "PATH[:LINE]: message" about `file' into a finding.
 */
static void
add_error(struct ctx *x, const char *file, const char *msg)
{
	char *path = path_child(x->dir, file);
	size_t n = strlen(path), line = 0;
	const char *p = msg;

	if (strncmp(msg, path, n) == 0) {
		p = msg + n;
		if (*p == ':' && p[1] >= '0' && p[1] <= '9') {
			line = (size_t)strtoul(p + 1, (char **)&p, 10);
		}
		if (*p == ':')
			p++;
		while (*p == ' ')
			p++;
	}
	add(x, file, line, SEV_ERROR, "%s", p);
	free(path);
}

/* A field of row i in column c (csv_col()), "" if there is no column. */
static const char *
cell(const struct csv_table *t, size_t i, int c)
{
	return c == -1 ? "" : t->rows[i].f[c];
}

/* The number a row is known by: 1 to 9999, or 0 if it has none. */
static long
number(const char *s)
{
	long n;

	if (parse_small(s, &n) == 0)
		return n <= 9999 ? n : 0;
	return parse_long(s, 1, 9999, &n) == 0 ? n : 0;
}

static long
date_of(const char *s)
{
	long d;

	return date_parse(s, &d) == 0 ? d : -1;
}

static long
day(const struct csv_table *t, size_t i, const char *col)
{
	return date_of(csv_get(t, i, col));
}

/*
 * rec_value_error() of a field of t, with the common good values found
 * good here: a field csv_load() split from a plain text is valid UTF-8
 * holding no control character but tab and newline (csv_field_plain()),
 * which is all a text asks, and a date or small number needs one parse.
 * Anything else, and every bad value, is left to rec_value_error().
 */
static const char *
cell_error(const struct csv_table *t, const struct field_spec *fs,
    const char *v, char *why, size_t len)
{
	long n;

	if (*v == '\0') {
		if (!fs->required)
			return NULL;
	} else
		switch (fs->type) {
		case FT_TEXT:
			if (csv_field_plain(t, v))
				return NULL;
			break;
		case FT_LINE:
			if (csv_field_plain(t, v) && strchr(v, '\n') == NULL)
				return NULL;
			break;
		case FT_DATE:
			if (date_parse(v, &n) == 0)
				return NULL;
			break;
		case FT_INT:
			if (parse_small(v, &n) == 0 && n >= fs->min &&
			    n <= fs->max)
				return NULL;
			break;
		default:
			break;
		}
	return rec_value_error(fs, v, why, len);
}

static int
same_row(const struct csv_table *t, size_t a, size_t b)
{
	size_t j;

	for (j = 0; j < t->ncols; j++)
		if (strcmp(t->rows[a].f[j], t->rows[b].f[j]) != 0)
			return 0;
	return 1;
}

/*
 * Parse a file and check its header and every value; key its rows.  A
 * missing file is a table of no rows, which every rule can take.  The
 * directory's names tell it (check_temps()), or else csv_load() by
 * ENOENT; any other failure is the file's unless access() finds none.
 */
static void
check_file(struct ctx *x, enum rec_file f)
{
	const struct rec_schema *s = rec_schema(f);
	const struct field_spec *fs;
	struct csv_table *t = &x->t[f];
	struct rowkey *key;
	const char *w, *v;
	char *path, why[512];
	size_t i, j, k;
	int col[32], c, isnum, isday;

	if (x->listed && !(x->files & (1u << f))) {
		x->ok[f] = 1;	/* no file: no rows */
		return;
	}
	path = path_join(x->dir, s->file);
	if (csv_load(t, path) == -1) {
		if (errno != ENOENT && access(path, F_OK) == 0)
			add_error(x, s->file, ipt_error());
		else
			x->ok[f] = 1;	/* no file: no rows */
		free(path);
		return;
	}
	free(path);
	x->ok[f] = 1;
	/* The column of each field; the schema lacks the others. */
	for (k = 0; k < s->n; k++)
		col[k] = -1;
	for (j = 0; j < t->ncols; j++) {
		for (k = 0; k < s->n; k++)
			if (t->cols[j][0] == s->f[k].name[0] &&
			    strcmp(t->cols[j], s->f[k].name) == 0)
				break;
		if (k == s->n)
			add(x, s->file, 1, SEV_WARNING, "unknown column '%s' "
			    "(kept as it is)", t->cols[j]);
		else if (col[k] == -1)
			col[k] = (int)j;
	}
	key = x->key[f] = t->nrows > 0 ? xreallocarray(NULL, t->nrows,
	    sizeof(*key)) : NULL;
	for (i = 0; i < t->nrows; i++) {
		key[i].num = 0;
		key[i].day = -1;
		key[i].dup = NODUP;
	}
	for (k = 0; k < s->n; k++) {
		fs = &s->f[k];
		if ((c = col[k]) == -1) {
			if (fs->required) {
				add(x, s->file, 1, SEV_ERROR, "the header lacks "
				    "the column '%s'", fs->name);
				x->ok[f] = 0;
			} else
				csv_add_col(t, fs->name);
			continue;
		}
		isnum = numcol[f] != NULL && strcmp(fs->name, numcol[f]) == 0;
		isday = fs->type == FT_DATE && strcmp(fs->name, "date") == 0;
		for (i = 0; i < t->nrows; i++) {
			v = t->rows[i].f[c];
			if (isnum)
				key[i].num = number(v);
			if (isday && (key[i].day = date_of(v)) != -1)
				continue;	/* a date, so a good one */
			if ((w = cell_error(t, fs, v, why, sizeof(why))) != NULL)
				add(x, s->file, t->rows[i].line, SEV_ERROR,
				    "%s: %s", fs->name, w);
		}
	}
	/* Rows the same as one before them have its keys, too. */
	for (i = 1; i < t->nrows; i++)
		for (k = 0; k < i; k++)
			if (key[k].num == key[i].num &&
			    key[k].day == key[i].day && same_row(t, i, k)) {
				key[i].dup = k;
				add(x, s->file, t->rows[i].line, SEV_WARNING,
				    "duplicate of line %zu (left by a merge?); "
				    "ipt check --fix removes it",
				    t->rows[k].line);
				break;
			}
}

static int
is_dup(const struct csv_table *t, size_t i)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (same_row(t, i, k))
			return 1;
	return 0;
}

/*
 * Rows should follow their key, the file's number (numcol[]) or its date;
 * a merge may leave them out of order.
 */
static void
check_order(struct ctx *x, enum rec_file f, int bynum)
{
	const struct csv_table *t = &x->t[f];
	const struct rowkey *key = x->key[f];
	size_t i;

	if (!x->ok[f])
		return;
	for (i = 1; i < t->nrows; i++)
		if (bynum ? key[i].num < key[i - 1].num :
		    key[i].day < key[i - 1].day) {
			add(x, rec_schema(f)->file, t->rows[i].line,
			    SEV_WARNING, "rows out of %s order; ipt check "
			    "--fix sorts them", bynum ? numcol[f] : "date");
			return;
		}
}

static void
check_sessions(struct ctx *x)
{
	const struct csv_table *t = &x->t[REC_SESSIONS];
	const struct rowkey *key = x->key[REC_SESSIONS];
	size_t i, k;
	long ni;
	int dc;

	if (!x->ok[REC_SESSIONS])
		return;
	dc = csv_col(t, "date");
	for (i = 0; i < t->nrows; i++) {
		if (key[i].dup != NODUP)
			continue;
		/* No row before it is the same: one with its number differs. */
		ni = key[i].num;
		for (k = 0; k < i && ni > 0; k++)
			if (key[k].num == ni) {
				add(x, "sessions.csv", t->rows[i].line,
				    SEV_ERROR, "session %ld appears twice with "
				    "different contents (also line %zu): keep "
				    "the right one by editing the file",
				    ni, t->rows[k].line);
				break;
			}
		for (k = 0; k < t->nrows && key[i].day >= 0; k++)
			if (key[k].num < ni && key[k].day > key[i].day) {
				add(x, "sessions.csv", t->rows[i].line,
				    SEV_ERROR, "session %ld (%s) is dated before "
				    "session %ld (%s)", ni, cell(t, i, dc),
				    key[k].num, cell(t, k, dc));
				break;
			}
	}
	check_order(x, REC_SESSIONS, 1);
}

/* Rows of a file that name a session must name one that exists. */
static void
check_refs(struct ctx *x, enum rec_file f)
{
	const struct csv_table *t = &x->t[f], *s = &x->t[REC_SESSIONS];
	const struct rowkey *tk = x->key[f], *sk = x->key[REC_SESSIONS];
	size_t i, k;
	long n;

	if (!x->ok[f] || !x->ok[REC_SESSIONS])
		return;
	for (i = 0; i < t->nrows; i++) {
		if ((n = tk[i].num) == 0)
			continue;
		for (k = 0; k < s->nrows; k++)
			if (sk[k].num == n)
				break;
		if (k == s->nrows)
			add(x, rec_schema(f)->file, t->rows[i].line, SEV_ERROR,
			    "session %ld does not exist in sessions.csv", n);
	}
}

/* instr_fmt(), by hand for a whole number: snprintf() costs more. */
static void
fmt_total(const struct instrument *in, long v, char *buf, size_t len)
{
	char tmp[32], *p = tmp + sizeof(tmp);
	unsigned long a = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	if (in->decimals != 0) {
		instr_fmt(in, v, buf, len);
		return;
	}
	*--p = '\0';
	do
		*--p = (char)('0' + a % 10);
	while ((a /= 10) != 0);
	if (v < 0)
		*--p = '-';
	if ((size_t)(tmp + sizeof(tmp) - p) > len)
		instr_fmt(in, v, buf, len);
	else
		memcpy(buf, p, (size_t)(tmp + sizeof(tmp) - p));
}

static void
check_measures(struct ctx *x)
{
	const struct csv_table *t = &x->t[REC_MEASURES];
	struct instr_result r;
	const struct instrument *in;
	char tot[64];
	size_t i;
	long total;
	int flagged, cinstr, citems, cflags, ctotal, csev;

	if (!x->ok[REC_MEASURES])
		return;
	check_refs(x, REC_MEASURES);
	check_order(x, REC_MEASURES, 0);
	cinstr = csv_col(t, "instrument");
	citems = csv_col(t, "items");
	cflags = csv_col(t, "flags");
	ctotal = csv_col(t, "total");
	csev = csv_col(t, "severity");
	for (i = 0; i < t->nrows; i++) {
		const char *name = cell(t, i, cinstr);
		const char *items = cell(t, i, citems);
		const char *flags = cell(t, i, cflags);
		const char *stotal = cell(t, i, ctotal);

		if (x->set == NULL || *name == '\0')
			continue;
		if ((in = instr_find(x->set, name)) == NULL) {
			add(x, "measures.csv", t->rows[i].line, SEV_ERROR,
			    "instrument '%s' is not defined (built in or in "
			    "the practice's instruments/)", name);
			continue;
		}
		flagged = list_contains(flags, "risk");
		if (*items == '\0') {
			if (instr_parse_value(in, stotal, &total) == -1 ||
			    total < in->tmin || total > in->tmax)
				add(x, "measures.csv", t->rows[i].line,
				    SEV_ERROR, "total '%s' is not a %s score",
				    stotal, name);
			continue;
		}
		if (instr_score_items(in, items, &r) == -1) {
			add(x, "measures.csv", t->rows[i].line, SEV_ERROR,
			    "items: %s", ipt_error());
			continue;
		}
		fmt_total(in, r.total, tot, sizeof(tot));
		if (strcmp(tot, stotal) != 0)
			add(x, "measures.csv", t->rows[i].line, SEV_ERROR,
			    "total is %s but the items score %s", stotal, tot);
		if (r.band != NULL && strcmp(r.band, cell(t, i, csev)) != 0)
			add(x, "measures.csv", t->rows[i].line, SEV_WARNING,
			    "severity is '%s' but a total of %s is '%s'",
			    cell(t, i, csev), tot, r.band);
		if (r.risk && !flagged) {
			struct buf b = { 0 };

			instr_describe_positive(in, &r, &b);
			add(x, "measures.csv", t->rows[i].line, SEV_ERROR,
			    "risk item positive (%s) but the row has no risk "
			    "flag", b.s != NULL ? b.s : "");
			buf_free(&b);
		} else if (!r.risk && flagged)
			add(x, "measures.csv", t->rows[i].line, SEV_WARNING,
			    "a risk flag, but no risk item is positive");
		instr_result_free(&r);
	}
}

static void
check_focus(struct ctx *x)
{
	const struct csv_table *t = &x->t[REC_FOCUS];
	const struct rowkey *key = x->key[REC_FOCUS];
	size_t i, last;
	int cp, cs, cd;

	if (!x->ok[REC_FOCUS])
		return;
	check_refs(x, REC_FOCUS);
	check_order(x, REC_FOCUS, 0);
	if (!x->have_client || x->v == NULL)
		return;
	if (*x->c.primary != '\0' && variant_area_ok(x->v, x->c.primary) == -1)
		add(x, CLIENT_INI, 0, SEV_ERROR, "[focus] primary: %s",
		    ipt_error());
	if (*x->c.secondary != '\0' &&
	    variant_area_ok(x->v, x->c.secondary) == -1)
		add(x, CLIENT_INI, 0, SEV_ERROR, "[focus] secondary: %s",
		    ipt_error());
	cp = csv_col(t, "primary");
	cs = csv_col(t, "secondary");
	cd = csv_col(t, "date");
	for (i = 0; i < t->nrows; i++)
		if (variant_area_ok(x->v, cell(t, i, cp)) == -1)
			add(x, "focus.csv", t->rows[i].line, SEV_WARNING,
			    "primary: %s", ipt_error());
	if (t->nrows == 0)
		return;
	/* The last decision by date (the file order breaks ties). */
	last = 0;
	for (i = 1; i < t->nrows; i++)
		if (key[i].day >= key[last].day)
			last = i;
	if (strcmp(cell(t, last, cp), x->c.primary) != 0 ||
	    strcmp(cell(t, last, cs), x->c.secondary) != 0 ||
	    strcmp(cell(t, last, cd), x->c.focus_set_on) != 0)
		add(x, CLIENT_INI, 0, SEV_ERROR, "[focus] is '%s' since '%s', "
		    "but the last decision in focus.csv (line %zu) is '%s' on "
		    "%s; ipt check --fix sets it from focus.csv",
		    x->c.primary, x->c.focus_set_on, t->rows[last].line,
		    cell(t, last, cp), cell(t, last, cd));
}

static void
check_ids(struct ctx *x, enum rec_file f)
{
	const struct csv_table *t = &x->t[f];
	const struct rowkey *key = x->key[f];
	size_t i, k;

	if (!x->ok[f])
		return;
	for (i = 0; i < t->nrows; i++) {
		if (key[i].dup != NODUP)
			continue;
		/* No row before it is the same: one with its id differs. */
		for (k = 0; k < i; k++)
			if (key[k].num == key[i].num) {
				add(x, rec_schema(f)->file, t->rows[i].line,
				    SEV_ERROR, "id %ld appears twice with "
				    "different contents (also line %zu)",
				    key[i].num, t->rows[k].line);
				break;
			}
	}
	check_order(x, f, 1);
}

/* A person has at most one row a day in the inventory. */
static void
check_person_day(struct ctx *x)
{
	const struct csv_table *t = &x->t[REC_INVENTORY];
	const struct rowkey *key = x->key[REC_INVENTORY];
	size_t i, k;
	int cp, cd;

	if (!x->ok[REC_INVENTORY])
		return;
	cp = csv_col(t, "person");
	cd = csv_col(t, "date");
	for (i = 0; i < t->nrows; i++) {
		if (key[i].dup != NODUP)
			continue;
		/* The same date is the same day; no row before is the same. */
		for (k = 0; k < i; k++)
			if (key[k].day == key[i].day &&
			    strcmp(cell(t, i, cd), cell(t, k, cd)) == 0 &&
			    strcmp(cell(t, i, cp), cell(t, k, cp)) == 0) {
				add(x, "inventory.csv", t->rows[i].line,
				    SEV_ERROR, "%s is rated twice on %s with "
				    "different contents (also line %zu): keep "
				    "the right one by editing the file",
				    cell(t, i, cp), cell(t, i, cd),
				    t->rows[k].line);
				break;
			}
	}
}

/*
 * Read the client directory for the temporary files of interrupted
 * writes.  Its names also tell which record files are missing, so that
 * check_file() need not look for them (x->files): with one thread, each
 * would cost a failed open().
 */
static void
check_temps(struct ctx *x)
{
	struct dirent *de;
	const char *p, *name[REC_NFILES];
	unsigned files = 0;
	DIR *d;
	int c, f;

	if ((d = opendir(x->dir)) == NULL)
		return;
	for (f = 0; f < REC_NFILES; f++)
		name[f] = rec_schema((enum rec_file)f)->file;
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL)
			break;
		if (de->d_name[0] != '.') {
			/* In any case: the file system may ignore it. */
			c = de->d_name[0] | 0x20;
			for (f = 0; f < REC_NFILES; f++)
				if (c == name[f][0] &&
				    strcasecmp(de->d_name, name[f]) == 0)
					files |= 1u << f;
		} else if ((p = strstr(de->d_name, ".tmp.")) != NULL &&
		    strlen(p) == 11)
			add(x, de->d_name, 0, SEV_WARNING, "temporary file of "
			    "an interrupted write; the next write or ipt check "
			    "--fix removes it");
	}
	if (errno == 0) {
		x->listed = 1;
		x->files = files;
	}
	closedir(d);
}

/* The sessions held, in order of their numbers. */
struct held {
	struct session {
		long	 num, day;
		size_t	 row;		/* in sessions.csv */
	}	*v;
	size_t	 n;
};

static int
cmp_held(const void *a, const void *b)
{
	long x = ((const struct session *)a)->num;
	long y = ((const struct session *)b)->num;

	return (x > y) - (x < y);
}

static void
held_sessions(struct ctx *x, struct held *h)
{
	const struct csv_table *s = &x->t[REC_SESSIONS];
	const struct rowkey *key = x->key[REC_SESSIONS];
	size_t i;
	int ca = csv_col(s, "attendance");

	h->v = xcalloc(s->nrows > 0 ? s->nrows : 1, sizeof(*h->v));
	h->n = 0;
	for (i = 0; i < s->nrows; i++)
		if (strcmp(cell(s, i, ca), "attended") == 0 &&
		    key[i].dup == NODUP) {
			h->v[h->n].num = key[i].num;
			h->v[h->n].day = key[i].day;
			h->v[h->n++].row = i;
		}
	qsort(h->v, h->n, sizeof(*h->v), cmp_held);
}

/*
 * A run of held sessions h.v[miss..end) at which an instrument was due
 * and not given is one finding, at the first of them.
 */
static void
run_end(struct ctx *x, const struct variant_instrument *vi,
    const struct csv_table *s, const struct held *h, long miss, size_t end)
{
	const struct session *first;
	size_t more;

	if (miss < 0)
		return;
	first = &h->v[miss];
	more = end - (size_t)miss - 1;
	if (more == 0)
		add(x, "sessions.csv", s->rows[first->row].line, SEV_WARNING,
		    "%s was due at session %ld (%s) and not given", vi->name,
		    first->num, vi->text);
	else
		add(x, "sessions.csv", s->rows[first->row].line, SEV_WARNING,
		    "%s was due at session %ld (%s) and not given, nor at the "
		    "%zu session%s held after it", vi->name, first->num,
		    vi->text, more, more == 1 ? "" : "s");
}

static void
fidelity(struct ctx *x)
{
	const struct csv_table *s = &x->t[REC_SESSIONS];
	const struct csv_table *m = &x->t[REC_MEASURES];
	const struct csv_table *fo = &x->t[REC_FOCUS];
	const struct csv_table *inv = &x->t[REC_INVENTORY];
	const struct rowkey *mk = x->key[REC_MEASURES];
	const struct rowkey *fk = x->key[REC_FOCUS];
	const struct rowkey *ik = x->key[REC_INVENTORY];
	const struct variant *v = x->v;
	const struct session *hs;
	struct risk_flag *flags = NULL;
	size_t nflags = 0, i, k, j, r, nrows, *rows;
	struct held h;
	long fb, first, last, d, planned = x->c.planned;
	int maint = strcmp(x->c.status, "maintenance") == 0, c;

	if (!x->ok[REC_SESSIONS])
		return;
	held_sessions(x, &h);

	/* focus */
	fb = variant_focus_by(v, planned);
	if (fb > 0 && (size_t)fb <= h.n && !maint) {
		hs = &h.v[fb - 1];
		for (i = 0; i < fo->nrows; i++)
			if (fk[i].day >= 0 && fk[i].day <= hs->day)
				break;
		if (i == fo->nrows)
			add(x, "sessions.csv", s->rows[hs->row].line,
			    SEV_WARNING, "no focus agreed by session %ld (held "
			    "session %ld), the end of the initial phase",
			    hs->num, fb);
	}

	/* inventory */
	if (v->inventory_min > 0 && !maint &&
	    variant_phase_range(v, planned, "initial", &first, &last) == 0 &&
	    last > 0 && (size_t)last <= h.n) {
		long people = 0;

		hs = &h.v[last - 1];
		d = hs->day;
		c = csv_col(inv, "person");
		for (i = 0; i < inv->nrows; i++) {
			if (ik[i].day > d)
				continue;
			for (k = 0; k < i; k++)
				if (ik[k].day <= d && strcmp(cell(inv, k, c),
				    cell(inv, i, c)) == 0)
					break;
			if (k == i)
				people++;
		}
		if (people < v->inventory_min)
			add(x, "sessions.csv", s->rows[hs->row].line,
			    SEV_WARNING, "the inventory names %ld of the %ld "
			    "people the initial phase asks for by session %ld",
			    people, v->inventory_min, hs->num);
	}

	/* plan */
	if (!maint && h.n > (size_t)planned)
		add(x, "sessions.csv", s->rows[h.v[planned].row].line,
		    SEV_WARNING, "session %ld is past the plan of %ld sessions: "
		    "extend the plan (ipt plan --sessions) or contract "
		    "maintenance", h.v[planned].num, planned);

	/* ended */
	if (strcmp(x->c.status, "ended") == 0) {
		c = csv_col(s, "phase");
		for (i = 0; i < h.n; i++)
			if (strcmp(cell(s, h.v[i].row, c), "final") == 0)
				break;
		if (i == h.n)
			add(x, CLIENT_INI, 0, SEV_WARNING, "the client is marked "
			    "ended but no final-phase session was held");
	}

	/* termination */
	fb = variant_termination_by(v, planned);
	if (fb > 0 && !maint && (size_t)fb <= h.n) {
		c = csv_col(s, "techniques");
		for (i = 0; i < (size_t)fb; i++)
			if (list_contains(cell(s, h.v[i].row, c),
			    "termination"))
				break;
		if (i == (size_t)fb)
			add(x, "sessions.csv", s->rows[h.v[fb - 1].row].line,
			    SEV_WARNING, "the ending was not raised (technique "
			    "'termination') by session %ld, %ld before the "
			    "end of the plan", h.v[fb - 1].num, planned - fb);
	}

	/* measures: for each instrument, the rows that give it */
	if (x->ok[REC_MEASURES]) {
		rows = xreallocarray(NULL, m->nrows > 0 ? m->nrows : 1,
		    sizeof(*rows));
		c = csv_col(m, "instrument");
		for (j = 0; j < v->ninstruments; j++) {
			const struct variant_instrument *vi = &v->instruments[j];
			long last_k = 0, last_day = 0, miss = -1;
			int given = 0;

			for (k = 0, nrows = 0; k < m->nrows; k++)
				if (strcmp(cell(m, k, c), vi->name) == 0)
					rows[nrows++] = k;
			for (i = 0; i < h.n; i++) {
				long n = h.v[i].num, sd = h.v[i].day;
				int here = 0;

				for (r = 0; r < nrows; r++) {
					k = rows[r];
					if (mk[k].num == n || mk[k].day == sd)
						here = 1;
					else if (!given && mk[k].num == 0 &&
					    mk[k].day < sd) {
						given = 1;
						last_day = mk[k].day;
					}
				}
				if (here) {
					run_end(x, vi, s, &h, miss, i);
					miss = -1;
					given = 1;
					last_k = (long)i + 1;
					last_day = sd;
					continue;
				}
				if (!variant_due(v, vi, (long)i + 1, sd, given,
				    last_k, last_day)) {
					run_end(x, vi, s, &h, miss, i);
					miss = -1;
				} else if (miss == -1)
					miss = (long)i;
			}
			run_end(x, vi, s, &h, miss, h.n);
		}
		free(rows);
	}

	/* risk */
	if (x->ok[REC_MEASURES] && v->risk_review != 0 && risk_flags(m,
	    x->ok[REC_RISK] ? &x->t[REC_RISK] : NULL, x->set, 1, &flags,
	    &nflags) == 0) {
		c = csv_col(s, "date");
		for (i = 0; i < nflags; i++) {
			long fd, cd;

			if (date_parse(flags[i].date, &fd) == -1)
				continue;	/* rec_load() refuses it */
			for (k = 0; k < h.n; k++)
				if (h.v[k].day > fd)
					break;
			/* By the risk_review-th session held after the flag. */
			k += (size_t)v->risk_review - 1;
			if (k >= h.n)
				continue;
			hs = &h.v[k];
			if (!flags[i].open && date_parse(flags[i].closed_on,
			    &cd) == 0 && cd <= hs->day)
				continue;
			add(x, "measures.csv", flags[i].line, SEV_ERROR,
			    "risk flag of %s (%s %s) was not reviewed by the "
			    "%s (%ld on %s)%s", flags[i].date,
			    flags[i].instrument, flags[i].detail,
			    v->risk_review == 1 ? "next session" :
			    "session the variant asks", hs->num,
			    cell(s, hs->row, c),
			    flags[i].open ? " and is still open" : "");
		}
		risk_flags_free(flags, nflags);
	}
	free(h.v);
}

static int
cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c;

	if ((c = strcmp(x->path, y->path)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->sev != y->sev)
		return (int)x->sev - (int)y->sev;
	return strcmp(x->msg, y->msg);
}

int
check_client(const char *dir, const struct instr_set *set,
    struct findings *out)
{
	struct ctx x;
	size_t i, first = out->n;
	int f;

	memset(&x, 0, sizeof(x));
	x.dir = dir;
	x.out = out;
	x.set = set;
	if (client_open(&x.c, dir) == -1)
		add_error(&x, CLIENT_INI, ipt_error());
	else {
		x.have_client = 1;
		if (variant_get(x.c.root, x.c.variant, &x.v) == -1)
			add_error(&x, CLIENT_INI, ipt_error());
	}
	check_temps(&x);
	for (f = 0; f < REC_NFILES; f++)
		check_file(&x, (enum rec_file)f);
	check_sessions(&x);
	check_measures(&x);
	check_focus(&x);
	check_refs(&x, REC_RISK);
	check_order(&x, REC_RISK, 0);
	check_order(&x, REC_INVENTORY, 0);
	check_person_day(&x);
	check_order(&x, REC_TIMELINE, 0);
	check_ids(&x, REC_GOALS);
	check_ids(&x, REC_RELAPSE);
	/* Fidelity counts sessions: it needs a sessions.csv without errors. */
	for (i = first; i < out->n; i++)
		if (out->v[i].sev == SEV_ERROR &&
		    strstr(out->v[i].path, "sessions.csv") != NULL)
			x.ok[REC_SESSIONS] = 0;
	if (x.have_client && x.v != NULL)
		fidelity(&x);
	for (f = 0; f < REC_NFILES; f++) {
		csv_free_table(&x.t[f]);
		free(x.key[f]);
	}
	if (x.have_client)
		client_close(&x.c);
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof(*out->v),
		    cmp_finding);
	return 0;
}

size_t
findings_errors(const struct findings *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		if (f->v[i].sev == SEV_ERROR)
			n++;
	return n;
}

void
findings_free(struct findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].path);
		free(f->v[i].msg);
	}
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

/* Keys for putting a file back in order. */
static const struct {
	enum rec_file	 f;
	const char	*key, *key2;
	int		 bynum;
} order[] = {
	{ REC_SESSIONS,	 "number", NULL, 1 },
	{ REC_MEASURES,	 "date", "session", 0 },
	{ REC_INVENTORY, "date", NULL, 0 },
	{ REC_TIMELINE,	 "date", NULL, 0 },
	{ REC_GOALS,	 "id", NULL, 1 },
	{ REC_FOCUS,	 "date", NULL, 0 },
	{ REC_RELAPSE,	 "id", NULL, 1 },
	{ REC_RISK,	 "date", NULL, 0 },
};

static long
row_key(const struct csv_row *r, int col, int bynum)
{
	long v;

	if (col == -1)
		return 0;
	if (bynum)
		return parse_long(r->f[col], 1, 9999, &v) == 0 ? v : 0;
	return date_parse(r->f[col], &v) == 0 ? v : -1;
}

static int
row_cmp(const struct csv_row *a, const struct csv_row *b, int c1, int c2,
    int bynum)
{
	long x = row_key(a, c1, bynum), y = row_key(b, c1, bynum);

	if (x == y && c2 != -1) {
		x = row_key(a, c2, 1);
		y = row_key(b, c2, 1);
	}
	return (x > y) - (x < y);
}

/* A stable insertion sort: a merge leaves a file nearly in order. */
static int
sort_rows(struct csv_table *t, const char *key, const char *key2, int bynum)
{
	int c1 = csv_col(t, key), c2 = key2 != NULL ? csv_col(t, key2) : -1;
	struct csv_row r;
	size_t i, k;
	int moved = 0;

	for (i = 1; i < t->nrows; i++) {
		r = t->rows[i];
		for (k = i; k > 0 &&
		    row_cmp(&t->rows[k - 1], &r, c1, c2, bynum) > 0; k--) {
			t->rows[k] = t->rows[k - 1];
			moved = 1;
		}
		t->rows[k] = r;
	}
	return moved;
}

int
check_fix(const char *dir, struct buf *log)
{
	struct dirlock l;
	struct client c;
	struct csv_table t;
	size_t i, k, dups;
	int rc = 0, moved, last;

	if (dir_lock(&l, dir) == -1)
		return -1;
	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		const char *file = rec_schema(order[k].f)->file;
		char *path = path_join(dir, file);

		if (access(path, F_OK) == -1 ||
		    rec_load(dir, order[k].f, &t) == -1) {
			free(path);
			continue;	/* check reports why */
		}
		free(path);
		dups = 0;
		for (i = t.nrows; i-- > 1;)
			if (is_dup(&t, i)) {
				csv_remove(&t, i);
				dups++;
			}
		moved = sort_rows(&t, order[k].key, order[k].key2,
		    order[k].bynum);
		if (dups > 0 || moved) {
			if (rec_save(dir, order[k].f, &t) == -1) {
				buf_printf(log, "%s: not fixed: %s\n", file,
				    ipt_error());
				rc = -1;
			} else {
				if (dups > 0)
					buf_printf(log, "%s: removed %zu "
					    "duplicate row%s\n", file, dups,
					    dups == 1 ? "" : "s");
				if (moved)
					buf_printf(log, "%s: put the rows in "
					    "order\n", file);
			}
		}
		csv_free_table(&t);
	}
	/* client.ini's focus follows the last decision in focus.csv. */
	if (client_open(&c, dir) == 0) {
		if (rec_load(dir, REC_FOCUS, &t) == 0 && t.nrows > 0) {
			last = 0;
			for (i = 1; i < t.nrows; i++)
				if (day(&t, i, "date") >= day(&t, (size_t)last,
				    "date"))
					last = (int)i;
			if (strcmp(csv_get(&t, (size_t)last, "primary"),
			    c.primary) != 0 ||
			    strcmp(csv_get(&t, (size_t)last, "secondary"),
			    c.secondary) != 0 ||
			    strcmp(csv_get(&t, (size_t)last, "date"),
			    c.focus_set_on) != 0) {
				ini_set(&c.ini, "focus", "primary",
				    csv_get(&t, (size_t)last, "primary"));
				ini_set(&c.ini, "focus", "secondary",
				    csv_get(&t, (size_t)last, "secondary"));
				ini_set(&c.ini, "focus", "set_on",
				    csv_get(&t, (size_t)last, "date"));
				if (client_save(&c) == -1) {
					buf_printf(log, "client.ini: not fixed: "
					    "%s\n", ipt_error());
					rc = -1;
				} else
					buf_printf(log, "client.ini: focus set "
					    "from focus.csv\n");
			}
		}
		csv_free_table(&t);
		client_close(&c);
	}
	if (log->len > 0)
		git_note("repaired by ipt check --fix");
	dir_unlock(&l);
	return rc;
}
