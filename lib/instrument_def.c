/*
 * instrument_def.c: read and check one instrument definition.
 *
 * A definition is checked as a whole when it is loaded: every key is
 * known, every item has one range, the bands are in order and cover the
 * total's range without gap or overlap, and every threshold is a value the
 * total can take.  A mistake is refused with "FILE: [section] key: ...",
 * since a definition that loaded with a typo would score silently wrong.
 *
 * The INI text is read by ini_load() or ini_load_mem() (lib/ini.c, the one
 * INI reader), whose syntax errors name the line; a built-in definition
 * was read by ini_load() at build time (lib/defs/defsgen.c).  Either way
 * instr_from_ini() below checks what was read, so a built-in definition
 * and a practice's own are held to the same rules and the same messages.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ini.h"
#include "instrument.h"
#include "rhythm.h"
#include "util.h"

static const char *const sections[] = { "instrument", "ranges", "subscales",
    "bands", "labels", "loinc", "criterion", "rhythm", "areas", NULL };
static const char *const keys[] = { "title", "items", "range", "total",
    "decimals", "scored", "reverse", "na", "risk", "direction", "response",
    "remission", "reliable_change", "rci_sd", "rci_reliability", "loinc",
    "rater", "period", "source", "licence", "optional", "missing",
    "missing_max", NULL };
static const char *const crit_keys[] = { "name", "item", "require", NULL };
static const char *const raters[] = { "self", "clinician", "parent",
    "informant", NULL };

/* A definition being read: where it comes from, for messages. */
struct def {
	const char		*file;
	const struct ini	*ini;
	struct instrument	*in;
};

static int
in_list(const char *const *list, const char *s)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static void
join_list(const char *const *list, struct buf *b)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		buf_adds(b, list[i]);
	}
}

/* Record "FILE: [sec] key: message" and return -1. */
static int
deferr(const struct def *d, const char *sec, const char *key,
    const char *fmt, ...) IPT_PRINTF(4, 5);

static int
deferr(const struct def *d, const char *sec, const char *key,
    const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (key != NULL)
		return ipt_seterr("%s: [%s] %s: %s", d->file, sec, key, msg);
	return ipt_seterr("%s: [%s]: %s", d->file, sec, msg);
}

/*
 * Parse an item list "3 5-10" (blanks or commas between the parts) into
 * mark[], which must be zero on entry.  Returns the number of items, or -1
 * after an error naming sec and key.
 */
static int
parse_items(const struct def *d, const char *sec, const char *key,
    const char *s, unsigned char *mark)
{
	char tok[32], *dash;
	const char *p = s;
	long a, b, i, n = (long)d->in->nitems;
	size_t len;
	int count = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, " \t,");
		if (len >= sizeof(tok))
			return deferr(d, sec, key, "'%.*s' is not an item "
			    "number or range", (int)len, p);
		memcpy(tok, p, len);
		tok[len] = '\0';
		p += len;
		if ((dash = strchr(tok, '-')) != NULL)
			*dash = '\0';
		if (parse_long(tok, 1, n, &a) == -1 ||
		    (dash != NULL ? parse_long(dash + 1, a, n, &b) : (b = a, 0))
		    == -1) {
			if (dash != NULL)
				*dash = '-';
			return deferr(d, sec, key, "'%s' is not an item "
			    "number or range from 1 to %ld", tok, n);
		}
		for (i = a; i <= b; i++) {
			if (mark[i - 1])
				return deferr(d, sec, key, "item %ld is "
				    "listed twice", i);
			mark[i - 1] = 1;
			count++;
		}
	}
	if (count == 0)
		return deferr(d, sec, key, "no item listed");
	return count;
}

/* A LOINC code: 1-7 digits, '-', a Mod 10 check digit that matches. */
int
loinc_code_ok(const char *s)
{
	const char *dash = strchr(s, '-');
	size_t n, i;
	int sum = 0, dbl = 1;

	if (dash == NULL || (n = (size_t)(dash - s)) == 0 || n > 7 ||
	    dash[1] < '0' || dash[1] > '9' || dash[2] != '\0')
		return 0;
	for (i = n; i-- > 0;) {
		int c;

		if (s[i] < '0' || s[i] > '9')
			return 0;
		c = s[i] - '0';
		if (dbl && (c *= 2) > 9)
			c -= 9;
		sum += c;
		dbl = !dbl;
	}
	return (10 - sum % 10) % 10 == dash[1] - '0';
}

/*
 * A LOINC answer code: "LA", 1-7 digits, '-', one digit.  (Their check
 * digit is not the Mod 10 of the digits alone: it is not checked.)
 */
int
loinc_answer_ok(const char *s)
{
	size_t n;

	if (strncmp(s, "LA", 2) != 0)
		return 0;
	n = strspn(s + 2, "0123456789");
	return n >= 1 && n <= 7 && s[2 + n] == '-' && s[3 + n] >= '0' &&
	    s[3 + n] <= '9' && s[4 + n] == '\0';
}

