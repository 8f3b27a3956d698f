/*
 * t_instrument.c: unit tests of lib/instrument.c against the scoring
 * rules of each built-in instrument: worked examples, every severity
 * boundary, every reverse-scored item, risk items, bad input and bad
 * definitions.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "instrument.h"
#include "util.h"
#include "tap.h"

static struct instr_set set;

/* Split a string of items at blanks into a static argv. */
static size_t
split(const char *s, char **argv, size_t max)
{
	static char buf[1024];
	size_t n = 0;
	char *p;

	snprintf(buf, sizeof(buf), "%s", s);
	for (p = strtok(buf, " "); p != NULL && n < max; p = strtok(NULL, " "))
		argv[n++] = p;
	return n;
}

/* Score items given as one string; returns 0 or -1. */
static int
score(const char *name, const char *items, int positions,
    struct instr_result *r)
{
	const struct instrument *in = instr_find(&set, name);
	char *argv[INSTR_MAXITEMS];
	size_t n = split(items, argv, INSTR_MAXITEMS);

	if (in == NULL) {
		memset(r, 0, sizeof(*r));
		return ipt_seterr("no instrument %s", name);
	}
	return instr_score(in, argv, n, positions, r);
}

/*
 * Check total, band and risk of one administration, its items given as
 * scores or, with positions, as the positions of the answers ticked.
 */
static void
expect_as(const char *name, const char *items, int positions,
    const char *total, const char *band, int risk)
{
	const struct instrument *in = instr_find(&set, name);
	struct instr_result r;
	char buf[32];

	if (score(name, items, positions, &r) == -1) {
		ok(0, "%s [%s]: %s", name, items, ipt_error());
		return;
	}
	instr_fmt(in, r.total, buf, sizeof(buf));
	is_str(buf, total, "%s [%s] total %s", name, items, total);
	is_str(r.band, band, "%s [%s] band %s", name, items,
	    band ? band : "none");
	is_int(r.risk, risk, "%s [%s] risk %d", name, items, risk);
	instr_result_free(&r);
}

static void
expect(const char *name, const char *items, const char *total,
    const char *band, int risk)
{
	expect_as(name, items, 0, total, band, risk);
}

/* Items of n answers, filled with max from the first until total t. */
static const char *
fill(size_t n, long max, long t)
{
	static char buf[1024];
	size_t i, len = 0;

	for (i = 0; i < n; i++) {
		long v = t > max ? max : t;

		t -= v;
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%ld",
		    i > 0 ? " " : "", v);
	}
	return buf;
}

/* Every boundary of a sum-scored instrument with one item range. */
static void
boundaries(const char *name, size_t n, long max, const long *t,
    const char *const *band, size_t nt)
{
	char want[32];
	size_t i;

	for (i = 0; i < nt; i++) {
		snprintf(want, sizeof(want), "%ld", t[i]);
		expect(name, fill(n, max, t[i]), want, band[i], 0);
	}
}

/* The first and last items of fill() keep the risk item (last) at 0. */
static void
test_phq9(void)
{
	static const long t[] = { 0, 4, 5, 9, 10, 14, 15, 19, 20, 24 };
	static const char *const b[] = { "minimal", "minimal", "mild", "mild",
	    "moderate", "moderate", "moderately-severe", "moderately-severe",
	    "severe", "severe" };
	const struct instrument *in = instr_find(&set, "phq9");

	ok(in != NULL && in->builtin, "phq9 is built in");
	is_int(in->nitems, 9, "phq9 has 9 items");
	is_int(in->tmax, 27, "phq9 total range 0-27");
	is_str(in->loinc, "44261-6", "phq9 total LOINC");
	is_int(in->reliable, 6, "phq9 reliable change 6");
	ok(in->has_remission && in->remission_op == OP_LT &&
	    in->remission_value == 5, "phq9 remission < 5");
	is_int(in->response_pct, 50, "phq9 response 50%%");
	boundaries("phq9", 9, 3, t, b, sizeof(t) / sizeof(t[0]));
	/* Worked examples, with item 9 (the risk item) at 0 and above. */
	expect("phq9", "3 3 3 3 3 3 3 3 3", "27", "severe", 1);
	expect("phq9", "0 0 0 0 0 0 0 0 1", "1", "minimal", 1);
	expect("phq9", "1 2 1 2 1 0 1 1 0", "9", "mild", 0);
	expect("phq9", "2 2 2 2 2 2 1 1 1", "15", "moderately-severe", 1);
}

static void
test_gad7(void)
{
	static const long t[] = { 0, 4, 5, 9, 10, 14, 15, 21 };
	static const char *const b[] = { "minimal", "minimal", "mild", "mild",
	    "moderate", "moderate", "severe", "severe" };
	const struct instrument *in = instr_find(&set, "gad7");

	is_str(in->loinc, "70274-6", "gad7 total LOINC");
	is_int(in->reliable, 4, "gad7 reliable change 4");
	is_int(in->tmax, 21, "gad7 total range 0-21");
	boundaries("gad7", 7, 3, t, b, sizeof(t) / sizeof(t[0]));
	expect("gad7", "1 0 2 3 1 0 2", "9", "mild", 0);
}

/* A stored items column: total and risk. */
static void
stored(const char *name, const char *items, const char *total, int risk)
{
	const struct instrument *in = instr_find(&set, name);
	struct instr_result r;
	char buf[32];

	if (instr_score_items(in, items, &r) == -1) {
		ok(0, "%s stored [%s]: %s", name, items, ipt_error());
		return;
	}
	instr_fmt(in, r.total, buf, sizeof(buf));
	is_str(buf, total, "%s stored [%s] total %s", name, items, total);
	is_int(r.risk, risk, "%s stored [%s] risk %d", name, items, risk);
	instr_result_free(&r);
}

static void
stored_bad(const char *name, const char *items, const char *msg)
{
	struct instr_result r;

	ok(instr_score_items(instr_find(&set, name), items, &r) == -1 &&
	    strstr(ipt_error(), msg) != NULL, "%s stored [%s] refused: %s",
	    name, items, ipt_error());
}

/* The criterion of an administration, and its description if want. */
static void
crit(const char *name, const char *items, int met, const char *want)
{
	const struct instrument *in = instr_find(&set, name);
	struct instr_result r;
	struct buf b = { 0 };

	if (score(name, items, 0, &r) == -1) {
		ok(0, "%s [%s]: %s", name, items, ipt_error());
		return;
	}
	is_int(r.crit, met, "%s [%s] criterion %d", name, items, met);
	if (want != NULL) {
		instr_describe_criterion(in, &r, &b);
		is_str(b.s, want, "%s [%s] criterion described", name, items);
	}
	buf_free(&b);
	instr_result_free(&r);
}

