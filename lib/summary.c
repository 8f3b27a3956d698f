/*
 * summary.c: a client's state and reminders, derived from its files.
 *
 * The reminders come from the protocol's rules (protocol.c), the same
 * ones ipt check's fidelity findings come from; protocol_reminders() hands
 * them the client's state and words what they find, each as one kind
 * (ipt-remind(1) lists them):
 *   risk-open         an open risk flag; always, whatever the status
 *   deterioration     an instrument's latest score reliably worse than its
 *                     baseline (protocol_deteriorated()); not once ended
 *   session-overdue   the next session was due before today
 *   session-due       the next session is due within the window
 *   maintenance-due   either, when the next session is a maintenance one
 *   no-contact        no contact for no_contact days (or two intervals)
 *   focus-due         no focus agreed by the end of the initial phase
 *   inventory-due     too few people in the inventory by then
 *   formulation-due   no formulation recorded by then
 *   task-due          a task of the phase ([tasks]) not done by its end
 *   termination-due   the ending not raised by the variant's session
 *   relapse-plan-due  final phase without a relapse-prevention plan
 *   plan-complete     every planned session held
 *   measure-due       an instrument due at the next session
 * Paused and ended clients get only risk-open (and a paused one
 * deterioration).  Appointments (appointment.h) add their own, for an
 * active client too:
 *   appointment         a planned appointment from today to the window's end
 *   appointment-missed  a planned appointment before today that no session
 *                       took: record the session or cancel it
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "date.h"
#include "entry.h"
#include "episode.h"
#include "ini.h"
#include "instrument.h"
#include "trust.h"
#include "measure.h"
#include "naming.h"
#include "protocol.h"
#include "record.h"
#include "session.h"
#include "summary.h"
#include "util.h"
#include "variant.h"

void
remind_defaults(struct remind_opts *o)
{
	o->within = 7;
	o->no_contact = 28;
	o->risk_weeks = 8;
}

int
remind_settings(const char *root, struct remind_opts *o)
{
	struct ini ini;
	const char *s;
	char *path;
	long n;
	int rc = 0;

	remind_defaults(o);
	if (root == NULL)
		return 0;
	if (trust_ini(root, &ini, &path) == -1)
		return -1;
	if ((s = ini_get(&ini, "remind", "within")) != NULL) {
		if (parse_long(s, 0, 366, &n) == -1)
			rc = ipt_seterr("%s: [remind] within: not a whole number "
			    "of days from 0 to 366", path);
		else
			o->within = n;
	}
	if ((s = ini_get(&ini, "remind", "no_contact_days")) != NULL) {
		if (parse_long(s, 1, 3660, &n) == -1)
			rc = ipt_seterr("%s: [remind] no_contact_days: not a "
			    "whole number of days from 1 to 3660", path);
		else
			o->no_contact = n;
	}
	if ((s = ini_get(&ini, "remind", "risk_history_weeks")) != NULL) {
		if (parse_long(s, 0, 520, &n) == -1)
			rc = ipt_seterr("%s: [remind] risk_history_weeks: not a "
			    "whole number of weeks from 0 to 520", path);
		else
			o->risk_weeks = n;
	}
	ini_free(&ini);
	free(path);
	return rc;
}

void
practice_use(struct practice_ctx *pc, char *root, void (*err)(void *),
    void *arg)
{
	if (pc->loaded && (pc->root == NULL || root == NULL ?
	    pc->root == root : strcmp(pc->root, root) == 0)) {
		free(root);
		return;
	}
	instr_free_set(&pc->set);
	free(pc->root);
	pc->root = root;
	pc->loaded = 1;
	if (instr_load_set(&pc->set, root) == -1) {
		/* Go on with the built-in instruments. */
		err(arg);
		instr_free_set(&pc->set);
		if (instr_load_set(&pc->set, NULL) == -1)
			err(arg);
	}
	/* A bad setting keeps its default; the others still apply. */
	if (remind_settings(root, &pc->ro) == -1)
		err(arg);
}

void
practice_ctx_free(struct practice_ctx *pc)
{
	instr_free_set(&pc->set);
	free(pc->root);
	memset(pc, 0, sizeof(*pc));
}

static void
add_rem(struct summary *s, enum urgency u, long day, const char *kind,
    const char *fmt, ...) IPT_PRINTF(5, 6);

