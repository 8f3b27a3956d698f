/*
 * check_history.c: the records against their history (history.h).
 *
 * After a merge of two clones (git's union merge of every CSV file), a
 * record file may hold rows its history removed or replaced, lack rows
 * the other clone added when both added the same line, give one number to
 * two sessions both clones added, or hold a note two clones wrote.  The
 * history of both clones, merged the same way, says what is right.  So:
 *
 *  - a row of the file that is a row of the history: kept;
 *  - a row of the file that the history had once (every value it holds
 *    was set by an entry of a row with its key) but no longer has: an old
 *    version or a removed row brought back by the merge: removed;
 *  - a row the history never had: a hand edit or an interrupted write:
 *    kept, and recorded in the history by the repair;
 *  - a row of the history the file lacks: restored;
 *  - two rows of the history with one number (sessions, goals, relapse
 *    plan, addenda): the one added later gets the next free number, and
 *    for a session the measures, focus decisions, risk reviews,
 *    appointments, signatures and addenda of its date and its note
 *    follow it;
 *  - a field two clones changed differently: listed, never chosen; `ipt
 *    history --resolve' records the decision.
 *
 * check_history() reports; check_history_fix() repairs, one transaction
 * per file (sessions with the files that refer to them), recorded in the
 * history as the repair it is.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_int.h"
#include "history.h"
#include "atomic.h"
#include "readahead.h"
#include "record.h"
#include "seal.h"
#include "txn.h"
#include "util.h"


static const char repair_why[] =
    "ipt check --fix: the records repaired from their history";

static const struct hist_row *
came_from(const struct history *h, const char *file,
    const struct hist_fold *fo, const struct csv_table *t, size_t i)
{
	return hist_came_from(h, file, fo, t, i);
}

/* 1 if a row of t says what r says. */
static int
copied(const struct hist_row *r, const struct csv_table *t)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (hist_row_equal(r, t, i))
			return 1;
	return 0;
}

/* "session 9", "2026-11-05 phq9": a row named by its key. */
static char *
label(const char *file, const struct hist_row *r)
{
	const char *const *k = hist_key(file);
	struct buf b = { 0 };

	if (strcmp(file, "sessions.csv") == 0)
		return xasprintf("session %s", hist_value(r, "number"));
	if (strcmp(file, "goals.csv") == 0)
		return xasprintf("goal %s", hist_value(r, "id"));
	if (strcmp(file, "relapse.csv") == 0)
		return xasprintf("item %s", hist_value(r, "id"));
	if (strcmp(file, "formulation.csv") == 0)
		return xasprintf("revision %s", hist_value(r, "id"));
	if (strcmp(file, "episodes.csv") == 0)
		return xasprintf("episode %s", hist_value(r, "episode"));
	for (; *k != NULL; k++)
		if (hist_value(r, *k)[0] != '\0')
			buf_printf(&b, "%s%s", b.len > 0 ? " " : "",
			    hist_value(r, *k));
	return b.s != NULL ? b.s : xstrdup(r->id);
}

static int
added_later(const struct hist_row *a, const struct hist_row *b)
{
	int c = strcmp(a->first->at, b->first->at);

	return c != 0 ? c > 0 : strcmp(a->id, b->id) > 0;
}

/*
 * measures.csv holds an administration once (measure_recorded()): two
 * equal rows there are one recorded twice, even when the history has
 * both (two clones entered one questionnaire, or an ipt before 2026-12
 * let it be added twice).  Other files may hold two equal rows.
 */
static int
once(const char *file)
{
	return strcmp(file, "measures.csv") == 0;
}

/* 1 if an entry of row r set its note to text. */
static int
note_known(const struct history *h, const struct hist_row *r,
    const char *text)
{
	size_t k, j;

	for (k = 0; k < h->n; k++)
		if (strcmp(h->e[k].row, r->id) == 0)
			for (j = 0; j < h->e[k].nf; j++)
				if (strcmp(h->e[k].field[j], HIST_NOTE) == 0 &&
				    strcmp(h->e[k].value[j], text) == 0)
					return 1;
	return 0;
}

