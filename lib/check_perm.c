/*
 * check_perm.c: the owner and mode of a client directory's files, and the
 * files an interrupted ipt init leaves out (see ipt-check(1)).
 *
 * A client directory is its owner's alone: the directory 0700, its files
 * 0600, all owned by the directory's owner.  ipt makes them so, but a git
 * clone or a copy under umask 022 makes them 0755 and 0644, and a command
 * run as root once made files the owner cannot replace.  check_perm()
 * warns of each; check_perm_fix() takes the group and other bits away
 * (never adds one), and run as root gives each file back to the
 * directory's owner.  A symbolic link is neither followed nor changed.
 *
 * ipt init writes client.ini, then .gitattributes and .gitignore: one
 * killed in between leaves a client git would merge wrongly.  check warns
 * of the missing file and --fix writes it, in a transaction.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_int.h"
#include "git.h"
#include "txn.h"
#include "util.h"

static const struct {
	const char	*name;
	const char	*text;
} gitfiles[] = {
	{ ".gitattributes", git_attributes },
	{ ".gitignore", git_ignore },
};

/* What is wrong with one file of a directory owned by uid, or NULL. */
static char *
wrong(const struct stat *st, uid_t uid, int isdir)
{
	if ((st->st_mode & 077) != 0)
		return xasprintf("mode %04o: %s; a client's %s %s (ipt check "
		    "--fix takes the group and other bits away)",
		    (unsigned)(st->st_mode & 07777), isdir ?
		    "others can list and read the records" :
		    "others can read it", isdir ? "directory is" : "files are",
		    isdir ? "0700" : "0600");
	if (st->st_uid != uid)
		return xasprintf("owned by user %u, not by the directory's "
		    "owner (%u), who cannot replace it (ipt check --fix, run "
		    "as root, gives it back)", (unsigned)st->st_uid,
		    (unsigned)uid);
	return NULL;
}

/* Each entry of dir (a client's, or its notes/) other than . and .. */
typedef void (*entry_fn)(int dfd, const char *name, const struct stat *,
    void *);

static void
each(const char *dir, entry_fn fn, void *arg)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
			fn(dirfd(d), de->d_name, &st, arg);
	}
	closedir(d);
}

struct look {
	struct ctx	*x;
	uid_t		 uid;
	const char	*sub;		/* "notes", "private", or NULL */
};

static void
look_one(int dfd, const char *name, const struct stat *st, void *arg)
{
	struct look *l = arg;
	char *why, *file;

	(void)dfd;
	if (!S_ISREG(st->st_mode) && !S_ISDIR(st->st_mode))
		return;
	if (S_ISDIR(st->st_mode) && (l->sub != NULL ||
	    (strcmp(name, "notes") != 0 && strcmp(name, "private") != 0)))
		return;		/* not ipt's */
	if ((why = wrong(st, l->uid, S_ISDIR(st->st_mode))) == NULL)
		return;
	file = l->sub != NULL ? path_join(l->sub, name) : xstrdup(name);
	check_add(l->x, file, 0, SEV_WARNING, "%s", why);
	free(file);
	free(why);
}

void
check_perm(struct ctx *x)
{
	struct look l;
	struct stat st;
	struct finding *f;
	char *why, *notes;
	size_t i;

	if (stat(x->dir, &st) == -1)
		return;
	if ((why = wrong(&st, st.st_uid, 1)) != NULL) {
		check_add(x, ".", 0, SEV_WARNING, "%s", why);
		/* The directory by its own name. */
		f = &x->out->v[x->out->n - 1];
		free(f->path);
		f->path = xstrdup(x->dir);
		free(why);
	}
	l.x = x;
	l.uid = st.st_uid;
	l.sub = NULL;
	each(x->dir, look_one, &l);
	/* notes/ only if the listing of check_files() saw it (t94). */
	if (!x->listed || x->notes) {
		notes = path_join(x->dir, "notes");
		l.sub = "notes";
		each(notes, look_one, &l);
		free(notes);
	}
	/* private/: the modes only, never a word of its notes. */
	if (!x->listed || x->priv) {
		notes = path_join(x->dir, "private");
		l.sub = "private";
		each(notes, look_one, &l);
		free(notes);
	}
	if (!x->have_client)
		return;
	for (i = 0; i < sizeof(gitfiles) / sizeof(gitfiles[0]); i++) {
		notes = path_join(x->dir, gitfiles[i].name);
		if (lstat(notes, &st) == -1 && errno == ENOENT)
			check_add(x, gitfiles[i].name, 0, SEV_WARNING,
			    "missing (an interrupted ipt init?): git would "
			    "merge the records wrongly; ipt check --fix writes "
			    "it");
		free(notes);
	}
}