static void
test_phqa(void)
{
	static const long t[] = { 0, 4, 5, 9, 10, 14, 15, 19, 20, 24 };
	static const char *const b[] = { "minimal", "minimal", "mild", "mild",
	    "moderate", "moderate", "moderately-severe", "moderately-severe",
	    "severe", "severe" };
	const struct instrument *in = instr_find(&set, "phqa");

	ok(in->loinc == NULL, "phqa has no LOINC (codes disagree)");
	boundaries("phqa", 9, 3, t, b, sizeof(t) / sizeof(t[0]));
	expect("phqa", "0 0 0 0 0 0 0 0 2", "2", "minimal", 1);
	expect("phqa", "3 3 3 3 3 3 3 3 0", "24", "severe", 0);
	/*
	 * The two supplementary questions (NIMH ASQ toolkit, GLAD-PC):
	 * optional, unscored, 1 yes 0 no; a yes is a risk flag.
	 */
	is_int((long)in->noptional, 2, "phqa has 2 optional items");
	expect("phqa", "1 1 1 1 1 1 1 1 0 0 0", "8", "mild", 0);
	expect("phqa", "1 1 1 1 1 1 1 1 0 1 0", "8", "mild", 1);
	expect("phqa", "1 1 1 1 1 1 1 1 0 0 1", "8", "mild", 1);
	expect("phqa", "1 1 1 1 1 1 1 1 0 NA NA", "8", "mild", 0);
	stored("phqa", "1 1 1 1 1 1 1 1 0", "8", 0);
	stored("phqa", "1 1 1 1 1 1 1 1 0 0 1", "8", 1);
	stored_bad("phqa", "1 1 1 1 1 1 1 1 0 1",
	    "phqa: 9 or 11 items expected, 10 found");
	stored_bad("phqa", "1 1 1 1 1 1 1 1 0 2 0",
	    "phqa: item 10: '2' is not a score from 0 to 1 or NA");
	{
		struct instr_result r;

		/* Not asked: written as 9 items, as before. */
		if (score("phqa", "1 1 1 1 1 1 1 1 0 NA NA", 0, &r) == 0) {
			is_str(r.items, "1 1 1 1 1 1 1 1 0",
			    "phqa optional items not asked are not written");
			instr_result_free(&r);
		}
		/*
		 * One asked, the other NA: both are written, so that the
		 * column reads back (found by fuzz_score).
		 */
		if (score("phqa", "1 1 1 1 1 1 1 1 0 0 NA", 0, &r) == 0) {
			is_str(r.items, "1 1 1 1 1 1 1 1 0 0 NA",
			    "phqa: one optional item asked, both written");
			instr_result_free(&r);
		}
		stored("phqa", "1 1 1 1 1 1 1 1 0 0 NA", "8", 0);
		stored("phqa", "1 1 1 1 1 1 1 1 0 NA 1", "8", 1);
		ok(score("phqa", "1 1 1 1 1 1 1 1 0 1", 0, &r) == -1 &&
		    strstr(ipt_error(), "9 or 11 items expected") != NULL,
		    "phqa: 10 items refused: %s", ipt_error());
	}
}

static void
test_pcl5(void)
{
	static const long t[] = { 0, 32, 33, 80 };
	static const char *const b[] = { "below-cutoff", "below-cutoff",
	    "provisional-ptsd", "provisional-ptsd" };
	const struct instrument *in = instr_find(&set, "pcl5");
	struct instr_result r;

	is_int(in->tmax, 80, "pcl5 total range 0-80");
	is_int(in->reliable, 5, "pcl5 reliable change 5");
	boundaries("pcl5", 20, 4, t, b, sizeof(t) / sizeof(t[0]));
	/* Clusters B 1-5, C 6-7, D 8-14, E 15-20 are sums. */
	if (score("pcl5", "1 1 1 1 1 2 2 3 3 3 3 3 3 3 4 4 4 4 4 4", 0,
	    &r) == 0) {
		is_int(r.total, 5 + 4 + 21 + 24, "pcl5 worked example total");
		is_int(r.sub[0], 5, "pcl5 cluster B");
		is_int(r.sub[1], 4, "pcl5 cluster C");
		is_int(r.sub[2], 21, "pcl5 cluster D");
		is_int(r.sub[3], 24, "pcl5 cluster E");
		/* No B item at 2 or more. */
		is_int(r.crit, 0, "pcl5 worked example: DSM-5 rule not met");
		instr_result_free(&r);
	} else
		ok(0, "pcl5 worked example: %s", ipt_error());
	/*
	 * The DSM-5 rule (Weathers et al. 2013; VA NCPTSD): an item rated
	 * 2 or more counts; 1 B, 1 C, 2 D, 2 E.  Total 12, below the
	 * cut-point, yet met.
	 */
	crit("pcl5", "2 0 0 0 0 2 0 2 2 0 0 0 0 0 2 2 0 0 0 0", 1,
	    "dsm5-ptsd: met (items >= 2: intrusion 1, need 1; avoidance 1, "
	    "need 1; cognition-mood 2, need 2; arousal-reactivity 2, need 2)");
	/* One D item short; 1s never count. */
	crit("pcl5", "2 0 0 0 0 2 0 2 1 0 0 0 0 0 2 2 0 0 0 0", 0, NULL);
	crit("pcl5", "1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", 0, NULL);
	/* No C item: all of B, D, E at 4 (total 72) is not met. */
	crit("pcl5", "4 4 4 4 4 0 1 4 4 4 4 4 4 4 4 4 4 4 4 4", 0, NULL);
	/* Exactly the minimum, each at 2. */
	crit("pcl5", "0 0 0 0 2 0 2 0 0 0 0 0 2 2 0 0 0 0 2 2", 1, NULL);
}

