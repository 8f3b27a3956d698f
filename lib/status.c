/*
 * status.c: the renderer of `ipt status', one screen about one client.
 *
 * Open risk flags come first, on lines of their own that begin with
 * "RISK", so that neither a person nor a grep can miss them; then each
 * reliable deterioration (protocol.c), on a line beginning
 * "DETERIORATION"; then rows
 * the entry rules refuse (entry.h), on lines beginning "ERROR", left out
 * of the rest.  Sessions are named as naming.h says.  On a terminal (or
 * with COLUMNS), a line longer than its width is wrapped under its
 * value (render_wrapped()); the words stay the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "naming.h"
#include "record.h"
#include "render.h"
#include "status.h"
#include "summary.h"
#include "variant.h"

static const char *const urg_names[] = { "RISK", "ALERT", "overdue", "due",
    "info" };

const char *
urgency_name(enum urgency u)
{
	return urg_names[u];
}

static void
day_or(FILE *fp, long day, const char *none)
{
	char b[DATE_LEN];

	if (day < 0) {
		fputs(none, fp);
		return;
	}
	date_format(day, b);
	fputs(b, fp);
}

/*
 * The flags and reviews of the last risk_weeks weeks, and every open
 * flag, so that a positive answer reviewed last week is still in view.
 */
static void
risk_history(FILE *fp, const struct summary *s)
{
	char **v;
	size_t n, i;

	n = summary_risk_history(s, s->today - 7 * s->risk_weeks, &v);
	if (n > 0)
		fprintf(fp, "risk history (last %ld week%s):\n", s->risk_weeks,
		    s->risk_weeks == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		fprintf(fp, "  %s\n", v[i]);
		free(v[i]);
	}
	free(v);
}

/* The profile: its keys as in client.ini, "" when not recorded; age. */
static void
json_profile(struct json_w *w, const struct summary *s)
{
	long age = client_age(&s->c, s->today);

	jw_kstr(w, "birth_date", s->c.birth_date);
	jw_key(w, "age_in_variant");
	if (s->v != NULL && !variant_age_ok(s->v, client_age(&s->c,
	    s->c.start_day)))
		jw_bool(w, 0);
	else
		jw_bool(w, 1);
	if (age >= 0)
		jw_knum(w, "age", age);
	else {
		jw_key(w, "age");
		jw_null(w);
	}
	jw_kstr(w, "diagnosis", s->c.diagnosis);
	jw_kstr(w, "icd", s->c.icd);
	jw_kstr(w, "referrer", s->c.referrer);
	jw_kstr(w, "consent_date", s->c.consent_date);
	jw_kstr(w, "emergency_contact", s->c.emergency);
}

/* The formulation in force: one line, its area, revision and dates. */
static void
status_formulation(FILE *fp, const struct csv_table *t)
{
	size_t r;

	if (t->nrows == 0) {
		fputs("formulation: none recorded\n", fp);
		return;
	}
	r = t->nrows - 1;
	fprintf(fp, "formulation: %s, revision %s of %s, ",
	    csv_get(t, r, "area"), csv_get(t, r, "id"), csv_get(t, r, "date"));
	if (*csv_get(t, r, "agreed") != '\0')
		fprintf(fp, "agreed with the client on %s\n",
		    csv_get(t, r, "agreed"));
	else
		fputs("not yet agreed with the client\n", fp);
}

static void
json_formulation(struct json_w *w, const struct csv_table *t)
{
	size_t r;

	jw_key(w, "formulation");
	if (t->nrows == 0) {
		jw_null(w);
		return;
	}
	r = t->nrows - 1;
	jw_obj(w);
	jw_knum(w, "revision", rec_number(csv_get(t, r, "id")));
	jw_kstr(w, "date", csv_get(t, r, "date"));
	jw_kstr(w, "area", csv_get(t, r, "area"));
	jw_kstr(w, "agreed", csv_get(t, r, "agreed"));
	jw_end(w);
}

