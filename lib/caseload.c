/*
 * caseload.c: walk paths for client directories (see caseload.h).
 *
 * Each directory is read whole, its names sorted and the directory
 * closed before the walk goes down into any of them: a walk holds one
 * open directory at a time and one list of names per level.
 *
 * Read-ahead.  A scan spends about half its time in the system calls
 * that find and read the files (build/bench/floor does only that) and
 * the rest parsing them.  With two processors or more, caseload_scan()
 * runs the walk in a second thread that also reads each client's files
 * (client.ini and the record files) into memory and looks for an ipt.ini
 * there, up to AHEAD clients before the one being visited; client_open()
 * and csv_load() take the text from there (caseload_take()) instead of
 * reading the file again.  The callback runs in the caller's thread, once
 * per client in the walk's order, and the error messages in between, as
 * without it: the output is the same.  A file is taken as it was up to
 * AHEAD clients earlier, which nothing can tell from a scan that read it
 * later, with one exception: a callback that writes (check --fix) and
 * reads back what it wrote.  So once the process has replaced a file
 * (atomic_changed()), nothing more is taken.  IPT_SCAN_THREADS=1 in the
 * environment turns the read-ahead off.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "caseload.h"
#include "client.h"
#include "csvt.h"
#include "record.h"
#include "util.h"

#define AHEAD	32			/* clients read ahead */
/*
 * Each thread sleeps at most once per BATCH clients: the visiting thread,
 * once the queue is empty, until BATCH are queued (or the walk is over);
 * the reading thread, once it is full, until half of it is free.  A wake
 * per client would cost about as much as the reading itself.
 */
#define BATCH	8
#define NRA	(1 + REC_NFILES)	/* files read ahead: client.ini too */
/*
 * A larger file is left for csv_load() to read, so that the read-ahead
 * holds at most AHEAD * NRA * RA_MAXFILE bytes (9 MiB) whatever the
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
	struct readahead f[NRA];	/* client: its files */
	unsigned	 taken;		/* bit i: f[i] given away */
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
	struct event	*cur;		/* the client being visited */
	size_t		 changed;	/* atomic_changed() at the start */
};

struct walk {
	caseload_fn	 fn;
	caseload_errfn	 err;
	void		*arg;
	size_t		 nerrors;
	struct ahead	*ra;		/* set in the reading thread */
};

/* The scan reading ahead, if one runs: see caseload_take(). */
static struct ahead *active;

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

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_client_dir(const char *dir)
{
	struct stat st;
	char *p = path_join(dir, CLIENT_INI);
	int rc;

	rc = lstat(p, &st) == 0;
	free(p);
	return rc;
}

/* Read a directory's visible names, sorted; -1 (errno set) on failure. */
static int
read_names(const char *dir, char ***names, size_t *n)
{
	struct dirent *e;
	DIR *d;
	int saved;

	*names = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return -1;
	for (;;) {
		errno = 0;
		if ((e = readdir(d)) == NULL)
			break;
		if (e->d_name[0] == '.')
			continue;
		*names = xreallocarray(*names, *n + 1, sizeof(**names));
		(*names)[(*n)++] = xstrdup(e->d_name);
	}
	saved = errno;
	closedir(d);
	if (saved != 0) {
		while (*n > 0)
			free((*names)[--*n]);
		free(*names);
		*names = NULL;
		errno = saved;
		return -1;
	}
	if (*n > 1)
		qsort(*names, *n, sizeof(**names), cmp_names);
	return 0;
}

static void
event_free(struct event *ev)
{
	size_t i;

	for (i = 0; i < NRA; i++)
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

/* Read a file as csv_load() and client_open() would (see caseload.h). */
static void
read_ahead(const char *path, struct readahead *ra)
{
	ssize_t n;
	int fd;

	memset(ra, 0, sizeof(*ra));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1) {
		ra->err = errno;
		return;
	}
	if (fstat(fd, &ra->st) == -1)
		ra->err = errno;
	else if (S_ISREG(ra->st.st_mode) && ra->st.st_size <= RA_MAXFILE) {
		ra->text = xmalloc((size_t)ra->st.st_size + 2);
		do
			n = read(fd, ra->text, (size_t)ra->st.st_size + 1);
		while (n == -1 && errno == EINTR);
		if (n == -1)
			ra->err = errno;
		if (n < 0 || n > ra->st.st_size) {
			/* An error, or the file grew: not read ahead. */
			free(ra->text);
			ra->text = NULL;
		} else {
			ra->text[n] = '\0';
			ra->len = (size_t)n;
		}
	}
	close(fd);
}

static const char *
ra_name(size_t i)
{
	return i == 0 ? CLIENT_INI : rec_schema((enum rec_file)(i - 1))->file;
}

