/*
 * atomic.c: locking and atomic replacement of the files of a directory.
 *
 * The protocol, for every write command:
 *
 *  1. open DIR/.ipt.lock (created once, never renamed or removed) and take
 *     a POSIX write lock on it, waiting for any other writer.  The lock
 *     belongs to the process and dies with it, so a crash leaves no stale
 *     lock.  The lock file is opened by dir_lock() and closed only by
 *     dir_unlock(); as closing any descriptor of it drops the lock, a
 *     process never locks one directory twice at once.
 *  2. remove temporary files a killed writer left behind: under the lock
 *     no other writer can be using one.
 *  3. read the files, change them in memory, and for each file to change:
 *     write DIR/.NAME.tmp.XXXXXX (with the owner and mode of the file it
 *     replaces, or 0600), fflush, fsync, close, read it back if the
 *     caller asks, rename it over DIR/NAME, fsync DIR.
 *  4. unlock.
 *
 * Crash argument: before the rename the old file is untouched and the
 * temporary file is garbage that step 2 removes; rename(2) replaces the
 * name atomically, so after it the new file is complete (it was fsync'ed
 * first); the directory fsync makes the rename itself durable.  A reader
 * takes no lock and always sees one whole version.  A command that
 * changes two files orders them so that any prefix of its renames leaves
 * a state `ipt check' accepts or repairs: lib/txn.c writes them in that
 * order and says, when it fails part way, which files it saved.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "util.h"

/*
 * Test-only fault injection.  IPT_TEST_FAULT=POINT[:N[:kill]] makes the
 * N-th (default first) arrival at POINT fail with ENOSPC, or with `kill'
 * end the process with SIGKILL there.  POINTs: write, fsync, close, rename,
 * dirsync.  The variable has no effect unless set, and nothing sets it but
 * the test suite.
 */
int
fault_point(const char *what)
{
	static int hits;
	const char *env = getenv("IPT_TEST_FAULT");
	size_t n;
	long want = 1;
	const char *rest;

	if (env == NULL || *env == '\0')
		return 0;
	n = strlen(what);
	if (strncmp(env, what, n) != 0 || (env[n] != '\0' && env[n] != ':'))
		return 0;
	rest = env + n;
	if (*rest == ':') {
		want = strtol(rest + 1, NULL, 10);
		rest = strchr(rest + 1, ':');
	} else
		rest = NULL;
	if (++hits != want)
		return 0;
	if (rest != NULL && strcmp(rest, ":kill") == 0)
		raise(SIGKILL);
	errno = ENOSPC;
	return -1;
}

/*
 * Test-only switches of the same variable: IPT_TEST_FAULT=seal makes ipt
 * check say on standard error which histories it verified by their seal
 * (seal.h), IPT_TEST_FAULT=noseal makes it read every history as if it
 * had no seal.
 */
int
test_switch(const char *what)
{
	const char *env = getenv("IPT_TEST_FAULT");

	return env != NULL && strcmp(env, what) == 0;
}

/* Whether an atomic_replace() renamed its file into place: see atomic.h. */
static int	 renamed;

int
atomic_renamed(void)
{
	int r = renamed;

	renamed = 0;
	return r;
}

/* The files this process replaced, for git autocommit (git.h). */
static char	**changed;
static size_t	  nchanged;

static void
note_changed(const char *path)
{
	size_t i;

	for (i = 0; i < nchanged; i++)
		if (strcmp(changed[i], path) == 0)
			return;
	changed = xreallocarray(changed, nchanged + 1, sizeof(*changed));
	changed[nchanged++] = xstrdup(path);
}

const char *const *
atomic_changed(size_t *n)
{
	*n = nchanged;
	return (const char *const *)changed;
}

void
atomic_changed_clear(void)
{
	size_t i;

	for (i = 0; i < nchanged; i++)
		free(changed[i]);
	free(changed);
	changed = NULL;
	nchanged = 0;
}

void
atomic_changed_forget(const char *dir)
{
	size_t i, k, len = strlen(dir);

	for (i = k = 0; i < nchanged; i++)
		if (strncmp(changed[i], dir, len) == 0 &&
		    changed[i][len] == '/')
			free(changed[i]);
		else
			changed[k++] = changed[i];
	nchanged = k;
}

static int
is_stale_temp(const char *name)
{
	const char *t;

	return name[0] == '.' && (t = strstr(name, ".tmp.")) != NULL &&
	    strlen(t) == 11;
}

/* Remove the temporary files killed writers left in a directory. */
static void
remove_temps(const char *dir, int follow)
{
	struct dirent *de;
	DIR *d;
	int fd;

	/* notes/ is not followed if a link: its target is not ours. */
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
	    (follow ? 0 : O_NOFOLLOW))) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (is_stale_temp(de->d_name)) {
			char *p = path_join(dir, de->d_name);

			unlink(p);
			free(p);
		}
	closedir(d);
}

