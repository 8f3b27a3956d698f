/*
 * formulation.c: recording and revising the interpersonal formulation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "date.h"
#include "formulation.h"
#include "git.h"
#include "record.h"
#include "txn.h"
#include "util.h"
#include "variant.h"

long
formulation_latest(const struct csv_table *t, long day)
{
	size_t i;
	long d;

	for (i = t->nrows; i > 0; i--)
		if (day < 0 || (date_parse(csv_get(t, i - 1, "date"),
		    &d) == 0 && d <= day))
			return (long)i - 1;
	return -1;
}

/* Is s a value of column col of some row of t? */
static int
in_column(const struct csv_table *t, const char *col, const char *s)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (strcmp(csv_get(t, i, col), s) == 0)
			return 1;
	return 0;
}

/* Check what is given, before the lock: usage errors. */
static int
check_input(const struct formulation_input *in)
{
	size_t i;

	if (in->date != NULL && rec_check_arg(REC_FORMULATION, "date",
	    "--date", in->date) == -1)
		return -1;
	if (in->agreed != NULL && rec_check_arg(REC_FORMULATION, "agreed",
	    "--agreed", in->agreed) == -1)
		return -1;
	if (in->words != NULL && rec_check_arg(REC_FORMULATION, "words",
	    "--words", in->words) == -1)
		return -1;
	if (in->text != NULL && rec_check_arg(REC_FORMULATION, "text",
	    "text", in->text) == -1)
		return -1;
	for (i = 0; i < in->npeople; i++)
		if (*in->people[i] == '\0' || strchr(in->people[i], ';') !=
		    NULL || rec_check_arg(REC_INVENTORY, "person",
		    "--person", in->people[i]) == -1)
			return ipt_setusage("--person: '%s' is not a person's "
			    "name of the inventory", in->people[i]);
	for (i = 0; i < in->nevents; i++)
		if (rec_check_arg(REC_TIMELINE, "date", "--event",
		    in->events[i]) == -1)
			return -1;
	return 0;
}

/* Join a list with sep into b (reset first). */
static void
join(struct buf *b, const char *const *v, size_t n, const char *sep)
{
	size_t i;

	buf_reset(b);
	buf_adds(b, "");
	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i > 0 ? sep : "", v[i]);
}

static int
record(const struct client *c, const struct formulation_input *in,
    int revise, long *id)
{
	struct txn tx;
	struct csv_table *t, *inv, *tl;
	const struct variant *v;
	const char *area;
	struct buf people = { 0 }, events = { 0 };
	char day[DATE_LEN], agreed[DATE_LEN], num[32];
	long d, a, prev = -1, last;
	size_t i, row;
	int rc = -1;

	if (check_input(in) == -1)
		return -1;
	if (!revise && in->text == NULL)
		return ipt_setusage("the text of the formulation is required");
	if (in->date == NULL) {
		if (date_today(&d) == -1)
			return -1;
	} else
		date_parse(in->date, &d);
	date_format(d, day);
	if (in->agreed != NULL) {
		date_parse(in->agreed, &a);
		if (a < d)
			return ipt_setusage("--agreed: %s is before the "
			    "formulation's date, %s", in->agreed, day);
		date_format(a, agreed);
	}
	if (txn_begin(&tx, c->dir) == -1)
		return -1;
	if ((t = txn_load(&tx, REC_FORMULATION)) == NULL ||
	    (inv = txn_load(&tx, REC_INVENTORY)) == NULL ||
	    (tl = txn_load(&tx, REC_TIMELINE)) == NULL)
		goto out;
	last = t->nrows > 0 ? (long)t->nrows - 1 : -1;
	if (!revise && last >= 0) {
		ipt_setusage("%s: a formulation is recorded (revision %s of "
		    "%s): revise it (ipt formulation revise)", t->path,
		    csv_get(t, (size_t)last, "id"), csv_get(t, (size_t)last,
		    "date"));
		goto out;
	}
	if (revise && last < 0) {
		ipt_setusage("%s: no formulation to revise (ipt formulation "
		    "add)", t->path);
		goto out;
	}
	if (last >= 0 && date_parse(csv_get(t, (size_t)last, "date"),
	    &prev) == 0 && d < prev) {
		ipt_setusage("--date: %s is before the last revision (%s); "
		    "revisions are kept in date order", day,
		    csv_get(t, (size_t)last, "date"));
		goto out;
	}
	area = in->area;
	if (area == NULL && last >= 0)
		area = csv_get(t, (size_t)last, "area");
	if (area == NULL && *c->primary != '\0')
		area = c->primary;
	if (area == NULL) {
		ipt_setusage("--area is required: no focus is chosen yet");
		goto out;
	}
	if (variant_get(c->root, c->variant, &v) == -1)
		goto out;
	if (variant_area_ok(v, area) == -1) {
		ipt_setusage("--area: %s", ipt_error());
		goto out;
	}
	for (i = 0; i < in->npeople; i++)
		if (!in_column(inv, "person", in->people[i])) {
			ipt_setusage("--person: %s is not in the inventory "
			    "(%s)", in->people[i], inv->path);
			goto out;
		}
	for (i = 0; i < in->nevents; i++)
		if (!in_column(tl, "date", in->events[i])) {
			ipt_setusage("--event: no event of the timeline on %s "
			    "(%s)", in->events[i], tl->path);
			goto out;
		}
	if (in->npeople > 0)
		join(&people, in->people, in->npeople, "; ");
	if (in->nevents > 0)
		join(&events, in->events, in->nevents, ";");
	*id = last >= 0 ? rec_number(csv_get(t, (size_t)last, "id")) + 1 : 1;
	if (*id > 9999) {
		ipt_seterr("%s: 9999 revisions already", t->path);
		goto out;
	}
	row = csv_append(t);
	snprintf(num, sizeof(num), "%ld", *id);
	csv_set(t, row, "id", num);
	csv_set(t, row, "date", day);
	csv_set(t, row, "area", area);
	/* What is not given is copied, but for the agreement: see .h. */
	csv_set(t, row, "people", in->npeople > 0 ? people.s : last >= 0 ?
	    csv_get(t, (size_t)last, "people") : "");
	csv_set(t, row, "events", in->nevents > 0 ? events.s : last >= 0 ?
	    csv_get(t, (size_t)last, "events") : "");
	csv_set(t, row, "words", in->words != NULL ? in->words : last >= 0 ?
	    csv_get(t, (size_t)last, "words") : "");
	csv_set(t, row, "agreed", in->agreed != NULL ? agreed : "");
	csv_set(t, row, "text", in->text != NULL ? in->text :
	    csv_get(t, (size_t)last, "text"));
	txn_save(&tx, REC_FORMULATION);
	if ((rc = txn_commit(&tx)) == 0)
		git_note("formulation revision %ld", *id);
out:
	txn_abort(&tx);
	buf_free(&people);
	buf_free(&events);
	return rc;
}

int
formulation_add(const struct client *c, const struct formulation_input *in,
    long *id)
{
	return record(c, in, 0, id);
}

int
formulation_revise(const struct client *c,
    const struct formulation_input *in, long *id)
{
	return record(c, in, 1, id);
}
