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
 *  - refuses a field over CSV_MAXFIELD bytes: a finished one in on_field(),
 *    one still being read as soon as libcsv's buffer outgrows the limit
 *    (checked after every line, or 64 KiB, fed), so memory stays bounded
 *    whatever the file holds.
 * csv_load() also refuses a file over CSV_MAXFILE bytes or CSV_MAXCELLS
 * fields: a table is held whole, at some 40 bytes a field beyond the
 * text, and a record file near either limit is not one ipt wrote.
 * CSV_STRICT makes a stray quote an error, CSV_STRICT_FINI an unterminated
 * quote at the end of the file.  Blanks around unquoted fields are
 * trimmed by libcsv, which is why the writer quotes a field that starts
 * or ends with one.
 *
 * csv_load() reads the file whole and first tries split_plain(), which
 * handles the plain text every file ipt writes is, without libcsv and
 * without copying the fields: they stay in the text, which the table
 * keeps (t->text).  Any other text is read again, as a stream, by libcsv
 * as above: the same table, or the same message, either way.
 *
 * A UTF-8 byte-order mark at the start of a file (a spreadsheet's "CSV
 * UTF-8") is skipped by both readers; the file is written back without.
 * A field that itself begins with one is written quoted, so that it reads
 * back whole even as the first field of a file.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "csvt.h"
#include "readahead.h"
#include "util.h"

#define CSV_BLOCK	4096	/* growth of libcsv's field buffer */
#define BOM		"\xef\xbb\xbf"	/* UTF-8 byte-order mark */

struct scan {
	const char	*path;
	csv_record_fn	 fn;
	void		*arg;
	char		*f[CSV_MAXCOLS];
	size_t		 n;
	size_t		 line;		/* physical line being fed */
	size_t		 start;		/* first line of the current record */
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

	if (s->bad)
		return;
	if (len > CSV_MAXFIELD) {
		s->bad = ipt_seterr("%s:%zu: field %zu is longer than %d bytes",
		    s->path, line, s->n + 1, CSV_MAXFIELD);
		return;
	}
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
	csv_set_blk_size(&p, CSV_BLOCK);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		char *q = buf, *e = buf + n, *nl;

		/* A byte-order mark: the file's first bytes (3 < sizeof buf). */
		if (s.line == 1 && s.start == 0 && n >= 3 &&
		    memcmp(buf, BOM, 3) == 0 && ftell(fp) == (long)n)
			q += 3;

		for (; q < e; q = nl) {
			size_t len;

			if ((nl = memchr(q, '\n', (size_t)(e - q))) != NULL)
				nl++;
			else
				nl = e;
			len = (size_t)(nl - q);
			if (s.start == 0 && !blank(q, len))
				s.start = s.line;
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
			/*
			 * The buffer holds the field being read (and a NUL);
			 * it grows by CSV_BLOCK, and only when a field needs it.
			 */
			if (csv_get_buffer_size(&p) > CSV_MAXFIELD +
			    2 * CSV_BLOCK) {
				ipt_seterr("%s:%zu: field longer than %d bytes",
				    path, s.start ? s.start : s.line,
				    CSV_MAXFIELD);
				goto fail;
			}
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
	size_t		  cells;
	size_t		  used;		/* of t->block */
	size_t		  maxfile, maxcells;	/* the limits of this file */
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
				if (f[i][0] == f[j][0] && strcmp(f[i], f[j]) == 0)
					return ipt_seterr("%s:%zu: column '%s' "
					    "appears twice in the header",
					    t->path, line, f[i]);
		}
		/* The names are taken, as the fields of a row are. */
		t->cols = xcalloc(n, sizeof(char *));
		for (i = 0; i < n; i++) {
			t->cols[i] = f[i];
			f[i] = NULL;
		}
		t->ncols = n;
		c->header = 1;
		return 0;
	}
	if (n != t->ncols)
		return ipt_seterr("%s:%zu: %zu field%s, but the header has %zu",
		    t->path, line, n, n == 1 ? "" : "s", t->ncols);
	if ((c->cells += n) > c->maxcells)
		return ipt_seterr("%s:%zu: more than %zu fields in the file; "
		    "not a record file ipt can hold", t->path, line,
		    c->maxcells);
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->rows = xreallocarray(t->rows, t->cap, sizeof(*t->rows));
	}
	r = &t->rows[t->nrows++];
	r->line = line;
	if (t->block != NULL) {
		r->f = t->block + c->used;
		c->used += n;
	} else
		r->f = xcalloc(n, sizeof(char *));
	for (i = 0; i < n; i++) {
		r->f[i] = f[i];
		f[i] = NULL;
	}
	return 0;
}

