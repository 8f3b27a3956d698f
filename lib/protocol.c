/*
 * protocol.c: the rules of the IPT protocol, each defined once.
 *
 * Every rule below is one function of the table rules[]: it reads one
 * client's state (protocol.h) and yields findings, for ipt check (a
 * session held past the rule's deadline without what it asks: PW_LATE)
 * and for the reminders of status, remind, report and schedule (still
 * outstanding after the deadline: PW_OVERDUE; due at the next session,
 * which falls within the window: PW_DUE).  So the two cannot say two
 * different things of one rule: for the rules with a deadline (focus,
 * inventory, termination) a reminder is overdue exactly while a breach
 * check reports is not yet put right, and the measure due at the next
 * session is the one check will find missing if that session is held
 * without it (tests/unit/t_protocol.c holds them to this).
 *
 * Sessions are counted as the protocol counts them: sessions held (a
 * cancelled session or a no-show takes no place in the contract), so
 * "session 4" is the fourth held.  Deadlines come from the variant
 * (variant.h) scaled to the client's plan.  The rules, with their
 * sources in the IPT literature (see ../shared/reference/ipt-domain.md
 * for the [S] numbers):
 *
 *   risk         a risk flag (PHQ-9 item 9 and the like) is closed by the
 *                clinician's review, and only by it (a later answer below
 *                threshold is context), by the risk_review_sessions-th
 *                session held after it; an open flag is always a
 *                reminder, whatever the status.
 *                Risk items call for immediate follow-up [S38b] [S51b].
 *   risk-review  the level the latest review gave: high is a risk line
 *                until a later review gives a lower one; the follow-up
 *                review it asked for (--next) is due on its day.
 *                Reminders only.
 *   session      the next session is due frequency_days after the last
 *                one held (or on the start date): the contract's
 *                frequency [S3].  Reminders only.
 *   contact      no session held or cancelled and no measure for
 *                no_contact_days, or two intervals if longer: a possible
 *                drop-out.  Reminders only.
 *   focus        a problem-area focus is agreed (focus.csv) by the
 *                session that ends the initial phase, focus_by_session:
 *                "the focus is chosen by the end of the initial phase"
 *                [S5] [S17].
 *   inventory    by the last session of the initial phase the
 *                interpersonal inventory names inventory_min_people
 *                people [S1] [S4] [S5].
 *   termination  the ending is raised (a session held with the technique
 *                `termination') by the variant's session for it,
 *                termination_notice sessions before the end of the plan,
 *                or by the first session of the final phase if that comes
 *                first: "discussed explicitly at least 2-4 sessions
 *                before the end" [S3] [S15] [S31].
 *   formulation  by the last session of the initial phase an
 *                interpersonal formulation is recorded (formulation.csv,
 *                dated on or before that session): the therapist links
 *                the symptoms to the problem area and shares it with the
 *                client as the initial phase ends (Markowitz & Swartz
 *                2007; Weissman, Markowitz & Klerman 2018) [S5] [S17].
 *                A reminder while none is recorded.
 *   tasks        each task of a phase in the variant's [tasks] (the sick
 *                role, the inventory, the formulation shared, the
 *                contract in the initial phase; work on the focus in the
 *                middle; the ending and the relapse plan in the final:
 *                the sources are cited in the variant files) is done, a
 *                session held by the last of its phase having the
 *                technique, or one of the alternatives "a|b" (a session
 *                of a kind without a place, an IPT-A parent session,
 *                counts when held by that session's day).  Checked by
 *                check, counted by outcomes (adherence): protocol_task();
 *                a reminder while no session has done it.
 *   relapse      in the final phase a relapse-prevention plan is recorded
 *                [S30c] [S31] [S15].  Reminders only.
 *   plan         every planned session held: end, extend or contract
 *                maintenance (reminder); a session held past the plan
 *                without that (check).  The contract is renegotiated
 *                openly [S3].
 *   age          a variant with ages (IPT-A: 12-18 [S20] [S21]) is for
 *                clients of those ages at the start of therapy; a
 *                client outside them, by the birth date of client.ini,
 *                is a warning of ipt check, shown in status too.
 *   ended        a client marked ended has held a final-phase session.
 *                Check only.
 *   measures     each of the variant's instruments is given whenever its
 *                cadence makes it due at a session (measurement-based
 *                care [S53] [S12]).  An administration counts for a
 *                session held when its row names the session or has its
 *                date; one given outside a session counts from its date.
 *   deterioration
 *                an instrument whose latest score is worse than its
 *                baseline by its reliable-change criterion
 *                (reliable_change, or the Jacobson-Truax index from
 *                rci_sd and rci_reliability), in the instrument's
 *                direction of improvement, is a reliable deterioration:
 *                the "not on track" alert of measurement-based care
 *                [S53] [S12], as IAPT defines it (baseline to latest).
 *                A worsening from the previous administration alone
 *                does not count: checked at every administration against
 *                the one before, the criterion would call noise an
 *                alert, and a slow slide would never reach it.  An
 *                instrument without a criterion never flags.  Not a rule
 *                of the table (no deadline, nothing for check):
 *                protocol_deteriorated() answers it, status, ls, remind
 *                and report show it.  An ended client gets no reminder
 *                of it; the flag stays in its status and report.
 *
 * The focus, inventory, termination, relapse and plan rules belong to the
 * acute contract: they are not applied to a client in maintenance.  A
 * paused or ended client gets no reminder but risk.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "date.h"
#include "measure.h"
#include "protocol.h"
#include "record.h"
#include "util.h"
#include "variant.h"

#define FOREVER	LONG_MAX

static void	rule_risk(const struct proto_client *, struct proto_findings *);
static void	rule_risk_review(const struct proto_client *,
		    struct proto_findings *);
static void	rule_session(const struct proto_client *,
		    struct proto_findings *);
static void	rule_contact(const struct proto_client *,
		    struct proto_findings *);
static void	rule_focus(const struct proto_client *,
		    struct proto_findings *);
static void	rule_inventory(const struct proto_client *,
		    struct proto_findings *);
static void	rule_termination(const struct proto_client *,
		    struct proto_findings *);
static void	rule_relapse(const struct proto_client *,
		    struct proto_findings *);
static void	rule_plan(const struct proto_client *, struct proto_findings *);
static void	rule_ended(const struct proto_client *,
		    struct proto_findings *);
static void	rule_measure(const struct proto_client *,
		    struct proto_findings *);

static void	rule_age(const struct proto_client *, struct proto_findings *);
static void	rule_formulation(const struct proto_client *,
		    struct proto_findings *);
static void	rule_task(const struct proto_client *, struct proto_findings *);

static const struct rule {
	enum proto_rule	 id;
	const char	*name;
	void		(*eval)(const struct proto_client *,
			    struct proto_findings *);
} rules[] = {
	{ PR_RISK,		"risk",		rule_risk },
	{ PR_RISK_REVIEW,	"risk-review",	rule_risk_review },
	{ PR_SESSION,		"session",	rule_session },
	{ PR_CONTACT,		"contact",	rule_contact },
	{ PR_FOCUS,		"focus",	rule_focus },
	{ PR_INVENTORY,		"inventory",	rule_inventory },
	{ PR_FORMULATION,	"formulation",	rule_formulation },
	{ PR_TASK,		"tasks",	rule_task },
	{ PR_TERMINATION,	"termination",	rule_termination },
	{ PR_RELAPSE,		"relapse",	rule_relapse },
	{ PR_PLAN,		"plan",		rule_plan },
	{ PR_ENDED,		"ended",	rule_ended },
	{ PR_AGE,		"age",		rule_age },
	{ PR_MEASURE,		"measures",	rule_measure },
};

#define NRULES	(sizeof(rules) / sizeof(rules[0]))

const char *
protocol_rule_name(enum proto_rule r)
{
	size_t i;

	for (i = 0; i < NRULES; i++)
		if (rules[i].id == r)
			return rules[i].name;
	return "";
}

static struct proto_finding *
add(struct proto_findings *out, enum proto_rule r, enum proto_when w,
    long day)
{
	struct proto_finding *f;

	/* Doubled at each power of two: linear in the findings. */
	if ((out->n & (out->n - 1)) == 0)
		out->v = xreallocarray(out->v, out->n ? out->n * 2 : 1,
		    sizeof(*out->v));
	f = &out->v[out->n++];
	memset(f, 0, sizeof(*f));
	f->rule = r;
	f->when = w;
	f->day = day;
	return f;
}

