/*
 * t_core.c: unit tests of dates, strings, CSV tables and INI files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "csvt.h"
#include "date.h"
#include "ini.h"
#include "render.h"
#include "tap.h"
#include "util.h"

static char dir[] = "/tmp/ipt-unit.XXXXXX";

static char *
put(const char *name, const char *text)
{
	char *p = path_join(dir, name);
	FILE *fp = fopen(p, "w");

	fputs(text, fp);
	fclose(fp);
	return p;
}

static void
test_dates(void)
{
	char b[DATE_LEN];
	long d, e;

	ok(date_parse("1970-01-01", &d) == 0 && d == 0, "epoch is day 0");
	ok(date_parse("2024-02-29", &d) == 0, "2024-02-29 is a leap day");
	ok(date_parse("2026-02-29", &d) == -1, "2026-02-29 is refused");
	ok(date_parse("2026-02-30", &d) == -1, "2026-02-30 is refused");
	ok(date_parse("1900-02-29", &d) == -1, "1900 is not a leap year");
	ok(date_parse("2000-02-29", &d) == 0, "2000 is a leap year");
	ok(date_parse("2026-04-31", &d) == -1, "April has 30 days");
	ok(date_parse("2026-13-01", &d) == -1, "month 13 is refused");
	ok(date_parse("2026-1-01", &d) == -1, "short month is refused");
	ok(date_parse("2026-01-01x", &d) == -1, "trailing text is refused");
	ok(date_parse("1899-12-31", &d) == -1, "years before 1900 refused");
	ok(date_parse("", &d) == -1, "empty is refused");
	date_parse("2026-11-26", &d);
	date_format(d, b);
	is_str(b, "2026-11-26", "format round-trips");
	date_parse("2026-12-03", &e);
	is_int(e - d, 7, "a week is 7 days");
	is_int(date_weekday(d), 3, "2026-11-26 is a Thursday");
	date_parse("1950-06-15", &d);
	date_format(d, b);
	is_str(b, "1950-06-15", "a date before 1970 round-trips");
	ok(date_set_today("2026-02-30") == -1 &&
	    ipt_errkind() == IPT_EUSAGE, "--today with a bad date is usage");
	date_set_today("2026-11-26");
	date_today(&d);
	date_format(d, b);
	is_str(b, "2026-11-26", "--today pins today");
	date_set_today(NULL);
}

static void
test_strings(void)
{
	long v;

	ok(parse_long("10", 0, 10, &v) == 0 && v == 10, "10 in 0..10");
	ok(parse_long("11", 0, 10, &v) == -1, "11 not in 0..10");
	ok(parse_long("-1", 0, 10, &v) == -1, "-1 not in 0..10");
	ok(parse_long("3x", 0, 10, &v) == -1, "3x is not a number");
	ok(parse_long("07", 0, 10, &v) == -1, "07 is refused (octal)");
	ok(parse_long("", 0, 10, &v) == -1, "empty is refused");
	ok(parse_long(" 1", 0, 10, &v) == -1, "leading blank is refused");
	ok(parse_long("\t1", 0, 10, &v) == -1, "leading tab is refused");
	ok(parse_long("\n1", 0, 10, &v) == -1, "leading newline is refused");
	ok(parse_long("+1", 0, 10, &v) == -1, "a plus sign is refused");
	ok(parse_long("- 1", -5, 10, &v) == -1, "a blank after '-' is refused");
	ok(parse_long("-", -5, 10, &v) == -1, "'-' alone is refused");
	ok(parse_long("-3", -5, 10, &v) == 0 && v == -3, "-3 in -5..10");
	ok(utf8_valid("caf\xc3\xa9", 5, 0), "UTF-8 is valid");
	ok(!utf8_valid("caf\xe9", 4, 0), "Latin-1 is invalid");
	ok(!utf8_valid("\xc0\xaf", 2, 0), "overlong form is invalid");
	ok(!utf8_valid("\xed\xa0\x80", 3, 0), "surrogate is invalid");
	ok(!utf8_valid("a\nb", 3, 0) && utf8_valid("a\nb", 3, 1),
	    "newline allowed only when asked");
	ok(!utf8_valid("a\x01", 2, 1), "control character is invalid");
	ok(valid_id("ana") && valid_id("A.b_c-1"), "valid ids");
	ok(!valid_id("-ana") && !valid_id("a/b") && !valid_id("..") &&
	    !valid_id("") && !valid_id("a b") && !valid_id(".x"),
	    "invalid ids");
}

static void
test_csv(void)
{
	static const char *const cols[] = { "a", "b", "c" };
	static const char *tricky[] = { "plain", "with,comma", "with \"quote\"",
	    "line1\nline2", " lead", "trail ", "", "caf\xc3\xa9 ; # '",
	    "-1", "=cmd" };
	struct csv_table t, u;
	char *p;
	FILE *fp;
	size_t i, r;

	csv_init_table(&t, "x.csv", cols, 3);
	for (i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++) {
		r = csv_append(&t);
		csv_set(&t, r, "a", tricky[i]);
		csv_set(&t, r, "b", "x");
		csv_set(&t, r, "c", tricky[(i + 1) %
		    (sizeof(tricky) / sizeof(tricky[0]))]);
	}
	p = path_join(dir, "rt.csv");
	fp = fopen(p, "w");
	ok(csv_write_table(&t, fp) == 0, "write a table");
	fclose(fp);
	ok(csv_load(&u, p) == 0, "read it back");
	is_int(u.nrows, t.nrows, "same number of rows");
	for (i = 0; i < t.nrows && i < u.nrows; i++) {
		is_str(u.rows[i].f[0], t.rows[i].f[0], "field %zu round-trips", i);
		is_str(u.rows[i].f[2], t.rows[i].f[2], "field %zu/c round-trips",
		    i);
	}
	csv_free_table(&u);
	csv_free_table(&t);
	free(p);

	p = put("plain.csv", "a,b\n1,x\n2,y\n");
	fp = fopen(p, "r");
	{
		char line[64];

		fgets(line, sizeof(line), fp);
		fgets(line, sizeof(line), fp);
		is_str(line, "1,x\n", "plain fields are not quoted");
	}
	fclose(fp);
	free(p);

	p = put("crlf.csv", "a,b\r\n1,x\r\n\r\n2,\"y\r\nz\"\r\n");
	ok(csv_load(&t, p) == 0 && t.nrows == 2, "CRLF and blank line read");
	is_int(t.nrows > 1 ? t.rows[1].line : 0, 4, "line numbers count blank "
	    "lines");
	csv_free_table(&t);
	free(p);

	/* A spreadsheet's "CSV UTF-8": a byte-order mark, skipped. */
	p = put("bom.csv", "\xef\xbb\xbf" "date,b\n2026-01-02,x\n");
	ok(csv_load(&t, p) == 0 && t.nrows == 1, "BOM csv read: %s",
	    ipt_error());
	is_int((long)csv_col(&t, "date"), 0, "the first column after a BOM");
	csv_free_table(&t);
	free(p);
	/* The same, through libcsv (a quoted field is not plain text). */
	p = put("bomq.csv", "\xef\xbb\xbf" "date,b\n2026-01-02,\"x\ny\"\n");
	ok(csv_load(&t, p) == 0 && t.nrows == 1, "BOM csv read by libcsv: %s",
	    ipt_error());
	is_int((long)csv_col(&t, "date"), 0, "libcsv: the first column after "
	    "a BOM");
	csv_free_table(&t);
	free(p);
	p = put("bomb.csv", "\xef\xbb\xbf" "a,b\n1,\"x\n3,4\n");
	ok(csv_load(&t, p) == -1 && strstr(ipt_error(), "bomb.csv:2:") != NULL,
	    "after a BOM, lines keep their numbers: %s", ipt_error());
	free(p);

	p = put("bad1.csv", "a,b\n1,2\n3,\"unterminated\n4,5\n");
	ok(csv_load(&t, p) == -1 && strstr(ipt_error(), "bad1.csv:3:") != NULL,
	    "unterminated quote names line 3: %s", ipt_error());
	free(p);
	p = put("bad2.csv", "a,b\n1,2\n3,4,5\n");
	ok(csv_load(&t, p) == -1 && strstr(ipt_error(), "bad2.csv:3: 3 fields")
	    != NULL, "wrong field count names line 3: %s", ipt_error());
	free(p);
	p = put("bad3.csv", "a,b\n1,2\n3,x\"y\n");
	ok(csv_load(&t, p) == -1 && strstr(ipt_error(), "bad3.csv:3:") != NULL,
	    "stray quote names line 3: %s", ipt_error());
	free(p);
	p = put("bad4.csv", "a,b\n1,\"a\nb\"\n3,caf\xe9\n");
	ok(csv_load(&t, p) == -1 && strstr(ipt_error(), "bad4.csv:4:") != NULL,
	    "invalid UTF-8 names line 4 after a two-line row: %s", ipt_error());
	free(p);
	p = put("bad5.csv", "a,a\n1,2\n");
	ok(csv_load(&t, p) == -1 && strstr(ipt_error(), "twice") != NULL,
	    "duplicate header column refused: %s", ipt_error());
	free(p);
	p = path_join(dir, "bad6.csv");
	fp = fopen(p, "w");
	fwrite("a,b\n1,x\0y\n", 1, 10, fp);
	fclose(fp);
	ok(csv_load(&t, p) == -1 && strstr(ipt_error(), "NUL") != NULL,
	    "NUL byte refused: %s", ipt_error());
	free(p);
	p = path_join(dir, "big.csv");
	fp = fopen(p, "w");
	fputs("a\n\"", fp);
	for (i = 0; i < CSV_MAXFIELD + 10; i++)
		putc('x', fp);
	fputs("\"\n", fp);
	fclose(fp);
	ok(csv_load(&t, p) == -1 && strstr(ipt_error(), "longer") != NULL,
	    "oversized field refused: %s", ipt_error());
	free(p);
	p = path_join(dir, "none.csv");
	ok(csv_load(&t, p) == -1 && errno == ENOENT, "missing file is ENOENT");
	csv_free_table(&t);
	free(p);
}

