/*
 * export.c: the data sets of `ipt export' (see export.h), built one
 * client at a time.  Nothing here prints: render_export.c does.
 *
 * Every table is described once, in the column tables below: the name,
 * type, allowed values, label and unit of each column, from which the
 * CSV header, the JSON types and the codebook are all made, so that the
 * three cannot disagree.  Every row carries the client and its site (the
 * directory holding it), every date its study day (from the client's
 * first session held).  The outcomes are measure_change()'s, the rules of
 * `ipt status'.
 *
 * De-identification (the pseudonyms and the date shift: secret.c).
 * Names, directory paths and free text (session and focus notes) are
 * left out; the client, site and therapist are pseudonyms; only values
 * an instrument definition names pass (clean_measure()); dates are
 * shifted back, never past the export date, or left out (--dates none).
 * The rows of a de-identified export are ordered by pseudonym, so that
 * their order tells nothing about the ids either.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "csvt.h"
#include "date.h"
#include "escape.h"
#include "export.h"
#include "instrument.h"
#include "json.h"
#include "measure.h"
#include "record.h"
#include "render.h"
#include "secret.h"
#include "spool.h"
#include "summary.h"
#include "util.h"
#include "variant.h"

/*
 * Row indexes sorted by the date in column col, file order among equals
 * (rows without a valid date first).  The tables are a client's: short.
 */
static size_t *
rows_by_date(const struct csv_table *t, int col)
{
	size_t *ix = xcalloc(t->nrows ? t->nrows : 1, sizeof(*ix)), i, j, x;
	long *day = xcalloc(t->nrows ? t->nrows : 1, sizeof(*day));

	for (i = 0; i < t->nrows; i++) {
		ix[i] = i;
		if (col < 0 || date_parse(t->rows[i].f[col], &day[i]) == -1)
			day[i] = LONG_MIN;	/* days before 1970 are < 0 */
	}
	for (i = 1; i < t->nrows; i++)
		for (j = i; j > 0 && day[ix[j - 1]] > day[ix[j]]; j--) {
			x = ix[j];
			ix[j] = ix[j - 1];
			ix[j - 1] = x;
		}
	free(day);
	return ix;
}

const char *const export_tables[EXP_NTABLES + 1] = { "clients", "sessions",
    "measures", "items", "focus", "outcomes", "formulation", NULL };
const char *const export_dates_names[] = { "real", "shifted", "none", NULL };
const char *const export_deid_names[] = { "identified", "pseudonymised",
    "safe-harbor", NULL };

/* What a column holds: its codebook type, and its form in JSON. */
enum col_kind {
	K_KEY,		/* a key: the id or a pseudonym; a path */
	K_TEXT,		/* a string */
	K_INT,		/* a whole number */
	K_NUM,		/* a decimal number */
	K_DATE,		/* YYYY-MM-DD */
	K_BOOL,		/* 1 or 0 (JSON true or false) */
	K_LIST,		/* names separated by ';' (a JSON array) */
	K_SCORES	/* numbers or NA separated by spaces (a JSON array) */
};
static const char *const kind_names[] = { "key", "text", "integer",
    "number", "date", "yesno", "list", "scores" };

/* When a column is left out. */
#define D_IDENT	1	/* de-identified exports */
#define D_DATE	2	/* --dates none */
#define D_NOT_SH	4	/* all but Safe Harbor exports */

struct ecol {
	const char	*name;
	enum col_kind	 kind;
	unsigned	 drop;
	const char	*allowed;	/* codebook: allowed values */
	const char	*label;
	const char	*unit;
};

#define C_CLIENT { "client", K_KEY, 0, "", "the client: its id, or its " \
	"pseudonym when de-identified (C and 15 hexadecimal digits)", "" }
#define C_SITE { "site", K_KEY, 0, "", "the directory holding the " \
	"client, from the practice root (a site or therapist), or its " \
	"pseudonym when de-identified (S and 15 hexadecimal digits)", "" }
#define C_STUDY(n, what) { n, K_INT, 0, "", "days from the client's " \
	"first session held to " what, "days" }
#define C_HELD(what) { "held", K_INT, 0, "1-9999", "the place of " what \
	" among the client's sessions held (attended) of the plan in its " \
	"episode, in date order; empty if that session was not held or " \
	"uses no place", "" }
#define C_EPISODE(what) { "episode", K_INT, 0, "1-999", what, "" }
#define C_ADMIN { "admin", K_INT, 0, "1-9999", "the administration: " \
	"its place among the client's administrations, in date order " \
	"(with client, a key of measures and items)", "" }
#define C_END { NULL, K_TEXT, 0, NULL, NULL, NULL }

