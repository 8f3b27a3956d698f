/*
 * client.c: client directories and client.ini.
 *
 * client.ini holds the profile and plan in [client] and the current focus
 * in [focus].  It is written whole by ini_write() and read back with
 * iniparser before it replaces the old file, so what is on disk is always
 * what iniparser returns.  Values are checked on read as well as on write:
 * a hand edit that breaks one is reported with the key, not taken as a
 * default.  Keys and sections this version does not know are kept.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "child.h"
#include "client.h"
#include "date.h"
#include "entry.h"
#include "episode.h"
#include "git.h"
#include "gitobj.h"
#include "history.h"
#include "ini.h"
#include "readahead.h"
#include "record.h"
#include "trust.h"
#include "txn.h"
#include "util.h"
#include "variant.h"
#include "walk.h"

const char *const client_statuses[] = { "active", "paused", "ended",
    "maintenance", NULL };

static int
exists(const char *dir, const char *name)
{
	struct stat st;
	char *p = path_join(dir, name);
	int rc = stat(p, &st) == 0;

	free(p);
	return rc;
}

/* What git.c needs of a client to commit its changes (git.h). */
static char	*client_id_above(const char *);

static const struct git_practice lent_to_git = {
	practice_root, client_id_above, PRACTICE_INI
};

int
client_find(const char *from, char **dir)
{
	char *cur, *p;

	git_practice(&lent_to_git);
	if (exists(from, CLIENT_INI)) {
		*dir = xstrdup(from);
		return 0;
	}
	if ((cur = realpath(from, NULL)) == NULL)
		return ipt_seterrno("%s", from);
	for (;;) {
		if (exists(cur, CLIENT_INI)) {
			*dir = cur;
			return 0;
		}
		if ((p = strrchr(cur, '/')) == NULL || p == cur)
			break;
		*p = '\0';
	}
	free(cur);
	return ipt_seterr("%s: not a client directory: no client.ini here or "
	    "above (see ipt init, or use -C DIR)", from);
}

/*
 * The nearest directory at or above path holding a file `name', as a
 * real path, or NULL.  A path not made yet starts from its nearest
 * existing parent.
 */
static char *
dir_above(const char *path, const char *name)
{
	char *cur, *p, *tmp;

	/* A directory not made yet: start from its nearest existing parent. */
	tmp = xstrdup(path);
	while ((cur = realpath(tmp, NULL)) == NULL && errno == ENOENT) {
		if ((p = strrchr(tmp, '/')) == NULL) {
			cur = realpath(".", NULL);
			break;
		}
		if (p == tmp) {
			cur = realpath("/", NULL);
			break;
		}
		*p = '\0';
	}
	free(tmp);
	if (cur == NULL)
		return NULL;
	for (;;) {
		if (exists(cur, name))
			return cur;
		if ((p = strrchr(cur, '/')) == NULL || p == cur)
			break;
		*p = '\0';
	}
	free(cur);
	return NULL;
}

static char *
root_above(const char *path)
{
	return dir_above(path, PRACTICE_INI);
}

/*
 * The practice root of the client directories a caseload scan visits.
 * A scan reaches most of them as the same directory joined with the name
 * of a subdirectory, so the root above that directory is found once (a
 * realpath() and a stat() per level above) and each client directory
 * costs one stat(), for an ipt.ini of its own.  caseload.c sets the hint
 * (see client.h); only the exact path it names takes the memo.
 */
static struct {
	char	*parent;	/* the directory the walk is in */
	char	*child;		/* the client directory it visits */
	char	*root;		/* root_above(parent), when known */
	int	 known;		/* 1: root is it; -1: not usable */
	int	 own;		/* child holds ipt.ini: 1, 0, -1 unknown */
} hint;

void
practice_root_hint(const char *parent, const char *child, int own)
{
	if (parent == NULL || hint.parent == NULL ||
	    strcmp(parent, hint.parent) != 0) {
		free(hint.parent);
		free(hint.root);
		hint.parent = parent != NULL ? xstrdup(parent) : NULL;
		hint.root = NULL;
		hint.known = 0;
	}
	free(hint.child);
	hint.child = child != NULL ? xstrdup(child) : NULL;
	hint.own = own;
}

char *
practice_root(const char *path)
{
	char *rp;

	git_practice(&lent_to_git);
	if (hint.child == NULL || strcmp(path, hint.child) != 0 ||
	    hint.known == -1)
		return root_above(path);
	/* Looked for once per visit: a command may ask more than once. */
	if (hint.own == -1)
		hint.own = exists(path, PRACTICE_INI);
	if (hint.own)
		return root_above(path);
	if (!hint.known) {
		/*
		 * root_above(child) looks in child, then in the directories
		 * above realpath(child), which are realpath(parent) and those
		 * above it (the walk saw child as a directory, not a link) --
		 * unless realpath(parent) is "/", which root_above() never
		 * looks in for a child of it.
		 */
		rp = realpath(hint.parent, NULL);
		if (rp == NULL || strcmp(rp, "/") == 0) {
			free(rp);
			hint.known = -1;
			return root_above(path);
		}
		free(rp);
		hint.root = root_above(hint.parent);
		hint.known = 1;
	}
	return hint.root != NULL ? xstrdup(hint.root) : NULL;
}