static void
add_rem(struct summary *s, enum urgency u, long day, const char *kind,
    const char *fmt, ...)
{
	struct reminder *r;
	va_list ap;
	int n;

	if ((s->nrem & (s->nrem - 1)) == 0)
		s->rem = xreallocarray(s->rem, s->nrem ? s->nrem * 2 : 1,
		    sizeof(*s->rem));
	r = &s->rem[s->nrem++];
	r->urgency = u;
	r->day = day;
	r->kind = xstrdup(kind);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	r->message = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(r->message, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

static long
row_day(const struct csv_table *t, size_t i, const char *col)
{
	long d;

	return date_parse(csv_get(t, i, col), &d) == 0 ? d : -1;
}

/* Count the distinct people of the inventory. */
static long
count_people(const struct csv_table *t)
{
	size_t i, j;
	long n = 0;

	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(csv_get(t, i, "person"),
			    csv_get(t, j, "person")) == 0)
				break;
		if (j == i)
			n++;
	}
	return n;
}

static void
sessions_state(struct summary *s)
{
	const struct csv_table *t = s->esess;
	size_t i;
	long d, n, last, max = 0, cadence = -1, any = -1;

	s->last_day = s->last_contact = -1;
	/* Numbers count over every episode; the course, over this one. */
	for (i = 0; i < s->sessions.nrows; i++)
		if (parse_long(csv_get(&s->sessions, i, "number"), 1, 9999,
		    &n) == 0 && n > max)
			max = n;
	for (i = 0; i < t->nrows; i++) {
		const char *att = csv_get(t, i, "attendance");

		d = row_day(t, i, "date");
		if (strcmp(att, "no-show") == 0) {
			s->noshow++;
			continue;
		}
		/* A cancellation is news from the client; a no-show is not. */
		if (d > s->last_contact)
			s->last_contact = d;
		if (strcmp(att, "cancelled") == 0) {
			s->cancelled++;
			continue;
		}
		/*
		 * The kinds of the variant ([kinds], protocol.c): a kind that
		 * keeps the cadence sets the next due date; one that uses no
		 * place in the plan is no session of the count or the phases.
		 */
		if (d > any)
			any = d;
		if (variant_kind_uses(s->v, csv_get(t, i, "kind"),
		    VK_CADENCE) && d > cadence)
			cadence = d;
		if (!variant_kind_uses(s->v, csv_get(t, i, "kind"),
		    VK_PLACE)) {
			s->outside++;
			continue;
		}
		s->held++;
		if (d >= s->last_day) {
			s->last_day = d;
			parse_long(csv_get(t, i, "number"), 1, 9999, &n);
			s->last_held = n;
			s->phase = csv_get(t, i, "phase");
		}
	}
	if (s->phase == NULL)
		s->phase = "";
	/* A measure given outside a session is contact too. */
	for (i = 0; i < s->measures.nrows; i++)
		if ((d = row_day(&s->measures, i, "date")) > s->last_contact)
			s->last_contact = d;
	s->next_number = s->held + 1;
	s->next_row = max + 1;
	s->next_phase = variant_phase(s->v, s->c.planned, s->next_number,
	    s->c.status);
	if (s->next_phase == NULL)
		s->next_phase = "";
	if (cadence >= 0)
		s->next_due = cadence + s->c.frequency;
	else if (any >= 0)
		s->next_due = any + s->c.frequency;
	else
		s->next_due = s->c.start_day;
	/* Nothing is due of an ended or paused client, or a finished plan. */
	if (strcmp(s->c.status, "ended") == 0 ||
	    strcmp(s->c.status, "paused") == 0 ||
	    (strcmp(s->c.status, "maintenance") != 0 &&
	    s->held >= s->c.planned))
		s->next_due = -1;
	s->end_day = -1;
	if (strcmp(s->c.status, "ended") == 0)
		s->end_day = s->c.end_day >= 0 ? s->c.end_day :
		    any >= 0 ? any : s->today;
	last = s->end_day >= 0 && s->end_day < s->today ? s->end_day :
	    s->today;
	s->weeks = last >= s->c.start_day ? (last - s->c.start_day) / 7 : 0;
}

static void
entry_error(struct summary *s, const char *file, size_t line,
    const char *why)
{
	struct buf b = { 0 };

	buf_printf(&b, "%s:%zu: %s", file, line, why);
	s->errors = xreallocarray(s->errors, s->nerrors + 1,
	    sizeof(*s->errors));
	s->errors[s->nerrors++] = b.s;
}

/*
 * The rows the entry rules refuse, as ipt check reports them: a measure
 * naming a session not held on its day, or dated after today, is left
 * out (so it is never the latest) unless it flags a risk, which is
 * never dropped; a session dated after today is only reported, since
 * its number is taken.
 */