static void
check_one(struct ctx *x, const struct history *h, enum rec_file f)
{
	const char *file = rec_schema(f)->file;
	const struct csv_table *t = &x->t[f];
	const struct hist_row *r;
	struct hist_fold fo;
	const char **ids;
	const char *num = hist_numbered(file);
	unsigned char *used, *back;
	size_t i, j, *at;
	char *l;

	hist_fold(h, file, &fo);
	ids = xcalloc(t->nrows + 1, sizeof(*ids));
	used = xcalloc(fo.n + 1, 1);
	back = xcalloc(t->nrows + 1, 1);
	at = xcalloc(t->nrows + 1, sizeof(*at));
	hist_match_at(&fo, t, ids, at);
	for (i = 0; i < t->nrows; i++)
		if (ids[i] != NULL)
			used[at[i]] = 1;
	free(at);
	for (i = 0; i < t->nrows; i++) {
		if (ids[i] != NULL)
			continue;
		for (j = 0; j < fo.n; j++)
			if (fo.r[j].live && !used[j] &&
			    hist_same_key(file, &fo.r[j], t, i))
				break;
		if (j < fo.n && (r = came_from(h, file, &fo, t, i)) == NULL) {
			/* The history's row of that key, changed by hand. */
			used[j] = 1;
			l = label(file, &fo.r[j]);
			check_add(x, file, t->rows[i].line, SEV_WARNING, "%s: "
			    "changed outside ipt (a hand edit or an interrupted "
			    "write); the next change or ipt check --fix records "
			    "it", l);
			free(l);
		} else if ((r = came_from(h, file, &fo, t, i)) != NULL &&
		    r->live && hist_row_equal(r, t, i)) {
			/* A copy: check_files() reports the duplicate. */
			back[i] = 1;
		} else if (r != NULL) {
			back[i] = 1;
			l = label(file, r);
			check_add(x, file, t->rows[i].line, SEV_ERROR, "%s: %s "
			    "brought back by a merge (the history %s it); "
			    "ipt check --fix removes it", l, r->live ?
			    "an old version" : "a removed row", r->live ?
			    "has a newer one of" : "removed");
			free(l);
		} else
			check_add(x, file, t->rows[i].line, SEV_WARNING,
			    "a row the history does not have (a hand edit or "
			    "an interrupted write); the next change or ipt "
			    "check --fix records it");
	}
	/* Two rows of one number, neither brought back: both are rows. */
	for (i = 0; num != NULL && i < t->nrows; i++)
		for (j = 0; !back[i] && j < i; j++)
			if (!back[j] && rec_number(csv_get(t, i, num)) > 0 &&
			    rec_number(csv_get(t, i, num)) ==
			    rec_number(csv_get(t, j, num))) {
				check_add(x, file, t->rows[i].line, SEV_ERROR,
				    "%s %ld appears twice with different "
				    "contents (also line %zu): two clones "
				    "added it? ipt check --fix %s",
				    f == REC_SESSIONS ? "session" : "id",
				    rec_number(csv_get(t, i, num)),
				    t->rows[j].line, f == REC_SESSIONS ?
				    "numbers them by date" : "gives the later "
				    "one an id of its own");
				break;
			}
	for (j = 0; j < fo.n; j++) {
		r = &fo.r[j];
		if (!r->live)
			continue;
		l = NULL;
		if (!used[j] || r->conflict || f == REC_SESSIONS)
			l = label(file, r);
		if (!used[j] && copied(&fo.r[j], t) && once(file))
			check_add(x, file, 0, SEV_WARNING, "%s: in the history "
			    "twice but once in the file (both clones entered "
			    "it?); one administration: ipt check --fix records "
			    "it once", l);
		else if (!used[j] && copied(&fo.r[j], t))
			check_add(x, file, 0, SEV_ERROR, "%s: in the history "
			    "twice but once in the file (both clones added "
			    "it?); ipt check --fix restores the other", l);
		else if (!used[j])
			check_add(x, file, 0, SEV_WARNING, "%s: removed "
			    "outside ipt (a hand edit or an interrupted "
			    "write); the next change or ipt check --fix "
			    "records the removal", l);
		if (r->conflict)
			check_add(x, file, 0, SEV_ERROR, "%s: changed "
			    "differently on two clones (%s: '%s' or '%s'); "
			    "decide, then run ipt history --resolve %s", l,
			    r->conflicts, r->alt != NULL ? hist_value(r,
			    strncmp(r->conflicts, "removed", 7) == 0 ?
			    "" : r->conflicts) : "kept", r->alt != NULL ?
			    r->alt : "removed", r->id);
		if (f == REC_SESSIONS && !x->notes_unread) {
			long n = rec_number(hist_value(r, "number"));
			const char *text = NULL;
			const char *want = hist_value(r, HIST_NOTE);
			int has = check_note(x, n, &text);

			/* A note ipt cannot keep: check_notes() said so. */
			if (has && text == NULL)
				;
			else if ((text == NULL && want[0] != '\0') ||
			    (text != NULL && strcmp(text, want) != 0)) {
				char *name = xasprintf("notes/%04ld.md",
				    rec_number(hist_value(r, "number")));

				check_add(x, name, 0, text != NULL &&
				    !note_known(h, r, text) ? SEV_WARNING :
				    SEV_ERROR, "not the note the history holds "
				    "for %s (%s); ipt check --fix %s", l,
				    text == NULL ? "missing" : "a merge or an "
				    "edit outside ipt", text != NULL &&
				    !note_known(h, r, text) ? "records it" :
				    "writes it back");
				free(name);
			}
		}
		free(l);
	}
	free(back);
	free(used);
	free(ids);
	hist_fold_free(&fo);
}

