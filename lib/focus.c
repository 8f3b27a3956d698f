/*
 * focus.c: choosing the problem-area focus.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "date.h"
#include "focus.h"
#include "git.h"
#include "record.h"
#include "session.h"
#include "txn.h"
#include "util.h"
#include "variant.h"

static int
area_ok(const struct variant *v, const char *opt, const char *area)
{
	if (variant_area_ok(v, area) == -1)
		return ipt_setusage("%s: %s", opt, ipt_error());
	return 0;
}

int
focus_set(struct client *c, const char *primary, const char *secondary,
    const char *date, const char *note)
{
	struct txn tx;
	struct csv_table *t, *s;
	const struct variant *v;
	char day[DATE_LEN], num[32];
	long d, held;
	size_t row;
	int rc = -1;

	if (date != NULL && rec_check_arg(REC_FOCUS, "date", "--date",
	    date) == -1)
		return -1;
	if (note != NULL && rec_check_arg(REC_FOCUS, "note", "--note",
	    note) == -1)
		return -1;
	if (txn_begin(&tx, c->dir) == -1)
		return -1;
	if (client_reload(c, tx.dir) == -1)
		goto out;
	if (variant_get(c->root, c->variant, &v) == -1 ||
	    area_ok(v, "area", primary) == -1)
		goto out;
	if (secondary != NULL && *secondary != '\0') {
		if (area_ok(v, "--secondary", secondary) == -1)
			goto out;
		if (strcmp(primary, secondary) == 0) {
			ipt_setusage("--secondary: the same area as the "
			    "primary focus");
			goto out;
		}
	}
	if (date == NULL) {
		if (date_today(&d) == -1)
			goto out;
	} else
		date_parse(date, &d);
	date_format(d, day);
	if ((s = txn_load(&tx, REC_SESSIONS)) == NULL ||
	    (t = txn_load(&tx, REC_FOCUS)) == NULL)
		goto out;
	if (t->nrows > 0) {
		long prev;

		if (date_parse(csv_get(t, t->nrows - 1, "date"), &prev) == 0 &&
		    d < prev) {
			ipt_setusage("--date: %s is before the last focus "
			    "decision (%s); decisions are kept in date order",
			    day, csv_get(t, t->nrows - 1, "date"));
			goto out;
		}
	}
	held = session_latest_held(s, d);
	row = csv_append(t);
	csv_set(t, row, "date", day);
	if (held > 0) {
		snprintf(num, sizeof(num), "%ld", held);
		csv_set(t, row, "session", num);
	}
	csv_set(t, row, "primary", primary);
	csv_set(t, row, "secondary", secondary != NULL ? secondary : "");
	csv_set(t, row, "note", note != NULL ? note : "");
	if (ini_set(&c->ini, "focus", "primary", primary) == -1 ||
	    ini_set(&c->ini, "focus", "secondary",
	    secondary != NULL ? secondary : "") == -1 ||
	    ini_set(&c->ini, "focus", "set_on", day) == -1)
		goto out;
	/* A client.ini too large to read back is refused before focus.csv. */
	if (ini_fits(&c->ini, c->ini.path != NULL ? c->ini.path :
	    CLIENT_INI) == -1)
		goto out;
	/* History first, then the current focus: see focus.h. */
	txn_save(&tx, REC_FOCUS);
	txn_save_ini(&tx, &c->ini);
	if ((rc = txn_commit(&tx)) == 0) {
		git_note("focus set to %s", primary);
		rc = client_refresh(c);
	}
out:
	txn_abort(&tx);
	return rc;
}
