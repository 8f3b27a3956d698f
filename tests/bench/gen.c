/*
 * gen.c: generate a synthetic practice for the benchmarks (make bench).
 *
 *	gen [-HsU] [-j jobs] [-p per] [-S seed] [-t today] N DIR
 *
 * Writes DIR/ipt.ini and N client directories DIR/tNNNN/cNNNNNNN, `per'
 * (default 50) to a therapist's directory, of mixed variants, each with
 * the records a clinician would have kept by `today' (default
 * 2026-06-01): up to 16 sessions (some cancelled or missed), the measures
 * the variant's cadence asks for at each session held, scored by
 * instr_score() so that totals, bands and risk flags are right, with a
 * review in risk.csv for a flag raised before another session, an
 * interpersonal inventory of about 6 rows, a few timeline events, goals,
 * focus decisions, and a relapse-prevention plan in the final phase.  As
 * with the real commands, a file is written only when it has rows.
 *
 * Every client is drawn from its own random stream (the seed and its
 * number), so the practice is the same whatever the number of jobs and
 * client k is the same in practices of every size.
 *
 * The tables are built in memory with the library (csvt.h, ini.h) and
 * each file is written once with csv_write_table() and ini_write(),
 * without the fsync of every file and directory that atomic_replace()
 * does (about 2 ms each here: hours for 100,000 clients).  -s writes
 * through the library's own path instead: client_create(), then
 * rec_save() and client_save() under dir_lock(); tests/cli/t80-bench.sh
 * checks that both give the same bytes.  Every value is checked against
 * the record schema (rec_value_error) before it is written.
 *
 * -H gives each client its history.csv, as the first write of ipt to a
 * directory without one does (txn.c: the records as they were, each row
 * an entry): a transaction that saves client.ini as it is.  The records
 * stay byte for byte what they were; the history is the one a practice
 * made before issue 13 has after its first write, sealed (seal.h) as
 * that write seals it.  -U leaves the seal out: the history as an ipt
 * before seals wrote it, which ipt check compares in full.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "client.h"
#include "csvt.h"
#include "date.h"
#include "git.h"
#include "ini.h"
#include "instrument.h"
#include "history.h"
#include "record.h"
#include "seal.h"
#include "txn.h"
#include "util.h"
#include "variant.h"

#define MAXSESS		16

struct rng {
	uint64_t	 s;
};

static uint64_t
next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A whole number from lo to hi, both included. */
static long
uni(struct rng *r, long lo, long hi)
{
	if (hi <= lo)
		return lo;
	return lo + (long)(next(r) % (uint64_t)(hi - lo + 1));
}

static int
chance(struct rng *r, int pct)
{
	return uni(r, 0, 99) < pct;
}

#define PICK(r, a)	((a)[uni((r), 0, (long)(sizeof(a) / sizeof((a)[0])) - 1)])

/* Variants, weighted roughly as a general practice would see them. */
static const struct {
	const char	*name;
	int		 weight;
} variants[] = {
	{ "standard", 30 }, { "brief", 10 }, { "adolescent", 8 },
	{ "couples", 5 }, { "eating", 5 }, { "ptsd", 7 }, { "bipolar", 5 },
	{ "group", 10 }, { "perinatal", 8 }, { "maintenance", 12 },
};

static const char *const first_names[] = { "Ana", "Ben", "Carla", "David",
    "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kemal", "Lucia",
    "Marta", "Nils", "Olga", "Pablo", "Quinn", "Rosa", "Samir", "Tanja",
    "Ugo", "Vera", "Wen", "Ximena", "Yusuf", "Zoe", "Åsa", "Chloé",
    "José", "Søren" };
static const char *const surnames[] = { "Alvarez", "Brandt", "Costa",
    "Dubois", "Eriksen", "Fischer", "García", "Horvat", "Ivanova",
    "Jansen", "Kowalski", "López", "Moreau", "Novak", "O'Neill", "Petrov",
    "Quint", "Ruiz", "Schmidt", "Tanaka", "Urbán", "Varga", "Weber",
    "Yilmaz", "Zimmermann" };
static const struct {
	const char	*person, *relationship;
} people[] = {
	{ "Maria", "mother" }, { "Tom", "father" }, { "Sam", "partner" },
	{ "Lena", "sister" }, { "Paul", "brother" }, { "Nora", "friend" },
	{ "Mr. Ortiz", "manager" }, { "Jules", "colleague" },
	{ "Kim", "daughter" }, { "Leo", "son" }, { "Aunt Rita", "aunt" },
	{ "Dr. Ames", "GP" }, { "Iris", "neighbour" }, { "Max", "ex-partner" },
};
static const char *const contacts[] = { "daily", "weekly", "monthly",
    "rarely", "lives together", "by phone" };