static void
entry_rows(struct summary *s)
{
	struct csv_table *m = &s->measures;
	char why[ENTRY_WHY];
	size_t i;
	long d, n;

	for (i = 0; i < s->sessions.nrows; i++)
		if ((d = row_day(&s->sessions, i, "date")) >= 0 &&
		    entry_past(d, s->today, why) == -1)
			entry_error(s, "sessions.csv", s->sessions.rows[i].line,
			    why);
	for (i = 0; i < m->nrows;) {
		d = row_day(m, i, "date");
		n = rec_number(csv_get(m, i, "session"));
		if ((d >= 0 && entry_past(d, s->today, why) == -1) ||
		    (n > 0 && entry_session(&s->sessions, n, d, NULL,
		    why) == -1)) {
			entry_error(s, "measures.csv", m->rows[i].line, why);
			if (list_contains(csv_get(m, i, "flags"), "risk"))
				i++;
			else
				csv_remove(m, i);
		} else
			i++;
	}
}

/* Fill one instrument's course from its change (measure.h). */
static void
course_fill(struct course *c, const struct csv_table *m,
    const struct measure_change *mc)
{
	struct buf subs = { 0 }, crit = { 0 };
	char rc[32];

	c->n = mc->n;
	snprintf(c->first_date, sizeof(c->first_date), "%s",
	    csv_get(m, mc->first, "date"));
	snprintf(c->last_date, sizeof(c->last_date), "%s",
	    csv_get(m, mc->last, "date"));
	c->first_total = xstrdup(csv_get(m, mc->first, "total"));
	c->last_total = xstrdup(csv_get(m, mc->last, "total"));
	c->first_band = xstrdup(csv_get(m, mc->first, "severity"));
	c->last_band = xstrdup(csv_get(m, mc->last, "severity"));
	if (parse_long(csv_get(m, mc->last, "session"), 1, 9999,
	    &c->last_session) == -1)
		c->last_session = 0;
	c->higher_better = mc->in != NULL && mc->in->higher_better;
	c->change = xstrdup(mc->change);
	c->pct = xstrdup(mc->pct);
	c->response = xstrdup(measure_yesno(mc->response));
	c->remission = xstrdup(measure_yesno(mc->remission));
	c->reliable = xstrdup(measure_reliable(mc));
	measure_derived(mc->in, csv_get(m, mc->last, "items"), &subs, &crit);
	c->last_subscales = xstrdup(subs.s != NULL ? subs.s : "");
	c->last_criterion = xstrdup(crit.s != NULL ? crit.s : "");
	buf_free(&subs);
	buf_free(&crit);
	measure_criterion(mc->in, rc, sizeof(rc));
	c->reliable_criterion = xstrdup(rc);
	c->deteriorated = protocol_deteriorated(mc);
}

void
summary_deterioration(struct buf *b, const struct course *c)
{
	buf_printf(b, "%s %s -> %s (%s, reliable change %s%s) from %s to %s",
	    c->instrument, c->first_total, c->last_total, c->change,
	    c->reliable_criterion, c->higher_better ? ", higher is better" : "",
	    c->first_date, c->last_date);
}

/*
 * A reminder of each reliable deterioration (protocol.c), on the day of
 * the latest administration; none for an ended client.
 */
static void
deterioration_reminders(struct summary *s)
{
	struct buf b = { 0 };
	size_t i;
	long day;

	if (strcmp(s->c.status, "ended") == 0)
		return;
	for (i = 0; i < s->ncourse; i++) {
		if (!s->course[i].deteriorated ||
		    date_parse(s->course[i].last_date, &day) == -1)
			continue;
		buf_reset(&b);
		summary_deterioration(&b, &s->course[i]);
		add_rem(s, URG_ALERT, day, "deterioration", "%s: reliably "
		    "worse, not on track; review the plan with the client",
		    b.s);
	}
	buf_free(&b);
}

/* The course of every instrument given in m, in order of first use. */
static int
courses(const struct csv_table *m, const struct instr_set *set,
    struct course **cp, size_t *np)
{
	struct measure_change mc;
	struct course *c;
	size_t i, j;

	for (i = 0; i < m->nrows; i++) {
		const char *name = csv_get(m, i, "instrument");

		/* The instruments met so far: a few, whatever the rows. */
		for (j = 0; j < *np; j++)
			if (strcmp((*cp)[j].instrument, name) == 0)
				break;
		if (j < *np)
			continue;
		if (measure_change(m, name, set != NULL ?
		    instr_find(set, name) : NULL, &mc) == -1)
			return -1;
		*cp = xreallocarray(*cp, *np + 1, sizeof(**cp));
		c = &(*cp)[(*np)++];
		memset(c, 0, sizeof(*c));
		c->instrument = xstrdup(name);
		course_fill(c, m, &mc);
	}
	return 0;
}

static void
courses_free(struct course *course, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct course *c = &course[i];

		free(c->instrument);
		free(c->first_total);
		free(c->last_total);
		free(c->first_band);
		free(c->last_band);
		free(c->change);
		free(c->pct);
		free(c->response);
		free(c->remission);
		free(c->reliable);
		free(c->last_subscales);
		free(c->last_criterion);
		free(c->reliable_criterion);
	}
	free(course);
}