static void
test_ini(void)
{
	static const char *good[] = { "  lead and trail  ", "a;b#c", "x = y",
	    "it's", "", "[notsec]", "caf\xc3\xa9", "say \"hi\"", "tab\there",
	    "O'Brien, \"Bob\"" };
	struct ini a = { 0 }, b;
	char *p, key[16];
	FILE *fp;
	size_t i, n = sizeof(good) / sizeof(good[0]);
	int r;

	for (i = 0; i + 1 < n; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		ok(ini_set(&a, "client", key, good[i]) == 0, "set k%zu", i);
	}
	r = ini_set(&a, "client", "bad", good[n - 1]);
	ok(r == -1 && strstr(ipt_error(), "both") != NULL,
	    "both quotes refused: %s", ipt_error());
	ok(ini_set(&a, "client", "bad", "back\\slash") == -1,
	    "backslash refused");
	ok(ini_set(&a, "client", "bad", "two\nlines") == -1,
	    "newline refused");
	{
		char longv[1100];

		memset(longv, 'x', sizeof(longv) - 1);
		longv[sizeof(longv) - 1] = '\0';
		ok(ini_set(&a, "client", "bad", longv) == -1,
		    "over-long value refused");
	}
	ok(ini_set(&a, "Client", "k", "v") == -1, "uppercase section refused");
	ini_set(&a, "focus", "primary", "grief");
	p = path_join(dir, "rt.ini");
	fp = fopen(p, "w");
	ok(ini_write(&a, fp) == 0, "write ini");
	fclose(fp);
	ok(ini_load(&b, p) == 0, "iniparser reads it back");
	ok(ini_equal(&a, &b) == 0, "every value read back exactly");
	for (i = 0; i + 1 < n; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		is_str(ini_get(&b, "client", key), good[i], "value %zu", i);
	}
	ini_free(&b);
	ini_free(&a);
	free(p);

	p = put("dup.ini", "[a]\nx = 1\nX = 2\n");
	ok(ini_load(&b, p) == -1 && strstr(ipt_error(), "dup.ini:3:") != NULL,
	    "duplicate key refused with line: %s", ipt_error());
	free(p);
	p = put("nosec.ini", "x = 1\n[a]\n");
	ok(ini_load(&b, p) == -1 && strstr(ipt_error(), "nosec.ini:1:") != NULL,
	    "key before section refused: %s", ipt_error());
	free(p);
	p = put("syn.ini", "[a]\nx = 1\njunk\n");
	ok(ini_load(&b, p) == -1 && strstr(ipt_error(), "syn.ini:3:") != NULL,
	    "line without = refused: %s", ipt_error());
	free(p);
	p = put("bom.ini", "\xef\xbb\xbf[a]\nx = 1\n");
	ok(ini_load(&b, p) == 0, "a byte-order mark is skipped: %s",
	    ipt_error());
	is_str(ini_get(&b, "a", "x"), "1", "the first section after a BOM");
	ini_free(&b);
	free(p);
	p = put("bom2.ini", "\xef\xbb\xbf[a]\nx = 1\nx = 2\n");
	ok(ini_load(&b, p) == -1 && strstr(ipt_error(), "bom2.ini:3:") != NULL,
	    "after a BOM, lines keep their numbers: %s", ipt_error());
	free(p);
	p = put("cmt.ini", "; comment\n[a]\nx = \"q;r\" \n# c2\ny = 2\n");
	ok(ini_load(&b, p) == 0, "comment lines accepted");
	is_str(ini_get(&b, "a", "x"), "q;r", "quoted ; kept");
	is_str(ini_get(&b, "a", "y"), "2", "plain value read");
	ini_free(&b);
	free(p);
	p = put("cut.ini", "[a]\nname = Ana;M.\n");
	ok(ini_load(&b, p) == -1 && strstr(ipt_error(), "cut.ini:2:") != NULL,
	    "an unquoted value iniparser would cut is refused: %s",
	    ipt_error());
	free(p);
	/*
	 * A value that ini_write() could not store is refused on reading,
	 * with its line, so that whatever loads can be written back.
	 */
	{
		static const struct {
			const char *text, *want;
		} unwritable[] = {
			{ "[a]\nx = 1\nname = \"A\\B\"\n",
			    "bs.ini:3: [a] name: a backslash" },
			{ "[a]\nname = A\\B\n", "bs.ini:2: [a] name: a backslash" },
			{ "[a]\n  Name\t=  'C:\\x'  \n",
			    "bs.ini:2: [a] name: a backslash" },
			{ "[a]\r\nname = O'Neil \"Bob\"\r\n",
			    "bs.ini:2: [a] name: a value cannot hold both" },
		};
		char line[1030];
		size_t k;

		for (k = 0; k < sizeof(unwritable) / sizeof(unwritable[0]);
		    k++) {
			p = put("bs.ini", unwritable[k].text);
			ok(ini_load(&b, p) == -1 && strstr(ipt_error(),
			    unwritable[k].want) != NULL && b.n == 0,
			    "unwritable value %zu refused on load: %s", k,
			    ipt_error());
			free(p);
		}
		/* "k = " and 996 bytes: a line of 1000, as ini_write() allows. */
		memcpy(line, "[a]\nk = \"", 9);
		memset(line + 9, 'v', 994);
		memcpy(line + 9 + 994, "\"\n", 3);
		p = put("long.ini", line);
		ok(ini_load(&b, p) == 0, "a value as long as the writer allows");
		ini_free(&b);
		free(p);
		memset(line + 9, 'v', 995);
		memcpy(line + 9 + 995, "\"\n", 3);
		p = put("long.ini", line);
		ok(ini_load(&b, p) == -1 && strstr(ipt_error(),
		    "long.ini:2: [a] k: value too long (995 bytes; at most 994)")
		    != NULL, "a byte longer is refused on load: %s", ipt_error());
		free(p);
		p = put("bs.ini", "; C:\\dir\n[a]\nk = \"v\" # \\ here\n");
		ok(ini_load(&b, p) == 0, "a backslash in a comment is no value");
		ini_free(&b);
		free(p);
		ok(ini_load_mem(&b, "mem", "[s]\nk = \"\\\"\n", 12) == -1 &&
		    strstr(ipt_error(), "mem:2: [s] k: a backslash") != NULL,
		    "and in memory: %s", ipt_error());
	}
	ok(ini_load_mem(&b, "mem", "[s]\nk = v\n", 10) == 0 &&
	    ini_get(&b, "s", "k") != NULL && strcmp(ini_get(&b, "s", "k"),
	    "v") == 0, "load from memory");
	ini_free(&b);
	p = path_join(dir, "missing.ini");
	ok(ini_load(&b, p) == -1 && strstr(ipt_error(), "missing.ini") != NULL,
	    "missing file named");
	free(p);
}

