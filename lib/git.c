/*
 * git.c: autocommit of the files a command changed (see git.h).
 *
 * In a plain repository the commit is made in process by gitobj.c (the
 * repository found, the identity read, objects and refs written as git
 * does); anything it does not handle with certainty is git's, as it was
 * before.  git runs as a child process with a fixed argument vector (no
 * shell), in the practice root, with paths given after "--" so that no
 * file name can be taken for an option.  A commit that fails because another git
 * holds the index lock is retried with a growing pause.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "git.h"
#include "gitobj.h"
#include "ini.h"
#include "util.h"

const char git_attributes[] =
    "# Written by ipt init.  history.csv is only ever added to, so a\n"
    "# union merge keeps both clones' changes; the other files follow\n"
    "# it.  After a merge run `ipt check --fix': it repairs the records\n"
    "# from the history and lists any conflict for you to decide.\n"
    "*.csv merge=union\n"
    "notes/*.md merge=union\n";

const char git_ignore[] =
    "# Written by ipt init: the lock and temporary files of writes.\n"
    ".ipt.lock\n"
    ".*.tmp.*\n"
    "notes/.edit-*\n";

static char	note[256];
static const struct git_practice *practice;
/* The root git_ready() found its repository's top for, and that top. */
static char	*ready_root, *ready_top;

void
git_practice(const struct git_practice *p)
{
	practice = p;
}

void
git_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(note, sizeof(note), fmt, ap);
	va_end(ap);
}

/*
 * The fork, exec and wait of git are run_child()'s.  (Included here, not
 * atop the file, to leave the include block to its own change.)
 */
#include "child.h"

/* Run git with argv in dir, its output discarded; its exit status. */
static int
run_git(const char *dir, char *const argv[])
{
	return run_child(argv, dir, CHILD_QUIET);
}

/* What ipt.ini's [git] says; strings NULL when not set. */
struct conf {
	int	 autocommit, sign;
	int	 later;		/* index_update: 1 later, 0 now, -1 auto */
	char	*repo;		/* real path of the repository allowed */
	char	*key;		/* signing_key */
	char	*allowed;	/* allowed_signers */
	char	*bad;		/* "[git] KEY: why" of a value not understood */
};

/*
 * A yes-or-no key of [git]: 1 for yes, true or 1, 0 for no, false, 0,
 * empty or not set; any other value is 0 and kept in c->bad, so that a
 * practice that meant to sign or commit is told, not quietly left
 * unsigned.
 */
static int
flag(struct conf *c, const struct ini *ini, const char *key)
{
	const char *v = ini_get(ini, "git", key);

	if (v == NULL || *v == '\0' || strcmp(v, "no") == 0 ||
	    strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
		return 0;
	if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 ||
	    strcmp(v, "1") == 0)
		return 1;
	if (c->bad == NULL)
		c->bad = xasprintf("[git] %s: \"%s\" is not yes or no", key,
		    v);
	return 0;
}

/*
 * root's settings: whether they ask for autocommit and signing, the top
 * of the repository they allow commits in ([git] repository, relative to
 * root; by default root itself) as a real path, NULL if it does not
 * exist, and the signing key.  Returns whether autocommit is asked for.
 */
static int
conf_load(const char *root, struct conf *c)
{
	struct ini ini;
	const char *v;
	char *path = path_join(root, practice != NULL ? practice->config :
	    "ipt.ini"), *top;

	memset(c, 0, sizeof(*c));
	if (ini_load(&ini, path) == 0) {
		c->autocommit = flag(c, &ini, "autocommit");
		c->sign = flag(c, &ini, "sign");
		v = ini_get(&ini, "git", "index_update");
		c->later = v != NULL && strcmp(v, "later") == 0 ? 1 :
		    v != NULL && strcmp(v, "now") == 0 ? 0 : -1;
		if (v != NULL && *v != '\0' && strcmp(v, "later") != 0 &&
		    strcmp(v, "now") != 0 && strcmp(v, "auto") != 0 &&
		    c->bad == NULL)
			c->bad = xasprintf("[git] index_update: \"%s\" is not "
			    "now, later or auto", v);
		if ((v = ini_get(&ini, "git", "signing_key")) != NULL &&
		    *v != '\0')
			c->key = *v == '/' || strncmp(v, "key::", 5) == 0 ?
			    xstrdup(v) :
			    path_join(root, v);
		if ((v = ini_get(&ini, "git", "allowed_signers")) != NULL &&
		    *v != '\0')
			c->allowed = *v == '/' ? xstrdup(v) : path_join(root, v);
		v = ini_get(&ini, "git", "repository");
		top = v == NULL || *v == '\0' ? xstrdup(root) : *v == '/' ?
		    xstrdup(v) : path_join(root, v);
		c->repo = realpath(top, NULL);
		free(top);
		ini_free(&ini);
	}
	free(path);
	return c->autocommit;
}

static void
conf_free(struct conf *c)
{
	free(c->repo);
	free(c->key);
	free(c->allowed);
	free(c->bad);
}

/*
 * The options before git's command that sign a commit when [git] sign
 * asks for it: SSH signing, the key from ipt.ini, else git's own.  They
 * go at the start of args; *keyopt is to be freed.  Returns how many.
 */
static size_t
sign_args(const struct conf *c, const char **args, char **keyopt)
{
	size_t k = 0;

	*keyopt = NULL;
	if (!c->sign)
		return 0;
	args[k++] = "-c";
	args[k++] = "gpg.format=ssh";
	if (c->key != NULL) {
		*keyopt = xasprintf("user.signingkey=%s", c->key);
		args[k++] = "-c";
		args[k++] = *keyopt;
	}
	return k;
}

/*
 * Whether root's settings ask for autocommit; *repo as conf_load()'s;
 * *bad (if bad is not NULL) the value not understood, or NULL.
 */
static int
wanted(const char *root, char **repo, char **bad)
{
	struct conf c;
	int rc = conf_load(root, &c);

	*repo = c.repo;
	c.repo = NULL;
	if (bad != NULL) {
		*bad = c.bad;
		c.bad = NULL;
	}
	conf_free(&c);
	return rc;
}

/* git rev-parse WHAT in dir, as a real path, or NULL. */
static char *
rev_parse(const char *dir, const char *what)
{
	char *argv[] = { (char *)"git", (char *)"rev-parse", (char *)what,
	    NULL }, line[PATH_MAX + 2];

	if (run_child_line(argv, dir, line, sizeof(line)) != 0 ||
	    line[0] == '\0')
		return NULL;
	return realpath(line, NULL);
}

/*
 * The repository gitobj.c opened for the last top found, kept for the
 * commit: NULL when git itself is to be asked.
 */
static struct gitobj *gobj;

/* gobj when its top is top, else the one opened there, or NULL. */
static struct gitobj *
obj_repo(const char *top)
{
	struct gitobj *g;

	if (gobj != NULL && strcmp(gitobj_top(gobj), top) == 0)
		return gobj;
	if (gitobj_open(top, &g) != 0)
		return NULL;
	if (strcmp(gitobj_top(g), top) != 0) {
		gitobj_close(g);
		return NULL;
	}
	gitobj_close(gobj);
	return gobj = g;
}

/*
 * The repository autocommit may commit to from root: the one whose top
 * is root, or is what [git] repository names.  0 with *top set, or -1
 * with why: not a work tree, or someone else's (a practice inside a
 * dotfiles repository in $HOME must not end up in it).
 */