/* A late finding at held session k (0-based). */
static struct proto_finding *
add_late(const struct proto_client *p, struct proto_findings *out,
    enum proto_rule r, size_t k)
{
	struct proto_finding *f;

	f = add(out, r, PW_LATE, p->held[k].day);
	f->ordinal = (long)k + 1;
	f->number = p->held[k].num;
	f->row = p->held[k].row;
	return f;
}

/* Reminders are asked for, and the status lets them be given. */
static int
ahead(const struct proto_client *p)
{
	return p->today >= 0 && strcmp(p->status, "paused") != 0 &&
	    strcmp(p->status, "ended") != 0;
}

static int
maint(const struct proto_client *p)
{
	return strcmp(p->status, "maintenance") == 0;
}

/* The next session is due within the window (or overdue). */
static int
soon(const struct proto_client *p)
{
	return p->next_due >= 0 && p->next_due <= p->today + p->within;
}

/* When an outstanding item is dated: its next session, or today. */
static long
when(const struct proto_client *p)
{
	return p->next_due >= 0 ? p->next_due : p->today;
}

static const char *
cell(const struct csv_table *t, size_t i, int c)
{
	return c == -1 ? "" : t->rows[i].f[c];
}

static long
day_of(const struct csv_table *t, size_t i, int c)
{
	long d;

	return date_parse(cell(t, i, c), &d) == 0 ? d : -1;
}