/* 1 if the file has an error among the findings since first. */
static int
has_errors(const struct ctx *x, const char *file, size_t first)
{
	size_t i, n = strlen(file);
	const char *p;

	for (i = first; i < x->out->n; i++) {
		p = x->out->v[i].path;
		if (x->out->v[i].sev == SEV_ERROR && strlen(p) >= n &&
		    strcmp(p + strlen(p) - n, file) == 0)
			return 1;
	}
	return 0;
}

/*
 * The files are compared with their history only when check_files()
 * found no error in them: a value out of range is the first thing to
 * fix, and the comparison would only say the row is not the history's.
 */
/* 1 if the records as read hash to sh (seal_state()). */
static int
state_agrees(const struct ctx *x, const struct seal_hash *sh)
{
	const struct csv_table *t[REC_NFILES];
	struct seal_note *note;
	struct seal_hash h;
	size_t i;

	note = xreallocarray(NULL, x->nnote + 1, sizeof(*note));
	for (i = 0; i < x->nnote; i++) {
		note[i].number = x->note[i].number;
		note[i].text = x->note[i].text;
	}
	for (i = 0; i < REC_NFILES; i++)
		t[i] = &x->t[i];
	seal_state(t, &x->c.ini, note, x->nnote, &h);
	free(note);
	return memcmp(&h, sh, sizeof(h)) == 0;
}

/*
 * 1 if the last line of history.csv is a seal (seal.h) whose hashes are
 * those of the bytes before it and of the records as read: the records
 * are then what the history says, as the last write found them.
 */
static int
sealed(const struct ctx *x)
{
	struct seal_hash hh, sh, h2;
	struct xh128 xh;
	struct ra_file ra;
	struct stat st;
	char buf[16384], tail[SEAL_LEN + 1];
	size_t i, left, start;
	ssize_t n;
	char *path;
	int fd, ok = 0;

	if (!x->have_client || x->notes_unread || test_switch("noseal"))
		return 0;
	for (i = 0; i < REC_NFILES; i++)
		if (!x->ok[i])
			return 0;
	for (i = 0; i < x->nnote; i++)
		if (x->note[i].text == NULL)
			return 0;
	path = path_join(x->dir, HIST_FILE);
	/* Read ahead by the scan (check_scan_begin()): in memory. */
	if (ra_take(path, &ra) && (ra.err != 0 || ra.text != NULL)) {
		free(path);
		if (ra.err == 0 && seal_last(ra.text, ra.len, &start, &hh,
		    &sh)) {
			xh128(ra.text, start, &h2);
			ok = memcmp(&h2, &hh, sizeof(hh)) == 0 &&
			    state_agrees(x, &sh);
		}
		free(ra.text);
		return ok;
	}
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	if (fd == -1)
		return 0;
	/* The seal first: most histories without one cost one read. */
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size < (off_t)sizeof(tail) || pread(fd, tail, sizeof(tail),
	    st.st_size - (off_t)sizeof(tail)) != (ssize_t)sizeof(tail) ||
	    !seal_last(tail, sizeof(tail), &start, &hh, &sh))
		goto out;
	xh128_init(&xh);
	for (left = (size_t)st.st_size - SEAL_LEN; left > 0; left -= (size_t)n)
		if ((n = read(fd, buf, left < sizeof(buf) ? left :
		    sizeof(buf))) <= 0)
			goto out;
		else
			xh128_update(&xh, buf, (size_t)n);
	xh128_final(&xh, &h2);
	if (memcmp(&h2, &hh, sizeof(hh)) != 0)
		goto out;
	ok = state_agrees(x, &sh);
