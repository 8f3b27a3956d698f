/*
 * outcomes.c: the outcomes of a caseload by group (see outcomes.h).
 * Nothing here prints: render_outcomes.c does.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "instrument.h"
#include "measure.h"
#include "outcomes.h"
#include "protocol.h"
#include "record.h"
#include "summary.h"
#include "util.h"
#include "variant.h"

const char *const outcomes_by_names[] = { "area", "variant", "therapist",
    "phase-ended", NULL };

int
outcomes_by_parse(const char *s, enum outcomes_by *by)
{
	int k;

	if ((k = rec_lookup(outcomes_by_names, s)) < 0)
		return ipt_setusage("--by: '%s' is not one of: %s", s,
		    rec_names(outcomes_by_names));
	*by = (enum outcomes_by)(OUT_BY_AREA + k);
	return 0;
}

void
outcomes_init(struct outcomes *o, enum outcomes_by by, long since)
{
	memset(o, 0, sizeof(*o));
	o->by = by;
	o->since = since;
	o->all.key = xstrdup("all");
}

void
wilson95(long x, long n, double *lo, double *hi)
{
	const double z = 1.96;
	double p, d, c, h;

	if (n <= 0) {
		*lo = *hi = 0;
		return;
	}
	p = (double)x / (double)n;
	d = 1 + z * z / (double)n;
	c = (p + z * z / (2.0 * (double)n)) / d;
	h = z / d * sqrt(p * (1 - p) / (double)n +
	    z * z / (4.0 * (double)n * (double)n));
	*lo = c - h < 0 ? 0 : c - h;
	*hi = c + h > 1 ? 1 : c + h;
}

/*
 * Did a client end having held none of the concluding sessions (the final
 * phase, protocol_concluding()) or later?
 */
static int
dropped_out(const struct summary *s)
{
	static const char *const done[] = { "final", "extension",
	    "maintenance", NULL };

	return strcmp(s->c.status, "ended") == 0 && (s->held == 0 ||
	    (rec_lookup(done, s->phase) < 0 && (s->v == NULL ||
	    !protocol_concluding(s->v, s->c.planned, s->phase, s->held))));
}

static const char *
group_key(const struct outcomes *o, const struct summary *s)
{
	const char *k = "all";

	switch (o->by) {
	case OUT_BY_NONE:
		break;
	case OUT_BY_AREA:
		k = s->c.primary;
		break;
	case OUT_BY_VARIANT:
		k = s->c.variant;
		break;
	case OUT_BY_THERAPIST:
		k = s->c.therapist;
		break;
	case OUT_BY_PHASE_ENDED:
		if (strcmp(s->c.status, "ended") != 0)
			return "not-ended";
		k = s->held > 0 ? s->phase : "";
		break;
	}
	return k != NULL && *k != '\0' ? k : "none";
}

static struct out_group *
group_get(struct outcomes *o, const char *key)
{
	struct out_group *g;
	size_t i;

	for (i = 0; i < o->ng; i++)
		if (strcmp(o->g[i].key, key) == 0)
			return &o->g[i];
	o->g = xreallocarray(o->g, o->ng + 1, sizeof(*o->g));
	g = &o->g[o->ng++];
	memset(g, 0, sizeof(*g));
	g->key = xstrdup(key);
	return g;
}

static struct out_instr *
instr_get(struct out_group *g, const char *name, long scale)
{
	struct out_instr *in;
	size_t i;

	for (i = 0; i < g->nin; i++)
		if (strcmp(g->in[i].name, name) == 0)
			return &g->in[i];
	g->in = xreallocarray(g->in, g->nin + 1, sizeof(*g->in));
	in = &g->in[g->nin++];
	memset(in, 0, sizeof(*in));
	in->name = xstrdup(name);
	in->scale = scale;
	return in;
}

