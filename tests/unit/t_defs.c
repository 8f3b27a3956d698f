/*
 * t_defs.c: the built-in definitions read without iniparser.
 *
 * ini_read_plain() (lib/instrument.c) reads the built-in instrument and
 * variant definitions instead of iniparser when their text is plain.
 * Every built-in definition must be plain, and read exactly as
 * ini_load_mem() (iniparser) reads it; a text that is not plain must be
 * left to iniparser.
 */
#include <string.h>

#include "defs.h"
#include "ini.h"
#include "instrument.h"
#include "tap.h"
#include "util.h"

static int
same(const char *text)
{
	struct ini a, b;
	int ra, rb, rc;

	ra = ini_read_plain(&a, "t", text, strlen(text));
	rb = ini_load_mem(&b, "t", text, strlen(text));
	rc = ra == 0 && rb == 0 && ini_equal(&a, &b) == 0;
	if (ra == 0)
		ini_free(&a);
	if (rb == 0)
		ini_free(&b);
	return rc;
}

static int
refused(const char *text)
{
	struct ini a;

	if (ini_read_plain(&a, "t", text, strlen(text)) == 0) {
		ini_free(&a);
		return 0;
	}
	return 1;
}

int
main(void)
{
	size_t i;

	for (i = 0; i < builtin_ndefs; i++)
		ok(same(builtin_defs[i].text), "built-in %s/%s: plain, and "
		    "read as iniparser reads it", builtin_defs[i].kind,
		    builtin_defs[i].name);

	ok(same("; c\n[a]\nk = v\nq = \"  x ; y # z = w  \"\n"
	    "s = 'say \"hi\"'\ne =\nf = \"\"\ng = ''\n\n[b]\n\t k2\t=\t v 2 \n"),
	    "quotes, blanks, empty values, comments, two sections");
	ok(same("[a]\n[b]\nk = 1"), "an empty section; no final newline");
	ok(same("[a]\nr = \"9 >= 1\"\nx = a=b\n"), "'=' in a value");

	ok(refused("k = v\n"), "a key before any section: iniparser's");
	ok(refused("[a]\nk = v ; comment\n"), "an inline comment");
	ok(refused("[a]\nk = \"v\" ; comment\n"), "a comment after quotes");
	ok(refused("[a]\nk = v\nk = w\n"), "a key twice");
	ok(refused("[a]\nk = 1\n[a]\nj = 2\n"), "a section twice");
	ok(refused("[A]\nk = v\n"), "an upper-case section");
	ok(refused("[a]\nK = v\n"), "an upper-case key");
	ok(refused("[a]\nk = \"v\n"), "an unterminated quote");
	ok(refused("[a]\nk = \"a\"b\"\n"), "a quote inside quotes");
	ok(refused("[a]\nk = a\"b\n"), "a quote in an unquoted value");
	ok(refused("[a]\nk = v \\\nw\n"), "a line ending in a backslash");
	ok(refused("[a]\r\nk = v\r\n"), "CRLF");
	ok(refused("[a]\nk\n"), "a line without '='");
	ok(refused("[ a ]\nk = v\n"), "blanks in the brackets");
	ok(refused("[a] x\nk = v\n"), "text after ']'");
	ok(refused("[a]\nk = \"\xff\"\n"), "invalid UTF-8");
	return tap_done();
}
