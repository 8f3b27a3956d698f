/*
 * t_escape.c: text safety.  What a record may hold (utf8_valid(),
 * cp_hostile()), the terminal escape of lib/escape.c, the JSON escape of
 * every code point a terminal or JavaScript would act on, and the one
 * CSV/TSV cell rule (formulas neutralised, controls escaped).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "json.h"
#include "render.h"
#include "util.h"

#include "tap.h"

static int
valid(const char *s, int nl)
{
	return utf8_valid(s, strlen(s), nl);
}

static const char *
json(const char *s)
{
	static struct buf b;

	buf_reset(&b);
	buf_json_str(&b, s);
	return b.s;
}

static const char *
cell(const char *s, int sep)
{
	static char *out;
	size_t len;
	FILE *fp;

	free(out);
	out = NULL;
	if ((fp = open_memstream(&out, &len)) == NULL)
		abort();
	csv_safe_cell(fp, s, sep);
	fclose(fp);
	return out;
}

int
main(void)
{
	unsigned long cp;
	const char *a, *p[9];
	int i;

	/* What a record holds. */
	ok(valid("Ana Mar\xc3\xad" "a, caf\xc3\xa9 \xe2\x82\xac 5 "
	    "\xf0\x9f\x99\x82", 0), "UTF-8 text is valid");
	ok(valid("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xe2\x80\x8f", 0),
	    "Hebrew and a right-to-left mark are valid");
	ok(valid("two\nlines", 1) && !valid("two\nlines", 0),
	    "a newline only where allowed");
	ok(!valid("a\x1b[31mb", 1), "ESC refused");
	ok(!valid("a\x7f", 1), "DEL refused");
	ok(!valid("a\xc2\x9b" "31m", 1), "C1 CSI (U+009B) refused");
	ok(!valid("a\xc2\x85", 1), "C1 NEL (U+0085) refused");
	ok(!valid("a\xc2\x80", 1) && !valid("\xc2\x9f", 1),
	    "C1 range ends refused");
	ok(valid("\xc2\xa0", 1), "U+00A0 (after C1) valid");
	ok(!valid("x\xe2\x80\xaey", 1), "RLO (U+202E) refused");
	ok(!valid("x\xe2\x80\xaay", 1), "LRE (U+202A) refused");
	ok(!valid("x\xe2\x81\xa6y", 1) && !valid("x\xe2\x81\xa9y", 1),
	    "isolates (U+2066..2069) refused");
	ok(!valid("x\xe2\x80\xa8y", 1) && !valid("x\xe2\x80\xa9y", 1),
	    "U+2028 and U+2029 refused");
	ok(valid("x\xe2\x80\xa7y \xe2\x80\xafz \xe2\x81\xa5", 1),
	    "neighbours of the refused code points valid");
	ok(!valid("\xc0\xaf", 1) && !valid("\xe0\x80\xaf", 1) &&
	    !valid("\xed\xa0\x80", 1) && !valid("\xf4\x90\x80\x80", 1),
	    "overlong, surrogate, beyond U+10FFFF refused");
	ok(cp_hostile(0x9b) && cp_hostile(0x202e) && !cp_hostile(0x200f) &&
	    !cp_hostile(0x41), "cp_hostile");
	is_int(utf8_next("\xe2\x80\xae!", &cp), 3, "utf8_next length");
	is_int(cp, 0x202e, "utf8_next code point");
	is_int(utf8_next("\xe2\x80", &cp), 0, "utf8_next: cut short");
	is_int(utf8_next("\xff", &cp), 0, "utf8_next: stray byte");

	/* The terminal escape. */
	a = "plain caf\xc3\xa9";
	ok(esc(a) == a && !esc_needed(a, ESC_LINE),
	    "nothing to escape: the string itself");
	is_str(esc("clients/ev\x1b[31mil"), "clients/ev\\x1b[31mil",
	    "ESC as \\x1b");
	is_str(esc("nl\nerror: forged"), "nl\\nerror: forged",
	    "newline escaped in a line");
	is_str(esc_text("nl\nok\ttab"), "nl\nok\ttab",
	    "newline and tab kept in text");
	is_str(esc_text("a\rb\r\nc"), "a\\rb\r\nc",
	    "a lone CR escaped, CR LF kept in text");
	is_str(esc("a\xc2\x9b" "b\xe2\x80\xae" "c\xe2\x80\xa8"),
	    "a\\u009bb\\u202ec\\u2028", "C1, RLO, LS as \\uXXXX");
	is_str(esc("bad\xff\xc3"), "bad\\xff\\xc3",
	    "invalid UTF-8 bytes as \\xHH");
	is_str(esc("\x7f\x01"), "\\x7f\\x01", "DEL and C0");
	is_str(esc("back\\slash"), "back\\slash", "a backslash as it is");
	for (i = 0; i < 9; i++)
		p[i] = esc(i % 2 ? "\x1b" "1" : "\x1b" "0");
	is_str(p[1], "\\x1b1", "eight escapes live at once");
	is_str(p[8], "\\x1b0", "the ninth reuses the first buffer");

	/* JSON. */
	is_str(json("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"",
	    "JSON: RFC 8259 escapes");
	is_str(json("caf\xc3\xa9 \xf0\x9f\x99\x82"),
	    "\"caf\xc3\xa9 \xf0\x9f\x99\x82\"", "JSON: UTF-8 as it is");
	is_str(json("x\x7fy"), "\"x\\u007fy\"", "JSON: DEL escaped");
	is_str(json("x\xc2\x9by\xc2\x85"), "\"x\\u009by\\u0085\"",
	    "JSON: C1 escaped");
	is_str(json("\xe2\x80\xa8\xe2\x80\xa9"), "\"\\u2028\\u2029\"",
	    "JSON: line and paragraph separators escaped");
	is_str(json("\xe2\x80\xae" "abc\xe2\x81\xa6"), "\"\\u202eabc\\u2066\"",
	    "JSON: bidi overrides and isolates escaped");
	is_str(json("a\xff" "b\xe2\x80"), "\"a\\ufffdb\\ufffd\\ufffd\"",
	    "JSON: invalid bytes as U+FFFD, always valid JSON");

	/* CSV and TSV cells. */
	is_str(cell("=HYPERLINK(\"http://x\",\"y\")", ','),
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
	    "CSV: = neutralised");
	is_str(cell("+cmd|' /C calc'!A0", ','), "'+cmd|' /C calc'!A0",
	    "CSV: + neutralised");
	is_str(cell("@SUM(A1)", '\t'), "'@SUM(A1)", "TSV: @ neutralised");
	is_str(cell("-2+3", ','), "'-2+3", "CSV: - neutralised");
	is_str(cell("-3", ','), "-3", "CSV: a negative number as it is");
	is_str(cell("\tx", '\t'), "' x", "TSV: a leading tab neutralised");
	is_str(cell("a=b", ','), "a=b", "CSV: = inside as it is");
	is_str(cell("clients/ev\x1b[31mil", ','), "clients/ev\\x1b[31mil",
	    "CSV: ESC escaped");
	is_str(cell("two\nlines", ','), "\"two\nlines\"",
	    "CSV: newline kept, quoted");
	is_str(cell("two\nlines\xe2\x80\xae", '\t'), "two lines\\u202e",
	    "TSV: newline a space, RLO escaped");
	return tap_done();
}
