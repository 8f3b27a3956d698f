/*
 * report_outline.c: the outline of the report in the human formats, a
 * renderer (see report_int.h).  It prints through the document
 * primitives of report_doc.c, so that text, Markdown and HTML share it:
 *
 *	title, open risk flags, reliable deteriorations, client and plan, sessions (attendance,
 *	mood and stress), measures (one block per instrument: chart,
 *	baseline, latest, change, response, remission, reliable change,
 *	administrations), focus and its history, interpersonal inventory
 *	(each person's first and latest ratings), timeline, goals, the
 *	relapse-prevention plan or, for a client whose acute treatment is
 *	over, the termination summary, the next steps and the session log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "date.h"
#include "instrument.h"
#include "naming.h"
#include "report_int.h"
#include "sign.h"
#include "status.h"
#include "summary.h"
#include "svg.h"
#include "util.h"
#include "variant.h"

/*
 * Sections.
 */

static void
d_title(struct doc *d)
{
	const struct summary *s = d->s;
	char today[DATE_LEN];
	char *t;
	size_t i;

	date_format(s->today, today);
	t = xasprintf("IPT %s report: %s%s%s%s", d->closing ? "termination" :
	    "progress", s->c.id, *s->c.name ? " (" : "", s->c.name,
	    *s->c.name ? ")" : "");
	switch (d->f) {
	case FMT_HTML:
		fputs("<h1>", d->fp);
		html_esc(d->fp, t);
		fprintf(d->fp, "</h1>\n<p class=\"date\">Report date %s</p>\n",
		    today);
		break;
	case FMT_MD:
		fputs("# ", d->fp);
		doc_md_esc(d->fp, t);
		fprintf(d->fp, "\n\nReport date %s\n\n", today);
		break;
	default:
		doc_wrap(d->fp, t, 0, 0);
		fprintf(d->fp, "\nReport date %s\n", today);
		for (i = 0; i < WIDTH; i++)
			putc('=', d->fp);
		putc('\n', d->fp);
	}
	free(t);
}

static void
sec_risk(struct doc *d)
{
	const struct summary *s = d->s;
	char sess[32];
	char *t;
	size_t i;

	for (i = 0; i < s->nrisk; i++) {
		const struct risk_open *r = &s->risk_open[i];

		snprintf(sess, sizeof(sess), " (session %ld)", r->session);
		t = xasprintf("%s %s on %s%s is open: review it (ipt risk "
		    "review).%s%s%s", r->instrument, r->detail, r->date,
		    r->session > 0 ? sess : "", *s->c.emergency ?
		    " Emergency contact: " : "", s->c.emergency,
		    *s->c.emergency ? "." : "");
		switch (d->f) {
		case FMT_HTML:
			fputs("<p class=\"risk\"><strong>RISK</strong> ", d->fp);
			html_esc(d->fp, t);
			fputs("</p>\n", d->fp);
			break;
		case FMT_MD:
			fputs("> **RISK:** ", d->fp);
			doc_md_esc(d->fp, t);
			fputs("\n\n", d->fp);
			break;
		default:
			fputs("RISK: ", d->fp);
			doc_wrap(d->fp, t, 6, 6);
			putc('\n', d->fp);
		}
		free(t);
	}
}

/*
 * Each reliable deterioration (protocol.c), under the risk flags, as a
 * flag of its own: in HTML a framed paragraph that says DETERIORATION
 * and shows a sign, so that it does not rest on its colour.
 */
static void
sec_deterioration(struct doc *d)
{
	const struct summary *s = d->s;
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < s->ncourse; i++) {
		if (!s->course[i].deteriorated)
			continue;
		buf_reset(&b);
		summary_deterioration(&b, &s->course[i]);
		buf_adds(&b, ": reliably worse, not on track; review the plan "
		    "with the client.");
		switch (d->f) {
		case FMT_HTML:
			fputs("<p class=\"alert\"><strong>\u26a0 "
			    "DETERIORATION</strong> ", d->fp);
			html_esc(d->fp, b.s);
			fputs("</p>\n", d->fp);
			break;
		case FMT_MD:
			fputs("> **DETERIORATION:** ", d->fp);
			doc_md_esc(d->fp, b.s);
			fputs("\n\n", d->fp);
			break;
		default:
			fputs("DETERIORATION: ", d->fp);
			doc_wrap(d->fp, b.s, 15, 15);
			putc('\n', d->fp);
		}
	}
	buf_free(&b);
}

