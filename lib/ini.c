/*
 * ini.c: INI files, read with iniparser 4.1, written by hand.
 *
 * This is the one INI reader of ipt: every INI file, and every built-in
 * definition (read at build time by lib/defs/defsgen.c), goes through
 * load_path() below.
 *
 * Reading.  iniparser_load() accepts a few inputs that would lose data
 * without a word: keys before the first section, a key given twice (the
 * last wins), an unquoted value cut at ';' or '#', a line ending in a
 * backslash, and more (see prescan()).  So the file is first scanned line
 * by line here, refusing those with "FILE:LINE: ...", and only then
 * handed to iniparser, whose own syntax errors are caught through its
 * error callback and reported with their line.  A value the writer
 * below could not store is refused on reading too, with its line: every
 * file that loads can be written back.  tests/fuzz/fuzz_ini.c checks
 * that what loads is exactly what the text says, and writes back.
 *
 * Writing.  Every value is quoted ("..." or, for a value holding a double
 * quote, '...'); iniparser 4.1 has no escapes, so a value holding both
 * quotes, a backslash (read differently by iniparser 4.2), a control
 * character or invalid UTF-8 cannot be stored and ini_set() refuses it.
 * Lines stay under INI_MAXLINE bytes: iniparser fails the whole file on a
 * line of 1023 bytes or more.  ini_save callers read the file back and
 * compare (ini_equal) before renaming it into place.
 *
 * A UTF-8 byte-order mark at the start of a file is skipped on reading
 * (ini_load()); the file is written back without.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <iniparser.h>

#include "ini.h"
#include "util.h"

#define INI_MAXFILE	(256 * 1024)
#define INI_MAXMEM	60000	/* below a pipe's capacity */
#define BOM		"\xef\xbb\xbf"	/* UTF-8 byte-order mark */

static char	cb_msg[512];
static int	cb_called;

static int
ini_errback(const char *fmt, ...)
{
	va_list ap;

	if (cb_called++ == 0) {
		va_start(ap, fmt);
		vsnprintf(cb_msg, sizeof(cb_msg), fmt, ap);
		va_end(ap);
	}
	return 0;
}

int
ini_name_ok(const char *s)
{
	size_t i;

	if (s == NULL || s[0] == '\0' || strlen(s) > 64)
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		char c = s[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			continue;
		if (i > 0 && (c == '_' || c == '.' || c == '-'))
			continue;
		return 0;
	}
	return 1;
}

int
ini_value_ok(const char *key, const char *val)
{
	size_t n = strlen(val);

	if (!utf8_valid(val, n, 0))
		return ipt_setusage("%s: value holds a control character or "
		    "invalid UTF-8", key);
	if (strchr(val, '\\') != NULL)
		return ipt_setusage("%s: a backslash cannot be stored in an "
		    "INI value", key);
	if (strchr(val, '"') != NULL && strchr(val, '\'') != NULL)
		return ipt_setusage("%s: a value cannot hold both ' and \" "
		    "(iniparser has no escapes)", key);
	if (strlen(key) + n + 5 > INI_MAXLINE)
		return ipt_setusage("%s: value too long (%zu bytes; at most "
		    "%zu)", key, n, (size_t)INI_MAXLINE - strlen(key) - 5);
	return 0;
}

static struct ini_sec *
find_sec(const struct ini *ini, const char *name)
{
	size_t i;

	for (i = 0; i < ini->n; i++)
		if (strcmp(ini->sec[i].name, name) == 0)
			return &ini->sec[i];
	return NULL;
}

static struct ini_kv *
find_kv(const struct ini_sec *s, const char *key)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->kv[i].key, key) == 0)
			return &s->kv[i];
	return NULL;
}

const struct ini_sec *
ini_section(const struct ini *ini, const char *sec)
{
	return find_sec(ini, sec);
}

const char *
ini_get(const struct ini *ini, const char *sec, const char *key)
{
	const struct ini_sec *s;
	const struct ini_kv *kv;

	if ((s = find_sec(ini, sec)) == NULL || (kv = find_kv(s, key)) == NULL)
		return NULL;
	return kv->val;
}

