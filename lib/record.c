/*
 * record.c: the schemas of the CSV record files, and their checked load
 * and save.
 *
 * A schema lists a file's columns in the order a new file gets them.  A
 * file written by hand or by a later version may order them differently
 * or hold more: the header read is kept as it is, columns the schema
 * lacks are carried through untouched, and schema columns the file lacks
 * are added (empty) at the end, which is the only change a rewrite makes
 * to a file's shape.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "csvt.h"
#include "date.h"
#include "record.h"
#include "util.h"

const char *const rec_kinds[] = { "individual", "conjoint", "parent", "group",
    "maintenance", NULL };
const char *const rec_attendance[] = { "attended", "cancelled", "no-show",
    NULL };
const char *const rec_phases[] = { "pregroup", "initial", "middle", "final",
    "extension", "maintenance", NULL };
const char *const rec_techniques[] = {
	"building-support", "clarification", "communication-analysis",
	"contract", "decision-analysis", "direct-elicitation", "directive",
	"encouragement-of-affect", "exploration", "formulation",
	"interval-history", "inventory", "psychoeducation",
	"relapse-prevention", "role-play", "sick-role", "social-rhythm",
	"termination", "therapeutic-relationship", "work-at-home", NULL };
static const char *const event_kinds[] = { "loss", "transition", "dispute",
    "isolation", "symptom", "other", NULL };
const char *const rec_appt_status[] = { "planned", "cancelled", "held",
    NULL };
/* Why a therapy ended: ipt-files(5), [client] end_reason. */
const char *const rec_end_reasons[] = { "completed", "dropped-out",
    "referred", "moved", "declined", "other", NULL };
static const char *const goal_status[] = { "open", "met", "dropped", NULL };
static const char *const relapse_kinds[] = { "warning-sign", "action",
    "contact", NULL };
const char *const rec_risk_levels[] = { "none", "low", "moderate", "high",
    NULL };
static const char *const safety_plans[] = { "agreed", "updated", "declined",
    "n/a", NULL };

#define NF(a)	(sizeof(a) / sizeof(a[0]))

static const struct field_spec sessions_f[] = {
	{ "number",	  FT_INT,	1, 1, 9999, NULL },
	{ "date",	  FT_DATE,	1, 0, 0, NULL },
	{ "kind",	  FT_ENUM,	1, 0, 0, rec_kinds },
	{ "attendance",	  FT_ENUM,	1, 0, 0, rec_attendance },
	{ "duration_min", FT_INT,	0, 0, 600, NULL },
	{ "phase",	  FT_ENUM,	1, 0, 0, rec_phases },
	{ "focus",	  FT_NAME,	0, 0, 0, NULL },
	{ "techniques",	  FT_LIST,	0, 0, 0, rec_techniques },
	{ "mood",	  FT_INT,	0, 0, 10, NULL },
	{ "stress",	  FT_INT,	0, 0, 10, NULL },
	{ "note",	  FT_TEXT,	0, 0, 0, NULL },
};

static const struct field_spec measures_f[] = {
	{ "date",	FT_DATE,	1, 0, 0, NULL },
	{ "session",	FT_INT,		0, 1, 9999, NULL },
	{ "instrument",	FT_NAME,	1, 0, 0, NULL },
	{ "total",	FT_NUM,		1, -100000, 100000, NULL },
	{ "severity",	FT_LINE,	0, 0, 0, NULL },
	{ "items",	FT_WORDS,	0, 0, 0, NULL },
	{ "flags",	FT_LIST,	0, 0, 0, NULL },
};

static const struct field_spec inventory_f[] = {
	{ "date",	  FT_DATE,	1, 0, 0, NULL },
	{ "person",	  FT_LINE,	1, 0, 0, NULL },
	{ "relationship", FT_LINE,	1, 0, 0, NULL },
	{ "contact",	  FT_LINE,	0, 0, 0, NULL },
	{ "closeness",	  FT_INT,	0, 1, 5, NULL },
	{ "support",	  FT_INT,	0, 1, 5, NULL },
	{ "conflict",	  FT_INT,	0, 1, 5, NULL },
	{ "satisfying",	  FT_TEXT,	0, 0, 0, NULL },
	{ "unsatisfying", FT_TEXT,	0, 0, 0, NULL },
	{ "changes_wanted", FT_TEXT,	0, 0, 0, NULL },
};

