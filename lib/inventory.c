/*
 * inventory.c: adding, re-rating, changing and removing the people of
 * the interpersonal inventory, and its current picture.
 *
 * A person is named by the text of the person column, compared exactly.
 * The rows of one person never share a date, so (person, date) names a
 * row whatever its position: two clones of a client merged by git can
 * be checked for duplicates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "inventory.h"
#include "record.h"
#include "txn.h"
#include "util.h"

static const char *const ratings[] = { "closeness", "support", "conflict",
    NULL };

/* Check the values given against the schema, naming their options. */
static int
check_input(const struct inventory_input *in)
{
	const struct {
		const char *col, *opt, *val;
	} map[] = {
		{ "date", "--date", in->date },
		{ "relationship", "--relationship", in->relationship },
		{ "contact", "--contact", in->contact },
		{ "closeness", "--closeness", in->closeness },
		{ "support", "--support", in->support },
		{ "conflict", "--conflict", in->conflict },
		{ "satisfying", "--satisfying", in->satisfying },
		{ "unsatisfying", "--unsatisfying", in->unsatisfying },
		{ "changes_wanted", "--changes", in->changes },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].val != NULL && rec_check_arg(REC_INVENTORY,
		    map[i].col, map[i].opt, map[i].val) == -1)
			return -1;
	return 0;
}

static int
check_person(const char *opt, const char *person)
{
	size_t n = strlen(person);

	if (rec_check_arg(REC_INVENTORY, "person", opt, person) == -1)
		return -1;
	if (person[0] == ' ' || person[0] == '\t' || person[n - 1] == ' ' ||
	    person[n - 1] == '\t')
		return ipt_setusage("%s: '%s' begins or ends with a blank",
		    opt, person);
	return 0;
}

static void
set_if(struct csv_table *t, size_t row, const char *col, const char *val)
{
	if (val != NULL)
		csv_set(t, row, col, val);
}

/* The date given, or today, as YYYY-MM-DD. */
static int
day_of(const char *date, char day[DATE_LEN])
{
	long d;

	if (date != NULL) {
		if (date_parse(date, &d) == -1)
			return ipt_setusage("--date: '%s' is not a valid date "
			    "(YYYY-MM-DD)", date);
	} else if (date_today(&d) == -1)
		return -1;
	date_format(d, day);
	return 0;
}

static long
row_day(const struct csv_table *t, size_t row)
{
	long d;

	return date_parse(csv_get(t, row, "date"), &d) == -1 ? 0 : d;
}

/* The person's latest row, or -1; *n counts the person's rows. */
static long
latest(const struct csv_table *t, const char *person, size_t *n)
{
	size_t i, count = 0;
	long best = -1;

	for (i = 0; i < t->nrows; i++) {
		if (strcmp(csv_get(t, i, "person"), person) != 0)
			continue;
		count++;
		if (best == -1 || row_day(t, i) > row_day(t, (size_t)best))
			best = (long)i;
	}
	if (n != NULL)
		*n = count;
	return best;
}

/* The person's row of a date, or -1. */
static long
row_on(const struct csv_table *t, const char *person, const char *day)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (strcmp(csv_get(t, i, "person"), person) == 0 &&
		    strcmp(csv_get(t, i, "date"), day) == 0)
			return (long)i;
	return -1;
}

static int
no_person(const struct csv_table *t, const char *person)
{
	return ipt_seterr("%s: no person '%s' in the inventory (see ipt "
	    "inventory list)", t->path, person);
}

/* Begin and load the inventory; NULL (nothing held) on failure. */
static struct csv_table *
begin(const char *dir, struct txn *tx)
{
	struct csv_table *t;

	if (txn_begin(tx, dir) == -1)
		return NULL;
	if ((t = txn_load(tx, REC_INVENTORY)) == NULL)
		txn_abort(tx);
	return t;
}

/* Commit if rc is 0, else abort: nothing written. */
static int
end(struct txn *tx, int rc)
{
	if (rc == 0) {
		txn_save(tx, REC_INVENTORY);
		return txn_commit(tx);
	}
	txn_abort(tx);
	return rc;
}