int
practice_author(const char *root)
{
	static char *const argv[] = { "git", "config", "user.name", NULL };
	char name[256] = "";
	struct ini ini;
	const char *v;
	char *path, *why;

	if (root != NULL) {
		/* Settings that do not read: no write on a guess of them. */
		path = path_join(root, PRACTICE_INI);
		if (ini_load(&ini, path) == -1) {
			if (path_exists(path)) {
				why = xstrdup(ipt_error());
				ipt_seterr("%s; nothing changed: the practice's "
				    "settings (author, autocommit) are read "
				    "before a write", why);
				free(why);
				free(path);
				return -1;
			}
		} else {
			if ((v = ini_get(&ini, "practice", "clinician")) !=
			    NULL && *v != '\0')
				snprintf(name, sizeof(name), "%s", v);
			ini_free(&ini);
		}
		free(path);
	}
	if (getenv("IPT_AUTHOR") != NULL && *getenv("IPT_AUTHOR") != '\0') {
		hist_set_author(NULL);
		return 0;
	}
	/* git config user.name, read in process when it can be. */
	if (name[0] == '\0' && gitobj_user_name(root != NULL ? root : ".",
	    name, sizeof(name)) != 0 && run_child_line(argv, root, name,
	    sizeof(name)) != 0)
		name[0] = '\0';
	hist_set_author(name[0] != '\0' ? name : NULL);
	return 0;
}

static const char *
get(const struct ini *ini, const char *sec, const char *key)
{
	const char *v = ini_get(ini, sec, key);

	return v != NULL ? v : "";
}

static int
bad(const struct client *c, const char *sec, const char *key, const char *why)
{
	return ipt_seterr("%s: [%s] %s: %s", c->ini.path, sec, key, why);
}

/* Refresh the views into the ini and check every value. */
const char *const client_profile_keys[] = { "birth_date", "diagnosis",
    "icd", "referrer", "consent_date", "emergency_contact", NULL };

/*
 * The form of an ICD-10 or ICD-11 code: three or four letters and digits
 * beginning with a letter or digit, then optionally '.' and one to four
 * more (F32.1, F43.10, 6A70.1); case as written.
 */
static int
icd_ok(const char *s)
{
	size_t n = 0, m = 0;

	while (n < 4 && ((s[n] >= 'A' && s[n] <= 'Z') ||
	    (s[n] >= '0' && s[n] <= '9')))
		n++;
	if (n < 3)
		return 0;
	if (s[n] == '\0')
		return 1;
	if (s[n] != '.')
		return 0;
	for (n++; m < 4 && ((s[n] >= 'A' && s[n] <= 'Z') ||
	    (s[n] >= '0' && s[n] <= '9')); n++)
		m++;
	return m > 0 && s[n] == '\0';
}

long
client_age(const struct client *c, long today)
{
	char t[DATE_LEN];
	long b;
	int by, bm, bd, ty, tm, td, age;

	if (*c->birth_date == '\0' || date_parse(c->birth_date, &b) == -1 ||
	    b > today)
		return -1;
	date_format(today, t);
	if (sscanf(c->birth_date, "%d-%d-%d", &by, &bm, &bd) != 3 ||
	    sscanf(t, "%d-%d-%d", &ty, &tm, &td) != 3)
		return -1;
	age = ty - by;
	if (tm < bm || (tm == bm && td < bd))
		age--;
	return age;
}

