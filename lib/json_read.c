/*
 * json_read.c: the JSON reader (see json_read.h).
 *
 * A recursive descent over the text, one value at a time, with the
 * depth bounded so that a hostile file cannot exhaust the stack, and
 * the size bounded so that it cannot exhaust memory: the tree of a
 * text holds at most a few times its bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_read.h"
#include "util.h"

struct rd {
	const char	*name;
	const char	*p, *end;
	size_t		 line;
	int		 depth;
};

static int
rd_err(struct rd *r, const char *what)
{
	return ipt_seterr("%s:%zu: json: %s", r->name, r->line, what);
}

static void
skip_ws(struct rd *r)
{
	for (; r->p < r->end; r->p++) {
		if (*r->p == '\n')
			r->line++;
		else if (*r->p != ' ' && *r->p != '\t' && *r->p != '\r')
			break;
	}
}

/* Append code point c to b as UTF-8. */
static void
put_utf8(struct buf *b, unsigned long c)
{
	if (c < 0x80)
		buf_addc(b, (int)c);
	else if (c < 0x800) {
		buf_addc(b, (int)(0xc0 | (c >> 6)));
		buf_addc(b, (int)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		buf_addc(b, (int)(0xe0 | (c >> 12)));
		buf_addc(b, (int)(0x80 | ((c >> 6) & 0x3f)));
		buf_addc(b, (int)(0x80 | (c & 0x3f)));
	} else {
		buf_addc(b, (int)(0xf0 | (c >> 18)));
		buf_addc(b, (int)(0x80 | ((c >> 12) & 0x3f)));
		buf_addc(b, (int)(0x80 | ((c >> 6) & 0x3f)));
		buf_addc(b, (int)(0x80 | (c & 0x3f)));
	}
}

/*
 * Is this UTF-8: shortest forms only, no surrogate, nothing past
 * U+10FFFF?  (Controls are the caller's concern.)
 */
static int
utf8_ok(const unsigned char *p, size_t n)
{
	const unsigned char *e = p + n;
	unsigned long cp, min;
	size_t len, i;

	while (p < e) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			len = 2, cp = *p & 0x1f, min = 0x80;
		else if (*p >= 0xe0 && *p <= 0xef)
			len = 3, cp = *p & 0x0f, min = 0x800;
		else if (*p >= 0xf0 && *p <= 0xf4)
			len = 4, cp = *p & 0x07, min = 0x10000;
		else
			return 0;
		if ((size_t)(e - p) < len)
			return 0;
		for (i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		p += len;
	}
	return 1;
}

/* Four hex digits after \u; -1 if not. */
static long
hex4(struct rd *r)
{
	long v = 0;
	int i, c;

	if (r->end - r->p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		c = (unsigned char)*r->p++;
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* The string at r->p (its opening quote), decoded into a fresh string. */
static int
read_str(struct rd *r, char **out)
{
	struct buf b = { 0 };
	const char *run;
	long c, lo;

	r->p++;
	for (;;) {
		for (run = r->p; r->p < r->end && *r->p != '"' &&
		    *r->p != '\\' && (unsigned char)*r->p >= 0x20; r->p++)
			;
		buf_add(&b, run, (size_t)(r->p - run));
		if (r->p >= r->end) {
			buf_free(&b);
			return rd_err(r, "a string is not closed");
		}
		if (*r->p == '"')
			break;
		if (*r->p != '\\') {
			buf_free(&b);
			return rd_err(r, "a control character in a string "
			    "(escape it)");
		}
		if (++r->p >= r->end)
			continue;	/* "not closed" next */
		switch (*r->p++) {
		case '"':	buf_addc(&b, '"'); break;
		case '\\':	buf_addc(&b, '\\'); break;
		case '/':	buf_addc(&b, '/'); break;
		case 'b':	buf_addc(&b, '\b'); break;
		case 'f':	buf_addc(&b, '\f'); break;
		case 'n':	buf_addc(&b, '\n'); break;
		case 'r':	buf_addc(&b, '\r'); break;
		case 't':	buf_addc(&b, '\t'); break;
		case 'u':
			if ((c = hex4(r)) == -1)
				goto bad_u;
			if (c >= 0xdc00 && c <= 0xdfff)
				goto bad_u;
			if (c >= 0xd800 && c <= 0xdbff) {
				if (r->end - r->p < 2 || r->p[0] != '\\' ||
				    r->p[1] != 'u')
					goto bad_u;
				r->p += 2;
				if ((lo = hex4(r)) < 0xdc00 || lo > 0xdfff)
					goto bad_u;
				c = 0x10000 + ((c - 0xd800) << 10) +
				    (lo - 0xdc00);
			}
			if (c == 0) {
				buf_free(&b);
				return rd_err(r, "\\u0000 in a string");
			}
			put_utf8(&b, (unsigned long)c);
			break;
		default:
			buf_free(&b);
			return rd_err(r, "an unknown escape in a string");
		}
	}
	r->p++;
	if (!utf8_ok((const unsigned char *)b.s, b.len)) {
		buf_free(&b);
		return rd_err(r, "a string is not UTF-8");
	}
	*out = b.s != NULL ? b.s : xstrdup("");
	return 0;
bad_u:
	buf_free(&b);
	return rd_err(r, "a bad \\u escape in a string");
}

static int
read_num(struct rd *r, struct jv *v)
{
	const char *s = r->p;

	if (r->p < r->end && *r->p == '-')
		r->p++;
	if (r->p < r->end && *r->p == '0')
		r->p++;
	else if (r->p < r->end && *r->p >= '1' && *r->p <= '9')
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
			r->p++;
	else
		return rd_err(r, "a bad number");
	if (r->p < r->end && *r->p == '.') {
		r->p++;
		if (r->p >= r->end || *r->p < '0' || *r->p > '9')
			return rd_err(r, "a bad number");
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
			r->p++;
	}
	if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
		r->p++;
		if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
			r->p++;
		if (r->p >= r->end || *r->p < '0' || *r->p > '9')
			return rd_err(r, "a bad number");
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
			r->p++;
	}
	v->t = JV_NUM;
	v->s = xstrndup(s, (size_t)(r->p - s));
	return 0;
}

static int
word(struct rd *r, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, w, n) != 0)
		return 0;
	r->p += n;
	return 1;
}