static const char *
get(const struct def *d, const char *key)
{
	return ini_get(d->ini, "instrument", key);
}

static int
need_text(const struct def *d, const char *key, char **out, int required)
{
	const char *v = get(d, key);

	if (v == NULL || *v == '\0') {
		if (required)
			return deferr(d, "instrument", key, "is required");
		*out = NULL;
		return 0;
	}
	*out = xstrdup(v);
	return 0;
}

static int
check_names(const struct def *d)
{
	const struct ini *ini = d->ini;
	struct buf b = { 0 };
	size_t i, j;
	int rc = 0;

	for (i = 0; i < ini->n && rc == 0; i++) {
		const struct ini_sec *s = &ini->sec[i];

		if (!in_list(sections, s->name)) {
			join_list(sections, &b);
			rc = deferr(d, s->name, NULL, "unknown section "
			    "(known: %s)", b.s);
			break;
		}
		if (strcmp(s->name, "instrument") != 0 &&
		    strcmp(s->name, "criterion") != 0)
			continue;
		for (j = 0; j < s->n; j++)
			if (!in_list(*s->name == 'i' ? keys : crit_keys,
			    s->kv[j].key)) {
				join_list(*s->name == 'i' ? keys : crit_keys,
				    &b);
				rc = deferr(d, s->name, s->kv[j].key,
				    "unknown key (known: %s)", b.s);
				break;
			}
	}
	buf_free(&b);
	if (rc == 0 && ini_section(ini, "instrument") == NULL)
		return ipt_seterr("%s: no [instrument] section", d->file);
	return rc;
}

/* Item ranges: the default range, then [ranges] (ITEMS = MIN-MAX). */
static int
read_ranges(const struct def *d)
{
	struct instrument *in = d->in;
	const struct ini_sec *s = ini_section(d->ini, "ranges");
	const char *v = get(d, "range");
	unsigned char *set, *mark;
	long lo, hi;
	size_t i, j;
	int rc = -1;

	set = xcalloc(in->nitems, 1);
	mark = xcalloc(in->nitems, 1);
	if (v != NULL) {
		if (instr_parse_span(v, 0, &lo, &hi) == -1) {
			deferr(d, "instrument", "range", "'%s' is not "
			    "MIN-MAX, two whole numbers", v);
			goto out;
		}
		for (i = 0; i < in->nitems; i++) {
			in->item[i].min = lo;
			in->item[i].max = hi;
			set[i] = 1;
		}
	}
	for (j = 0; s != NULL && j < s->n; j++) {
		const struct ini_kv *kv = &s->kv[j];

		memset(mark, 0, in->nitems);
		if (parse_items(d, "ranges", kv->key, kv->key, mark) == -1)
			goto out;
		if (instr_parse_span(kv->val, 0, &lo, &hi) == -1) {
			deferr(d, "ranges", kv->key, "'%s' is not MIN-MAX, "
			    "two whole numbers", kv->val);
			goto out;
		}
		for (i = 0; i < in->nitems; i++) {
			if (!mark[i])
				continue;
			if (set[i] == 2) {
				deferr(d, "ranges", kv->key, "item %zu has "
				    "a range already", i + 1);
				goto out;
			}
			in->item[i].min = lo;
			in->item[i].max = hi;
			set[i] = 2;
		}
	}
	for (i = 0; i < in->nitems; i++)
		if (!set[i]) {
			deferr(d, "instrument", "range", "item %zu has no "
			    "range: give range, or list it in [ranges]", i + 1);
			goto out;
		}
	rc = 0;
out:
	free(set);
	free(mark);
	return rc;
}

/* An item-list key of [instrument] setting one flag of each item. */
static int
read_flag_list(const struct def *d, const char *key, int which)
{
	struct instrument *in = d->in;
	const char *v = get(d, key);
	unsigned char *mark;
	size_t i;

	if (v == NULL || *v == '\0')
		return 0;
	mark = xcalloc(in->nitems, 1);
	if (parse_items(d, "instrument", key, v, mark) == -1) {
		free(mark);
		return -1;
	}
	for (i = 0; i < in->nitems; i++) {
		if (which == 0)
			in->item[i].reverse = mark[i];
		else if (which == 1)
			in->item[i].scored = mark[i];
		else if (which == 2)
			in->item[i].na = mark[i];
		else
			in->item[i].optional = mark[i];
	}
	free(mark);
	return 0;
}

