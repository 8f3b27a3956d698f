/*
 * measure.c: record administered instruments, compute their change over
 * time, and keep track of risk flags and their reviews.
 *
 * measures.csv holds one row per administration: date, session,
 * instrument, total, severity, items (the item scores, after reverse
 * scoring, "NA" where not applicable) and flags ("risk").  Rows are kept
 * in date order; a row added for an earlier date goes after the rows of
 * its day.  risk.csv holds one row per reviewed flag: date of the review,
 * session, instrument, flagged (the date of the flagged administration)
 * and the clinician's note.  Nothing here prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "date.h"
#include "instrument.h"
#include "measure.h"
#include "record.h"
#include "txn.h"
#include "util.h"

/* 1 if a ';'-separated flags value holds `name'. */
static int
has_flag(const char *flags, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = flags; (p = strstr(p, name)) != NULL; p += n)
		if ((p == flags || p[-1] == ';') &&
		    (p[n] == '\0' || p[n] == ';'))
			return 1;
	return 0;
}

static long
row_day(const struct csv_table *t, size_t i, const char *col)
{
	long d;

	return date_parse(csv_get(t, i, col), &d) == 0 ? d : -1;
}

long
measure_session_on(const struct csv_table *t, const char *date)
{
	size_t i;
	long best = 0, n;

	for (i = 0; i < t->nrows; i++) {
		if (strcmp(csv_get(t, i, "attendance"), "attended") != 0 ||
		    strcmp(csv_get(t, i, "date"), date) != 0)
			continue;
		if (parse_long(csv_get(t, i, "number"), 1, 9999, &n) == 0 &&
		    n > best)
			best = n;
	}
	return best;
}

/* The date given, checked, or today. */
static int
day_arg(const char *date, char day[DATE_LEN])
{
	long d;

	if (date == NULL) {
		if (date_today(&d) == -1)
			return -1;
		date_format(d, day);
		return 0;
	}
	if (rec_check_arg(REC_MEASURES, "date", "--date", date) == -1)
		return -1;
	snprintf(day, DATE_LEN, "%s", date);
	return 0;
}

/* Insert a new empty row after every row dated on or before `day'. */
static size_t
insert_dated(struct csv_table *t, long day)
{
	struct csv_row tmp;
	size_t pos = t->nrows, last;

	while (pos > 0 && row_day(t, pos - 1, "date") > day)
		pos--;
	last = csv_append(t);
	if (pos < last) {
		tmp = t->rows[last];
		memmove(&t->rows[pos + 1], &t->rows[pos],
		    (last - pos) * sizeof(*t->rows));
		t->rows[pos] = tmp;
	}
	return pos;
}

int
measure_add(const char *dir, const struct instr_set *set,
    const struct measure_input *mi, struct measure_added *out)
{
	struct csv_table *sessions, *measures;
	struct txn tx;
	char total[32], sess[24];
	long day, n;
	size_t row;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if ((out->in = instr_lookup(set, mi->instrument)) == NULL)
		return -1;
	if (day_arg(mi->date, out->date) == -1)
		return -1;
	date_parse(out->date, &day);
	if (mi->session != NULL) {
		if (rec_check_arg(REC_MEASURES, "session", "--session",
		    mi->session) == -1)
			return -1;
		parse_long(mi->session, 1, 9999, &n);
		out->session = n;
	}
	if (mi->total != NULL && mi->nitems > 0)
		return ipt_setusage("give either the items or --total, not "
		    "both");
	if (mi->total != NULL) {
		if (instr_score_total(out->in, mi->total, &out->res) == -1)
			return -1;
	} else if (instr_score(out->in, mi->items, mi->nitems, mi->positions,
	    &out->res) == -1)
		return -1;

	if (txn_begin(&tx, dir) == -1)
		goto fail;
	if (mi->session == NULL) {
		if ((sessions = txn_load(&tx, REC_SESSIONS)) == NULL)
			goto out;
		out->session = measure_session_on(sessions, out->date);
	}
	if ((measures = txn_load(&tx, REC_MEASURES)) == NULL)
		goto out;
	row = insert_dated(measures, day);
	instr_fmt(out->in, out->res.total, total, sizeof(total));
	if (out->session > 0)
		snprintf(sess, sizeof(sess), "%ld", out->session);
	else
		sess[0] = '\0';
	csv_set(measures, row, "date", out->date);
	csv_set(measures, row, "session", sess);
	csv_set(measures, row, "instrument", out->in->name);
	csv_set(measures, row, "total", total);
	csv_set(measures, row, "severity", out->res.band);
	csv_set(measures, row, "items", out->res.items);
	csv_set(measures, row, "flags", out->res.risk ? "risk" : "");
	txn_save(&tx, REC_MEASURES);
	rc = txn_commit(&tx);
out:
	txn_abort(&tx);
	if (rc == 0)
		return 0;
fail:
	measure_added_free(out);
	return -1;
}