out:
	close(fd);
	return ok;
}

void
check_history(struct ctx *x, size_t first)
{
	struct history h;
	int f;

	if (x->listed && !x->history)
		return;		/* no history: nothing to open */
	if (sealed(x)) {
		x->out->sealed++;
		return;
	}
	if (hist_load(&h, x->dir) == -1) {
		check_add_error(x, HIST_FILE, ipt_error());
		hist_free(&h);
		return;
	}
	if (!h.exists) {
		hist_free(&h);
		return;
	}
	for (f = 0; f < REC_NFILES; f++)
		if (x->ok[f] && !has_errors(x, rec_schema(f)->file, first))
			check_one(x, &h, (enum rec_file)f);
	hist_free(&h);
}

/*
 * Repairs.
 */

/* Row i of t takes the values of folded row r. */
static void
set_row(struct csv_table *t, size_t i, const struct hist_row *r)
{
	size_t c;

	for (c = 0; c < t->ncols; c++)
		csv_set(t, i, t->cols[c], hist_value(r, t->cols[c]));
}

/* The file's rows made what the history says; 1 if any changed. */
static int
repair_rows(const struct history *h, const char *file,
    const struct hist_fold *fo, struct csv_table *t, struct buf *log)
{
	const char **ids = xcalloc(t->nrows + 1, sizeof(*ids));
	unsigned char *used = xcalloc(fo->n + 1, 1);
	const struct hist_row *r;
	size_t i, j, *at, dropped = 0, copies = 0, restored = 0, outside = 0;

	at = xcalloc(t->nrows + 1, sizeof(*at));
	hist_match_at(fo, t, ids, at);
	for (i = 0; i < t->nrows; i++)
		if (ids[i] != NULL)
			used[at[i]] = 1;
	free(at);
	for (i = t->nrows; i-- > 0;) {
		if (once(file) && check_is_dup(t, i)) {
			/* One administration the history has twice. */
			copies++;
			csv_remove(t, i);
			continue;
		}
		if (ids[i] != NULL)
			continue;
		if ((r = came_from(h, file, fo, t, i)) != NULL) {
			/* A second copy of a live row, or an old one. */
			if (r->live && hist_row_equal(r, t, i))
				copies++;
			else
				dropped++;
			csv_remove(t, i);
			continue;
		}
		/*
		 * A hand edit of a row: it stands for that row; or a row
		 * added by hand.  Either is kept, and recorded when the file
		 * is saved.
		 */
		outside++;
		for (j = 0; j < fo->n; j++)
			if (fo->r[j].live && !used[j] &&
			    hist_same_key(file, &fo->r[j], t, i)) {
				used[j] = 1;
				break;
			}
	}
	/*
	 * Restored: a row both clones added, of which a merge kept one --
	 * but an administration is recorded once: the history's second is
	 * removed when the file is saved.
	 */
	for (j = 0; j < fo->n; j++)
		if (fo->r[j].live && !used[j] && copied(&fo->r[j], t)) {
			if (once(file)) {
				copies++;
				continue;
			}
			set_row(t, csv_append(t), &fo->r[j]);
			restored++;
		} else if (fo->r[j].live && !used[j])
			outside++;	/* removed by hand: recorded so */
	if (copies > 0)
		buf_printf(log, "%s: removed %zu duplicate row%s\n", file,
		    copies, copies == 1 ? "" : "s");
	if (dropped > 0)
		buf_printf(log, "%s: removed %zu row%s the history had removed "
		    "or replaced\n", file, dropped, dropped == 1 ? "" : "s");
	if (restored > 0)
		buf_printf(log, "%s: restored %zu row%s from the history\n",
		    file, restored, restored == 1 ? "" : "s");
	if (outside > 0)
		buf_printf(log, "%s: recorded %zu row%s changed outside ipt "
		    "in the history\n", file, outside, outside == 1 ? "" : "s");
	free(ids);
	free(used);
	return dropped > 0 || copies > 0 || restored > 0 || outside > 0;
}

