/*
 * summary.c: a client's state and reminders, derived from its files.
 *
 * The reminder rules (ipt-remind(1) lists them with their kinds):
 *   risk-open         an open risk flag; always, whatever the status
 *   session-overdue   the next session was due before today
 *   session-due       the next session is due within the window
 *   maintenance-due   the same, for a client in maintenance
 *   no-contact        no session of any kind for no_contact days
 *   focus-due         no focus agreed and the initial phase ends
 *   inventory-due     fewer people in the inventory than the variant asks
 *                     by the end of the initial phase
 *   termination-due   the final phase begins (or has begun) and ending
 *                     has not been raised (no session with the
 *                     `termination' technique)
 *   relapse-plan-due  final phase without a relapse-prevention plan
 *   plan-complete     every planned session held: end, extend or
 *                     contract maintenance
 *   measure-due       an instrument of the variant is due at the next
 *                     session by its cadence
 * Paused and ended clients get only risk-open.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "date.h"
#include "ini.h"
#include "instrument.h"
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
	path = path_join(root, PRACTICE_INI);
	if (ini_load(&ini, path) == -1) {
		free(path);
		return -1;
	}
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
	ini_free(&ini);
	free(path);
	return rc;
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

	s->rem = xreallocarray(s->rem, s->nrem + 1, sizeof(*s->rem));
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

static int
has_technique(const struct csv_table *t, const char *name)
{
	size_t i, n = strlen(name);
	const char *p;

	for (i = 0; i < t->nrows; i++)
		for (p = csv_get(t, i, "techniques"); (p = strstr(p, name)) != NULL;
		    p += n)
			if ((p == csv_get(t, i, "techniques") || p[-1] == ';') &&
			    (p[n] == '\0' || p[n] == ';'))
				return 1;
	return 0;
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
	const struct csv_table *t = &s->sessions;
	size_t i;
	long d, n;

	s->last_day = s->last_contact = -1;
	for (i = 0; i < t->nrows; i++) {
		const char *att = csv_get(t, i, "attendance");

		d = row_day(t, i, "date");
		if (d > s->last_contact)
			s->last_contact = d;
		if (strcmp(att, "cancelled") == 0) {
			s->cancelled++;
			continue;
		}
		if (strcmp(att, "no-show") == 0) {
			s->noshow++;
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
	s->next_number = s->held + 1;
	s->next_phase = variant_phase(s->v, s->c.planned, s->next_number,
	    s->c.status);
	if (s->next_phase == NULL)
		s->next_phase = "";
	if (s->last_day >= 0)
		s->next_due = s->last_day + s->c.frequency;
	else
		s->next_due = s->c.start_day;
	if (strcmp(s->c.status, "ended") == 0 ||
	    (strcmp(s->c.status, "maintenance") != 0 &&
	    s->held >= s->c.planned))
		s->next_due = -1;
	s->weeks = s->today >= s->c.start_day ?
	    (s->today - s->c.start_day) / 7 : 0;
}

/* Is name one of the ';'-separated names of a list? */
static int
list_has(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; (p = strstr(p, name)) != NULL; p += n)
		if ((p == list || p[-1] == ';') && (p[n] == '\0' || p[n] == ';'))
			return 1;
	return 0;
}

/* "item 9 = 2", from the stored items and the definition's risk items. */
static char *
risk_detail(const struct instr_set *set, const struct csv_table *m, size_t row)
{
	const struct instrument *in = set != NULL ?
	    instr_find(set, csv_get(m, row, "instrument")) : NULL;
	struct instr_result r;
	struct buf b = { 0 };

	if (in != NULL && *csv_get(m, row, "items") != '\0' &&
	    instr_score_items(in, csv_get(m, row, "items"), &r) == 0) {
		instr_describe_positive(in, &r, &b);
		instr_result_free(&r);
	}
	if (b.len == 0)
		buf_printf(&b, "total %s", csv_get(m, row, "total"));
	return b.s;
}