void
measure_added_free(struct measure_added *a)
{
	instr_result_free(&a->res);
}

/* Round num * 100 / den to a whole percent, half away from zero. */
static long
percent(long num, long den)
{
	long long n = (long long)num * 100, a = n < 0 ? -n : n;
	long long q = (2 * a + den) / (2 * (long long)den);

	return (long)(n < 0 ? -q : q);
}

static int
stored_total(const struct csv_table *t, size_t i, const struct instrument *in,
    long *v)
{
	const char *s = csv_get(t, i, "total");

	if (instr_parse_value(in, s, v) == 0)
		return 0;
	if (t->rows[i].line > 0)
		return ipt_seterr("%s:%zu: total: '%s' is not a %s total "
		    "(%d decimals)", t->path, t->rows[i].line, s, in->name,
		    in->decimals);
	return ipt_seterr("%s: total: '%s' is not a %s total", t->path, s,
	    in->name);
}

int
measure_change(const struct csv_table *t, const char *name,
    const struct instrument *in, struct measure_change *c)
{
	long d, fday = 0, lday = 0, better, pts;
	double crit;
	size_t i;

	memset(c, 0, sizeof(*c));
	c->instrument = name;
	c->in = in;
	c->response = c->remission = -1;
	c->reliable = -2;
	for (i = 0; i < t->nrows; i++) {
		if (strcmp(csv_get(t, i, "instrument"), name) != 0)
			continue;
		d = row_day(t, i, "date");
		if (c->n == 0 || d < fday) {
			c->first = i;
			fday = d;
		}
		if (c->n == 0 || d >= lday) {
			c->last = i;
			lday = d;
		}
		c->n++;
	}
	if (c->n == 0 || in == NULL)
		return 0;
	if (stored_total(t, c->first, in, &c->baseline) == -1 ||
	    stored_total(t, c->last, in, &c->latest) == -1)
		return -1;
	if (c->n < 2)
		return 0;
	c->delta = c->latest - c->baseline;
	better = in->higher_better ? c->delta : -c->delta;
	c->direction = better > 0 ? 1 : better < 0 ? -1 : 0;
	if (c->delta == 0)
		instr_fmt(in, 0, c->change, sizeof(c->change));
	else {
		c->change[0] = c->delta > 0 ? '+' : '-';
		instr_fmt(in, c->delta > 0 ? c->delta : -c->delta,
		    c->change + 1, sizeof(c->change) - 1);
	}
	if (c->baseline != 0)
		snprintf(c->pct, sizeof(c->pct), "%+ld%%",
		    percent(c->delta, c->baseline > 0 ? c->baseline :
		    -c->baseline));
	if (c->pct[0] == '+' && strcmp(c->pct, "+0%") == 0)
		snprintf(c->pct, sizeof(c->pct), "0%%");
	/* Response: improvement * 100 >= pct * baseline, exactly. */
	if (in->response_pct > 0 && c->baseline > 0)
		c->response = (long long)better * 100 >=
		    (long long)in->response_pct * c->baseline;
	if (in->has_remission)
		c->remission = instr_op_holds(in->remission_op, c->latest,
		    in->remission_value);
	if (in->reliable > 0) {
		pts = c->delta < 0 ? -c->delta : c->delta;
		c->reliable = pts >= in->reliable ? c->direction : 0;
	} else if ((crit = instr_reliable_points(in)) > 0) {
		pts = c->delta < 0 ? -c->delta : c->delta;
		c->reliable = (double)pts > crit * (double)in->scale ?
		    c->direction : 0;
	}
	return 0;
}

