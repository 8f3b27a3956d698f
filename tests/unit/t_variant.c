/*
 * t_variant.c: unit tests of the variant definitions (lib/variant.c).
 *
 * The table below is the reference: for each built-in variant, the phase
 * of every planned session as the domain reference gives it (or as the
 * definition's comment explains where the sources disagree).
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "instrument.h"
#include "record.h"
#include "tap.h"
#include "util.h"
#include "variant.h"

struct span {
	const char	*phase;
	long		 first, last;
};

struct expect {
	const char	*variant;
	long		 planned;	/* 0: the definition's own */
	long		 sessions;	/* sessions in the plan */
	struct span	 spans[5];
};

/* Built-in definitions, their own plans. */
static const struct expect builtins[] = {
	{ "standard", 0, 16,	/* IPTUK stages [S1] */
	    { { "initial", 1, 4 }, { "middle", 5, 12 }, { "final", 13, 16 } } },
	{ "brief", 0, 8,	/* IPT-B, initial phase of 2 [S27] */
	    { { "initial", 1, 2 }, { "middle", 3, 6 }, { "final", 7, 8 } } },
	{ "adolescent", 0, 12,	/* IPT-A, 3 phases of 4 [S23] */
	    { { "initial", 1, 4 }, { "middle", 5, 8 }, { "final", 9, 12 } } },
	{ "couples", 0, 16,
	    { { "initial", 1, 4 }, { "middle", 5, 12 }, { "final", 13, 16 } } },
	{ "eating", 0, 20,	/* Fairburn 2015, 20 sessions [S32c] */
	    { { "initial", 1, 5 }, { "middle", 6, 15 }, { "final", 16, 20 } } },
	{ "ptsd", 0, 14,	/* 14 weekly sessions [S16] */
	    { { "initial", 1, 3 }, { "middle", 4, 11 }, { "final", 12, 14 } } },
	{ "bipolar", 0, 16,	/* IPSRT initial 3-5, then intermediate [S28c] */
	    { { "initial", 1, 4 }, { "middle", 5, 16 } } },
	{ "group", 0, 9,	/* WHO IPT-G, 1 + 8 [S30c] */
	    { { "pregroup", 1, 1 }, { "initial", 2, 2 }, { "middle", 3, 8 },
	      { "final", 9, 9 } } },
	{ "perinatal", 0, 12,	/* 12 weekly sessions [S35a] */
	    { { "initial", 1, 3 }, { "middle", 4, 9 }, { "final", 10, 12 } } },
	{ "maintenance", 0, 26,	/* monthly for 2 years [S18] */
	    { { "maintenance", 1, 26 } } },
};

/* Plans of another length. */
static const struct expect scaled[] = {
	{ "standard", 12, 12,
	    { { "initial", 1, 3 }, { "middle", 4, 9 }, { "final", 10, 12 } } },
	/* [phase_lengths]: initial 3-4, final 2-4 [S1] [S3] [S4]. */
	{ "standard", 8, 8,
	    { { "initial", 1, 3 }, { "middle", 4, 6 }, { "final", 7, 8 } } },
	{ "standard", 20, 20,
	    { { "initial", 1, 4 }, { "middle", 5, 16 }, { "final", 17, 20 } } },
	{ "standard", 24, 24,
	    { { "initial", 1, 4 }, { "middle", 5, 20 }, { "final", 21, 24 } } },
	{ "standard", 3, 3,
	    { { "initial", 1, 1 }, { "middle", 2, 2 }, { "final", 3, 3 } } },
	{ "adolescent", 16, 16,
	    { { "initial", 1, 4 }, { "middle", 5, 12 }, { "final", 13, 16 } } },
	{ "bipolar", 20, 20,	/* IPSRT initial 3-5 [S28c] */
	    { { "initial", 1, 5 }, { "middle", 6, 20 } } },
	{ "eating", 16, 16,
	    { { "initial", 1, 4 }, { "middle", 5, 12 }, { "final", 13, 16 } } },
	{ "brief", 9, 9,
	    { { "initial", 1, 2 }, { "middle", 3, 7 }, { "final", 8, 9 } } },
	{ "group", 13, 13,	/* the pre-group meeting keeps its length */
	    { { "pregroup", 1, 1 }, { "initial", 2, 3 }, { "middle", 4, 12 },
	      { "final", 13, 13 } } },
	{ "group", 4, 4,
	    { { "pregroup", 1, 1 }, { "initial", 2, 2 }, { "middle", 3, 3 },
	      { "final", 4, 4 } } },
	{ "maintenance", 12, 12,
	    { { "maintenance", 1, 12 } } },
};

