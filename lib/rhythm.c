/*
 * rhythm.c: habitual times and hits of the Social Rhythm Metric, from
 * the clock times of a week; rhythm.h states the rule.  Nothing here
 * prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instrument.h"
#include "rhythm.h"
#include "util.h"

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

void
rhythm_score(long window, long qualify, struct rhythm_act *a)
{
	long u[RHYTHM_MAXDAYS], n = (long)a->n, full = n * RHYTHM_DAY;
	long long s, q, spread, best = -1;
	long k, i, x, d, bestsum = 0, cand;

	a->na = 0;
	a->sum = 0;
	a->habit = -1;
	a->hits = 0;
	if (n < qualify || n == 0) {
		a->na = 1;
		return;
	}
	memcpy(u, a->t, a->n * sizeof(*u));
	qsort(u, a->n, sizeof(*u), cmp_long);
	/*
	 * Candidate k reads the k earliest times as on the next day.  Its
	 * spread n * sum(x^2) - sum(x)^2 is n^2 times its variance, exact.
	 */
	for (k = 0; k < n; k++) {
		s = q = 0;
		for (i = 0; i < n; i++) {
			x = u[i] + (i < k ? RHYTHM_DAY : 0);
			s += x;
			q += (long long)x * x;
		}
		spread = n * q - s * s;
		cand = (long)(s % full);
		if (best < 0 || spread < best ||
		    (spread == best && cand < bestsum)) {
			best = spread;
			bestsum = cand;
		}
	}
	a->sum = bestsum;
	a->habit = ((2 * bestsum + n) / (2 * n)) % RHYTHM_DAY;
	/* A hit: |t - sum / n| <= window on the circle, times n. */
	for (i = 0; i < n; i++) {
		d = labs(n * a->t[i] - bestsum) % full;
		if (full - d < d)
			d = full - d;
		if (d <= n * window)
			a->hits++;
	}
}

void
rhythm_fmt(long minute, char out[6])
{
	long m = (minute % RHYTHM_DAY + RHYTHM_DAY) % RHYTHM_DAY;

	out[0] = (char)('0' + m / 600);
	out[1] = (char)('0' + m / 60 % 10);
	out[2] = ':';
	out[3] = (char)('0' + m % 60 / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = '\0';
}

/* The days of the instrument's week: its items' highest score. */
static long
week_days(const struct instrument *in)
{
	return in->item[0].max;
}

static void
item_name(const struct instrument *in, size_t item, char *b, size_t len)
{
	const char *l = in->item[item].label;

	if (l != NULL)
		snprintf(b, len, "item %zu (%s)", item + 1, l);
	else
		snprintf(b, len, "item %zu", item + 1);
}

/* A clock time H:MM or HH:MM, 00:00 to 23:59; -1 if not one. */
static int
clock_time(const char *s, size_t len, long *out)
{
	long h = 0, m = 0;
	size_t i = 0, nh;

	for (nh = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++, nh++)
		h = h * 10 + (s[i] - '0');
	if (nh < 1 || nh > 2 || i + 3 != len || s[i] != ':' ||
	    s[i + 1] < '0' || s[i + 1] > '9' ||
	    s[i + 2] < '0' || s[i + 2] > '9')
		return -1;
	m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
	if (h > 23 || m > 59)
		return -1;
	*out = h * 60 + m;
	return 0;
}

int
rhythm_parse(const struct instrument *in, const char *opt, size_t item,
    const char *week, struct rhythm_act *a)
{
	char what[128];
	const char *p = week;
	long days = week_days(in), entries = 0, t;
	size_t len;

	memset(a, 0, sizeof(*a));
	item_name(in, item, what, sizeof(what));
	if (*week == '\0')
		return ipt_setusage("%s: %s %s: no times given (times HH:MM "
		    "and - for a day not done, separated by commas)", opt,
		    in->name, what);
	for (;;) {
		len = strcspn(p, ",");
		if (++entries > days)
			return ipt_setusage("%s: %s %s: more than %ld days "
			    "given for a week of %ld", opt, in->name, what,
			    days, days);
		if (len == 1 && *p == '-')
			;
		else if (clock_time(p, len, &t) == -1)
			return ipt_setusage("%s: %s %s: '%.*s' is not a clock "
			    "time HH:MM from 00:00 to 23:59, or - for a day "
			    "not done", opt, in->name, what,
			    (int)(len > 40 ? 40 : len), p);
		else
			a->t[a->n++] = t;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	rhythm_score(in->rhythm_window, in->rhythm_qualify, a);
	return 0;
}

int
rhythm_check_hits(const struct instrument *in, const char *opt,
    const char *occurrences, char *const *items, size_t nitems)
{
	char what[128];
	const char *p = occurrences;
	long days = week_days(in), occ, hits;
	size_t i, len, tl;

	for (i = 0; ; i++) {
		char tok[24];

		len = strcspn(p, ",");
		if (i >= in->nitems)
			return ipt_setusage("%s: %zu counts given for the %zu "
			    "items of %s", opt, i + 1, in->nitems, in->name);
		item_name(in, i, what, sizeof(what));
		tl = len < sizeof(tok) ? len : sizeof(tok) - 1;
		memcpy(tok, p, tl);
		tok[tl] = '\0';
		if (parse_long(tok, 0, days, &occ) == -1)
			return ipt_setusage("%s: %s %s: '%s' is not a count of "
			    "days from 0 to %ld", opt, in->name, what, tok,
			    days);
		if (i < nitems) {
			int na = strcmp(items[i], "NA") == 0 ||
			    strcmp(items[i], "na") == 0;

			if (occ < in->rhythm_qualify && !na)
				return ipt_setusage("%s: %s %s: done %ld "
				    "time%s, fewer than %ld: its hits are NA",
				    opt, in->name, what, occ,
				    occ == 1 ? "" : "s", in->rhythm_qualify);
			if (occ >= in->rhythm_qualify && na)
				return ipt_setusage("%s: %s %s: done %ld "
				    "times, at least %ld: give its hits, not "
				    "NA", opt, in->name, what, occ,
				    in->rhythm_qualify);
			if (!na && parse_long(items[i], 0, days, &hits) == 0 &&
			    hits > occ)
				return ipt_setusage("%s: %s %s: %ld hits but "
				    "done %ld time%s", opt, in->name, what,
				    hits, occ, occ == 1 ? "" : "s");
		}
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	if (i + 1 != in->nitems)
		return ipt_setusage("%s: %zu count%s given for the %zu items "
		    "of %s", opt, i + 1, i == 0 ? "" : "s", in->nitems,
		    in->name);
	return 0;
}