static const struct ecol cols_clients[] = {
	C_CLIENT, C_SITE,
	{ "name", K_TEXT, D_IDENT, "", "the client's name", "" },
	{ "therapist", K_TEXT, 0, "", "the therapist's name, or its "
	    "pseudonym when de-identified (T and 15 hexadecimal digits)", "" },
	{ "variant", K_TEXT, 0, "a variant name (ipt-files(5))",
	    "the IPT variant", "" },
	{ "status", K_TEXT, 0, "active | paused | ended | maintenance",
	    "the client's status", "" },
	{ "start", K_DATE, D_DATE, "", "the start of treatment", "" },
	C_STUDY("start_study_day", "the start of treatment"),
	{ "planned_sessions", K_INT, 0, "1-9999", "sessions in the plan",
	    "sessions" },
	{ "frequency_days", K_INT, 0, "", "days between sessions in the "
	    "plan", "days" },
	{ "focus_primary", K_TEXT, 0, "grief | role-dispute | "
	    "role-transition | interpersonal-deficits | a variant's own area",
	    "the focus (problem area)", "" },
	{ "focus_secondary", K_TEXT, 0, "as focus_primary",
	    "a second problem area", "" },
	{ "focus_set_on", K_DATE, D_DATE, "", "when the focus was agreed",
	    "" },
	C_STUDY("focus_set_study_day", "the focus agreed"),
	{ "held", K_INT, 0, "", "sessions attended of the plan", "sessions" },
	{ "cancelled", K_INT, 0, "", "sessions cancelled", "sessions" },
	{ "no_show", K_INT, 0, "", "sessions missed without notice",
	    "sessions" },
	{ "weeks", K_INT, 0, "", "whole weeks from the start to the end of "
	    "treatment, or to the export date", "weeks" },
	{ "ended_on", K_DATE, D_DATE, "", "the end of treatment (empty "
	    "unless ended)", "" },
	C_STUDY("ended_study_day", "the end of treatment"),
	{ "end_reason", K_TEXT, 0, "completed | dropped-out | referred | "
	    "moved | declined | other", "why treatment ended", "" },
	/* The profile ([profile] of client.ini): never de-identified. */
	{ "birth_date", K_DATE, D_IDENT, "", "the date of birth (the profile; "
	    "left out when de-identified)", "" },
	{ "diagnosis", K_TEXT, D_IDENT, "", "the diagnosis, free text (left "
	    "out when de-identified)", "" },
	{ "icd", K_TEXT, D_IDENT, "", "its ICD code (left out when "
	    "de-identified)", "" },
	{ "referrer", K_TEXT, D_IDENT, "", "who referred the client (left "
	    "out when de-identified)", "" },
	{ "consent_date", K_DATE, D_IDENT, "", "when consent to treatment "
	    "was recorded (left out when de-identified)", "" },
	{ "emergency", K_TEXT, D_IDENT, "", "the emergency contact (left out "
	    "when de-identified)", "" },
	{ "age", K_TEXT, D_NOT_SH, "0-89 | 90+", "age in whole years at "
	    "the end of treatment, or the export date; 90+ past 89 (only in "
	    "a Safe Harbor export)", "years" },
	C_EPISODE("the current episode of treatment (1 until the client "
	    "returns after an end)"),
	C_END
};
static const struct ecol cols_sessions[] = {
	C_CLIENT, C_SITE,
	{ "number", K_INT, 0, "1-9999", "the session's number in "
	    "sessions.csv (held or not)", "" },
	C_HELD("this session"),
	{ "date", K_DATE, D_DATE, "", "the session's date", "" },
	C_STUDY("study_day", "this session"),
	{ "kind", K_TEXT, 0, "individual | conjoint | parent | group | "
	    "maintenance", "who took part", "" },
	{ "attendance", K_TEXT, 0, "attended | cancelled | no-show",
	    "attendance", "" },
	{ "duration_min", K_INT, 0, "0-600", "length", "minutes" },
	{ "phase", K_TEXT, 0, "pregroup | initial | middle | final | "
	    "extension | maintenance", "the phase of IPT", "" },
	{ "focus", K_TEXT, 0, "as focus_primary", "the problem area worked "
	    "on", "" },
	{ "techniques", K_LIST, 0, "technique names (ipt-session(1))",
	    "techniques used, separated by ;", "" },
	{ "mood", K_INT, 0, "0-10", "mood rated at the session", "points" },
	{ "stress", K_INT, 0, "0-10", "stress rated at the session",
	    "points" },
	{ "note", K_TEXT, D_IDENT, "", "the session's note (free text)", "" },
	C_EPISODE("the episode of treatment the session's date is in"),
	C_END
};
static const struct ecol cols_measures[] = {
	C_CLIENT, C_SITE, C_ADMIN,
	{ "date", K_DATE, D_DATE, "", "the administration's date", "" },
	C_STUDY("study_day", "the administration"),
	{ "session", K_INT, 0, "1-9999", "the number of the session it was "
	    "given at (sessions.csv), empty if none", "" },
	C_HELD("that session"),
	{ "instrument", K_TEXT, 0, "an instrument name (ipt-measure(1))",
	    "the instrument", "" },
	{ "total", K_NUM, 0, "the instrument's range", "the total score",
	    "points" },
	{ "severity", K_TEXT, 0, "a severity band of the instrument",
	    "the severity band of the total", "" },
	{ "items", K_SCORES, 0, "the instrument's item range, or NA",
	    "item scores in item order, separated by spaces", "points" },
	{ "flags", K_LIST, 0, "risk | reviewed", "risk: a risk item was "
	    "positive; reviewed: a clinician reviewed it", "" },
	{ "subscales", K_TEXT, 0, "NAME SCORE, ... (the instrument's "
	    "[subscales])", "the subscale scores the items give; empty "
	    "without items or subscales", "points" },
	{ "criterion", K_TEXT, 0, "NAME met | NAME not met | NAME not known",
	    "the instrument's [criterion] (such as PCL-5's DSM-5 rule) over "
	    "the items; empty without items or criterion", "" },
	C_EPISODE("the episode of treatment the administration's date is "
	    "in"),
	C_END
};
static const struct ecol cols_items[] = {
	C_CLIENT, C_SITE, C_ADMIN,
	{ "date", K_DATE, D_DATE, "", "the administration's date", "" },
	C_STUDY("study_day", "the administration"),
	{ "session", K_INT, 0, "1-9999", "as in measures", "" },
	C_HELD("that session"),
	{ "instrument", K_TEXT, 0, "an instrument name", "the instrument",
	    "" },
	{ "item", K_INT, 0, "1-200", "the item's number", "" },
	{ "score", K_NUM, 0, "the item's range; empty for NA",
	    "the item's score (after reverse scoring)", "points" },
	C_END
};
static const struct ecol cols_focus[] = {
	C_CLIENT, C_SITE,
	{ "date", K_DATE, D_DATE, "", "the decision's date", "" },
	C_STUDY("study_day", "the decision"),
	{ "session", K_INT, 0, "1-9999", "the session it was made at", "" },
	C_HELD("that session"),
	{ "primary", K_TEXT, 0, "as focus_primary", "the focus chosen", "" },
	{ "secondary", K_TEXT, 0, "as focus_primary", "a second area", "" },
	{ "note", K_TEXT, D_IDENT, "", "the reason (free text)", "" },
	C_END
};
static const struct ecol cols_outcomes[] = {
	C_CLIENT, C_SITE,
	{ "instrument", K_TEXT, 0, "an instrument name", "the instrument",
	    "" },
	{ "better", K_TEXT, 0, "lower | higher", "the direction of "
	    "improvement", "" },
	{ "administrations", K_INT, 0, "1-", "administrations given", "" },
	{ "baseline", K_NUM, 0, "", "the first total", "points" },
	{ "baseline_date", K_DATE, D_DATE, "", "its date", "" },
	C_STUDY("baseline_study_day", "the baseline"),
	{ "latest", K_NUM, 0, "", "the latest total", "points" },
	{ "latest_date", K_DATE, D_DATE, "", "its date", "" },
	C_STUDY("latest_study_day", "the latest"),
	{ "change", K_NUM, 0, "", "latest minus baseline; empty with one "
	    "administration", "points" },
	{ "percent_change", K_NUM, 0, "", "change as a percentage of the "
	    "baseline, rounded half away from zero; empty when the baseline "
	    "is 0", "%" },
	{ "response", K_BOOL, 0, "1, Yes | 0, No", "the instrument's "
	    "response rule (ipt-files(5)); empty when not defined", "" },
	{ "remission", K_BOOL, 0, "1, Yes | 0, No", "the instrument's "
	    "remission rule applied to the latest total", "" },
	{ "reliable_change", K_BOOL, 0, "1, Yes | 0, No", "a reliable "
	    "improvement (the instrument's reliable-change rule)", "" },
	{ "deterioration", K_BOOL, 0, "1, Yes | 0, No", "a reliable "
	    "worsening (the same rule)", "" },
	C_END
};
/*
 * formulation.csv: de-identified, the area and the dates only; the people,
 * the events they link and the words are the client's.
 */