static char	*root;

/*
 * Every built-in variant, plans of 8 to 24 sessions: the phases never
 * go back, every phase has a session, and a phase with [phase_lengths]
 * keeps within them.
 */
static void
test_lengths(void)
{
	static const char *const names[] = { "standard", "brief", "adolescent",
	    "couples", "eating", "ptsd", "bipolar", "group", "perinatal" };
	const struct variant *v;
	long n, k, count[VARIANT_NPHASES];
	size_t i, j, bad;
	int at, prev;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (variant_get(NULL, names[i], &v) == -1) {
			ok(0, "%s: %s", names[i], ipt_error());
			continue;
		}
		for (n = 8, bad = 0; n <= 24; n++) {
			memset(count, 0, sizeof(count));
			for (k = 1, prev = -1; k <= n; k++) {
				const char *ph = variant_phase(v, n, k,
				    "active");

				for (j = 0, at = -1; j < v->nphases; j++)
					if (strcmp(v->phases[j].name, ph) == 0)
						at = (int)j;
				if (at < prev) {
					ok(0, "%s, %ld sessions: session %ld "
					    "goes back to %s", names[i], n, k,
					    ph);
					bad++;
				}
				if (at >= 0) {
					count[at]++;
					prev = at;
				}
			}
			for (j = 0; j < v->nphases; j++) {
				const struct variant_phase *p = &v->phases[j];

				if (count[j] < 1 || (p->min > 0 &&
				    (count[j] < p->min || count[j] > p->max))) {
					ok(0, "%s, %ld sessions: %s has %ld "
					    "sessions (%ld-%ld)", names[i], n,
					    p->name, count[j], p->min, p->max);
					bad++;
				}
			}
		}
		ok(bad == 0, "%s: plans of 8-24 sessions keep the phases in "
		    "order and within their lengths", names[i]);
	}
}

static const char *
want_phase(const struct expect *e, long n)
{
	size_t i;

	for (i = 0; i < 5 && e->spans[i].phase != NULL; i++)
		if (n >= e->spans[i].first && n <= e->spans[i].last)
			return e->spans[i].phase;
	return "(none)";
}

static void
check_plan(const struct expect *e)
{
	const struct variant *v;
	long n, first, last;
	size_t i;
	int good = 1;

	if (!ok(variant_get(NULL, e->variant, &v) == 0, "%s loads: %s",
	    e->variant, ipt_error()))
		return;
	if (e->planned == 0)
		is_int(v->sessions, e->sessions, "%s plans %ld sessions",
		    e->variant, e->sessions);
	for (n = 1; n <= e->sessions; n++) {
		const char *got = variant_phase(v, e->planned, n, "active");
		const char *want = want_phase(e, n);

		if (got == NULL || strcmp(got, want) != 0) {
			printf("# %s/%ld session %ld: got %s, want %s\n",
			    e->variant, e->sessions, n, got ? got : "(null)",
			    want);
			good = 0;
		}
	}
	ok(good, "%s, plan of %ld: the phase of every session", e->variant,
	    e->sessions);
	for (i = 0; i < 5 && e->spans[i].phase != NULL; i++) {
		int rc = variant_phase_range(v, e->planned, e->spans[i].phase,
		    &first, &last);

		ok(rc == 0 && first == e->spans[i].first &&
		    last == e->spans[i].last, "%s, plan of %ld: %s is %ld-%ld",
		    e->variant, e->sessions, e->spans[i].phase,
		    e->spans[i].first, e->spans[i].last);
	}
	/* Past the plan. */
	is_str(variant_phase(v, e->planned, e->sessions + 1, "active"),
	    strcmp(e->spans[0].phase, "maintenance") == 0 ? "maintenance" :
	    "extension", "%s, plan of %ld: session %ld", e->variant,
	    e->sessions, e->sessions + 1);
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(path, "w");

	if (fp == NULL) {
		perror(path);
		exit(1);
	}
	fputs(text, fp);
	fclose(fp);
	free(path);
}

static void
remove_file(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);

	unlink(path);
	free(path);
}