static void
text(FILE *fp, const struct summary *s)
{
	struct buf b = { 0 };
	char why[160];
	size_t i;
	int maint = strcmp(s->c.status, "maintenance") == 0;
	long age;

	for (i = 0; i < s->nrisk; i++) {
		fprintf(fp, "RISK: %s %s on %s", s->risk_open[i].instrument,
		    s->risk_open[i].detail, s->risk_open[i].date);
		if (s->risk_open[i].session > 0)
			fprintf(fp, " (session %ld)", s->risk_open[i].session);
		fputs(", open: review it with `ipt risk review'\n", fp);
	}
	if (s->risk_high)
		fprintf(fp, "RISK: risk level high since the review of %s: "
		    "a later review lowers it (`ipt risk review --level')\n",
		    s->risk_st.level_on);
	for (i = 0; i < s->nerrors; i++)
		fprintf(fp, "ERROR: %s: left out; see ipt check\n",
		    s->errors[i]);
	/* Whom to call, next to the risk it is for. */
	if (s->nrisk > 0 && *s->c.emergency != '\0')
		fprintf(fp, "RISK: emergency contact: %s\n", s->c.emergency);
	for (i = 0; i < s->ncourse; i++) {
		if (!s->course[i].deteriorated)
			continue;
		buf_reset(&b);
		summary_deterioration(&b, &s->course[i]);
		fprintf(fp, "DETERIORATION: %s: not on track\n", esc(b.s));
	}
	buf_reset(&b);
	fprintf(fp, "client:    %s%s%s%s\n", s->c.id, *s->c.name ? " (" : "",
	    s->c.name, *s->c.name ? ")" : "");
	if ((age = client_age(&s->c, s->today)) >= 0) {
		fprintf(fp, "born:      %s (%ld years)", s->c.birth_date, age);
		age = client_age(&s->c, s->c.start_day);
		if (s->v != NULL && !variant_age_ok(s->v, age))
			fprintf(fp, "; %ld at the start, outside the ages "
			    "%ld-%ld of the %s variant", age, s->v->age_min,
			    s->v->age_max, s->v->name);
		putc('\n', fp);
	}
	if (*s->c.diagnosis != '\0' || *s->c.icd != '\0')
		fprintf(fp, "diagnosis: %s%s%s%s\n", s->c.diagnosis,
		    *s->c.icd && *s->c.diagnosis ? " (" : "", s->c.icd,
		    *s->c.icd && *s->c.diagnosis ? ")" : "");
	if (*s->c.referrer != '\0')
		fprintf(fp, "referrer:  %s\n", s->c.referrer);
	if (*s->c.consent_date != '\0')
		fprintf(fp, "consent:   %s\n", s->c.consent_date);
	if (*s->c.emergency != '\0' && s->nrisk == 0)
		fprintf(fp, "emergency: %s\n", s->c.emergency);
	fprintf(fp, "variant:   %s (%s)\n", s->c.variant, s->v->title);
	if (*s->c.therapist)
		fprintf(fp, "therapist: %s\n", s->c.therapist);
	if (s->end_day >= 0) {
		fputs("status:    ended on ", fp);
		day_or(fp, s->end_day, "-");
		fprintf(fp, " (%s), ",
		    *s->c.end_reason ? s->c.end_reason : "no reason recorded");
		if (s->npast > 0)
			fprintf(fp, "episode %ld, ", s->c.episode);
		fprintf(fp, "%ld week%s in treatment from %s\n",
		    s->weeks, s->weeks == 1 ? "" : "s", s->c.start);
	} else {
		fprintf(fp, "status:    %s, ", s->c.status);
		if (s->npast > 0)
			fprintf(fp, "episode %ld, ", s->c.episode);
		fprintf(fp, "since %s (%ld week%s in treatment)\n",
		    s->c.start, s->weeks, s->weeks == 1 ? "" : "s");
	}
	for (i = 0; i < s->npast; i++)
		fprintf(fp, "episode %ld: %s to %s (%s), %ld of %ld held\n",
		    s->past[i].num, s->past[i].start, s->past[i].end,
		    s->past[i].reason, s->past[i].held, s->past[i].planned);
	fprintf(fp, "sessions:  %ld of %ld held", s->held, s->c.planned);
	if (s->held > s->c.planned && strcmp(s->c.status, "maintenance") != 0)
		fprintf(fp, " (%ld past the plan)", s->held - s->c.planned);
	if (s->outside > 0)
		fprintf(fp, ", %ld outside the plan", s->outside);
	if (s->cancelled || s->noshow)
		fprintf(fp, ", %ld cancelled, %ld no-show", s->cancelled,
		    s->noshow);
	fprintf(fp, "\nphase:     %s\n", *s->phase ? s->phase : "not started");
	fputs("last:      ", fp);
	if (s->last_held > 0) {
		day_or(fp, s->last_day, "-");
		naming_session(&b, s->last_held, s->held, s->c.planned,
		    s->phase, maint);
		fprintf(fp, ", %s\n", b.s);
	} else
		fputs("none held\n", fp);
	fputs("next:      ", fp);
	if (s->next_due < 0 && summary_stopped(s, why, sizeof(why)) != NULL)
		fprintf(fp, "none: %s\n", why);
	else if (s->next_due < 0)
		fputs("none planned\n", fp);
	else {
		buf_reset(&b);
		naming_session(&b, s->next_row, s->next_number, s->c.planned,
		    s->next_phase, maint);
		fprintf(fp, "%s due ", b.s);
		day_or(fp, s->next_due, "-");
		if (s->next_due < s->today)
			fprintf(fp, ", %ld day%s overdue", s->today -
			    s->next_due, s->today - s->next_due == 1 ? "" :
			    "s");
		putc('\n', fp);
	}
	if (*s->c.primary)
		fprintf(fp, "focus:     %s%s%s since %s\n", s->c.primary,
		    *s->c.secondary ? ", secondary " : "", s->c.secondary,
		    s->c.focus_set_on);
	else
		fputs("focus:     not chosen\n", fp);
	status_formulation(fp, &s->formulation);
	fprintf(fp, "records:   %ld %s in the inventory, %ld open goal%s, "
	    "%zu relapse-plan item%s, %zu timeline event%s\n", s->people,
	    s->people == 1 ? "person" : "people", s->open_goals,
	    s->open_goals == 1 ? "" : "s", s->relapse.nrows,
	    s->relapse.nrows == 1 ? "" : "s", s->timeline.nrows,
	    s->timeline.nrows == 1 ? "" : "s");
	if (s->ncourse > 0) {
		fputs("measures:\n", fp);
		for (i = 0; i < s->ncourse; i++) {
			const struct course *c = &s->course[i];

			fprintf(fp, "  %-7s baseline %s (%s) %s", c->instrument,
			    c->first_total, *c->first_band ? c->first_band : "-",
			    c->first_date);
			if (c->n > 1) {
				fprintf(fp, ", latest %s (%s) %s, change %s (%s)",
				    c->last_total, *c->last_band ? c->last_band :
				    "-", c->last_date, c->change, c->pct);
				if (*c->response)
					fprintf(fp, ", response %s", c->response);
				if (*c->remission)
					fprintf(fp, ", remission %s",
					    c->remission);
				if (*c->reliable)
					fprintf(fp, ", reliable change %s",
					    c->reliable);
			}
			putc('\n', fp);
			if (*c->last_subscales || *c->last_criterion)
				fprintf(fp, "  %-7s %s: %s%s%s\n", "",
				    c->n > 1 ? "latest" : "baseline",
				    c->last_subscales, *c->last_subscales &&
				    *c->last_criterion ? "; " : "",
				    c->last_criterion);
		}
	}
	risk_history(fp, s);
	if (s->nrem > 0) {
		fputs("next steps:\n", fp);
		for (i = 0; i < s->nrem; i++) {
			fprintf(fp, "  %-8s ", urgency_name(s->rem[i].urgency));
			day_or(fp, s->rem[i].day, "-");
			fprintf(fp, "  %s: %s\n", s->rem[i].kind,
			    s->rem[i].message);
		}
	}
	buf_free(&b);
}

