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
#include "entry.h"
#include "instrument.h"
#include "measure.h"
#include "record.h"
#include "rhythm.h"
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

void
measure_put(struct csv_table *measures, const char *date, long session,
    const struct instrument *in, const struct instr_result *res)
{
	char total[32], sess[24];
	long day;
	size_t row;

	date_parse(date, &day);
	row = insert_dated(measures, day);
	instr_fmt(in, res->total, total, sizeof(total));
	if (session > 0)
		snprintf(sess, sizeof(sess), "%ld", session);
	else
		sess[0] = '\0';
	csv_set(measures, row, "date", date);
	csv_set(measures, row, "session", sess);
	csv_set(measures, row, "instrument", in->name);
	csv_set(measures, row, "total", total);
	csv_set(measures, row, "severity", res->band);
	csv_set(measures, row, "items", res->items);
	csv_set(measures, row, "flags", res->risk ? "risk" : "");
}

/* The fields that make an administration one: the rule, once. */
static const char *const adm_cols[] = { "date", "instrument", "items",
    "total" };

/* 1 if row i of t records the administration of these values. */
static int
adm_is(const struct csv_table *t, size_t i, const char *const *v)
{
	size_t c;

	for (c = 0; c < sizeof(adm_cols) / sizeof(adm_cols[0]); c++)
		if (strcmp(csv_get(t, i, adm_cols[c]), v[c]) != 0)
			return 0;
	return 1;
}

size_t
measure_recorded(const struct csv_table *measures, const char *date,
    const struct instrument *in, const struct instr_result *res)
{
	char total[32];
	const char *v[4];
	size_t i;

	instr_fmt(in, res->total, total, sizeof(total));
	v[0] = date;
	v[1] = in->name;
	v[2] = res->items;
	v[3] = total;
	for (i = 0; i < measures->nrows; i++)
		if (adm_is(measures, i, v))
			return measures->rows[i].line;
	return 0;
}

int
measure_same(const struct csv_table *measures, size_t i, size_t j)
{
	const char *v[4];
	size_t c;

	for (c = 0; c < 4; c++)
		v[c] = csv_get(measures, j, adm_cols[c]);
	return adm_is(measures, i, v);
}

/* A usage error unless the instrument's items are hits of a rhythm. */
static int
rhythm_of(const struct instrument *in, const char *opt)
{
	if (in->rhythm_window > 0)
		return 0;
	return ipt_setusage("%s: %s has no [rhythm] section: its items are "
	    "not the hits of daily activities", opt, in->name);
}

/* Score the items given as clock times: their hits, then the total. */
static int
score_times(const struct instrument *in, const struct measure_input *mi,
    struct measure_added *out)
{
	char (*hit)[24], **argv;
	size_t i, qual = 0;
	int rc = -1;

	if (rhythm_of(in, "--times") == -1)
		return -1;
	if (mi->positions)
		return ipt_setusage("--times: the items are clock times, not "
		    "--positions");
	if (mi->nitems != in->nitems)
		return ipt_setusage("--times: %s: %zu weeks of times expected, "
		    "one per item, %zu given", in->name, in->nitems,
		    mi->nitems);
	out->act = xcalloc(in->nitems, sizeof(*out->act));
	for (i = 0; i < in->nitems; i++) {
		if (rhythm_parse(in, "--times", i, mi->items[i],
		    &out->act[i]) == -1)
			return -1;
		qual += !out->act[i].na;
	}
	if (qual == 0)
		return ipt_setusage("--times: %s: no activity was done %ld "
		    "times or more: no score", in->name, in->rhythm_qualify);
	hit = xcalloc(in->nitems, sizeof(*hit));
	argv = xcalloc(in->nitems, sizeof(*argv));
	for (i = 0; i < in->nitems; i++) {
		if (out->act[i].na)
			snprintf(hit[i], sizeof(hit[i]), "NA");
		else
			snprintf(hit[i], sizeof(hit[i]), "%ld",
			    out->act[i].hits);
		argv[i] = hit[i];
	}
	rc = instr_score(in, argv, in->nitems, 0, &out->res);
	free(argv);
	free(hit);
	return rc;
}