int
inventory_add(const char *dir, const char *person,
    const struct inventory_input *in)
{
	struct txn tx;
	struct csv_table *t;
	char day[DATE_LEN];
	size_t row;
	int rc = -1;

	if (check_person("person", person) == -1 || check_input(in) == -1)
		return -1;
	if (in->relationship == NULL)
		return ipt_setusage("--relationship is required (partner, "
		    "mother, friend, ...)");
	if (day_of(in->date, day) == -1 || (t = begin(dir, &tx)) == NULL)
		return -1;
	if (latest(t, person, NULL) != -1) {
		ipt_seterr("%s: '%s' is already in the inventory; use "
		    "inventory rate or inventory edit", t->path, person);
		goto out;
	}
	row = csv_append(t);
	csv_set(t, row, "date", day);
	csv_set(t, row, "person", person);
	set_if(t, row, "relationship", in->relationship);
	set_if(t, row, "contact", in->contact);
	set_if(t, row, "closeness", in->closeness);
	set_if(t, row, "support", in->support);
	set_if(t, row, "conflict", in->conflict);
	set_if(t, row, "satisfying", in->satisfying);
	set_if(t, row, "unsatisfying", in->unsatisfying);
	set_if(t, row, "changes_wanted", in->changes);
	rc = 0;
out:
	return end(&tx, rc);
}

int
inventory_rate(const char *dir, const char *person,
    const struct inventory_input *in)
{
	struct inventory_input r = { 0 };
	struct txn tx;
	struct csv_table *t;
	char day[DATE_LEN];
	size_t row, j;
	long last, d;
	int rc = -1;

	r.date = in->date;
	r.closeness = in->closeness;
	r.support = in->support;
	r.conflict = in->conflict;
	if (check_person("person", person) == -1 || check_input(&r) == -1)
		return -1;
	if (r.closeness == NULL && r.support == NULL && r.conflict == NULL)
		return ipt_setusage("give at least one of --closeness, "
		    "--support and --conflict");
	if (day_of(r.date, day) == -1 || (t = begin(dir, &tx)) == NULL)
		return -1;
	if ((last = latest(t, person, NULL)) == -1) {
		no_person(t, person);
		goto out;
	}
	date_parse(day, &d);
	if (d <= row_day(t, (size_t)last)) {
		ipt_setusage("--date: %s is not after the latest rating of "
		    "'%s' (%s); use inventory edit to change that one", day,
		    person, csv_get(t, (size_t)last, "date"));
		goto out;
	}
	/* Copy every column, unknown ones included, then set the new ones. */
	row = csv_append(t);
	for (j = 0; j < t->ncols; j++) {
		free(t->rows[row].f[j]);
		t->rows[row].f[j] = xstrdup(t->rows[last].f[j]);
	}
	csv_set(t, row, "date", day);
	set_if(t, row, "closeness", r.closeness);
	set_if(t, row, "support", r.support);
	set_if(t, row, "conflict", r.conflict);
	rc = 0;
out:
	return end(&tx, rc);
}

int
inventory_edit(const char *dir, const char *person, const char *on,
    const char *rename, const struct inventory_input *in)
{
	struct txn tx;
	struct csv_table *t;
	char day[DATE_LEN];
	size_t i;
	long row, other;
	int rc = -1;

	if (check_person("person", person) == -1 || check_input(in) == -1 ||
	    (rename != NULL && check_person("--rename", rename) == -1))
		return -1;
	if (on != NULL && rec_check_arg(REC_INVENTORY, "date", "--on",
	    on) == -1)
		return -1;
	if (in->date == NULL && in->relationship == NULL &&
	    in->contact == NULL && in->closeness == NULL &&
	    in->support == NULL && in->conflict == NULL &&
	    in->satisfying == NULL && in->unsatisfying == NULL &&
	    in->changes == NULL && rename == NULL)
		return ipt_setusage("nothing to change: give an option such "
		    "as --closeness or --contact");
	if ((t = begin(dir, &tx)) == NULL)
		return -1;
	if (latest(t, person, NULL) == -1) {
		no_person(t, person);
		goto out;
	}
	if (on != NULL) {
		if ((row = row_on(t, person, on)) == -1) {
			ipt_seterr("%s: '%s' has no rating on %s", t->path,
			    person, on);
			goto out;
		}
	} else
		row = latest(t, person, NULL);
	if (in->date != NULL) {
		if (day_of(in->date, day) == -1)
			goto out;
		other = row_on(t, person, day);
		if (other != -1 && other != row) {
			ipt_setusage("--date: '%s' already has a rating on %s",
			    person, day);
			goto out;
		}
		csv_set(t, (size_t)row, "date", day);
	}
	if (rename != NULL && strcmp(rename, person) != 0 &&
	    latest(t, rename, NULL) != -1) {
		ipt_setusage("--rename: '%s' is already in the inventory",
		    rename);
		goto out;
	}
	set_if(t, (size_t)row, "contact", in->contact);
	set_if(t, (size_t)row, "closeness", in->closeness);
	set_if(t, (size_t)row, "support", in->support);
	set_if(t, (size_t)row, "conflict", in->conflict);
	set_if(t, (size_t)row, "satisfying", in->satisfying);
	set_if(t, (size_t)row, "unsatisfying", in->unsatisfying);
	set_if(t, (size_t)row, "changes_wanted", in->changes);
	for (i = 0; i < t->nrows; i++) {
		if (strcmp(csv_get(t, i, "person"), person) != 0)
			continue;
		set_if(t, i, "relationship", in->relationship);
		set_if(t, i, "person", rename);
	}
	rc = 0;
out:
	return end(&tx, rc);
}