static struct ini_sec *
add_sec(struct ini *ini, const char *name)
{
	struct ini_sec *s;

	ini->sec = xreallocarray(ini->sec, ini->n + 1, sizeof(*ini->sec));
	s = &ini->sec[ini->n++];
	s->name = xstrdup(name);
	s->n = 0;
	s->kv = NULL;
	return s;
}

static void
add_kv(struct ini_sec *s, const char *key, const char *val)
{
	s->kv = xreallocarray(s->kv, s->n + 1, sizeof(*s->kv));
	s->kv[s->n].key = xstrdup(key);
	s->kv[s->n].val = xstrdup(val);
	s->n++;
}

int
ini_set(struct ini *ini, const char *sec, const char *key, const char *val)
{
	struct ini_sec *s;
	struct ini_kv *kv;

	if (!ini_name_ok(sec))
		return ipt_seterr("'%s': not a valid INI section name", sec);
	if (!ini_name_ok(key))
		return ipt_seterr("'%s': not a valid INI key name", key);
	if (ini_value_ok(key, val) == -1)
		return -1;
	if ((s = find_sec(ini, sec)) == NULL)
		s = add_sec(ini, sec);
	if ((kv = find_kv(s, key)) != NULL) {
		free(kv->val);
		kv->val = xstrdup(val);
	} else
		add_kv(s, key, val);
	return 0;
}

int
ini_unset(struct ini *ini, const char *sec, const char *key)
{
	struct ini_sec *s;
	size_t i;

	if ((s = find_sec(ini, sec)) == NULL)
		return 0;
	for (i = 0; i < s->n; i++)
		if (strcmp(s->kv[i].key, key) == 0) {
			free(s->kv[i].key);
			free(s->kv[i].val);
			memmove(&s->kv[i], &s->kv[i + 1],
			    (s->n - i - 1) * sizeof(*s->kv));
			s->n--;
			break;
		}
	return 0;
}

void
ini_free(struct ini *ini)
{
	size_t i, j;

	for (i = 0; i < ini->n; i++) {
		for (j = 0; j < ini->sec[i].n; j++) {
			free(ini->sec[i].kv[j].key);
			free(ini->sec[i].kv[j].val);
		}
		free(ini->sec[i].kv);
		free(ini->sec[i].name);
	}
	free(ini->sec);
	free(ini->path);
	memset(ini, 0, sizeof(*ini));
}

static int
blank(int c)
{
	return c == ' ' || c == '\t';
}

/* A name as iniparser stores it: blanks around it removed, lowercased. */
static char *
name_dup(const char *s, size_t n)
{
	char *p;
	size_t i;

	while (n > 0 && blank(*s)) {
		s++;
		n--;
	}
	while (n > 0 && blank(s[n - 1]))
		n--;
	p = xstrndup(s, n);
	for (i = 0; i < n; i++)
		if (p[i] >= 'A' && p[i] <= 'Z')
			p[i] = (char)(p[i] - 'A' + 'a');
	return p;
}

/*
 * Check the value part of a key line, from just after the '=' to the end
 * of the line without its trailing blanks: a quoted value must be closed
 * and followed by nothing but a comment, and an unquoted one must not hold
 * a ';' or '#' that iniparser would cut it at (one after a blank starts a
 * comment, as usual in INI files).
 */
static const char *
value_problem(const char *v, const char *end)
{
	const char *c;

	while (v < end && blank(*v))
		v++;
	if (v < end && (*v == '"' || *v == '\'')) {
		if ((c = memchr(v + 1, *v, (size_t)(end - v - 1))) == NULL)
			return "the quoted value has no closing quote";
		for (c++; c < end && blank(*c); c++)
			;
		if (c < end && *c != ';' && *c != '#')
			return "text after the closing quote (quote the whole "
			    "value)";
		return NULL;
	}
	for (c = v; c < end && *c != ';' && *c != '#'; c++)
		;
	if (c < end && c > v && !blank(c[-1]))
		return *c == ';' ? "iniparser would cut the value at ';' "
		    "(quote the value)" : "iniparser would cut the value at "
		    "'#' (quote the value)";
	return NULL;
}