static void
json(FILE *fp, const struct summary *s)
{
	struct json_w w;
	size_t i;

	jw_file(&w, fp);
	jw_obj(&w);
	jw_key(&w, "risk_open");
	jw_arr(&w);
	for (i = 0; i < s->nrisk; i++) {
		jw_obj(&w);
		jw_kstr(&w, "date", s->risk_open[i].date);
		jw_knum(&w, "session", s->risk_open[i].session);
		jw_kstr(&w, "instrument", s->risk_open[i].instrument);
		jw_kstr(&w, "detail", s->risk_open[i].detail);
		jw_end(&w);
	}
	jw_end(&w);
	jw_gap(&w, "\n ");
	json_deterioration(&w, s);
	jw_gap(&w, "\n ");
	jw_kstr(&w, "id", s->c.id);
	jw_kstr(&w, "name", s->c.name);
	jw_kstr(&w, "therapist", s->c.therapist);
	json_profile(&w, s);
	jw_kstr(&w, "variant", s->c.variant);
	jw_kstr(&w, "status", s->c.status);
	jw_kstr(&w, "start", s->c.start);
	jw_kstr(&w, "ended_on", s->c.ended_on);
	jw_kstr(&w, "end_reason", s->c.end_reason);
	jw_knum(&w, "episode", s->c.episode);
	jw_gap(&w, " \n ");
	json_episodes(&w, s);
	jw_gap(&w, " \n ");
	jw_knum(&w, "planned", s->c.planned);
	jw_knum(&w, "frequency_days", s->c.frequency);
	jw_knum(&w, "held", s->held);
	jw_knum(&w, "held_outside_plan", s->outside);
	jw_knum(&w, "cancelled", s->cancelled);
	jw_knum(&w, "no_show", s->noshow);
	jw_knum(&w, "weeks", s->weeks);
	jw_gap(&w, " \n ");
	jw_kstr(&w, "phase", s->phase);
	jw_knum(&w, "last_session", s->last_held);
	jw_kday(&w, "last_date", s->last_day);
	jw_kday(&w, "end", s->end_day);
	jw_knum(&w, "next_session", s->next_row);
	jw_knum(&w, "next_held", s->next_number);
	jw_kstr(&w, "next_phase", s->next_phase);
	jw_kday(&w, "next_due", s->next_due);
	jw_gap(&w, " \n ");
	jw_key(&w, "focus");
	jw_obj(&w);
	jw_kstr(&w, "primary", s->c.primary);
	jw_kstr(&w, "secondary", s->c.secondary);
	jw_kstr(&w, "set_on", s->c.focus_set_on);
	jw_end(&w);
	jw_gap(&w, "\n ");
	json_formulation(&w, &s->formulation);
	jw_gap(&w, "\n ");
	jw_knum(&w, "inventory_people", s->people);
	jw_knum(&w, "open_goals", s->open_goals);
	jw_knum(&w, "relapse_items", (long)s->relapse.nrows);
	jw_knum(&w, "timeline_events", (long)s->timeline.nrows);
	jw_gap(&w, " \n ");
	jw_key(&w, "measures");
	jw_arr(&w);
	for (i = 0; i < s->ncourse; i++) {
		const struct course *c = &s->course[i];

		jw_gap(&w, "\n  ");
		jw_obj(&w);
		jw_kstr(&w, "instrument", c->instrument);
		jw_knum(&w, "administrations", (long)c->n);
		jw_kstr(&w, "baseline_date", c->first_date);
		jw_kstr(&w, "baseline", c->first_total);
		jw_kstr(&w, "baseline_severity", c->first_band);
		jw_kstr(&w, "latest_date", c->last_date);
		jw_kstr(&w, "latest", c->last_total);
		jw_kstr(&w, "latest_severity", c->last_band);
		jw_kstr(&w, "latest_subscales", c->last_subscales);
		jw_kstr(&w, "latest_criterion", c->last_criterion);
		jw_kstr(&w, "change", c->change);
		jw_kstr(&w, "percent_change", c->pct);
		jw_kstr(&w, "response", c->response);
		jw_kstr(&w, "remission", c->remission);
		jw_kstr(&w, "reliable_change", c->reliable);
		jw_kstr(&w, "reliable_criterion", c->reliable_criterion);
		jw_key(&w, "deterioration");
		jw_bool(&w, c->deteriorated);
		jw_kstr(&w, "better", c->higher_better ? "higher" : "lower");
		jw_end(&w);
	}
	jw_end(&w);
	json_reminders(&w, s);
	jw_gap(&w, "\n ");
	jw_key(&w, "errors");
	jw_arr(&w);
	for (i = 0; i < s->nerrors; i++)
		jw_str(&w, s->errors[i]);
	jw_end(&w);
	jw_end(&w);
	jw_out(&w, "\n");
}