static int read_value(struct rd *, struct jv *);

/* Add an item (and for an object its key) to a container. */
static struct jv *
grow(struct jv *v, size_t *cap)
{
	if (v->n == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		v->v = xreallocarray(v->v, *cap, sizeof(*v->v));
		if (v->t == JV_OBJ)
			v->k = xreallocarray(v->k, *cap, sizeof(*v->k));
	}
	memset(&v->v[v->n], 0, sizeof(*v->v));
	return &v->v[v->n];
}

static int
read_container(struct rd *r, struct jv *v)
{
	int obj = *r->p == '{';
	char close = obj ? '}' : ']';
	size_t cap = 0, i;
	char *key;

	v->t = obj ? JV_OBJ : JV_ARR;
	if (++r->depth > JSON_READ_DEPTH)
		return rd_err(r, "nested too deep");
	r->p++;
	skip_ws(r);
	if (r->p < r->end && *r->p == close) {
		r->p++;
		r->depth--;
		return 0;
	}
	for (;;) {
		skip_ws(r);
		key = NULL;
		if (obj) {
			if (r->p >= r->end || *r->p != '"')
				return rd_err(r, "an object member must "
				    "begin with a quoted key");
			if (read_str(r, &key) == -1)
				return -1;
			for (i = 0; i < v->n; i++)
				if (strcmp(v->k[i], key) == 0) {
					free(key);
					return rd_err(r, "a key is given "
					    "twice in an object");
				}
			skip_ws(r);
			if (r->p >= r->end || *r->p != ':') {
				free(key);
				return rd_err(r, "':' expected after a key");
			}
			r->p++;
		}
		grow(v, &cap);
		if (obj)
			v->k[v->n] = key;
		v->n++;
		if (read_value(r, &v->v[v->n - 1]) == -1)
			return -1;
		skip_ws(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			skip_ws(r);
			if (r->p < r->end && *r->p == close)
				return rd_err(r, "a comma before a "
				    "closing bracket");
			continue;
		}
		if (r->p < r->end && *r->p == close) {
			r->p++;
			r->depth--;
			return 0;
		}
		return rd_err(r, obj ? "',' or '}' expected" :
		    "',' or ']' expected");
	}
}

static int
read_value(struct rd *r, struct jv *v)
{
	skip_ws(r);
	v->line = r->line;
	if (r->p >= r->end)
		return rd_err(r, "a value expected, the text ends");
	switch (*r->p) {
	case '{':
	case '[':
		return read_container(r, v);
	case '"':
		v->t = JV_STR;
		return read_str(r, &v->s);
	case 't':
	case 'f':
	case 'n':
		if (word(r, "true"))
			v->t = JV_BOOL, v->b = 1;
		else if (word(r, "false"))
			v->t = JV_BOOL, v->b = 0;
		else if (word(r, "null"))
			v->t = JV_NULL;
		else
			return rd_err(r, "an unknown word");
		return 0;
	default:
		return read_num(r, v);
	}
}

int
json_parse(const char *name, const char *text, size_t len, struct jv *out)
{
	struct rd r = { name, text, text + len, 1, 0 };

	memset(out, 0, sizeof(*out));
	if (len > (size_t)JSON_READ_MAX)
		return ipt_seterr("%s: json: larger than %ld MiB", name,
		    JSON_READ_MAX >> 20);
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		r.p += 3;	/* a byte order mark, as some tools write */
	if (memchr(text, '\0', len) != NULL)
		return ipt_seterr("%s: json: a NUL byte in the text", name);
	if (read_value(&r, out) == -1)
		goto bad;
	skip_ws(&r);
	if (r.p < r.end) {
		rd_err(&r, "more text after the value");
		goto bad;
	}
	return 0;
bad:
	jv_free(out);
	return -1;
}

void
jv_free(struct jv *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++) {
		jv_free(&v->v[i]);
		if (v->t == JV_OBJ)
			free(v->k[i]);
	}
	free(v->v);
	free(v->k);
	free(v->s);
	memset(v, 0, sizeof(*v));
}

const struct jv *
jv_get(const struct jv *v, const char *key)
{
	size_t i;

	if (v == NULL || v->t != JV_OBJ)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->k[i], key) == 0)
			return &v->v[i];
	return NULL;
}

const char *
jv_str(const struct jv *v)
{
	return v != NULL && v->t == JV_STR ? v->s : NULL;
}

const char *
jv_type_name(enum jv_type t)
{
	static const char *const names[] = { "null", "a boolean", "a number",
	    "a string", "an array", "an object" };

	return names[t];
}