/*
 * The episodes that ended (episode.h), each counted over its own rows:
 * its sessions held of its plan, its attendance and its measures.
 */
static int
past_episodes(struct summary *s, const struct instr_set *set)
{
	const struct csv_table *t = &s->episodes;
	const struct variant *v;
	struct past_episode *pe;
	struct csv_table sess, meas;
	struct proto_held *held;
	size_t i, k, nheld;
	long a, b;
	int rc = 0;

	if (s->eps.n < 2)
		return 0;
	s->past = xcalloc(s->eps.n - 1, sizeof(*s->past));
	for (i = 0; i + 1 < s->eps.n && rc == 0; i++) {
		const struct episode *e = &s->eps.v[i];

		pe = &s->past[s->npast++];
		pe->num = e->num;
		date_format(e->start, pe->start);
		date_format(e->end, pe->end);
		pe->reason = csv_get(t, e->row, "end_reason");
		pe->variant = csv_get(t, e->row, "variant");
		pe->primary = csv_get(t, e->row, "primary");
		pe->secondary = csv_get(t, e->row, "secondary");
		parse_long(csv_get(t, e->row, "planned_sessions"), 1, 999,
		    &pe->planned);
		parse_long(csv_get(t, e->row, "frequency_days"), 1, 366,
		    &pe->frequency);
		a = e->start;
		b = e->end;
		pe->weeks = b >= a ? (b - a) / 7 : 0;
		if (variant_get(s->c.root, pe->variant, &v) == -1)
			v = s->v;
		episode_rows(&s->sessions, "date", e, &sess);
		episode_rows(&s->measures, "date", e, &meas);
		for (k = 0; k < sess.nrows; k++) {
			const char *att = csv_get(&sess, k, "attendance");

			if (strcmp(att, "no-show") == 0)
				pe->noshow++;
			else if (strcmp(att, "cancelled") == 0)
				pe->cancelled++;
			else if (!variant_kind_uses(v, csv_get(&sess, k,
			    "kind"), VK_PLACE))
				pe->outside++;
		}
		protocol_held(v, &sess, &held, &nheld);
		pe->held = (long)nheld;
		free(held);
		rc = courses(&meas, set, &pe->course, &pe->ncourse);
		csv_free_table(&sess);
		csv_free_table(&meas);
	}
	return rc;
}

/*
 * The episodes (episode.h): the rows of the current one apart, which
 * the course is counted over.  episodes.csv out of order is reported as
 * ipt check reports it, and what was read of it stands.
 */
static void
summary_episodes(struct summary *s)
{
	const struct episode *cur;

	if (episodes_read(&s->episodes, s->c.episode, s->c.start_day,
	    &s->eps) == -1) {
		s->errors = xreallocarray(s->errors, s->nerrors + 1,
		    sizeof(*s->errors));
		s->errors[s->nerrors++] = xstrdup(ipt_error());
	}
	s->esess = &s->sessions;
	s->emeas = &s->measures;
	s->efocus = &s->focus;
	if (s->eps.n < 2)
		return;
	cur = &s->eps.v[s->eps.n - 1];
	episode_rows(&s->sessions, "date", cur, &s->ep_sess);
	episode_rows(&s->measures, "date", cur, &s->ep_meas);
	episode_rows(&s->focus, "date", cur, &s->ep_focus);
	s->esess = &s->ep_sess;
	s->emeas = &s->ep_meas;
	s->efocus = &s->ep_focus;
}

int
summary_in_course(const struct summary *s, const char *date)
{
	long d;

	if (s->eps.n < 2)
		return 1;
	return episode_has(&s->eps.v[s->eps.n - 1],
	    date_parse(date, &d) == 0 ? d : -1);
}

