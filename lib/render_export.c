/*
 * render_export.c: the renderer of `ipt export': the tables export.c
 * gathered, each client's rows already in their final form, printed as
 * CSV or JSON to standard output or to one file a table, with a codebook
 * and a manifest beside them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "date.h"
#include "export.h"
#include "json.h"
#include "sha256.h"
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
		jw_num(&w, EXP_SCHEMA);
		jw_key(&w, "deidentified");
		jw_bool(&w, e->deidentify);
		jw_kstr(&w, "deidentification",
		    export_deid_names[e->deidentify]);
		jw_kstr(&w, "dates", export_dates_names[e->dates]);
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

/* A file written: its name, table (-1: none), rows and SHA-256. */
struct written {
	char		*name;
	int		 t;
	size_t		 rows;
	char		 sha[2 * SHA256_LEN + 1];
};

static int
hash_file(const char *dir, struct written *f)
{
	unsigned char md[SHA256_LEN], chunk[8192];
	struct sha256 ctx;
	char *path = path_join(dir, f->name);
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		ipt_seterrno("%s", path);
		free(path);
		return -1;
	}
	sha256_init(&ctx);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			ipt_seterrno("%s", path);
			close(fd);
			free(path);
			return -1;
		}
		sha256_update(&ctx, chunk, (size_t)n);
	}
	close(fd);
	free(path);
	sha256_final(&ctx, md);
	hex_encode(md, SHA256_LEN, f->sha);
	return 0;
}

static int
fill_buf(FILE *fp, void *arg)
{
	const struct buf *b = arg;

	fwrite(b->s, 1, b->len, fp);
	return ferror(fp) ? ipt_seterrno("codebook.csv") : 0;
}

struct manifest_arg {
	const struct export	*e;
	const char		*version;
	struct written		*files;
	size_t			 nfiles;
};

