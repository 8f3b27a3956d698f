/*
 * render_export.c: the renderer of `ipt export': the tables export.c
 * gathered, each client's rows already in their final form, printed as
 * CSV or JSON to standard output or to one file a table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "export.h"
#include "json.h"
#include "util.h"

/* One table: a CSV header and rows, or a JSON array. */
static int
print_table(struct export *e, FILE *fp, struct json_w *w, int t)
{
	struct buf head = { 0 };
	const char *rows;
	size_t len;
	int rc;

	if (e->f == FMT_CSV) {
		export_header(e, t, &head);
		fwrite(head.s, 1, head.len, fp);
		buf_free(&head);
	} else
		jw_arr(w);
	if (export_rewind(e) == -1)
		return -1;
	while ((rc = export_next(e, t, &rows, &len)) == 1)
		if (e->f == FMT_CSV)
			fwrite(rows, 1, len, fp);
		else {
			/* A part whose rows begin with their own gap. */
			jw_gap(w, "");
			jw_raw(w, rows, len);
		}
	if (rc == -1)
		return -1;
	if (e->f == FMT_JSON) {
		jw_gap(w, "\n");
		jw_end(w);
		jw_out(w, e->indent);
	}
	return 0;
}

int
export_print(struct export *e, FILE *fp)
{
	struct json_w w;
	int t, one = -1, n = 0;

	jw_file(&w, fp);
	for (t = 0; t < EXP_NTABLES; t++)
		if (e->tables & (1u << t)) {
			one = t;
			n++;
		}
	if (n == 1) {
		if (print_table(e, fp, &w, one) == -1)
			return -1;
		if (e->f == FMT_JSON)
			jw_out(&w, "\n");
	} else {
		jw_obj(&w);
		jw_key(&w, "schema");
		jw_num(&w, 1);
		jw_key(&w, "deidentified");
		jw_bool(&w, e->deidentify);
		for (t = 0; t < EXP_NTABLES; t++) {
			if (!(e->tables & (1u << t)))
				continue;
			jw_gap(&w, "\n");
			jw_key(&w, export_tables[t]);
			if (print_table(e, fp, &w, t) == -1)
				return -1;
		}
		jw_end(&w);
		jw_out(&w, "\n");
	}
	return ferror(fp) ? ipt_seterrno("standard output") : 0;
}

struct fill_arg {
	struct export	*e;
	int		 t;
};

static int
fill_table(FILE *fp, void *arg)
{
	struct fill_arg *a = arg;
	struct json_w w;

	jw_file(&w, fp);
	if (print_table(a->e, fp, &w, a->t) == -1)
		return -1;
	if (a->e->f == FMT_JSON)
		jw_out(&w, "\n");
	return 0;
}

int
export_write_dir(struct export *e, const char *dir)
{
	struct fill_arg a;
	char *name;
	int t, rc;

	for (t = 0; t < EXP_NTABLES; t++) {
		if (!(e->tables & (1u << t)))
			continue;
		a.e = e;
		a.t = t;
		name = xasprintf("%s.%s", export_tables[t],
		    e->f == FMT_JSON ? "json" : "csv");
		rc = atomic_replace(dir, name, fill_table, NULL, &a);
		free(name);
		if (rc == -1)
			return -1;
	}
	return 0;
}
