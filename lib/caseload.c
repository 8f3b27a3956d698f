/*
 * caseload.c: walk paths for client directories (see caseload.h).
 *
 * The walk is walk_dirs() (walk.h), for client.ini: it reads each
 * directory once, a client's too, and gives its entries.  Of a client's
 * files (client.ini and the record files), only those its directory lists
 * are opened, each once, and read into memory (readahead.h); its ipt.ini
 * is looked for in the listing too.  The scan lends them while the
 * callback runs: client_open() and csv_load() take the text from there
 * (ra_take()) instead of reading the file again, and a record file the
 * listing lacks is missing without a failed open().  A directory that
 * cannot be listed (no read permission) has its files opened by name.
 *
 * Read-ahead.  A scan spends about half its time in the system calls
 * that find and read the files (build/bench/floor does only that) and
 * the rest parsing them.  With two processors or more, caseload_scan()
 * runs the walk in a second thread that also lists and reads each
 * client's files, up to AHEAD clients before the one being visited;
 * without it, the loaders read the files the listing holds as they need
 * them, and only the missing ones are lent.  The callback runs in the
 * caller's thread, once per client in the walk's order, and the error
 * messages in between, as without it: the output is the same.  A file
 * is taken as it was up to AHEAD clients earlier, which nothing can tell
 * from a scan that read it later.  A callback that writes (check --fix)
 * does so in a transaction, which loads nothing lent (txn_begin() stops
 * the lending until it ends): what it changes is read from disk under the
 * lock, so a write by another process in between is never undone.  And
 * once the process has replaced a file (atomic_changed()) after the
 * files were read, nothing more is taken.  IPT_SCAN_THREADS=1 in the
 * environment turns the second thread off.
 */
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "caseload.h"
#include "client.h"
#include "readahead.h"
#include "record.h"
#include "util.h"
#include "walk.h"

#define AHEAD	32			/* clients read ahead */
/*
 * Each thread sleeps at most once per BATCH clients: the visiting thread,
 * once the queue is empty, until BATCH are queued (or the walk is over);
 * the reading thread, once it is full, until half of it is free.  A wake
 * per client would cost about as much as the reading itself.
 */
#define BATCH	8
#define NRA	(1 + REC_NFILES)	/* files read ahead: client.ini too */
#define NRA_MAX	(NRA + 1)		/* and one a scan asks for */
/*
 * A larger file is left for csv_load() to read, so that the read-ahead
 * holds at most AHEAD * NRA_MAX * RA_MAXFILE bytes (15 MiB) whatever the
 * files are; ipt's own record files are a few KiB.
 */
#define RA_MAXFILE	(32 * 1024)

/* What the walk found: a client directory, or a path it cannot read. */
struct event {
	char		*path;
	char		*parent;	/* client: the directory above, or NULL */
	int		 client;
	int		 err;		/* unreadable: errno, or 0: not a dir */
	int		 own;		/* client: it holds an ipt.ini */
	size_t		 changed;	/* client: atomic_changed() when read */
	struct ra_file	 f[NRA_MAX];	/* client: its files */
	unsigned long	 unread;	/* bit i: f[i] is there, left for the
					   loaders to read */
};

struct ahead {
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 more, room;
	struct event	 q[AHEAD];	/* a ring, n from head */
	size_t		 head, n;
	int		 done, stop;
	int		 cwait, pwait;	/* the visitor, the reader asleep */
	const char *const *paths;
	size_t		 npaths;
	size_t		 changed;	/* atomic_changed() at the start */
};

struct walk {
	caseload_fn	 fn;
	caseload_errfn	 err;
	void		*arg;
	size_t		 nerrors;
	struct ahead	*ra;		/* set in the reading thread */
};

/*
 * The files read for each client: client.ini, the record files, and the
 * one of caseload_read_too() (nra of them).
 */
static const char	*ra_names[NRA_MAX];
static size_t		 nra = NRA;
/* A scan reading ahead runs: a scan from its callback reads in line. */
static int		 active;

static void
report(struct walk *w, const char *path, const char *why)
{
	char *msg;

	w->nerrors++;
	if (w->err == NULL)
		return;
	msg = xasprintf("%s: %s", path, why);
	w->err(msg, w->arg);
	free(msg);
}

