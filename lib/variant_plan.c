/*
 * variant_plan.c: a variant applied to a client's plan.
 *
 * The phase of each session, for a plan of the definition's length or of
 * another (the ends of the phases are scaled, see variant_phase() in
 * variant.h and plan_ends() below); the sessions by which the fidelity
 * checks expect the focus and the talk of termination; the problem areas
 * and session kinds a variant allows; and when an instrument is due.
 * variant.c loads and checks the definitions.
 */
#include <string.h>

#include "record.h"
#include "util.h"
#include "variant.h"

#define MAXPLAN		100000

static int
listed(char **l, const char *s)
{
	return rec_lookup((const char *const *)l, s) != -1;
}

long
variant_sessions(const struct variant *v)
{
	return v->sessions;
}

long
variant_frequency(const struct variant *v)
{
	return v->frequency;
}

static long
round_div(long a, long b)
{
	return (2 * a + b) / (2 * b);
}

static long
plan_length(const struct variant *v, long planned)
{
	if (planned <= 0)
		return v->sessions;
	return planned > MAXPLAN ? MAXPLAN : planned;
}

/*
 * Hold the phases with [phase_lengths] within their bounds, in a plan of
 * n sessions whose ends were scaled: each is clamped, then the phases
 * without bounds (the middle one, as a rule) take what the plan has more
 * or less, the longest first.  When they cannot take it all, the bounded
 * phases give or take within their bounds, then beyond them (a plan too
 * short for the minimums), but no phase goes below one session while the
 * plan has one for each; in a shorter one the last phases are empty.
 */
static void
hold_lengths(const struct variant *v, long n, long *ends)
{
	long len[VARIANT_NPHASES], d, prev = 0, give;
	size_t i, k = v->nphases, best;
	int bounded = 0, pass;

	for (i = 0; i < k; i++) {
		len[i] = ends[i] - prev;
		if (len[i] < 0)
			len[i] = 0;
		prev = ends[i] > prev ? ends[i] : prev;
		if (v->phases[i].min > 0) {
			bounded = 1;
			if (len[i] < v->phases[i].min)
				len[i] = v->phases[i].min;
			if (len[i] > v->phases[i].max)
				len[i] = v->phases[i].max;
		}
	}
	if (!bounded)
		return;
	for (i = 0, d = n; i < k; i++)
		d -= len[i];
	/*
	 * Pass 0: the free phases; 1: the bounded ones within their
	 * bounds; 2: any phase, down to one session; 3: down to none.
	 */
	for (pass = 0; pass < 4 && d != 0; pass++)
		for (;;) {
			best = k;
			for (i = 0; i < k; i++) {
				const struct variant_phase *ph = &v->phases[i];
				long room;

				if (pass == 0 && ph->min > 0)
					continue;
				if (d > 0)
					room = pass == 1 && ph->min > 0 ?
					    ph->max - len[i] : pass == 1 ? 0 :
					    d;
				else
					room = pass == 1 ? (ph->min > 0 ?
					    len[i] - ph->min : 0) : pass == 3 ?
					    len[i] : len[i] - 1;
				/* Down to none: the last phases first. */
				if (room > 0 && (best == k || pass == 3 ||
				    len[i] > len[best]))
					best = i;
			}
			if (best == k)
				break;
			if (d > 0) {
				give = pass == 1 ? v->phases[best].max -
				    len[best] : d;
				if (give > d)
					give = d;
				len[best] += give;
				d -= give;
			} else {
				give = pass == 1 ? len[best] -
				    v->phases[best].min : pass == 3 ?
				    len[best] : len[best] - 1;
				if (give > -d)
					give = -d;
				len[best] -= give;
				d += give;
			}
			if (d == 0)
				break;
		}
	for (i = 0, prev = 0; i < k; i++) {
		prev += len[i];
		ends[i] = prev;
	}
}

/*
 * The last session of each phase in a plan of n sessions.  A leading
 * pregroup phase keeps its length; the end of every other phase but the
 * last is scaled in proportion to the sessions after the pregroup phase,
 * rounded half up; the last phase ends with the plan.  Then each phase is
 * given at least one session, taken from its neighbours, as long as the
 * plan has as many sessions as phases (else the last phases are empty).
 */
static void
plan_ends(const struct variant *v, long n, long *ends)
{
	long p = v->sessions, fixed = 0, prev = 0, e, hi;
	size_t i, k = v->nphases, first = 0;

	if (n == p) {
		for (i = 0; i < k; i++)
			ends[i] = v->phases[i].last;
		return;
	}
	if (k > 1 && strcmp(v->phases[0].name, "pregroup") == 0) {
		fixed = v->phases[0].last;
		first = 1;
	}
	for (i = 0; i < k; i++) {
		if (i < first)
			e = fixed;
		else if (i == k - 1)
			e = n;
		else
			e = fixed + round_div((v->phases[i].last - fixed) *
			    (n - fixed), p - fixed);
		hi = n - (long)(k - 1 - i);
		if (e > hi)
			e = hi;
		if (e < prev + 1)
			e = prev + 1;
		if (e > n)
			e = n;
		ends[i] = e;
		prev = e;
	}
	hold_lengths(v, n, ends);
}