static const char *const satisfying[] = { "listens without judging",
    "practical help with the children", "shared walks on Sundays",
    "makes me laugh", "long talks, \"like old times\"",
    "reliable, always there", "" };
static const char *const unsatisfying[] = { "criticises my choices",
    "arguments about money, every week", "never asks how I am",
    "drinks too much", "expects me to cope alone", "distant since the move",
    "" };
static const char *const changes[] = { "talk about it calmly",
    "ask for help, directly", "spend more time together",
    "set limits on the calls", "tell her how I feel", "" };
static const char *const event_kinds[] = { "loss", "transition", "dispute",
    "isolation", "symptom", "other" };
static const char *const events[] = { "Father died after a long illness",
    "Moved to a new city for work", "Separation from partner",
    "Lost job; company closed", "First depressive episode",
    "Birth of first child", "Retired, \"lost my routine\"",
    "Best friend moved abroad", "Conflict with sister over care of mother",
    "Started university, away from home", "Diagnosed with diabetes" };
static const char *const goals[] = { "Sleep through most nights",
    "Return to work, part time", "Talk with partner about the move",
    "See a friend once a week", "Grieve father: visit the grave",
    "Join a running club", "Set limits with mother, kindly",
    "Get back to the choir", "Plan the week on Sundays" };
static const char *const notes[] = { "Reviewed the week; mood lower after "
    "the argument with her partner.", "Worked on the role dispute: "
    "expectations, options, what to say.", "Client tearful when speaking "
    "of the funeral, then relieved.", "Practised the conversation in "
    "role-play; homework: try it on Sunday.", "Sleep better. Saw two "
    "friends, \"it felt normal\".", "Linked low mood to the move, as in the "
    "formulation.", "Discussed the end of therapy and warning signs.",
    "Brief session, client late; reviewed the safety plan.",
    "Stress at work, but used the new skills, twice.\nPlan: rehearse the "
    "talk with the manager." };
static const char *const focus_notes[] = {
    "Agreed with client after the inventory.",
    "Formulation shared; client agrees, with a comment.",
    "Changed focus: the dispute is at an impasse." };
static const char *const review_notes[] = { "Asked about the answer to item; "
    "no plan, no intent; safety plan reviewed.", "Passive thoughts only; "
    "crisis numbers given; GP informed." };
static const char *const relapse_texts[][2] = {
	{ "warning-sign", "Staying in bed after 9, cancelling plans" },
	{ "action", "Call Nora; walk every morning; book a session" },
	{ "contact", "GP practice, 01234 567890" },
};
static const char *const techniques_middle[] = { "interval-history",
    "communication-analysis", "role-play", "encouragement-of-affect",
    "decision-analysis", "work-at-home", "clarification" };

struct gen {
	const char	*root;
	long		 today;
	uint64_t	 seed;
	int		 safe;
	int		 unsealed;	/* -U */
	int		 history;	/* -H */
	struct instr_set set;
};

static void	save_history(const char *, int);

/* One client's tables, in memory. */
struct rec {
	struct csv_table t[REC_NFILES];
};

static void
die(const char *what)
{
	fprintf(stderr, "gen: %s: %s\n", what, ipt_error());
	exit(1);
}

static void
fmtday(long d, char *s)
{
	date_format(d, s);
}

static void
setl(struct csv_table *t, size_t row, const char *col, long v)
{
	char b[32];

	snprintf(b, sizeof(b), "%ld", v);
	csv_set(t, row, col, b);
}

static void
setd(struct csv_table *t, size_t row, const char *col, long day)
{
	char b[DATE_LEN];

	fmtday(day, b);
	csv_set(t, row, col, b);
}

/* Every value must pass the schema, as rec_save() would check. */
static void
validate(const char *dir, enum rec_file f, const struct csv_table *t)
{
	const struct rec_schema *s = rec_schema(f);
	char why[512];
	const char *w;
	size_t i, k;
	int c;

	for (k = 0; k < s->n; k++) {
		if ((c = csv_col(t, s->f[k].name)) == -1)
			continue;
		for (i = 0; i < t->nrows; i++)
			if ((w = rec_value_error(&s->f[k], t->rows[i].f[c],
			    why, sizeof(why))) != NULL) {
				fprintf(stderr, "gen: %s/%s: row %zu: %s: %s\n",
				    dir, s->file, i + 1, s->f[k].name, w);
				exit(1);
			}
	}
}