static void
test_wsas(void)
{
	static const long t[] = { 0, 9, 10, 20, 21, 40 };
	static const char *const b[] = { "subclinical", "subclinical",
	    "significant", "significant", "moderately-severe",
	    "moderately-severe" };

	boundaries("wsas", 5, 8, t, b, sizeof(t) / sizeof(t[0]));
	expect("wsas", "8 0 4 2 1", "15", "significant", 0);
	/*
	 * Work not applicable (retired): NA, prorated as the NHS Data
	 * Dictionary does, the mean of the others for it: 13 * 5 / 4 =
	 * 16.25, stored 16; 3 * 5 / 4 = 3.75, 4; 6 * 5 / 4 = 7.5, 8 (half
	 * away from zero); 32 * 5 / 4 = 40.  Two NA: no score.
	 */
	expect("wsas", "NA 3 4 2 4", "16", "significant", 0);
	expect("wsas", "NA 1 1 1 0", "4", "subclinical", 0);
	expect("wsas", "NA 2 2 1 1", "8", "subclinical", 0);
	expect("wsas", "NA 8 8 8 8", "40", "moderately-severe", 0);
	expect("wsas", "NA 0 0 0 0", "0", "subclinical", 0);
	stored("wsas", "NA 3 4 2 4", "16", 0);
	{
		struct instr_result r;

		ok(score("wsas", "3 NA 4 2 4", 0, &r) == -1 &&
		    strstr(ipt_error(), "item 2: NA is not allowed") != NULL,
		    "wsas: NA only for work: %s", ipt_error());
		if (score("wsas", "NA 3 4 2 4", 0, &r) == 0) {
			is_int((long)r.prorated, 1, "wsas: 1 item prorated");
			instr_result_free(&r);
		}
	}
}

static void
test_hrsd17(void)
{
	const struct instrument *in = instr_find(&set, "hrsd17");
	struct instr_result r;
	struct buf b = { 0 };
	size_t i;

	is_int(in->tmax, 52, "hrsd17 total range 0-52");
	is_str(in->rater, "clinician", "hrsd17 is clinician-rated");
	ok(in->has_remission && in->remission_op == OP_LE &&
	    in->remission_value == 7, "hrsd17 remission <= 7");
	/* Nine items 0-4 (1-3, 7-11, 15), eight 0-2 (4-6, 12-14, 16-17). */
	for (i = 0; i < 17; i++) {
		int narrow = (i >= 3 && i <= 5) || (i >= 11 && i <= 13) ||
		    i >= 15;

		is_int(in->item[i].max, narrow ? 2 : 4, "hrsd17 item %zu "
		    "range 0-%d", i + 1, narrow ? 2 : 4);
	}
	instr_describe_ranges(in, &b);
	is_str(b.s, "0-4 (items 1-3 7-11 15), 0-2 (items 4-6 12-14 16-17)",
	    "hrsd17 ranges described");
	buf_free(&b);
	expect("hrsd17", "4 4 4 2 2 2 4 4 4 4 4 2 2 2 4 2 2", "52", "severe",
	    1);
	/* Boundaries 7/8, 16/17, 23/24, with item 3 (risk) at 0. */
	expect("hrsd17", "4 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", "7", "none", 0);
	expect("hrsd17", "4 4 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", "8", "mild", 0);
	expect("hrsd17", "4 4 0 2 2 2 2 0 0 0 0 0 0 0 0 0 0", "16", "mild", 0);
	expect("hrsd17", "4 4 0 2 2 2 3 0 0 0 0 0 0 0 0 0 0", "17",
	    "moderate", 0);
	expect("hrsd17", "4 4 0 2 2 2 4 4 1 0 0 0 0 0 0 0 0", "23",
	    "moderate", 0);
	expect("hrsd17", "4 4 0 2 2 2 4 4 2 0 0 0 0 0 0 0 0", "24", "severe",
	    0);
	expect("hrsd17", "0 0 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0", "1", "none", 1);
	/* Item 4 is rated 0-2: 3 is out of range; item 1 takes 4. */
	ok(score("hrsd17", "0 0 0 3 0 0 0 0 0 0 0 0 0 0 0 0 0", 0, &r) == -1 &&
	    strstr(ipt_error(), "item 4: 3 is out of range 0-2") != NULL,
	    "hrsd17 item 4 = 3 refused: %s", ipt_error());
	ok(score("hrsd17", "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 3 0", 0, &r) == -1,
	    "hrsd17 item 16 = 3 (not assessed) refused");
}

static void
test_edeq(void)
{
	const struct instrument *in = instr_find(&set, "edeq");
	struct instr_result r;
	char buf[32];
	long v;

	is_int(in->method, TOTAL_SUBSCALE_MEAN, "edeq global = mean of "
	    "subscale means");
	is_int(in->nsub, 4, "edeq has 4 subscales");
	is_int(in->scale, 100, "edeq prints 2 decimals");
	is_int(in->tmax, 600, "edeq global range 0-6");
	ok(in->item[12].max == 999 && in->item[14].max == 28,
	    "edeq count items 13-18 have their own ranges");
	/*
	 * Worked example.  Restraint 3 3 3 3 2 = 2.80; eating concern
	 * (7 9 19 20 21) all 1 = 1.00; shape concern (6 8 10 11 23 26 27 28)
	 * 4 x7 and 3 = 31/8 = 3.875; weight concern (8 12 22 24 25) 4 2 2 2
	 * 2 = 2.40.  Global = (2.8 + 1 + 3.875 + 2.4) / 4 = 2.51875 = 2.52.
	 * Items 13-18 (counts) do not count.
	 */
	if (score("edeq", "3 3 3 3 2 4 1 4 1 4 4 2 12 10 8 5 0 20 1 1 1 2 4 2 "
	    "2 4 4 3", 0, &r) == 0) {
		instr_fmt(in, r.total, buf, sizeof(buf));
		is_str(buf, "2.52", "edeq worked example global 2.52");
		is_str(r.band, "above-community-cutoff", "edeq band");
		is_int(r.sub[0], 280, "edeq restraint 2.80");
		is_int(r.sub[1], 100, "edeq eating concern 1.00");
		is_int(r.sub[2], 388, "edeq shape concern 3.875 -> 3.88");
		is_int(r.sub[3], 240, "edeq weight concern 2.40");
		instr_result_free(&r);
	} else
		ok(0, "edeq worked example: %s", ipt_error());
	/*
	 * Exactness: shape concern 3/8 = 0.375, the rest 0: global
	 * 0.375 / 4 = 0.09375 = 0.09.  Averaging the rounded subscale
	 * (0.38) would give 0.095 = 0.10.
	 */
	if (score("edeq", "0 0 0 0 0 0 0 0 0 1 1 0 0 0 0 0 0 0 0 0 0 0 1 0 0 "
	    "0 0 0", 0, &r) == 0) {
		instr_fmt(in, r.total, buf, sizeof(buf));
		is_str(buf, "0.09", "edeq global is exact before rounding");
		is_int(r.sub[2], 38, "edeq shape concern 0.375 -> 0.38");
		instr_result_free(&r);
	} else
		ok(0, "edeq exact example: %s", ipt_error());
	/* 1/8 = 0.125 rounds half away from zero to 0.13. */
	if (score("edeq", "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 "
	    "0 0 1", 0, &r) == 0) {
		is_int(r.sub[2], 13, "edeq 0.125 rounds to 0.13");
		is_int(r.total, 3, "edeq global 0.03125 rounds to 0.03");
		instr_result_free(&r);
	} else
		ok(0, "edeq rounding example: %s", ipt_error());
	/* All 22 attitudinal items at 6: global 6.00. */
	expect("edeq", "6 6 6 6 6 6 6 6 6 6 6 6 0 0 0 0 0 0 6 6 6 6 6 6 6 6 "
	    "6 6", "6.00", "above-clinical-cutoff", 0);
	/* Band boundaries 2.29/2.30 and 2.79/2.80. */
	is_str(instr_band(in, 0), "below-cutoff", "edeq 0.00");
	is_str(instr_band(in, 229), "below-cutoff", "edeq 2.29");
	is_str(instr_band(in, 230), "above-community-cutoff", "edeq 2.30");
	is_str(instr_band(in, 279), "above-community-cutoff", "edeq 2.79");
	is_str(instr_band(in, 280), "above-clinical-cutoff", "edeq 2.80");
	is_str(instr_band(in, 600), "above-clinical-cutoff", "edeq 6.00");
	ok(instr_parse_value(in, "2.3", &v) == 0 && v == 230,
	    "edeq value 2.3 = 2.30");
	ok(instr_parse_value(in, "2.301", &v) == -1,
	    "edeq value with 3 decimals refused");
	ok(instr_score_total(in, "2.29", &r) == 0 && r.total == 229 &&
	    strcmp(r.band, "below-cutoff") == 0, "edeq --total 2.29");
	instr_result_free(&r);
	ok(instr_score_total(in, "6.01", &r) == -1 &&
	    ipt_errkind() == IPT_EUSAGE, "edeq --total 6.01 refused: %s",
	    ipt_error());
}