const char *
variant_phase(const struct variant *v, long planned, long number,
    const char *status)
{
	long ends[VARIANT_NPHASES], n = plan_length(v, planned), start = 1;
	size_t i;

	if (status != NULL && strcmp(status, "maintenance") == 0)
		return "maintenance";
	if (number < 1)
		return NULL;
	if (number > n) {
		if (strcmp(v->phases[v->nphases - 1].name, "maintenance") == 0)
			return "maintenance";
		return "extension";
	}
	plan_ends(v, n, ends);
	for (i = 0; i < v->nphases; i++) {
		if (number >= start && number <= ends[i])
			return v->phases[i].name;
		if (ends[i] >= start)
			start = ends[i] + 1;
	}
	return v->phases[v->nphases - 1].name;
}

int
variant_phase_range(const struct variant *v, long planned, const char *phase,
    long *first, long *last)
{
	long ends[VARIANT_NPHASES], n = plan_length(v, planned), start = 1;
	size_t i;

	plan_ends(v, n, ends);
	for (i = 0; i < v->nphases; i++) {
		if (strcmp(v->phases[i].name, phase) == 0) {
			if (ends[i] < start)
				return -1;
			*first = start;
			*last = ends[i];
			return 0;
		}
		if (ends[i] >= start)
			start = ends[i] + 1;
	}
	return -1;
}

int
variant_plan_ok(const struct variant *v, long planned)
{
	if (planned < (long)v->nphases)
		return ipt_setusage("--sessions: the %s variant has %zu phases "
		    "and needs at least %zu sessions", v->name, v->nphases,
		    v->nphases);
	return 0;
}

/*
 * Move a session number of the definition's plan to a plan of n: the end
 * of a phase, or the start of the next, stays the end or start of the
 * same phase; any other number is scaled like a phase end.
 */
static long
scale_point(const struct variant *v, long n, long x)
{
	long ends[VARIANT_NPHASES], p = v->sessions;
	size_t i;

	if (n == p)
		return x;
	plan_ends(v, n, ends);
	for (i = 0; i < v->nphases; i++) {
		if (x == v->phases[i].last)
			return ends[i];
		if (x == v->phases[i].last + 1 && i + 1 < v->nphases)
			return ends[i] + 1 > n ? n : ends[i] + 1;
	}
	x = round_div(x * n, p);
	return x < 1 ? 1 : x > n ? n : x;
}

long
variant_focus_by(const struct variant *v, long planned)
{
	return scale_point(v, plan_length(v, planned), v->focus_by);
}

long
variant_termination_by(const struct variant *v, long planned)
{
	long x;

	if (v->termination_notice == 0)
		return 0;
	x = v->sessions - v->termination_notice;
	x = scale_point(v, plan_length(v, planned), x < 1 ? 1 : x);
	return x < 1 ? 1 : x;
}

int
variant_age_ok(const struct variant *v, long age)
{
	return v->age_min == 0 || age < 0 ||
	    (age >= v->age_min && age <= v->age_max);
}

int
variant_area_ok(const struct variant *v, const char *area)
{
	if (area == NULL || !listed(v->areas, area))
		return ipt_setusage("'%s' is not a problem area of the %s "
		    "variant (valid: %s)", area != NULL ? area : "",
		    v->name, rec_names((const char *const *)v->areas));
	return 0;
}

int
variant_kind_ok(const struct variant *v, const char *kind)
{
	if (kind == NULL || !listed(v->kinds, kind))
		return ipt_setusage("'%s' is not a session kind of the %s "
		    "variant (valid: %s)", kind != NULL ? kind : "", v->name,
		    rec_names((const char *const *)v->kinds));
	return 0;
}

int
variant_kind_uses(const struct variant *v, const char *kind, int what)
{
	size_t i;

	if (kind != NULL && v->kind_uses != NULL)
		for (i = 0; v->kinds[i] != NULL; i++)
			if (strcmp(v->kinds[i], kind) == 0)
				return (v->kind_uses[i] & what) == what;
	return 1;
}

const char *
variant_default_kind(const struct variant *v, const char *phase)
{
	int i;

	if (phase != NULL &&
	    (i = rec_lookup(variant_phase_names, phase)) != -1) {
		if (v->phase_kinds[i] != NULL)
			return v->phase_kinds[i];
		if (strcmp(phase, "maintenance") == 0 &&
		    listed(v->kinds, "maintenance"))
			return "maintenance";
	}
	return v->default_kind;
}

const struct variant_instrument *
variant_instrument(const struct variant *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->ninstruments; i++)
		if (strcmp(v->instruments[i].name, name) == 0)
			return &v->instruments[i];
	return NULL;
}

int
variant_due(const struct variant *v, const struct variant_instrument *in,
    long number, long day, int given, long last_number, long last_day)
{
	size_t i;

	if (!given)
		return 1;
	switch (in->cadence) {
	case CAD_SESSIONS:
		if (last_number > 0)
			return number - last_number >= in->every;
		/* Given outside a session: count in planned intervals. */
		return day - last_day >= in->every * v->frequency;
	case CAD_DAYS:
		return day - last_day >= in->every;
	case CAD_AT:
		for (i = 0; i < in->nat; i++)
			if (in->at[i] <= number && in->at[i] > last_number)
				return 1;
		return 0;
	}
	return 0;
}
