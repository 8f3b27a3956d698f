/*
 * txn.c: the record transaction, the one place a client's files change.
 *
 * The protocol, for every write command:
 *
 *  1. txn_begin(): take the lock of the client directory, DIR/.ipt.lock
 *     (atomic.c): one writer at a time in the whole directory -- its CSV
 *     files, client.ini and notes/ -- from here to the end of the
 *     transaction.  The lock refuses a directory where a file ipt writes
 *     is a symbolic link, and removes the temporary files of killed
 *     writers.
 *  2. txn_load() (and client_reload(), client.h): read under the lock
 *     what the change starts from: client.ini again, and each record
 *     file at most once, with rec_load(), which checks every value.  A
 *     change is always made to what is on disk now, never to what was
 *     read before the lock: txn_begin() stops the lending of files a
 *     scan read ahead (readahead.h) until the transaction ends.
 *  3. The caller checks every input and changes the tables in memory.  A
 *     refusal ends with txn_abort(): unlock, nothing written, every file
 *     byte-identical.
 *  4. The caller names the files to write, in its order (txn_save*()).
 *  5. txn_commit(): check every record table to write (rec_check()), so
 *     that a bad value leaves every file as it was; then write the files
 *     one after the other in that order, each replaced whole by
 *     atomic_replace() (record files by rec_save(); client.ini read back
 *     with iniparser before its rename); stop at the first that fails;
 *     unlock.
 *
 * What a crash leaves: before the first rename, every file as it was (a
 * temporary file, which the next writer removes).  After the rename of
 * the k-th file, the first k files new and the others old; no file is
 * ever half written.  So each command orders its files such that every
 * prefix is a state `ipt check' accepts or repairs:
 *
 *  - focus set: focus.csv, then client.ini.  The history first: a crash
 *    between leaves a last decision newer than client.ini's [focus], which
 *    `ipt check' reports and `ipt check --fix' copies into client.ini.
 *  - risk review: risk.csv, then measures.csv.  The note first: a crash
 *    between leaves the flag open (reviewed again later), never closed
 *    without its note.
 *  - init: client.ini, then .gitattributes and .gitignore.  The client
 *    exists from the first rename; the other two matter to git only.
 *  - every other command writes one file.
 *
 * What an error says: the reason of the step that failed ("DIR/FILE:
 * write: No space left on device"), unchanged when nothing was saved.  A
 * commit of two or more files that fails after saving some says which
 * were saved and which not, before the reason: "risk.csv saved;
 * measures.csv not saved: REASON".  A failure at the directory fsync after
 * a rename counts the file as saved (it is in place; only its durability
 * is in doubt): "focus.csv, client.ini saved, but REASON" when that was
 * the last one.  The lock is released in every case.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "history.h"
#include "ini.h"
#include "readahead.h"
#include "record.h"
#include "seal.h"
#include "sha256.h"
#include "txn.h"
#include "util.h"

int
txn_begin(struct txn *tx, const char *dir)
{
	memset(tx, 0, sizeof(*tx));
	tx->lock.fd = -1;
	if (dir_lock(&tx->lock, dir) == -1)
		return -1;
	/*
	 * Nothing read ahead before the lock is loaded under it: another
	 * process may have written since (readahead.h).
	 */
	tx->lent = ra_lend(NULL);
	tx->dir = xstrdup(dir);
	tx->active = 1;
	return 0;
}

struct csv_table *
txn_load(struct txn *tx, enum rec_file f)
{
	if (!tx->loaded[f]) {
		if (rec_load(tx->dir, f, &tx->tab[f]) == -1)
			return NULL;
		tx->loaded[f] = 1;
	}
	return &tx->tab[f];
}