static int
cmp_held(const void *a, const void *b)
{
	long x = ((const struct proto_held *)a)->num;
	long y = ((const struct proto_held *)b)->num;

	return (x > y) - (x < y);
}

void
protocol_held(const struct variant *v, const struct csv_table *s,
    struct proto_held **hp, size_t *np)
{
	struct proto_held *h;
	size_t i, k, n = 0;
	int ca = csv_col(s, "attendance"), cn = csv_col(s, "number");
	int cd = csv_col(s, "date"), ck = csv_col(s, "kind");

	h = xcalloc(s->nrows > 0 ? s->nrows : 1, sizeof(*h));
	for (i = 0; i < s->nrows; i++) {
		if (strcmp(cell(s, i, ca), "attended") != 0 ||
		    !variant_kind_uses(v, cell(s, i, ck), VK_PLACE))
			continue;
		for (k = 0; k < i; k++)
			if (csv_rows_equal(s, i, k))
				break;
		if (k < i)
			continue;
		h[n].num = rec_number(cell(s, i, cn));
		h[n].day = day_of(s, i, cd);
		h[n].self = variant_kind_uses(v, cell(s, i, ck), VK_SELF);
		h[n++].row = i;
	}
	/* A stable sort: rows of one number keep their order. */
	for (i = 1; i < n; i++) {
		struct proto_held x = h[i];

		for (k = i; k > 0 && cmp_held(&h[k - 1], &x) > 0; k--)
			h[k] = h[k - 1];
		h[k] = x;
	}
	*hp = h;
	*np = n;
}

/*
 * risk: each flag must be reviewed by the risk_review-th session held
 * after it; an open one is always a reminder.
 */
