/*
 * json.c: the JSON writer and the JSON string escaper (see json.h).
 *
 * The writer is on the path of every JSON row of `ipt export', so it
 * writes straight to its file or buffer and keeps its state in a few
 * bytes: no allocation, no formatting call for a plain number.
 */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "json.h"
#include "util.h"

/*
 * The bytes a JSON string escapes or looks at (DEL, and the first byte of
 * every UTF-8 sequence and every stray byte), and the NUL that ends it.
 */
static const unsigned char json_esc[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1, [0x7f] = 1,
	[0x80] =
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
};

/*
 * The body of a JSON string literal (RFC 8259), given to put() in
 * pieces: runs of bytes written as they are, and the escape of each
 * other character.  Besides what RFC 8259 asks (the quotation mark, the
 * reverse solidus, U+0000 to U+001F), DEL and the code points of
 * cp_hostile() are escaped as \uXXXX, so that the raw JSON is as safe on
 * a terminal as the text renderers' output and U+2028 and U+2029 never
 * end a line of JavaScript; a byte that is not valid UTF-8 becomes
 * U+FFFD, so that the output is always valid JSON.
 */
static void
json_escape(const char *s, void (*put)(void *, const char *, size_t),
    void *arg)
{
	const char *run;
	unsigned long cp = 0;
	size_t n = 0;
	char u[8];

	for (run = s;;) {
		while (!json_esc[(unsigned char)*s])
			s++;
		if ((unsigned char)*s >= 0x80) {
			n = utf8_next(s, &cp);
			if (n > 0 && !cp_hostile(cp)) {
				s += n;
				continue;
			}
		}
		if (s > run)
			put(arg, run, (size_t)(s - run));
		switch (*s) {
		case '\0':
			return;
		case '"':
			put(arg, "\\\"", 2);
			break;
		case '\\':
			put(arg, "\\\\", 2);
			break;
		case '\n':
			put(arg, "\\n", 2);
			break;
		case '\r':
			put(arg, "\\r", 2);
			break;
		case '\t':
			put(arg, "\\t", 2);
			break;
		default:
			if ((unsigned char)*s < 0x80)
				n = 1, cp = (unsigned char)*s;
			else if (n == 0)
				n = 1, cp = 0xfffd;
			snprintf(u, sizeof(u), "\\u%04lx", cp);
			put(arg, u, 6);
			s += n - 1;
		}
		run = ++s;
	}
}

static void
put_file(void *fp, const char *p, size_t n)
{
	fwrite(p, 1, n, fp);
}

static void
put_buf(void *b, const char *p, size_t n)
{
	buf_add(b, p, n);
}

void
json_str(FILE *fp, const char *s)
{
	putc('"', fp);
	json_escape(s, put_file, fp);
	putc('"', fp);
}

void
buf_json_str(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	json_escape(s, put_buf, b);
	buf_addc(b, '"');
}

int
json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		return 0;
	return plain_decimal(s) && *s != '-';
}

/*
 * The writer.
 */

