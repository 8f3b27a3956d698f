/*
 * session.c: adding, changing and removing sessions.
 *
 * Every change runs under the client directory's lock and re-reads
 * client.ini and sessions.csv there, so two commands racing on one client
 * number their sessions one after the other.
 */
#include <sys/stat.h>

#include <dirent.h>

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "appointment.h"
#include "client.h"
#include "date.h"
#include "entry.h"
#include "episode.h"
#include "git.h"
#include "record.h"
#include "session.h"
#include "sign.h"
#include "sha256.h"
#include "txn.h"
#include "util.h"
#include "variant.h"

static char	*note_name(long);

long
session_find(const struct csv_table *t, long number)
{
	int c = csv_col(t, "number");
	size_t i;
	long n;

	if (c == -1)
		return -1;
	for (i = 0; i < t->nrows; i++)
		if (parse_long(t->rows[i].f[c], 1, 9999, &n) == 0 &&
		    n == number)
			return (long)i;
	return -1;
}

long
session_held(const struct csv_table *t)
{
	size_t i;
	long held = 0;

	for (i = 0; i < t->nrows; i++)
		if (strcmp(csv_get(t, i, "attendance"), "attended") == 0)
			held++;
	return held;
}

long
session_latest_held(const struct csv_table *t, long day)
{
	size_t i;
	long best = 0, bestday = 0, d, n;

	for (i = 0; i < t->nrows; i++) {
		if (strcmp(csv_get(t, i, "attendance"), "attended") != 0)
			continue;
		if (date_parse(csv_get(t, i, "date"), &d) == -1 || d > day)
			continue;
		if (parse_long(csv_get(t, i, "number"), 1, 9999, &n) == -1)
			continue;
		if (d > bestday || (d == bestday && n > best)) {
			best = n;
			bestday = d;
		}
	}
	return best;
}

/* Begin, re-read client.ini, and load the sessions; NULL if not begun. */
static struct csv_table *
begin(struct client *c, struct txn *tx)
{
	struct csv_table *t;

	if (txn_begin(tx, c->dir) == -1)
		return NULL;
	if (client_reload(c, tx->dir) == -1 ||
	    (t = txn_load(tx, REC_SESSIONS)) == NULL) {
		txn_abort(tx);
		return NULL;
	}
	return t;
}

static int
check_inputs(const struct variant *v, const struct session_input *in)
{
	static const struct {
		const char *col, *opt;
		size_t off;
	} map[] = {
		{ "date", "--date", offsetof(struct session_input, date) },
		{ "kind", "--kind", offsetof(struct session_input, kind) },
		{ "attendance", "--attendance",
		    offsetof(struct session_input, attendance) },
		{ "duration_min", "--duration",
		    offsetof(struct session_input, duration) },
		{ "phase", "--phase", offsetof(struct session_input, phase) },
		{ "techniques", "--technique",
		    offsetof(struct session_input, techniques) },
		{ "mood", "--mood", offsetof(struct session_input, mood) },
		{ "stress", "--stress", offsetof(struct session_input, stress) },
		{ "note", "--note", offsetof(struct session_input, note) },
	};
	size_t i;
	long first, last;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		const char *val = *(const char *const *)(const void *)
		    ((const char *)in + map[i].off);

		if (val != NULL && rec_check_arg(REC_SESSIONS, map[i].col,
		    map[i].opt, val) == -1)
			return -1;
	}
	if (in->kind != NULL && variant_kind_ok(v, in->kind) == -1)
		return ipt_setusage("--kind: %s", ipt_error());
	if (in->phase != NULL && strcmp(in->phase, "extension") != 0 &&
	    strcmp(in->phase, "maintenance") != 0 &&
	    variant_phase_range(v, 0, in->phase, &first, &last) == -1)
		return ipt_setusage("--phase: the %s variant has no %s phase",
		    v->name, in->phase);
	return 0;
}

/* Sessions stay in date order: refuse a date that would break it. */
static int
check_order(const struct csv_table *t, long number, const char *date)
{
	size_t i;
	long n, d, day;

	if (date_parse(date, &day) == -1)
		return 0;
	for (i = 0; i < t->nrows; i++) {
		if (parse_long(csv_get(t, i, "number"), 1, 9999, &n) == -1 ||
		    date_parse(csv_get(t, i, "date"), &d) == -1 || n == number)
			continue;
		if ((n < number && d > day) || (n > number && d < day))
			return ipt_setusage("--date: %s would put session %ld "
			    "out of date order (session %ld is on %s)", date,
			    number, n, csv_get(t, i, "date"));
	}
	return 0;
}