int
client_refresh(struct client *c)
{
	const struct variant *v;
	const char *s;
	char why[256];
	long n;

	s = get(&c->ini, "client", "format");
	if (*s != '\0' && strcmp(s, CLIENT_FORMAT) != 0) {
		snprintf(why, sizeof(why), "'%s' is not a format this ipt "
		    "reads (it reads %s)", s, CLIENT_FORMAT);
		return bad(c, "client", "format", why);
	}
	c->id = get(&c->ini, "client", "id");
	if (!valid_id(c->id))
		return bad(c, "client", "id", "must be letters, digits, '.', "
		    "'_' or '-', starting with a letter or digit");
	c->name = get(&c->ini, "client", "name");
	c->therapist = get(&c->ini, "client", "therapist");
	c->variant = get(&c->ini, "client", "variant");
	if (*c->variant == '\0')
		c->variant = "standard";
	if (variant_get(c->root, c->variant, &v) == -1)
		return bad(c, "client", "variant", ipt_error());
	c->start = get(&c->ini, "client", "start");
	if (date_parse(c->start, &c->start_day) == -1)
		return bad(c, "client", "start", "not a valid date (YYYY-MM-DD)");
	s = get(&c->ini, "client", "planned_sessions");
	if (parse_long(s, 1, 999, &n) == -1)
		return bad(c, "client", "planned_sessions",
		    "not a whole number from 1 to 999");
	c->planned = n;
	s = get(&c->ini, "client", "frequency_days");
	if (parse_long(s, 1, 366, &n) == -1)
		return bad(c, "client", "frequency_days",
		    "not a whole number from 1 to 366");
	c->frequency = n;
	c->status = get(&c->ini, "client", "status");
	if (*c->status == '\0')
		c->status = "active";
	if (rec_lookup(client_statuses, c->status) == -1) {
		snprintf(why, sizeof(why), "'%s' is not one of: %s", c->status,
		    rec_names(client_statuses));
		return bad(c, "client", "status", why);
	}
	c->ended_on = get(&c->ini, "client", "ended_on");
	c->end_reason = get(&c->ini, "client", "end_reason");
	c->end_day = -1;
	if (*c->ended_on != '\0' && date_parse(c->ended_on, &c->end_day) == -1)
		return bad(c, "client", "ended_on", "not a valid date");
	if (*c->end_reason != '\0' &&
	    rec_lookup(client_end_reasons, c->end_reason) == -1) {
		snprintf(why, sizeof(why), "'%s' is not one of: %s",
		    c->end_reason, rec_names(client_end_reasons));
		return bad(c, "client", "end_reason", why);
	}
	s = get(&c->ini, "client", "episode");
	c->episode = 1;
	if (*s != '\0' && parse_long(s, 1, 999, &c->episode) == -1)
		return bad(c, "client", "episode",
		    "not a whole number from 1 to 999");
	c->primary = get(&c->ini, "focus", "primary");
	c->secondary = get(&c->ini, "focus", "secondary");
	c->focus_set_on = get(&c->ini, "focus", "set_on");
	c->birth_date = get(&c->ini, "profile", "birth_date");
	c->diagnosis = get(&c->ini, "profile", "diagnosis");
	c->icd = get(&c->ini, "profile", "icd");
	c->referrer = get(&c->ini, "profile", "referrer");
	c->consent_date = get(&c->ini, "profile", "consent_date");
	c->emergency = get(&c->ini, "profile", "emergency_contact");
	if (*c->birth_date != '\0' && date_parse(c->birth_date, &n) == -1)
		return bad(c, "profile", "birth_date", "not a valid date");
	if (*c->consent_date != '\0' && date_parse(c->consent_date, &n) == -1)
		return bad(c, "profile", "consent_date", "not a valid date");
	if (*c->icd != '\0' && !icd_ok(c->icd))
		return bad(c, "profile", "icd", "not an ICD code (such as F32.1 "
		    "or 6A70.1)");
	/*
	 * Only the form of an area is checked here: a practice may define
	 * areas of its own, and `ipt check' reports one the variant lacks.
	 */
	if (*c->primary != '\0' && rec_value_error(rec_field(REC_FOCUS,
	    "primary"), c->primary, why, sizeof(why)) != NULL)
		return bad(c, "focus", "primary", "not a problem area name");
	if (*c->secondary != '\0' && rec_value_error(rec_field(REC_FOCUS,
	    "secondary"), c->secondary, why, sizeof(why)) != NULL)
		return bad(c, "focus", "secondary", "not a problem area name");
	if (*c->focus_set_on != '\0' && date_parse(c->focus_set_on, &n) == -1)
		return bad(c, "focus", "set_on", "not a valid date");
	return 0;
}

/*
 * client.ini as ini_write() writes it, read without iniparser.
 *
 * iniparser 4.1 reads only a file it opens itself, so ini_load() reads
 * client.ini twice, and it builds a hashed dictionary for a dozen keys:
 * most of what client_open() costs in a caseload scan.  A file that is
 * exactly what ini_write() writes -- a "[section]" line, then its
 * `key = "value"' lines (the value in ' quotes when it holds a "), a
 * blank line before every section but the first, every name and value
 * one that ini_set() accepts -- is read here instead.  ini.c's contract
 * is that iniparser reads such a file back exactly (every write is read
 * back and compared before it is renamed into place), so the ini is the
 * same.  Anything else (a comment, other spacing, an empty section, a
 * hand edit, a broken file) returns -1 and goes to ini_load(), whose
 * messages are unchanged.  text is changed in place.
 */
static int
parse_written(struct ini *ini, const char *path, char *text, size_t len)
{
	char *p, *nl, *e = text + len, *key, *v, *q;
	struct ini_sec *sec = NULL;
	size_t vlen, i, seccap = 0, kvcap = 0;
	int prev = 0;		/* last line: 0 none, 1 blank, 2 other */

	memset(ini, 0, sizeof(*ini));
	if (len == 0 || e[-1] != '\n' || memchr(text, '\0', len) != NULL)
		return -1;
	for (p = text; p < e; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(e - p));
		*nl = '\0';
		if (p == nl) {				/* blank */
			if (prev != 2 || sec->n == 0)
				goto no;
			prev = 1;
			continue;
		}
		if (*p == '[') {			/* [section] */
			if (prev == 2 || nl[-1] != ']' || nl - p < 3)
				goto no;
			nl[-1] = '\0';
			if (!ini_name_ok(p + 1) || ini_section(ini, p + 1) != NULL)
				goto no;
			if (ini->n == seccap) {
				seccap = seccap ? 2 * seccap : 4;
				ini->sec = xreallocarray(ini->sec, seccap,
				    sizeof(*ini->sec));
			}
			sec = &ini->sec[ini->n++];
			sec->name = xstrdup(p + 1);
			sec->n = 0;
			sec->kv = NULL;
			kvcap = 0;
			prev = 2;
			continue;
		}
		/* key = "value" */
		if (prev != 2 || sec == NULL || (q = strstr(p, " = ")) == NULL)
			goto no;
		*q = '\0';
		key = p;
		v = q + 3;
		vlen = (size_t)(nl - v);
		if (vlen < 2 || (*v != '"' && *v != '\'') || nl[-1] != *v)
			goto no;
		/* ini_write() quotes with ' exactly when the value holds a ". */
		if ((*v == '\'') != (memchr(v + 1, '"', vlen - 2) != NULL))
			goto no;
		nl[-1] = '\0';
		v++;
		/* What ini_set() checks, and no key twice. */
		if (!ini_name_ok(key) || ini_value_ok(key, v) == -1)
			goto no;
		for (i = 0; i < sec->n; i++)
			if (strcmp(sec->kv[i].key, key) == 0)
				goto no;
		if (sec->n == kvcap) {
			kvcap = kvcap ? 2 * kvcap : 16;
			sec->kv = xreallocarray(sec->kv, kvcap, sizeof(*sec->kv));
		}
		sec->kv[sec->n].key = xstrdup(key);
		sec->kv[sec->n++].val = xstrdup(v);
	}
	if (prev != 2 || sec->n == 0)
		goto no;
	ini->path = xstrdup(path);
	return 0;
