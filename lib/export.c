/*
 * export.c: the data sets of `ipt export' (see export.h), built one
 * client at a time.  Nothing here prints: render_export.c does.
 *
 * De-identification (the pseudonym and the date shift: secret.c).
 * Names, the therapist, directory paths and free text (session and
 * focus notes) are left out, and the rows of a de-identified export are
 * ordered by pseudonym, so that their order tells nothing about the ids
 * either.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "csvt.h"
#include "date.h"
#include "export.h"
#include "json.h"
#include "record.h"
#include "render.h"
#include "secret.h"
#include "spool.h"
#include "summary.h"
#include "util.h"
#include "variant.h"

/*
 * Row indexes sorted by the date in column col, file order among equals
 * (rows without a valid date first).  The tables are a client's: short.
 */
static size_t *
rows_by_date(const struct csv_table *t, int col)
{
	size_t *ix = xcalloc(t->nrows ? t->nrows : 1, sizeof(*ix)), i, j, x;
	long *day = xcalloc(t->nrows ? t->nrows : 1, sizeof(*day));

	for (i = 0; i < t->nrows; i++) {
		ix[i] = i;
		if (col < 0 || date_parse(t->rows[i].f[col], &day[i]) == -1)
			day[i] = -1;
	}
	for (i = 1; i < t->nrows; i++)
		for (j = i; j > 0 && day[ix[j - 1]] > day[ix[j]]; j--) {
			x = ix[j];
			ix[j] = ix[j - 1];
			ix[j - 1] = x;
		}
	free(day);
	return ix;
}

const char *const export_tables[EXP_NTABLES + 1] = { "clients", "sessions",
    "measures", "items", "focus", NULL };

/* Columns: '*' marks one left out of a de-identified export. */
static const char *const cols_clients[] = { "client", "*name", "*therapist",
    "variant", "status", "start", "planned_sessions", "frequency_days",
    "focus_primary", "focus_secondary", "focus_set_on", "held", "cancelled",
    "no_show", NULL };
static const char *const cols_sessions[] = { "client", "number", "date",
    "kind", "attendance", "duration_min", "phase", "focus", "techniques",
    "mood", "stress", "*note", NULL };
static const char *const cols_measures[] = { "client", "date", "session",
    "instrument", "total", "severity", "items", "flags", NULL };
static const char *const cols_items[] = { "client", "date", "session",
    "instrument", "item", "score", NULL };
static const char *const cols_focus[] = { "client", "date", "session",
    "primary", "secondary", "*note", NULL };
static const char *const *const table_cols[EXP_NTABLES] = { cols_clients,
    cols_sessions, cols_measures, cols_items, cols_focus };

/* Columns printed as JSON numbers (null when empty or NA). */
static const char *const numeric_cols[] = { "planned_sessions",
    "frequency_days", "held", "cancelled", "no_show", "number",
    "duration_min", "mood", "stress", "session", "total", "item", "score",
    NULL };

/*
 * Where a client's rows of each table wait in its spill: the record a
 * client has in the spool is this, then its key (pseudonym or id) and a
 * NUL.  The spool sorts by key, clients with the same key in the order
 * they came.
 */
struct export_key {
	uint64_t	 off[EXP_NTABLES];
	uint64_t	 len[EXP_NTABLES];
};

struct emit {
	struct export	*e;
	enum export_table t;
	struct buf	*b;		/* CSV rows */
	struct json_w	 w;		/* JSON rows, into b */
	size_t		 col;		/* next column of the row */
	long		 shift;		/* days added to dates */
};

static int
col_kept(const struct export *e, const char *c)
{
	return *c != '*' || !e->deidentify;
}

static const char *
col_name(const char *c)
{
	return *c == '*' ? c + 1 : c;
}

/*
 * A client's JSON rows are kept as they will print: a part (json.h) of
 * the table's array, each row on a line of its own.
 */
static void
row_begin(struct emit *m)
{
	m->col = 0;
	if (m->e->f == FMT_JSON) {
		jw_gap(&m->w, m->e->rowgap);
		jw_obj(&m->w);
	}
}

/* A CSV cell, neutralising formulas (see csv_safe_cell()). */
static void
csv_safe_buf(struct buf *b, const char *s)
{
	char *q;

	if (!csv_formula_like(s)) {
		buf_csv_field(b, s, ',');
		return;
	}
	q = xasprintf("'%s", s);
	buf_csv_field(b, q, ',');
	free(q);
}

