/*
 * check.c: ipt check, run over one client directory, and check --fix.
 *
 * check_client() runs the file rules (check_files.c) and then, when
 * sessions.csv has no error, the fidelity rules of the variant
 * (fidelity.c, which formats what the protocol's rules of protocol.c
 * find).  check_fix() repairs what is safe.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload.h"
#include "check.h"
#include "check_int.h"
#include "client.h"
#include "csvt.h"
#include "episode.h"
#include "date.h"
#include "git.h"
#include "history.h"
#include "ini.h"
#include "record.h"
#include "seal.h"
#include "txn.h"
#include "util.h"
#include "variant.h"

static long
date_of(const char *s)
{
	long d;

	return date_parse(s, &d) == 0 ? d : -1;
}

static long
day(const struct csv_table *t, size_t i, const char *col)
{
	return date_of(csv_get(t, i, col));
}

int
check_is_dup(const struct csv_table *t, size_t i)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (csv_rows_equal(t, i, k))
			return 1;
	return 0;
}

static int
cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c;

	if ((c = strcmp(x->path, y->path)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->sev != y->sev)
		return (int)x->sev - (int)y->sev;
	return strcmp(x->msg, y->msg);
}

int
check_client(const char *dir, const struct instr_set *set,
    struct findings *out)
{
	return check_client_profile(dir, set, NULL, out);
}

int
check_client_profile(const char *dir, const struct instr_set *set,
    const struct profile *prof, struct findings *out)
{
	struct ctx x;
	size_t i, first = out->n;
	int f;

	memset(&x, 0, sizeof(x));
	x.dir = dir;
	x.out = out;
	x.set = set;
	if (client_open(&x.c, dir) == -1)
		check_add_error(&x, CLIENT_INI, ipt_error());
	else {
		x.have_client = 1;
		if (variant_get(x.c.root, x.c.variant, &x.v) == -1)
			check_add_error(&x, CLIENT_INI, ipt_error());
	}
	check_files(&x);
	check_notes(&x);
	check_signatures(&x);
	check_perm(&x);
	check_done(&x);
	check_history(&x, first);
	/* Fidelity counts sessions: it needs a sessions.csv without errors. */
	for (i = first; i < out->n; i++)
		if (out->v[i].sev == SEV_ERROR &&
		    strstr(out->v[i].path, "sessions.csv") != NULL)
			x.ok[REC_SESSIONS] = 0;
	if (x.have_client && x.v != NULL)
		check_fidelity(&x);
	if (prof != NULL)
		check_profile(&x, prof);
	for (f = 0; f < REC_NFILES; f++) {
		csv_free_table(&x.t[f]);
		free(x.key[f]);
	}
	check_notes_free(&x);
	episodes_free(&x.eps);
	if (x.have_client) {
		free(out->id);
		out->id = xstrdup(x.c.id);
		client_close(&x.c);
	}
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof(*out->v),
		    cmp_finding);
	return 0;
}

size_t
findings_errors(const struct findings *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		if (f->v[i].sev == SEV_ERROR)
			n++;
	return n;
}

void
findings_free(struct findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].path);
		free(f->v[i].msg);
	}
	free(f->v);
	free(f->id);
	f->id = NULL;
	f->v = NULL;
	f->n = 0;
	f->cap = 0;
}

/* FNV-1a of the key's "ROOT\nID" part. */
static size_t
id_hash(const char *k, size_t len)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)k[i]) * 16777619u;
	return h;
}

/* The length of a slot's "ROOT\nID" part. */
static size_t
id_part(const char *slot)
{
	const char *nl = strchr(slot, '\n');

	return (size_t)(strchr(nl + 1, '\n') - slot);
}