static void
set_if(struct csv_table *t, size_t row, const char *col, const char *val)
{
	if (val != NULL)
		csv_set(t, row, col, val);
}

/*
 * The entry rules (entry.h) for a session recorded on `date': held,
 * cancelled or missed, it is not after today, nor before the start, nor
 * after the end of a therapy that has ended.
 */
static int
entry_dated(const struct client *c, const char *date, long today)
{
	char why[ENTRY_WHY];
	long d;

	if (date_parse(date, &d) == -1)
		return 0;	/* check_inputs() refused it */
	if (entry_past(d, today, why) == -1)
		return ipt_setusage("--date: %s", why);
	if (d < c->start_day) {
		snprintf(why, sizeof(why), "%s is before the start of "
		    "treatment (%s)", date, c->start);
		return ipt_setusage("--date: %s", why);
	}
	if (strcmp(c->status, "ended") == 0 && c->end_day >= 0 &&
	    d > c->end_day) {
		snprintf(why, sizeof(why), "%s is after the end of treatment "
		    "(%s); a new status starts it again", date, c->ended_on);
		return ipt_setusage("--date: %s", why);
	}
	return 0;
}

/*
 * A note of a session not there (a merge's, a hand copy's) must not pass
 * to the new session that takes its number: the number is refused until
 * a person has moved it (ipt check reports it).
 */
static int
note_orphan(const struct client *c, long number)
{
	static const char *const subs[] = { "notes", "private" };
	char *name = note_name(number), *notes, *path;
	struct stat st;
	size_t k;
	int rc = 0;

	for (k = 0; rc == 0 && k < 2; k++) {
		notes = path_join(c->dir, subs[k]);
		path = path_join(notes, name);
		if (lstat(path, &st) == 0)
			rc = ipt_seterr("%s: a note without a session is "
			    "there; move it out of %s/ before session %ld is "
			    "added%s", path, subs[k], number, k == 0 ?
			    " (ipt check reports it)" : "");
		free(path);
		free(notes);
	}
	free(name);
	return rc;
}

int
session_add(struct client *c, const struct session_input *in, long *number)
{
	struct txn tx;
	struct csv_table *t, *appts, *eps;
	const struct variant *v;
	const char *phase, *kind;
	char num[32], day[DATE_LEN];
	size_t i, row;
	long n, d, max = 0, held = 0, at, today, since;
	int rc = -1, took;

	if ((t = begin(c, &tx)) == NULL)
		return -1;
	/* The place in the plan counts this episode's sessions (episode.h). */
	if ((eps = txn_load(&tx, REC_EPISODES)) == NULL)
		goto out;
	since = episodes_since(eps);
	if (variant_get(c->root, c->variant, &v) == -1 ||
	    check_inputs(v, in) == -1)
		goto out;
	for (i = 0; i < t->nrows; i++) {
		if (parse_long(csv_get(t, i, "number"), 1, 9999, &n) == 0 &&
		    n > max)
			max = n;
		if (strcmp(csv_get(t, i, "attendance"), "attended") == 0 &&
		    variant_kind_uses(v, csv_get(t, i, "kind"), VK_PLACE) &&
		    (date_parse(csv_get(t, i, "date"), &d) == -1 ||
		    d > since))
			held++;
	}
	/*
	 * The session's place in the plan: the next one, or for a kind that
	 * uses none (IPT-A parent) the phase of the latest one held.
	 */
	at = in->kind != NULL && !variant_kind_uses(v, in->kind, VK_PLACE) &&
	    held > 0 ? held : held + 1;
	if (max >= 9999) {
		ipt_seterr("%s: 9999 sessions: no more numbers", t->path);
		goto out;
	}
	*number = max + 1;
	if (note_orphan(c, *number) == -1)
		goto out;
	if (date_today(&today) == -1)
		goto out;
	if (in->date == NULL)
		date_format(today, day);
	else
		snprintf(day, sizeof(day), "%s", in->date);
	if (check_order(t, *number, day) == -1 ||
	    entry_dated(c, day, today) == -1)
		goto out;
	phase = in->phase;
	if (phase == NULL &&
	    (phase = variant_phase(v, c->planned, at, c->status)) == NULL) {
		ipt_seterr("%s: no phase for session %ld", v->file, at);
		goto out;
	}
	kind = in->kind != NULL ? in->kind : variant_default_kind(v, phase);
	row = csv_append(t);
	snprintf(num, sizeof(num), "%ld", *number);
	csv_set(t, row, "number", num);
	csv_set(t, row, "date", day);
	csv_set(t, row, "kind", kind != NULL ? kind : "individual");
	csv_set(t, row, "attendance", in->attendance != NULL ?
	    in->attendance : "attended");
	csv_set(t, row, "phase", phase);
	csv_set(t, row, "focus", c->primary);
	set_if(t, row, "duration_min", in->duration);
	set_if(t, row, "techniques", in->techniques);
	set_if(t, row, "mood", in->mood);
	set_if(t, row, "stress", in->stress);
	set_if(t, row, "note", in->note);
	/* An appointment of the day is taken by the session. */
	if ((appts = txn_load(&tx, REC_APPOINTMENTS)) == NULL)
		goto out;
	took = appt_take(appts, day, *number, in->attendance != NULL &&
	    strcmp(in->attendance, "cancelled") == 0 ? "cancelled" : "held");
	/* Sessions first: a crash between leaves the appointment planned. */
	txn_save(&tx, REC_SESSIONS);
	if (took)
		txn_save(&tx, REC_APPOINTMENTS);
	if ((rc = txn_commit(&tx)) == 0)
		git_note("session %ld added", *number);
out:
	txn_abort(&tx);
	return rc;
}