/* Courses of every instrument given, in order of first use; open flags. */
static int
summary_measures(struct summary *s, const struct instr_set *shared)
{
	const struct csv_table *m = &s->measures;
	struct instr_set own = { 0 };
	const struct instr_set *set = shared;
	struct risk_flag *flags = NULL;
	size_t i, nflags = 0;
	int rc = -1;

	if (set == NULL && m->nrows > 0) {
		if (instr_load_set(&own, s->c.root) == -1)
			return -1;
		set = &own;
	}
	/* The courses of the current episode, then of those that ended. */
	if (courses(s->emeas, set, &s->course, &s->ncourse) == -1 ||
	    past_episodes(s, set) == -1)
		goto out;
	if (risk_flags(m, &s->risk, set, 0, &flags, &nflags) == -1)
		goto out;
	s->risk_open = xcalloc(nflags, sizeof(*s->risk_open));
	for (i = 0; i < nflags; i++) {
		struct risk_open *r = &s->risk_open[i];

		snprintf(r->date, sizeof(r->date), "%s", flags[i].date);
		r->session = flags[i].session;
		r->instrument = xstrdup(flags[i].instrument);
		r->detail = xstrdup(flags[i].detail);
		r->line = flags[i].line;
	}
	s->nrisk = nflags;
	risk_state(&s->risk, &s->risk_st);
	s->risk_high = strcmp(s->risk_st.level, "high") == 0;
	if (risk_flags(m, &s->risk, set, 1, &s->risk_all, &s->nrisk_all) == -1)
		goto out;
	s->risk_mark = xcalloc(m->nrows > 0 ? m->nrows : 1, 1);
	for (i = 0; i < s->nrisk_all; i++) {
		const struct risk_flag *f = &s->risk_all[i];

		s->risk_mark[f->row] = f->open ? RISK_MARK_OPEN :
		    f->review >= 0 && strcmp(csv_get(&s->risk,
		    (size_t)f->review, "level"), "high") == 0 ?
		    RISK_MARK_HIGH : RISK_MARK_REVIEWED;
	}
	rc = 0;
out:
	risk_flags_free(flags, nflags);
	instr_free_set(&own);
	return rc;
}

/* The next session, as a finding names it, in the words of naming.h. */
static void
name_next(const struct summary *s, const struct proto_finding *f,
    struct buf *b)
{
	naming_session(b, f->number > 0 ? f->number :
	    f->ordinal == s->next_number ? s->next_row : 0, f->ordinal,
	    s->c.planned,
	    f->ordinal == s->next_number ? s->next_phase : "",
	    strcmp(s->c.status, "maintenance") == 0);
}

/* A reminder in the words of status and remind. */
static void
reminder(struct summary *s, const struct proto_finding *f)
{
	enum urgency u = f->when == PW_RISK ? URG_RISK :
	    f->when == PW_OVERDUE ? URG_OVERDUE : URG_DUE;
	char day[DATE_LEN], at[40] = "", ord[NAMING_ORD];
	struct buf b = { 0 };
	long ago;

	switch (f->rule) {
	case PR_RISK:
		if (f->flag->session > 0)
			snprintf(at, sizeof(at), " (session %ld)",
			    f->flag->session);
		add_rem(s, u, f->day, "risk-open", "open risk flag: %s %s on "
		    "%s%s; review it (ipt risk review)", f->flag->instrument,
		    f->flag->detail, f->flag->date, at);
		break;
	case PR_RISK_REVIEW:
		if (f->when == PW_RISK) {
			add_rem(s, u, f->day, "risk-high", "risk level high "
			    "since the review of %s; a later review lowers it "
			    "(ipt risk review --level)", s->risk_st.level_on);
			break;
		}
		ago = s->today - f->day;
		if (f->when == PW_OVERDUE)
			add_rem(s, u, f->day, "risk-review-due", "risk review "
			    "was due on %s (%ld day%s ago), as the review of "
			    "%s asked", s->risk_st.next, ago, ago == 1 ? "" :
			    "s", s->risk_st.last);
		else
			add_rem(s, u, f->day, "risk-review-due", "risk review "
			    "due on %s, as the review of %s asked",
			    s->risk_st.next, s->risk_st.last);
		break;
	case PR_SESSION:
		date_format(f->day, day);
		ago = s->today - f->day;
		name_next(s, f, &b);
		if (f->when == PW_OVERDUE)
			add_rem(s, u, f->day, f->maintenance ?
			    "maintenance-due" : "session-overdue",
			    "%s was due on %s (%ld day%s ago)", b.s, day, ago,
			    ago == 1 ? "" : "s");
		else
			add_rem(s, u, f->day, f->maintenance ?
			    "maintenance-due" : "session-due",
			    "%s is due on %s", b.s, day);
		break;
	case PR_CONTACT:
		date_format(f->since, day);
		ago = s->today - f->since;
		add_rem(s, u, f->day, "no-contact", "no contact since %s (%ld "
		    "day%s): possible drop-out", day, ago, ago == 1 ? "" : "s");
		break;
	case PR_FOCUS:
		if (f->when == PW_OVERDUE)
			add_rem(s, u, f->day, "focus-due", "no focus agreed "
			    "after %ld sessions held (due by the %s)", f->have,
			    naming_ordinal(f->ordinal, ord));
		else {
			name_next(s, f, &b);
			add_rem(s, u, f->day, "focus-due", "agree the focus at "
			    "%s, the last of the initial phase", b.s);
		}
		break;
	case PR_INVENTORY:
		if (f->when == PW_OVERDUE)
			add_rem(s, u, f->day, "inventory-due", "the inventory "
			    "has %ld of the %ld people the initial phase asks "
			    "for", f->have, f->want);
		else
			add_rem(s, u, f->day, "inventory-due", "complete the "
			    "inventory (%ld of %ld people) by the %s session "
			    "held", f->have, f->want,
			    naming_ordinal(f->ordinal, ord));
		break;
	case PR_FORMULATION:
		if (f->when == PW_OVERDUE)
			add_rem(s, u, f->day, "formulation-due", "no "
			    "formulation recorded after %ld sessions held (due "
			    "by the %s; ipt formulation add)", f->have,
			    naming_ordinal(f->ordinal, ord));
		else {
			name_next(s, f, &b);
			add_rem(s, u, f->day, "formulation-due", "share the "
			    "formulation at %s, the last of the initial phase "
			    "(ipt formulation add)", b.s);
		}
		break;
	case PR_TASK:
		if (f->when == PW_OVERDUE)
			add_rem(s, u, f->day, "task-due", "the %s task '%s' "
			    "was not done by the %s session held, the end of "
			    "the %s phase (a session's --technique)",
			    f->task->phase, f->task->name,
			    naming_ordinal(f->ordinal, ord), f->task->phase);
		else {
			name_next(s, f, &b);
			add_rem(s, u, f->day, "task-due", "the %s task '%s' "
			    "is not done yet: %s is the last of the %s phase",
			    f->task->phase, f->task->name, b.s,
			    f->task->phase);
		}
		break;
	case PR_TERMINATION:
		name_next(s, f, &b);
		add_rem(s, u, f->day, "termination-due", "%s: raise the ending "
		    "and prepare termination", b.s);
		break;
	case PR_RELAPSE:
		add_rem(s, u, f->day, "relapse-plan-due", "final phase: record "
		    "the relapse-prevention plan (ipt relapse add)");
		break;
	case PR_PLAN:
		add_rem(s, u, f->day, "plan-complete", "all %ld planned "
		    "sessions held: end, extend or contract maintenance",
		    f->want);
		break;
	case PR_MEASURE:
		name_next(s, f, &b);
		add_rem(s, u, f->day, "measure-due", "%s due at %s; given %s",
		    f->vi->name, b.s, f->vi->text);
		break;
	default:
		break;
	}
	buf_free(&b);
}