static int
own_repo(const char *root, const char *repo, char **top)
{
	struct gitobj *g;

	/* Found in process when the repository is a plain one. */
	if (gitobj_open(root, &g) == 0) {
		gitobj_close(gobj);
		gobj = g;
		*top = xstrdup(gitobj_top(g));
	} else if ((*top = rev_parse(root, "--show-toplevel")) == NULL)
		return ipt_seterr("%s: not in a git work tree: nothing "
		    "committed (the records are saved)", root);
	if (repo == NULL || strcmp(*top, repo) != 0) {
		ipt_seterr("%s: in the git repository of %s, not the "
		    "practice's own: nothing committed (the records are "
		    "saved); set [git] repository in %s to commit there",
		    root, *top, practice != NULL ? practice->config :
		    "ipt.ini");
		free(*top);
		*top = NULL;
		return -1;
	}
	return 0;
}

int
git_ready(const char *root)
{
	char *argv[] = { (char *)"git", (char *)"var",
	    (char *)"GIT_COMMITTER_IDENT", NULL }, *repo, *top, *bad,
	    line[512];
	int rc = 0;

	if (practice == NULL || root == NULL)
		return 0;
	if (!wanted(root, &repo, &bad) || bad != NULL) {
		/* A setting not understood stops the command before it writes. */
		if (bad != NULL)
			rc = ipt_seterr("%s: %s; nothing changed",
			    practice->config, bad);
		free(bad);
		free(repo);
		return rc;
	}
	/* Not the practice's repository: the commit is skipped, and said. */
	if (own_repo(root, repo, &top) == 0) {
		if ((gobj == NULL || strcmp(gitobj_top(gobj), top) != 0 ||
		    gitobj_ident(gobj, 'C', line, sizeof(line)) != 0) &&
		    run_child_line(argv, root, line, sizeof(line)) != 0)
			rc = ipt_seterr("%s: git has no identity to commit "
			    "with (user.name and user.email): set them with git "
			    "config, or autocommit = \"no\" in %s; nothing "
			    "changed", top, practice->config);
		/* Kept for the commit after the write: one git run less. */
		free(ready_root);
		free(ready_top);
		ready_root = xstrdup(root);
		ready_top = top;
	}
	free(repo);
	return rc;
}

/* Whether the index of the repository at top is locked by another git. */
static int
index_locked(const char *top)
{
	char *gitdir = rev_parse(top, "--absolute-git-dir"), *lock;
	int yes;

	if (gitdir == NULL)
		return 0;
	lock = path_join(gitdir, "index.lock");
	yes = path_exists(lock);
	free(lock);
	free(gitdir);
	return yes;
}

/* The client id of the directory holding a changed file, or "ipt". */
static char *
client_id_of(const char *file)
{
	char *dir = xstrdup(file), *p, *id;

	if ((p = strrchr(dir, '/')) != NULL)
		*p = '\0';
	else
		strcpy(dir, ".");
	id = practice->id(dir);
	free(dir);
	return id != NULL ? id : xstrdup("ipt");
}

/* The directory of a file of a client's records, or NULL. */
static char *
client_dir_of(const char *file)
{
	char *dir = xstrdup(file), *p, *id;

	if ((p = strrchr(dir, '/')) != NULL)
		*p = '\0';
	else
		strcpy(dir, ".");
	if ((id = practice->id(dir)) == NULL) {
		free(dir);
		return NULL;
	}
	free(id);
	return dir;
}

/* {git, words..., "--", paths..., NULL}; the strings are borrowed. */
static char **
git_argv(const char *const *words, size_t nw, char **paths, size_t np)
{
	char **argv = xcalloc(nw + np + 3, sizeof(*argv));
	size_t i, k = 0;

	argv[k++] = (char *)"git";
	for (i = 0; i < nw; i++)
		argv[k++] = (char *)words[i];
	argv[k++] = (char *)"--";
	for (i = 0; i < np; i++)
		argv[k++] = paths[i];
	argv[k] = NULL;
	return argv;
}

/* The first word of each of the first n lines of b, into w[]. */
static size_t
words(const struct buf *b, char w[][72], size_t n)
{
	const char *p = b->s != NULL ? b->s : "";
	size_t i, len;

	for (i = 0; i < n && *p != '\0'; i++) {
		len = strcspn(p, " \t\n");
		if (len == 0 || len >= sizeof(w[0]))
			return i;
		memcpy(w[i], p, len);
		w[i][len] = '\0';
		p += strcspn(p, "\n");
		if (*p == '\n')
			p++;
	}
	return i;
}

/* git with args in root; the first word of its output in w. */
static int
git_word(const char *root, const char *const *args, char w[72])
{
	struct buf out = { 0 };
	char one[1][72];
	int rc;

	rc = git_run(root, &out, args) == 0 && words(&out, one, 1) == 1 ?
	    0 : -1;
	if (rc == 0)
		memcpy(w, one[0], 72);
	buf_free(&out);
	return rc;
}

/*
 * The index of a commit made without it.  Before the commit, autocommit
 * takes the index's lock (index.lock, as git does: created, never
 * opened) so that no other git writes the index or commits from it
 * until the entries of the committed paths agree with HEAD again:
 * without that a git commit would commit their old contents back.  The
 * lock holds "ipt-index PID" and the paths, one a line, for the next ipt
 * to finish the work should that process die.  The entries are brought
 * up to date by git update-index in a second name of the index (a hard
 * link: git writes a new file and renames it over that name, leaving
 * the index as it was), which then replaces the index, and the lock is
 * removed.  That is one read of the whole index (10 MB at 10,000
 * clients): with [git] index_update "later" (or "auto" and an index of
 * more than 2 MB) it is left to a process of its own, and the command
 * returns at once; until it is done, a git command that would write the
 * index says that index.lock exists, and ipt waits for it.
 */
#define INDEX_LATER_BYTES	(2L * 1024 * 1024)

/* The git directory of top when it is top/.git (else NULL: no lock). */
static char *
plain_gitdir(const char *top)
{
	struct stat st;
	char *dir = path_join(top, ".git"), *index = path_join(dir, "index");

	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    stat(index, &st) == -1 || !S_ISREG(st.st_mode)) {
		free(dir);
		dir = NULL;
	}
	free(index);
	return dir;
}

/* Write the lock's text: who holds it and for which paths. */
static int
lock_text(int fd, pid_t pid, char **paths, size_t np)
{
	struct buf b = { 0 };
	size_t i;
	int rc;

	buf_printf(&b, "ipt-index %ld\n", (long)pid);
	for (i = 0; i < np; i++)
		buf_printf(&b, "%s\n", paths[i]);
	rc = ftruncate(fd, 0) == 0 && pwrite(fd, b.s, b.len, 0) ==
	    (ssize_t)b.len ? 0 : -1;
	buf_free(&b);
	return rc;
}

/* Take gitdir's index.lock: 0, or -1 when another holds it (or why). */
static int
index_take(const char *gitdir, char **paths, size_t np)
{
	char *lock = path_join(gitdir, "index.lock");
	int fd, e;

	if ((fd = open(lock, O_WRONLY | O_CREAT | O_EXCL, 0666)) == -1) {
		e = errno;
		free(lock);
		errno = e;
		return -1;
	}
	if (lock_text(fd, getpid(), paths, np) == -1) {
		close(fd);
		unlink(lock);
		free(lock);
		return -1;
	}
	close(fd);
	free(lock);
	return 0;
}