/* A new item, or NULL if the file is named already (or too many are). */
static struct txn_item *
add(struct txn *tx, enum txn_kind kind, const char *name)
{
	struct txn_item *it;
	size_t i;

	for (i = 0; i < tx->nitems; i++)
		if (strcmp(tx->item[i].name, name) == 0)
			return NULL;
	if (tx->nitems == TXN_MAX) {
		tx->misuse = "more files than one transaction writes";
		return NULL;
	}
	tx->item = xreallocarray(tx->item, tx->nitems + 1, sizeof(*tx->item));
	it = &tx->item[tx->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->name = xstrdup(name);
	return it;
}

void
txn_save(struct txn *tx, enum rec_file f)
{
	struct txn_item *it;

	if (!tx->loaded[f]) {
		tx->misuse = "a record file saved but never loaded";
		return;
	}
	if ((it = add(tx, TXN_REC, rec_schema(f)->file)) != NULL)
		it->f = f;
}

void
txn_save_ini(struct txn *tx, const struct ini *ini)
{
	struct txn_item *it;

	if ((it = add(tx, TXN_INI, CLIENT_INI)) != NULL)
		it->ini = ini;
}

void
txn_save_bytes(struct txn *tx, const char *sub, const char *name,
    const void *bytes, size_t len)
{
	struct txn_item *it;
	char *full = sub != NULL ? path_join(sub, name) : xstrdup(name);

	if ((it = add(tx, TXN_BYTES, full)) != NULL) {
		it->sub = sub != NULL ? xstrdup(sub) : NULL;
		it->bytes = xmalloc(len + 1);
		if (len > 0)
			memcpy(it->bytes, bytes, len);
		it->len = len;
	}
	free(full);
}

void
txn_row_ids(struct txn *tx, enum rec_file f, const char **ids)
{
	tx->row_ids[f] = ids;
}

void
txn_remove_bytes(struct txn *tx, const char *sub, const char *name)
{
	char *full = sub != NULL ? path_join(sub, name) : xstrdup(name);
	size_t i;

	txn_save_bytes(tx, sub, name, "", 0);
	for (i = 0; i < tx->nitems; i++)
		if (strcmp(tx->item[i].name, full) == 0)
			tx->item[i].rm = 1;
	free(full);
}

static int
fill_ini(FILE *fp, void *arg)
{
	return ini_write(arg, fp);
}

/* Read the written file back with iniparser: it must say the same. */
static int
verify_ini(const char *tmp, void *arg)
{
	const struct ini *want = arg;
	struct ini got;
	int rc;

	if (ini_load(&got, tmp) == -1)
		return ipt_seterr("%s: written file does not read back: %s",
		    want->path != NULL ? want->path : CLIENT_INI, ipt_error());
	rc = ini_equal(want, &got);
	ini_free(&got);
	if (rc != 0)
		return ipt_seterr("%s: written file reads back differently; "
		    "nothing changed", want->path != NULL ? want->path :
		    CLIENT_INI);
	return 0;
}

int
txn_write_ini(const char *dir, const struct ini *ini)
{
	return atomic_replace(dir, CLIENT_INI, fill_ini, verify_ini,
	    (void *)(uintptr_t)ini);
}

static int
fill_bytes(FILE *fp, void *arg)
{
	const struct txn_item *it = arg;

	if (it->len > 0 && fwrite(it->bytes, 1, it->len, fp) != it->len)
		return ipt_seterrno("write");
	return 0;
}

static int
write_item(struct txn *tx, struct txn_item *it)
{
	char *dir;
	int rc;

	switch (it->kind) {
	case TXN_REC:
		return rec_save(tx->dir, it->f, &tx->tab[it->f]);
	case TXN_INI:
		return txn_write_ini(tx->dir, it->ini);
	case TXN_BYTES:
		dir = it->sub != NULL ? path_join(tx->dir, it->sub) :
		    xstrdup(tx->dir);
		if (it->rm)
			rc = atomic_remove(dir, it->sub != NULL ? it->name +
			    strlen(it->sub) + 1 : it->name);
		else
			rc = atomic_replace(dir, it->sub != NULL ? it->name +
			    strlen(it->sub) + 1 : it->name, fill_bytes, NULL,
			    it);
		free(dir);
		return rc;
	}
	return -1;
}

/* Say which files a failed commit saved: the first `saved' items. */
static void
say_saved(const struct txn *tx, size_t saved)
{
	struct buf b = { 0 };
	size_t i;

	if (tx->nitems < 2 || saved == 0)
		return;		/* the reason alone: nothing was written */
	for (i = 0; i < saved; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", tx->item[i].name);
	if (saved < tx->nitems) {
		buf_adds(&b, " saved; ");
		for (i = saved; i < tx->nitems; i++)
			buf_printf(&b, "%s%s", i > saved ? ", " : "",
			    tx->item[i].name);
		buf_printf(&b, " not saved: %s", ipt_error());
	} else
		buf_printf(&b, " saved, but %s", ipt_error());
	ipt_seterr("%s", b.s);
	buf_free(&b);
}

/*
 * The history (history.h): every commit that changes a record file, a
 * note or client.ini also appends its changes to history.csv, written
 * last, after the files it describes.  A crash between leaves files the
 * history does not explain, which the next commit refuses and `ipt check
 * --fix' records; the error of a failed history write says the files
 * were saved.
 */

struct stage {
	struct txn	*tx;
	struct history	 h;		/* read, and the upgrade's entries */
	struct history	 out;		/* this commit's entries */
	int		 upgraded;
	const char	*why;		/* of the entries, if not the command's */
	char		 at[21];
	const char	**sess_ids;	/* the sessions saved: their row ids */
	const struct csv_table *sess;
};

/* Read a whole file into b: 0, or -1 with why. */
static int
read_whole(const char *path, struct buf *b)
{
	char buf[16384];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return ipt_seterrno("%s", path);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		buf_add(b, buf, (size_t)n);
	close(fd);
	if (n < 0)
		return ipt_seterrno("%s", path);
	return 0;
}

static void
entry(struct stage *s, struct hist_ent *e, const char *id, const char *row,
    const char *file, const char *op, const char *why)
{
	e->id = (char *)id;
	e->row = (char *)row;
	e->at = s->at;
	e->author = (char *)hist_author();
	e->file = (char *)file;
	e->op = (char *)op;
	e->why = (char *)(why != NULL ? why : s->why != NULL ? s->why :
	    s->tx->repair != NULL ? s->tx->repair : hist_why());
}

static void
push(struct hist_ent *e, const char *field, const char *value)
{
	e->field = xreallocarray(e->field, e->nf + 1, sizeof(char *));
	e->value = xreallocarray(e->value, e->nf + 1, sizeof(char *));
	e->field[e->nf] = (char *)field;
	e->value[e->nf++] = (char *)value;
}

static void
commit_entry(struct stage *s, struct hist_ent *e)
{
	hist_add(&s->out, e);
	free(e->field);
	free(e->value);
	free(e->parent);
	memset(e, 0, sizeof(*e));
}

/* An id made of what it names, so that two clones upgrading agree. */
static void
content_id(char out[17], const char *file, const struct csv_table *t,
    size_t i, size_t k)
{
	struct sha256 c;
	unsigned char d[SHA256_LEN];
	char n[32];
	size_t j;

	sha256_init(&c);
	sha256_update(&c, "ipt-history-1", 14);
	sha256_update(&c, file, strlen(file) + 1);
	for (j = 0; t != NULL && j < t->ncols; j++) {
		sha256_update(&c, t->cols[j], strlen(t->cols[j]) + 1);
		sha256_update(&c, t->rows[i].f[j], strlen(t->rows[i].f[j]) + 1);
	}
	snprintf(n, sizeof(n), "%zu", k);
	sha256_update(&c, n, strlen(n));
	sha256_final(&c, d);
	hex_encode(d, 8, out);
	out[16] = '\0';
}

/*
 * A directory without history.csv (format 1, or made before it): its
 * records as they are become the history's first entries, "added" by
 * nobody known, with ids made of their content.
 */
struct rowh {
	uint64_t	 h;
	size_t		 i;
};

static int
cmp_rowh(const void *a, const void *b)
{
	const struct rowh *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * For each row of t, how many earlier rows are the same (dup[i]): by a
 * hash of the rows, sorted, so that 100,000 equal rows cost n log n.
 */
static size_t *
earlier_copies(const struct csv_table *t)
{
	struct rowh *rh = xreallocarray(NULL, t->nrows + 1, sizeof(*rh));
	size_t *dup = xcalloc(t->nrows + 1, sizeof(*dup));
	size_t *rep = xreallocarray(NULL, t->nrows + 1, sizeof(*rep));
	size_t *cnt = xreallocarray(NULL, t->nrows + 1, sizeof(*cnt));
	size_t i, c, g, e, nrep, k;
	const unsigned char *p;
	uint64_t h;

	for (i = 0; i < t->nrows; i++) {
		h = 1469598103934665603ULL;
		for (c = 0; c < t->ncols; c++) {
			for (p = (const unsigned char *)t->rows[i].f[c];
			    *p != '\0'; p++)
				h = (h ^ *p) * 1099511628211ULL;
			h = (h ^ 0x1f) * 1099511628211ULL;
		}
		rh[i].h = h;
		rh[i].i = i;
	}
	if (t->nrows > 0)
		qsort(rh, t->nrows, sizeof(*rh), cmp_rowh);
	for (g = 0; g < t->nrows; g = e) {
		for (e = g; e < t->nrows && rh[e].h == rh[g].h; e++)
			;
		/* In file order: the distinct rows of the group, counted. */
		for (nrep = 0, i = g; i < e; i++) {
			for (k = 0; k < nrep; k++)
				if (csv_rows_equal(t, rh[i].i, rep[k]))
					break;
			if (k == nrep) {
				rep[nrep] = rh[i].i;
				cnt[nrep++] = 0;
			}
			dup[rh[i].i] = cnt[k]++;
		}
	}
	free(rh);
	free(rep);
	free(cnt);
	return dup;
}

static int
upgrade(struct stage *s)
{
	struct csv_table t;
	struct hist_ent e = { 0 };
	struct ini ini;
	char id[17], *note, *path;
	size_t i, j, k, sec, kv, *dup;
	int f, bad;

	for (f = 0; f < REC_NFILES; f++) {
		path = path_join(s->tx->dir, rec_schema(f)->file);
		k = path_exists(path);
		free(path);
		if (!k)
			continue;
		if (rec_load(s->tx->dir, f, &t) == -1)
			return -1;
		dup = earlier_copies(&t);
		for (i = 0; i < t.nrows; i++) {
			content_id(id, rec_schema(f)->file, &t, i, dup[i]);
			entry(s, &e, id, id, rec_schema(f)->file, "add",
			    "the records as they were before their history");
			e.author = "unknown (before the history)";
			for (j = 0; j < t.ncols; j++)
				if (t.rows[i].f[j][0] != '\0')
					push(&e, t.cols[j], t.rows[i].f[j]);
			note = NULL;
			/* A note ipt cannot keep stays out (check reports it). */
			if (f == REC_SESSIONS && (note = hist_note_text(s->tx->dir,
			    rec_number(csv_get(&t, i, "number")), &bad)) != NULL)
				push(&e, HIST_NOTE, note);
			hist_add(&s->h, &e);
			free(e.field);
			free(e.value);
			memset(&e, 0, sizeof(e));
			free(note);
		}
		free(dup);
		csv_free_table(&t);
	}
	path = path_join(s->tx->dir, CLIENT_INI);
	k = path_exists(path) && ini_load(&ini, path) == 0;
	free(path);
	if (k) {
		char **fields = NULL;
		size_t n = 0;

		content_id(id, CLIENT_INI, NULL, 0, 0);
		entry(s, &e, id, HIST_INI_ROW, CLIENT_INI, "add",
		    "the records as they were before their history");
		e.author = "unknown (before the history)";
		for (sec = 0; sec < ini.n; sec++)
			for (kv = 0; kv < ini.sec[sec].n; kv++) {
				fields = xreallocarray(fields, n + 1,
				    sizeof(*fields));
				fields[n] = xasprintf("%s.%s", ini.sec[sec].name,
				    ini.sec[sec].kv[kv].key);
				push(&e, fields[n++], ini.sec[sec].kv[kv].val);
			}
		hist_add(&s->h, &e);
		free(e.field);
		free(e.value);
		for (i = 0; i < n; i++)
			free(fields[i]);
		free(fields);
		ini_free(&ini);
	}
	return 0;
}

static size_t
equal_cols(const struct hist_row *r, const struct csv_table *t, size_t i)
{
	size_t c, n = 0;

	for (c = 0; c < t->ncols; c++)
		n += strcmp(t->rows[i].f[c], hist_value(r, t->cols[c])) == 0;
	return n;
}

/* The parents of a change to r: every head of its graph. */
static void
parents(struct hist_ent *e, const struct hist_row *r)
{
	size_t j;

	for (j = 0; j < r->nhead; j++) {
		e->parent = xreallocarray(e->parent, e->npar + 1,
		    sizeof(char *));
		e->parent[e->npar++] = r->head[j]->id;
	}
}

static int
is_resolved(const struct stage *s, const struct hist_row *r)
{
	return s->tx->resolve != NULL && strcmp(s->tx->resolve, r->id) == 0;
}

static int
conflicted(const struct stage *s, const char *file, const struct hist_row *r)
{
	return ipt_seterr("%s/%s: row %s was changed differently on two "
	    "clones (%s); decide, then run `ipt history --resolve %s'; nothing "
	    "changed", s->tx->dir, file, r->id, r->conflicts, r->id);
}

/*
 * The live rows of a fold by a string (their id, or their key), sorted
 * with the row's place as the tie-break: the first unused row of a
 * string is found by bisection, as a scan of the fold in order would.
 */
struct sidx {
	char	*s;
	size_t	 j;
};

static int
cmp_sidx(const void *a, const void *b)
{
	const struct sidx *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	if (c != 0)
		return c;
	return (x->j > y->j) - (x->j < y->j);
}

static void
sidx_free(struct sidx *v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		free(v[k].s);
	free(v);
}

/* The first row of v with string s not used yet, or none. */
static size_t
sidx_find(const struct sidx *v, size_t n, const char *s,
    const unsigned char *used, size_t none)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].s, s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && strcmp(v[lo].s, s) == 0; lo++)
		if (!used[v[lo].j])
			return v[lo].j;
	return none;
}

