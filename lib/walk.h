/*
 * walk.h: find the directories that hold a marker file, under a set of
 * paths.
 *
 * walk_dirs() walks each path in the order given, depth first, the
 * entries of each directory in byte order of their names (strcmp), so
 * that the order is the same on every system.  A directory whose entries
 * include the marker is found: `found' is called with its path and
 * entries, and the walk does not descend into it.  The walk
 *   - reads each directory once (one opendir() and readdir() to its
 *     end), the directories it finds too: their entries are what a
 *     caller needs to know which files are there without opening them;
 *   - skips entries whose name begins with '.';
 *   - never follows a symbolic link found during the walk; a path given
 *     by the caller is followed if it is a link, as find -H;
 *   - holds one directory's names per level at a time.
 * A path given that holds the marker is found as one.  A directory that
 * cannot be read but holds the marker (lstat() says so: search but no
 * read permission) is found with no entries (names NULL).
 *
 * Storage: it knows nothing of what the marker marks (caseload.c walks
 * for client.ini).
 */
#ifndef IPT_WALK_H
#define IPT_WALK_H

#include <stddef.h>

/*
 * A directory holding the marker: its path (the path given joined with
 * the names walked), the directory whose entry it is (NULL for a path
 * given), and its n entries but dot names, in no order (NULL when it
 * could not be read).  Return 0 to go on; any other value stops the walk
 * and is returned by walk_dirs().
 */
typedef int	(*walk_found_fn)(const char *dir, const char *parent,
		    char *const *names, size_t n, void *arg);
/*
 * A path that cannot be read: errno e, or 0 when it is not a directory.
 * Return 0 to go on, as for walk_found_fn.
 */
typedef int	(*walk_err_fn)(const char *path, int e, void *arg);

/* Walk paths[0..npaths-1]; err may be NULL (the walk then goes on). */
int	 walk_dirs(const char *const *paths, size_t npaths, const char *marker,
	    walk_found_fn found, walk_err_fn err, void *arg);
/* Whether names[0..n-1] holds name. */
int	 walk_listed(char *const *names, size_t n, const char *name);

#endif
