/*
 * child.h: run a program as a child process and wait for it.
 *
 * The one place where ipt forks: ipt help runs man(1), ipt session note
 * runs the user's editor through sh(1), git autocommit runs git(1).
 */
#ifndef IPT_CHILD_H
#define IPT_CHILD_H

/* Flags of run_child(). */
#define CHILD_QUIET	0x01	/* stdin, stdout, stderr from/to /dev/null */

/*
 * Run argv[0] (looked up in PATH unless it holds a '/') with argv, in
 * directory dir (NULL: the current one), after flushing standard output,
 * and wait for it, through EINTR.  Returns the child's exit status
 * (0-255; 128 + the signal number if a signal killed it, as sh(1) says),
 * or -1 after ipt_seterr() when it could not be run: fork, chdir or exec
 * failed, and errno says why.
 */
int	 run_child(char *const argv[], const char *dir, int flags);

#endif