/* Other files' rows of session old on date day follow it to new. */
static int
follow(struct txn *tx, enum rec_file f, long old, const char *day, long new)
{
	struct csv_table *t = txn_load(tx, f);
	char n[24];
	size_t i;
	int moved = 0;

	if (t == NULL || csv_col(t, "session") == -1)
		return 0;
	snprintf(n, sizeof(n), "%ld", new);
	for (i = 0; i < t->nrows; i++)
		if (rec_number(csv_get(t, i, "session")) == old &&
		    strcmp(csv_get(t, i, "date"), day) == 0) {
			csv_set(t, i, "session", n);
			moved = 1;
		}
	if (moved)
		txn_save(tx, f);
	return moved;
}

/*
 * Two live rows of one number.  Sessions: from the lowest number two
 * rows share, every session is numbered again in the order of its date
 * (then of when it was added), as session numbers must go; the measures,
 * focus decisions, risk reviews, appointments, signatures and addenda of
 * a session's number and date follow it.  Goals, relapse plan items and
 * addenda: the later added gets the next free number.  Returns how many rows were renumbered.
 */
static _Thread_local const struct csv_table *order_t;
static _Thread_local const char *const *order_ids;
static _Thread_local const struct hist_fold *order_fo;

static int
cmp_session(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const struct hist_row *p, *q;
	int c = strcmp(csv_get(order_t, x, "date"), csv_get(order_t, y, "date"));

	if (c != 0)
		return c;
	p = order_ids[x] != NULL ? hist_find(order_fo, order_ids[x]) : NULL;
	q = order_ids[y] != NULL ? hist_find(order_fo, order_ids[y]) : NULL;
	if (p != NULL && q != NULL && p != q)
		return added_later(p, q) ? 1 : -1;
	return x < y ? -1 : x > y;
}

static size_t
renumber(struct txn *tx, enum rec_file f, const struct hist_fold *fo,
    struct csv_table *t, const char **ids, struct buf *log)
{
	const char *file = rec_schema(f)->file, *num = hist_numbered(file);
	const struct hist_row *a, *b;
	long max = 0, low = 0, old, *was;
	size_t i, k, n = 0, m = 0, *ix;
	char v[24];

	if (num == NULL)
		return 0;
	for (i = 0; i < t->nrows; i++) {
		old = rec_number(csv_get(t, i, num));
		if (old > max)
			max = old;
		for (k = 0; k < i; k++)
			if (rec_number(csv_get(t, k, num)) == old &&
			    (low == 0 || old < low))
				low = old;
	}
	if (low == 0)
		return 0;
	if (f != REC_SESSIONS) {
		for (i = 0; i < t->nrows; i++)
			for (k = 0; k < t->nrows; k++) {
				if (k == i || ids[i] == NULL || ids[k] == NULL ||
				    strcmp(csv_get(t, i, num),
				    csv_get(t, k, num)) != 0)
					continue;
				a = hist_find(fo, ids[i]);
				b = hist_find(fo, ids[k]);
				if (a == NULL || b == NULL || !added_later(a, b))
					continue;
				old = rec_number(csv_get(t, i, num));
				snprintf(v, sizeof(v), "%ld", ++max);
				csv_set(t, i, num, v);
				buf_printf(log, "%s: %s %ld was added twice; the "
				    "later one is now %ld\n", file, num, old, max);
				n++;
				break;
			}
		return n;
	}
	ix = xcalloc(t->nrows + 1, sizeof(*ix));
	was = xcalloc(t->nrows + 1, sizeof(*was));
	for (i = 0; i < t->nrows; i++)
		if (rec_number(csv_get(t, i, num)) >= low)
			ix[m++] = i;
	order_t = t;
	order_ids = ids;
	order_fo = fo;
	qsort(ix, m, sizeof(*ix), cmp_session);
	for (k = 0; k < m; k++) {
		i = ix[k];
		was[k] = rec_number(csv_get(t, i, num));
		if (was[k] == low + (long)k)
			continue;
		snprintf(v, sizeof(v), "%ld", low + (long)k);
		csv_set(t, i, num, v);
		buf_printf(log, "%s: session %ld of %s is now session %ld "
		    "(two clones added session %ld)\n", file, was[k],
		    csv_get(t, i, "date"), low + (long)k, low);
		n++;
	}
	/* Highest first, so that no row moves twice. */
	for (k = m; k-- > 0;) {
		i = ix[k];
		if (was[k] == low + (long)k)
			continue;
		follow(tx, REC_MEASURES, was[k], csv_get(t, i, "date"),
		    low + (long)k);
		follow(tx, REC_FOCUS, was[k], csv_get(t, i, "date"),
		    low + (long)k);
		follow(tx, REC_RISK, was[k], csv_get(t, i, "date"),
		    low + (long)k);
		follow(tx, REC_APPOINTMENTS, was[k], csv_get(t, i, "date"),
		    low + (long)k);
		follow(tx, REC_SIGNATURES, was[k], csv_get(t, i, "date"),
		    low + (long)k);
		follow(tx, REC_ADDENDA, was[k], csv_get(t, i, "date"),
		    low + (long)k);
	}
	free(ix);
	free(was);
	return n;
}