static void
rule_risk(const struct proto_client *p, struct proto_findings *out)
{
	const struct risk_flag *fl;
	struct proto_finding *f;
	size_t i, k, lo, hi;
	long fd, cd, *upto = NULL;

	/*
	 * upto[k]: the latest day of the sessions held up to k, so that the
	 * first session held after a flag is found by bisection.
	 */
	if (p->today < 0 && p->v->risk_review != 0 && p->nheld > 0) {
		upto = xcalloc(p->nheld, sizeof(*upto));
		for (k = 0; k < p->nheld; k++)
			upto[k] = k > 0 && upto[k - 1] > p->held[k].day ?
			    upto[k - 1] : p->held[k].day;
	}
	for (i = 0; i < p->nflags; i++) {
		fl = &p->flags[i];
		if (date_parse(fl->date, &fd) == -1)
			continue;	/* rec_load() refuses it */
		if (p->today >= 0 && fl->open)
			add(out, PR_RISK, PW_RISK, fd)->flag = fl;
		if (p->today >= 0 || p->v->risk_review == 0)
			continue;
		for (lo = 0, hi = p->nheld; lo < hi; ) {
			k = lo + (hi - lo) / 2;
			if (upto[k] > fd)
				hi = k;
			else
				lo = k + 1;
		}
		k = lo + (size_t)p->v->risk_review - 1;
		if (k >= p->nheld)
			continue;
		if (!fl->open && date_parse(fl->closed_on, &cd) == 0 &&
		    cd <= p->held[k].day)
			continue;
		f = add_late(p, out, PR_RISK, k);
		f->flag = fl;
	}
	free(upto);
}

/*
 * risk-review: a high level in force is a risk line whatever the status;
 * the follow-up review asked for is due on its day.
 */
static void
rule_risk_review(const struct proto_client *p, struct proto_findings *out)
{
	if (p->today < 0)
		return;
	if (p->risk_high)
		add(out, PR_RISK_REVIEW, PW_RISK, p->risk_level_day);
	if (p->risk_next >= 0 && p->risk_next <= p->today + p->within)
		add(out, PR_RISK_REVIEW, p->risk_next < p->today ?
		    PW_OVERDUE : PW_DUE, p->risk_next);
}

/* session: the next one, due or overdue. */
static void
rule_session(const struct proto_client *p, struct proto_findings *out)
{
	struct proto_finding *f;
	enum proto_when w;

	if (!ahead(p) || p->next_due < 0)
		return;
	if (p->next_due < p->today)
		w = PW_OVERDUE;
	else if (p->next_due <= p->today + p->within)
		w = PW_DUE;
	else
		return;
	f = add(out, PR_SESSION, w, p->next_due);
	f->number = p->next_row;
	f->ordinal = p->next_number;
	f->want = p->planned;
	f->maintenance = maint(p) ||
	    strcmp(p->next_phase, "maintenance") == 0;
}

/*
 * contact: at least two intervals between sessions, so that monthly
 * maintenance does not look like a drop-out at every session.
 */
static void
rule_contact(const struct proto_client *p, struct proto_findings *out)
{
	long gap;

	if (!ahead(p))
		return;
	gap = p->no_contact > 2 * p->frequency ? p->no_contact :
	    2 * p->frequency;
	if (p->last_contact >= 0 && p->today - p->last_contact >= gap)
		add(out, PR_CONTACT, PW_OVERDUE, p->last_contact +
		    gap)->since = p->last_contact;
}

/* Is a focus agreed on or before day `by'? */
static int
focus_agreed(const struct proto_client *p, long by)
{
	const struct csv_table *t = p->focus;
	size_t i;
	long d;
	int cd = csv_col(t, "date");

	for (i = 0; i < t->nrows; i++)
		if ((d = day_of(t, i, cd)) >= 0 && d <= by)
			return 1;
	return 0;
}

/*
 * A rule with a deadline at held session k (1-based): outstanding, it is
 * overdue once k sessions have been held, and due when session k is next
 * and falls within the window.
 */
