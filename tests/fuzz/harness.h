/*
 * harness.h: the bodies of the fuzz harnesses, shared by the libFuzzer
 * mains (tests/fuzz/fuzz_NAME.c) and the replay of the regression inputs
 * (tests/unit/t_fuzzregress.c), which must not need libFuzzer.
 *
 * harness_NAME(data, size) feeds one input to one reader of lib/ and
 * checks what must hold of whatever that reader accepts.  Refusing an
 * input is always allowed, as long as it is a clean refusal: -1 and a
 * message.  A broken property is printed on stderr and ends the process
 * with abort(), which libFuzzer records as a crash and the replay test as
 * a failure.  The harnesses are:
 *
 *	csv		csv_scan() on the bytes (fmemopen) and csv_load() on
 *			the same bytes in a file: both agree, and what they
 *			accept is written back by the writer and reads back
 *			field for field.
 *	ini		ini_load_mem(): what loads is what the text says
 *			(a strict reading of it, below), nothing dropped or
 *			cut; ini_write() of it never refuses a value, loads
 *			again and ini_equal().
 *	instrument	instr_parse() of an INI definition (the bytes up to
 *			the first NUL; the rest drive the answers), then
 *			scoring at the ends of the ranges and with
 *			fuzz-derived answers: totals in range, a band for
 *			every total, the items column scoring the same.
 *	variant		a definition in ROOT/variants/fuzz.ini through
 *			variant_get(), then the phases of plans of several
 *			lengths: every session in one phase, in order, each
 *			phase at least one session.
 *	score		instr_score() of every built-in instrument with
 *			answers taken from the bytes, and the same checks.
 *	date		date_parse() and date_format() round trips.
 *	json		json_parse() (json_read.h): what it accepts is written
 *			back (strings through the one escaper of lib/,
 *			numbers as their text) and parses again to the same
 *			tree; a refusal names the file and a line.
 */
#ifndef IPT_FUZZ_HARNESS_H
#define IPT_FUZZ_HARNESS_H

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvt.h"
#include "date.h"
#include "defs.h"
#include "ini.h"
#include "instrument.h"
#include "json.h"
#include "json_read.h"
#include "util.h"
#include "variant.h"

int	 harness_csv(const uint8_t *, size_t);
int	 harness_ini(const uint8_t *, size_t);
int	 harness_instrument(const uint8_t *, size_t);
int	 harness_variant(const uint8_t *, size_t);
int	 harness_score(const uint8_t *, size_t);
int	 harness_date(const uint8_t *, size_t);
int	 harness_json(const uint8_t *, size_t);

static void	hfail(const char *, ...) IPT_PRINTF(1, 2);

