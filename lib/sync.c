/*
 * sync.c: the practice shared through a git remote (sync.h).
 *
 * Every step runs git as a child (git.h), in the practice root, with
 * the paths of client directories after "--".  What ipt commits is what
 * it owns: the client directories (caseload.h: a client's notes/ and any
 * other subdirectory are the client's own), in batches so that a large
 * caseload never meets the limit of an argument vector.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "caseload.h"
#include "check.h"
#include "client.h"
#include "git.h"
#include "ini.h"
#include "sync.h"
#include "util.h"

/* Client directories given to one git add. */
#define BATCH	256

struct sync {
	char			*root;		/* real path */
	char			*remote, *branch;
	char			*upstream;	/* "REMOTE/BRANCH" */
	char			**dirs;		/* client dirs, as scanned */
	size_t			 n, cap;
	struct sync_report	*r;
};

/* git ARG... NULL in the practice root; its output in out (if not NULL). */
static int
git(struct sync *s, struct buf *out, ...)
{
	const char *args[16];
	va_list ap;
	size_t k = 0;

	va_start(ap, out);
	while (k < 15 && (args[k] = va_arg(ap, const char *)) != NULL)
		k++;
	va_end(ap);
	args[k] = NULL;
	return git_run(s->root, out, args);
}

/* The line of git's output that says why it failed. */
static char *
why(const struct buf *b)
{
	const char *p, *nl, *first = NULL;
	size_t len;

	for (p = b->s != NULL ? b->s : ""; *p != '\0'; p = nl + (*nl != '\0')) {
		nl = p + strcspn(p, "\n");
		len = (size_t)(nl - p);
		if (len == 0)
			continue;
		if (first == NULL)
			first = p;
		if (strncmp(p, "fatal:", 6) == 0 || strncmp(p, "error:", 6) == 0)
			return xstrndup(p, len);
	}
	return first != NULL ? xstrndup(first, strcspn(first, "\n")) :
	    xstrdup("no message");
}

/* The first line of git's output, or NULL if it failed or said nothing. */
static char *
line_of(struct sync *s, ...)
{
	const char *args[16];
	struct buf out = { 0 };
	va_list ap;
	size_t k = 0;
	char *l = NULL;

	va_start(ap, s);
	while (k < 15 && (args[k] = va_arg(ap, const char *)) != NULL)
		k++;
	va_end(ap);
	args[k] = NULL;
	if (git_run(s->root, &out, args) == 0 && out.len > 0 &&
	    out.s[0] != '\n')
		l = xstrndup(out.s, strcspn(out.s, "\n"));
	buf_free(&out);
	return l;
}

static int
collect(const char *dir, void *arg)
{
	struct sync *s = arg;

	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 64 : 2 * s->cap;
		s->dirs = xreallocarray(s->dirs, s->cap, sizeof(*s->dirs));
	}
	s->dirs[s->n++] = xstrdup(dir);
	return 0;
}

/* A client directory as the practice root sees it. */
static const char *
rel(const struct sync *s, const char *dir)
{
	size_t len = strlen(s->root);

	if (strncmp(dir, s->root, len) != 0)
		return dir;
	if (dir[len] == '\0')
		return ".";
	return dir[len] == '/' ? dir + len + 1 : dir;
}

/* Stage every change of the client directories. */
static int
add_clients(struct sync *s)
{
	const char **args = xcalloc(BATCH + 4, sizeof(*args));
	struct buf out = { 0 };
	size_t i = 0, k;
	char *w;
	int rc = 0;

	while (i < s->n && rc == 0) {
		k = 0;
		args[k++] = "add";
		args[k++] = "-A";
		args[k++] = "--";
		for (; i < s->n && k < BATCH + 3; i++)
			args[k++] = rel(s, s->dirs[i]);
		args[k] = NULL;
		buf_reset(&out);
		if (git_run(s->root, &out, args) != 0) {
			w = why(&out);
			rc = ipt_seterr("%s: git add failed: %s", s->root, w);
			free(w);
		}
	}
	buf_free(&out);
	free(args);
	return rc;
}

static int
merging(struct sync *s)
{
	return git(s, NULL, "rev-parse", "-q", "--verify", "MERGE_HEAD",
	    NULL) == 0;
}

/*
 * Commit what the client directories hold that is not committed, and a
 * merge under way whose files are all decided.  1 if a commit was made.
 */
static int
commit_pending(struct sync *s, const char *msg)
{
	struct buf out = { 0 };
	char *w;
	int staged;

	if (add_clients(s) == -1)
		return -1;
	staged = git(s, NULL, "diff", "--cached", "--quiet", NULL) != 0;
	if (!staged && !merging(s))
		return 0;
	if (git_commit(s->root, msg, NULL, 0, &out) != 0) {
		w = why(&out);
		buf_free(&out);
		ipt_seterr("%s: git commit failed: %s", s->root, w);
		free(w);
		return -1;
	}
	buf_free(&out);
	return 1;
}

