/*
 * check_done.c: what a write of two files stopped half way leaves, found
 * by ipt check and completed by ipt check --fix (see ipt-check(1)).
 *
 * ipt risk review saves the review note in risk.csv, then closes the flag
 * in measures.csv (";reviewed" in its flags).  A crash, a kill or a full
 * disk between the two leaves a note whose flag is still open.  That
 * state is safe -- the flag stays on every list until closed -- but a
 * second review would record the same review twice.  check warns of each
 * such flag, and --fix closes it: the review it lacks is the one already
 * in risk.csv.  (focus set's half, a focus.csv decision newer than
 * client.ini's [focus], is check_files.c's and check.c's.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "csvt.h"
#include "record.h"
#include "txn.h"
#include "util.h"

/* Whether the ';'-separated list holds word. */
static int
has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ';') && (p[n] == '\0' || p[n] == ';'))
			return 1;
	return 0;
}

/* Row i of m against a date and an instrument, as strcmp() orders. */
static int
key_cmp(const struct csv_table *m, size_t i, const char *date,
    const char *inst)
{
	int c = strcmp(csv_get(m, i, "date"), date);

	return c != 0 ? c : strcmp(csv_get(m, i, "instrument"), inst);
}

/*
 * The measures rows the risk.csv row j reviewed whose flag is still open:
 * each one's index is passed to fn.  The number found.
 */
static size_t
open_reviewed(const struct csv_table *m, const struct csv_table *r, size_t j,
    const size_t *open, size_t nopen, void (*fn)(size_t, void *), void *arg)
{
	const char *inst = csv_get(r, j, "instrument");
	const char *flagged = csv_get(r, j, "flagged");
	const char *flags;
	size_t i, o, lo, hi, mid, n = 0;

	if (*inst == '\0' || *flagged == '\0')
		return 0;
	/* open is sorted by date and instrument (open_rows()). */
	for (lo = 0, hi = nopen; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		if (key_cmp(m, open[mid], flagged, inst) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (o = lo; o < nopen && key_cmp(m, open[o], flagged, inst) == 0;
	    o++) {
		i = open[o];
		flags = csv_get(m, i, "flags");
		if (!has_word(flags, "risk") || has_word(flags, "reviewed"))
			continue;
		if (fn != NULL)
			fn(i, arg);
		n++;
	}
	return n;
}

static _Thread_local const struct csv_table *sort_m;

static int
cmp_open(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = key_cmp(sort_m, x, csv_get(sort_m, y, "date"),
	    csv_get(sort_m, y, "instrument"));

	return c != 0 ? c : (x > y) - (x < y);
}

/*
 * The rows of m with a flag open, once, sorted by date and instrument: the reviews are compared with
 * these only, so that 10,000 reviewed flags cost one pass, not 10,000.
 */
static size_t *
open_rows(const struct csv_table *m, size_t *n)
{
	size_t *v = xreallocarray(NULL, m->nrows + 1, sizeof(*v)), i;
	const char *flags;

	*n = 0;
	for (i = 0; i < m->nrows; i++) {
		flags = csv_get(m, i, "flags");
		if (has_word(flags, "risk") && !has_word(flags, "reviewed"))
			v[(*n)++] = i;
	}
	sort_m = m;
	if (*n > 0)
		qsort(v, *n, sizeof(*v), cmp_open);
	sort_m = NULL;
	return v;
}

void
check_done(struct ctx *x)
{
	const struct csv_table *m = &x->t[REC_MEASURES], *r = &x->t[REC_RISK];
	size_t j, nopen, *open;

	if (!x->ok[REC_MEASURES] || !x->ok[REC_RISK])
		return;
	open = open_rows(m, &nopen);
	for (j = 0; j < r->nrows && nopen > 0; j++)
		if (open_reviewed(m, r, j, open, nopen, NULL, NULL) > 0)
			check_add(x, "risk.csv", r->rows[j].line, SEV_WARNING,
			    "the review of the %s flag of %s is saved, but "
			    "measures.csv still holds the flag open (an "
			    "interrupted ipt risk review): ipt check --fix "
			    "closes it; do not review it again",
			    csv_get(r, j, "instrument"),
			    csv_get(r, j, "flagged"));
	free(open);
}

static void
close_flag(size_t i, void *arg)
{
	struct csv_table *m = arg;
	char *flags = xasprintf("%s;reviewed", csv_get(m, i, "flags"));

	csv_set(m, i, "flags", flags);
	free(flags);
}

int
check_done_fix(const char *dir, struct buf *log)
{
	struct csv_table *m, *r;
	struct txn tx;
	struct buf what = { 0 };
	size_t j, n = 0, k, nopen, *open;
	int rc = 0;

	if (txn_begin(&tx, dir) == -1) {
		buf_printf(log, "measures.csv: not fixed: %s\n", ipt_error());
		return -1;
	}
	if ((m = txn_load(&tx, REC_MEASURES)) == NULL ||
	    (r = txn_load(&tx, REC_RISK)) == NULL) {
		txn_abort(&tx);
		return 0;	/* check reports why */
	}
	open = open_rows(m, &nopen);
	for (j = 0; j < r->nrows; j++)
		if ((k = open_reviewed(m, r, j, open, nopen, close_flag,
		    m)) > 0) {
			buf_printf(&what, "%s%s of %s", n > 0 ? ", " : "",
			    csv_get(r, j, "instrument"),
			    csv_get(r, j, "flagged"));
			n += k;
		}
	if (n > 0) {
		txn_save(&tx, REC_MEASURES);
		if (txn_commit(&tx) == -1) {
			buf_printf(log, "measures.csv: not fixed: %s\n",
			    ipt_error());
			rc = -1;
		} else
			buf_printf(log, "measures.csv: closed the risk flag%s "
			    "%s, reviewed in risk.csv (an interrupted ipt risk "
			    "review)\n", n == 1 ? "" : "s", what.s);
	}
	txn_abort(&tx);
	free(open);
	buf_free(&what);
	return rc;
}