/*
 * The reminders: what the protocol's rules (protocol.c) find ahead of
 * today, in the window `o->within' days long.
 */
static void
protocol_reminders(struct summary *s, const struct remind_opts *o)
{
	struct proto_client p;
	struct proto_findings out = { 0 };
	struct risk_flag *flags;
	size_t i;

	memset(&p, 0, sizeof(p));
	p.v = s->v;
	p.planned = s->c.planned;
	p.status = s->c.status;
	p.sessions = s->esess;
	p.measures = s->emeas;
	p.focus = s->efocus;
	p.inventory = &s->inventory;
	p.relapse = &s->relapse;
	p.formulation = &s->formulation;
	/* The open flags, as the rules take them. */
	flags = xcalloc(s->nrisk > 0 ? s->nrisk : 1, sizeof(*flags));
	for (i = 0; i < s->nrisk; i++) {
		memcpy(flags[i].date, s->risk_open[i].date, DATE_LEN);
		flags[i].session = s->risk_open[i].session;
		flags[i].instrument = s->risk_open[i].instrument;
		flags[i].detail = s->risk_open[i].detail;
		flags[i].line = s->risk_open[i].line;
		flags[i].open = 1;
	}
	p.flags = flags;
	p.nflags = s->nrisk;
	p.risk_high = s->risk_high;
	if (date_parse(s->risk_st.level_on, &p.risk_level_day) == -1)
		p.risk_level_day = -1;
	if (date_parse(s->risk_st.next, &p.risk_next) == -1)
		p.risk_next = -1;
	p.age = client_age(&s->c, s->c.start_day);
	p.today = s->today;
	p.within = o->within;
	p.no_contact = o->no_contact;
	p.frequency = s->c.frequency;
	p.next_number = s->next_number;
	p.next_row = s->next_row;
	p.next_due = s->next_due;
	p.phase = s->phase;
	p.next_phase = s->next_phase;
	p.last_day = s->last_day;
	p.last_contact = s->last_contact;
	protocol_held(s->v, s->esess, &p.held, &p.nheld);
	protocol_eval(&p, &out);
	for (i = 0; i < out.n; i++)
		reminder(s, &out.v[i]);
	protocol_findings_free(&out);
	free(p.held);
	free(flags);
}

