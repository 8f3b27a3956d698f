/*
 * t_defs.c: one INI reader for every definition, built-in or a practice's.
 *
 * The built-in definitions are read at build time by ini_load()
 * (lib/defs/defsgen.c) and compiled in as read: each must be exactly what
 * ini_load() reads from its file under lib/defs, and check the same as
 * that file given by a practice.  A bad INI line is refused with
 * "FILE:LINE: ..." whether the definition comes as a file (ini_load) or
 * as text (ini_load_mem), with the same words; a bad value gets the same
 * "FILE: [section] key: ..." whether the definition was compiled in or
 * read from a file.  Run from the top of the source tree.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "defs.h"
#include "ini.h"
#include "instrument.h"
#include "tap.h"
#include "util.h"
#include "variant.h"

static char	tmp[] = "/tmp/t_defs.XXXXXX";

static char *
put(const char *name, const char *text)
{
	char *path = path_join(tmp, name);
	FILE *fp = fopen(path, "w");

	if (fp != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
	return path;
}

/* The file each built-in was compiled from reads the same with ini_load. */
static void
test_compiled_as_read(void)
{
	struct ini a;
	char *path;
	size_t i;

	ok(builtin_ndefs >= 19, "built-in definitions: %zu", builtin_ndefs);
	for (i = 0; i < builtin_ndefs; i++) {
		const struct builtin_def *b = &builtin_defs[i];

		path = xasprintf("lib/defs/%s/%s.ini", b->kind, b->name);
		if (!ok(ini_load(&a, path) == 0, "%s loads: %s", path,
		    ipt_error())) {
			free(path);
			continue;
		}
		ok(ini_equal(&a, &b->ini) == 0 && b->ini.n > 0,
		    "built-in %s/%s is what ini_load() reads from %s", b->kind,
		    b->name, path);
		ini_free(&a);
		free(path);
	}
}

/* Describe an instrument: what instr_from_ini() made of it. */
static char *
describe(const struct instrument *in)
{
	struct buf b = { 0 };
	char lo[32], hi[32];

	instr_fmt(in, in->tmin, lo, sizeof(lo));
	instr_fmt(in, in->tmax, hi, sizeof(hi));
	buf_printf(&b, "%s|%s|%s|%zu|%s|%s-%s|%d|%ld|%ld|%s|%s|", in->title,
	    in->rater, instr_method_name(in->method), in->nitems,
	    in->period != NULL ? in->period : "", lo, hi, in->higher_better,
	    in->response_pct, in->reliable, in->loinc != NULL ? in->loinc : "",
	    in->source);
	instr_describe_ranges(in, &b);
	buf_adds(&b, "|");
	instr_describe_bands(in, &b);
	buf_adds(&b, "|");
	instr_describe_risk(in, &b);
	return b.s;
}

/* A built-in instrument and the same file loaded from disk agree. */
static void
test_same_instruments(void)
{
	struct instrument *a, *b;
	char *path, *da, *db;
	size_t i;

	for (i = 0; i < builtin_ndefs; i++) {
		const struct builtin_def *d = &builtin_defs[i];

		if (strcmp(d->kind, "instruments") != 0)
			continue;
		path = xasprintf("lib/defs/instruments/%s.ini", d->name);
		a = instr_from_ini(d->name, "built-in", &d->ini);
		b = instr_load_file(d->name, path);
		if (ok(a != NULL && b != NULL, "%s: built-in and file load",
		    d->name)) {
			da = describe(a);
			db = describe(b);
			is_str(da, db, "%s: built-in and file are the same "
			    "instrument", d->name);
			free(da);
			free(db);
		}
		instr_free(a);
		instr_free(b);
		free(path);
	}
}

/* Copy lib/defs/variants/NAME.ini into ROOT/variants. */
static int
copy_variant(const char *root, const char *name)
{
	char *from = xasprintf("lib/defs/variants/%s.ini", name);
	char *to = xasprintf("%s/variants/%s.ini", root, name);
	FILE *in = fopen(from, "r"), *out = fopen(to, "w");
	int c, rc = in != NULL && out != NULL ? 0 : -1;

	while (rc == 0 && (c = getc(in)) != EOF)
		putc(c, out);
	if (in != NULL)
		fclose(in);
	if (out != NULL && fclose(out) == EOF)
		rc = -1;
	free(from);
	free(to);
	return rc;
}