static int
fill_manifest(FILE *fp, void *arg)
{
	const struct manifest_arg *a = arg;
	const struct export *e = a->e;
	struct json_w w;
	char today[DATE_LEN];
	size_t i;
	int t;

	date_format(e->today, today);
	jw_file(&w, fp);
	jw_obj(&w);
	jw_gap(&w, "\n ");
	jw_knum(&w, "schema", EXP_SCHEMA);
	jw_gap(&w, "\n ");
	jw_kstr(&w, "ipt_version", a->version);
	jw_gap(&w, "\n ");
	jw_kstr(&w, "export_date", today);
	jw_gap(&w, "\n ");
	jw_knum(&w, "clients", (long)e->n);
	jw_gap(&w, "\n ");
	jw_key(&w, "options");
	jw_obj(&w);
	jw_key(&w, "deidentify");
	jw_bool(&w, e->deidentify);
	jw_kstr(&w, "method", export_deid_names[e->deidentify]);
	jw_kstr(&w, "dates", export_dates_names[e->dates]);
	jw_kstr(&w, "format", e->f == FMT_JSON ? "json" : "csv");
	jw_key(&w, "tables");
	jw_arr(&w);
	for (t = 0; t < EXP_NTABLES; t++)
		if (e->tables & (1u << t))
			jw_str(&w, export_tables[t]);
	jw_end(&w);
	jw_end(&w);
	jw_gap(&w, "\n ");
	jw_key(&w, "deidentification");
	jw_obj(&w);
	/* What it is: pseudonymised data is not anonymous. */
	jw_kstr(&w, "label", export_deid_names[e->deidentify]);
	jw_key(&w, "method");
	jw_str(&w, e->deidentify == DEID_SAFE_HARBOR ? "HIPAA Safe Harbor, "
	    "45 CFR 164.514(b)(2): dates reduced to the year, ages over 89 "
	    "as 90+, no name, no free text, no contact; people of the "
	    "inventory and timeline are not exported" :
	    e->deidentify == DEID_PSEUDONYMS ? "pseudonymised, not "
	    "anonymous: keyed pseudonyms and shifted dates; anyone with the "
	    "practice secret could link the rows to the clients" :
	    "identified: the records as they are");
	jw_key(&w, "keys");
	if (e->deidentify)
		jw_str(&w, "client, site and therapist pseudonyms: "
		    "HMAC-SHA-256 of the directory path from the practice root "
		    "(of the therapist's name), keyed with the practice secret");
	else
		jw_str(&w, "client ids and directory paths as recorded");
	jw_key(&w, "dates");
	jw_str(&w, e->deidentify == DEID_SAFE_HARBOR ? e->dates == DATES_NONE ?
	    "no calendar dates: study days only" : "the year only, and study "
	    "days" : e->dates == DATES_REAL ? "real calendar dates" :
	    e->dates == DATES_SHIFTED ? "each client's dates shifted back by "
	    "1 to 365 days, the same for all of its dates; none after the "
	    "export date" : "no calendar dates: study days only");
	jw_key(&w, "left_out");
	jw_arr(&w);
	if (e->deidentify) {
		jw_str(&w, "name");
		jw_str(&w, "note");
		jw_str(&w, "the profile: birth date, diagnosis, ICD code, "
		    "referrer, consent date, emergency contact");
		jw_str(&w, "values no instrument definition names");
	}
	jw_end(&w);
	jw_knum(&w, "administrations_left_out", (long)e->dropped);
	jw_end(&w);
	jw_gap(&w, "\n ");
	jw_key(&w, "files");
	jw_arr(&w);
	for (i = 0; i < a->nfiles; i++) {
		jw_gap(&w, "\n  ");
		jw_obj(&w);
		jw_kstr(&w, "name", a->files[i].name);
		jw_key(&w, "table");
		if (a->files[i].t >= 0)
			jw_str(&w, export_tables[a->files[i].t]);
		else
			jw_null(&w);
		jw_knum(&w, "rows", (long)a->files[i].rows);
		jw_kstr(&w, "sha256", a->files[i].sha);
		jw_end(&w);
	}
	jw_gap(&w, "\n ");
	jw_end(&w);
	jw_gap(&w, "\n");
	jw_end(&w);
	jw_out(&w, "\n");
	return ferror(fp) ? ipt_seterrno("manifest.json") : 0;
}

int
export_write_dir(struct export *e, const char *dir, const char *version)
{
	struct written files[EXP_NTABLES + 1];
	struct manifest_arg ma;
	struct fill_arg a;
	struct buf cb = { 0 };
	const char *p;
	size_t nf = 0, i;
	int t, rc = -1;

	memset(files, 0, sizeof(files));
	for (t = 0; t < EXP_NTABLES; t++) {
		if (!(e->tables & (1u << t)))
			continue;
		a.e = e;
		a.t = t;
		files[nf].name = xasprintf("%s.%s", export_tables[t],
		    e->f == FMT_JSON ? "json" : "csv");
		files[nf].t = t;
		files[nf].rows = e->nrows[t];
		if (atomic_replace(dir, files[nf].name, fill_table, NULL,
		    &a) == -1 || hash_file(dir, &files[nf]) == -1) {
			nf++;
			goto out;
		}
		nf++;
	}
	export_codebook(e, &cb);
	files[nf].name = xstrdup("codebook.csv");
	files[nf].t = -1;
	for (p = cb.s; p != NULL && p < cb.s + cb.len; p++)
		files[nf].rows += *p == '\n';
	files[nf].rows--;	/* the header */
	if (atomic_replace(dir, files[nf].name, fill_buf, NULL, &cb) == -1 ||
	    hash_file(dir, &files[nf]) == -1) {
		nf++;
		goto out;
	}
	nf++;
	ma.e = e;
	ma.version = version;
	ma.files = files;
	ma.nfiles = nf;
	rc = atomic_replace(dir, "manifest.json", fill_manifest, NULL, &ma);
out:
	for (i = 0; i < nf; i++)
		free(files[i].name);
	buf_free(&cb);
	return rc;
}