static void
event_free(struct event *ev)
{
	size_t i;

	for (i = 0; i < NRA_MAX; i++)
		free(ev->f[i].text);
	free(ev->path);
	free(ev->parent);
	memset(ev, 0, sizeof(*ev));
}

/* Queue an event for the caller's thread; 1 when the scan is to stop. */
static int
push(struct ahead *ra, struct event *ev)
{
	int stop;

	pthread_mutex_lock(&ra->mu);
	while (ra->n == AHEAD && !ra->stop) {
		ra->pwait = 1;
		pthread_cond_wait(&ra->room, &ra->mu);
	}
	if (!(stop = ra->stop)) {
		ra->q[(ra->head + ra->n) % AHEAD] = *ev;
		ra->n++;
		if (ra->cwait && ra->n >= BATCH) {
			ra->cwait = 0;
			pthread_cond_signal(&ra->more);
		}
	}
	pthread_mutex_unlock(&ra->mu);
	if (stop)
		event_free(ev);
	return stop;
}

/*
 * In the caller's thread: report a path the walk could not read, or
 * visit a client with its files lent to the loaders.  Frees ev.
 */
static int
deliver(struct walk *w, struct event *ev)
{
	struct ra_dir d, *outer;
	int rc = 0;

	if (!ev->client)
		report(w, ev->path, ev->err != 0 ? strerror(ev->err) :
		    "not a directory");
	else {
		memset(&d, 0, sizeof(d));
		d.dir = ev->path;
		d.names = ra_names;
		d.n = nra;
		d.f = ev->f;
		d.changed = ev->changed;
		d.taken = ev->unread;
		/* Its practice root is its parent's: see practice_root(). */
		if (ev->parent != NULL)
			practice_root_hint(ev->parent, ev->path, ev->own);
		outer = ra_lend(&d);
		rc = w->fn(ev->path, w->arg);
		ra_lend(outer);
		if (ev->parent != NULL)
			practice_root_hint(ev->parent, NULL, -1);
	}
	event_free(ev);
	return rc;
}

/*
 * The walk found a client directory: read the files its entries (names,
 * or NULL when it could not be listed) hold, and visit it or queue it.
 */
static int
visit(const char *dir, const char *parent, char *const *names, size_t n,
    void *arg)
{
	struct walk *w = arg;
	struct event ev;
	struct stat st;
	char *p;
	size_t i;

	memset(&ev, 0, sizeof(ev));
	ev.client = 1;
	ev.path = xstrdup(dir);
	ev.parent = parent != NULL ? xstrdup(parent) : NULL;
	for (i = 0; i < nra; i++) {
		if (names != NULL && !walk_listed(names, n, ra_names[i])) {
			ra_missing(&ev.f[i]);
			continue;
		}
		/* Visited at once: the loaders read it as they need it. */
		if (w->ra == NULL && names != NULL) {
			ev.unread |= 1ul << i;
			continue;
		}
		p = path_child(dir, ra_names[i]);
		ra_read(p, RA_MAXFILE, &ev.f[i]);
		free(p);
	}
	if (names != NULL)
		ev.own = walk_listed(names, n, PRACTICE_INI);
	else {
		p = path_child(dir, PRACTICE_INI);
		ev.own = stat(p, &st) == 0;
		free(p);
	}
	if (w->ra != NULL) {
		ev.changed = w->ra->changed;
		return push(w->ra, &ev);
	}
	atomic_changed(&ev.changed);
	return deliver(w, &ev);
}

/* The walk cannot read a path: errno e, or 0 when not a directory. */
static int
unreadable(const char *path, int e, void *arg)
{
	struct walk *w = arg;
	struct event ev;

	memset(&ev, 0, sizeof(ev));
	ev.path = xstrdup(path);
	ev.err = e;
	return w->ra != NULL ? push(w->ra, &ev) : deliver(w, &ev);
}

