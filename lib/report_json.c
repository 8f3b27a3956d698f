/*
 * report_json.c: the report as JSON, a renderer (see report_int.h); the
 * schema is in ipt-report(1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "date.h"
#include "instrument.h"
#include "json.h"
#include "report_int.h"
#include "sign.h"
#include "status.h"
#include "summary.h"
#include "util.h"
#include "variant.h"

/*
 * JSON.
 */

/* A number, or null when n < 0 (unset). */
static void
jnum(struct json_w *w, const char *k, long n)
{
	jw_key(w, k);
	if (n < 0)
		jw_null(w);
	else
		jw_num(w, n);
}

/* A column as a number (0..max) or null. */
static void
jcol(struct json_w *w, const struct csv_table *t, size_t r, const char *col,
    long max)
{
	jnum(w, col, report_num(csv_get(t, r, col), 0, max));
}

/* A list of names (a;b;c) as an array of strings. */
static void
jlist(struct json_w *w, const char *k, const char *list)
{
	const char *p, *q;
	char *s;

	jw_key(w, k);
	jw_arr(w);
	for (p = list; *p != '\0'; p = *q ? q + 1 : q) {
		q = strchr(p, ';');
		if (q == NULL)
			q = p + strlen(p);
		s = xstrndup(p, (size_t)(q - p));
		jw_str(w, s);
		free(s);
	}
	jw_end(w);
}

/* A value of an instrument as a JSON number, canonical for it. */
static void
jvalue(struct json_w *w, const struct instrument *in, long v)
{
	char b[64];

	instr_fmt(in, v, b, sizeof(b));
	jw_raw(w, b, strlen(b));
}

/* A score as a JSON number, canonical for its instrument, or null. */
static void
jscore(struct json_w *w, const char *k, const struct instrument *in,
    const char *s)
{
	long v;

	jw_key(w, k);
	if (in != NULL && instr_parse_value(in, s, &v) == 0)
		jvalue(w, in, v);
	else
		jw_null(w);
}

/* Session row i's signature ("signed": null or {on, by}) and addenda. */
static void
json_signed(struct json_w *w, const struct summary *s, size_t i)
{
	const struct csv_table *t = &s->sessions, *a = &s->addenda;
	const char *num = csv_get(t, i, "number"), *date = csv_get(t, i, "date");
	long n = report_num(num, 1, 9999), sg;
	size_t k;

	jw_key(w, "signed");
	if ((sg = n < 0 ? -1 : sign_find(&s->sigs, n, date)) == -1)
		jw_null(w);
	else {
		jw_obj(w);
		jw_kstr(w, "on", csv_get(&s->sigs, (size_t)sg, "signed_on"));
		jw_kstr(w, "by", csv_get(&s->sigs, (size_t)sg, "signed_by"));
		jw_end(w);
	}
	jw_key(w, "addenda");
	jw_arr(w);
	for (k = 0; k < a->nrows; k++) {
		if (strcmp(csv_get(a, k, "session"), num) != 0 ||
		    strcmp(csv_get(a, k, "date"), date) != 0)
			continue;
		jw_obj(w);
		jcol(w, a, k, "id", 9999);
		jw_kstr(w, "added_on", csv_get(a, k, "added_on"));
		jw_kstr(w, "added_by", csv_get(a, k, "added_by"));
		jw_kstr(w, "text", csv_get(a, k, "text"));
		jw_end(w);
	}
	jw_end(w);
}