static int
fill_ini(FILE *fp, void *arg)
{
	return ini_write(arg, fp);
}

static void
write_file(const char *dir, const char *name, int (*fill)(FILE *, void *),
    void *arg)
{
	char *path = path_join(dir, name);
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL) {
		ipt_seterrno("%s", path);
		die("write");
	}
	if (fill(fp, arg) == -1 || fclose(fp) == EOF) {
		ipt_seterrno("%s", path);
		die("write");
	}
	free(path);
}

static int
fill_csv(FILE *fp, void *arg)
{
	return csv_write_table(arg, fp);
}

static int
fill_text(FILE *fp, void *arg)
{
	return fputs(arg, fp) == EOF ? -1 : 0;
}

static void
mkdir_ok(const char *dir)
{
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		ipt_seterrno("%s", dir);
		die("mkdir");
	}
}

/* Item scores for a level from 0 (well) to 1000 (worst); risk if wanted. */
static void
answers(struct rng *r, const struct instrument *in, long level, int risk,
    char **argv)
{
	size_t i;
	long lo, hi, v, span;

	for (i = 0; i < in->nitems; i++) {
		const struct instr_item *it = &in->item[i];

		lo = it->min;
		hi = it->max;
		span = hi - lo;
		/* The level counts from the worse end of the item. */
		if (in->higher_better != it->reverse)
			v = hi - (span * level + 500) / 1000;
		else
			v = lo + (span * level + 500) / 1000;
		v += uni(r, -1, 1) * (span > 2 ? 1 : 0);
		if (v < lo)
			v = lo;
		if (v > hi)
			v = hi;
		if (it->risk) {
			long best = v, j;
			int pos = instr_op_holds(it->risk_op, v, it->risk_value);

			if (pos != risk)
				for (j = lo; j <= hi; j++)
					if (instr_op_holds(it->risk_op, j,
					    it->risk_value) == risk &&
					    (labs(j - v) < labs(best - v) ||
					    best == v))
						best = j;
			v = best;
		}
		snprintf(argv[i], 16, "%ld", v);
	}
}

/* Write a client's tables through the library's locked writers. */
static void
save_safe(const char *dir, struct client_params *p, struct ini *ini,
    struct rec *rc)
{
	struct dirlock l;
	struct client c;
	const struct ini_sec *s;
	size_t i;
	int f;

	if (client_create(dir, p) == -1)
		die(dir);
	if (dir_lock(&l, dir) == -1)
		die(dir);
	for (f = 0; f < REC_NFILES; f++)
		if (rc->t[f].nrows > 0 && rec_save(dir, (enum rec_file)f,
		    &rc->t[f]) == -1)
			die(dir);
	if (client_open(&c, dir) == -1)
		die(dir);
	/* What client_create() left at its defaults. */
	ini_set(&c.ini, "client", "status", ini_get(ini, "client", "status"));
	if ((s = ini_section(ini, "focus")) != NULL)
		for (i = 0; i < s->n; i++)
			ini_set(&c.ini, "focus", s->kv[i].key, s->kv[i].val);
	if (client_save(&c) == -1)
		die(dir);
	client_close(&c);
	dir_unlock(&l);
	atomic_changed_clear();
}

static void
save_fast(const char *dir, struct ini *ini, struct rec *rc)
{
	char *p;
	int f, fd;

	mkdir_ok(dir);
	write_file(dir, CLIENT_INI, fill_ini, ini);
	write_file(dir, ".gitattributes", fill_text, (void *)git_attributes);
	write_file(dir, ".gitignore", fill_text, (void *)git_ignore);
	/* The lock file every write leaves behind. */
	p = path_join(dir, LOCK_NAME);
	if ((fd = open(p, O_WRONLY | O_CREAT, 0600)) == -1) {
		ipt_seterrno("%s", p);
		die("lock");
	}
	close(fd);
	free(p);
	for (f = 0; f < REC_NFILES; f++)
		if (rc->t[f].nrows > 0)
			write_file(dir, rec_schema((enum rec_file)f)->file,
			    fill_csv, &rc->t[f]);
}

