/*
 * t_protocol.c: status and remind agree with check on the protocol's
 * rules, over the whole course of every example client.
 *
 * For each client of examples/practice and each day from its start to 8
 * weeks after its last record, the client's records as they stood that
 * day (every row dated after it left out, client.ini's focus from the
 * focus.csv of the day, its status active until the last session) are
 * written to a scratch client directory; then summary_load() gives the
 * reminders status and remind print, and check_client() the findings
 * ipt check prints.  The course is run twice: as recorded, and with
 * nothing done (no focus, inventory, relapse plan, risk review or
 * technique), so that every deadline rule is breached on the way.  Then:
 *
 *  - focus, inventory, termination: a reminder overdue means check warns
 *    of the rule, and check warns of it only once the reminder has been
 *    overdue (on the day of the breach or before); also when the same
 *    records are looked at 10 days later, the next session then late;
 *  - risk: a flag check says is unreviewed and still open is a risk-open
 *    reminder;
 *  - measures: an instrument check says was due at session N and not
 *    given was a measure-due reminder for session N the day before it,
 *    when session N was held on the day it was due.
 *
 * A client who came back (episodes.csv) is run from its first episode:
 * each day, client.ini and episodes.csv as they stood (an episode that
 * ended, ended from its end to the next one's start), and check's
 * findings of the episodes that ended before the day's are left out:
 * the reminders are of the day's episode.
 */
#include <sys/stat.h>

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "csvt.h"
#include "date.h"
#include "instrument.h"
#include "protocol.h"
#include "record.h"
#include "status.h"
#include "summary.h"
#include "tap.h"
#include "util.h"
#include "variant.h"

#define EXAMPLES	"examples/practice"
#define NDEADLINE	3
#define LAG		10	/* days without news */

static const struct {
	const char	*kind;		/* the reminder */
	const char	*check;		/* the start of check's warning */
} deadline[NDEADLINE] = {
	{ "focus-due",		"no focus agreed by session " },
	{ "inventory-due",	"the inventory names " },
	{ "termination-due",	"the ending was not raised " },
};

static const char *const names[] = { "ana", "ben", "dora", "eva", "gus",
    "ines", "lia", "maya", "omar", "walt", NULL };

struct orig {
	struct csv_table t[REC_NFILES];
	int		 have[REC_NFILES];
	char		*ini;		/* client.ini */
	char		 status[32];
	long		 start, last_session, end;
	long		 cur_start;	/* client.ini's: the current episode's */
};

static long	dayof(const char *);

/*
 * The episode a day is in, for a client who came back (episodes.csv):
 * the index of its row there (nrows: the current one), its start and
 * the end of the one before (-1).  0 for a client in episode 1.
 */
static size_t
ep_state(const struct orig *o, long today, long *start, long *after)
{
	const struct csv_table *e = &o->t[REC_EPISODES];
	size_t k;
	long next;

	*after = -1;
	*start = o->cur_start;
	if (!o->have[REC_EPISODES])
		return 0;
	for (k = 0; k < e->nrows; k++) {
		next = k + 1 < e->nrows ? dayof(csv_get(e, k + 1, "start")) :
		    o->cur_start;
		if (today < next) {
			*start = dayof(csv_get(e, k, "start"));
			return k;
		}
		*after = dayof(csv_get(e, k, "ended_on"));
	}
	return e->nrows;
}

/* What the tests compared, to show that they did compare. */
static long nover[NDEADLINE], nwarn[NDEADLINE], nrisk, nmeasure;
static int nbad;

static void
bad(const char *fmt, ...)
{
	va_list ap;

	if (nbad++ >= 20)
		return;
	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static const char *
datecol(enum rec_file f)
{
	if (f == REC_SIGNATURES)
		return "signed_on";
	if (f == REC_ADDENDA)
		return "added_on";
	return f == REC_GOALS ? "set_on" : "date";
}

static long
dayof(const char *s)
{
	long d;

	return date_parse(s, &d) == 0 ? d : -1;
}

static char *
slurp(const char *path)
{
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL)
		abort();
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	buf_addc(&b, '\0');
	return b.s;
}