/* risk = "ITEM OP VALUE, ...", e.g. "9 >= 1". */
static int
read_risk(const struct def *d)
{
	struct instrument *in = d->in;
	const char *v = get(d, "risk"), *p, *q;
	char part[64], num[24];
	enum instr_op op;
	long item, val;
	size_t len, k;

	if (v == NULL || *v == '\0')
		return 0;
	for (p = v; *p != '\0';) {
		len = strcspn(p, ",");
		if (len >= sizeof(part))
			return deferr(d, "instrument", "risk", "'%.*s' is not "
			    "ITEM OP VALUE", (int)len, p);
		memcpy(part, p, len);
		part[len] = '\0';
		p += len;
		if (*p == ',')
			p++;
		for (q = part; *q == ' '; q++)
			;
		for (k = 0; q[k] >= '0' && q[k] <= '9' && k < sizeof(num) - 1;
		    k++)
			num[k] = q[k];
		num[k] = '\0';
		q += k;
		if (parse_long(num, 1, (long)in->nitems, &item) == -1)
			return deferr(d, "instrument", "risk", "'%s': no item "
			    "number from 1 to %zu", part, in->nitems);
		if (instr_parse_op(&q, &op) == -1 || (op != OP_GE && op != OP_GT))
			return deferr(d, "instrument", "risk", "'%s': expected "
			    "ITEM >= VALUE or ITEM > VALUE", part);
		if (instr_parse_fixed(q, 0, INSTR_MAXVALUE, &val) == -1)
			return deferr(d, "instrument", "risk", "'%s': '%s' is "
			    "not a whole number", part, q);
		if (in->item[item - 1].risk)
			return deferr(d, "instrument", "risk", "item %ld is "
			    "listed twice", item);
		if (!instr_op_holds(op, in->item[item - 1].max, val) ||
		    instr_op_holds(op, in->item[item - 1].min, val))
			return deferr(d, "instrument", "risk", "item %ld %s "
			    "%ld: the threshold must split the item's range "
			    "%ld-%ld", item, instr_op_name(op), val,
			    in->item[item - 1].min, in->item[item - 1].max);
		if (in->item[item - 1].na && !in->item[item - 1].optional)
			return deferr(d, "instrument", "risk", "item %ld may "
			    "be NA, so it cannot be a risk item", item);
		in->item[item - 1].risk = 1;
		in->item[item - 1].risk_op = op;
		in->item[item - 1].risk_value = val;
	}
	return 0;
}

static int
read_subscales(const struct def *d)
{
	struct instrument *in = d->in;
	const struct ini_sec *s = ini_section(d->ini, "subscales");
	unsigned char *mark;
	size_t j, i, k;

	if (s == NULL || s->n == 0)
		return 0;
	in->sub = xcalloc(s->n, sizeof(*in->sub));
	mark = xcalloc(in->nitems, 1);
	for (j = 0; j < s->n; j++) {
		struct instr_subscale *sub = &in->sub[j];
		int n;

		memset(mark, 0, in->nitems);
		sub->name = xstrdup(s->kv[j].key);
		in->nsub = j + 1;
		if ((n = parse_items(d, "subscales", s->kv[j].key,
		    s->kv[j].val, mark)) == -1) {
			free(mark);
			return -1;
		}
		sub->item = xcalloc((size_t)n, sizeof(*sub->item));
		for (i = 0, k = 0; i < in->nitems; i++)
			if (mark[i])
				sub->item[k++] = i;
		sub->n = k;
	}
	free(mark);
	return 0;
}

/*
 * [criterion]: name = NAME, item = "OP VALUE" (when an item counts),
 * require = "SUBSCALE N, ..." (how many must count in each).
 */
static int
read_criterion(const struct def *d)
{
	struct instrument *in = d->in;
	const struct ini_sec *s = ini_section(d->ini, "criterion");
	struct instr_criterion *c;
	const char *v, *p;
	char part[128], *sp;
	size_t j, k, len;
	long need;

	if (s == NULL)
		return 0;
	c = in->crit = xcalloc(1, sizeof(*c));
	if ((v = ini_get(d->ini, "criterion", "name")) == NULL || *v == '\0')
		return deferr(d, "criterion", "name", "is required");
	for (p = v; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (*p == '-' && p != v)) || p - v >= 40)
			return deferr(d, "criterion", "name", "'%s' is not a "
			    "name (a-z, 0-9 and '-', at most 40)", v);
	c->name = xstrdup(v);
	if ((v = ini_get(d->ini, "criterion", "item")) == NULL)
		return deferr(d, "criterion", "item", "is required: when an "
		    "item counts, such as \">= 2\"");
	p = v;
	if (instr_parse_op(&p, &c->op) == -1 ||
	    instr_parse_fixed(p, 0, INSTR_MAXVALUE, &c->value) == -1)
		return deferr(d, "criterion", "item", "'%s' is not OP VALUE, "
		    "such as \">= 2\"", v);
	if ((v = ini_get(d->ini, "criterion", "require")) == NULL ||
	    *v == '\0')
		return deferr(d, "criterion", "require", "is required: "
		    "\"SUBSCALE N, ...\"");
	if (in->nsub == 0)
		return deferr(d, "criterion", "require", "the instrument has "
		    "no [subscales]");
	c->sub = xcalloc(in->nsub, sizeof(*c->sub));
	c->need = xcalloc(in->nsub, sizeof(*c->need));
	for (p = v; *p != '\0';) {
		len = strcspn(p, ",");
		if (len >= sizeof(part))
			return deferr(d, "criterion", "require", "'%.*s' is "
			    "not SUBSCALE N", (int)len, p);
		memcpy(part, p, len);
		part[len] = '\0';
		p += len + (p[len] == ',');
		for (sp = part + len; sp > part && sp[-1] == ' '; sp--)
			sp[-1] = '\0';
		for (sp = part; *sp == ' '; sp++)
			;
		memmove(part, sp, strlen(sp) + 1);
		if ((sp = strrchr(part, ' ')) == NULL)
			return deferr(d, "criterion", "require", "'%s' is not "
			    "SUBSCALE N", part);
		*sp++ = '\0';
		for (j = 0; j < in->nsub; j++)
			if (strcmp(in->sub[j].name, part) == 0)
				break;
		if (j == in->nsub)
			return deferr(d, "criterion", "require", "'%s' is not "
			    "a subscale", part);
		for (k = 0; k < c->n; k++)
			if (c->sub[k] == j)
				return deferr(d, "criterion", "require", "'%s' "
				    "is listed twice", part);
		if (parse_long(sp, 1, (long)in->sub[j].n, &need) == -1)
			return deferr(d, "criterion", "require", "%s: '%s' is "
			    "not a number of items from 1 to %zu", part, sp,
			    in->sub[j].n);
		c->sub[c->n] = j;
		c->need[c->n++] = need;
	}
	if (c->n == 0)
		return deferr(d, "criterion", "require", "no subscale named");
	return 0;
}

