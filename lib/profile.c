/*
 * profile.c: reading a certification profile (profile.h).
 */

#include <stdlib.h>
#include <string.h>

#include "defs.h"
#include "ini.h"
#include "profile.h"
#include "trust.h"
#include "util.h"

static const char *const sections[] = { "profile", "instruments",
    "records", NULL };
static const char *const profile_keys[] = { "title", "source", NULL };
static const char *const record_keys[] = { "inventory_min_people",
    "formulation", NULL };

static int
in_list(const char *const *l, const char *s)
{
	for (; *l != NULL; l++)
		if (strcmp(*l, s) == 0)
			return 1;
	return 0;
}

static int
bad(const struct profile *p, const char *sec, const char *key,
    const char *why)
{
	return ipt_seterr("%s: [%s] %s: %s", p->file, sec, key, why);
}

static int
parse(struct profile *p, const struct ini *ini)
{
	const struct ini_sec *s;
	const char *v;
	size_t i, j;
	long n;

	for (i = 0; i < ini->n; i++) {
		s = &ini->sec[i];
		if (!in_list(sections, s->name))
			return ipt_seterr("%s: [%s]: unknown section", p->file,
			    s->name);
		for (j = 0; j < s->n; j++) {
			if ((strcmp(s->name, "profile") == 0 &&
			    !in_list(profile_keys, s->kv[j].key)) ||
			    (strcmp(s->name, "records") == 0 &&
			    !in_list(record_keys, s->kv[j].key)))
				return bad(p, s->name, s->kv[j].key,
				    "unknown key");
		}
	}
	if ((v = ini_get(ini, "profile", "title")) == NULL || *v == '\0')
		return bad(p, "profile", "title", "required");
	p->title = xstrdup(v);
	if ((v = ini_get(ini, "profile", "source")) == NULL || *v == '\0')
		return bad(p, "profile", "source", "required: where the "
		    "requirements come from");
	p->source = xstrdup(v);
	if ((s = ini_section(ini, "instruments")) != NULL) {
		p->instr = xreallocarray(NULL, s->n + 1, sizeof(*p->instr));
		for (j = 0; j < s->n; j++) {
			if (!ini_name_ok(s->kv[j].key))
				return bad(p, "instruments", s->kv[j].key,
				    "not an instrument's name");
			if (parse_long(s->kv[j].val, 1, 100, &n) == -1)
				return bad(p, "instruments", s->kv[j].key,
				    "not a number of sessions from 1 to 100");
			p->instr[p->ninstr].name = xstrdup(s->kv[j].key);
			p->instr[p->ninstr++].every = n;
		}
	}
	if ((v = ini_get(ini, "records", "inventory_min_people")) != NULL &&
	    parse_long(v, 0, 100, &p->inventory_min) == -1)
		return bad(p, "records", "inventory_min_people", "not a "
		    "number from 0 to 100");
	if ((v = ini_get(ini, "records", "formulation")) != NULL) {
		if (strcmp(v, "yes") == 0)
			p->formulation = 1;
		else if (strcmp(v, "no") != 0)
			return bad(p, "records", "formulation", "yes or no");
	}
	return 0;
}

int
profile_load(const char *root, const char *name, struct profile *p)
{
	const struct ini *def = NULL;
	struct ini ini;
	char *path = NULL;
	size_t i;
	int rc;

	memset(p, 0, sizeof(*p));
	memset(&ini, 0, sizeof(ini));
	if (!ini_name_ok(name) || strchr(name, '/') != NULL)
		return ipt_setusage("--profile: '%s' is not a profile's name",
		    name);
	if (trust_root(root) == -1)
		return -1;
	if (trust_def_path(root, "profiles", name, &path) == -1)
		return -1;
	if (path != NULL) {
		if (ini_load(&ini, path) == -1) {
			free(path);
			return -1;
		}
		def = &ini;
	} else {
		for (i = 0; i < builtin_ndefs; i++)
			if (strcmp(builtin_defs[i].kind, "profiles") == 0 &&
			    strcmp(builtin_defs[i].name, name) == 0)
				def = &builtin_defs[i].ini;
		if (def == NULL)
			return ipt_setusage("--profile: no profile '%s' (built "
			    "in: ipti-certification; a practice adds "
			    "profiles/%s.ini)", name, name);
		path = xasprintf("built-in profiles/%s.ini", name);
	}
	p->name = xstrdup(name);
	p->file = path;
	rc = parse(p, def);
	ini_free(&ini);
	if (rc == -1)
		profile_free(p);
	return rc;
}

void
profile_free(struct profile *p)
{
	size_t i;

	for (i = 0; i < p->ninstr; i++)
		free(p->instr[i].name);
	free(p->instr);
	free(p->name);
	free(p->file);
	free(p->title);
	free(p->source);
	memset(p, 0, sizeof(*p));
}