static void
json_sessions(struct doc *d, struct json_w *w)
{
	const struct summary *s = d->s;
	const struct csv_table *t = &s->sessions;
	size_t i;

	jw_gap(w, "\n ");
	jw_key(w, "sessions");
	jw_obj(w);
	jnum(w, "planned", s->c.planned);
	jnum(w, "held", s->held);
	jnum(w, "cancelled", s->cancelled);
	jnum(w, "no_show", s->noshow);
	jnum(w, "maintenance_held", d->nmaint);
	jw_kstr(w, "phase", s->phase);
	jnum(w, "last_session", s->last_held > 0 ? s->last_held : -1);
	jw_key(w, "last_date");
	jw_day(w, s->last_day);
	jnum(w, "next_session", s->next_row);
	jnum(w, "next_held", s->next_number);
	jw_kstr(w, "next_phase", s->next_phase);
	jw_key(w, "next_due");
	jw_day(w, s->next_due);
	jw_gap(w, " \n  ");
	jw_key(w, "list");
	jw_arr(w);
	for (i = 0; i < t->nrows; i++) {
		jw_gap(w, "\n   ");
		jw_obj(w);
		jcol(w, t, i, "number", 9999);
		jw_kstr(w, "date", csv_get(t, i, "date"));
		jw_kstr(w, "kind", csv_get(t, i, "kind"));
		jw_kstr(w, "attendance", csv_get(t, i, "attendance"));
		jcol(w, t, i, "duration_min", 600);
		jw_kstr(w, "phase", csv_get(t, i, "phase"));
		jw_kstr(w, "focus", csv_get(t, i, "focus"));
		jlist(w, "techniques", csv_get(t, i, "techniques"));
		jcol(w, t, i, "mood", 10);
		jcol(w, t, i, "stress", 10);
		json_signed(w, s, i);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
}

static void
json_focus(struct doc *d, struct json_w *w)
{
	const struct summary *s = d->s;
	const struct csv_table *t = &s->focus;
	size_t i;

	jw_gap(w, "\n ");
	jw_key(w, "focus");
	jw_obj(w);
	jw_kstr(w, "primary", s->c.primary);
	jw_kstr(w, "secondary", s->c.secondary);
	jw_kstr(w, "set_on", s->c.focus_set_on);
	jw_key(w, "history");
	jw_arr(w);
	for (i = 0; i < t->nrows; i++) {
		jw_gap(w, "\n   ");
		jw_obj(w);
		jw_kstr(w, "date", csv_get(t, i, "date"));
		jcol(w, t, i, "session", 9999);
		jw_kstr(w, "primary", csv_get(t, i, "primary"));
		jw_kstr(w, "secondary", csv_get(t, i, "secondary"));
		jw_kstr(w, "note", csv_get(t, i, "note"));
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
}

/* Every revision of the formulation, oldest first. */
static void
json_formulation(struct doc *d, struct json_w *w)
{
	const struct csv_table *t = &d->s->formulation;
	static const char *const cols[] = { "date", "area", "people",
	    "events", "words", "agreed", "text" };
	size_t i, k;

	jw_gap(w, "\n ");
	jw_key(w, "formulation");
	jw_arr(w);
	for (i = 0; i < t->nrows; i++) {
		jw_gap(w, "\n   ");
		jw_obj(w);
		jcol(w, t, i, "id", 9999);
		for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++)
			jw_kstr(w, cols[k], csv_get(t, i, cols[k]));
		jw_end(w);
	}
	jw_end(w);
}

static void
json_measures(struct doc *d, struct json_w *w)
{
	const struct csv_table *m = &d->s->measures;
	size_t k, i;

	jw_gap(w, "\n ");
	jw_key(w, "measures");
	jw_arr(w);
	for (k = 0; k < d->nser; k++) {
		const struct series *se = &d->ser[k];
		const struct course *c = se->c;
		const struct instrument *in = se->in;

		jw_gap(w, "\n  ");
		jw_obj(w);
		jw_kstr(w, "instrument", c->instrument);
		jw_kstr(w, "title", in != NULL ? in->title : "");
		jw_kstr(w, "better", c->higher_better ? "higher" : "lower");
		jw_key(w, "range");
		if (in != NULL) {
			jw_arr(w);
			jvalue(w, in, in->tmin);
			jvalue(w, in, in->tmax);
			jw_end(w);
		} else
			jw_null(w);
		jw_key(w, "bands");
		jw_arr(w);
		for (i = 0; in != NULL && i < in->nbands; i++) {
			jw_obj(w);
			jw_kstr(w, "name", in->band[i].name);
			jw_key(w, "min");
			jvalue(w, in, in->band[i].lo);
			jw_key(w, "max");
			jvalue(w, in, in->band[i].hi);
			jw_end(w);
		}
		jw_end(w);
		jw_gap(w, "\n   ");
		jnum(w, "administrations", (long)c->n);
		jw_kstr(w, "baseline_date", c->first_date);
		jw_kstr(w, "baseline", c->first_total);
		jw_kstr(w, "baseline_severity", c->first_band);
		jw_kstr(w, "latest_date", c->last_date);
		jw_kstr(w, "latest", c->last_total);
		jw_kstr(w, "latest_severity", c->last_band);
		jw_kstr(w, "latest_subscales", c->last_subscales);
		jw_kstr(w, "latest_criterion", c->last_criterion);
		jw_gap(w, " \n   ");
		jw_kstr(w, "change", c->change);
		jw_kstr(w, "percent_change", c->pct);
		jw_kstr(w, "response", c->response);
		jw_kstr(w, "remission", c->remission);
		jw_kstr(w, "reliable_change", c->reliable);
		jw_kstr(w, "reliable_criterion", c->reliable_criterion);
		jw_key(w, "deterioration");
		jw_bool(w, c->deteriorated);
		jw_gap(w, " \n   ");
		jw_key(w, "series");
		jw_arr(w);
		for (i = 0; i < se->n; i++) {
			size_t r = se->p[i].row;

			jw_gap(w, "\n    ");
			jw_obj(w);
			jw_kstr(w, "date", csv_get(m, r, "date"));
			jcol(w, m, r, "session", 9999);
			jw_kstr(w, "total", csv_get(m, r, "total"));
			jscore(w, "value", in, csv_get(m, r, "total"));
			jw_kstr(w, "severity", csv_get(m, r, "severity"));
			jw_kstr(w, "items", csv_get(m, r, "items"));
			jlist(w, "flags", csv_get(m, r, "flags"));
			jw_key(w, "risk");
			jw_bool(w, se->p[i].risk);
			jw_end(w);
		}
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
}

static void
json_rating(struct json_w *w, const struct csv_table *t,
    const struct person *p, const char *col)
{
	long a = report_num(csv_get(t, p->first, col), 1, 5);
	long z = report_num(csv_get(t, p->last, col), 1, 5);

	jw_key(w, col);
	jw_obj(w);
	jnum(w, "baseline", a);
	jnum(w, "latest", z);
	jw_key(w, "change");
	if (a > 0 && z > 0)
		jw_num(w, z - a);
	else
		jw_null(w);
	jw_end(w);
}

static void
json_inventory(struct doc *d, struct json_w *w)
{
	const struct csv_table *t = &d->s->inventory;
	size_t k;

	jw_gap(w, "\n ");
	jw_key(w, "inventory");
	jw_arr(w);
	for (k = 0; k < d->nppl; k++) {
		const struct person *p = &d->ppl[k];

		jw_gap(w, "\n  ");
		jw_obj(w);
		jw_kstr(w, "person", p->name);
		jw_kstr(w, "relationship", csv_get(t, p->last, "relationship"));
		jw_kstr(w, "contact", csv_get(t, p->last, "contact"));
		jnum(w, "ratings", (long)p->n);
		jw_kstr(w, "baseline_date", csv_get(t, p->first, "date"));
		jw_kstr(w, "latest_date", csv_get(t, p->last, "date"));
		jw_gap(w, " \n   ");
		json_rating(w, t, p, "closeness");
		json_rating(w, t, p, "support");
		json_rating(w, t, p, "conflict");
		jw_gap(w, " \n   ");
		jw_kstr(w, "satisfying", csv_get(t, p->last, "satisfying"));
		jw_kstr(w, "unsatisfying", csv_get(t, p->last, "unsatisfying"));
		jw_kstr(w, "changes_wanted", csv_get(t, p->last, "changes_wanted"));
		jw_end(w);
	}
	jw_end(w);
}

static void
json_lists(struct doc *d, struct json_w *w)
{
	const struct summary *s = d->s;
	const struct csv_table *t;
	size_t *ix, i, k;

	t = &s->timeline;
	ix = report_rows_by_date(t, "date");
	jw_gap(w, "\n ");
	jw_key(w, "timeline");
	jw_arr(w);
	for (i = 0; i < t->nrows; i++) {
		jw_gap(w, "\n  ");
		jw_obj(w);
		jw_kstr(w, "date", csv_get(t, ix[i], "date"));
		jw_kstr(w, "kind", csv_get(t, ix[i], "kind"));
		jcol(w, t, ix[i], "mood", 10);
		jw_kstr(w, "event", csv_get(t, ix[i], "event"));
		jw_end(w);
	}
	jw_end(w);
	free(ix);
	t = &s->goals;
	jw_gap(w, "\n ");
	jw_key(w, "goals");
	jw_arr(w);
	for (i = 0; i < t->nrows; i++) {
		jw_gap(w, "\n  ");
		jw_obj(w);
		jcol(w, t, i, "id", 9999);
		jw_kstr(w, "set_on", csv_get(t, i, "set_on"));
		jw_kstr(w, "status", csv_get(t, i, "status"));
		jw_kstr(w, "closed_on", csv_get(t, i, "closed_on"));
		jw_kstr(w, "goal", csv_get(t, i, "goal"));
		jw_end(w);
	}
	jw_end(w);
	t = &s->relapse;
	jw_gap(w, "\n ");
	jw_key(w, "relapse_plan");
	jw_arr(w);
	for (k = 0; report_relapse_order[k] != NULL; k++)
		for (i = 0; i < t->nrows; i++) {
			if (strcmp(csv_get(t, i, "kind"),
			    report_relapse_order[k]) != 0)
				continue;
			jw_gap(w, "\n  ");
			jw_obj(w);
			jcol(w, t, i, "id", 9999);
			jw_kstr(w, "date", csv_get(t, i, "date"));
			jw_kstr(w, "kind", csv_get(t, i, "kind"));
			jw_kstr(w, "text", csv_get(t, i, "text"));
			jw_end(w);
		}
	jw_end(w);
}

/* Every flag, open or reviewed, with its review; follow-up reviews. */
static void
risk_history_json(struct json_w *w, const struct summary *s)
{
	const struct csv_table *r = &s->risk;
	size_t i, row;

	jw_key(w, "risk_history");
	jw_arr(w);
	for (i = 0; i < s->nrisk_all; i++) {
		const struct risk_flag *f = &s->risk_all[i];

		jw_gap(w, "\n  ");
		jw_obj(w);
		jw_kstr(w, "date", f->date);
		jnum(w, "session", f->session > 0 ? f->session : -1);
		jw_kstr(w, "instrument", f->instrument);
		jw_kstr(w, "detail", f->detail);
		jw_kstr(w, "status", f->open ? "open" : "reviewed");
		jw_kstr(w, "reviewed_on", f->closed_on);
		row = f->review >= 0 ? (size_t)f->review : r->nrows;
		jw_kstr(w, "level", csv_get(r, row, "level"));
		jw_kstr(w, "safety_plan", csv_get(r, row, "safety_plan"));
		jw_kstr(w, "next_review", csv_get(r, row, "next"));
		jw_kstr(w, "note", csv_get(r, row, "note"));
		jw_end(w);
	}
	for (row = 0; row < r->nrows; row++) {
		if (*csv_get(r, row, "instrument") != '\0')
			continue;
		jw_gap(w, "\n  ");
		jw_obj(w);
		jw_kstr(w, "date", csv_get(r, row, "date"));
		jw_kstr(w, "status", "follow-up");
		jw_kstr(w, "level", csv_get(r, row, "level"));
		jw_kstr(w, "safety_plan", csv_get(r, row, "safety_plan"));
		jw_kstr(w, "next_review", csv_get(r, row, "next"));
		jw_kstr(w, "note", csv_get(r, row, "note"));
		jw_end(w);
	}
	jw_end(w);
}

void
report_json(struct doc *d)
{
	const struct summary *s = d->s;
	struct json_w w;
	char today[DATE_LEN], mb[64];
	size_t i;

	jw_file(&w, d->fp);
	date_format(s->today, today);
	jw_obj(&w);
	jw_kstr(&w, "report", d->closing ? "termination" : "progress");
	jw_kstr(&w, "date", today);
	jnum(&w, "schema", 1);
	jw_gap(&w, " \n ");
	jw_key(&w, "risk_open");
	jw_arr(&w);
	for (i = 0; i < s->nrisk; i++) {
		jw_obj(&w);
		jw_kstr(&w, "date", s->risk_open[i].date);
		jnum(&w, "session", s->risk_open[i].session > 0 ?
		    s->risk_open[i].session : -1);
		jw_kstr(&w, "instrument", s->risk_open[i].instrument);
		jw_kstr(&w, "detail", s->risk_open[i].detail);
		jw_end(&w);
	}
	jw_end(&w);
	jw_gap(&w, "\n ");
	json_deterioration(&w, s);
	jw_gap(&w, "\n ");
	risk_history_json(&w, s);
	jw_gap(&w, "\n ");
	jw_key(&w, "client");
	jw_obj(&w);
	jw_kstr(&w, "id", s->c.id);
	jw_kstr(&w, "name", s->c.name);
	jw_kstr(&w, "therapist", s->c.therapist);
	jw_kstr(&w, "birth_date", s->c.birth_date);
	jnum(&w, "age", client_age(&s->c, s->today));
	jw_kstr(&w, "diagnosis", s->c.diagnosis);
	jw_kstr(&w, "icd", s->c.icd);
	jw_kstr(&w, "referrer", s->c.referrer);
	jw_kstr(&w, "consent_date", s->c.consent_date);
	jw_kstr(&w, "emergency_contact", s->c.emergency);
	jw_kstr(&w, "variant", s->c.variant);
	jw_kstr(&w, "variant_title", s->v->title);
	jw_kstr(&w, "status", s->c.status);
	jw_kstr(&w, "start", s->c.start);
	jw_kstr(&w, "ended_on", s->c.ended_on);
	jw_kstr(&w, "end_reason", s->c.end_reason);
	jnum(&w, "planned_sessions", s->c.planned);
	jnum(&w, "frequency_days", s->c.frequency);
	jnum(&w, "weeks", s->weeks);
	jnum(&w, "episode", s->c.episode);
	jw_end(&w);
	json_episodes(&w, s);
	json_sessions(d, &w);
	json_focus(d, &w);
	json_formulation(d, &w);
	json_measures(d, &w);
	json_inventory(d, &w);
	json_lists(d, &w);
	jw_gap(&w, "\n ");
	jw_key(&w, "termination");
	if (d->closing) {
		jw_obj(&w);
		jw_key(&w, "maintenance_agreed");
		jw_bool(&w, strcmp(s->c.status, "maintenance") == 0 ||
		    d->nmaint > 0);
		jw_kstr(&w, "maintenance", report_maintenance(d, mb, sizeof(mb)));
		jnum(&w, "goals_met", d->met);
		jnum(&w, "goals_dropped", d->dropped);
		jnum(&w, "goals_open", s->open_goals);
		jw_end(&w);
	} else
		jw_null(&w);
	json_reminders(&w, s);
	jw_end(&w);
	jw_out(&w, "\n");
}