/* Every flag raised, open or reviewed, and every follow-up review. */
static void
sec_risk_history(struct doc *d)
{
	char **v;
	size_t n, i;

	n = summary_risk_history(d->s, -1, &v);
	if (n == 0) {
		free(v);
		return;
	}
	d_section(d, "Risk history");
	d_para(d, "Each risk item answered positively, and its review: "
	    "OPEN until reviewed, REVIEWED, HIGH when the review judged the "
	    "level high; FOLLOW-UP reviews between.");
	for (i = 0; i < n; i++) {
		d_item(d, v[i]);
		free(v[i]);
	}
	free(v);
}

static void
sec_client(struct doc *d)
{
	const struct summary *s = d->s;
	char day[DATE_LEN];
	long age;

	d_section(d, "Client and plan");
	d_kvf(d, "client", "%s%s%s%s", s->c.id, *s->c.name ? " (" : "",
	    s->c.name, *s->c.name ? ")" : "");
	if ((age = client_age(&s->c, s->today)) >= 0)
		d_kvf(d, "born", "%s (%ld years)", s->c.birth_date, age);
	if (*s->c.diagnosis != '\0' || *s->c.icd != '\0')
		d_kvf(d, "diagnosis", "%s%s%s%s", s->c.diagnosis,
		    *s->c.icd && *s->c.diagnosis ? " (" : "", s->c.icd,
		    *s->c.icd && *s->c.diagnosis ? ")" : "");
	if (*s->c.referrer != '\0')
		d_kv(d, "referrer", s->c.referrer);
	if (*s->c.consent_date != '\0')
		d_kv(d, "consent", s->c.consent_date);
	if (*s->c.emergency != '\0')
		d_kv(d, "emergency", s->c.emergency);
	if (*s->c.therapist)
		d_kv(d, "therapist", s->c.therapist);
	d_kvf(d, "variant", "%s (%s)", s->c.variant, s->v->title);
	if (s->end_day >= 0) {
		date_format(s->end_day, day);
		d_kvf(d, "status", "ended on %s (%s)", day, *s->c.end_reason ?
		    s->c.end_reason : "no reason recorded");
	} else
		d_kv(d, "status", s->c.status);
	d_kv(d, "start", s->c.start);
	if (s->c.frequency == 1)
		d_kvf(d, "plan", "%ld session%s, every day", s->c.planned,
		    s->c.planned == 1 ? "" : "s");
	else
		d_kvf(d, "plan", "%ld session%s, every %ld days",
		    s->c.planned, s->c.planned == 1 ? "" : "s",
		    s->c.frequency);
	if (s->end_day >= 0)
		d_kvf(d, "in treatment", "%ld week%s, %s to %s", s->weeks,
		    s->weeks == 1 ? "" : "s", s->c.start, day);
	else
		d_kvf(d, "in treatment", "%ld week%s", s->weeks,
		    s->weeks == 1 ? "" : "s");
	if (s->npast > 0)
		d_kvf(d, "episode", "%ld, since %s (%zu before it, below)",
		    s->c.episode, s->c.start, s->npast);
}

/*
 * The episodes that ended (episode.h), each told apart: its dates and
 * end, its plan, the sessions held of it, its attendance, its focus and
 * the first and last score of each of its measures.
 */
