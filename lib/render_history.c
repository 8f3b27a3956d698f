/*
 * render_history.c: ipt history, every change to a client's records,
 * oldest first, with when, by whom, by what, and each changed field's
 * value before and after (history.h).
 *
 * Text groups the entries one command made (one time, author and why)
 * under one line, and writes values as a C string would when they hold
 * anything that is not plain printable text (a newline as \n), so that
 * no record reaches the terminal raw.  JSON gives every value whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "json.h"
#include "render.h"
#include "util.h"

static const struct history *sort_h;

static int
cmp_ent(const void *a, const void *b)
{
	const struct hist_ent *x = &sort_h->e[*(const size_t *)a];
	const struct hist_ent *y = &sort_h->e[*(const size_t *)b];
	int c = strcmp(x->at, y->at);

	if (c != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* s, quoted and escaped if it is not plain printable text. */
static void
value(FILE *fp, const char *s)
{
	const unsigned char *p;
	int plain = *s != '\0' && s[0] != ' ' && s[strlen(s) - 1] != ' ';

	for (p = (const unsigned char *)s; plain && *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\')
			plain = 0;
	if (plain) {
		fputs(s, fp);
		return;
	}
	putc('"', fp);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\t')
			fputs("\\t", fp);
		else if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(fp, "\\x%02x", *p);
		else
			putc(*p, fp);
	}
	putc('"', fp);
}

/* "session 3", "phq9 of 2026-11-05": what a row is, as of entry e. */
static char *
what(const struct history *h, const struct hist_ent *e)
{
	const char *const *k = hist_key(e->file);
	const char *v;
	struct buf b = { 0 };

	if (strcmp(e->file, "client.ini") == 0)
		return xstrdup("the plan");
	for (; *k != NULL; k++) {
		if ((v = NULL, e->nf > 0))
			for (size_t i = 0; i < e->nf; i++)
				if (strcmp(e->field[i], *k) == 0)
					v = e->value[i];
		if (v == NULL)
			v = hist_before(h, e, *k);
		if (v == NULL || *v == '\0')
			continue;
		if (strcmp(e->file, "sessions.csv") == 0 ||
		    strcmp(e->file, "episodes.csv") == 0)
			buf_printf(&b, "%s %s", e->file[0] == 's' ? "session" :
			    "episode", v);
		else if (strcmp(*k, "id") == 0)
			buf_printf(&b, "%s %s", strcmp(e->file, "goals.csv") ==
			    0 ? "goal" : strcmp(e->file, "formulation.csv") ==
			    0 ? "revision" : "item", v);
		else
			buf_printf(&b, "%s%s", b.len > 0 ? " " : "", v);
	}
	return b.s != NULL ? b.s : xstrdup(e->row);
}

static int
wanted(const struct hist_ent *e, const char *file, const char *row)
{
	if (file != NULL && strcmp(e->file, file) != 0)
		return 0;
	return row == NULL || strncmp(e->row, row, strlen(row)) == 0;
}

static void
text(FILE *fp, const struct history *h, const size_t *ix, size_t n,
    const char *file, const char *row)
{
	const struct hist_ent *e, *prev = NULL;
	const char *before;
	char *w;
	size_t i, k;

	for (i = 0; i < n; i++) {
		e = &h->e[ix[i]];
		if (!wanted(e, file, row))
			continue;
		if (prev == NULL || strcmp(prev->at, e->at) != 0 ||
		    strcmp(prev->author, e->author) != 0 ||
		    strcmp(prev->why, e->why) != 0) {
			fprintf(fp, "%s%.10s %.5s  ", prev != NULL ? "\n" : "",
			    e->at, e->at + (strlen(e->at) > 11 ? 11 : 0));
			value(fp, e->author);
			if (e->why[0] != '\0') {
				fputs("  (", fp);
				fputs(e->why, fp);
				putc(')', fp);
			}
			putc('\n', fp);
		}
		prev = e;
		w = what(h, e);
		fprintf(fp, "  %s, ", e->file);
		value(fp, w);
		free(w);
		fprintf(fp, ": %s%s", strcmp(e->op, "add") == 0 ?
		    "added" : strcmp(e->op, "rm") == 0 ? "removed" : "changed",
		    e->npar > 1 ? " (a decision between two clones)" : "");
		if (strcmp(e->row, HIST_INI_ROW) != 0)
			fprintf(fp, " [%.8s]", e->row);
		putc('\n', fp);
		for (k = 0; k < e->nf; k++) {
			fputs("    ", fp);
			fputs(e->field[k], fp);
			fputs(": ", fp);
			before = strcmp(e->op, "add") == 0 ? NULL :
			    hist_before(h, e, e->field[k]);
			if (before != NULL) {
				value(fp, before);
				fputs(" -> ", fp);
			}
			value(fp, e->value[k]);
			putc('\n', fp);
		}
	}
}

static void
json(FILE *fp, const struct history *h, const size_t *ix, size_t n,
    const char *file, const char *row)
{
	struct json_w w;
	const struct hist_ent *e;
	const char *before;
	size_t i, k;

	jw_file(&w, fp);
	jw_arr(&w);
	for (i = 0; i < n; i++) {
		e = &h->e[ix[i]];
		if (!wanted(e, file, row))
			continue;
		jw_gap(&w, "\n ");
		jw_obj(&w);
		jw_kstr(&w, "at", e->at);
		jw_kstr(&w, "author", e->author);
		jw_kstr(&w, "why", e->why);
		jw_kstr(&w, "file", e->file);
		jw_kstr(&w, "row", e->row);
		jw_kstr(&w, "entry", e->id);
		jw_kstr(&w, "op", e->op);
		jw_key(&w, "parents");
		jw_arr(&w);
		for (k = 0; k < e->npar; k++)
			jw_str(&w, e->parent[k]);
		jw_end(&w);
		jw_key(&w, "changes");
		jw_arr(&w);
		for (k = 0; k < e->nf; k++) {
			jw_obj(&w);
			jw_kstr(&w, "field", e->field[k]);
			jw_key(&w, "before");
			before = strcmp(e->op, "add") == 0 ? NULL :
			    hist_before(h, e, e->field[k]);
			if (before != NULL)
				jw_str(&w, before);
			else
				jw_null(&w);
			jw_kstr(&w, "after", e->value[k]);
			jw_end(&w);
		}
		jw_end(&w);
		jw_end(&w);
	}
	jw_gap(&w, "\n");
	jw_end(&w);
	jw_out(&w, "\n");
}

int
render_history(FILE *fp, const char *dir, const char *file, const char *row,
    enum ipt_format f)
{
	struct history h;
	size_t i, *ix;

	if (hist_load(&h, dir) == -1) {
		hist_free(&h);
		return -1;
	}
	ix = xreallocarray(NULL, h.n + 1, sizeof(*ix));
	for (i = 0; i < h.n; i++)
		ix[i] = i;
	sort_h = &h;
	qsort(ix, h.n, sizeof(*ix), cmp_ent);
	if (f == FMT_JSON)
		json(fp, &h, ix, h.n, file, row);
	else if (!h.exists)
		fprintf(fp, "no history yet: %s/%s is made by the first change "
		    "ipt makes to these records\n", dir, HIST_FILE);
	else
		text(fp, &h, ix, h.n, file, row);
	free(ix);
	hist_free(&h);
	return 0;
}