/* Remove our index.lock, the index left as it is. */
static void
index_release(const char *gitdir)
{
	char *lock = path_join(gitdir, "index.lock");

	unlink(lock);
	free(lock);
}

/*
 * The index entries of paths (relative to top) as the files are: those
 * there updated (git update-index), those no more taken out, a whole
 * directory's entries with it (git rm -r --cached).  0, or -1.
 */
static int
index_update(const char *top, char **paths, size_t np)
{
	const char **up = xcalloc(np + 6, sizeof(*up));
	const char **rm = xcalloc(np + 8, sizeof(*rm));
	size_t i, ku = 0, kr = 0;
	char *file;
	int rc = 0;

	up[ku++] = "update-index";
	up[ku++] = "--add";
	up[ku++] = "--remove";
	up[ku++] = "--";
	rm[kr++] = "rm";
	rm[kr++] = "-r";
	rm[kr++] = "-q";
	rm[kr++] = "--cached";
	rm[kr++] = "--ignore-unmatch";
	rm[kr++] = "--";
	for (i = 0; i < np; i++) {
		file = path_join(top, paths[i]);
		if (path_exists(file))
			up[ku++] = paths[i];
		else
			rm[kr++] = paths[i];
		free(file);
	}
	if ((ku > 4 && git_run(top, NULL, up) != 0) ||
	    (kr > 6 && git_run(top, NULL, rm) != 0))
		rc = -1;
	free(up);
	free(rm);
	return rc;
}

/*
 * Under our lock: the index entries of paths (relative to top) brought
 * up to date, the lock removed.  0, or -1 with the lock kept (the next
 * ipt finishes).
 */
static int
index_catch_up(const char *top, const char *gitdir, char **paths, size_t np)
{
	const char *v = getenv("GIT_INDEX_FILE");
	char *was = v != NULL ? xstrdup(v) : NULL;
	char *index = path_join(gitdir, "index");
	char *tmp = xasprintf("%s/ipt-index.%ld", gitdir, (long)getpid());
	int rc = -1;

	unlink(tmp);
	if (link(index, tmp) == 0 && setenv("GIT_INDEX_FILE", tmp, 1) == 0) {
		if (index_update(top, paths, np) == 0 &&
		    rename(tmp, index) == 0) {
			index_release(gitdir);
			rc = 0;
		}
		if (was != NULL)
			setenv("GIT_INDEX_FILE", was, 1);
		else
			unsetenv("GIT_INDEX_FILE");
	}
	/* Still there when git wrote nothing (the same file as index). */
	unlink(tmp);
	free(tmp);
	free(index);
	free(was);
	return rc;
}

/*
 * index_catch_up() in a process of its own, which outlives the command:
 * its pid is in the lock before the command returns, so that the lock
 * is never taken for one whose holder died.  The process between (the
 * one that makes it an orphan) writes it there, then lets it start: the
 * command waits for two forks, not for the work.
 */
static void
index_later(const char *top, const char *gitdir, char **paths, size_t np)
{
	char *lock = path_join(gitdir, "index.lock"), ok = 1;
	pid_t pid, pid2;
	int p[2], q[2], fd, status;
	long i, max;

	fflush(stdout);
	fflush(stderr);
	if (pipe(p) == -1) {
		index_catch_up(top, gitdir, paths, np);
		free(lock);
		return;
	}
	if ((pid = fork()) == -1) {
		close(p[0]);
		close(p[1]);
		index_catch_up(top, gitdir, paths, np);
		free(lock);
		return;
	}
	if (pid == 0) {
		close(p[0]);
		setsid();
		if (pipe(q) == -1 || (pid2 = fork()) == -1)
			_exit(1);
		if (pid2 != 0) {
			/* Its pid in the lock, then the word to go. */
			close(q[0]);
			if ((fd = open(lock, O_WRONLY)) == -1 ||
			    lock_text(fd, pid2, paths, np) == -1 ||
			    close(fd) == -1)
				_exit(1);
			/* Unsaid, the command does it itself. */
			if (write(p[1], &ok, 1) != 1 || write(q[1], &ok, 1) != 1)
				_exit(1);
			_exit(0);
		}
		close(q[1]);
		if (read(q[0], &ok, 1) != 1)
			_exit(1);
		/* Nothing of the command's: no terminal, no lock, no pipe. */
		max = sysconf(_SC_OPEN_MAX);
		for (i = 0; i < (max > 0 && max < 4096 ? max : 4096); i++)
			close((int)i);
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		index_catch_up(top, gitdir, paths, np);
		_exit(0);
	}
	close(p[1]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	/* Not started: done here. */
	if (read(p[0], &ok, 1) != 1)
		index_catch_up(top, gitdir, paths, np);
	close(p[0]);
	free(lock);
}

/*
 * When the index.lock at gitdir is one of ours whose process died:
 * finish its work (one ipt at a time: a POSIX lock on the file).  0
 * done, -1 it stays.
 */
static int
index_recover(const char *top, const char *gitdir)
{
	struct flock fl;
	struct buf b = { 0 };
	char *lock = path_join(gitdir, "index.lock"), **paths = NULL, *p, *nl;
	char chunk[4096];
	ssize_t got;
	size_t np = 0;
	long pid;
	int fd, rc = -1;

	if ((fd = open(lock, O_RDWR)) == -1) {
		free(lock);
		return errno == ENOENT ? 0 : -1;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_SETLK, &fl) == -1)
		goto out;
	while ((got = read(fd, chunk, sizeof(chunk))) > 0)
		buf_add(&b, chunk, (size_t)got);
	if (b.s == NULL || sscanf(b.s, "ipt-index %ld", &pid) != 1 ||
	    pid <= 0 || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
		goto out;
	for (p = strchr(b.s, '\n'); p != NULL && (nl = strchr(p + 1, '\n')) !=
	    NULL; p = nl) {
		*nl = '\0';
		paths = xreallocarray(paths, np + 1, sizeof(*paths));
		paths[np++] = p + 1;
	}
	if (lock_text(fd, getpid(), paths, np) == 0)
		rc = index_catch_up(top, gitdir, paths, np);
out:
	close(fd);
	free(paths);
	buf_free(&b);
	free(lock);
	return rc;
}

/*
 * The commit of just the changed paths, made without reading the index,
 * whose size grows with the practice (10 MB at 10,000 clients): the new
 * tree is HEAD's, with the blobs of the changed files (git hash-object)
 * and new trees for the directories that hold them (git mktree), read
 * from HEAD's own (git cat-file).  Nothing else the user has staged can
 * get into it.  HEAD is moved from the commit read only (git update-ref
 * HEAD NEW OLD): after a commit made meanwhile it is tried again.  The
 * index stays locked from before the commit until its entries of the
 * paths agree with HEAD (see index_take() above).
 */

/* An entry of a tree being built: mode as in a tree object ("40000"). */
struct tent {
	char	*name;
	char	 mode[8];
	char	 oid[72];
};

/* A directory on the way to a changed path: "" is the top. */
struct tdir {
	char		*path;
	size_t		 depth;
	struct tent	*e;
	size_t		 n;
};

struct tset {
	struct tdir	*d;
	size_t		 n;
};

static struct tdir *
tdir_get(struct tset *s, const char *path, size_t len)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strlen(s->d[i].path) == len &&
		    strncmp(s->d[i].path, path, len) == 0)
			return &s->d[i];
	s->d = xreallocarray(s->d, s->n + 1, sizeof(*s->d));
	memset(&s->d[s->n], 0, sizeof(s->d[s->n]));
	s->d[s->n].path = xstrndup(path, len);
	for (i = 0; i < len; i++)
		if (path[i] == '/')
			s->d[s->n].depth++;
	if (len > 0)
		s->d[s->n].depth++;
	return &s->d[s->n++];
}

