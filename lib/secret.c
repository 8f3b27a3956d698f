/*
 * secret.c: the practice secret behind de-identified exports (see
 * secret.h).
 *
 * Pseudonyms are HMAC-SHA-256(secret, "client:PATH") and the like, PATH
 * being the client's directory from the practice root: stable across
 * exports from one practice, unlinkable to the path without the secret,
 * and different for alice/ana and bob/ana.  Each begins with a letter
 * (a pseudonym of digits alone, or one like 27940123389284e3, is a
 * number to a spreadsheet, which then changes it).  Bytes 8 to 11 of the
 * client's MAC, which the pseudonym does not show, give its date shift:
 * a whole number of days from -1 to -365, added to every date of that
 * client so that intervals are kept and calendar dates are not, and no
 * date moves later (export.c keeps every date before the export date).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "client.h"
#include "ini.h"
#include "secret.h"
#include "sha256.h"
#include "trust.h"
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

/* ROOT/.gitignore has a line naming the secret, or gets one. */
struct ignore_arg {
	const char	*old;
	size_t		 len;
};

static int
fill_ignore(FILE *fp, void *arg)
{
	const struct ignore_arg *a = arg;

	fwrite(a->old, 1, a->len, fp);
	if (a->len > 0 && a->old[a->len - 1] != '\n')
		putc('\n', fp);
	fputs("/" SECRET_FILE "\n", fp);
	return ferror(fp) ? ipt_seterrno(".gitignore") : 0;
}

static int
ignore_secret(const char *root)
{
	struct ignore_arg a;
	struct buf b = { 0 };
	char chunk[4096], *path = path_join(root, ".gitignore");
	const char *p, *q;
	ssize_t n;
	size_t len;
	int fd, rc = 0;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1 &&
	    errno != ENOENT) {
		rc = ipt_seterrno("%s", path);
		goto out;
	}
	while (fd != -1 && (n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			rc = ipt_seterrno("%s", path);
			close(fd);
			goto out;
		}
		buf_add(&b, chunk, (size_t)n);
		if (b.len > (1u << 20)) {
			rc = ipt_seterr("%s: over 1 MiB", path);
			close(fd);
			goto out;
		}
	}
	if (fd != -1)
		close(fd);
	for (p = b.s; p != NULL && p < b.s + b.len; p = q + 1) {
		if ((q = memchr(p, '\n', (size_t)(b.s + b.len - p))) == NULL)
			q = b.s + b.len;
		len = (size_t)(q - p);
		if ((len == sizeof(SECRET_FILE) - 1 &&
		    memcmp(p, SECRET_FILE, len) == 0) ||
		    (len == sizeof(SECRET_FILE) && *p == '/' &&
		    memcmp(p + 1, SECRET_FILE, len - 1) == 0))
			goto out;	/* ignored already */
	}
	a.old = b.s != NULL ? b.s : "";
	a.len = b.len;
	if (atomic_replace(root, ".gitignore", fill_ignore, NULL, &a) == -1)
		rc = -1;
out:
	buf_free(&b);
	free(path);
	return rc;
}

/* Where the secret of root is kept: [export] secret, or ROOT/.ipt-secret. */
static int
secret_path(const char *root, struct export_secret *sec)
{
	struct ini ini;
	const char *v;
	char *ini_path;

	/* A secret named by a file others could write is no secret. */
	if (trust_ini(root, &ini, &ini_path) == -1)
		return -1;
	if ((v = ini_get(&ini, "export", "secret")) != NULL) {
		if (*v == '\0') {
			ipt_seterr("%s: [export] secret: empty path", ini_path);
			ini_free(&ini);
			free(ini_path);
			return -1;
		}
		sec->path = *v == '/' ? xstrdup(v) : path_join(root, v);
		sec->outside = 1;
	} else
		sec->path = path_join(root, SECRET_FILE);
	ini_free(&ini);
	free(ini_path);
	return 0;
}