static void
gen_client(struct gen *g, size_t k, const char *dir, const char *therapist)
{
	struct rng r = { g->seed * 1000003ULL + k };
	struct rec rc;
	struct ini ini = { 0 };
	struct client_params cp;
	const struct variant *v;
	const char *vname, *status, *primary = "", *secondary = "", *phase;
	char id[32], name[96], day[DATE_LEN], num[32], setday[DATE_LEN] = "";
	long sday[MAXSESS], snum[MAXSESS], sheld[MAXSESS];
	long planned, freq, nrows, start, d, held = 0, level0, gain, focus_by,
	    tb, lastgiven[32], lastnum[32];
	int attended[MAXSESS], wsum = 0, w, given[32], final_seen = 0;
	size_t i, j, row, nsess = 0, npeople, focus_at;
	struct csv_table *t;

	memset(&rc, 0, sizeof(rc));
	for (i = 0; i < REC_NFILES; i++) {
		const struct rec_schema *s = rec_schema((enum rec_file)i);
		const char *names[32];

		for (j = 0; j < s->n; j++)
			names[j] = s->f[j].name;
		t = &rc.t[i];
		csv_init_table(t, s->file, names, s->n);
	}
	for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++)
		wsum += variants[i].weight;
	w = (int)uni(&r, 0, wsum - 1);
	for (i = 0; w >= variants[i].weight; i++)
		w -= variants[i].weight;
	vname = variants[i].name;
	if (variant_get(g->root, vname, &v) == -1)
		die(vname);
	planned = v->sessions;
	freq = v->frequency;
	status = strcmp(vname, "maintenance") == 0 && chance(&r, 60) ?
	    "maintenance" : "active";
	snprintf(id, sizeof(id), "c%07zu", k);
	snprintf(name, sizeof(name), "%s %c.", PICK(&r, first_names),
	    PICK(&r, surnames)[0]);

	/* Sessions: rows at the planned frequency, ending near today. */
	nrows = uni(&r, 0, planned + 2 < MAXSESS ? planned + 2 : MAXSESS);
	d = uni(&r, 0, freq + 3);
	if (chance(&r, 8))
		d += uni(&r, 30, 120);		/* dropped out */
	start = g->today - d - (nrows > 0 ? (nrows - 1) * freq : 0);
	for (i = 0; i < (size_t)nrows && held < planned; i++) {
		sday[i] = start + (long)i * freq + (i > 0 ? uni(&r, 0, 2) : 0);
		snum[i] = (long)i + 1;
		attended[i] = i == 0 || chance(&r, 86);
		sheld[i] = attended[i] ? ++held : 0;
		nsess++;
	}
	focus_by = variant_focus_by(v, planned);
	focus_at = 0;		/* ordinal of the held session of the focus */
	if (focus_by > 0 && held >= focus_by && chance(&r, 95))
		focus_at = (size_t)uni(&r, focus_by > 2 ? focus_by - 2 : 1,
		    focus_by);
	else if (focus_by > 0 && held > 0 && held < focus_by && chance(&r, 40))
		focus_at = (size_t)held;
	tb = variant_termination_by(v, planned);
	level0 = uni(&r, 450, 850);
	gain = uni(&r, 0, 750);

	/* Focus decisions. */
	t = &rc.t[REC_FOCUS];
	if (focus_at > 0) {
		size_t at = 0;
		int second = chance(&r, 8);

		for (i = 0; i < nsess; i++)
			if (sheld[i] == (long)focus_at)
				at = i;
		for (j = 0; v->areas[j] != NULL; j++)
			;
		primary = v->areas[uni(&r, 0, (long)j - 1)];
		secondary = j > 1 && chance(&r, 15) ? v->areas[uni(&r, 0,
		    (long)j - 1)] : "";
		if (strcmp(secondary, primary) == 0)
			secondary = "";
		row = csv_append(t);
		setd(t, row, "date", sday[at]);
		setl(t, row, "session", snum[at]);
		csv_set(t, row, "primary", primary);
		csv_set(t, row, "secondary", secondary);
		csv_set(t, row, "note", focus_notes[uni(&r, 0, 1)]);
		fmtday(sday[at], setday);
		if (second && j > 1 && at + 3 < nsess &&
		    attended[nsess - 1]) {
			const char *p2 = v->areas[uni(&r, 0, (long)j - 1)];

			if (strcmp(p2, primary) != 0) {
				primary = p2;
				secondary = "";
				row = csv_append(t);
				setd(t, row, "date", sday[nsess - 1]);
				setl(t, row, "session", snum[nsess - 1]);
				csv_set(t, row, "primary", primary);
				csv_set(t, row, "secondary", "");
				csv_set(t, row, "note", focus_notes[2]);
				fmtday(sday[nsess - 1], setday);
			}
		}
	}

	/* Sessions, with the focus as it stood at each. */
	t = &rc.t[REC_SESSIONS];
	{
		const char *cur = "";
		size_t frow = 0;
		const struct csv_table *ft = &rc.t[REC_FOCUS];
		long h = 0;

		for (i = 0; i < nsess; i++) {
			struct buf tech = { 0 };
			long ord = attended[i] ? ++h : h + 1;

			while (frow < ft->nrows && strcmp(csv_get(ft, frow,
			    "date"), (fmtday(sday[i], day), day)) <= 0)
				cur = csv_get(ft, frow++, "primary");
			phase = variant_phase(v, planned, ord, status);
			if (phase == NULL)
				phase = "extension";
			if (strcmp(phase, "final") == 0 && attended[i])
				final_seen = 1;
			row = csv_append(t);
			setl(t, row, "number", snum[i]);
			setd(t, row, "date", sday[i]);
			{
				const char *kind = variant_default_kind(v, phase);

				if (variant_kind_ok(v, "conjoint") == 0 &&
				    chance(&r, 8) && strcmp(phase, "pregroup"))
					kind = "conjoint";
				csv_set(t, row, "kind", kind != NULL ? kind :
				    "individual");
				csv_set(t, row, "attendance", attended[i] ?
				    "attended" : chance(&r, 55) ? "cancelled" :
				    "no-show");
				csv_set(t, row, "phase", phase);
				csv_set(t, row, "focus", cur);
				if (!attended[i])
					continue;
				setl(t, row, "duration_min",
				    strcmp(kind != NULL ? kind : "", "group") ==
				    0 ? 90 : uni(&r, 0, 9) == 0 ? 30 : 50);
			}
			if (strcmp(phase, "initial") == 0 ||
			    strcmp(phase, "pregroup") == 0) {
				buf_adds(&tech, "interval-history");
				if (ord == 1)
					buf_adds(&tech, ";psychoeducation;"
					    "sick-role");
				if (ord <= 2)
					buf_adds(&tech, ";inventory");
				if ((size_t)ord == focus_at)
					buf_adds(&tech, ";formulation");
			} else if (strcmp(phase, "middle") == 0 ||
			    strcmp(phase, "extension") == 0) {
				buf_adds(&tech, "interval-history");
				for (j = 1; j < 7; j++)
					if (chance(&r, 30))
						buf_printf(&tech, ";%s",
						    techniques_middle[j]);
			} else
				buf_adds(&tech, "interval-history;"
				    "relapse-prevention");
			/* The ending is raised by the variant's session. */
			if (tb > 0 && ord >= tb && strcmp(status,
			    "maintenance") != 0)
				buf_adds(&tech, ";termination");
			csv_set(t, row, "techniques", tech.s);
			buf_free(&tech);
			d = 7 - (7 * gain * ord) / (1000 * (planned + 1)) -
			    uni(&r, -1, 1) + 3 * (level0 - 650) / 200;
			setl(t, row, "mood", 10 - (d < 0 ? 0 : d > 10 ? 10 : d));
			setl(t, row, "stress", d < 0 ? 0 : d > 10 ? 10 : d);
			if (chance(&r, 70))
				csv_set(t, row, "note", PICK(&r, notes));
		}
	}

	/* Measures at the sessions held, as the cadence asks. */
	t = &rc.t[REC_MEASURES];
	memset(given, 0, sizeof(given));
	memset(lastgiven, 0, sizeof(lastgiven));
	memset(lastnum, 0, sizeof(lastnum));
	for (i = 0; i < nsess; i++) {
		if (!attended[i])
			continue;
		for (j = 0; j < v->ninstruments && j < 32; j++) {
			const struct variant_instrument *vi = &v->instruments[j];
			const struct instrument *in;
			struct instr_result res;
			char *argv[INSTR_MAXITEMS], store[INSTR_MAXITEMS][16],
			    tot[32];
			long level;
			size_t a;
			int risk;

			if (!variant_due(v, vi, sheld[i], sday[i], given[j],
			    lastnum[j], lastgiven[j]) || chance(&r, 2))
				continue;
			if ((in = instr_find(&g->set, vi->name)) == NULL) {
				ipt_seterr("no instrument %s", vi->name);
				die(vname);
			}
			for (a = 0; a < in->nitems; a++)
				argv[a] = store[a];
			level = level0 - gain * sheld[i] / (planned + 1) +
			    uni(&r, -60, 60);
			if (level < 0)
				level = 0;
			if (level > 1000)
				level = 1000;
			risk = chance(&r, sheld[i] <= 2 ? 6 : 2);
			answers(&r, in, level, risk, argv);
			if (instr_score(in, argv, in->nitems, 0, &res) == -1)
				die(vi->name);
			instr_fmt(in, res.total, tot, sizeof(tot));
			row = csv_append(t);
			setd(t, row, "date", sday[i]);
			setl(t, row, "session", snum[i]);
			csv_set(t, row, "instrument", in->name);
			csv_set(t, row, "total", tot);
			csv_set(t, row, "severity", res.band);
			csv_set(t, row, "items", res.items);
			if (res.risk && i + 1 < nsess) {
				/* Reviewed in the session itself. */
				struct csv_table *rt = &rc.t[REC_RISK];
				size_t rr = csv_append(rt);

				setd(rt, rr, "date", sday[i]);
				setl(rt, rr, "session", snum[i]);
				csv_set(rt, rr, "instrument", in->name);
				setd(rt, rr, "flagged", sday[i]);
				csv_set(rt, rr, "note", PICK(&r, review_notes));
				csv_set(t, row, "flags", "risk;reviewed");
			} else
				csv_set(t, row, "flags", res.risk ? "risk" : "");
			instr_result_free(&res);
			given[j] = 1;
			lastnum[j] = sheld[i];
			lastgiven[j] = sday[i];
		}
	}

	/* Inventory: the people named early on, re-rated later. */
	t = &rc.t[REC_INVENTORY];
	npeople = (size_t)(held > 0 ? uni(&r, v->inventory_min > 3 ?
	    v->inventory_min : 3, 5) : uni(&r, 0, 2));
	{
		size_t pick[16], np = sizeof(people) / sizeof(people[0]), nre;
		long base[16][3];

		for (i = 0; i < npeople; i++) {
			for (;;) {
				pick[i] = (size_t)uni(&r, 0, (long)np - 1);
				for (j = 0; j < i && pick[j] != pick[i]; j++)
					;
				if (j == i)
					break;
			}
			row = csv_append(t);
			d = held > 0 ? sday[i > 0 && nsess > 1 && attended[1] ?
			    1 : 0] : start;
			if (d > g->today)
				d = g->today;
			setd(t, row, "date", d);
			csv_set(t, row, "person", people[pick[i]].person);
			csv_set(t, row, "relationship",
			    people[pick[i]].relationship);
			csv_set(t, row, "contact", PICK(&r, contacts));
			for (j = 0; j < 3; j++)
				base[i][j] = uni(&r, 1, 5);
			setl(t, row, "closeness", base[i][0]);
			setl(t, row, "support", base[i][1]);
			setl(t, row, "conflict", base[i][2]);
			csv_set(t, row, "satisfying", PICK(&r, satisfying));
			csv_set(t, row, "unsatisfying", PICK(&r, unsatisfying));
			csv_set(t, row, "changes_wanted", PICK(&r, changes));
		}
		nre = held >= 6 && npeople > 0 && npeople < 6 ? 6 - npeople : 0;
		for (i = 0; i < nre; i++) {
			/* Distinct people: nre <= 3 <= npeople. */
			size_t p = i % npeople;

			row = csv_append(t);
			setd(t, row, "date", sday[nsess - 1]);
			csv_set(t, row, "person", people[pick[p]].person);
			csv_set(t, row, "relationship",
			    people[pick[p]].relationship);
			csv_set(t, row, "contact", PICK(&r, contacts));
			setl(t, row, "closeness", base[p][0] < 5 ?
			    base[p][0] + 1 : 5);
			setl(t, row, "support", base[p][1] < 5 ?
			    base[p][1] + 1 : 5);
			setl(t, row, "conflict", base[p][2] > 1 ?
			    base[p][2] - 1 : 1);
			csv_set(t, row, "satisfying", PICK(&r, satisfying));
			csv_set(t, row, "unsatisfying", "");
			csv_set(t, row, "changes_wanted", "");
		}
	}

	/* Timeline: life events before treatment, one during it. */
	t = &rc.t[REC_TIMELINE];
	{
		long n = uni(&r, 1, 3), ev[4];

		for (i = 0; i < (size_t)n; i++)
			ev[i] = start - uni(&r, 20, 1500);
		for (i = 1; i < (size_t)n; i++)	/* in date order */
			for (j = i; j > 0 && ev[j - 1] > ev[j]; j--) {
				d = ev[j];
				ev[j] = ev[j - 1];
				ev[j - 1] = d;
			}
		if (nsess > 4 && chance(&r, 40))
			ev[n++] = sday[nsess - 2];
		for (i = 0; i < (size_t)n; i++) {
			row = csv_append(t);
			setd(t, row, "date", ev[i]);
			csv_set(t, row, "kind", PICK(&r, event_kinds));
			csv_set(t, row, "event", PICK(&r, events));
			if (chance(&r, 70))
				setl(t, row, "mood", uni(&r, 0, 6));
		}
	}

	/* Goals, set early; some met or dropped later. */
	t = &rc.t[REC_GOALS];
	if (held > 0) {
		long n = uni(&r, 2, 3);

		for (i = 0; i < (size_t)n; i++) {
			size_t at = nsess > 2 ? (size_t)uni(&r, 1, 2) : 0;

			row = csv_append(t);
			setl(t, row, "id", (long)i + 1);
			setd(t, row, "set_on", sday[at]);
			csv_set(t, row, "goal", goals[(k + i) %
			    (sizeof(goals) / sizeof(goals[0]))]);
			if (nsess > 8 && chance(&r, 45)) {
				csv_set(t, row, "status", chance(&r, 85) ?
				    "met" : "dropped");
				setd(t, row, "closed_on", sday[uni(&r,
				    (long)at + 1, (long)nsess - 1)]);
			} else
				csv_set(t, row, "status", "open");
		}
	}

	/* The relapse-prevention plan, in the final phase. */
	t = &rc.t[REC_RELAPSE];
	if ((final_seen || strcmp(status, "maintenance") == 0) && held > 0 &&
	    chance(&r, 85)) {
		for (i = 0; i < 3; i++) {
			row = csv_append(t);
			setl(t, row, "id", (long)i + 1);
			setd(t, row, "date", sday[nsess - 1]);
			csv_set(t, row, "kind", relapse_texts[i][0]);
			csv_set(t, row, "text", relapse_texts[i][1]);
		}
	}

	if (strcmp(status, "active") == 0) {
		if (held >= planned && chance(&r, 60))
			status = "ended";
		else if (held < planned && chance(&r, 4))
			status = "paused";
	}
	for (i = 0; i < REC_NFILES; i++)
		validate(dir, (enum rec_file)i, &rc.t[i]);

	fmtday(start, day);
	snprintf(num, sizeof(num), "%ld", planned);
	ini_set(&ini, "client", "format", CLIENT_FORMAT);
	ini_set(&ini, "client", "id", id);
	ini_set(&ini, "client", "name", name);
	ini_set(&ini, "client", "variant", vname);
	ini_set(&ini, "client", "start", day);
	ini_set(&ini, "client", "planned_sessions", num);
	snprintf(num, sizeof(num), "%ld", freq);
	ini_set(&ini, "client", "frequency_days", num);
	ini_set(&ini, "client", "therapist", therapist);
	ini_set(&ini, "client", "status", status);
	ini_set(&ini, "focus", "primary", primary);
	ini_set(&ini, "focus", "secondary", secondary);
	ini_set(&ini, "focus", "set_on", setday);

	if (g->safe) {
		char pl[32], fr[32];

		memset(&cp, 0, sizeof(cp));
		snprintf(pl, sizeof(pl), "%ld", planned);
		snprintf(fr, sizeof(fr), "%ld", freq);
		cp.id = id;
		cp.name = name;
		cp.variant = vname;
		cp.start = day;
		cp.sessions = pl;
		cp.frequency = fr;
		cp.therapist = therapist;
		save_safe(dir, &cp, &ini, &rc);
	} else
		save_fast(dir, &ini, &rc);
	if (g->history)
		save_history(dir, g->unsealed);
	ini_free(&ini);
	for (i = 0; i < REC_NFILES; i++)
		csv_free_table(&rc.t[i]);
}