static void
sec_episodes(struct doc *d)
{
	const struct summary *s = d->s;
	const struct past_episode *e;
	const struct course *c;
	char title[64];
	size_t i, k;
	long att, sched;

	if (s->npast == 0)
		return;
	d_section(d, "Earlier episodes");
	for (i = 0; i < s->npast; i++) {
		e = &s->past[i];
		snprintf(title, sizeof(title), "Episode %ld", e->num);
		d_sub(d, title);
		d_kvf(d, "in treatment", "%ld week%s, %s to %s", e->weeks,
		    e->weeks == 1 ? "" : "s", e->start, e->end);
		d_kv(d, "ended", e->reason);
		d_kvf(d, "plan", "%s, %ld sessions, every %ld days",
		    e->variant, e->planned, e->frequency);
		d_kvf(d, "held", "%ld of %ld planned", e->held, e->planned);
		att = e->held + e->outside;
		sched = att + e->cancelled + e->noshow;
		if (sched > 0)
			d_kvf(d, "attendance", "%ld attended, %ld cancelled, "
			    "%ld no-show (%ld%% attended)", att, e->cancelled,
			    e->noshow, (att * 100 + sched / 2) / sched);
		if (*e->primary != '\0')
			d_kvf(d, "focus", "%s%s%s", e->primary,
			    *e->secondary ? ", " : "", e->secondary);
		for (k = 0; k < e->ncourse; k++) {
			c = &e->course[k];
			if (c->n > 1)
				d_kvf(d, c->instrument, "%s on %s to %s on %s "
				    "(%s, %zu given)", c->first_total,
				    c->first_date, c->last_total, c->last_date,
				    c->change, c->n);
			else
				d_kvf(d, c->instrument, "%s on %s (given once)",
				    c->first_total, c->first_date);
		}
	}
}

static void
sec_sessions(struct doc *d)
{
	const struct summary *s = d->s;
	const struct csv_table *t = &s->sessions;
	char day[DATE_LEN];
	struct buf b = { 0 };
	double *v;
	size_t i, n;
	long attended = s->held + s->outside;
	long scheduled = attended + s->cancelled + s->noshow;
	char why[160];
	int maint = strcmp(s->c.status, "maintenance") == 0;

	d_section(d, "Sessions");
	d_kv(d, "phase", *s->phase ? s->phase : "not started");
	if (s->outside > 0)
		d_kvf(d, "held", "%ld of %ld planned%s, and %ld outside the "
		    "plan", s->held, s->c.planned, s->held > s->c.planned ?
		    " (extended)" : "", s->outside);
	else
		d_kvf(d, "held", "%ld of %ld planned%s", s->held,
		    s->c.planned, s->held > s->c.planned ? " (extended)" : "");
	if (scheduled > 0)
		d_kvf(d, "attendance", "%ld attended, %ld cancelled, %ld "
		    "no-show (%ld%% attended)", attended, s->cancelled,
		    s->noshow, (attended * 100 + scheduled / 2) / scheduled);
	else
		d_kv(d, "attendance", "no session yet");
	if (s->last_held > 0) {
		date_format(s->last_day, day);
		naming_session(&b, s->last_held, s->held, s->c.planned,
		    s->phase, maint);
		d_kvf(d, "last", "%s on %s", b.s, day);
		buf_reset(&b);
	}
	if (s->next_due >= 0) {
		date_format(s->next_due, day);
		naming_session(&b, s->next_row, s->next_number, s->c.planned,
		    s->next_phase, maint);
		d_kvf(d, "next", "%s due %s", b.s, day);
		buf_reset(&b);
	} else if (summary_stopped(s, why, sizeof(why)) != NULL)
		d_kvf(d, "next", "none: %s", why);
	else
		d_kv(d, "next", "none planned");
	if (d->nmaint > 0)
		d_kvf(d, "maintenance", "%ld maintenance session%s held",
		    d->nmaint, d->nmaint == 1 ? "" : "s");
	if (t->nrows == 0) {
		buf_free(&b);
		return;
	}
	v = xcalloc(t->nrows, sizeof(*v));
	if (d->f == FMT_HTML)
		html_mood_chart(d);
	else
		for (i = 0; i < 2; i++) {
			const char *col = i == 0 ? "mood" : "stress";

			if ((n = report_rating_points(d, col, NULL, v)) == 0)
				continue;
			buf_reset(&b);
			if (d->f == FMT_MD)
				buf_addc(&b, '`');
			report_spark(&b, v, n, 0, 10);
			if (d->f == FMT_MD)
				buf_addc(&b, '`');
			buf_printf(&b, " %g to %g over %zu rating%s (0-10, "
			    "%s is better)", v[0], v[n - 1], n,
			    n == 1 ? "" : "s", i == 0 ? "higher" : "lower");
			if (d->f == FMT_MD) {
				doc_open_block(d, B_KV);
				fprintf(d->fp, "- **%s:** %s\n", col, b.s);
			} else
				d_kv(d, col, b.s);
		}
	buf_free(&b);
	free(v);
}

