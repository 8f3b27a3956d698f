/*
 * child.c: run a program as a child process and wait for it (child.h).
 *
 * The child reports a failed chdir(2) or exec to the parent through a
 * pipe closed on exec: the parent reads either nothing (the exec
 * succeeded) or the errno of the failure, so that the error is the
 * parent's to report and the child never prints.
 */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "child.h"
#include "util.h"

/* In the child: point 0, 1 and 2 at /dev/null. */
static void
quiet(void)
{
	int fd;

	if ((fd = open("/dev/null", O_RDWR)) == -1)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

/*
 * In the child: run argv; on failure send up the pipe what failed (0
 * chdir, 1 exec) and its errno, and exit.
 */
static void
child(char *const argv[], const char *dir, int flags, int fd)
{
	int e[2] = { 0, 0 };

	if (dir == NULL || chdir(dir) == 0) {
		e[0] = 1;
		if (flags & CHILD_QUIET)
			quiet();
		execvp(argv[0], argv);
	}
	e[1] = errno;
	while (write(fd, e, sizeof(e)) == -1 && errno == EINTR)
		;
	_exit(127);
}

int
run_child(char *const argv[], const char *dir, int flags)
{
	ssize_t n;
	pid_t pid;
	int p[2], status, e, why[2];

	fflush(stdout);
	if (pipe(p) == -1)
		return ipt_seterrno("pipe");
	if (fcntl(p[1], F_SETFD, FD_CLOEXEC) == -1 ||
	    (pid = fork()) == -1) {
		e = errno;
		close(p[0]);
		close(p[1]);
		ipt_seterr("fork: %s", strerror(e));
		errno = e;
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		child(argv, dir, flags, p[1]);
	}
	close(p[1]);
	while ((n = read(p[0], why, sizeof(why))) == -1 && errno == EINTR)
		;
	close(p[0]);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			e = errno;
			ipt_seterr("%s: wait: %s", argv[0], strerror(e));
			errno = e;
			return -1;
		}
	if (n == (ssize_t)sizeof(why)) {
		if (why[0] == 0)
			ipt_seterr("%s: %s", dir, strerror(why[1]));
		else
			ipt_seterr("cannot run %s: %s", argv[0],
			    strerror(why[1]));
		errno = why[1];
		return -1;
	}
	/* Killed by a signal: 128 + its number, as sh(1) says. */
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) :
	    WEXITSTATUS(status);
}