/*
 * A measure names a session held on its day (entry.h): an edit of the
 * session's date or attendance must leave every measure that names it
 * true, as session rm must leave none naming it.
 */
static int
still_held(struct txn *tx, const struct csv_table *sessions, long number)
{
	const struct csv_table *m;
	char why[ENTRY_WHY];
	size_t i;
	long n, day;

	if ((m = txn_load(tx, REC_MEASURES)) == NULL)
		return -1;
	for (i = 0; i < m->nrows; i++)
		if (parse_long(csv_get(m, i, "session"), 1, 9999, &n) == 0 &&
		    n == number &&
		    date_parse(csv_get(m, i, "date"), &day) == 0 &&
		    entry_session(sessions, number, day, NULL, why) == -1)
			return ipt_seterr("%s:%zu: the %s of %s names session "
			    "%ld, which the change would make untrue (%s); "
			    "change or remove that row first; nothing changed",
			    m->path, m->rows[i].line, csv_get(m, i,
			    "instrument"), csv_get(m, i, "date"), number, why);
	return 0;
}

int
session_edit(struct client *c, long number, const struct session_input *in)
{
	struct txn tx;
	struct csv_table *t;
	const struct variant *v;
	long row, today;
	int rc = -1;

	if ((t = begin(c, &tx)) == NULL)
		return -1;
	if (variant_get(c->root, c->variant, &v) == -1 ||
	    check_inputs(v, in) == -1)
		goto out;
	if ((row = session_find(t, number)) == -1) {
		ipt_setusage("%s: no session %ld", t->path, number);
		goto out;
	}
	if (sign_txn_may_change(&tx, c, t, (size_t)row,
	    "it cannot be changed") == -1)
		goto out;
	if (in->date != NULL && (check_order(t, number, in->date) == -1 ||
	    date_today(&today) == -1 ||
	    entry_dated(c, in->date, today) == -1))
		goto out;
	set_if(t, (size_t)row, "date", in->date);
	set_if(t, (size_t)row, "kind", in->kind);
	set_if(t, (size_t)row, "attendance", in->attendance);
	set_if(t, (size_t)row, "duration_min", in->duration);
	set_if(t, (size_t)row, "phase", in->phase);
	set_if(t, (size_t)row, "techniques", in->techniques);
	set_if(t, (size_t)row, "mood", in->mood);
	set_if(t, (size_t)row, "stress", in->stress);
	set_if(t, (size_t)row, "note", in->note);
	if ((in->date != NULL || in->attendance != NULL) &&
	    still_held(&tx, t, number) == -1)
		goto out;
	txn_save(&tx, REC_SESSIONS);
	if ((rc = txn_commit(&tx)) == 0)
		git_note("session %ld changed", number);
out:
	txn_abort(&tx);
	return rc;
}