static const char good_def[] =
    "[variant]\n"
    "title = Local brief plan\n"
    "sessions = 6\n"
    "frequency_days = 14\n"
    "areas = grief role-dispute\n"
    "[phases]\n"
    "initial = 1-2\n"
    "middle = 3 - 5\n"
    "final = 6\n"
    "[kinds]\n"
    "allowed = individual, conjoint\n"
    "default = conjoint\n"
    "final = individual\n"
    "[instruments]\n"
    "phq9 = every session\n"
    "wsas = every 2 weeks\n"
    "pcl5 = at sessions 1, 6\n"
    "[fidelity]\n"
    "focus_by_session = 2\n"
    "termination_notice = 1\n";

/* A bad practice definition and the message it must give. */
struct baddef {
	const char	*text;
	const char	*msg;
};

#define HEAD	"[variant]\ntitle = x\nsessions = 4\nfrequency_days = 7\n" \
		"areas = grief\n"
#define PH	"[phases]\ninitial = 1\nmiddle = 2-3\nfinal = 4\n"
#define KI	"[kinds]\nallowed = individual\n"

static const struct baddef baddefs[] = {
	{ HEAD PH "[phase_lengths]\nfinal = 2-3\n" KI,
	    "[phase_lengths] final: 2-3: the phase has 1 sessions in [phases]" },
	{ HEAD PH "[phase_lengths]\nlast = 1\n" KI,
	    "[phase_lengths] last: not a phase of [phases]" },
	{ HEAD PH "[phase_lengths]\ninitial = 1-x\n" KI,
	    "[phase_lengths] initial: '1-x' is not a number of sessions" },
	{ HEAD PH "[phase_lengths]\ninitial = 1\nmiddle = 2\nfinal = 1\n" KI,
	    "[phase_lengths] final: every phase has lengths" },
	{ HEAD PH KI "[fidelity]\nfocus_by = 2\n",
	    "[fidelity] focus_by: unknown key" },
	{ HEAD "sesions = 4\n" PH KI,
	    "[variant] sesions: unknown key" },
	{ "[variant]\ntitle = x\nfrequency_days = 7\nareas = grief\n" PH KI,
	    "[variant] sessions: is required" },
	{ HEAD PH KI "[extra]\na = b\n",
	    "[extra]: unknown section" },
	{ "[variant]\ntitle = x\nsessions = 4\nfrequency_days = 0\n"
	  "areas = grief\n" PH KI,
	    "[variant] frequency_days: '0' is not a whole number from 1 to 366" },
	{ "[variant]\ntitle = x\nsessions = 4\nfrequency_days = 7\n"
	  "areas = Grief\n" PH KI,
	    "[variant] areas: 'Grief' is not a name" },
	{ "[variant]\ntitle = x\nsessions = 4\nfrequency_days = 7\n"
	  "areas = grief, grief\n" PH KI,
	    "[variant] areas: 'grief' is listed twice" },
	{ HEAD "[phases]\ninitial = 1\nmiddle = 3\nfinal = 4\n" KI,
	    "[phases] middle: starts at session 3; the phase before it ends "
	    "at 1" },
	{ HEAD "[phases]\ninitial = 1\nmiddle = 2-3\n" KI,
	    "[phases] middle: ends at session 3, but [variant] sessions is 4" },
	{ HEAD "[phases]\ninitial = 1\nmiddle = 2-3\nfinal = 4-5\n" KI,
	    "[phases] final: ends at session 5, past the 4 sessions" },
	{ HEAD "[phases]\nmiddle = 1-2\ninitial = 3\nfinal = 4\n" KI,
	    "[phases] initial: phases must be listed in the order" },
	{ HEAD "[phases]\ninitial = 1\nextension = 2-4\n" KI,
	    "[phases] extension: unknown phase" },
	{ HEAD "[phases]\ninitial = 1\nmiddle = 3-2\nfinal = 4\n" KI,
	    "[phases] middle: '3-2' is not a session number or range" },
	{ HEAD, "no [phases] section" },
	{ HEAD PH, "[kinds] allowed: is required" },
	{ HEAD PH "[kinds]\nallowed = individual, family\n",
	    "[kinds] allowed: 'family' is not a session kind (valid: "
	    "individual, conjoint, parent, group, maintenance)" },
	{ HEAD PH KI "default = group\n",
	    "[kinds] default: 'group' is not among the allowed kinds" },
	{ HEAD PH KI "weekend = individual\n",
	    "[kinds] weekend: unknown key" },
	{ HEAD PH KI "no_plac = individual\n",
	    "[kinds] no_plac: unknown key (known: allowed, default, "
	    "no_place, no_self_reports, no_cadence" },
	{ HEAD PH KI "no_place = parent\n",
	    "[kinds] no_place: 'parent' is not among the allowed kinds "
	    "(individual)" },
	{ HEAD PH KI "no_cadence = individual, individual\n",
	    "[kinds] no_cadence: 'individual' is listed twice" },
	{ HEAD PH KI "no_self_reports =\n",
	    "[kinds] no_self_reports: lists no names" },
	{ HEAD PH KI "[instruments]\nphq9 = sometimes\n",
	    "[instruments] phq9: 'sometimes' is not a cadence" },
	{ HEAD PH KI "[instruments]\nphq9 = every 0 sessions\n",
	    "[instruments] phq9: 'every 0 sessions' is not a cadence" },
	{ HEAD PH KI "[instruments]\nphq9 = at sessions 4, 2\n",
	    "[instruments] phq9: the sessions of 'at sessions 4, 2' must be "
	    "in ascending order" },
	{ HEAD PH KI "[instruments]\nphq_9 = every 1 sessions\n",
	    "[instruments] phq_9: not an instrument name" },
	{ HEAD PH KI "[fidelity]\nfocus_by_session = 5\n",
	    "[fidelity] focus_by_session: '5' is not a whole number from 1 "
	    "to 4" },
	{ HEAD PH KI "[fidelity]\ntermination_notice = 4\n",
	    "[fidelity] termination_notice: '4' is not a whole number from 0 "
	    "to 3" },
	{ "[variant\ntitle = x\n", ":1: " },
	{ "[variant]\ntitle = x\ntitle = y\n", ":3: [variant] title: key "
	    "given twice" },
};