static void
sec_log(struct doc *d)
{
	const struct csv_table *t = &d->s->sessions, *g = &d->s->sigs;
	const struct csv_table *a = &d->s->addenda;
	static const char *const head[] = { "session", "date", "kind",
	    "attendance", "phase", "mood", "stress", "signed" };
	const char *cells[8];
	struct buf b = { 0 };
	size_t i, k;
	long sg;

	if (t->nrows == 0)
		return;
	d_section(d, "Session log");
	d_table(d, g->nrows > 0 ? 8 : 7, head);
	for (i = 0; i < t->nrows; i++) {
		cells[0] = csv_get(t, i, "number");
		cells[1] = csv_get(t, i, "date");
		cells[2] = csv_get(t, i, "kind");
		cells[3] = csv_get(t, i, "attendance");
		cells[4] = csv_get(t, i, "phase");
		cells[5] = csv_get(t, i, "mood");
		cells[6] = csv_get(t, i, "stress");
		sg = sign_find(g, report_num(cells[0], 1, 9999), cells[1]);
		cells[7] = sg == -1 ? "" : csv_get(g, (size_t)sg, "signed_on");
		d_row(d, cells);
	}
	d_table_end(d);
	/* What was added to the record after it was written, by session. */
	if (a->nrows == 0)
		return;
	d_section(d, "Addenda");
	for (i = 0; i < t->nrows; i++)
		for (k = 0; k < a->nrows; k++) {
			if (strcmp(csv_get(a, k, "session"),
			    csv_get(t, i, "number")) != 0 ||
			    strcmp(csv_get(a, k, "date"),
			    csv_get(t, i, "date")) != 0)
				continue;
			buf_reset(&b);
			buf_printf(&b, "session %s (%s), added %s by %s: %s",
			    csv_get(t, i, "number"), csv_get(t, i, "date"),
			    csv_get(a, k, "added_on"),
			    csv_get(a, k, "added_by"), csv_get(a, k, "text"));
			d_item(d, b.s);
		}
	buf_free(&b);
}

/* The formulation in force, and its revisions (formulation.csv). */
static void
sec_formulation(struct doc *d)
{
	const struct csv_table *t = &d->s->formulation;
	static const char *const head[] = { "revision", "date", "area",
	    "agreed", "formulation" };
	const char *cells[5];
	size_t i, r;

	d_section(d, "Formulation");
	if (t->nrows == 0) {
		d_kv(d, "current", "none recorded");
		return;
	}
	r = t->nrows - 1;
	d_kvf(d, "current", "revision %s of %s", csv_get(t, r, "id"),
	    csv_get(t, r, "date"));
	d_kv(d, "area", csv_get(t, r, "area"));
	d_kv(d, "agreed", *csv_get(t, r, "agreed") != '\0' ?
	    csv_get(t, r, "agreed") : "not yet agreed with the client");
	if (*csv_get(t, r, "people") != '\0')
		d_kv(d, "people", csv_get(t, r, "people"));
	if (*csv_get(t, r, "events") != '\0')
		d_kv(d, "events", csv_get(t, r, "events"));
	if (*csv_get(t, r, "words") != '\0')
		d_kv(d, "client's words", csv_get(t, r, "words"));
	d_kv(d, "formulation", csv_get(t, r, "text"));
	if (t->nrows == 1)
		return;
	d_table(d, 5, head);
	for (i = 0; i < t->nrows; i++) {
		cells[0] = csv_get(t, i, "id");
		cells[1] = csv_get(t, i, "date");
		cells[2] = csv_get(t, i, "area");
		cells[3] = csv_get(t, i, "agreed");
		cells[4] = csv_get(t, i, "text");
		d_row(d, cells);
	}
	d_table_end(d);
}

