/*
 * measure_import.c: ipt measure import (see measure_import.h).
 *
 * The file is read whole (at most JSON_READ_MAX bytes: a larger one is
 * refused before it is read), every administration in it is checked
 * and scored, and only then does one transaction add them all.  A row
 * that is already in measures.csv (measure_recorded(): the same date,
 * instrument, items and total) is refused: importing a file twice records
 * nothing twice.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvt.h"
#include "date.h"
#include "instrument.h"
#include "json_read.h"
#include "loinc.h"
#include "measure.h"
#include "measure_import.h"
#include "record.h"
#include "txn.h"
#include "util.h"

/* One administration read from the file. */
struct adm {
	char		*where;		/* "FILE:LINE: path" for messages */
	char		 date[DATE_LEN];
	const struct instrument *in;
	char		**item;		/* scores as text, "NA" if none */
	char		*total;		/* or the total alone */
	struct instr_result res;
	long		 session;
};

struct imp {
	const char	*path;
	const char	*id;
	const struct instr_set *set;
	struct adm	*v;
	size_t		 n;
	const char	*subject;	/* of the responses read so far */
};

static struct adm *
adm_new(struct imp *m, const char *where)
{
	struct adm *a;

	m->v = xreallocarray(m->v, m->n + 1, sizeof(*m->v));
	a = &m->v[m->n++];
	memset(a, 0, sizeof(*a));
	a->where = xstrdup(where);
	return a;
}

static void
adm_items(struct adm *a)
{
	size_t i;

	a->item = xcalloc(a->in->nitems, sizeof(*a->item));
	for (i = 0; i < a->in->nitems; i++)
		a->item[i] = xstrdup("NA");
}

static void
imp_free(struct imp *m)
{
	size_t i, j;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].where);
		for (j = 0; m->v[i].item != NULL && j < m->v[i].in->nitems;
		    j++)
			free(m->v[i].item[j]);
		free(m->v[i].item);
		free(m->v[i].total);
		instr_result_free(&m->v[i].res);
	}
	free(m->v);
}

/* A date, or the date of a dateTime (YYYY-MM-DD, then T...). */
static int
day_of(const char *s, char out[DATE_LEN])
{
	long d;

	if (s == NULL || strlen(s) < 10 || (s[10] != '\0' && s[10] != 'T'))
		return -1;
	snprintf(out, DATE_LEN, "%.10s", s);
	return date_parse(out, &d);
}

/* "FILE:LINE: PATH: " + what. */
static int
jerr(struct imp *m, const struct jv *v, const char *path, const char *fmt,
    ...) IPT_PRINTF(4, 5);

static int
jerr(struct imp *m, const struct jv *v, const char *path, const char *fmt,
    ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return ipt_seterr("%s:%zu: %s: %s", m->path, v->line, path, msg);
}

static int read_value(struct imp *, struct adm *, size_t,
	    const struct jv *, const char *);

/* The answer of one item, into a->item[i]. */
static int
read_answer(struct imp *m, struct adm *a, size_t i, const struct jv *ans,
    const char *path)
{
	char *p;
	int rc;

	if (ans->t != JV_ARR || ans->n != 1)
		return jerr(m, ans, path, "answer: one answer expected");
	p = xasprintf("%s.answer[0]", path);
	rc = read_value(m, a, i, &ans->v[0], p);
	free(p);
	return rc;
}

/* The value of an answer: a LOINC answer code, or the score. */
static int
read_value(struct imp *m, struct adm *a, size_t i, const struct jv *ans,
    const char *p)
{
	const struct instrument *in = a->in;
	const struct jv *c, *x;
	const char *code, *sys;
	size_t k;

	if ((c = jv_get(ans, "valueCoding")) != NULL) {
		code = jv_str(jv_get(c, "code"));
		sys = jv_str(jv_get(c, "system"));
		if (code == NULL)
			return jerr(m, c, p, "valueCoding: no code");
		if (sys != NULL && strcmp(sys, FHIR_LOINC) != 0)
			return jerr(m, c, p, "valueCoding: system '%s' is not "
			    "%s", sys, FHIR_LOINC);
		for (k = 0; k < in->nanswers; k++)
			if (strcmp(in->loinc_answer[k], code) == 0)
				break;
		if (k == in->nanswers)
			return jerr(m, c, p, "valueCoding: '%s' is no answer "
			    "of %s item %zu", code, in->name, i + 1);
		free(a->item[i]);
		a->item[i] = xasprintf("%ld", in->item[0].min + (long)k);
		return 0;
	}
	if ((x = jv_get(ans, "valueInteger")) != NULL) {
		long v;

		if (x->t != JV_NUM || parse_long(x->s, -INSTR_MAXVALUE,
		    INSTR_MAXVALUE, &v) == -1)
			return jerr(m, x, p, "valueInteger: not a whole "
			    "number");
		free(a->item[i]);
		a->item[i] = xstrdup(x->s);
		return 0;
	}
	return jerr(m, ans, p, "valueCoding or valueInteger "
	    "expected");
}