/*
 * atomic_replace() never replaces a symbolic link, but a command that
 * writes two files would then stop half done.  So a writer refuses,
 * before it changes anything, a directory in which a file of the kinds
 * ipt writes (NAME.csv, NAME.ini, notes/) is a link.  Readers follow
 * links as usual.
 */
static int
refuse_links(const char *dir)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	int rc = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;	/* the writes that follow will say why */
	while (rc == 0 && (de = readdir(d)) != NULL) {
		const char *n = de->d_name;
		size_t len = strlen(n);
		char *p;

		if (strcmp(n, "notes") != 0 && (len < 5 ||
		    (strcmp(n + len - 4, ".csv") != 0 &&
		    strcmp(n + len - 4, ".ini") != 0)))
			continue;
		p = path_join(dir, n);
		if (lstat(p, &st) == 0 && S_ISLNK(st.st_mode))
			rc = ipt_seterr("%s: a symbolic link; ipt writes no "
			    "file through a link (put the file itself here)",
			    p);
		free(p);
	}
	closedir(d);
	return rc;
}

/*
 * What must hold before this process writes anything (atomic.h): run at
 * its first lock, its answer kept for the locks after.
 */
static int	(*before_fn)(void *);
static void	 *before_arg;
static int	  before_ran;
static char	 *before_err;

void
atomic_before_write(int (*fn)(void *), void *arg)
{
	before_fn = fn;
	before_arg = arg;
	before_ran = 0;
	free(before_err);
	before_err = NULL;
}

static int
before_write(void)
{
	if (before_fn == NULL)
		return 0;
	if (!before_ran) {
		before_ran = 1;
		if (before_fn(before_arg) == -1)
			before_err = xstrdup(ipt_error());
	}
	if (before_err != NULL)
		return ipt_seterr("%s", before_err);
	return 0;
}

