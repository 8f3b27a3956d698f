/*
 * instrument.c: load instrument definitions, and score administrations.
 *
 * A definition is checked as a whole when it is loaded: every key is
 * known, every item has one range, the bands are in order and cover the
 * total's range without gap or overlap, and every threshold is a value the
 * total can take.  A mistake is refused with "FILE: [section] key: ...",
 * since a definition that loaded with a typo would score silently wrong.
 *
 * The text is read by ini_load() or ini_load_mem() (lib/ini.c, the one INI
 * reader), whose syntax errors name the line; a built-in definition was
 * read by ini_load() at build time (lib/defs/defsgen.c).  Either way
 * instr_from_ini() checks what was read, by the same rules.
 *
 * Scoring uses integers only.  A sum is exact; a mean is an exact fraction
 * rounded once to the instrument's decimals (half away from zero).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defs.h"
#include "ini.h"
#include "instrument.h"
#include "util.h"

#define MAXNAME	32

static const char *const sections[] = { "instrument", "ranges", "subscales",
    "bands", "labels", NULL };
static const char *const keys[] = { "title", "items", "range", "total",
    "decimals", "scored", "reverse", "na", "risk", "direction", "response",
    "remission", "reliable_change", "rci_sd", "rci_reliability", "loinc",
    "rater", "period", "source", "licence", NULL };
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

static long
pow10l(int n)
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
static int
parse_fixed(const char *s, int dec, long lim, long *out)
{
	char ip[24];
	const char *p = s, *dot;
	long whole, frac = 0, scale = pow10l(dec);
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
		frac *= pow10l(dec - (int)nf);
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
static int
parse_span(const char *s, int dec, long *lo, long *hi)
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
	if (parse_fixed(a, dec, INSTR_MAXVALUE, lo) == -1 ||
	    parse_fixed(dash + 1, dec, INSTR_MAXVALUE, hi) == -1)
		return -1;
	return *lo <= *hi ? 0 : -1;
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

static int
parse_op(const char **pp, enum instr_op *op)
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

/* A LOINC code: 1-7 digits, '-', a Mod 10 check digit that matches. */
static int
loinc_ok(const char *s)
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
		if (strcmp(s->name, "instrument") != 0)
			continue;
		for (j = 0; j < s->n; j++)
			if (!in_list(keys, s->kv[j].key)) {
				join_list(keys, &b);
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
		if (parse_span(v, 0, &lo, &hi) == -1) {
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
		if (parse_span(kv->val, 0, &lo, &hi) == -1) {
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
		else
			in->item[i].na = mark[i];
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
		if (parse_op(&q, &op) == -1 || (op != OP_GE && op != OP_GT))
			return deferr(d, "instrument", "risk", "'%s': expected "
			    "ITEM >= VALUE or ITEM > VALUE", part);
		if (parse_fixed(q, 0, INSTR_MAXVALUE, &val) == -1)
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
		if (in->item[item - 1].na)
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
	in->scale = pow10l(in->decimals);

	for (i = 0; i < in->nitems; i++)
		in->item[i].scored = 1;
	if (get(d, "scored") != NULL) {
		if (in->method == TOTAL_SUBSCALE_MEAN)
			return deferr(d, "instrument", "scored", "the "
			    "subscales say which items are scored");
		if (read_flag_list(d, "scored", 1) == -1)
			return -1;
	}
	if (read_flag_list(d, "na", 2) == -1)
		return -1;
	for (i = 0; i < in->nitems; i++)
		if (in->item[i].na && in->method == TOTAL_SUM)
			return deferr(d, "instrument", "na", "a sum cannot "
			    "leave items out: use total = mean");
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
			in->tmin += it->min;
			in->tmax += it->max;
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
		if (parse_span(s->kv[j].val, in->decimals, &b->lo,
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
		if (parse_op(&p, &in->remission_op) == -1 ||
		    parse_fixed(p, in->decimals, INSTR_MAXVALUE,
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
		if (parse_fixed(v, in->decimals, INSTR_MAXVALUE,
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
		    parse_fixed(v, INSTR_MAXDEC, INSTR_MAXVALUE, &sd) == -1 ||
		    sd <= 0)
			return deferr(d, "instrument", "rci_sd", "must be a "
			    "positive number (the standard deviation) with at "
			    "most %d decimals", INSTR_MAXDEC);
		if ((v = get(d, "rci_reliability")) == NULL ||
		    parse_fixed(v, INSTR_MAXDEC, 1, &r) == -1 || r <= 0 ||
		    r >= pow10l(INSTR_MAXDEC))
			return deferr(d, "instrument", "rci_reliability", "must "
			    "be a number between 0 and 1 (test-retest "
			    "reliability)");
		in->rci_sd = (double)sd / (double)pow10l(INSTR_MAXDEC);
		in->rci_r = (double)r / (double)pow10l(INSTR_MAXDEC);
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
	if (in->loinc != NULL && !loinc_ok(in->loinc)) {
		deferr(&d, "instrument", "loinc", "'%s' is not a LOINC code "
		    "(digits, '-', check digit) or its check digit is wrong",
		    in->loinc);
		goto bad;
	}
	if (read_ranges(&d) == -1 || read_flag_list(&d, "reverse", 0) == -1 ||
	    read_subscales(&d) == -1 || read_method(&d) == -1 ||
	    read_risk(&d) == -1 || read_bands(&d) == -1 ||
	    read_outcomes(&d) == -1 || read_labels(&d) == -1)
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

void
instr_free(struct instrument *in)
{
	size_t i;

	if (in == NULL)
		return;
	for (i = 0; i < in->nitems; i++)
		free(in->item[i].label);
	for (i = 0; i < in->nbands; i++)
		free(in->band[i].name);
	for (i = 0; i < in->nsub; i++) {
		free(in->sub[i].name);
		free(in->sub[i].item);
	}
	free(in->item);
	free(in->band);
	free(in->sub);
	free(in->name);
	free(in->file);
	free(in->title);
	free(in->rater);
	free(in->period);
	free(in->source);
	free(in->licence);
	free(in->loinc);
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

/* Add ROOT/instruments/NAME.ini, in name order. */
static int
load_practice(struct instr_set *set, const char *root)
{
	char *dir = path_join(root, "instruments"), **names = NULL, *path;
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
	for (i = 0; i < builtin_ndefs; i++) {
		const struct builtin_def *b = &builtin_defs[i];

		if (strcmp(b->kind, "instruments") != 0)
			continue;
		snprintf(file, sizeof(file), "built-in instruments/%s.ini",
		    b->name);
		/* Read at build time by ini_load() (lib/defs/defsgen.c). */
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
	return parse_fixed(s, in->decimals, INSTR_MAXVALUE, v);
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

/* num / den * scale, rounded half away from zero; den > 0. */
static long
round_div(long long num, long long den, long scale)
{
	long long n = num * scale;
	long long a = n < 0 ? -n : n;
	long long q = (2 * a + den) / (2 * den);

	return (long)(n < 0 ? -q : q);
}

static long long
gcd(long long a, long long b)
{
	if (a < 0)
		a = -a;
	while (b != 0) {
		long long t = a % b;

		a = b;
		b = t;
	}
	return a == 0 ? 1 : a;
}

static void
result_init(const struct instrument *in, struct instr_result *r)
{
	memset(r, 0, sizeof(*r));
	r->n = in->nitems;
	r->score = xcalloc(in->nitems, sizeof(*r->score));
	r->na = xcalloc(in->nitems, 1);
	r->positive = xcalloc(in->nitems, 1);
	r->sub = xcalloc(in->nsub, sizeof(*r->sub));
	r->sub_ok = xcalloc(in->nsub, 1);
}

void
instr_result_free(struct instr_result *r)
{
	free(r->score);
	free(r->na);
	free(r->positive);
	free(r->sub);
	free(r->sub_ok);
	free(r->items);
	memset(r, 0, sizeof(*r));
}

/*
 * A whole number as "%ld" writes it, appended to b: ipt check scores
 * every row of every measures.csv, and buf_printf() was most of that.
 */
static void
add_long(struct buf *b, long v)
{
	char d[24], *p = d + sizeof(d);
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(d + sizeof(d) - p));
}

/*
 * A score as parse_long() reads it: a fast path for 1 to 9 digits without
 * a leading zero (or "0"), parse_long() for anything else.
 */
static int
item_score(const char *s, long min, long max, long *out)
{
	long v = 0;
	size_t i;

	if (s[0] == '0' && s[1] != '\0')
		return parse_long(s, min, max, out);
	/* At most 10 digits are read: more could overflow v. */
	for (i = 0; i < 10 && s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + (s[i] - '0');
	if (i == 0 || i > 9 || s[i] != '\0')
		return parse_long(s, min, max, out);
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/*
 * From the item scores in r, work out subscales, total, band and risk.
 * seterr is ipt_seterr or ipt_setusage, for a total that has no value.
 */
static int
compute(const struct instrument *in, struct instr_result *r,
    int (*seterr)(const char *, ...))
{
	long long sum, num = 0, den = 1, g;
	size_t i, j, cnt;
	struct buf b = { 0 };

	r->has_items = 1;
	for (i = 0; i < in->nitems; i++) {
		if (i > 0)
			buf_addc(&b, ' ');
		if (r->na[i])
			buf_adds(&b, "NA");
		else
			add_long(&b, r->score[i]);
		if (in->item[i].risk && !r->na[i] &&
		    instr_op_holds(in->item[i].risk_op, r->score[i],
		    in->item[i].risk_value)) {
			r->positive[i] = 1;
			r->risk = 1;
		}
	}
	free(r->items);
	r->items = b.s;

	for (j = 0; j < in->nsub; j++) {
		const struct instr_subscale *s = &in->sub[j];

		for (i = 0, sum = 0, cnt = 0; i < s->n; i++)
			if (!r->na[s->item[i]]) {
				sum += r->score[s->item[i]];
				cnt++;
			}
		r->sub_ok[j] = cnt > 0;
		if (cnt == 0)
			continue;
		if (in->method == TOTAL_SUM)
			r->sub[j] = (long)sum;
		else
			r->sub[j] = round_div(sum, (long long)cnt, in->scale);
		if (in->method == TOTAL_SUBSCALE_MEAN) {
			/* num/den += sum/cnt, kept in lowest terms. */
			num = num * (long long)cnt + sum * den;
			den *= (long long)cnt;
			g = gcd(num, den);
			num /= g;
			den /= g;
		}
	}

	switch (in->method) {
	case TOTAL_SUM:
		for (i = 0, sum = 0; i < in->nitems; i++)
			if (in->item[i].scored)
				sum += r->score[i];
		r->total = (long)sum;
		break;
	case TOTAL_MEAN:
		for (i = 0, sum = 0, cnt = 0; i < in->nitems; i++)
			if (in->item[i].scored && !r->na[i]) {
				sum += r->score[i];
				cnt++;
			}
		if (cnt == 0)
			return seterr("%s: every scored item is NA, so there "
			    "is no score", in->name);
		r->total = round_div(sum, (long long)cnt, in->scale);
		break;
	case TOTAL_SUBSCALE_MEAN:
		for (j = 0; j < in->nsub; j++)
			if (!r->sub_ok[j])
				return seterr("%s: subscale %s has no rated "
				    "item, so there is no score", in->name,
				    in->sub[j].name);
		r->total = round_div(num, den * (long long)in->nsub,
		    in->scale);
		break;
	}
	r->band = instr_band(in, r->total);
	return 0;
}

static void
item_range(const struct instrument *in, size_t i, char *buf, size_t len)
{
	snprintf(buf, len, "%ld-%ld%s", in->item[i].min, in->item[i].max,
	    in->item[i].na ? " or NA" : "");
}

int
instr_score(const struct instrument *in, char *const *argv, size_t argc,
    int scored, struct instr_result *r)
{
	char rng[64];
	size_t i;
	long v;

	memset(r, 0, sizeof(*r));
	if (argc != in->nitems)
		return ipt_setusage("%s: %zu item%s expected, %zu given",
		    in->name, in->nitems, in->nitems == 1 ? "" : "s", argc);
	result_init(in, r);
	for (i = 0; i < argc; i++) {
		const struct instr_item *it = &in->item[i];
		const char *a = argv[i];

		item_range(in, i, rng, sizeof(rng));
		if (strcmp(a, "NA") == 0 || strcmp(a, "na") == 0) {
			if (!it->na) {
				ipt_setusage("%s: item %zu: NA is not allowed "
				    "(%s)", in->name, i + 1, rng);
				goto bad;
			}
			r->na[i] = 1;
			continue;
		}
		if (parse_long(a, LONG_MIN, LONG_MAX, &v) == -1) {
			ipt_setusage("%s: item %zu: '%s' is not a whole number "
			    "(%s)", in->name, i + 1, a, rng);
			goto bad;
		}
		if (v < it->min || v > it->max) {
			ipt_setusage("%s: item %zu: %ld is out of range %s",
			    in->name, i + 1, v, rng);
			goto bad;
		}
		r->score[i] = it->reverse && !scored ? it->min + it->max - v : v;
	}
	if (compute(in, r, ipt_setusage) == -1)
		goto bad;
	return 0;
bad:
	instr_result_free(r);
	return -1;
}

int
instr_score_items(const struct instrument *in, const char *items,
    struct instr_result *r)
{
	char tok[32];
	const char *p = items;
	size_t i = 0, len;
	long v;

	result_init(in, r);
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, " ");
		if (i == in->nitems) {
			ipt_seterr("%s: more than %zu items", in->name,
			    in->nitems);
			goto bad;
		}
		/* snprintf(tok, sizeof(tok), "%.*s", len, p), by hand. */
		memcpy(tok, p, len < sizeof(tok) ? len : sizeof(tok) - 1);
		tok[len < sizeof(tok) ? len : sizeof(tok) - 1] = '\0';
		p += len;
		if (strcmp(tok, "NA") == 0 && in->item[i].na) {
			r->na[i++] = 1;
			continue;
		}
		if (item_score(tok, in->item[i].min, in->item[i].max,
		    &v) == -1) {
			ipt_seterr("%s: item %zu: '%s' is not a score from "
			    "%ld to %ld%s", in->name, i + 1, tok,
			    in->item[i].min, in->item[i].max,
			    in->item[i].na ? " or NA" : "");
			goto bad;
		}
		r->score[i++] = v;
	}
	if (i != in->nitems) {
		ipt_seterr("%s: %zu items expected, %zu found", in->name,
		    in->nitems, i);
		goto bad;
	}
	if (compute(in, r, ipt_seterr) == -1)
		goto bad;
	return 0;
bad:
	instr_result_free(r);
	return -1;
}

int
instr_score_total(const struct instrument *in, const char *s,
    struct instr_result *r)
{
	char a[32], b[32];
	long v;

	memset(r, 0, sizeof(*r));
	instr_fmt(in, in->tmin, a, sizeof(a));
	instr_fmt(in, in->tmax, b, sizeof(b));
	if (instr_parse_value(in, s, &v) == -1) {
		if (in->decimals == 0)
			return ipt_setusage("%s: --total: '%s' is not a whole "
			    "number (%s-%s)", in->name, s, a, b);
		return ipt_setusage("%s: --total: '%s' is not a number with "
		    "at most %d decimals (%s-%s)", in->name, s, in->decimals,
		    a, b);
	}
	if (v < in->tmin || v > in->tmax)
		return ipt_setusage("%s: --total: %s is out of range %s-%s",
		    in->name, s, a, b);
	result_init(in, r);
	r->total = v;
	r->band = instr_band(in, v);
	r->items = xstrdup("");
	return 0;
}

static int
same_range(const struct instrument *in, size_t a, size_t b)
{
	return in->item[a].min == in->item[b].min &&
	    in->item[a].max == in->item[b].max;
}

void
instr_describe_ranges(const struct instrument *in, struct buf *b)
{
	unsigned char *done = xcalloc(in->nitems, 1);
	size_t i, j, k, groups = 0;
	int firstgroup = 1;

	for (i = 0; i < in->nitems; i++)
		if (!done[i]) {
			groups++;
			for (j = i; j < in->nitems; j++)
				if (same_range(in, i, j))
					done[j] = 1;
		}
	memset(done, 0, in->nitems);
	for (i = 0; i < in->nitems; i++) {
		if (done[i])
			continue;
		buf_printf(b, "%s%ld-%ld", firstgroup ? "" : ", ",
		    in->item[i].min, in->item[i].max);
		firstgroup = 0;
		if (groups == 1)
			break;
		buf_adds(b, " (items");
		for (j = i; j < in->nitems;) {
			if (!same_range(in, i, j)) {
				j++;
				continue;
			}
			for (k = j; k < in->nitems && same_range(in, i, k); k++)
				done[k] = 1;
			buf_printf(b, " %zu", j + 1);
			if (k - j > 1)
				buf_printf(b, "-%zu", k);
			j = k;
		}
		buf_addc(b, ')');
	}
	for (i = 0, k = 0; i < in->nitems; i++)
		k += in->item[i].na;
	if (k > 0)
		buf_printf(b, ", NA allowed on %zu item%s", k, k == 1 ? "" : "s");
	for (i = 0, k = 0; i < in->nitems; i++)
		k += in->item[i].reverse;
	if (k > 0) {
		buf_adds(b, ", reverse-scored:");
		for (i = 0; i < in->nitems; i++)
			if (in->item[i].reverse)
				buf_printf(b, " %zu", i + 1);
	}
	free(done);
}

void
instr_describe_bands(const struct instrument *in, struct buf *b)
{
	char lo[32], hi[32];
	size_t i;

	for (i = 0; i < in->nbands; i++) {
		instr_fmt(in, in->band[i].lo, lo, sizeof(lo));
		instr_fmt(in, in->band[i].hi, hi, sizeof(hi));
		buf_printf(b, "%s%s %s-%s", i > 0 ? ", " : "",
		    in->band[i].name, lo, hi);
	}
}

void
instr_describe_risk(const struct instrument *in, struct buf *b)
{
	size_t i;
	int first = 1;

	for (i = 0; i < in->nitems; i++)
		if (in->item[i].risk) {
			buf_printf(b, "%sitem %zu %s %ld", first ? "" : ", ",
			    i + 1, instr_op_name(in->item[i].risk_op),
			    in->item[i].risk_value);
			first = 0;
		}
}

static void
describe_positive(const struct instrument *in, const struct instr_result *r,
    int labels, struct buf *b)
{
	size_t i;
	int first = 1;

	for (i = 0; i < in->nitems && i < r->n; i++)
		if (r->positive[i]) {
			buf_printf(b, "%sitem %zu = %ld", first ? "" : ", ",
			    i + 1, r->score[i]);
			if (labels && in->item[i].label != NULL)
				buf_printf(b, " (%s)", in->item[i].label);
			first = 0;
		}
}

void
instr_describe_positive(const struct instrument *in,
    const struct instr_result *r, struct buf *b)
{
	describe_positive(in, r, 0, b);
}

void
instr_describe_positive_labelled(const struct instrument *in,
    const struct instr_result *r, struct buf *b)
{
	describe_positive(in, r, 1, b);
}
