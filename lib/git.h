/*
 * git.h: optional autocommit of every change, as pass(1) does.
 *
 * Where the practice's ipt.ini says
 *
 *	[git]
 *	autocommit = "yes"
 *
 * and the practice root is the top of a git work tree (or the root is in
 * the one that [git] repository names), every write command
 * commits exactly the files it replaced, with a message naming the client
 * and the action ("ana: session 5 added"), without reading the index
 * for the commit; the index entries of those files are brought up to
 * date under its lock, now or ([git] index_update) by a process of its
 * own after the command (see git.c).  The records are written
 * first: git failing (not installed, a busy index.lock after retries, no
 * work tree) is a warning, never a failure of the command, and a
 * command never leaves an index.lock of its own behind (git removes it).
 */
#ifndef IPT_GIT_H
#define IPT_GIT_H

/*
 * git.c knows files, not clients.  The module that knows client
 * directories (client.c) lends it what a commit needs whenever it looks
 * for a client or a practice root, which every command that changes a
 * client's files does first:
 *   root(dir)	the practice root above a directory, or NULL;
 *   id(dir)	the id of the client whose directory is or holds dir, or
 *		NULL;
 *   config	the practice's settings file, under the root (ipt.ini).
 * Until something is lent, git_autocommit() has nothing to do.
 */
struct git_practice {
	char		*(*root)(const char *dir);
	char		*(*id)(const char *dir);
	const char	*config;
};
void	 git_practice(const struct git_practice *);

/* Describe the action for the commit message, e.g. "session 5 added". */
void	 git_note(const char *, ...) __attribute__((format(printf, 1, 2)));
/*
 * Before a write: -1 (why) if the practice root asks for autocommit in
 * its own repository and git has no identity to commit with, so that the
 * command stops before it writes, not after.  0 otherwise.
 */
int	 git_ready(const char *root);
/*
 * Commit what atomic_replace() changed in client directories, if the
 * practice asks for it and the repository is the practice's own: its top
 * is the practice root, or what [git] repository in ipt.ini names.
 * Returns 0 when there was nothing to do or the commit was made, -1
 * (after ipt_seterr) when it was asked for and failed.
 */
int	 git_autocommit(const char *action);
/*
 * Commit the removal of path (relative to the top of the repository),
 * a directory or file no more, with message msg, when the practice at
 * root asks for autocommit: 1 committed, 0 not asked for or not in
 * HEAD, -1 (why) asked for and failed (not the practice's own
 * repository, git failed).
 */
int	 git_commit_removed(const char *root, const char *path,
	    const char *msg);
/*
 * Run git with args (NULL-ended, "git" not included) in dir, stdin from
 * /dev/null; what it prints on stdout and stderr appended to out (NULL:
 * discarded).  Its exit status, or -1 after ipt_seterr().
 */
struct buf;
int	 git_run(const char *dir, struct buf *out, const char *const *args);
/*
 * *top, the top of the repository at root, if it is the practice's own
 * (its top is root, or what [git] repository names): 0; or -1 with why.
 * Once an autocommit's index update still under way (index_update
 * "later") is done, for 30 s at most, so that the caller's git finds the
 * index free.
 */
int	 git_own(const char *root, char **top);
/*
 * git commit in root with message msg: of just paths (np > 0, as git
 * commit --only), or of the index (np == 0); SSH-signed when ipt.ini
 * says [git] sign = "yes", with [git] signing_key (a key file, relative
 * to root, or "key::..."), else git's user.signingkey.  git's output
 * goes to out (NULL: discarded).  Its exit status, or -1 with why.
 */
int	 git_commit(const char *root, const char *msg, char *const *paths,
	    size_t np, struct buf *out);
/*
 * Check that every commit of the practice's own repository at root whose
 * changes touch a record file (client.ini, *.csv, notes/\*.md in any
 * directory) is signed by an allowed signer: git's
 * gpg.ssh.allowedSignersFile, or the file [git] allowed_signers names
 * (relative to root).  Each commit that is not is a line "HASH why:
 * subject" in bad.  Returns how many, or -1 with why (no allowed signers
 * file, not the practice's own repository, git failed).
 */
long	 git_verify_signatures(const char *root, struct buf *bad);
/*
 * When ipt.ini says [git] sign = "yes": git_verify_signatures() of the
 * commits of upstream (a ref) that HEAD does not have, as ipt sync
 * fetched them.  0 when signing is not asked for.
 */
long	 git_verify_incoming(const char *root, const char *upstream,
	    struct buf *bad);
/* The .gitattributes and .gitignore that ipt init writes. */
extern const char git_attributes[];
extern const char git_ignore[];

#endif
