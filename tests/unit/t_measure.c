/*
 * t_measure.c: unit tests of lib/measure.c on tables built in memory:
 * change from baseline at the exact boundaries of response, remission
 * and reliable change, percent rounding, when risk flags open and
 * close, and the deterioration rule of protocol.c over those changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "instrument.h"
#include "measure.h"
#include "protocol.h"
#include "util.h"
#include "tap.h"

static const char *const mcols[] = { "date", "session", "instrument",
    "total", "severity", "items", "flags" };
static const char *const rcols[] = { "date", "session", "instrument",
    "flagged", "note" };

static struct instr_set set;

static void
row(struct csv_table *t, const char *date, const char *instr,
    const char *total, const char *items, const char *flags)
{
	size_t r = csv_append(t);

	csv_set(t, r, "date", date);
	csv_set(t, r, "instrument", instr);
	csv_set(t, r, "total", total);
	csv_set(t, r, "items", items);
	csv_set(t, r, "flags", flags);
}

static void
table(struct csv_table *t)
{
	csv_init_table(t, "measures.csv", mcols, 7);
}

/* Change of `name' from total a to total b. */
static void
change2(const char *name, const char *a, const char *b,
    struct measure_change *c)
{
	struct csv_table t;

	table(&t);
	row(&t, "2026-10-01", name, a, "", "");
	row(&t, "2026-11-01", name, b, "", "");
	if (measure_change(&t, name, instr_find(&set, name), c) == -1)
		ok(0, "measure_change %s %s->%s: %s", name, a, b, ipt_error());
	csv_free_table(&t);
}