static const struct ecol cols_formulation[] = {
	C_CLIENT, C_SITE,
	{ "revision", K_INT, 0, "1-9999", "the revision (its id in "
	    "formulation.csv)", "" },
	{ "date", K_DATE, D_DATE, "", "the revision's date", "" },
	C_STUDY("study_day", "the revision"),
	{ "area", K_TEXT, 0, "as focus_primary", "the problem area it "
	    "formulates", "" },
	{ "agreed", K_DATE, D_DATE, "", "when the client agreed to it; "
	    "empty if not yet", "" },
	C_STUDY("agreed_study_day", "the agreement"),
	{ "people", K_LIST, D_IDENT, "", "the inventory's people it links "
	    "(names)", "" },
	{ "events", K_LIST, D_IDENT, "", "the days of the timeline's events "
	    "it links", "" },
	{ "words", K_TEXT, D_IDENT, "", "the client's own words (free "
	    "text)", "" },
	{ "text", K_TEXT, D_IDENT, "", "the formulation as told to the "
	    "client (free text)", "" },
	C_END
};
static const struct ecol *const table_cols[EXP_NTABLES] = { cols_clients,
    cols_sessions, cols_measures, cols_items, cols_focus, cols_outcomes,
    cols_formulation };

/*
 * Where a client's rows of each table wait in its spill: the record a
 * client has in the spool is this, then its key (pseudonym or id) and a
 * NUL.  The spool sorts by key, clients with the same key in the order
 * they came.
 */
struct export_key {
	uint64_t	 off[EXP_NTABLES];
	uint64_t	 len[EXP_NTABLES];
};

/* No day (days are counted from 1970: those before it are < 0). */
#define NO_DAY	LONG_MIN

/* What the rows of one client need. */
struct who {
	const char	*client;	/* id or pseudonym */
	const char	*site;
	const char	*therapist;
	long		 shift;		/* days added to dates */
	long		 day0;		/* first session held, or NO_DAY */
	long		*held;		/* held place of each session row */
	const struct instr_set *set;
};

struct emit {
	struct export	*e;
	enum export_table t;
	struct buf	*b;		/* CSV rows */
	struct json_w	 w;		/* JSON rows, into b */
	size_t		 col;		/* next column of the row */
	const struct who *who;
};

static int
col_kept(const struct export *e, const struct ecol *c)
{
	if ((c->drop & D_IDENT) && e->deidentify)
		return 0;
	if ((c->drop & D_DATE) && e->dates == DATES_NONE)
		return 0;
	if ((c->drop & D_NOT_SH) && e->deidentify != DEID_SAFE_HARBOR)
		return 0;
	return 1;
}

/*
 * A client's JSON rows are kept as they will print: a part (json.h) of
 * the table's array, each row on a line of its own.
 */
static void
row_begin(struct emit *m)
{
	m->col = 0;
	m->e->nrows[m->t]++;
	if (m->e->f == FMT_JSON) {
		jw_gap(&m->w, m->e->rowgap);
		jw_obj(&m->w);
	}
}

/* A CSV cell, escaped and neutralising formulas (see csv_safe_cell()). */
static void
csv_safe_buf(struct buf *b, const char *s)
{
	char *q;

	s = esc_text(s);
	if (!csv_formula_like(s)) {
		buf_csv_field(b, s, ',');
		return;
	}
	q = xasprintf("'%s", s);
	buf_csv_field(b, q, ',');
	free(q);
}

/* A JSON number, or null for "", NA or what is not a number. */
static void
json_num_or_null(struct json_w *w, const char *v, size_t len)
{
	char tmp[64];

	if (len == 0 || len >= sizeof(tmp)) {
		jw_null(w);
		return;
	}
	memcpy(tmp, v, len);
	tmp[len] = '\0';
	if (json_number(tmp))
		jw_raw(w, tmp, len);
	else
		jw_null(w);
}

/* A JSON array of the words of v, separated by sep. */
static void
json_words(struct json_w *w, const char *v, char sep, int numbers)
{
	const char *p, *q;
	char *word;

	jw_arr(w);
	for (p = v; *p != '\0'; p = *q != '\0' ? q + 1 : q) {
		if ((q = strchr(p, sep)) == NULL)
			q = p + strlen(p);
		if (q == p)
			continue;
		if (numbers)
			json_num_or_null(w, p, (size_t)(q - p));
		else {
			word = xstrndup(p, (size_t)(q - p));
			jw_str(w, word);
			free(word);
		}
	}
	jw_end(w);
}

/* Emit the next column's value (skipping the ones left out). */
static void
cell(struct emit *m, const char *v)
{
	size_t j = m->col++;
	const struct ecol *c = &table_cols[m->t][j];
	struct buf *b = m->b;

	if (!col_kept(m->e, c))
		return;
	if (m->e->f == FMT_CSV) {
		if (j > 0)
			buf_addc(b, ',');
		csv_safe_buf(b, v);
		return;
	}
	jw_key_raw(&m->w, m->e->key[m->t][j], m->e->keylen[m->t][j]);
	switch (c->kind) {
	case K_INT:
	case K_NUM:
		json_num_or_null(&m->w, v, strlen(v));
		break;
	case K_BOOL:
		if (*v == '\0')
			jw_null(&m->w);
		else
			jw_bool(&m->w, strcmp(v, "1") == 0);
		break;
	case K_LIST:
		json_words(&m->w, v, ';', 0);
		break;
	case K_SCORES:
		json_words(&m->w, v, ' ', 1);
		break;
	default:
		if (*v == '\0')
			jw_null(&m->w);
		else
			jw_str(&m->w, v);
	}
}