static void
test_practice(void)
{
	char tmpl[] = "/tmp/t_variant.XXXXXX", *vdir, *msg;
	const struct variant *v, *v2;
	const char *const *names;
	size_t i;

	if (mkdtemp(tmpl) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	root = xstrdup(tmpl);
	vdir = xasprintf("%s/variants", root);
	mkdir(vdir, 0700);
	write_file(root, "ipt.ini", "[practice]\n");

	/* A practice without its own definitions sees the built-in ones. */
	ok(variant_get(root, "standard", &v) == 0 && v->sessions == 16,
	    "practice without variants/ file: built-in standard");

	/* An added variant, and the names listing. */
	write_file(vdir, "local.ini", good_def);
	write_file(vdir, "README", "not a definition\n");
	ok(variant_get(root, "local", &v) == 0, "practice variant loads: %s",
	    ipt_error());
	if (v == NULL)
		return;
	is_str(v->title, "Local brief plan", "practice variant title");
	is_int(v->sessions, 6, "practice variant sessions");
	is_int(v->frequency, 14, "practice variant frequency");
	is_str(variant_phase(v, 0, 4, "active"), "middle", "practice: 4 middle");
	is_str(variant_phase(v, 0, 6, "active"), "final", "practice: 6 final");
	is_str(variant_default_kind(v, "initial"), "conjoint",
	    "practice: default kind");
	is_str(variant_default_kind(v, "final"), "individual",
	    "practice: kind of the final phase");
	is_int(v->ninstruments, 3, "practice: three instruments");
	is_int(v->instruments[1].cadence, CAD_DAYS, "every 2 weeks is days");
	is_int(v->instruments[1].every, 14, "every 2 weeks is 14 days");
	is_int(v->instruments[2].nat, 2, "at sessions 1, 6");
	is_str(v->instruments[0].text, "every session", "text: every session");
	is_str(v->instruments[1].text, "every 2 weeks", "text: every 2 weeks");
	is_str(v->instruments[2].text, "at the 1st and 6th sessions held",
	    "text: at the 1st and 6th sessions held");

	/* A cadence reads in words, one instance singular, whatever written. */
	write_file(vdir, "odd.ini", HEAD PH KI "[instruments]\n"
	    "phq9 = every 1 sessions\ngad7 = every   3 session\n"
	    "wsas = every 1 weeks\nsrm5 = every 1 day\nedeq = every 28 day\n"
	    "pcl5 = at session 4\nepds = at sessions 1,2,  3\n");
	ok(variant_get(root, "odd", &v2) == 0, "odd cadences load: %s",
	    ipt_error());
	if (v2 != NULL && v2->ninstruments == 7) {
		static const char *const want[] = { "every session",
		    "every 3 sessions", "every week", "every day",
		    "every 28 days", "at the 4th session held",
		    "at the 1st, 2nd and 3rd sessions held" };

		for (i = 0; i < 7; i++)
			is_str(v2->instruments[i].text, want[i], "cadence %s "
			    "reads '%s'", v2->instruments[i].name, want[i]);
		is_int(v2->instruments[0].every, 1, "every 1 sessions is 1");
		is_int(v2->instruments[2].every, 7, "every 1 weeks is 7 days");
	}
	remove_file(vdir, "odd.ini");
	is_int(v->inventory_min, 1, "default inventory_min_people");
	is_int(variant_termination_by(v, 0), 5, "termination by session 5");
	ok(variant_names(root, &names) == 0, "names with a practice");
	is_str(names[0], "adolescent", "names sorted: first");
	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], "local") == 0)
			break;
	ok(names[i] != NULL, "names include the practice's own");
	ok(variant_get(NULL, "local", &v2) == -1 &&
	    ipt_errkind() == IPT_EUSAGE, "no practice: local is unknown");

	/* A practice file replaces the built-in of the same name. */
	write_file(vdir, "brief.ini", good_def);
	ok(variant_get(root, "brief", &v) == 0 && v->sessions == 6,
	    "practice brief.ini overrides the built-in");
	ok(variant_get(NULL, "brief", &v2) == 0 && v2->sessions == 8,
	    "built-in brief is still there without the practice");
	ok(variant_get(root, "brief", &v2) == 0 && v2 == v,
	    "definitions are cached");

	/* Bad definitions. */
	for (i = 0; i < sizeof(baddefs) / sizeof(baddefs[0]); i++) {
		char *name = xasprintf("bad%zu.ini", i), *vn;
		char *want = xasprintf("%s/variants/%s", root, name);

		write_file(vdir, name, baddefs[i].text);
		vn = xasprintf("bad%zu", i);
		ok(variant_get(root, vn, &v) == -1 &&
		    ipt_errkind() == IPT_EFAIL &&
		    strncmp(ipt_error(), want, strlen(want)) == 0 &&
		    strstr(ipt_error(), baddefs[i].msg) != NULL,
		    "bad definition %zu refused: %s", i, baddefs[i].msg);
		if (strstr(ipt_error(), baddefs[i].msg) == NULL)
			printf("#   got '%s'\n", ipt_error());
		remove_file(vdir, name);
		free(vn);
		free(name);
		free(want);
	}
	ok(variant_check_all(root) == 0, "check_all: all good: %s",
	    ipt_error());

	/* A file whose name cannot be a variant. */
	write_file(vdir, "Bad Name.ini", good_def);
	variant_free_all();
	ok(variant_check_all(root) == -1 &&
	    strstr(ipt_error(), "Bad Name.ini: a variant name is") != NULL,
	    "a badly named file is reported: %s", ipt_error());
	remove_file(vdir, "Bad Name.ini");

	/* A path is never a variant name. */
	variant_free_all();
	ok(variant_get(root, "../ipt", &v) == -1 &&
	    ipt_errkind() == IPT_EUSAGE, "'../ipt' is not a variant");
	msg = xasprintf("%s", ipt_error());
	ok(strstr(msg, "local") != NULL && strstr(msg, "standard") != NULL,
	    "unknown variant lists practice and built-in names: %s", msg);
	free(msg);

	remove_file(vdir, "local.ini");
	remove_file(vdir, "brief.ini");
	remove_file(vdir, "README");
	rmdir(vdir);
	remove_file(root, "ipt.ini");
	rmdir(root);
	free(vdir);
	free(root);
}