static const struct field_spec timeline_f[] = {
	{ "date",	FT_DATE,	1, 0, 0, NULL },
	{ "kind",	FT_ENUM,	1, 0, 0, event_kinds },
	{ "event",	FT_TEXT,	1, 0, 0, NULL },
	{ "mood",	FT_INT,		0, 0, 10, NULL },
};

static const struct field_spec goals_f[] = {
	{ "id",		FT_INT,		1, 1, 9999, NULL },
	{ "set_on",	FT_DATE,	1, 0, 0, NULL },
	{ "goal",	FT_TEXT,	1, 0, 0, NULL },
	{ "status",	FT_ENUM,	1, 0, 0, goal_status },
	{ "closed_on",	FT_DATE,	0, 0, 0, NULL },
};

static const struct field_spec focus_f[] = {
	{ "date",	FT_DATE,	1, 0, 0, NULL },
	{ "session",	FT_INT,		0, 1, 9999, NULL },
	{ "primary",	FT_NAME,	1, 0, 0, NULL },
	{ "secondary",	FT_NAME,	0, 0, 0, NULL },
	{ "note",	FT_TEXT,	0, 0, 0, NULL },
};

static const struct field_spec relapse_f[] = {
	{ "id",		FT_INT,		1, 1, 9999, NULL },
	{ "date",	FT_DATE,	1, 0, 0, NULL },
	{ "kind",	FT_ENUM,	1, 0, 0, relapse_kinds },
	{ "text",	FT_TEXT,	1, 0, 0, NULL },
};

static const struct field_spec risk_f[] = {
	{ "date",	FT_DATE,	1, 0, 0, NULL },
	{ "session",	FT_INT,		0, 1, 9999, NULL },
	{ "instrument",	FT_NAME,	0, 0, 0, NULL },
	{ "flagged",	FT_DATE,	0, 0, 0, NULL },	/* measure.h */
	{ "note",	FT_TEXT,	1, 0, 0, NULL },
	{ "level",	FT_ENUM,	0, 0, 0, rec_risk_levels },
	{ "safety_plan", FT_ENUM,	0, 0, 0, safety_plans },
	{ "next",	FT_DATE,	0, 0, 0, NULL },	/* next review */
};

/* An appointment: a session planned at a day and time (appointment.h). */
static const struct field_spec appointments_f[] = {
	{ "id",		  FT_INT,	1, 1, 9999, NULL },
	{ "date",	  FT_DATE,	1, 0, 0, NULL },
	{ "time",	  FT_LINE,	1, 0, 0, NULL },
	{ "duration_min", FT_INT,	1, 5, 600, NULL },
	{ "status",	  FT_ENUM,	1, 0, 0, rec_appt_status },
	{ "session",	  FT_INT,	0, 1, 9999, NULL },
	{ "note",	  FT_TEXT,	0, 0, 0, NULL },
};

/*
 * A signed session (sign.h): the session by its number and date, who
 * signed it when, and the SHA-256 of its row and note as signed.
 */
static const struct field_spec signatures_f[] = {
	{ "date",	  FT_DATE,	1, 0, 0, NULL },	/* the session's */
	{ "session",	  FT_INT,	1, 1, 9999, NULL },
	{ "signed_on",	  FT_DATE,	1, 0, 0, NULL },
	{ "signed_by",	  FT_LINE,	1, 0, 0, NULL },
	{ "row_sha256",	  FT_NAME,	1, 0, 0, NULL },
	{ "note_sha256",  FT_NAME,	0, 0, 0, NULL },	/* "": no note */
};

/* An addendum to a session's record, after it was signed (sign.h). */
static const struct field_spec addenda_f[] = {
	{ "id",		FT_INT,		1, 1, 9999, NULL },
	{ "date",	FT_DATE,	1, 0, 0, NULL },	/* the session's */
	{ "session",	FT_INT,		1, 1, 9999, NULL },
	{ "added_on",	FT_DATE,	1, 0, 0, NULL },
	{ "added_by",	FT_LINE,	1, 0, 0, NULL },
	{ "text",	FT_TEXT,	1, 0, 0, NULL },
};

/*
 * The interpersonal formulation (formulation.h): one row per revision,
 * appended; the last row is the formulation in force.
 */
static const struct field_spec formulation_f[] = {
	{ "id",		FT_INT,		1, 1, 9999, NULL },	/* revision */
	{ "date",	FT_DATE,	1, 0, 0, NULL },
	{ "area",	FT_NAME,	1, 0, 0, NULL },
	{ "people",	FT_LINE,	0, 0, 0, NULL },	/* "; " */
	{ "events",	FT_LIST,	0, 0, 0, NULL },	/* days */
	{ "words",	FT_TEXT,	0, 0, 0, NULL },
	{ "agreed",	FT_DATE,	0, 0, 0, NULL },
	{ "text",	FT_TEXT,	1, 0, 0, NULL },
};