const char *
measure_yesno(int v)
{
	return v == 1 ? "yes" : v == 0 ? "no" : "";
}

const char *
measure_direction(const struct measure_change *c)
{
	if (c->n < 2 || c->in == NULL)
		return "";
	return c->direction > 0 ? "improved" : c->direction < 0 ? "worsened" :
	    "unchanged";
}

const char *
measure_reliable(const struct measure_change *c)
{
	switch (c->reliable) {
	case 1:
		return "improved";
	case -1:
		return "worsened";
	case 0:
		return "no change";
	}
	return "";
}

/*
 * Whether flag i is closed: only a clinician's review closes it (its
 * row's flags hold "reviewed"; the review's date comes from risk.csv).
 * A later administration with no risk item positive is context, not a
 * closure: a positive answer stays open until someone has looked at it.
 */
static void
closure(const struct csv_table *m, const struct csv_table *risk, size_t i,
    struct risk_flag *f)
{
	const char *inst = csv_get(m, i, "instrument");
	const char *date = csv_get(m, i, "date");
	long day = row_day(m, i, "date"), rev = -1, d;
	size_t j;

	f->open = 1;
	f->closed_by = "";
	if (!has_flag(csv_get(m, i, "flags"), "reviewed"))
		return;
	/* The first review note for it, if the journal has one. */
	for (j = 0; risk != NULL && j < risk->nrows; j++) {
		d = row_day(risk, j, "date");
		if (d >= day && (rev == -1 || d < rev) &&
		    strcmp(csv_get(risk, j, "instrument"), inst) == 0 &&
		    strcmp(csv_get(risk, j, "flagged"), date) == 0)
			rev = d;
	}
	f->open = 0;
	f->closed_by = "review";
	if (rev >= 0)
		date_format(rev, f->closed_on);
}

/* "item 9 = 2" from the stored items, or "risk" if they cannot say. */
static char *
flag_detail(const struct csv_table *m, size_t i, const struct instr_set *set)
{
	const struct instrument *in;
	struct instr_result r;
	struct buf b = { 0 };
	char *err;

	in = set != NULL ? instr_find(set, csv_get(m, i, "instrument")) : NULL;
	if (in == NULL)
		return xstrdup("risk");
	err = xstrdup(ipt_error());
	if (instr_score_items(in, csv_get(m, i, "items"), &r) == -1) {
		/* Keep the caller's error message: this is not a failure. */
		ipt_seterr("%s", err);
		free(err);
		return xstrdup("risk");
	}
	free(err);
	instr_describe_positive(in, &r, &b);
	instr_result_free(&r);
	if (b.s == NULL)
		return xstrdup("risk");
	return b.s;
}

int
risk_flags(const struct csv_table *m, const struct csv_table *risk,
    const struct instr_set *set, int all, struct risk_flag **out, size_t *np)
{
	struct risk_flag f, *v = NULL;
	size_t i, n = 0, j;
	long s;

	for (i = 0; i < m->nrows; i++) {
		if (!has_flag(csv_get(m, i, "flags"), "risk"))
			continue;
		memset(&f, 0, sizeof(f));
		closure(m, risk, i, &f);
		if (!f.open && !all)
			continue;
		snprintf(f.date, sizeof(f.date), "%s", csv_get(m, i, "date"));
		if (parse_long(csv_get(m, i, "session"), 1, 9999, &s) == 0)
			f.session = s;
		f.instrument = xstrdup(csv_get(m, i, "instrument"));
		f.total = xstrdup(csv_get(m, i, "total"));
		f.detail = flag_detail(m, i, set);
		f.row = i;
		f.line = m->rows[i].line;
		v = xreallocarray(v, n + 1, sizeof(*v));
		/* Keep date order even if the file is not in order. */
		for (j = n; j > 0 && strcmp(v[j - 1].date, f.date) > 0; j--)
			v[j] = v[j - 1];
		v[j] = f;
		n++;
	}
	*out = v;
	*np = n;
	return 0;
}