/*
 * A risk flag of a measures.csv row is open until a later administration
 * of the same instrument scores every risk item at 0 (items given, no
 * risk flag), or until the clinician records a review dated on or after
 * it for that instrument or for all (risk.csv).  A total given alone does
 * not close a flag: it cannot show the item at 0.
 */
static int
flag_closed(const struct summary *s, size_t row)
{
	const struct csv_table *m = &s->measures, *r = &s->risk;
	const char *instr = csv_get(m, row, "instrument");
	long d = row_day(m, row, "date"), e;
	size_t i;

	for (i = row + 1; i < m->nrows; i++)
		if (strcmp(csv_get(m, i, "instrument"), instr) == 0 &&
		    *csv_get(m, i, "items") != '\0' &&
		    !list_has(csv_get(m, i, "flags"), "risk") &&
		    row_day(m, i, "date") >= d)
			return 1;
	for (i = 0; i < r->nrows; i++) {
		const char *ri = csv_get(r, i, "instrument");

		e = row_day(r, i, "date");
		if (e >= d && (*ri == '\0' || strcmp(ri, instr) == 0))
			return 1;
	}
	return 0;
}

static char *
fmt_change(long v, const struct instrument *in)
{
	char b[64];

	if (in != NULL)
		instr_fmt(in, v, b, sizeof(b));
	else
		snprintf(b, sizeof(b), "%ld", v);
	return xasprintf("%s%s", v > 0 ? "+" : "", b);
}

/* Fill one instrument's course from its first and last administrations. */
static void
course_fill(struct course *c, const struct instrument *in,
    const struct csv_table *m, size_t first, size_t last)
{
	long a, b, diff, better;
	double rel;

	snprintf(c->first_date, sizeof(c->first_date), "%s",
	    csv_get(m, first, "date"));
	snprintf(c->last_date, sizeof(c->last_date), "%s",
	    csv_get(m, last, "date"));
	c->first_total = xstrdup(csv_get(m, first, "total"));
	c->last_total = xstrdup(csv_get(m, last, "total"));
	c->first_band = xstrdup(csv_get(m, first, "severity"));
	c->last_band = xstrdup(csv_get(m, last, "severity"));
	if (parse_long(csv_get(m, last, "session"), 1, 9999, &c->last_session)
	    == -1)
		c->last_session = 0;
	c->higher_better = in != NULL && in->higher_better;
	if (c->n < 2 || in == NULL ||
	    instr_parse_value(in, c->first_total, &a) == -1 ||
	    instr_parse_value(in, c->last_total, &b) == -1) {
		c->change = xstrdup("");
		c->pct = xstrdup("");
		c->response = xstrdup("");
		c->remission = xstrdup("");
		c->reliable = xstrdup("");
		return;
	}
	diff = b - a;
	better = in->higher_better ? diff : -diff;
	c->change = fmt_change(diff, in);
	c->pct = a != 0 ? xasprintf("%+.0f%%", 100.0 * (double)diff /
	    (double)a) : xstrdup("");
	if (in->response_pct > 0 && a != 0)
		c->response = xstrdup(100 * better >= in->response_pct *
		    (a < 0 ? -a : a) ? "yes" : "no");
	else
		c->response = xstrdup("");
	c->remission = xstrdup(in->has_remission ?
	    (instr_op_holds(in->remission_op, b, in->remission_value) ?
	    "yes" : "no") : "");
	rel = instr_reliable_points(in);
	if (rel <= 0)
		c->reliable = xstrdup("");
	else if ((double)better >= rel * (double)in->scale)
		c->reliable = xstrdup("improved");
	else if ((double)-better >= rel * (double)in->scale)
		c->reliable = xstrdup("worsened");
	else
		c->reliable = xstrdup("no change");
}