/* Rows of another file that name a session keep it from being removed. */
static int
referenced(struct txn *tx, enum rec_file f, long number)
{
	const struct csv_table *t;
	size_t i;
	long n;

	if ((t = txn_load(tx, f)) == NULL)
		return -1;
	for (i = 0; i < t->nrows; i++)
		if (parse_long(csv_get(t, i, "session"), 1, 9999, &n) == 0 &&
		    n == number)
			return ipt_seterr("%s:%zu: refers to session %ld; "
			    "change or remove that row first", t->path,
			    t->rows[i].line, number);
	return 0;
}

int
session_rm(struct client *c, long number)
{
	struct txn tx;
	struct csv_table *t;
	long row;
	int rc = -1;

	if ((t = begin(c, &tx)) == NULL)
		return -1;
	if ((row = session_find(t, number)) == -1) {
		ipt_setusage("%s: no session %ld", t->path, number);
		goto out;
	}
	if (sign_txn_may_change(&tx, c, t, (size_t)row,
	    "it cannot be removed") == -1 ||
	    referenced(&tx, REC_MEASURES, number) == -1 ||
	    referenced(&tx, REC_FOCUS, number) == -1 ||
	    referenced(&tx, REC_RISK, number) == -1)
		goto out;
	{
		/*
		 * The number may be used again: its note, or its private
		 * note, must not follow.
		 */
		static const char *const subs[] = { "notes", "private" };
		char *name = note_name(number), *notes, *path;
		int has = 0;
		size_t k;

		for (k = 0; !has && k < 2; k++) {
			notes = path_join(c->dir, subs[k]);
			path = path_join(notes, name);
			if ((has = access(path, F_OK) == 0))
				ipt_seterr("%s: session %ld has a %snote; move "
				    "or remove it first", path, number, k == 1 ?
				    "private " : "");
			free(path);
			free(notes);
		}
		free(name);
		if (has)
			goto out;
	}
	csv_remove(t, (size_t)row);
	txn_save(&tx, REC_SESSIONS);
	if ((rc = txn_commit(&tx)) == 0)
		git_note("session %ld removed", number);
out:
	txn_abort(&tx);
	return rc;
}

static char *
note_name(long number)
{
	return xasprintf("%04ld.md", number);
}

/*
 * Open a note or its edit copy to read it: never through a symbolic link,
 * and a regular file only (O_NONBLOCK, so that a FIFO put there cannot
 * hang us before the check).  -1 with errno set, or EINVAL for not a file.
 */
static int
open_regular(const char *path)
{
	struct stat st;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	return fd;
}

static int
too_large(const char *path)
{
	return ipt_seterr("%s: larger than %d MiB (%d bytes), the most a note "
	    "may hold", path, NOTE_MAX / (1024 * 1024), NOTE_MAX);
}

/* Copy a note to its edit copy: NOTE_MAX bytes at most. */
static int
copy_file(const char *from, const char *to)
{
	char buf[8192];
	size_t total = 0, want;
	ssize_t n = 0;
	int in, out, rc = 0;

	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) == -1)
		return ipt_seterrno("%s", to);
	if ((in = open_regular(from)) == -1) {
		if (errno == EINVAL)
			rc = ipt_seterr("%s: not a regular file", from);
		else if (errno != ENOENT)
			rc = ipt_seterrno("%s", from);
		close(out);
		return rc;
	}
	/* Never a byte past NOTE_MAX + 1: enough to tell it is too large. */
	while ((want = (size_t)NOTE_MAX + 1 - total) > 0 &&
	    (n = read(in, buf, want < sizeof(buf) ? want : sizeof(buf))) > 0) {
		if ((total += (size_t)n) > NOTE_MAX) {
			rc = too_large(from);
			break;
		}
		if (write(out, buf, (size_t)n) != n) {
			rc = ipt_seterrno("%s", to);
			break;
		}
	}
	if (n < 0)
		rc = ipt_seterrno("%s", from);
	close(in);
	if (close(out) == -1 && rc == 0)
		rc = ipt_seterrno("%s", to);
	return rc;
}

/*
 * notes/ must be the client's own directory: a symbolic link there would
 * have the edit copy and the note written wherever it points.  -1 with
 * errno set (a failed lstat), or with errno 0 after ipt_seterr().
 */
static int
notes_dir_ok(const char *notes)
{
	struct stat st;

	if (lstat(notes, &st) == -1)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		ipt_seterr("%s: not a directory (a symbolic link?); refusing "
		    "to write notes through it", notes);
		errno = 0;
		return -1;
	}
	return 0;
}

