/*
 * variant.c: IPT variants as data, loaded from INI definitions.
 *
 * A practice's definition is read with ini_load() (lib/ini.c, the one INI
 * reader: a syntax error is "FILE:LINE: ...") and then checked here key by
 * key; a built-in one was read by ini_load() at build time
 * (lib/defs/defsgen.c) and is checked by the same code.  A bad value or
 * an unknown section or key is refused with "FILE: [section] key: ...",
 * so that a typo in a practice's file is never taken for a default.
 * Definitions are parsed once per (practice root, name) and kept in a
 * cache until variant_free_all().
 *
 * variant_plan.c applies a definition to a plan: phases, fidelity points,
 * areas, kinds, and when an instrument is due.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defs.h"
#include "ini.h"
#include "naming.h"
#include "record.h"
#include "trust.h"
#include "util.h"
#include "variant.h"

#define MAXSESSIONS	999

const char *const variant_phase_names[VARIANT_NPHASES + 1] = { "pregroup",
    "initial", "middle", "final", "extension", "maintenance", NULL };

/* Phases a definition may list; extension is only ever computed. */
static const char *const def_phases[] = { "pregroup", "initial", "middle",
    "final", "maintenance", NULL };

static const char *const variant_keys[] = { "title", "sessions",
    "frequency_days", "areas", "ages", NULL };
static const char *const fidelity_keys[] = { "focus_by_session",
    "inventory_min_people", "termination_notice", "risk_review_sessions",
    NULL };
static const char *const sections[] = { "variant", "phases",
    "phase_lengths", "kinds", "instruments", "fidelity", "tasks", NULL };

struct entry {
	char		*root;		/* NULL for the built-in set */
	struct variant	*v;
};

struct names {
	char		*root;
	char		**list;		/* NULL-terminated */
};

static struct entry	*cache;
static size_t		 ncache;
static struct names	*ncache_names;
static size_t		 nnames;

static int
same_root(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* A variant, area or instrument name: [a-z0-9][a-z0-9-]*, up to 64 bytes. */
static int
name_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 64)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			continue;
		if (i > 0 && c == '-')
			continue;
		return 0;
	}
	return 1;
}

static void
free_list(char **l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; l[i] != NULL; i++)
		free(l[i]);
	free(l);
}

static void
free_variant(struct variant *v)
{
	size_t i;

	if (v == NULL)
		return;
	free(v->name);
	free(v->file);
	free(v->title);
	free_list(v->areas);
	free_list(v->kinds);
	free(v->kind_uses);
	free(v->phases);
	for (i = 0; i < v->ninstruments; i++) {
		free(v->instruments[i].name);
		free(v->instruments[i].at);
		free(v->instruments[i].text);
	}
	free(v->instruments);
	for (i = 0; i < v->ntasks; i++)
		free(v->tasks[i].name);
	free(v->tasks);
	free(v);
}

void
variant_free_all(void)
{
	size_t i;

	for (i = 0; i < ncache; i++) {
		free(cache[i].root);
		free_variant(cache[i].v);
	}
	free(cache);
	cache = NULL;
	ncache = 0;
	for (i = 0; i < nnames; i++) {
		free(ncache_names[i].root);
		free_list(ncache_names[i].list);
	}
	free(ncache_names);
	ncache_names = NULL;
	nnames = 0;
}

static int
bad(const struct variant *v, const char *sec, const char *key,
    const char *fmt, ...) IPT_PRINTF(4, 5);

/* Refuse a definition: "FILE: [sec] key: why". */
static int
bad(const struct variant *v, const char *sec, const char *key,
    const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (key == NULL)
		return ipt_seterr("%s: [%s]: %s", v->file, sec, why);
	return ipt_seterr("%s: [%s] %s: %s", v->file, sec, key, why);
}

/*
 * Split a list of names separated by commas and/or blanks into a fresh
 * NULL-terminated array; -1 if a name is bad, repeated, or none is given.
 */
