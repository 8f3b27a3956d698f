/*
 * appointment.c: plan, move, cancel and take appointments (see
 * appointment.h), each change one transaction on appointments.csv.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appointment.h"
#include "date.h"
#include "record.h"
#include "txn.h"
#include "util.h"

#define MAXID	9999

int
appt_time_ok(const char *opt, const char *t)
{
	if (strlen(t) != 5 || t[2] != ':' || t[0] < '0' || t[0] > '2' ||
	    t[1] < '0' || t[1] > '9' || t[3] < '0' || t[3] > '5' ||
	    t[4] < '0' || t[4] > '9' || (t[0] == '2' && t[1] > '3'))
		return ipt_setusage("%s: '%s' is not a time HH:MM, 00:00 to "
		    "23:59", opt, t);
	return 0;
}

int
appt_minutes(const char *t)
{
	return ((t[0] - '0') * 10 + t[1] - '0') * 60 + (t[3] - '0') * 10 +
	    t[4] - '0';
}

static long
row_id(const struct csv_table *t, size_t row)
{
	long n;

	return parse_long(csv_get(t, row, "id"), 1, MAXID, &n) == -1 ? 0 : n;
}

/* The row of appointment id (a string given on the command line). */
static long
find(const struct csv_table *t, const char *id)
{
	long n;
	size_t i;

	if (parse_long(id, 1, MAXID, &n) == -1)
		return ipt_setusage("id: '%s' is not a whole number from 1 to "
		    "%d", id, MAXID);
	for (i = 0; i < t->nrows; i++)
		if (row_id(t, i) == n)
			return (long)i;
	return ipt_setusage("%s: no appointment %s", t->path, id);
}

/* Check what was given: every value before the lock is taken. */
static int
check_input(const struct appt_input *in)
{
	long d;

	if (in->date != NULL && (rec_check_arg(REC_APPOINTMENTS, "date",
	    "--date", in->date) == -1 || date_parse(in->date, &d) == -1))
		return -1;
	if (in->time != NULL && appt_time_ok("--time", in->time) == -1)
		return -1;
	if (in->duration != NULL && rec_check_arg(REC_APPOINTMENTS,
	    "duration_min", "--duration", in->duration) == -1)
		return -1;
	if (in->note != NULL && rec_check_arg(REC_APPOINTMENTS, "note",
	    "--note", in->note) == -1)
		return -1;
	return 0;
}

/* No other planned appointment starts at the same day and time. */
static int
clash(const struct csv_table *t, long self, const char *date,
    const char *time)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if ((long)i != self &&
		    strcmp(csv_get(t, i, "status"), "planned") == 0 &&
		    strcmp(csv_get(t, i, "date"), date) == 0 &&
		    strcmp(csv_get(t, i, "time"), time) == 0)
			return ipt_setusage("%s: appointment %s is already "
			    "planned on %s at %s", t->path, csv_get(t, i, "id"),
			    date, time);
	return 0;
}

static struct csv_table *
begin(const char *dir, struct txn *tx)
{
	struct csv_table *t;

	if (txn_begin(tx, dir) == -1)
		return NULL;
	if ((t = txn_load(tx, REC_APPOINTMENTS)) == NULL)
		txn_abort(tx);
	return t;
}

static int
end(struct txn *tx, int rc)
{
	if (rc == 0) {
		txn_save(tx, REC_APPOINTMENTS);
		return txn_commit(tx);
	}
	txn_abort(tx);
	return rc;
}

