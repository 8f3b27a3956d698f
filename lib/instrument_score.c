/*
 * instrument_score.c: score an administration of an instrument, and
 * describe instruments and results in words.
 *
 * Scoring uses integers only.  A sum is exact; a mean is an exact fraction
 * rounded once to the instrument's decimals (half away from zero), so that
 * the printed score, the stored score and the band it falls in agree.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instrument.h"
#include "util.h"

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
	r->crit = -1;
	if (in->crit != NULL)
		r->crit_count = xcalloc(in->crit->n, sizeof(*r->crit_count));
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
	free(r->crit_count);
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
 * The criterion of an administration: met when each subscale named has
 * its number of items that count; not known when NA items could decide.
 */
static void
criterion(const struct instrument *in, struct instr_result *r)
{
	const struct instr_criterion *c = in->crit;
	size_t k, i, nna;
	int met = 1, unknown = 0;

	if (c == NULL)
		return;
	for (k = 0; k < c->n; k++) {
		const struct instr_subscale *s = &in->sub[c->sub[k]];
		long cnt = 0;

		for (i = 0, nna = 0; i < s->n; i++) {
			if (r->na[s->item[i]])
				nna++;
			else if (instr_op_holds(c->op, r->score[s->item[i]],
			    c->value))
				cnt++;
		}
		r->crit_count[k] = cnt;
		if (cnt >= c->need[k])
			continue;
		if (cnt + (long)nna >= c->need[k])
			unknown = 1;
		else
			met = 0;
	}
	r->crit = !met ? 0 : unknown ? -1 : 1;
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
	size_t i, j, cnt, nitems = in->nitems;
	struct buf b = { 0 };

	r->has_items = 1;
	/*
	 * Optional items none of which was asked are not written; one
	 * asked, they all are (NA for the others), so that the column is
	 * either every item or every item but these, as the reader wants.
	 */
	for (i = in->nitems - in->noptional; i < in->nitems; i++)
		if (!r->na[i])
			break;
	if (i == in->nitems)
		nitems -= in->noptional;
	for (i = 0; i < in->nitems; i++) {
		if (i < nitems) {
			if (i > 0)
				buf_addc(&b, ' ');
			if (r->na[i])
				buf_adds(&b, "NA");
			else
				add_long(&b, r->score[i]);
		}
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
		for (i = 0, sum = 0, cnt = 0, j = 0; i < in->nitems; i++)
			if (in->item[i].scored) {
				j++;
				if (r->na[i])
					continue;
				sum += r->score[i];
				cnt++;
			}
		if (j - cnt > in->missing_max)
			return seterr("%s: %zu scored items are NA, at most "
			    "%zu may be, so there is no score", in->name,
			    j - cnt, in->missing_max);
		/* Prorated: the mean of the items answered for each NA. */
		if (cnt < j && in->missing == MISSING_PRORATE) {
			r->total = round_div(sum * (long long)j,
			    (long long)cnt, 1);
			r->prorated = j - cnt;
		} else
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
	criterion(in, r);
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
    int positions, struct instr_result *r)
{
	char rng[64];
	size_t i;
	long v;

	memset(r, 0, sizeof(*r));
	if (argc != in->nitems && in->noptional > 0 &&
	    argc != in->nitems - in->noptional)
		return ipt_setusage("%s: %zu or %zu items expected (the last "
		    "%zu optional), %zu given", in->name,
		    in->nitems - in->noptional, in->nitems, in->noptional,
		    argc);
	if (argc != in->nitems && in->noptional == 0)
		return ipt_setusage("%s: %zu item%s expected, %zu given",
		    in->name, in->nitems, in->nitems == 1 ? "" : "s", argc);
	result_init(in, r);
	for (i = argc; i < in->nitems; i++)
		r->na[i] = 1;
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
		r->score[i] = it->reverse && positions ? it->min + it->max - v :
		    v;
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
	if (i != in->nitems && (in->noptional == 0 ||
	    i != in->nitems - in->noptional)) {
		if (in->noptional > 0)
			ipt_seterr("%s: %zu or %zu items expected, %zu found",
			    in->name, in->nitems - in->noptional, in->nitems,
			    i);
		else
			ipt_seterr("%s: %zu items expected, %zu found",
			    in->name, in->nitems, i);
		goto bad;
	}
	while (i < in->nitems)
		r->na[i++] = 1;
	if (compute(in, r, ipt_seterr) == -1)
		goto bad;
	return 0;
bad:
	instr_result_free(r);
	return -1;
}

/*
 * The total alone can still settle a risk item: of a sum, the item
 * scores at least the total less the most all other scored items give,
 * and at most the total less the least they give.  PHQ-9's 8 other items
 * give at most 24, so a total of 25 to 27 puts item 9 at 1 or more: a
 * positive answer, whatever the form said, and the flag is raised with
 * r->score[i] the bound that decides it (describe_positive() says
 * "item 9 >= 1").  Only sums of whole numbers can be bounded so.
 */
static void
total_risk(const struct instrument *in, struct instr_result *r)
{
	long long most = 0, least = 0, lo, hi;
	size_t i;

	/* A prorated total says less of any one item. */
	if (in->method != TOTAL_SUM || in->decimals != 0 ||
	    in->missing == MISSING_PRORATE)
		return;
	for (i = 0; i < in->nitems; i++)
		if (in->item[i].scored) {
			/* An item that may be NA may give nothing. */
			most += in->item[i].max;
			least += in->item[i].na ? 0 : in->item[i].min;
		}
	for (i = 0; i < in->nitems; i++) {
		const struct instr_item *it = &in->item[i];

		if (!it->risk || !it->scored || it->na)
			continue;
		lo = r->total - (most - it->max);
		hi = r->total - (least - it->min);
		if ((it->risk_op == OP_GE || it->risk_op == OP_GT) &&
		    instr_op_holds(it->risk_op, (long)lo, it->risk_value)) {
			r->score[i] = (long)lo;
			r->positive[i] = 1;
			r->risk = 1;
		} else if ((it->risk_op == OP_LE || it->risk_op == OP_LT) &&
		    instr_op_holds(it->risk_op, (long)hi, it->risk_value)) {
			r->score[i] = (long)hi;
			r->positive[i] = 1;
			r->risk = 1;
		}
	}
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
	total_risk(in, r);
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
		k += in->item[i].na && !in->item[i].optional;
	if (k > 0)
		buf_printf(b, ", NA allowed on %zu item%s", k, k == 1 ? "" : "s");
	if (in->noptional > 0) {
		buf_printf(b, ", optional and unscored: item%s %zu",
		    in->noptional == 1 ? "" : "s",
		    in->nitems - in->noptional + 1);
		if (in->noptional > 1)
			buf_printf(b, "-%zu", in->nitems);
	}
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
			/* Without the items, the bound the total sets. */
			buf_printf(b, "%sitem %zu %s %ld", first ? "" : ", ",
			    i + 1, r->has_items ? "=" : in->item[i].risk_op ==
			    OP_GE || in->item[i].risk_op == OP_GT ? ">=" : "<=",
			    r->score[i]);
			if (labels && in->item[i].label != NULL)
				buf_printf(b, " (%s)", in->item[i].label);
			first = 0;
		}
}