/* A built-in variant and the same file given by a practice agree. */
static void
test_same_variants(void)
{
	const struct variant *a, *b;
	char *root = path_join(tmp, "vroot"), *dir;
	size_t i, k;
	long n;
	int same;

	mkdir(root, 0700);
	dir = path_join(root, "variants");
	mkdir(dir, 0700);
	free(dir);
	for (i = 0; i < builtin_ndefs; i++) {
		const struct builtin_def *d = &builtin_defs[i];

		if (strcmp(d->kind, "variants") != 0)
			continue;
		if (!ok(copy_variant(root, d->name) == 0 &&
		    variant_get(NULL, d->name, &a) == 0 &&
		    variant_get(root, d->name, &b) == 0, "%s: built-in and "
		    "practice copy load: %s", d->name, ipt_error()))
			continue;
		same = strcmp(a->title, b->title) == 0 &&
		    a->sessions == b->sessions && a->frequency == b->frequency &&
		    a->nphases == b->nphases &&
		    a->ninstruments == b->ninstruments &&
		    strcmp(a->default_kind, b->default_kind) == 0 &&
		    a->focus_by == b->focus_by &&
		    a->termination_notice == b->termination_notice &&
		    strcmp(a->file, b->file) != 0;
		for (k = 0; same && k < a->ninstruments; k++)
			same = strcmp(a->instruments[k].text,
			    b->instruments[k].text) == 0;
		for (n = 1; same && n <= a->sessions + 2; n++)
			same = strcmp(variant_phase(a, 0, n, NULL),
			    variant_phase(b, 0, n, NULL)) == 0;
		ok(same, "%s: built-in and practice copy are the same variant",
		    d->name);
	}
	variant_free_all();
	free(root);
}

/*
 * Bad lines: the message names the file and the line, and is the same
 * for a file (ini_load) and a text (ini_load_mem).
 */
static void
test_bad_lines(void)
{
	static const struct {
		const char	*text;
		const char	*want;	/* after "NAME:" */
	} bad[] = {
		{ "[instrument]\ntitle = a;b\n", "2: [instrument] title: "
		    "iniparser would cut the value at ';' (quote the value)" },
		{ "; c\n[instrument]\nitems = 9\nitems = 8\n",
		    "4: [instrument] items: key given twice" },
		{ "items = 9\n", "1: key outside any [section]" },
		{ "[instrument]\ntitle = x \\\nitems = 9\n", "2: ends with a "
		    "backslash, which would join the next line to it" },
		{ "[instrument]\ntitle\n", "2: expected 'key = value'" },
		{ "[instrument] ; c\n", "1: text after the ']' of a section "
		    "name" },
		{ "[instrument]\ntitle = \"open\n", "2: [instrument] title: the "
		    "quoted value has no closing quote" },
		{ "\xef\xbb\xbf[instrument]\ntitle = a;b\n", "2: [instrument] "
		    "title: iniparser would cut the value at ';' (quote the "
		    "value)" },
		{ "[instrument]\ntitle = \"a\\b\"\n", "2: [instrument] title: "
		    "a backslash cannot be stored in an INI value" },
	};
	struct instrument *in;
	struct ini a;
	char *path, *want, *msg;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		path = put("bad.ini", bad[i].text);
		want = xasprintf("%s:%s", path, bad[i].want);
		ok(ini_load(&a, path) == -1, "bad line %zu refused by "
		    "ini_load", i + 1);
		is_str(ipt_error(), want, "bad line %zu: file:line message",
		    i + 1);
		in = instr_load_file("bad", path);
		ok(in == NULL && strcmp(ipt_error(), want) == 0,
		    "bad line %zu: the same from instr_load_file", i + 1);
		instr_free(in);
		free(want);
		want = xasprintf("mem.ini:%s", bad[i].want);
		ok(ini_load_mem(&a, "mem.ini", bad[i].text,
		    strlen(bad[i].text)) == -1, "bad line %zu refused by "
		    "ini_load_mem", i + 1);
		msg = xstrdup(ipt_error());
		is_str(msg, want, "bad line %zu: the same message for text",
		    i + 1);
		in = instr_parse("bad", "mem.ini", bad[i].text,
		    strlen(bad[i].text));
		ok(in == NULL && strcmp(ipt_error(), msg) == 0,
		    "bad line %zu: the same from instr_parse", i + 1);
		instr_free(in);
		free(msg);
		free(want);
		unlink(path);
		free(path);
	}
}