/* The files git could not merge, a line each in the report. */
static size_t
unmerged(struct sync *s)
{
	struct buf out = { 0 };
	const char *p, *nl;
	size_t n = 0;

	if (git(s, &out, "diff", "--name-only", "--diff-filter=U", NULL) != 0) {
		buf_free(&out);
		return 0;
	}
	for (p = out.s != NULL ? out.s : ""; *p != '\0'; p = nl + (*nl != '\0')) {
		nl = p + strcspn(p, "\n");
		if (nl == p)
			continue;
		buf_printf(&s->r->decide, "%.*s: changed on both sides; git "
		    "cannot merge it\n", (int)(nl - p), p);
		n++;
	}
	buf_free(&out);
	return n;
}

/* The remote: as asked, else [git] remote, the branch's, "origin". */
static char *
which_remote(struct sync *s, const char *asked)
{
	struct ini ini;
	const char *v;
	char *path, *name = NULL, *key;

	if (asked != NULL)
		return xstrdup(asked);
	path = path_join(s->root, PRACTICE_INI);
	if (ini_load(&ini, path) == 0) {
		if ((v = ini_get(&ini, "git", "remote")) != NULL && *v != '\0')
			name = xstrdup(v);
		ini_free(&ini);
	}
	free(path);
	if (name == NULL) {
		key = xasprintf("branch.%s.remote", s->branch);
		name = line_of(s, "config", "--get", key, NULL);
		free(key);
	}
	return name != NULL ? name : xstrdup("origin");
}

/* ipt check --fix of every client; what it did in the report. */
static void
fix_all(struct sync *s)
{
	struct buf log = { 0 };
	const char *p, *nl;
	size_t i;

	for (i = 0; i < s->n; i++) {
		buf_reset(&log);
		check_fix(s->dirs[i], &log);
		for (p = log.s != NULL ? log.s : ""; *p != '\0'; p = nl + 1) {
			if ((nl = strchr(p, '\n')) == NULL)
				break;
			buf_printf(&s->r->done, "%s/%.*s\n", rel(s, s->dirs[i]),
			    (int)(nl - p), p);
		}
	}
	buf_free(&log);
}

/* ipt check of every client; its errors in the report. */
static void
check_all(struct sync *s, const struct instr_set *set)
{
	struct check_ids ids = { 0 };
	struct findings f;
	size_t i, k;
	const char *path;

	for (i = 0; i < s->n; i++) {
		memset(&f, 0, sizeof(f));
		check_client(s->dirs[i], set, &f);
		check_ids_add(&ids, s->root, s->dirs[i], &f);
		for (k = 0; k < f.n; k++) {
			if (f.v[k].sev != SEV_ERROR)
				continue;
			s->r->errors++;
			path = rel(s, f.v[k].path);
			if (f.v[k].line > 0)
				buf_printf(&s->r->decide, "%s:%zu: %s\n", path,
				    f.v[k].line, f.v[k].msg);
			else
				buf_printf(&s->r->decide, "%s: %s\n", path,
				    f.v[k].msg);
		}
		findings_free(&f);
	}
	check_ids_free(&ids);
}

