/*
 * floor.c: the least a caseload scan can cost (make bench).
 *
 *	floor [-b | -H] PATH ...
 *
 * Walks PATH as caseload_scan() does (caseload.h: names sorted with
 * strcmp, dot names skipped, links not followed, no descent into a
 * client directory) and, in each client directory, only opens, reads
 * and closes the files a scan reads: client.ini and those of the eight
 * record files that are there.  It reads each directory once, a client's
 * too, and opens only the files it lists.  With -b (blind), it reads no
 * client directory: it opens client.ini and the eight record files by
 * name, a missing one costing its failed open, as scans did until
 * issue 12 (make bench times both).  With -H it reads history.csv too,
 * as ipt check does (the floor of a check with histories in place).
 * Nothing is parsed.  It
 * prints the number of clients and of bytes read, so that the work
 * cannot be optimised away and the driver can check it saw the caseload.
 * Plain POSIX, no lib/: a scan's time divided by this one is the
 * overhead of everything ipt does beyond reading its files.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const files[] = { "client.ini", "sessions.csv",
    "measures.csv", "inventory.csv", "timeline.csv", "goals.csv",
    "focus.csv", "relapse.csv", "risk.csv" };

static int			 blind, history;
static unsigned long long	 bytes;
static unsigned long		 clients;
static char			 buf[65536];

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read a whole file; -1 (errno set) if it cannot be opened. */
static int
slurp(const char *path)
{
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		bytes += (unsigned long long)n;
	close(fd);
	return 0;
}

/* Whether names[0..n-1] holds name. */
static int
listed(char **names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

static void
walk(char *path, size_t len)
{
	struct dirent *e;
	struct stat st;
	char **names = NULL;
	size_t n = 0, cap = 0, i, k;
	DIR *d;

	/* Blind: a client directory is one whose client.ini opens. */
	memcpy(path + len, "/client.ini", 12);
	if (blind && slurp(path) == 0) {
		clients++;
		for (k = 1; k < sizeof(files) / sizeof(files[0]); k++) {
			snprintf(path + len, 4096 - len, "/%s", files[k]);
			slurp(path);
		}
		path[len] = '\0';
		return;
	}
	path[len] = '\0';
	if ((d = opendir(path)) == NULL) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			if ((names = realloc(names, cap * sizeof(*names))) ==
			    NULL) {
				perror("floor");
				exit(1);
			}
		}
		if ((names[n++] = strdup(e->d_name)) == NULL) {
			perror("floor");
			exit(1);
		}
	}
	closedir(d);
	/* A client directory is one that lists client.ini. */
	if (!blind && listed(names, n, files[0])) {
		clients++;
		for (k = 0; k < sizeof(files) / sizeof(files[0]); k++) {
			if (!listed(names, n, files[k]))
				continue;
			snprintf(path + len, 4096 - len, "/%s", files[k]);
			slurp(path);
		}
		if (history && listed(names, n, "history.csv")) {
			snprintf(path + len, 4096 - len, "/history.csv");
			slurp(path);
		}
		path[len] = '\0';
		for (i = 0; i < n; i++)
			free(names[i]);
		free(names);
		return;
	}
	qsort(names, n, sizeof(*names), cmp);
	for (i = 0; i < n; i++) {
		size_t l = strlen(names[i]);

		if (len + 1 + l + 20 < 4096) {
			path[len] = '/';
			memcpy(path + len + 1, names[i], l + 1);
			if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
				walk(path, len + 1 + l);
			path[len] = '\0';
		}
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	char path[4096];
	int i;

	i = 1;
	if (argc > 1 && strcmp(argv[1], "-b") == 0) {
		blind = 1;
		i++;
	} else if (argc > 1 && strcmp(argv[1], "-H") == 0) {
		history = 1;
		i++;
	}
	for (; i < argc; i++) {
		size_t l = strlen(argv[i]);

		if (l + 20 >= sizeof(path))
			continue;
		memcpy(path, argv[i], l + 1);
		walk(path, l);
	}
	printf("%lu clients, %llu bytes\n", clients, bytes);
	return 0;
}