/* Output, appended to the buffer without a call when it has room. */
static inline void
put(struct json_w *w, const char *p, size_t n)
{
	struct buf *b = w->b;

	if (b == NULL) {
		fwrite(p, 1, n, w->fp);
		return;
	}
	if (b->len + n >= b->cap)
		buf_grow(b, n);
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static inline void
putch(struct json_w *w, int c)
{
	struct buf *b = w->b;

	if (b == NULL) {
		putc(c, w->fp);
		return;
	}
	if (b->len + 1 >= b->cap)
		buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void
jw_file(struct json_w *w, FILE *fp)
{
	memset(w, 0, sizeof(*w));
	w->fp = fp;
}

void
jw_buf(struct json_w *w, struct buf *b)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
}

/*
 * Before an item: nothing after a key; else the comma after the item
 * before, and the gap (or one space after a comma).  member: the item is
 * a key, or raw members (jw_raw()), which an object takes where it takes
 * no bare value.  The value after a key is the common case: inline.
 */
static void
item_sep(struct json_w *w, int member)
{
	int any = 0;

	if (w->depth > 0) {
		any = w->any[w->depth - 1];
		w->any[w->depth - 1] = 1;
		if ((w->kind[w->depth - 1] == '{') != member &&
		    w->kind[w->depth - 1] != 0)
			w->bad = 1;	/* a value without a key, or a key
					   in an array */
	} else if (member)
		w->bad = 1;
	if (w->gap != NULL) {
		if (any)
			putch(w, ',');
		put(w, w->gap, strlen(w->gap));
		w->gap = NULL;
	} else if (any)
		put(w, ", ", 2);
}

static inline void
item(struct json_w *w, int member)
{
	if (w->key) {
		w->key = 0;
		if (member)
			w->bad = 1;	/* a key where its value goes */
	} else
		item_sep(w, member);
}

static void
push(struct json_w *w, char kind)
{
	if (w->depth == JSON_DEPTH) {
		w->bad = 1;
		return;
	}
	w->kind[w->depth] = kind;
	w->any[w->depth] = 0;
	w->depth++;
	if (kind != 0)
		putch(w, kind);
}

void
jw_obj(struct json_w *w)
{
	item(w, 0);
	push(w, '{');
}

void
jw_arr(struct json_w *w)
{
	item(w, 0);
	push(w, '[');
}

void
jw_part(struct json_w *w)
{
	push(w, 0);
}

void
jw_end(struct json_w *w)
{
	char kind;

	if (w->depth == 0 || w->key) {
		w->bad = 1;
		return;
	}
	kind = w->kind[--w->depth];
	if (w->gap != NULL && w->any[w->depth])
		put(w, w->gap, strlen(w->gap));
	w->gap = NULL;
	if (kind != 0)
		putch(w, kind == '{' ? '}' : ']');
}

void
jw_key(struct json_w *w, const char *k)
{
	item(w, 1);
	putch(w, '"');
	if (w->b != NULL)
		json_escape(k, put_buf, w->b);
	else
		json_escape(k, put_file, w->fp);
	put(w, "\": ", 3);
	w->key = 1;
}

void
jw_key_raw(struct json_w *w, const char *k, size_t n)
{
	struct buf *b = w->b;

	/* The cells of an export's rows: a member after another, in one go. */
	if (b != NULL && !w->key && w->gap == NULL && w->depth > 0 &&
	    w->kind[w->depth - 1] == '{' && w->any[w->depth - 1]) {
		if (b->len + n + 2 >= b->cap)
			buf_grow(b, n + 2);
		b->s[b->len++] = ',';
		b->s[b->len++] = ' ';
		memcpy(b->s + b->len, k, n);
		b->len += n;
		b->s[b->len] = '\0';
	} else {
		item(w, 1);
		put(w, k, n);
	}
	w->key = 1;
}

void
jw_str(struct json_w *w, const char *s)
{
	item(w, 0);
	if (w->b != NULL)
		buf_json_str(w->b, s);
	else
		json_str(w->fp, s);
}

void
jw_num(struct json_w *w, long n)
{
	char b[32], *p = b + sizeof(b);
	unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (n < 0)
		*--p = '-';
	item(w, 0);
	put(w, p, (size_t)(b + sizeof(b) - p));
}

void
jw_null(struct json_w *w)
{
	item(w, 0);
	put(w, "null", 4);
}

void
jw_bool(struct json_w *w, int v)
{
	item(w, 0);
	if (v)
		put(w, "true", 4);
	else
		put(w, "false", 5);
}

void
jw_day(struct json_w *w, long day)
{
	char b[DATE_LEN];

	if (day < 0) {
		jw_null(w);
		return;
	}
	date_format(day, b);
	jw_str(w, b);
}

void
jw_raw(struct json_w *w, const char *s, size_t n)
{
	item(w, !w->key && w->depth > 0 && w->kind[w->depth - 1] == '{');
	put(w, s, n);
}

void
jw_gap(struct json_w *w, const char *s)
{
	w->gap = s;
}

void
jw_out(struct json_w *w, const char *s)
{
	put(w, s, strlen(s));
}

int
jw_ok(const struct json_w *w)
{
	return !w->bad && w->depth == 0 && !w->key;
}

void
jw_kstr(struct json_w *w, const char *k, const char *v)
{
	jw_key(w, k);
	jw_str(w, v);
}

void
jw_knum(struct json_w *w, const char *k, long n)
{
	jw_key(w, k);
	jw_num(w, n);
}

void
jw_kday(struct json_w *w, const char *k, long day)
{
	jw_key(w, k);
	jw_day(w, day);
}