void
json_episodes(struct json_w *w, const struct summary *s)
{
	const struct past_episode *e;
	size_t i, k;

	jw_key(w, "episodes");
	jw_arr(w);
	for (i = 0; i < s->npast; i++) {
		e = &s->past[i];
		jw_obj(w);
		jw_knum(w, "episode", e->num);
		jw_kstr(w, "start", e->start);
		jw_kstr(w, "ended_on", e->end);
		jw_kstr(w, "end_reason", e->reason);
		jw_kstr(w, "variant", e->variant);
		jw_knum(w, "planned", e->planned);
		jw_knum(w, "frequency_days", e->frequency);
		jw_knum(w, "held", e->held);
		jw_knum(w, "held_outside_plan", e->outside);
		jw_knum(w, "cancelled", e->cancelled);
		jw_knum(w, "no_show", e->noshow);
		jw_knum(w, "weeks", e->weeks);
		jw_kstr(w, "primary", e->primary);
		jw_kstr(w, "secondary", e->secondary);
		jw_key(w, "measures");
		jw_arr(w);
		for (k = 0; k < e->ncourse; k++) {
			const struct course *c = &e->course[k];

			jw_obj(w);
			jw_kstr(w, "instrument", c->instrument);
			jw_knum(w, "n", (long)c->n);
			jw_kstr(w, "first_date", c->first_date);
			jw_kstr(w, "first", c->first_total);
			jw_kstr(w, "last_date", c->last_date);
			jw_kstr(w, "last", c->last_total);
			jw_kstr(w, "change", c->change);
			jw_end(w);
		}
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
}

void
json_deterioration(struct json_w *w, const struct summary *s)
{
	size_t i;

	jw_key(w, "deterioration");
	jw_arr(w);
	for (i = 0; i < s->ncourse; i++) {
		const struct course *c = &s->course[i];

		if (!c->deteriorated)
			continue;
		jw_obj(w);
		jw_kstr(w, "instrument", c->instrument);
		jw_kstr(w, "baseline_date", c->first_date);
		jw_kstr(w, "baseline", c->first_total);
		jw_kstr(w, "latest_date", c->last_date);
		jw_kstr(w, "latest", c->last_total);
		jw_kstr(w, "change", c->change);
		jw_kstr(w, "reliable_criterion", c->reliable_criterion);
		jw_kstr(w, "better", c->higher_better ? "higher" : "lower");
		jw_end(w);
	}
	jw_end(w);
}

void
json_reminders(struct json_w *w, const struct summary *s)
{
	size_t i;

	jw_gap(w, "\n ");
	jw_key(w, "reminders");
	jw_arr(w);
	for (i = 0; i < s->nrem; i++) {
		jw_gap(w, "\n  ");
		jw_obj(w);
		jw_kstr(w, "urgency", urgency_name(s->rem[i].urgency));
		jw_kday(w, "date", s->rem[i].day);
		jw_kstr(w, "kind", s->rem[i].kind);
		jw_kstr(w, "message", s->rem[i].message);
		jw_end(w);
	}
	jw_end(w);
}

int
render_status(FILE *fp, const struct summary *s, enum ipt_format f)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *mf;
	long width;

	if (f == FMT_JSON) {
		json(fp, s);
		return ferror(fp) ? -1 : 0;
	}
	/* Text fits the terminal: each line wrapped under its value. */
	if ((width = render_columns()) == 0 ||
	    (mf = open_memstream(&mem, &len)) == NULL) {
		text(fp, s);
		return ferror(fp) ? -1 : 0;
	}
	text(mf, s);
	if (fclose(mf) == EOF) {
		free(mem);
		return -1;
	}
	render_wrapped(fp, mem, len, width);
	free(mem);
	return ferror(fp) ? -1 : 0;
}