/*
 * A bad value is refused by instr_from_ini() with the same words whether
 * the definition was compiled in or read from a file.
 */
static void
test_same_checks(void)
{
	static const struct {
		const char	*sec, *key, *val;
		const char	*want;	/* after "NAME: " */
	} bad[] = {
		{ "instrument", "items", "0", "[instrument] items: must be "
		    "the number of items, from 1 to 200" },
		{ "instrument", "direction", "up", "[instrument] direction: "
		    "'up' is not lower or higher" },
		{ "bands", "minimal", "1-4", "[bands] minimal: the first band "
		    "must start at the lowest total, 0" },
		{ "instrument", "colour", "red", "[instrument] colour: "
		    "unknown key (known: title, items, range, total, decimals, "
		    "scored, reverse, na, risk, direction, response, "
		    "remission, reliable_change, rci_sd, rci_reliability, "
		    "loinc, rater, period, source, licence, optional, "
		    "missing, missing_max)" },
	};
	const struct builtin_def *d = NULL;
	struct instrument *a, *b;
	struct ini copy;
	FILE *fp;
	char *path, *want;
	size_t i, k;

	for (i = 0; i < builtin_ndefs; i++)
		if (strcmp(builtin_defs[i].name, "phq9") == 0)
			d = &builtin_defs[i];
	if (!ok(d != NULL, "phq9 is built in"))
		return;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* The compiled-in phq9, one value changed... */
		memset(&copy, 0, sizeof(copy));
		for (k = 0; k < d->ini.n; k++) {
			const struct ini_sec *s = &d->ini.sec[k];
			size_t j;

			for (j = 0; j < s->n; j++)
				ini_set(&copy, s->name, s->kv[j].key,
				    s->kv[j].val);
		}
		ok(ini_set(&copy, bad[i].sec, bad[i].key, bad[i].val) == 0 &&
		    ini_equal(&copy, &d->ini) != 0, "check %zu: changed", i + 1);
		a = instr_from_ini("phq9", "phq9.ini", &copy);
		want = xasprintf("phq9.ini: %s", bad[i].want);
		ok(a == NULL, "check %zu: refused", i + 1);
		is_str(ipt_error(), want, "check %zu: message", i + 1);
		free(want);
		/* ... and the same, written to a file and read from it. */
		path = path_join(tmp, "phq9.ini");
		if ((fp = fopen(path, "w")) != NULL) {
			ini_write(&copy, fp);
			fclose(fp);
		}
		b = instr_load_file("phq9", path);
		want = xasprintf("%s: %s", path, bad[i].want);
		ok(b == NULL && strcmp(ipt_error(), want) == 0,
		    "check %zu: the same refusal from the file: %s", i + 1,
		    ipt_error());
		instr_free(a);
		instr_free(b);
		unlink(path);
		free(path);
		free(want);
		ini_free(&copy);
	}
}

/* Remove what the tests left in tmp. */
static void
cleanup(void)
{
	char *p;
	size_t i;

	for (i = 0; i < builtin_ndefs; i++)
		if (strcmp(builtin_defs[i].kind, "variants") == 0) {
			p = xasprintf("%s/vroot/variants/%s.ini", tmp,
			    builtin_defs[i].name);
			unlink(p);
			free(p);
		}
	p = xasprintf("%s/vroot/variants", tmp);
	rmdir(p);
	free(p);
	p = xasprintf("%s/vroot", tmp);
	rmdir(p);
	free(p);
	rmdir(tmp);
}

int
main(void)
{
	if (mkdtemp(tmp) == NULL) {
		ok(0, "mkdtemp");
		return tap_done();
	}
	test_compiled_as_read();
	test_same_instruments();
	test_same_variants();
	test_bad_lines();
	test_same_checks();
	cleanup();
	return tap_done();
}
