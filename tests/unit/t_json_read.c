/*
 * t_json_read.c: the JSON reader of lib/json_read.c: every kind of
 * value, escapes decoded to UTF-8 (surrogate pairs too), line numbers
 * in messages, and each malformed or hostile text refused with one
 * line naming the file and the line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_read.h"
#include "util.h"

#include "tap.h"

static int
parse(const char *text, struct jv *v)
{
	return json_parse("t.json", text, strlen(text), v);
}

/* Refused, with a message holding `want'. */
static void
refused(const char *text, const char *want)
{
	struct jv v;
	int rc = parse(text, &v);

	ok(rc == -1 && strstr(ipt_error(), want) != NULL, "refused: %s",
	    want);
	if (rc == 0)
		jv_free(&v);
	else if (strstr(ipt_error(), want) == NULL)
		printf("#   got '%s'\n", ipt_error());
}

int
main(void)
{
	struct jv v;
	const struct jv *x;
	char *big, *deep;
	size_t i;

	ok(parse(" {\"a\": [1, -2.5e3, true, false, null, \"s\"],\n"
	    "\"b\": {}, \"c\": []} ", &v) == 0, "a document parses");
	is_int(v.t, JV_OBJ, "an object");
	is_int(v.n, 3, "three members");
	x = jv_get(&v, "a");
	ok(x != NULL && x->t == JV_ARR && x->n == 6, "an array of six");
	is_str(x->v[0].s, "1", "a number keeps its text");
	is_str(x->v[1].s, "-2.5e3", "an exponent is kept");
	ok(x->v[2].t == JV_BOOL && x->v[2].b == 1, "true");
	ok(x->v[3].t == JV_BOOL && x->v[3].b == 0, "false");
	ok(x->v[4].t == JV_NULL, "null");
	is_str(jv_str(&x->v[5]), "s", "a string");
	ok(jv_get(&v, "b")->t == JV_OBJ && jv_get(&v, "b")->n == 0,
	    "an empty object");
	is_int(jv_get(&v, "c")->line, 2, "a value knows its line");
	ok(jv_get(&v, "zz") == NULL && jv_get(x, "a") == NULL,
	    "jv_get: no such member, or not an object");
	ok(jv_str(NULL) == NULL && jv_str(x) == NULL, "jv_str of a non-string");
	jv_free(&v);

	ok(parse("\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20ac\\ud83d\\ude00\"",
	    &v) == 0, "escapes");
	is_str(v.s, "a\"\\/\b\f\n\r\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80",
	    "escapes decoded to UTF-8, a surrogate pair to one code point");
	jv_free(&v);
	ok(parse("\"caf\xc3\xa9\"", &v) == 0 && strcmp(v.s, "caf\xc3\xa9") == 0,
	    "raw UTF-8 kept");
	jv_free(&v);
	ok(parse("\xef\xbb\xbf[0]", &v) == 0 && v.n == 1, "a byte order mark "
	    "is skipped");
	jv_free(&v);

	refused("", "t.json:1: json: a value expected");
	refused("{\"a\": 1,\n\"a\": 2}", "t.json:2: json: a key is given twice");
	refused("[1, 2,]", "a comma before a closing bracket");
	refused("{\"a\": 1,}", "a comma before a closing bracket");
	refused("[1 2]", "',' or ']' expected");
	refused("{\"a\" 1}", "':' expected");
	refused("{a: 1}", "quoted key");
	refused("[01]", "',' or ']' expected");
	refused("[1.]", "a bad number");
	refused("[-]", "a bad number");
	refused("[1e]", "a bad number");
	refused("[+1]", "a bad number");
	refused("[tru]", "an unknown word");
	refused("\"abc", "not closed");
	refused("\"a\nb\"", "a control character");
	refused("\"\\x\"", "an unknown escape");
	refused("\"\\u00g0\"", "a bad \\u escape");
	refused("\"\\ud83d\"", "a bad \\u escape");
	refused("\"\\ude00\"", "a bad \\u escape");
	refused("\"\\u0000\"", "\\u0000 in a string");
	refused("\"\xc3\"", "not UTF-8");
	refused("\"\xc0\xaf\"", "not UTF-8");
	refused("\"\xed\xa0\x80\"", "not UTF-8");
	refused("[1] [2]", "more text after the value");
	refused("// c\n[1]", "a bad number");
	ok(json_parse("t.json", "[1]\0", 4, &v) == -1 &&
	    strstr(ipt_error(), "a NUL byte") != NULL, "a NUL byte refused");

	/* Nesting: the limit holds, one less parses. */
	deep = xmalloc(2 * (JSON_READ_DEPTH + 1) + 1);
	for (i = 0; i < JSON_READ_DEPTH; i++) {
		deep[i] = '[';
		deep[JSON_READ_DEPTH + i] = ']';
	}
	deep[2 * JSON_READ_DEPTH] = '\0';
	ok(parse(deep, &v) == 0, "%d levels parse", JSON_READ_DEPTH);
	jv_free(&v);
	memmove(deep + 1, deep, 2 * JSON_READ_DEPTH + 1);
	deep[0] = '[';
	strcat(deep, "]");
	refused(deep, "nested too deep");
	free(deep);

	/* The size limit is checked before anything is read. */
	big = xmalloc((size_t)JSON_READ_MAX + 2);
	memset(big, ' ', (size_t)JSON_READ_MAX + 1);
	big[0] = '0';
	ok(json_parse("big.json", big, (size_t)JSON_READ_MAX + 1, &v) == -1 &&
	    strstr(ipt_error(), "big.json: json: larger than 16 MiB") != NULL,
	    "a text over the limit is refused");
	ok(json_parse("big.json", big, (size_t)JSON_READ_MAX, &v) == 0 &&
	    v.t == JV_NUM, "a text at the limit parses");
	jv_free(&v);
	free(big);
	return tap_done();
}