static int read_item(struct imp *, struct adm *, const struct jv *,
	    const char *, unsigned char *);

/* The items of a response, groups followed into. */
static int
read_items(struct imp *m, struct adm *a, const struct jv *items,
    const char *path, unsigned char *seen)
{
	size_t j;
	char *p;
	int rc = 0;

	if (items->t != JV_ARR)
		return jerr(m, items, path, "not an array");
	for (j = 0; j < items->n && rc == 0; j++) {
		p = xasprintf("%s[%zu]", path, j);
		rc = read_item(m, a, &items->v[j], p, seen);
		free(p);
	}
	return rc;
}

static int
read_item(struct imp *m, struct adm *a, const struct jv *it, const char *p,
    unsigned char *seen)
{
	const struct jv *sub, *ans;
	const char *link;
	char *q;
	long i;
	int rc;

	if ((link = jv_str(jv_get(it, "linkId"))) == NULL)
		return jerr(m, it, p, "no linkId");
	ans = jv_get(it, "answer");
	if ((sub = jv_get(it, "item")) != NULL && ans == NULL) {
		q = xasprintf("%s.item", p);
		rc = read_items(m, a, sub, q, seen);
		free(q);
		return rc;
	}
	if ((i = loinc_item_of(a->in, link)) == -1)
		return jerr(m, it, p, "linkId '%s' is no item of %s", link,
		    a->in->name);
	if (seen[i])
		return jerr(m, it, p, "item %ld (%s) is given twice", i + 1,
		    link);
	seen[i] = 1;
	if (ans == NULL)
		return 0;	/* not answered: NA if it may be */
	return read_answer(m, a, (size_t)i, ans, p);
}

static int
read_response(struct imp *m, const struct jv *r, const char *path)
{
	const char *q, *st, *subj;
	const struct jv *items;
	struct adm *a;
	unsigned char *seen;
	char where[512];
	int rc;

	snprintf(where, sizeof(where), "%s:%zu: %s", m->path, r->line, path);
	st = jv_str(jv_get(r, "status"));
	if (st == NULL || (strcmp(st, "completed") != 0 &&
	    strcmp(st, "amended") != 0))
		return jerr(m, r, path, "status: '%s' is not completed",
		    st != NULL ? st : "");
	subj = jv_str(jv_get(jv_get(r, "subject"), "reference"));
	if (subj != NULL) {
		if (m->subject != NULL && strcmp(m->subject, subj) != 0)
			return jerr(m, r, path, "subject: '%s', but an "
			    "earlier response is of '%s': import one "
			    "client's responses at a time", subj, m->subject);
		m->subject = subj;
	}
	if ((q = jv_str(jv_get(r, "questionnaire"))) == NULL)
		return jerr(m, r, path, "no questionnaire");
	a = adm_new(m, where);
	if ((a->in = loinc_questionnaire(m->set, q)) == NULL)
		return jerr(m, r, path, "questionnaire: '%s' is no known "
		    "instrument's", q);
	adm_items(a);
	if (day_of(jv_str(jv_get(r, "authored")), a->date) == -1)
		return jerr(m, r, path, "authored: not a date (YYYY-MM-DD)");
	if ((items = jv_get(r, "item")) == NULL)
		return jerr(m, r, path, "no item");
	seen = xcalloc(a->in->nitems, 1);
	snprintf(where, sizeof(where), "%s.item", path);
	rc = read_items(m, a, items, where, seen);
	free(seen);
	return rc;
}

/*
 * An Observation of a total given alone (no derivedFrom: no response
 * behind it), as ipt export writes a total recorded with --total.  An
 * Observation of another code, or derived from a response, is passed
 * over: the response is the record.
 */