/* The reading thread: the walk, its findings queued. */
static void *
reader(void *arg)
{
	struct ahead *ra = arg;
	struct walk w;

	memset(&w, 0, sizeof(w));
	w.ra = ra;
	walk_dirs(ra->paths, ra->npaths, CLIENT_INI, visit, unreadable, &w);
	pthread_mutex_lock(&ra->mu);
	ra->done = 1;
	pthread_cond_signal(&ra->more);
	pthread_mutex_unlock(&ra->mu);
	return NULL;
}

/* Whether to read ahead: a second processor, and not turned off. */
static int
use_threads(void)
{
	const char *e = getenv("IPT_SCAN_THREADS");

	if (active || (e != NULL && strcmp(e, "1") == 0))
		return 0;
	return sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

/*
 * The caller's side of a scan reading ahead: 0 when it ran (*rcp is what
 * the walk returns), -1 when the thread could not start.
 */
static int
scan_ahead(struct walk *w, const char *const *paths, size_t npaths, int *rcp)
{
	struct ahead *ra = xcalloc(1, sizeof(*ra));
	struct event ev;
	int rc = 0, ran = -1;

	ra->paths = paths;
	ra->npaths = npaths;
	atomic_changed(&ra->changed);
	if (pthread_mutex_init(&ra->mu, NULL) != 0)
		goto fail0;
	if (pthread_cond_init(&ra->more, NULL) != 0)
		goto fail1;
	if (pthread_cond_init(&ra->room, NULL) != 0)
		goto fail2;
	if (pthread_create(&ra->thread, NULL, reader, ra) != 0)
		goto fail3;
	active = 1;
	for (;;) {
		pthread_mutex_lock(&ra->mu);
		while (ra->n == 0 && !ra->done) {
			ra->cwait = 1;
			pthread_cond_wait(&ra->more, &ra->mu);
		}
		if (ra->n == 0) {
			pthread_mutex_unlock(&ra->mu);
			break;
		}
		ev = ra->q[ra->head];
		ra->head = (ra->head + 1) % AHEAD;
		ra->n--;
		if (ra->pwait && ra->n <= AHEAD / 2) {
			ra->pwait = 0;
			pthread_cond_signal(&ra->room);
		}
		pthread_mutex_unlock(&ra->mu);
		if ((rc = deliver(w, &ev)) != 0)
			break;
	}
	pthread_mutex_lock(&ra->mu);
	ra->stop = 1;
	pthread_cond_signal(&ra->room);
	pthread_mutex_unlock(&ra->mu);
	pthread_join(ra->thread, NULL);
	active = 0;
	while (ra->n > 0) {
		event_free(&ra->q[ra->head]);
		ra->head = (ra->head + 1) % AHEAD;
		ra->n--;
	}
	*rcp = rc;
	ran = 0;
fail3:
	pthread_cond_destroy(&ra->room);
fail2:
	pthread_cond_destroy(&ra->more);
fail1:
	pthread_mutex_destroy(&ra->mu);
fail0:
	free(ra);
	return ran;
}

void
caseload_read_too(const char *name)
{
	ra_names[NRA] = name;
	nra = name != NULL ? NRA + 1 : NRA;
}

int
caseload_scan(const char *const *paths, size_t npaths, caseload_fn fn,
    caseload_errfn err, void *arg, size_t *nerrors)
{
	struct walk w;
	size_t i;
	int rc;

	if (ra_names[0] == NULL) {
		for (i = 1; i < NRA; i++)
			ra_names[i] = rec_schema((enum rec_file)(i - 1))->file;
		ra_names[0] = CLIENT_INI;
	}
	memset(&w, 0, sizeof(w));
	w.fn = fn;
	w.err = err;
	w.arg = arg;
	if (!use_threads() || scan_ahead(&w, paths, npaths, &rc) == -1)
		rc = walk_dirs(paths, npaths, CLIENT_INI, visit, unreadable,
		    &w);
	practice_root_hint(NULL, NULL, -1);
	if (nerrors != NULL)
		*nerrors = w.nerrors;
	return rc;
}

char *
caseload_default_path(void)
{
	char *root, *cwd;

	if ((root = practice_root(".")) == NULL)
		return xstrdup(".");
	if ((cwd = realpath(".", NULL)) != NULL && strcmp(cwd, root) == 0) {
		free(root);
		root = xstrdup(".");
	}
	free(cwd);
	return root;
}