/* A property does not hold: say which, and crash. */
static void
hfail(const char *fmt, ...)
{
	va_list ap;

	fputs("harness: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* Whether the current input holds a newline (a message may quote it). */
static int	h_nl;

static void
hinput(const uint8_t *data, size_t size)
{
	h_nl = memchr(data, '\n', size) != NULL;
}

/* A refusal must come with a message, of one line unless it quotes one. */
static void
hrefused(const char *what)
{
	const char *e = ipt_error();

	if (e == NULL || *e == '\0' || (!h_nl && strchr(e, '\n') != NULL))
		hfail("%s: refused without a one-line message", what);
}

static char *
hdup(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* A scratch directory for the harnesses that need files, removed at exit. */
static char	h_dir[64];

static void
h_cleanup(void)
{
	char *p;

	if (h_dir[0] == '\0')
		return;
	p = xasprintf("%s/in.csv", h_dir);
	unlink(p);
	free(p);
	p = xasprintf("%s/variants/fuzz.ini", h_dir);
	unlink(p);
	free(p);
	p = xasprintf("%s/variants", h_dir);
	rmdir(p);
	free(p);
	rmdir(h_dir);
	h_dir[0] = '\0';
}

static const char *
hscratch(void)
{
	const char *t = getenv("TMPDIR");
	char *p;

	if (h_dir[0] != '\0')
		return h_dir;
	snprintf(h_dir, sizeof(h_dir), "%s/ipt-fuzz.XXXXXX",
	    t != NULL && *t != '\0' && strlen(t) < 40 ? t : "/tmp");
	if (mkdtemp(h_dir) == NULL)
		hfail("mkdtemp %s: %s", h_dir, strerror(errno));
	p = xasprintf("%s/variants", h_dir);
	if (mkdir(p, 0700) == -1)
		hfail("mkdir %s: %s", p, strerror(errno));
	free(p);
	atexit(h_cleanup);
	return h_dir;
}

static void
hwrite(const char *path, const uint8_t *data, size_t size)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL || (size > 0 && fwrite(data, 1, size, fp) != size) ||
	    fclose(fp) == EOF)
		hfail("cannot write %s", path);
}

/* ---------------------------------------------------------------- csv */

struct hrec {
	size_t	 line, n;
	char	**f;
};

struct hrecs {
	size_t		 n;
	struct hrec	*r;
};

static int
hcollect(void *arg, size_t line, char **f, size_t n)
{
	struct hrecs *rs = arg;
	struct hrec *r;
	size_t i;

	if (n == 0 || n > CSV_MAXCOLS)
		hfail("csv: a record of %zu fields", n);
	/* A bare CR ends a record too, so two may share a line. */
	if (line == 0 || (rs->n > 0 && line < rs->r[rs->n - 1].line))
		hfail("csv: record %zu starts at line %zu", rs->n + 1, line);
	rs->r = xreallocarray(rs->r, rs->n + 1, sizeof(*rs->r));
	r = &rs->r[rs->n++];
	r->line = line;
	r->n = n;
	r->f = xcalloc(n, sizeof(char *));
	for (i = 0; i < n; i++) {
		if (f[i] == NULL)
			hfail("csv: line %zu: field %zu is NULL", line, i + 1);
		r->f[i] = xstrdup(f[i]);
	}
	return 0;
}

static void
hrecs_free(struct hrecs *rs)
{
	size_t i, j;

	for (i = 0; i < rs->n; i++) {
		for (j = 0; j < rs->r[i].n; j++)
			free(rs->r[i].f[j]);
		free(rs->r[i].f);
	}
	free(rs->r);
	rs->r = NULL;
	rs->n = 0;
}

/* Scan a buffer; -1 if refused. */
static int
hscan(const char *data, size_t size, struct hrecs *rs)
{
	FILE *fp;
	int rc;

	rs->n = 0;
	rs->r = NULL;
	if (size == 0)
		fp = fopen("/dev/null", "r");
	else
		fp = fmemopen((void *)(uintptr_t)data, size, "r");
	if (fp == NULL)
		hfail("csv: fmemopen: %s", strerror(errno));
	rc = csv_scan("fuzz.csv", fp, hcollect, rs);
	fclose(fp);
	if (rc == -1)
		hrecs_free(rs);
	return rc;
}

static void
hrecs_same(const struct hrecs *a, const struct hrecs *b, const char *what)
{
	size_t i, j;

	if (a->n != b->n)
		hfail("csv: %s: %zu records, then %zu", what, a->n, b->n);
	for (i = 0; i < a->n; i++) {
		if (a->r[i].n != b->r[i].n)
			hfail("csv: %s: record %zu: %zu fields, then %zu", what,
			    i + 1, a->r[i].n, b->r[i].n);
		for (j = 0; j < a->r[i].n; j++)
			if (strcmp(a->r[i].f[j], b->r[i].f[j]) != 0)
				hfail("csv: %s: record %zu field %zu: '%s', "
				    "then '%s'", what, i + 1, j + 1,
				    a->r[i].f[j], b->r[i].f[j]);
	}
}

/* The fields a reader may hand out: no NUL (given), valid UTF-8. */
static void
hcheck_field(const char *s)
{
	char *t = xstrdup(s), *r;

	while ((r = strchr(t, '\r')) != NULL)
		*r = ' ';
	if (!utf8_valid(t, strlen(t), 1))
		hfail("csv: accepted a field with a control character or "
		    "invalid UTF-8");
	free(t);
}

int
harness_csv(const uint8_t *data, size_t size)
{
	struct hrecs a, b;
	struct csv_table t;
	char *path, *out = NULL;
	size_t outlen = 0, i, j;
	FILE *mem;
	int rc, lrc;

	hinput(data, size);
	rc = hscan((const char *)data, size, &a);
	if (rc == -1)
		hrefused("csv_scan");

	/* csv_load() of the same bytes agrees with csv_scan(). */
	path = xasprintf("%s/in.csv", hscratch());
	hwrite(path, data, size);
	lrc = csv_load(&t, path);
	if (lrc == -1) {
		hrefused("csv_load");
		if (t.ncols != 0 || t.nrows != 0 || t.path != NULL)
			hfail("csv: a refused load left a table");
	} else {
		if (rc == -1)
			hfail("csv: csv_load accepted what csv_scan refused");
		if (a.n == 0 ? t.ncols != 0 || t.nrows != 0 :
		    t.ncols != a.r[0].n || t.nrows != a.n - 1)
			hfail("csv: csv_load and csv_scan disagree on the shape");
		for (j = 0; j < t.ncols; j++)
			if (strcmp(t.cols[j], a.r[0].f[j]) != 0)
				hfail("csv: header field %zu differs", j + 1);
		for (i = 0; i < t.nrows; i++) {
			if (t.rows[i].line != a.r[i + 1].line)
				hfail("csv: row %zu: line %zu, scan says %zu",
				    i + 1, t.rows[i].line, a.r[i + 1].line);
			for (j = 0; j < t.ncols; j++)
				if (strcmp(t.rows[i].f[j], a.r[i + 1].f[j]) != 0)
					hfail("csv: row %zu field %zu differs",
					    i + 1, j + 1);
		}
	}

	if (rc == 0) {
		for (i = 0; i < a.n; i++)
			for (j = 0; j < a.r[i].n; j++)
				hcheck_field(a.r[i].f[j]);
		/* What was read is written back and reads back the same. */
		if ((mem = open_memstream(&out, &outlen)) == NULL)
			hfail("open_memstream");
		if (lrc == 0) {
			if (t.ncols > 0 && csv_write_table(&t, mem) == -1)
				hfail("csv: csv_write_table: %s", ipt_error());
		} else
			for (i = 0; i < a.n; i++) {
				const struct hrec *r = &a.r[i];

				if (r->n == 1 && r->f[0][0] == '\0') {
					fputs("\"\"\n", mem);
					continue;
				}
				for (j = 0; j < r->n; j++) {
					if (j > 0)
						putc(',', mem);
					if (csv_write_field(mem, r->f[j],
					    ',') == -1)
						hfail("csv: csv_write_field");
				}
				putc('\n', mem);
			}
		if (fclose(mem) == EOF)
			hfail("csv: fclose of the memory stream");
		if (hscan(out, outlen, &b) == -1)
			hfail("csv: what the writer wrote does not read back: "
			    "%s", ipt_error());
		hrecs_same(&a, &b, "written and read back");
		hrecs_free(&b);
		free(out);
	}
	if (lrc == 0)
		csv_free_table(&t);
	if (rc == 0)
		hrecs_free(&a);
	free(path);
	return 0;
}

/* ---------------------------------------------------------------- ini */

/*
 * What an INI text says, read strictly: one statement per line, blanks
 * around names and unquoted values ignored, names lowercased, a comment
 * a line starting with ';' or '#', or the rest of a line after a value
 * when it starts with ';' or '#' after a blank (or right after a closing
 * quote).  Anything else that a reader could take two ways is marked
 * ambiguous, and a loader must then refuse the text: a key outside any
 * section, a key given twice, an empty name, ':' in a section name, text
 * after ']' or after a closing quote, an unterminated quote, ';' or '#'
 * inside an unquoted value, a backslash ending a line (iniparser joins
 * the next line to it).
 */
struct hini {
	size_t	  nsec, nkey;
	char	**sec;
	char	**ksec, **key, **val;
	const char *ambiguous;
	size_t	  line;
};

static int
hspace(int c)
{
	return isspace((unsigned char)c);
}

static char *
hstrip_lower(const char *s, size_t n, int lower)
{
	char *p;
	size_t i;

	while (n > 0 && hspace(*s)) {
		s++;
		n--;
	}
	while (n > 0 && hspace(s[n - 1]))
		n--;
	p = xstrndup(s, n);
	if (lower)
		for (i = 0; i < n; i++)
			if (p[i] >= 'A' && p[i] <= 'Z')
				p[i] = (char)(p[i] - 'A' + 'a');
	return p;
}

static void
hini_free(struct hini *h)
{
	size_t i;

	for (i = 0; i < h->nsec; i++)
		free(h->sec[i]);
	for (i = 0; i < h->nkey; i++) {
		free(h->ksec[i]);
		free(h->key[i]);
		free(h->val[i]);
	}
	free(h->sec);
	free(h->ksec);
	free(h->key);
	free(h->val);
	memset(h, 0, sizeof(*h));
}

static void
hini_line(struct hini *h, const char *p, size_t n, char **cur)
{
	const char *e, *eq, *v, *close;
	char *name, *key, *val;
	size_t i;

	while (n > 0 && hspace(*p)) {
		p++;
		n--;
	}
	while (n > 0 && hspace(p[n - 1]))
		n--;
	if (n > 0 && p[n - 1] == '\\') {
		h->ambiguous = "a line ends with a backslash";
		return;
	}
	if (n == 0 || *p == ';' || *p == '#')
		return;
	e = p + n;
	if (*p == '[') {
		close = memchr(p, ']', n);
		if (close == NULL || close != e - 1) {
			h->ambiguous = "a section line that is not [NAME]";
			return;
		}
		name = hstrip_lower(p + 1, (size_t)(close - p - 1), 1);
		if (*name == '\0' || strchr(name, ':') != NULL) {
			h->ambiguous = "an empty section name, or one with ':'";
			free(name);
			return;
		}
		for (i = 0; i < h->nsec; i++)
			if (strcmp(h->sec[i], name) == 0)
				break;
		if (i == h->nsec) {
			h->sec = xreallocarray(h->sec, h->nsec + 1,
			    sizeof(char *));
			h->sec[h->nsec++] = xstrdup(name);
		}
		free(*cur);
		*cur = name;
		return;
	}
	if ((eq = memchr(p, '=', n)) == NULL) {
		h->ambiguous = "a line that is no section, key or comment";
		return;
	}
	if (*cur == NULL) {
		h->ambiguous = "a key outside any section";
		return;
	}
	key = hstrip_lower(p, (size_t)(eq - p), 1);
	if (*key == '\0') {
		h->ambiguous = "an empty key";
		free(key);
		return;
	}
	for (v = eq + 1; v < e && hspace(*v); v++)
		;
	if (v < e && (*v == '"' || *v == '\'')) {
		close = memchr(v + 1, *v, (size_t)(e - v - 1));
		if (close == NULL) {
			h->ambiguous = "an unterminated quote";
			free(key);
			return;
		}
		val = xstrndup(v + 1, (size_t)(close - v - 1));
		for (v = close + 1; v < e && hspace(*v); v++)
			;
		if (v < e && *v != ';' && *v != '#') {
			h->ambiguous = "text after a closing quote";
			free(key);
			free(val);
			return;
		}
	} else {
		const char *c = v;

		while (c < e && *c != ';' && *c != '#')
			c++;
		if (c < e && c > v && !hspace(c[-1])) {
			h->ambiguous = "';' or '#' inside an unquoted value";
			free(key);
			return;
		}
		val = hstrip_lower(v, (size_t)(c - v), 0);
	}
	for (i = 0; i < h->nkey; i++)
		if (strcmp(h->ksec[i], *cur) == 0 && strcmp(h->key[i], key) == 0) {
			h->ambiguous = "a key given twice";
			free(key);
			free(val);
			return;
		}
	h->ksec = xreallocarray(h->ksec, h->nkey + 1, sizeof(char *));
	h->key = xreallocarray(h->key, h->nkey + 1, sizeof(char *));
	h->val = xreallocarray(h->val, h->nkey + 1, sizeof(char *));
	h->ksec[h->nkey] = xstrdup(*cur);
	h->key[h->nkey] = key;
	h->val[h->nkey] = val;
	h->nkey++;
}

static void
hini_read(struct hini *h, const char *text, size_t len)
{
	const char *p = text, *e = text + len, *nl;
	char *cur = NULL;

	memset(h, 0, sizeof(*h));
	/* A leading byte-order mark is skipped, as ipt-files(5) says. */
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; p < e && h->ambiguous == NULL; p = nl + 1) {
		h->line++;
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		hini_line(h, p, (size_t)(nl - p), &cur);
	}
	free(cur);
}