static int
read_total(struct imp *m, const struct jv *r, const char *path)
{
	const struct jv *c, *v;
	const struct instrument *in = NULL;
	const char *sys, *code, *s;
	char where[512], *want;
	struct adm *a;
	size_t i;

	if (jv_get(r, "derivedFrom") != NULL)
		return 0;
	c = jv_get(jv_get(r, "code"), "coding");
	if (c == NULL || c->t != JV_ARR || c->n == 0)
		return 0;
	sys = jv_str(jv_get(&c->v[0], "system"));
	code = jv_str(jv_get(&c->v[0], "code"));
	for (i = 0; sys != NULL && code != NULL && i < m->set->n; i++) {
		fhir_total_code(m->set->v[i], &s, &want);
		if (strcmp(s, sys) == 0 && strcmp(want, code) == 0)
			in = m->set->v[i];
		free(want);
	}
	if (in == NULL)
		return 0;
	snprintf(where, sizeof(where), "%s:%zu: %s", m->path, r->line, path);
	a = adm_new(m, where);
	a->in = in;
	if (day_of(jv_str(jv_get(r, "effectiveDateTime")), a->date) == -1)
		return jerr(m, r, path, "effectiveDateTime: not a date "
		    "(YYYY-MM-DD)");
	v = jv_get(jv_get(r, "valueQuantity"), "value");
	if (v == NULL || v->t != JV_NUM)
		return jerr(m, r, path, "valueQuantity: no value");
	a->total = xstrdup(v->s);
	return 0;
}

static int
read_json(struct imp *m, const char *text, size_t len, struct jv *doc)
{
	const struct jv *e, *r;
	const char *type;
	char p[64];
	size_t i;

	if (json_parse(m->path, text, len, doc) == -1)
		return -1;
	type = jv_str(jv_get(doc, "resourceType"));
	if (type != NULL && strcmp(type, "QuestionnaireResponse") == 0)
		return read_response(m, doc, "QuestionnaireResponse");
	if (type == NULL || strcmp(type, "Bundle") != 0)
		return jerr(m, doc, "resourceType", "'%s' is not a "
		    "QuestionnaireResponse or a Bundle", type ? type : "");
	if ((e = jv_get(doc, "entry")) == NULL || e->t != JV_ARR)
		return jerr(m, doc, "entry", "the Bundle has no entries");
	for (i = 0; i < e->n; i++) {
		r = jv_get(&e->v[i], "resource");
		type = jv_str(jv_get(r, "resourceType"));
		snprintf(p, sizeof(p), "entry[%zu].resource", i);
		if (type != NULL && strcmp(type, "Observation") == 0) {
			if (read_total(m, r, p) == -1)
				return -1;
			continue;
		}
		if (type == NULL || strcmp(type, "QuestionnaireResponse") != 0)
			continue;
		if (read_response(m, r, p) == -1)
			return -1;
	}
	if (m->n == 0)
		return jerr(m, doc, "entry", "no QuestionnaireResponse in the "
		    "Bundle");
	return 0;
}

/* The CSV: date, instrument, items by number; client if present. */
static int
read_csv(struct imp *m)
{
	struct csv_table t;
	const struct instrument *in;
	struct adm *a;
	char where[512], *col;
	const char *v, *c;
	size_t r, i;
	int ci, rc = -1;

	char *real;

	/* The user's file, which may be a link (a record may not). */
	real = realpath(m->path, NULL);
	rc = csv_load(&t, real != NULL ? real : m->path);
	free(real);
	if (rc == -1)
		return -1;
	rc = -1;
	if (csv_col(&t, "date") < 0 || csv_col(&t, "instrument") < 0) {
		ipt_seterr("%s:1: the header needs the columns date and "
		    "instrument", m->path);
		goto out;
	}
	if (t.nrows == 0) {
		ipt_seterr("%s: no administration in the file", m->path);
		goto out;
	}
	for (r = 0; r < t.nrows; r++) {
		snprintf(where, sizeof(where), "%s:%zu", m->path,
		    t.rows[r].line);
		c = csv_col(&t, "client") >= 0 ? csv_get(&t, r, "client") : "";
		if (*c != '\0' && strcmp(c, m->id) != 0) {
			ipt_seterr("%s: client: '%s' is not this client (%s)",
			    where, c, m->id);
			goto out;
		}
		v = csv_get(&t, r, "instrument");
		if ((in = instr_find(m->set, v)) == NULL) {
			ipt_seterr("%s: instrument: '%s' is no known "
			    "instrument", where, v);
			goto out;
		}
		a = adm_new(m, where);
		a->in = in;
		adm_items(a);
		if (rec_check_arg(REC_MEASURES, "date", "date",
		    csv_get(&t, r, "date")) == -1) {
			ipt_seterr("%s: date: '%s' is not a date (YYYY-MM-DD)",
			    where, csv_get(&t, r, "date"));
			goto out;
		}
		snprintf(a->date, DATE_LEN, "%s", csv_get(&t, r, "date"));
		for (i = 0; i < in->nitems; i++) {
			col = xasprintf("%s_%zu", in->name, i + 1);
			if ((ci = csv_col(&t, col)) < 0) {
				free(col);
				col = xasprintf("%zu", i + 1);
				ci = csv_col(&t, col);
			}
			free(col);
			if (ci < 0 || *t.rows[r].f[ci] == '\0')
				continue;	/* NA, if it may be */
			free(a->item[i]);
			a->item[i] = xstrdup(t.rows[r].f[ci]);
		}
	}
	rc = 0;
out:
	csv_free_table(&t);
	return rc;
}

