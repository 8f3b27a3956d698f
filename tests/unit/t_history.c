/*
 * t_history.c: the two forms of history.csv's lines (lib/history.c).
 *
 * An add is written as one compact line (field "*") and other entries as
 * a line per field, as every entry was before; a file may hold both, for
 * a clone that writes the old form may append to it and a union merge
 * interleaves the lines of the two.  What is read back is what was
 * written; a file mixing the forms, in any order of its lines, folds to
 * what the same entries written the old way fold to; a compact line that
 * is not one is an error naming the file and line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history.h"
#include "tap.h"
#include "util.h"

static void
put(const char *text)
{
	FILE *fp = fopen(HIST_FILE, "w");

	if (fp == NULL || fputs(text, fp) == EOF || fclose(fp) == EOF)
		exit(1);
}

/* A new entry; fields as "name", "value", ..., NULL. */
static struct hist_ent
ent(const char *id, const char *par, const char *row, const char *at,
    const char *op, const char **fv)
{
	static char *parents[1];
	struct hist_ent e;
	size_t n = 0;

	memset(&e, 0, sizeof(e));
	e.id = (char *)id;
	e.row = (char *)row;
	e.at = (char *)at;
	e.author = (char *)"ann, \"a\"";
	e.file = (char *)"timeline.csv";
	e.op = (char *)op;
	e.why = (char *)"ipt test";
	if (par != NULL) {
		parents[0] = (char *)par;
		e.parent = parents;
		e.npar = 1;
	}
	while (fv != NULL && fv[2 * n] != NULL)
		n++;
	e.field = xcalloc(n + 1, sizeof(char *));
	e.value = xcalloc(n + 1, sizeof(char *));
	for (e.nf = 0; e.nf < n; e.nf++) {
		e.field[e.nf] = (char *)fv[2 * e.nf];
		e.value[e.nf] = (char *)fv[2 * e.nf + 1];
	}
	return e;
}