struct filebuf {
	char	*s;
	size_t	 n;
};

/*
 * Read a note: 0, or 1 if there is none, or -1; 2 (after too_large())
 * when it holds more than NOTE_MAX bytes, which it tells by reading one
 * byte past them and no more.
 */
static int
slurp(const char *path, struct filebuf *b)
{
	struct buf acc = { 0 };
	char tmp[8192];
	size_t want;
	ssize_t n = 0;
	int fd;

	b->s = NULL;
	b->n = 0;
	if ((fd = open_regular(path)) == -1)
		return errno == ENOENT ? 1 : errno == EINVAL ?
		    ipt_seterr("%s: not a regular file", path) :
		    ipt_seterrno("%s", path);
	while (acc.len <= NOTE_MAX) {
		want = (size_t)NOTE_MAX + 1 - acc.len;
		if ((n = read(fd, tmp, want < sizeof(tmp) ? want :
		    sizeof(tmp))) <= 0)
			break;
		buf_add(&acc, tmp, (size_t)n);
	}
	close(fd);
	if (n < 0) {
		buf_free(&acc);
		return ipt_seterrno("%s", path);
	}
	if (acc.len > NOTE_MAX) {
		buf_free(&acc);
		too_large(path);
		return 2;
	}
	b->s = acc.s;
	b->n = acc.len;
	return 0;
}

/* An edit copy an earlier `session note' left of note name, or NULL. */
static char *
kept_copy(const char *notes, const char *name, const char *mine)
{
	char *prefix = xasprintf(".edit-%s-", name), *found = NULL;
	struct dirent *de;
	DIR *d;

	if ((d = opendir(notes)) != NULL) {
		while (found == NULL && (de = readdir(d)) != NULL)
			if (strncmp(de->d_name, prefix, strlen(prefix)) == 0 &&
			    strstr(mine, de->d_name) == NULL)
				found = path_join(notes, de->d_name);
		closedir(d);
	}
	free(prefix);
	return found;
}

/*
 * [private] sync in the practice's ipt.ini: whether private notes go to
 * git with the rest (1), or stay out of it (0, the default).
 */
static int
private_sync(const struct client *c, int *sync)
{
	struct ini ini;
	const char *v;
	char *path;
	int rc = 0;

	*sync = 0;
	if (c->root == NULL)
		return 0;
	path = path_join(c->root, PRACTICE_INI);
	if (ini_load(&ini, path) == -1) {
		free(path);
		return -1;
	}
	if ((v = ini_get(&ini, "private", "sync")) != NULL) {
		if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0)
			*sync = 1;
		else if (strcmp(v, "false") != 0 && strcmp(v, "no") != 0)
			rc = ipt_seterr("%s: [private] sync: '%s' is not true "
			    "or false", path, v);
	}
	ini_free(&ini);
	free(path);
	return rc;
}

/* The line of a client's .gitignore that keeps private/ out of git. */
#define PRIVATE_IGNORE	"private/"

/* The lines ipt writes to a client's .gitignore, the last one PRIVATE_IGNORE. */
static const char private_block[] =
    "# Written by ipt session private: the therapist's private notes\n"
    "# (psychotherapy notes) never go to git; see ipt-files(5), "
    "[private] sync.\n" PRIVATE_IGNORE "\n";

/*
 * The client's .gitignore as [private] sync wants it, to save in tx
 * before the note (so that a crash between never leaves a private note
 * git would take): unless sync is true, with a line keeping private/ out
 * of git; when it is, without the lines ipt wrote there (a line
 * private/ the practice wrote itself stays: ipt did not write it).
 */
static int
private_ignore(struct txn *tx, const struct client *c, int sync)
{
	struct buf b = { 0 };
	struct filebuf fb;
	char *path;
	const char *p, *block = NULL;
	size_t n, blen = strlen(private_block);
	int got, have = 0;

	path = path_join(c->dir, ".gitignore");
	got = slurp(path, &fb);
	free(path);
	if (got == -1 || got == 2)
		return -1;
	if (got == 0)
		buf_add(&b, fb.s != NULL ? fb.s : "", fb.n);
	free(fb.s);
	for (p = b.s; p != NULL && p < b.s + b.len; p += n + 1) {
		n = strcspn(p, "\n");
		if (block == NULL && (size_t)(b.s + b.len - p) >= blen &&
		    memcmp(p, private_block, blen) == 0)
			block = p;
		if (n == strlen(PRIVATE_IGNORE) &&
		    strncmp(p, PRIVATE_IGNORE, n) == 0)
			have = 1;
		if (p[n] == '\0')
			break;
	}
	if (sync && block != NULL) {
		memmove((char *)block, block + blen,
		    (size_t)(b.s + b.len - block - blen));
		b.len -= blen;
		b.s[b.len] = '\0';
		txn_save_bytes(tx, NULL, ".gitignore", b.s != NULL ? b.s : "",
		    b.len);
	} else if (!sync && !have) {
		if (b.len > 0 && b.s[b.len - 1] != '\n')
			buf_addc(&b, '\n');
		buf_adds(&b, private_block);
		txn_save_bytes(tx, NULL, ".gitignore", b.s, b.len);
	}
	buf_free(&b);
	return 0;
}