/* An INI value: the text between the quotes after "key = ". */
static void
ini_value(const char *ini, const char *key, char *out, size_t len)
{
	const char *p = ini;
	size_t k = strlen(key), n;

	*out = '\0';
	while ((p = strstr(p, key)) != NULL) {
		if ((p == ini || p[-1] == '\n') && strncmp(p + k, " = \"", 4) ==
		    0) {
			p += k + 4;
			n = strcspn(p, "\"");
			snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1),
			    p);
			return;
		}
		p += k;
	}
}

static void
load_orig(const char *dir, struct orig *o)
{
	char *path, buf[64];
	size_t i;
	long d;
	int f;

	memset(o, 0, sizeof(*o));
	path = path_join(dir, "client.ini");
	o->ini = slurp(path);
	free(path);
	ini_value(o->ini, "status", o->status, sizeof(o->status));
	ini_value(o->ini, "start", buf, sizeof(buf));
	o->start = o->end = o->cur_start = dayof(buf);
	o->last_session = o->start;
	for (f = 0; f < REC_NFILES; f++) {
		path = path_join(dir, rec_schema((enum rec_file)f)->file);
		if (access(path, F_OK) == 0) {
			if (rec_load(dir, (enum rec_file)f, &o->t[f]) == -1)
				abort();
			o->have[f] = 1;
		}
		free(path);
		for (i = 0; i < o->t[f].nrows; i++) {
			d = dayof(csv_get(&o->t[f], i, datecol(f)));
			if (d > o->end)
				o->end = d;
			if (f == REC_SESSIONS && d > o->last_session)
				o->last_session = d;
		}
	}
	/* A client who came back is run from its first episode. */
	if (o->have[REC_EPISODES] && o->t[REC_EPISODES].nrows > 0)
		o->start = dayof(csv_get(&o->t[REC_EPISODES], 0, "start"));
}

static void
free_orig(struct orig *o)
{
	int f;

	for (f = 0; f < REC_NFILES; f++)
		csv_free_table(&o->t[f]);
	free(o->ini);
}

/*
 * client.ini with its status and focus replaced, and for a day of an
 * episode that ended (ep, a row of episodes.csv; NULL: none), its plan,
 * start and number, and its end once it came.
 */
static void
write_ini(const char *dir, const char *ini, const char *status,
    const char *primary, const char *secondary, const char *set_on,
    const struct csv_table *ep, size_t k)
{
	static const char *const keys[] = { "start", "variant",
	    "planned_sessions", "frequency_days", NULL };
	size_t j;
	char *path = path_join(dir, "client.ini"), line[1024];
	const char *p = ini, *e;
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL)
		abort();
	for (; *p != '\0'; p = *e == '\n' ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		snprintf(line, sizeof(line), "%.*s", (int)(e - p), p);
		for (j = 0; ep != NULL && keys[j] != NULL; j++)
			if (strncmp(line, keys[j], strlen(keys[j])) == 0 &&
			    strncmp(line + strlen(keys[j]), " = ", 3) == 0)
				break;
		if (ep != NULL && keys[j] != NULL)
			fprintf(fp, "%s = \"%s\"\n", keys[j],
			    csv_get(ep, k, keys[j]));
		else if (ep != NULL && (strncmp(line, "episode = ", 10) == 0 ||
		    strncmp(line, "ended_on = ", 11) == 0 ||
		    strncmp(line, "end_reason = ", 13) == 0))
			continue;
		else if (strncmp(line, "status = ", 9) == 0) {
			fprintf(fp, "status = \"%s\"\n", status);
			if (ep != NULL && strcmp(status, "ended") == 0)
				fprintf(fp, "ended_on = \"%s\"\nend_reason = "
				    "\"%s\"\n", csv_get(ep, k, "ended_on"),
				    csv_get(ep, k, "end_reason"));
			if (ep != NULL)
				fprintf(fp, "episode = \"%zu\"\n", k + 1);
		}
		else if (strncmp(line, "primary = ", 10) == 0)
			fprintf(fp, "primary = \"%s\"\n", primary);
		else if (strncmp(line, "secondary = ", 12) == 0)
			fprintf(fp, "secondary = \"%s\"\n", secondary);
		else if (strncmp(line, "set_on = ", 9) == 0)
			fprintf(fp, "set_on = \"%s\"\n", set_on);
		else
			fprintf(fp, "%s\n", line);
	}
	if (fclose(fp) == EOF)
		abort();
	free(path);
}