static void
ent_done(struct hist_ent *e)
{
	free(e->field);
	free(e->value);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The folded state of a file, as one text to compare: its rows sorted,
 * each with its fields sorted (their order follows the lines').
 */
static char *
state(const char *file)
{
	struct history h;
	struct hist_fold fo;
	struct buf b = { 0 }, r = { 0 };
	char **row, **fv;
	size_t i, k;

	if (hist_load(&h, ".") == -1)
		return xasprintf("error: %s", ipt_error());
	hist_fold(&h, file, &fo);
	row = xcalloc(fo.n + 1, sizeof(char *));
	for (i = 0; i < fo.n; i++) {
		fv = xcalloc(fo.r[i].nf + 1, sizeof(char *));
		for (k = 0; k < fo.r[i].nf; k++)
			fv[k] = xasprintf("%s=%s", fo.r[i].field[k],
			    fo.r[i].value[k]);
		qsort(fv, fo.r[i].nf, sizeof(char *), cmp_str);
		buf_reset(&r);
		buf_printf(&r, "%s live=%d conflict=%d [%s]", fo.r[i].id,
		    fo.r[i].live, fo.r[i].conflict, fo.r[i].conflicts != NULL ?
		    fo.r[i].conflicts : "");
		for (k = 0; k < fo.r[i].nf; k++) {
			buf_printf(&r, " %s", fv[k]);
			free(fv[k]);
		}
		free(fv);
		row[i] = xstrdup(r.s);
	}
	qsort(row, fo.n, sizeof(char *), cmp_str);
	for (i = 0; i < fo.n; i++) {
		buf_printf(&b, "%s\n", row[i]);
		free(row[i]);
	}
	free(row);
	buf_free(&r);
	hist_fold_free(&fo);
	hist_free(&h);
	return b.s != NULL ? b.s : xstrdup("");
}

static const char *row_fv[] = {
	"date", "2026-01-05",
	"kind", "other",
	"event", "a;b=c, \"d\" \\e\nf\rg",
	"mood", "",
	"extra", "ends with \\",
	HIST_NOTE, "a note\nof two lines; with a \\",
	NULL
};

static void
test_round_trip(void)
{
	const char *edit_fv[] = { "mood", "4", "kind", "loss", NULL };
	struct hist_ent e[3];
	struct history h;
	struct buf b = { 0 };
	size_t i, k, lines = 0;
	int same = 1;

	e[0] = ent("00000000000000a1", NULL, "00000000000000a1",
	    "2026-01-05T10:00:00Z", "add", row_fv);
	e[1] = ent("00000000000000e1", "00000000000000a1", "00000000000000a1",
	    "2026-01-06T10:00:00Z", "edit", edit_fv);
	e[2] = ent("00000000000000d1", "00000000000000e1", "00000000000000a1",
	    "2026-01-07T10:00:00Z", "rm", NULL);
	for (i = 0; i < 3; i++)
		lines += hist_write_entry(&b, &e[i]);
	is_int(lines, 5, "an add is one compact line and one for its note, "
	    "an edit a line per field, a removal one line");
	ok(strstr(b.s, ",*,\"date=2026-01-05;kind=other;"
	    "event=a\\;b=c, \"\"d\"\" \\\\e\\nf\\rg;mood=;"
	    "extra=ends with \\\\\"\n") != NULL,
	    "the compact line holds name=value pairs, escaped");
	put(b.s);
	if (hist_load(&h, ".") == -1) {
		ok(0, "read back: %s", ipt_error());
		return;
	}
	is_int(h.n, 3, "three entries read back");
	is_int(h.lines, 5, "of five lines");
	for (i = 0; i < h.n; i++) {
		const struct hist_ent *w = NULL;

		for (k = 0; k < 3; k++)
			if (strcmp(e[k].id, h.e[i].id) == 0)
				w = &e[k];
		if (w == NULL || w->nf != h.e[i].nf || strcmp(w->author,
		    h.e[i].author) != 0) {
			same = 0;
			continue;
		}
		for (k = 0; k < w->nf; k++)
			same &= strcmp(w->field[k], h.e[i].field[k]) == 0 &&
			    strcmp(w->value[k], h.e[i].value[k]) == 0;
	}
	ok(same, "every field and value read back as written");
	hist_free(&h);
	buf_free(&b);
	for (i = 0; i < 3; i++)
		ent_done(&e[i]);
}

/* A line of the old form (one per field), as ipt wrote before. */
static void
old_line(struct buf *b, const char *id, const char *par, const char *row,
    const char *at, const char *op, const char *f, const char *v)
{
	buf_printf(b, "%s,%s,%s,%s,x,timeline.csv,%s,old ipt,%s,\"", id,
	    par, row, at, op, f);
	for (; *v != '\0'; v++)
		if (*v == '"')
			buf_adds(b, "\"\"");
		else if (*v == '\\' || *v == '\n' || *v == '\r')
			buf_printf(b, "\\%c", *v == '\n' ? 'n' : *v == '\r' ?
			    'r' : '\\');
		else
			buf_addc(b, *v);
	buf_adds(b, "\"\n");
}

/* The lines of text (after the header) in the order of perm. */
static char *
reorder(const char *text, unsigned seed)
{
	char *copy = xstrdup(text), *p, *line[64];
	size_t n = 0, i, j;
	struct buf b = { 0 };
	char *tmp;

	p = strchr(copy, '\n') + 1;
	buf_add(&b, copy, (size_t)(p - copy));
	for (; *p != '\0' && n < 64; p = strchr(p, '\n') + 1)
		line[n++] = p;
	for (i = 0; i < n; i++)
		*strchr(line[i], '\n') = '\0';
	for (i = n; i > 1; i--) {
		seed = seed * 1103515245 + 12345;
		j = (seed >> 16) % i;
		tmp = line[i - 1];
		line[i - 1] = line[j];
		line[j] = tmp;
	}
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s\n", line[i]);
	free(copy);
	return b.s;
}

/*
 * Two clones upgrade the same records (the same entry, ids made from the
 * rows): a new ipt writes it compact, an old one a line per field.  Each
 * then changes the row; a union merge joins the two files.
 */
static void
test_mixed(void)
{
	const char *add_fv[] = { "date", "2026-01-05", "kind", "other",
	    "event", "x;y\\z", "mood", "3", NULL };
	const char *a_fv[] = { "mood", "5", NULL };
	const char *two_fv[] = { "date", "2026-02-01", "kind", "loss",
	    "event", "moved, \"far\"", NULL };
	struct hist_ent add, edit, add2;
	struct buf a = { 0 }, old = { 0 }, merged = { 0 }, b = { 0 };
	char *want, *got, *mix;
	unsigned s;
	int all = 1;

	add = ent("00000000000000a1", NULL, "00000000000000a1",
	    "2026-01-05T10:00:00Z", "add", add_fv);
	edit = ent("00000000000000e1", "00000000000000a1", "00000000000000a1",
	    "2026-01-06T10:00:00Z", "edit", a_fv);
	add2 = ent("00000000000000a2", NULL, "00000000000000a2",
	    "2026-01-06T11:00:00Z", "add", two_fv);
	/* Clone A, a new ipt: the upgrade, an edit, an add. */
	hist_write_entry(&a, &add);
	hist_write_entry(&a, &edit);
	hist_write_entry(&a, &add2);
	/* Clone B, an old ipt: the upgrade and an edit of its own. */
	buf_adds(&b, hist_header);
	old_line(&b, "00000000000000a1", "", "00000000000000a1",
	    "2026-01-05T10:00:00Z", "add", "date", "2026-01-05");
	old_line(&b, "00000000000000a1", "", "00000000000000a1",
	    "2026-01-05T10:00:00Z", "add", "kind", "other");
	old_line(&b, "00000000000000a1", "", "00000000000000a1",
	    "2026-01-05T10:00:00Z", "add", "event", "x;y\\z");
	old_line(&b, "00000000000000a1", "", "00000000000000a1",
	    "2026-01-05T10:00:00Z", "add", "mood", "3");
	old_line(&b, "00000000000000b1", "00000000000000a1",
	    "00000000000000a1", "2026-01-06T12:00:00Z", "edit", "event",
	    "x, changed");
	/* What both, all in the old form, fold to. */
	buf_adds(&old, b.s);
	old_line(&old, "00000000000000e1", "00000000000000a1",
	    "00000000000000a1", "2026-01-06T10:00:00Z", "edit", "mood", "5");
	old_line(&old, "00000000000000a2", "", "00000000000000a2",
	    "2026-01-06T11:00:00Z", "add", "date", "2026-02-01");
	old_line(&old, "00000000000000a2", "", "00000000000000a2",
	    "2026-01-06T11:00:00Z", "add", "kind", "loss");
	old_line(&old, "00000000000000a2", "", "00000000000000a2",
	    "2026-01-06T11:00:00Z", "add", "event", "moved, \"far\"");
	put(old.s);
	want = state("timeline.csv");
	is_str(want, "00000000000000a1 live=1 conflict=0 [] date=2026-01-05 "
	    "event=x, changed kind=other mood=5\n"
	    "00000000000000a2 live=1 conflict=0 [] date=2026-02-01 "
	    "event=moved, \"far\" kind=loss\n",
	    "the old form folds to both clones' changes");
	/* git's union merge: A's lines of the hunk, then B's. */
	buf_adds(&merged, a.s);
	buf_adds(&merged, strchr(b.s, '\n') + 1);
	put(merged.s);
	got = state("timeline.csv");
	is_str(got, want, "both forms in one file, merged: the same fold");
	free(got);
	for (s = 1; s <= 20; s++) {
		mix = reorder(merged.s, s);
		put(mix);
		got = state("timeline.csv");
		if (strcmp(got, want) != 0) {
			all = 0;
			printf("# order %u:\n%s# got:\n%s", s, mix, got);
		}
		free(got);
		free(mix);
	}
	ok(all, "and in 20 other orders of its lines");
	free(want);
	buf_free(&a);
	buf_free(&b);
	buf_free(&old);
	buf_free(&merged);
	ent_done(&add);
	ent_done(&edit);
	ent_done(&add2);
}

static void
test_corrupt(void)
{
	static const struct {
		const char *value, *why;
	} bad[] = {
		{ "date", "a field is not name=value" },
		{ "=2026-01-05", "a field is not name=value" },
		{ "date=2026-01-05;;kind=other", "a field is not name=value" },
		{ "date=2026-01-05;", "it ends with ;" },
		{ "date=a\\tb", "a backslash not followed" },
		{ "date=a\\", "a backslash not followed" },
		{ "", "without fields" },
	};
	struct buf b = { 0 };
	struct history h;
	size_t i;
	char *want;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&b);
		buf_adds(&b, hist_header);
		buf_adds(&b, "00000000000000a0,,00000000000000a0,2026-01-05T10:"
		    "00:00Z,x,timeline.csv,add,,date,2026-01-04\n");
		buf_printf(&b, "00000000000000a1,,00000000000000a1,2026-01-05T10:"
		    "00:00Z,x,timeline.csv,add,,*,\"%s\"\n", bad[i].value);
		put(b.s);
		want = xasprintf("./%s:3: value: ", HIST_FILE);
		ok(hist_load(&h, ".") == -1 && strncmp(ipt_error(), want,
		    strlen(want)) == 0 && strstr(ipt_error(), bad[i].why) !=
		    NULL, "a compact line '%s': refused, naming file and line",
		    bad[i].value);
		if (strncmp(ipt_error(), want, strlen(want)) != 0)
			printf("#   got '%s'\n", ipt_error());
		free(want);
	}
	buf_free(&b);
}

int
main(void)
{
	char tmpl[] = "/tmp/t_history.XXXXXX", *cmd;

	if (mkdtemp(tmpl) == NULL || chdir(tmpl) == -1)
		return 1;
	test_round_trip();
	test_mixed();
	test_corrupt();
	if (chdir("/tmp") == -1)
		return 1;
	cmd = xasprintf("rm -rf '%s'", tmpl);
	if (system(cmd) != 0)
		return 1;
	free(cmd);
	return tap_done();
}