/* A loaded ini says exactly what the strict reading says. */
static void
hini_same(const struct ini *ini, const struct hini *h)
{
	size_t i, j, k = 0, total = 0;

	if (ini->n != h->nsec)
		hfail("ini: %zu sections loaded, the text has %zu", ini->n,
		    h->nsec);
	for (i = 0; i < ini->n; i++) {
		const struct ini_sec *s = &ini->sec[i];

		if (strcmp(s->name, h->sec[i]) != 0)
			hfail("ini: section %zu is [%s], the text says [%s]",
			    i + 1, s->name, h->sec[i]);
		for (j = 0; j < s->n; j++) {
			for (k = 0; k < h->nkey; k++)
				if (strcmp(h->ksec[k], s->name) == 0 &&
				    strcmp(h->key[k], s->kv[j].key) == 0)
					break;
			if (k == h->nkey)
				hfail("ini: [%s] %s loaded, not in the text",
				    s->name, s->kv[j].key);
			if (strcmp(h->val[k], s->kv[j].val) != 0)
				hfail("ini: [%s] %s is '%s', the text says "
				    "'%s'", s->name, s->kv[j].key,
				    s->kv[j].val, h->val[k]);
		}
		total += s->n;
	}
	if (total != h->nkey)
		hfail("ini: %zu keys loaded, the text has %zu", total, h->nkey);
}