/* The whole file, at most JSON_READ_MAX bytes. */
static int
slurp(const char *path, char **text, size_t *len)
{
	struct stat st;
	struct buf b = { 0 };
	char tmp[65536];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NOCTTY)) == -1)
		return ipt_seterrno("%s", path);
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return ipt_seterr("%s: not a regular file", path);
	}
	if (st.st_size > JSON_READ_MAX) {
		close(fd);
		return ipt_seterr("%s: larger than %ld MiB: refused", path,
		    JSON_READ_MAX >> 20);
	}
	while ((n = read(fd, tmp, sizeof(tmp))) > 0) {
		buf_add(&b, tmp, (size_t)n);
		if (b.len > (size_t)JSON_READ_MAX)
			break;
	}
	close(fd);
	if (n == -1) {
		buf_free(&b);
		return ipt_seterrno("%s", path);
	}
	if (b.len > (size_t)JSON_READ_MAX) {
		buf_free(&b);
		return ipt_seterr("%s: larger than %ld MiB: refused", path,
		    JSON_READ_MAX >> 20);
	}
	*text = b.s != NULL ? b.s : xstrdup("");
	*len = b.len;
	return 0;
}

/* Score every administration with the code of measure add. */
static int
score_all(struct imp *m)
{
	char msg[512];
	size_t i;

	for (i = 0; i < m->n; i++) {
		struct adm *a = &m->v[i];

		if ((a->total != NULL ? instr_score_total(a->in, a->total,
		    &a->res) : instr_score(a->in, a->item, a->in->nitems, 0,
		    &a->res)) == -1) {
			snprintf(msg, sizeof(msg), "%s", ipt_error());
			return ipt_seterr("%s: %s", a->where, msg);
		}
	}
	return 0;
}

int
measure_import(const char *dir, const char *id, const struct instr_set *set,
    const char *path, struct import_report *rep)
{
	struct imp m;
	struct jv doc;
	struct txn tx;
	struct csv_table *sessions, *measures;
	char *text = NULL;
	size_t len, i, j, start;
	int rc = -1;

	memset(rep, 0, sizeof(*rep));
	memset(&m, 0, sizeof(m));
	memset(&doc, 0, sizeof(doc));
	m.path = path;
	m.id = id;
	m.set = set;
	if (slurp(path, &text, &len) == -1)
		return -1;
	for (start = 0; start < len && strchr(" \t\r\n", text[start]) != NULL;
	    start++)
		;
	if (start < len && (text[start] == '{' || text[start] == '[' ||
	    (len - start >= 3 && memcmp(text + start, "\xef\xbb\xbf", 3) == 0 &&
	    len - start > 3 && text[start + 3] == '{'))) {
		if (read_json(&m, text, len, &doc) == -1)
			goto done;
	} else if (read_csv(&m) == -1)
		goto done;
	if (score_all(&m) == -1)
		goto done;
	for (i = 0; i < m.n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(m.v[i].date, m.v[j].date) == 0 &&
			    m.v[i].in == m.v[j].in &&
			    m.v[i].res.total == m.v[j].res.total &&
			    strcmp(m.v[i].res.items, m.v[j].res.items) == 0) {
				ipt_seterr("%s: the same %s as %s", m.v[i].where,
				    m.v[i].in->name, m.v[j].where);
				goto done;
			}

	if (txn_begin(&tx, dir) == -1)
		goto done;
	if ((sessions = txn_load(&tx, REC_SESSIONS)) == NULL ||
	    (measures = txn_load(&tx, REC_MEASURES)) == NULL)
		goto abort;
	for (i = 0; i < m.n; i++) {
		struct adm *a = &m.v[i];

		if (measure_recorded(measures, a->date, a->in, &a->res) > 0) {
			ipt_seterr("%s: %s of %s is already in measures.csv",
			    a->where, a->in->name, a->date);
			goto abort;
		}
		a->session = measure_session_on(sessions, a->date);
		measure_put(measures, a->date, a->session, a->in, &a->res);
		rep->risk += a->res.risk != 0;
	}
	txn_save(&tx, REC_MEASURES);
	if ((rc = txn_commit(&tx)) == 0)
		rep->n = m.n;
abort:
	txn_abort(&tx);
done:
	jv_free(&doc);
	imp_free(&m);
	free(text);
	return rc;
}