static void
test_rules(void)
{
	const struct variant *v;
	const struct variant_instrument *in;

	ok(variant_get(NULL, "nosuch", &v) == -1 &&
	    ipt_errkind() == IPT_EUSAGE, "unknown variant: usage error");
	is_str(ipt_error(), "unknown variant 'nosuch' (valid: adolescent, "
	    "bipolar, brief, couples, eating, group, maintenance, perinatal, "
	    "ptsd, standard)", "unknown variant lists the valid names");

	if (variant_get(NULL, "ptsd", &v) == -1)
		return;
	ok(variant_area_ok(v, "role-transition") == 0, "ptsd allows "
	    "role-transition");
	ok(variant_area_ok(v, "interpersonal-deficits") == -1 &&
	    ipt_errkind() == IPT_EUSAGE, "ptsd refuses interpersonal-deficits");
	is_str(ipt_error(), "'interpersonal-deficits' is not a problem area "
	    "of the ptsd variant (valid: grief, role-dispute, "
	    "role-transition)", "area error lists the valid areas");
	ok(variant_kind_ok(v, "group") == -1 &&
	    strstr(ipt_error(), "(valid: individual, maintenance)") != NULL,
	    "ptsd refuses group sessions");
	is_str(variant_phase(v, 0, 5, "maintenance"), "maintenance",
	    "status maintenance gives maintenance sessions");
	ok(variant_phase(v, 0, 0, "active") == NULL, "session 0 has no phase");
	is_int(variant_focus_by(v, 0), 3, "ptsd: focus by session 3");
	is_int(variant_termination_by(v, 0), 11, "ptsd: termination by 11");
	in = variant_instrument(v, "pcl5");
	ok(in != NULL && in->cadence == CAD_AT, "ptsd: pcl5 at sessions");
	if (in != NULL) {
		ok(variant_due(v, in, 1, 100, 0, 0, 0), "pcl5 due at 1, "
		    "never given");
		ok(!variant_due(v, in, 3, 114, 1, 1, 100), "pcl5 not due at 3");
		ok(variant_due(v, in, 7, 142, 1, 1, 100), "pcl5 due at 7");
		ok(variant_due(v, in, 8, 149, 1, 1, 100), "pcl5 due at 8 when "
		    "7 was missed");
		ok(!variant_due(v, in, 8, 149, 1, 7, 142), "pcl5 not due at 8");
	}

	if (variant_get(NULL, "bipolar", &v) == -1)
		return;
	ok(variant_area_ok(v, "lost-healthy-self") == 0,
	    "bipolar allows lost-healthy-self");
	in = variant_instrument(v, "srm5");
	ok(in != NULL && in->cadence == CAD_DAYS && in->every == 7,
	    "bipolar: srm5 every 7 days");
	if (in != NULL) {
		ok(!variant_due(v, in, 3, 106, 1, 2, 100), "srm5 not due "
		    "after 6 days");
		ok(variant_due(v, in, 3, 107, 1, 2, 100), "srm5 due after 7 "
		    "days");
	}

	if (variant_get(NULL, "standard", &v) == -1)
		return;
	ok(variant_area_ok(v, "lost-healthy-self") == -1,
	    "standard refuses lost-healthy-self");
	is_int(variant_focus_by(v, 0), 4, "standard: focus by session 4");
	is_int(variant_focus_by(v, 12), 3, "standard/12: focus by session 3");
	is_int(variant_termination_by(v, 0), 13, "standard: termination by 13");
	is_int(variant_termination_by(v, 12), 10,
	    "standard/12: termination by 10");
	is_int(v->inventory_min, 3, "standard: 3 people in the inventory");
	is_int(v->risk_review, 1, "standard: risk reviewed next session");
	is_str(variant_default_kind(v, "initial"), "individual",
	    "standard: individual sessions");
	is_str(variant_default_kind(v, "maintenance"), "maintenance",
	    "standard: maintenance sessions in maintenance");
	is_str(variant_phase(v, 12, 13, "active"), "extension",
	    "standard/12: session 13 is extension");
	is_str(variant_phase(v, 0, 30, "active"), "extension",
	    "standard: session 30 is extension");
	ok(variant_plan_ok(v, 3) == 0, "standard: 3 sessions is a plan");
	ok(variant_plan_ok(v, 2) == -1 && ipt_errkind() == IPT_EUSAGE &&
	    strstr(ipt_error(), "--sessions") != NULL,
	    "standard: 2 sessions is not: %s", ipt_error());
	/* A plan too short still gives an answer (hand-edited client.ini). */
	is_str(variant_phase(v, 2, 2, "active"), "middle",
	    "standard/2: session 2 is middle");
	in = variant_instrument(v, "phq9");
	ok(in != NULL && in->cadence == CAD_SESSIONS && in->every == 1,
	    "standard: phq9 every session");
	in = variant_instrument(v, "gad7");
	if (in != NULL) {
		ok(!variant_due(v, in, 4, 121, 1, 1, 100), "gad7 not due at 4 "
		    "after 1");
		ok(variant_due(v, in, 5, 128, 1, 1, 100), "gad7 due at 5 after "
		    "1");
		ok(variant_due(v, in, 5, 128, 1, 0, 100), "gad7 given outside "
		    "a session 28 days ago is due");
		ok(!variant_due(v, in, 5, 120, 1, 0, 100), "gad7 given outside "
		    "a session 20 days ago is not");
	}

	if (variant_get(NULL, "group", &v) == -1)
		return;
	is_str(variant_default_kind(v, "pregroup"), "individual",
	    "group: pre-group meeting is individual");
	is_str(variant_default_kind(v, "middle"), "group",
	    "group: group sessions");
	ok(variant_kind_ok(v, "group") == 0, "group allows group sessions");
	ok(variant_plan_ok(v, 3) == -1, "group: 3 sessions is too few");
	is_int(variant_termination_by(v, 0), 8, "group: termination by 8");

	if (variant_get(NULL, "adolescent", &v) == -1)
		return;
	ok(variant_kind_ok(v, "parent") == 0, "adolescent allows parent");
	if (variant_get(NULL, "couples", &v) == -1)
		return;
	is_str(variant_default_kind(v, "middle"), "conjoint",
	    "couples: conjoint sessions");
	ok(variant_area_ok(v, "grief") == -1, "couples: role-dispute only");
	if (variant_get(NULL, "maintenance", &v) == -1)
		return;
	is_int(v->frequency, 28, "maintenance: every 28 days");
	is_str(variant_phase(v, 0, 40, "active"), "maintenance",
	    "maintenance: past the plan is still maintenance");
}