static int
parse_names(const struct variant *v, const char *sec, const char *key,
    const char *val, char ***out)
{
	char **l = NULL;
	size_t n = 0, i, len;
	const char *p = val;

	for (;;) {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, ", \t");
		if (!name_ok(p, len)) {
			free_list(l);
			return bad(v, sec, key, "'%.*s' is not a name of "
			    "lowercase letters, digits and '-'", (int)len, p);
		}
		for (i = 0; i < n; i++)
			if (strlen(l[i]) == len && memcmp(l[i], p, len) == 0) {
				free_list(l);
				return bad(v, sec, key, "'%.*s' is listed twice",
				    (int)len, p);
			}
		l = xreallocarray(l, n + 2, sizeof(*l));
		l[n++] = xstrndup(p, len);
		l[n] = NULL;
		p += len;
	}
	if (n == 0)
		return bad(v, sec, key, "lists no names");
	*out = l;
	return 0;
}

static int
get_long(const struct variant *v, const char *sec, const char *key,
    const char *val, long min, long max, long *out)
{
	if (parse_long(val, min, max, out) == -1)
		return bad(v, sec, key, "'%s' is not a whole number from %ld "
		    "to %ld", val, min, max);
	return 0;
}

/* "A-B" or "A", with optional blanks around the dash. */
static int
parse_range(const char *s, long max, long *a, long *b)
{
	char buf[64], *dash, *p, *q;
	size_t n = strlen(s);

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n + 1);
	if ((dash = strchr(buf, '-')) == NULL) {
		if (parse_long(buf, 1, max, a) == -1)
			return -1;
		*b = *a;
		return 0;
	}
	*dash = '\0';
	for (q = dash; q > buf && (q[-1] == ' ' || q[-1] == '\t'); q--)
		q[-1] = '\0';
	for (p = dash + 1; *p == ' ' || *p == '\t'; p++)
		;
	if (parse_long(buf, 1, max, a) == -1 || parse_long(p, 1, max, b) == -1)
		return -1;
	return *a <= *b ? 0 : -1;
}

static int
check_keys(const struct variant *v, const struct ini_sec *s,
    const char *const *keys)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (rec_lookup(keys, s->kv[i].key) == -1)
			return bad(v, s->name, s->kv[i].key, "unknown key "
			    "(known: %s)", rec_names(keys));
	return 0;
}

static int
parse_variant(struct variant *v, const struct ini *ini)
{
	const struct ini_sec *s;
	const char *val;

	if ((s = ini_section(ini, "variant")) == NULL)
		return ipt_seterr("%s: no [variant] section", v->file);
	if (check_keys(v, s, variant_keys) == -1)
		return -1;
	if ((val = ini_get(ini, "variant", "title")) == NULL || *val == '\0')
		return bad(v, "variant", "title", "is required");
	v->title = xstrdup(val);
	if ((val = ini_get(ini, "variant", "sessions")) == NULL)
		return bad(v, "variant", "sessions", "is required");
	if (get_long(v, "variant", "sessions", val, 1, MAXSESSIONS,
	    &v->sessions) == -1)
		return -1;
	if ((val = ini_get(ini, "variant", "frequency_days")) == NULL)
		return bad(v, "variant", "frequency_days", "is required");
	if (get_long(v, "variant", "frequency_days", val, 1, 366,
	    &v->frequency) == -1)
		return -1;
	if ((val = ini_get(ini, "variant", "ages")) != NULL &&
	    parse_range(val, 120, &v->age_min, &v->age_max) == -1)
		return bad(v, "variant", "ages", "'%s' is not an age range "
		    "such as 12-18", val);
	if ((val = ini_get(ini, "variant", "areas")) == NULL)
		return bad(v, "variant", "areas", "is required");
	return parse_names(v, "variant", "areas", val, &v->areas);
}

/*
 * The phases must follow the order of def_phases and cover sessions 1 to
 * the planned count, each session in exactly one phase.
 */
