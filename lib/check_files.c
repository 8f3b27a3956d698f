/*
 * check_files.c: the file rules of ipt check (see ipt-check(1)).
 *
 * Every rule adds findings; none stops the others, so one run shows every
 * problem of a directory.  A file that does not parse is one error (libcsv
 * cannot go on past a broken quote); its other rules are skipped.
 *
 * A caseload check runs all of this for every client, so check_file()
 * looks at each table once: it finds the column of each field, parses
 * each row's number and date (struct rowkey) and finds the row each one
 * repeats, if any.  The rules, most of which compare rows pairwise, then
 * compare those instead of looking up and parsing cells again.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "check_int.h"
#include "client.h"
#include "csvt.h"
#include "history.h"
#include "date.h"
#include "entry.h"
#include "episode.h"
#include "instrument.h"
#include "measure.h"
#include "record.h"
#include "util.h"
#include "variant.h"

/* The column that numbers the rows of a file, if one does. */
static const char *const numcol[REC_NFILES] = {
	[REC_SESSIONS] = "number",
	[REC_MEASURES] = "session",
	[REC_GOALS] = "id",
	[REC_FOCUS] = "session",
	[REC_RELAPSE] = "id",
	[REC_RISK] = "session",
	[REC_APPOINTMENTS] = "id",
	[REC_ADDENDA] = "id",
	[REC_FORMULATION] = "id",
};

static void
vadd(struct ctx *x, const char *file, size_t line, enum severity sev,
    const char *fmt, va_list ap)
{
	struct finding *f;
	va_list aq;
	int n;

	if (x->out->n == x->out->cap) {
		x->out->cap = x->out->cap < 16 ? 16 : x->out->cap * 2;
		x->out->v = xreallocarray(x->out->v, x->out->cap, sizeof(*f));
	}
	f = &x->out->v[x->out->n++];
	f->path = path_child(x->dir, file);
	f->line = line;
	f->sev = sev;
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	f->msg = xmalloc((size_t)n + 1);
	vsnprintf(f->msg, (size_t)n + 1, fmt, ap);
}

void
check_add(struct ctx *x, const char *file, size_t line, enum severity sev,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(x, file, line, sev, fmt, ap);
	va_end(ap);
}

void
check_add_error(struct ctx *x, const char *file, const char *msg)
{
	char *path = path_child(x->dir, file);
	size_t n = strlen(path), line = 0;
	const char *p = msg;

	/* Inside the client directory, a loader may have said "./FILE". */
	if (strncmp(msg, path, n) != 0 && strcmp(x->dir, ".") == 0) {
		free(path);
		path = path_join(x->dir, file);
		n = strlen(path);
	}
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
	check_add(x, file, line, SEV_ERROR, "%s", p);
	free(path);
}

static const struct rowkey *cmp_keys;

static int
cmp_rowkey(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct rowkey *x = &cmp_keys[i], *y = &cmp_keys[j];

	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (i > j) - (i < j);
}

/*
 * Rows the same as one before them have its keys, too: each row's dup is
 * the first earlier row equal to it.  Only rows of one key (number and
 * day) are compared, so a file of many days costs n log n, not n^2.
 */
static void
find_dups(const struct csv_table *t, struct rowkey *key)
{
	size_t *ix, g, e, a, b;

	if (t->nrows < 2)
		return;
	ix = xcalloc(t->nrows, sizeof(*ix));
	for (a = 0; a < t->nrows; a++)
		ix[a] = a;
	cmp_keys = key;
	qsort(ix, t->nrows, sizeof(*ix), cmp_rowkey);
	cmp_keys = NULL;
	for (g = 0; g < t->nrows; g = e) {
		for (e = g + 1; e < t->nrows && key[ix[e]].num ==
		    key[ix[g]].num && key[ix[e]].day == key[ix[g]].day; e++)
			;
		/* In row order within the group: the first equal wins. */
		for (b = g + 1; b < e; b++)
			for (a = g; a < b; a++)
				if (key[ix[a]].dup == NODUP &&
				    csv_rows_equal(t, ix[b], ix[a])) {
					key[ix[b]].dup = ix[a];
					break;
				}
	}
	free(ix);
}

/* A field of row i in column c (csv_col()), "" if there is no column. */
static const char *
cell(const struct csv_table *t, size_t i, int c)
{
	return c == -1 ? "" : t->rows[i].f[c];
}

const char *
check_cell(const struct csv_table *t, size_t i, int c)
{
	return cell(t, i, c);
}