/*
 * The value of a key line as iniparser takes it (value_problem() passed):
 * between the quotes, or unquoted up to a comment, without blanks around.
 */
static char *
value_dup(const char *v, const char *end)
{
	const char *c;

	while (v < end && blank(*v))
		v++;
	if (v < end && (*v == '"' || *v == '\'')) {
		c = memchr(v + 1, *v, (size_t)(end - v - 1));
		return xstrndup(v + 1, (size_t)(c - v - 1));
	}
	for (c = v; c < end && *c != ';' && *c != '#'; c++)
		;
	while (c > v && blank(c[-1]))
		c--;
	return xstrndup(v, (size_t)(c - v));
}

/*
 * Scan the text before iniparser sees it: refuse what iniparser would take
 * silently but wrongly, and what it would refuse without a line number.
 * Silently wrong in iniparser 4.1: a key before the first section or given
 * twice (the last wins), a line ending in a backslash (the next line is
 * joined to it, key and all), an unquoted value holding ';' or '#' (cut
 * there), text after a closing quote (dropped), an unterminated quote, an
 * empty section name (the keys after it go to the section before), text
 * after a section's ']' and a ':' in a section name (the section is lost).
 * And a value that ini_value_ok() refuses, so that whatever loads can be
 * written back.
 */
static int
prescan(const char *name, const char *text, size_t len)
{
	struct buf seen = { 0 };	/* "\nsec:key\n" list of keys */
	const char *p = text, *e = text + len, *nl, *q, *r, *eq, *why;
	size_t line = 0;
	char *sec = NULL, *key, *probe;
	int rc = -1;

	if (memchr(text, '\0', len) != NULL) {
		ipt_seterr("%s: holds a NUL byte", name);
		goto out;
	}
	buf_addc(&seen, '\n');
	for (; p < e; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		if (nl - p > 1022) {
			ipt_seterr("%s:%zu: line longer than 1022 bytes", name,
			    line);
			goto out;
		}
		if (!utf8_valid(p, (size_t)(nl - p), 0)) {
			/* Allow a CR before the newline (CRLF files). */
			if (!(nl > p && nl[-1] == '\r' &&
			    utf8_valid(p, (size_t)(nl - p - 1), 0))) {
				ipt_seterr("%s:%zu: control character or "
				    "invalid UTF-8", name, line);
				goto out;
			}
		}
		/* [q, r): the line without blanks around it, nor its CR. */
		for (q = p; q < nl && blank(*q); q++)
			;
		for (r = nl; r > q && (blank(r[-1]) || r[-1] == '\r'); r--)
			;
		if (r > q && r[-1] == '\\') {
			ipt_seterr("%s:%zu: ends with a backslash, which would "
			    "join the next line to it", name, line);
			goto out;
		}
		if (q == r || *q == ';' || *q == '#')
			continue;
		if (*q == '[') {
			const char *c = memchr(q, ']', (size_t)(r - q));

			if (c == NULL) {
				ipt_seterr("%s:%zu: section name without ']'",
				    name, line);
				goto out;
			}
			if (c != r - 1) {
				ipt_seterr("%s:%zu: text after the ']' of a "
				    "section name", name, line);
				goto out;
			}
			free(sec);
			sec = name_dup(q + 1, (size_t)(c - q - 1));
			if (*sec == '\0' || strchr(sec, ':') != NULL) {
				ipt_seterr("%s:%zu: a section name must not be "
				    "empty nor hold ':'", name, line);
				goto out;
			}
			continue;
		}
		if ((eq = memchr(q, '=', (size_t)(r - q))) == NULL) {
			ipt_seterr("%s:%zu: expected 'key = value'", name, line);
			goto out;
		}
		if (sec == NULL) {
			ipt_seterr("%s:%zu: key outside any [section]", name,
			    line);
			goto out;
		}
		key = name_dup(q, (size_t)(eq - q));
		if (*key == '\0') {
			ipt_seterr("%s:%zu: no key name before '='", name, line);
			free(key);
			goto out;
		}
		if ((why = value_problem(eq + 1, r)) != NULL) {
			ipt_seterr("%s:%zu: [%s] %s: %s", name, line, sec, key,
			    why);
			free(key);
			goto out;
		}
		/*
		 * A value ini_write() could not write back (a backslash, both
		 * quotes, too long) is refused here, where the line is known,
		 * rather than by the first command that rewrites the file.
		 */
		probe = value_dup(eq + 1, r);
		if (ini_value_ok(key, probe) == -1) {
			ipt_seterr("%s:%zu: [%s] %s", name, line, sec,
			    ipt_error());
			free(probe);
			free(key);
			goto out;
		}
		free(probe);
		probe = xasprintf("\n%s:%s\n", sec, key);
		if (strstr(seen.s, probe) != NULL) {
			ipt_seterr("%s:%zu: [%s] %s: key given twice", name,
			    line, sec, key);
			free(key);
			free(probe);
			goto out;
		}
		buf_adds(&seen, probe + 1);
		free(key);
		free(probe);
	}
	rc = 0;
out:
	free(sec);
	buf_free(&seen);
	return rc;
}

