/*
 * secret.c: the practice secret behind de-identified exports (see
 * secret.h).
 *
 * A client's pseudonym is the first 16 hexadecimal digits of
 * HMAC-SHA-256(secret, id): stable across exports from one practice,
 * unlinkable to the id without the secret.  Bytes 8 to 11 of the same
 * MAC, which the pseudonym does not show, give the client's date shift:
 * a whole number of days from -180 to 180, never 0, added to every date
 * of that client so that intervals are kept and calendar dates are not.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "secret.h"
#include "sha256.h"
#include "util.h"

/* Read a secret file: 0, -1 on error, -2 when there is none. */
static int
read_secret(const char *path, struct export_secret *sec)
{
	char buf[2 * SECRET_BYTES + 8];
	struct stat st;
	ssize_t n;
	size_t len = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return -2;
		return ipt_seterrno("%s", path);
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return ipt_seterr("%s: not a regular file", path);
	}
	if (st.st_mode & 077) {
		close(fd);
		return ipt_seterr("%s: others may read it (mode %04o); "
		    "chmod 600 it", path, (unsigned)(st.st_mode & 07777));
	}
	while (len < sizeof(buf) - 1 &&
	    (n = read(fd, buf + len, sizeof(buf) - 1 - len)) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			close(fd);
			return ipt_seterrno("%s", path);
		}
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	if (hex_decode(buf, sec->key, SECRET_BYTES) == -1)
		return ipt_seterr("%s: not %d hexadecimal digits", path,
		    2 * SECRET_BYTES);
	return 0;
}

/* Make a secret file: 0, 1 if another process made one first, -1. */
static int
make_secret(const char *root, const char *path)
{
	unsigned char key[SECRET_BYTES];
	char hex[2 * SECRET_BYTES + 2], *tmp;
	size_t got = 0;
	ssize_t n;
	int fd, rnd, rc = -1;

	if ((rnd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) == -1)
		return ipt_seterrno("/dev/urandom");
	while (got < sizeof(key)) {
		if ((n = read(rnd, key + got, sizeof(key) - got)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			close(rnd);
			return ipt_seterrno("/dev/urandom");
		}
		got += (size_t)n;
	}
	close(rnd);
	hex_encode(key, sizeof(key), hex);
	memset(key, 0, sizeof(key));
	strcat(hex, "\n");
	tmp = path_join(root, "." SECRET_FILE ".tmp.XXXXXX");
	if ((fd = mkstemp(tmp)) == -1) {
		ipt_seterrno("%s: cannot create a temporary file", root);
		free(tmp);
		return -1;
	}
	if (fchmod(fd, 0600) == -1 || fault_point("write") == -1 ||
	    write(fd, hex, strlen(hex)) != (ssize_t)strlen(hex) ||
	    fsync(fd) == -1) {
		ipt_seterrno("%s", path);
		close(fd);
		goto out;
	}
	if (close(fd) == -1) {
		ipt_seterrno("%s", path);
		goto out;
	}
	/* link(2) never replaces: a secret made meanwhile wins (1). */
	if (link(tmp, path) == -1) {
		if (errno == EEXIST)
			rc = 1;
		else
			ipt_seterrno("%s", path);
		goto out;
	}
	rc = 0;
out:
	unlink(tmp);
	free(tmp);
	memset(hex, 0, sizeof(hex));
	if (rc == 0 && (fd = open(root, O_RDONLY | O_DIRECTORY)) != -1) {
		fsync(fd);
		close(fd);
	}
	return rc;
}

int
export_secret(const char *root, int create, struct export_secret *sec,
    int *created)
{
	char *path = path_join(root, SECRET_FILE);
	int rc;

	memset(sec, 0, sizeof(*sec));
	*created = 0;
	if ((rc = read_secret(path, sec)) == -2 && create &&
	    (rc = make_secret(root, path)) >= 0) {
		*created = rc == 0;
		rc = read_secret(path, sec);
	}
	if (rc == -2)
		rc = ipt_seterr("%s: no practice secret", path);
	free(path);
	if (rc != 0)
		return -1;
	sec->root = xstrdup(root);
	return 0;
}

void
export_secret_free(struct export_secret *sec)
{
	memset(sec->key, 0, sizeof(sec->key));
	free(sec->root);
	sec->root = NULL;
}

void
export_pseudonym(const struct export_secret *sec, const char *id,
    char out[17], long *shift)
{
	unsigned char mac[SHA256_LEN];
	unsigned long u;

	hmac_sha256(sec->key, sizeof(sec->key), id, strlen(id), mac);
	hex_encode(mac, 8, out);
	u = (unsigned long)mac[8] << 24 | (unsigned long)mac[9] << 16 |
	    (unsigned long)mac[10] << 8 | (unsigned long)mac[11];
	u %= 360;
	*shift = u < 180 ? (long)u - 180 : (long)u - 179;
	memset(mac, 0, sizeof(mac));
}