static void
cell_long(struct emit *m, long n)
{
	char b[32], *p = b + sizeof(b);
	unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;

	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (n < 0)
		*--p = '-';
	cell(m, p);
}

/* A whole number, or an empty cell when n < 0 (none). */
static void
cell_count(struct emit *m, long n)
{
	if (n < 0)
		cell(m, "");
	else
		cell_long(m, n);
}

/* The year of a date "YYYY-MM-DD", into b. */
static const char *
year_of(const char *v, char *b)
{
	memcpy(b, v, 4);
	b[4] = '\0';
	return b;
}

/*
 * A date (real, shifted, or left out with --dates none; its year only in
 * a Safe Harbor export), then its study
 * day: days from the client's first session held.
 */
static void
cell_date(struct emit *m, const char *v)
{
	char b[DATE_LEN];
	long d, lo;
	int ok = date_parse(v, &d) == 0;

	if (m->e->deidentify == DEID_SAFE_HARBOR && m->e->dates != DATES_NONE)
		cell(m, ok ? year_of(v, b) : "");	/* the year only */
	else if (m->e->dates == DATES_REAL)
		cell(m, v);
	else if (m->e->dates == DATES_NONE || !ok)
		cell(m, "");
	else {
		/* A shift that would leave the dates ipt accepts: empty. */
		date_parse("1900-01-01", &lo);
		if (d + m->who->shift < lo)
			cell(m, "");
		else {
			date_format(d + m->who->shift, b);
			cell(m, b);
		}
	}
	if (ok && m->who->day0 != NO_DAY)
		cell_long(m, d - m->who->day0);
	else
		cell(m, "");
}

static void
row_end(struct emit *m)
{
	if (m->e->f == FMT_JSON)
		jw_end(&m->w);
	else
		buf_addc(m->b, '\n');
}

/* Begin and end a table's rows of one client, into b. */
static void
rows_begin(struct emit *m, struct export *e, int t, struct buf *b,
    const struct who *who)
{
	memset(m, 0, sizeof(*m));
	m->e = e;
	m->t = (enum export_table)t;
	m->b = b;
	m->who = who;
	jw_buf(&m->w, b);
	jw_part(&m->w);
}

static void
rows_end(struct emit *m)
{
	jw_end(&m->w);
}

/* A field by column index (-1: a column the file does not have). */
static const char *
fld(const struct csv_table *t, size_t row, int col)
{
	return col < 0 ? "" : t->rows[row].f[col];
}

/* Column indexes of names, looked up once a table. */
static void
cols_of(const struct csv_table *t, const char *const *names, int *col)
{
	for (; *names != NULL; names++)
		*col++ = csv_col(t, *names);
}

/* The held place of session number `num' (a field), or -1. */
static long
held_of(const struct summary *s, const struct who *who, const char *num)
{
	long n;
	size_t i;
	int c = csv_col(&s->sessions, "number");

	if (c < 0 || parse_long(num, 1, 9999, &n) == -1)
		return -1;
	for (i = 0; i < s->sessions.nrows; i++)
		if (strcmp(s->sessions.rows[i].f[c], num) == 0)
			return who->held[i];
	return -1;
}

/*
 * Safe Harbor's age: whole years at the end of treatment (or the export
 * date), "90+" past 89 (45 CFR 164.514(b)(2)(i)(C)); "" if unknown.
 */
static const char *
age_group(const struct summary *s, long today, char out[8])
{
	char now[DATE_LEN];
	long birth, y;

	if (s->c.birth_date[0] == '\0' ||
	    date_parse(s->c.birth_date, &birth) == -1)
		return "";
	date_format(s->c.end_day >= 0 ? s->c.end_day : today, now);
	y = strtol(now, NULL, 10) - strtol(s->c.birth_date, NULL, 10);
	if (strcmp(now + 4, s->c.birth_date + 4) < 0)
		y--;
	if (y < 0)
		return "";
	if (y > 89)
		return "90+";
	snprintf(out, 8, "%ld", y);
	return out;
}

/* The number of the episode a day is in (episode.h). */
static long
episode_of(const struct summary *s, const char *date)
{
	long d;

	if (s->eps.n == 0)
		return s->c.episode;
	if (date_parse(date, &d) == -1)
		return s->eps.v[s->eps.n - 1].num;
	return s->eps.v[episode_at(&s->eps, d)].num;
}

static void
emit_clients(struct emit *m, const struct summary *s, const struct who *who)
{
	char age[8];

	row_begin(m);
	cell(m, who->client);
	cell(m, who->site);
	cell(m, s->c.name);
	cell(m, who->therapist);
	cell(m, s->c.variant);
	cell(m, s->c.status);
	cell_date(m, s->c.start);
	cell_long(m, s->c.planned);
	cell_long(m, s->c.frequency);
	cell(m, s->c.primary);
	cell(m, s->c.secondary);
	cell_date(m, s->c.focus_set_on);
	cell_long(m, s->held);
	cell_long(m, s->cancelled);
	cell_long(m, s->noshow);
	cell_long(m, s->weeks);
	cell_date(m, s->c.ended_on);
	cell(m, s->c.end_reason);
	/* Only in an export that is not de-identified: dates as they are. */
	cell(m, m->e->dates == DATES_REAL ? s->c.birth_date : "");
	cell(m, s->c.diagnosis);
	cell(m, s->c.icd);
	cell(m, s->c.referrer);
	cell(m, m->e->dates == DATES_REAL ? s->c.consent_date : "");
	cell(m, s->c.emergency);
	cell(m, age_group(s, m->e->today, age));
	cell_long(m, s->c.episode);
	row_end(m);
}