static long
date_of(const char *s)
{
	long d;

	return date_parse(s, &d) == 0 ? d : -1;
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
		if (errno != ENOENT)
			check_add_error(x, s->file, ipt_error());
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
			check_add(x, s->file, 1, SEV_WARNING, "unknown column '%s' "
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
				check_add(x, s->file, 1, SEV_ERROR, "the header lacks "
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
				key[i].num = rec_number(v);
			if (isday && (key[i].day = date_of(v)) != -1)
				continue;	/* a date, so a good one */
			if ((w = cell_error(t, fs, v, why, sizeof(why))) != NULL)
				check_add(x, s->file, t->rows[i].line, SEV_ERROR,
				    "%s: %s", fs->name, w);
		}
	}
	find_dups(t, key);
	for (i = 0; i < t->nrows; i++)
		if (key[i].dup != NODUP)
			check_add(x, s->file, t->rows[i].line, SEV_WARNING,
			    "duplicate of line %zu (left by a merge?); "
			    "ipt check --fix removes it",
			    t->rows[key[i].dup].line);
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
			check_add(x, rec_schema(f)->file, t->rows[i].line,
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
		/*
		 * With a history, check_history() tells an old version a
		 * merge brought back from a session both clones added.
		 */
		for (k = 0; k < i && ni > 0 && !x->history; k++)
			if (key[k].num == ni) {
				check_add(x, "sessions.csv", t->rows[i].line,
				    SEV_ERROR, "session %ld appears twice with "
				    "different contents (also line %zu): keep "
				    "the right one by editing the file",
				    ni, t->rows[k].line);
				break;
			}
		for (k = 0; k < t->nrows && key[i].day >= 0; k++)
			if (key[k].num < ni && key[k].day > key[i].day) {
				check_add(x, "sessions.csv", t->rows[i].line,
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
			check_add(x, rec_schema(f)->file, t->rows[i].line, SEV_ERROR,
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

/*
 * One administration on two rows that differ (a session, a flag): ipt
 * measure add refuses the second (measure_same()), so a hand edit or a
 * merge made it, and only a person knows which row is right.  Rows equal
 * in every field are duplicates, reported as such.  The file is in date
 * order (else check_order() says so): each row is compared with the rows
 * of its day before it.
 */
static void
check_twice(struct ctx *x)
{
	const struct csv_table *t = &x->t[REC_MEASURES];
	const struct rowkey *key = x->key[REC_MEASURES];
	size_t i, j;

	for (i = 1; i < t->nrows; i++)
		for (j = i; key[i].dup == NODUP && j-- > 0 &&
		    key[j].day == key[i].day;)
			if (measure_same(t, i, j)) {
				check_add(x, "measures.csv", t->rows[i].line,
				    SEV_WARNING, "the same administration as "
				    "line %zu (answers and total on one day); "
				    "if it was given once, delete one line, then "
				    "ipt check --fix records the removal",
				    t->rows[j].line);
				break;
			}
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
	check_order(x, REC_MEASURES, 0);
	check_twice(x);
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
			check_add(x, "measures.csv", t->rows[i].line, SEV_ERROR,
			    "instrument '%s' is not defined (built in or in "
			    "the practice's instruments/)", name);
			continue;
		}
		flagged = list_contains(flags, "risk");
		if (*items == '\0') {
			if (instr_parse_value(in, stotal, &total) == -1 ||
			    total < in->tmin || total > in->tmax)
				check_add(x, "measures.csv", t->rows[i].line,
				    SEV_ERROR, "total '%s' is not a %s score",
				    stotal, name);
			else if (instr_score_total(in, stotal, &r) == 0) {
				/* A total that settles a risk item. */
				if (r.risk && !flagged) {
					struct buf b = { 0 };

					instr_describe_positive(in, &r, &b);
					check_add(x, "measures.csv",
					    t->rows[i].line, SEV_ERROR, "a total "
					    "of %s puts a risk item positive "
					    "(%s) but the row has no risk flag",
					    stotal, b.s != NULL ? b.s : "");
					buf_free(&b);
				}
				instr_result_free(&r);
			}
			continue;
		}
		if (instr_score_items(in, items, &r) == -1) {
			check_add(x, "measures.csv", t->rows[i].line, SEV_ERROR,
			    "items: %s", ipt_error());
			continue;
		}
		fmt_total(in, r.total, tot, sizeof(tot));
		if (strcmp(tot, stotal) != 0)
			check_add(x, "measures.csv", t->rows[i].line, SEV_ERROR,
			    "total is %s but the items score %s", stotal, tot);
		if (r.band != NULL && strcmp(r.band, cell(t, i, csev)) != 0)
			check_add(x, "measures.csv", t->rows[i].line, SEV_WARNING,
			    "severity is '%s' but a total of %s is '%s'",
			    cell(t, i, csev), tot, r.band);
		if (r.risk && !flagged) {
			struct buf b = { 0 };

			instr_describe_positive(in, &r, &b);
			check_add(x, "measures.csv", t->rows[i].line, SEV_ERROR,
			    "risk item positive (%s) but the row has no risk "
			    "flag", b.s != NULL ? b.s : "");
			buf_free(&b);
		} else if (!r.risk && flagged)
			check_add(x, "measures.csv", t->rows[i].line, SEV_WARNING,
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
	long since;
	int cp, cs, cd;

	if (!x->ok[REC_FOCUS])
		return;
	check_refs(x, REC_FOCUS);
	check_order(x, REC_FOCUS, 0);
	if (!x->have_client || x->v == NULL)
		return;
	if (*x->c.primary != '\0' && variant_area_ok(x->v, x->c.primary) == -1)
		check_add(x, CLIENT_INI, 0, SEV_ERROR, "[focus] primary: %s",
		    ipt_error());
	if (*x->c.secondary != '\0' &&
	    variant_area_ok(x->v, x->c.secondary) == -1)
		check_add(x, CLIENT_INI, 0, SEV_ERROR, "[focus] secondary: %s",
		    ipt_error());
	cp = csv_col(t, "primary");
	cs = csv_col(t, "secondary");
	cd = csv_col(t, "date");
	for (i = 0; i < t->nrows; i++)
		if (variant_area_ok(x->v, cell(t, i, cp)) == -1)
			check_add(x, "focus.csv", t->rows[i].line, SEV_WARNING,
			    "primary: %s", ipt_error());
	/* The last decision of the episode by date (file order breaks
	 * ties); a new episode chooses its focus anew (episode.h). */
	since = x->eps.n > 1 ? x->eps.v[x->eps.n - 1].after : -1;
	last = t->nrows;
	for (i = 0; i < t->nrows; i++)
		if ((since < 0 || key[i].day > since) && (last == t->nrows ||
		    key[i].day >= key[last].day))
			last = i;
	if (last == t->nrows) {
		if (since >= 0 && *x->c.primary != '\0')
			check_add(x, CLIENT_INI, 0, SEV_ERROR, "[focus] is "
			    "'%s', but focus.csv has no decision of episode "
			    "%ld", x->c.primary, x->c.episode);
		return;
	}
	if (strcmp(cell(t, last, cp), x->c.primary) != 0 ||
	    strcmp(cell(t, last, cs), x->c.secondary) != 0 ||
	    strcmp(cell(t, last, cd), x->c.focus_set_on) != 0)
		check_add(x, CLIENT_INI, 0, SEV_ERROR, "[focus] is '%s' since '%s', "
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
		for (k = 0; k < i && !x->history; k++)
			if (key[k].num == key[i].num) {
				check_add(x, rec_schema(f)->file, t->rows[i].line,
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
				check_add(x, "inventory.csv", t->rows[i].line,
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
	int c, f, history = 0, notes = 0, priv = 0;

	if ((d = opendir(x->dir)) == NULL)
		return;
	for (f = 0; f < REC_NFILES; f++)
		name[f] = rec_schema((enum rec_file)f)->file;
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL)
			break;
		if (strcmp(de->d_name, HIST_FILE) == 0)
			history = 1;
		else if (strcmp(de->d_name, "notes") == 0)
			notes = 1;
		else if (strcmp(de->d_name, "private") == 0)
			priv = 1;
		if (de->d_name[0] != '.') {
			/* In any case: the file system may ignore it. */
			c = de->d_name[0] | 0x20;
			for (f = 0; f < REC_NFILES; f++)
				if (c == name[f][0] &&
				    strcasecmp(de->d_name, name[f]) == 0)
					files |= 1u << f;
		} else if ((p = strstr(de->d_name, ".tmp.")) != NULL &&
		    strlen(p) == 11)
			check_add(x, de->d_name, 0, SEV_WARNING, "temporary file of "
			    "an interrupted write; the next write or ipt check "
			    "--fix removes it");
	}
	if (errno == 0) {
		x->listed = 1;
		x->files = files;
		x->history = history;
		x->notes = notes;
		x->priv = priv;
	}
	closedir(d);
}

/*
 * The entry rules (entry.h), as the commands apply them when an entry is
 * made: a measure names a session held on its day; no session or
 * measure is dated after today; the start is not after the first
 * session, nor the end of treatment before the last.
 */
/*
 * The episodes (episode.h): episodes.csv in order and followed by the
 * current episode of client.ini, and no session dated in the gap
 * between the end of one episode and the start of the next.
 */
static void
check_episodes(struct ctx *x)
{
	const struct csv_table *s = &x->t[REC_SESSIONS];
	const struct rowkey *sk = x->key[REC_SESSIONS];
	const struct episode *e;
	const char *msg, *p;
	char a[DATE_LEN], b[DATE_LEN];
	size_t i, k, line;

	if (!x->have_client)
		return;
	if (episodes_read(x->ok[REC_EPISODES] ? &x->t[REC_EPISODES] : NULL,
	    x->c.episode, x->c.start_day, &x->eps) == -1) {
		msg = ipt_error();
		if (strncmp(msg, EPISODES_FILE ":", sizeof(EPISODES_FILE)) ==
		    0) {
			line = (size_t)strtoul(msg + sizeof(EPISODES_FILE),
			    (char **)&p, 10);
			check_add(x, EPISODES_FILE, line, SEV_ERROR, "%s",
			    *p == ':' ? p + 2 : p);
		} else
			check_add(x, CLIENT_INI, 0, SEV_ERROR, "%s",
			    strncmp(msg, CLIENT_INI ": ", sizeof(CLIENT_INI) +
			    1) == 0 ? msg + sizeof(CLIENT_INI) + 1 : msg);
	}
	for (i = 0; x->ok[REC_SESSIONS] && i < s->nrows; i++) {
		if (sk[i].day < 0)
			continue;
		k = episode_at(&x->eps, sk[i].day);
		if (!episode_gap(&x->eps, k, sk[i].day))
			continue;
		e = &x->eps.v[k];
		date_format(e->after, a);
		date_format(e->start, b);
		check_add(x, "sessions.csv", s->rows[i].line, SEV_ERROR,
		    "date: %s is after the end of episode %ld (%s) and "
		    "before the start of episode %ld (%s)",
		    csv_get(s, i, "date"), e->num - 1, a, e->num, b);
	}
}

static void
check_entries(struct ctx *x)
{
	const struct csv_table *m = &x->t[REC_MEASURES];
	const struct csv_table *s = &x->t[REC_SESSIONS];
	const struct rowkey *mk = x->key[REC_MEASURES];
	const struct rowkey *sk = x->key[REC_SESSIONS];
	struct csv_table cur = { 0 };
	char why[ENTRY_WHY];
	size_t i;
	long today;

	if (date_today(&today) == -1)
		today = -1;
	for (i = 0; x->ok[REC_SESSIONS] && i < s->nrows; i++)
		if (sk[i].day >= 0 && entry_past(sk[i].day, today, why) == -1)
			check_add(x, "sessions.csv", s->rows[i].line,
			    SEV_ERROR, "%s", why);
	for (i = 0; x->ok[REC_MEASURES] && i < m->nrows; i++) {
		if (mk[i].day >= 0 && entry_past(mk[i].day, today, why) == -1)
			check_add(x, "measures.csv", m->rows[i].line,
			    SEV_ERROR, "%s", why);
		if (x->ok[REC_SESSIONS] && mk[i].num > 0 &&
		    entry_session(s, mk[i].num, mk[i].day, NULL, why) == -1)
			check_add(x, "measures.csv", m->rows[i].line,
			    SEV_ERROR, "%s", why);
	}
	if (!x->have_client || !x->ok[REC_SESSIONS])
		return;
	/* The start of the current episode, over its sessions. */
	if (x->eps.n > 1) {
		episode_rows(s, "date", &x->eps.v[x->eps.n - 1], &cur);
		s = &cur;
	}
	if (entry_start(s, x->c.start_day, why) == -1)
		check_add(x, CLIENT_INI, 0, SEV_ERROR, "[client] start: %s",
		    why);
	s = &x->t[REC_SESSIONS];
	csv_free_table(&cur);
	if (strcmp(x->c.status, "ended") == 0 && x->c.end_day >= 0 &&
	    (entry_past(x->c.end_day, today, why) == -1 ||
	    entry_end(s, x->c.start_day, x->c.end_day, why) == -1))
		check_add(x, CLIENT_INI, 0, SEV_ERROR, "[client] ended_on: %s",
		    why);
}

void
check_files(struct ctx *x)
{
	int f;

	check_temps(x);
	if (!x->listed) {
		char *path = path_join(x->dir, HIST_FILE);

		x->history = path_exists(path);
		free(path);
	}
	for (f = 0; f < REC_NFILES; f++)
		check_file(x, (enum rec_file)f);
	check_sessions(x);
	check_measures(x);
	check_episodes(x);
	check_entries(x);
	check_focus(x);
	check_refs(x, REC_RISK);
	check_order(x, REC_RISK, 0);
	check_order(x, REC_INVENTORY, 0);
	check_person_day(x);
	check_order(x, REC_TIMELINE, 0);
	check_ids(x, REC_GOALS);
	check_ids(x, REC_RELAPSE);
	check_ids(x, REC_FORMULATION);
}
