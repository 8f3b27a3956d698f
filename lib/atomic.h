/*
 * atomic.h: the write discipline of a client directory.
 *
 * Every change to a record file happens under an exclusive fcntl(2) lock on the
 * directory's ".ipt.lock" (a file that is never renamed), and every file is
 * replaced whole: written to a temporary file in the same directory,
 * flushed and fsync'ed, renamed over the old name, and the directory
 * fsync'ed.  rename(2) is atomic, so a reader or a crash sees the old file
 * or the new one, never a mix.  A temporary file left by a crash is named
 * ".NAME.tmp.XXXXXX"; the next writer removes it under the lock.
 */
#ifndef IPT_ATOMIC_H
#define IPT_ATOMIC_H

#include <stdio.h>

#define LOCK_NAME	".ipt.lock"

struct dirlock {
	int	 fd;
	char	*dir;
};

/*
 * Take the directory's lock, waiting for other writers; clean stale
 * temps.  Refused (-1) if a NAME.csv, NAME.ini or notes/ there is a
 * symbolic link, so that a command never stops half done on one.
 */
int	 dir_lock(struct dirlock *, const char *dir);
void	 dir_unlock(struct dirlock *);
/*
 * fn(arg) must return 0 before the process takes its first lock, and so
 * writes anything: -1 (its why) refuses that lock and every one after.
 * A command that may write sets it up front (cmd/common.c: a git
 * identity for autocommit); one that ends up writing nothing, as ipt
 * check without --fix, never runs it.
 */
void	 atomic_before_write(int (*fn)(void *), void *arg);

/*
 * Replace dir/name with what fill writes.  fill returns 0 or -1 (after
 * ipt_seterr).  The target must be absent or a regular file: a symbolic
 * link or anything else is refused.  The new file keeps the owner, group
 * and mode of the file it replaces; one that cannot keep them (a file of
 * another user, one made read-only) is refused before anything is
 * written.  A file that was not there is made 0600, and by root with the
 * owner and group of dir.
 */
typedef int (*atomic_fill_fn)(FILE *, void *);
typedef int (*atomic_verify_fn)(const char *tmppath, void *);
/* verify, if not NULL, reads the written temporary file back before the rename. */
int	 atomic_replace(const char *dir, const char *name, atomic_fill_fn,
	    atomic_verify_fn, void *);

/* Remove dir/name (there or not) and fsync dir: 0, or -1 with why. */
int	 atomic_remove(const char *dir, const char *name);

/*
 * 1 if an atomic_replace() renamed its file into place since the last
 * call, which it forgets.  A replacement that fails after its rename (at
 * the directory fsync) has put the new file there all the same: txn.c
 * asks, to say which files a failed commit saved.
 */
int	 atomic_renamed(void);

/* The paths atomic_replace() has replaced in this process, in order. */
const char *const *atomic_changed(size_t *);
void	 atomic_changed_clear(void);
/* Forget the paths replaced under dir (private notes: not for git). */
void	 atomic_changed_forget(const char *dir);

/*
 * As root, give path, just made in dir, dir's owner and group, so that a
 * command run as root leaves nothing the directory's owner cannot
 * change.  Nothing for another user.
 */
int	 atomic_give_owner(const char *path, const char *dir);

/* Test-only fault injection, driven by IPT_TEST_FAULT (see atomic.c). */
int	 fault_point(const char *what);
/* 1 if IPT_TEST_FAULT is the switch what (see atomic.c). */
int	 test_switch(const char *what);

#endif