static void
test_change(void)
{
	struct measure_change c;
	struct csv_table t;

	/* PHQ-9 response: a fall of 50% or more. */
	change2("phq9", "20", "10", &c);
	is_int(c.response, 1, "phq9 20 -> 10: response (exactly 50%%)");
	is_str(c.change, "-10", "phq9 20 -> 10: change -10");
	is_str(c.pct, "-50%", "phq9 20 -> 10: -50%%");
	is_str(measure_direction(&c), "improved", "phq9 fall improved");
	change2("phq9", "20", "11", &c);
	is_int(c.response, 0, "phq9 20 -> 11: no response (45%%)");
	change2("phq9", "15", "7", &c);
	is_int(c.response, 1, "phq9 15 -> 7: response (53%%)");
	change2("phq9", "15", "8", &c);
	is_int(c.response, 0, "phq9 15 -> 8: no response (46.7%%)");
	/* Remission: below 5. */
	change2("phq9", "15", "4", &c);
	is_int(c.remission, 1, "phq9 latest 4: remission");
	change2("phq9", "15", "5", &c);
	is_int(c.remission, 0, "phq9 latest 5: no remission");
	/* Reliable change 6 points, both ways. */
	change2("phq9", "15", "9", &c);
	is_int(c.reliable, 1, "phq9 -6: reliable improvement");
	is_str(measure_reliable(&c), "improved", "reliable text");
	change2("phq9", "15", "10", &c);
	is_int(c.reliable, 0, "phq9 -5: not reliable");
	is_str(measure_reliable(&c), "no change", "not reliable text");
	change2("phq9", "9", "15", &c);
	is_int(c.reliable, -1, "phq9 +6: reliable worsening");
	is_str(measure_direction(&c), "worsened", "phq9 rise worsened");
	is_int(c.response, 0, "phq9 rise: no response");
	change2("phq9", "9", "9", &c);
	is_str(measure_direction(&c), "unchanged", "phq9 same: unchanged");
	is_str(c.change, "0", "phq9 same: change 0");
	is_str(c.pct, "0%", "phq9 same: 0%%");
	/* Percent rounds half away from zero: 1/40 = 2.5%. */
	change2("phq9", "0", "3", &c);
	is_str(c.pct, "", "phq9 from 0: no percent");
	is_int(c.response, -1, "phq9 from 0: response undefined");
	change2("pcl5", "40", "39", &c);
	is_str(c.pct, "-3%", "pcl5 40 -> 39: -2.5%% rounds to -3%%");
	change2("pcl5", "40", "41", &c);
	is_str(c.pct, "+3%", "pcl5 40 -> 41: +2.5%% rounds to +3%%");
	is_int(c.reliable, 0, "pcl5 +1: not reliable");
	change2("pcl5", "40", "35", &c);
	is_int(c.reliable, 1, "pcl5 -5: reliable (5 points)");
	/* HRSD-17 remission: 7 or less. */
	change2("hrsd17", "20", "7", &c);
	is_int(c.remission, 1, "hrsd17 latest 7: remission");
	change2("hrsd17", "20", "8", &c);
	is_int(c.remission, 0, "hrsd17 latest 8: no remission");
	is_int(c.reliable, -2, "hrsd17: no reliable-change threshold");
	is_str(measure_reliable(&c), "", "hrsd17: reliable empty");
	/* A mean, higher is better: SRM-5. */
	change2("srm5", "3.50", "5.25", &c);
	is_str(c.change, "+1.75", "srm5 change +1.75");
	is_str(c.pct, "+50%", "srm5 +50%%");
	is_str(measure_direction(&c), "improved", "srm5 rise improved");
	is_int(c.response, -1, "srm5 has no response rule");
	is_int(c.remission, -1, "srm5 has no remission rule");
	change2("edeq", "3.00", "2.25", &c);
	is_str(c.change, "-0.75", "edeq change -0.75");
	is_str(c.pct, "-25%", "edeq -25%%");
	is_int(c.response, 0, "edeq -25%%: no response");
	/* One administration: nothing but the totals. */
	table(&t);
	row(&t, "2026-10-01", "gad7", "12", "", "");
	measure_change(&t, "gad7", instr_find(&set, "gad7"), &c);
	ok(c.n == 1 && c.baseline == 12 && c.latest == 12 &&
	    c.change[0] == '\0' && c.response == -1 && c.remission == -1 &&
	    c.reliable == -2, "one administration: no change");
	is_str(measure_direction(&c), "", "one administration: no direction");
	/* Baseline and latest by date, not by position. */
	row(&t, "2026-09-01", "gad7", "20", "", "");
	row(&t, "2026-12-01", "gad7", "4", "", "");
	row(&t, "2026-11-01", "gad7", "6", "", "");
	measure_change(&t, "gad7", instr_find(&set, "gad7"), &c);
	ok(c.n == 4 && c.baseline == 20 && c.latest == 4 && c.first == 1 &&
	    c.last == 2, "baseline earliest, latest last by date");
	measure_change(&t, "phq9", instr_find(&set, "phq9"), &c);
	is_int(c.n, 0, "an instrument never given: n = 0");
	/* A stored total that is not one of the instrument. */
	row(&t, "2026-12-02", "gad7", "4.5", "", "");
	ok(measure_change(&t, "gad7", instr_find(&set, "gad7"), &c) == -1 &&
	    strstr(ipt_error(), "'4.5' is not a gad7 total") != NULL,
	    "a decimal gad7 total is an error: %s", ipt_error());
	csv_free_table(&t);
	is_str(measure_yesno(1), "yes", "yesno 1");
	is_str(measure_yesno(0), "no", "yesno 0");
	is_str(measure_yesno(-1), "", "yesno -1");
}

/* Number of open flags (and of all flags) of the tables. */
static size_t
nflags(const struct csv_table *m, const struct csv_table *r, int all,
    struct risk_flag **v)
{
	size_t n;

	risk_flags(m, r, &set, all, v, &n);
	return n;
}