/*
 * Write the client as it stood on day `today' into dir; `undone' leaves
 * out what the clinician did.  The rows kept, counted, and the status are
 * the state's signature, in sig.
 */
static void
write_cut(const char *dir, const struct orig *o, long today, int undone,
    int write, struct buf *sig)
{
	const struct csv_table *s = &o->t[REC_SESSIONS];
	struct csv_table t;
	const char *status = o->status;
	const struct csv_table *ep = &o->t[REC_EPISODES];
	char *path, primary[64] = "", secondary[64] = "", set_on[16] = "";
	size_t i, r, c, k;
	long start, after;
	int f;
	FILE *fp;

	/* The episode of the day: its rows of episodes.csv are those before. */
	k = ep_state(o, today, &start, &after);
	sig->len = 0;
	for (f = 0; f < REC_NFILES; f++) {
		const struct csv_table *src = &o->t[f];

		if (!o->have[f]) {
			/* Not one the client before left (episodes.csv). */
			path = path_join(dir, rec_schema((enum rec_file)f)->file);
			if (write)
				unlink(path);
			free(path);
			continue;
		}
		csv_init_table(&t, src->path, (const char *const *)src->cols,
		    src->ncols);
		for (i = 0; i < src->nrows; i++) {
			if (f == REC_EPISODES ? i >= k :
			    dayof(csv_get(src, i, datecol(f))) > today)
				continue;
			/* Nothing undone was signed: its rows differ. */
			if (undone && (f == REC_FOCUS || f == REC_INVENTORY ||
			    f == REC_RELAPSE || f == REC_RISK ||
			    f == REC_SIGNATURES || f == REC_ADDENDA))
				continue;
			/* Measures not given at even sessions, but flags. */
			if (undone && f == REC_MEASURES &&
			    !list_contains(csv_get(src, i, "flags"), "risk") &&
			    strtol(csv_get(src, i, "session"), NULL, 10) % 2 ==
			    0)
				continue;
			r = csv_append(&t);
			for (c = 0; c < src->ncols; c++)
				csv_set(&t, r, src->cols[c], src->rows[i].f[c]);
			if (undone && f == REC_SESSIONS)
				csv_set(&t, r, "techniques", "");
			if (undone && f == REC_MEASURES &&
			    list_contains(csv_get(src, i, "flags"), "risk"))
				csv_set(&t, r, "flags", "risk");
			/* The focus of the episode: its own decisions. */
			if (f == REC_FOCUS &&
			    dayof(csv_get(src, i, "date")) > after) {
				snprintf(primary, sizeof(primary), "%s",
				    csv_get(src, i, "primary"));
				snprintf(secondary, sizeof(secondary), "%s",
				    csv_get(src, i, "secondary"));
				snprintf(set_on, sizeof(set_on), "%s",
				    csv_get(src, i, "date"));
			}
		}
		buf_printf(sig, "%zu,", t.nrows);
		path = path_join(dir, rec_schema((enum rec_file)f)->file);
		if (write && ((fp = fopen(path, "w")) == NULL ||
		    csv_write_table(&t, fp) == -1 || fclose(fp) == EOF))
			abort();
		free(path);
		csv_free_table(&t);
	}
	/* A status other than active is taken to date from the last session. */
	if (today < o->last_session)
		status = "active";
	if (strcmp(o->status, "maintenance") == 0) {
		status = "active";
		for (i = 0; i < s->nrows; i++)
			if (strcmp(csv_get(s, i, "phase"),
			    "maintenance") == 0 &&
			    dayof(csv_get(s, i, "date")) <= today)
				status = "maintenance";
	}
	/* A day of an episode that ended: active, then ended at its end. */
	if (o->have[REC_EPISODES] && k < ep->nrows)
		status = today >= dayof(csv_get(ep, k, "ended_on")) ?
		    "ended" : "active";
	buf_printf(sig, "%s,%zu", status, k);
	if (write)
		write_ini(dir, o->ini, status, primary, secondary, set_on,
		    o->have[REC_EPISODES] && k < ep->nrows ? ep : NULL, k);
}

