/*
 * t_json.c: the JSON writer of lib/json.c: nesting, the commas between
 * items, the layout gaps, escaping as RFC 8259 asks, numbers, null and
 * booleans, to a file and to a buffer alike.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

#include "tap.h"

/* A writer into a memory stream, read back as a string. */
struct mem {
	FILE	*fp;
	char	*s;
	size_t	 len;
};

static void
mem_open(struct mem *m, struct json_w *w)
{
	memset(m, 0, sizeof(*m));
	if ((m->fp = open_memstream(&m->s, &m->len)) == NULL)
		abort();
	jw_file(w, m->fp);
}

static const char *
mem_text(struct mem *m)
{
	fclose(m->fp);
	m->fp = NULL;
	return m->s;
}

static void
test_nesting(void)
{
	struct json_w w;
	struct mem m;

	mem_open(&m, &w);
	jw_obj(&w);
	jw_end(&w);
	is_str(mem_text(&m), "{}", "an empty object");
	ok(jw_ok(&w), "an empty object is complete");
	free(m.s);

	mem_open(&m, &w);
	jw_arr(&w);
	jw_gap(&w, "\n");	/* no item: the gap is not written */
	jw_end(&w);
	is_str(mem_text(&m), "[]", "an empty array, its closing gap left out");
	free(m.s);

	mem_open(&m, &w);
	jw_obj(&w);
	jw_key(&w, "a");
	jw_num(&w, 1);
	jw_key(&w, "b");
	jw_arr(&w);
	jw_num(&w, 2);
	jw_obj(&w);
	jw_key(&w, "c");
	jw_null(&w);
	jw_end(&w);
	jw_arr(&w);
	jw_end(&w);
	jw_end(&w);
	jw_key(&w, "d");
	jw_obj(&w);
	jw_end(&w);
	jw_end(&w);
	is_str(mem_text(&m), "{\"a\": 1, \"b\": [2, {\"c\": null}, []], "
	    "\"d\": {}}", "nested objects and arrays, a comma between items "
	    "and none after the last");
	ok(jw_ok(&w), "a nested document is complete");
	free(m.s);

	mem_open(&m, &w);
	jw_arr(&w);
	jw_arr(&w);
	jw_end(&w);
	ok(!jw_ok(&w), "an array left open is not complete");
	jw_end(&w);
	ok(jw_ok(&w), "closed, it is");
	jw_end(&w);
	ok(!jw_ok(&w), "one end too many is misuse");
	mem_text(&m);
	free(m.s);
}

static void
test_misuse(void)
{
	struct json_w w;
	struct mem m;
	int i;

	mem_open(&m, &w);
	jw_obj(&w);
	jw_str(&w, "x");
	jw_end(&w);
	ok(!jw_ok(&w), "a value without a key in an object is misuse");
	mem_text(&m);
	free(m.s);

	mem_open(&m, &w);
	jw_arr(&w);
	jw_key(&w, "k");
	jw_str(&w, "v");
	jw_end(&w);
	ok(!jw_ok(&w), "a key in an array is misuse");
	mem_text(&m);
	free(m.s);

	mem_open(&m, &w);
	jw_obj(&w);
	jw_key(&w, "k");
	jw_end(&w);
	ok(!jw_ok(&w), "a key without its value is misuse");
	mem_text(&m);
	free(m.s);

	mem_open(&m, &w);
	for (i = 0; i < JSON_DEPTH + 1; i++)
		jw_arr(&w);
	ok(!jw_ok(&w), "nesting deeper than JSON_DEPTH is refused");
	mem_text(&m);
	free(m.s);
}

static void
test_gaps(void)
{
	struct json_w w;
	struct mem m;

	mem_open(&m, &w);
	jw_arr(&w);
	jw_gap(&w, "\n  ");
	jw_num(&w, 1);
	jw_gap(&w, "\n  ");
	jw_num(&w, 2);
	jw_num(&w, 3);
	jw_gap(&w, "\n");
	jw_end(&w);
	jw_out(&w, "\n");
	is_str(mem_text(&m), "[\n  1,\n  2, 3\n]\n", "a gap replaces the "
	    "space after the comma once, and comes before the bracket");
	free(m.s);

	mem_open(&m, &w);
	jw_obj(&w);
	jw_key(&w, "a");
	jw_num(&w, 1);
	jw_gap(&w, " \n ");
	jw_key(&w, "b");
	jw_num(&w, 2);
	jw_end(&w);
	is_str(mem_text(&m), "{\"a\": 1, \n \"b\": 2}", "a gap between "
	    "members");
	free(m.s);
}

static void
test_escapes(void)
{
	static const char in[] = "q\" b\\ s/ \b\f\n\r\t\x01\x1f\x7f "
	    "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
	static const char want[] = "\"q\\\" b\\\\ s/ \\u0008\\u000c\\n\\r\\t"
	    "\\u0001\\u001f\\u007f \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"";
	struct json_w w;
	struct buf b = { 0 };
	struct mem m;
	char ctl[2] = { 0, 0 }, u[8];
	int c, bad = 0;

	mem_open(&m, &w);
	jw_str(&w, in);
	is_str(mem_text(&m), want, "a string escapes the quotation mark, the "
	    "reverse solidus and controls, and DEL, and keeps the rest "
	    "(UTF-8, the solidus)");
	free(m.s);
	for (c = 1; c < 0x20; c++) {
		ctl[0] = (char)c;
		buf_reset(&b);
		buf_json_str(&b, ctl);
		if (c == '\n' || c == '\r' || c == '\t')
			continue;
		snprintf(u, sizeof(u), "\\u%04x", c);
		if (b.len != 8 || b.s[0] != '"' || memcmp(b.s + 1, u, 6) != 0)
			bad++;
	}
	is_int(bad, 0, "each other control U+0001 to U+001F is \\u00XX");
	buf_reset(&b);
	jw_buf(&w, &b);
	jw_obj(&w);
	jw_key(&w, "k\"\n");
	jw_str(&w, "");
	jw_end(&w);
	is_str(b.s, "{\"k\\\"\\n\": \"\"}", "a key is escaped too; the empty "
	    "string is \"\"");
	buf_free(&b);
}

