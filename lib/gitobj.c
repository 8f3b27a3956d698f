/*
 * gitobj.c: git's object database, refs and identity in process (see
 * gitobj.h), so that an autocommit runs no git process in the common
 * case.
 *
 * The protocol, as git's own (git 2.39, Documentation/technical):
 *
 * Objects.  An object is "<type> <len>\0" and its body; its id is the
 * SHA-1 of that (in-house, from FIPS 180-4, as sha256.c: no library to
 * install for 100 lines that the vectors of FIPS 180-4 check).  A loose
 * object is objects/xx/<38 hex>, the whole deflated (zlib); it is
 * written into a temporary file of objects/xx/, made read-only (0444)
 * and renamed into place, and not written at all when the object is
 * there already, loose or packed.  A pack is objects/pack/pack-*.pack
 * with its index pack-*.idx (version 2: "\377tOc", 2, a fan-out table
 * of 256 counts, the sorted ids, their CRCs, their offsets, 31 bits or
 * an index into a table of 64-bit ones); an entry is a type and size
 * header, then deflated data: the object, or a delta against a base
 * that is given by a negative offset in the same pack (OFS_DELTA) or by
 * its id (REF_DELTA).  Every length read from a file is checked against
 * the file's size before it is used, chains of deltas are at most
 * DELTA_DEPTH long and objects at most OBJ_MAX bytes, and the result's
 * id must be the one asked for: a corrupt object is an error (-1),
 * never a crash.
 *
 * Refs.  HEAD is "ref: refs/heads/X" or an id (detached); a branch is
 * the file refs/heads/X or, when there is none, a line of packed-refs.
 * A branch is moved as git does: refs/heads/X.lock created with O_EXCL
 * (someone holding it: "try again"), the value read again under it and
 * compared with the one the commit was built on, the new id written
 * into the lock, the reflog lines appended (logs/refs/heads/X and
 * logs/HEAD: "<old> <new> <ident>\t<msg>"), the lock renamed over the
 * ref.
 *
 * Identity and settings.  git's configuration files are read in git's
 * order (system, XDG, ~/.gitconfig, the repository's), the last value
 * winning; the environment (GIT_AUTHOR_NAME ...) before them.  An
 * include, a line of a syntax not read with certainty, a value git
 * would clean up (a name with '<'), a date to parse, no e-mail: "ask
 * git" (1), never a guess.
 *
 * Discovery.  Up from the directory for a .git directory with HEAD,
 * objects and refs.  Anything else is git's: a .git file (worktrees,
 * --separate-git-dir), GIT_DIR and the other variables that move the
 * repository, core.bare, core.worktree, any extensions (sha256, reftable,
 * partial clones), alternates, a shallow clone, replace refs and grafts,
 * a repository not ours (safe.directory), another file system on the way
 * up, hooks of ref updates (reference-transaction),
 * core.sharedRepository, core.autocrlf and attributes that filter a
 * file (text, eol, filter), commit signing.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "date.h"
#include "gitobj.h"
#include "util.h"

#define DELTA_DEPTH	4096		/* git's pack-objects --depth max */
#define OBJ_MAX		(256UL << 20)	/* bytes of an object read */

/* ---- SHA-1 (FIPS 180-4, 6.1) ---- */

#define ROL(x, n)	(((x) << (n)) | ((x) >> (32 - (n))))

