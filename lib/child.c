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
#include <poll.h>
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
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

int
run_child_line(char *const argv[], const char *dir, char *out, size_t n)
{
	ssize_t got;
	size_t len = 0;
	pid_t pid;
	int p[2], status;

	out[0] = '\0';
	fflush(stdout);
	if (pipe(p) == -1)
		return ipt_seterrno("pipe");
	if ((pid = fork()) == -1) {
		close(p[0]);
		close(p[1]);
		return ipt_seterrno("fork");
	}
	if (pid == 0) {
		quiet();
		close(p[0]);
		dup2(p[1], 1);
		if (dir == NULL || chdir(dir) == 0)
			execvp(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	while (len + 1 < n && ((got = read(p[0], out + len, n - 1 - len)) > 0 ||
	    (got == -1 && errno == EINTR)))
		if (got > 0)
			len += (size_t)got;
	close(p[0]);
	out[len] = '\0';
	out[strcspn(out, "\n")] = '\0';
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return ipt_seterrno("%s: wait", argv[0]);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int
run_child_out(char *const argv[], const char *dir, struct buf *out)
{
	char chunk[4096];
	ssize_t got;
	pid_t pid;
	int p[2], status;

	fflush(stdout);
	if (pipe(p) == -1)
		return ipt_seterrno("pipe");
	if ((pid = fork()) == -1) {
		close(p[0]);
		close(p[1]);
		return ipt_seterrno("fork");
	}
	if (pid == 0) {
		quiet();
		close(p[0]);
		dup2(p[1], 1);
		dup2(p[1], 2);
		if (p[1] > 2)
			close(p[1]);
		if (dir == NULL || chdir(dir) == 0)
			execvp(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	while ((got = read(p[0], chunk, sizeof(chunk))) > 0 ||
	    (got == -1 && errno == EINTR))
		if (got > 0)
			buf_add(out, chunk, (size_t)got);
	close(p[0]);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return ipt_seterrno("%s: wait", argv[0]);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/*
 * Fork and exec argv in dir (NULL: here) with its standard input and
 * output on pipes, its standard error on /dev/null: *to writes to the
 * child, *from reads from it.  The child's pid, or -1 (why).
 */
static pid_t
spawn_piped(char *const argv[], const char *dir, int *to, int *from)
{
	pid_t pid;
	int pi[2], po[2];

	fflush(stdout);
	if (pipe(pi) == -1)
		return ipt_seterrno("pipe");
	if (pipe(po) == -1) {
		close(pi[0]);
		close(pi[1]);
		return ipt_seterrno("pipe");
	}
	if ((pid = fork()) == -1) {
		close(pi[0]);
		close(pi[1]);
		close(po[0]);
		close(po[1]);
		return ipt_seterrno("fork");
	}
	if (pid == 0) {
		quiet();
		close(pi[1]);
		close(po[0]);
		dup2(pi[0], 0);
		dup2(po[1], 1);
		if (pi[0] > 1)
			close(pi[0]);
		if (po[1] > 1)
			close(po[1]);
		if (dir == NULL || chdir(dir) == 0)
			execvp(argv[0], argv);
		_exit(127);
	}
	close(pi[0]);
	close(po[1]);
	*to = pi[1];
	*from = po[0];
	return pid;
}

int
run_child_io(char *const argv[], const char *dir, const char *in,
    size_t len, struct buf *out)
{
	struct pollfd fds[2];
	struct sigaction ign, was;
	char chunk[4096];
	ssize_t got;
	size_t done = 0;
	pid_t pid;
	int to, from, status, nfds;

	if ((pid = spawn_piped(argv, dir, &to, &from)) == -1)
		return -1;
	/* A child that stops reading must not kill us with SIGPIPE. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &was);
	(void)fcntl(to, F_SETFL, O_NONBLOCK);
	/* Write and read at once: a child may answer before it has read all. */
	fds[0].fd = from;
	fds[0].events = POLLIN;
	fds[1].fd = to;
	fds[1].events = POLLOUT;
	if (len == 0) {
		close(to);
		fds[1].fd = -1;
	}
	while (fds[0].fd != -1) {
		nfds = poll(fds, 2, -1);
		if (nfds == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (fds[1].fd != -1 && fds[1].revents != 0) {
			got = (fds[1].revents & POLLOUT) ?
			    write(to, in + done, len - done) : -1;
			if (got > 0)
				done += (size_t)got;
			if (done == len || (got == -1 && errno != EINTR &&
			    errno != EAGAIN)) {
				close(to);
				fds[1].fd = -1;
			}
		}
		if (fds[0].revents != 0) {
			got = read(from, chunk, sizeof(chunk));
			if (got > 0)
				buf_add(out, chunk, (size_t)got);
			else if (got == 0 || errno != EINTR) {
				close(from);
				fds[0].fd = -1;
			}
		}
	}
	if (fds[1].fd != -1)
		close(to);
	if (fds[0].fd != -1)
		close(from);
	sigaction(SIGPIPE, &was, NULL);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return ipt_seterrno("%s: wait", argv[0]);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static struct sigaction child_was;

int
child_open(struct child *c, char *const argv[], const char *dir)
{
	struct sigaction ign;

	memset(c, 0, sizeof(*c));
	if ((c->pid = spawn_piped(argv, dir, &c->out, &c->in)) == -1)
		return -1;
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &child_was);
	return 0;
}

int
child_write(struct child *c, const char *s, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(c->out, s, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

int
child_read_line(struct child *c, char *line, size_t n)
{
	char chunk[512], *nl;
	ssize_t got;
	size_t len;

	while ((nl = c->buf != NULL ? memchr(c->buf, '\n', c->len) : NULL) ==
	    NULL) {
		if ((got = read(c->in, chunk, sizeof(chunk))) == -1 &&
		    errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		c->buf = xreallocarray(c->buf, c->len + (size_t)got + 1, 1);
		memcpy(c->buf + c->len, chunk, (size_t)got);
		c->len += (size_t)got;
	}
	len = (size_t)(nl - c->buf);
	if (len >= n)
		return -1;
	memcpy(line, c->buf, len);
	line[len] = '\0';
	c->len -= len + 1;
	memmove(c->buf, nl + 1, c->len);
	return 0;
}

int
child_close(struct child *c)
{
	int status;

	close(c->out);
	close(c->in);
	free(c->buf);
	c->buf = NULL;
	sigaction(SIGPIPE, &child_was, NULL);
	while (waitpid(c->pid, &status, 0) == -1)
		if (errno != EINTR)
			return ipt_seterrno("wait");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* The directory of the running executable, or NULL. */
static char *
self_dir(const char *argv0)
{
	char buf[PATH_MAX], *slash;
	ssize_t n;

	if ((n = readlink("/proc/self/exe", buf, sizeof(buf) - 1)) > 0)
		buf[n] = '\0';
	else if (argv0 != NULL && strchr(argv0, '/') != NULL &&
	    strlen(argv0) < sizeof(buf))
		memcpy(buf, argv0, strlen(argv0) + 1);
	else
		return NULL;
	if ((slash = strrchr(buf, '/')) == NULL)
		return NULL;
	if (slash == buf)
		slash++;
	*slash = '\0';
	return xstrdup(buf);
}

char *
child_manpage(const char *argv0, const char *name, int sec)
{
	char *dir, *p;

	if ((dir = self_dir(argv0)) == NULL)
		return NULL;
	p = xasprintf("%s/man/%s.%d", dir, name, sec);
	if (!path_exists(p)) {
		free(p);
		p = xasprintf("%s/../share/man/man%d/%s.%d", dir, sec, name,
		    sec);
		if (!path_exists(p)) {
			free(p);
			p = NULL;
		}
	}
	free(dir);
	return p;
}