/*
 * compute() sums the subscale means as one exact fraction, whose
 * denominator divides the product of the subscales' sizes; that product,
 * times what the numerator and the final rounding multiply it by, must
 * fit a long long (found by tests/fuzz/fuzz_instrument.c).
 */
static int
mean_exact(const struct instrument *in)
{
	long long lim = LLONG_MAX, m = 1, p = 1;
	size_t i;

	for (i = 0; i < in->nitems; i++) {
		if (labs(in->item[i].min) > m)
			m = labs(in->item[i].min);
		if (labs(in->item[i].max) > m)
			m = labs(in->item[i].max);
	}
	lim /= 2 * m * in->scale + 1;
	lim /= (long long)in->nsub + 1;
	for (i = 0; i < in->nsub; i++) {
		if (in->sub[i].n == 0 || p > lim / (long long)in->sub[i].n)
			return 0;
		p *= (long long)in->sub[i].n;
	}
	return 1;
}

/*
 * optional = ITEMS: supplementary questions (PHQ-A's two on suicide),
 * the last items, unscored; they may be NA or left out.
 */
static int
read_optional(const struct def *d)
{
	struct instrument *in = d->in;
	size_t i;

	if (read_flag_list(d, "optional", 3) == -1)
		return -1;
	for (i = 0; i < in->nitems; i++) {
		if (!in->item[i].optional) {
			if (in->noptional > 0)
				return deferr(d, "instrument", "optional",
				    "optional items must be the last ones: "
				    "item %zu follows one", i + 1);
			continue;
		}
		if (in->item[i].scored && get(d, "scored") != NULL)
			return deferr(d, "instrument", "optional", "item %zu "
			    "is scored: an optional item is not", i + 1);
		if (in->method == TOTAL_SUBSCALE_MEAN)
			return deferr(d, "instrument", "optional", "a "
			    "subscale-mean total cannot have optional items");
		in->item[i].scored = 0;
		in->item[i].na = 1;
		in->noptional++;
	}
	if (in->noptional == in->nitems)
		return deferr(d, "instrument", "optional", "every item is "
		    "optional");
	return 0;
}

/*
 * missing = prorate | leave-out, missing_max = N: how a sum treats a
 * scored item that is NA.  Without it a sum refuses NA.
 */
static int
read_missing(const struct def *d)
{
	struct instrument *in = d->in;
	const char *v = get(d, "missing"), *m = get(d, "missing_max");
	size_t i, nna = 0, nscored = 0;
	long max;

	for (i = 0; i < in->nitems; i++)
		if (in->item[i].scored) {
			nscored++;
			nna += in->item[i].na;
		}
	if (v == NULL || *v == '\0') {
		if (m != NULL)
			return deferr(d, "instrument", "missing_max", "needs "
			    "missing = prorate or leave-out");
		if (nna > 0 && in->method == TOTAL_SUM)
			return deferr(d, "instrument", "na", "a sum cannot "
			    "leave items out: set missing = prorate or "
			    "leave-out, or use total = mean");
		return 0;
	}
	if (in->method != TOTAL_SUM)
		return deferr(d, "instrument", "missing", "only a sum needs "
		    "it: a mean leaves NA items out");
	if (strcmp(v, "prorate") == 0)
		in->missing = MISSING_PRORATE;
	else if (strcmp(v, "leave-out") == 0)
		in->missing = MISSING_LEAVE_OUT;
	else
		return deferr(d, "instrument", "missing", "'%s' is not one "
		    "of: prorate, leave-out", v);
	if (nna == 0)
		return deferr(d, "instrument", "missing", "no scored item "
		    "may be NA: list them in na");
	in->missing_max = nna;
	if (m != NULL) {
		if (parse_long(m, 1, (long)nna, &max) == -1)
			return deferr(d, "instrument", "missing_max", "'%s' is "
			    "not a whole number from 1 to %zu (the scored "
			    "items that may be NA)", m, nna);
		in->missing_max = (size_t)max;
	}
	if (in->missing_max >= nscored)
		return deferr(d, "instrument", "missing_max", "at least one "
		    "scored item must be answered");
	return 0;
}