static int
has(const struct buf *b, const char *s)
{
	return b->len > 0 && strstr(b->s, s) != NULL;
}

/* The reminders, one "urgency kind: message" a line. */
static void
reminders(const struct summary *s, struct buf *b)
{
	size_t i;

	b->len = 0;
	for (i = 0; i < s->nrem; i++)
		buf_printf(b, "%s %s: %s\n", urgency_name(s->rem[i].urgency),
		    s->rem[i].kind, s->rem[i].message);
	buf_addc(b, '\0');
	b->len--;
}

/*
 * Is a finding of an episode that ended (episodes.csv, or a session
 * dated up to the last end)?  The reminders are of the current episode
 * only, so check's findings of an earlier one have none to match.
 */
static int
past_episode(const struct orig *o, long today, const struct finding *f)
{
	const struct csv_table *s = &o->t[REC_SESSIONS];
	const char *base = strrchr(f->path, '/');
	long since, start;
	size_t i;

	ep_state(o, today, &start, &since);
	if (since < 0)
		return 0;
	base = base != NULL ? base + 1 : f->path;
	if (strcmp(base, "episodes.csv") == 0)
		return 1;
	if (strcmp(base, "sessions.csv") != 0)
		return 0;
	for (i = 0; i < s->nrows; i++)
		if (s->rows[i].line == f->line)
			return dayof(csv_get(s, i, "date")) <= since;
	return 0;
}

static void
findings(const struct orig *o, long today, const struct findings *f,
    struct buf *b)
{
	size_t i;

	b->len = 0;
	for (i = 0; i < f->n; i++)
		if (!past_episode(o, today, &f->v[i]))
			buf_printf(b, "%s\n", f->v[i].msg);
	buf_addc(b, '\0');
	b->len--;
}

/* Does a line of b hold both a and c? */
static int
line_with(const struct buf *b, const char *a, const char *c)
{
	const char *p, *e, *x;

	for (p = b->len > 0 ? b->s : ""; (x = strstr(p, a)) != NULL;
	    p = *e ? e + 1 : e) {
		while (x > b->s && x[-1] != '\n')
			x--;
		p = x;
		e = p + strcspn(p, "\n");
		x = strstr(p, c);
		if (x != NULL && x < e)
			return 1;
	}
	return 0;
}

/* The date session `num' was held, or -1. */
static long
held_on(const struct csv_table *s, long num)
{
	char n[32];
	size_t i;

	snprintf(n, sizeof(n), "%ld", num);
	for (i = 0; i < s->nrows; i++)
		if (strcmp(csv_get(s, i, "number"), n) == 0 &&
		    strcmp(csv_get(s, i, "attendance"), "attended") == 0)
			return dayof(csv_get(s, i, "date"));
	return -1;
}

/*
 * Each measure check newly warns of, "X was due at session N (", was a
 * reminder the day before, if session N was held on the day it was due.
 */