struct mend {
	struct buf	*log;
	uid_t		 uid;
	gid_t		 gid;
	const char	*sub;
	int		 rc;
};

static void
mend_one(int dfd, const char *name, const struct stat *st, void *arg)
{
	struct mend *m = arg;
	char *file;
	int chown_it;

	if (!S_ISREG(st->st_mode) && !S_ISDIR(st->st_mode))
		return;
	if (S_ISDIR(st->st_mode) && (m->sub != NULL ||
	    (strcmp(name, "notes") != 0 && strcmp(name, "private") != 0)))
		return;
	chown_it = geteuid() == 0 && st->st_uid != m->uid;
	if ((st->st_mode & 077) == 0 && !chown_it)
		return;
	file = m->sub != NULL ? path_join(m->sub, name) : xstrdup(name);
	if (chown_it && fchownat(dfd, name, m->uid, m->gid,
	    AT_SYMLINK_NOFOLLOW) == -1) {
		buf_printf(m->log, "%s: not fixed: %s\n", file, strerror(errno));
		m->rc = -1;
	} else if (chown_it)
		buf_printf(m->log, "%s: given back to user %u\n", file,
		    (unsigned)m->uid);
	if ((st->st_mode & 077) != 0) {
		if (fchmodat(dfd, name, st->st_mode & 07700, 0) == -1) {
			buf_printf(m->log, "%s: not fixed: %s\n", file,
			    strerror(errno));
			m->rc = -1;
		} else
			buf_printf(m->log, "%s: mode %04o, was %04o\n", file,
			    (unsigned)(st->st_mode & 07700),
			    (unsigned)(st->st_mode & 07777));
	}
	free(file);
}

int
check_perm_fix(const char *dir, struct buf *log)
{
	struct txn tx;
	struct mend m;
	struct stat st;
	struct buf names = { 0 };
	char *notes, *path;
	size_t i;
	int rc = 0;

	/* Under the lock: no writer copies a mode while it changes. */
	if (txn_begin(&tx, dir) == -1) {
		buf_printf(log, ".: not fixed: %s\n", ipt_error());
		return -1;
	}
	if (stat(dir, &st) == -1) {
		buf_printf(log, ".: not fixed: %s\n", strerror(errno));
		txn_abort(&tx);
		return -1;
	}
	if ((st.st_mode & 077) != 0) {
		if (chmod(dir, st.st_mode & 07700) == -1) {
			buf_printf(log, ".: not fixed: %s\n",
			    strerror(errno));
			rc = -1;
		} else
			buf_printf(log, ".: mode %04o, was %04o\n",
			    (unsigned)(st.st_mode & 07700),
			    (unsigned)(st.st_mode & 07777));
	}
	m.log = log;
	m.uid = st.st_uid;
	m.gid = st.st_gid;
	m.sub = NULL;
	m.rc = 0;
	each(dir, mend_one, &m);
	notes = path_join(dir, "notes");
	m.sub = "notes";
	each(notes, mend_one, &m);
	free(notes);
	notes = path_join(dir, "private");
	m.sub = "private";
	each(notes, mend_one, &m);
	free(notes);
	if (m.rc == -1)
		rc = -1;
	/* What an interrupted init did not write. */
	path = path_join(dir, CLIENT_INI);
	if (path_exists(path)) {
		for (i = 0; i < sizeof(gitfiles) / sizeof(gitfiles[0]); i++) {
			free(path);
			path = path_join(dir, gitfiles[i].name);
			if (lstat(path, &st) == 0 || errno != ENOENT)
				continue;
			txn_save_bytes(&tx, NULL, gitfiles[i].name,
			    gitfiles[i].text, strlen(gitfiles[i].text));
			buf_printf(&names, "%s%s", names.len > 0 ? ", " : "",
			    gitfiles[i].name);
		}
		if (tx.nitems > 0) {
			if (txn_commit(&tx) == -1) {
				buf_printf(log, "%s: not written: %s\n",
				    names.s, ipt_error());
				rc = -1;
			} else
				buf_printf(log, "%s: written (what ipt init "
				    "had not)\n", names.s);
		}
	}
	buf_free(&names);
	free(path);
	txn_abort(&tx);
	return rc;
}