/* Emit the next column's value (skipping the ones left out). */
static void
cell(struct emit *m, const char *v)
{
	size_t j = m->col++;
	const char *c = table_cols[m->t][j];
	struct buf *b = m->b;

	if (!col_kept(m->e, c))
		return;
	if (m->e->f == FMT_CSV) {
		if (j > 0)
			buf_addc(b, ',');
		csv_safe_buf(b, v);
		return;
	}
	jw_key_raw(&m->w, m->e->key[m->t][j], m->e->keylen[m->t][j]);
	if (m->e->num[m->t][j] && (*v == '\0' || strcmp(v, "NA") == 0))
		jw_null(&m->w);
	else if (m->e->num[m->t][j] && json_number(v))
		jw_raw(&m->w, v, strlen(v));
	else
		jw_str(&m->w, v);
}

static void
cell_date(struct emit *m, const char *v)
{
	char b[DATE_LEN];
	long d;

	if (!m->e->deidentify) {
		cell(m, v);
		return;
	}
	if (date_parse(v, &d) == -1) {
		cell(m, "");
		return;
	}
	date_format(d + m->shift, b);
	cell(m, b);
}

static void
cell_long(struct emit *m, long n)
{
	char b[32], *p = b + sizeof(b);
	unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;

	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (n < 0)
		*--p = '-';
	cell(m, p);
}

static void
row_end(struct emit *m)
{
	if (m->e->f == FMT_JSON)
		jw_end(&m->w);
	else
		buf_addc(m->b, '\n');
}

/* Begin and end a table's rows of one client, into b. */
static void
rows_begin(struct emit *m, struct export *e, int t, struct buf *b,
    long shift)
{
	memset(m, 0, sizeof(*m));
	m->e = e;
	m->t = (enum export_table)t;
	m->b = b;
	m->shift = shift;
	jw_buf(&m->w, b);
	jw_part(&m->w);
}

static void
rows_end(struct emit *m)
{
	jw_end(&m->w);
}

/* A field by column index (-1: a column the file does not have). */
static const char *
fld(const struct csv_table *t, size_t row, int col)
{
	return col < 0 ? "" : t->rows[row].f[col];
}

/* Column indexes of names, looked up once a table. */
static void
cols_of(const struct csv_table *t, const char *const *names, int *col)
{
	for (; *names != NULL; names++)
		*col++ = csv_col(t, *names);
}

static void
emit_clients(struct emit *m, const struct summary *s, const char *client)
{
	row_begin(m);
	cell(m, client);
	cell(m, s->c.name);
	cell(m, s->c.therapist);
	cell(m, s->c.variant);
	cell(m, s->c.status);
	cell_date(m, s->c.start);
	cell_long(m, s->c.planned);
	cell_long(m, s->c.frequency);
	cell(m, s->c.primary);
	cell(m, s->c.secondary);
	cell_date(m, s->c.focus_set_on);
	cell_long(m, s->held);
	cell_long(m, s->cancelled);
	cell_long(m, s->noshow);
	row_end(m);
}

static void
emit_sessions(struct emit *m, const struct summary *s, const char *client)
{
	static const char *const names[] = { "number", "date", "kind",
	    "attendance", "duration_min", "phase", "focus", "techniques",
	    "mood", "stress", "note", NULL };
	const struct csv_table *t = &s->sessions;
	int c[11];
	size_t i, j;

	cols_of(t, names, c);
	for (i = 0; i < t->nrows; i++) {
		row_begin(m);
		cell(m, client);
		for (j = 0; j < 11; j++)
			if (j == 1)
				cell_date(m, fld(t, i, c[j]));
			else
				cell(m, fld(t, i, c[j]));
		row_end(m);
	}
}