static int
read_method(const struct def *d)
{
	struct instrument *in = d->in;
	const char *v = get(d, "total");
	long dec;
	size_t i, j;

	if (v == NULL || strcmp(v, "sum") == 0)
		in->method = TOTAL_SUM;
	else if (strcmp(v, "mean") == 0)
		in->method = TOTAL_MEAN;
	else if (strcmp(v, "subscale-mean") == 0)
		in->method = TOTAL_SUBSCALE_MEAN;
	else
		return deferr(d, "instrument", "total", "'%s' is not one of: "
		    "sum, mean, subscale-mean", v);
	in->decimals = in->method == TOTAL_SUM ? 0 : 2;
	if ((v = get(d, "decimals")) != NULL) {
		if (parse_long(v, 0, INSTR_MAXDEC, &dec) == -1)
			return deferr(d, "instrument", "decimals", "'%s' is not "
			    "a whole number from 0 to %d", v, INSTR_MAXDEC);
		if (in->method == TOTAL_SUM && dec != 0)
			return deferr(d, "instrument", "decimals", "a sum is a "
			    "whole number: decimals must be 0");
		in->decimals = (int)dec;
	}
	in->scale = instr_pow10(in->decimals);

	for (i = 0; i < in->nitems; i++)
		in->item[i].scored = 1;
	if (get(d, "scored") != NULL) {
		if (in->method == TOTAL_SUBSCALE_MEAN)
			return deferr(d, "instrument", "scored", "the "
			    "subscales say which items are scored");
		if (read_flag_list(d, "scored", 1) == -1)
			return -1;
	}
	if (read_flag_list(d, "na", 2) == -1 || read_optional(d) == -1 ||
	    read_missing(d) == -1)
		return -1;
	if (in->method == TOTAL_SUBSCALE_MEAN) {
		if (in->nsub == 0)
			return deferr(d, "instrument", "total", "subscale-mean "
			    "needs a [subscales] section");
		for (i = 0; i < in->nitems; i++)
			in->item[i].scored = 0;
		for (j = 0; j < in->nsub; j++)
			for (i = 0; i < in->sub[j].n; i++)
				in->item[in->sub[j].item[i]].scored = 1;
	}

	/* The range of the total. */
	in->tmin = in->tmax = 0;
	for (i = 0, j = 0; i < in->nitems; i++) {
		const struct instr_item *it = &in->item[i];

		if (!it->scored)
			continue;
		if (in->method == TOTAL_SUM) {
			/* An item left out gives 0. */
			int out = it->na && in->missing == MISSING_LEAVE_OUT;

			in->tmin += out && it->min > 0 ? 0 : it->min;
			in->tmax += out && it->max < 0 ? 0 : it->max;
		} else {
			if (j == 0 || it->min * in->scale < in->tmin)
				in->tmin = it->min * in->scale;
			if (j == 0 || it->max * in->scale > in->tmax)
				in->tmax = it->max * in->scale;
		}
		j++;
	}
	if (j == 0)
		return deferr(d, "instrument", "scored", "no item is scored");
	if (in->tmin < -INSTR_MAXVALUE * in->scale ||
	    in->tmax > INSTR_MAXVALUE * in->scale)
		return deferr(d, "instrument", "items", "the total can "
		    "exceed %d", INSTR_MAXVALUE);
	if (in->method == TOTAL_SUBSCALE_MEAN && !mean_exact(in))
		return deferr(d, "subscales", NULL, "too many subscales of "
		    "different sizes: the mean of their means cannot be "
		    "computed exactly");
	return 0;
}