static void
tset_free(struct tset *s)
{
	size_t i, k;

	for (i = 0; i < s->n; i++) {
		for (k = 0; k < s->d[i].n; k++)
			free(s->d[i].e[k].name);
		free(s->d[i].e);
		free(s->d[i].path);
	}
	free(s->d);
}

static struct tent *
tent_find(struct tdir *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->e[i].name, name) == 0)
			return &d->e[i];
	return NULL;
}

/* Set (oid != NULL) or remove name in d. */
static void
tent_set(struct tdir *d, const char *name, const char *mode, const char *oid)
{
	struct tent *t = tent_find(d, name);

	if (oid == NULL) {
		if (t != NULL) {
			free(t->name);
			*t = d->e[--d->n];
		}
		return;
	}
	if (t == NULL) {
		d->e = xreallocarray(d->e, d->n + 1, sizeof(*d->e));
		t = &d->e[d->n++];
		t->name = xstrdup(name);
	}
	snprintf(t->mode, sizeof(t->mode), "%s", mode);
	snprintf(t->oid, sizeof(t->oid), "%s", oid);
}

/* The entries of a raw tree object of size bytes, oids of hlen bytes. */
static int
tree_parse(struct tdir *d, const unsigned char *p, size_t size, size_t hlen)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *end = p + size, *sp, *nul;
	struct tent *t;
	size_t i;

	while (p < end) {
		if ((sp = memchr(p, ' ', (size_t)(end - p))) == NULL ||
		    (nul = memchr(sp, '\0', (size_t)(end - sp))) == NULL ||
		    (size_t)(end - nul - 1) < hlen || sp - p >= 8)
			return -1;
		d->e = xreallocarray(d->e, d->n + 1, sizeof(*d->e));
		t = &d->e[d->n++];
		memcpy(t->mode, p, (size_t)(sp - p));
		t->mode[sp - p] = '\0';
		t->name = xstrndup((const char *)sp + 1, (size_t)(nul - sp - 1));
		for (i = 0; i < hlen; i++) {
			t->oid[2 * i] = hex[nul[1 + i] >> 4];
			t->oid[2 * i + 1] = hex[nul[1 + i] & 0xf];
		}
		t->oid[2 * hlen] = '\0';
		p = nul + 1 + hlen;
	}
	return 0;
}

/*
 * HEAD's commit (head), its tree (rtree) and the trees of the
 * directories of s from it,
 * by one git cat-file --batch: 0, 1 when HEAD is unborn or a directory
 * is not one in it, -1 when git failed.
 */
static int
read_trees(const char *top, struct tset *s, char head[72], char rtree[72])
{
	char *argv[] = { (char *)"git", (char *)"cat-file", (char *)"--batch",
	    NULL };
	struct buf in = { 0 }, out = { 0 };
	const char *p, *end, *nl;
	char oid[72], type[16];
	unsigned long size;
	size_t i, hlen = 0;
	int rc = 1;

	buf_adds(&in, "HEAD\n");
	for (i = 0; i < s->n; i++)
		if (s->d[i].path[0] == '\0')
			buf_adds(&in, "HEAD^{tree}\n");
		else
			buf_printf(&in, "HEAD:%s\n", s->d[i].path);
	if (run_child_io(argv, top, in.s, in.len, &out) != 0) {
		rc = -1;
		goto out;
	}
	p = out.s != NULL ? out.s : "";
	end = p + out.len;
	for (i = 0; i <= s->n; i++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			goto out;
		if (sscanf(p, "%71s %15s %lu", oid, type, &size) != 3) {
			/* "NAME missing": unborn, or a new directory. */
			if (i == 0 || nl - p < 8 ||
			    strncmp(nl - 8, " missing", 8) != 0)
				goto out;
			p = nl + 1;
			continue;
		}
		p = nl + 1;
		if ((size_t)(end - p) < size + 1)
			goto out;
		if (i == 0) {
			hlen = strlen(oid) / 2;
			if (strcmp(type, "commit") != 0 || size < 46 ||
			    strncmp(p, "tree ", 5) != 0 ||
			    strcspn(p + 5, "\n") != 2 * hlen)
				goto out;
			snprintf(head, 72, "%s", oid);
			snprintf(rtree, 72, "%.*s", (int)(2 * hlen),
			    p + 5);
		} else if (strcmp(type, "tree") != 0 ||
		    (s->d[i - 1].path[0] == '\0' && strcmp(oid, rtree) != 0) ||
		    tree_parse(&s->d[i - 1], (const unsigned char *)p, size,
		    hlen) == -1)
			goto out;	/* not a directory; HEAD moved */
		p += size + 1;
	}
	rc = 0;
out:
	buf_free(&in);
	buf_free(&out);
	return rc;
}

static int
by_depth(const void *a, const void *b)
{
	const struct tdir *x = a, *y = b;

	return x->depth < y->depth ? 1 : x->depth > y->depth ? -1 :
	    strcmp(x->path, y->path);
}

/* The type of an entry of mode m, for git mktree. */
static const char *
mode_type(const char *m)
{
	return strcmp(m, "40000") == 0 ? "tree" : strcmp(m, "160000") == 0 ?
	    "commit" : "blob";
}

/*
 * Write the trees of s, deepest first, by one git mktree --batch, each
 * new tree set in its parent (an empty one taken out).  The new top
 * tree's oid in tree: 0, or 1 when the top would be empty, -1 when git
 * failed.
 */
static int
write_trees(const char *top, struct tset *s, char tree[72])
{
	char *argv[] = { (char *)"git", (char *)"mktree", (char *)"-z",
	    (char *)"--batch", NULL };
	struct child ch;
	struct buf in = { 0 };
	struct tdir *d, *parent;
	const char *slash;
	char oid[72];
	size_t i, k, first;
	int rc = 0;

	qsort(s->d, s->n, sizeof(*s->d), by_depth);
	if (child_open(&ch, argv, top) == -1)
		return -1;
	/* A depth at a time: its trees written, then their oids read. */
	for (first = 0; first < s->n && rc == 0; first = i) {
		buf_reset(&in);
		for (i = first; i < s->n && s->d[i].depth == s->d[first].depth;
		    i++)
			for (d = &s->d[i], k = 0; k <= d->n && d->n > 0; k++)
				if (k == d->n)
					buf_addc(&in, '\0');
				else
					buf_printf(&in, "%s %s %s\t%s%c",
					    d->e[k].mode, mode_type(d->e[k].mode),
					    d->e[k].oid, d->e[k].name, '\0');
		if (in.len > 0 && child_write(&ch, in.s, in.len) == -1) {
			rc = -1;
			break;
		}
		for (k = first; k < i && rc == 0; k++) {
			d = &s->d[k];
			if (d->n > 0 && (child_read_line(&ch, oid,
			    sizeof(oid)) == -1 || oid[0] == '\0')) {
				rc = -1;
				break;
			}
			if (d->depth == 0) {
				if (d->n == 0)
					rc = 1;
				else
					snprintf(tree, 72, "%s", oid);
				break;
			}
			slash = strrchr(d->path, '/');
			/* Found, not added: every parent is in s already. */
			parent = tdir_get(s, d->path, slash != NULL ?
			    (size_t)(slash - d->path) : 0);
			tent_set(parent, slash != NULL ? slash + 1 : d->path,
			    "40000", d->n > 0 ? oid : NULL);
		}
	}
	if (child_close(&ch) != 0 && rc == 0)
		rc = -1;
	buf_free(&in);
	return rc;
}