int
harness_ini(const uint8_t *data, size_t size)
{
	struct ini a, b;
	struct hini h;
	char *out = NULL;
	size_t outlen = 0;
	FILE *mem;

	hinput(data, size);
	if (ini_load_mem(&a, "fuzz.ini", (const char *)data, size) == -1) {
		hrefused("ini_load_mem");
		if (a.n != 0 || a.sec != NULL)
			hfail("ini: a refused load left sections");
		return 0;
	}
	hini_read(&h, (const char *)data, size);
	if (h.ambiguous != NULL)
		hfail("ini: accepted a text with %s (line %zu)", h.ambiguous,
		    h.line);
	hini_same(&a, &h);
	hini_free(&h);

	if ((mem = open_memstream(&out, &outlen)) == NULL)
		hfail("open_memstream");
	/* The loader refuses any value the writer could not store. */
	if (ini_write(&a, mem) == -1)
		hfail("ini: a text that loads does not write back: %s",
		    ipt_error());
	if (fclose(mem) == EOF)
		hfail("ini: fclose of the memory stream");
	if (ini_load_mem(&b, "written.ini", out, outlen) == -1)
		hfail("ini: what ini_write wrote does not load: %s",
		    ipt_error());
	if (ini_equal(&a, &b) != 0)
		hfail("ini: what ini_write wrote loads differently");
	ini_free(&b);
	ini_free(&a);
	free(out);
	return 0;
}