static void
test_srm5(void)
{
	const struct instrument *in = instr_find(&set, "srm5");
	struct instr_result r;

	ok(in->higher_better, "srm5: higher is better");
	is_int(in->response_pct, 0, "srm5 has no response rule");
	is_int(in->nbands, 0, "srm5 has no bands");
	expect("srm5", "3 4 NA 5 NA", "4.00", NULL, 0);
	expect("srm5", "7 6 NA NA NA", "6.50", NULL, 0);
	expect("srm5", "1 2 2 NA NA", "1.67", NULL, 0);
	expect("srm5", "7 7 7 7 7", "7.00", NULL, 0);
	expect("srm5", "0 0 0 0 NA", "0.00", NULL, 0);
	expect("srm5", "2 2 2 2 1", "1.80", NULL, 0);
	if (score("srm5", "3 4 NA 5 NA", 0, &r) == 0) {
		is_str(r.items, "3 4 NA 5 NA", "srm5 items column keeps NA");
		instr_result_free(&r);
	}
	ok(score("srm5", "NA NA NA NA NA", 0, &r) == -1 &&
	    ipt_errkind() == IPT_EUSAGE, "srm5 all NA: no score: %s",
	    ipt_error());
	ok(score("srm5", "8 1 1 1 1", 0, &r) == -1, "srm5 8 hits refused");
}

static void
test_epds(void)
{
	static const int rev[] = { 0, 0, 1, 0, 1, 1, 1, 1, 1, 1 };
	const struct instrument *in = instr_find(&set, "epds");
	struct instr_result r;
	char items[64], want[8];
	size_t i, k;

	for (i = 0; i < 10; i++)
		is_int(in->item[i].reverse, rev[i], "epds item %zu %s", i + 1,
		    rev[i] ? "reverse-scored" : "scored as marked");
	/*
	 * The scored form (Cox, Holden & Sagovsky 1987): items are entered
	 * as their scores, so item 10 = 3 ("yes, quite often") is a risk
	 * and is stored as 3.  The same values taken as positions, as the
	 * entry of old did, stored item 10 = 0 and no risk.
	 */
	if (score("epds", "1 1 1 1 1 1 1 1 1 3", 0, &r) == 0) {
		is_str(r.items, "1 1 1 1 1 1 1 1 1 3", "epds scores stored "
		    "as given");
		is_int(r.total, 12, "epds scores: total 12");
		is_int(r.risk, 1, "epds item 10 = 3 as a score: risk");
		instr_result_free(&r);
	} else
		ok(0, "epds scores: %s", ipt_error());
	if (score("epds", "1 1 1 1 1 1 1 1 1 3", 1, &r) == 0) {
		is_str(r.items, "1 1 2 1 2 2 2 2 2 0", "epds positions "
		    "reversed on entry");
		is_int(r.total, 15, "epds positions: total 15");
		is_int(r.risk, 0, "epds position 3 of item 10: no risk");
		instr_result_free(&r);
	} else
		ok(0, "epds positions: %s", ipt_error());
	expect("epds", "3 3 3 3 3 3 3 3 3 3", "30", "probable-depression", 1);
	expect("epds", "0 0 0 0 0 0 0 0 0 0", "0", "below-threshold", 0);
	/* All first answers: items 3 and 5-10 score 3 each: 21, risk. */
	expect_as("epds", "0 0 0 0 0 0 0 0 0 0", 1, "21", "probable-depression", 1);
	expect_as("epds", "3 3 3 3 3 3 3 3 3 3", 1, "9", "below-threshold", 0);
	/* Each item alone at its last answer, the others at their first. */
	for (k = 0; k < 10; k++) {
		for (i = 0; i < 10; i++) {
			items[2 * i] = i == k ? '3' : '0';
			items[2 * i + 1] = ' ';
		}
		items[19] = '\0';
		if (score("epds", items, 1, &r) == -1) {
			ok(0, "epds [%s]: %s", items, ipt_error());
			continue;
		}
		is_int(r.score[k], rev[k] ? 0 : 3, "epds item %zu answer 3 "
		    "scores %d", k + 1, rev[k] ? 0 : 3);
		snprintf(want, sizeof(want), "%d", rev[k] ? 18 : 24);
		is_int(r.total, rev[k] ? 18 : 24, "epds item %zu alone: total "
		    "%s", k + 1, want);
		is_int(r.risk, k != 9, "epds item %zu alone: risk %d", k + 1,
		    k != 9);
		instr_result_free(&r);
	}
	/* Stored items are item scores, after reversal. */
	if (score("epds", "1 2 1 0 3 2 1 0 3 3", 1, &r) == 0) {
		is_str(r.items, "1 2 2 0 0 1 2 3 0 0", "epds stores scores");
		is_int(r.total, 11, "epds worked example 11");
		is_int(r.risk, 0, "epds item 10 never: no risk");
		instr_result_free(&r);
	}
	/* Scores, the default: nothing is reversed. */
	if (score("epds", "1 2 2 0 0 1 2 3 0 1", 0, &r) == 0) {
		is_int(r.total, 12, "epds scored input total 12");
		is_int(r.risk, 1, "epds scored item 10 = 1: risk");
		instr_result_free(&r);
	}
	/* Boundaries 9/10 and 12/13 (answers given as scores). */
	expect_as("epds", "3 3 2 2 3 3 3 3 3 3", 1, "9", "below-threshold", 0);
	expect_as("epds", "3 3 3 3 3 3 3 3 3 3", 1, "9", "below-threshold", 0);
	if (score("epds", "3 3 0 1 3 3 3 3 3 3", 1, &r) == 0) {
		is_int(r.total, 10, "epds total 10");
		is_str(r.band, "possible-depression", "epds 10: possible");
		instr_result_free(&r);
	}
	if (score("epds", "3 3 0 3 3 3 3 3 3 3", 1, &r) == 0) {
		is_int(r.total, 12, "epds total 12");
		is_str(r.band, "possible-depression", "epds 12: possible");
		instr_result_free(&r);
	}
	if (score("epds", "3 3 0 1 0 3 3 3 3 3", 1, &r) == 0) {
		is_int(r.total, 13, "epds total 13");
		is_str(r.band, "probable-depression", "epds 13: probable");
		instr_result_free(&r);
	}
}