/* Whether git is in the midst of a merge or the like in gitdir. */
static int
in_progress(const char *gitdir)
{
	static const char *const what[] = { "MERGE_HEAD", "CHERRY_PICK_HEAD",
	    "REVERT_HEAD", "rebase-merge", "rebase-apply", NULL };
	char *p;
	size_t i;
	int yes = 0;

	for (i = 0; what[i] != NULL && !yes; i++) {
		p = path_join(gitdir, what[i]);
		yes = path_exists(p);
		free(p);
	}
	return yes;
}

/*
 * The same work in process, by gitobj.c (no git run), for a repository
 * it handles: read_trees(), the blobs, write_trees(), the commit and
 * the move of HEAD.  -1 from any of them: the caller does it all again
 * with git.
 */

/* The parent of directory path in s ("" for a top one), or NULL. */
static struct tdir *
tdir_parent(struct tset *s, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t len = slash != NULL ? (size_t)(slash - path) : 0, i;

	for (i = 0; i < s->n; i++)
		if (strlen(s->d[i].path) == len &&
		    strncmp(s->d[i].path, path, len) == 0)
			return &s->d[i];
	return NULL;
}

/* read_trees() by gitobj: *ref HEAD's branch (NULL: detached). */
static int
obj_read_trees(struct gitobj *g, struct tset *s, char head[72],
    char rtree[72], char **ref)
{
	unsigned char oid[GITOBJ_RAW], *data;
	char type[8], hex[GITOBJ_HEX];
	struct tdir *d, *parent;
	struct tent *t;
	const char *name;
	size_t len, i, depth, max = 0;
	int r;

	if (gitobj_head(g, ref, oid) != 0)
		return -1;
	gitobj_hex(oid, hex);
	snprintf(head, 72, "%s", hex);
	if (gitobj_read(g, oid, type, &data, &len) != 0)
		return -1;
	r = strcmp(type, "commit") != 0 || len < 46 ||
	    strncmp((char *)data, "tree ", 5) != 0 || data[45] != '\n' ||
	    gitobj_unhex((char *)data + 5, oid) == -1;
	free(data);
	if (r)
		return -1;
	gitobj_hex(oid, rtree);
	for (i = 0; i < s->n; i++)
		if (s->d[i].depth > max)
			max = s->d[i].depth;
	/* A depth at a time: each directory's tree from its parent's. */
	for (depth = 0; depth <= max; depth++)
		for (i = 0; i < s->n; i++) {
			d = &s->d[i];
			if (d->depth != depth)
				continue;
			if (depth == 0)
				gitobj_unhex(rtree, oid);
			else {
				if ((parent = tdir_parent(s, d->path)) == NULL)
					return -1;
				name = strrchr(d->path, '/');
				name = name != NULL ? name + 1 : d->path;
				if ((t = tent_find(parent, name)) == NULL)
					continue;	/* a new directory */
				if (strcmp(t->mode, "40000") != 0)
					return 1;	/* not a directory */
				if (gitobj_unhex(t->oid, oid) == -1)
					return -1;
			}
			if (gitobj_read(g, oid, type, &data, &len) != 0)
				return -1;
			r = strcmp(type, "tree") != 0 ||
			    tree_parse(d, data, len, GITOBJ_RAW) == -1;
			free(data);
			if (r)
				return -1;
		}
	return 0;
}

/* git's order of tree entries: a tree's name as if it ended in '/'. */
static int
tent_cmp(const void *a, const void *b)
{
	const struct tent *x = a, *y = b;
	size_t lx = strlen(x->name), ly = strlen(y->name);
	int c = memcmp(x->name, y->name, lx < ly ? lx : ly);
	unsigned char cx, cy;

	if (c != 0)
		return c;
	cx = lx > ly ? (unsigned char)x->name[ly] :
	    strcmp(x->mode, "40000") == 0 ? '/' : 0;
	cy = ly > lx ? (unsigned char)y->name[lx] :
	    strcmp(y->mode, "40000") == 0 ? '/' : 0;
	return cx < cy ? -1 : cx > cy;
}

/* write_trees() by gitobj. */
static int
obj_write_trees(struct gitobj *g, struct tset *s, char tree[72])
{
	unsigned char oid[GITOBJ_RAW];
	char hex[GITOBJ_HEX] = "";
	struct buf b = { 0 };
	struct tdir *d, *parent;
	const char *slash;
	size_t i, k;
	int rc = -1;

	qsort(s->d, s->n, sizeof(*s->d), by_depth);
	for (i = 0; i < s->n; i++) {
		d = &s->d[i];
		if (d->n > 0) {
			qsort(d->e, d->n, sizeof(*d->e), tent_cmp);
			buf_reset(&b);
			for (k = 0; k < d->n; k++) {
				if (k > 0 && strcmp(d->e[k].name,
				    d->e[k - 1].name) == 0)
					goto out;
				buf_printf(&b, "%s %s", d->e[k].mode,
				    d->e[k].name);
				buf_addc(&b, '\0');
				if (gitobj_unhex(d->e[k].oid, oid) == -1)
					goto out;
				buf_add(&b, (const char *)oid, GITOBJ_RAW);
			}
			if (gitobj_write(g, "tree", b.s, b.len, oid) == -1)
				goto out;
			gitobj_hex(oid, hex);
		}
		if (d->depth == 0) {
			if (d->n == 0)
				rc = 1;
			else {
				snprintf(tree, 72, "%s", hex);
				rc = 0;
			}
			break;
		}
		slash = strrchr(d->path, '/');
		parent = tdir_get(s, d->path, slash != NULL ?
		    (size_t)(slash - d->path) : 0);
		tent_set(parent, slash != NULL ? slash + 1 : d->path, "40000",
		    d->n > 0 ? hex : NULL);
	}
out:
	buf_free(&b);
	return rc;
}

/* The blob of file, written: its oid in hex, 0, or -1. */
static int
obj_blob(struct gitobj *g, const char *file, char oid[72])
{
	unsigned char raw[GITOBJ_RAW];
	char hex[GITOBJ_HEX];
	struct buf b = { 0 };
	char chunk[65536];
	ssize_t got;
	int fd, rc = -1;

	if ((fd = open(file, O_RDONLY)) == -1)
		return -1;
	while ((got = read(fd, chunk, sizeof(chunk))) > 0)
		buf_add(&b, chunk, (size_t)got);
	if (got == 0 && gitobj_write(g, "blob", b.s != NULL ? b.s : "",
	    b.len, raw) == 0) {
		gitobj_hex(raw, hex);
		snprintf(oid, 72, "%s", hex);
		rc = 0;
	}
	close(fd);
	buf_free(&b);
	return rc;
}

/*
 * The commit of tree on head with msg, as git commit-tree writes it,
 * and HEAD (ref, or detached) moved to it: 0, 2 HEAD moved meanwhile,
 * -1 (git's to do: an identity or a message not plain, or failed).
 */