static void
emit_measures(struct emit *m, const struct summary *s, const char *client)
{
	static const char *const names[] = { "date", "session", "instrument",
	    "total", "severity", "items", "flags", NULL };
	const struct csv_table *t = &s->measures;
	struct emit pm;
	size_t *ix, i, j, k;
	const char *p, *q;
	char w[64];
	int c[7];

	cols_of(t, names, c);
	ix = rows_by_date(t, c[0]);
	for (i = 0; i < t->nrows; i++) {
		size_t r = ix[i];

		if (m->t == EXP_MEASURES) {
			row_begin(m);
			cell(m, client);
			cell_date(m, fld(t, r, c[0]));
			for (j = 1; j < 7; j++)
				cell(m, fld(t, r, c[j]));
			row_end(m);
			continue;
		}
		/*
		 * One row per item score.  The cells before the item's are
		 * the same for each: made once.
		 */
		buf_reset(&m->e->pre);
		rows_begin(&pm, m->e, m->t, &m->e->pre, m->shift);
		cell(&pm, client);
		cell_date(&pm, fld(t, r, c[0]));
		cell(&pm, fld(t, r, c[1]));
		cell(&pm, fld(t, r, c[2]));
		for (k = 1, p = fld(t, r, c[5]); *p != '\0'; k++) {
			while (*p == ' ')
				p++;
			if (*p == '\0')
				break;
			for (q = p; *q != '\0' && *q != ' '; q++)
				;
			if ((size_t)(q - p) < sizeof(w)) {
				memcpy(w, p, (size_t)(q - p));
				w[q - p] = '\0';
			} else
				snprintf(w, sizeof(w), "%.*s", (int)(q - p), p);
			row_begin(m);
			if (m->e->f == FMT_JSON)
				jw_raw(&m->w, m->e->pre.s, m->e->pre.len);
			else
				buf_add(m->b, m->e->pre.s, m->e->pre.len);
			m->col = pm.col;
			cell_long(m, (long)k);
			cell(m, w);
			row_end(m);
			p = q;
		}
	}
	free(ix);
}

static void
emit_focus(struct emit *m, const struct summary *s, const char *client)
{
	static const char *const names[] = { "date", "session", "primary",
	    "secondary", "note", NULL };
	const struct csv_table *t = &s->focus;
	size_t *ix, i, j;
	int c[5];

	cols_of(t, names, c);
	ix = rows_by_date(t, c[0]);
	for (i = 0; i < t->nrows; i++) {
		size_t r = ix[i];

		row_begin(m);
		cell(m, client);
		cell_date(m, fld(t, r, c[0]));
		for (j = 1; j < 5; j++)
			cell(m, fld(t, r, c[j]));
		row_end(m);
	}
	free(ix);
}

static int
cmp_key(const void *a, size_t alen, const void *b, size_t blen, void *arg)
{
	(void)alen;
	(void)blen;
	(void)arg;
	return strcmp((const char *)a + sizeof(struct export_key),
	    (const char *)b + sizeof(struct export_key));
}

int
export_begin(struct export *e, enum ipt_format f, int deidentify,
    unsigned tables, int files)
{
	const char *c;
	size_t j;
	int t, n = 0;

	memset(e, 0, sizeof(*e));
	e->f = f == FMT_JSON ? FMT_JSON : FMT_CSV;
	e->deidentify = deidentify;
	e->tables = tables;
	for (t = 0; t < EXP_NTABLES; t++)
		n += (tables >> t) & 1;
	/* Tables in one JSON object are indented by a space. */
	e->indent = n > 1 && !files ? " " : "";
	e->rowgap = n > 1 && !files ? "\n   " : "\n  ";
	spool_init(&e->keys, cmp_key, NULL, spool_budget());
	for (t = 0; t < EXP_NTABLES; t++)
		spill_init(&e->rows[t], spool_budget() / EXP_NTABLES);
	for (t = 0; t < EXP_NTABLES; t++)
		for (j = 0; j < EXP_MAXCOLS &&
		    (c = table_cols[t][j]) != NULL; j++) {
			e->num[t][j] = rec_lookup(numeric_cols,
			    col_name(c)) >= 0;
			/* The names are plain: no escapes. */
			e->key[t][j] = xasprintf("\"%s\": ", col_name(c));
			e->keylen[t][j] = strlen(e->key[t][j]);
		}
	return 0;
}