const char *const reminder_kinds[] = { "risk-open", "risk-high",
    "risk-review-due", "deterioration", "appointment-missed", "appointment",
    "session-overdue", "session-due", "maintenance-due", "no-contact",
    "focus-due", "inventory-due", "formulation-due", "task-due",
    "termination-due", "relapse-plan-due",
    "plan-complete", "measure-due", NULL };

static int
cmp_rem(const void *a, const void *b)
{
	const struct reminder *x = a, *y = b;
	int kx, ky;

	if (x->urgency != y->urgency)
		return (int)x->urgency - (int)y->urgency;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	kx = rec_lookup(reminder_kinds, x->kind);
	ky = rec_lookup(reminder_kinds, y->kind);
	if (kx != ky)
		return kx - ky;
	return strcmp(x->message, y->message);
}

/* The review of risk.csv row r in words: "level high, ...: note". */
static void
review_words(struct buf *b, const struct csv_table *r, size_t row)
{
	const char *v, *p;

	if (*(v = csv_get(r, row, "level")) != '\0')
		buf_printf(b, ", level %s", v);
	if (*(v = csv_get(r, row, "safety_plan")) != '\0')
		buf_printf(b, ", safety plan %s", v);
	if (*(v = csv_get(r, row, "next")) != '\0')
		buf_printf(b, ", next review %s", v);
	buf_adds(b, ": ");
	/* The note on one line: its line breaks as " / ". */
	for (p = csv_get(r, row, "note"); *p != '\0'; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n')
			buf_adds(b, " / ");
		else
			buf_addc(b, *p);
	}
}

size_t
summary_risk_history(const struct summary *s, long since, char ***out)
{
	const struct csv_table *r = &s->risk;
	struct buf b = { 0 };
	char **v = NULL;
	size_t n = 0, i = 0, j = 0;
	long d, rd;

	v = xcalloc(s->nrisk_all + r->nrows + 1, sizeof(*v));
	for (;;) {
		/* The next follow-up review (a row naming no flag). */
		while (j < r->nrows && *csv_get(r, j, "instrument") != '\0')
			j++;
		if (i >= s->nrisk_all && j >= r->nrows)
			break;
		buf_reset(&b);
		if (j < r->nrows && (i >= s->nrisk_all ||
		    strcmp(csv_get(r, j, "date"), s->risk_all[i].date) < 0)) {
			if (date_parse(csv_get(r, j, "date"), &rd) == 0 &&
			    rd >= since) {
				buf_printf(&b, "%s FOLLOW-UP review",
				    csv_get(r, j, "date"));
				review_words(&b, r, j);
				v[n++] = xstrdup(b.s);
			}
			j++;
			continue;
		}
		{
			const struct risk_flag *f = &s->risk_all[i++];

			if (date_parse(f->date, &d) == -1)
				d = -1;
			rd = -1;
			if (f->review >= 0)
				date_parse(csv_get(r, (size_t)f->review,
				    "date"), &rd);
			if (d < since && rd < since && !f->open)
				continue;
			buf_printf(&b, "%s %s %s %s", f->date, f->open ?
			    "OPEN" : s->risk_mark[f->row] == RISK_MARK_HIGH ?
			    "HIGH" : "REVIEWED", f->instrument, f->detail);
			if (f->session > 0)
				buf_printf(&b, " (session %ld)", f->session);
			if (f->open)
				buf_adds(&b, ": not reviewed yet");
			else if (f->review >= 0) {
				buf_printf(&b, ": reviewed %s", f->closed_on);
				review_words(&b, r, (size_t)f->review);
			} else
				buf_adds(&b, ": reviewed (no note found)");
			v[n++] = xstrdup(b.s);
		}
	}
	buf_free(&b);
	*out = v;
	return n;
}

/*
 * The appointments still planned: those from today to the end of the
 * window, and those before today that no session took.  None for an
 * ended client (its appointments are history).
 */
static const char *
weekday_name(long day)
{
	static const char *const names[] = { "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat", "Sun" };

	return names[date_weekday(day)];
}

static void
appt_reminders(struct summary *s, const struct remind_opts *o)
{
	const struct csv_table *t = &s->appts;
	const char *date, *time;
	long day;
	size_t i;

	if (strcmp(s->c.status, "ended") == 0)
		return;
	for (i = 0; i < t->nrows; i++) {
		if (strcmp(csv_get(t, i, "status"), "planned") != 0 ||
		    date_parse((date = csv_get(t, i, "date")), &day) == -1)
			continue;
		time = csv_get(t, i, "time");
		if (day < s->today)
			add_rem(s, URG_OVERDUE, day, "appointment-missed",
			    "appointment %s on %s at %s: no session recorded "
			    "(session add --date %s, or session cancel %s)",
			    csv_get(t, i, "id"), date, time, date,
			    csv_get(t, i, "id"));
		else if (day <= s->today + o->within)
			add_rem(s, day == s->today ? URG_DUE : URG_INFO, day,
			    "appointment", "appointment %s: %s %s at %s, %s "
			    "min", csv_get(t, i, "id"), date,
			    weekday_name(day), time,
			    csv_get(t, i, "duration_min"));
	}
}