/* Bad input: a clear usage error naming the item. */
static void
test_bad_input(void)
{
	static const struct {
		const char *items, *msg;
	} bad[] = {
		{ "1 1 1 1 1 1 1 1", "9 items expected, 8 given" },
		{ "1 1 1 1 1 1 1 1 1 1", "9 items expected, 10 given" },
		{ "", "9 items expected, 0 given" },
		{ "1 1 1 4 1 1 1 1 1", "item 4: 4 is out of range 0-3" },
		{ "1 1 1 1 1 1 1 1 -1", "item 9: -1 is out of range 0-3" },
		{ "x 1 1 1 1 1 1 1 1", "item 1: 'x' is not a whole number" },
		{ "1 1.5 1 1 1 1 1 1 1", "item 2: '1.5' is not a whole number" },
		{ "1 1 01 1 1 1 1 1 1", "item 3: '01' is not a whole number" },
		{ "1 1 1 +1 1 1 1 1 1", "item 4: '+1' is not a whole number" },
		{ "1 1 1 1 1 1 1 1 NA", "item 9: NA is not allowed" },
		{ "1 1 1 1 1 1 1 1 99999999999999999999",
		    "item 9: '99999999999999999999' is not a whole number" },
	};
	struct instr_result r;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = score("phq9", bad[i].items, 0, &r);

		ok(rc == -1 && ipt_errkind() == IPT_EUSAGE &&
		    strstr(ipt_error(), bad[i].msg) != NULL &&
		    strncmp(ipt_error(), "phq9: ", 6) == 0,
		    "phq9 [%s] refused: %s", bad[i].items, ipt_error());
		if (rc == 0)
			instr_result_free(&r);
	}
	ok(instr_lookup(&set, "phq10") == NULL &&
	    ipt_errkind() == IPT_EUSAGE &&
	    strstr(ipt_error(), "unknown instrument 'phq10'") != NULL &&
	    strstr(ipt_error(), "phq9") != NULL,
	    "unknown instrument refused: %s", ipt_error());
	ok(instr_score_total(instr_find(&set, "phq9"), "28", &r) == -1 &&
	    strstr(ipt_error(), "28 is out of range 0-27") != NULL,
	    "phq9 --total 28 refused: %s", ipt_error());
	ok(instr_score_total(instr_find(&set, "phq9"), "-1", &r) == -1,
	    "phq9 --total -1 refused");
	ok(instr_score_total(instr_find(&set, "phq9"), "9.5", &r) == -1 &&
	    strstr(ipt_error(), "not a whole number") != NULL,
	    "phq9 --total 9.5 refused: %s", ipt_error());
	ok(instr_score_total(instr_find(&set, "phq9"), "ten", &r) == -1,
	    "phq9 --total ten refused");
	if (instr_score_total(instr_find(&set, "phq9"), "27", &r) == 0) {
		ok(r.total == 27 && strcmp(r.band, "severe") == 0 &&
		    !r.has_items && r.risk && r.positive[8] &&
		    r.score[8] == 3, "phq9 --total 27 alone: item 9 >= 3");
		instr_result_free(&r);
	} else
		ok(0, "phq9 --total 27: %s", ipt_error());
}

/*
 * A total alone raises the flag exactly when every answer sheet of that
 * total has a positive risk item: checked against all 4^9 PHQ-9 sheets
 * and all 4^10 EPDS sheets (item 10 > 0), not against the formula.
 */
static void
total_settles(const char *name, size_t nitems, size_t riskitem)
{
	const struct instrument *in = instr_find(&set, name);
	struct instr_result r;
	long lowest[64], code, t, left;
	size_t i, sheets = 1, bad = 0;
	char num[16];

	for (i = 0; i < nitems; i++)
		sheets *= 4;
	for (t = 0; t < 64; t++)
		lowest[t] = 99;
	for (code = 0; code < (long)sheets; code++) {
		long sum = 0, risk = 0;

		for (left = code, i = 0; i < nitems; i++, left /= 4) {
			sum += left % 4;
			if (i == riskitem)
				risk = left % 4;
		}
		if (risk < lowest[sum])
			lowest[sum] = risk;
	}
	for (t = 0; t <= 3 * (long)nitems; t++) {
		snprintf(num, sizeof(num), "%ld", t);
		if (instr_score_total(in, num, &r) == -1) {
			bad++;
			continue;
		}
		if (r.risk != (lowest[t] >= 1) ||
		    (r.risk && r.score[riskitem] != lowest[t]))
			bad++;
		instr_result_free(&r);
	}
	ok(bad == 0, "%s: the total alone flags risk exactly when every "
	    "sheet of it does, with the lowest score (%zu totals wrong)",
	    name, bad);
}

