/*
 * t_rhythm.c: unit tests of lib/rhythm.c, the Social Rhythm Metric from
 * clock times.  The rule is Monk et al.'s (1990; 1997; SRM-5 2002): an
 * activity done at least 3 times a week has a habitual time, the mean of
 * its times, and each time within 45 minutes of it is a hit; fewer than
 * 3 times is NA.  The sources state the rule without a worked week, so
 * the weeks here are worked by hand from it: across midnight, exactly
 * 45 minutes either side, 2 occurrences, all NA, a tie.  Then the diary
 * as typed (--times), hits checked against occurrences, and [rhythm] in
 * a definition.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instrument.h"
#include "rhythm.h"
#include "util.h"
#include "tap.h"

static struct instr_set set;

/* Parse "HH:MM HH:MM ..." into an activity and score it at 45 and 3. */
static struct rhythm_act
week(const char *times)
{
	struct rhythm_act a;
	const char *p = times;
	long h, m;
	int len;

	memset(&a, 0, sizeof(a));
	while (sscanf(p, "%ld:%ld%n", &h, &m, &len) == 2) {
		a.t[a.n++] = h * 60 + m;
		p += len;
	}
	rhythm_score(45, 3, &a);
	return a;
}

static void
expect(const char *times, const char *habit, long hits)
{
	struct rhythm_act a = week(times);
	char hm[6];

	if (habit == NULL) {
		ok(a.na && a.hits == 0 && a.habit == -1, "%s: NA", times);
		return;
	}
	rhythm_fmt(a.habit, hm);
	ok(!a.na && strcmp(hm, habit) == 0 && a.hits == hits,
	    "%s: habitual %s, %ld hits (got %s, %ld%s)", times, habit, hits,
	    hm, a.hits, a.na ? ", NA" : "");
}

static void
test_score(void)
{
	struct rhythm_act a;

	/* The ordinary mean, away from midnight. */
	expect("12:00 12:10 12:20", "12:10", 3);
	expect("07:10 07:00 07:30 07:15 08:00 07:05", "07:20", 6);
	/* 440 + 480 + 540 + 720 = 2130 / 4 = 532.5: 08:53, shown half up. */
	expect("06:30 08:00 09:00 12:00", "08:53", 1);
	/* Across midnight: 23:50 and 00:20 are 30 minutes apart. */
	expect("23:50 00:20 00:05", "00:05", 3);
	/* 1410 1420 1430 1450 1470 = 7180 / 5 = 1436: 23:56, all hits. */
	expect("23:30 23:50 00:10 00:30 23:40", "23:56", 5);
	expect("00:10 23:40 00:30 23:30 23:50", "23:56", 5);
	a = week("23:30 23:50 00:10 00:30 23:40");
	is_int(a.sum, 7180, "the mean is kept exact: 7180 / 5 minutes");
	/* A sixth at 01:00: mean 1446.67 (00:06:40), 01:00 is 53.3 away. */
	expect("23:30 23:50 00:10 00:30 23:40 01:00", "00:07", 5);
	a = week("23:30 23:50 00:10 00:30 23:40 01:00");
	is_int(a.sum, 40, "mean after midnight: 8680 - 8640 = 40 / 6 minutes");
	/* Exactly 45 minutes either side is a hit; 46 is not. */
	expect("06:15 07:00 07:00 07:45", "07:00", 4);
	expect("06:14 07:00 07:00 07:46", "07:00", 2);
	expect("23:15 00:00 00:45", "00:00", 3);
	expect("23:14 00:00 00:46", "00:00", 1);
	/* Exactly 45 from a mean that is not a whole minute: 07:00.5. */
	expect("06:16 07:00 07:01 07:45", "07:01", 4);
	/* 3 occurrences qualify, 2 do not, nor 0. */
	expect("07:00 09:00 08:00", "08:00", 1);
	expect("07:00 07:05", NULL, 0);
	expect("", NULL, 0);
	/* A tie: evenly round the clock, the mean earliest after 00:00. */
	expect("08:00 16:00 00:00", "00:00", 1);
	/*
	 * No time is dropped as an outlier: 13:00 pulls the mean to 07:51
	 * (3300 / 7), 51 minutes from the six 07:00s, so no hit at all.
	 */
	expect("07:00 07:00 07:00 07:00 07:00 07:00 13:00", "07:51", 0);
	expect("07:00 07:00 07:00 07:00 07:00 07:00 09:00", "07:17", 6);
	/* Another rule: window 60, qualify 2. */
	a = week("");
	a.n = 2;
	a.t[0] = 7 * 60;
	a.t[1] = 8 * 60;
	rhythm_score(60, 2, &a);
	ok(!a.na && a.hits == 2 && a.habit == 450,
	    "window 60, qualify 2: 07:00 08:00 two hits of 07:30");
}

