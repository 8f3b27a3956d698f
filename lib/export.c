/*
 * export.c: the rows of `ipt ls', the data sets of `ipt export', and
 * the practice secret behind de-identified exports (see export.h).
 *
 * De-identification.  A client's pseudonym is the first 16 hexadecimal
 * digits of HMAC-SHA-256(secret, id): stable across exports from one
 * practice, unlinkable to the id without the secret.  Bytes 8 to 11 of
 * the same MAC, which the pseudonym does not show, give the client's
 * date shift: a whole number of days from -180 to 180, never 0, added
 * to every date of that client so that intervals are kept and calendar
 * dates are not.  Names, the therapist, directory paths and free text
 * (session and focus notes) are left out, and the rows of a
 * de-identified export are ordered by pseudonym, so that their order
 * tells nothing about the ids either.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "client.h"
#include "csvt.h"
#include "date.h"
#include "export.h"
#include "record.h"
#include "render.h"
#include "sha256.h"
#include "summary.h"
#include "util.h"
#include "variant.h"

/*
 * Cells.
 */

/* A plain decimal number: -?digits(.digits)? */
static int
plain_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* A number as JSON writes it: -?(0|[1-9][0-9]*)(.[0-9]+)? */
static int
json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		return 0;
	return plain_number(s) && *s != '-';
}

int
csv_formula_like(const char *s)
{
	return *s != '\0' && strchr("=+-@\t\r", *s) != NULL &&
	    !plain_number(s);
}

void
csv_safe_cell(FILE *fp, const char *s, int sep)
{
	char *q = NULL;

	if (csv_formula_like(s))
		s = q = xasprintf("'%s", s);
	if (sep == ',')
		csv_write_field(fp, s, ',');
	else
		for (; *s != '\0'; s++)
			putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s,
			    fp);
	free(q);
}

static long
day_of(const char *s)
{
	long d;

	return date_parse(s, &d) == 0 ? d : -1;
}

/* Row indexes sorted by a date column, file order among equals. */
static size_t *
rows_by_date(const struct csv_table *t, const char *col)
{
	size_t *ix = xcalloc(t->nrows ? t->nrows : 1, sizeof(*ix)), i, j, x;

	for (i = 0; i < t->nrows; i++)
		ix[i] = i;
	for (i = 1; i < t->nrows; i++)
		for (j = i; j > 0 && day_of(csv_get(t, ix[j - 1], col)) >
		    day_of(csv_get(t, ix[j], col)); j--) {
			x = ix[j];
			ix[j] = ix[j - 1];
			ix[j - 1] = x;
		}
	return ix;
}

/*
 * ipt ls.
 */

const char *const ls_cols[LS_NCOLS + 1] = { "id", "name", "therapist",
    "variant", "status", "held", "planned", "phase", "focus", "last_date",
    "next_due", "instrument", "score", "severity", "risk", "risk_detail",
    "path", NULL };

static int
ls_numeric(int col)
{
	return col == LS_HELD || col == LS_PLANNED || col == LS_SCORE ||
	    col == LS_RISK;
}