static void
test_flags(void)
{
	struct csv_table m, r;
	struct risk_flag *v;
	size_t n;

	table(&m);
	csv_init_table(&r, "risk.csv", rcols, 5);
	row(&m, "2026-10-01", "phq9", "1", "0 0 0 0 0 0 0 0 1", "risk");
	n = nflags(&m, &r, 0, &v);
	ok(n == 1 && strcmp(v[0].detail, "item 9 = 1") == 0 && v[0].open,
	    "positive item 9 opens a flag");
	risk_flags_free(v, n);
	/* Neither a total alone nor another instrument closes it. */
	row(&m, "2026-10-02", "phq9", "0", "", "");
	row(&m, "2026-10-02", "gad7", "0", "0 0 0 0 0 0 0", "");
	n = nflags(&m, &r, 0, &v);
	is_int(n, 1, "a total alone and another instrument: still open");
	risk_flags_free(v, n);
	/* An earlier answer at 0 (back-dated) does not close it. */
	row(&m, "2026-09-30", "phq9", "0", "0 0 0 0 0 0 0 0 0", "");
	n = nflags(&m, &r, 0, &v);
	is_int(n, 1, "an earlier answer at 0: still open");
	risk_flags_free(v, n);
	/* A same-day answer at 0 entered before it does not close it. */
	csv_free_table(&m);
	table(&m);
	row(&m, "2026-10-01", "phq9", "0", "0 0 0 0 0 0 0 0 0", "");
	row(&m, "2026-10-01", "phq9", "2", "0 0 0 0 0 0 0 0 2", "risk");
	n = nflags(&m, &r, 0, &v);
	is_int(n, 1, "same day, answer at 0 before: still open");
	risk_flags_free(v, n);
	/*
	 * Nor one entered after it on the same day, nor a later day's: a
	 * later answer below the threshold is context; only a review
	 * closes the flag.
	 */
	row(&m, "2026-10-01", "phq9", "0", "0 0 0 0 0 0 0 0 0", "");
	row(&m, "2026-10-08", "phq9", "0", "0 0 0 0 0 0 0 0 0", "");
	n = nflags(&m, &r, 0, &v);
	is_int(n, 1, "later answers at 0, same day and next: still open");
	risk_flags_free(v, n);
	n = nflags(&m, &r, 1, &v);
	ok(n == 1 && v[0].open && strcmp(v[0].closed_by, "") == 0 &&
	    strcmp(v[0].closed_on, "") == 0,
	    "--all: open, not closed by a measure");
	risk_flags_free(v, n);

	/* Reviews: the mark closes; a journal row alone does not. */
	csv_free_table(&m);
	table(&m);
	row(&m, "2026-10-05", "epds", "21", "0 0 3 0 3 3 3 3 3 3", "risk");
	row(&m, "2026-10-06", "epds", "20", "0 0 3 0 3 3 3 3 3 2", "risk");
	csv_append(&r);
	csv_set(&r, 0, "date", "2026-10-06");
	csv_set(&r, 0, "instrument", "epds");
	csv_set(&r, 0, "flagged", "2026-10-05");
	csv_set(&r, 0, "note", "seen");
	n = nflags(&m, &r, 0, &v);
	is_int(n, 2, "a risk.csv row without the mark closes nothing");
	risk_flags_free(v, n);
	csv_set(&m, 0, "flags", "risk;reviewed");
	n = nflags(&m, &r, 0, &v);
	ok(n == 1 && strcmp(v[0].date, "2026-10-06") == 0 &&
	    strcmp(v[0].detail, "item 10 = 2") == 0,
	    "the reviewed flag closes, the later one stays open");
	risk_flags_free(v, n);
	n = nflags(&m, &r, 1, &v);
	ok(n == 2 && !v[0].open && strcmp(v[0].closed_by, "review") == 0 &&
	    strcmp(v[0].closed_on, "2026-10-06") == 0 && v[1].open,
	    "--all: reviewed on 2026-10-06 (from risk.csv), and open");
	risk_flags_free(v, n);
	/* Without definitions the detail still names the flag. */
	risk_flags(&m, &r, NULL, 0, &v, &n);
	ok(n == 1 && strcmp(v[0].detail, "risk") == 0,
	    "no definitions: detail 'risk'");
	risk_flags_free(v, n);
	/* Items that no longer fit the definition still show the flag. */
	row(&m, "2026-10-07", "epds", "5", "1 1 1", "risk");
	n = nflags(&m, &r, 0, &v);
	ok(n == 2 && strcmp(v[1].detail, "risk") == 0,
	    "a flag with bad items is still listed");
	risk_flags_free(v, n);
	csv_free_table(&m);
	csv_free_table(&r);
}

