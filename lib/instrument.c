/*
 * instrument.c: the set of instruments, and the values they are written in.
 *
 * The built-in instruments come compiled in, already read (defs.h); a
 * practice adds or replaces one with ROOT/instruments/NAME.ini.  Each is
 * checked by instr_from_ini() (instrument_def.c), and scored by
 * instrument_score.c.  Here too are the fixed-point values that
 * definitions, --total and the printed scores share: instr_parse_fixed()
 * reads one and instr_fmt() writes one.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defs.h"
#include "ini.h"
#include "instrument.h"
#include "trust.h"
#include "util.h"

#define MAXNAME	32

long
instr_pow10(int n)
{
	long v = 1;

	while (n-- > 0)
		v *= 10;
	return v;
}

/*
 * Parse a decimal "[-]DIGITS[.DIGITS]" with at most dec digits after the
 * point, as an integer scaled by 10^dec.  No sign '+', no blanks, no
 * exponent; |value| must not exceed lim.
 */
int
instr_parse_fixed(const char *s, int dec, long lim, long *out)
{
	char ip[24];
	const char *p = s, *dot;
	long whole, frac = 0, scale = instr_pow10(dec);
	size_t n, i;
	int neg = 0;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	dot = strchr(p, '.');
	n = dot != NULL ? (size_t)(dot - p) : strlen(p);
	if (n == 0 || n >= sizeof(ip))
		return -1;
	memcpy(ip, p, n);
	ip[n] = '\0';
	if (ip[0] == '-' || parse_long(ip, 0, lim, &whole) == -1)
		return -1;
	if (dot != NULL) {
		const char *f = dot + 1;
		size_t nf = strlen(f);

		if (nf == 0 || (int)nf > dec)
			return -1;
		for (i = 0; i < nf; i++) {
			if (f[i] < '0' || f[i] > '9')
				return -1;
			frac = frac * 10 + (f[i] - '0');
		}
		frac *= instr_pow10(dec - (int)nf);
	}
	*out = whole * scale + frac;
	if (*out > lim * scale)
		return -1;
	if (neg) {
		if (*out == 0)
			return -1;	/* "-0" */
		*out = -*out;
	}
	return 0;
}

/* Split "LO-HI" into two fixed values; LO may be negative. */
int
instr_parse_span(const char *s, int dec, long *lo, long *hi)
{
	char a[48];
	const char *dash;
	size_t n;

	if (*s == '\0')
		return -1;	/* and s + 1 would be past the string */
	for (dash = s + 1; *dash != '\0' && *dash != '-'; dash++)
		;
	if (*dash != '-' || (n = (size_t)(dash - s)) >= sizeof(a))
		return -1;
	memcpy(a, s, n);
	a[n] = '\0';
	if (instr_parse_fixed(a, dec, INSTR_MAXVALUE, lo) == -1 ||
	    instr_parse_fixed(dash + 1, dec, INSTR_MAXVALUE, hi) == -1)
		return -1;
	return *lo <= *hi ? 0 : -1;
}

int
instr_parse_op(const char **pp, enum instr_op *op)
{
	const char *p = *pp;

	while (*p == ' ')
		p++;
	if (p[0] != '<' && p[0] != '>')
		return -1;
	if (p[1] == '=') {
		*op = p[0] == '<' ? OP_LE : OP_GE;
		p += 2;
	} else {
		*op = p[0] == '<' ? OP_LT : OP_GT;
		p++;
	}
	while (*p == ' ')
		p++;
	*pp = p;
	return 0;
}

const char *
instr_op_name(enum instr_op op)
{
	switch (op) {
	case OP_LT:
		return "<";
	case OP_LE:
		return "<=";
	case OP_GT:
		return ">";
	case OP_GE:
		return ">=";
	}
	return "?";
}

int
instr_op_holds(enum instr_op op, long v, long ref)
{
	switch (op) {
	case OP_LT:
		return v < ref;
	case OP_LE:
		return v <= ref;
	case OP_GT:
		return v > ref;
	case OP_GE:
		return v >= ref;
	}
	return 0;
}

const char *
instr_method_name(enum instr_method m)
{
	switch (m) {
	case TOTAL_SUM:
		return "sum";
	case TOTAL_MEAN:
		return "mean";
	case TOTAL_SUBSCALE_MEAN:
		return "subscale-mean";
	}
	return "?";
}

void
instr_free(struct instrument *in)
{
	size_t i;

	if (in == NULL)
		return;
	for (i = 0; i < in->nitems; i++)
		free(in->item[i].label);
	for (i = 0; i < in->nitems; i++)
		free(in->item[i].area);
	for (i = 0; i < in->nbands; i++)
		free(in->band[i].name);
	for (i = 0; i < in->nsub; i++) {
		free(in->sub[i].name);
		free(in->sub[i].item);
	}
	free(in->item);
	free(in->band);
	free(in->sub);
	if (in->crit != NULL) {
		free(in->crit->name);
		free(in->crit->sub);
		free(in->crit->need);
		free(in->crit);
	}
	free(in->name);
	free(in->file);
	free(in->title);
	free(in->rater);
	free(in->period);
	free(in->source);
	free(in->licence);
	free(in->loinc);
	free(in->loinc_panel);
	for (i = 0; in->loinc_item != NULL && i < in->nitems; i++)
		free(in->loinc_item[i]);
	free(in->loinc_item);
	for (i = 0; i < in->nanswers; i++)
		free(in->loinc_answer[i]);
	free(in->loinc_answer);
	free(in);
}

/* An instrument name: [a-z0-9][a-z0-9-]*, at most MAXNAME bytes. */
static int
name_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > MAXNAME)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || (i > 0 && s[i] == '-')))
			return 0;
	return 1;
}

