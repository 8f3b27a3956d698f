/*
 * status.c: the renderer of `ipt status', one screen about one client.
 *
 * Open risk flags come first, on lines of their own that begin with
 * "RISK", so that neither a person nor a grep can miss them.
 */
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "status.h"
#include "summary.h"
#include "variant.h"

static const char *const urg_names[] = { "RISK", "overdue", "due", "info" };

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

static void
text(FILE *fp, const struct summary *s)
{
	size_t i;

	for (i = 0; i < s->nrisk; i++) {
		fprintf(fp, "RISK: %s %s on %s", s->risk_open[i].instrument,
		    s->risk_open[i].detail, s->risk_open[i].date);
		if (s->risk_open[i].session > 0)
			fprintf(fp, " (session %ld)", s->risk_open[i].session);
		fputs(", open: review it with `ipt risk review'\n", fp);
	}
	fprintf(fp, "client:    %s%s%s%s\n", s->c.id, *s->c.name ? " (" : "",
	    s->c.name, *s->c.name ? ")" : "");
	fprintf(fp, "variant:   %s (%s)\n", s->c.variant, s->v->title);
	if (*s->c.therapist)
		fprintf(fp, "therapist: %s\n", s->c.therapist);
	fprintf(fp, "status:    %s, since %s (%ld week%s in treatment)\n",
	    s->c.status, s->c.start, s->weeks, s->weeks == 1 ? "" : "s");
	fprintf(fp, "sessions:  %ld of %ld held", s->held, s->c.planned);
	if (s->held > s->c.planned && strcmp(s->c.status, "maintenance") != 0)
		fprintf(fp, " (%ld past the plan)", s->held - s->c.planned);
	if (s->cancelled || s->noshow)
		fprintf(fp, ", %ld cancelled, %ld no-show", s->cancelled,
		    s->noshow);
	fprintf(fp, "\nphase:     %s\n", *s->phase ? s->phase : "not started");
	fputs("last:      ", fp);
	if (s->last_held > 0) {
		day_or(fp, s->last_day, "-");
		fprintf(fp, " (session %ld)\n", s->last_held);
	} else
		fputs("none held\n", fp);
	fputs("next:      ", fp);
	if (s->next_due < 0)
		fputs("none planned\n", fp);
	else {
		fprintf(fp, "session %ld (%ld of %ld, %s) due ", s->next_row,
		    s->next_number, s->c.planned, s->next_phase);
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
		}
	}
	if (s->nrem > 0) {
		fputs("next steps:\n", fp);
		for (i = 0; i < s->nrem; i++) {
			fprintf(fp, "  %-8s ", urgency_name(s->rem[i].urgency));
			day_or(fp, s->rem[i].day, "-");
			fprintf(fp, "  %s: %s\n", s->rem[i].kind,
			    s->rem[i].message);
		}
	}
}

static void
json(FILE *fp, const struct summary *s)
{
	size_t i;

	fputs("{\"risk_open\": [", fp);
	for (i = 0; i < s->nrisk; i++) {
		fputs(i ? ", {" : "{", fp);
		json_kv(fp, "date", s->risk_open[i].date, 1);
		json_kn(fp, "session", s->risk_open[i].session, 1);
		json_kv(fp, "instrument", s->risk_open[i].instrument, 1);
		json_kv(fp, "detail", s->risk_open[i].detail, 0);
		fputs("}", fp);
	}
	fputs("],\n ", fp);
	json_kv(fp, "id", s->c.id, 1);
	json_kv(fp, "name", s->c.name, 1);
	json_kv(fp, "therapist", s->c.therapist, 1);
	json_kv(fp, "variant", s->c.variant, 1);
	json_kv(fp, "status", s->c.status, 1);
	json_kv(fp, "start", s->c.start, 1);
	fputs("\n ", fp);
	json_kn(fp, "planned", s->c.planned, 1);
	json_kn(fp, "frequency_days", s->c.frequency, 1);
	json_kn(fp, "held", s->held, 1);
	json_kn(fp, "cancelled", s->cancelled, 1);
	json_kn(fp, "no_show", s->noshow, 1);
	json_kn(fp, "weeks", s->weeks, 1);
	fputs("\n ", fp);
	json_kv(fp, "phase", s->phase, 1);
	json_kn(fp, "last_session", s->last_held, 1);
	json_kday(fp, "last_date", s->last_day, 1);
	json_kn(fp, "next_session", s->next_row, 1);
	json_kn(fp, "next_held", s->next_number, 1);
	json_kv(fp, "next_phase", s->next_phase, 1);
	json_kday(fp, "next_due", s->next_due, 1);
	fputs("\n ", fp);
	fputs("\"focus\": {", fp);
	json_kv(fp, "primary", s->c.primary, 1);
	json_kv(fp, "secondary", s->c.secondary, 1);
	json_kv(fp, "set_on", s->c.focus_set_on, 0);
	fputs("},\n ", fp);
	json_kn(fp, "inventory_people", s->people, 1);
	json_kn(fp, "open_goals", s->open_goals, 1);
	json_kn(fp, "relapse_items", (long)s->relapse.nrows, 1);
	json_kn(fp, "timeline_events", (long)s->timeline.nrows, 1);
	fputs("\n \"measures\": [", fp);
	for (i = 0; i < s->ncourse; i++) {
		const struct course *c = &s->course[i];

		fputs(i ? ",\n  {" : "\n  {", fp);
		json_kv(fp, "instrument", c->instrument, 1);
		json_kn(fp, "administrations", (long)c->n, 1);
		json_kv(fp, "baseline_date", c->first_date, 1);
		json_kv(fp, "baseline", c->first_total, 1);
		json_kv(fp, "baseline_severity", c->first_band, 1);
		json_kv(fp, "latest_date", c->last_date, 1);
		json_kv(fp, "latest", c->last_total, 1);
		json_kv(fp, "latest_severity", c->last_band, 1);
		json_kv(fp, "change", c->change, 1);
		json_kv(fp, "percent_change", c->pct, 1);
		json_kv(fp, "response", c->response, 1);
		json_kv(fp, "remission", c->remission, 1);
		json_kv(fp, "reliable_change", c->reliable, 1);
		json_kv(fp, "better", c->higher_better ? "higher" : "lower", 0);
		fputs("}", fp);
	}
	fputs("],\n \"reminders\": [", fp);
	for (i = 0; i < s->nrem; i++) {
		fputs(i ? ",\n  {" : "\n  {", fp);
		json_kv(fp, "urgency", urgency_name(s->rem[i].urgency), 1);
		json_kday(fp, "date", s->rem[i].day, 1);
		json_kv(fp, "kind", s->rem[i].kind, 1);
		json_kv(fp, "message", s->rem[i].message, 0);
		fputs("}", fp);
	}
	fputs("]}\n", fp);
}

int
render_status(FILE *fp, const struct summary *s, enum ipt_format f)
{
	if (f == FMT_JSON)
		json(fp, s);
	else
		text(fp, s);
	return ferror(fp) ? -1 : 0;
}