/*
 * The episodes of treatment closed (episode.h): one row per episode,
 * appended when the next one starts.
 */
static const struct field_spec episodes_f[] = {
	{ "episode",	FT_INT,		1, 1, 999, NULL },
	{ "start",	FT_DATE,	1, 0, 0, NULL },
	{ "ended_on",	FT_DATE,	1, 0, 0, NULL },
	{ "end_reason",	FT_ENUM,	1, 0, 0, rec_end_reasons },
	{ "variant",	FT_NAME,	1, 0, 0, NULL },
	{ "planned_sessions", FT_INT,	1, 1, 999, NULL },
	{ "frequency_days", FT_INT,	1, 1, 366, NULL },
	{ "primary",	FT_NAME,	0, 0, 0, NULL },	/* its focus */
	{ "secondary",	FT_NAME,	0, 0, 0, NULL },
};

static const struct rec_schema schemas[REC_NFILES] = {
	[REC_SESSIONS] =	{ "sessions.csv", sessions_f, NF(sessions_f) },
	[REC_MEASURES] =	{ "measures.csv", measures_f, NF(measures_f) },
	[REC_INVENTORY] =	{ "inventory.csv", inventory_f, NF(inventory_f) },
	[REC_TIMELINE] =	{ "timeline.csv", timeline_f, NF(timeline_f) },
	[REC_GOALS] =		{ "goals.csv", goals_f, NF(goals_f) },
	[REC_FOCUS] =		{ "focus.csv", focus_f, NF(focus_f) },
	[REC_RELAPSE] =		{ "relapse.csv", relapse_f, NF(relapse_f) },
	[REC_RISK] =		{ "risk.csv", risk_f, NF(risk_f) },
	[REC_APPOINTMENTS] =	{ "appointments.csv", appointments_f,
				  NF(appointments_f) },
	[REC_SIGNATURES] =	{ "signatures.csv", signatures_f,
				  NF(signatures_f) },
	[REC_ADDENDA] =		{ "addenda.csv", addenda_f, NF(addenda_f) },
	[REC_FORMULATION] =	{ "formulation.csv", formulation_f,
				  NF(formulation_f) },
	[REC_EPISODES] =	{ "episodes.csv", episodes_f, NF(episodes_f) },
};

const struct rec_schema *
rec_schema(enum rec_file f)
{
	return &schemas[f];
}

const struct field_spec *
rec_field(enum rec_file f, const char *col)
{
	size_t i;

	for (i = 0; i < schemas[f].n; i++)
		if (strcmp(schemas[f].f[i].name, col) == 0)
			return &schemas[f].f[i];
	return NULL;
}

int
rec_lookup(const char *const *list, const char *s)
{
	int i;

	/* The first byte first: the record checks look up every value. */
	for (i = 0; list[i] != NULL; i++)
		if (list[i][0] == s[0] && strcmp(list[i], s) == 0)
			return i;
	return -1;
}

const char *
rec_names(const char *const *list)
{
	static char b[1024];
	size_t i, n = 0;

	b[0] = '\0';
	for (i = 0; list[i] != NULL && n < sizeof(b) - 1; i++)
		n += (size_t)snprintf(b + n, sizeof(b) - n, "%s%s",
		    i > 0 ? ", " : "", list[i]);
	return b;
}

static int
token_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 64)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (i > 0 && (c == '-' || c == '_' || c == '.'))))
			return 0;
	}
	return 1;
}

static int
num_ok(const char *s)
{
	char *end;
	size_t i;

	/* Whole numbers, most totals, need no strtod(). */
	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i > 0 && i <= 15 && s[i] == '\0')
		return 1;
	if (*s == '\0' || *s == ' ' || *s == '+')
		return 0;
	errno = 0;
	(void)strtod(s, &end);
	if (errno != 0 || *end != '\0')
		return 0;
	/* Plain decimals only: no exponents, hex, inf or nan. */
	for (; *s != '\0'; s++)
		if (!((*s >= '0' && *s <= '9') || *s == '.' || *s == '-'))
			return 0;
	return 1;
}

/*
 * utf8_valid() of a value, with a quick pass first for the common case of
 * printable ASCII and tabs (and newlines, if allowed), which is valid.
 */