static int
in_list(const char **list, const char *s)
{
	if (list == NULL)
		return 1;
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

/* Does s hold sub, ignoring the case of ASCII letters? */
static int
has_sub(const char *s, const char *sub)
{
	size_t n = strlen(sub), i;

	for (; *s != '\0' || n == 0; s++) {
		for (i = 0; i < n; i++) {
			int a = (unsigned char)s[i], b = (unsigned char)sub[i];

			if (a >= 'A' && a <= 'Z')
				a += 'a' - 'A';
			if (b >= 'A' && b <= 'Z')
				b += 'a' - 'A';
			if (a != b)
				break;
		}
		if (i == n)
			return 1;
		if (*s == '\0')
			break;
	}
	return 0;
}

int
ls_match(const struct summary *s, const struct ls_filter *f)
{
	return in_list(f->status, s->c.status) &&
	    in_list(f->variant, s->c.variant) &&
	    (f->therapist == NULL || has_sub(s->c.therapist, f->therapist));
}

void
ls_add(struct ls_list *l, const struct summary *s, const char *path)
{
	const struct course *co = NULL;
	const char *instr = s->v->ninstruments > 0 ?
	    s->v->instruments[0].name : "";
	struct ls_row *r;
	struct buf b = { 0 };
	char day[DATE_LEN];
	size_t i;

	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	r = &l->v[l->n++];
	r->f[LS_ID] = xstrdup(s->c.id);
	r->f[LS_NAME] = xstrdup(s->c.name);
	r->f[LS_THERAPIST] = xstrdup(s->c.therapist);
	r->f[LS_VARIANT] = xstrdup(s->c.variant);
	r->f[LS_STATUS] = xstrdup(s->c.status);
	r->f[LS_HELD] = xasprintf("%ld", s->held);
	r->f[LS_PLANNED] = xasprintf("%ld", s->c.planned);
	r->f[LS_PHASE] = xstrdup(s->phase);
	r->f[LS_FOCUS] = xstrdup(s->c.primary);
	if (s->last_day >= 0)
		date_format(s->last_day, day);
	r->f[LS_LAST] = xstrdup(s->last_day >= 0 ? day : "");
	if (s->next_due >= 0)
		date_format(s->next_due, day);
	r->f[LS_NEXT] = xstrdup(s->next_due >= 0 ? day : "");
	for (i = 0; i < s->ncourse; i++)
		if (strcmp(s->course[i].instrument, instr) == 0)
			co = &s->course[i];
	r->f[LS_INSTRUMENT] = xstrdup(instr);
	r->f[LS_SCORE] = xstrdup(co != NULL ? co->last_total : "");
	r->f[LS_SEVERITY] = xstrdup(co != NULL ? co->last_band : "");
	r->f[LS_RISK] = xasprintf("%zu", s->nrisk);
	for (i = 0; i < s->nrisk; i++)
		buf_printf(&b, "%s%s %s on %s", i ? "; " : "",
		    s->risk_open[i].instrument, s->risk_open[i].detail,
		    s->risk_open[i].date);
	r->f[LS_RISK_DETAIL] = b.s != NULL ? b.s : xstrdup("");
	r->f[LS_PATH] = xstrdup(path);
}

int
ls_sort_key(const char *s, int *col, int *desc)
{
	static const struct {
		const char	*name;
		int		 col;
	} alias[] = { { "session", LS_HELD }, { "last", LS_LAST },
	    { "next", LS_NEXT }, { "flags", LS_RISK } };
	size_t i;
	int k;

	*desc = *s == '-';
	if (*desc)
		s++;
	if ((k = rec_lookup(ls_cols, s)) >= 0) {
		*col = k;
		return 0;
	}
	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (strcmp(alias[i].name, s) == 0) {
			*col = alias[i].col;
			return 0;
		}
	return ipt_setusage("--sort: '%s' is not a column; use one of: %s "
	    "(session, last, next, flags also), '-' first to reverse", s,
	    rec_names(ls_cols));
}

static int sort_col, sort_desc;

static int
cmp_field(const struct ls_row *x, const struct ls_row *y, int col)
{
	const char *a = x->f[col], *b = y->f[col];
	double u, v;

	if (*a == '\0' || *b == '\0')
		return (*a == '\0') - (*b == '\0');	/* empty last */
	if (ls_numeric(col)) {
		u = strtod(a, NULL);
		v = strtod(b, NULL);
		if (u != v)
			return (u < v ? -1 : 1) * (sort_desc ? -1 : 1);
		return 0;
	}
	return strcmp(a, b) * (sort_desc ? -1 : 1);
}

static int
cmp_rows(const void *p, const void *q)
{
	const struct ls_row *x = p, *y = q;
	int c, rx, ry;

	if (sort_col < 0) {
		rx = strcmp(x->f[LS_RISK], "0") != 0;
		ry = strcmp(y->f[LS_RISK], "0") != 0;
		if (rx != ry)
			return ry - rx;
	} else if ((c = cmp_field(x, y, sort_col)) != 0)
		return c;
	if ((c = strcmp(x->f[LS_ID], y->f[LS_ID])) != 0)
		return c;
	return strcmp(x->f[LS_PATH], y->f[LS_PATH]);
}

void
ls_sort(struct ls_list *l, int col, int desc)
{
	sort_col = col;
	sort_desc = desc;
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_rows);
}