/* Every instrument a built-in variant names is a built-in instrument. */
/* What each kind does: the built-in variants' [kinds] and the defaults. */
static void
test_kinds(void)
{
	static const struct {
		const char	*variant, *kind;
		int		 place, self, cadence;
	} want[] = {
		{ "adolescent", "individual", 1, 1, 1 },
		{ "adolescent", "conjoint", 1, 1, 1 },
		{ "adolescent", "parent", 0, 0, 0 },
		{ "couples", "conjoint", 1, 1, 1 },
		{ "standard", "conjoint", 1, 1, 1 },
		{ "group", "group", 1, 1, 1 },
		{ "group", "individual", 1, 1, 0 },
		{ "maintenance", "maintenance", 1, 1, 1 },
		{ "maintenance", "individual", 0, 1, 0 },
		/* Not a kind of the variant (an old record): counts. */
		{ "standard", "parent", 1, 1, 1 },
		{ "standard", "", 1, 1, 1 },
	};
	const struct variant *v;
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		if (!ok(variant_get(NULL, want[i].variant, &v) == 0,
		    "kinds: %s loads", want[i].variant))
			continue;
		is_int(variant_kind_uses(v, want[i].kind, VK_PLACE),
		    want[i].place, "%s %s: uses a place", want[i].variant,
		    want[i].kind);
		is_int(variant_kind_uses(v, want[i].kind, VK_SELF),
		    want[i].self, "%s %s: self-reports due", want[i].variant,
		    want[i].kind);
		is_int(variant_kind_uses(v, want[i].kind, VK_CADENCE),
		    want[i].cadence, "%s %s: keeps the cadence",
		    want[i].variant, want[i].kind);
		is_int(variant_kind_uses(v, want[i].kind,
		    VK_PLACE | VK_CADENCE), want[i].place && want[i].cadence,
		    "%s %s: place and cadence", want[i].variant,
		    want[i].kind);
	}
}