/* --------------------------------------------------------- instruments */

/* The checks every result of a scoring must pass. */
static void
hresult(const struct instrument *in, const struct instr_result *r)
{
	struct instr_result r2;
	struct buf b = { 0 };
	char fmt[64];
	long v;
	size_t i;

	if (r->total < in->tmin || r->total > in->tmax)
		hfail("%s: total %ld outside %ld-%ld", in->name, r->total,
		    in->tmin, in->tmax);
	if (in->nbands > 0 && r->band == NULL)
		hfail("%s: total %ld falls in no band", in->name, r->total);
	if (r->band != NULL && r->band != instr_band(in, r->total))
		hfail("%s: band differs from instr_band", in->name);
	for (i = 0; i < r->n; i++)
		if (!r->na[i] && (r->score[i] < in->item[i].min ||
		    r->score[i] > in->item[i].max))
			hfail("%s: item %zu scored %ld, outside %ld-%ld",
			    in->name, i + 1, r->score[i], in->item[i].min,
			    in->item[i].max);
	/* The stored items column scores the same. */
	if (r->items == NULL || instr_score_items(in, r->items, &r2) == -1)
		hfail("%s: items column '%s' does not score again: %s",
		    in->name, r->items ? r->items : "(null)", ipt_error());
	if (r2.total != r->total || r2.risk != r->risk ||
	    r2.band != r->band || strcmp(r2.items, r->items) != 0)
		hfail("%s: '%s' scores %ld from the items column, %ld at "
		    "first", in->name, r->items, r2.total, r->total);
	instr_result_free(&r2);
	/* The total, printed, is a total that --total accepts. */
	instr_fmt(in, r->total, fmt, sizeof(fmt));
	if (instr_parse_value(in, fmt, &v) == -1 || v != r->total)
		hfail("%s: total %ld prints as '%s', which reads back as %ld",
		    in->name, r->total, fmt, v);
	if (instr_score_total(in, fmt, &r2) == -1)
		hfail("%s: --total %s refused: %s", in->name, fmt, ipt_error());
	if (r2.total != r->total || r2.band != r->band)
		hfail("%s: --total %s scores differently", in->name, fmt);
	instr_result_free(&r2);
	instr_describe_positive_labelled(in, r, &b);
	instr_describe_positive(in, r, &b);
	buf_free(&b);
}

/*
 * Answer every item from the bytes: each byte picks a value in the
 * item's range, or NA.  Returns the result of instr_score().
 */