static void
ls_table(FILE *fp, const struct ls_list *l)
{
	static const char *const head[] = { "id", "name", "variant", "status",
	    "session", "phase", "focus", "last", "next", "score", "flags" };
	struct csv_table t;
	struct buf b = { 0 };
	size_t i, row;

	csv_init_table(&t, "ls", head, sizeof(head) / sizeof(head[0]));
	for (i = 0; i < l->n; i++) {
		char *const *f = l->v[i].f;

		row = csv_append(&t);
		csv_set(&t, row, "id", f[LS_ID]);
		csv_set(&t, row, "name", f[LS_NAME]);
		csv_set(&t, row, "variant", f[LS_VARIANT]);
		csv_set(&t, row, "status", f[LS_STATUS]);
		buf_reset(&b);
		buf_printf(&b, "%s/%s", f[LS_HELD], f[LS_PLANNED]);
		csv_set(&t, row, "session", b.s);
		csv_set(&t, row, "phase", f[LS_PHASE]);
		csv_set(&t, row, "focus", f[LS_FOCUS]);
		csv_set(&t, row, "last", f[LS_LAST]);
		csv_set(&t, row, "next", f[LS_NEXT]);
		buf_reset(&b);
		if (*f[LS_SCORE])
			buf_printf(&b, "%s %s%s%s", f[LS_INSTRUMENT],
			    f[LS_SCORE], *f[LS_SEVERITY] ? " " : "",
			    f[LS_SEVERITY]);
		csv_set(&t, row, "score", b.len ? b.s : "");
		buf_reset(&b);
		if (strcmp(f[LS_RISK], "0") != 0)
			buf_printf(&b, "RISK: %s", f[LS_RISK_DETAIL]);
		csv_set(&t, row, "flags", b.len ? b.s : "");
	}
	render_table(fp, &t, FMT_TABLE, NULL);
	csv_free_table(&t);
	buf_free(&b);
}

int
render_ls(FILE *fp, const struct ls_list *l, enum ipt_format f)
{
	size_t i, j;
	int sep = f == FMT_TSV ? '\t' : ',';

	switch (f) {
	case FMT_CSV:
	case FMT_TSV:
		for (j = 0; j < LS_NCOLS; j++)
			fprintf(fp, "%s%s", j ? (sep == ',' ? "," : "\t") : "",
			    ls_cols[j]);
		putc('\n', fp);
		for (i = 0; i < l->n; i++) {
			for (j = 0; j < LS_NCOLS; j++) {
				if (j > 0)
					putc(sep, fp);
				csv_safe_cell(fp, l->v[i].f[j], sep);
			}
			putc('\n', fp);
		}
		break;
	case FMT_JSON:
		fputs("[", fp);
		for (i = 0; i < l->n; i++) {
			fputs(i ? ",\n  {" : "\n  {", fp);
			for (j = 0; j < LS_NCOLS; j++) {
				const char *v = l->v[i].f[j];

				if (j > 0)
					fputs(", ", fp);
				json_str(fp, ls_cols[j]);
				fputs(": ", fp);
				if ((j == LS_HELD || j == LS_PLANNED ||
				    j == LS_RISK) && json_number(v))
					fputs(v, fp);
				else if ((j == LS_LAST || j == LS_NEXT) &&
				    *v == '\0')
					fputs("null", fp);
				else
					json_str(fp, v);
			}
			fputs("}", fp);
		}
		fputs(l->n > 0 ? "\n]\n" : "]\n", fp);
		break;
	default:
		ls_table(fp, l);
	}
	return ferror(fp) ? ipt_seterrno("standard output") : 0;
}