/* Is area one of the focus areas? */
static int
is_focus(const char *const focus[2], const char *area)
{
	return (focus[0] != NULL && strcmp(focus[0], area) == 0) ||
	    (focus[1] != NULL && strcmp(focus[1], area) == 0);
}

/*
 * An instrument of the focus areas ([areas]): the items of the client's
 * focus areas are rated, the others NA.
 */
static int
areas_ok(const struct instrument *in, const struct instr_result *res,
    const char *const focus[2])
{
	size_t i, rated = 0, nareas = 0;

	for (i = 0; i < in->nitems; i++)
		if (in->item[i].area != NULL)
			nareas++;
	if (nareas == 0)
		return 0;
	if ((focus[0] == NULL || *focus[0] == '\0'))
		return ipt_setusage("%s rates the focus areas, and no focus is "
		    "chosen yet (ipt focus set)", in->name);
	if (!res->has_items)
		return 0;
	for (i = 0; i < in->nitems; i++) {
		if (in->item[i].area == NULL)
			continue;
		if (is_focus(focus, in->item[i].area)) {
			if (res->na != NULL && res->na[i])
				return ipt_setusage("%s: item %zu (%s) is a "
				    "focus area of the client: rate it",
				    in->name, i + 1, in->item[i].area);
			rated++;
		} else if (res->na == NULL || !res->na[i])
			return ipt_setusage("%s: item %zu (%s) is not a focus "
			    "area of the client (%s%s%s): give NA", in->name,
			    i + 1, in->item[i].area, focus[0],
			    focus[1] != NULL && *focus[1] ? ", " : "",
			    focus[1] != NULL ? focus[1] : "");
	}
	if (rated == 0)
		return ipt_setusage("%s has no item for the client's focus "
		    "(%s)", in->name, focus[0]);
	return 0;
}

int
measure_add(const char *dir, const struct instr_set *set,
    const struct measure_input *mi, struct measure_added *out)
{
	struct csv_table *sessions, *measures;
	struct txn tx;
	char why[ENTRY_WHY];
	long day, n, today, held = -1;
	size_t line;
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
	} else if (mi->times) {
		if (score_times(out->in, mi, out) == -1)
			goto fail;
	} else if (instr_score(out->in, mi->items, mi->nitems, mi->positions,
	    &out->res) == -1)
		return -1;
	if (areas_ok(out->in, &out->res, mi->focus) == -1)
		goto fail;
	if (mi->occurrences != NULL && (mi->total != NULL || mi->times ||
	    mi->positions)) {
		ipt_setusage("--occurrences: give it with the hits, not with "
		    "--%s", mi->total != NULL ? "total" : mi->times ? "times" :
		    "positions");
		goto fail;
	}
	if (mi->occurrences != NULL && (rhythm_of(out->in,
	    "--occurrences") == -1 || rhythm_check_hits(out->in,
	    "--occurrences", mi->occurrences, mi->items, mi->nitems) == -1))
		goto fail;

	if (date_today(&today) == -1)
		goto fail;
	if (mi->date != NULL && entry_past(day, today, why) == -1) {
		ipt_setusage("--date: %s", why);
		goto fail;
	}
	if (txn_begin(&tx, dir) == -1)
		goto fail;
	if ((sessions = txn_load(&tx, REC_SESSIONS)) == NULL)
		goto out;
	if (mi->session == NULL)
		out->session = measure_session_on(sessions, out->date);
	else if (entry_session(sessions, out->session, mi->date != NULL ?
	    day : -1, &held, why) == -1) {
		ipt_setusage("--session: %s", why);
		goto out;
	} else if (mi->date == NULL && held >= 0) {
		/* The day of the session named. */
		day = held;
		date_format(day, out->date);
	}
	if ((measures = txn_load(&tx, REC_MEASURES)) == NULL)
		goto out;
	if ((line = measure_recorded(measures, out->date, out->in,
	    &out->res)) > 0) {
		ipt_seterr("%s:%zu: this %s of %s is recorded already (the same "
		    "answers and total); nothing changed", measures->path, line,
		    out->in->name, out->date);
		goto out;
	}
	measure_put(measures, out->date, out->session, out->in, &out->res);
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
	free(a->act);
	a->act = NULL;
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