static int
text_ok(const char *v, int allow_newline)
{
	const unsigned char *p;

	for (p = (const unsigned char *)v; (*p >= ' ' && *p < 0x7f) ||
	    *p == '\t' || (*p == '\n' && allow_newline); p++)
		;
	return *p == '\0' || utf8_valid(v, strlen(v), allow_newline);
}

/*
 * rec_value_error(); plain says that v is a field csv_load() split from a
 * plain text (csv_field_plain()), which is valid UTF-8 holding no control
 * character but tab and newline: the text types need not check it again.
 */
static const char *
value_error(const struct field_spec *fs, const char *v, int plain, char *why,
    size_t whylen)
{
	long n, d;
	const char *p, *q;

	if (*v == '\0')
		return fs->required ? "is required" : NULL;
	switch (fs->type) {
	case FT_TEXT:
		if (!plain && !text_ok(v, 1))
			return "holds a control character or invalid UTF-8";
		return NULL;
	case FT_LINE:
		if (plain ? strchr(v, '\n') != NULL : !text_ok(v, 0))
			return "must be one line of text without control "
			    "characters";
		return NULL;
	case FT_DATE:
		if (date_parse(v, &d) == -1) {
			snprintf(why, whylen, "'%s' is not a valid date "
			    "(YYYY-MM-DD)", v);
			return why;
		}
		return NULL;
	case FT_INT:
		if (parse_small(v, &n) == 0 ? n < fs->min || n > fs->max :
		    parse_long(v, fs->min, fs->max, &n) == -1) {
			snprintf(why, whylen, "'%s' is not a whole number from "
			    "%ld to %ld", v, fs->min, fs->max);
			return why;
		}
		return NULL;
	case FT_NUM:
		if (!num_ok(v)) {
			snprintf(why, whylen, "'%s' is not a number", v);
			return why;
		}
		return NULL;
	case FT_ENUM:
		if (rec_lookup(fs->values, v) == -1) {
			snprintf(why, whylen, "'%s' is not one of: %s", v,
			    rec_names(fs->values));
			return why;
		}
		return NULL;
	case FT_NAME:
		if (!token_ok(v, strlen(v))) {
			snprintf(why, whylen, "'%s' is not a name of lowercase "
			    "letters, digits, '-', '_' and '.'", v);
			return why;
		}
		return NULL;
	case FT_LIST:
		for (p = v;; p = q + 1) {
			char tok[80];
			size_t len;

			q = strchr(p, ';');
			len = q != NULL ? (size_t)(q - p) : strlen(p);
			if (len >= sizeof(tok) || !token_ok(p, len)) {
				snprintf(why, whylen, "'%s' is not a "
				    "';'-separated list of names", v);
				return why;
			}
			memcpy(tok, p, len);
			tok[len] = '\0';
			if (fs->values != NULL &&
			    rec_lookup(fs->values, tok) == -1) {
				snprintf(why, whylen, "'%s' is not one of: %s",
				    tok, rec_names(fs->values));
				return why;
			}
			if (q == NULL)
				break;
		}
		return NULL;
	case FT_WORDS:
		for (p = v; *p != '\0'; p++)
			if (!((*p >= '0' && *p <= '9') || *p == ' ' ||
			    *p == '.' || *p == '-' || *p == 'N' || *p == 'A')) {
				snprintf(why, whylen, "'%s' is not a "
				    "space-separated list of scores", v);
				return why;
			}
		return NULL;
	}
	return NULL;
}

const char *
rec_value_error(const struct field_spec *fs, const char *v, char *why,
    size_t whylen)
{
	return value_error(fs, v, 0, why, whylen);
}

int
rec_check_arg(enum rec_file f, const char *col, const char *opt,
    const char *val)
{
	const struct field_spec *fs = rec_field(f, col);
	const char *why;
	char buf[512];

	if (fs == NULL)
		return 0;
	if ((why = rec_value_error(fs, val, buf, sizeof(buf))) != NULL)
		return ipt_setusage("%s: %s", opt, why);
	/* A required text given now holds more than blanks (a file may). */
	if (fs->type == FT_TEXT && fs->required &&
	    val[strspn(val, " \t\r\n")] == '\0')
		return ipt_setusage("%s: is blank", opt);
	return 0;
}

static char *
rec_path(const char *dir, enum rec_file f)
{
	return path_child(dir, schemas[f].file);
}