static void
set_put(struct instr_set *set, struct instrument *in)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i]->name, in->name) == 0) {
			instr_free(set->v[i]);
			set->v[i] = in;
			return;
		}
	set->v = xreallocarray(set->v, set->n + 1, sizeof(*set->v));
	set->v[set->n++] = in;
}

static int
cmp_name(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;

	return strcmp(*x, *y);
}

static int
cmp_instr(const void *a, const void *b)
{
	const struct instrument *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/*
 * A practice's definition of a built-in instrument may add risk items but
 * not remove one or change its rule: each risk item of the built-in must
 * be a risk item of the same number, operator and value.  Otherwise a
 * file planted in instruments/ could silence PHQ-9 item 9.
 */
static int
keeps_risk(const struct instrument *builtin, const struct instrument *in,
    const char *path)
{
	char v[32];
	size_t i;

	for (i = 0; i < builtin->nitems; i++) {
		const struct instr_item *b = &builtin->item[i];

		if (!b->risk)
			continue;
		if (i < in->nitems && in->item[i].risk &&
		    in->item[i].risk_op == b->risk_op &&
		    in->item[i].risk_value == b->risk_value)
			continue;
		instr_fmt(builtin, b->risk_value, v, sizeof(v));
		return ipt_seterr("%s: [instrument] risk: the built-in %s has "
		    "the risk item \"%zu %s %s\", which a practice's "
		    "definition must keep: refused", path, builtin->name,
		    i + 1, instr_op_name(b->risk_op), v);
	}
	return 0;
}

/* Add ROOT/instruments/NAME.ini, in name order. */
static int
load_practice(struct instr_set *set, const char *root)
{
	char *dir = path_join(root, "instruments"), **names = NULL, *path;
	const struct instrument *old;
	struct instrument *in;
	struct dirent *de;
	size_t n = 0, i, len;
	DIR *dp;
	int rc = -1;

	if ((dp = opendir(dir)) == NULL) {
		if (errno == ENOENT) {
			free(dir);
			return 0;
		}
		ipt_seterrno("%s", dir);
		free(dir);
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 5 ||
		    strcmp(de->d_name + len - 4, ".ini") != 0)
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (n > 0)	/* qsort of NULL is undefined, even of 0 */
		qsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n; i++) {
		path = path_join(dir, names[i]);
		len = strlen(names[i]) - 4;
		names[i][len] = '\0';
		if (!name_ok(names[i], len)) {
			ipt_seterr("%s: an instrument's file name must be "
			    "NAME.ini, NAME of lowercase letters, digits and "
			    "'-' (at most %d)", path, MAXNAME);
			free(path);
			goto out;
		}
		in = instr_load_file(names[i], path);
		if (in != NULL && (old = instr_find(set, names[i])) != NULL &&
		    old->builtin && keeps_risk(old, in, path) == -1) {
			instr_free(in);
			in = NULL;
		}
		free(path);
		if (in == NULL)
			goto out;
		set_put(set, in);
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
	return rc;
}

int
instr_load_set(struct instr_set *set, const char *root)
{
	struct instrument *in;
	char file[128];
	size_t i;

	memset(set, 0, sizeof(*set));
	if (trust_root(root) == -1)
		return -1;
	for (i = 0; i < builtin_ndefs; i++) {
		const struct builtin_def *b = &builtin_defs[i];

		if (strcmp(b->kind, "instruments") != 0)
			continue;
		snprintf(file, sizeof(file), "built-in instruments/%s.ini",
		    b->name);
		if ((in = instr_from_ini(b->name, file, &b->ini)) == NULL) {
			instr_free_set(set);
			return -1;
		}
		in->builtin = 1;
		set_put(set, in);
	}
	if (root != NULL && load_practice(set, root) == -1) {
		instr_free_set(set);
		return -1;
	}
	qsort(set->v, set->n, sizeof(*set->v), cmp_instr);
	return 0;
}

const struct instrument *
instr_find(const struct instr_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i]->name, name) == 0)
			return set->v[i];
	return NULL;
}

const struct instrument *
instr_lookup(const struct instr_set *set, const char *name)
{
	const struct instrument *in;
	struct buf b = { 0 };
	size_t i;

	if ((in = instr_find(set, name)) != NULL)
		return in;
	for (i = 0; i < set->n; i++) {
		if (i > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, set->v[i]->name);
	}
	ipt_setusage("unknown instrument '%s' (known: %s)", name,
	    b.s != NULL ? b.s : "none");
	buf_free(&b);
	return NULL;
}

void
instr_free_set(struct instr_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		instr_free(set->v[i]);
	free(set->v);
	memset(set, 0, sizeof(*set));
}

void
instr_fmt(const struct instrument *in, long v, char *buf, size_t len)
{
	unsigned long a = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	if (in->decimals == 0)
		snprintf(buf, len, "%ld", v);
	else
		snprintf(buf, len, "%s%lu.%0*lu", v < 0 ? "-" : "",
		    a / (unsigned long)in->scale, in->decimals,
		    a % (unsigned long)in->scale);
}

int
instr_parse_value(const struct instrument *in, const char *s, long *v)
{
	return instr_parse_fixed(s, in->decimals, INSTR_MAXVALUE, v);
}

const char *
instr_band(const struct instrument *in, long total)
{
	size_t i;

	for (i = 0; i < in->nbands; i++)
		if (total >= in->band[i].lo && total <= in->band[i].hi)
			return in->band[i].name;
	return NULL;
}

double
instr_reliable_points(const struct instrument *in)
{
	if (in->reliable > 0)
		return (double)in->reliable / (double)in->scale;
	if (in->rci_sd > 0)
		return 1.96 * in->rci_sd * sqrt(2.0 * (1.0 - in->rci_r));
	return 0;
}
