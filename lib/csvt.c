/*
 * csvt.c: CSV tables over libcsv 3.0.3.
 *
 * libcsv reports neither lines nor a way to stop from a callback, and
 * csv_fini() resets the error state, so this reader:
 *  - feeds the parser one physical line at a time and counts lines itself;
 *    a record's line is the first non-blank line fed after the previous
 *    record ended;
 *  - reads csv_error() before anything else after a short csv_parse();
 *  - on error never calls csv_fini() with callbacks, only csv_free();
 *  - refuses a field over CSV_MAXFIELD bytes before libcsv buffers it, so
 *    memory stays bounded whatever the file holds.
 * CSV_STRICT makes a stray quote an error, CSV_STRICT_FINI an unterminated
 * quote at the end of the file.  Blanks around unquoted fields are
 * trimmed by libcsv, which is why the writer quotes a field that starts
 * or ends with one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvt.h"
#include "util.h"

struct scan {
	const char	*path;
	csv_record_fn	 fn;
	void		*arg;
	char		*f[CSV_MAXCOLS];
	size_t		 n;
	size_t		 line;		/* physical line being fed */
	size_t		 start;		/* first line of the current record */
	size_t		 since;		/* bytes fed since the last field */
	int		 bad;
};

static void
scan_clear(struct scan *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->f[i]);
	s->n = 0;
}

static void
on_field(void *field, size_t len, void *arg)
{
	struct scan *s = arg;
	size_t line = s->start ? s->start : s->line;

	s->since = 0;
	if (s->bad)
		return;
	if (s->n == CSV_MAXCOLS) {
		s->bad = ipt_seterr("%s:%zu: more than %d fields", s->path,
		    line, CSV_MAXCOLS);
		return;
	}
	if (memchr(field, '\0', len) != NULL) {
		s->bad = ipt_seterr("%s:%zu: field %zu holds a NUL byte",
		    s->path, line, s->n + 1);
		return;
	}
	if (!utf8_valid(field, len, 1)) {
		/* Tolerate the CR of CRLF inside a quoted field. */
		char *t = xstrndup(field, len), *r;
		int good;

		while ((r = strchr(t, '\r')) != NULL)
			*r = ' ';
		good = utf8_valid(t, len, 1);
		free(t);
		if (!good) {
			s->bad = ipt_seterr("%s:%zu: field %zu holds a control "
			    "character or invalid UTF-8", s->path, line,
			    s->n + 1);
			return;
		}
	}
	s->f[s->n++] = xstrndup(field, len);
}

static void
on_row(int c, void *arg)
{
	struct scan *s = arg;
	size_t line = s->start ? s->start : s->line;

	(void)c;
	s->since = 0;
	if (!s->bad && s->fn(s->arg, line, s->f, s->n) == -1)
		s->bad = -1;
	scan_clear(s);
	s->start = 0;
}

static int
blank(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
			return 0;
	return 1;
}

