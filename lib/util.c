/*
 * util.c: error reporting, allocation and string helpers.
 *
 * Allocation failure is the one error lib/ does not return: a process that
 * cannot allocate a few bytes cannot write a record safely either, so the
 * x*() helpers abort before anything is renamed into place.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static char	errbuf[1024];
static int	errkind = IPT_EFAIL;

static void
vseterr(int kind, const char *fmt, va_list ap)
{
	char tmp[sizeof(errbuf)];

	/* An argument may be ipt_error() itself: format aside, then copy. */
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	memcpy(errbuf, tmp, sizeof(errbuf));
	errkind = kind;
}

int
ipt_seterr(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vseterr(IPT_EFAIL, fmt, ap);
	va_end(ap);
	return -1;
}

int
ipt_setusage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vseterr(IPT_EUSAGE, fmt, ap);
	va_end(ap);
	return -1;
}

/* As ipt_seterr(), with ": strerror(errno)" appended. */
int
ipt_seterrno(const char *fmt, ...)
{
	va_list ap;
	int e = errno;
	size_t n;

	va_start(ap, fmt);
	vseterr(IPT_EFAIL, fmt, ap);
	va_end(ap);
	n = strlen(errbuf);
	snprintf(errbuf + n, sizeof(errbuf) - n, ": %s", strerror(e));
	errno = e;
	return -1;
}

const char *
ipt_error(void)
{
	return errbuf[0] != '\0' ? errbuf : "unknown error";
}

int
ipt_errkind(void)
{
	return errkind;
}

static void
oom(void)
{
	fputs("ipt: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom();
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
buf_grow(struct buf *b, size_t more)
{
	size_t need = b->len + more + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = xrealloc(b->s, b->cap);
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n >= b->cap)
		buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_addc(struct buf *b, int c)
{
	if (b->len + 1 >= b->cap)
		buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

int
parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	/* A digit first, or '-' and a digit: strtol() would skip blanks. */
	if (s == NULL || !((s[0] >= '0' && s[0] <= '9') || (s[0] == '-' &&
	    s[1] >= '0' && s[1] <= '9')))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	/* Refuse "007" style input except "0" itself: it reads as octal elsewhere. */
	if ((s[0] == '0' && s[1] != '\0') || (s[0] == '-' && s[1] == '0'))
		return -1;
	*out = v;
	return 0;
}

int
parse_small(const char *s, long *out)
{
	long v = 0;
	size_t i;

	if (s[0] == '0' && s[1] != '\0')
		return -1;
	/* At most 9 digits (a tenth is not '\0'): no overflow. */
	for (i = 0; i < 9 && s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + (s[i] - '0');
	if (i == 0 || s[i] != '\0')
		return -1;
	*out = v;
	return 0;
}

int
utf8_valid(const char *s, size_t n, int allow_newline)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;

	while (p < e) {
		unsigned c = *p;
		size_t len, i;
		unsigned long cp;

		if (c < 0x80) {
			if ((c == '\n' || c == '\r') && allow_newline) {
				p++;
				continue;
			}
			if (c < 0x20 && c != '\t')
				return 0;
			if (c == 0x7f)
				return 0;
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else
			return 0;
		if ((size_t)(e - p) < len)
			return 0;
		for (i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
		    cp_hostile(cp))
			return 0;
		p += len;
	}
	return 1;
}

int
cp_hostile(unsigned long cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t
utf8_next(const char *s, unsigned long *out)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t len, i;

	if (*p < 0x80) {
		*out = *p;
		return 1;
	}
	if (*p >= 0xc2 && *p <= 0xdf) {
		len = 2;
		cp = *p & 0x1f;
	} else if (*p >= 0xe0 && *p <= 0xef) {
		len = 3;
		cp = *p & 0x0f;
	} else if (*p >= 0xf0 && *p <= 0xf4) {
		len = 4;
		cp = *p & 0x07;
	} else
		return 0;
	/* A NUL is no continuation byte: the string's end stops the loop. */
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	*out = cp;
	return len;
}

size_t
utf8_width(const char *s)
{
	size_t w = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

int
valid_id(const char *s)
{
	size_t i;

	if (s == NULL || s[0] == '\0' || strlen(s) > 64)
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		char c = s[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
			return 0;
	}
	return 1;
}

char *
path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir), m = strlen(name);
	char *p;

	/* By hand: a scan joins paths for every file of every client. */
	if (n > 0 && dir[n - 1] == '/')
		n--;
	p = xmalloc(n + m + 2);
	memcpy(p, dir, n);
	p[n] = '/';
	memcpy(p + n + 1, name, m + 1);
	return p;
}

char *
path_child(const char *dir, const char *name)
{
	if (strcmp(dir, ".") == 0)
		return xstrdup(name);
	return path_join(dir, name);
}

int
list_contains(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	if (n == 0)
		return 0;
	for (p = list; (p = strstr(p, name)) != NULL; p += n)
		if ((p == list || p[-1] == ';') && (p[n] == '\0' || p[n] == ';'))
			return 1;
	return 0;
}

int
path_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* A plain decimal number: -?digits(.digits)? */
int
plain_decimal(const char *s)
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