/* Parse one week as typed for srm5 item `item'. */
static int
parse(size_t item, const char *s, struct rhythm_act *a)
{
	return rhythm_parse(instr_find(&set, "srm5"), "--times", item, s, a);
}

static void
bad_week(const char *s, const char *msg)
{
	struct rhythm_act a;

	ok(parse(4, s, &a) == -1 && ipt_errkind() == IPT_EUSAGE &&
	    strstr(ipt_error(), msg) != NULL && strchr(ipt_error(), '\n') ==
	    NULL, "week '%s' refused: %s", s, ipt_error());
}

static void
test_parse(void)
{
	const struct instrument *in = instr_find(&set, "srm5");
	struct rhythm_act a;

	ok(in != NULL && in->rhythm_window == 45 && in->rhythm_qualify == 3,
	    "srm5: [rhythm] window 45, qualify 3");
	ok(parse(4, "23:30,23:50,-,0:10,00:30,23:40,-", &a) == 0 &&
	    a.n == 5 && a.hits == 5 && a.habit == 1436,
	    "bedtimes with days not done: 5 times, 5 hits, 23:56");
	ok(parse(0, "07:00,7:05,-", &a) == 0 && a.n == 2 && a.na,
	    "2 times: NA");
	ok(parse(0, "-", &a) == 0 && a.n == 0 && a.na, "'-': never done");
	ok(parse(0, "7:00,7:00,7:00,7:00,7:00,7:00,7:00", &a) == 0 &&
	    a.n == 7 && a.hits == 7, "7 days, 7 hits");
	bad_week("25:00", "item 5 (to bed): '25:00' is not a clock time");
	bad_week("24:00", "'24:00' is not a clock time");
	bad_week("07:60", "'07:60' is not a clock time");
	bad_week("7:5", "'7:5' is not a clock time");
	bad_week("700", "'700' is not a clock time");
	bad_week("07:00,,07:00", "'' is not a clock time");
	bad_week("", "no times given");
	bad_week("1:00,1:00,1:00,1:00,1:00,1:00,1:00,1:00",
	    "more than 7 days given");
	bad_week("-,-,-,-,-,-,-,-", "more than 7 days given");
}

static void
check(const char *occ, const char *hits, const char *msg)
{
	const struct instrument *in = instr_find(&set, "srm5");
	char buf[64], *argv[8], *p;
	size_t n = 0;
	int rc;

	snprintf(buf, sizeof(buf), "%s", hits);
	for (p = strtok(buf, " "); p != NULL && n < 8; p = strtok(NULL, " "))
		argv[n++] = p;
	rc = rhythm_check_hits(in, "--occurrences", occ, argv, n);
	if (msg == NULL)
		ok(rc == 0, "hits %s with occurrences %s: accepted%s%s", hits,
		    occ, rc ? ": " : "", rc ? ipt_error() : "");
	else
		ok(rc == -1 && ipt_errkind() == IPT_EUSAGE &&
		    strstr(ipt_error(), msg) != NULL, "hits %s with "
		    "occurrences %s refused: %s", hits, occ, ipt_error());
}

