/*
 * t_csvsize.c: csv_table_size() (lib/csvt.c) counts exactly the bytes
 * csv_write_table() writes, for every kind of field the writer quotes;
 * ini_size() the bytes ini_write() writes; and rec_check() refuses a
 * table over the record file limit before anything is written, as
 * ini_fits() refuses a client.ini over the INI limit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "ini.h"
#include "record.h"
#include "tap.h"
#include "util.h"

/* The bytes csv_write_table() writes, through a memory stream. */
static size_t
written(const struct csv_table *t)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);

	if (fp == NULL || csv_write_table(t, fp) == -1) {
		if (fp != NULL)
			fclose(fp);
		free(s);
		return (size_t)-1;
	}
	fclose(fp);
	free(s);
	return n;
}

static size_t
ini_written(const struct ini *ini)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);

	if (fp == NULL || ini_write(ini, fp) == -1) {
		if (fp != NULL)
			fclose(fp);
		free(s);
		return (size_t)-1;
	}
	fclose(fp);
	free(s);
	return n;
}

static const char *const fields[] = {
	"", "plain", "a,b", "say \"hi\"", "\"", "\"\"", "two\nlines",
	"cr\r", " lead", "trail ", "\ttab", "tab\t", "café", "a, \"b\"\n c",
};
#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

static void
test_csv(void)
{
	const char *one[1] = { "only" }, *two[2] = { "x", "y" };
	struct csv_table t;
	size_t i, j, r;

	csv_init_table(&t, "t.csv", two, 2);
	is_int(csv_table_size(&t), written(&t), "a header alone");
	for (i = 0; i < NFIELDS; i++)
		for (j = 0; j < NFIELDS; j++) {
			r = csv_append(&t);
			csv_set(&t, r, "x", fields[i]);
			csv_set(&t, r, "y", fields[j]);
		}
	is_int(csv_table_size(&t), written(&t),
	    "every pair of %zu kinds of field", NFIELDS);
	csv_free_table(&t);
	/* One column: an empty field is written as "" (a line of its own). */
	csv_init_table(&t, "t.csv", one, 1);
	for (i = 0; i < NFIELDS; i++) {
		r = csv_append(&t);
		csv_set(&t, r, "only", fields[i]);
		ok(csv_table_size(&t) == written(&t), "one column, %zu rows "
		    "(last field %zu)", i + 1, i);
	}
	csv_free_table(&t);
}

static void
test_limit(void)
{
	struct csv_table t;
	char *big = xmalloc(1000001);
	size_t r, size;
	int i;

	memset(big, 'x', 1000000);
	big[1000000] = '\0';
	if (rec_load("/nonexistent", REC_TIMELINE, &t) == -1) {
		ok(0, "an empty timeline: %s", ipt_error());
		free(big);
		return;
	}
	for (i = 0; i < 16; i++) {
		r = csv_append(&t);
		csv_set(&t, r, "date", "2026-11-02");
		csv_set(&t, r, "kind", "other");
		csv_set(&t, r, "event", big);
	}
	size = csv_table_size(&t);
	ok(size <= CSV_MAXFILE && rec_check(REC_TIMELINE, &t) == 0,
	    "%zu bytes: under the limit, accepted (%s)", size,
	    size <= CSV_MAXFILE ? "" : ipt_error());
	r = csv_append(&t);
	csv_set(&t, r, "date", "2026-11-03");
	csv_set(&t, r, "kind", "other");
	csv_set(&t, r, "event", big);
	size = csv_table_size(&t);
	ok(size > CSV_MAXFILE && rec_check(REC_TIMELINE, &t) == -1,
	    "%zu bytes: over the limit, refused", size);
	ok(strstr(ipt_error(), "more than the 16 MiB") != NULL &&
	    strstr(ipt_error(), "nothing changed") != NULL,
	    "saying why: %s", ipt_error());
	csv_free_table(&t);
	free(big);
}

static void
test_ini(void)
{
	struct ini ini = { 0 };
	char key[16], *val = xmalloc(901);
	int i;

	ini_set(&ini, "client", "id", "ana");
	ini_set(&ini, "client", "name", "O'Neil");
	ini_set(&ini, "client", "quoted", "say \"hi\"");
	ini_set(&ini, "focus", "primary", "");
	is_int(ini_size(&ini), ini_written(&ini), "ini_size of a small file");
	ok(ini_fits(&ini, "client.ini") == 0, "which fits");
	memset(val, 'v', 900);
	val[900] = '\0';
	for (i = 0; ini_size(&ini) <= 256 * 1024; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		ini_set(&ini, "extra", key, val);
	}
	is_int(ini_size(&ini), ini_written(&ini), "ini_size of a large file");
	ok(ini_fits(&ini, "client.ini") == -1 &&
	    strstr(ipt_error(), "client.ini: would be") != NULL,
	    "over 256 KiB: refused (%s)", ipt_error());
	ini_free(&ini);
	free(val);
}

int
main(void)
{
	test_csv();
	test_limit();
	test_ini();
	return tap_done();
}