static void
sec_focus(struct doc *d)
{
	const struct summary *s = d->s;
	const struct csv_table *t = s->efocus;
	static const char *const head[] = { "date", "session", "primary",
	    "secondary", "note" };
	const char *cells[5];
	size_t i;

	d_section(d, "Focus");
	if (*s->c.primary)
		d_kvf(d, "current", "%s%s%s since %s", s->c.primary,
		    *s->c.secondary ? ", secondary " : "", s->c.secondary,
		    s->c.focus_set_on);
	else
		d_kv(d, "current", "not chosen");
	if (t->nrows == 0)
		return;
	d_table(d, 5, head);
	for (i = 0; i < t->nrows; i++) {
		cells[0] = csv_get(t, i, "date");
		cells[1] = csv_get(t, i, "session");
		cells[2] = csv_get(t, i, "primary");
		cells[3] = csv_get(t, i, "secondary");
		cells[4] = csv_get(t, i, "note");
		d_row(d, cells);
	}
	d_table_end(d);
}

static void
course_line(struct buf *b, const struct course *c)
{
	buf_printf(b, "%s %s%s%s%s to %s%s%s%s", c->instrument, c->first_total,
	    *c->first_band ? " (" : "", c->first_band,
	    *c->first_band ? ")" : "", c->last_total,
	    *c->last_band ? " (" : "", c->last_band, *c->last_band ? ")" : "");
	if (*c->change)
		buf_printf(b, ", change %s%s%s%s", c->change, *c->pct ? " (" :
		    "", c->pct, *c->pct ? ")" : "");
	if (*c->response)
		buf_printf(b, ", response %s", c->response);
	if (*c->remission)
		buf_printf(b, ", remission %s", c->remission);
	if (*c->reliable)
		buf_printf(b, ", reliable change: %s", c->reliable);
}

static void
sec_measures(struct doc *d)
{
	const struct summary *s = d->s;
	const struct csv_table *m = &s->measures;
	static const char *const head[] = { "date", "session", "total",
	    "severity", "flags" };
	const char *cells[5];
	struct buf b = { 0 };
	size_t k, i;

	d_section(d, "Measures");
	if (d->nser == 0) {
		d_para(d, "No instrument administered yet.");
		return;
	}
	for (k = 0; k < d->nser; k++) {
		const struct series *se = &d->ser[k];
		const struct course *c = se->c;

		buf_reset(&b);
		buf_printf(&b, "%s: %s", c->instrument, se->in != NULL ?
		    se->in->title : "(no definition)");
		d_sub(d, b.s);
		if (d->f == FMT_HTML)
			html_instrument_chart(d, se);
		else if (se->n > 0) {
			buf_reset(&b);
			if (d->f == FMT_MD)
				buf_addc(&b, '`');
			report_series_spark(&b, se);
			if (d->f == FMT_MD)
				buf_addc(&b, '`');
			buf_printf(&b, " on %g to %g", se->lo, se->hi);
			if (d->f == FMT_MD) {
				doc_open_block(d, B_KV);
				fprintf(d->fp, "- **trend:** %s\n", b.s);
			} else
				d_kv(d, "trend", b.s);
		}
		d_kvf(d, "given", "%zu time%s, %s to %s", c->n,
		    c->n == 1 ? "" : "s", c->first_date, c->last_date);
		d_kvf(d, "baseline", "%s%s%s%s on %s", c->first_total,
		    *c->first_band ? " (" : "", c->first_band,
		    *c->first_band ? ")" : "", c->first_date);
		if (c->n > 1) {
			d_kvf(d, "latest", "%s%s%s%s on %s", c->last_total,
			    *c->last_band ? " (" : "", c->last_band,
			    *c->last_band ? ")" : "", c->last_date);
			d_kvf(d, "change", "%s%s%s%s, %s is better",
			    *c->change ? c->change : "-", *c->pct ? " (" : "",
			    c->pct, *c->pct ? ")" : "",
			    c->higher_better ? "higher" : "lower");
			if (*c->response)
				d_kv(d, "response", c->response);
			if (*c->remission)
				d_kv(d, "remission", c->remission);
			if (*c->reliable)
				d_kv(d, "reliable change", c->reliable);
			if (c->deteriorated)
				d_kv(d, "DETERIORATION", "reliably worse "
				    "than the baseline: not on track");
		}
		if (*c->last_subscales)
			d_kvf(d, "subscales", "%s%s", c->last_subscales,
			    c->n > 1 ? " (latest)" : "");
		if (*c->last_criterion)
			d_kvf(d, "criterion", "%s%s", c->last_criterion,
			    c->n > 1 ? " (latest)" : "");
		if (d->f == FMT_TEXT) {
			buf_reset(&b);
			for (i = 0; i < se->n; i++) {
				const struct point *p = &se->p[i];

				if (p->session > 0)
					buf_printf(&b, "%ss%ld=%s%s", i ? ", " :
					    "", p->session, csv_get(m, p->row,
					    "total"), p->risk ? " RISK" : "");
				else
					buf_printf(&b, "%s%s=%s%s", i ? ", " :
					    "", csv_get(m, p->row, "date"),
					    csv_get(m, p->row, "total"),
					    p->risk ? " RISK" : "");
			}
			d_kv(d, "scores", b.s);
			continue;
		}
		d_table(d, 5, head);
		for (i = 0; i < se->n; i++) {
			size_t r = se->p[i].row;

			cells[0] = csv_get(m, r, "date");
			cells[1] = csv_get(m, r, "session");
			cells[2] = csv_get(m, r, "total");
			cells[3] = csv_get(m, r, "severity");
			cells[4] = csv_get(m, r, "flags");
			d_row(d, cells);
		}
		d_table_end(d);
	}
	buf_free(&b);
}