static int
hanswer(const struct instrument *in, const uint8_t *p, size_t n, int mode,
    int positions)
{
	struct instr_result r;
	char **argv, num[32];
	size_t i;
	int rc;

	argv = xcalloc(in->nitems, sizeof(char *));
	for (i = 0; i < in->nitems; i++) {
		const struct instr_item *it = &in->item[i];
		unsigned long span = (unsigned long)(it->max - it->min) + 1;
		unsigned b = n > 0 ? p[i % n] : (unsigned)i;

		if (mode == 0)
			snprintf(num, sizeof(num), "%ld", it->min);
		else if (mode == 1)
			snprintf(num, sizeof(num), "%ld", it->max);
		else if (it->na && b % 7 == 0)
			snprintf(num, sizeof(num), "NA");
		else
			snprintf(num, sizeof(num), "%ld", it->min +
			    (long)((b * 2654435761UL + i) % span));
		argv[i] = xstrdup(num);
	}
	rc = instr_score(in, argv, in->nitems, positions, &r);
	if (rc == 0) {
		hresult(in, &r);
		instr_result_free(&r);
	} else if (mode < 2)
		hfail("%s: answers all at the %s of their range refused: %s",
		    in->name, mode == 0 ? "bottom" : "top", ipt_error());
	else
		hrefused("instr_score");
	for (i = 0; i < in->nitems; i++)
		free(argv[i]);
	free(argv);
	return rc;
}

int
harness_instrument(const uint8_t *data, size_t size)
{
	struct instrument *in;
	struct buf b = { 0 };
	const uint8_t *nul;
	const uint8_t *ans = NULL;
	size_t len = size, nans = 0;
	char lo[64], hi[64];

	hinput(data, size);
	if ((nul = memchr(data, '\0', size)) != NULL) {
		len = (size_t)(nul - data);
		ans = nul + 1;
		nans = size - len - 1;
	}
	if ((in = instr_parse("fuzz", "fuzz.ini", (const char *)data,
	    len)) == NULL) {
		hrefused("instr_parse");
		return 0;
	}
	if (in->nitems == 0 || in->nitems > INSTR_MAXITEMS ||
	    in->tmin > in->tmax || in->scale < 1)
		hfail("instrument: accepted %zu items, total %ld-%ld",
		    in->nitems, in->tmin, in->tmax);
	instr_fmt(in, in->tmin, lo, sizeof(lo));
	instr_fmt(in, in->tmax, hi, sizeof(hi));
	instr_describe_ranges(in, &b);
	instr_describe_bands(in, &b);
	instr_describe_risk(in, &b);
	buf_free(&b);
	(void)instr_reliable_points(in);
	(void)hanswer(in, ans, nans, 0, 0);
	(void)hanswer(in, ans, nans, 1, 0);
	(void)hanswer(in, ans, nans, 2, 0);
	(void)hanswer(in, ans, nans, 2, 1);
	instr_free(in);
	return 0;
}

static struct instr_set	h_set;
static int		h_set_loaded;

static void
h_set_free(void)
{
	instr_free_set(&h_set);
}

int
harness_score(const uint8_t *data, size_t size)
{
	const struct instrument *in;
	struct instr_result r;
	char *text, **argv = NULL, *tok, *save = NULL;
	size_t argc = 0;
	int flags;

	hinput(data, size);
	if (!h_set_loaded) {
		if (instr_load_set(&h_set, NULL) == -1)
			hfail("score: the built-in instruments do not load: %s",
			    ipt_error());
		h_set_loaded = 1;
		atexit(h_set_free);
	}
	if (size < 2 || h_set.n == 0)
		return 0;
	in = h_set.v[data[0] % h_set.n];
	flags = data[1];
	data += 2;
	size -= 2;
	if (flags & 4) {
		/* Bytes as answers: mostly in range, so scoring proceeds. */
		(void)hanswer(in, data, size, 2, flags & 1);
		return 0;
	}
	/* Bytes as the words of the command line and of a stored column. */
	text = hdup(data, size);
	for (tok = strtok_r(text, " \n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \n", &save)) {
		argv = xreallocarray(argv, argc + 1, sizeof(char *));
		argv[argc++] = tok;
	}
	if (instr_score(in, argv, argc, flags & 1, &r) == 0) {
		hresult(in, &r);
		instr_result_free(&r);
	} else {
		hrefused("instr_score");
		if (r.score != NULL || r.items != NULL)
			hfail("score: a refused score left a result");
	}
	free(argv);
	free(text);
	text = hdup(data, size);
	if (instr_score_items(in, text, &r) == 0) {
		hresult(in, &r);
		instr_result_free(&r);
	} else
		hrefused("instr_score_items");
	if (instr_score_total(in, text, &r) == 0) {
		if (r.total < in->tmin || r.total > in->tmax ||
		    (in->nbands > 0 && r.band == NULL))
			hfail("%s: --total '%s' gives %ld", in->name, text,
			    r.total);
		instr_result_free(&r);
	} else
		hrefused("instr_score_total");
	free(text);
	return 0;
}

/* ----------------------------------------------------------- variants */