/* The history of dir's records as they are (-H), without its seal (-U). */
static void
save_history(const char *dir, int unsealed)
{
	struct client c;
	struct txn tx;
	struct stat st;
	char tail[SEAL_LEN], *path;
	int fd;

	if (client_open(&c, dir) == -1 || txn_begin(&tx, dir) == -1)
		die(dir);
	txn_save_ini(&tx, &c.ini);
	if (txn_commit(&tx) == -1)
		die(dir);
	client_close(&c);
	atomic_changed_clear();
	if (!unsealed)
		return;
	path = path_join(dir, HIST_FILE);
	if ((fd = open(path, O_RDWR)) == -1 || fstat(fd, &st) == -1 ||
	    st.st_size < (off_t)SEAL_LEN || pread(fd, tail, SEAL_LEN,
	    st.st_size - (off_t)SEAL_LEN) != (ssize_t)SEAL_LEN ||
	    strncmp(tail, HIST_SEAL ",", 5) != 0 ||
	    ftruncate(fd, st.st_size - (off_t)SEAL_LEN) == -1 ||
	    close(fd) == -1)
		die(path);
	free(path);
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen [-HsU] [-j jobs] [-p per] [-S seed] "
	    "[-t today] N DIR\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct gen g;
	struct ini ini = { 0 };
	const char *today = "2026-06-01";
	long n, per = 50, jobs = 1, seed = 1, job;
	size_t k;
	int ch, status, failed = 0;
	pid_t pid;

	memset(&g, 0, sizeof(g));
	umask(077);	/* as atomic_replace() leaves them: 0600 */
	while ((ch = getopt(argc, argv, "Hj:p:sS:t:U")) != -1) {
		switch (ch) {
		case 'H':
			g.history = 1;
			break;
		case 'j':
			if (parse_long(optarg, 1, 64, &jobs) == -1)
				usage();
			break;
		case 'p':
			if (parse_long(optarg, 1, 100000000, &per) == -1)
				usage();
			break;
		case 's':
			g.safe = 1;
			break;
		case 'S':
			if (parse_long(optarg, 0, 2000000000, &seed) == -1)
				usage();
			break;
		case 't':
			today = optarg;
			break;
		case 'U':
			g.unsealed = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2 || parse_long(argv[0], 0, 100000000, &n) == -1 ||
	    date_parse(today, &g.today) == -1)
		usage();
	g.seed = (uint64_t)seed;
	if (mkdir(argv[1], 0700) == -1) {
		fprintf(stderr, "gen: %s: %s (give a directory that does not "
		    "exist)\n", argv[1], strerror(errno));
		return 1;
	}
	ini_set(&ini, "remind", "within", "7");
	ini_set(&ini, "remind", "no_contact_days", "28");
	write_file(argv[1], PRACTICE_INI, fill_ini, &ini);
	ini_free(&ini);
	/* The practice root as client_open() will find it. */
	if ((g.root = practice_root(argv[1])) == NULL) {
		fprintf(stderr, "gen: %s: no practice root\n", argv[1]);
		return 1;
	}
	if (instr_load_set(&g.set, g.root) == -1)
		die("instruments");
	for (job = 0; job < jobs; job++) {
		if (jobs > 1 && (pid = fork()) != 0) {
			if (pid == -1) {
				perror("gen: fork");
				return 1;
			}
			continue;
		}
		/* Job j writes the therapists j, j + jobs, ... */
		for (k = (size_t)(job * per); k < (size_t)n;
		    k += (size_t)(jobs * per)) {
			char tdir[64], cdir[96], *tpath, ther[64];
			size_t c, t = k / (size_t)per;

			snprintf(tdir, sizeof(tdir), "t%04zu", t + 1);
			tpath = path_join(argv[1], tdir);
			mkdir_ok(tpath);
			snprintf(ther, sizeof(ther), "Dr. %s %s",
			    first_names[t % 30], surnames[(t / 30) % 25]);
			for (c = k; c < k + (size_t)per && c < (size_t)n; c++) {
				char *cpath;

				snprintf(cdir, sizeof(cdir), "c%07zu", c + 1);
				cpath = path_join(tpath, cdir);
				gen_client(&g, c + 1, cpath, ther);
				free(cpath);
			}
			free(tpath);
		}
		if (jobs > 1)
			_exit(0);
	}
	if (jobs > 1)
		while (wait(&status) > 0)
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
				failed = 1;
	instr_free_set(&g.set);
	variant_free_all();
	free((char *)g.root);
	return failed;
}
