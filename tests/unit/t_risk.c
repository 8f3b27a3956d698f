/*
 * t_risk.c: unit tests of the risk review state of lib/measure.c on
 * tables built in memory: the level in force and the next review
 * (risk_state), and flags finding their review whatever the order of
 * risk.csv (risk_flags).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "measure.h"
#include "util.h"
#include "tap.h"

static const char *const mcols[] = { "date", "session", "instrument",
    "total", "severity", "items", "flags" };
static const char *const rcols[] = { "date", "session", "instrument",
    "flagged", "note", "level", "safety_plan", "next" };

static void
review(struct csv_table *r, const char *date, const char *instr,
    const char *flagged, const char *level, const char *next)
{
	size_t i = csv_append(r);

	csv_set(r, i, "date", date);
	csv_set(r, i, "instrument", instr);
	csv_set(r, i, "flagged", flagged);
	csv_set(r, i, "note", "n");
	csv_set(r, i, "level", level);
	csv_set(r, i, "next", next);
}

static void
test_state(void)
{
	struct csv_table r;
	struct risk_state st;

	csv_init_table(&r, "risk.csv", rcols, 8);
	risk_state(&r, &st);
	ok(st.last[0] == '\0' && st.level[0] == '\0' && st.next[0] == '\0',
	    "no review: no level, nothing pending");
	review(&r, "2026-10-01", "phq9", "2026-10-01", "high", "2026-10-08");
	risk_state(&r, &st);
	is_str(st.level, "high", "the review's level is in force");
	is_str(st.level_on, "2026-10-01", "since its day");
	is_str(st.next, "2026-10-08", "its next review is pending");
	review(&r, "2026-10-08", "", "", "", "");
	risk_state(&r, &st);
	is_str(st.level, "high", "a later review without a level keeps it");
	is_str(st.next, "", "a later review without --next has done it");
	is_str(st.last, "2026-10-08", "the latest review");
	review(&r, "2026-10-15", "", "", "low", "2026-10-29");
	/* A row of an earlier day after it (a merge): not the latest. */
	review(&r, "2026-10-02", "", "", "moderate", "2026-10-05");
	risk_state(&r, &st);
	is_str(st.level, "low", "a later level lowers it, an earlier row "
	    "after it does not count");
	is_str(st.next, "2026-10-29", "the latest review's next");
	is_int((int)st.level_row, 2, "the row that gave the level");
	csv_free_table(&r);
}

static void
test_index(void)
{
	struct csv_table m, r;
	struct risk_flag *v;
	size_t n, i;
	char d[16], f[16];

	csv_init_table(&m, "measures.csv", mcols, 7);
	csv_init_table(&r, "risk.csv", rcols, 8);
	/* 200 flags; the even ones reviewed, risk.csv in reverse order. */
	for (i = 0; i < 200; i++) {
		size_t k = csv_append(&m);

		snprintf(d, sizeof(d), "2026-%02zu-%02zu", 1 + i / 28,
		    1 + i % 28);
		csv_set(&m, k, "date", d);
		csv_set(&m, k, "instrument", "phq9");
		csv_set(&m, k, "total", "1");
		csv_set(&m, k, "items", "0 0 0 0 0 0 0 0 1");
		csv_set(&m, k, "flags", i % 2 ? "risk" : "risk;reviewed");
	}
	for (i = 200; i-- > 0; ) {
		if (i % 2)
			continue;
		snprintf(d, sizeof(d), "2026-%02zu-%02zu", 1 + i / 28,
		    1 + i % 28);
		snprintf(f, sizeof(f), "2026-%02zu-%02zu", 1 + (i + 1) / 28,
		    1 + (i + 1) % 28);
		/* A later review first, then the first one, of each flag. */
		review(&r, f, "phq9", d, "", "");
		review(&r, d, "phq9", d, "high", "");
	}
	risk_flags(&m, &r, NULL, 1, &v, &n);
	is_int((int)n, 200, "every flag listed");
	for (i = 0; i < n; i++)
		if ((i % 2 == 0) != (!v[i].open && v[i].review >= 0 &&
		    strcmp(v[i].closed_on, v[i].date) == 0 &&
		    strcmp(csv_get(&r, (size_t)v[i].review, "level"),
		    "high") == 0))
			break;
	is_int((int)i, 200, "each reviewed flag finds its first review, "
	    "the open ones none");
	risk_flags_free(v, n);
	/* A file not in date order still lists flags in date order. */
	csv_set(&m, 0, "date", "2026-12-31");
	risk_flags(&m, &r, NULL, 1, &v, &n);
	ok(n == 200 && strcmp(v[199].date, "2026-12-31") == 0 &&
	    v[199].row == 0 && v[0].row == 1, "sorted by date, then row");
	risk_flags_free(v, n);
	csv_free_table(&m);
	csv_free_table(&r);
}

int
main(void)
{
	test_state();
	test_index();
	return tap_done();
}
