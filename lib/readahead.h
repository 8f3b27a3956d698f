/*
 * readahead.h: files read before they are loaded.
 *
 * Storage knows nothing of what reads ahead, or why.  A caller that knows
 * which files of a directory are about to be loaded (caseload.c does, for
 * each client a scan visits) fills a struct ra_dir: it lists the directory
 * once and reads each file the listing holds with ra_read(), and marks
 * each file it lacks with ra_missing().  It lends the struct with ra_lend()
 * while those files are loaded: csv_load() and client_open() then take a
 * file from it (ra_take()) instead of opening it, and a file the listing
 * lacked is missing (ENOENT) without an open().  A file is taken once; a
 * name the struct does not hold, and any file once the process has
 * replaced one (atomic_changed()), is read by the loader as usual.
 */
#ifndef IPT_READAHEAD_H
#define IPT_READAHEAD_H

#include <sys/stat.h>

#include <stddef.h>

/*
 * A file as ra_read() got it: opened O_NONBLOCK, fstat(), and if it is a
 * regular file of at most the size given, one read() of its size and a
 * byte more.
 */
struct ra_file {
	int		 err;	/* errno of open, fstat or read; ENOENT if
				   the listing lacked it; 0 */
	struct stat	 st;	/* when err is 0 */
	char		*text;	/* NUL-terminated; NULL if not read (not
				   a regular file, larger, or it grew) */
	size_t		 len;
};

#define RA_MAXNAMES	32

/* The files of one directory, as a caller read them. */
struct ra_dir {
	const char		*dir;	/* as the loaders' paths name it */
	const char *const	*names;	/* n names (n <= RA_MAXNAMES) */
	size_t			 n;
	struct ra_file		*f;	/* f[i]: the file names[i] */
	unsigned long		 taken;	/* bit i: f[i] was taken */
	size_t			 changed; /* atomic_changed() count when the
					   files were read */
	size_t			 dirlen;  /* set by ra_lend() */
};

/* Read path into *f (see above); never fails, f->err says why. */
void	 ra_read(const char *path, size_t max, struct ra_file *f);
/* A file the directory's listing lacks. */
void	 ra_missing(struct ra_file *f);
/*
 * Lend d to the loaders until the next ra_lend(); d stays the caller's.
 * Returns what was lent before (NULL: nothing), for a caller to lend again
 * when it is done.
 */
struct ra_dir	*ra_lend(struct ra_dir *d);
/*
 * If path is dir/name (name alone when dir is ".") for a file of the
 * lent struct not taken yet, and nothing was replaced since it was read:
 * fill *f (its text is then the caller's to free) and return 1.  Else
 * return 0: the caller reads the file itself.
 */
int	 ra_take(const char *path, struct ra_file *f);

#endif