/*
 * A row's key as one string: each key field's value, its length first,
 * so that no two keys run together ("3:abc0:").
 */
static char *
key_string(const char *const *k, const struct hist_row *r,
    const struct csv_table *t, size_t i)
{
	struct buf b = { 0 };
	const char *v;

	for (; *k != NULL; k++) {
		if (r != NULL)
			v = hist_value(r, *k);
		else
			v = csv_col(t, *k) != -1 ? csv_get(t, i, *k) : "";
		buf_printf(&b, "%zu:%s", strlen(v), v);
	}
	if (b.s == NULL)
		b.s = xstrdup("");
	return b.s;
}

/* The entries that turn the fold's rows into table t's. */
static int
diff_table(struct stage *s, const char *file, const struct hist_fold *fo,
    const struct csv_table *t, const char **ids, const char **hint)
{
	unsigned char *used = xcalloc(fo->n + 1, 1);
	struct hist_ent e = { 0 };
	const struct hist_row *r;
	const char *const *key;
	struct sidx *v = NULL;
	char *nid;
	size_t i, j, k, c, best, score, bscore, *at, nv = 0, capv = 0, nlive;
	int pass;

	at = xcalloc(t->nrows + 1, sizeof(*at));
	hist_match_at(fo, t, ids, at);
	for (i = 0; i < t->nrows; i++)
		if (ids[i] != NULL)
			for (j = at[i]; j < at[i] + 1; j++)
				if (fo->r[j].id == ids[i]) {
					used[j] = 1;
					r = &fo->r[j];
					if (!r->conflict || !is_resolved(s, r))
						continue;
					/* Decided as it stands. */
					nid = xmalloc(17);
					hist_new_id(nid);
					entry(s, &e, nid, r->id, file, "edit",
					    NULL);
					parents(&e, r);
					for (c = 0; c < t->ncols; c++)
						push(&e, t->cols[c],
						    t->rows[i].f[c]);
					commit_entry(s, &e);
					free(nid);
				}
	free(at);
	/*
	 * A row changed: the row the caller says it is (txn_row_ids()), else
	 * the same key, else the most fields in common.  The first two are
	 * found by bisection (a review of 5,000 flags changes 5,000 rows of
	 * measures.csv among 10,000); the last looks only at the rows still
	 * unmatched, which are few.
	 */
	key = hist_key(file);
	for (j = 0, nlive = 0; j < fo->n; j++)
		nlive += fo->r[j].live && !used[j];
	for (pass = hint != NULL ? -1 : 0; pass < 2; pass++) {
		if ((pass == 0 && key[0] == NULL) || nlive == 0)
			continue;
		/* The index of this pass: ids, keys, or the rows left. */
		for (j = 0, nv = 0; j < fo->n; j++) {
			if (!fo->r[j].live || used[j])
				continue;
			if (nv == capv) {
				capv = capv ? 2 * capv : 64;
				v = xreallocarray(v, capv, sizeof(*v));
			}
			v[nv].j = j;
			v[nv++].s = pass == -1 ? xstrdup(fo->r[j].id) :
			    pass == 0 ? key_string(key, &fo->r[j], NULL, 0) :
			    NULL;
		}
		if (pass < 1 && nv > 1)
			qsort(v, nv, sizeof(*v), cmp_sidx);
		for (i = 0; i < t->nrows; i++) {
			if (ids[i] != NULL || (pass == -1 && hint[i] == NULL))
				continue;
			best = fo->n;
			bscore = 0;
			if (pass == -1)
				best = sidx_find(v, nv, hint[i], used, fo->n);
			else if (pass == 0) {
				char *ks = key_string(key, NULL, t, i);

				best = sidx_find(v, nv, ks, used, fo->n);
				free(ks);
			} else
				for (k = 0; k < nv; k++) {
					j = v[k].j;
					if (used[j])
						continue;
					score = equal_cols(&fo->r[j], t, i);
					if (2 * score >= t->ncols &&
					    score > bscore) {
						best = j;
						bscore = score;
					}
				}
			if (best == fo->n)
				continue;
			used[best] = 1;
			nlive--;
			r = &fo->r[best];
			if (r->conflict && !is_resolved(s, r)) {
				sidx_free(v, nv);
				free(used);
				return conflicted(s, file, r);
			}
			ids[i] = r->id;
			nid = xmalloc(17);
			hist_new_id(nid);
			entry(s, &e, nid, r->id, file, "edit", NULL);
			parents(&e, r);
			for (c = 0; c < t->ncols; c++)
				if (r->conflict || strcmp(t->rows[i].f[c],
				    hist_value(r, t->cols[c])) != 0)
					push(&e, t->cols[c], t->rows[i].f[c]);
			if (e.nf > 0)
				commit_entry(s, &e);
			else {
				free(e.field);
				free(e.value);
				free(e.parent);
				memset(&e, 0, sizeof(e));
			}
			free(nid);
		}
		for (k = 0; k < nv; k++)
			free(v[k].s);
		nv = 0;
	}
	free(v);
	for (i = 0; i < t->nrows; i++) {
		if (ids[i] != NULL)
			continue;
		nid = xmalloc(17);
		hist_new_id(nid);
		entry(s, &e, nid, nid, file, "add", NULL);
		for (c = 0; c < t->ncols; c++)
			if (t->rows[i].f[c][0] != '\0')
				push(&e, t->cols[c], t->rows[i].f[c]);
		commit_entry(s, &e);
		ids[i] = s->out.e[s->out.n - 1].row;
		free(nid);
	}
	for (j = 0; j < fo->n; j++) {
		if (used[j] || !fo->r[j].live)
			continue;
		r = &fo->r[j];
		if (r->conflict && !is_resolved(s, r)) {
			free(used);
			return conflicted(s, file, r);
		}
		nid = xmalloc(17);
		hist_new_id(nid);
		entry(s, &e, nid, r->id, file, "rm", NULL);
		parents(&e, r);
		commit_entry(s, &e);
		free(nid);
	}
	free(used);
	return 0;
}