/* "3 → 4 (+1)", "4", or "-". */
static void
rating(struct buf *b, const char *first, const char *last, size_t n)
{
	long a = report_num(first, 1, 5), z = report_num(last, 1, 5);

	buf_reset(b);
	if (n > 1 && a > 0 && z > 0 && a == z)
		buf_printf(b, "%ld\u2192%ld (0)", a, z);
	else if (n > 1 && a > 0 && z > 0)
		buf_printf(b, "%ld\u2192%ld (%+ld)", a, z, z - a);
	else if (z > 0)
		buf_printf(b, "%ld", z);
	else
		buf_adds(b, "-");
}

static void
sec_inventory(struct doc *d)
{
	const struct csv_table *t = &d->s->inventory;
	static const char *const head[] = { "person", "relationship",
	    "contact", "ratings", "closeness", "support", "conflict" };
	/* Text: the one free-text column last, where it may wrap. */
	static const char *const thead[] = { "person", "ratings",
	    "closeness", "support", "conflict", "relationship, contact" };
	static const char *const rk[] = { "closeness", "support", "conflict" };
	struct buf r[3] = { { 0 }, { 0 }, { 0 } }, b = { 0 }, rc = { 0 };
	const char *cells[7];
	char nr[32];
	size_t k, j;

	d_section(d, "Interpersonal inventory");
	if (d->nppl == 0) {
		d_para(d, "No one recorded yet.");
		return;
	}
	d_para(d, "Ratings from 1 to 5, first\u2192latest (change): higher "
	    "is closer, more support, more conflict.  Each person's first "
	    "rating is the baseline.");
	if (d->f == FMT_TEXT)
		d_table(d, 6, thead);
	else
		d_table(d, 7, head);
	for (k = 0; k < d->nppl; k++) {
		const struct person *p = &d->ppl[k];
		const char *rel = csv_get(t, p->last, "relationship");
		const char *con = csv_get(t, p->last, "contact");

		for (j = 0; j < 3; j++)
			rating(&r[j], csv_get(t, p->first, rk[j]),
			    csv_get(t, p->last, rk[j]), p->n);
		snprintf(nr, sizeof(nr), "%zu", p->n);
		if (d->f == FMT_TEXT) {
			buf_reset(&rc);
			buf_printf(&rc, "%s%s%s", rel, *con ? "; " : "", con);
			cells[0] = p->name;
			cells[1] = nr;
			cells[2] = r[0].s;
			cells[3] = r[1].s;
			cells[4] = r[2].s;
			cells[5] = rc.s;
		} else {
			cells[0] = p->name;
			cells[1] = rel;
			cells[2] = con;
			cells[3] = nr;
			cells[4] = r[0].s;
			cells[5] = r[1].s;
			cells[6] = r[2].s;
		}
		d_row(d, cells);
	}
	d_table_end(d);
	if (d->f == FMT_HTML)
		html_closeness_circle(d);
	for (k = 0; k < d->nppl; k++) {
		const struct person *p = &d->ppl[k];
		const char *sat = csv_get(t, p->last, "satisfying");
		const char *uns = csv_get(t, p->last, "unsatisfying");
		const char *chg = csv_get(t, p->last, "changes_wanted");

		if (!*sat && !*uns && !*chg)
			continue;
		buf_reset(&b);
		buf_printf(&b, "%s:", p->name);
		if (*sat)
			buf_printf(&b, " satisfying: %s.", sat);
		if (*uns)
			buf_printf(&b, " unsatisfying: %s.", uns);
		if (*chg)
			buf_printf(&b, " changes wanted: %s.", chg);
		d_item(d, b.s);
	}
	for (j = 0; j < 3; j++)
		buf_free(&r[j]);
	buf_free(&b);
	buf_free(&rc);
}