static void
test_hits(void)
{
	check("7,6,5,2,7", "7 6 3 NA 5", NULL);
	check("3,3,3,3,3", "0 1 2 3 3", NULL);
	check("0,1,2,3,7", "NA NA NA 0 7", NULL);
	check("7,6,5,2,7", "7 7 3 NA 5", "item 2 (first contact with another "
	    "person): 7 hits but done 6 times");
	check("7,6,5,5,7", "7 6 3 NA 5", "item 4 (dinner): done 5 times, at "
	    "least 3: give its hits, not NA");
	check("7,6,5,2,7", "7 6 3 2 5", "item 4 (dinner): done 2 times, "
	    "fewer than 3: its hits are NA");
	check("8,6,5,2,7", "7 6 3 NA 5", "'8' is not a count of days from 0 "
	    "to 7");
	check("7,6,5,2", "7 6 3 NA 5", "4 counts given for the 5 items");
	check("7,6,5,2,7,7", "7 6 3 NA 5", "6 counts given for the 5 items");
	check("7,6,x,2,7", "7 6 3 NA 5", "'x' is not a count");
	check("7,6,,2,7", "7 6 3 NA 5", "'' is not a count");
}

static const char head[] = "[instrument]\ntitle = t\nsource = s\n"
    "licence = l\ndirection = higher\nitems = 2\nna = 1-2\n";

static void
bad_def(const char *body, const char *msg)
{
	struct instrument *in;
	char buf[512];

	snprintf(buf, sizeof(buf), "%s%s", head, body);
	in = instr_parse("r", "r.ini", buf, strlen(buf));
	ok(in == NULL && strstr(ipt_error(), msg) != NULL,
	    "bad [rhythm] refused: %s", in ? "(loaded)" : ipt_error());
	instr_free(in);
}

static void
test_definition(void)
{
	struct instrument *in;
	char buf[512];

	snprintf(buf, sizeof(buf), "%srange = 0-7\ntotal = mean\n"
	    "[rhythm]\nwindow = 60\nqualify = 4\n", head);
	in = instr_parse("r", "r.ini", buf, strlen(buf));
	ok(in != NULL && in->rhythm_window == 60 && in->rhythm_qualify == 4,
	    "a practice's rule: window 60, qualify 4 %s", in ? "" :
	    ipt_error());
	instr_free(in);
	snprintf(buf, sizeof(buf), "%srange = 0-7\ntotal = mean\n[rhythm]\n",
	    head);
	in = instr_parse("r", "r.ini", buf, strlen(buf));
	ok(in != NULL && in->rhythm_window == 45 && in->rhythm_qualify == 3,
	    "an empty [rhythm]: the defaults 45 and 3");
	instr_free(in);
	bad_def("range = 0-7\ntotal = mean\n[rhythm]\nwindow = 0\n",
	    "r.ini: [rhythm] window: '0' is not a number of minutes from 1 "
	    "to 720");
	bad_def("range = 0-7\ntotal = mean\n[rhythm]\nqualify = 8\n",
	    "r.ini: [rhythm] qualify: '8' is not a number of days from 1 "
	    "to 7");
	bad_def("range = 0-7\ntotal = mean\n[rhythm]\noutliers = drop\n",
	    "r.ini: [rhythm] outliers: unknown key");
	bad_def("range = 1-7\ntotal = mean\n[rhythm]\n",
	    "r.ini: [rhythm]: item 1: the items of a rhythm are hit counts");
	bad_def("range = 0-40\ntotal = mean\n[rhythm]\n",
	    "r.ini: [rhythm]: a week of 40 days");
}

int
main(void)
{
	test_score();
	if (!ok(instr_load_set(&set, NULL) == 0, "built-in instruments load: "
	    "%s", ipt_error()))
		return tap_done();
	test_parse();
	test_hits();
	test_definition();
	instr_free_set(&set);
	return tap_done();
}