void
ls_free(struct ls_list *l)
{
	size_t i, j;

	for (i = 0; i < l->n; i++)
		for (j = 0; j < LS_NCOLS; j++)
			free(l->v[i].f[j]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/*
 * The practice secret.
 */

/* Read a secret file: 0, -1 on error, -2 when there is none. */
static int
read_secret(const char *path, struct export_secret *sec)
{
	char buf[2 * SECRET_BYTES + 8];
	struct stat st;
	ssize_t n;
	size_t len = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return -2;
		return ipt_seterrno("%s", path);
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return ipt_seterr("%s: not a regular file", path);
	}
	if (st.st_mode & 077) {
		close(fd);
		return ipt_seterr("%s: others may read it (mode %04o); "
		    "chmod 600 it", path, (unsigned)(st.st_mode & 07777));
	}
	while (len < sizeof(buf) - 1 &&
	    (n = read(fd, buf + len, sizeof(buf) - 1 - len)) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			close(fd);
			return ipt_seterrno("%s", path);
		}
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	if (hex_decode(buf, sec->key, SECRET_BYTES) == -1)
		return ipt_seterr("%s: not %d hexadecimal digits", path,
		    2 * SECRET_BYTES);
	return 0;
}

/* Make a secret file: 0, 1 if another process made one first, -1. */
static int
make_secret(const char *root, const char *path)
{
	unsigned char key[SECRET_BYTES];
	char hex[2 * SECRET_BYTES + 2], *tmp;
	size_t got = 0;
	ssize_t n;
	int fd, rnd, rc = -1;

	if ((rnd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) == -1)
		return ipt_seterrno("/dev/urandom");
	while (got < sizeof(key)) {
		if ((n = read(rnd, key + got, sizeof(key) - got)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			close(rnd);
			return ipt_seterrno("/dev/urandom");
		}
		got += (size_t)n;
	}
	close(rnd);
	hex_encode(key, sizeof(key), hex);
	memset(key, 0, sizeof(key));
	strcat(hex, "\n");
	tmp = path_join(root, "." SECRET_FILE ".tmp.XXXXXX");
	if ((fd = mkstemp(tmp)) == -1) {
		ipt_seterrno("%s: cannot create a temporary file", root);
		free(tmp);
		return -1;
	}
	if (fchmod(fd, 0600) == -1 || fault_point("write") == -1 ||
	    write(fd, hex, strlen(hex)) != (ssize_t)strlen(hex) ||
	    fsync(fd) == -1) {
		ipt_seterrno("%s", path);
		close(fd);
		goto out;
	}
	if (close(fd) == -1) {
		ipt_seterrno("%s", path);
		goto out;
	}
	/* link(2) never replaces: a secret made meanwhile wins (1). */
	if (link(tmp, path) == -1) {
		if (errno == EEXIST)
			rc = 1;
		else
			ipt_seterrno("%s", path);
		goto out;
	}
	rc = 0;
out:
	unlink(tmp);
	free(tmp);
	memset(hex, 0, sizeof(hex));
	if (rc == 0 && (fd = open(root, O_RDONLY | O_DIRECTORY)) != -1) {
		fsync(fd);
		close(fd);
	}
	return rc;
}

int
export_secret(const char *root, int create, struct export_secret *sec,
    int *created)
{
	char *path = path_join(root, SECRET_FILE);
	int rc;

	memset(sec, 0, sizeof(*sec));
	*created = 0;
	if ((rc = read_secret(path, sec)) == -2 && create &&
	    (rc = make_secret(root, path)) >= 0) {
		*created = rc == 0;
		rc = read_secret(path, sec);
	}
	if (rc == -2)
		rc = ipt_seterr("%s: no practice secret", path);
	free(path);
	if (rc != 0)
		return -1;
	sec->root = xstrdup(root);
	return 0;
}

void
export_secret_free(struct export_secret *sec)
{
	memset(sec->key, 0, sizeof(sec->key));
	free(sec->root);
	sec->root = NULL;
}

void
export_pseudonym(const struct export_secret *sec, const char *id,
    char out[17], long *shift)
{
	unsigned char mac[SHA256_LEN];
	unsigned long u;

	hmac_sha256(sec->key, sizeof(sec->key), id, strlen(id), mac);
	hex_encode(mac, 8, out);
	u = (unsigned long)mac[8] << 24 | (unsigned long)mac[9] << 16 |
	    (unsigned long)mac[10] << 8 | (unsigned long)mac[11];
	u %= 360;
	*shift = u < 180 ? (long)u - 180 : (long)u - 179;
	memset(mac, 0, sizeof(mac));
}

/*
 * ipt export.
 */

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

/* One client's rows, kept until the export is printed. */
struct export_chunk {
	char	*key;			/* pseudonym, or id */
	size_t	 seq;			/* order of arrival */
	char	*text[EXP_NTABLES];
	size_t	 len[EXP_NTABLES];
};

struct emit {
	struct export	*e;
	enum export_table t;
	FILE		*fp;
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

static void
row_begin(struct emit *m)
{
	m->col = 0;
	if (m->e->f == FMT_JSON)
		fputs("  {", m->fp);
}

/* Emit the next column's value (skipping the ones left out). */
static void
cell(struct emit *m, const char *v)
{
	const char *const *cols = table_cols[m->t];
	const char *c = cols[m->col++];
	int first = m->col == 1;

	if (!col_kept(m->e, c))
		return;
	c = col_name(c);
	if (m->e->f == FMT_CSV) {
		if (!first)
			putc(',', m->fp);
		csv_safe_cell(m->fp, v, ',');
		return;
	}
	if (!first)
		fputs(", ", m->fp);
	json_str(m->fp, c);
	fputs(": ", m->fp);
	if (rec_lookup(numeric_cols, c) >= 0 && (*v == '\0' ||
	    strcmp(v, "NA") == 0))
		fputs("null", m->fp);
	else if (rec_lookup(numeric_cols, c) >= 0 && json_number(v))
		fputs(v, m->fp);
	else
		json_str(m->fp, v);
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
	char b[32];

	snprintf(b, sizeof(b), "%ld", n);
	cell(m, b);
}

static void
row_end(struct emit *m)
{
	fputs(m->e->f == FMT_JSON ? "}\n" : "\n", m->fp);
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
	const struct csv_table *t = &s->sessions;
	size_t i;

	for (i = 0; i < t->nrows; i++) {
		row_begin(m);
		cell(m, client);
		cell(m, csv_get(t, i, "number"));
		cell_date(m, csv_get(t, i, "date"));
		cell(m, csv_get(t, i, "kind"));
		cell(m, csv_get(t, i, "attendance"));
		cell(m, csv_get(t, i, "duration_min"));
		cell(m, csv_get(t, i, "phase"));
		cell(m, csv_get(t, i, "focus"));
		cell(m, csv_get(t, i, "techniques"));
		cell(m, csv_get(t, i, "mood"));
		cell(m, csv_get(t, i, "stress"));
		cell(m, csv_get(t, i, "note"));
		row_end(m);
	}
}

static void
emit_measures(struct emit *m, const struct summary *s, const char *client)
{
	const struct csv_table *t = &s->measures;
	size_t *ix = rows_by_date(t, "date"), i, k;
	const char *p, *q;
	char *w;

	for (i = 0; i < t->nrows; i++) {
		size_t r = ix[i];

		if (m->t == EXP_MEASURES) {
			row_begin(m);
			cell(m, client);
			cell_date(m, csv_get(t, r, "date"));
			cell(m, csv_get(t, r, "session"));
			cell(m, csv_get(t, r, "instrument"));
			cell(m, csv_get(t, r, "total"));
			cell(m, csv_get(t, r, "severity"));
			cell(m, csv_get(t, r, "items"));
			cell(m, csv_get(t, r, "flags"));
			row_end(m);
			continue;
		}
		/* One row per item score. */
		for (k = 1, p = csv_get(t, r, "items"); *p != '\0'; k++) {
			while (*p == ' ')
				p++;
			if (*p == '\0')
				break;
			for (q = p; *q != '\0' && *q != ' '; q++)
				;
			w = xstrndup(p, (size_t)(q - p));
			row_begin(m);
			cell(m, client);
			cell_date(m, csv_get(t, r, "date"));
			cell(m, csv_get(t, r, "session"));
			cell(m, csv_get(t, r, "instrument"));
			cell_long(m, (long)k);
			cell(m, w);
			row_end(m);
			free(w);
			p = q;
		}
	}
	free(ix);
}

static void
emit_focus(struct emit *m, const struct summary *s, const char *client)
{
	const struct csv_table *t = &s->focus;
	size_t *ix = rows_by_date(t, "date"), i;

	for (i = 0; i < t->nrows; i++) {
		size_t r = ix[i];

		row_begin(m);
		cell(m, client);
		cell_date(m, csv_get(t, r, "date"));
		cell(m, csv_get(t, r, "session"));
		cell(m, csv_get(t, r, "primary"));
		cell(m, csv_get(t, r, "secondary"));
		cell(m, csv_get(t, r, "note"));
		row_end(m);
	}
	free(ix);
}

int
export_begin(struct export *e, enum ipt_format f, int deidentify,
    unsigned tables)
{
	memset(e, 0, sizeof(*e));
	e->f = f == FMT_JSON ? FMT_JSON : FMT_CSV;
	e->deidentify = deidentify;
	e->tables = tables;
	return 0;
}

int
export_add(struct export *e, const struct summary *s,
    const struct export_secret *sec)
{
	struct export_chunk *ch;
	struct emit m;
	char pseudo[17];
	const char *client = s->c.id;
	long shift = 0;
	int t;

	if (e->deidentify) {
		if (sec == NULL)
			return ipt_seterr("%s: no practice secret", s->c.dir);
		export_pseudonym(sec, s->c.id, pseudo, &shift);
		client = pseudo;
	}
	e->chunk = xreallocarray(e->chunk, e->nchunk + 1, sizeof(*e->chunk));
	ch = &e->chunk[e->nchunk];
	memset(ch, 0, sizeof(*ch));
	ch->key = xstrdup(client);
	ch->seq = e->nchunk++;
	for (t = 0; t < EXP_NTABLES; t++) {
		if (!(e->tables & (1u << t)))
			continue;
		memset(&m, 0, sizeof(m));
		m.e = e;
		m.t = (enum export_table)t;
		m.shift = shift;
		if ((m.fp = open_memstream(&ch->text[t], &ch->len[t])) == NULL)
			return ipt_seterrno("export");
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
		if (fclose(m.fp) == EOF)
			return ipt_seterrno("export");
	}
	return 0;
}

static int
cmp_chunk(const void *p, const void *q)
{
	const struct export_chunk *a = p, *b = q;
	int c = strcmp(a->key, b->key);

	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void
sort_chunks(struct export *e)
{
	if (e->nchunk > 1)
		qsort(e->chunk, e->nchunk, sizeof(*e->chunk), cmp_chunk);
}

/* One table: a CSV header and rows, or a JSON array. */
static void
print_table(struct export *e, FILE *fp, int t, const char *indent)
{
	const char *const *cols = table_cols[t];
	const char *p, *nl, *end;
	size_t i, j, n = 0;
	int first = 1;

	if (e->f == FMT_CSV) {
		for (j = 0; cols[j] != NULL; j++) {
			if (!col_kept(e, cols[j]))
				continue;
			fprintf(fp, "%s%s", first ? "" : ",", col_name(cols[j]));
			first = 0;
		}
		putc('\n', fp);
		for (i = 0; i < e->nchunk; i++)
			fwrite(e->chunk[i].text[t], 1, e->chunk[i].len[t], fp);
		return;
	}
	/* JSON rows are one per line, without their separators. */
	putc('[', fp);
	for (i = 0; i < e->nchunk; i++) {
		end = e->chunk[i].text[t] + e->chunk[i].len[t];
		for (p = e->chunk[i].text[t]; p < end; p = nl + 1) {
			nl = memchr(p, '\n', (size_t)(end - p));
			if (nl == NULL)
				nl = end;
			fprintf(fp, "%s\n%s", n++ ? "," : "", indent);
			fwrite(p, 1, (size_t)(nl - p), fp);
		}
	}
	fprintf(fp, "%s]", n ? "\n" : "");
	fputs(indent, fp);
}

int
export_print(struct export *e, FILE *fp)
{
	int t, one = -1, n = 0;

	sort_chunks(e);
	for (t = 0; t < EXP_NTABLES; t++)
		if (e->tables & (1u << t)) {
			one = t;
			n++;
		}
	if (n == 1) {
		print_table(e, fp, one, "");
		if (e->f == FMT_JSON)
			putc('\n', fp);
	} else {
		fprintf(fp, "{\"schema\": 1, \"deidentified\": %s",
		    e->deidentify ? "true" : "false");
		for (t = 0; t < EXP_NTABLES; t++) {
			if (!(e->tables & (1u << t)))
				continue;
			fputs(",\n", fp);
			json_str(fp, export_tables[t]);
			fputs(": ", fp);
			print_table(e, fp, t, " ");
		}
		fputs("}\n", fp);
	}
	return ferror(fp) ? ipt_seterrno("standard output") : 0;
}

struct fill_arg {
	struct export	*e;
	int		 t;
};

static int
fill_table(FILE *fp, void *arg)
{
	struct fill_arg *a = arg;

	print_table(a->e, fp, a->t, "");
	if (a->e->f == FMT_JSON)
		putc('\n', fp);
	return 0;
}

int
export_write_dir(struct export *e, const char *dir)
{
	struct fill_arg a;
	char *name;
	int t, rc;

	sort_chunks(e);
	for (t = 0; t < EXP_NTABLES; t++) {
		if (!(e->tables & (1u << t)))
			continue;
		a.e = e;
		a.t = t;
		name = xasprintf("%s.%s", export_tables[t],
		    e->f == FMT_JSON ? "json" : "csv");
		rc = atomic_replace(dir, name, fill_table, NULL, &a);
		free(name);
		if (rc == -1)
			return -1;
	}
	return 0;
}

void
export_free(struct export *e)
{
	size_t i;
	int t;

	for (i = 0; i < e->nchunk; i++) {
		free(e->chunk[i].key);
		for (t = 0; t < EXP_NTABLES; t++)
			free(e->chunk[i].text[t]);
	}
	free(e->chunk);
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
