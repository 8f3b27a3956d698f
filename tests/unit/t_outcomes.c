/*
 * t_outcomes.c: the counts of lib/outcomes.c and the Wilson interval.
 *
 * The interval is checked against the worked examples of Newcombe
 * (Two-sided confidence intervals for the single proportion, Stat Med
 * 1998;17:857-872, table I, method 3).  The counts are checked on three
 * clients written by hand, whose response, remission and reliable change
 * are worked out here from the PHQ-9 rules (ipt-files(5)): a fall of
 * 50%, a last total under 5, a change of 6 points.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"
#include "instrument.h"
#include "outcomes.h"
#include "summary.h"
#include "util.h"

#include "tap.h"

static void
wilson_is(long x, long n, double lo, double hi)
{
	double l, h;

	wilson95(x, n, &l, &h);
	ok(fabs(l - lo) < 0.00005 && fabs(h - hi) < 0.00005,
	    "wilson %ld/%ld: %.4f-%.4f, want %.4f-%.4f", x, n, l, h, lo, hi);
}

static void
put(const char *dir, const char *name, const char *text)
{
	char *path = path_join(dir, name);
	FILE *fp = fopen(path, "w");

	if (fp == NULL) {
		perror(path);
		exit(1);
	}
	fputs(text, fp);
	fclose(fp);
	free(path);
}

#define SES_HEAD "number,date,kind,attendance,duration_min,phase,focus," \
	"techniques,mood,stress,note\n"
#define MEA_HEAD "date,session,instrument,total,severity,items,flags\n"

/* A client: id, start, status, area, and its sessions and measures. */
static void
mkclient(const char *top, const char *id, const char *start,
    const char *status, const char *area, const char *ses, const char *mea)
{
	char *dir = path_join(top, id), *ini;

	if (mkdir(dir, 0700) == -1) {
		perror(dir);
		exit(1);
	}
	ini = xasprintf("[client]\nformat = \"1\"\nid = \"%s\"\nname = \"X\"\n"
	    "variant = \"standard\"\nstart = \"%s\"\nplanned_sessions = "
	    "\"16\"\nfrequency_days = \"7\"\ntherapist = \"T\"\nstatus = "
	    "\"%s\"\n\n[focus]\nprimary = \"%s\"\nsecondary = \"\"\n"
	    "set_on = \"\"\n", id, start, status, area);
	put(dir, "client.ini", ini);
	put(dir, "sessions.csv", ses);
	put(dir, "measures.csv", mea);
	free(ini);
	free(dir);
}

static int
add(struct outcomes *o, const char *top, const char *id,
    const struct instr_set *set)
{
	char *dir = path_join(top, id);
	struct remind_opts ro;
	struct summary s;
	long today;
	int rc = -1;

	remind_defaults(&ro);
	if (date_today(&today) == 0 &&
	    summary_load(&s, dir, today, set, &ro) == 0) {
		rc = outcomes_add(o, &s, set);
		summary_free(&s);
	}
	if (rc == -1)
		ok(0, "%s: %s", id, ipt_error());
	free(dir);
	return rc;
}