static void
compare_measures(const char *who, long today, const struct csv_table *sess,
    const struct buf *chk, const struct buf *prevchk,
    const struct buf *prevrem)
{
	const char *p, *e;
	char line[512], want[512], due[64], day[DATE_LEN];
	long num;
	int n;

	for (p = chk->len > 0 ? chk->s : ""; *p != '\0'; p = *e ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		snprintf(line, sizeof(line), "%.*s", (int)(e - p), p);
		if (strstr(line, " was due at session ") == NULL ||
		    has(prevchk, line))
			continue;
		n = (int)strcspn(line, " ");
		num = strtol(strstr(line, " session ") + 9, NULL, 10);
		if (held_on(sess, num) != today)
			continue;
		date_format(today, day);
		snprintf(due, sizeof(due), "session %ld (", num);
		if (!line_with(prevrem, due, day))
			continue;	/* not held on the day it was due */
		snprintf(want, sizeof(want), "measure-due: %.*s due at session "
		    "%ld (", n, line, num);
		nmeasure++;
		if (!has(prevrem, want))
			bad("%s %s: check: '%s', but no reminder '%s' the day "
			    "before", who, day, line, want);
	}
}

static void
course(const char *tmp, const char *name, struct instr_set *set,
    int undone)
{
	struct orig o;
	struct summary s;
	struct findings f = { 0 };
	struct buf sig = { 0 }, prevsig = { 0 }, rem = { 0 }, chk = { 0 };
	struct buf prevrem = { 0 }, prevchk = { 0 }, lag = { 0 }, tmpb;
	struct remind_opts ro;
	char *src, *dir, who[64], want[256], day[DATE_LEN];
	const char *p, *e;
	long today, start, after;
	size_t ep, prevep = 0;
	int k, seen[NDEADLINE] = { 0 }, over, warn;

	snprintf(who, sizeof(who), "%s%s", name, undone ? " (undone)" : "");
	src = path_join(EXAMPLES "/clients", name);
	dir = path_join(tmp, "practice/clients/cut");
	load_orig(src, &o);
	remind_defaults(&ro);
	for (today = o.start; today <= o.end + 56; today++) {
		/* A new episode: its deadlines are its own. */
		if ((ep = ep_state(&o, today, &start, &after)) != prevep)
			memset(seen, 0, sizeof(seen));
		prevep = ep;
		/* Write the records only when they change. */
		write_cut(dir, &o, today, undone, 0, &sig);
		if (prevsig.len == 0 || strcmp(sig.s, prevsig.s) != 0) {
			write_cut(dir, &o, today, undone, 1, &sig);
			f.n = 0;
			check_client(dir, set, &f);
			findings(&o, today, &f, &chk);
			findings_free(&f);
		}
		if (summary_load(&s, dir, today, set, &ro) == -1) {
			bad("%s: %s", who, ipt_error());
			break;
		}
		reminders(&s, &rem);
		summary_free(&s);
		date_format(today, day);
		/*
		 * The same records looked at LAG days later, the next session
		 * late: no reminder is overdue there that check does not warn
		 * of either.
		 */
		if (summary_load(&s, dir, today + LAG, set, &ro) == -1) {
			bad("%s: %s", who, ipt_error());
			break;
		}
		reminders(&s, &lag);
		summary_free(&s);
		for (k = 0; k < NDEADLINE; k++) {
			snprintf(want, sizeof(want), "overdue %s:",
			    deadline[k].kind);
			if (has(&lag, want) && !has(&chk, deadline[k].check))
				bad("%s %s + %d days: %s overdue, but check "
				    "does not warn", who, day, LAG,
				    deadline[k].kind);
		}
		for (k = 0; k < NDEADLINE; k++) {
			snprintf(want, sizeof(want), "overdue %s:",
			    deadline[k].kind);
			over = has(&rem, want);
			warn = has(&chk, deadline[k].check);
			seen[k] |= over;
			nover[k] += over;
			nwarn[k] += warn;
			if (over && !warn)
				bad("%s %s: %s overdue, but check does not "
				    "warn", who, day, deadline[k].kind);
			if (warn && !seen[k])
				bad("%s %s: check warns '%s...', but %s has "
				    "not been overdue", who, day,
				    deadline[k].check, deadline[k].kind);
		}
		/* An unreviewed flag check finds still open is a reminder. */
		for (p = chk.len > 0 ? chk.s : ""; *p != '\0';
		    p = *e ? e + 1 : e) {
			char date[DATE_LEN], what[100], line[512];

			e = p + strcspn(p, "\n");
			snprintf(line, sizeof(line), "%.*s", (int)(e - p), p);
			if (sscanf(line, "risk flag of %10s (%99[^)])", date,
			    what) != 2 || strstr(line, " and is still open") ==
			    NULL)
				continue;
			nrisk++;
			snprintf(want, sizeof(want), "open risk flag: %s on %s",
			    what, date);
			if (!has(&rem, want))
				bad("%s %s: check: flag %s %s still open, no "
				    "reminder", who, day, what, date);
		}
		compare_measures(who, today, &o.t[REC_SESSIONS], &chk,
		    &prevchk, &prevrem);
		tmpb = prevsig; prevsig = sig; sig = tmpb;
		tmpb = prevrem; prevrem = rem; rem = tmpb;
		buf_free(&prevchk);
		prevchk.s = chk.len > 0 ? xstrdup(chk.s) : NULL;
		prevchk.len = chk.len;
		prevchk.cap = prevchk.len + 1;
	}
	free_orig(&o);
	free(src);
	free(dir);
	buf_free(&sig);
	buf_free(&prevsig);
	buf_free(&rem);
	buf_free(&prevrem);
	buf_free(&chk);
	buf_free(&prevchk);
	buf_free(&lag);
}