int
summary_load(struct summary *s, const char *dir, long today,
    const struct instr_set *instr, const struct remind_opts *opts)
{
	struct remind_opts def;
	size_t i;

	memset(s, 0, sizeof(*s));
	s->today = today;
	if (opts == NULL) {
		remind_defaults(&def);
		opts = &def;
	}
	if (client_open(&s->c, dir) == -1)
		return -1;
	if (variant_get(s->c.root, s->c.variant, &s->v) == -1 ||
	    rec_load(dir, REC_SESSIONS, &s->sessions) == -1 ||
	    rec_load(dir, REC_MEASURES, &s->measures) == -1 ||
	    rec_load(dir, REC_INVENTORY, &s->inventory) == -1 ||
	    rec_load(dir, REC_TIMELINE, &s->timeline) == -1 ||
	    rec_load(dir, REC_GOALS, &s->goals) == -1 ||
	    rec_load(dir, REC_FOCUS, &s->focus) == -1 ||
	    rec_load(dir, REC_RELAPSE, &s->relapse) == -1 ||
	    rec_load(dir, REC_RISK, &s->risk) == -1 ||
	    rec_load(dir, REC_APPOINTMENTS, &s->appts) == -1 ||
	    rec_load(dir, REC_SIGNATURES, &s->sigs) == -1 ||
	    rec_load(dir, REC_ADDENDA, &s->addenda) == -1 ||
	    rec_load(dir, REC_FORMULATION, &s->formulation) == -1 ||
	    rec_load(dir, REC_EPISODES, &s->episodes) == -1) {
		summary_free(s);
		return -1;
	}
	entry_rows(s);
	summary_episodes(s);
	s->risk_weeks = opts->risk_weeks;
	sessions_state(s);
	s->people = count_people(&s->inventory);
	for (i = 0; i < s->goals.nrows; i++)
		if (strcmp(csv_get(&s->goals, i, "status"), "open") == 0)
			s->open_goals++;
	if (summary_measures(s, instr) == -1) {
		summary_free(s);
		return -1;
	}
	protocol_reminders(s, opts);
	deterioration_reminders(s);
	appt_reminders(s, opts);
	if (s->nrem > 1)
		qsort(s->rem, s->nrem, sizeof(*s->rem), cmp_rem);
	return 0;
}

void
summary_free(struct summary *s)
{
	size_t i;

	for (i = 0; i < s->nrem; i++) {
		free(s->rem[i].kind);
		free(s->rem[i].message);
	}
	free(s->rem);
	for (i = 0; i < s->nerrors; i++)
		free(s->errors[i]);
	free(s->errors);
	for (i = 0; i < s->nrisk; i++) {
		free(s->risk_open[i].instrument);
		free(s->risk_open[i].detail);
	}
	free(s->risk_open);
	risk_flags_free(s->risk_all, s->nrisk_all);
	free(s->risk_mark);
	courses_free(s->course, s->ncourse);
	for (i = 0; i < s->npast; i++)
		courses_free(s->past[i].course, s->past[i].ncourse);
	free(s->past);
	episodes_free(&s->eps);
	csv_free_table(&s->episodes);
	csv_free_table(&s->ep_sess);
	csv_free_table(&s->ep_meas);
	csv_free_table(&s->ep_focus);
	csv_free_table(&s->sessions);
	csv_free_table(&s->measures);
	csv_free_table(&s->inventory);
	csv_free_table(&s->timeline);
	csv_free_table(&s->goals);
	csv_free_table(&s->focus);
	csv_free_table(&s->relapse);
	csv_free_table(&s->risk);
	csv_free_table(&s->appts);
	csv_free_table(&s->sigs);
	csv_free_table(&s->addenda);
	csv_free_table(&s->formulation);
	client_close(&s->c);
	memset(s, 0, sizeof(*s));
}

const char *
summary_stopped(const struct summary *s, char *buf, size_t len)
{
	char day[DATE_LEN];

	if (strcmp(s->c.status, "paused") == 0) {
		snprintf(buf, len, "the therapy is paused");
		return buf;
	}
	if (strcmp(s->c.status, "ended") != 0)
		return NULL;
	if (s->c.end_day < 0) {
		snprintf(buf, len, "the therapy has ended");
		return buf;
	}
	date_format(s->c.end_day, day);
	snprintf(buf, len, "the therapy ended on %s (%s)", day,
	    *s->c.end_reason ? s->c.end_reason : "no reason recorded");
	return buf;
}