static int
read_bands(const struct def *d)
{
	struct instrument *in = d->in;
	const struct ini_sec *s = ini_section(d->ini, "bands");
	char lo[32], hi[32];
	size_t j;

	if (s == NULL || s->n == 0)
		return 0;
	in->band = xcalloc(s->n, sizeof(*in->band));
	for (j = 0; j < s->n; j++) {
		struct instr_band *b = &in->band[j];

		b->name = xstrdup(s->kv[j].key);
		in->nbands = j + 1;
		if (instr_parse_span(s->kv[j].val, in->decimals, &b->lo,
		    &b->hi) == -1)
			return deferr(d, "bands", b->name, "'%s' is not LOW-HIGH "
			    "with at most %d decimals", s->kv[j].val,
			    in->decimals);
		instr_fmt(in, j == 0 ? in->tmin : in->band[j - 1].hi + 1, lo,
		    sizeof(lo));
		if (j == 0 && b->lo != in->tmin)
			return deferr(d, "bands", b->name, "the first band "
			    "must start at the lowest total, %s", lo);
		if (j > 0 && b->lo != in->band[j - 1].hi + 1)
			return deferr(d, "bands", b->name, "must start at %s, "
			    "right after the band before it, so that no "
			    "score falls between bands", lo);
	}
	if (in->band[in->nbands - 1].hi != in->tmax) {
		instr_fmt(in, in->tmax, hi, sizeof(hi));
		return deferr(d, "bands", in->band[in->nbands - 1].name,
		    "the last band must end at the highest total, %s", hi);
	}
	return 0;
}

static int
read_outcomes(const struct def *d)
{
	struct instrument *in = d->in;
	const char *v, *p;
	char a[32], b[32];
	long n;

	if ((v = get(d, "direction")) == NULL)
		return deferr(d, "instrument", "direction", "is required: "
		    "lower or higher (the better end of the scale)");
	if (strcmp(v, "lower") == 0)
		in->higher_better = 0;
	else if (strcmp(v, "higher") == 0)
		in->higher_better = 1;
	else
		return deferr(d, "instrument", "direction", "'%s' is not "
		    "lower or higher", v);

	in->response_pct = in->higher_better ? 0 : 50;
	if ((v = get(d, "response")) != NULL) {
		size_t len = strlen(v);
		char num[16];

		if (strcmp(v, "none") == 0)
			in->response_pct = 0;
		else {
			if (len < 2 || len > sizeof(num) || v[len - 1] != '%')
				n = -1;
			else {
				memcpy(num, v, len - 1);
				num[len - 1] = '\0';
				if (parse_long(num, 1, 1000, &n) == -1)
					n = -1;
			}
			if (n == -1)
				return deferr(d, "instrument", "response", "'%s' "
				    "is not a percentage (such as 50%%) or none",
				    v);
			in->response_pct = n;
		}
	}

	if ((v = get(d, "remission")) != NULL && *v != '\0') {
		p = v;
		if (instr_parse_op(&p, &in->remission_op) == -1 ||
		    instr_parse_fixed(p, in->decimals, INSTR_MAXVALUE,
		    &in->remission_value) == -1)
			return deferr(d, "instrument", "remission", "'%s' is "
			    "not OP VALUE, such as \"< 5\" or \"<= 7\"", v);
		if (in->remission_value < in->tmin ||
		    in->remission_value > in->tmax) {
			instr_fmt(in, in->tmin, a, sizeof(a));
			instr_fmt(in, in->tmax, b, sizeof(b));
			return deferr(d, "instrument", "remission", "%s is "
			    "outside the total's range %s-%s", p, a, b);
		}
		in->has_remission = 1;
	}

	if ((v = get(d, "reliable_change")) != NULL && *v != '\0') {
		if (instr_parse_fixed(v, in->decimals, INSTR_MAXVALUE,
		    &in->reliable) == -1 || in->reliable <= 0)
			return deferr(d, "instrument", "reliable_change", "'%s' "
			    "is not a positive number of points with at most "
			    "%d decimals", v, in->decimals);
		if (get(d, "rci_sd") != NULL || get(d, "rci_reliability") !=
		    NULL)
			return deferr(d, "instrument", "reliable_change",
			    "give either reliable_change or rci_sd and "
			    "rci_reliability, not both");
	}
	if (get(d, "rci_sd") != NULL || get(d, "rci_reliability") != NULL) {
		long sd, r;

		if ((v = get(d, "rci_sd")) == NULL ||
		    instr_parse_fixed(v, INSTR_MAXDEC, INSTR_MAXVALUE, &sd) == -1 ||
		    sd <= 0)
			return deferr(d, "instrument", "rci_sd", "must be a "
			    "positive number (the standard deviation) with at "
			    "most %d decimals", INSTR_MAXDEC);
		if ((v = get(d, "rci_reliability")) == NULL ||
		    instr_parse_fixed(v, INSTR_MAXDEC, 1, &r) == -1 || r <= 0 ||
		    r >= instr_pow10(INSTR_MAXDEC))
			return deferr(d, "instrument", "rci_reliability", "must "
			    "be a number between 0 and 1 (test-retest "
			    "reliability)");
		in->rci_sd = (double)sd / (double)instr_pow10(INSTR_MAXDEC);
		in->rci_r = (double)r / (double)instr_pow10(INSTR_MAXDEC);
	}
	return 0;
}