void
measure_derived(const struct instrument *in, const char *items,
    struct buf *subs, struct buf *crit)
{
	struct instr_result r;

	if (in == NULL || (in->nsub == 0 && in->crit == NULL) ||
	    *items == '\0' || instr_score_items(in, items, &r) == -1)
		return;
	instr_describe_subscales(in, &r, subs);
	if (in->crit != NULL)
		buf_printf(crit, "%s %s", in->crit->name, r.crit == 1 ? "met" :
		    r.crit == 0 ? "not met" : "not known");
	instr_result_free(&r);
}

void
measure_add_derived(struct csv_table *t, const struct instr_set *set)
{
	struct buf subs = { 0 }, crit = { 0 };
	size_t i;

	csv_add_col(t, "subscales");
	csv_add_col(t, "criterion");
	for (i = 0; i < t->nrows; i++) {
		buf_reset(&subs);
		buf_reset(&crit);
		measure_derived(instr_find(set, csv_get(t, i, "instrument")),
		    csv_get(t, i, "items"), &subs, &crit);
		csv_set(t, i, "subscales", subs.s != NULL ? subs.s : "");
		csv_set(t, i, "criterion", crit.s != NULL ? crit.s : "");
	}
	buf_free(&subs);
	buf_free(&crit);
}

void
measure_criterion(const struct instrument *in, char *buf, size_t len)
{
	double crit;

	if (len > 0)
		buf[0] = '\0';
	if (in == NULL)
		return;
	if (in->reliable > 0)
		instr_fmt(in, in->reliable, buf, len);
	else if ((crit = instr_reliable_points(in)) > 0)
		snprintf(buf, len, "> %.2f", crit);
}

/*
 * The reviews of risk.csv that close a flag, indexed so that each flag
 * finds its review in O(log n): the rows naming an instrument and a
 * flagged day, sorted by instrument, flagged day, then date and row.
 */
struct review_index {
	const struct csv_table *t;
	size_t		*row;
	size_t		 n;
	int		 ci, cf, cd;
};

static const char *
rcell(const struct csv_table *t, size_t i, int c)
{
	return c == -1 ? "" : t->rows[i].f[c];
}

static const struct review_index *cmp_ix;

static int
cmp_review(const void *a, const void *b)
{
	const struct review_index *x = cmp_ix;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c;

	if ((c = strcmp(rcell(x->t, i, x->ci), rcell(x->t, j, x->ci))) != 0 ||
	    (c = strcmp(rcell(x->t, i, x->cf), rcell(x->t, j, x->cf))) != 0 ||
	    (c = strcmp(rcell(x->t, i, x->cd), rcell(x->t, j, x->cd))) != 0)
		return c;
	return (i > j) - (i < j);
}

static void
review_index(struct review_index *x, const struct csv_table *risk)
{
	size_t i;

	memset(x, 0, sizeof(*x));
	if (risk == NULL || risk->nrows == 0)
		return;
	x->t = risk;
	x->ci = csv_col(risk, "instrument");
	x->cf = csv_col(risk, "flagged");
	x->cd = csv_col(risk, "date");
	x->row = xcalloc(risk->nrows, sizeof(*x->row));
	for (i = 0; i < risk->nrows; i++)
		if (*rcell(risk, i, x->ci) != '\0' &&
		    *rcell(risk, i, x->cf) != '\0')
			x->row[x->n++] = i;
	cmp_ix = x;
	qsort(x->row, x->n, sizeof(*x->row), cmp_review);
	cmp_ix = NULL;
}

/*
 * The first review of flag (inst, flagged) dated on or after it: its row
 * in risk.csv, or -1.
 */
