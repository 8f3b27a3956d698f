/*
 * timeit.c: run a command several times; print its median time and its
 * peak memory (make bench).
 *
 *	timeit [-n runs] [-w warmups] [-o file] [-p setup] command [arg ...]
 *
 * Each run forks and executes the command with standard output sent to
 * `file' (default /dev/null) and standard error to /dev/null, and
 * collects the child's own resource usage with wait4(2), so that every
 * figure is that of one run.  `setup', if given, is run by sh -c before
 * each run and not timed (to restore a directory a command changes).
 * The warm-up runs (default 1) are not counted.  One line is printed:
 *
 *	median_s min_s max_s maxrss_kb user_s sys_s status
 *
 * times in seconds (wall clock, CLOCK_MONOTONIC; user and system time
 * are medians too), maxrss_kb the largest peak resident set of the
 * counted runs, status the exit status of the last run.
 */
#define _DEFAULT_SOURCE	/* wait4(2) */

#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXRUNS	1000

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_d);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
tv(struct timeval t)
{
	return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

static int
run(char **argv, const char *out, double *wall, struct rusage *ru)
{
	struct timespec a, b;
	pid_t pid;
	int st, fd;

	clock_gettime(CLOCK_MONOTONIC, &a);
	if ((pid = fork()) == -1) {
		perror("timeit: fork");
		exit(1);
	}
	if (pid == 0) {
		if ((fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600)) != -1) {
			dup2(fd, 1);
			close(fd);
		}
		if ((fd = open("/dev/null", O_WRONLY)) != -1) {
			dup2(fd, 2);
			close(fd);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &st, 0, ru) == -1) {
		perror("timeit: wait4");
		exit(1);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	*wall = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec -
	    a.tv_nsec) / 1e9;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int
main(int argc, char **argv)
{
	static double wall[MAXRUNS], usr[MAXRUNS], sys[MAXRUNS];
	const char *out = "/dev/null", *setup = NULL;
	struct rusage ru;
	double w, lo = 0, hi = 0;
	long maxrss = 0;
	int ch, n = 5, warm = 1, i, st = 0;

	while ((ch = getopt(argc, argv, "+n:o:p:w:")) != -1) {
		switch (ch) {
		case 'n':
			n = atoi(optarg);
			break;
		case 'o':
			out = optarg;
			break;
		case 'p':
			setup = optarg;
			break;
		case 'w':
			warm = atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (optind == argc || n < 1 || n > MAXRUNS || warm < 0)
		goto usage;
	argv += optind;
	for (i = -warm; i < n; i++) {
		if (setup != NULL && system(setup) != 0) {
			fprintf(stderr, "timeit: setup failed: %s\n", setup);
			return 1;
		}
		st = run(argv, out, &w, &ru);
		if (i < 0)
			continue;
		wall[i] = w;
		usr[i] = tv(ru.ru_utime);
		sys[i] = tv(ru.ru_stime);
		if (i == 0 || w < lo)
			lo = w;
		if (i == 0 || w > hi)
			hi = w;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	printf("%.6f %.6f %.6f %ld %.6f %.6f %d\n", median(wall, n), lo, hi,
	    maxrss, median(usr, n), median(sys, n), st);
	return 0;
usage:
	fprintf(stderr, "usage: timeit [-n runs] [-w warmups] [-o file] "
	    "[-p setup] command [arg ...]\n");
	return 2;
}
