/*
 * git.h: optional autocommit of every change, as pass(1) does.
 *
 * Where the practice's ipt.ini says
 *
 *	[git]
 *	autocommit = "yes"
 *
 * and the practice root is in a git work tree, every write command
 * commits exactly the files it replaced, with a message naming the client
 * and the action ("ana: session 5 added").  The records are written
 * first: git failing (not installed, a busy index.lock after retries, no
 * work tree) is a warning, never a failure of the command, and a
 * command never leaves an index.lock of its own behind (git removes it).
 */
#ifndef IPT_GIT_H
#define IPT_GIT_H

/* Describe the action for the commit message, e.g. "session 5 added". */
void	 git_note(const char *, ...) __attribute__((format(printf, 1, 2)));
/*
 * Commit what atomic_replace() changed, if the practice asks for it.
 * Returns 0 when there was nothing to do or the commit was made, -1
 * (after ipt_seterr) when it was asked for and failed.
 */
int	 git_autocommit(const char *action);
/* The .gitattributes and .gitignore that ipt init writes. */
extern const char git_attributes[];
extern const char git_ignore[];

#endif