/* The notes of the sessions as the history has them, where it knows. */
static void
repair_notes(struct txn *tx, const struct history *h,
    const struct hist_fold *fo, const struct csv_table *t, const char **ids,
    int renumbered, struct buf *log)
{
	const struct hist_row *r;
	char *text, *name;
	const char *want;
	size_t i;
	int bad;

	for (i = 0; i < t->nrows; i++) {
		long n = rec_number(csv_get(t, i, "number"));

		/* A renumbered row matches no folded row: find it by id. */
		r = ids[i] != NULL ? hist_find(fo, ids[i]) : NULL;
		if (r == NULL)
			continue;
		want = hist_value(r, HIST_NOTE);
		/* A note ipt cannot keep is left as it is for a person. */
		if ((text = hist_note_text(tx->dir, n, &bad)) == NULL && bad)
			continue;
		name = xasprintf("%04ld.md", n);
		if ((text == NULL && want[0] != '\0') || (text != NULL &&
		    strcmp(text, want) != 0 && (renumbered || r->conflict ||
		    note_known(h, r, text)))) {
			if (want[0] == '\0') {
				/* The history's session has no note. */
				txn_remove_bytes(tx, "notes", name);
				buf_printf(log, "notes/%s: removed, as in the "
				    "history\n", name);
			} else {
				txn_save_bytes(tx, "notes", name, want,
				    strlen(want));
				buf_printf(log, "notes/%s: written back from "
				    "the history\n", name);
			}
		} else if (text != NULL && strcmp(text, want) != 0) {
			txn_save_bytes(tx, "notes", name, text, strlen(text));
			buf_printf(log, "notes/%s: recorded in the history\n",
			    name);
		}
		free(name);
		free(text);
	}
}