static void
test_instruments(void)
{
	const char *const *names;
	const struct variant *v;
	struct instr_set set;
	size_t i, j;

	if (!ok(instr_load_set(&set, NULL) == 0, "built-in instruments load: "
	    "%s", ipt_error()))
		return;
	if (variant_names(NULL, &names) == 0)
		for (i = 0; names[i] != NULL; i++) {
			if (variant_get(NULL, names[i], &v) == -1)
				continue;
			for (j = 0; j < v->ninstruments; j++)
				ok(instr_find(&set, v->instruments[j].name) !=
				    NULL, "%s: instrument %s is defined",
				    names[i], v->instruments[j].name);
		}
	instr_free_set(&set);
}

/*
 * Every built-in variant's [tasks]: each technique one of sessions.csv's,
 * and the tasks of each phase as its definition's comment gives them.
 */
static const struct {
	const char	*variant;
	const char	*tasks;		/* phase:task ... */
} task_ref[] = {
	{ "adolescent", "initial:sick-role initial:psychoeducation "
	    "initial:inventory initial:formulation initial:contract middle:* "
	    "final:termination final:relapse-prevention" },
	{ "bipolar", "initial:psychoeducation initial:inventory "
	    "initial:social-rhythm initial:formulation middle:social-rhythm "
	    "middle:*" },
	{ "brief", "initial:sick-role initial:inventory initial:formulation "
	    "middle:* final:termination final:relapse-prevention" },
	{ "couples", "initial:sick-role initial:inventory "
	    "initial:formulation initial:contract "
	    "middle:communication-analysis|decision-analysis|role-play "
	    "final:termination final:relapse-prevention" },
	{ "eating", "initial:sick-role initial:inventory initial:formulation "
	    "initial:contract middle:* final:termination "
	    "final:relapse-prevention" },
	{ "group", "pregroup:inventory initial:psychoeducation "
	    "initial:formulation middle:* final:termination "
	    "final:relapse-prevention" },
	{ "maintenance", "maintenance:*" },
	{ "perinatal", "initial:sick-role initial:inventory "
	    "initial:formulation initial:contract middle:* final:termination "
	    "final:relapse-prevention" },
	{ "ptsd", "initial:sick-role initial:inventory initial:formulation "
	    "initial:contract middle:* final:termination "
	    "final:relapse-prevention" },
	{ "standard", "initial:sick-role initial:inventory "
	    "initial:formulation initial:contract middle:* final:termination "
	    "final:relapse-prevention" },
};