static int
parse_phases(struct variant *v, const struct ini *ini)
{
	const struct ini_sec *s;
	long a, b, next = 1;
	int idx, last = -1;
	size_t i;

	if ((s = ini_section(ini, "phases")) == NULL || s->n == 0)
		return ipt_seterr("%s: no [phases] section: give the sessions "
		    "of each phase, such as initial = 1-4", v->file);
	v->phases = xcalloc(s->n, sizeof(*v->phases));
	for (i = 0; i < s->n; i++) {
		const char *key = s->kv[i].key, *val = s->kv[i].val;

		if ((idx = rec_lookup(def_phases, key)) == -1)
			return bad(v, "phases", key, "unknown phase (known: "
			    "%s)", rec_names(def_phases));
		if (idx <= last)
			return bad(v, "phases", key, "phases must be listed "
			    "in the order %s", rec_names(def_phases));
		last = idx;
		if (parse_range(val, MAXSESSIONS, &a, &b) == -1)
			return bad(v, "phases", key, "'%s' is not a session "
			    "number or range such as 5-12", val);
		if (a != next)
			return bad(v, "phases", key, "starts at session %ld; "
			    "the phase before it ends at %ld", a, next - 1);
		if (b > v->sessions)
			return bad(v, "phases", key, "ends at session %ld, past "
			    "the %ld sessions of [variant] sessions", b,
			    v->sessions);
		v->phases[v->nphases].name =
		    variant_phase_names[rec_lookup(variant_phase_names, key)];
		v->phases[v->nphases].first = a;
		v->phases[v->nphases].last = b;
		v->nphases++;
		next = b + 1;
	}
	if (next != v->sessions + 1)
		return bad(v, "phases", s->kv[s->n - 1].key, "ends at session "
		    "%ld, but [variant] sessions is %ld", next - 1,
		    v->sessions);
	return 0;
}

/*
 * [phase_lengths]: PHASE = MIN-MAX (or N), the sessions a phase of
 * [phases] keeps when a plan of another length scales them.  The
 * definition's own length must lie within, and some phase must be left
 * free to take the difference.
 */
static int
parse_lengths(struct variant *v, const struct ini *ini)
{
	const struct ini_sec *s;
	long a, b;
	size_t i, j, nfree;

	if ((s = ini_section(ini, "phase_lengths")) == NULL)
		return 0;
	for (i = 0; i < s->n; i++) {
		const char *key = s->kv[i].key, *val = s->kv[i].val;
		struct variant_phase *ph = NULL;

		for (j = 0; j < v->nphases; j++)
			if (strcmp(v->phases[j].name, key) == 0)
				ph = &v->phases[j];
		if (ph == NULL)
			return bad(v, "phase_lengths", key, "not a phase of "
			    "[phases]");
		if (parse_range(val, MAXSESSIONS, &a, &b) == -1)
			return bad(v, "phase_lengths", key, "'%s' is not a "
			    "number of sessions or a range such as 3-4", val);
		if (ph->last - ph->first + 1 < a ||
		    ph->last - ph->first + 1 > b)
			return bad(v, "phase_lengths", key, "%s: the phase has "
			    "%ld sessions in [phases]", val,
			    ph->last - ph->first + 1);
		ph->min = a;
		ph->max = b;
	}
	for (j = 0, nfree = 0; j < v->nphases; j++)
		nfree += v->phases[j].min == 0;
	if (s->n > 0 && nfree == 0)
		return bad(v, "phase_lengths", s->kv[s->n - 1].key, "every "
		    "phase has lengths: leave one to take what a plan of "
		    "another length adds or takes");
	return 0;
}

/* The [kinds] keys that list kinds, and the use each takes away. */
static const struct {
	const char	*key;
	int		 use;
} kind_lists[] = {
	{ "no_place", VK_PLACE },
	{ "no_self_reports", VK_SELF },
	{ "no_cadence", VK_CADENCE },
	{ NULL, 0 }
};

/* A list of kinds that do without a use: each among the allowed ones. */
static int
parse_kind_list(struct variant *v, const char *key, const char *val, int use)
{
	char **l;
	size_t i, j;

	if (parse_names(v, "kinds", key, val, &l) == -1)
		return -1;
	for (i = 0; l[i] != NULL; i++) {
		for (j = 0; v->kinds[j] != NULL; j++)
			if (strcmp(v->kinds[j], l[i]) == 0)
				break;
		if (v->kinds[j] == NULL) {
			bad(v, "kinds", key, "'%s' is not among the allowed "
			    "kinds (%s)", l[i],
			    rec_names((const char *const *)v->kinds));
			free_list(l);
			return -1;
		}
		v->kind_uses[j] &= ~use;
	}
	free_list(l);
	return 0;
}

