/*
 * t_child.c: run_child(), the one fork, exec and wait of ipt.
 */
#include <sys/time.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "child.h"
#include "tap.h"
#include "util.h"

static volatile sig_atomic_t alarms;

static void
on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/* Run "sh -c script" in dir with flags. */
static int
sh(const char *script, const char *dir, int flags)
{
	char *argv[] = { "sh", "-c", (char *)script, NULL };

	return run_child(argv, dir, flags);
}

int
main(void)
{
	char *missing[] = { "ipt-no-such-program-here", NULL };
	struct sigaction sa;
	struct itimerval it;
	int rc;

	is_int(sh("exit 0", NULL, 0), 0, "the exit status 0");
	is_int(sh("exit 3", NULL, 0), 3, "the exit status 3");
	is_int(sh("[ \"$(pwd)\" = / ]", "/", 0), 0, "runs in the directory");
	rc = sh("exit 0", "/no/such/dir", 0);
	ok(rc == -1 && errno == ENOENT, "a directory that cannot be entered");
	ok(strstr(ipt_error(), "/no/such/dir") != NULL, "is named: %s",
	    ipt_error());
	rc = run_child(missing, NULL, 0);
	ok(rc == -1 && errno == ENOENT, "a program that cannot be run");
	ok(strstr(ipt_error(), "cannot run ipt-no-such-program-here") != NULL,
	    "is named: %s", ipt_error());
	is_int(sh("kill -9 $$", NULL, 0), 128 + SIGKILL,
	    "a child killed by a signal: 128 + its number");
	if (access("/proc/self/fd/1", F_OK) == 0)
		is_int(sh("[ \"$(readlink /proc/$$/fd/1)\" = /dev/null ] && "
		    "[ \"$(readlink /proc/$$/fd/2)\" = /dev/null ]", NULL,
		    CHILD_QUIET), 0, "CHILD_QUIET: output to /dev/null");
	else
		ok(1, "# SKIP no /proc to see CHILD_QUIET");

	/* A signal interrupting the wait does not end it. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: EINTR */
	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = 50000;
	it.it_interval.tv_usec = 50000;
	setitimer(ITIMER_REAL, &it, NULL);
	rc = sh("sleep 1; exit 7", NULL, 0);
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	is_int(rc, 7, "the wait goes on through EINTR");
	ok(alarms > 0, "signals did arrive during the wait (%d)",
	    (int)alarms);
	return tap_done();
}