static void
emit_sessions(struct emit *m, const struct summary *s, const struct who *who)
{
	static const char *const names[] = { "number", "date", "kind",
	    "attendance", "duration_min", "phase", "focus", "techniques",
	    "mood", "stress", "note", NULL };
	const struct csv_table *t = &s->sessions;
	int c[11];
	size_t i, j;

	cols_of(t, names, c);
	for (i = 0; i < t->nrows; i++) {
		row_begin(m);
		cell(m, who->client);
		cell(m, who->site);
		cell(m, fld(t, i, c[0]));
		cell_count(m, who->held[i]);
		cell_date(m, fld(t, i, c[1]));
		for (j = 2; j < 11; j++)
			cell(m, fld(t, i, c[j]));
		cell_long(m, episode_of(s, fld(t, i, c[1])));
		row_end(m);
	}
}

/*
 * What a de-identified export lets through of an administration: only
 * values the instrument's definition names (issue: a hand edit in a
 * severity or flags cell reaches no research file).  NULL when the
 * instrument has no definition: the row is left out.
 */
struct clean {
	char	 total[64], severity[64];
	struct buf items, flags;
};

static const struct instrument *
clean_measure(struct export *e, enum export_table m_t,
    const struct summary *s, const struct who *who,
    const struct csv_table *t, size_t r, const int *c, struct clean *cl)
{
	const struct instrument *in;
	const char *p, *q, *v;
	long x;
	size_t i, k, len;

	in = who->set != NULL ? instr_find(who->set, fld(t, r, c[2])) : NULL;
	if (in == NULL) {
		/* Counted once, when measures and items are both chosen. */
		if (t == &s->measures && (m_t == EXP_MEASURES ||
		    !(e->tables & (1u << EXP_MEASURES))) && e->dropped++ == 0)
			e->dropped_first = xasprintf("%s/measures.csv:%zu: "
			    "instrument '%s'", s->c.dir, t->rows[r].line,
			    fld(t, r, c[2]));
		return NULL;
	}
	v = fld(t, r, c[3]);
	snprintf(cl->total, sizeof(cl->total), "%s",
	    instr_parse_value(in, v, &x) == 0 ? v : "");
	v = fld(t, r, c[4]);
	cl->severity[0] = '\0';
	for (i = 0; i < in->nbands; i++)
		if (strcmp(in->band[i].name, v) == 0)
			snprintf(cl->severity, sizeof(cl->severity), "%s", v);
	buf_reset(&cl->items);
	for (k = 0, p = fld(t, r, c[5]); *p != '\0'; p = q) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != ' '; q++)
			;
		len = (size_t)(q - p);
		if (k++ > 0)
			buf_addc(&cl->items, ' ');
		v = "NA";
		if (k <= in->nitems && len < 32) {
			char w[32];

			memcpy(w, p, len);
			w[len] = '\0';
			if (plain_decimal(w) && parse_long(w,
			    in->item[k - 1].min, in->item[k - 1].max,
			    &x) == 0) {
				buf_add(&cl->items, p, len);
				continue;
			}
		}
		buf_adds(&cl->items, v);
	}
	buf_reset(&cl->flags);
	v = fld(t, r, c[6]);
	if (list_contains(v, "risk"))
		buf_adds(&cl->flags, "risk");
	if (list_contains(v, "reviewed"))
		buf_adds(&cl->flags, cl->flags.len > 0 ? ";reviewed" :
		    "reviewed");
	/* The buffers are read as strings. */
	buf_addc(&cl->items, '\0');
	cl->items.len--;
	buf_addc(&cl->flags, '\0');
	cl->flags.len--;
	return in;
}

static void
emit_measures(struct emit *m, const struct summary *s, const struct who *who)
{
	static const char *const names[] = { "date", "session", "instrument",
	    "total", "severity", "items", "flags", NULL };
	const struct csv_table *t = &s->measures;
	struct buf subs = { 0 }, crit = { 0 };
	struct clean cl;
	struct emit pm;
	size_t *ix, i, j, k, admin = 0;
	const char *p, *q, *v[7];
	char w[64];
	int c[7];

	memset(&cl, 0, sizeof(cl));
	cols_of(t, names, c);
	ix = rows_by_date(t, c[0]);
	for (i = 0; i < t->nrows; i++) {
		size_t r = ix[i];

		for (j = 0; j < 7; j++)
			v[j] = fld(t, r, c[j]);
		if (m->e->deidentify) {
			if (clean_measure(m->e, m->t, s, who, t, r, c,
			    &cl) == NULL)
				continue;
			v[3] = cl.total;
			v[4] = cl.severity;
			v[5] = cl.items.s != NULL ? cl.items.s : "";
			v[6] = cl.flags.s != NULL ? cl.flags.s : "";
		}
		admin++;
		if (m->t == EXP_MEASURES) {
			row_begin(m);
			cell(m, who->client);
			cell(m, who->site);
			cell_long(m, (long)admin);
			cell_date(m, v[0]);
			cell(m, v[1]);
			cell_count(m, held_of(s, who, v[1]));
			for (j = 2; j < 7; j++)
				cell(m, v[j]);
			buf_reset(&subs);
			buf_reset(&crit);
			measure_derived(who->set != NULL ? instr_find(who->set,
			    v[2]) : NULL, v[5], &subs, &crit);
			cell(m, subs.s != NULL ? subs.s : "");
			cell(m, crit.s != NULL ? crit.s : "");
			cell_long(m, episode_of(s, v[0]));
			row_end(m);
			continue;
		}
		/*
		 * One row per item score.  The cells before the item's are
		 * the same for each: made once.
		 */
		buf_reset(&m->e->pre);
		rows_begin(&pm, m->e, m->t, &m->e->pre, who);
		cell(&pm, who->client);
		cell(&pm, who->site);
		cell_long(&pm, (long)admin);
		cell_date(&pm, v[0]);
		cell(&pm, v[1]);
		cell_count(&pm, held_of(s, who, v[1]));
		cell(&pm, v[2]);
		for (k = 1, p = v[5]; *p != '\0'; k++) {
			while (*p == ' ')
				p++;
			if (*p == '\0')
				break;
			for (q = p; *q != '\0' && *q != ' '; q++)
				;
			if ((size_t)(q - p) < sizeof(w)) {
				memcpy(w, p, (size_t)(q - p));
				w[q - p] = '\0';
			} else
				snprintf(w, sizeof(w), "%.*s", (int)(q - p), p);
			row_begin(m);
			if (m->e->f == FMT_JSON)
				jw_raw(&m->w, m->e->pre.s, m->e->pre.len);
			else
				buf_add(m->b, m->e->pre.s, m->e->pre.len);
			m->col = pm.col;
			cell_long(m, (long)k);
			cell(m, strcmp(w, "NA") == 0 ? "" : w);
			row_end(m);
			p = q;
		}
	}
	buf_free(&cl.items);
	buf_free(&cl.flags);
	buf_free(&subs);
	buf_free(&crit);
	free(ix);
}