int
main(void)
{
	struct instr_set set = { 0 };
	char tmp[] = "/tmp/t_protocol.XXXXXX", cmd[256];
	char *dir;
	int i, undone, k, before;

	if (mkdtemp(tmp) == NULL)
		abort();
	snprintf(cmd, sizeof(cmd), "cp -R %s %s/practice && mkdir %s/practice"
	    "/clients/cut", EXAMPLES, tmp, tmp);
	if (system(cmd) != 0)
		abort();
	dir = path_join(tmp, "practice");
	if (instr_load_set(&set, dir) == -1)
		abort();
	for (i = 0; names[i] != NULL; i++)
		for (undone = 0; undone <= 1; undone++) {
			before = nbad;
			course(tmp, names[i], &set, undone);
			ok(nbad == before, "%s%s: status and remind agree with "
			    "check every day", names[i], undone ? ", nothing "
			    "done" : "");
		}
	for (k = 0; k < NDEADLINE; k++)
		ok(nover[k] > 0 && nwarn[k] > 0, "%s: compared (%ld days "
		    "overdue, %ld days warned)", deadline[k].kind, nover[k],
		    nwarn[k]);
	ok(nrisk > 0, "risk: compared %ld times", nrisk);
	{
		const struct variant *std, *ips, *mnt;

		if (variant_get(NULL, "standard", &std) == 0 &&
		    variant_get(NULL, "bipolar", &ips) == 0 &&
		    variant_get(NULL, "maintenance", &mnt) == 0) {
			ok(protocol_concluding(std, 16, "final", 13) &&
			    !protocol_concluding(std, 16, "middle", 15),
			    "standard: the final phase concludes, by phase");
			ok(!protocol_concluding(ips, 16, "middle", 13) &&
			    protocol_concluding(ips, 16, "middle", 14) &&
			    protocol_concluding(ips, 16, "middle", 16),
			    "IPSRT (no final phase): sessions 14-16 conclude");
			ok(protocol_concluding(ips, 20, "middle", 18) &&
			    !protocol_concluding(ips, 20, "middle", 17),
			    "IPSRT of 20: from session 18");
			ok(!protocol_concluding(mnt, 26, "maintenance", 26),
			    "maintenance alone: nothing concludes");
		} else
			ok(0, "variants: %s", ipt_error());
	}
	ok(nmeasure > 0, "measures: compared %ld times", nmeasure);
	instr_free_set(&set);
	free(dir);
	variant_free_all();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	if (system(cmd) != 0)
		abort();
	return tap_done();
}
