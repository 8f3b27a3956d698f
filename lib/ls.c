/*
 * ls.c: the rows of `ipt ls' (see ls.h): filters, the order, and the
 * cells of the table for people.  Nothing here prints: render_ls.c does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "ls.h"
#include "record.h"
#include "spool.h"
#include "summary.h"
#include "util.h"
#include "variant.h"

const char *const ls_cols[LS_NCOLS + 1] = { "id", "name", "therapist",
    "variant", "status", "held", "planned", "phase", "focus", "last_date",
    "next_due", "instrument", "score", "severity", "risk", "risk_detail",
    "deterioration", "path", "episode", NULL };

static int
ls_numeric(int col)
{
	return col == LS_HELD || col == LS_PLANNED || col == LS_SCORE ||
	    col == LS_RISK || col == LS_EPISODE;
}

static int
in_list(const char **list, const char *s)
{
	if (list == NULL)
		return 1;
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

/* Does s hold sub, ignoring the case of ASCII letters? */
static int
has_sub(const char *s, const char *sub)
{
	size_t n = strlen(sub), i;

	for (; *s != '\0' || n == 0; s++) {
		for (i = 0; i < n; i++) {
			int a = (unsigned char)s[i], b = (unsigned char)sub[i];

			if (a >= 'A' && a <= 'Z')
				a += 'a' - 'A';
			if (b >= 'A' && b <= 'Z')
				b += 'a' - 'A';
			if (a != b)
				break;
		}
		if (i == n)
			return 1;
		if (*s == '\0')
			break;
	}
	return 0;
}

int
ls_match(const struct summary *s, const struct ls_filter *f)
{
	return in_list(f->status, s->c.status) &&
	    in_list(f->variant, s->c.variant) &&
	    (f->therapist == NULL || has_sub(s->c.therapist, f->therapist));
}

/* The table's columns, for people. */
enum {
	LT_ID, LT_NAME, LT_VARIANT, LT_STATUS, LT_SESSION, LT_PHASE, LT_FOCUS,
	LT_LAST, LT_NEXT, LT_SCORE, LT_FLAGS, LT_NCOLS
};
_Static_assert(LT_NCOLS == LS_TCOLS, "LS_TCOLS in ls.h");
const char *const ls_thead[LT_NCOLS] = { "id", "name", "variant",
    "status", "session", "phase", "focus", "last", "next", "score",
    "flags" };

/* A spooled row: its LS_NCOLS fields, each ending in a NUL. */
void
ls_row_read(const void *rec, struct ls_row *r)
{
	const char *p = rec;
	size_t j;

	for (j = 0; j < LS_NCOLS; j++) {
		r->f[j] = p;
		p += strlen(p) + 1;
	}
}

/* The cells of a row in the table for people. */
void
ls_cells(struct ls_cells *k, const struct ls_row *r)
{
	const char *const *f = r->f;

	buf_reset(&k->session);
	buf_printf(&k->session, "%s/%s", f[LS_HELD], f[LS_PLANNED]);
	buf_reset(&k->score);
	if (*f[LS_SCORE])
		buf_printf(&k->score, "%s %s%s%s", f[LS_INSTRUMENT],
		    f[LS_SCORE], *f[LS_SEVERITY] ? " " : "", f[LS_SEVERITY]);
	buf_reset(&k->flags);
	if (strcmp(f[LS_RISK], "0") != 0)
		buf_printf(&k->flags, "RISK: %s", f[LS_RISK_DETAIL]);
	if (*f[LS_DETERIORATION] != '\0')
		buf_printf(&k->flags, "%sWORSE: %s", k->flags.len ? "; " : "",
		    f[LS_DETERIORATION]);
	k->c[LT_ID] = f[LS_ID];
	k->c[LT_NAME] = f[LS_NAME];
	k->c[LT_VARIANT] = f[LS_VARIANT];
	/* An episode after the first is said: "active, ep 2". */
	buf_reset(&k->status);
	if (strcmp(f[LS_EPISODE], "1") != 0 && *f[LS_EPISODE] != '\0')
		buf_printf(&k->status, "%s, ep %s", f[LS_STATUS],
		    f[LS_EPISODE]);
	k->c[LT_STATUS] = k->status.len ? k->status.s : f[LS_STATUS];
	k->c[LT_SESSION] = k->session.s;
	k->c[LT_PHASE] = f[LS_PHASE];
	k->c[LT_FOCUS] = f[LS_FOCUS];
	k->c[LT_LAST] = f[LS_LAST];
	k->c[LT_NEXT] = f[LS_NEXT];
	k->c[LT_SCORE] = k->score.len ? k->score.s : "";
	k->c[LT_FLAGS] = k->flags.len ? k->flags.s : "";
}

void
ls_cells_free(struct ls_cells *k)
{
	buf_free(&k->session);
	buf_free(&k->score);
	buf_free(&k->flags);
	buf_free(&k->status);
}

static int
cmp_field(const struct ls_row *x, const struct ls_row *y, int col, int desc)
{
	const char *a = x->f[col], *b = y->f[col];
	double u, v;

	if (*a == '\0' || *b == '\0')
		return (*a == '\0') - (*b == '\0');	/* empty last */
	if (ls_numeric(col)) {
		u = strtod(a, NULL);
		v = strtod(b, NULL);
		if (u != v)
			return (u < v ? -1 : 1) * (desc ? -1 : 1);
		return 0;
	}
	return strcmp(a, b) * (desc ? -1 : 1);
}