static void
emit_focus(struct emit *m, const struct summary *s, const struct who *who)
{
	static const char *const names[] = { "date", "session", "primary",
	    "secondary", "note", NULL };
	const struct csv_table *t = &s->focus;
	size_t *ix, i, j;
	int c[5];

	cols_of(t, names, c);
	ix = rows_by_date(t, c[0]);
	for (i = 0; i < t->nrows; i++) {
		size_t r = ix[i];

		row_begin(m);
		cell(m, who->client);
		cell(m, who->site);
		cell_date(m, fld(t, r, c[0]));
		cell(m, fld(t, r, c[1]));
		cell_count(m, held_of(s, who, fld(t, r, c[1])));
		for (j = 2; j < 5; j++)
			cell(m, fld(t, r, c[j]));
		row_end(m);
	}
	free(ix);
}

/* "a; b" (formulation.csv's people) as a list "a;b". */
static char *
semi_list(const char *v)
{
	char *r = xstrdup(v), *p, *q;

	for (p = q = r; *p != '\0'; p++)
		if (!(*p == ' ' && p > r && p[-1] == ';'))
			*q++ = *p;
	*q = '\0';
	return r;
}

/* The formulation and its revisions, in date order. */
static void
emit_formulation(struct emit *m, const struct summary *s,
    const struct who *who)
{
	static const char *const names[] = { "id", "date", "area", "agreed",
	    "people", "events", "words", "text", NULL };
	const struct csv_table *t = &s->formulation;
	size_t *ix, i;
	int c[8];
	char *people;

	cols_of(t, names, c);
	ix = rows_by_date(t, c[1]);
	for (i = 0; i < t->nrows; i++) {
		size_t r = ix[i];

		row_begin(m);
		cell(m, who->client);
		cell(m, who->site);
		cell(m, fld(t, r, c[0]));
		cell_date(m, fld(t, r, c[1]));
		cell(m, fld(t, r, c[2]));
		cell_date(m, fld(t, r, c[3]));
		people = semi_list(fld(t, r, c[4]));
		cell(m, people);
		free(people);
		cell(m, fld(t, r, c[5]));
		cell(m, fld(t, r, c[6]));
		cell(m, fld(t, r, c[7]));
		row_end(m);
	}
	free(ix);
}

/* A boolean cell from measure.h's 1, 0, -1 (not defined). */
static void
cell_bool(struct emit *m, int v)
{
	cell(m, v == 1 ? "1" : v == 0 ? "0" : "");
}

/*
 * One row per instrument given, in order of first use, by the rules of
 * `ipt status' (measure_change()).  De-identified, an instrument without
 * a definition is left out, as its administrations are.
 */
static void
emit_outcomes(struct emit *m, const struct summary *s, const struct who *who)
{
	const struct csv_table *t = &s->measures;
	const struct instrument *in;
	struct measure_change mc;
	const char *name;
	char num[64], *p;
	size_t i, j;
	int defined;

	for (i = 0; i < t->nrows; i++) {
		name = csv_get(t, i, "instrument");
		for (j = 0; j < i; j++)
			if (strcmp(csv_get(t, j, "instrument"), name) == 0)
				break;
		if (j < i)
			continue;
		in = who->set != NULL ? instr_find(who->set, name) : NULL;
		if (in == NULL && m->e->deidentify)
			continue;
		if (measure_change(t, name, in, &mc) == -1)
			continue;	/* outcomes_ok() said it will not */
		defined = in != NULL;
		row_begin(m);
		cell(m, who->client);
		cell(m, who->site);
		cell(m, name);
		cell(m, !defined ? "" : in->higher_better ? "higher" : "lower");
		cell_long(m, (long)mc.n);
		cell(m, defined ? csv_get(t, mc.first, "total") : "");
		cell_date(m, csv_get(t, mc.first, "date"));
		cell(m, defined ? csv_get(t, mc.last, "total") : "");
		cell_date(m, csv_get(t, mc.last, "date"));
		/* "+3" and "-50%" as numbers: 3 and -50. */
		snprintf(num, sizeof(num), "%s", mc.change[0] == '+' ?
		    mc.change + 1 : mc.change);
		cell(m, defined ? num : "");
		snprintf(num, sizeof(num), "%s", mc.pct[0] == '+' ?
		    mc.pct + 1 : mc.pct);
		if ((p = strchr(num, '%')) != NULL)
			*p = '\0';
		cell(m, defined ? num : "");
		cell_bool(m, mc.response);
		cell_bool(m, mc.remission);
		cell_bool(m, mc.reliable == -2 ? -1 : mc.reliable == 1);
		cell_bool(m, mc.reliable == -2 ? -1 : mc.reliable == -1);
		row_end(m);
	}
}

/* Whether every instrument's outcome can be computed (its totals read). */
static int
outcomes_ok(const struct summary *s, const struct instr_set *set)
{
	const struct csv_table *t = &s->measures;
	struct measure_change mc;
	const char *name;
	size_t i;

	for (i = 0; i < t->nrows; i++) {
		name = csv_get(t, i, "instrument");
		if (measure_change(t, name, set != NULL ? instr_find(set,
		    name) : NULL, &mc) == -1)
			return -1;
	}
	return 0;
}

static int
cmp_key(const void *a, size_t alen, const void *b, size_t blen, void *arg)
{
	(void)alen;
	(void)blen;
	(void)arg;
	return strcmp((const char *)a + sizeof(struct export_key),
	    (const char *)b + sizeof(struct export_key));
}

int
export_begin(struct export *e, enum ipt_format f, int deidentify,
    enum export_dates dates, long today, unsigned tables, int files)
{
	const char *c;
	size_t j;
	int t, n = 0;

