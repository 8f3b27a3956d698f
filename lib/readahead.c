/*
 * readahead.c: files read before they are loaded (see readahead.h).
 *
 * One struct is lent at a time, in the thread that loads: a scan that
 * reads in a second thread lends, in the first, the files of the client
 * being visited, which the second read earlier (caseload.c).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "readahead.h"
#include "util.h"

static struct ra_dir	*lent;

void
ra_read(const char *path, size_t max, struct ra_file *f)
{
	ssize_t n;
	int fd;

	memset(f, 0, sizeof(*f));
	/* As csv_load() opens it: never through a symbolic link. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
	    O_NOFOLLOW)) == -1) {
		f->err = errno;
		return;
	}
	if (fstat(fd, &f->st) == -1)
		f->err = errno;
	else if (S_ISREG(f->st.st_mode) && (size_t)f->st.st_size <= max) {
		f->text = xmalloc((size_t)f->st.st_size + 2);
		do
			n = read(fd, f->text, (size_t)f->st.st_size + 1);
		while (n == -1 && errno == EINTR);
		if (n == -1)
			f->err = errno;
		if (n < 0 || n > f->st.st_size) {
			/* An error, or the file grew: not read ahead. */
			free(f->text);
			f->text = NULL;
		} else {
			f->text[n] = '\0';
			f->len = (size_t)n;
		}
	}
	close(fd);
}

void
ra_missing(struct ra_file *f)
{
	memset(f, 0, sizeof(*f));
	f->err = ENOENT;
}

struct ra_dir *
ra_lend(struct ra_dir *d)
{
	struct ra_dir *prev = lent;

	if (d != NULL)
		d->dirlen = strlen(d->dir);
	lent = d;
	return prev;
}

int
ra_take(const char *path, struct ra_file *out)
{
	const char *name;
	size_t i, n;

	if (lent == NULL)
		return 0;
	atomic_changed(&n);
	if (n != lent->changed)
		return 0;
	if (strcmp(lent->dir, ".") == 0)
		name = path;
	else {
		n = lent->dirlen;
		if (strncmp(path, lent->dir, n) != 0 || path[n] != '/')
			return 0;
		name = path + n + 1;
	}
	for (i = 0; i < lent->n; i++)
		if (*name == *lent->names[i] &&
		    strcmp(name, lent->names[i]) == 0)
			break;
	if (i == lent->n || (lent->taken & (1ul << i)))
		return 0;
	lent->taken |= 1ul << i;
	*out = lent->f[i];
	lent->f[i].text = NULL;
	return 1;
}