int
dir_lock(struct dirlock *l, const char *dir)
{
	struct flock fl;
	struct stat st;
	char *path;

	l->fd = -1;
	l->dir = NULL;
	if (before_write() == -1)
		return -1;
	path = path_join(dir, LOCK_NAME);
	l->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK, 0600);
	if (l->fd == -1) {
		if (errno == ELOOP)
			ipt_seterr("%s: a symbolic link: the lock must be a "
			    "file of the directory; remove the link", path);
		else
			ipt_seterrno("%s", path);
		free(path);
		return -1;
	}
	/* A FIFO or a device there locks nothing for sure: refused. */
	if (fstat(l->fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		ipt_seterr("%s: not a regular file: the lock must be one; "
		    "remove it, and the next write makes it", path);
		close(l->fd);
		l->fd = -1;
		free(path);
		return -1;
	}
	/* Made by root: the directory's owner must be able to lock it. */
	if (atomic_give_owner(path, dir) == -1) {
		close(l->fd);
		l->fd = -1;
		free(path);
		return -1;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while (fcntl(l->fd, F_SETLKW, &fl) == -1) {
		if (errno == EINTR)
			continue;
		ipt_seterrno("%s: cannot lock", path);
		close(l->fd);
		l->fd = -1;
		free(path);
		return -1;
	}
	free(path);
	if (refuse_links(dir) == -1) {
		close(l->fd);
		l->fd = -1;
		return -1;
	}
	l->dir = xstrdup(dir);
	remove_temps(dir, 1);
	path = path_join(dir, "notes");
	remove_temps(path, 0);
	free(path);
	path = path_join(dir, "private");
	remove_temps(path, 0);
	free(path);
	return 0;
}

void
dir_unlock(struct dirlock *l)
{
	if (l->fd != -1)
		close(l->fd);
	l->fd = -1;
	free(l->dir);
	l->dir = NULL;
}

static int
sync_dir(const char *dir)
{
	int fd, rc = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	if (fault_point("dirsync") == -1 || fsync(fd) == -1)
		rc = -1;
	close(fd);
	return rc;
}

/*
 * Owner and mode.  A file replaced keeps the owner, group and mode of the
 * file it replaces, so that a write changes what the file says and
 * nothing else: a file shared 0640 with a supervisor's group stays so,
 * and a command run as root does not leave root's records in a
 * therapist's directory.  What cannot be kept is refused before anything
 * is written: a file whose owner took its write permission away (0400:
 * meant not to change), and a file whose owner or group this user cannot
 * give the new one (only root gives files away).  A new file is 0600;
 * made by root, it takes the owner and group of its directory.  A mode
 * looser than 0600 is kept, and `ipt check' reports it.
 */
struct keep {
	mode_t	 mode;
	uid_t	 uid;
	gid_t	 gid;
};

static int
keep_of(const char *dir, const char *path, struct keep *k)
{
	struct stat st;

	k->mode = 0600;
	k->uid = geteuid();
	k->gid = getegid();
	if (lstat(path, &st) == -1) {
		if (errno != ENOENT)
			return ipt_seterrno("%s", path);
		if (geteuid() == 0 && stat(dir, &st) == 0) {
			k->uid = st.st_uid;
			k->gid = st.st_gid;
		}
		return 0;
	}
	if (!S_ISREG(st.st_mode))
		return ipt_seterr("%s: not a regular file (a symbolic link?); "
		    "refusing to write it", path);
	if ((st.st_mode & S_IWUSR) == 0)
		return ipt_seterr("%s: read-only (mode %04o): its owner made it "
		    "so, and ipt does not replace it (chmod u+w it to allow "
		    "changes); nothing changed", path,
		    (unsigned)(st.st_mode & 07777));
	if (st.st_uid != geteuid() && geteuid() != 0)
		return ipt_seterr("%s: owned by user %u, not by this user (%u): "
		    "its replacement could not keep its owner; run ipt as its "
		    "owner; nothing changed", path, (unsigned)st.st_uid,
		    (unsigned)geteuid());
	k->mode = st.st_mode & 0777;
	k->uid = st.st_uid;
	k->gid = st.st_gid;
	return 0;
}

/* Give the temporary file fd what keep_of() found, or refuse. */
static int
give_keep(int fd, const char *path, const struct keep *k)
{
	struct stat st;

	if (fstat(fd, &st) == -1)
		return ipt_seterrno("%s", path);
	if ((st.st_uid != k->uid || st.st_gid != k->gid) &&
	    fchown(fd, k->uid, k->gid) == -1)
		return ipt_seterr("%s: owned by %u:%u, which this user (%u) "
		    "cannot give its replacement: run ipt as its owner, or "
		    "chgrp the file to a group of yours; nothing changed",
		    path, (unsigned)k->uid, (unsigned)k->gid,
		    (unsigned)geteuid());
	if (fchmod(fd, k->mode) == -1)
		return ipt_seterrno("%s", path);
	return 0;
}

int
atomic_give_owner(const char *path, const char *dir)
{
	struct stat st, dst;

	if (geteuid() != 0)
		return 0;
	if (lstat(path, &st) == -1 || stat(dir, &dst) == -1)
		return ipt_seterrno("%s", path);
	if ((st.st_uid != dst.st_uid || st.st_gid != dst.st_gid) &&
	    lchown(path, dst.st_uid, dst.st_gid) == -1)
		return ipt_seterrno("%s", path);
	return 0;
}

int
atomic_remove(const char *dir, const char *name)
{
	char *path = path_join(dir, name);
	int rc = -1;

	if (fault_point("unlink") == -1 || (unlink(path) == -1 &&
	    errno != ENOENT)) {
		ipt_seterrno("%s: unlink", path);
		goto out;
	}
	renamed = 1;
	note_changed(path);
	if (sync_dir(dir) == -1) {
		ipt_seterrno("%s: fsync of the directory", dir);
		goto out;
	}
	rc = 0;
out:
	free(path);
	return rc;
}

int
atomic_replace(const char *dir, const char *name, atomic_fill_fn fill,
    atomic_verify_fn verify, void *arg)
{
	struct keep keep;
	char *path, *tmp, *base;
	FILE *fp = NULL;
	int fd, rc = -1;

	path = path_join(dir, name);
	base = xasprintf(".%s.tmp.XXXXXX", name);
	tmp = path_join(dir, base);
	free(base);
	if (keep_of(dir, path, &keep) == -1)
		goto out;
	if ((fd = mkstemp(tmp)) == -1) {
		ipt_seterrno("%s: cannot create a temporary file", dir);
		goto out;
	}
	if (give_keep(fd, path, &keep) == -1) {
		close(fd);
		goto fail;
	}
	if ((fp = fdopen(fd, "w")) == NULL) {
		ipt_seterrno("%s", tmp);
		close(fd);
		goto fail;
	}
	if (fill(fp, arg) == -1)
		goto fail;
	if (fault_point("write") == -1 || fflush(fp) == EOF || ferror(fp)) {
		ipt_seterrno("%s: write", path);
		goto fail;
	}
	if (fault_point("fsync") == -1 || fsync(fileno(fp)) == -1) {
		ipt_seterrno("%s: fsync", path);
		goto fail;
	}
	if (fault_point("close") == -1) {
		ipt_seterrno("%s: close", path);
		goto fail;
	}
	if (fclose(fp) == EOF) {
		fp = NULL;
		ipt_seterrno("%s: close", path);
		goto fail;
	}
	fp = NULL;
	if (verify != NULL && verify(tmp, arg) == -1)
		goto fail;
	if (fault_point("rename") == -1 || rename(tmp, path) == -1) {
		ipt_seterrno("%s: rename", path);
		goto fail;
	}
	renamed = 1;
	note_changed(path);
	if (sync_dir(dir) == -1) {
		/* The new file is in place; only its durability is in doubt. */
		ipt_seterrno("%s: fsync of the directory", dir);
		goto out;
	}
	rc = 0;
	goto out;
fail:
	if (fp != NULL)
		fclose(fp);
	unlink(tmp);
out:
	free(tmp);
	free(path);
	return rc;
}