static int
hphase_index(const char *name)
{
	int i;

	for (i = 0; variant_phase_names[i] != NULL; i++)
		if (strcmp(variant_phase_names[i], name) == 0)
			return i;
	hfail("variant: '%s' is no phase", name);
	return -1;
}

/* The phases of a plan of n sessions. */
static void
hplan(const struct variant *v, long n)
{
	long num, first, last, prev = -1, by;
	size_t i;
	const char *ph, *prevname = NULL;

	if (variant_plan_ok(v, n) == -1) {
		hrefused("variant_plan_ok");
		if (n >= (long)v->nphases)
			hfail("variant: a plan of %ld refused, %zu phases", n,
			    v->nphases);
		return;
	}
	for (num = 1; num <= n; num++) {
		int idx;

		if ((ph = variant_phase(v, n, num, "active")) == NULL)
			hfail("variant: plan %ld: session %ld has no phase", n,
			    num);
		idx = hphase_index(ph);
		if (idx < prev)
			hfail("variant: plan %ld: session %ld is %s, after %s",
			    n, num, ph, prevname);
		prev = idx;
		prevname = ph;
		if (variant_phase_range(v, n, ph, &first, &last) == -1 ||
		    num < first || num > last)
			hfail("variant: plan %ld: session %ld is %s, whose "
			    "range does not hold it", n, num, ph);
		if (variant_default_kind(v, ph) == NULL ||
		    variant_kind_ok(v, variant_default_kind(v, ph)) == -1)
			hfail("variant: the default kind of %s is not allowed",
			    ph);
	}
	for (i = 0; i < v->nphases; i++)
		if (variant_phase_range(v, n, v->phases[i].name, &first,
		    &last) == -1 || first > last || first < 1 || last > n)
			hfail("variant: plan %ld: phase %s has no session", n,
			    v->phases[i].name);
	ph = variant_phase(v, n, n + 1, "active");
	if (ph == NULL || (strcmp(ph, "extension") != 0 &&
	    strcmp(ph, "maintenance") != 0))
		hfail("variant: plan %ld: the session after it is %s", n,
		    ph ? ph : "(null)");
	by = variant_focus_by(v, n);
	if (by < 1 || by > n)
		hfail("variant: plan %ld: focus by session %ld", n, by);
	by = variant_termination_by(v, n);
	if (by < 0 || by > n)
		hfail("variant: plan %ld: termination by session %ld", n, by);
}

int
harness_variant(const uint8_t *data, size_t size)
{
	const struct variant *v;
	const char *const *list;
	const char *root = hscratch();
	char *path;
	size_t i, j;
	long n;

	hinput(data, size);
	path = xasprintf("%s/variants/fuzz.ini", root);
	hwrite(path, data, size);
	free(path);
	if (variant_get(root, "fuzz", &v) == -1) {
		hrefused("variant_get");
		variant_free_all();
		return 0;
	}
	if (v->sessions < 1 || v->nphases < 1 ||
	    v->nphases > VARIANT_NPHASES || v->frequency < 1 ||
	    v->areas == NULL || v->areas[0] == NULL || v->kinds == NULL ||
	    v->kinds[0] == NULL || v->default_kind == NULL)
		hfail("variant: accepted an incomplete definition");
	for (i = 0; v->areas[i] != NULL; i++)
		if (variant_area_ok(v, v->areas[i]) == -1)
			hfail("variant: listed area %s refused", v->areas[i]);
	for (i = 0; v->kinds[i] != NULL; i++)
		if (variant_kind_ok(v, v->kinds[i]) == -1)
			hfail("variant: listed kind %s refused", v->kinds[i]);
	hplan(v, v->sessions);
	hplan(v, (long)v->nphases);
	hplan(v, v->sessions + 1);
	hplan(v, v->sessions * 2);
	for (n = 1; n <= 40; n++)
		hplan(v, n);
	for (i = 0; i < v->ninstruments; i++) {
		const struct variant_instrument *vi = &v->instruments[i];

		if (variant_instrument(v, vi->name) != vi)
			hfail("variant: instrument %s not found", vi->name);
		for (j = 1; j <= 20; j++)
			(void)variant_due(v, vi, (long)j, 20000 + (long)j * 7,
			    j > 1, (long)j - 1, 20000 + (long)j * 7 - 7);
	}
	if (variant_names(root, &list) == -1)
		hfail("variant: names: %s", ipt_error());
	variant_free_all();
	return 0;
}

/* -------------------------------------------------------------- dates */