/* Steps 2 to 5 of sync.h, once the work tree is committed. */
static int
exchange(struct sync *s, const struct instr_set *set)
{
	struct buf out = { 0 };
	char *ref, *before = NULL, *after = NULL, *w, *msg = NULL;
	long n;
	int have, rc = -1, merged;

	if (git(s, &out, "fetch", "-q", s->remote, NULL) != 0) {
		w = why(&out);
		ipt_seterr("%s: git fetch %s failed: %s; nothing changed",
		    s->root, s->remote, w);
		free(w);
		goto out;
	}
	s->upstream = xasprintf("%s/%s", s->remote, s->branch);
	ref = xasprintf("refs/remotes/%s^{commit}", s->upstream);
	have = git(s, NULL, "rev-parse", "-q", "--verify", ref, NULL) == 0;
	free(ref);
	if (have) {
		/* With [git] sign, what comes in is signed as it must be. */
		buf_reset(&out);
		if ((n = git_verify_incoming(s->root, s->upstream, &out)) ==
		    -1) {
			w = xstrdup(ipt_error());
			ipt_seterr("%s; nothing merged", w);
			free(w);
			goto out;
		}
		if (n > 0) {
			buf_add(&s->r->decide, out.s, out.len);
			buf_printf(&s->r->advice, "nothing merged nor pushed: "
			    "%ld commit%s of %s %s not signed by an allowed "
			    "signer (listed above); find out who made %s "
			    "before anything of %s is taken in", n, n == 1 ?
			    "" : "s", s->upstream, n == 1 ? "is" : "are",
			    n == 1 ? "it" : "them", s->upstream);
			rc = 1;
			goto out;
		}
		before = line_of(s, "rev-parse", "HEAD", NULL);
		buf_reset(&out);
		if (git(s, &out, "merge", "-q", "--no-edit", "--no-commit",
		    s->upstream, NULL) != 0) {
			if (unmerged(s) > 0) {
				git(s, NULL, "merge", "--abort", NULL);
				buf_printf(&s->r->advice, "nothing merged, the "
				    "records are as they were: merge by hand "
				    "(git merge %s, decide each file listed, "
				    "git commit), then run ipt sync again",
				    s->upstream);
				rc = 1;
				goto out;
			}
			w = why(&out);
			if (merging(s))
				git(s, NULL, "merge", "--abort", NULL);
			ipt_seterr("%s: git merge %s failed: %s; nothing "
			    "merged", s->root, s->upstream, w);
			free(w);
			goto out;
		}
		after = line_of(s, "rev-parse", "HEAD", NULL);
		merged = merging(s) || before == NULL || after == NULL ||
		    strcmp(before, after) != 0;
		buf_printf(&s->r->done, merged ? "merged %s\n" :
		    "up to date with %s\n", s->upstream);
	} else
		merged = 0;
	/* 3: the history repairs what the union merge left. */
	fix_all(s);
	msg = merged ? xasprintf("ipt sync: merge of %s", s->upstream) :
	    xstrdup("ipt sync: ipt check --fix");
	if (commit_pending(s, msg) == -1)
		goto out;
	atomic_changed_clear();
	/* 4 */
	check_all(s, set);
	if (s->r->errors > 0) {
		buf_printf(&s->r->advice, "nothing pushed: %zu error%s of ipt "
		    "check; decide each (a row two clones changed differently: "
		    "ipt history --resolve ID; else correct the record), then "
		    "run ipt sync again%s", s->r->errors,
		    s->r->errors == 1 ? "" : "s",
		    merged ? " (the merge is committed here)" : "");
		rc = 1;
		goto out;
	}
	/* 5 */
	buf_reset(&out);
	if (git(s, &out, "push", "-q", "--set-upstream", s->remote,
	    s->branch, NULL) != 0) {
		w = why(&out);
		ipt_seterr("%s: git push to %s failed: %s; what is merged "
		    "is committed here: run ipt sync again", s->root,
		    s->remote, w);
		free(w);
		goto out;
	}
	buf_printf(&s->r->done, "pushed to %s\n", s->upstream);
	rc = 0;
out:
	free(before);
	free(after);
	free(msg);
	buf_free(&out);
	return rc;
}

int
sync_practice(const char *dir, const char *remote,
    const struct instr_set *set, struct sync_report *r)
{
	struct sync s;
	const char *path[1];
	char *root, *top = NULL, *url;
	size_t i;
	int rc = -1, made;

	memset(r, 0, sizeof(*r));
	memset(&s, 0, sizeof(s));
	s.r = r;
	if ((root = practice_root(dir)) == NULL)
		return ipt_seterr("%s: not in a practice (no ipt.ini here or "
		    "above): nothing to sync", dir);
	s.root = realpath(root, NULL);
	free(root);
	if (s.root == NULL)
		return ipt_seterrno("%s", dir);
	if (git_own(s.root, &top) == -1)
		goto out;
	if ((s.branch = line_of(&s, "symbolic-ref", "-q", "--short", "HEAD",
	    NULL)) == NULL) {
		ipt_seterr("%s: not on a git branch: nothing to sync", s.root);
		goto out;
	}
	s.remote = which_remote(&s, remote);
	if ((url = line_of(&s, "remote", "get-url", s.remote, NULL)) == NULL) {
		ipt_seterr("%s: no git remote %s: add one (git remote add %s "
		    "URL), or name one with --remote", s.root, s.remote,
		    s.remote);
		goto out;
	}
	free(url);
	path[0] = s.root;
	caseload_scan(path, 1, collect, NULL, &s, NULL);
	/* A merge under way: go on only once a person decided every file. */
	if (merging(&s) && unmerged(&s) > 0) {
		buf_printf(&r->advice, "a merge is under way: decide each file "
		    "listed and git add it, then run ipt sync again (or git "
		    "merge --abort)");
		rc = 1;
		goto out;
	}
	/* 1 */
	if ((made = commit_pending(&s, "ipt sync: changes not committed "
	    "yet")) == -1)
		goto out;
	if (made)
		buf_printf(&r->done, "committed the changes not committed "
		    "yet\n");
	rc = exchange(&s, set);
out:
	for (i = 0; i < s.n; i++)
		free(s.dirs[i]);
	free(s.dirs);
	free(s.root);
	free(s.remote);
	free(s.branch);
	free(s.upstream);
	free(top);
	return rc;
}

void
sync_report_free(struct sync_report *r)
{
	buf_free(&r->done);
	buf_free(&r->decide);
	buf_free(&r->advice);
}