static int
obj_commit(struct gitobj *g, const char *ref, const char *head,
    const char *tree, const char *msg)
{
	unsigned char oid[GITOBJ_RAW], old[GITOBJ_RAW];
	char author[512], committer[512], *reflog;
	struct buf b = { 0 };
	const char *p;
	int rc;

	/* A message git would re-encode (not ASCII): git's. */
	for (p = msg; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80)
			return -1;
	if (*msg == '\0' || gitobj_ident(g, 'A', author, sizeof(author)) != 0 ||
	    gitobj_ident(g, 'C', committer, sizeof(committer)) != 0 ||
	    gitobj_unhex(head, old) == -1)
		return -1;
	buf_printf(&b, "tree %s\nparent %s\nauthor %s\ncommitter %s\n\n%s",
	    tree, head, author, committer, msg);
	if (b.s[b.len - 1] != '\n')
		buf_addc(&b, '\n');
	rc = gitobj_write(g, "commit", b.s, b.len, oid);
	buf_free(&b);
	if (rc == -1)
		return -1;
	reflog = xasprintf("commit: %s", msg);
	rc = gitobj_update_ref(g, ref, oid, old, committer, reflog);
	free(reflog);
	return rc;
}

/*
 * Commit paths (relative to top) on HEAD with msg, as above, the index
 * under our lock when gitdir is given: 0 done (or nothing to commit), 1
 * not possible this way (HEAD unborn, a path that is not a plain file:
 * the caller commits with git commit), 2 HEAD moved meanwhile (try
 * again), 3 committed but the index not brought up to date (its lock
 * kept), 4 the index locked by another, 5 a merge or the like under
 * way (nothing done), -1 git failed.  With g, gitobj.c does git's part
 * (-1 also when it finds something unusual: git is asked then).
 */
static int
fast_commit(const char *root, const char *top, const char *gitdir,
    const char *msg, char **paths, size_t np, struct gitobj *g)
{
	char *hargv[] = { (char *)"git", (char *)"hash-object", (char *)"-w",
	    (char *)"--stdin-paths", NULL };
	const char **args;
	struct tset s = { NULL, 0 };
	struct buf in = { 0 }, out = { 0 };
	struct stat st;
	struct conf c;
	struct tent *t;
	struct tdir *d;
	const char *p, *slash, *mode;
	char head[72], rtree[72], tree[72], commit[72], oid[72];
	char *keyopt = NULL;
	char *reflog = NULL, *file, *ref = NULL;
	size_t i, k, len;
	int rc = 1, r, locked = 0, later;

	conf_load(root, &c);
	/* A signed commit is git commit-tree -S's. */
	if (c.sign)
		g = NULL;
	args = xcalloc(np + 16, sizeof(*args));
	/*
	 * A merge, cherry-pick, revert or rebase under way: nothing
	 * committed, nor staged (git merge --abort would undo it).
	 */
	if (gitdir != NULL && in_progress(gitdir)) {
		rc = 5;
		goto out;
	}
	/* Every directory on the way to each path, the top included. */
	for (i = 0; i < np; i++) {
		if (paths[i][0] == '/' || paths[i][0] == '\0' ||
		    strchr(paths[i], '\n') != NULL)
			goto out;
		for (p = paths[i]; (slash = strchr(p, '/')) != NULL;
		    p = slash + 1)
			tdir_get(&s, paths[i], (size_t)(slash - paths[i]));
		tdir_get(&s, "", 0);
	}
	/* Files git would filter (text, eol, filter attributes): git's. */
	for (i = 0; g != NULL && i < s.n; i++)
		if (!gitobj_attr_plain(g, s.d[i].path)) {
			rc = -1;
			goto out;
		}
	if ((r = g != NULL ? obj_read_trees(g, &s, head, rtree, &ref) :
	    read_trees(top, &s, head, rtree)) != 0) {
		rc = r;
		goto out;
	}
	/* The blobs of the files that are there; the others removed. */
	for (i = 0; i < np; i++) {
		file = path_join(top, paths[i]);
		r = lstat(file, &st);
		free(file);
		if (r == 0 && !S_ISREG(st.st_mode))
			goto out;
		if (r == -1 && errno != ENOENT)
			goto out;
		if (r == 0)
			buf_printf(&in, "%s\n", paths[i]);
	}
	/*
	 * The index locked, or else (a git directory that is not top/.git)
	 * its entries of the paths updated first: either way it never
	 * stages a reversal of the commit.
	 */
	if (gitdir != NULL) {
		if (index_take(gitdir, paths, np) == -1) {
			rc = errno == EEXIST ? 4 : -1;
			goto out;
		}
		locked = 1;
	} else if (index_update(top, paths, np) == -1) {
		rc = -1;
		goto out;
	}
	if (g == NULL && in.len > 0 &&
	    run_child_io(hargv, top, in.s, in.len, &out) != 0) {
		rc = -1;
		goto out;
	}
	for (i = 0, p = out.s != NULL ? out.s : ""; i < np; i++) {
		slash = strrchr(paths[i], '/');
		d = tdir_get(&s, paths[i], slash != NULL ?
		    (size_t)(slash - paths[i]) : 0);
		file = path_join(top, paths[i]);
		r = lstat(file, &st);
		free(file);
		if (r == -1) {
			tent_set(d, slash != NULL ? slash + 1 : paths[i], NULL,
			    NULL);
			continue;
		}
		if (g != NULL) {
			file = path_join(top, paths[i]);
			r = obj_blob(g, file, oid);
			free(file);
			if (r == -1) {
				rc = -1;
				goto out;
			}
		} else {
			if ((len = strcspn(p, "\n")) == 0 ||
			    len >= sizeof(oid) || p[len] != '\n') {
				rc = -1;
				goto out;
			}
			snprintf(oid, sizeof(oid), "%.*s", (int)len, p);
			p += len + 1;
		}
		mode = st.st_mode & S_IXUSR ? "100755" : "100644";
		t = tent_find(d, slash != NULL ? slash + 1 : paths[i]);
		/*
		 * Another kind of entry, or core.fileMode: git commit's; so is
		 * a new file that is executable (ipt makes none), whose mode
		 * depends on core.fileMode.
		 */
		if ((t != NULL && strcmp(t->mode, mode) != 0) ||
		    (t == NULL && mode[3] == '7'))
			goto out;
		tent_set(d, slash != NULL ? slash + 1 : paths[i], mode, oid);
	}
	if ((r = g != NULL ? obj_write_trees(g, &s, tree) :
	    write_trees(top, &s, tree)) != 0) {
		rc = r;
		goto out;
	}
	/* HEAD's tree again: the files are as committed. */
	rc = 0;
	if (strcmp(tree, rtree) == 0)
		goto out;
	if (g != NULL) {
		if ((rc = obj_commit(g, ref, head, tree, msg)) != 0)
			goto out;
		goto moved;
	}
	k = sign_args(&c, args, &keyopt);
	args[k++] = "commit-tree";
	if (c.sign)
		args[k++] = "-S";
	args[k++] = "-p";
	args[k++] = head;
	args[k++] = "-m";
	args[k++] = msg;
	args[k++] = tree;
	args[k] = NULL;
	if (git_word(top, args, commit) == -1) {
		rc = -1;
		goto out;
	}
	reflog = xasprintf("commit: %s", msg);
	k = 0;
	args[k++] = "update-ref";
	args[k++] = "-m";
	args[k++] = reflog;
	args[k++] = "HEAD";
	args[k++] = commit;
	args[k++] = head;
	args[k] = NULL;
	/* Refused when HEAD is no longer the commit read: again. */
	if (git_run(top, NULL, args) != 0) {
		rc = 2;
		goto out;
	}
moved:
	rc = 0;
	if (locked) {
		locked = 0;
		later = c.later;
		if (later == -1) {
			file = path_join(gitdir, "index");
			later = stat(file, &st) == 0 &&
			    st.st_size > INDEX_LATER_BYTES;
			free(file);
		}
		if (later)
			index_later(top, gitdir, paths, np);
		else if (index_catch_up(top, gitdir, paths, np) == -1)
			rc = 3;
	}
out:
	if (locked)
		index_release(gitdir);
	free(ref);
	free(reflog);
	free(keyopt);
	free(args);
	buf_free(&in);
	buf_free(&out);
	tset_free(&s);
	conf_free(&c);
	return rc;
}