no:
	ini_free(ini);
	return -1;
}

/*
 * Load client.ini: parse_written() if it can, else ini_load().  The text
 * is read here, or taken from a caller that read it ahead (readahead.h).
 */
static int
load_client_ini(struct ini *ini, const char *path)
{
	struct ra_file ra;
	struct stat st;
	char *text = NULL;
	ssize_t n = -1;
	int fd, rc = -1;

	if (ra_take(path, &ra)) {
		if (ra.err == 0 && ra.text != NULL && S_ISREG(ra.st.st_mode) &&
		    ra.st.st_size <= INI_MAXLINE * 64) {
			text = ra.text;
			n = (ssize_t)ra.len;
		} else
			free(ra.text);
	} else if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
	    O_NOFOLLOW)) != -1) {
		/* As ini_load() opens it: a FIFO there must not hang us. */
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_size <= INI_MAXLINE * 64) {
			text = xmalloc((size_t)st.st_size + 1);
			if (read(fd, text, (size_t)st.st_size + 1) != st.st_size)
				n = -1;
			else
				n = st.st_size;
		}
		close(fd);
	}
	if (text != NULL && n >= 0)
		rc = parse_written(ini, path, text, (size_t)n);
	free(text);
	if (rc == 0)
		return 0;
	/* Never through a symbolic link, as the record files. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return ipt_seterr("%s: a symbolic link: a client's records are "
		    "read only from files of its own directory", path);
	return ini_load(ini, path);
}

int
client_open(struct client *c, const char *dir)
{
	char *path;

	memset(c, 0, sizeof(*c));
	c->dir = xstrdup(dir);
	c->root = practice_root(dir);
	/* The practice's definitions first, so that a refusal says why. */
	if (trust_root(c->root) == -1) {
		client_close(c);
		return -1;
	}
	path = strcmp(dir, ".") == 0 ? xstrdup(CLIENT_INI) :
	    path_join(dir, CLIENT_INI);
	if (load_client_ini(&c->ini, path) == -1) {
		free(path);
		client_close(c);
		return -1;
	}
	free(path);
	if (client_refresh(c) == -1) {
		client_close(c);
		return -1;
	}
	return 0;
}

void
client_close(struct client *c)
{
	ini_free(&c->ini);
	free(c->dir);
	free(c->root);
	memset(c, 0, sizeof(*c));
}

/* The id of the client whose directory is or holds dir, or NULL. */
static char *
client_id_above(const char *dir)
{
	struct client c;
	char *p, *id = NULL;

	if (client_find(dir, &p) == 0) {
		if (client_open(&c, p) == 0) {
			id = xstrdup(c.id);
			client_close(&c);
		}
		free(p);
	}
	return id;
}

int
client_reload(struct client *c, const char *dir)
{
	struct client fresh;

	if (client_open(&fresh, dir) == -1)
		return -1;
	client_close(c);
	*c = fresh;
	return 0;
}

int
client_save(struct client *c)
{
	if (txn_write_ini(c->dir, &c->ini) == -1)
		return -1;
	return client_refresh(c);
}

/* mkdir p 0700; made by root, it takes its parent's owner. */
static int
mkdir_owned(const char *p)
{
	char *parent, *slash;
	int rc;

	if (mkdir(p, 0700) == -1)
		return errno == EEXIST ? 0 : ipt_seterrno("%s", p);
	if (chmod(p, 0700) == -1)	/* whatever the umask */
		return ipt_seterrno("%s", p);
	parent = xstrdup(p);
	if ((slash = strrchr(parent, '/')) == NULL)
		strcpy(parent, ".");
	else if (slash == parent)
		slash[1] = '\0';
	else
		*slash = '\0';
	rc = atomic_give_owner(p, parent);
	free(parent);
	return rc;
}

static int
mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if ((rc = mkdir_owned(p)) == -1)
			goto out;
		*s = '/';
	}
	rc = mkdir_owned(p);
out:
	free(p);
	return rc;
}

/* Whether path is a directory that holds nothing but empty ones. */
static int
empty_tree(const char *path, int depth)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	char *p;
	int empty = 1;

	if (depth > 8 || lstat(path, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    (d = opendir(path)) == NULL)
		return 0;
	while (empty && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		p = path_join(path, de->d_name);
		empty = empty_tree(p, depth + 1);
		free(p);
	}
	closedir(d);
	return empty;
}