int
csv_scan(const char *path, FILE *fp, csv_record_fn fn, void *arg)
{
	struct csv_parser p;
	struct scan s;
	char buf[65536];
	size_t n;
	FILE *own = NULL;
	int rc = -1;

	memset(&s, 0, sizeof(s));
	s.path = path;
	s.fn = fn;
	s.arg = arg;
	s.line = 1;
	if (fp == NULL && (fp = own = fopen(path, "r")) == NULL)
		return ipt_seterrno("%s", path);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		if (own != NULL)
			fclose(own);
		return ipt_seterr("%s: cannot start the CSV parser", path);
	}
	csv_set_blk_size(&p, 4096);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		char *q = buf, *e = buf + n, *nl;

		for (; q < e; q = nl) {
			size_t len;

			if ((nl = memchr(q, '\n', (size_t)(e - q))) != NULL)
				nl++;
			else
				nl = e;
			len = (size_t)(nl - q);
			if (s.start == 0 && !blank(q, len))
				s.start = s.line;
			s.since += len;
			if (s.since > CSV_MAXFIELD + 2) {
				ipt_seterr("%s:%zu: field longer than %d bytes",
				    path, s.start ? s.start : s.line,
				    CSV_MAXFIELD);
				goto fail;
			}
			if (csv_parse(&p, q, len, on_field, on_row, &s) != len) {
				int e2 = csv_error(&p);

				if (!s.bad)
					ipt_seterr("%s:%zu: %s", path, s.line,
					    e2 == CSV_EPARSE ? "malformed "
					    "quoting (a quote inside an unquoted "
					    "field, or text after a closing "
					    "quote)" : csv_strerror(e2));
				goto fail;
			}
			if (s.bad)
				goto fail;
			if (nl[-1] == '\n')
				s.line++;
		}
	}
	if (ferror(fp)) {
		ipt_seterrno("%s", path);
		goto fail;
	}
	if (csv_fini(&p, on_field, on_row, &s) != 0) {
		ipt_seterr("%s:%zu: unterminated quoted field", path,
		    s.start ? s.start : s.line);
		goto fail;
	}
	if (s.bad)
		goto fail;
	rc = 0;
fail:
	csv_free(&p);
	scan_clear(&s);
	if (own != NULL)
		fclose(own);
	return rc;
}

struct loadctx {
	struct csv_table *t;
	int		  header;
};

static int
load_record(void *arg, size_t line, char **f, size_t n)
{
	struct loadctx *c = arg;
	struct csv_table *t = c->t;
	struct csv_row *r;
	size_t i, j;

	if (!c->header) {
		for (i = 0; i < n; i++) {
			if (f[i][0] == '\0')
				return ipt_seterr("%s:%zu: column %zu has no "
				    "name in the header", t->path, line, i + 1);
			for (j = 0; j < i; j++)
				if (strcmp(f[i], f[j]) == 0)
					return ipt_seterr("%s:%zu: column '%s' "
					    "appears twice in the header",
					    t->path, line, f[i]);
		}
		t->cols = xcalloc(n, sizeof(char *));
		for (i = 0; i < n; i++)
			t->cols[i] = xstrdup(f[i]);
		t->ncols = n;
		c->header = 1;
		return 0;
	}
	if (n != t->ncols)
		return ipt_seterr("%s:%zu: %zu field%s, but the header has %zu",
		    t->path, line, n, n == 1 ? "" : "s", t->ncols);
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->rows = xreallocarray(t->rows, t->cap, sizeof(*t->rows));
	}
	r = &t->rows[t->nrows++];
	r->line = line;
	r->f = xcalloc(n, sizeof(char *));
	for (i = 0; i < n; i++) {
		r->f[i] = f[i];
		f[i] = NULL;
	}
	return 0;
}

int
csv_load(struct csv_table *t, const char *path)
{
	struct loadctx c = { t, 0 };
	FILE *fp;
	int rc;

	memset(t, 0, sizeof(*t));
	t->path = xstrdup(path);
	if ((fp = fopen(path, "r")) == NULL) {
		int e = errno;

		if (e != ENOENT)
			ipt_seterrno("%s", path);
		else
			ipt_seterr("%s: no such file", path);
		csv_free_table(t);
		errno = e;
		return -1;
	}
	rc = csv_scan(path, fp, load_record, &c);
	fclose(fp);
	if (rc == -1) {
		csv_free_table(t);
		errno = EINVAL;
	}
	return rc;
}

/*
 * load_record() takes ownership of the fields by setting them to NULL;
 * scan_clear() then frees only what was not taken (free(NULL) is a no-op).
 */

void
csv_init_table(struct csv_table *t, const char *path, const char *const *cols,
    size_t ncols)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	t->path = xstrdup(path);
	t->ncols = ncols;
	t->cols = xcalloc(ncols, sizeof(char *));
	for (i = 0; i < ncols; i++)
		t->cols[i] = xstrdup(cols[i]);
}