int
export_add(struct export *e, const struct summary *s,
    const struct export_secret *sec)
{
	struct export_key k;
	struct emit m;
	struct buf rec = { 0 };
	char pseudo[17];
	const char *client = s->c.id;
	off_t off;
	long shift = 0;
	int t, rc;

	if (e->deidentify) {
		if (sec == NULL)
			return ipt_seterr("%s: no practice secret", s->c.dir);
		export_pseudonym(sec, s->c.id, pseudo, &shift);
		client = pseudo;
	}
	memset(&k, 0, sizeof(k));
	for (t = 0; t < EXP_NTABLES; t++) {
		if (!(e->tables & (1u << t)))
			continue;
		buf_reset(&e->scratch);
		rows_begin(&m, e, t, &e->scratch, shift);
		switch (t) {
		case EXP_CLIENTS:
			emit_clients(&m, s, client);
			break;
		case EXP_SESSIONS:
			emit_sessions(&m, s, client);
			break;
		case EXP_MEASURES:
		case EXP_ITEMS:
			emit_measures(&m, s, client);
			break;
		default:
			emit_focus(&m, s, client);
		}
		rows_end(&m);
		if (e->scratch.len == 0)
			continue;
		if (spill_add(&e->rows[t], e->scratch.s, e->scratch.len,
		    &off) == -1)
			return -1;
		k.off[t] = (uint64_t)off;
		k.len[t] = e->scratch.len;
	}
	buf_add(&rec, (const char *)&k, sizeof(k));
	buf_add(&rec, client, strlen(client) + 1);
	rc = spool_add(&e->keys, rec.s, rec.len);
	buf_free(&rec);
	if (rc == 0)
		e->n++;
	return rc;
}

void
export_header(const struct export *e, int t, struct buf *b)
{
	const char *const *cols = table_cols[t];
	size_t j;
	int first = 1;

	for (j = 0; cols[j] != NULL; j++) {
		if (!col_kept(e, cols[j]))
			continue;
		if (!first)
			buf_addc(b, ',');
		buf_adds(b, col_name(cols[j]));
		first = 0;
	}
	buf_addc(b, '\n');
}

int
export_rewind(struct export *e)
{
	return spool_rewind(&e->keys);
}

int
export_next(struct export *e, int t, const char **rows, size_t *len)
{
	struct export_key k;
	const void *rec;
	size_t n;
	int rc;

	while ((rc = spool_next(&e->keys, &rec, &n)) == 1) {
		memcpy(&k, rec, sizeof(k));
		if (k.len[t] == 0)
			continue;
		buf_reset(&e->scratch);
		buf_grow(&e->scratch, k.len[t]);
		if (spill_read(&e->rows[t], (off_t)k.off[t], e->scratch.s,
		    k.len[t]) == -1)
			return -1;
		*rows = e->scratch.s;
		*len = k.len[t];
		return 1;
	}
	return rc;
}

void
export_free(struct export *e)
{
	size_t j;
	int t;

	for (t = 0; t < EXP_NTABLES; t++)
		for (j = 0; j < EXP_MAXCOLS; j++)
			free(e->key[t][j]);
	buf_free(&e->pre);
	spool_free(&e->keys);
	for (t = 0; t < EXP_NTABLES; t++)
		spill_free(&e->rows[t]);
	buf_free(&e->scratch);
	memset(e, 0, sizeof(*e));
}

int
export_dir_ok(const char *dir)
{
	struct stat st;
	char *client, *parent, *slash;

	if (*dir == '\0')
		return ipt_setusage("--output: empty path");
	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return ipt_setusage("--output: '%s' is not a directory",
			    dir);
		if (client_find(dir, &client) == 0) {
			ipt_setusage("--output: '%s' is inside the client "
			    "directory %s; write it outside the records", dir,
			    client);
			free(client);
			return -1;
		}
		return 0;
	}
	if (errno != ENOENT)
		return ipt_seterrno("--output: %s", dir);
	parent = xstrdup(dir);
	while ((slash = strrchr(parent, '/')) != NULL && slash[1] == '\0' &&
	    slash != parent)
		*slash = '\0';
	if ((slash = strrchr(parent, '/')) == NULL)
		strcpy(parent, ".");
	else if (slash == parent)
		parent[1] = '\0';
	else
		*slash = '\0';
	if (client_find(parent, &client) == 0) {
		ipt_setusage("--output: '%s' is inside the client directory "
		    "%s; write it outside the records", dir, client);
		free(client);
		free(parent);
		return -1;
	}
	free(parent);
	if (mkdir(dir, 0700) == -1)
		return ipt_seterrno("--output: %s", dir);
	return 0;
}
