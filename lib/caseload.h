/*
 * caseload.h: find the client directories under a set of paths.
 *
 * A caseload is every client directory (a directory holding client.ini)
 * found under the paths given.  caseload_scan() walks each path in the
 * order given and calls `fn' once per client directory, depth first, the
 * entries of each directory in byte order of their names (strcmp), so
 * that the order is the same on every system.  The walk
 *   - does not descend into a client directory (its notes/ and any other
 *     subdirectory are the client's own);
 *   - skips entries whose name begins with '.' (.git, editors' files);
 *   - never follows a symbolic link found during the walk (a link to a
 *     client directory is not visited twice, and a loop cannot form); a
 *     path given by the caller is followed if it is a link, as find -H;
 *   - holds one directory's sorted names per level at a time, never the
 *     caseload: the memory a scan needs does not grow with it;
 *   - reads each directory once, a client's too, and opens only those of
 *     a client's files that its directory lists (walk.h, readahead.h).
 * A path given that is itself a client directory is visited as one.
 *
 * Nothing is printed.  A path that cannot be read (missing, not a
 * directory, no permission) is reported through `err' with a one-line
 * message naming it ("clients/x: Permission denied"), and the walk goes
 * on; *nerrors (if not NULL) counts these reports.  The callback's own
 * failures (a client.ini that does not parse, say) are the callback's to
 * report and count.
 */
#ifndef IPT_CASELOAD_H
#define IPT_CASELOAD_H

#include <stddef.h>

/*
 * Called once per client directory with its path (the path given joined
 * with the names walked, e.g. "practice/rr/ana"; "." when the path given
 * is "." and is itself a client directory).  Return 0 to go on; any
 * other value stops the walk and is returned by caseload_scan().
 */
typedef int	(*caseload_fn)(const char *clientdir, void *arg);
/* Called with a one-line message for each path that cannot be read. */
typedef void	(*caseload_errfn)(const char *msg, void *arg);

/*
 * Walk paths[0..npaths-1].  err may be NULL (errors are then only
 * counted).  Returns 0 when the walk ran to the end (even if errors were
 * reported), or the first non-zero value fn returned.
 */
int	 caseload_scan(const char *const *paths, size_t npaths,
	    caseload_fn fn, caseload_errfn err, void *arg, size_t *nerrors);

/*
 * Read the file name of each client ahead too, from the next scan on
 * (NULL: no more), for a caller that reads it (check: history.csv).
 */
void	 caseload_read_too(const char *name);

/*
 * The path a caseload command scans when given none: the practice root of
 * the current directory (practice_root(".")), or "." when there is none.
 * The caller frees it.
 */
char	*caseload_default_path(void);

#endif