static int
read_labels(const struct def *d)
{
	struct instrument *in = d->in;
	const struct ini_sec *s = ini_section(d->ini, "labels");
	size_t j;
	long i;

	for (j = 0; s != NULL && j < s->n; j++) {
		if (parse_long(s->kv[j].key, 1, (long)in->nitems, &i) == -1)
			return deferr(d, "labels", s->kv[j].key, "not an item "
			    "number from 1 to %zu", in->nitems);
		if (*s->kv[j].val != '\0')
			in->item[i - 1].label = xstrdup(s->kv[j].val);
	}
	return 0;
}

/*
 * [areas]: AREA = ITEM, the item that rates one problem area (an
 * instrument of the focus, such as the IPOS): an item of na, at most one
 * area an item, and the area a name ([a-z-]).
 */
static int
read_areas(const struct def *d)
{
	struct instrument *in = d->in;
	const struct ini_sec *s = ini_section(d->ini, "areas");
	const char *k;
	size_t j;
	long i;

	for (j = 0; s != NULL && j < s->n; j++) {
		k = s->kv[j].key;
		if (*k == '\0' || strspn(k, "abcdefghijklmnopqrstuvwxyz-") !=
		    strlen(k) || strlen(k) > 32)
			return deferr(d, "areas", k, "not a problem area's "
			    "name (a-z and '-')");
		if (parse_long(s->kv[j].val, 1, (long)in->nitems, &i) == -1)
			return deferr(d, "areas", k, "'%s' is not an item "
			    "number from 1 to %zu", s->kv[j].val, in->nitems);
		if (in->item[i - 1].area != NULL)
			return deferr(d, "areas", k, "item %ld rates %s "
			    "already", i, in->item[i - 1].area);
		if (!in->item[i - 1].na)
			return deferr(d, "areas", k, "item %ld must be one of "
			    "na: it is not asked when its area is not a "
			    "focus", i);
		in->item[i - 1].area = xstrdup(k);
	}
	return 0;
}

/*
 * [loinc]: panel = CODE, answers = "CODE ..." (one for each value of the
 * items' range, which every item must share), and ITEM = CODE for every
 * item or none.
 */
static int
read_loinc(const struct def *d)
{
	struct instrument *in = d->in;
	const struct ini_sec *s = ini_section(d->ini, "loinc");
	const char *k, *v;
	char *copy, *tok, *save;
	size_t j, nitem = 0, i;
	long n;

	for (j = 0; s != NULL && j < s->n; j++) {
		k = s->kv[j].key;
		v = s->kv[j].val;
		if (strcmp(k, "panel") == 0) {
			if (!loinc_code_ok(v))
				return deferr(d, "loinc", k, "'%s' is not a "
				    "LOINC code (digits, '-', check digit) or "
				    "its check digit is wrong", v);
			in->loinc_panel = xstrdup(v);
			continue;
		}
		if (strcmp(k, "answers") == 0) {
			for (i = 1; i < in->nitems; i++)
				if (in->item[i].min != in->item[0].min ||
				    in->item[i].max != in->item[0].max)
					return deferr(d, "loinc", k, "the "
					    "items do not share one range");
			copy = xstrdup(v);
			for (tok = strtok_r(copy, " ", &save); tok != NULL;
			    tok = strtok_r(NULL, " ", &save)) {
				if (!loinc_answer_ok(tok)) {
					deferr(d, "loinc", k, "'%s' is not a "
					    "LOINC answer code (LA, digits, "
					    "'-', digit)", tok);
					free(copy);
					return -1;
				}
				in->loinc_answer = xreallocarray(
				    in->loinc_answer, in->nanswers + 1,
				    sizeof(*in->loinc_answer));
				in->loinc_answer[in->nanswers++] =
				    xstrdup(tok);
			}
			free(copy);
			if ((long)in->nanswers != in->item[0].max -
			    in->item[0].min + 1)
				return deferr(d, "loinc", k, "%zu codes for "
				    "the %ld values %ld-%ld", in->nanswers,
				    in->item[0].max - in->item[0].min + 1,
				    in->item[0].min, in->item[0].max);
			continue;
		}
		if (parse_long(k, 1, (long)in->nitems, &n) == -1)
			return deferr(d, "loinc", k, "not panel, answers or an "
			    "item number from 1 to %zu", in->nitems);
		if (!loinc_code_ok(v))
			return deferr(d, "loinc", k, "'%s' is not a LOINC code "
			    "(digits, '-', check digit) or its check digit is "
			    "wrong", v);
		if (in->loinc_item == NULL)
			in->loinc_item = xcalloc(in->nitems,
			    sizeof(*in->loinc_item));
		in->loinc_item[n - 1] = xstrdup(v);
		nitem++;
	}
	if (nitem > 0 && nitem < in->nitems)
		return deferr(d, "loinc", NULL, "codes for %zu of the %zu "
		    "items: give every item's or none", nitem, in->nitems);
	return 0;
}

/*
 * [rhythm]: window = MINUTES (default 45), qualify = N (default 3).  The
 * items are hit counts: each from 0 to the days of the week, NA allowed,
 * and the total their mean (rhythm.h).
 */