/* The walk found a client directory. */
static int
visit(struct walk *w, const char *dir, const char *parent)
{
	struct event ev;
	struct stat st;
	char *p;
	size_t i;
	int rc;

	if (w->ra == NULL) {
		/* Its practice root is its parent's: see practice_root(). */
		if (parent != NULL)
			practice_root_hint(parent, dir, -1);
		rc = w->fn(dir, w->arg);
		if (parent != NULL)
			practice_root_hint(parent, NULL, -1);
		return rc;
	}
	memset(&ev, 0, sizeof(ev));
	ev.client = 1;
	ev.path = xstrdup(dir);
	ev.parent = parent != NULL ? xstrdup(parent) : NULL;
	for (i = 0; i < NRA; i++) {
		p = path_child(dir, ra_name(i));
		read_ahead(p, &ev.f[i]);
		free(p);
	}
	p = path_child(dir, PRACTICE_INI);
	ev.own = stat(p, &st) == 0;
	free(p);
	return push(w->ra, &ev);
}

/* The walk cannot read a path: errno e, or 0 when not a directory. */
static int
unreadable(struct walk *w, const char *path, int e)
{
	struct event ev;

	if (w->ra == NULL) {
		report(w, path, e != 0 ? strerror(e) : "not a directory");
		return 0;
	}
	memset(&ev, 0, sizeof(ev));
	ev.path = xstrdup(path);
	ev.err = e;
	return push(w->ra, &ev);
}

/*
 * Walk a directory known to be one (and not reached through a link);
 * parent is the directory whose entry it is, or NULL for a path given.
 */
static int
walk_dir(struct walk *w, const char *dir, const char *parent)
{
	struct stat st;
	char **names, *p;
	size_t i, n;
	int rc = 0;

	if (is_client_dir(dir))
		return visit(w, dir, parent);
	if (read_names(dir, &names, &n) == -1)
		return unreadable(w, dir, errno);
	for (i = 0; i < n; i++) {
		if (rc == 0) {
			p = path_child(dir, names[i]);
			if (lstat(p, &st) == -1)
				rc = unreadable(w, p, errno);
			else if (S_ISDIR(st.st_mode))
				rc = walk_dir(w, p, dir);
			free(p);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

static int
walk(struct walk *w, const char *const *paths, size_t npaths)
{
	struct stat st;
	size_t i;
	int rc = 0;

	for (i = 0; i < npaths && rc == 0; i++) {
		if (stat(paths[i], &st) == -1)
			rc = unreadable(w, paths[i], errno);
		else if (!S_ISDIR(st.st_mode))
			rc = unreadable(w, paths[i], 0);
		else
			rc = walk_dir(w, paths[i], NULL);
	}
	return rc;
}

/* The reading thread: the walk, its findings queued. */
static void *
reader(void *arg)
{
	struct ahead *ra = arg;
	struct walk w;

	memset(&w, 0, sizeof(w));
	w.ra = ra;
	walk(&w, ra->paths, ra->npaths);
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

	if (active != NULL || (e != NULL && strcmp(e, "1") == 0))
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
	active = ra;
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
		if (!ev.client)
			report(w, ev.path, ev.err != 0 ? strerror(ev.err) :
			    "not a directory");
		else {
			if (ev.parent != NULL)
				practice_root_hint(ev.parent, ev.path, ev.own);
			ra->cur = &ev;
			rc = w->fn(ev.path, w->arg);
			ra->cur = NULL;
			if (ev.parent != NULL)
				practice_root_hint(ev.parent, NULL, -1);
		}
		event_free(&ev);
		if (rc != 0)
			break;
	}
	pthread_mutex_lock(&ra->mu);
	ra->stop = 1;
	pthread_cond_signal(&ra->room);
	pthread_mutex_unlock(&ra->mu);
	pthread_join(ra->thread, NULL);
	active = NULL;
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

int
caseload_scan(const char *const *paths, size_t npaths, caseload_fn fn,
    caseload_errfn err, void *arg, size_t *nerrors)
{
	struct walk w;
	int rc;

	memset(&w, 0, sizeof(w));
	w.fn = fn;
	w.err = err;
	w.arg = arg;
	if (!use_threads() || scan_ahead(&w, paths, npaths, &rc) == -1)
		rc = walk(&w, paths, npaths);
	practice_root_hint(NULL, NULL, -1);
	if (nerrors != NULL)
		*nerrors = w.nerrors;
	return rc;
}

int
caseload_take(const char *path, struct readahead *out)
{
	const struct event *ev;
	const char *name;
	size_t i, n;

	if (active == NULL || (ev = active->cur) == NULL)
		return 0;
	atomic_changed(&n);
	if (n != active->changed)
		return 0;
	/* path is the directory joined with a name (path_child()). */
	if (strcmp(ev->path, ".") == 0)
		name = path;
	else {
		n = strlen(ev->path);
		if (strncmp(path, ev->path, n) != 0 || path[n] != '/')
			return 0;
		name = path + n + 1;
	}
	for (i = 0; i < NRA; i++)
		if (strcmp(name, ra_name(i)) == 0)
			break;
	if (i == NRA || (ev->taken & (1u << i)))
		return 0;
	active->cur->taken |= 1u << i;
	*out = ev->f[i];
	active->cur->f[i].text = NULL;
	return 1;
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