/*
 * The file as it is on disk against its history.  Rows made outside ipt
 * (a hand edit, a write interrupted before its history) are recorded as
 * what they are, and the change goes on; rows a merge brought back, or
 * rows of the history the file lacks, are for `ipt check --fix': refused.
 */
static int
adopt(struct stage *s, enum rec_file f, struct hist_fold *fo)
{
	const char *file = rec_schema(f)->file;
	struct csv_table old;
	const char **ids;
	unsigned char *used;
	size_t i, j, k, n0, *at, unknown = 0;
	int rc = 0;
	char *why;

	if (rec_load(s->tx->dir, f, &old) == -1)
		return -1;
	ids = xcalloc(old.nrows + 1, sizeof(*ids));
	used = xcalloc(fo->n + 1, 1);
	at = xcalloc(old.nrows + 1, sizeof(*at));
	hist_match_at(fo, &old, ids, at);
	for (i = 0; i < old.nrows; i++)
		if (ids[i] != NULL)
			used[at[i]] = 1;
	free(at);
	for (i = 0; i < old.nrows && rc == 0; i++) {
		if (ids[i] != NULL)
			continue;
		if (hist_came_from(&s->h, file, fo, &old, i) != NULL)
			rc = -1;
		unknown++;
	}
	/*
	 * A row of the history the file lacks: removed outside ipt, unless
	 * the file still holds a copy of it -- what a merge of two clones
	 * that both added that row leaves.
	 */
	for (j = 0; j < fo->n && rc == 0; j++) {
		if (!fo->r[j].live || used[j])
			continue;
		for (i = 0; i < old.nrows && rc == 0; i++)
			if (hist_row_equal(&fo->r[j], &old, i))
				rc = -1;
		unknown++;
	}
	if (rc == -1)
		ipt_seterr("%s/%s: differs from its history (rows a merge "
		    "brought back or lost); run `ipt check' to see how and "
		    "`ipt check --fix' to repair it; nothing changed",
		    s->tx->dir, file);
	else if (unknown > 0) {
		why = xasprintf("found in %s, not in its history: a hand edit "
		    "or an interrupted write", file);
		/* rm entries for the rows it lacks, add or edit for the others. */
		n0 = s->out.n;
		s->why = why;
		rc = diff_table(s, file, fo, &old, ids, NULL);
		s->why = NULL;
		free(why);
		/* What the history says now, for the change itself. */
		hist_fold_free(fo);
		for (k = n0; k < s->out.n; k++)
			hist_add(&s->h, &s->out.e[k]);
		hist_fold(&s->h, file, fo);
	}
	free(ids);
	free(used);
	csv_free_table(&old);
	return rc;
}