static void
sec_timeline(struct doc *d)
{
	const struct csv_table *t = &d->s->timeline;
	static const char *const head[] = { "date", "kind", "mood", "event" };
	const char *cells[4];
	size_t *ix, i;

	d_section(d, "Interpersonal timeline");
	if (t->nrows == 0) {
		d_para(d, "No event recorded yet.");
		return;
	}
	ix = report_rows_by_date(t, "date");
	d_table(d, 4, head);
	for (i = 0; i < t->nrows; i++) {
		cells[0] = csv_get(t, ix[i], "date");
		cells[1] = csv_get(t, ix[i], "kind");
		cells[2] = csv_get(t, ix[i], "mood");
		cells[3] = csv_get(t, ix[i], "event");
		d_row(d, cells);
	}
	d_table_end(d);
	free(ix);
}

static void
sec_goals(struct doc *d)
{
	const struct csv_table *t = &d->s->goals;
	static const char *const head[] = { "goal", "status", "set on",
	    "closed on", "text" };
	const char *cells[5];
	size_t i;

	d_section(d, "Goals");
	if (t->nrows == 0) {
		d_para(d, "No goal recorded yet.");
		return;
	}
	d_kvf(d, "goals", "%zu: %ld open, %ld met, %ld dropped", t->nrows,
	    d->s->open_goals, d->met, d->dropped);
	d_table(d, 5, head);
	for (i = 0; i < t->nrows; i++) {
		cells[0] = csv_get(t, i, "id");
		cells[1] = csv_get(t, i, "status");
		cells[2] = csv_get(t, i, "set_on");
		cells[3] = csv_get(t, i, "closed_on");
		cells[4] = csv_get(t, i, "goal");
		d_row(d, cells);
	}
	d_table_end(d);
}

static void
relapse_table(struct doc *d)
{
	const struct csv_table *t = &d->s->relapse;
	static const char *const head[] = { "kind", "date", "point" };
	const char *cells[3];
	size_t i, k;

	if (t->nrows == 0) {
		d_para(d, "No relapse-prevention point recorded.");
		return;
	}
	d_table(d, 3, head);
	for (k = 0; report_relapse_order[k] != NULL; k++)
		for (i = 0; i < t->nrows; i++) {
			if (strcmp(csv_get(t, i, "kind"),
			    report_relapse_order[k]) != 0)
				continue;
			cells[0] = report_relapse_order[k];
			cells[1] = csv_get(t, i, "date");
			cells[2] = csv_get(t, i, "text");
			d_row(d, cells);
		}
	d_table_end(d);
}

static void
sec_relapse(struct doc *d)
{
	if (d->s->relapse.nrows == 0)
		return;
	d_section(d, "Relapse-prevention plan");
	relapse_table(d);
}