static int
read_rhythm(const struct def *d)
{
	struct instrument *in = d->in;
	const struct ini_sec *s = ini_section(d->ini, "rhythm");
	const char *k, *v;
	long days = in->item[0].max;
	size_t i, j;

	if (s == NULL)
		return 0;
	for (i = 0; i < in->nitems; i++)
		if (in->item[i].min != 0 || in->item[i].max != days ||
		    !in->item[i].na || !in->item[i].scored)
			return deferr(d, "rhythm", NULL, "item %zu: the items "
			    "of a rhythm are hit counts: each scored, from 0 "
			    "to the days of the week, NA allowed", i + 1);
	if (days < 1 || days > RHYTHM_MAXDAYS)
		return deferr(d, "rhythm", NULL, "a week of %ld days (the "
		    "items' top score): from 1 to %d", days, RHYTHM_MAXDAYS);
	if (in->method != TOTAL_MEAN)
		return deferr(d, "rhythm", NULL, "the total of a rhythm is "
		    "the mean of its hits: total = mean");
	in->rhythm_window = 45;
	in->rhythm_qualify = 3;
	for (j = 0; j < s->n; j++) {
		k = s->kv[j].key;
		v = s->kv[j].val;
		if (strcmp(k, "window") == 0) {
			if (parse_long(v, 1, RHYTHM_DAY / 2,
			    &in->rhythm_window) == -1)
				return deferr(d, "rhythm", k, "'%s' is not a "
				    "number of minutes from 1 to %d", v,
				    RHYTHM_DAY / 2);
		} else if (strcmp(k, "qualify") == 0) {
			if (parse_long(v, 1, days, &in->rhythm_qualify) == -1)
				return deferr(d, "rhythm", k, "'%s' is not a "
				    "number of days from 1 to %ld", v, days);
		} else
			return deferr(d, "rhythm", k, "unknown key (known: "
			    "window, qualify)");
	}
	return 0;
}

struct instrument *
instr_from_ini(const char *name, const char *file, const struct ini *ini)
{
	struct instrument *in = xcalloc(1, sizeof(*in));
	struct def d = { file, ini, in };
	const char *v;
	long n;

	in->name = xstrdup(name);
	in->file = xstrdup(file);
	in->scale = 1;
	if (check_names(&d) == -1)
		goto bad;
	if ((v = get(&d, "items")) == NULL ||
	    parse_long(v, 1, INSTR_MAXITEMS, &n) == -1) {
		deferr(&d, "instrument", "items", "must be the number of items, "
		    "from 1 to %d", INSTR_MAXITEMS);
		goto bad;
	}
	in->nitems = (size_t)n;
	in->item = xcalloc(in->nitems, sizeof(*in->item));
	if (need_text(&d, "title", &in->title, 1) == -1 ||
	    need_text(&d, "source", &in->source, 1) == -1 ||
	    need_text(&d, "licence", &in->licence, 1) == -1 ||
	    need_text(&d, "period", &in->period, 0) == -1 ||
	    need_text(&d, "loinc", &in->loinc, 0) == -1 ||
	    need_text(&d, "rater", &in->rater, 0) == -1)
		goto bad;
	if (in->rater == NULL)
		in->rater = xstrdup("self");
	else if (!in_list(raters, in->rater)) {
		struct buf b = { 0 };

		join_list(raters, &b);
		deferr(&d, "instrument", "rater", "'%s' is not one of: %s",
		    in->rater, b.s);
		buf_free(&b);
		goto bad;
	}
	if (in->loinc != NULL && !loinc_code_ok(in->loinc)) {
		deferr(&d, "instrument", "loinc", "'%s' is not a LOINC code "
		    "(digits, '-', check digit) or its check digit is wrong",
		    in->loinc);
		goto bad;
	}
	if (read_ranges(&d) == -1 || read_flag_list(&d, "reverse", 0) == -1 ||
	    read_subscales(&d) == -1 || read_criterion(&d) == -1 ||
	    read_method(&d) == -1 ||
	    read_risk(&d) == -1 || read_bands(&d) == -1 ||
	    read_outcomes(&d) == -1 || read_labels(&d) == -1 ||
	    read_loinc(&d) == -1 || read_rhythm(&d) == -1 ||
	    read_areas(&d) == -1)
		goto bad;
	return in;
bad:
	instr_free(in);
	return NULL;
}

struct instrument *
instr_parse(const char *name, const char *file, const char *text, size_t len)
{
	struct instrument *in;
	struct ini ini;

	if (ini_load_mem(&ini, file, text, len) == -1)
		return NULL;
	in = instr_from_ini(name, file, &ini);
	ini_free(&ini);
	return in;
}

struct instrument *
instr_load_file(const char *name, const char *path)
{
	struct instrument *in;
	struct ini ini;

	if (ini_load(&ini, path) == -1)
		return NULL;
	in = instr_from_ini(name, path, &ini);
	ini_free(&ini);
	return in;
}