static int
stage_table(struct stage *s, enum rec_file f)
{
	const char *file = rec_schema(f)->file;
	struct hist_fold fo;
	const char **ids;
	int rc;

	hist_fold(&s->h, file, &fo);
	if (s->tx->repair == NULL && adopt(s, f, &fo) == -1) {
		hist_fold_free(&fo);
		return -1;
	}
	ids = xcalloc(s->tx->tab[f].nrows + 1, sizeof(*ids));
	rc = diff_table(s, file, &fo, &s->tx->tab[f], ids, s->tx->row_ids[f]);
	hist_fold_free(&fo);
	if (f == REC_SESSIONS) {
		s->sess_ids = ids;
		s->sess = &s->tx->tab[f];
	} else
		free(ids);
	return rc;
}

/* A note saved: the field note.md of its session's row. */
static int
stage_note(struct stage *s, const struct txn_item *it)
{
	struct hist_fold fo;
	struct history all = { 0 };
	struct csv_table cur;
	const struct hist_row *r = NULL;
	struct hist_ent e = { 0 };
	const char **ids = NULL, *id = NULL;
	char *text, nid[17], digits[8] = "";
	long number;
	size_t i;
	int rc;

	/* notes/NNNN.md */
	if (strlen(it->name) == 13 && strcmp(it->name + 10, ".md") == 0)
		memcpy(digits, it->name + 6, 4);
	for (i = 0; digits[i] == '0' && i < 3; i++)
		;
	if ((number = rec_number(digits + i)) == 0)
		return 0;	/* not a note */
	if (s->sess == NULL) {
		hist_fold(&s->h, "sessions.csv", &fo);
		/* Sessions changed by hand are recorded first. */
		if (s->tx->repair == NULL && adopt(s, REC_SESSIONS, &fo) == -1) {
			hist_fold_free(&fo);
			return -1;
		}
		if (rec_load(s->tx->dir, REC_SESSIONS, &cur) == -1) {
			hist_fold_free(&fo);
			return -1;
		}
		ids = xcalloc(cur.nrows + 1, sizeof(*ids));
		hist_match(&fo, &cur, ids);
		for (i = 0; i < cur.nrows; i++)
			if (rec_number(csv_get(&cur, i, "number")) == number)
				id = ids[i];
		csv_free_table(&cur);
	} else {
		/* The fold as it will be: its rows may be new in this commit. */
		for (i = 0; i < s->h.n; i++)
			hist_add(&all, &s->h.e[i]);
		for (i = 0; i < s->out.n; i++)
			hist_add(&all, &s->out.e[i]);
		hist_fold(&all, "sessions.csv", &fo);
		for (i = 0; i < s->sess->nrows; i++)
			if (rec_number(csv_get(s->sess, i, "number")) == number)
				id = s->sess_ids[i];
	}
	if (id != NULL)
		r = hist_find(&fo, id);
	if (r == NULL) {
		free(ids);
		hist_fold_free(&fo);
		hist_free(&all);
		return ipt_seterr("%s/%s: no session %ld in the history to "
		    "hold this note; nothing changed", s->tx->dir, it->name,
		    number);
	}
	text = xstrndup(it->bytes, it->len);
	if (r->conflict && !is_resolved(s, r) && strcmp(text,
	    hist_value(r, HIST_NOTE)) != 0) {
		free(text);
		free(ids);
		rc = conflicted(s, "sessions.csv", r);
		hist_fold_free(&fo);
		hist_free(&all);
		return rc;
	}
	if (strcmp(text, hist_value(r, HIST_NOTE)) != 0 || (r->conflict &&
	    is_resolved(s, r))) {
		hist_new_id(nid);
		entry(s, &e, nid, r->id, "sessions.csv", "edit", NULL);
		parents(&e, r);
		push(&e, HIST_NOTE, text);
		commit_entry(s, &e);
	}
	free(text);
	free(ids);
	hist_fold_free(&fo);
	hist_free(&all);
	return 0;
}