static void
sec_termination(struct doc *d)
{
	const struct summary *s = d->s;
	const struct csv_table *inv = &s->inventory;
	static const char *const rk[] = { "closeness", "support", "conflict" };
	struct buf b = { 0 };
	double *v;
	char mb[64], why[160];
	size_t k, j, n;

	d_section(d, "Termination summary");
	d_kvf(d, "treatment", "%ld of %ld planned sessions held, %ld "
	    "cancelled, %ld no-show; %s", s->held, s->c.planned,
	    s->cancelled, s->noshow, summary_stopped(s, why, sizeof(why)) ?
	    why : s->c.status);
	d_kv(d, "maintenance", report_maintenance(d, mb, sizeof(mb)));
	d_sub(d, "What changed");
	for (k = 0; k < s->ncourse; k++) {
		if (s->course[k].n < 2)
			continue;
		buf_reset(&b);
		course_line(&b, &s->course[k]);
		d_item(d, b.s);
	}
	v = xcalloc(s->sessions.nrows ? s->sessions.nrows : 1, sizeof(*v));
	for (j = 0; j < 2; j++) {
		const char *col = j == 0 ? "mood" : "stress";

		if ((n = report_rating_points(d, col, NULL, v)) < 2)
			continue;
		buf_reset(&b);
		buf_printf(&b, "%s rated at sessions: %g to %g", col, v[0],
		    v[n - 1]);
		d_item(d, b.s);
	}
	free(v);
	for (k = 0; k < d->nppl; k++) {
		const struct person *p = &d->ppl[k];
		int any = 0;

		if (p->n < 2)
			continue;
		buf_reset(&b);
		buf_printf(&b, "%s (%s):", p->name, csv_get(inv, p->last,
		    "relationship"));
		for (j = 0; j < 3; j++) {
			long a = report_num(csv_get(inv, p->first, rk[j]), 1,
			    5);
			long z = report_num(csv_get(inv, p->last, rk[j]), 1,
			    5);

			if (a < 0 || z < 0 || a == z)
				continue;
			buf_printf(&b, "%s %s %ld to %ld", any ? "," : "", rk[j],
			    a, z);
			any = 1;
		}
		if (any)
			d_item(d, b.s);
	}
	if (s->goals.nrows > 0) {
		buf_reset(&b);
		buf_printf(&b, "goals: %ld of %zu met, %ld dropped, %ld open",
		    d->met, s->goals.nrows, d->dropped, s->open_goals);
		d_item(d, b.s);
	}
	d_sub(d, "Relapse prevention");
	relapse_table(d);
	buf_free(&b);
}

static void
sec_reminders(struct doc *d)
{
	const struct summary *s = d->s;
	static const char *const head[] = { "urgency", "date", "kind",
	    "what" };
	const char *cells[4];
	char day[DATE_LEN];
	size_t i;

	if (s->nrem == 0)
		return;
	d_section(d, "Next steps");
	d_table(d, 4, head);
	for (i = 0; i < s->nrem; i++) {
		date_format(s->rem[i].day, day);
		cells[0] = urgency_name(s->rem[i].urgency);
		cells[1] = s->rem[i].day >= 0 ? day : "";
		cells[2] = s->rem[i].kind;
		cells[3] = s->rem[i].message;
		d_row(d, cells);
	}
	d_table_end(d);
}

void
report_human(struct doc *d)
{
	if (d->f == FMT_HTML)
		html_head(d);
	d_title(d);
	sec_risk(d);
	sec_deterioration(d);
	sec_risk_history(d);
	sec_client(d);
	sec_episodes(d);
	sec_sessions(d);
	sec_measures(d);
	sec_focus(d);
	sec_formulation(d);
	sec_inventory(d);
	sec_timeline(d);
	sec_goals(d);
	if (d->closing)
		sec_termination(d);
	else
		sec_relapse(d);
	sec_reminders(d);
	sec_log(d);
	doc_close_block(d);
	if (d->f == FMT_HTML)
		fputs("</body>\n</html>\n", d->fp);
}