static int
summary_measures(struct summary *s, const struct instr_set *shared)
{
	const struct csv_table *m = &s->measures;
	struct instr_set own = { 0 };
	const struct instr_set *set = shared;
	struct buf seen = { 0 };
	size_t i, j;

	if (set == NULL && m->nrows > 0) {
		if (instr_load_set(&own, s->c.root) == -1)
			return -1;
		set = &own;
	}
	buf_addc(&seen, ' ');
	for (i = 0; i < m->nrows; i++) {
		const char *name = csv_get(m, i, "instrument");
		char *probe = xasprintf(" %s ", name);
		size_t first = i, last = i, n = 0;
		struct course *c;

		if (strstr(seen.s, probe) != NULL) {
			free(probe);
			continue;
		}
		buf_adds(&seen, probe + 1);
		free(probe);
		for (j = i; j < m->nrows; j++)
			if (strcmp(csv_get(m, j, "instrument"), name) == 0) {
				if (row_day(m, j, "date") < row_day(m, first,
				    "date"))
					first = j;
				if (row_day(m, j, "date") >= row_day(m, last,
				    "date"))
					last = j;
				n++;
			}
		s->course = xreallocarray(s->course, s->ncourse + 1,
		    sizeof(*s->course));
		c = &s->course[s->ncourse++];
		memset(c, 0, sizeof(*c));
		c->instrument = xstrdup(name);
		c->n = n;
		course_fill(c, set != NULL ? instr_find(set, name) : NULL, m,
		    first, last);
	}
	for (i = 0; i < m->nrows; i++) {
		struct risk_open *r;

		if (!list_has(csv_get(m, i, "flags"), "risk") ||
		    flag_closed(s, i))
			continue;
		s->risk_open = xreallocarray(s->risk_open, s->nrisk + 1,
		    sizeof(*s->risk_open));
		r = &s->risk_open[s->nrisk++];
		snprintf(r->date, sizeof(r->date), "%s", csv_get(m, i, "date"));
		if (parse_long(csv_get(m, i, "session"), 1, 9999, &r->session)
		    == -1)
			r->session = 0;
		r->instrument = xstrdup(csv_get(m, i, "instrument"));
		r->detail = risk_detail(set, m, i);
		r->line = m->rows[i].line;
	}
	buf_free(&seen);
	instr_free_set(&own);
	return 0;
}