	memset(e, 0, sizeof(*e));
	e->f = f == FMT_JSON ? FMT_JSON : FMT_CSV;
	e->deidentify = deidentify;
	e->dates = dates;
	e->today = today;
	e->tables = tables;
	for (t = 0; t < EXP_NTABLES; t++)
		n += (tables >> t) & 1;
	/* Tables in one JSON object are indented by a space. */
	e->indent = n > 1 && !files ? " " : "";
	e->rowgap = n > 1 && !files ? "\n   " : "\n  ";
	spool_init(&e->keys, cmp_key, NULL, spool_budget());
	for (t = 0; t < EXP_NTABLES; t++)
		spill_init(&e->rows[t], spool_budget() / EXP_NTABLES);
	for (t = 0; t < EXP_NTABLES; t++)
		for (j = 0; j < EXP_MAXCOLS &&
		    (c = table_cols[t][j].name) != NULL; j++) {
			/* The names are plain: no escapes. */
			e->key[t][j] = xasprintf("\"%s\": ", c);
			e->keylen[t][j] = strlen(e->key[t][j]);
		}
	/* A table wider than EXP_MAXCOLS would name columns wrongly. */
	for (t = 0; t < EXP_NTABLES; t++) {
		for (j = 0; table_cols[t][j].name != NULL; j++)
			;
		if (j > EXP_MAXCOLS)
			abort();
	}
	return 0;
}

/*
 * The held place of each row of sessions.csv (-1 when not held), by date
 * then file order, and the day of the first session held (NO_DAY: none).
 */
static long *
held_places(const struct variant *v, const struct csv_table *t,
    const struct episodes *eps, long *day0)
{
	long *held = xcalloc(t->nrows ? t->nrows : 1, sizeof(*held));
	size_t *ix = rows_by_date(t, csv_col(t, "date")), i, k, cur = 0;
	long n = 0, d;

	*day0 = NO_DAY;
	for (i = 0; i < t->nrows; i++) {
		size_t r = ix[i];

		held[r] = -1;
		if (strcmp(csv_get(t, r, "attendance"), "attended") != 0)
			continue;
		if (*day0 == NO_DAY &&
		    date_parse(csv_get(t, r, "date"), day0) == -1)
			*day0 = NO_DAY;
		/* The places start again with each episode (episode.h). */
		if (eps->n > 1 && date_parse(csv_get(t, r, "date"), &d) == 0 &&
		    (k = episode_at(eps, d)) != cur) {
			cur = k;
			n = 0;
		}
		/* A kind that uses no place in the plan (IPT-A parent). */
		if (variant_kind_uses(v, csv_get(t, r, "kind"), VK_PLACE))
			held[r] = ++n;
	}
	free(ix);
	return held;
}

/* The latest date of a table's column, into *max. */
static void
latest_of(const struct csv_table *t, const char *col, long *max)
{
	long d;
	size_t i;
	int c = csv_col(t, col);

	for (i = 0; c >= 0 && i < t->nrows; i++)
		if (date_parse(t->rows[i].f[c], &d) == 0 && d > *max)
			*max = d;
}

/*
 * The shift of a client's dates: its own (secret.c), made larger where
 * that would put one of its dates after the export date.
 */
static long
client_shift(const struct export *e, const struct summary *s, long shift)
{
	long max = LONG_MIN, d;

	latest_of(&s->sessions, "date", &max);
	latest_of(&s->measures, "date", &max);
	latest_of(&s->focus, "date", &max);
	latest_of(&s->formulation, "date", &max);
	latest_of(&s->formulation, "agreed", &max);
	if (date_parse(s->c.start, &d) == 0 && d > max)
		max = d;
	if (date_parse(s->c.focus_set_on, &d) == 0 && d > max)
		max = d;
	if (max != LONG_MIN && max + shift > e->today)
		shift = e->today - max;
	return shift;
}

/*
 * The path of client directory dir from the practice root, or NULL (after
 * ipt_seterr) when it is not under it.  A scan visits the children of one
 * directory in a row: the real path of their parent is found once (a
 * realpath() costs a system call a level), and each child, unless it is
 * a symbolic link, costs one lstat().
 */
static char *
rel_of(struct export *e, const char *root, const char *dir)
{
	const char *slash = strrchr(dir, '/'), *base;
	struct stat st;
	char *parent;

	base = slash != NULL ? slash + 1 : dir;
	if (*base == '\0' || strcmp(base, ".") == 0 ||
	    strcmp(base, "..") == 0 || lstat(dir, &st) == -1 ||
	    S_ISLNK(st.st_mode))
		return secret_relpath(root, dir);
	parent = slash == NULL ? xstrdup(".") : slash == dir ? xstrdup("/") :
	    xstrndup(dir, (size_t)(slash - dir));
	if (e->memo_parent == NULL || strcmp(e->memo_parent, parent) != 0 ||
	    strcmp(e->memo_root, root) != 0) {
		free(e->memo_parent);
		free(e->memo_root);
		free(e->memo_rel);
		e->memo_parent = parent;
		e->memo_root = xstrdup(root);
		e->memo_rel = secret_relpath(root, parent);
	} else
		free(parent);
	if (e->memo_rel == NULL)	/* dir may be the root itself */
		return secret_relpath(root, dir);
	return *e->memo_rel == '\0' ? xstrdup(base) :
	    xasprintf("%s/%s", e->memo_rel, base);
}

/* The directory holding a client from the practice root ("" if none). */
static char *
site_of(const char *rel)
{
	const char *slash;

	if (rel == NULL || (slash = strrchr(rel, '/')) == NULL)
		return xstrdup("");
	return xstrndup(rel, (size_t)(slash - rel));
}