/*
 * protocol_deteriorated(): baseline to latest, at least the criterion,
 * in the instrument's direction; never without a criterion or with one
 * administration; the previous administration does not count.
 */
static void
test_deterioration(void)
{
	struct measure_change c;
	struct instrument up;
	struct csv_table t;
	char b[32];

	change2("phq9", "8", "14", &c);
	ok(protocol_deteriorated(&c), "phq9 +6 (criterion 6): deterioration");
	change2("phq9", "8", "13", &c);
	ok(!protocol_deteriorated(&c), "phq9 +5: worse, not reliably");
	change2("phq9", "14", "8", &c);
	ok(!protocol_deteriorated(&c), "phq9 -6: a reliable improvement");
	change2("hrsd17", "5", "30", &c);
	ok(!protocol_deteriorated(&c), "hrsd17: no criterion, never");
	change2("srm5", "6.00", "1.00", &c);
	ok(!protocol_deteriorated(&c), "srm5 falls, no criterion: never");
	/* phq9 turned round: higher is better, the same 6 points. */
	up = *instr_find(&set, "phq9");
	up.higher_better = 1;
	table(&t);
	row(&t, "2026-10-01", "phq9", "20", "", "");
	row(&t, "2026-11-01", "phq9", "14", "", "");
	measure_change(&t, "phq9", &up, &c);
	ok(protocol_deteriorated(&c), "higher is better: a fall of 6 is one");
	csv_set(&t, 1, "total", "26");
	measure_change(&t, "phq9", &up, &c);
	ok(!protocol_deteriorated(&c), "higher is better: a rise is not");
	measure_change(&t, "phq9", NULL, &c);
	ok(!protocol_deteriorated(&c), "no definition: never");
	csv_free_table(&t);
	/* 20, 5, 12: +7 on the previous, -8 on the baseline. */
	table(&t);
	row(&t, "2026-10-01", "phq9", "20", "", "");
	row(&t, "2026-10-15", "phq9", "5", "", "");
	row(&t, "2026-11-01", "phq9", "12", "", "");
	measure_change(&t, "phq9", instr_find(&set, "phq9"), &c);
	ok(!protocol_deteriorated(&c), "worse than the previous only: not");
	csv_set(&t, 2, "total", "26");
	measure_change(&t, "phq9", instr_find(&set, "phq9"), &c);
	ok(protocol_deteriorated(&c), "baseline 20, latest 26: one");
	csv_free_table(&t);
	table(&t);
	row(&t, "2026-10-01", "phq9", "27", "", "");
	measure_change(&t, "phq9", instr_find(&set, "phq9"), &c);
	ok(!protocol_deteriorated(&c), "one administration: never");
	csv_free_table(&t);
	measure_criterion(instr_find(&set, "phq9"), b, sizeof(b));
	is_str(b, "6", "criterion in points");
	up.reliable = 0;
	up.rci_sd = 1;
	up.rci_r = 0.5;
	measure_criterion(&up, b, sizeof(b));
	is_str(b, "> 1.96", "Jacobson-Truax criterion");
	measure_criterion(instr_find(&set, "hrsd17"), b, sizeof(b));
	is_str(b, "", "no criterion");
}

int
main(void)
{
	if (!ok(instr_load_set(&set, NULL) == 0, "built-ins load"))
		return tap_done();
	test_change();
	test_flags();
	test_deterioration();
	instr_free_set(&set);
	return tap_done();
}