static struct proto_finding *
add_ahead(const struct proto_client *p, struct proto_findings *out,
    enum proto_rule r, long k)
{
	struct proto_finding *f;

	if ((long)p->nheld >= k)
		f = add(out, r, PW_OVERDUE, when(p));
	else if (p->next_number == k && soon(p))
		f = add(out, r, PW_DUE, p->next_due);
	else
		return NULL;
	f->ordinal = k;
	f->have = (long)p->nheld;
	return f;
}

static void
rule_focus(const struct proto_client *p, struct proto_findings *out)
{
	long fb = variant_focus_by(p->v, p->planned);

	if (fb <= 0 || maint(p))
		return;
	if (p->today < 0 && (size_t)fb <= p->nheld &&
	    !focus_agreed(p, p->held[fb - 1].day))
		add_late(p, out, PR_FOCUS, (size_t)fb - 1);
	if (ahead(p) && !focus_agreed(p, FOREVER))
		add_ahead(p, out, PR_FOCUS, fb);
}

/* The distinct people of the inventory rated on or before day `by'. */
static long
people_by(const struct proto_client *p, long by)
{
	const struct csv_table *t = p->inventory;
	size_t i, k;
	long n = 0;
	int cp = csv_col(t, "person"), cd = csv_col(t, "date");
	int all = by == FOREVER;	/* every day is on or before it */

	for (i = 0; i < t->nrows; i++) {
		if (!all && day_of(t, i, cd) > by)
			continue;
		for (k = 0; k < i; k++)
			if (strcmp(cell(t, k, cp), cell(t, i, cp)) == 0 &&
			    (all || day_of(t, k, cd) <= by))
				break;
		if (k == i)
			n++;
	}
	return n;
}

static void
rule_inventory(const struct proto_client *p, struct proto_findings *out)
{
	const struct variant *v = p->v;
	struct proto_finding *f;
	long first, last, n;

	if (v->inventory_min <= 0 || maint(p) ||
	    variant_phase_range(v, p->planned, "initial", &first,
	    &last) == -1 || last <= 0)
		return;
	if (p->today < 0 && (size_t)last <= p->nheld &&
	    (n = people_by(p, p->held[last - 1].day)) < v->inventory_min) {
		f = add_late(p, out, PR_INVENTORY, (size_t)last - 1);
		f->have = n;
		f->want = v->inventory_min;
	}
	if (ahead(p) && (n = people_by(p, FOREVER)) < v->inventory_min &&
	    (f = add_ahead(p, out, PR_INVENTORY, last)) != NULL) {
		f->have = n;
		f->want = v->inventory_min;
	}
}

/*
 * formulation: one recorded by the last session of the initial phase
 * (an audit: ipt check only).
 */
static void
rule_formulation(const struct proto_client *p, struct proto_findings *out)
{
	const struct csv_table *t = p->formulation;
	long first, last, by;
	size_t i;
	int cd;

	if (t == NULL || maint(p) ||
	    variant_phase_range(p->v, p->planned, "initial", &first,
	    &last) == -1 || last <= 0)
		return;
	cd = csv_col(t, "date");
	if (p->today >= 0) {
		/* A reminder: none recorded yet. */
		for (i = 0; i < t->nrows; i++)
			if (day_of(t, i, cd) >= 0)
				return;
		if (ahead(p))
			add_ahead(p, out, PR_FORMULATION, last);
		return;
	}
	if ((size_t)last > p->nheld)
		return;
	by = p->held[last - 1].day;
	for (i = 0; i < t->nrows; i++)
		if (day_of(t, i, cd) >= 0 && day_of(t, i, cd) <= by)
			return;
	add_late(p, out, PR_FORMULATION, (size_t)last - 1);
}