static int
parse_kinds(struct variant *v, const struct ini *ini)
{
	const struct ini_sec *s;
	const char *val;
	size_t i, n;
	int idx, k;

	if ((s = ini_section(ini, "kinds")) == NULL ||
	    (val = ini_get(ini, "kinds", "allowed")) == NULL)
		return bad(v, "kinds", "allowed", "is required: the session "
		    "kinds this variant uses (%s)", rec_names(rec_kinds));
	if (parse_names(v, "kinds", "allowed", val, &v->kinds) == -1)
		return -1;
	for (i = 0; v->kinds[i] != NULL; i++)
		if (rec_lookup(rec_kinds, v->kinds[i]) == -1)
			return bad(v, "kinds", "allowed", "'%s' is not a "
			    "session kind (valid: %s)", v->kinds[i],
			    rec_names(rec_kinds));
	n = i;
	v->kind_uses = xcalloc(n, sizeof(*v->kind_uses));
	for (i = 0; i < n; i++)
		v->kind_uses[i] = VK_PLACE | VK_SELF | VK_CADENCE;
	v->default_kind = v->kinds[0];
	for (i = 0; i < s->n; i++) {
		const char *key = s->kv[i].key;
		const char **slot;
		size_t j;

		if (strcmp(key, "allowed") == 0)
			continue;
		for (k = 0; kind_lists[k].key != NULL; k++)
			if (strcmp(key, kind_lists[k].key) == 0)
				break;
		if (kind_lists[k].key != NULL) {
			if (parse_kind_list(v, key, s->kv[i].val,
			    kind_lists[k].use) == -1)
				return -1;
			continue;
		}
		if (strcmp(key, "default") == 0)
			slot = &v->default_kind;
		else if ((idx = rec_lookup(variant_phase_names, key)) != -1)
			slot = &v->phase_kinds[idx];
		else
			return bad(v, "kinds", key, "unknown key (known: "
			    "allowed, default, no_place, no_self_reports, "
			    "no_cadence and the phase names %s)",
			    rec_names(variant_phase_names));
		val = s->kv[i].val;
		for (j = 0; v->kinds[j] != NULL; j++)
			if (strcmp(v->kinds[j], val) == 0)
				break;
		if (v->kinds[j] == NULL)
			return bad(v, "kinds", key, "'%s' is not among the "
			    "allowed kinds (%s)", val,
			    rec_names((const char *const *)v->kinds));
		*slot = v->kinds[j];
	}
	return 0;
}

/*
 * The cadence in words, as messages show it: "every session", "every 4
 * sessions", "every week", "every 28 days", "at the 1st, 7th and 14th
 * sessions held",
 * whatever the spacing and number of the definition ("every 1 sessions").
 */
static char *
cadence_text(const struct variant_instrument *in, const char *unit, long n)
{
	struct buf b = { 0 };
	char o[NAMING_ORD];
	size_t i;

	if (in->cadence == CAD_AT) {
		/* Places in the plan, as naming.h words them. */
		buf_adds(&b, "at the ");
		for (i = 0; i < in->nat; i++)
			buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == in->nat ?
			    " and " : ", ", naming_ordinal(in->at[i], o));
		buf_adds(&b, in->nat == 1 ? " session held" :
		    " sessions held");
	} else if (n == 1)
		buf_printf(&b, "every %s", unit);
	else
		buf_printf(&b, "every %ld %ss", n, unit);
	return b.s;
}

/*
 * A cadence: "every N sessions", "every N days", "every N weeks" (the unit
 * may be singular, and "every session" means every 1 session), or "at
 * sessions N, M, ...".
 */
