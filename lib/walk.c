/*
 * walk.c: find the directories that hold a marker file (see walk.h).
 *
 * Each directory is read whole and closed before the walk goes down into
 * any of its entries: a walk holds one open directory at a time and one
 * list of names per level.  The names are sorted only where the walk goes
 * on down.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "walk.h"

struct walk {
	const char	*marker;
	walk_found_fn	 found;
	walk_err_fn	 err;
	void		*arg;
};

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
free_names(char **names, size_t n)
{
	while (n > 0)
		free(names[--n]);
	free(names);
}

/* Read a directory's visible names; -1 (errno set) on failure. */
static int
read_names(const char *dir, char ***names, size_t *n)
{
	struct dirent *e;
	DIR *d;
	size_t cap = 0;
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
		if (*n == cap) {
			cap = cap != 0 ? 2 * cap : 16;
			*names = xreallocarray(*names, cap, sizeof(**names));
		}
		(*names)[(*n)++] = xstrdup(e->d_name);
	}
	saved = errno;
	closedir(d);
	if (saved != 0) {
		free_names(*names, *n);
		*names = NULL;
		*n = 0;
		errno = saved;
		return -1;
	}
	return 0;
}

int
walk_listed(char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (*names[i] == *name && strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

static int
unreadable(struct walk *w, const char *path, int e)
{
	return w->err != NULL ? w->err(path, e, w->arg) : 0;
}

/*
 * Walk a directory known to be one (and not reached through a link);
 * parent is the directory whose entry it is, or NULL for a path given.
 */
static int
walk_dir(struct walk *w, const char *dir, const char *parent)
{
	struct stat st;
	char **names, *p;
	size_t i, n;
	int rc = 0, e;

	if (read_names(dir, &names, &n) == -1) {
		/* Searchable but not readable, it may still hold it. */
		e = errno;
		p = path_child(dir, w->marker);
		rc = lstat(p, &st) == 0;
		free(p);
		return rc ? w->found(dir, parent, NULL, 0, w->arg) :
		    unreadable(w, dir, e);
	}
	if (walk_listed(names, n, w->marker)) {
		rc = w->found(dir, parent, names, n, w->arg);
		free_names(names, n);
		return rc;
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n && rc == 0; i++) {
		p = path_child(dir, names[i]);
		if (lstat(p, &st) == -1)
			rc = unreadable(w, p, errno);
		else if (S_ISDIR(st.st_mode))
			rc = walk_dir(w, p, dir);
		free(p);
	}
	free_names(names, n);
	return rc;
}

int
walk_dirs(const char *const *paths, size_t npaths, const char *marker,
    walk_found_fn found, walk_err_fn err, void *arg)
{
	struct walk w;
	struct stat st;
	size_t i;
	int rc = 0;

	w.marker = marker;
	w.found = found;
	w.err = err;
	w.arg = arg;
	for (i = 0; i < npaths && rc == 0; i++) {
		if (stat(paths[i], &st) == -1)
			rc = unreadable(&w, paths[i], errno);
		else if (!S_ISDIR(st.st_mode))
			rc = unreadable(&w, paths[i], 0);
		else
			rc = walk_dir(&w, paths[i], NULL);
	}
	return rc;
}
