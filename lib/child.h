/*
 * child.h: run a program as a child process and wait for it.
 *
 * The one place where ipt forks: ipt help runs man(1), ipt session note
 * runs the user's editor through sh(1), git autocommit runs git(1).
 */
#ifndef IPT_CHILD_H
#define IPT_CHILD_H

#include <sys/types.h>

#include <stddef.h>

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

/*
 * Run argv in dir (NULL: here) with stdin and stderr from/to /dev/null,
 * and its first line of output in out (n bytes at most, NUL included):
 * the exit status, 127 if it could not be run; -1 with why.
 */
int	 run_child_line(char *const argv[], const char *dir, char *out,
	    size_t n);

/*
 * Run argv in dir (NULL: here) with stdin from /dev/null, and all it
 * writes on stdout and stderr appended to out: the exit status, 127 if
 * it could not be run; -1 with why.
 */
struct buf;
int	 run_child_out(char *const argv[], const char *dir, struct buf *out);

/*
 * As run_child_out(), with len bytes of in on the child's stdin and only
 * its stdout in out (stderr to /dev/null): binary-safe both ways.
 */
int	 run_child_io(char *const argv[], const char *dir, const char *in,
	    size_t len, struct buf *out);

/*
 * A child to talk with: argv run in dir (NULL: here) with its stdin
 * and stdout pipes to us, stderr to
 * /dev/null.  0, or -1 with why.  child_close() closes both and waits:
 * the exit status.  SIGPIPE is ignored while one is open.
 */
struct child {
	pid_t	 pid;
	int	 in, out;	/* we read its stdout from in, write to out */
	char	*buf;		/* what was read past the last line */
	size_t	 len;
};
int	 child_open(struct child *, char *const argv[], const char *dir);
/* Write len bytes to it: 0, or -1. */
int	 child_write(struct child *, const char *, size_t);
/* Its next line, without the newline, into line (n bytes): 0, or -1. */
int	 child_read_line(struct child *, char *line, size_t n);
int	 child_close(struct child *);

/*
 * The manual page NAME of section sec that lies next to the running
 * executable: DIR/man/NAME.sec (the build tree) or
 * DIR/../share/man/mansec/NAME.sec (an installed ipt), DIR being the
 * directory of the executable (/proc/self/exe, else argv0 when it names
 * a path).  A new string, or NULL when there is none (then man(1) looks
 * in MANPATH).
 */
char	*child_manpage(const char *argv0, const char *name, int sec);

#endif