static int
parse_cadence(const struct variant *v, struct variant_instrument *in,
    const char *val)
{
	char *copy = xstrdup(val), *w[64], *p, *save = NULL;
	const char *unit = NULL;
	size_t nw = 0, i;
	long n = 1, count;
	int rc = -1;

	for (p = strtok_r(copy, " \t,", &save); p != NULL && nw < 64;
	    p = strtok_r(NULL, " \t,", &save))
		w[nw++] = p;
	if (p != NULL || nw < 2)
		goto bad;
	if (strcmp(w[0], "every") == 0) {
		i = 1;
		if (nw == 3) {
			if (parse_long(w[1], 1, 9999, &n) == -1)
				goto bad;
			i = 2;
		} else if (nw != 2)
			goto bad;
		count = n;
		if (strcmp(w[i], "session") == 0 ||
		    strcmp(w[i], "sessions") == 0) {
			in->cadence = CAD_SESSIONS;
			unit = "session";
		} else if (strcmp(w[i], "day") == 0 ||
		    strcmp(w[i], "days") == 0) {
			in->cadence = CAD_DAYS;
			unit = "day";
		} else if (strcmp(w[i], "week") == 0 ||
		    strcmp(w[i], "weeks") == 0) {
			in->cadence = CAD_DAYS;
			unit = "week";
			n *= 7;
		} else
			goto bad;
		in->every = n;
		free(in->text);
		in->text = cadence_text(in, unit, count);
		rc = 0;
	} else if (strcmp(w[0], "at") == 0 && nw >= 3 &&
	    (strcmp(w[1], "session") == 0 || strcmp(w[1], "sessions") == 0)) {
		in->cadence = CAD_AT;
		in->at = xcalloc(nw - 2, sizeof(*in->at));
		for (i = 2; i < nw; i++) {
			if (parse_long(w[i], 1, MAXSESSIONS, &n) == -1)
				goto bad;
			if (in->nat > 0 && n <= in->at[in->nat - 1]) {
				bad(v, "instruments", in->name, "the sessions "
				    "of '%s' must be in ascending order", val);
				goto out;
			}
			in->at[in->nat++] = n;
		}
		free(in->text);
		in->text = cadence_text(in, NULL, 0);
		rc = 0;
	}
bad:
	if (rc == -1)
		bad(v, "instruments", in->name, "'%s' is not a cadence (every "
		    "N sessions, every N days, every N weeks, or at sessions "
		    "N, M, ...)", val);
out:
	free(copy);
	return rc;
}

static int
parse_instruments(struct variant *v, const struct ini *ini)
{
	const struct ini_sec *s;
	size_t i;

	if ((s = ini_section(ini, "instruments")) == NULL || s->n == 0)
		return 0;
	v->instruments = xcalloc(s->n, sizeof(*v->instruments));
	for (i = 0; i < s->n; i++) {
		struct variant_instrument *in = &v->instruments[i];
		const char *key = s->kv[i].key;

		if (!name_ok(key, strlen(key)))
			return bad(v, "instruments", key, "not an instrument "
			    "name of lowercase letters, digits and '-'");
		in->name = xstrdup(key);
		in->text = xstrdup(s->kv[i].val);
		v->ninstruments++;
		if (parse_cadence(v, in, s->kv[i].val) == -1)
			return -1;
	}
	return 0;
}

/*
 * [tasks]: PHASE = TASK, TASK ...; a task is a session technique
 * (record.h), or alternatives "a|b", any one of which does it.
 */
