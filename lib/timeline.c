/*
 * timeline.c: adding events to the interpersonal timeline.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "record.h"
#include "timeline.h"
#include "txn.h"
#include "util.h"

static long
day_of_row(const struct csv_table *t, size_t row)
{
	long d;

	return date_parse(csv_get(t, row, "date"), &d) == -1 ? 0 : d;
}

int
timeline_add(const char *dir, const char *date, const char *kind,
    const char *mood, const char *text)
{
	struct txn tx;
	struct csv_table *t;
	struct csv_row r;
	size_t i, row, at;
	long d;
	int rc = -1;

	if (date == NULL)
		return ipt_setusage("--date is required: the day of the event");
	if (kind == NULL)
		kind = "other";
	if (rec_check_arg(REC_TIMELINE, "date", "--date", date) == -1 ||
	    rec_check_arg(REC_TIMELINE, "kind", "--kind", kind) == -1 ||
	    (mood != NULL && rec_check_arg(REC_TIMELINE, "mood", "--mood",
	    mood) == -1) ||
	    rec_check_arg(REC_TIMELINE, "event", "text", text) == -1)
		return -1;
	date_parse(date, &d);
	if (txn_begin(&tx, dir) == -1)
		return -1;
	if ((t = txn_load(&tx, REC_TIMELINE)) == NULL)
		goto out;
	for (i = 0; i < t->nrows; i++)
		if (strcmp(csv_get(t, i, "date"), date) == 0 &&
		    strcmp(csv_get(t, i, "event"), text) == 0) {
			ipt_seterr("%s: this event is already recorded on %s",
			    t->path, date);
			goto out;
		}
	row = csv_append(t);
	csv_set(t, row, "date", date);
	csv_set(t, row, "kind", kind);
	csv_set(t, row, "event", text);
	csv_set(t, row, "mood", mood != NULL ? mood : "");
	/* Move it after the last event on or before its day. */
	for (at = row; at > 0 && day_of_row(t, at - 1) > d; at--)
		;
	r = t->rows[row];
	memmove(&t->rows[at + 1], &t->rows[at], (row - at) * sizeof(r));
	t->rows[at] = r;
	txn_save(&tx, REC_TIMELINE);
	rc = txn_commit(&tx);
out:
	txn_abort(&tx);
	return rc;
}

void
timeline_sort(struct csv_table *t)
{
	struct csv_row r;
	size_t i, j;
	long d;

	/* Insertion sort: stable, and the table is small and nearly sorted. */
	for (i = 1; i < t->nrows; i++) {
		d = day_of_row(t, i);
		r = t->rows[i];
		for (j = i; j > 0 && day_of_row(t, j - 1) > d; j--)
			t->rows[j] = t->rows[j - 1];
		t->rows[j] = r;
	}
}