/* Does a ';'-list of techniques hold one of the alternatives "a|b"? */
static int
has_technique(const char *list, const char *alts)
{
	const char *a, *p;
	size_t alen, len;

	for (a = alts; *a != '\0'; a += alen + (a[alen] == '|')) {
		alen = strcspn(a, "|");
		for (p = list; *p != '\0'; p += len + (p[len] == ';')) {
			len = strcspn(p, ";");
			if (len == alen && strncmp(p, a, len) == 0)
				return 1;
		}
	}
	return 0;
}

/*
 * Is task t done by the first n sessions held, or by a session of a kind
 * without a place (IPT-A parent) held on or before day `by'?
 */
static int
task_done(const struct proto_client *p, const struct variant_task *t,
    size_t n, long by)
{
	const struct csv_table *s = p->sessions;
	size_t k;
	long d;
	int ct = csv_col(s, "techniques"), ca = csv_col(s, "attendance");
	int ck = csv_col(s, "kind"), cd = csv_col(s, "date");

	for (k = 0; k < n; k++)
		if (has_technique(cell(s, p->held[k].row, ct), t->name))
			return 1;
	for (k = 0; k < s->nrows; k++)
		if (strcmp(cell(s, k, ca), "attended") == 0 &&
		    !variant_kind_uses(p->v, cell(s, k, ck), VK_PLACE) &&
		    (d = day_of(s, k, cd)) != -1 && d <= by &&
		    has_technique(cell(s, k, ct), t->name))
			return 1;
	return 0;
}

int
protocol_task(const struct proto_client *p, size_t i, size_t *lastp)
{
	const struct variant_task *t = &p->v->tasks[i];
	long first, last, by;

	if (maint(p) || variant_phase_range(p->v, p->planned, t->phase,
	    &first, &last) == -1 || last <= 0 || (size_t)last > p->nheld)
		return -1;
	*lastp = (size_t)last - 1;
	by = p->held[last - 1].day;
	return task_done(p, t, (size_t)last, by < 0 ? -1 : by);
}

/*
 * tasks: each phase task done by the last session of its phase (audit);
 * a reminder when that session is next (due) or held (overdue) and no
 * session held has done the task yet.
 */
static void
rule_task(const struct proto_client *p, struct proto_findings *out)
{
	struct proto_finding *f;
	const struct variant_task *t;
	long first, last;
	size_t i, k;

	for (i = 0; i < p->v->ntasks; i++) {
		t = &p->v->tasks[i];
		if (p->today < 0) {
			if (protocol_task(p, i, &k) == 0)
				add_late(p, out, PR_TASK, k)->task = t;
			continue;
		}
		if (!ahead(p) || maint(p) || variant_phase_range(p->v,
		    p->planned, t->phase, &first, &last) == -1 || last <= 0 ||
		    task_done(p, t, p->nheld, FOREVER))
			continue;
		if ((f = add_ahead(p, out, PR_TASK, last)) != NULL)
			f->task = t;
	}
}

/*
 * The session by which the ending must be raised: the variant's
 * termination_notice before the end of the plan, or the first of the
 * final phase if that is earlier; 0 if neither.
 */
static long
termination_by(const struct proto_client *p)
{
	long tb = variant_termination_by(p->v, p->planned), first, last;

	if (variant_phase_range(p->v, p->planned, "final", &first,
	    &last) == 0 && first > 0 && (tb <= 0 || first < tb))
		tb = first;
	return tb;
}

/* Was the ending raised at one of the first n sessions held? */
static int
raised(const struct proto_client *p, size_t n)
{
	size_t i;
	int c = csv_col(p->sessions, "techniques");

	for (i = 0; i < n; i++)
		if (list_contains(cell(p->sessions, p->held[i].row, c),
		    "termination"))
			return 1;
	return 0;
}