int
export_add(struct export *e, const struct summary *s,
    const struct export_secret *sec, const struct instr_set *set)
{
	struct export_key k;
	struct emit m;
	struct who who;
	struct buf rec = { 0 };
	char pseudo[PSEUDO_LEN], psite[PSEUDO_LEN], pther[PSEUDO_LEN];
	char *rel = NULL, *site;
	off_t off;
	int t, rc = -1;

	if ((e->tables & (1u << EXP_OUTCOMES)) && outcomes_ok(s, set) == -1)
		return 1;
	memset(&who, 0, sizeof(who));
	who.client = s->c.id;
	who.therapist = s->c.therapist;
	who.set = set;
	if (e->deidentify || e->dates == DATES_SHIFTED) {
		if (sec == NULL)
			return ipt_seterr("%s: no practice secret", s->c.dir);
		if ((rel = rel_of(e, sec->root, s->c.dir)) == NULL)
			return 1;
		who.shift = client_shift(e, s, secret_shift(sec, rel));
	} else if (s->c.root != NULL)
		rel = rel_of(e, s->c.root, s->c.dir);
	site = site_of(rel);
	who.site = site;
	if (e->deidentify) {
		secret_pseudonym(sec, 'C', rel, pseudo);
		secret_pseudonym(sec, 'S', site, psite);
		who.client = pseudo;
		who.site = psite;
		who.therapist = "";
		if (*s->c.therapist != '\0') {
			secret_pseudonym(sec, 'T', s->c.therapist, pther);
			who.therapist = pther;
		}
	}
	who.held = held_places(s->v, &s->sessions, &s->eps, &who.day0);
	memset(&k, 0, sizeof(k));
	for (t = 0; t < EXP_NTABLES; t++) {
		if (!(e->tables & (1u << t)))
			continue;
		buf_reset(&e->scratch);
		rows_begin(&m, e, t, &e->scratch, &who);
		switch (t) {
		case EXP_CLIENTS:
			emit_clients(&m, s, &who);
			break;
		case EXP_SESSIONS:
			emit_sessions(&m, s, &who);
			break;
		case EXP_MEASURES:
		case EXP_ITEMS:
			emit_measures(&m, s, &who);
			break;
		case EXP_FOCUS:
			emit_focus(&m, s, &who);
			break;
		case EXP_FORMULATION:
			emit_formulation(&m, s, &who);
			break;
		default:
			emit_outcomes(&m, s, &who);
		}
		rows_end(&m);
		if (e->scratch.len == 0)
			continue;
		if (spill_add(&e->rows[t], e->scratch.s, e->scratch.len,
		    &off) == -1)
			goto out;
		k.off[t] = (uint64_t)off;
		k.len[t] = e->scratch.len;
	}
	buf_add(&rec, (const char *)&k, sizeof(k));
	buf_add(&rec, who.client, strlen(who.client) + 1);
	rc = spool_add(&e->keys, rec.s, rec.len);
	buf_free(&rec);
	if (rc == 0)
		e->n++;
out:
	free(who.held);
	free(site);
	free(rel);
	return rc;
}

void
export_header(const struct export *e, int t, struct buf *b)
{
	const struct ecol *cols = table_cols[t];
	size_t j;
	int first = 1;

	for (j = 0; cols[j].name != NULL; j++) {
		if (!col_kept(e, &cols[j]))
			continue;
		if (!first)
			buf_addc(b, ',');
		buf_adds(b, cols[j].name);
		first = 0;
	}
	buf_addc(b, '\n');
}

void
export_codebook(const struct export *e, struct buf *b)
{
	const struct ecol *c;
	int t;

	buf_adds(b, "table,variable,type,allowed,label,unit\n");
	for (t = 0; t < EXP_NTABLES; t++) {
		if (!(e->tables & (1u << t)))
			continue;
		for (c = table_cols[t]; c->name != NULL; c++) {
			if (!col_kept(e, c))
				continue;
			buf_csv_field(b, export_tables[t], ',');
			buf_addc(b, ',');
			buf_csv_field(b, c->name, ',');
			buf_addc(b, ',');
			buf_csv_field(b, kind_names[c->kind], ',');
			buf_addc(b, ',');
			buf_csv_field(b, c->allowed, ',');
			buf_addc(b, ',');
			buf_csv_field(b, c->label, ',');
			buf_addc(b, ',');
			buf_csv_field(b, c->unit, ',');
			buf_addc(b, '\n');
		}
	}
}

int
export_rewind(struct export *e)
{
	return spool_rewind(&e->keys);
}

int
export_next(struct export *e, int t, const char **rows, size_t *len)
{
	struct export_key k;
	const void *rec;
	size_t n;
	int rc;

	while ((rc = spool_next(&e->keys, &rec, &n)) == 1) {
		memcpy(&k, rec, sizeof(k));
		if (k.len[t] == 0)
			continue;
		buf_reset(&e->scratch);
		buf_grow(&e->scratch, k.len[t]);
		if (spill_read(&e->rows[t], (off_t)k.off[t], e->scratch.s,
		    k.len[t]) == -1)
			return -1;
		*rows = e->scratch.s;
		*len = k.len[t];
		return 1;
	}
	return rc;
}

void
export_free(struct export *e)
{
	size_t j;
	int t;

	for (t = 0; t < EXP_NTABLES; t++)
		for (j = 0; j < EXP_MAXCOLS; j++)
			free(e->key[t][j]);
	buf_free(&e->pre);
	free(e->dropped_first);
	free(e->memo_parent);
	free(e->memo_root);
	free(e->memo_rel);
	spool_free(&e->keys);
	for (t = 0; t < EXP_NTABLES; t++)
		spill_free(&e->rows[t]);
	buf_free(&e->scratch);
	memset(e, 0, sizeof(*e));
}

int
export_dir_ok(const char *dir)
{
	struct stat st;
	char *client, *parent, *slash;

	if (*dir == '\0')
		return ipt_setusage("--output: empty path");
	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return ipt_setusage("--output: '%s' is not a directory",
			    dir);
		if (client_find(dir, &client) == 0) {
			ipt_setusage("--output: '%s' is inside the client "
			    "directory %s; write it outside the records", dir,
			    client);
			free(client);
			return -1;
		}
		return 0;
	}
	if (errno != ENOENT)
		return ipt_seterrno("--output: %s", dir);
	parent = xstrdup(dir);
	while ((slash = strrchr(parent, '/')) != NULL && slash[1] == '\0' &&
	    slash != parent)
		*slash = '\0';
	if ((slash = strrchr(parent, '/')) == NULL)
		strcpy(parent, ".");
	else if (slash == parent)
		parent[1] = '\0';
	else
		*slash = '\0';
	if (client_find(parent, &client) == 0) {
		ipt_setusage("--output: '%s' is inside the client directory "
		    "%s; write it outside the records", dir, client);
		free(client);
		free(parent);
		return -1;
	}
	free(parent);
	if (mkdir(dir, 0700) == -1)
		return ipt_seterrno("--output: %s", dir);
	return 0;
}
