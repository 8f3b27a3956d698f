/*
 * episode.c: the episodes of treatment of a client (episode.h).
 * Nothing here reads or writes a file: the caller hands the tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "date.h"
#include "episode.h"
#include "util.h"

static long
day_of(const struct csv_table *t, size_t i, const char *col)
{
	long d;

	return date_parse(csv_get(t, i, col), &d) == 0 ? d : -1;
}

int
episodes_read(const struct csv_table *t, long current, long start,
    struct episodes *out)
{
	struct episode *e;
	char a[DATE_LEN], b[DATE_LEN];
	size_t i, n = t != NULL ? t->nrows : 0;
	long num, after = -1;

	memset(out, 0, sizeof(*out));
	out->v = xcalloc(n + 1, sizeof(*out->v));
	for (i = 0; i < n; i++) {
		e = &out->v[i];
		e->row = i;
		e->line = t->rows[i].line;
		e->after = after;
		if (parse_long(csv_get(t, i, "episode"), 1, 999, &num) == -1 ||
		    num != (long)i + 1) {
			ipt_seterr("%s:%zu: episode: '%s' is not %zu, the "
			    "number of its row", EPISODES_FILE, e->line,
			    csv_get(t, i, "episode"), i + 1);
			goto bad;
		}
		e->num = num;
		if ((e->start = day_of(t, i, "start")) < 0 ||
		    (e->end = day_of(t, i, "ended_on")) < 0) {
			ipt_seterr("%s:%zu: %s: not a valid date (YYYY-MM-DD)",
			    EPISODES_FILE, e->line, e->start < 0 ? "start" :
			    "ended_on");
			goto bad;
		}
		if (e->end < e->start) {
			ipt_seterr("%s:%zu: ended_on: %s is before the start "
			    "of episode %ld (%s)", EPISODES_FILE, e->line,
			    csv_get(t, i, "ended_on"), num,
			    csv_get(t, i, "start"));
			goto bad;
		}
		if (after >= 0 && e->start <= after) {
			date_format(after, a);
			ipt_seterr("%s:%zu: start: %s is not after the end of "
			    "episode %zu (%s)", EPISODES_FILE, e->line,
			    csv_get(t, i, "start"), i, a);
			goto bad;
		}
		after = e->end;
	}
	e = &out->v[n];
	e->num = current;
	e->start = start;
	e->end = -1;
	e->after = after;
	e->row = n;
	out->n = n + 1;
	if (current != (long)n + 1) {
		ipt_seterr("client.ini: [client] episode: %ld, but %s closes "
		    "%zu episode%s before it", current, EPISODES_FILE, n,
		    n == 1 ? "" : "s");
		goto bad;
	}
	if (after >= 0 && start <= after) {
		date_format(start, a);
		date_format(after, b);
		ipt_seterr("client.ini: [client] start: %s is not after the "
		    "end of episode %zu (%s)", a, n, b);
		goto bad;
	}
	return 0;
bad:
	/* What was read stands, with the current episode last. */
	out->n = i + 1;
	out->v[i].num = (long)i + 1;
	out->v[i].start = start;
	out->v[i].end = -1;
	out->v[i].after = i > 0 ? out->v[i - 1].end : -1;
	out->v[i].line = 0;
	return -1;
}

void
episodes_free(struct episodes *e)
{
	free(e->v);
	memset(e, 0, sizeof(*e));
}

size_t
episode_at(const struct episodes *e, long day)
{
	size_t i;

	for (i = 0; i + 1 < e->n; i++)
		if (day <= e->v[i].end)
			return i;
	return e->n - 1;
}

int
episode_gap(const struct episodes *e, size_t i, long day)
{
	return i > 0 && i < e->n && day > e->v[i].after &&
	    day < e->v[i].start;
}

long
episodes_since(const struct csv_table *t)
{
	long d;

	if (t == NULL || t->nrows == 0)
		return -1;
	d = day_of(t, t->nrows - 1, "ended_on");
	return d;
}

int
episode_has(const struct episode *e, long day)
{
	if (day < 0)
		return e->end < 0;
	return day > e->after && (e->end < 0 || day <= e->end);
}

void
episode_rows(const struct csv_table *src, const char *col,
    const struct episode *e, struct csv_table *dst)
{
	struct csv_row *r;
	size_t i, k;
	long d;

	csv_init_table(dst, src->path != NULL ? src->path : "",
	    (const char *const *)src->cols, src->ncols);
	for (i = 0; i < src->nrows; i++) {
		d = day_of(src, i, col);
		if (!episode_has(e, d))
			continue;
		k = csv_append(dst);
		r = &dst->rows[k];
		r->line = src->rows[i].line;
		for (k = 0; k < src->ncols; k++) {
			free(r->f[k]);
			r->f[k] = xstrdup(src->rows[i].f[k]);
		}
	}
}