/*
 * An existing directory a client is made in: empty (but for empty
 * directories, and files a killed init left: the lock and temporary
 * files), or adopted.  It is
 * made 0700 only if it is this user's own and not shared: a sticky or
 * group- or world-writable directory (/tmp, a share) keeps its mode and
 * is refused, as is one of another user.
 */
static int
existing_dir(const char *dir, int adopt)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	const char *n;
	char *p;
	int others = 0;

	if (stat(dir, &st) == -1)
		return errno == ENOENT ? 0 : ipt_seterrno("%s", dir);
	if ((d = opendir(dir)) == NULL)
		return ipt_seterrno("%s", dir);
	while ((de = readdir(d)) != NULL) {
		n = de->d_name;
		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 ||
		    strcmp(n, LOCK_NAME) == 0 || (n[0] == '.' &&
		    strstr(n, ".tmp.") != NULL))
			continue;
		p = path_join(dir, n);
		others += !empty_tree(p, 0);
		free(p);
	}
	closedir(d);
	if (others > 0 && !adopt)
		return ipt_seterr("%s: not empty; ipt init makes a client of "
		    "an empty or new directory (--adopt takes this one and the "
		    "files in it)", dir);
	if (st.st_uid != geteuid() && geteuid() != 0)
		return ipt_seterr("%s: owned by user %u, not by this user: a "
		    "client directory is its owner's alone", dir,
		    (unsigned)st.st_uid);
	if ((st.st_mode & (S_ISVTX | S_IWGRP | S_IWOTH)) != 0)
		return ipt_seterr("%s: a shared directory (mode %04o); ipt "
		    "does not make it private (0700): make the client in a new "
		    "directory under it", dir, (unsigned)(st.st_mode & 07777));
	if ((st.st_mode & 07777) != 0700 && chmod(dir, 0700) == -1)
		return ipt_seterrno("%s", dir);
	return 0;
}

static int
param(struct ini *ini, const char *key, const char *opt, const char *val)
{
	if (ini_set(ini, "client", key, val) == -1)
		return ipt_setusage("%s: %s", opt, ipt_error());
	return 0;
}

/* Write a small fixed file at commit unless one is there already. */
static void
put_text(struct txn *tx, const char *dir, const char *name, const char *text)
{
	if (!exists(dir, name))
		txn_save_bytes(tx, NULL, name, text, strlen(text));
}

/*
 * Whether a path's last name, "." names after it aside, is "..": such a
 * path names the directory above another, never a new client's (and the
 * client id is taken from the name).
 */
static int
ends_in_dotdot(const char *dir)
{
	size_t n = strlen(dir), b;

	for (;;) {
		while (n > 1 && dir[n - 1] == '/')
			n--;
		if (n >= 2 && dir[n - 1] == '.' && dir[n - 2] == '/')
			n -= 2;
		else
			break;
	}
	for (b = n; b > 0 && dir[b - 1] != '/'; b--)
		;
	return n - b == 2 && dir[b] == '.' && dir[b + 1] == '.';
}

static int
found_client(const char *clientdir, const char *parent, char *const *names,
    size_t n, void *arg)
{
	(void)parent;
	(void)names;
	(void)n;
	*(char **)arg = xstrdup(clientdir);
	return 1;
}

/*
 * A client directory is a leaf of the practice: refuse to make one of a
 * practice root, of a directory inside a client's, or of one holding a
 * client directory at any depth (where ipt ls would find it).
 */