/* Turn a loaded dictionary into an ini, in file order. */
static void
from_dict(struct ini *ini, dictionary *d)
{
	int i, j, nsec, nkeys;

	nsec = iniparser_getnsec(d);
	for (i = 0; i < nsec; i++) {
		const char *sn = iniparser_getsecname(d, i);
		const char **keys;
		struct ini_sec *s;

		if (sn == NULL)
			continue;
		s = add_sec(ini, sn);
		if ((nkeys = iniparser_getsecnkeys(d, sn)) <= 0)
			continue;
		keys = xcalloc((size_t)nkeys, sizeof(*keys));
		iniparser_getseckeys(d, sn, keys);
		for (j = 0; j < nkeys; j++) {
			const char *k = keys[j], *v;

			if (k == NULL)
				continue;
			v = iniparser_getstring(d, k, NULL);
			k += strlen(sn) + 1;		/* skip "sec:" */
			add_kv(s, k, v != NULL ? v : "");
		}
		free(keys);
	}
}

static int
load_path(struct ini *ini, const char *name, const char *path,
    const char *text, size_t len)
{
	dictionary *d;
	const char *lp;
	long line;

	memset(ini, 0, sizeof(*ini));
	if (prescan(name, text, len) == -1)
		return -1;
	cb_called = 0;
	cb_msg[0] = '\0';
	iniparser_set_error_callback(ini_errback);
	d = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	if (d == NULL || cb_called) {
		if (d != NULL)
			iniparser_freedict(d);
		if ((lp = strrchr(cb_msg, '(')) != NULL &&
		    sscanf(lp, "(%ld)", &line) == 1)
			return ipt_seterr("%s:%ld: syntax error", name, line);
		return ipt_seterr("%s: cannot be parsed", name);
	}
	from_dict(ini, d);
	iniparser_freedict(d);
	ini->path = xstrdup(name);
	return 0;
}

int
ini_load(struct ini *ini, const char *path)
{
	struct stat st;
	char *text;
	ssize_t n;
	size_t got = 0;
	int fd, rc;

	memset(ini, 0, sizeof(*ini));
	/* O_NONBLOCK: a FIFO in the file's place must not hang us. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return ipt_seterrno("%s", path);
	if (fstat(fd, &st) == -1) {
		close(fd);
		return ipt_seterrno("%s", path);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return ipt_seterr("%s: not a regular file", path);
	}
	if (st.st_size > INI_MAXFILE) {
		close(fd);
		return ipt_seterr("%s: larger than %d bytes", path, INI_MAXFILE);
	}
	text = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size &&
	    (n = read(fd, text + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	text[got] = '\0';
	/*
	 * A byte-order mark (an editor's "UTF-8 with BOM") is skipped:
	 * iniparser, which reads files by name, gets the rest through a pipe.
	 */
	if (got >= 3 && memcmp(text, BOM, 3) == 0)
		rc = ini_load_mem(ini, path, text, got);
	else
		rc = load_path(ini, path, path, text, got);
	free(text);
	return rc;
}