/* 1 if two paths name one directory. */
static int
same_dir(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

void
check_ids_add(struct check_ids *ids, const char *root, const char *dir,
    struct findings *f)
{
	char *key, **old;
	size_t len, i, j, oldcap;

	/* Outside a practice there is nothing the ids must tell apart. */
	if (f->id == NULL || root == NULL)
		return;
	key = xasprintf("%s\n%s\n%s", root, f->id, dir);
	len = id_part(key);
	if (ids->n * 2 >= ids->cap) {
		old = ids->slot;
		oldcap = ids->cap;
		ids->cap = oldcap < 64 ? 64 : oldcap * 2;
		ids->slot = xcalloc(ids->cap, sizeof(*ids->slot));
		for (i = 0; i < oldcap; i++)
			if (old[i] != NULL) {
				j = id_hash(old[i], id_part(old[i])) &
				    (ids->cap - 1);
				while (ids->slot[j] != NULL)
					j = (j + 1) & (ids->cap - 1);
				ids->slot[j] = old[i];
			}
		free(old);
	}
	for (j = id_hash(key, len) & (ids->cap - 1); ids->slot[j] != NULL;
	    j = (j + 1) & (ids->cap - 1))
		if (id_part(ids->slot[j]) == len &&
		    memcmp(ids->slot[j], key, len) == 0) {
			/* The same directory named twice is one client. */
			if (same_dir(ids->slot[j] + len + 1, dir)) {
				free(key);
				return;
			}
			if (f->n == f->cap) {
				f->cap = f->cap < 16 ? 16 : f->cap * 2;
				f->v = xreallocarray(f->v, f->cap,
				    sizeof(*f->v));
			}
			f->v[f->n].path = path_child(dir, CLIENT_INI);
			f->v[f->n].line = 0;
			f->v[f->n].sev = SEV_ERROR;
			f->v[f->n++].msg = xasprintf("[client] id: '%s' is also "
			    "the id of %s: the two read as one client in ls "
			    "and remind, and share calendar UIDs; give one "
			    "another id", f->id, ids->slot[j] + len + 1);
			free(key);
			return;
		}
	ids->slot[j] = key;
	ids->n++;
}

void
check_ids_free(struct check_ids *ids)
{
	size_t i;

	for (i = 0; i < ids->cap; i++)
		free(ids->slot[i]);
	free(ids->slot);
	memset(ids, 0, sizeof(*ids));
}

/*
 * Keys for putting a file back in order: the keys check_order() in
 * check_files.c warns of, so that --fix moves no row of a file check
 * calls in order.
 */
static const struct {
	enum rec_file	 f;
	const char	*key;
	int		 bynum;
} order[] = {
	{ REC_SESSIONS,	 "number", 1 },
	{ REC_MEASURES,	 "date", 0 },
	{ REC_INVENTORY, "date", 0 },
	{ REC_TIMELINE,	 "date", 0 },
	{ REC_GOALS,	 "id", 1 },
	{ REC_FOCUS,	 "date", 0 },
	{ REC_RELAPSE,	 "id", 1 },
	{ REC_FORMULATION, "id", 1 },
	{ REC_RISK,	 "date", 0 },
};

static long
row_key(const struct csv_row *r, int col, int bynum)
{
	long v;

	if (col == -1)
		return 0;
	if (bynum)
		return parse_long(r->f[col], 1, 9999, &v) == 0 ? v : 0;
	return date_parse(r->f[col], &v) == 0 ? v : -1;
}

static int
row_cmp(const struct csv_row *a, const struct csv_row *b, int col, int bynum)
{
	long x = row_key(a, col, bynum), y = row_key(b, col, bynum);

	return (x > y) - (x < y);
}

/* A stable insertion sort: a merge leaves a file nearly in order. */
static int
sort_rows(struct csv_table *t, const char *key, int bynum)
{
	int col = csv_col(t, key);
	struct csv_row r;
	size_t i, k;
	int moved = 0;

	for (i = 1; i < t->nrows; i++) {
		r = t->rows[i];
		for (k = i; k > 0 &&
		    row_cmp(&t->rows[k - 1], &r, col, bynum) > 0; k--) {
			t->rows[k] = t->rows[k - 1];
			moved = 1;
		}
		t->rows[k] = r;
	}
	return moved;
}

/* Record what a fix saved, or why it was not. */
static int
fixed(struct buf *log, const char *file, int rc, size_t dups, int moved)
{
	if (rc == -1) {
		buf_printf(log, "%s: not fixed: %s\n", file, ipt_error());
		return -1;
	}
	if (dups > 0)
		buf_printf(log, "%s: removed %zu duplicate row%s\n", file,
		    dups, dups == 1 ? "" : "s");
	if (moved)
		buf_printf(log, "%s: put the rows in order\n", file);
	return 0;
}

/*
 * Each repair is a transaction of its own (txn.h), so that one file that
 * cannot be saved leaves the others repaired: duplicates and order file
 * by file, then client.ini's focus from focus.csv's last decision.
 */
int
check_fix(const char *dir, struct buf *log)
{
	struct txn tx;
	struct client c = { 0 };
	struct csv_table *t, *eps;
	size_t i, k, dups, last;
	long since;
	int rc = 0, moved, history, had;
	char *hp = path_join(dir, HIST_FILE);
	struct seal_hash was, now;

	/*
	 * With a history, it says which rows a merge left that should not
	 * be there: equal rows may be two real ones.
	 */
	history = path_exists(hp);
	free(hp);
	/* Modes first: a record file fixed below keeps its mode. */
	if (check_perm_fix(dir, log) == -1)
		rc = -1;
	if (history && check_history_fix(dir, log) == -1)
		rc = -1;
	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		if (txn_begin(&tx, dir) == -1) {
			buf_printf(log, "%s: not fixed: %s\n",
			    rec_schema(order[k].f)->file, ipt_error());
			rc = -1;
			continue;
		}
		if ((t = txn_load(&tx, order[k].f)) == NULL) {
			txn_abort(&tx);
			continue;	/* check reports why */
		}
		dups = 0;
		for (i = t->nrows; !history && i-- > 1;)
			if (check_is_dup(t, i)) {
				csv_remove(t, i);
				dups++;
			}
		moved = sort_rows(t, order[k].key, order[k].bynum);
		if (dups > 0 || moved) {
			txn_save(&tx, order[k].f);
			if (fixed(log, rec_schema(order[k].f)->file,
			    txn_commit(&tx), dups, moved) == -1)
				rc = -1;
		}
		txn_abort(&tx);
	}
	/* A risk review stopped between its two files. */
	if (check_done_fix(dir, log) == -1)
		rc = -1;
	/* client.ini's focus follows the last decision in focus.csv. */
	if (txn_begin(&tx, dir) == -1) {
		buf_printf(log, "client.ini: not fixed: %s\n", ipt_error());
		rc = -1;
	} else if (client_reload(&c, dir) == 0 &&
	    (eps = txn_load(&tx, REC_EPISODES)) != NULL &&
	    (t = txn_load(&tx, REC_FOCUS)) != NULL && t->nrows > 0) {
		/* The decisions of the current episode (episode.h). */
		since = episodes_since(eps);
		last = t->nrows;
		for (i = 0; i < t->nrows; i++)
			if (day(t, i, "date") > since && (last == t->nrows ||
			    day(t, i, "date") >= day(t, last, "date")))
				last = i;
		if (last < t->nrows && (strcmp(csv_get(t, last, "primary"),
		    c.primary) != 0 ||
		    strcmp(csv_get(t, last, "secondary"), c.secondary) != 0 ||
		    strcmp(csv_get(t, last, "date"), c.focus_set_on) != 0)) {
			ini_set(&c.ini, "focus", "primary",
			    csv_get(t, last, "primary"));
			ini_set(&c.ini, "focus", "secondary",
			    csv_get(t, last, "secondary"));
			ini_set(&c.ini, "focus", "set_on",
			    csv_get(t, last, "date"));
			txn_save_ini(&tx, &c.ini);
			if (ini_fits(&c.ini, CLIENT_INI) == -1 ||
			    txn_commit(&tx) == -1) {
				buf_printf(log, "client.ini: not fixed: %s\n",
				    ipt_error());
				rc = -1;
			} else
				buf_printf(log, "client.ini: focus set from "
				    "focus.csv\n");
		}
	}
	txn_abort(&tx);
	client_close(&c);
	/*
	 * A history without a seal (written before seals, or by a write
	 * that found the records disagree and nothing to repair here) is
	 * sealed when the records are what it says (seal.h).
	 */
	if (history && rc == 0 && txn_begin(&tx, dir) == 0) {
		had = seal_at_end(dir, &was);
		txn_seal(&tx);
		if (txn_commit(&tx) == -1) {
			buf_printf(log, "%s: not sealed: %s\n", HIST_FILE,
			    ipt_error());
			rc = -1;
		} else if (seal_at_end(dir, &now) && (!had ||
		    memcmp(&was, &now, sizeof(now)) != 0))
			buf_printf(log, "%s: sealed: the records are what it "
			    "says\n", HIST_FILE);
	}
	if (log->len > 0)
		git_note("repaired by ipt check --fix");
	return rc;
}

void
check_scan_begin(void)
{
	caseload_read_too(HIST_FILE);
}
