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
#include <stdint.h>
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
#include "spool.h"
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

/* The table's columns, for people. */
enum {
	LT_ID, LT_NAME, LT_VARIANT, LT_STATUS, LT_SESSION, LT_PHASE, LT_FOCUS,
	LT_LAST, LT_NEXT, LT_SCORE, LT_FLAGS, LT_NCOLS
};
_Static_assert(LT_NCOLS == LS_TCOLS, "LS_TCOLS in export.h");
static const char *const ls_thead[LT_NCOLS] = { "id", "name", "variant",
    "status", "session", "phase", "focus", "last", "next", "score",
    "flags" };

struct ls_cells {
	const char	*c[LT_NCOLS];
	struct buf	 session, score, flags;
};

/* A spooled row: its LS_NCOLS fields, each ending in a NUL. */
static void
ls_unpack(const void *rec, struct ls_row *r)
{
	const char *p = rec;
	size_t j;

	for (j = 0; j < LS_NCOLS; j++) {
		r->f[j] = p;
		p += strlen(p) + 1;
	}
}

/* The cells of a row in the table for people. */
static void
ls_cells(struct ls_cells *k, const struct ls_row *r)
{
	const char *const *f = r->f;

	buf_reset(&k->session);
	buf_printf(&k->session, "%s/%s", f[LS_HELD], f[LS_PLANNED]);
	buf_reset(&k->score);
	if (*f[LS_SCORE])
		buf_printf(&k->score, "%s %s%s%s", f[LS_INSTRUMENT],
		    f[LS_SCORE], *f[LS_SEVERITY] ? " " : "", f[LS_SEVERITY]);
	buf_reset(&k->flags);
	if (strcmp(f[LS_RISK], "0") != 0)
		buf_printf(&k->flags, "RISK: %s", f[LS_RISK_DETAIL]);
	k->c[LT_ID] = f[LS_ID];
	k->c[LT_NAME] = f[LS_NAME];
	k->c[LT_VARIANT] = f[LS_VARIANT];
	k->c[LT_STATUS] = f[LS_STATUS];
	k->c[LT_SESSION] = k->session.s;
	k->c[LT_PHASE] = f[LS_PHASE];
	k->c[LT_FOCUS] = f[LS_FOCUS];
	k->c[LT_LAST] = f[LS_LAST];
	k->c[LT_NEXT] = f[LS_NEXT];
	k->c[LT_SCORE] = k->score.len ? k->score.s : "";
	k->c[LT_FLAGS] = k->flags.len ? k->flags.s : "";
}

static void
ls_cells_free(struct ls_cells *k)
{
	buf_free(&k->session);
	buf_free(&k->score);
	buf_free(&k->flags);
}

static int
cmp_field(const struct ls_row *x, const struct ls_row *y, int col, int desc)
{
	const char *a = x->f[col], *b = y->f[col];
	double u, v;

	if (*a == '\0' || *b == '\0')
		return (*a == '\0') - (*b == '\0');	/* empty last */
	if (ls_numeric(col)) {
		u = strtod(a, NULL);
		v = strtod(b, NULL);
		if (u != v)
			return (u < v ? -1 : 1) * (desc ? -1 : 1);
		return 0;
	}
	return strcmp(a, b) * (desc ? -1 : 1);
}

static int
cmp_rows(const void *p, size_t plen, const void *q, size_t qlen, void *arg)
{
	const struct ls_list *l = arg;
	struct ls_row x, y;
	int c, rx, ry;

	(void)plen;
	(void)qlen;
	ls_unpack(p, &x);
	ls_unpack(q, &y);
	if (l->col < 0) {
		rx = strcmp(x.f[LS_RISK], "0") != 0;
		ry = strcmp(y.f[LS_RISK], "0") != 0;
		if (rx != ry)
			return ry - rx;
	} else if ((c = cmp_field(&x, &y, l->col, l->desc)) != 0)
		return c;
	if ((c = strcmp(x.f[LS_ID], y.f[LS_ID])) != 0)
		return c;
	return strcmp(x.f[LS_PATH], y.f[LS_PATH]);
}

void
ls_begin(struct ls_list *l, int col, int desc)
{
	size_t j;

	memset(l, 0, sizeof(*l));
	l->col = col;
	l->desc = desc;
	spool_init(&l->sp, cmp_rows, l, spool_budget());
	for (j = 0; j < LT_NCOLS; j++)
		l->wid[j] = utf8_width(ls_thead[j]);
}