int
csv_col(const struct csv_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i], name) == 0)
			return (int)i;
	return -1;
}

int
csv_add_col(struct csv_table *t, const char *name)
{
	size_t i;
	int c;

	if ((c = csv_col(t, name)) != -1)
		return c;
	t->cols = xreallocarray(t->cols, t->ncols + 1, sizeof(char *));
	t->cols[t->ncols] = xstrdup(name);
	for (i = 0; i < t->nrows; i++) {
		t->rows[i].f = xreallocarray(t->rows[i].f, t->ncols + 1,
		    sizeof(char *));
		t->rows[i].f[t->ncols] = xstrdup("");
	}
	return (int)t->ncols++;
}

const char *
csv_get(const struct csv_table *t, size_t row, const char *col)
{
	int c = csv_col(t, col);

	if (c == -1 || row >= t->nrows)
		return "";
	return t->rows[row].f[c];
}

void
csv_set(struct csv_table *t, size_t row, const char *col, const char *val)
{
	int c = csv_add_col(t, col);

	free(t->rows[row].f[c]);
	t->rows[row].f[c] = xstrdup(val != NULL ? val : "");
}

size_t
csv_append(struct csv_table *t)
{
	struct csv_row *r;
	size_t i;

	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->rows = xreallocarray(t->rows, t->cap, sizeof(*t->rows));
	}
	r = &t->rows[t->nrows];
	r->line = 0;
	r->f = xcalloc(t->ncols, sizeof(char *));
	for (i = 0; i < t->ncols; i++)
		r->f[i] = xstrdup("");
	return t->nrows++;
}

void
csv_remove(struct csv_table *t, size_t row)
{
	size_t i;

	if (row >= t->nrows)
		return;
	for (i = 0; i < t->ncols; i++)
		free(t->rows[row].f[i]);
	free(t->rows[row].f);
	memmove(&t->rows[row], &t->rows[row + 1],
	    (t->nrows - row - 1) * sizeof(*t->rows));
	t->nrows--;
}

int
csv_write_field(FILE *fp, const char *s, int sep)
{
	size_t n = strlen(s);
	int quote;

	quote = strchr(s, sep) != NULL || strchr(s, '"') != NULL ||
	    strchr(s, '\n') != NULL || strchr(s, '\r') != NULL ||
	    (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
	    s[n - 1] == '\t'));
	if (!quote)
		return fputs(s, fp) == EOF ? -1 : 0;
	if (putc('"', fp) == EOF)
		return -1;
	for (; *s != '\0'; s++) {
		if (*s == '"' && putc('"', fp) == EOF)
			return -1;
		if (putc(*s, fp) == EOF)
			return -1;
	}
	return putc('"', fp) == EOF ? -1 : 0;
}

static int
write_record(FILE *fp, char *const *f, size_t n)
{
	size_t i;

	/* A lone empty field must be quoted, or the row is an empty line. */
	if (n == 1 && f[0][0] == '\0')
		return fputs("\"\"\n", fp) == EOF ? -1 : 0;
	for (i = 0; i < n; i++) {
		if (i > 0 && putc(',', fp) == EOF)
			return -1;
		if (csv_write_field(fp, f[i], ',') == -1)
			return -1;
	}
	return putc('\n', fp) == EOF ? -1 : 0;
}

int
csv_write_table(const struct csv_table *t, FILE *fp)
{
	size_t i;

	if (write_record(fp, t->cols, t->ncols) == -1)
		return ipt_seterrno("%s", t->path);
	for (i = 0; i < t->nrows; i++)
		if (write_record(fp, t->rows[i].f, t->ncols) == -1)
			return ipt_seterrno("%s", t->path);
	return 0;
}

void
csv_free_table(struct csv_table *t)
{
	size_t i, j;

	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++)
			free(t->rows[i].f[j]);
		free(t->rows[i].f);
	}
	for (i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->rows);
	free(t->cols);
	free(t->path);
	memset(t, 0, sizeof(*t));
}