/* client.ini saved: the fields of the row "client.ini" that changed. */
static void
stage_ini(struct stage *s, const struct ini *ini)
{
	struct hist_fold fo;
	const struct hist_row *r;
	struct hist_ent e = { 0 };
	char nid[17], **names = NULL;
	size_t n = 0, i, sec, kv;
	const char *v;

	hist_fold(&s->h, CLIENT_INI, &fo);
	r = hist_find(&fo, HIST_INI_ROW);
	hist_new_id(nid);
	entry(s, &e, nid, HIST_INI_ROW, CLIENT_INI, r != NULL ? "edit" :
	    "add", NULL);
	for (i = 0; r != NULL && i < r->nhead; i++) {
		e.parent = xreallocarray(e.parent, e.npar + 1, sizeof(char *));
		e.parent[e.npar++] = r->head[i]->id;
	}
	for (sec = 0; sec < ini->n; sec++)
		for (kv = 0; kv < ini->sec[sec].n; kv++) {
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n] = xasprintf("%s.%s", ini->sec[sec].name,
			    ini->sec[sec].kv[kv].key);
			v = ini->sec[sec].kv[kv].val;
			if (r == NULL || strcmp(v, hist_value(r, names[n])) != 0)
				push(&e, names[n], v);
			n++;
		}
	/* A key no longer there: its value is now empty. */
	for (i = 0; r != NULL && i < r->nf; i++) {
		for (kv = 0; kv < n; kv++)
			if (strcmp(names[kv], r->field[i]) == 0)
				break;
		if (kv == n && r->value[i][0] != '\0')
			push(&e, r->field[i], "");
	}
	if (e.nf > 0)
		commit_entry(s, &e);
	else {
		free(e.field);
		free(e.value);
		free(e.parent);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	hist_fold_free(&fo);
}

/*
 * The seal (seal.h): the old ones dropped, a new one appended when the
 * records as this commit leaves them are what the history says.
 */