int
check_history_fix(const char *dir, struct buf *log)
{
	struct history h;
	struct hist_fold fo;
	struct txn tx;
	struct csv_table *t;
	const char **ids;
	size_t before, k;
	int f, rc = 0, changed;
	/* The files that refer to sessions first: a renumbering edits them. */
	static const enum rec_file order[] = { REC_MEASURES, REC_FOCUS,
	    REC_RISK, REC_APPOINTMENTS, REC_SIGNATURES, REC_ADDENDA,
	    REC_INVENTORY, REC_TIMELINE, REC_GOALS, REC_RELAPSE,
	    REC_FORMULATION, REC_EPISODES,
	    REC_SESSIONS };

	if (hist_load(&h, dir) == -1) {
		buf_printf(log, "%s: not fixed: %s\n", HIST_FILE, ipt_error());
		hist_free(&h);
		return -1;
	}
	if (!h.exists) {
		hist_free(&h);
		return 0;
	}
	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		const char *file = rec_schema(f = order[k])->file;

		if (txn_begin(&tx, dir) == -1) {
			buf_printf(log, "%s: not fixed: %s\n", file,
			    ipt_error());
			rc = -1;
			continue;
		}
		if ((t = txn_load(&tx, (enum rec_file)f)) == NULL) {
			txn_abort(&tx);
			continue;	/* check reports why */
		}
		hist_fold(&h, file, &fo);
		before = log->len;
		changed = repair_rows(&h, file, &fo, t, log);
		/* Notes by row id: the rows matched before renumbering. */
		ids = xcalloc(t->nrows + 1, sizeof(*ids));
		hist_match(&fo, t, ids);
		if (renumber(&tx, (enum rec_file)f, &fo, t, ids, log) > 0)
			changed = 2;
		if (f == REC_SESSIONS)
			repair_notes(&tx, &h, &fo, t, ids, changed == 2, log);
		txn_row_ids(&tx, (enum rec_file)f, ids);
		if (changed)
			txn_save(&tx, (enum rec_file)f);
		if (changed || log->len > before) {
			txn_repair(&tx, repair_why);
			if (txn_commit(&tx) == -1) {
				buf_printf(log, "%s: not fixed: %s\n", file,
				    ipt_error());
				rc = -1;
			}
		}
		txn_abort(&tx);
		free(ids);
		hist_fold_free(&fo);
		/* The next file's repair starts from what this one wrote. */
		hist_free(&h);
		if (hist_load(&h, dir) == -1) {
			hist_free(&h);
			return -1;
		}
	}
	hist_free(&h);
	return rc;
}

int
history_resolve(const char *dir, const char *id, struct buf *log)
{
	struct history h;
	struct hist_fold fo;
	const struct hist_row *r = NULL;
	struct txn tx;
	struct csv_table *t;
	const char **ids;
	char *text = NULL, *name;
	size_t i, off;
	int f, bad, rc = -1;

	if (hist_load(&h, dir) == -1) {
		hist_free(&h);
		return -1;
	}
	for (f = 0; f < REC_NFILES && r == NULL; f++) {
		hist_fold(&h, rec_schema(f)->file, &fo);
		for (i = 0; i < fo.n && r == NULL; i++)
			if (strncmp(fo.r[i].id, id, strlen(id)) == 0 &&
			    strlen(id) >= 8)
				r = &fo.r[i];
		if (r == NULL)
			hist_fold_free(&fo);
	}
	if (r == NULL) {
		hist_free(&h);
		return ipt_setusage("%s/%s: no row %s in the history", dir,
		    HIST_FILE, id);
	}
	f--;
	if (!r->conflict) {
		ipt_setusage("%s/%s: row %s has no conflict to resolve", dir,
		    rec_schema(f)->file, r->id);
		goto out;
	}
	if (txn_begin(&tx, dir) == -1)
		goto out;
	if ((t = txn_load(&tx, (enum rec_file)f)) == NULL) {
		txn_abort(&tx);
		goto out;
	}
	/* Every other row as the history has it: repair it first. */
	ids = xcalloc(t->nrows + 1, sizeof(*ids));
	hist_match(&fo, t, ids);
	for (off = 0, i = 0; i < t->nrows; i++)
		off += ids[i] == NULL && !hist_same_key(rec_schema(f)->file,
		    r, t, i);
	free(ids);
	if (off > 0) {
		ipt_seterr("%s/%s: differs from its history in other rows "
		    "too; run `ipt check --fix' first; nothing changed", dir,
		    rec_schema(f)->file);
		txn_abort(&tx);
		goto out;
	}
	txn_save(&tx, (enum rec_file)f);
	if (f == REC_SESSIONS) {
		name = xasprintf("%04ld.md", rec_number(hist_value(r,
		    "number")));
		text = hist_note_text(dir, rec_number(hist_value(r, "number")),
		    &bad);
		if (text != NULL)
			txn_save_bytes(&tx, "notes", name, text, strlen(text));
		free(name);
	}
	txn_repair(&tx, "ipt history --resolve: decided by a person");
	txn_resolve(&tx, r->id);
	if ((rc = txn_commit(&tx)) == 0)
		buf_printf(log, "%s: row %s resolved as the file has it\n",
		    rec_schema(f)->file, r->id);
	txn_abort(&tx);
out:
	free(text);
	hist_fold_free(&fo);
	hist_free(&h);
	return rc;
}