void
risk_flags_free(struct risk_flag *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].instrument);
		free(v[i].detail);
		free(v[i].total);
	}
	free(v);
}

int
risk_open_flags(const char *dir, const struct instr_set *set,
    struct risk_flag **out, size_t *np)
{
	struct csv_table m = { 0 }, r = { 0 };
	int rc = -1;

	*out = NULL;
	*np = 0;
	if (rec_load(dir, REC_MEASURES, &m) == 0 &&
	    rec_load(dir, REC_RISK, &r) == 0)
		rc = risk_flags(&m, &r, set, 0, out, np);
	csv_free_table(&m);
	csv_free_table(&r);
	return rc;
}

int
risk_review(const char *dir, const struct instr_set *set, const char *date,
    const char *note, struct risk_flag **out, size_t *np)
{
	struct csv_table *m, *r, *sessions;
	struct risk_flag *v = NULL;
	struct txn tx;
	char day[DATE_LEN], sess[24];
	size_t n = 0, i, k, row;
	long s;
	int rc = -1;

	*out = NULL;
	*np = 0;
	if (date != NULL) {
		if (rec_check_arg(REC_RISK, "date", "--date", date) == -1)
			return -1;
		snprintf(day, sizeof(day), "%s", date);
	} else if (day_arg(NULL, day) == -1)
		return -1;
	if (note == NULL || *note == '\0')
		return ipt_setusage("--note: the review needs a note");
	if (rec_check_arg(REC_RISK, "note", "--note", note) == -1)
		return -1;
	if (txn_begin(&tx, dir) == -1)
		return -1;
	if ((m = txn_load(&tx, REC_MEASURES)) == NULL ||
	    (r = txn_load(&tx, REC_RISK)) == NULL ||
	    (sessions = txn_load(&tx, REC_SESSIONS)) == NULL ||
	    risk_flags(m, r, set, 0, &v, &n) == -1)
		goto out;
	/* Only flags raised on or before the review's day. */
	for (i = 0, k = 0; i < n; i++) {
		if (strcmp(v[i].date, day) > 0) {
			free(v[i].instrument);
			free(v[i].detail);
			free(v[i].total);
			continue;
		}
		v[k++] = v[i];
	}
	n = k;
	if (n == 0) {
		ipt_seterr("no risk flag open on %s: nothing to review", day);
		goto out;
	}
	s = measure_session_on(sessions, day);
	if (s > 0)
		snprintf(sess, sizeof(sess), "%ld", s);
	else
		sess[0] = '\0';
	for (i = 0; i < n; i++) {
		char *flags;

		/* One note per instrument and day of the flags reviewed. */
		for (k = 0; k < i; k++)
			if (strcmp(v[k].instrument, v[i].instrument) == 0 &&
			    strcmp(v[k].date, v[i].date) == 0)
				break;
		if (k == i) {
			row = csv_append(r);
			csv_set(r, row, "date", day);
			csv_set(r, row, "session", sess);
			csv_set(r, row, "instrument", v[i].instrument);
			csv_set(r, row, "flagged", v[i].date);
			csv_set(r, row, "note", note);
		}
		flags = xasprintf("%s;reviewed", csv_get(m, v[i].row,
		    "flags"));
		csv_set(m, v[i].row, "flags", flags);
		free(flags);
		v[i].open = 0;
		v[i].closed_by = "review";
		memcpy(v[i].closed_on, day, sizeof(v[i].closed_on));
	}
	/*
	 * The note first: a crash between the two saves leaves the flag
	 * open (to be reviewed again), never closed without its note.
	 */
	txn_save(&tx, REC_RISK);
	txn_save(&tx, REC_MEASURES);
	rc = txn_commit(&tx);
out:
	txn_abort(&tx);
	if (rc == -1) {
		risk_flags_free(v, n);
		return -1;
	}
	*out = v;
	*np = n;
	return 0;
}