static int	edit_begin(struct client *, long, struct note_edit *, int);

int
note_begin(struct client *c, long number, struct note_edit *ne)
{
	return edit_begin(c, number, ne, 0);
}

int
private_begin(struct client *c, long number, struct note_edit *ne)
{
	return edit_begin(c, number, ne, 1);
}

static int
edit_begin(struct client *c, long number, struct note_edit *ne, int priv)
{
	struct csv_table t, sigs;
	long today;
	struct filebuf fb;
	char *notes, *name, *path, *edit;
	long row;
	int rc = -1, fd, got, sync;

	memset(ne, 0, sizeof(*ne));
	ne->number = number;
	ne->priv = priv;
	if (rec_load(c->dir, REC_SESSIONS, &t) == -1)
		return -1;
	if ((row = session_find(&t, number)) == -1) {
		ipt_setusage("%s: no session %ld", t.path, number);
		csv_free_table(&t);
		return -1;
	}
	/*
	 * A locked note is refused before the editor opens, not after.  A
	 * private note is no part of the signed record: never locked.
	 */
	if (priv)
		rc = private_sync(c, &sync);
	else if (rec_load(c->dir, REC_SIGNATURES, &sigs) == -1) {
		csv_free_table(&t);
		return -1;
	} else {
		rc = date_today(&today) == -1 ? -1 : sign_may_change(c, &t,
		    (size_t)row, &sigs, today, "its note cannot be changed");
		csv_free_table(&sigs);
	}
	if (rc == -1) {
		csv_free_table(&t);
		return -1;
	}
	rc = -1;
	ne->date = xstrdup(csv_get(&t, (size_t)row, "date"));
	csv_free_table(&t);
	notes = path_join(c->dir, priv ? "private" : "notes");
	errno = 0;
	if ((mkdir(notes, 0700) == -1 ? errno != EEXIST :
	    atomic_give_owner(notes, c->dir) == -1) ||
	    notes_dir_ok(notes) == -1) {
		if (errno != 0)
			ipt_seterrno("%s", notes);
		free(notes);
		return -1;
	}
	name = note_name(number);
	path = path_join(notes, name);
	/* The edit copy is not a ".tmp." name: writers must not remove it. */
	edit = xasprintf("%s/.edit-%s-XXXXXX", notes, name);
	if ((fd = mkstemp(edit)) == -1) {
		ipt_seterrno("%s", notes);
		goto out;
	}
	close(fd);
	unlink(edit);
	if (copy_file(path, edit) == -1) {
		unlink(edit);
		goto out;
	}
	/* The base is what was copied: the text the editor starts from. */
	if ((got = slurp(edit, &fb)) != 0) {
		if (got == 1)
			ipt_seterr("%s: the edit copy is gone", edit);
		unlink(edit);
		goto out;
	}
	ne->had = fb.n > 0 || access(path, F_OK) == 0;
	sha256(fb.s != NULL ? fb.s : "", fb.n, ne->base);
	free(fb.s);
	ne->kept = kept_copy(notes, name, edit);
	ne->path = edit;
	edit = NULL;
	rc = 0;
out:
	free(edit);
	free(path);
	free(name);
	free(notes);
	return rc;
}

void
note_edit_free(struct note_edit *ne)
{
	free(ne->path);
	free(ne->date);
	free(ne->kept);
	memset(ne, 0, sizeof(*ne));
}