static void
test_counts(const char *top)
{
	struct instr_set set = { 0 };
	struct outcomes o;
	const struct out_instr *in;
	const struct out_group *g;

	/* a: 20 -> 9 over three sessions held, one missed; ended in final. */
	mkclient(top, "a", "2026-01-05", "ended", "grief", SES_HEAD
	    "1,2026-01-05,individual,attended,50,initial,,,,,\n"
	    "2,2026-01-12,individual,no-show,,initial,,,,,\n"
	    "3,2026-01-19,individual,attended,50,middle,,,,,\n"
	    "4,2026-01-26,individual,attended,50,final,,,,,\n", MEA_HEAD
	    "2026-01-05,1,phq9,20,severe,3 3 3 3 2 2 2 2 0,\n"
	    "2026-01-26,4,phq9,9,mild,1 1 1 1 1 1 1 2 0,\n");
	/* b: 10 -> 5, exactly 50%; not under 5; 5 points; ended early. */
	mkclient(top, "b", "2026-02-02", "ended", "grief", SES_HEAD
	    "1,2026-02-02,individual,attended,50,initial,,,,,\n"
	    "2,2026-02-09,individual,attended,50,middle,,,,,\n", MEA_HEAD
	    "2026-02-02,1,phq9,10,moderate,2 2 1 1 1 1 1 1 0,\n"
	    "2026-02-09,2,phq9,5,mild,1 1 1 1 1 0 0 0 0,\n");
	/* c: 4 -> 12, worse by 8; one PHQ-9 only of GAD-7; started late. */
	mkclient(top, "c", "2026-06-01", "active", "", SES_HEAD
	    "1,2026-06-01,individual,attended,50,initial,,,,,\n"
	    "2,2026-06-08,individual,cancelled,,initial,,,,,\n", MEA_HEAD
	    "2026-06-01,1,phq9,4,minimal,1 1 1 1 0 0 0 0 0,\n"
	    "2026-06-01,1,gad7,4,minimal,1 1 1 1 0 0 0,\n"
	    "2026-06-08,,phq9,12,moderate,2 2 2 2 1 1 1 1 0,\n");
	if (instr_load_set(&set, NULL) == -1) {
		ok(0, "instruments: %s", ipt_error());
		return;
	}

	outcomes_init(&o, OUT_BY_AREA, -1);
	add(&o, top, "a", &set);
	add(&o, top, "b", &set);
	add(&o, top, "c", &set);
	outcomes_sort(&o);
	is_int((long)o.ng, 2L, "two areas: grief and none");
	g = &o.g[0];
	is_str(g->key, "grief", "grief first");
	is_int(g->clients, 2L, "grief: 2 clients");
	is_int(g->ended, 2L, "grief: both ended");
	is_int(g->dropout, 1L, "grief: b ended in the middle phase");
	is_int(g->held, 5L, "grief: 5 sessions held");
	is_int(g->offered, 6L, "grief: of 6");
	is_int((long)g->nin, 1L, "grief: one instrument");
	in = &g->in[0];
	is_int(in->n, 2L, "grief phq9: 2 clients");
	ok(in->sum_base == 30 && in->sum_last == 14, "grief phq9: sums 30, 14");
	ok(in->resp_n == 2 && in->resp == 2, "a falls 55%%, b exactly 50%%: "
	    "both respond");
	ok(in->rem_n == 2 && in->rem == 0, "9 and 5 are not under 5");
	ok(in->rel_n == 2 && in->rel_up == 1 && in->rel_down == 0,
	    "11 points reliable, 5 not");
	g = &o.g[1];
	is_str(g->key, "none", "no focus: none");
	ok(g->nin == 1 && strcmp(g->in[0].name, "phq9") == 0,
	    "a GAD-7 given once is not counted");
	ok(g->in[0].resp == 0 && g->in[0].rel_down == 1,
	    "4 -> 12: no response, reliable deterioration");
	ok(o.all.clients == 3 && o.all.in[0].n == 3 && o.all.risk == 0,
	    "all: 3 clients, 3 with PHQ-9 twice");
	outcomes_free(&o);

	/* --since 2026-02-01: a is skipped. */
	{
		long since;

		date_parse("2026-02-01", &since);
		outcomes_init(&o, OUT_BY_PHASE_ENDED, since);
	}
	add(&o, top, "a", &set);
	add(&o, top, "b", &set);
	add(&o, top, "c", &set);
	outcomes_sort(&o);
	ok(o.skipped == 1 && o.all.clients == 2, "since: a skipped");
	ok(o.ng == 2 && strcmp(o.g[0].key, "middle") == 0 &&
	    strcmp(o.g[1].key, "not-ended") == 0,
	    "phase-ended: b in middle, c not ended");
	outcomes_free(&o);
	instr_free_set(&set);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	char *top, *cmd;
	enum outcomes_by by;

	/* Newcombe 1998, table I. */
	wilson_is(81, 263, 0.2553, 0.3662);
	wilson_is(15, 148, 0.0624, 0.1605);
	wilson_is(0, 20, 0.0, 0.1611);
	wilson_is(1, 29, 0.0061, 0.1718);
	wilson_is(0, 0, 0.0, 0.0);

	ok(outcomes_by_parse("phase-ended", &by) == 0 &&
	    by == OUT_BY_PHASE_ENDED, "--by phase-ended");
	ok(outcomes_by_parse("colour", &by) == -1 && ipt_errkind() == IPT_EUSAGE &&
	    strstr(ipt_error(), "--by: 'colour' is not one of: area,") !=
	    NULL, "--by colour: a usage error: %s", ipt_error());

	date_set_today("2026-11-26");
	top = xasprintf("%s/t_outcomes.XXXXXX", tmp != NULL && *tmp != '\0' ?
	    tmp : "/tmp");
	if (mkdtemp(top) == NULL) {
		perror(top);
		return 1;
	}
	test_counts(top);
	cmd = xasprintf("rm -rf '%s'", top);
	if (system(cmd) != 0)
		abort();
	free(cmd);
	free(top);
	return tap_done();
}