static void
test_values(void)
{
	struct json_w w;
	struct buf b = { 0 };

	jw_buf(&w, &b);
	jw_arr(&w);
	jw_num(&w, 0);
	jw_num(&w, -7);
	jw_num(&w, 1234567890L);
	jw_num(&w, LONG_MIN);
	jw_null(&w);
	jw_bool(&w, 1);
	jw_bool(&w, 0);
	jw_day(&w, -1);
	jw_day(&w, 0);
	jw_raw(&w, "2.5", 3);
	jw_end(&w);
	buf_adds(&b, "|");
	ok(strncmp(b.s, "[0, -7, 1234567890, -", 21) == 0 &&
	    strstr(b.s, "808, null, true, false, null, \"1970-01-01\", 2.5]|")
	    != NULL, "numbers (LONG_MIN too), null, booleans, dates and "
	    "raw numbers: %s", b.s);
	buf_reset(&b);
	jw_buf(&w, &b);
	jw_num(&w, LONG_MIN);
	{
		char want[32];

		snprintf(want, sizeof(want), "%ld", LONG_MIN);
		is_str(b.s, want, "LONG_MIN as printf writes it");
	}
	ok(json_number("0") && json_number("-3") && json_number("10.25") &&
	    json_number("-0.5"), "json_number: 0, -3, 10.25, -0.5");
	ok(!json_number("") && !json_number("-") && !json_number("01") &&
	    !json_number("+1") && !json_number("1.") && !json_number(".5") &&
	    !json_number("1e5") && !json_number("--1") && !json_number("NA") &&
	    !json_number("-01"), "not json_number: empty, -, 01, +1, 1., "
	    ".5, 1e5, --1, NA, -01");
	buf_free(&b);
}

static void
test_parts(void)
{
	struct json_w w, pw;
	struct buf part = { 0 }, out = { 0 };
	int i;

	/* Two runs of rows made apart, placed in one array. */
	jw_buf(&w, &out);
	jw_arr(&w);
	for (i = 0; i < 2; i++) {
		buf_reset(&part);
		jw_buf(&pw, &part);
		jw_part(&pw);
		jw_gap(&pw, "\n ");
		jw_obj(&pw);
		jw_key(&pw, "n");
		jw_num(&pw, 2 * i);
		jw_end(&pw);
		jw_gap(&pw, "\n ");
		jw_obj(&pw);
		jw_key(&pw, "n");
		jw_num(&pw, 2 * i + 1);
		jw_end(&pw);
		jw_end(&pw);
		ok(jw_ok(&pw), "a part %d is complete", i);
		jw_gap(&w, "");
		jw_raw(&w, part.s, part.len);
	}
	jw_gap(&w, "\n");
	jw_end(&w);
	is_str(out.s, "[\n {\"n\": 0},\n {\"n\": 1},\n {\"n\": 2},\n "
	    "{\"n\": 3}\n]", "parts join with the commas between them");
	/* Members made apart, placed in an object. */
	buf_reset(&part);
	jw_buf(&pw, &part);
	jw_part(&pw);
	jw_key(&pw, "a");
	jw_num(&pw, 1);
	jw_key(&pw, "b");
	jw_num(&pw, 2);
	jw_end(&pw);
	buf_reset(&out);
	jw_buf(&w, &out);
	jw_obj(&w);
	jw_raw(&w, part.s, part.len);
	jw_key(&w, "c");
	jw_num(&w, 3);
	jw_end(&w);
	is_str(out.s, "{\"a\": 1, \"b\": 2, \"c\": 3}", "raw members, then "
	    "a key after a comma");
	ok(jw_ok(&w), "raw members in an object are no misuse");
	buf_free(&part);
	buf_free(&out);
}

/* A file and a buffer get the same bytes. */
static void
test_sinks(void)
{
	struct json_w wf, wb;
	struct buf b = { 0 };
	struct mem m;
	struct json_w *w[2];
	int i;

	mem_open(&m, &wf);
	jw_buf(&wb, &b);
	w[0] = &wf;
	w[1] = &wb;
	for (i = 0; i < 2; i++) {
		jw_obj(w[i]);
		jw_key(w[i], "s");
		jw_str(w[i], "tab\there \xc3\xa9");
		jw_gap(w[i], "\n ");
		jw_key(w[i], "l");
		jw_arr(w[i]);
		jw_num(w[i], -1);
		jw_null(w[i]);
		jw_end(w[i]);
		jw_end(w[i]);
		jw_out(w[i], "\n");
	}
	is_str(mem_text(&m), b.s, "a file and a buffer get the same bytes");
	free(m.s);
	buf_free(&b);
}

int
main(void)
{
	test_nesting();
	test_misuse();
	test_gaps();
	test_escapes();
	test_values();
	test_parts();
	test_sinks();
	return tap_done();
}