static int
new_client_dir(const char *dir)
{
	struct stat st;
	const char *paths[1];
	char *other = NULL;
	int isdir;

	if (stat(dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return ipt_seterr("%s: not a directory", dir);
		isdir = 1;
	} else
		isdir = 0;
	if (isdir && exists(dir, PRACTICE_INI))
		return ipt_seterr("%s: a practice root (it holds %s), not a "
		    "client directory: make the client in a directory under "
		    "it", dir, PRACTICE_INI);
	if ((other = dir_above(dir, CLIENT_INI)) != NULL) {
		ipt_seterr("%s: inside the client directory %s", dir, other);
		free(other);
		return -1;
	}
	if (isdir) {
		paths[0] = dir;
		walk_dirs(paths, 1, CLIENT_INI, found_client, NULL, &other);
		if (other != NULL) {
			ipt_seterr("%s: holds the client directory %s, and a "
			    "client directory cannot hold another", dir, other);
			free(other);
			return -1;
		}
	}
	return 0;
}

int
client_create(const char *dir, const struct client_params *p)
{
	struct client c;
	struct txn tx;
	const struct variant *v;
	struct ini ini = { 0 };
	char *abs = NULL, *base, *root = NULL, num[32], day[DATE_LEN];
	const char *id = p->id, *vname = p->variant ? p->variant : "standard";
	long n, today;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	if (ends_in_dotdot(dir))
		return ipt_setusage("%s: a path ending in '..' names a "
		    "parent directory, not a new client's: give the client's "
		    "own directory", dir);
	if (exists(dir, CLIENT_INI))
		return ipt_seterr("%s: already a client directory (client.ini "
		    "exists; `ipt check --fix' completes one an interrupted "
		    "init left)", dir);
	if (new_client_dir(dir) == -1)
		return -1;
	if (id == NULL) {
		if ((abs = realpath(dir, NULL)) == NULL && errno != ENOENT)
			return ipt_seterrno("%s", dir);
		base = strrchr(abs != NULL ? abs : dir, '/');
		id = base != NULL ? base + 1 : (abs != NULL ? abs : dir);
		if (!valid_id(id)) {
			ipt_setusage("'%s': the directory name is not a valid "
			    "client id; give one with --id", id);
			goto out;
		}
	} else if (!valid_id(id)) {
		ipt_setusage("--id: '%s' must be letters, digits, '.', '_' or "
		    "'-', starting with a letter or digit (at most 64)", id);
		goto out;
	}
	ini_set(&ini, "client", "format", CLIENT_FORMAT);
	ini_set(&ini, "client", "id", id);
	if (param(&ini, "name", "--name", p->name ? p->name : "") == -1)
		goto out;
	root = practice_root(dir);
	if (variant_get(root, vname, &v) == -1) {
		if (ipt_errkind() == IPT_EUSAGE)
			ipt_setusage("--variant: %s", ipt_error());
		goto out;
	}
	ini_set(&ini, "client", "variant", vname);
	if (p->start != NULL) {
		if (date_parse(p->start, &n) == -1) {
			ipt_setusage("--start: '%s' is not a valid date "
			    "(YYYY-MM-DD)", p->start);
			goto out;
		}
		ini_set(&ini, "client", "start", p->start);
	} else {
		if (date_today(&today) == -1)
			goto out;
		date_format(today, day);
		ini_set(&ini, "client", "start", day);
	}
	if (p->sessions != NULL) {
		if (parse_long(p->sessions, 1, 999, &n) == -1) {
			ipt_setusage("--sessions: '%s' is not a whole number "
			    "from 1 to 999", p->sessions);
			goto out;
		}
	} else
		n = v->sessions;
	if (variant_plan_ok(v, n) == -1)
		goto out;
	snprintf(num, sizeof(num), "%ld", n);
	ini_set(&ini, "client", "planned_sessions", num);
	if (p->frequency != NULL) {
		if (parse_long(p->frequency, 1, 366, &n) == -1) {
			ipt_setusage("--frequency: '%s' is not a whole number "
			    "of days from 1 to 366", p->frequency);
			goto out;
		}
	} else
		n = v->frequency;
	snprintf(num, sizeof(num), "%ld", n);
	ini_set(&ini, "client", "frequency_days", num);
	if (param(&ini, "therapist", "--therapist",
	    p->therapist ? p->therapist : "") == -1)
		goto out;
	ini_set(&ini, "client", "status", "active");
	ini_set(&ini, "focus", "primary", "");
	ini_set(&ini, "focus", "secondary", "");
	ini_set(&ini, "focus", "set_on", "");
	if (existing_dir(dir, p->adopt) == -1 || mkdirs(dir) == -1)
		goto out;
	if (txn_begin(&tx, dir) == -1)
		goto out;
	if (exists(dir, CLIENT_INI))
		ipt_seterr("%s: already a client directory", dir);
	else {
		ini.path = path_join(dir, CLIENT_INI);
		/* client.ini first: the client exists from its rename on. */
		txn_save_ini(&tx, &ini);
		/* For git: union merges of the CSVs; no lock or temp files. */
		put_text(&tx, dir, ".gitattributes", git_attributes);
		put_text(&tx, dir, ".gitignore", git_ignore);
		if ((rc = txn_commit(&tx)) == 0)
			git_note("client created");
	}
	txn_abort(&tx);
out:
	ini_free(&ini);
	free(abs);
	free(root);
	return rc;
}

/*
 * The end of treatment of `ipt plan --status ended': its day (end, "" if
 * the status is not ended) and reason, checked against the record.
 */
static int
plan_end(const struct client *c, const struct plan_input *p,
    const struct csv_table *sessions, long start, char end[DATE_LEN])
{
	char why[ENTRY_WHY];
	long day, today;

	if (p->status == NULL || strcmp(p->status, "ended") != 0) {
		if (p->date != NULL || p->reason != NULL)
			return ipt_setusage("%s: only with --status ended",
			    p->date != NULL ? "--date" : "--reason");
		return 0;
	}
	if (strcmp(c->status, "ended") == 0)
		return ipt_seterr("%s: the therapy ended already (on %s): "
		    "change its status first to start again", c->ini.path,
		    *c->ended_on ? c->ended_on : "a day not recorded");
	if (p->reason == NULL)
		return ipt_setusage("--status ended needs --reason: one of %s",
		    rec_names(client_end_reasons));
	if (rec_lookup(client_end_reasons, p->reason) == -1)
		return ipt_setusage("--reason: '%s' is not one of: %s",
		    p->reason, rec_names(client_end_reasons));
	if (date_today(&today) == -1)
		return -1;
	day = today;
	if (p->date != NULL && date_parse(p->date, &day) == -1)
		return ipt_setusage("--date: '%s' is not a valid date "
		    "(YYYY-MM-DD)", p->date);
	if (entry_past(day, today, why) == -1 ||
	    entry_end(sessions, start, day, why) == -1)
		return ipt_setusage("--date: %s", why);
	date_format(day, end);
	return 0;
}

/*
 * A client whose therapy ended comes back: a new episode (episode.h)
 * starts on *start (--start, else today), after the end of the one
 * that ended and not after today, and that one is appended to
 * episodes.csv with its plan and focus.
 */
static int
plan_return(const struct client *c, const struct plan_input *p,
    struct txn *tx, struct csv_table *eps, long *start)
{
	const struct csv_table *all;
	char a[DATE_LEN], b[DATE_LEN], num[24];
	size_t i, row;
	long end, today, d;

	if (date_today(&today) == -1)
		return -1;
	if (p->start == NULL)
		*start = today;
	if ((all = txn_load(tx, REC_SESSIONS)) == NULL)
		return -1;
	/* An end not recorded: the last session, else the start. */
	if ((end = c->end_day) < 0)
		for (end = c->start_day, i = 0; i < all->nrows; i++)
			if (date_parse(csv_get(all, i, "date"), &d) == 0 &&
			    d > end)
				end = d;
	date_format(*start, a);
	date_format(end, b);
	if (*start <= end)
		return ipt_setusage("--start: %s is not after the end of "
		    "episode %ld (%s)", a, c->episode, b);
	if (*start > today)
		return ipt_setusage("--start: %s is after today: a new "
		    "episode starts on a day that has come", a);
	snprintf(num, sizeof(num), "%ld", c->episode);
	/* A row a write stopped before client.ini left is written again. */
	if (eps->nrows > 0 && strcmp(csv_get(eps, eps->nrows - 1,
	    "episode"), num) == 0)
		row = eps->nrows - 1;
	else
		row = csv_append(eps);
	csv_set(eps, row, "episode", num);
	csv_set(eps, row, "start", c->start);
	csv_set(eps, row, "ended_on", b);
	csv_set(eps, row, "end_reason", *c->end_reason != '\0' ?
	    c->end_reason : "other");
	csv_set(eps, row, "variant", c->variant);
	snprintf(num, sizeof(num), "%ld", c->planned);
	csv_set(eps, row, "planned_sessions", num);
	snprintf(num, sizeof(num), "%ld", c->frequency);
	csv_set(eps, row, "frequency_days", num);
	csv_set(eps, row, "primary", c->primary);
	csv_set(eps, row, "secondary", c->secondary);
	return 0;
}

/* Set (or, for "", remove) one value of [profile]; a usage error for opt. */
static int
profile_set(struct ini *ini, const char *key, const char *opt,
    const char *val)
{
	if (val == NULL)
		return 0;
	if (*val == '\0') {
		ini_unset(ini, "profile", key);
		return 0;
	}
	if (val[strspn(val, " \t")] == '\0')
		return ipt_setusage("%s: is blank (\"\" removes it)", opt);
	if (ini_set(ini, "profile", key, val) == -1)
		return ipt_setusage("%s: %s", opt, ipt_error());
	return 0;
}

/* The profile given to ipt plan, checked, into c->ini. */
static int
profile(struct client *c, const struct plan_input *p)
{
	long d, today;

	if (date_today(&today) == -1)
		return -1;
	if (p->birth_date != NULL && *p->birth_date != '\0' &&
	    (date_parse(p->birth_date, &d) == -1 || d > today))
		return ipt_setusage("--birth-date: '%s' is not a valid date "
		    "(YYYY-MM-DD) up to today", p->birth_date);
	if (p->consent_date != NULL && *p->consent_date != '\0' &&
	    (date_parse(p->consent_date, &d) == -1 || d > today))
		return ipt_setusage("--consent-date: '%s' is not a valid date "
		    "(YYYY-MM-DD) up to today", p->consent_date);
	if (p->icd != NULL && *p->icd != '\0' && !icd_ok(p->icd))
		return ipt_setusage("--icd: '%s' is not an ICD code (such as "
		    "F32.1 or 6A70.1)", p->icd);
	if (profile_set(&c->ini, "birth_date", "--birth-date",
	    p->birth_date) == -1 ||
	    profile_set(&c->ini, "diagnosis", "--diagnosis",
	    p->diagnosis) == -1 ||
	    profile_set(&c->ini, "icd", "--icd", p->icd) == -1 ||
	    profile_set(&c->ini, "referrer", "--referrer", p->referrer) == -1 ||
	    profile_set(&c->ini, "consent_date", "--consent-date",
	    p->consent_date) == -1 ||
	    profile_set(&c->ini, "emergency_contact", "--emergency-contact",
	    p->emergency) == -1)
		return -1;
	return 0;
}

int
client_update(struct client *c, const struct plan_input *p)
{
	struct txn tx;
	const struct variant *v;
	const struct csv_table *sessions = NULL;
	struct csv_table *eps, cursess = { 0 };
	struct episode cur = { 0 };
	const char *vname;
	char why[ENTRY_WHY], end[DATE_LEN] = "", num[24];
	long n, planned, start = 0;
	int rc = -1, newep;

	if (txn_begin(&tx, c->dir) == -1)
		return -1;
	if (client_reload(c, tx.dir) == -1)
		goto out;
	/*
	 * After the end: active starts a new episode; maintenance is the
	 * contract that follows the acute treatment that ended, the same
	 * episode (its end cleared); paused is refused (nothing to pause).
	 */
	newep = p->status != NULL && strcmp(c->status, "ended") == 0 &&
	    strcmp(p->status, "active") == 0;
	if (p->status != NULL && strcmp(c->status, "ended") == 0 &&
	    strcmp(p->status, "paused") == 0) {
		ipt_setusage("--status paused: the therapy has ended: a new "
		    "episode starts with --status active");
		goto out;
	}
	vname = p->variant != NULL ? p->variant : c->variant;
	if (variant_get(c->root, vname, &v) == -1) {
		if (ipt_errkind() == IPT_EUSAGE)
			ipt_setusage("--variant: %s", ipt_error());
		goto out;
	}
	if (p->status != NULL && rec_lookup(client_statuses, p->status) == -1) {
		ipt_setusage("--status: '%s' is not one of: %s", p->status,
		    rec_names(client_statuses));
		goto out;
	}
	planned = c->planned;
	if (p->sessions != NULL &&
	    parse_long(p->sessions, 1, 999, &planned) == -1) {
		ipt_setusage("--sessions: '%s' is not a whole number from 1 "
		    "to 999", p->sessions);
		goto out;
	}
	if ((p->sessions != NULL || p->variant != NULL) &&
	    variant_plan_ok(v, planned) == -1)
		goto out;
	if (p->variant != NULL && !newep && ((*c->primary != '\0' &&
	    variant_area_ok(v, c->primary) == -1) ||
	    (*c->secondary != '\0' && variant_area_ok(v, c->secondary) == -1))) {
		ipt_setusage("--variant: the focus %s%s%s is not a problem area "
		    "of the %s variant: set a new focus first", c->primary,
		    *c->secondary ? " or " : "", c->secondary, v->name);
		goto out;
	}
	if (p->frequency != NULL &&
	    parse_long(p->frequency, 1, 366, &n) == -1) {
		ipt_setusage("--frequency: '%s' is not a whole number of days "
		    "from 1 to 366", p->frequency);
		goto out;
	}
	if (p->start != NULL && date_parse(p->start, &n) == -1) {
		ipt_setusage("--start: '%s' is not a valid date (YYYY-MM-DD)",
		    p->start);
		goto out;
	}
	if (p->start != NULL || p->status != NULL) {
		if ((sessions = txn_load(&tx, REC_SESSIONS)) == NULL ||
		    (eps = txn_load(&tx, REC_EPISODES)) == NULL)
			goto out;
		/* The sessions of the current episode (episode.h). */
		cur.after = episodes_since(eps);
		cur.end = -1;
		episode_rows(sessions, "date", &cur, &cursess);
		sessions = &cursess;
		start = c->start_day;
		if (p->start != NULL)
			date_parse(p->start, &start);
		if (newep) {
			if (plan_return(c, p, &tx, eps, &start) == -1)
				goto out;
		} else if (p->start != NULL && cur.after >= 0 &&
		    start <= cur.after) {
			date_format(cur.after, end);
			ipt_setusage("--start: %s is not after the end of "
			    "episode %ld (%s)", p->start, c->episode - 1, end);
			goto out;
		} else if (p->start != NULL &&
		    entry_start(sessions, start, why) == -1) {
			ipt_setusage("--start: %s", why);
			goto out;
		}
	}
	if (!newep && plan_end(c, p, sessions, start, end) == -1)
		goto out;
	if ((p->name != NULL && param(&c->ini, "name", "--name",
	    p->name) == -1) ||
	    (p->therapist != NULL && param(&c->ini, "therapist",
	    "--therapist", p->therapist) == -1))
		goto out;
	if (profile(c, p) == -1)
		goto out;
	if (p->variant != NULL)
		ini_set(&c->ini, "client", "variant", p->variant);
	if (newep) {
		/* The focus is chosen anew; episodes.csv keeps the old one. */
		snprintf(num, sizeof(num), "%ld", c->episode + 1);
		ini_set(&c->ini, "client", "episode", num);
		date_format(start, end);
		ini_set(&c->ini, "client", "start", end);
		ini_set(&c->ini, "focus", "primary", "");
		ini_set(&c->ini, "focus", "secondary", "");
		ini_set(&c->ini, "focus", "set_on", "");
		*end = '\0';
	}
	if (p->status != NULL) {
		ini_set(&c->ini, "client", "status", p->status);
		/* Ending records when and why; any other status clears them. */
		if (*end != '\0') {
			ini_set(&c->ini, "client", "ended_on", end);
			ini_set(&c->ini, "client", "end_reason", p->reason);
		} else {
			ini_unset(&c->ini, "client", "ended_on");
			ini_unset(&c->ini, "client", "end_reason");
		}
	}
	if (p->sessions != NULL)
		ini_set(&c->ini, "client", "planned_sessions", p->sessions);
	if (p->frequency != NULL)
		ini_set(&c->ini, "client", "frequency_days", p->frequency);
	if (p->start != NULL && !newep)
		ini_set(&c->ini, "client", "start", p->start);
	/* episodes.csv first: until client.ini names the new episode,
	 * ipt check reports the two as out of step. */
	if (newep)
		txn_save(&tx, REC_EPISODES);
	txn_save_ini(&tx, &c->ini);
	if ((rc = txn_commit(&tx)) == 0) {
		git_note("plan changed");
		rc = client_refresh(c);
	}
out:
	txn_abort(&tx);
	csv_free_table(&cursess);
	return rc;
}
