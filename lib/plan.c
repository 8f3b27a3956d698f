/*
 * plan.c: treatment goals and the relapse-prevention plan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "plan.h"
#include "record.h"
#include "txn.h"
#include "util.h"

#define MAXID	9999

static const char *const kind_order[] = { "warning-sign", "action",
    "contact", NULL };

/* The date given, or today, as YYYY-MM-DD. */
static int
day_of(enum rec_file f, const char *date, char day[DATE_LEN])
{
	long d;

	if (date != NULL) {
		if (rec_check_arg(f, f == REC_GOALS ? "set_on" : "date",
		    "--date", date) == -1)
			return -1;
		date_parse(date, &d);
	} else if (date_today(&d) == -1)
		return -1;
	date_format(d, day);
	return 0;
}

static long
row_id(const struct csv_table *t, size_t row)
{
	long n;

	return parse_long(csv_get(t, row, "id"), 1, MAXID, &n) == -1 ? 0 : n;
}

static int
next_id(const struct csv_table *t, long *id)
{
	size_t i;
	long max = 0;

	for (i = 0; i < t->nrows; i++)
		if (row_id(t, i) > max)
			max = row_id(t, i);
	if (max >= MAXID)
		return ipt_seterr("%s: no id left after %d", t->path, MAXID);
	*id = max + 1;
	return 0;
}

static long
find_id(const struct csv_table *t, long id)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (row_id(t, i) == id)
			return (long)i;
	return -1;
}

static int
parse_id(const char *s, long *id)
{
	if (parse_long(s, 1, MAXID, id) == -1)
		return ipt_setusage("id: '%s' is not a whole number from 1 to "
		    "%d", s, MAXID);
	return 0;
}

/* Begin and load file f; NULL (nothing held) on failure. */
static struct csv_table *
begin(const char *dir, enum rec_file f, struct txn *tx)
{
	struct csv_table *t;

	if (txn_begin(tx, dir) == -1)
		return NULL;
	if ((t = txn_load(tx, f)) == NULL)
		txn_abort(tx);
	return t;
}

/* Commit file f if rc is 0, else abort: nothing written. */
static int
end(struct txn *tx, enum rec_file f, int rc)
{
	if (rc == 0) {
		txn_save(tx, f);
		return txn_commit(tx);
	}
	txn_abort(tx);
	return rc;
}

int
goal_add(const char *dir, const char *text, const char *date, long *id)
{
	struct txn tx;
	struct csv_table *t;
	char day[DATE_LEN], num[16];
	size_t i, row;
	int rc = -1;

	if (rec_check_arg(REC_GOALS, "goal", "goal", text) == -1 ||
	    day_of(REC_GOALS, date, day) == -1)
		return -1;
	if ((t = begin(dir, REC_GOALS, &tx)) == NULL)
		return -1;
	for (i = 0; i < t->nrows; i++)
		if (strcmp(csv_get(t, i, "status"), "open") == 0 &&
		    strcmp(csv_get(t, i, "goal"), text) == 0) {
			ipt_seterr("%s: goal %s is already this open goal",
			    t->path, csv_get(t, i, "id"));
			goto out;
		}
	if (next_id(t, id) == -1)
		goto out;
	snprintf(num, sizeof(num), "%ld", *id);
	row = csv_append(t);
	csv_set(t, row, "id", num);
	csv_set(t, row, "set_on", day);
	csv_set(t, row, "goal", text);
	csv_set(t, row, "status", "open");
	rc = 0;
out:
	return end(&tx, REC_GOALS, rc);
}

int
goal_close(const char *dir, const char *ids, const char *status,
    const char *date)
{
	struct txn tx;
	struct csv_table *t;
	char day[DATE_LEN];
	long id, row, d, set;
	int rc = -1;

	if (parse_id(ids, &id) == -1 || day_of(REC_GOALS, date, day) == -1)
		return -1;
	if (rec_check_arg(REC_GOALS, "status", "status", status) == -1)
		return -1;
	if ((t = begin(dir, REC_GOALS, &tx)) == NULL)
		return -1;
	if ((row = find_id(t, id)) == -1) {
		ipt_seterr("%s: no goal %ld (see ipt goal list)", t->path, id);
		goto out;
	}
	if (strcmp(csv_get(t, (size_t)row, "status"), "open") != 0) {
		ipt_seterr("%s: goal %ld is already %s (on %s); see ipt goal "
		    "reopen", t->path, id, csv_get(t, (size_t)row, "status"),
		    csv_get(t, (size_t)row, "closed_on"));
		goto out;
	}
	date_parse(day, &d);
	if (date_parse(csv_get(t, (size_t)row, "set_on"), &set) == 0 &&
	    d < set) {
		ipt_setusage("--date: %s is before the goal was set (%s)", day,
		    csv_get(t, (size_t)row, "set_on"));
		goto out;
	}
	csv_set(t, (size_t)row, "status", status);
	csv_set(t, (size_t)row, "closed_on", day);
	rc = 0;
out:
	return end(&tx, REC_GOALS, rc);
}