static int
fill_text(FILE *fp, void *arg)
{
	return fputs(arg, fp) == EOF ? -1 : 0;
}

static void
test_atomic(void)
{
	struct dirlock l;
	char *p, buf[64];
	FILE *fp;

	ok(dir_lock(&l, dir) == 0, "lock the directory");
	ok(atomic_replace(dir, "f.txt", fill_text, NULL, "one\n") == 0,
	    "create a file");
	setenv("IPT_TEST_FAULT", "fsync", 1);
	ok(atomic_replace(dir, "f.txt", fill_text, NULL, "two\n") == -1,
	    "a failing fsync fails the write: %s", ipt_error());
	unsetenv("IPT_TEST_FAULT");
	p = path_join(dir, "f.txt");
	fp = fopen(p, "r");
	fgets(buf, sizeof(buf), fp);
	fclose(fp);
	is_str(buf, "one\n", "the old file is whole");
	free(p);
	p = path_join(dir, "link.txt");
	ok(symlink("f.txt", p) == 0, "make a symbolic link");
	ok(atomic_replace(dir, "link.txt", fill_text, NULL, "x") == -1 &&
	    strstr(ipt_error(), "symbolic") != NULL,
	    "a symlink is not written through: %s", ipt_error());
	free(p);
	dir_unlock(&l);
}

/* JSON strings, to a file and to a buffer: the same escapes. */
static void
test_json(void)
{
	static const char in[] = "plain \"q\" \\ tab\tnl\ncr\r\x01\x1f \xc3\xa9\x7f";
	static const char want[] = "\"plain \\\"q\\\" \\\\ tab\\tnl\\ncr\\r"
	    "\\u0001\\u001f \xc3\xa9\\u007f\"";
	struct buf b = { 0 };
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	buf_json_str(&b, in);
	is_str(b.s, want, "buf_json_str escapes as RFC 8259 asks");
	if ((fp = open_memstream(&text, &len)) == NULL)
		abort();
	json_str(fp, in);
	json_str(fp, "");
	fclose(fp);
	buf_adds(&b, "\"\"");
	is_str(text, b.s, "json_str writes the same");
	free(text);
	buf_free(&b);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 1;
	test_dates();
	test_strings();
	test_csv();
	test_ini();
	test_atomic();
	test_json();
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd) != 0)
			return 1;
	}
	return tap_done();
}