static int
cmp_rows(const void *p, size_t plen, const void *q, size_t qlen, void *arg)
{
	const struct ls_list *l = arg;
	struct ls_row x, y;
	int c, rx, ry;

	(void)plen;
	(void)qlen;
	ls_row_read(p, &x);
	ls_row_read(q, &y);
	if (l->col < 0) {
		rx = strcmp(x.f[LS_RISK], "0") != 0;
		ry = strcmp(y.f[LS_RISK], "0") != 0;
		if (rx != ry)
			return ry - rx;
		rx = *x.f[LS_DETERIORATION] != '\0';
		ry = *y.f[LS_DETERIORATION] != '\0';
		if (rx != ry)
			return ry - rx;
	} else if ((c = cmp_field(&x, &y, l->col, l->desc)) != 0)
		return c;
	if ((c = strcmp(x.f[LS_ID], y.f[LS_ID])) != 0)
		return c;
	return strcmp(x.f[LS_PATH], y.f[LS_PATH]);
}

void
ls_begin(struct ls_list *l, int col, int desc)
{
	size_t j;

	memset(l, 0, sizeof(*l));
	l->col = col;
	l->desc = desc;
	spool_init(&l->sp, cmp_rows, l, spool_budget());
	for (j = 0; j < LT_NCOLS; j++)
		l->wid[j] = utf8_width(ls_thead[j]);
}

int
ls_add(struct ls_list *l, const struct summary *s, const char *path)
{
	const struct course *co = NULL;
	const char *instr = s->v->ninstruments > 0 ?
	    s->v->instruments[0].name : "";
	struct ls_cells k = { 0 };
	struct ls_row r;
	struct buf b = { 0 };
	char day[DATE_LEN];
	size_t i, w;
	int rc;

	for (i = 0; i < s->ncourse; i++)
		if (strcmp(s->course[i].instrument, instr) == 0)
			co = &s->course[i];
	/* The fields in ls_cols order, each ending in a NUL. */
	buf_add(&b, s->c.id, strlen(s->c.id) + 1);
	buf_add(&b, s->c.name, strlen(s->c.name) + 1);
	buf_add(&b, s->c.therapist, strlen(s->c.therapist) + 1);
	buf_add(&b, s->c.variant, strlen(s->c.variant) + 1);
	buf_add(&b, s->c.status, strlen(s->c.status) + 1);
	buf_printf(&b, "%ld", s->held);
	buf_addc(&b, '\0');
	buf_printf(&b, "%ld", s->c.planned);
	buf_addc(&b, '\0');
	buf_add(&b, s->phase, strlen(s->phase) + 1);
	buf_add(&b, s->c.primary, strlen(s->c.primary) + 1);
	if (s->last_day >= 0)
		date_format(s->last_day, day);
	buf_add(&b, s->last_day >= 0 ? day : "", s->last_day >= 0 ?
	    strlen(day) + 1 : 1);
	if (s->next_due >= 0)
		date_format(s->next_due, day);
	buf_add(&b, s->next_due >= 0 ? day : "", s->next_due >= 0 ?
	    strlen(day) + 1 : 1);
	buf_add(&b, instr, strlen(instr) + 1);
	buf_adds(&b, co != NULL ? co->last_total : "");
	buf_addc(&b, '\0');
	buf_adds(&b, co != NULL ? co->last_band : "");
	buf_addc(&b, '\0');
	/* The open flags, and a high level in force as one more. */
	buf_printf(&b, "%zu", s->nrisk + (s->risk_high ? 1 : 0));
	buf_addc(&b, '\0');
	if (s->risk_high)
		buf_printf(&b, "level high since %s", s->risk_st.level_on);
	for (i = 0; i < s->nrisk; i++)
		buf_printf(&b, "%s%s %s on %s", i || s->risk_high ? "; " : "",
		    s->risk_open[i].instrument, s->risk_open[i].detail,
		    s->risk_open[i].date);
	buf_addc(&b, '\0');
	for (i = 0, w = 0; i < s->ncourse; i++)
		if (s->course[i].deteriorated)
			buf_printf(&b, "%s%s", w++ ? ";" : "",
			    s->course[i].instrument);
	buf_addc(&b, '\0');
	buf_add(&b, path, strlen(path) + 1);
	buf_printf(&b, "%ld", s->c.episode);
	buf_addc(&b, '\0');

	ls_row_read(b.s, &r);
	ls_cells(&k, &r);
	for (i = 0; i < LT_NCOLS; i++)
		if ((w = utf8_width(k.c[i])) > l->wid[i])
			l->wid[i] = w;
	ls_cells_free(&k);
	rc = spool_add(&l->sp, b.s, b.len);
	buf_free(&b);
	if (rc == 0)
		l->n++;
	return rc;
}

int
ls_sort_key(const char *s, int *col, int *desc)
{
	static const struct {
		const char	*name;
		int		 col;
	} alias[] = { { "session", LS_HELD }, { "last", LS_LAST },
	    { "next", LS_NEXT }, { "flags", LS_RISK } };
	size_t i;
	int k;

	*desc = *s == '-';
	if (*desc)
		s++;
	if ((k = rec_lookup(ls_cols, s)) >= 0) {
		*col = k;
		return 0;
	}
	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (strcmp(alias[i].name, s) == 0) {
			*col = alias[i].col;
			return 0;
		}
	return ipt_setusage("--sort: '%s' is not a column; use one of: %s "
	    "(session, last, next, flags also), '-' first to reverse", s,
	    rec_names(ls_cols));
}

void
ls_free(struct ls_list *l)
{
	spool_free(&l->sp);
	memset(l, 0, sizeof(*l));
}