static void
sha1_block(uint32_t h[5], const unsigned char *p)
{
	uint32_t w[80], a, b, c, d, e, f, k, t;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (; i < 80; i++)
		w[i] = ROL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = h[0];
	b = h[1];
	c = h[2];
	d = h[3];
	e = h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6;
		}
		t = ROL(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = ROL(b, 30);
		b = a;
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void
sha1_init(struct sha1 *s)
{
	static const uint32_t h0[5] = { 0x67452301, 0xefcdab89, 0x98badcfe,
	    0x10325476, 0xc3d2e1f0 };

	memcpy(s->h, h0, sizeof(h0));
	s->len = 0;
	s->nbuf = 0;
}

void
sha1_update(struct sha1 *s, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t k;

	s->len += n;
	if (s->nbuf > 0) {
		k = 64 - s->nbuf < n ? 64 - s->nbuf : n;
		memcpy(s->buf + s->nbuf, p, k);
		s->nbuf += k;
		p += k;
		n -= k;
		if (s->nbuf < 64)
			return;
		sha1_block(s->h, s->buf);
		s->nbuf = 0;
	}
	for (; n >= 64; p += 64, n -= 64)
		sha1_block(s->h, p);
	memcpy(s->buf, p, n);
	s->nbuf = n;
}

void
sha1_final(struct sha1 *s, unsigned char out[GITOBJ_RAW])
{
	uint64_t bits = s->len * 8;
	unsigned char pad[72];
	size_t n = (s->nbuf < 56 ? 56 : 120) - s->nbuf;
	int i;

	memset(pad, 0, sizeof(pad));
	pad[0] = 0x80;
	for (i = 0; i < 8; i++)
		pad[n + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(s, pad, n + 8);
	for (i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

void
sha1(const void *p, size_t n, unsigned char out[GITOBJ_RAW])
{
	struct sha1 s;

	sha1_init(&s);
	sha1_update(&s, p, n);
	sha1_final(&s, out);
}

void
gitobj_hex(const unsigned char oid[GITOBJ_RAW], char hex[GITOBJ_HEX])
{
	static const char digit[] = "0123456789abcdef";
	int i;

	for (i = 0; i < GITOBJ_RAW; i++) {
		hex[2 * i] = digit[oid[i] >> 4];
		hex[2 * i + 1] = digit[oid[i] & 0xf];
	}
	hex[2 * GITOBJ_RAW] = '\0';
}

static int
hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	    c - 'a' + 10 : -1;
}

int
gitobj_unhex(const char *s, unsigned char oid[GITOBJ_RAW])
{
	int i, hi, lo;

	for (i = 0; i < GITOBJ_RAW; i++) {
		if ((hi = hexval((unsigned char)s[2 * i])) == -1 ||
		    (lo = hexval((unsigned char)s[2 * i + 1])) == -1)
			return -1;
		oid[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

void
gitobj_hash(const char *type, const void *p, size_t n,
    unsigned char oid[GITOBJ_RAW])
{
	struct sha1 s;
	char hdr[64];
	int len = snprintf(hdr, sizeof(hdr), "%s %zu", type, n);

	sha1_init(&s);
	sha1_update(&s, hdr, (size_t)len + 1);
	sha1_update(&s, p, n);
	sha1_final(&s, oid);
}

/* ---- the repository ---- */

struct pack {
	const unsigned char	*idx, *pack;
	size_t			 idxlen, packlen;
	uint32_t		 n;
};

/* What the configuration files say, as far as gitobj cares. */
struct gcfg {
	char	*uname, *uemail, *aname, *aemail, *cname, *cemail;
	int	 unsure;	/* a line not read with certainty */
	int	 unplain;	/* a setting that is git's to handle */
	int	 logall;	/* core.logAllRefUpdates: -1 unset, 0, 1, 2 */
};

struct gitobj {
	char		*top, *gitdir, *objdir;
	struct pack	*packs;
	size_t		 npacks;
	int		 packs_read;
	struct gcfg	 cfg;
	int		 cfg_read;
	int		 attr_checked;	/* 0 not yet, 1 plain, -1 not */
};

const char *
gitobj_top(const struct gitobj *g)
{
	return g->top;
}

const char *
gitobj_gitdir(const struct gitobj *g)
{
	return g->gitdir;
}

static void
cfg_free(struct gcfg *c)
{
	free(c->uname);
	free(c->uemail);
	free(c->aname);
	free(c->aemail);
	free(c->cname);
	free(c->cemail);
	memset(c, 0, sizeof(*c));
}

void
gitobj_close(struct gitobj *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->npacks; i++) {
		munmap((void *)g->packs[i].idx, g->packs[i].idxlen);
		munmap((void *)g->packs[i].pack, g->packs[i].packlen);
	}
	free(g->packs);
	cfg_free(&g->cfg);
	free(g->top);
	free(g->gitdir);
	free(g->objdir);
	free(g);
}

/* The whole of a file in *s (NUL-ended): 0, 1 no such file, -1. */
static int
slurp(const char *path, char **s, size_t *n, size_t max)
{
	struct stat st;
	ssize_t got;
	size_t have = 0;
	int fd;

	*s = NULL;
	if ((fd = open(path, O_RDONLY)) == -1)
		return errno == ENOENT || errno == ENOTDIR ? 1 : -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size > max) {
		close(fd);
		return -1;
	}
	*s = xmalloc((size_t)st.st_size + 1);
	while (have < (size_t)st.st_size && (got = read(fd, *s + have,
	    (size_t)st.st_size - have)) > 0)
		have += (size_t)got;
	close(fd);
	if (have != (size_t)st.st_size) {
		free(*s);
		*s = NULL;
		return -1;
	}
	(*s)[have] = '\0';
	if (n != NULL)
		*n = have;
	return 0;
}

/* ---- configuration ---- */

static int
cfg_bool(const char *v)
{
	if (strcasecmp(v, "true") == 0 || strcasecmp(v, "yes") == 0 ||
	    strcasecmp(v, "on") == 0 || strcmp(v, "1") == 0)
		return 1;
	if (*v == '\0' || strcasecmp(v, "false") == 0 ||
	    strcasecmp(v, "no") == 0 || strcasecmp(v, "off") == 0 ||
	    strcmp(v, "0") == 0)
		return 0;
	return -1;
}

static void
cfg_set(char **to, const char *v)
{
	free(*to);
	*to = xstrdup(v);
}

/* One key of a section without subsection. */
static void
cfg_apply(struct gcfg *c, const char *sec, const char *key, const char *v,
    int noval)
{
	int b;

	if (strcmp(sec, "user") == 0 || strcmp(sec, "author") == 0 ||
	    strcmp(sec, "committer") == 0) {
		if (strcmp(key, "name") != 0 && strcmp(key, "email") != 0)
			return;
		if (noval) {
			c->unsure = 1;
			return;
		}
		if (sec[0] == 'u')
			cfg_set(key[0] == 'n' ? &c->uname : &c->uemail, v);
		else if (sec[0] == 'a')
			cfg_set(key[0] == 'n' ? &c->aname : &c->aemail, v);
		else
			cfg_set(key[0] == 'n' ? &c->cname : &c->cemail, v);
	} else if (strcmp(sec, "extensions") == 0 || strcmp(sec, "filter") == 0)
		c->unplain = 1;
	else if (strcmp(sec, "i18n") == 0 && strcmp(key, "commitencoding") == 0)
		c->unplain = 1;
	else if (strcmp(sec, "commit") == 0 && strcmp(key, "gpgsign") == 0)
		c->unplain |= cfg_bool(v) != 0;
	else if (strcmp(sec, "core") == 0) {
		if (strcmp(key, "bare") == 0)
			c->unplain |= cfg_bool(v) != 0;
		else if (strcmp(key, "worktree") == 0 ||
		    strcmp(key, "hookspath") == 0 ||
		    strcmp(key, "attributesfile") == 0 ||
		    strcmp(key, "sharedrepository") == 0 ||
		    strncmp(key, "fsync", 5) == 0)
			c->unplain = 1;	/* fsync: git syncs as asked */
		else if (strcmp(key, "autocrlf") == 0)
			c->unplain |= cfg_bool(v) != 0;
		else if (strcmp(key, "repositoryformatversion") == 0)
			c->unplain |= strcmp(v, "0") != 0 && strcmp(v, "1") != 0;
		else if (strcmp(key, "logallrefupdates") == 0) {
			b = strcasecmp(v, "always") == 0 ? 2 : cfg_bool(v);
			if (b == -1)
				c->unplain = 1;
			else
				c->logall = b;
		}
	}
}

/*
 * Read git's configuration syntax in s into c: 0, or 1 with c->unsure
 * set at the first line not read with certainty.
 */
static int
cfg_parse(const char *s, size_t n, struct gcfg *c)
{
	const char *p = s, *end = s + n, *le, *q, *nl;
	char sec[64] = "", key[64];
	struct buf v = { 0 };
	size_t k, spaces;
	int sub = 0, quote, noval;

	while (p < end && !c->unsure) {
		nl = memchr(p, '\n', (size_t)(end - p));
		le = nl != NULL ? nl : end;
		q = p;
		p = nl != NULL ? nl + 1 : end;
		if (le > q && le[-1] == '\r')
			le--;
		while (q < le && (*q == ' ' || *q == '\t'))
			q++;
		if (q == le || *q == '#' || *q == ';')
			continue;
		if (*q == '[') {
			for (q++, k = 0, sub = 0; q < le && (isalnum(
			    (unsigned char)*q) || *q == '-' || *q == '.'); q++) {
				if (*q == '.')
					sub = 1;
				if (!sub && k + 1 < sizeof(sec))
					sec[k++] = (char)tolower((unsigned char)*q);
			}
			sec[k] = '\0';
			if (q < le && (*q == ' ' || *q == '\t')) {
				while (q < le && (*q == ' ' || *q == '\t'))
					q++;
				if (q == le || *q != '"')
					goto unsure;
				for (q++; q < le && *q != '"'; q++)
					if (*q == '\\' && ++q == le)
						goto unsure;
				if (q == le)
					goto unsure;
				q++;
				sub = 1;
			}
			if (q == le || *q != ']')
				goto unsure;
			for (q++; q < le && (*q == ' ' || *q == '\t'); q++)
				;
			if (q < le && *q != '#' && *q != ';')
				goto unsure;
			if (strcmp(sec, "include") == 0 ||
			    strcmp(sec, "includeif") == 0)
				goto unsure;
			continue;
		}
		if (sec[0] == '\0' || !isalpha((unsigned char)*q))
			goto unsure;
		for (k = 0; q < le && (isalnum((unsigned char)*q) || *q == '-');
		    q++)
			if (k + 1 < sizeof(key))
				key[k++] = (char)tolower((unsigned char)*q);
		key[k] = '\0';
		while (q < le && (*q == ' ' || *q == '\t'))
			q++;
		buf_reset(&v);
		buf_adds(&v, "");
		noval = 0;
		if (q == le || *q == '#' || *q == ';')
			noval = 1;
		else if (*q != '=')
			goto unsure;
		else {
			for (q++; q < le && (*q == ' ' || *q == '\t'); q++)
				;
			for (quote = 0, spaces = 0; q < le; q++) {
				if (!quote && (*q == ' ' || *q == '\t')) {
					spaces++;
					continue;
				}
				if (!quote && (*q == '#' || *q == ';'))
					break;
				for (; spaces > 0; spaces--)
					buf_addc(&v, ' ');
				if (*q == '"')
					quote = !quote;
				else if (*q == '\\') {
					if (++q == le)
						goto unsure;
					switch (*q) {
					case 'n':
						buf_addc(&v, '\n');
						break;
					case 't':
						buf_addc(&v, '\t');
						break;
					case 'b':
						buf_addc(&v, '\b');
						break;
					case '"':
					case '\\':
						buf_addc(&v, *q);
						break;
					default:
						goto unsure;
					}
				} else if (*q == '\0')
					goto unsure;
				else
					buf_addc(&v, *q);
			}
			if (quote)
				goto unsure;
		}
		if (!sub)
			cfg_apply(c, sec, key, noval ? "true" : v.s, noval);
		else if (strcmp(sec, "filter") == 0)
			c->unplain = 1;	/* [filter "x"]: files git filters */
	}
	buf_free(&v);
	return c->unsure;
unsure:
	c->unsure = 1;
	buf_free(&v);
	return 1;
}

static void
cfg_file(struct gcfg *c, const char *path)
{
	char *s;
	size_t n;
	int r;

	if (c->unsure || path == NULL)
		return;
	if ((r = slurp(path, &s, &n, 4UL << 20)) == 1)
		return;
	if (r == -1 || memchr(s, '\0', n) != NULL)
		c->unsure = 1;
	else
		cfg_parse(s, n, c);
	free(s);
}

/* The files git config reads, in its order (gitdir NULL: no repository's). */
static void
cfg_load(struct gcfg *c, const char *gitdir)
{
	const char *v, *home = getenv("HOME");
	char *p;

	memset(c, 0, sizeof(*c));
	c->logall = -1;
	if (getenv("GIT_CONFIG") != NULL ||
	    getenv("GIT_CONFIG_PARAMETERS") != NULL ||
	    getenv("GIT_CONFIG_COUNT") != NULL) {
		c->unsure = 1;
		return;
	}
	if ((v = getenv("GIT_CONFIG_NOSYSTEM")) == NULL || cfg_bool(v) != 1)
		cfg_file(c, (v = getenv("GIT_CONFIG_SYSTEM")) != NULL ? v :
		    "/etc/gitconfig");
	if ((v = getenv("GIT_CONFIG_GLOBAL")) != NULL)
		cfg_file(c, v);
	else {
		if ((v = getenv("XDG_CONFIG_HOME")) != NULL && *v != '\0')
			p = xasprintf("%s/git/config", v);
		else
			p = home != NULL ? xasprintf("%s/.config/git/config",
			    home) : NULL;
		cfg_file(c, p);
		free(p);
		p = home != NULL ? xasprintf("%s/.gitconfig", home) : NULL;
		cfg_file(c, p);
		free(p);
	}
	if (gitdir != NULL) {
		p = path_join(gitdir, "config");
		cfg_file(c, p);
		free(p);
	}
}

/* ---- discovery ---- */

static int
is_dir(const char *path, struct stat *st)
{
	return stat(path, st) == 0 && S_ISDIR(st->st_mode);
}

/* Variables that move the repository or its settings: git's. */
static int
env_moves(void)
{
	static const char *const var[] = { "GIT_DIR", "GIT_WORK_TREE",
	    "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
	    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR",
	    "GIT_NAMESPACE", "GIT_CEILING_DIRECTORIES",
	    "GIT_DISCOVERY_ACROSS_FILESYSTEM", "GIT_QUARANTINE_PATH",
	    "GIT_REPLACE_REF_BASE", NULL };
	size_t i;

	for (i = 0; var[i] != NULL; i++)
		if (getenv(var[i]) != NULL)
			return 1;
	return 0;
}

/*
 * The top of the work tree above dir and its .git: 0, 1 unusual, 2
 * none (no .git up to /).
 */
static int
discover(const char *dir, char **top, char **gitdir)
{
	struct stat st, dst;
	char *cur, *git, *p, *slash;
	dev_t dev;
	int rc = 2;

	*top = *gitdir = NULL;
	if (env_moves() || (cur = realpath(dir, NULL)) == NULL)
		return 1;
	if (stat(cur, &st) == -1) {
		free(cur);
		return 1;
	}
	dev = st.st_dev;
	for (;;) {
		git = path_join(strcmp(cur, "/") == 0 ? "" : cur, ".git");
		if (lstat(git, &st) == 0) {
			rc = 1;
			if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
			    stat(cur, &dst) == -1 || dst.st_uid != geteuid())
				break;
			/* Not a repository: git would go on up. */
			/* A HEAD that is a symbolic link: git's. */
			p = path_join(git, "HEAD");
			rc = lstat(p, &st) == 0 && S_ISREG(st.st_mode) ? 0 : 1;
			free(p);
			p = path_join(git, "objects");
			rc |= !is_dir(p, &st);
			free(p);
			p = path_join(git, "refs");
			rc |= !is_dir(p, &st);
			free(p);
			if (rc == 0) {
				*top = cur;
				*gitdir = git;
				return 0;
			}
			break;
		}
		/* A bare repository on the way, or another file system. */
		p = path_join(cur, "HEAD");
		if (lstat(p, &st) == 0) {
			free(p);
			rc = 1;
			break;
		}
		free(p);
		if (strcmp(cur, "/") == 0)
			break;
		slash = strrchr(cur, '/');
		if (slash == cur)
			slash[1] = '\0';
		else
			*slash = '\0';
		if (stat(cur, &st) == -1 || st.st_dev != dev) {
			rc = 1;
			break;
		}
		free(git);
	}
	free(git);
	free(cur);
	return rc;
}

int
gitobj_open(const char *dir, struct gitobj **gp)
{
	static const char *const odd[] = { "shallow", "commondir",
	    "objects/info/alternates", "hooks/reference-transaction",
	    "refs/replace", "info/grafts", NULL };
	struct gitobj *g;
	struct stat st;
	char *top, *gitdir, *p;
	size_t i;

	*gp = NULL;
	if (discover(dir, &top, &gitdir) != 0)
		return 1;
	g = xcalloc(1, sizeof(*g));
	g->top = top;
	g->gitdir = gitdir;
	g->objdir = path_join(gitdir, "objects");
	for (i = 0; odd[i] != NULL; i++) {
		p = path_join(gitdir, odd[i]);
		if (lstat(p, &st) == 0) {
			free(p);
			gitobj_close(g);
			return 1;
		}
		free(p);
	}
	cfg_load(&g->cfg, gitdir);
	g->cfg_read = 1;
	if (g->cfg.unsure || g->cfg.unplain) {
		gitobj_close(g);
		return 1;
	}
	*gp = g;
	return 0;
}

int
gitobj_plain_commit(struct gitobj *g)
{
	return !g->cfg.unsure && !g->cfg.unplain;
}

/* ---- objects ---- */

/* Inflate exactly want bytes from in into out: 0, or -1. */
static int
inflate_all(const unsigned char *in, size_t inlen, unsigned char *out,
    size_t want, size_t *used)
{
	z_stream z;
	int r;

	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		return -1;
	z.next_in = (unsigned char *)in;
	z.avail_in = inlen > UINT32_MAX ? UINT32_MAX : (uInt)inlen;
	z.next_out = out;
	z.avail_out = (uInt)want;
	do {
		r = inflate(&z, Z_FINISH);
	} while (r == Z_OK && z.avail_out > 0);
	/* All of it out: the stream must end there, not go on. */
	if ((r == Z_OK || r == Z_BUF_ERROR) && z.avail_out == 0) {
		unsigned char extra;

		z.next_out = &extra;
		z.avail_out = 1;
		r = inflate(&z, Z_FINISH);
		if (z.avail_out == 0)
			r = Z_DATA_ERROR;
	}
	if (used != NULL)
		*used = z.total_in;
	inflateEnd(&z);
	return r == Z_STREAM_END && z.total_out == want ? 0 : -1;
}

static char *
loose_path(const struct gitobj *g, const unsigned char oid[GITOBJ_RAW])
{
	char hex[GITOBJ_HEX];

	gitobj_hex(oid, hex);
	return xasprintf("%s/%.2s/%s", g->objdir, hex, hex + 2);
}

static int
type_ok(const char *t)
{
	return strcmp(t, "commit") == 0 || strcmp(t, "tree") == 0 ||
	    strcmp(t, "blob") == 0 || strcmp(t, "tag") == 0;
}

/* A loose object: 0, 1 not there, -1 corrupt. */
static int
read_loose(struct gitobj *g, const unsigned char oid[GITOBJ_RAW],
    char type[8], unsigned char **data, size_t *len)
{
	unsigned char hdr[64], *body = NULL;
	char *path = loose_path(g, oid), *raw, *sp, *end;
	size_t n, hl;
	unsigned long long size;
	z_stream z;
	int r;

	r = slurp(path, &raw, &n, OBJ_MAX + 4096);
	free(path);
	if (r != 0)
		return r;
	/* The header first, then the body in one buffer of its size. */
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK) {
		free(raw);
		return -1;
	}
	z.next_in = (unsigned char *)raw;
	z.avail_in = (uInt)n;
	z.next_out = hdr;
	z.avail_out = sizeof(hdr);
	r = inflate(&z, Z_SYNC_FLUSH);
	hl = sizeof(hdr) - z.avail_out;
	if ((r != Z_OK && r != Z_STREAM_END) || (end = memchr(hdr, '\0',
	    hl)) == NULL || (sp = memchr(hdr, ' ', (size_t)(end -
	    (char *)hdr))) == NULL || sp - (char *)hdr >= 8) {
		inflateEnd(&z);
		free(raw);
		return -1;
	}
	memcpy(type, hdr, (size_t)(sp - (char *)hdr));
	type[sp - (char *)hdr] = '\0';
	errno = 0;
	size = strtoull(sp + 1, &sp, 10);
	if (!type_ok(type) || sp != end || errno != 0 || size > OBJ_MAX ||
	    !isdigit((unsigned char)((char *)hdr)[strlen(type) + 1])) {
		inflateEnd(&z);
		free(raw);
		return -1;
	}
	body = xmalloc((size_t)size + 1);
	hl -= (size_t)(end + 1 - (char *)hdr);
	if (hl > size) {
		r = Z_DATA_ERROR;
		goto done;
	}
	memcpy(body, end + 1, hl);
	z.next_out = body + hl;
	z.avail_out = (uInt)(size - hl + 1);
	while (r == Z_OK)
		r = inflate(&z, Z_FINISH);
	if (r == Z_BUF_ERROR && z.avail_in > 0)
		r = Z_DATA_ERROR;
done:
	if (r != Z_STREAM_END || z.total_out != (uLong)(end + 1 -
	    (char *)hdr) + size) {
		inflateEnd(&z);
		free(raw);
		free(body);
		return -1;
	}
	inflateEnd(&z);
	free(raw);
	*data = body;
	*len = (size_t)size;
	return 0;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int
map_file(const char *path, const unsigned char **p, size_t *n)
{
	struct stat st;
	void *m;
	int fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || st.st_size <= 0) {
		close(fd);
		return -1;
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return -1;
	*p = m;
	*n = (size_t)st.st_size;
	return 0;
}

/* The packs of objects/pack, their indexes checked: 0, or -1. */
static int
packs_load(struct gitobj *g)
{
	struct pack pk;
	struct dirent *de;
	DIR *d;
	char *dir, *ip, *pp;
	size_t len, nlarge;
	int rc = 0;

	g->packs_read = 1;
	dir = path_join(g->objdir, "pack");
	if ((d = opendir(dir)) == NULL) {
		free(dir);
		return errno == ENOENT ? 0 : -1;
	}
	while ((de = readdir(d)) != NULL && rc == 0) {
		len = strlen(de->d_name);
		if (len < 9 || strncmp(de->d_name, "pack-", 5) != 0 ||
		    strcmp(de->d_name + len - 4, ".idx") != 0)
			continue;
		ip = path_join(dir, de->d_name);
		pp = xasprintf("%s/%.*s.pack", dir, (int)(len - 4),
		    de->d_name);
		memset(&pk, 0, sizeof(pk));
		if (map_file(ip, &pk.idx, &pk.idxlen) == -1)
			rc = -1;
		else if (map_file(pp, &pk.pack, &pk.packlen) == -1) {
			munmap((void *)pk.idx, pk.idxlen);
			rc = -1;
		}
		free(ip);
		free(pp);
		if (rc == -1)
			break;
		/* Index v2, its size what its count says. */
		if (pk.idxlen < 8 + 1024 + 40 ||
		    memcmp(pk.idx, "\377tOc\0\0\0\2", 8) != 0)
			rc = -1;
		else {
			pk.n = be32(pk.idx + 8 + 255 * 4);
			len = 8 + 1024 + (size_t)pk.n * 28 + 40;
			nlarge = len <= pk.idxlen ? (pk.idxlen - len) / 8 : 0;
			if (len > pk.idxlen || pk.idxlen - len != nlarge * 8 ||
			    pk.packlen < 32 || memcmp(pk.pack, "PACK", 4) != 0 ||
			    be32(pk.pack + 8) != pk.n)
				rc = -1;
		}
		if (rc == -1) {
			munmap((void *)pk.idx, pk.idxlen);
			munmap((void *)pk.pack, pk.packlen);
			break;
		}
		g->packs = xreallocarray(g->packs, g->npacks + 1,
		    sizeof(*g->packs));
		g->packs[g->npacks++] = pk;
	}
	closedir(d);
	free(dir);
	return rc;
}

/* The offset of oid in pack k: 0 found, 1 not in it, -1 corrupt. */
static int
pack_find(const struct pack *pk, const unsigned char oid[GITOBJ_RAW],
    uint64_t *off)
{
	const unsigned char *fan = pk->idx + 8, *ids = fan + 1024, *o;
	uint32_t lo = oid[0] == 0 ? 0 : be32(fan + 4 * (oid[0] - 1));
	uint32_t hi = be32(fan + 4 * oid[0]), mid, v;
	size_t nlarge, large;
	int c;

	if (lo > hi || hi > pk->n)
		return -1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = memcmp(ids + (size_t)mid * 20, oid, 20)) == 0) {
			o = ids + (size_t)pk->n * 24 + (size_t)mid * 4;
			v = be32(o);
			if (!(v & 0x80000000U)) {
				*off = v;
				return 0;
			}
			large = 8 + 1024 + (size_t)pk->n * 28;
			nlarge = (pk->idxlen - large - 40) / 8;
			if ((v & 0x7fffffffU) >= nlarge)
				return -1;
			o = pk->idx + large + (size_t)(v & 0x7fffffffU) * 8;
			*off = (uint64_t)be32(o) << 32 | be32(o + 4);
			return 0;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 1;
}

/* The length of a delta's header number at *p, moved on; -1 past end. */
static int
delta_size(const unsigned char **p, const unsigned char *end, size_t *n)
{
	unsigned shift = 0;
	size_t v = 0;
	unsigned char c;

	do {
		if (*p >= end || shift > 56)
			return -1;
		c = *(*p)++;
		v |= (size_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	*n = v;
	return 0;
}

/* base with delta applied, in *out: 0, or -1. */
static int
delta_apply(const unsigned char *base, size_t blen, const unsigned char *d,
    size_t dlen, unsigned char **out, size_t *olen)
{
	const unsigned char *p = d, *end = d + dlen;
	unsigned char *r, c;
	size_t bs, rs, w = 0, off, sz;
	int i;

	if (delta_size(&p, end, &bs) == -1 || bs != blen ||
	    delta_size(&p, end, &rs) == -1 || rs > OBJ_MAX)
		return -1;
	r = xmalloc(rs + 1);
	while (p < end) {
		c = *p++;
		if (c & 0x80) {
			off = sz = 0;
			for (i = 0; i < 4; i++)
				if (c & (1 << i)) {
					if (p >= end)
						goto bad;
					off |= (size_t)*p++ << (8 * i);
				}
			for (i = 0; i < 3; i++)
				if (c & (0x10 << i)) {
					if (p >= end)
						goto bad;
					sz |= (size_t)*p++ << (8 * i);
				}
			if (sz == 0)
				sz = 0x10000;
			if (off > blen || sz > blen - off || sz > rs - w)
				goto bad;
			memcpy(r + w, base + off, sz);
			w += sz;
		} else if (c != 0) {
			if (c > (size_t)(end - p) || c > rs - w)
				goto bad;
			memcpy(r + w, p, c);
			p += c;
			w += c;
		} else
			goto bad;
	}
	if (w != rs)
		goto bad;
	*out = r;
	*olen = rs;
	return 0;
bad:
	free(r);
	return -1;
}

static int	read_any(struct gitobj *, const unsigned char [GITOBJ_RAW],
		    char [8], unsigned char **, size_t *, int);

/* The object at off in pk, deltas resolved: 0, or -1. */
static int
pack_read(struct gitobj *g, const struct pack *pk, uint64_t off, char type[8],
    unsigned char **data, size_t *len, int depth)
{
	static const char *const types[] = { NULL, "commit", "tree", "blob",
	    "tag" };
	const unsigned char *p, *end = pk->pack + pk->packlen - 20;
	unsigned char *delta, *base;
	size_t size, used, blen;
	uint64_t boff, rel;
	unsigned shift, t;
	unsigned char c;
	int r;

	if (depth > DELTA_DEPTH || off < 12 || off >= (uint64_t)(end - pk->pack))
		return -1;
	p = pk->pack + off;
	c = *p++;
	t = (c >> 4) & 7;
	size = c & 15;
	for (shift = 4; c & 0x80; shift += 7) {
		if (p >= end || shift > 56)
			return -1;
		c = *p++;
		size |= (size_t)(c & 0x7f) << shift;
	}
	if (size > OBJ_MAX)
		return -1;
	if (t >= 1 && t <= 4) {
		*data = xmalloc(size + 1);
		if (inflate_all(p, (size_t)(end - p), *data, size, NULL) == -1) {
			free(*data);
			return -1;
		}
		strcpy(type, types[t]);
		*len = size;
		return 0;
	}
	if (t == 6) {
		if (p >= end)
			return -1;
		c = *p++;
		rel = c & 0x7f;
		while (c & 0x80) {
			if (p >= end || rel > (UINT64_MAX >> 8))
				return -1;
			c = *p++;
			rel = ((rel + 1) << 7) | (c & 0x7f);
		}
		if (rel == 0 || rel > off)
			return -1;
		boff = off - rel;
		if (pack_read(g, pk, boff, type, &base, &blen, depth + 1) == -1)
			return -1;
	} else if (t == 7) {
		if ((size_t)(end - p) < 20)
			return -1;
		r = read_any(g, p, type, &base, &blen, depth + 1);
		p += 20;
		if (r != 0)
			return -1;
	} else
		return -1;
	delta = xmalloc(size + 1);
	if (inflate_all(p, (size_t)(end - p), delta, size, &used) == -1) {
		free(delta);
		free(base);
		return -1;
	}
	r = delta_apply(base, blen, delta, size, data, len);
	free(delta);
	free(base);
	return r;
}

static int
read_any(struct gitobj *g, const unsigned char oid[GITOBJ_RAW], char type[8],
    unsigned char **data, size_t *len, int depth)
{
	uint64_t off;
	size_t i;
	int r;

	if ((r = read_loose(g, oid, type, data, len)) != 1)
		return r;
	if (!g->packs_read && packs_load(g) == -1)
		return -1;
	for (i = 0; i < g->npacks; i++) {
		if ((r = pack_find(&g->packs[i], oid, &off)) == 1)
			continue;
		if (r == -1)
			return -1;
		return pack_read(g, &g->packs[i], off, type, data, len, depth);
	}
	return 1;
}

int
gitobj_read(struct gitobj *g, const unsigned char oid[GITOBJ_RAW],
    char type[8], unsigned char **data, size_t *len)
{
	unsigned char got[GITOBJ_RAW];
	int r;

	*data = NULL;
	if ((r = read_any(g, oid, type, data, len, 0)) != 0) {
		*data = NULL;	/* freed */
		return r;
	}
	/* What was read is what was asked for. */
	gitobj_hash(type, *data, *len, got);
	if (memcmp(got, oid, GITOBJ_RAW) != 0) {
		free(*data);
		*data = NULL;
		return -1;
	}
	return 0;
}

/* Whether oid is in the database, loose or packed. */
static int
has_object(struct gitobj *g, const unsigned char oid[GITOBJ_RAW])
{
	struct stat st;
	uint64_t off;
	char *path = loose_path(g, oid);
	size_t i;
	int yes = stat(path, &st) == 0;

	free(path);
	if (yes)
		return 1;
	if (!g->packs_read && packs_load(g) == -1)
		return 0;
	for (i = 0; i < g->npacks; i++)
		if (pack_find(&g->packs[i], oid, &off) == 0)
			return 1;
	return 0;
}

int
gitobj_write(struct gitobj *g, const char *type, const void *p, size_t n,
    unsigned char oid[GITOBJ_RAW])
{
	z_stream z;
	unsigned char *out = NULL;
	char hdr[64], hex[GITOBJ_HEX], *dir = NULL, *tmp = NULL, *path;
	size_t cap;
	int hl, fd = -1, rc = -1;

	gitobj_hash(type, p, n, oid);
	if (has_object(g, oid))
		return 0;
	hl = snprintf(hdr, sizeof(hdr), "%s %zu", type, n) + 1;
	memset(&z, 0, sizeof(z));
	/* core.compression's default for loose objects: best speed. */
	if (deflateInit(&z, Z_BEST_SPEED) != Z_OK)
		return -1;
	cap = deflateBound(&z, (uLong)(n + (size_t)hl));
	out = xmalloc(cap);
	z.next_out = out;
	z.avail_out = (uInt)cap;
	z.next_in = (unsigned char *)hdr;
	z.avail_in = (uInt)hl;
	if (deflate(&z, Z_NO_FLUSH) != Z_OK)
		goto out;
	z.next_in = (unsigned char *)p;
	z.avail_in = (uInt)n;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		goto out;
	gitobj_hex(oid, hex);
	dir = xasprintf("%s/%.2s", g->objdir, hex);
	if (mkdir(dir, 0777) == -1 && errno != EEXIST)
		goto out;
	tmp = xasprintf("%s/tmp_obj_XXXXXX", dir);
	if ((fd = mkstemp(tmp)) == -1)
		goto out;
	if (write(fd, out, z.total_out) != (ssize_t)z.total_out ||
	    fchmod(fd, 0444) == -1 || close(fd) == -1) {
		fd = -1;
		unlink(tmp);
		goto out;
	}
	fd = -1;
	path = xasprintf("%s/%s", dir, hex + 2);
	if (rename(tmp, path) == 0)
		rc = 0;
	else
		unlink(tmp);
	free(path);
out:
	if (fd != -1)
		close(fd);
	deflateEnd(&z);
	free(out);
	free(dir);
	free(tmp);
	return rc;
}

/* ---- refs ---- */

/* A branch name gitobj writes: refs/heads/ and plain characters. */
static int
ref_ok(const char *r)
{
	const char *p;

	if (strncmp(r, "refs/heads/", 11) != 0 || r[11] == '\0' ||
	    strstr(r, "..") != NULL || strstr(r, "//") != NULL ||
	    strstr(r, "/.") != NULL || strstr(r, ".lock") != NULL ||
	    r[strlen(r) - 1] == '/' || r[strlen(r) - 1] == '.')
		return 0;
	for (p = r; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == '~' || *p == '^' ||
		    *p == ':' || *p == '?' || *p == '*' || *p == '[' ||
		    *p == '\\' || *p == 0x7f || (p[0] == '@' && p[1] == '{'))
			return 0;
	return 1;
}

/* "<40 hex>\n": 0 with oid, else -1. */
static int
ref_value(const char *s, size_t n, unsigned char oid[GITOBJ_RAW])
{
	if (n != 41 || s[40] != '\n' || gitobj_unhex(s, oid) == -1)
		return -1;
	return 0;
}

/* ref's value, loose or packed: 0, 1 none, -1 not read with certainty. */
static int
ref_read(struct gitobj *g, const char *ref, unsigned char oid[GITOBJ_RAW])
{
	char *path = path_join(g->gitdir, ref), *s, *p, *nl;
	size_t n, rl = strlen(ref);
	int r;

	r = slurp(path, &s, &n, 4096);
	free(path);
	if (r == 0) {
		r = ref_value(s, n, oid);
		free(s);
		return r;
	}
	if (r == -1)
		return -1;
	path = path_join(g->gitdir, "packed-refs");
	r = slurp(path, &s, &n, 256UL << 20);
	free(path);
	if (r != 0)
		return r;
	for (p = s, r = 1; *p != '\0' && r == 1; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL) {
			r = -1;
			break;
		}
		if (*p == '#' || *p == '^')
			continue;
		if (nl - p < 42 || p[40] != ' ') {
			r = -1;
			break;
		}
		if ((size_t)(nl - p - 41) == rl && memcmp(p + 41, ref, rl) == 0)
			r = gitobj_unhex(p, oid) == 0 ? 0 : -1;
	}
	free(s);
	return r;
}

int
gitobj_head(struct gitobj *g, char **ref, unsigned char oid[GITOBJ_RAW])
{
	char *path = path_join(g->gitdir, "HEAD"), *s;
	size_t n;
	int r;

	*ref = NULL;
	r = slurp(path, &s, &n, 4096);
	free(path);
	if (r != 0)
		return 1;
	if (n > 5 && strncmp(s, "ref: ", 5) == 0 && s[n - 1] == '\n') {
		s[n - 1] = '\0';
		if (!ref_ok(s + 5)) {
			free(s);
			return 1;
		}
		*ref = xstrdup(s + 5);
		free(s);
		if (ref_read(g, *ref, oid) == 0)
			return 0;
		free(*ref);
		*ref = NULL;
		return 1;
	}
	r = ref_value(s, n, oid) == 0 ? 0 : 1;
	free(s);
	return r;
}

/* Append line to the reflog at logs/name (made if create): 0, or -1. */
static int
reflog_add(struct gitobj *g, const char *name, const char *line, int create)
{
	char *path = xasprintf("%s/logs/%s", g->gitdir, name), *p;
	int fd, rc = -1;
	size_t n = strlen(line);

	if ((fd = open(path, O_WRONLY | O_APPEND)) == -1 && errno == ENOENT &&
	    create) {
		/* Its directories, as git makes them. */
		for (p = path + strlen(g->gitdir) + 1; (p = strchr(p, '/')) !=
		    NULL; p++) {
			*p = '\0';
			if (mkdir(path, 0777) == -1 && errno != EEXIST) {
				*p = '/';
				free(path);
				return -1;
			}
			*p = '/';
		}
		fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0666);
	}
	if (fd == -1)
		rc = errno == ENOENT && !create ? 0 : -1;
	else {
		rc = write(fd, line, n) == (ssize_t)n ? 0 : -1;
		if (close(fd) == -1)
			rc = -1;
	}
	free(path);
	return rc;
}

int
gitobj_update_ref(struct gitobj *g, const char *ref,
    const unsigned char new[GITOBJ_RAW], const unsigned char old[GITOBJ_RAW],
    const char *ident, const char *msg)
{
	unsigned char cur[GITOBJ_RAW];
	char oh[GITOBJ_HEX], nh[GITOBJ_HEX], *file, *lock, *headref;
	const char *m;
	struct buf line = { 0 };
	int fd, r, rc = -1, wasspace, create;

	if (ref != NULL && !ref_ok(ref))
		return -1;
	file = path_join(g->gitdir, ref != NULL ? ref : "HEAD");
	lock = xasprintf("%s.lock", file);
	if ((fd = open(lock, O_WRONLY | O_CREAT | O_EXCL, 0666)) == -1) {
		rc = errno == EEXIST ? 2 : -1;
		goto out;
	}
	/* Compare under the lock (HEAD still on ref), then swap. */
	if (ref != NULL) {
		r = gitobj_head(g, &headref, cur);
		if (r == 0 && (headref == NULL || strcmp(headref, ref) != 0))
			r = 1;
		free(headref);
		if (r == 0)
			r = ref_read(g, ref, cur);
	} else {
		r = gitobj_head(g, &headref, cur);
		if (headref != NULL) {
			free(headref);
			r = 1;	/* no longer detached */
		}
	}
	if (r != 0 || memcmp(cur, old, GITOBJ_RAW) != 0) {
		rc = r == -1 ? -1 : 2;
		close(fd);
		unlink(lock);
		goto out;
	}
	gitobj_hex(new, nh);
	gitobj_hex(old, oh);
	nh[40] = '\n';
	if (write(fd, nh, 41) != 41 || close(fd) == -1) {
		unlink(lock);
		goto out;
	}
	nh[40] = '\0';
	/* git's reflog message: blanks made one space, none at the ends. */
	buf_printf(&line, "%s %s %s\t", oh, nh, ident);
	for (m = msg, wasspace = 1; *m != '\0'; m++) {
		if (wasspace && isspace((unsigned char)*m))
			continue;
		wasspace = isspace((unsigned char)*m);
		buf_addc(&line, wasspace ? ' ' : *m);
	}
	while (line.len > 0 && line.s[line.len - 1] == ' ')
		line.s[--line.len] = '\0';
	buf_addc(&line, '\n');
	/* core.logAllRefUpdates: true (a work tree's default) makes them. */
	create = g->cfg.logall != 0;
	if ((ref != NULL && reflog_add(g, ref, line.s, create) == -1) ||
	    reflog_add(g, "HEAD", line.s, create) == -1) {
		unlink(lock);
		goto out;
	}
	if (rename(lock, file) == -1) {
		unlink(lock);
		goto out;
	}
	rc = 0;
out:
	buf_free(&line);
	free(file);
	free(lock);
	return rc;
}

/* ---- identity ---- */

/* git's "crud": what it strips from the ends of a name or e-mail. */
static int
crud(unsigned char c)
{
	return c <= 32 || c == '.' || c == ',' || c == ':' || c == ';' ||
	    c == '<' || c == '>' || c == '"' || c == '\\' || c == '\'';
}

/* Whether git would take v as it is: no crud at the ends, no <>\n. */
static int
clean_ident(const char *v)
{
	size_t n = v != NULL ? strlen(v) : 0;

	return n > 0 && !crud((unsigned char)v[0]) &&
	    !crud((unsigned char)v[n - 1]) && strpbrk(v, "<>\n") == NULL;
}

/* The local time zone's offset at t as git writes it: -0130, +0200. */
static int
tz_offset(time_t t)
{
	struct tm tm;
	long long local, off;
	int sign = 1;

	if (localtime_r(&t, &tm) == NULL)
		return 0;
	/* The local broken-down time as if it were UTC, as git does. */
	local = (long long)date_days(tm.tm_year + 1900L, tm.tm_mon + 1L,
	    tm.tm_mday) * 86400 + tm.tm_hour * 3600LL + tm.tm_min * 60LL +
	    tm.tm_sec;
	if (local < (long long)t) {
		sign = -1;
		off = (long long)t - local;
	} else
		off = local - (long long)t;
	off /= 60;
	return sign * (int)(off % 60 + off / 60 * 100);
}

/* GIT_*_DATE as "@EPOCH +HHMM", the one form read here: 0, or -1. */
static int
env_date(const char *v, char *out, size_t n)
{
	const char *p = v;

	if (*p++ != '@' || !isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p))
		p++;
	if (p - v > 16 || *p != ' ' || (p[1] != '+' && p[1] != '-') ||
	    strspn(p + 2, "0123456789") != 4 || p[6] != '\0')
		return -1;
	/*
	 * What git writes as it is: no zero before the seconds, a zone of
	 * -14:00 to +14:00 with minutes below 60, +0000 not -0000 (git
	 * rewrites the others, and git fsck refuses a zero-padded date).
	 */
	if ((v[1] == '0' && p - v > 2) || p[2] > '1' || (p[2] == '1' &&
	    p[3] > '4') || p[4] > '5' || (p[1] == '-' &&
	    strcmp(p + 2, "0000") == 0))
		return -1;
	snprintf(out, n, "%s", v + 1);
	return 0;
}

static time_t	now_once = (time_t)-1;

static int
ident_of(const struct gcfg *c, int who, char *out, size_t n)
{
	const char *name, *email, *date;
	char when[64];
	time_t now;
	int tz;

	if (c->unsure)
		return 1;
	if (who == 'C') {
		name = getenv("GIT_COMMITTER_NAME");
		email = getenv("GIT_COMMITTER_EMAIL");
		date = getenv("GIT_COMMITTER_DATE");
		if (name == NULL)
			name = c->cname != NULL ? c->cname : c->uname;
		if (email == NULL)
			email = c->cemail != NULL ? c->cemail : c->uemail;
	} else {
		name = getenv("GIT_AUTHOR_NAME");
		email = getenv("GIT_AUTHOR_EMAIL");
		date = getenv("GIT_AUTHOR_DATE");
		if (name == NULL)
			name = c->aname != NULL ? c->aname : c->uname;
		if (email == NULL)
			email = c->aemail != NULL ? c->aemail : c->uemail;
	}
	if (email == NULL)
		email = getenv("EMAIL");
	/* Not UTF-8: git commit-tree would take it for Latin-1. */
	if (!clean_ident(name) || !clean_ident(email) ||
	    !utf8_valid(name, strlen(name), 0) ||
	    !utf8_valid(email, strlen(email), 0))
		return 1;
	if (date != NULL) {
		if (env_date(date, when, sizeof(when)) == -1)
			return 1;
	} else {
		/*
		 * One time for the author and the committer after him (as
		 * git commit-tree), so that a commit's two are the same.
		 */
		if (who == 'A' || now_once == (time_t)-1)
			now_once = time(NULL);
		now = now_once;
		tz = tz_offset(now);
		snprintf(when, sizeof(when), "%lld %c%04d", (long long)now,
		    tz < 0 ? '-' : '+', tz < 0 ? -tz : tz);
	}
	return snprintf(out, n, "%s <%s> %s", name, email, when) < (int)n ?
	    0 : 1;
}

int
gitobj_ident(struct gitobj *g, int who, char *out, size_t n)
{
	struct gcfg c;
	int r;

	if (g != NULL)
		return ident_of(&g->cfg, who, out, n);
	cfg_load(&c, NULL);
	r = ident_of(&c, who, out, n);
	cfg_free(&c);
	return r;
}

int
gitobj_user_name(const char *dir, char *out, size_t n)
{
	struct gcfg c;
	char *top, *gitdir;
	int r;

	if ((r = discover(dir, &top, &gitdir)) == 1)
		return 1;
	cfg_load(&c, gitdir);
	r = c.unsure;
	if (!r)
		r = snprintf(out, n, "%s", c.uname != NULL ? c.uname : "") <
		    (int)n ? 0 : 1;
	cfg_free(&c);
	free(top);
	free(gitdir);
	return r;
}

/*
 * Whether the attributes of the .gitattributes in top/dir (and the
 * repository's own) change nothing git hash-object does to a file:
 * only merge and diff attributes, no filter, text or eol.
 */
static int
attr_tok_plain(const char *t, size_t n)
{
	if (n > 0 && (*t == '-' || *t == '!')) {
		t++;
		n--;
	}
	return (n >= 5 && strncmp(t, "merge", 5) == 0 && (n == 5 ||
	    t[5] == '=')) || (n >= 4 && strncmp(t, "diff", 4) == 0 &&
	    (n == 4 || t[4] == '='));
}

static int
attr_file_plain(const char *path)
{
	char *s, *p, *nl;
	size_t n, k;
	int r, first;

	if ((r = slurp(path, &s, &n, 1UL << 20)) == 1)
		return 1;
	if (r == -1)
		return 0;
	for (p = s, r = 1; *p != '\0' && r; p = nl != NULL ? nl + 1 :
	    p + strlen(p)) {
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		p += strspn(p, " \t\r");
		if (*p == '#' || *p == '\0')
			continue;
		if (*p == '"' || *p == '[') {
			r = 0;
			break;
		}
		for (first = 1; *p != '\0'; p += k) {
			p += strspn(p, " \t\r");
			if ((k = strcspn(p, " \t\r")) == 0)
				break;
			if (!first && !attr_tok_plain(p, k))
				r = 0;
			first = 0;
		}
	}
	free(s);
	return r;
}

int
gitobj_attr_plain(struct gitobj *g, const char *dir)
{
	const char *v;
	char *p;
	int r;

	if (g->attr_checked == 0) {
		g->attr_checked = 1;
		p = path_join(g->gitdir, "info/attributes");
		r = attr_file_plain(p);
		free(p);
		if ((v = getenv("XDG_CONFIG_HOME")) != NULL && *v != '\0')
			p = xasprintf("%s/git/attributes", v);
		else if ((v = getenv("HOME")) != NULL)
			p = xasprintf("%s/.config/git/attributes", v);
		else
			p = NULL;
		if (p != NULL)
			r &= attr_file_plain(p);
		free(p);
		/* The system's, as git reads it (GIT_ATTR_NOSYSTEM aside). */
		if (getenv("GIT_ATTR_NOSYSTEM") == NULL)
			r &= attr_file_plain("/etc/gitattributes");
		if (!r)
			g->attr_checked = -1;
	}
	if (g->attr_checked == -1)
		return 0;
	p = *dir == '\0' ? path_join(g->top, ".gitattributes") :
	    xasprintf("%s/%s/.gitattributes", g->top, dir);
	r = attr_file_plain(p);
	free(p);
	return r;
}