/*
 * The same reading of a text in memory (instr_parse(), the tests and the
 * fuzz harnesses).  iniparser 4.1 reads only named files (it has no
 * iniparser_load_file()), so the text reaches it through a pipe named by
 * /dev/fd.  The text is kept below the pipe's capacity, so writing it all
 * first cannot block.  ipt itself reads its built-in definitions at build
 * time (lib/defs/defsgen.c), so no command pays for the pipe.
 */
int
ini_load_mem(struct ini *ini, const char *name, const char *text, size_t len)
{
	char path[64];
	int fds[2], rc;
	size_t off = 0;
	ssize_t n;

	memset(ini, 0, sizeof(*ini));
	if (len >= 3 && memcmp(text, BOM, 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (len > INI_MAXMEM)
		return ipt_seterr("%s: larger than %d bytes after its "
		    "byte-order mark; save it as plain UTF-8", name, INI_MAXMEM);
	if (pipe(fds) == -1)
		return ipt_seterrno("pipe");
	while (off < len && (n = write(fds[1], text + off, len - off)) > 0)
		off += (size_t)n;
	close(fds[1]);
	if (off < len) {
		close(fds[0]);
		return ipt_seterrno("%s: pipe", name);
	}
	snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
	rc = load_path(ini, name, path, text, len);
	close(fds[0]);
	return rc;
}

static int
put_value(FILE *fp, const char *v)
{
	int q = strchr(v, '"') != NULL ? '\'' : '"';

	return fprintf(fp, "%c%s%c\n", q, v, q) < 0 ? -1 : 0;
}

size_t
ini_size(const struct ini *ini)
{
	size_t i, j, n = 0;

	for (i = 0; i < ini->n; i++) {
		const struct ini_sec *s = &ini->sec[i];

		n += (i > 0) + strlen(s->name) + 3;	/* [name]\n */
		for (j = 0; j < s->n; j++)		/* key = "val"\n */
			n += strlen(s->kv[j].key) + strlen(s->kv[j].val) + 6;
	}
	return n;
}

int
ini_fits(const struct ini *ini, const char *name)
{
	size_t n = ini_size(ini);

	if (n > INI_MAXFILE)
		return ipt_seterr("%s: would be %zu bytes, more than the %d "
		    "an INI file may hold; nothing changed", name, n,
		    INI_MAXFILE);
	return 0;
}

int
ini_write(const struct ini *ini, FILE *fp)
{
	size_t i, j;

	for (i = 0; i < ini->n; i++) {
		const struct ini_sec *s = &ini->sec[i];

		if (fprintf(fp, "%s[%s]\n", i > 0 ? "\n" : "", s->name) < 0)
			return ipt_seterrno("write");
		for (j = 0; j < s->n; j++) {
			if (ini_value_ok(s->kv[j].key, s->kv[j].val) == -1)
				return ipt_seterr("[%s] %s", s->name,
				    ipt_error());
			if (fprintf(fp, "%s = ", s->kv[j].key) < 0 ||
			    put_value(fp, s->kv[j].val) == -1)
				return ipt_seterrno("write");
		}
	}
	return 0;
}

int
ini_equal(const struct ini *a, const struct ini *b)
{
	size_t i, j;

	if (a->n != b->n)
		return -1;
	for (i = 0; i < a->n; i++) {
		if (strcmp(a->sec[i].name, b->sec[i].name) != 0 ||
		    a->sec[i].n != b->sec[i].n)
			return -1;
		for (j = 0; j < a->sec[i].n; j++)
			if (strcmp(a->sec[i].kv[j].key, b->sec[i].kv[j].key) ||
			    strcmp(a->sec[i].kv[j].val, b->sec[i].kv[j].val))
				return -1;
	}
	return 0;
}