/*
 * Bytes as split_plain() sees them: PLAIN in any field, HIGH (>= 0x80,
 * checked as UTF-8 afterwards), the three that end or quote a field, and
 * BAD (a control character but tab, DEL, CR, NUL) that sends the text to
 * libcsv.
 */
enum { PLAIN, HIGH, COMMA, NEWLINE, QUOTE, BAD };

static unsigned char byte_class[256];

static void
classes(void)
{
	int ch;

	if (byte_class[0] == BAD)
		return;
	for (ch = 0; ch < 256; ch++)
		byte_class[ch] = ch >= 0x80 ? HIGH : (ch < 0x20 && ch != '\t') ||
		    ch == 0x7f ? BAD : ch == ',' ? COMMA : ch == '"' ? QUOTE :
		    PLAIN;
	byte_class['\n'] = NEWLINE;
}

/*
 * Split a plain text into records, as libcsv (strict) would.  Plain: the
 * text ends in a newline; it holds no CR, NUL or control character other
 * than tab and newline, and no blank line; no unquoted field begins or
 * ends with a blank (libcsv trims those) or holds a quote; a quoted field
 * is quoted whole, doubles the quotes inside, and its closing quote is
 * followed by a comma or the end of the line.  Every field is valid UTF-8
 * of at most CSV_MAXFIELD bytes, every record at most CSV_MAXCOLS fields,
 * the file at most CSV_MAXCELLS fields and a header.  For such a text
 * libcsv yields exactly these fields (a quoted one may span lines), so
 * load_record() sees the same records with the same line numbers, and
 * builds the same table or fails with the same message.
 *
 * A first pass changes nothing and notes where the fields are (8 bytes
 * each); if the text is plain, a second unquotes them in place, ends each
 * with a NUL (on the quote or separator after it) and hands them over as
 * pointers into the text.  Returns 1, having handed over nothing, when
 * the text is not plain: csv_load() then gives it to libcsv.
 */
static int
split_plain(struct loadctx *c, char *text, size_t len)
{
	struct span {
		uint32_t off;		/* UINT32_MAX: the end of a record */
		uint32_t len;		/* | DQ: holds doubled quotes */
	} *v = NULL;
	const uint32_t DQ = UINT32_C(1) << 31;
	char *p = text, *end = text + len, *start, *q, *f[CSV_MAXCOLS];
	size_t nv = 0, capv = 0, cells = 0, nrec = 0, caprec = 0, i, k, nf;
	uint32_t *lines = NULL, line = 1, dq;
	int high, rc = 1;

	classes();
	/* First look, changing nothing: is the text plain? */
	if ((len > 0 && end[-1] != '\n') || len >= DQ)
		goto out;
	while (p < end) {
		if (*p == '\n')
			goto out;			/* a blank line */
		if (nrec == caprec) {
			caprec = caprec ? 2 * caprec : 32;
			lines = xreallocarray(lines, caprec, sizeof(*lines));
		}
		lines[nrec++] = line;
		for (nf = 0;; nf++) {
			high = 0;
			dq = 0;
			if (*p == '"') {
				for (start = ++p;; p++) {
					if (p == end)
						goto out;
					switch (byte_class[(unsigned char)*p]) {
					case PLAIN:
					case COMMA:
						continue;
					case QUOTE:
						if (p + 1 == end || p[1] != '"')
							break;
						dq = DQ;
						p++;
						continue;
					case NEWLINE:
						line++;
						continue;
					case HIGH:
						high = 1;
						continue;
					default:
						goto out;
					}
					break;
				}
				q = p++;		/* the closing quote */
				if (p == end || (*p != ',' && *p != '\n'))
					goto out;
			} else {
				for (start = p; byte_class[(unsigned char)*p] <=
				    HIGH; p++)
					high |= byte_class[(unsigned char)*p];
				if (*p != ',' && *p != '\n')
					goto out;	/* a quote, or BAD */
				q = p;
				if (q > start && (*start == ' ' ||
				    *start == '\t' || q[-1] == ' ' ||
				    q[-1] == '\t'))
					goto out;
			}
			if ((size_t)(q - start) > CSV_MAXFIELD ||
			    nf == CSV_MAXCOLS ||
			    ++cells > c->maxcells + CSV_MAXCOLS ||
			    (high && !utf8_valid(start, (size_t)(q - start), 1)))
				goto out;
			if (nv + 2 > capv) {
				capv = capv ? 2 * capv : 256;
				v = xreallocarray(v, capv, sizeof(*v));
			}
			v[nv].off = (uint32_t)(start - text);
			v[nv++].len = (uint32_t)(q - start) | dq;
			if (*p++ == '\n') {
				line++;
				break;
			}
		}
		v[nv++].off = UINT32_MAX;
	}

	/* Plain: unquote the fields in place and hand the records over. */
	c->t->block = xreallocarray(NULL, cells > 0 ? cells : 1,
	    sizeof(char *));
	c->t->blocklen = cells > 0 ? cells : 1;
	rc = 0;
	for (i = 0, k = 0; i < nrec && rc == 0; i++) {
		for (nf = 0; v[k].off != UINT32_MAX; nf++, k++) {
			start = text + v[k].off;
			q = start + (v[k].len & ~DQ);
			if (v[k].len & DQ) {
				for (p = start, end = q, q = start; p < end;
				    p++) {
					*q++ = *p;
					if (*p == '"')
						p++;	/* "" is one quote */
				}
			}
			*q = '\0';
			f[nf] = start;
		}
		k++;
		rc = load_record(c, lines[i], f, nf);
	}
out:
	free(v);
	free(lines);
	return rc;
}