static void
test_total_risk(void)
{
	total_settles("phq9", 9, 8);
	total_settles("epds", 10, 9);
}

/* Stored item columns are read back as scores, never reversed. */
static void
test_stored(void)
{
	struct instr_result r;

	ok(instr_score_items(instr_find(&set, "epds"), "1 2 2 0 0 1 2 3 0 0",
	    &r) == 0 && r.total == 11, "epds stored items rescored");
	instr_result_free(&r);
	ok(instr_score_items(instr_find(&set, "phq9"), "1 1 1 1 1 1 1 1 2",
	    &r) == 0 && r.risk && r.positive[8], "phq9 stored item 9 = 2");
	instr_result_free(&r);
	ok(instr_score_items(instr_find(&set, "phq9"), "1 1 1", &r) == -1 &&
	    ipt_errkind() == IPT_EFAIL, "short stored items: data error: %s",
	    ipt_error());
	ok(instr_score_items(instr_find(&set, "phq9"), "1 1 1 1 1 1 1 1 7",
	    &r) == -1, "stored item out of range: data error");
	ok(instr_score_items(instr_find(&set, "srm5"), "NA 7 NA NA 5",
	    &r) == 0 && r.total == 600, "srm5 stored NA");
	instr_result_free(&r);
}

/* A definition with one line replaced must fail with this message. */
static const char base_def[] =
    "[instrument]\n"
    "title = \"Local form\"\n"
    "items = 3\n"
    "range = 0-4\n"
    "total = sum\n"
    "direction = lower\n"
    "risk = \"3 >= 2\"\n"
    "remission = \"< 3\"\n"
    "reliable_change = 3\n"
    "source = \"local\"\n"
    "licence = \"ours\"\n"
    "[bands]\n"
    "low = 0-5\n"
    "high = 6-12\n";

static const char prorate_def[] = "[instrument]\ntitle = t\nitems = 3\n"
    "range = 0-4\nna = 1-2\nmissing = prorate\nmissing_max = 1\n"
    "direction = lower\nsource = s\nlicence = l\n";

static void
bad_def(const char *from, const char *to, const char *msg)
{
	struct instrument *in;
	struct buf b = { 0 };
	const char *p = strstr(base_def, from);
	char name[256], *q;

	if (p == NULL) {
		ok(0, "test bug: '%s' not in base", from);
		return;
	}
	buf_add(&b, base_def, (size_t)(p - base_def));
	buf_adds(&b, to);
	buf_adds(&b, p + strlen(from));
	in = instr_parse("local", "local.ini", b.s, b.len);
	/* Show the replacement on one line, for TAP. */
	snprintf(name, sizeof(name), "%s", to);
	for (q = name; (q = strchr(q, '\n')) != NULL;)
		*q = '|';
	ok(in == NULL && strstr(ipt_error(), msg) != NULL,
	    "bad definition '%s' refused: %s", name, in ? "(loaded)" :
	    ipt_error());
	instr_free(in);
	buf_free(&b);
}