static void
protocol_reminders(struct summary *s, const struct remind_opts *o)
{
	const struct variant *v = s->v;
	char day[DATE_LEN];
	long focus_by, first, last, limit = s->today + o->within;
	size_t i;
	int maint = strcmp(s->c.status, "maintenance") == 0;

	for (i = 0; i < s->nrisk; i++) {
		long d;

		date_parse(s->risk_open[i].date, &d);
		add_rem(s, URG_RISK, d, "risk-open", "open risk flag: %s %s on "
		    "%s%s; review it (ipt risk review)",
		    s->risk_open[i].instrument, s->risk_open[i].detail,
		    s->risk_open[i].date, s->risk_open[i].session > 0 ?
		    "" : "");
	}
	if (strcmp(s->c.status, "paused") == 0 ||
	    strcmp(s->c.status, "ended") == 0)
		return;
	if (s->next_due >= 0) {
		date_format(s->next_due, day);
		if (s->next_due < s->today)
			add_rem(s, URG_OVERDUE, s->next_due, maint ?
			    "maintenance-due" : "session-overdue",
			    "session %ld was due on %s (%ld days ago)",
			    s->next_number, day, s->today - s->next_due);
		else if (s->next_due <= limit)
			add_rem(s, URG_DUE, s->next_due, maint ?
			    "maintenance-due" : "session-due",
			    "session %ld is due on %s", s->next_number, day);
	}
	if (s->last_contact >= 0 && s->today - s->last_contact >= o->no_contact) {
		date_format(s->last_contact, day);
		add_rem(s, URG_OVERDUE, s->last_contact + o->no_contact,
		    "no-contact", "no contact since %s (%ld days): possible "
		    "drop-out", day, s->today - s->last_contact);
	}
	if (maint)
		goto measures;
	focus_by = variant_focus_by(v, s->c.planned);
	if (*s->c.primary == '\0' && focus_by > 0) {
		if (s->held >= focus_by)
			add_rem(s, URG_OVERDUE, s->next_due >= 0 ? s->next_due :
			    s->today, "focus-due", "no focus agreed after %ld "
			    "sessions (due by session %ld)", s->held, focus_by);
		else if (s->next_number == focus_by && s->next_due >= 0 &&
		    s->next_due <= limit)
			add_rem(s, URG_DUE, s->next_due, "focus-due",
			    "agree the focus at session %ld, the last of the "
			    "initial phase", focus_by);
	}
	if (v->inventory_min > 0 && s->people < v->inventory_min &&
	    variant_phase_range(v, s->c.planned, "initial", &first,
	    &last) == 0) {
		if (s->held >= last)
			add_rem(s, URG_OVERDUE, s->next_due >= 0 ? s->next_due :
			    s->today, "inventory-due", "the inventory has %ld "
			    "of the %ld people the initial phase asks for",
			    s->people, v->inventory_min);
		else if (s->next_number == last && s->next_due >= 0 &&
		    s->next_due <= limit)
			add_rem(s, URG_DUE, s->next_due, "inventory-due",
			    "complete the inventory (%ld of %ld people) by "
			    "session %ld", s->people, v->inventory_min, last);
	}
	if (s->held < s->c.planned &&
	    (strcmp(s->next_phase, "final") == 0 ||
	    (variant_termination_by(v, s->c.planned) > 0 &&
	    s->next_number >= variant_termination_by(v, s->c.planned))) &&
	    !has_technique(&s->sessions, "termination"))
		add_rem(s, s->next_due >= 0 && s->next_due < s->today ?
		    URG_OVERDUE : URG_DUE, s->next_due >= 0 ? s->next_due :
		    s->today, "termination-due", "session %ld of %ld: raise "
		    "the ending and prepare termination", s->next_number,
		    s->c.planned);
	if ((strcmp(s->next_phase, "final") == 0 ||
	    strcmp(s->phase, "final") == 0) && s->relapse.nrows == 0)
		add_rem(s, URG_DUE, s->next_due >= 0 ? s->next_due : s->today,
		    "relapse-plan-due", "final phase: record the "
		    "relapse-prevention plan (ipt relapse add)");
	if (s->held >= s->c.planned)
		add_rem(s, URG_DUE, s->last_day >= 0 ? s->last_day : s->today,
		    "plan-complete", "all %ld planned sessions held: end, "
		    "extend or contract maintenance", s->c.planned);
measures:
	if (s->next_due < 0 || s->next_due > limit)
		return;
	for (i = 0; i < v->ninstruments; i++) {
		const struct variant_instrument *vi = &v->instruments[i];
		const struct course *co = NULL;
		long lastday = 0;
		size_t k;

		for (k = 0; k < s->ncourse; k++)
			if (strcmp(s->course[k].instrument, vi->name) == 0)
				co = &s->course[k];
		if (co != NULL)
			date_parse(co->last_date, &lastday);
		if (variant_due(v, vi, s->next_number, s->next_due, co != NULL,
		    co != NULL ? co->last_session : 0, lastday))
			add_rem(s, s->next_due < s->today ? URG_OVERDUE :
			    URG_DUE, s->next_due, "measure-due", "%s due at "
			    "session %ld (%s)", vi->name, s->next_number,
			    vi->text);
	}
}

const char *const reminder_kinds[] = { "risk-open", "session-overdue",
    "session-due", "maintenance-due", "no-contact", "focus-due",
    "inventory-due", "termination-due", "relapse-plan-due", "plan-complete",
    "measure-due", NULL };

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
	    rec_load(dir, REC_RISK, &s->risk) == -1) {
		summary_free(s);
		return -1;
	}
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
	for (i = 0; i < s->nrisk; i++) {
		free(s->risk_open[i].instrument);
		free(s->risk_open[i].detail);
	}
	free(s->risk_open);
	for (i = 0; i < s->ncourse; i++) {
		struct course *c = &s->course[i];

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
	}
	free(s->course);
	csv_free_table(&s->sessions);
	csv_free_table(&s->measures);
	csv_free_table(&s->inventory);
	csv_free_table(&s->timeline);
	csv_free_table(&s->goals);
	csv_free_table(&s->focus);
	csv_free_table(&s->relapse);
	csv_free_table(&s->risk);
	client_close(&s->c);
	memset(s, 0, sizeof(*s));
}