/*
 * The real path of file, or of its directory and its name when it is no
 * more (removed): NULL if neither.
 */
static char *
abs_path(const char *file)
{
	char *abs, *dir, *slash, *p;

	if ((abs = realpath(file, NULL)) != NULL || errno != ENOENT)
		return abs;
	dir = xstrdup(file);
	if ((slash = strrchr(dir, '/')) == NULL)
		p = realpath(".", NULL);
	else if (slash == dir)
		p = realpath("/", NULL);
	else {
		*slash = '\0';
		p = realpath(dir, NULL);
	}
	if (p != NULL) {
		abs = xasprintf("%s/%s", strcmp(p, "/") == 0 ? "" : p,
		    slash != NULL ? slash + 1 : file);
		free(p);
	}
	free(dir);
	return abs;
}

static int	index_busy(const char *, const char *);

/*
 * Commit tpaths (relative to top) with msg, fast_commit()'s way, else
 * git commit's with paths (relative to root: those that are there);
 * another git's lock or commit waited for.  0, or -1 with why.
 */
static int
commit_paths(const char *root, const char *top, const char *msg,
    char **tpaths, size_t ntp, char **paths, size_t np)
{
	const char *add[1] = { "add" };
	struct gitobj *g;
	char **argv_add, *gitdir;
	struct timespec ts;
	int rc = 0, tries, fast, unlocked = 0, waits = 0;

	argv_add = git_argv(add, 1, paths, np);
	gitdir = plain_gitdir(top);
	g = obj_repo(top);
	for (tries = 0;; tries++) {
		fast = fast_commit(root, top, gitdir, msg, tpaths, ntp, g);
		/* Something gitobj.c does not handle: git's way from now. */
		if (fast == -1 && g != NULL) {
			g = NULL;
			fast = fast_commit(root, top, gitdir, msg, tpaths, ntp,
			    NULL);
		}
		if (fast == 0)
			break;
		if (fast == 3) {
			rc = ipt_seterr("%s: committed, but git could not "
			    "bring the index up to date: %s/index.lock is kept "
			    "so that nothing is committed from it; the next ipt "
			    "command tries again", root, gitdir);
			break;
		}
		if (fast == 5) {
			rc = ipt_seterr("%s: git is in the midst of a merge, "
			    "cherry-pick, revert or rebase: nothing committed "
			    "nor staged (the records are saved); commit them "
			    "once it is done", root);
			break;
		}
		if (fast == 1 && np > 0 && run_git(root, argv_add) == 0 &&
		    git_commit(root, msg, paths, np, NULL) == 0)
			break;
		/*
		 * Another ipt's commit (HEAD moved) or lock (its commit, or
		 * its index update under way) ends soon: wait for it, up to
		 * 20 s, without counting the tries.
		 */
		if ((fast == 2 || (fast == 4 && index_busy(top, gitdir))) &&
		    waits++ < 400) {
			tries--;
			ts.tv_sec = 0;
			ts.tv_nsec = fast == 2 ? 10000000L : 50000000L;
			nanosleep(&ts, NULL);
			continue;
		}
		/*
		 * Only another git's index.lock is worth waiting for; once
		 * more when the lock is gone, as it may have gone just after
		 * git failed on it.
		 */
		if (fast != 4 && fast != 2 && !index_locked(top))
			unlocked++;
		if (tries == 9 || unlocked == 2) {
			rc = ipt_seterr("%s: git could not commit the change "
			    "(%s); the records are saved: commit them by hand",
			    root, tries != 9 ? "git commit failed" : fast == 2 ?
			    "the branch stayed locked or kept moving: a "
			    "refs/heads/*.lock left in the git directory by a "
			    "git that died?" : "the index stayed locked");
			break;
		}
		/* Another git may hold index.lock: wait and try again. */
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(tries + 1) * 50000000L;
		nanosleep(&ts, NULL);
	}
	free(argv_add);
	free(gitdir);
	return rc;
}

int
git_autocommit(const char *action)
{
	const char *const *files;
	char **paths = NULL, **tpaths = NULL;
	char *root = NULL, *msg = NULL, *id, *abs, *dir, *repo = NULL;
	char *top = NULL;
	const char *first = NULL;
	size_t n, i, np = 0, ntp = 0, len, tlen;
	int rc = 0;

	files = atomic_changed(&n);
	if (n == 0 || practice == NULL)
		return 0;
	/*
	 * Only the records of clients: what else a command writes (an
	 * export's --output, even inside the practice) is not committed.
	 */
	for (i = 0; i < n && first == NULL; i++)
		if ((dir = client_dir_of(files[i])) != NULL) {
			root = practice->root(dir);
			first = files[i];
			free(dir);
		}
	if (root == NULL || !wanted(root, &repo, NULL))
		goto out;
	if (ready_root != NULL && strcmp(ready_root, root) == 0 &&
	    repo != NULL && strcmp(ready_top, repo) == 0)
		top = xstrdup(ready_top);
	else if (own_repo(root, repo, &top) == -1) {
		rc = -1;
		goto out;
	}
	id = client_id_of(first);
	msg = xasprintf("%s: %s", id, *note != '\0' ? note : action);
	free(id);
	/*
	 * Paths relative to the practice root, where git commit runs, and
	 * to the top of the repository, for the trees.
	 */
	paths = xcalloc(n, sizeof(*paths));
	tpaths = xcalloc(n, sizeof(*tpaths));
	len = strlen(root);
	tlen = strlen(top);
	for (i = 0; i < n; i++) {
		if ((dir = client_dir_of(files[i])) == NULL)
			continue;
		free(dir);
		if ((abs = abs_path(files[i])) == NULL)
			continue;
		tpaths[ntp++] = strncmp(abs, top, tlen) == 0 &&
		    abs[tlen] == '/' ? xstrdup(abs + tlen + 1) : xstrdup(abs);
		/* git commit's paths: those that are there. */
		if (path_exists(abs))
			paths[np++] = strncmp(abs, root, len) == 0 &&
			    abs[len] == '/' ? xstrdup(abs + len + 1) :
			    xstrdup(abs);
		free(abs);
	}
	rc = commit_paths(root, top, msg, tpaths, ntp, paths, np);
out:
	for (i = 0; i < np; i++)
		free(paths[i]);
	for (i = 0; i < ntp; i++)
		free(tpaths[i]);
	free(paths);
	free(tpaths);
	free(msg);
	free(root);
	free(repo);
	free(top);
	return rc;
}