/* Whether a field is a string of its own or lies in the text as read. */
static int
own_field(const struct csv_table *t, const char *f)
{
	return t->text == NULL ||
	    (uintptr_t)f - (uintptr_t)t->text >= t->textlen;
}

int
csv_field_plain(const struct csv_table *t, const char *f)
{
	return !own_field(t, f);
}

/* Whether a row's array of fields is its own or lies in t->block. */
static int
own_fields(const struct csv_table *t, char **f)
{
	return t->block == NULL || (uintptr_t)f - (uintptr_t)t->block >=
	    t->blocklen * sizeof(char *);
}

/*
 * What csv_load() got of a file: an errno (e, from open, fstat or read),
 * else its stat and, unless it grew past its size, its text.  Fills t and
 * returns 0 or -1 as csv_load() does, or 1 when the text is missing or
 * not plain: the file is then to be read again, as a stream, for libcsv.
 */
static int
load_text(struct csv_table *t, const char *path, int e,
    const struct stat *st, char *text, size_t n, size_t maxfile,
    size_t maxcells)
{
	struct loadctx c = { t, 0, 0, 0, maxfile, maxcells };
	int rc;

	if (e != 0) {
		errno = e;
		if (e == ELOOP)
			ipt_seterr("%s: a symbolic link: a record is read only "
			    "from a file of its own directory (through a link, "
			    "another client's records would read as these)",
			    path);
		else if (e != ENOENT)
			ipt_seterrno("%s", path);
		else
			ipt_seterr("%s: no such file", path);
	} else if (!S_ISREG(st->st_mode)) {
		e = EINVAL;
		ipt_seterr("%s: not a regular file", path);
	} else if ((unsigned long long)st->st_size > maxfile) {
		e = EFBIG;
		ipt_seterr("%s: %lld bytes, more than the %zu MiB a record "
		    "file may hold", path, (long long)st->st_size,
		    maxfile / (1024 * 1024));
	}
	if (e != 0) {
		free(text);
		csv_free_table(t);
		errno = e;
		return -1;
	}
	if (text == NULL)
		return 1;
	if (n >= 3 && memcmp(text, BOM, 3) == 0) {
		memmove(text, text + 3, n - 3 + 1);
		n -= 3;
	}
	t->text = text;
	t->textlen = n + 1;
	if ((rc = split_plain(&c, text, n)) == 1) {
		free(t->text);
		t->text = NULL;
		t->textlen = 0;
	} else if (rc == -1) {
		csv_free_table(t);
		errno = EINVAL;
	}
	return rc;
}

int
csv_load(struct csv_table *t, const char *path)
{
	return csv_load_max(t, path, CSV_MAXFILE, CSV_MAXCELLS);
}