int
ls_add(struct ls_list *l, const struct summary *s, const char *path)
{
	const struct course *co = NULL;
	const char *instr = s->v->ninstruments > 0 ?
	    s->v->instruments[0].name : "";
	struct ls_cells k = { 0 };
	struct ls_row r;
	struct buf b = { 0 };
	char day[DATE_LEN];
	size_t i, w;
	int rc;

	for (i = 0; i < s->ncourse; i++)
		if (strcmp(s->course[i].instrument, instr) == 0)
			co = &s->course[i];
	/* The fields in ls_cols order, each ending in a NUL. */
	buf_add(&b, s->c.id, strlen(s->c.id) + 1);
	buf_add(&b, s->c.name, strlen(s->c.name) + 1);
	buf_add(&b, s->c.therapist, strlen(s->c.therapist) + 1);
	buf_add(&b, s->c.variant, strlen(s->c.variant) + 1);
	buf_add(&b, s->c.status, strlen(s->c.status) + 1);
	buf_printf(&b, "%ld", s->held);
	buf_addc(&b, '\0');
	buf_printf(&b, "%ld", s->c.planned);
	buf_addc(&b, '\0');
	buf_add(&b, s->phase, strlen(s->phase) + 1);
	buf_add(&b, s->c.primary, strlen(s->c.primary) + 1);
	if (s->last_day >= 0)
		date_format(s->last_day, day);
	buf_add(&b, s->last_day >= 0 ? day : "", s->last_day >= 0 ?
	    strlen(day) + 1 : 1);
	if (s->next_due >= 0)
		date_format(s->next_due, day);
	buf_add(&b, s->next_due >= 0 ? day : "", s->next_due >= 0 ?
	    strlen(day) + 1 : 1);
	buf_add(&b, instr, strlen(instr) + 1);
	buf_adds(&b, co != NULL ? co->last_total : "");
	buf_addc(&b, '\0');
	buf_adds(&b, co != NULL ? co->last_band : "");
	buf_addc(&b, '\0');
	buf_printf(&b, "%zu", s->nrisk);
	buf_addc(&b, '\0');
	for (i = 0; i < s->nrisk; i++)
		buf_printf(&b, "%s%s %s on %s", i ? "; " : "",
		    s->risk_open[i].instrument, s->risk_open[i].detail,
		    s->risk_open[i].date);
	buf_addc(&b, '\0');
	buf_add(&b, path, strlen(path) + 1);

	ls_unpack(b.s, &r);
	ls_cells(&k, &r);
	for (i = 0; i < LT_NCOLS; i++)
		if ((w = utf8_width(k.c[i])) > l->wid[i])
			l->wid[i] = w;
	ls_cells_free(&k);
	rc = spool_add(&l->sp, b.s, b.len);
	buf_free(&b);
	if (rc == 0)
		l->n++;
	return rc;
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

static void
ls_row_out(FILE *fp, const struct ls_row *r, enum ipt_format f, size_t i)
{
	size_t j;
	int sep = f == FMT_TSV ? '\t' : ',';

	if (f == FMT_CSV || f == FMT_TSV) {
		for (j = 0; j < LS_NCOLS; j++) {
			if (j > 0)
				putc(sep, fp);
			csv_safe_cell(fp, r->f[j], sep);
		}
		putc('\n', fp);
		return;
	}
	fputs(i ? ",\n  {" : "\n  {", fp);
	for (j = 0; j < LS_NCOLS; j++) {
		const char *v = r->f[j];

		if (j > 0)
			fputs(", ", fp);
		json_str(fp, ls_cols[j]);
		fputs(": ", fp);
		if ((j == LS_HELD || j == LS_PLANNED || j == LS_RISK) &&
		    json_number(v))
			fputs(v, fp);
		else if ((j == LS_LAST || j == LS_NEXT) && *v == '\0')
			fputs("null", fp);
		else
			json_str(fp, v);
	}
	fputs("}", fp);
}

int
render_ls(FILE *fp, struct ls_list *l, enum ipt_format f)
{
	struct ls_cells k = { 0 };
	struct ls_row r;
	struct buf line = { 0 };
	const void *rec;
	size_t j, len, i = 0;
	int rc;

	if (spool_sort(&l->sp) == -1)
		return -1;
	switch (f) {
	case FMT_CSV:
	case FMT_TSV:
		for (j = 0; j < LS_NCOLS; j++)
			fprintf(fp, "%s%s", j ? (f == FMT_CSV ? "," : "\t") :
			    "", ls_cols[j]);
		putc('\n', fp);
		break;
	case FMT_JSON:
		fputs("[", fp);
		break;
	default:
		render_row(fp, &line, ls_thead, l->wid, LT_NCOLS);
	}
	while ((rc = spool_next(&l->sp, &rec, &len)) == 1) {
		ls_unpack(rec, &r);
		if (f == FMT_TABLE) {
			ls_cells(&k, &r);
			render_row(fp, &line, k.c, l->wid, LT_NCOLS);
		} else
			ls_row_out(fp, &r, f, i);
		i++;
	}
	if (f == FMT_JSON)
		fputs(i > 0 ? "\n]\n" : "]\n", fp);
	ls_cells_free(&k);
	buf_free(&line);
	if (rc == -1)
		return -1;
	return ferror(fp) ? ipt_seterrno("standard output") : 0;
}

void
ls_free(struct ls_list *l)
{
	spool_free(&l->sp);
	memset(l, 0, sizeof(*l));
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
	struct buf	*b;
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
 * A JSON row is kept as it will print: ",\n", the indent and the object.
 * The first row of a table prints without its comma.
 */
static void
row_begin(struct emit *m)
{
	m->col = 0;
	if (m->e->f == FMT_JSON) {
		buf_add(m->b, ",\n", 2);
		buf_adds(m->b, m->e->indent);
		buf_add(m->b, "  {", 3);
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
	/* The key, with the comma before it: , "name": */
	buf_add(b, m->e->key[m->t][j], m->e->keylen[m->t][j]);
	if (m->e->num[m->t][j] && (*v == '\0' || strcmp(v, "NA") == 0))
		buf_add(b, "null", 4);
	else if (m->e->num[m->t][j] && json_number(v))
		buf_adds(b, v);
	else
		buf_json_str(b, v);
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
	buf_addc(m->b, m->e->f == FMT_JSON ? '}' : '\n');
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
		memset(&pm, 0, sizeof(pm));
		pm.e = m->e;
		pm.t = m->t;
		pm.b = &m->e->pre;
		pm.shift = m->shift;
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
	spool_init(&e->keys, cmp_key, NULL, spool_budget());
	for (t = 0; t < EXP_NTABLES; t++)
		spill_init(&e->rows[t], spool_budget() / EXP_NTABLES);
	for (t = 0; t < EXP_NTABLES; t++)
		for (j = 0; j < EXP_MAXCOLS &&
		    (c = table_cols[t][j]) != NULL; j++) {
			e->num[t][j] = rec_lookup(numeric_cols,
			    col_name(c)) >= 0;
			/* The names are plain: no escapes. */
			e->key[t][j] = xasprintf("%s\"%s\": ", j ? ", " : "",
			    col_name(c));
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
		memset(&m, 0, sizeof(m));
		m.e = e;
		m.t = (enum export_table)t;
		m.b = &e->scratch;
		m.shift = shift;
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

/* One table: a CSV header and rows, or a JSON array. */
static int
print_table(struct export *e, FILE *fp, int t)
{
	const char *const *cols = table_cols[t];
	struct export_key k;
	const char *p;
	const void *rec;
	size_t j, len, n = 0;
	int first = 1, rc;

	if (e->f == FMT_CSV) {
		for (j = 0; cols[j] != NULL; j++) {
			if (!col_kept(e, cols[j]))
				continue;
			fprintf(fp, "%s%s", first ? "" : ",", col_name(cols[j]));
			first = 0;
		}
		putc('\n', fp);
	} else
		putc('[', fp);
	if (spool_rewind(&e->keys) == -1)
		return -1;
	while ((rc = spool_next(&e->keys, &rec, &len)) == 1) {
		memcpy(&k, rec, sizeof(k));
		if (k.len[t] == 0)
			continue;
		buf_reset(&e->scratch);
		buf_grow(&e->scratch, k.len[t]);
		if (spill_read(&e->rows[t], (off_t)k.off[t], e->scratch.s,
		    k.len[t]) == -1)
			return -1;
		/* The first JSON row of the table goes without its comma. */
		p = e->scratch.s;
		len = k.len[t];
		if (e->f == FMT_JSON && n++ == 0) {
			p++;
			len--;
		}
		fwrite(p, 1, len, fp);
	}
	if (rc == -1)
		return -1;
	if (e->f == FMT_JSON) {
		fprintf(fp, "%s]", n ? "\n" : "");
		fputs(e->indent, fp);
	}
	return 0;
}

int
export_print(struct export *e, FILE *fp)
{
	int t, one = -1, n = 0;

	for (t = 0; t < EXP_NTABLES; t++)
		if (e->tables & (1u << t)) {
			one = t;
			n++;
		}
	if (n == 1) {
		if (print_table(e, fp, one) == -1)
			return -1;
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
			if (print_table(e, fp, t) == -1)
				return -1;
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

	if (print_table(a->e, fp, a->t) == -1)
		return -1;
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