int
git_commit_removed(const char *root, const char *path, const char *msg)
{
	const char *has[] = { "cat-file", "-e", NULL, NULL };
	char *repo = NULL, *top = NULL, *tp[1], *obj;
	int rc;

	if (!wanted(root, &repo, NULL)) {
		free(repo);
		return 0;
	}
	rc = own_repo(root, repo, &top);
	free(repo);
	if (rc == -1)
		return -1;
	/* Never committed: nothing to take out. */
	obj = xasprintf("HEAD:%s", path);
	has[2] = obj;
	if (git_run(top, NULL, has) != 0)
		rc = 0;
	else {
		tp[0] = (char *)path;
		rc = commit_paths(root, top, msg, tp, 1, NULL, 0) == 0 ? 1 : -1;
	}
	free(obj);
	free(top);
	return rc;
}

int
git_run(const char *dir, struct buf *out, const char *const *args)
{
	char **argv;
	size_t n, i;
	int rc;

	for (n = 0; args[n] != NULL; n++)
		;
	argv = xcalloc(n + 2, sizeof(*argv));
	argv[0] = (char *)"git";
	for (i = 0; i < n; i++)
		argv[i + 1] = (char *)args[i];
	if (out != NULL)
		rc = run_child_out(argv, dir, out);
	else
		rc = run_child(argv, dir, CHILD_QUIET);
	free(argv);
	return rc;
}

/*
 * Whether the index.lock at gitdir is one of ipt's whose process lives;
 * when its process died, its work is finished here first.
 */
static int
index_busy(const char *top, const char *gitdir)
{
	char *lock = path_join(gitdir, "index.lock"), line[64];
	FILE *fp;
	long pid;
	int busy = 0;

	if ((fp = fopen(lock, "r")) != NULL) {
		if (fgets(line, sizeof(line), fp) != NULL &&
		    sscanf(line, "ipt-index %ld", &pid) == 1 && pid > 0)
			busy = kill((pid_t)pid, 0) == 0 || errno != ESRCH ||
			    index_recover(top, gitdir) == -1;
		fclose(fp);
	}
	free(lock);
	return busy;
}

int
git_own(const char *root, char **top)
{
	struct timespec ts = { 0, 50000000L };
	struct conf c;
	char *gitdir;
	int rc, i;

	conf_load(root, &c);
	rc = own_repo(root, c.repo, top);
	conf_free(&c);
	/* An index an autocommit is still bringing up to date: wait. */
	if (rc == 0 && (gitdir = plain_gitdir(*top)) != NULL) {
		for (i = 0; i < 600 && index_busy(*top, gitdir); i++)
			nanosleep(&ts, NULL);
		free(gitdir);
	}
	return rc;
}

int
git_commit(const char *root, const char *msg, char *const *paths, size_t np,
    struct buf *out)
{
	struct conf c;
	const char **args;
	char *keyopt = NULL;
	size_t i, k = 0;
	int rc;

	conf_load(root, &c);
	args = xcalloc(np + 12, sizeof(*args));
	k = sign_args(&c, args, &keyopt);
	args[k++] = "commit";
	args[k++] = "-q";
	if (c.sign)
		args[k++] = "-S";
	args[k++] = "-m";
	args[k++] = msg;
	if (np > 0) {
		args[k++] = "--";
		for (i = 0; i < np; i++)
			args[k++] = paths[i];
	}
	args[k] = NULL;
	rc = git_run(root, out, args);
	free(args);
	free(keyopt);
	conf_free(&c);
	return rc;
}

/* What %G? of git log says of a commit that is not signed as it must be. */
static const char *
sig_problem(char g)
{
	switch (g) {
	case 'G':
		return NULL;
	case 'N':
		return "not signed";
	case 'U':
		return "signed by a key that is not an allowed signer";
	case 'B':
		return "its signature is bad (the commit was changed after "
		    "it was signed)";
	case 'X':
	case 'Y':
		return "signed by an expired key";
	case 'R':
		return "signed by a revoked key";
	default:
		return "its signature cannot be checked";
	}
}

/* git_verify_signatures() of the commits of range (NULL: all). */
static long
verify(const char *root, const char *range, struct buf *bad)
{
	const char *args[] = { "-c", NULL, "log", "--full-history",
	    "--format=%H %G? %s", "--", ":(glob)**/client.ini",
	    ":(glob)**/*.csv", ":(glob)**/notes/*.md", NULL, NULL };
	struct buf out = { 0 };
	struct conf c;
	const char *p, *nl, *why;
	char *top = NULL, *allowed, *opt = NULL, line[PATH_MAX + 2];
	char *gv[] = { (char *)"git", (char *)"config",
	    (char *)"gpg.ssh.allowedSignersFile", NULL };
	long n = -1;
	size_t len;

	conf_load(root, &c);
	if (own_repo(root, c.repo, &top) == -1)
		goto out;
	allowed = c.allowed;
	if (allowed == NULL && run_child_line(gv, root, line,
	    sizeof(line)) == 0 && line[0] != '\0')
		allowed = line;
	if (allowed == NULL || !path_exists(allowed)) {
		ipt_seterr("%s: no allowed signers file to check the "
		    "signatures with%s%s: name one with [git] allowed_signers "
		    "in %s, or git's gpg.ssh.allowedSignersFile", root,
		    allowed != NULL ? ": no " : "", allowed != NULL ? allowed :
		    "", practice != NULL ? practice->config : "ipt.ini");
		goto out;
	}
	n = 0;
	/* A repository without a commit has none to check. */
	if (git_run(root, NULL, (const char *[]){ "rev-parse", "-q",
	    "--verify", "HEAD", NULL }) != 0)
		goto out;
	opt = xasprintf("gpg.ssh.allowedSignersFile=%s", allowed);
	args[1] = opt;
	if (range != NULL) {
		/* The range before the paths: "--" moves one place on. */
		memmove(&args[6], &args[5], 5 * sizeof(*args));
		args[5] = range;
	}
	if (git_run(root, &out, args) != 0) {
		n = ipt_seterr("%s: git log failed: %s", root, out.s != NULL ?
		    out.s : "");
		goto out;
	}
	/* "HASH G subject"; git's own messages (stderr) are not such. */
	for (p = out.s != NULL ? out.s : ""; (nl = strchr(p, '\n')) != NULL;
	    p = nl + 1) {
		len = (size_t)(nl - p);
		if (len < 43 || strspn(p, "0123456789abcdef") != 40 ||
		    p[40] != ' ' || p[42] != ' ')
			continue;
		if ((why = sig_problem(p[41])) == NULL)
			continue;
		buf_printf(bad, "%.40s %s: %.*s\n", p, why, (int)(len - 43),
		    p + 43);
		n++;
	}
out:
	buf_free(&out);
	free(opt);
	free(top);
	conf_free(&c);
	return n;
}

long
git_verify_signatures(const char *root, struct buf *bad)
{
	return verify(root, NULL, bad);
}

long
git_verify_incoming(const char *root, const char *upstream, struct buf *bad)
{
	struct conf c;
	char *range;
	long n;

	conf_load(root, &c);
	n = c.sign;
	conf_free(&c);
	if (n == 0)
		return 0;
	range = xasprintf("HEAD..%s", upstream);
	n = verify(root, range, bad);
	free(range);
	return n;
}