int
note_commit(struct client *c, struct note_edit *ne, int *changed)
{
	struct txn tx;
	struct filebuf nb, ob;
	struct csv_table *t;
	unsigned char now[SHA256_LEN];
	const char *editpath = ne->path;
	char *notes, *name, *path;
	const char *sub = ne->priv ? "private" : "notes";
	long number = ne->number, row;
	int rc = -1, had, sync = 0;

	*changed = 0;
	notes = path_join(c->dir, sub);
	name = note_name(number);
	path = path_join(notes, name);
	switch (slurp(editpath, &nb)) {
	case 0:
		break;
	case 1:
		ipt_seterr("%s: the edited copy %s is gone; the note is "
		    "unchanged", path, editpath);
		goto out;
	case 2:
		ipt_seterr("%s: the note is larger than %d MiB (%d bytes), the "
		    "most a note may hold; it is kept in %s", path,
		    NOTE_MAX / (1024 * 1024), NOTE_MAX, editpath);
		goto out;
	default:
		goto out;
	}
	if (!utf8_valid(nb.s != NULL ? nb.s : "", nb.n, 1)) {
		ipt_seterr("%s: the note holds a control character or invalid "
		    "UTF-8; it is kept in %s", path, editpath);
		goto out;
	}
	if (txn_begin(&tx, c->dir) == -1)
		goto kept;
	if (notes_dir_ok(notes) == -1) {
		if (errno != 0)
			ipt_seterrno("%s", notes);
		txn_abort(&tx);
		goto kept;
	}
	/* The session must be the one the editor was opened for. */
	if ((t = txn_load(&tx, REC_SESSIONS)) == NULL) {
		txn_abort(&tx);
		goto kept;
	}
	if ((row = session_find(t, number)) == -1 ||
	    strcmp(csv_get(t, (size_t)row, "date"), ne->date) != 0) {
		ipt_seterr("%s: session %ld (%s) was removed while its note "
		    "was open%s; nothing saved, your text is kept in %s", path,
		    number, ne->date, row == -1 ? "" : " and another added "
		    "under its number", editpath);
		txn_abort(&tx);
		goto out;
	}
	/* Signed, or past the lock, while the editor was open. */
	if (!ne->priv && sign_txn_may_change(&tx, c, t, (size_t)row,
	    "its note cannot be changed") == -1) {
		txn_abort(&tx);
		goto kept;
	}
	if ((had = slurp(path, &ob)) == -1 || had == 2) {
		if (had == 2)
			ipt_seterr("%s: larger than %d MiB, the most a note may "
			    "hold: left as it is; your text is kept in %s",
			    path, NOTE_MAX / (1024 * 1024), editpath);
		txn_abort(&tx);
		goto kept;
	}
	sha256(ob.s != NULL ? ob.s : "", ob.n, now);
	if ((had == 0) != (ne->had != 0) || memcmp(now, ne->base,
	    sizeof(now)) != 0) {
		ipt_seterr("%s: saved by someone else while you edited it; "
		    "nothing saved, your text is kept in %s: put the two "
		    "together with ipt session note %ld", path, editpath,
		    number);
		free(ob.s);
		txn_abort(&tx);
		goto out;
	}
	/* Written only if changed: an unchanged note commits nothing. */
	if ((had == 1 && nb.n == 0) || (had == 0 && ob.n == nb.n &&
	    (nb.n == 0 || memcmp(ob.s, nb.s, nb.n) == 0)))
		rc = txn_commit(&tx);
	else {
		/* A private note: .gitignore first (see private_ignore()). */
		if (ne->priv && (private_sync(c, &sync) == -1 ||
		    private_ignore(&tx, c, sync) == -1)) {
			free(ob.s);
			txn_abort(&tx);
			goto kept;
		}
		txn_save_bytes(&tx, sub, name, nb.s, nb.n);
		if ((rc = txn_commit(&tx)) == 0) {
			*changed = 1;
			if (!ne->priv)
				git_note("note of session %ld changed", number);
			else if (sync)
				git_note("private note of session %ld changed",
				    number);
			else {
				/* Not for git: only .gitignore, if changed. */
				atomic_changed_forget(notes);
				git_note("private notes kept out of git");
			}
		}
	}
	free(ob.s);
	if (rc == 0)
		unlink(editpath);
	else
		goto kept;
	goto out;
kept:
	/* Whatever failed, the text typed is not lost: say where it is. */
	{
		char *why = xstrdup(ipt_error());

		ipt_seterr("%s; your text is kept in %s", why, editpath);
		free(why);
	}
out:
	free(nb.s);
	free(path);
	free(name);
	free(notes);
	return rc;
}