static void
test_definitions(void)
{
	struct instrument *in;
	struct instr_result r;
	char *argv[3];

	in = instr_parse("local", "local.ini", base_def, strlen(base_def));
	ok(in != NULL, "base definition loads: %s", in ? "" : ipt_error());
	if (in != NULL) {
		argv[0] = "1";
		argv[1] = "2";
		argv[2] = "2";
		ok(instr_score(in, argv, 3, 0, &r) == 0 && r.total == 5 &&
		    strcmp(r.band, "low") == 0 && r.risk, "local form scores");
		instr_result_free(&r);
		ok(in->response_pct == 50, "response defaults to 50%%");
		instr_free(in);
	}
	/* A sum with two items that may be NA, one at most prorated. */
	in = instr_parse("local", "local.ini", prorate_def,
	    strlen(prorate_def));
	ok(in != NULL, "prorating definition loads: %s", in ? "" : ipt_error());
	if (in != NULL) {
		argv[0] = "NA";
		argv[1] = "NA";
		argv[2] = "2";
		ok(instr_score(in, argv, 3, 0, &r) == -1 &&
		    strstr(ipt_error(), "local: 2 scored items are NA, at most "
		    "1 may be, so there is no score") != NULL,
		    "two NA, one allowed: refused: %s", ipt_error());
		argv[1] = "1";
		ok(instr_score(in, argv, 3, 0, &r) == 0 && r.total == 5,
		    "one NA prorated: 3 * 3 / 2 = 4.5, 5");
		instr_result_free(&r);
		instr_free(in);
	}
	bad_def("items = 3\n", "items = 3\nreverse_items = 2\n",
	    "local.ini: [instrument] reverse_items: unknown key");
	bad_def("[bands]\n", "[bandz]\n", "local.ini: [bandz]: unknown section");
	bad_def("items = 3\n", "items\n", "local.ini:3: expected 'key = value'");
	bad_def("items = 3\n", "items = 3\nitems = 4\n",
	    "local.ini:4: [instrument] items: key given twice");
	bad_def("items = 3\n", "items = three\n",
	    "local.ini: [instrument] items: must be the number of items");
	bad_def("items = 3\n", "items = 0\n", "[instrument] items:");
	bad_def("range = 0-4\n", "", "[instrument] range: item 1 has no range");
	bad_def("range = 0-4\n", "range = 4-0\n",
	    "[instrument] range: '4-0' is not MIN-MAX");
	bad_def("range = 0-4\n", "range = 0-x\n", "[instrument] range:");
	bad_def("total = sum\n", "total = median\n",
	    "[instrument] total: 'median' is not one of");
	bad_def("total = sum\n", "total = sum\ndecimals = 2\n",
	    "[instrument] decimals: a sum is a whole number");
	bad_def("total = sum\n", "total = sum\nna = 1\n",
	    "[instrument] na: a sum cannot leave items out");
	bad_def("total = sum\n", "total = sum\nmissing = prorate\n",
	    "[instrument] missing: no scored item may be NA");
	bad_def("total = sum\n", "total = sum\nna = 1\nmissing = guess\n",
	    "[instrument] missing: 'guess' is not one of: prorate, leave-out");
	bad_def("total = sum\n", "total = sum\nna = 1-2\nmissing = prorate\n"
	    "missing_max = 3\n", "[instrument] missing_max: '3' is not a "
	    "whole number from 1 to 2");
	bad_def("total = sum\n", "total = mean\nna = 1\nmissing = prorate\n",
	    "[instrument] missing: only a sum needs it");
	bad_def("total = sum\n", "total = sum\nmissing_max = 1\n",
	    "[instrument] missing_max: needs missing");
	bad_def("total = sum\n", "total = sum\noptional = 2\n",
	    "[instrument] optional: optional items must be the last ones");
	bad_def("total = sum\n", "total = sum\noptional = 1-3\n",
	    "[instrument] optional: every item is optional");
	bad_def("[bands]\n", "[criterion]\nname = x\nitem = \">= 2\"\n"
	    "require = \"a 1\"\n[bands]\n",
	    "[criterion] require: the instrument has no [subscales]");
	bad_def("[bands]\n", "[subscales]\na = 1-2\n[criterion]\nname = x\n"
	    "item = \">= 2\"\nrequire = \"a 3\"\n[bands]\n",
	    "[criterion] require: a: '3' is not a number of items from 1 to 2");
	bad_def("[bands]\n", "[subscales]\na = 1-2\n[criterion]\nname = x\n"
	    "item = \">= 2\"\nrequire = \"b 1\"\n[bands]\n",
	    "[criterion] require: 'b' is not a subscale");
	bad_def("[bands]\n", "[subscales]\na = 1-2\n[criterion]\nname = x\n"
	    "item = \"2\"\nrequire = \"a 1\"\n[bands]\n",
	    "[criterion] item: '2' is not OP VALUE");
	bad_def("[bands]\n", "[subscales]\na = 1-2\n[criterion]\nname = X\n"
	    "item = \">= 2\"\nrequire = \"a 1\"\n[bands]\n",
	    "[criterion] name: 'X' is not a name");
	bad_def("[bands]\n", "[subscales]\na = 1-2\n[criterion]\nname = x\n"
	    "item = \">= 2\"\nrequire = \"a 1\"\nwhen = now\n[bands]\n",
	    "[criterion] when: unknown key");
	bad_def("total = sum\n", "total = subscale-mean\n",
	    "subscale-mean needs a [subscales] section");
	bad_def("direction = lower\n", "",
	    "[instrument] direction: is required");
	bad_def("direction = lower\n", "direction = down\n",
	    "[instrument] direction: 'down' is not lower or higher");
	bad_def("risk = \"3 >= 2\"\n", "risk = \"4 >= 1\"\n",
	    "[instrument] risk: '4 >= 1': no item number from 1 to 3");
	bad_def("risk = \"3 >= 2\"\n", "risk = \"3 >= 5\"\n",
	    "the threshold must split the item's range 0-4");
	bad_def("risk = \"3 >= 2\"\n", "risk = \"3 = 2\"\n",
	    "expected ITEM >= VALUE");
	bad_def("risk = \"3 >= 2\"\n", "risk = \"3 >= 2, 3 > 0\"\n",
	    "[instrument] risk: item 3 is listed twice");
	bad_def("remission = \"< 3\"\n", "remission = \"< 13\"\n",
	    "[instrument] remission: 13 is outside the total's range 0-12");
	bad_def("remission = \"< 3\"\n", "remission = \"less than 3\"\n",
	    "[instrument] remission: 'less than 3' is not OP VALUE");
	bad_def("reliable_change = 3\n", "reliable_change = 0\n",
	    "[instrument] reliable_change:");
	bad_def("reliable_change = 3\n", "reliable_change = 3\nrci_sd = 5\n",
	    "give either reliable_change or rci_sd");
	bad_def("reliable_change = 3\n", "rci_sd = 5.5\n",
	    "[instrument] rci_reliability: must be a number between 0 and 1");
	bad_def("source = \"local\"\n", "", "[instrument] source: is required");
	bad_def("licence = \"ours\"\n", "licence = \"ours\"\nloinc = 44261-5\n",
	    "[instrument] loinc: '44261-5' is not a LOINC code");
	bad_def("licence = \"ours\"\n", "licence = \"ours\"\nrater = robot\n",
	    "[instrument] rater: 'robot' is not one of");
	bad_def("items = 3\n", "items = 3\nreverse = \"1 4\"\n",
	    "[instrument] reverse: '4' is not an item number or range from 1 "
	    "to 3");
	bad_def("items = 3\n", "items = 3\nreverse = \"1-2 2\"\n",
	    "[instrument] reverse: item 2 is listed twice");
	bad_def("high = 6-12\n", "high = 7-12\n",
	    "[bands] high: must start at 6");
	bad_def("high = 6-12\n", "high = 5-12\n",
	    "[bands] high: must start at 6");
	bad_def("high = 6-12\n", "high = 6-11\n",
	    "[bands] high: the last band must end at the highest total, 12");
	bad_def("low = 0-5\n", "low = 1-5\n",
	    "[bands] low: the first band must start at the lowest total, 0");
	bad_def("low = 0-5\n", "low = 0-5.5\n", "[bands] low: '0-5.5' is not");
	bad_def("[bands]\n", "[ranges]\n3 = 0-9\n2-3 = 0-1\n[bands]\n",
	    "[ranges] 2-3: item 3 has a range already");
	bad_def("[bands]\n", "[labels]\n4 = \"no such item\"\n[bands]\n",
	    "[labels] 4: not an item number");
	bad_def("title = \"Local form\"\n", "",
	    "[instrument] title: is required");
	bad_def("items = 3\n", "items = 3\ntotal = mean\n",
	    "key given twice");
	bad_def("[instrument]\n", "[general]\n", "[general]: unknown section");

	/* A mean with per-item ranges, a subscale and the RCI inputs. */
	in = instr_parse("m", "m.ini",
	    "[instrument]\ntitle = m\nitems = 4\nrange = 1-5\ntotal = mean\n"
	    "decimals = 1\ndirection = higher\nrci_sd = 5.5\n"
	    "rci_reliability = 0.84\nsource = s\nlicence = l\n"
	    "[subscales]\na = 1-2\nb = \"3 4\"\n"
	    "[bands]\nlow = 1.0-2.9\nmid = 3-3.9\nhigh = 4.0-5\n",
	    strlen("[instrument]\ntitle = m\nitems = 4\nrange = 1-5\n"
	    "total = mean\ndecimals = 1\ndirection = higher\nrci_sd = 5.5\n"
	    "rci_reliability = 0.84\nsource = s\nlicence = l\n"
	    "[subscales]\na = 1-2\nb = \"3 4\"\n"
	    "[bands]\nlow = 1.0-2.9\nmid = 3-3.9\nhigh = 4.0-5\n"));
	ok(in != NULL, "mean definition loads: %s", in ? "" : ipt_error());
	if (in != NULL) {
		double p = instr_reliable_points(in);

		ok(p > 6.09 && p < 6.11, "RCI criterion 1.96*5.5*sqrt(2*0.16) = "
		    "6.10 (%.4f)", p);
		is_int(in->tmin, 10, "mean range starts at 1.0");
		is_int(in->tmax, 50, "mean range ends at 5.0");
		is_int(in->response_pct, 0, "higher-better: no response "
		    "unless given");
		argv[0] = "1";
		argv[1] = "2";
		argv[2] = "4";
		ok(instr_score(in, argv, 3, 0, &r) == -1,
		    "mean: 3 of 4 items refused");
		instr_free(in);
	}
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
}

