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
	struct buf	 scratch;	/* read_names(): the names read */
};

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Read a directory's visible names; -1 (errno set) on failure.  The
 * names and the array of them are one block (free(*names) frees both),
 * so that listing a client directory costs one allocation, not one a
 * name.
 */
static int
read_names(struct walk *w, const char *dir, char ***names, size_t *n)
{
	struct dirent *e;
	DIR *d;
	char *p;
	size_t i, len;
	int saved;

	*names = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return -1;
	buf_reset(&w->scratch);
	for (;;) {
		errno = 0;
		if ((e = readdir(d)) == NULL)
			break;
		if (e->d_name[0] == '.')
			continue;
		buf_add(&w->scratch, e->d_name, strlen(e->d_name) + 1);
		(*n)++;
	}
	saved = errno;
	closedir(d);
	if (saved != 0) {
		*n = 0;
		errno = saved;
		return -1;
	}
	len = w->scratch.len;
	*names = xmalloc((*n + 1) * sizeof(**names) + len + 1);
	p = (char *)(*names + *n + 1);
	if (len > 0)
		memcpy(p, w->scratch.s, len);
	for (i = 0; i < *n; i++) {
		(*names)[i] = p;
		p += strlen(p) + 1;
	}
	(*names)[*n] = NULL;
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

	if (read_names(w, dir, &names, &n) == -1) {
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
		free(names);
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
	free(names);
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
	memset(&w.scratch, 0, sizeof(w.scratch));
	for (i = 0; i < npaths && rc == 0; i++) {
		if (stat(paths[i], &st) == -1)
			rc = unreadable(&w, paths[i], errno);
		else if (!S_ISDIR(st.st_mode))
			rc = unreadable(&w, paths[i], 0);
		else
			rc = walk_dir(&w, paths[i], NULL);
	}
	buf_free(&w.scratch);
	return rc;
}