int
inventory_rm(const char *dir, const char *person, const char *on,
    size_t *removed)
{
	struct txn tx;
	struct csv_table *t;
	size_t i;
	int rc = -1;

	*removed = 0;
	if (check_person("person", person) == -1)
		return -1;
	if (on != NULL && rec_check_arg(REC_INVENTORY, "date", "--on",
	    on) == -1)
		return -1;
	if ((t = begin(dir, &tx)) == NULL)
		return -1;
	if (latest(t, person, NULL) == -1) {
		no_person(t, person);
		goto out;
	}
	for (i = t->nrows; i-- > 0;) {
		if (strcmp(csv_get(t, i, "person"), person) != 0)
			continue;
		if (on != NULL && strcmp(csv_get(t, i, "date"), on) != 0)
			continue;
		csv_remove(t, i);
		(*removed)++;
	}
	if (*removed == 0) {
		ipt_seterr("%s: '%s' has no rating on %s", t->path, person, on);
		goto out;
	}
	rc = 0;
out:
	return end(&tx, rc);
}

/* Latest minus first rating, signed; empty unless both are given. */
static void
change(char *buf, size_t len, const char *first, const char *last)
{
	long a, b;

	buf[0] = '\0';
	if (parse_long(first, 1, 5, &a) == -1 || parse_long(last, 1, 5, &b) == -1)
		return;
	if (b > a)
		snprintf(buf, len, "+%ld", b - a);
	else
		snprintf(buf, len, "%ld", b - a);
}

void
inventory_current(const struct csv_table *all, struct csv_table *out)
{
	const char *extra[] = { "baseline", "closeness_change",
	    "support_change", "conflict_change" };
	const char **cols;
	char buf[16], *col;
	size_t i, j, k, row;
	long last, first;

	cols = xcalloc(all->ncols + 4, sizeof(*cols));
	for (j = 0; j < all->ncols; j++)
		cols[j] = all->cols[j];
	for (k = 0; k < 4; k++)
		cols[all->ncols + k] = extra[k];
	csv_init_table(out, all->path, cols, all->ncols + 4);
	free(cols);
	for (i = 0; i < all->nrows; i++) {
		const char *person = csv_get(all, i, "person");

		/* Only at a person's first row in the file. */
		for (j = 0; j < i; j++)
			if (strcmp(csv_get(all, j, "person"), person) == 0)
				break;
		if (j < i)
			continue;
		last = first = (long)i;
		for (j = i + 1; j < all->nrows; j++) {
			if (strcmp(csv_get(all, j, "person"), person) != 0)
				continue;
			if (row_day(all, j) > row_day(all, (size_t)last))
				last = (long)j;
			if (row_day(all, j) < row_day(all, (size_t)first))
				first = (long)j;
		}
		row = csv_append(out);
		for (j = 0; j < all->ncols; j++)
			csv_set(out, row, all->cols[j],
			    all->rows[last].f[j]);
		csv_set(out, row, "baseline",
		    csv_get(all, (size_t)first, "date"));
		for (k = 0; ratings[k] != NULL; k++) {
			change(buf, sizeof(buf),
			    csv_get(all, (size_t)first, ratings[k]),
			    csv_get(all, (size_t)last, ratings[k]));
			col = xasprintf("%s_change", ratings[k]);
			csv_set(out, row, col, buf);
			free(col);
		}
	}
}