static void
rule_termination(const struct proto_client *p, struct proto_findings *out)
{
	struct proto_finding *f;
	long tb;

	if (maint(p) || (tb = termination_by(p)) <= 0)
		return;
	if (p->today < 0 && (size_t)tb <= p->nheld && !raised(p, (size_t)tb)) {
		f = add_late(p, out, PR_TERMINATION, (size_t)tb - 1);
		f->want = p->planned - tb;
	}
	if (!ahead(p) || (long)p->nheld >= p->planned ||
	    raised(p, p->nheld))
		return;
	/* Due at every session from tb on, until it is raised. */
	if ((long)p->nheld >= tb)
		f = add(out, PR_TERMINATION, PW_OVERDUE, p->next_due);
	else if (soon(p) && p->next_number >= tb)
		f = add(out, PR_TERMINATION, PW_DUE, p->next_due);
	else
		return;
	f->number = p->next_row;
	f->ordinal = p->next_number;
	f->want = p->planned;
}

int
protocol_concluding(const struct variant *v, long planned, const char *phase,
    long n)
{
	long first, last;

	if (variant_phase_range(v, planned, "final", &first, &last) == 0)
		return strcmp(phase, "final") == 0;
	/* No acute plan (maintenance alone): nothing concludes it. */
	if (variant_phase_range(v, planned, "middle", &first, &last) == -1)
		return 0;
	first = variant_termination_by(v, planned);
	return n >= (first > 0 ? first : last);
}

/*
 * relapse: the concluding sessions (the final phase, begun or next in the
 * window) have a plan.
 */
static void
rule_relapse(const struct proto_client *p, struct proto_findings *out)
{
	if (!ahead(p) || maint(p) || p->relapse->nrows > 0)
		return;
	if (protocol_concluding(p->v, p->planned, p->phase, (long)p->nheld) ||
	    (soon(p) && protocol_concluding(p->v, p->planned, p->next_phase,
	    p->next_number)))
		add(out, PR_RELAPSE, PW_DUE, when(p));
}

static void
rule_plan(const struct proto_client *p, struct proto_findings *out)
{
	if (maint(p))
		return;
	if (p->today < 0 && (long)p->nheld > p->planned)
		add_late(p, out, PR_PLAN, (size_t)p->planned)->want =
		    p->planned;
	if (ahead(p) && (long)p->nheld >= p->planned)
		add(out, PR_PLAN, PW_DUE, p->last_day >= 0 ? p->last_day :
		    p->today)->want = p->planned;
}

static void
rule_ended(const struct proto_client *p, struct proto_findings *out)
{
	size_t i;
	int c;

	if (p->today >= 0 || strcmp(p->status, "ended") != 0)
		return;
	c = csv_col(p->sessions, "phase");
	for (i = 0; i < p->nheld; i++)
		if (protocol_concluding(p->v, p->planned,
		    cell(p->sessions, p->held[i].row, c), (long)i + 1))
			return;
	add(out, PR_ENDED, PW_LATE, -1);
}

/* age: the variant is for the client's age at the start (audit only). */
static void
rule_age(const struct proto_client *p, struct proto_findings *out)
{
	struct proto_finding *f;

	if (p->today >= 0 || variant_age_ok(p->v, p->age))
		return;
	f = add(out, PR_AGE, PW_LATE, -1);
	f->have = p->age;
}

/* One instrument's administrations, and the sessions held they count for. */
struct admin {
	size_t	*rows;		/* of measures.csv giving it */
	size_t	 n;
	long	*num, *day;	/* of each */
	char	*at;		/* at[k]: given at held session k */
};

static void
admin_load(const struct proto_client *p, const char *name, struct admin *a)
{
	const struct csv_table *m = p->measures;
	size_t i, k;
	int ci = csv_col(m, "instrument"), cs = csv_col(m, "session");
	int cd = csv_col(m, "date");

	a->n = 0;
	for (i = 0; i < m->nrows; i++)
		if (strcmp(cell(m, i, ci), name) == 0) {
			a->rows[a->n] = i;
			a->num[a->n] = rec_number(cell(m, i, cs));
			a->day[a->n++] = day_of(m, i, cd);
		}
	for (k = 0; k < p->nheld; k++) {
		a->at[k] = 0;
		for (i = 0; i < a->n; i++)
			if (a->num[i] == p->held[k].num ||
			    a->day[i] == p->held[k].day)
				a->at[k] = 1;
	}
}