/* b without the lines of the seals a load found (history.h). */
static void
drop_seals(struct buf *b, const struct history *h)
{
	struct buf out = { 0 };
	const char *p, *e, *nl;
	size_t line = 1, k = 0;

	if (h->nseal == 0 || b->len == 0)
		return;
	for (p = b->s, e = b->s + b->len; p < e; p = nl, line++) {
		nl = memchr(p, '\n', (size_t)(e - p));
		nl = nl != NULL ? nl + 1 : e;
		while (k < h->nseal && h->seal[k] < line)
			k++;
		if (k < h->nseal && h->seal[k] == line &&
		    strncmp(p, HIST_SEAL ",", sizeof(HIST_SEAL)) == 0)
			continue;
		buf_add(&out, p, (size_t)(nl - p));
	}
	buf_free(b);
	*b = out;
	if (b->s == NULL)
		buf_add(b, "", 0);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t
id64(const char *s)
{
	return strtoull(s, NULL, 16);
}

static int
cmp_note(const void *a, const void *b)
{
	const struct seal_note *x = a, *y = b;

	return x->number < y->number ? -1 : x->number > y->number;
}

/* The notes as the commit leaves them, sorted; -1 if one cannot be kept. */
static int
final_notes(const struct txn *tx, struct seal_note **out, size_t *n)
{
	struct seal_note *v = NULL;
	struct dirent *de;
	char *path, *text;
	size_t i, k, m = 0;
	long num;
	int bad, rc = 0;
	DIR *d;

	path = path_join(tx->dir, "notes");
	d = opendir(path);
	free(path);
	while (d != NULL && rc == 0 && (de = readdir(d)) != NULL) {
		if ((num = rec_note_number(de->d_name)) == -1)
			continue;
		if ((text = hist_note_at(dirfd(d), de->d_name, &bad)) == NULL) {
			if (bad != HIST_NOTE_OK)
				rc = -1;
			continue;
		}
		v = xreallocarray(v, m + 1, sizeof(*v));
		v[m].number = num;
		v[m++].text = text;
	}
	if (d != NULL)
		closedir(d);
	else if (errno != ENOENT)
		rc = -1;
	for (i = 0; rc == 0 && i < tx->nitems; i++) {
		const struct txn_item *it = &tx->item[i];

		if (it->kind != TXN_BYTES || it->sub == NULL ||
		    strcmp(it->sub, "notes") != 0 ||
		    (num = rec_note_number(it->name + 6)) == -1)
			continue;
		for (k = 0; k < m && v[k].number != num; k++)
			;
		if (k == m && !it->rm) {
			v = xreallocarray(v, m + 1, sizeof(*v));
			v[m].number = num;
			v[m++].text = NULL;
		}
		if (k < m) {
			free((char *)v[k].text);
			v[k].text = it->rm ? NULL : xstrndup(it->bytes, it->len);
			if (it->rm)
				v[k] = v[--m];
		}
	}
	if (m > 1)
		qsort(v, m, sizeof(*v), cmp_note);
	*out = v;
	*n = m;
	return rc;
}

/*
 * Append a seal to b, the whole new history.csv, if the client's records
 * as this commit leaves them are what that history says: every record
 * file (those saved as saved, the others as on disk), the notes and
 * client.ini.
 */
static int
seal_history(struct stage *s, struct buf *b)
{
	struct txn *tx = s->tx;
	struct history all;
	struct csv_table own[REC_NFILES];
	const struct csv_table *t[REC_NFILES] = { 0 };
	unsigned char mine[REC_NFILES] = { 0 };
	struct seal_note *note = NULL;
	struct seal_hash hh, sh;
	struct ini ini;
	const struct ini *ip = NULL;
	uint64_t *ids;
	uint64_t k;
	size_t i, nnote = 0;
	char *path;
	int f, ok = 1, have_ini = 0, sealed = 0;

	for (i = 0; i < tx->nitems; i++)
		if (tx->item[i].kind == TXN_REC)
			t[tx->item[i].f] = &tx->tab[tx->item[i].f];
		else if (tx->item[i].kind == TXN_INI)
			ip = tx->item[i].ini;
	for (f = 0; f < REC_NFILES && ok; f++)
		if (t[f] == NULL) {
			if (rec_load(tx->dir, (enum rec_file)f, &own[f]) == -1)
				ok = 0;
			else {
				mine[f] = 1;
				t[f] = &own[f];
			}
		}
	if (ok && ip == NULL) {
		path = path_join(tx->dir, CLIENT_INI);
		if (path_exists(path) && ini_load(&ini, path) == 0) {
			have_ini = 1;
			ip = &ini;
		} else
			ok = 0;
		free(path);
	}
	if (ok && final_notes(tx, &note, &nnote) == -1)
		ok = 0;
	if (ok) {
		/* The history read, and this commit's entries once each. */
		memset(&all, 0, sizeof(all));
		ids = xreallocarray(NULL, s->h.n + 1, sizeof(*ids));
		for (i = 0; i < s->h.n; i++) {
			hist_add(&all, &s->h.e[i]);
			ids[i] = id64(s->h.e[i].id);
		}
		qsort(ids, s->h.n, sizeof(*ids), cmp_u64);
		for (i = 0; i < s->out.n; i++) {
			k = id64(s->out.e[i].id);
			if (bsearch(&k, ids, s->h.n, sizeof(*ids),
			    cmp_u64) == NULL)
				hist_add(&all, &s->out.e[i]);
		}
		free(ids);
		if (seal_agrees(&all, t, ip, note, nnote)) {
			seal_state(t, ip, note, nnote, &sh);
			xh128(b->s, b->len, &hh);
			seal_line(b, &hh, &sh);
			sealed = 1;
		}
		hist_free(&all);
	}
	for (i = 0; i < nnote; i++)
		free((char *)note[i].text);
	free(note);
	if (have_ini)
		ini_free(&ini);
	for (f = 0; f < REC_NFILES; f++)
		if (mine[f])
			csv_free_table(&own[f]);
	return sealed;
}

static int
stage_history(struct txn *tx)
{
	struct stage s;
	struct buf b = { 0 };
	const struct hist_ent *e;
	const char *f;
	size_t i, n = tx->nitems, lines, len;
	char *path, *old = NULL;
	int any, sealed, rc = -1;

	any = tx->seal;
	for (i = 0; i < n; i++)
		any |= tx->item[i].kind != TXN_BYTES ||
		    (tx->item[i].sub != NULL &&
		    strcmp(tx->item[i].sub, "notes") == 0);
	if (!any)
		return 0;
	memset(&s, 0, sizeof(s));
	s.tx = tx;
	if (hist_load(&s.h, tx->dir) == -1)
		return -1;
	if (s.h.exists) {
		path = path_join(tx->dir, HIST_FILE);
		rc = read_whole(path, &b);
		free(path);
		if (rc == -1)
			goto out;
		rc = -1;
	}
	hist_seed(b.s != NULL ? b.s : "", b.len);
	hist_now(s.at);
	if (!s.h.exists) {
		if (upgrade(&s) == -1)
			goto out;
		s.upgraded = 1;
	}
	for (i = 0; i < n; i++)
		if (tx->item[i].kind == TXN_REC &&
		    stage_table(&s, tx->item[i].f) == -1)
			goto out;
	for (i = 0; i < n; i++)
		if (tx->item[i].kind == TXN_BYTES && tx->item[i].sub != NULL &&
		    strcmp(tx->item[i].sub, "notes") == 0 &&
		    stage_note(&s, &tx->item[i]) == -1)
			goto out;
	for (i = 0; i < n; i++)
		if (tx->item[i].kind == TXN_INI)
			stage_ini(&s, tx->item[i].ini);
	rc = 0;
	if (s.out.n == 0 && !s.upgraded && (!tx->seal || !s.h.exists))
		goto out;	/* nothing changed */
	if (s.out.n == 0 && !s.upgraded)
		old = xstrndup(b.s != NULL ? b.s : "", b.len);
	/* ipt never writes a file it would not read (ipt-files(5)). */
	for (i = 0; i < s.h.n + s.out.n; i++) {
		e = i < s.h.n ? &s.h.e[i] : &s.out.e[i - s.h.n];
		if ((i >= s.h.n || s.upgraded) &&
		    (f = hist_too_long(e, &len)) != NULL) {
			rc = ipt_seterr("%s/%s: %s%s%s would take %zu bytes "
			    "in %s, more than the %d a field may hold (a "
			    "newline or backslash takes two); nothing changed",
			    tx->dir, e->file, strcmp(f, HIST_NOTE) == 0 ?
			    "the note" : "the field '", strcmp(f, HIST_NOTE)
			    == 0 ? "" : f, strcmp(f, HIST_NOTE) == 0 ? "" : "'",
			    len, HIST_FILE, CSV_MAXFIELD);
			goto out;
		}
	}
	drop_seals(&b, &s.h);
	lines = s.h.lines;	/* those of the file read into b */
	for (i = 0; s.upgraded && i < s.h.n; i++)
		lines += hist_write_entry(&b, &s.h.e[i]);
	for (i = 0; i < s.out.n; i++)
		lines += hist_write_entry(&b, &s.out.e[i]);
	sealed = seal_history(&s, &b);
	lines += sealed != 0;	/* the seal is a line of the file too */
	/* txn_seal() alone: written only to be sealed anew. */
	if (old != NULL && (!sealed || (strlen(old) == b.len &&
	    memcmp(old, b.s, b.len) == 0)))
		goto out;
	/* ipt never writes a file it would not read (ipt-files(5)). */
	if (lines > CSV_HIST_MAXCELLS / HIST_NCOLS ||
	    b.len > CSV_HIST_MAXFILE) {
		rc = lines > CSV_HIST_MAXCELLS / HIST_NCOLS ? ipt_seterr("%s: "
		    "would hold %zu fields, more than the %d a history may "
		    "hold; nothing changed", HIST_FILE, lines * HIST_NCOLS,
		    CSV_HIST_MAXCELLS) : ipt_seterr("%s: would be %zu bytes, "
		    "more than the %d MiB a history may hold; nothing changed",
		    HIST_FILE, b.len, CSV_HIST_MAXFILE / (1024 * 1024));
		goto out;
	}
	txn_save_bytes(tx, NULL, HIST_FILE, b.s, b.len);
out:
	free(old);
	buf_free(&b);
	free(s.sess_ids);
	hist_free(&s.h);
	hist_free(&s.out);
	return rc;
}

void
txn_seal(struct txn *tx)
{
	tx->seal = 1;
}

void
txn_repair(struct txn *tx, const char *why)
{
	tx->repair = why;
}

void
txn_resolve(struct txn *tx, const char *row)
{
	tx->resolve = row;
}

int
txn_commit(struct txn *tx)
{
	size_t i, saved = 0;
	int rc = 0;

	if (!tx->active)
		return ipt_seterr("a transaction committed that was not begun");
	if (tx->misuse != NULL) {
		/* Before any write: the caller's mistake, not the data's. */
		rc = ipt_seterr("%s: %s; nothing changed", tx->dir, tx->misuse);
		txn_abort(tx);
		return rc;
	}
	/*
	 * Every table checked before the first write, so that a bad value in
	 * the second file does not leave the first one saved, and before the
	 * history is staged, so that a refused write costs no fold of it.
	 * (rec_save() checks again.)
	 */
	for (i = 0; i < tx->nitems; i++)
		if (tx->item[i].kind == TXN_REC && rec_check(tx->item[i].f,
		    &tx->tab[tx->item[i].f]) == -1) {
			txn_abort(tx);
			return -1;
		}
	if (stage_history(tx) == -1) {
		txn_abort(tx);
		return -1;
	}
	for (i = 0; i < tx->nitems; i++) {
		atomic_renamed();
		if (write_item(tx, &tx->item[i]) == -1) {
			/* Renamed, then failed: the new file is in place. */
			saved = i + (size_t)atomic_renamed();
			rc = -1;
			break;
		}
		saved = i + 1;
	}
	if (rc == -1)
		say_saved(tx, saved);
	txn_abort(tx);
	return rc;
}

void
txn_abort(struct txn *tx)
{
	size_t i;

	if (!tx->active)
		return;
	for (i = 0; i < REC_NFILES; i++)
		if (tx->loaded[i])
			csv_free_table(&tx->tab[i]);
	for (i = 0; i < tx->nitems; i++) {
		free(tx->item[i].name);
		free(tx->item[i].sub);
		free(tx->item[i].bytes);
	}
	free(tx->item);
	dir_unlock(&tx->lock);
	ra_lend(tx->lent);
	free(tx->dir);
	memset(tx, 0, sizeof(*tx));
	tx->lock.fd = -1;
}