int
goal_reopen(const char *dir, const char *ids)
{
	struct txn tx;
	struct csv_table *t;
	long id, row;
	int rc = -1;

	if (parse_id(ids, &id) == -1)
		return -1;
	if ((t = begin(dir, REC_GOALS, &tx)) == NULL)
		return -1;
	if ((row = find_id(t, id)) == -1) {
		ipt_seterr("%s: no goal %ld (see ipt goal list)", t->path, id);
		goto out;
	}
	if (strcmp(csv_get(t, (size_t)row, "status"), "open") == 0) {
		ipt_seterr("%s: goal %ld is open", t->path, id);
		goto out;
	}
	csv_set(t, (size_t)row, "status", "open");
	csv_set(t, (size_t)row, "closed_on", "");
	rc = 0;
out:
	return end(&tx, REC_GOALS, rc);
}

int
relapse_add(const char *dir, const char *kind, const char *text,
    const char *date, long *id)
{
	struct txn tx;
	struct csv_table *t;
	char day[DATE_LEN], num[16];
	size_t i, row;
	int rc = -1;

	if (kind == NULL)
		return ipt_setusage("--kind is required: %s",
		    rec_names(kind_order));
	if (rec_check_arg(REC_RELAPSE, "kind", "--kind", kind) == -1 ||
	    rec_check_arg(REC_RELAPSE, "text", "text", text) == -1 ||
	    day_of(REC_RELAPSE, date, day) == -1)
		return -1;
	if ((t = begin(dir, REC_RELAPSE, &tx)) == NULL)
		return -1;
	for (i = 0; i < t->nrows; i++)
		if (strcmp(csv_get(t, i, "kind"), kind) == 0 &&
		    strcmp(csv_get(t, i, "text"), text) == 0) {
			ipt_seterr("%s: item %s already says this", t->path,
			    csv_get(t, i, "id"));
			goto out;
		}
	if (next_id(t, id) == -1)
		goto out;
	snprintf(num, sizeof(num), "%ld", *id);
	row = csv_append(t);
	csv_set(t, row, "id", num);
	csv_set(t, row, "date", day);
	csv_set(t, row, "kind", kind);
	csv_set(t, row, "text", text);
	rc = 0;
out:
	return end(&tx, REC_RELAPSE, rc);
}

int
relapse_rm(const char *dir, const char *ids)
{
	struct txn tx;
	struct csv_table *t;
	long id, row;
	int rc = -1;

	if (parse_id(ids, &id) == -1)
		return -1;
	if ((t = begin(dir, REC_RELAPSE, &tx)) == NULL)
		return -1;
	if ((row = find_id(t, id)) == -1) {
		ipt_seterr("%s: no item %ld (see ipt relapse list)", t->path,
		    id);
		goto out;
	}
	csv_remove(t, (size_t)row);
	rc = 0;
out:
	return end(&tx, REC_RELAPSE, rc);
}

static int
rank(const struct csv_table *t, size_t row)
{
	int k = rec_lookup(kind_order, csv_get(t, row, "kind"));

	return k == -1 ? 99 : k;
}

void
relapse_sort(struct csv_table *t)
{
	struct csv_row r;
	size_t i, j;
	long id;
	int k;

	for (i = 1; i < t->nrows; i++) {
		k = rank(t, i);
		id = row_id(t, i);
		r = t->rows[i];
		for (j = i; j > 0 && (rank(t, j - 1) > k ||
		    (rank(t, j - 1) == k && row_id(t, j - 1) > id)); j--)
			t->rows[j] = t->rows[j - 1];
		t->rows[j] = r;
	}
}