int
csv_load_max(struct csv_table *t, const char *path, size_t maxfile,
    size_t maxcells)
{
	struct loadctx c = { t, 0, 0, 0, maxfile, maxcells };
	struct ra_file ra;
	struct stat st;
	FILE *fp;
	char *text = NULL;
	ssize_t n = 0;
	int fd, e = 0, rc;

	memset(t, 0, sizeof(*t));
	t->path = xstrdup(path);
	/* The caller may have read the file already (readahead.h). */
	if (ra_take(path, &ra) &&
	    (rc = load_text(t, path, ra.err, &ra.st, ra.text, ra.len,
	    maxfile, maxcells)) != 1)
		return rc;
	/*
	 * O_NONBLOCK: a FIFO in a file's place must not hang the reader; it
	 * changes nothing for the regular file that is then required.
	 * O_NOFOLLOW: a record is never read through a symbolic link.  One
	 * read of the size fstat() gave, and one more byte: a short read of
	 * a regular file is its end.
	 */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
	    O_NOFOLLOW)) == -1)
		return load_text(t, path, errno, NULL, NULL, 0, maxfile,
		    maxcells);
	if (fstat(fd, &st) == -1)
		e = errno;
	else if (S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size <= maxfile) {
		text = xmalloc((size_t)st.st_size + 2);
		do
			n = read(fd, text, (size_t)st.st_size + 1);
		while (n == -1 && errno == EINTR);
		if (n == -1)
			e = errno;
		if (n < 0 || n > st.st_size) {
			free(text);
			text = NULL;
		} else
			text[n] = '\0';
	}
	if ((rc = load_text(t, path, e, &st, text, (size_t)n, maxfile,
	    maxcells)) != 1) {
		close(fd);
		return rc;
	}
	/* Not plain, or the file grew: libcsv, reading it as a stream. */
	if (lseek(fd, 0, SEEK_SET) == -1 || (fp = fdopen(fd, "r")) == NULL) {
		e = errno != 0 ? errno : EIO;
		close(fd);
		return load_text(t, path, e, NULL, NULL, 0, maxfile,
		    maxcells);
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

	/* The first byte first: most lookups end there (csv_get's cost). */
	for (i = 0; i < t->ncols; i++)
		if (t->cols[i][0] == name[0] && strcmp(t->cols[i], name) == 0)
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
		if (own_fields(t, t->rows[i].f))
			t->rows[i].f = xreallocarray(t->rows[i].f,
			    t->ncols + 1, sizeof(char *));
		else {
			char **f = xreallocarray(NULL, t->ncols + 1,
			    sizeof(char *));

			memcpy(f, t->rows[i].f, t->ncols * sizeof(char *));
			t->rows[i].f = f;
		}
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

	if (own_field(t, t->rows[row].f[c]))
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
		if (own_field(t, t->rows[row].f[i]))
			free(t->rows[row].f[i]);
	if (own_fields(t, t->rows[row].f))
		free(t->rows[row].f);
	memmove(&t->rows[row], &t->rows[row + 1],
	    (t->nrows - row - 1) * sizeof(*t->rows));
	t->nrows--;
}

/* Must the field be quoted (see csv_write_field)? */
static int
needs_quote(const char *s, size_t n, int sep)
{
	return strchr(s, sep) != NULL || strchr(s, '"') != NULL ||
	    strchr(s, '\n') != NULL || strchr(s, '\r') != NULL ||
	    (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
	    s[n - 1] == '\t')) || (n >= 3 && memcmp(s, BOM, 3) == 0);
}

int
csv_write_field(FILE *fp, const char *s, int sep)
{
	struct buf b = { 0 };
	int rc;

	if (!needs_quote(s, strlen(s), sep))
		return fputs(s, fp) == EOF ? -1 : 0;
	buf_csv_field(&b, s, sep);
	rc = fwrite(b.s, 1, b.len, fp) == b.len ? 0 : -1;
	buf_free(&b);
	return rc;
}

void
buf_csv_field(struct buf *b, const char *s, int sep)
{
	size_t n = strlen(s);
	const char *q;

	if (!needs_quote(s, n, sep)) {
		buf_add(b, s, n);
		return;
	}
	buf_addc(b, '"');
	while ((q = strchr(s, '"')) != NULL) {
		buf_add(b, s, (size_t)(q - s) + 1);
		buf_addc(b, '"');
		s = q + 1;
	}
	buf_adds(b, s);
	buf_addc(b, '"');
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

/* The bytes write_record() writes. */
static size_t
record_size(char *const *f, size_t n)
{
	const char *q;
	size_t i, len, size = n;	/* the commas and the newline */

	if (n == 1 && f[0][0] == '\0')
		return 3;
	for (i = 0; i < n; i++) {
		len = strlen(f[i]);
		size += len;
		if (!needs_quote(f[i], len, ','))
			continue;
		size += 2;
		for (q = f[i]; (q = strchr(q, '"')) != NULL; q++)
			size++;
	}
	return size;
}

size_t
csv_table_size(const struct csv_table *t)
{
	size_t i, n = record_size(t->cols, t->ncols);

	for (i = 0; i < t->nrows; i++)
		n += record_size(t->rows[i].f, t->ncols);
	return n;
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
			if (own_field(t, t->rows[i].f[j]))
				free(t->rows[i].f[j]);
		if (own_fields(t, t->rows[i].f))
			free(t->rows[i].f);
	}
	for (i = 0; i < t->ncols; i++)
		if (own_field(t, t->cols[i]))
			free(t->cols[i]);
	free(t->rows);
	free(t->cols);
	free(t->path);
	free(t->text);
	free(t->block);
	memset(t, 0, sizeof(*t));
}

int
csv_rows_equal(const struct csv_table *t, size_t a, size_t b)
{
	size_t j;

	for (j = 0; j < t->ncols; j++)
		if (strcmp(t->rows[a].f[j], t->rows[b].f[j]) != 0)
			return 0;
	return 1;
}