static long
review_find(const struct review_index *x, const char *inst,
    const char *flagged)
{
	size_t lo = 0, hi = x->n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(rcell(x->t, x->row[mid], x->ci), inst)) == 0)
			c = strcmp(rcell(x->t, x->row[mid], x->cf), flagged);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Sorted by date within the key: the first on or after the flag. */
	for (; lo < x->n; lo++) {
		size_t r = x->row[lo];

		if (strcmp(rcell(x->t, r, x->ci), inst) != 0 ||
		    strcmp(rcell(x->t, r, x->cf), flagged) != 0)
			break;
		if (strcmp(rcell(x->t, r, x->cd), flagged) >= 0)
			return (long)r;
	}
	return -1;
}

/*
 * Whether flag i is closed: only a clinician's review closes it (its
 * row's flags hold "reviewed"; the review's date comes from risk.csv).
 * A later administration with no risk item positive is context, not a
 * closure: a positive answer stays open until someone has looked at it.
 */
static void
closure(const struct csv_table *m, const struct review_index *x, size_t i,
    struct risk_flag *f)
{
	long rev;

	f->open = 1;
	f->closed_by = "";
	f->review = -1;
	if (!has_flag(csv_get(m, i, "flags"), "reviewed"))
		return;
	f->open = 0;
	f->closed_by = "review";
	/* The first review note for it, if the journal has one. */
	rev = review_find(x, csv_get(m, i, "instrument"),
	    csv_get(m, i, "date"));
	if (rev >= 0) {
		f->review = rev;
		snprintf(f->closed_on, sizeof(f->closed_on), "%s",
		    csv_get(x->t, (size_t)rev, "date"));
	}
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

static int
cmp_flag(const void *a, const void *b)
{
	const struct risk_flag *x = a, *y = b;
	int c;

	if ((c = strcmp(x->date, y->date)) != 0)
		return c;
	return (x->row > y->row) - (x->row < y->row);
}

int
risk_flags(const struct csv_table *m, const struct csv_table *risk,
    const struct instr_set *set, int all, struct risk_flag **out, size_t *np)
{
	struct review_index x;
	struct risk_flag f, *v = NULL;
	size_t i, n = 0, cap = 0;
	int sorted = 1;
	long s;

	review_index(&x, risk);
	for (i = 0; i < m->nrows; i++) {
		if (!has_flag(csv_get(m, i, "flags"), "risk"))
			continue;
		memset(&f, 0, sizeof(f));
		closure(m, &x, i, &f);
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
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		if (n > 0 && strcmp(v[n - 1].date, f.date) > 0)
			sorted = 0;
		v[n++] = f;
	}
	/* Keep date order even if the file is not in order (stable: row). */
	if (!sorted)
		qsort(v, n, sizeof(*v), cmp_flag);
	free(x.row);
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

/* Whether risk.csv has the row a review would add. */
static int
cmp_str(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;

	return strcmp(*x, *y);
}

/*
 * The reviews risk.csv holds of one day with one note, each as
 * "INSTRUMENT\nFLAGGED", sorted: whether a flag's review is saved
 * already is then a bisection, not a pass over the file for each flag.
 */
static char **
saved_reviews(const struct csv_table *r, const char *day, const char *note,
    size_t *np)
{
	char **v = NULL;
	size_t j, n = 0;
	int cd = csv_col(r, "date"), ci = csv_col(r, "instrument"),
	    cf = csv_col(r, "flagged"), cn = csv_col(r, "note");

	if (cd != -1 && ci != -1 && cf != -1 && cn != -1)
		for (j = 0; j < r->nrows; j++)
			if (strcmp(r->rows[j].f[cd], day) == 0 &&
			    strcmp(r->rows[j].f[cn], note) == 0) {
				v = xreallocarray(v, n + 1, sizeof(*v));
				v[n++] = xasprintf("%s\n%s", r->rows[j].f[ci],
				    r->rows[j].f[cf]);
			}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_str);
	*np = n;
	return v;
}

static int
saved_review(char *const *v, size_t n, const char *inst, const char *flagged)
{
	char *k;
	int found;

	if (n == 0)
		return 0;
	k = xasprintf("%s\n%s", inst, flagged);
	found = bsearch(&k, v, n, sizeof(*v), cmp_str) != NULL;

	free(k);
	return found;
}

/* Whether a failed commit had replaced dir's risk.csv (atomic.h). */
static int
review_saved(const char *dir)
{
	const char *const *files;
	char *path = path_join(dir, "risk.csv");
	size_t n, i;
	int yes = 0;

	files = atomic_changed(&n);
	for (i = 0; i < n; i++)
		yes |= strcmp(files[i], path) == 0;
	free(path);
	return yes;
}

void
risk_state(const struct csv_table *r, struct risk_state *st)
{
	const char *d, *lv;
	size_t i;
	int cd, cl, cn;

	memset(st, 0, sizeof(*st));
	if (r == NULL)
		return;
	cd = csv_col(r, "date");
	cl = csv_col(r, "level");
	cn = csv_col(r, "next");
	for (i = 0; i < r->nrows; i++) {
		d = rcell(r, i, cd);
		lv = rcell(r, i, cl);
		if (*lv != '\0' && strcmp(d, st->level_on) >= 0) {
			snprintf(st->level, sizeof(st->level), "%s", lv);
			snprintf(st->level_on, sizeof(st->level_on), "%s", d);
			st->level_row = i;
			st->level_line = r->rows[i].line;
		}
		if (strcmp(d, st->last) < 0)
			continue;	/* an earlier review, after a later row */
		if (strcmp(d, st->last) > 0)
			st->next[0] = '\0';
		snprintf(st->last, sizeof(st->last), "%s", d);
		if (*rcell(r, i, cn) != '\0')
			snprintf(st->next, sizeof(st->next), "%s",
			    rcell(r, i, cn));
	}
}

/* One row of risk.csv for a review. */
static void
review_row(struct csv_table *r, const struct risk_review_input *in,
    const char *day, const char *sess, const char *inst, const char *flagged)
{
	size_t row = csv_append(r);

	csv_set(r, row, "date", day);
	csv_set(r, row, "session", sess);
	csv_set(r, row, "instrument", inst);
	csv_set(r, row, "flagged", flagged);
	csv_set(r, row, "note", in->note);
	csv_set(r, row, "level", in->level);
	csv_set(r, row, "safety_plan", in->safety_plan);
	csv_set(r, row, "next", in->next);
}

static const struct risk_flag *cmp_fv;

/* Flags by day and instrument, then row: one note per pair. */
static int
cmp_pair(const void *a, const void *b)
{
	const struct risk_flag *x = &cmp_fv[*(const size_t *)a];
	const struct risk_flag *y = &cmp_fv[*(const size_t *)b];
	int c;

	if ((c = strcmp(x->date, y->date)) != 0 ||
	    (c = strcmp(x->instrument, y->instrument)) != 0)
		return c;
	return (x->row > y->row) - (x->row < y->row);
}

/* The options of a review, checked before anything is read. */
static int
review_args(const struct risk_review_input *in, char day[DATE_LEN])
{
	if (in->date != NULL) {
		if (rec_check_arg(REC_RISK, "date", "--date", in->date) == -1)
			return -1;
		snprintf(day, DATE_LEN, "%s", in->date);
	} else if (day_arg(NULL, day) == -1)
		return -1;
	if (in->note == NULL || *in->note == '\0')
		return ipt_setusage("--note: the review needs a note");
	if (rec_check_arg(REC_RISK, "note", "--note", in->note) == -1)
		return -1;
	if ((in->level != NULL && *in->level == '\0') ||
	    (in->safety_plan != NULL && *in->safety_plan == '\0') ||
	    (in->next != NULL && *in->next == '\0'))
		return ipt_setusage("--%s: empty: give a value or leave the "
		    "option out", in->level != NULL && *in->level == '\0' ?
		    "level" : in->safety_plan != NULL &&
		    *in->safety_plan == '\0' ? "safety-plan" : "next");
	if (in->level != NULL &&
	    rec_check_arg(REC_RISK, "level", "--level", in->level) == -1)
		return -1;
	if (in->safety_plan != NULL && rec_check_arg(REC_RISK, "safety_plan",
	    "--safety-plan", in->safety_plan) == -1)
		return -1;
	if (in->next != NULL) {
		if (rec_check_arg(REC_RISK, "next", "--next", in->next) == -1)
			return -1;
		if (strcmp(in->next, day) <= 0)
			return ipt_setusage("--next: %s: the next review must "
			    "come after this one (%s)", in->next, day);
	}
	return 0;
}

int
risk_review(const char *dir, const struct instr_set *set,
    const struct risk_review_input *in, struct risk_flag **out, size_t *np)
{
	struct csv_table *m, *r, *sessions;
	struct risk_flag *v = NULL;
	struct risk_state st;
	struct txn tx;
	char day[DATE_LEN], sess[24];
	size_t n = 0, i, k, *ix = NULL, nsaved;
	char *first = NULL, **saved;
	long s;
	int rc = -1;

	*out = NULL;
	*np = 0;
	if (review_args(in, day) == -1)
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
	risk_state(r, &st);
	if (n == 0 && in->level == NULL && in->next == NULL &&
	    st.next[0] == '\0' && (st.level[0] == '\0' ||
	    strcmp(st.level, "none") == 0)) {
		ipt_seterr("no risk flag open on %s: nothing to review", day);
		goto out;
	}
	if (n == 0 && strcmp(day, st.last) < 0) {
		ipt_seterr("no risk flag open on %s, and the latest review is "
		    "of %s: a follow-up review cannot come before it", day,
		    st.last);
		goto out;
	}
	s = measure_session_on(sessions, day);
	if (s > 0)
		snprintf(sess, sizeof(sess), "%ld", s);
	else
		sess[0] = '\0';
	if (n == 0)
		review_row(r, in, day, sess, "", "");
	/*
	 * One note per instrument and day of the flags reviewed, in the
	 * order of the flags: the pairs sorted, the first of each marked.
	 */
	ix = xcalloc(n > 0 ? n : 1, sizeof(*ix));
	first = xcalloc(n > 0 ? n : 1, 1);
	for (i = 0; i < n; i++)
		ix[i] = i;
	cmp_fv = v;
	qsort(ix, n, sizeof(*ix), cmp_pair);
	cmp_fv = NULL;
	for (i = 0; i < n; i++)
		first[ix[i]] = i == 0 ||
		    strcmp(v[ix[i - 1]].date, v[ix[i]].date) != 0 ||
		    strcmp(v[ix[i - 1]].instrument, v[ix[i]].instrument) != 0;
	/*
	 * Not a note risk.csv holds already: what a review stopped between
	 * its two files left, which this one completes.
	 */
	saved = saved_reviews(r, day, in->note, &nsaved);
	for (i = 0; i < n; i++)
		if (first[i] && !saved_review(saved, nsaved, v[i].instrument,
		    v[i].date))
			review_row(r, in, day, sess, v[i].instrument,
			    v[i].date);
	for (i = 0; i < nsaved; i++)
		free(saved[i]);
	free(saved);
	for (i = 0; i < n; i++) {
		char *flags;

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
	if (n > 0)
		txn_save(&tx, REC_MEASURES);
	if ((rc = txn_commit(&tx)) == -1 && review_saved(dir)) {
		char *why = xstrdup(ipt_error());

		ipt_seterr("%s; the review is saved and its flag still open: "
		    "run `ipt check --fix' to close it, not a second review",
		    why);
		free(why);
	}
out:
	txn_abort(&tx);
	free(ix);
	free(first);
	if (rc == -1) {
		risk_flags_free(v, n);
		return -1;
	}
	*out = v;
	*np = n;
	return 0;
}