void
instr_describe_risk_items(const struct instrument *in,
    const struct instr_result *r, struct buf *b)
{
	size_t i;
	int first = 1;

	for (i = 0; i < in->nitems && i < r->n; i++)
		if (in->item[i].risk) {
			buf_printf(b, "%sitem %zu ", first ? "" : ", ", i + 1);
			if (r->na[i] && in->item[i].optional)
				buf_adds(b, "not asked");
			else if (r->na[i])
				buf_adds(b, "= NA");
			else
				buf_printf(b, "= %ld", r->score[i]);
			if (in->item[i].label != NULL)
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

const char *
instr_criterion_word(const struct instr_result *r)
{
	if (r->crit_count == NULL || r->crit == -1)
		return "";
	return r->crit ? "met" : "not met";
}

void
instr_describe_criterion(const struct instrument *in,
    const struct instr_result *r, struct buf *b)
{
	const struct instr_criterion *c = in->crit;
	size_t k;

	if (c == NULL || r->crit_count == NULL || !r->has_items)
		return;
	buf_printf(b, "%s: %s (items %s %ld: ", c->name, r->crit == 1 ?
	    "met" : r->crit == 0 ? "not met" : "not known, items NA",
	    instr_op_name(c->op), c->value);
	for (k = 0; k < c->n; k++)
		buf_printf(b, "%s%s %ld, need %ld", k > 0 ? "; " : "",
		    in->sub[c->sub[k]].name, r->crit_count[k], c->need[k]);
	buf_addc(b, ')');
}

void
instr_describe_subscales(const struct instrument *in,
    const struct instr_result *r, struct buf *b)
{
	char v[32];
	size_t j;

	if (!r->has_items)
		return;
	for (j = 0; j < in->nsub; j++) {
		instr_fmt(in, r->sub[j], v, sizeof(v));
		buf_printf(b, "%s%s %s", j > 0 ? ", " : "", in->sub[j].name,
		    r->sub_ok[j] ? v : "n/a");
	}
}

void
instr_describe_total(const struct instrument *in, struct buf *b)
{
	char lo[32], hi[32];

	instr_fmt(in, in->tmin, lo, sizeof(lo));
	instr_fmt(in, in->tmax, hi, sizeof(hi));
	buf_printf(b, "%s %s-%s", instr_method_name(in->method), lo, hi);
	if (in->missing != MISSING_NONE)
		buf_printf(b, ", %s at most %zu NA item%s",
		    in->missing == MISSING_PRORATE ? "prorating" : "leaving out",
		    in->missing_max, in->missing_max == 1 ? "" : "s");
}

void
instr_describe_subscale_defs(const struct instrument *in, struct buf *b)
{
	size_t j, i, k;

	for (j = 0; j < in->nsub; j++) {
		const struct instr_subscale *s = &in->sub[j];

		buf_printf(b, "%s%s", j > 0 ? ", " : "", s->name);
		for (i = 0; i < s->n; i = k) {
			for (k = i + 1; k < s->n &&
			    s->item[k] == s->item[k - 1] + 1; k++)
				;
			buf_printf(b, " %zu", s->item[i] + 1);
			if (k - i > 1)
				buf_printf(b, "-%zu", s->item[k - 1] + 1);
		}
	}
}

void
instr_describe_criterion_def(const struct instrument *in, struct buf *b)
{
	const struct instr_criterion *c = in->crit;
	size_t k;

	if (c == NULL)
		return;
	buf_printf(b, "%s: items %s %ld count; needs", c->name,
	    instr_op_name(c->op), c->value);
	for (k = 0; k < c->n; k++)
		buf_printf(b, "%s %s %ld", k > 0 ? "," : "",
		    in->sub[c->sub[k]].name, c->need[k]);
}