static int
parse_tasks(struct variant *v, const struct ini *ini)
{
	const struct ini_sec *s;
	const char *key, *p, *q, *alt;
	size_t i, k, len, alen;
	char tech[64];

	if ((s = ini_section(ini, "tasks")) == NULL)
		return 0;
	for (i = 0; i < s->n; i++) {
		key = s->kv[i].key;
		for (k = 0; k < v->nphases; k++)
			if (strcmp(v->phases[k].name, key) == 0)
				break;
		if (k == v->nphases)
			return bad(v, "tasks", key, "not a phase of [phases]");
		for (p = s->kv[i].val; *p != '\0'; p = q) {
			p += strspn(p, " ,");
			if (*p == '\0')
				break;
			len = strcspn(p, " ,");
			q = p + len;
			for (alt = p; alt < q; alt += alen + 1) {
				alen = strcspn(alt, "|");
				if (alt + alen > q)
					alen = (size_t)(q - alt);
				if (alen == 0 || alen >= sizeof(tech))
					return bad(v, "tasks", key, "an empty "
					    "or too long technique");
				memcpy(tech, alt, alen);
				tech[alen] = '\0';
				if (rec_lookup(rec_techniques, tech) == -1)
					return bad(v, "tasks", key, "'%s' is "
					    "not a session technique (%s)",
					    tech, rec_names(rec_techniques));
				if (alt + alen >= q)
					break;
			}
			v->tasks = xreallocarray(v->tasks, v->ntasks + 1,
			    sizeof(*v->tasks));
			v->tasks[v->ntasks].phase = v->phases[k].name;
			v->tasks[v->ntasks++].name = xstrndup(p, len);
		}
	}
	return 0;
}

static int
parse_fidelity(struct variant *v, const struct ini *ini)
{
	const struct ini_sec *s;
	const char *val;
	size_t i;

	/* Defaults: focus by the end of the initial phase, as in [S5]. */
	v->focus_by = 1;
	for (i = 0; i < v->nphases; i++)
		if (strcmp(v->phases[i].name, "initial") == 0)
			v->focus_by = v->phases[i].last;
	v->inventory_min = 1;
	v->termination_notice = v->sessions > 2 ? 2 : 0;
	v->risk_review = 1;
	if ((s = ini_section(ini, "fidelity")) == NULL)
		return 0;
	if (check_keys(v, s, fidelity_keys) == -1)
		return -1;
	if ((val = ini_get(ini, "fidelity", "focus_by_session")) != NULL &&
	    get_long(v, "fidelity", "focus_by_session", val, 1, v->sessions,
	    &v->focus_by) == -1)
		return -1;
	if ((val = ini_get(ini, "fidelity", "inventory_min_people")) != NULL &&
	    get_long(v, "fidelity", "inventory_min_people", val, 0, 100,
	    &v->inventory_min) == -1)
		return -1;
	if ((val = ini_get(ini, "fidelity", "termination_notice")) != NULL &&
	    get_long(v, "fidelity", "termination_notice", val, 0,
	    v->sessions - 1, &v->termination_notice) == -1)
		return -1;
	if ((val = ini_get(ini, "fidelity", "risk_review_sessions")) != NULL &&
	    get_long(v, "fidelity", "risk_review_sessions", val, 0, 100,
	    &v->risk_review) == -1)
		return -1;
	return 0;
}

static int
parse_def(struct variant *v, const struct ini *ini)
{
	size_t i;

	for (i = 0; i < ini->n; i++)
		if (rec_lookup(sections, ini->sec[i].name) == -1)
			return bad(v, ini->sec[i].name, NULL, "unknown section "
			    "(known: %s)", rec_names(sections));
	if (parse_variant(v, ini) == -1 || parse_phases(v, ini) == -1 ||
	    parse_lengths(v, ini) == -1 ||
	    parse_kinds(v, ini) == -1 || parse_instruments(v, ini) == -1 ||
	    parse_fidelity(v, ini) == -1 || parse_tasks(v, ini) == -1)
		return -1;
	return 0;
}

static const struct builtin_def *
builtin(const char *name)
{
	size_t i;

	for (i = 0; i < builtin_ndefs; i++)
		if (strcmp(builtin_defs[i].kind, "variants") == 0 &&
		    strcmp(builtin_defs[i].name, name) == 0)
			return &builtin_defs[i];
	return NULL;
}

