/*
 * caseload.c: walk paths for client directories (see caseload.h).
 *
 * Each directory is read whole, its names sorted and the directory
 * closed before the walk goes down into any of them: a walk holds one
 * open directory at a time and one list of names per level.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caseload.h"
#include "client.h"
#include "util.h"

struct walk {
	caseload_fn	 fn;
	caseload_errfn	 err;
	void		*arg;
	size_t		 nerrors;
};

static void
report(struct walk *w, const char *path, const char *why)
{
	char *msg;

	w->nerrors++;
	if (w->err == NULL)
		return;
	msg = xasprintf("%s: %s", path, why);
	w->err(msg, w->arg);
	free(msg);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A name below a directory; "." is left out so that paths stay short. */
static char *
child(const char *dir, const char *name)
{
	if (strcmp(dir, ".") == 0)
		return xstrdup(name);
	return path_join(dir, name);
}

static int
is_client_dir(const char *dir)
{
	struct stat st;
	char *p = path_join(dir, CLIENT_INI);
	int rc;

	rc = lstat(p, &st) == 0;
	free(p);
	return rc;
}

/* Read a directory's visible names, sorted; -1 (errno set) on failure. */
static int
read_names(const char *dir, char ***names, size_t *n)
{
	struct dirent *e;
	DIR *d;
	int saved;

	*names = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return -1;
	for (;;) {
		errno = 0;
		if ((e = readdir(d)) == NULL)
			break;
		if (e->d_name[0] == '.')
			continue;
		*names = xreallocarray(*names, *n + 1, sizeof(**names));
		(*names)[(*n)++] = xstrdup(e->d_name);
	}
	saved = errno;
	closedir(d);
	if (saved != 0) {
		while (*n > 0)
			free((*names)[--*n]);
		free(*names);
		*names = NULL;
		errno = saved;
		return -1;
	}
	if (*n > 1)
		qsort(*names, *n, sizeof(**names), cmp_names);
	return 0;
}

/* Walk a directory known to be one (and not reached through a link). */
static int
walk_dir(struct walk *w, const char *dir)
{
	struct stat st;
	char **names, *p;
	size_t i, n;
	int rc = 0;

	if (is_client_dir(dir))
		return w->fn(dir, w->arg);
	if (read_names(dir, &names, &n) == -1) {
		report(w, dir, strerror(errno));
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (rc == 0) {
			p = child(dir, names[i]);
			if (lstat(p, &st) == -1)
				report(w, p, strerror(errno));
			else if (S_ISDIR(st.st_mode))
				rc = walk_dir(w, p);
			free(p);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int
caseload_scan(const char *const *paths, size_t npaths, caseload_fn fn,
    caseload_errfn err, void *arg, size_t *nerrors)
{
	struct walk w = { fn, err, arg, 0 };
	struct stat st;
	size_t i;
	int rc = 0;

	for (i = 0; i < npaths && rc == 0; i++) {
		if (stat(paths[i], &st) == -1)
			report(&w, paths[i], strerror(errno));
		else if (!S_ISDIR(st.st_mode))
			report(&w, paths[i], "not a directory");
		else
			rc = walk_dir(&w, paths[i]);
	}
	if (nerrors != NULL)
		*nerrors = w.nerrors;
	return rc;
}

char *
caseload_default_path(void)
{
	char *root, *cwd;

	if ((root = practice_root(".")) == NULL)
		return xstrdup(".");
	if ((cwd = realpath(".", NULL)) != NULL && strcmp(cwd, root) == 0) {
		free(root);
		root = xstrdup(".");
	}
	free(cwd);
	return root;
}