/* Count one instrument's change in a group. */
static void
count_change(struct out_group *g, const struct measure_change *mc)
{
	struct out_instr *in = instr_get(g, mc->instrument, mc->in->scale);

	in->n++;
	in->sum_base += mc->baseline;
	in->sum_last += mc->latest;
	if (mc->response >= 0) {
		in->resp_n++;
		in->resp += mc->response;
	}
	if (mc->remission >= 0) {
		in->rem_n++;
		in->rem += mc->remission;
	}
	if (mc->reliable != -2) {
		in->rel_n++;
		in->rel_up += mc->reliable == 1;
		in->rel_down += mc->reliable == -1;
	}
}

/*
 * Adherence: the phase tasks of the client's variant that are due (their
 * phase's last session held) and done, by the rule check applies
 * (protocol_task()).
 */
static void
count_tasks(const struct summary *s, long *due, long *done)
{
	struct proto_client p;
	size_t i, last;
	int st;

	*due = *done = 0;
	if (s->v == NULL || s->v->ntasks == 0)
		return;
	memset(&p, 0, sizeof(p));
	p.v = s->v;
	p.planned = s->c.planned;
	p.status = s->c.status;
	p.sessions = &s->sessions;
	p.today = -1;
	protocol_held(p.v, p.sessions, &p.held, &p.nheld);
	for (i = 0; i < s->v->ntasks; i++) {
		if ((st = protocol_task(&p, i, &last)) == -1)
			continue;
		(*due)++;
		*done += st;
	}
	free(p.held);
}

static void
count_client(struct out_group *g, const struct summary *s, long due,
    long done)
{
	g->tasks_due += due;
	g->tasks_done += done;
	g->clients++;
	g->started += s->held > 0;
	g->ended += strcmp(s->c.status, "ended") == 0;
	g->dropout += dropped_out(s);
	g->held += s->held;
	g->offered += s->held + s->cancelled + s->noshow;
	g->risk += s->nrisk > 0;
}

int
outcomes_add(struct outcomes *o, const struct summary *s,
    const struct instr_set *set)
{
	struct out_group *g;
	struct measure_change mc;
	const struct instrument *in;
	size_t i;
	long due, done;

	if (o->since >= 0 && s->c.start_day < o->since) {
		o->skipped++;
		return 0;
	}
	g = group_get(o, group_key(o, s));
	count_tasks(s, &due, &done);
	count_client(g, s, due, done);
	count_client(&o->all, s, due, done);
	for (i = 0; i < s->ncourse; i++) {
		const char *name = s->course[i].instrument;

		if (set == NULL || (in = instr_find(set, name)) == NULL)
			continue;
		/* The current episode's course, as status gives it. */
		if (measure_change(s->emeas, name, in, &mc) == -1)
			return -1;
		if (mc.n < 2)
			continue;
		count_change(g, &mc);
		count_change(&o->all, &mc);
	}
	return 0;
}

static int
cmp_group(const void *a, const void *b)
{
	return strcmp(((const struct out_group *)a)->key,
	    ((const struct out_group *)b)->key);
}

static int
cmp_instr(const void *a, const void *b)
{
	return strcmp(((const struct out_instr *)a)->name,
	    ((const struct out_instr *)b)->name);
}

void
outcomes_sort(struct outcomes *o)
{
	size_t i;

	if (o->ng > 1)
		qsort(o->g, o->ng, sizeof(*o->g), cmp_group);
	for (i = 0; i < o->ng; i++)
		if (o->g[i].nin > 1)
			qsort(o->g[i].in, o->g[i].nin, sizeof(*o->g[i].in),
			    cmp_instr);
	if (o->all.nin > 1)
		qsort(o->all.in, o->all.nin, sizeof(*o->all.in), cmp_instr);
}

static void
group_free(struct out_group *g)
{
	size_t i;

	for (i = 0; i < g->nin; i++)
		free(g->in[i].name);
	free(g->in);
	free(g->key);
}

void
outcomes_free(struct outcomes *o)
{
	size_t i;

	for (i = 0; i < o->ng; i++)
		group_free(&o->g[i]);
	free(o->g);
	group_free(&o->all);
	memset(o, 0, sizeof(*o));
}