/* Check every row of t against the schema. */
static int
validate(const struct rec_schema *s, const struct csv_table *t)
{
	size_t i, j;
	char why[512];
	const char *w;

	for (j = 0; j < s->n; j++) {
		int c = csv_col(t, s->f[j].name);

		if (c == -1)
			continue;
		for (i = 0; i < t->nrows; i++) {
			w = value_error(&s->f[j], t->rows[i].f[c],
			    csv_field_plain(t, t->rows[i].f[c]), why,
			    sizeof(why));
			if (w == NULL)
				continue;
			if (t->rows[i].line > 0)
				return ipt_seterr("%s:%zu: %s: %s", t->path,
				    t->rows[i].line, s->f[j].name, w);
			return ipt_seterr("%s: new row: %s: %s", t->path,
			    s->f[j].name, w);
		}
	}
	return 0;
}

int
rec_load(const char *dir, enum rec_file f, struct csv_table *t)
{
	const struct rec_schema *s = &schemas[f];
	char *path = rec_path(dir, f);
	const char *names[32];
	size_t j;

	if (csv_load(t, path) == -1) {
		if (errno != ENOENT) {
			csv_free_table(t);
			free(path);
			return -1;
		}
		for (j = 0; j < s->n; j++)
			names[j] = s->f[j].name;
		csv_free_table(t);
		csv_init_table(t, path, names, s->n);
		free(path);
		return 0;
	}
	free(path);
	if (t->ncols == 0) {
		/* An empty file: take it as a header-only one. */
		for (j = 0; j < s->n; j++)
			csv_add_col(t, s->f[j].name);
		return 0;
	}
	for (j = 0; j < s->n; j++)
		if (csv_col(t, s->f[j].name) == -1) {
			if (s->f[j].required) {
				ipt_seterr("%s:1: the header lacks the column "
				    "'%s'", t->path, s->f[j].name);
				csv_free_table(t);
				return -1;
			}
			csv_add_col(t, s->f[j].name);
		}
	if (validate(s, t) == -1) {
		csv_free_table(t);
		return -1;
	}
	return 0;
}

struct save {
	const struct csv_table	*t;
	const char		*name;		/* for messages */
};

/*
 * Write the table, and refuse a file csv_load() would refuse to read
 * back: larger than CSV_MAXFILE bytes (a record file's text is its bytes,
 * so the position after writing is the size).
 */
static int
fill_csv(FILE *fp, void *arg)
{
	const struct save *sv = arg;
	long n;

	if (csv_write_table(sv->t, fp) == -1)
		return -1;
	if ((n = ftell(fp)) > CSV_MAXFILE)
		return ipt_seterr("%s: would be %ld bytes, more than the %d "
		    "MiB a record file may hold; nothing changed", sv->name, n,
		    CSV_MAXFILE / (1024 * 1024));
	return 0;
}

int
rec_check(enum rec_file f, const struct csv_table *t)
{
	size_t n;

	if (validate(&schemas[f], t) == -1)
		return -1;
	/* Nor more fields than csv_load() holds. */
	if (t->ncols > 0 && t->nrows > CSV_MAXCELLS / t->ncols)
		return ipt_seterr("%s: would hold %zu fields, more than the %d "
		    "a record file may hold; nothing changed", t->path != NULL ?
		    t->path : schemas[f].file, t->nrows * t->ncols,
		    CSV_MAXCELLS);
	/*
	 * Nor more bytes than it reads, counted before any file is written:
	 * txn_commit() checks every table of a commit first, so that the
	 * second file of two over its limit leaves the first unwritten too.
	 */
	if ((n = csv_table_size(t)) > CSV_MAXFILE)
		return ipt_seterr("%s: would be %zu bytes, more than the %d MiB "
		    "a record file may hold; nothing changed", t->path != NULL ?
		    t->path : schemas[f].file, n, CSV_MAXFILE / (1024 * 1024));
	return 0;
}

int
rec_save(const char *dir, enum rec_file f, const struct csv_table *t)
{
	struct save sv;

	if (rec_check(f, t) == -1)
		return -1;
	sv.t = t;
	sv.name = t->path != NULL ? t->path : schemas[f].file;
	return atomic_replace(dir, schemas[f].file, fill_csv, NULL, &sv);
}

long
rec_number(const char *s)
{
	long n;

	if (parse_small(s, &n) == 0)
		return n <= 9999 ? n : 0;
	return parse_long(s, 1, 9999, &n) == 0 ? n : 0;
}

long
rec_note_number(const char *name)
{
	if (strlen(name) != 7 || strcmp(name + 4, ".md") != 0 ||
	    strspn(name, "0123456789") != 4)
		return -1;
	return strtol(name, NULL, 10);
}