int
harness_date(const uint8_t *data, size_t size)
{
	char *s = hdup(data, size), buf[DATE_LEN], next[DATE_LEN];
	long d, d2 = 0, lo, hi, today = 0;
	int w;

	hinput(data, size);
	if (date_parse("1900-01-01", &lo) == -1 ||
	    date_parse("2199-12-31", &hi) == -1)
		hfail("date: the limits do not parse");
	if (date_parse(s, &d) == 0) {
		if (d < lo || d > hi)
			hfail("date: '%s' is day %ld, outside the years "
			    "1900-2199", s, d);
		date_format(d, buf);
		if (strcmp(buf, s) != 0)
			hfail("date: '%s' formats back as '%s'", s, buf);
		if (date_parse(buf, &d2) == -1 || d2 != d)
			hfail("date: '%s' reads back differently", buf);
		w = date_weekday(d);
		if (w < 0 || w > 6 || date_weekday(d + 1) != (w + 1) % 7)
			hfail("date: weekday of %s is %d", s, w);
		if (d < hi) {
			date_format(d + 1, next);
			if (date_parse(next, &d2) == -1 || d2 != d + 1 ||
			    strcmp(next, buf) <= 0)
				hfail("date: the day after %s is %s", s, next);
		}
		if (date_set_today(s) == -1 || date_today(&today) == -1 ||
		    today != d)
			hfail("date: --today %s gives %ld", s, today);
		date_set_today(NULL);
	} else if (date_set_today(s) != -1 || ipt_errkind() != IPT_EUSAGE)
		hfail("date: --today accepted '%s', which date_parse refused",
		    s);
	else
		hrefused("date_set_today");
	/* Any day of the range, from the bytes, round-trips. */
	if (size >= 4) {
		unsigned long u = (unsigned long)data[0] |
		    (unsigned long)data[1] << 8 | (unsigned long)data[2] << 16 |
		    (unsigned long)data[3] << 24;

		d = lo + (long)(u % (unsigned long)(hi - lo + 1));
		date_format(d, buf);
		if (date_parse(buf, &d2) == -1 || d2 != d)
			hfail("date: day %ld formats as '%s', read as %ld", d,
			    buf, d2);
	}
	free(s);
	return 0;
}

/* A parsed JSON value written back as JSON text. */
static void
hjson_write(const struct jv *v, struct buf *b)
{
	size_t i;

	switch (v->t) {
	case JV_NULL:
		buf_adds(b, "null");
		break;
	case JV_BOOL:
		buf_adds(b, v->b ? "true" : "false");
		break;
	case JV_NUM:
		buf_adds(b, v->s);
		break;
	case JV_STR:
		buf_json_str(b, v->s);
		break;
	case JV_ARR:
	case JV_OBJ:
		buf_addc(b, v->t == JV_OBJ ? '{' : '[');
		for (i = 0; i < v->n; i++) {
			if (i > 0)
				buf_addc(b, ',');
			if (v->t == JV_OBJ) {
				buf_json_str(b, v->k[i]);
				buf_addc(b, ':');
			}
			hjson_write(&v->v[i], b);
		}
		buf_addc(b, v->t == JV_OBJ ? '}' : ']');
		break;
	}
}

/* 1 if two trees are the same values (lines aside). */
static int
hjson_same(const struct jv *a, const struct jv *b)
{
	size_t i;

	if (a->t != b->t || a->n != b->n)
		return 0;
	if (a->t == JV_BOOL && a->b != b->b)
		return 0;
	if ((a->t == JV_NUM || a->t == JV_STR) && strcmp(a->s, b->s) != 0)
		return 0;
	for (i = 0; i < a->n; i++) {
		if (a->t == JV_OBJ && strcmp(a->k[i], b->k[i]) != 0)
			return 0;
		if (!hjson_same(&a->v[i], &b->v[i]))
			return 0;
	}
	return 1;
}

int
harness_json(const uint8_t *data, size_t size)
{
	struct jv v, w;
	struct buf b = { 0 };
	const char *e;

	hinput(data, size);
	if (json_parse("f.json", (const char *)data, size, &v) == -1) {
		hrefused("json_parse");
		e = ipt_error();
		if (strncmp(e, "f.json:", 7) != 0)
			hfail("json: the message does not name the file: %s",
			    e);
		return 0;
	}
	if (v.line < 1)
		hfail("json: the value's line is %zu", v.line);
	hjson_write(&v, &b);
	if (json_parse("g.json", b.s, b.len, &w) == -1)
		hfail("json: what was accepted does not parse when written "
		    "back: %s", ipt_error());
	if (!hjson_same(&v, &w))
		hfail("json: written back, it parses to another tree");
	jv_free(&w);
	jv_free(&v);
	buf_free(&b);
	return 0;
}

#endif