/* Load a definition; *found is 0 when there is none of that name. */
static int
load(const char *root, const char *name, struct variant **out, int *found)
{
	const struct builtin_def *b;
	const struct ini *def;
	struct variant *v;
	struct ini ini;
	char *path = NULL;
	int rc;

	*found = 0;
	if (trust_root(root) == -1)
		return -1;
	if (trust_def_path(root, "variants", name, &path) == -1)
		return -1;
	memset(&ini, 0, sizeof(ini));
	if (path != NULL) {
		if (ini_load(&ini, path) == -1) {
			free(path);
			*found = 1;
			return -1;
		}
		def = &ini;
	} else {
		/* Read at build time by ini_load() (lib/defs/defsgen.c). */
		if ((b = builtin(name)) == NULL)
			return 0;
		path = xasprintf("built-in variants/%s.ini", name);
		def = &b->ini;
	}
	*found = 1;
	v = xcalloc(1, sizeof(*v));
	v->name = xstrdup(name);
	v->file = path;
	rc = parse_def(v, def);
	ini_free(&ini);
	if (rc == -1) {
		free_variant(v);
		return -1;
	}
	*out = v;
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
add_name(char ***l, size_t *n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strlen((*l)[i]) == len && memcmp((*l)[i], s, len) == 0)
			return;
	*l = xreallocarray(*l, *n + 2, sizeof(**l));
	(*l)[(*n)++] = xstrndup(s, len);
	(*l)[*n] = NULL;
}

int
variant_names(const char *root, const char *const **out)
{
	struct dirent *de;
	char **l = NULL, *dir;
	size_t n = 0, i, len;
	DIR *d;

	for (i = 0; i < nnames; i++)
		if (same_root(ncache_names[i].root, root)) {
			*out = (const char *const *)ncache_names[i].list;
			return 0;
		}
	for (i = 0; i < builtin_ndefs; i++)
		if (strcmp(builtin_defs[i].kind, "variants") == 0)
			add_name(&l, &n, builtin_defs[i].name,
			    strlen(builtin_defs[i].name));
	if (trust_root(root) == -1) {
		free_list(l);
		return -1;
	}
	if (root != NULL) {
		dir = path_join(root, "variants");
		if ((d = opendir(dir)) == NULL && errno != ENOENT) {
			ipt_seterrno("%s", dir);
			free(dir);
			free_list(l);
			return -1;
		}
		while (d != NULL && (de = readdir(d)) != NULL) {
			len = strlen(de->d_name);
			if (de->d_name[0] == '.' || len < 5 ||
			    strcmp(de->d_name + len - 4, ".ini") != 0)
				continue;
			if (!name_ok(de->d_name, len - 4)) {
				ipt_seterr("%s/%s: a variant name is lowercase "
				    "letters, digits and '-'", dir, de->d_name);
				closedir(d);
				free(dir);
				free_list(l);
				return -1;
			}
			add_name(&l, &n, de->d_name, len - 4);
		}
		if (d != NULL)
			closedir(d);
		free(dir);
	}
	if (n == 0)
		l = xcalloc(1, sizeof(*l));
	qsort(l, n, sizeof(*l), cmp_str);
	ncache_names = xreallocarray(ncache_names, nnames + 1,
	    sizeof(*ncache_names));
	ncache_names[nnames].root = root != NULL ? xstrdup(root) : NULL;
	ncache_names[nnames].list = l;
	nnames++;
	*out = (const char *const *)l;
	return 0;
}

int
variant_get(const char *root, const char *name, const struct variant **out)
{
	const char *const *names;
	struct variant *v = NULL;
	size_t i;
	int found = 0;

	for (i = 0; i < ncache; i++)
		if (same_root(cache[i].root, root) &&
		    strcmp(cache[i].v->name, name) == 0) {
			*out = cache[i].v;
			return 0;
		}
	if (name_ok(name, strlen(name)) && load(root, name, &v, &found) == -1)
		return -1;
	if (!found) {
		if (variant_names(root, &names) == -1)
			return -1;
		return ipt_setusage("unknown variant '%s' (valid: %s)", name,
		    rec_names(names));
	}
	cache = xreallocarray(cache, ncache + 1, sizeof(*cache));
	cache[ncache].root = root != NULL ? xstrdup(root) : NULL;
	cache[ncache].v = v;
	ncache++;
	*out = v;
	return 0;
}

int
variant_check_all(const char *root)
{
	const char *const *names;
	const struct variant *v;
	size_t i;

	if (variant_names(root, &names) == -1)
		return -1;
	for (i = 0; names[i] != NULL; i++)
		if (variant_get(root, names[i], &v) == -1)
			return -1;
	return 0;
}