/*
 * Whether the instrument is due at held session k (0-based; k == nheld:
 * the next one) on day `day': by its cadence from the last time it was
 * given before, at a session before k (the last such) or outside any
 * session before `by' (the latest), whichever is later.
 */
static int
due_at(const struct proto_client *p, const struct variant_instrument *vi,
    const struct admin *a, size_t k, long day, long by)
{
	long last_k = 0, last_day = 0;
	size_t i;
	int given = 0;

	for (i = k; i-- > 0;)
		if (a->at[i]) {
			given = 1;
			last_k = (long)i + 1;
			last_day = p->held[i].day;
			break;
		}
	for (i = 0; i < a->n; i++)
		if (a->num[i] == 0 && a->day[i] >= 0 && a->day[i] < by &&
		    (!given || a->day[i] > last_day)) {
			given = 1;
			last_k = 0;
			last_day = a->day[i];
		}
	return variant_due(p->v, vi, k + 1, day, given, last_k, last_day);
}

/* A run of sessions held [miss, end) that should have given vi. */
static void
run_end(const struct proto_client *p, struct proto_findings *out,
    const struct variant_instrument *vi, long miss, size_t end)
{
	struct proto_finding *f;

	if (miss < 0)
		return;
	f = add_late(p, out, PR_MEASURE, (size_t)miss);
	f->vi = vi;
	f->more = end - (size_t)miss - 1;
}

static void
rule_measure(const struct proto_client *p, struct proto_findings *out)
{
	const struct variant *v = p->v;
	const struct variant_instrument *vi;
	struct proto_finding *f;
	struct admin a;
	size_t i, j, nm;
	long miss;

	if (p->measures == NULL ||
	    (p->today >= 0 && (!ahead(p) || !soon(p))))
		return;
	nm = p->measures->nrows;
	a.rows = xreallocarray(NULL, nm > 0 ? nm : 1, sizeof(*a.rows));
	a.num = xreallocarray(NULL, nm > 0 ? nm : 1, sizeof(*a.num));
	a.day = xreallocarray(NULL, nm > 0 ? nm : 1, sizeof(*a.day));
	a.at = xcalloc(p->nheld > 0 ? p->nheld : 1, 1);
	for (j = 0; j < v->ninstruments; j++) {
		vi = &v->instruments[j];
		admin_load(p, vi->name, &a);
		if (p->today >= 0) {
			/* Everything recorded is before the next session. */
			if (due_at(p, vi, &a, p->nheld, p->next_due, FOREVER)) {
				f = add(out, PR_MEASURE, p->next_due <
				    p->today ? PW_OVERDUE : PW_DUE,
				    p->next_due);
				f->vi = vi;
				f->number = p->next_row;
				f->ordinal = p->next_number;
			}
			continue;
		}
		for (i = 0, miss = -1; i < p->nheld; i++) {
			/* A kind the self-reports are not due at. */
			if (!p->held[i].self)
				continue;
			if (a.at[i] || !due_at(p, vi, &a, i, p->held[i].day,
			    p->held[i].day)) {
				run_end(p, out, vi, miss, i);
				miss = -1;
			} else if (miss == -1)
				miss = (long)i;
		}
		run_end(p, out, vi, miss, p->nheld);
	}
	free(a.rows);
	free(a.num);
	free(a.day);
	free(a.at);
}

void
protocol_eval(const struct proto_client *p, struct proto_findings *out)
{
	size_t i;

	for (i = 0; i < NRULES; i++)
		rules[i].eval(p, out);
}

void
protocol_findings_free(struct proto_findings *f)
{
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

int
protocol_deteriorated(const struct measure_change *c)
{
	/* measure_change() weighs the delta in the instrument's direction. */
	return c->in != NULL && c->n >= 2 && c->reliable == -1;
}