int
appt_plan(const char *dir, const struct appt_input *in, long *id)
{
	struct txn tx;
	struct csv_table *t;
	char num[24], dur[16];
	long max = 0, today, d;
	size_t i, row;
	int rc = -1;

	if (in->date == NULL || in->time == NULL)
		return ipt_setusage("an appointment needs --date and --time");
	if (check_input(in) == -1 || date_today(&today) == -1)
		return -1;
	date_parse(in->date, &d);
	if (d < today)
		return ipt_setusage("--date: %s is in the past; session add "
		    "records a session held", in->date);
	if ((t = begin(dir, &tx)) == NULL)
		return -1;
	if (clash(t, -1, in->date, in->time) == -1)
		goto out;
	for (i = 0; i < t->nrows; i++)
		if (row_id(t, i) > max)
			max = row_id(t, i);
	if (max >= MAXID) {
		ipt_seterr("%s: no id left after %d", t->path, MAXID);
		goto out;
	}
	*id = max + 1;
	snprintf(num, sizeof(num), "%ld", *id);
	snprintf(dur, sizeof(dur), "%d", APPT_DURATION);
	row = csv_append(t);
	csv_set(t, row, "id", num);
	csv_set(t, row, "date", in->date);
	csv_set(t, row, "time", in->time);
	csv_set(t, row, "duration_min", in->duration != NULL ? in->duration :
	    dur);
	csv_set(t, row, "status", "planned");
	if (in->note != NULL)
		csv_set(t, row, "note", in->note);
	rc = 0;
out:
	return end(&tx, rc);
}

/* The row of a planned appointment, or -1 with why. */
static long
planned(const struct csv_table *t, const char *id)
{
	long row;

	if ((row = find(t, id)) == -1)
		return -1;
	if (strcmp(csv_get(t, (size_t)row, "status"), "planned") != 0)
		return ipt_seterr("%s: appointment %s is %s, not planned",
		    t->path, id, csv_get(t, (size_t)row, "status"));
	return row;
}

int
appt_move(const char *dir, const char *id, const struct appt_input *in)
{
	struct txn tx;
	struct csv_table *t;
	long row, today, d;
	int rc = -1;

	if (in->date == NULL && in->time == NULL && in->duration == NULL)
		return ipt_setusage("move needs --date, --time or --duration");
	if (check_input(in) == -1 || date_today(&today) == -1)
		return -1;
	if (in->date != NULL) {
		date_parse(in->date, &d);
		if (d < today)
			return ipt_setusage("--date: %s is in the past",
			    in->date);
	}
	if ((t = begin(dir, &tx)) == NULL)
		return -1;
	if ((row = planned(t, id)) == -1)
		goto out;
	if (clash(t, row, in->date != NULL ? in->date :
	    csv_get(t, (size_t)row, "date"), in->time != NULL ? in->time :
	    csv_get(t, (size_t)row, "time")) == -1)
		goto out;
	if (in->date != NULL)
		csv_set(t, (size_t)row, "date", in->date);
	if (in->time != NULL)
		csv_set(t, (size_t)row, "time", in->time);
	if (in->duration != NULL)
		csv_set(t, (size_t)row, "duration_min", in->duration);
	if (in->note != NULL)
		csv_set(t, (size_t)row, "note", in->note);
	rc = 0;
out:
	return end(&tx, rc);
}

int
appt_cancel(const char *dir, const char *id, const char *note)
{
	struct txn tx;
	struct csv_table *t;
	long row;
	int rc = -1;

	if (note != NULL && rec_check_arg(REC_APPOINTMENTS, "note", "--note",
	    note) == -1)
		return -1;
	if ((t = begin(dir, &tx)) == NULL)
		return -1;
	if ((row = planned(t, id)) == -1)
		goto out;
	csv_set(t, (size_t)row, "status", "cancelled");
	if (note != NULL)
		csv_set(t, (size_t)row, "note", note);
	rc = 0;
out:
	return end(&tx, rc);
}

int
appt_take(struct csv_table *t, const char *day, long number,
    const char *status)
{
	char num[24];
	size_t i;
	long best = -1;

	/* The earliest planned appointment of the day. */
	for (i = 0; i < t->nrows; i++)
		if (strcmp(csv_get(t, i, "status"), "planned") == 0 &&
		    strcmp(csv_get(t, i, "date"), day) == 0 && (best == -1 ||
		    strcmp(csv_get(t, i, "time"),
		    csv_get(t, (size_t)best, "time")) < 0))
			best = (long)i;
	if (best == -1)
		return 0;
	snprintf(num, sizeof(num), "%ld", number);
	csv_set(t, (size_t)best, "status", status);
	csv_set(t, (size_t)best, "session", num);
	return 1;
}