static void
test_tasks(void)
{
	const struct variant *v;
	const char *const *names;
	const char *a;
	char buf[1024], tech[64];
	size_t i, j, k, len, nv = 0;
	int known;

	if (variant_names(NULL, &names) == -1)
		return;
	for (i = 0; names[i] != NULL; i++) {
		if (variant_get(NULL, names[i], &v) == -1)
			continue;
		nv++;
		buf[0] = '\0';
		for (j = 0; j < v->ntasks; j++) {
			known = 1;
			for (a = v->tasks[j].name; *a != '\0';
			    a += len + (a[len] == '|')) {
				len = strcspn(a, "|");
				if (len == 0 || len >= sizeof(tech)) {
					known = 0;
					break;
				}
				memcpy(tech, a, len);
				tech[len] = '\0';
				if (rec_lookup(rec_techniques, tech) == -1)
					known = 0;
			}
			ok(known, "%s: task %s of %s names techniques",
			    names[i], v->tasks[j].name, v->tasks[j].phase);
			/* Alternatives of focus work are "*" in the table. */
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    "%s%s:%s", j > 0 ? " " : "", v->tasks[j].phase,
			    strchr(v->tasks[j].name, '|') != NULL &&
			    strcmp(v->tasks[j].name, "communication-analysis|"
			    "decision-analysis|role-play") != 0 ? "*" :
			    v->tasks[j].name);
		}
		for (k = 0; k < sizeof(task_ref) / sizeof(task_ref[0]); k++)
			if (strcmp(task_ref[k].variant, names[i]) == 0)
				break;
		if (!ok(k < sizeof(task_ref) / sizeof(task_ref[0]),
		    "%s: in the reference table", names[i]))
			continue;
		is_str(buf, task_ref[k].tasks, "%s: its phase tasks",
		    names[i]);
	}
	ok(nv == sizeof(task_ref) / sizeof(task_ref[0]),
	    "every built-in variant has its tasks checked (%zu)", nv);
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		check_plan(&builtins[i]);
	for (i = 0; i < sizeof(scaled) / sizeof(scaled[0]); i++)
		check_plan(&scaled[i]);
	test_lengths();
	test_rules();
	ok(variant_check_all(NULL) == 0, "every built-in definition is good: "
	    "%s", ipt_error());
	test_instruments();
	test_kinds();
	test_tasks();
	test_practice();
	variant_free_all();
	variant_free_all();
	return tap_done();
}