static void
test_practice(void)
{
	char dir[] = "/tmp/t_instrument.XXXXXX", path[256];
	struct instr_set ps;
	const struct instrument *in;

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	ok(instr_load_set(&ps, dir) == 0 && ps.n == set.n,
	    "practice without instruments/ has the built-ins");
	instr_free_set(&ps);
	snprintf(path, sizeof(path), "%s/instruments", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/instruments/phq9.ini", dir);
	write_file(path, "[instrument]\ntitle = \"PHQ-9, Loewe\"\nitems = 9\n"
	    "range = 0-3\ndirection = lower\nrisk = \"9 >= 1\"\n"
	    "reliable_change = 5\nremission = \"< 5\"\nsource = s\n"
	    "licence = l\n[bands]\nminimal = 0-4\nmild = 5-9\n"
	    "moderate = 10-14\nmoderately-severe = 15-19\nsevere = 20-27\n");
	snprintf(path, sizeof(path), "%s/instruments/local3.ini", dir);
	write_file(path, base_def);
	snprintf(path, sizeof(path), "%s/instruments/README", dir);
	write_file(path, "not a definition\n");
	ok(instr_load_set(&ps, dir) == 0, "practice instruments load: %s",
	    ps.n ? "" : ipt_error());
	is_int(ps.n, set.n + 1, "practice adds one instrument");
	in = instr_find(&ps, "phq9");
	ok(in != NULL && !in->builtin && in->reliable == 5,
	    "practice phq9 overrides the built-in");
	in = instr_find(&ps, "local3");
	ok(in != NULL && in->nitems == 3, "practice local3 found");
	ok(ps.n > 1 && strcmp(ps.v[0]->name, ps.v[1]->name) < 0,
	    "set sorted by name");
	instr_free_set(&ps);

	snprintf(path, sizeof(path), "%s/instruments/broken.ini", dir);
	write_file(path, "[instrument]\ntitle = x\nitems = 2\nrange = 0-1\n"
	    "direction = lower\nsource = s\nlicence = l\n[bands]\na = 0-1\n");
	ok(instr_load_set(&ps, dir) == -1 && strstr(ipt_error(),
	    "instruments/broken.ini: [bands] a: the last band must end at "
	    "the highest total, 2") != NULL, "bad practice file refused: %s",
	    ipt_error());
	remove(path);
	snprintf(path, sizeof(path), "%s/instruments/Bad Name.ini", dir);
	write_file(path, base_def);
	ok(instr_load_set(&ps, dir) == -1 && strstr(ipt_error(),
	    "file name must be NAME.ini") != NULL,
	    "bad practice file name refused: %s", ipt_error());
	remove(path);
	snprintf(path, sizeof(path), "%s/instruments/syntax.ini", dir);
	write_file(path, "[instrument]\ntitle = x\n[bands\n");
	ok(instr_load_set(&ps, dir) == -1 && strstr(ipt_error(),
	    "instruments/syntax.ini:3:") != NULL,
	    "syntax error names FILE:LINE: %s", ipt_error());
	remove(path);
	snprintf(path, sizeof(path), "%s/instruments/phq9.ini", dir);
	remove(path);
	snprintf(path, sizeof(path), "%s/instruments/local3.ini", dir);
	remove(path);
	snprintf(path, sizeof(path), "%s/instruments/README", dir);
	remove(path);
	snprintf(path, sizeof(path), "%s/instruments", dir);
	rmdir(path);
	rmdir(dir);
}

static void
test_describe(void)
{
	struct buf b = { 0 };

	instr_describe_bands(instr_find(&set, "edeq"), &b);
	is_str(b.s, "below-cutoff 0.00-2.29, above-community-cutoff 2.30-2.79, "
	    "above-clinical-cutoff 2.80-6.00", "edeq bands described");
	buf_reset(&b);
	instr_describe_risk(instr_find(&set, "epds"), &b);
	is_str(b.s, "item 10 > 0", "epds risk described");
	buf_reset(&b);
	instr_describe_ranges(instr_find(&set, "epds"), &b);
	is_str(b.s, "0-3, reverse-scored: 3 5 6 7 8 9 10",
	    "epds ranges described");
	buf_reset(&b);
	instr_describe_ranges(instr_find(&set, "srm5"), &b);
	is_str(b.s, "0-7, NA allowed on 5 items", "srm5 ranges described");
	buf_free(&b);
}

int
main(void)
{
	static const char *const builtins[] = { "edeq", "epds", "gad7",
	    "hrsd17", "pcl5", "phq9", "phqa", "srm5", "wsas" };
	size_t i;

	if (!ok(instr_load_set(&set, NULL) == 0, "built-in instruments load: "
	    "%s", set.n ? "" : ipt_error()))
		return tap_done();
	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		ok(instr_find(&set, builtins[i]) != NULL, "built-in %s",
		    builtins[i]);
	test_phq9();
	test_gad7();
	test_phqa();
	test_pcl5();
	test_wsas();
	test_hrsd17();
	test_edeq();
	test_srm5();
	test_epds();
	test_bad_input();
	test_total_risk();
	test_stored();
	test_definitions();
	test_practice();
	test_describe();
	instr_free_set(&set);
	return tap_done();
}