/* The directory of a path, as a new string. */
static char *
dir_of(const char *path)
{
	char *dir = xstrdup(path), *slash;

	if ((slash = strrchr(dir, '/')) == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	return dir;
}

/* -1 if the secret at path would lie in a client directory or keep_out. */
static int
misplaced(const char *path, const char *keep_out)
{
	char *dir = dir_of(path), *real, *out = NULL, *client;
	size_t n;
	int rc = 0;

	if (client_find(dir, &client) == 0) {
		rc = ipt_seterr("%s: the practice secret would be inside the "
		    "client directory %s, which travels with the records; "
		    "keep it outside them ([export] secret)", path, client);
		free(client);
	} else if (keep_out != NULL && (real = realpath(dir, NULL)) != NULL) {
		if ((out = realpath(keep_out, NULL)) != NULL &&
		    strncmp(real, out, n = strlen(out)) == 0 &&
		    (real[n] == '/' || real[n] == '\0' ||
		    strcmp(out, "/") == 0))
			rc = ipt_seterr("%s: the practice secret would be "
			    "inside the export directory %s; an export must "
			    "never carry it ([export] secret)", path, out);
		free(out);
		free(real);
	}
	free(dir);
	return rc;
}

int
export_secret(const char *root, int create, const char *keep_out,
    struct export_secret *sec, int *created)
{
	char *dir;
	int rc;

	memset(sec, 0, sizeof(*sec));
	*created = 0;
	if (secret_path(root, sec) == -1)
		return -1;
	if (misplaced(sec->path, keep_out) == -1) {
		export_secret_free(sec);
		return -1;
	}
	if ((rc = read_secret(sec->path, sec)) == -2 && create) {
		dir = dir_of(sec->path);
		if ((rc = make_secret(dir, sec->path)) >= 0) {
			*created = rc == 0;
			rc = read_secret(sec->path, sec);
		}
		free(dir);
		if (rc == 0 && *created && !sec->outside &&
		    ignore_secret(root) == -1)
			rc = -1;
	}
	if (rc == -2)
		rc = ipt_seterr("%s: no practice secret", sec->path);
	if (rc != 0) {
		export_secret_free(sec);
		return -1;
	}
	sec->root = xstrdup(root);
	return 0;
}

void
export_secret_free(struct export_secret *sec)
{
	memset(sec->key, 0, sizeof(sec->key));
	free(sec->root);
	free(sec->path);
	sec->root = sec->path = NULL;
}

char *
secret_relpath(const char *root, const char *dir)
{
	char *rp;
	size_t n = strlen(root);
	const char *rel;

	if ((rp = realpath(dir, NULL)) == NULL) {
		ipt_seterrno("%s", dir);
		return NULL;
	}
	if (strcmp(root, "/") == 0)
		rel = rp + 1;
	else if (strncmp(rp, root, n) == 0 &&
	    (rp[n] == '/' || rp[n] == '\0'))
		rel = rp[n] == '/' ? rp + n + 1 : rp + n;
	else {
		ipt_seterr("%s: not under the practice root %s", dir, root);
		free(rp);
		return NULL;
	}
	rel = xstrdup(rel);
	free(rp);
	return (char *)rel;
}

static void
mac_of(const struct export_secret *sec, char kind, const char *text,
    unsigned char mac[SHA256_LEN])
{
	const char *label = kind == 'C' ? "client" : kind == 'S' ? "site" :
	    "therapist";
	char *msg = xasprintf("%s:%s", label, text);

	hmac_sha256(sec->key, sizeof(sec->key), msg, strlen(msg), mac);
	free(msg);
}

void
secret_pseudonym(const struct export_secret *sec, char kind,
    const char *text, char out[PSEUDO_LEN])
{
	unsigned char mac[SHA256_LEN];
	char hex[2 * 8 + 1];

	mac_of(sec, kind, text, mac);
	hex_encode(mac, 8, hex);
	out[0] = kind;
	memcpy(out + 1, hex, PSEUDO_LEN - 2);
	out[PSEUDO_LEN - 1] = '\0';
	memset(mac, 0, sizeof(mac));
}

long
secret_shift(const struct export_secret *sec, const char *relpath)
{
	unsigned char mac[SHA256_LEN];
	unsigned long u;

	mac_of(sec, 'C', relpath, mac);
	u = (unsigned long)mac[8] << 24 | (unsigned long)mac[9] << 16 |
	    (unsigned long)mac[10] << 8 | (unsigned long)mac[11];
	memset(mac, 0, sizeof(mac));
	return -(long)(u % SHIFT_MAX) - 1;
}
