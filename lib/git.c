/*
 * git.c: autocommit of the files a command changed (see git.h).
 *
 * git runs as a child process with a fixed argument vector (no shell), in
 * the practice root, with paths given after "--" so that no file name
 * can be taken for an option.  A commit that fails because another git
 * holds the index lock is retried with a growing pause.
 */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "git.h"
#include "ini.h"
#include "util.h"

const char git_attributes[] =
    "# Written by ipt init.  history.csv is only ever added to, so a\n"
    "# union merge keeps both clones' changes; the other files follow\n"
    "# it.  After a merge run `ipt check --fix': it repairs the records\n"
    "# from the history and lists any conflict for you to decide.\n"
    "*.csv merge=union\n"
    "notes/*.md merge=union\n";

const char git_ignore[] =
    "# Written by ipt init: the lock and temporary files of writes.\n"
    ".ipt.lock\n"
    ".*.tmp.*\n"
    "notes/.edit-*\n";

static char	note[256];
static const struct git_practice *practice;

void
git_practice(const struct git_practice *p)
{
	practice = p;
}

void
git_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(note, sizeof(note), fmt, ap);
	va_end(ap);
}

/*
 * The fork, exec and wait of git are run_child()'s.  (Included here, not
 * atop the file, to leave the include block to its own change.)
 */
#include "child.h"

/* Run git with argv in dir, its output discarded; its exit status. */
static int
run_git(const char *dir, char *const argv[])
{
	return run_child(argv, dir, CHILD_QUIET);
}

/* What ipt.ini's [git] says; strings NULL when not set. */
struct conf {
	int	 autocommit, sign;
	char	*repo;		/* real path of the repository allowed */
	char	*key;		/* signing_key */
	char	*allowed;	/* allowed_signers */
};

static int
yes(const char *v)
{
	return v != NULL && (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 ||
	    strcmp(v, "1") == 0);
}

/*
 * root's settings: whether they ask for autocommit and signing, the top
 * of the repository they allow commits in ([git] repository, relative to
 * root; by default root itself) as a real path, NULL if it does not
 * exist, and the signing key.  Returns whether autocommit is asked for.
 */
static int
conf_load(const char *root, struct conf *c)
{
	struct ini ini;
	const char *v;
	char *path = path_join(root, practice != NULL ? practice->config :
	    "ipt.ini"), *top;

	memset(c, 0, sizeof(*c));
	if (ini_load(&ini, path) == 0) {
		c->autocommit = yes(ini_get(&ini, "git", "autocommit"));
		c->sign = yes(ini_get(&ini, "git", "sign"));
		if ((v = ini_get(&ini, "git", "signing_key")) != NULL &&
		    *v != '\0')
			c->key = *v == '/' || strncmp(v, "key::", 5) == 0 ?
			    xstrdup(v) :
			    path_join(root, v);
		if ((v = ini_get(&ini, "git", "allowed_signers")) != NULL &&
		    *v != '\0')
			c->allowed = *v == '/' ? xstrdup(v) : path_join(root, v);
		v = ini_get(&ini, "git", "repository");
		top = v == NULL || *v == '\0' ? xstrdup(root) : *v == '/' ?
		    xstrdup(v) : path_join(root, v);
		c->repo = realpath(top, NULL);
		free(top);
		ini_free(&ini);
	}
	free(path);
	return c->autocommit;
}

static void
conf_free(struct conf *c)
{
	free(c->repo);
	free(c->key);
	free(c->allowed);
}

/* Whether root's settings ask for autocommit; *repo as conf_load()'s. */
static int
wanted(const char *root, char **repo)
{
	struct conf c;
	int rc = conf_load(root, &c);

	*repo = c.repo;
	c.repo = NULL;
	conf_free(&c);
	return rc;
}

/* git rev-parse WHAT in dir, as a real path, or NULL. */
static char *
rev_parse(const char *dir, const char *what)
{
	char *argv[] = { (char *)"git", (char *)"rev-parse", (char *)what,
	    NULL }, line[PATH_MAX + 2];

	if (run_child_line(argv, dir, line, sizeof(line)) != 0 ||
	    line[0] == '\0')
		return NULL;
	return realpath(line, NULL);
}

/*
 * The repository autocommit may commit to from root: the one whose top
 * is root, or is what [git] repository names.  0 with *top set, or -1
 * with why: not a work tree, or someone else's (a practice inside a
 * dotfiles repository in $HOME must not end up in it).
 */
static int
own_repo(const char *root, const char *repo, char **top)
{
	if ((*top = rev_parse(root, "--show-toplevel")) == NULL)
		return ipt_seterr("%s: not in a git work tree: nothing "
		    "committed (the records are saved)", root);
	if (repo == NULL || strcmp(*top, repo) != 0) {
		ipt_seterr("%s: in the git repository of %s, not the "
		    "practice's own: nothing committed (the records are "
		    "saved); set [git] repository in %s to commit there",
		    root, *top, practice != NULL ? practice->config :
		    "ipt.ini");
		free(*top);
		*top = NULL;
		return -1;
	}
	return 0;
}

int
git_ready(const char *root)
{
	char *argv[] = { (char *)"git", (char *)"var",
	    (char *)"GIT_COMMITTER_IDENT", NULL }, *repo, *top, line[512];
	int rc = 0;

	if (practice == NULL || root == NULL)
		return 0;
	if (!wanted(root, &repo)) {
		free(repo);
		return 0;
	}
	/* Not the practice's repository: the commit is skipped, and said. */
	if (own_repo(root, repo, &top) == 0) {
		if (run_child_line(argv, root, line, sizeof(line)) != 0)
			rc = ipt_seterr("%s: git has no identity to commit "
			    "with (user.name and user.email): set them with git "
			    "config, or autocommit = \"no\" in %s; nothing "
			    "changed", top, practice->config);
		free(top);
	}
	free(repo);
	return rc;
}

/* Whether the index of the repository at top is locked by another git. */
static int
index_locked(const char *top)
{
	char *gitdir = rev_parse(top, "--absolute-git-dir"), *lock;
	int yes;

	if (gitdir == NULL)
		return 0;
	lock = path_join(gitdir, "index.lock");
	yes = path_exists(lock);
	free(lock);
	free(gitdir);
	return yes;
}

/* The client id of the directory holding a changed file, or "ipt". */
static char *
client_id_of(const char *file)
{
	char *dir = xstrdup(file), *p, *id;

	if ((p = strrchr(dir, '/')) != NULL)
		*p = '\0';
	else
		strcpy(dir, ".");
	id = practice->id(dir);
	free(dir);
	return id != NULL ? id : xstrdup("ipt");
}

/* The directory of a file of a client's records, or NULL. */
static char *
client_dir_of(const char *file)
{
	char *dir = xstrdup(file), *p, *id;

	if ((p = strrchr(dir, '/')) != NULL)
		*p = '\0';
	else
		strcpy(dir, ".");
	if ((id = practice->id(dir)) == NULL) {
		free(dir);
		return NULL;
	}
	free(id);
	return dir;
}

/* {git, words..., "--", paths..., NULL}; the strings are borrowed. */
static char **
git_argv(const char *const *words, size_t nw, char **paths, size_t np)
{
	char **argv = xcalloc(nw + np + 3, sizeof(*argv));
	size_t i, k = 0;

	argv[k++] = (char *)"git";
	for (i = 0; i < nw; i++)
		argv[k++] = (char *)words[i];
	argv[k++] = (char *)"--";
	for (i = 0; i < np; i++)
		argv[k++] = paths[i];
	argv[k] = NULL;
	return argv;
}

/* The first word of each of the first n lines of b, into w[]. */
static size_t
words(const struct buf *b, char w[][72], size_t n)
{
	const char *p = b->s != NULL ? b->s : "";
	size_t i, len;

	for (i = 0; i < n && *p != '\0'; i++) {
		len = strcspn(p, " \t\n");
		if (len == 0 || len >= sizeof(w[0]))
			return i;
		memcpy(w[i], p, len);
		w[i][len] = '\0';
		p += strcspn(p, "\n");
		if (*p == '\n')
			p++;
	}
	return i;
}

/* git with args in root; the first word of its output in w. */
static int
git_word(const char *root, const char *const *args, char w[72])
{
	struct buf out = { 0 };
	char one[1][72];
	int rc;

	rc = git_run(root, &out, args) == 0 && words(&out, one, 1) == 1 ?
	    0 : -1;
	if (rc == 0)
		memcpy(w, one[0], 72);
	buf_free(&out);
	return rc;
}

/*
 * git_run() with an index that cannot exist: git diff-tree, which
 * compares two trees, otherwise reads the whole index first.
 */
static int
no_index_run(const char *root, struct buf *out, const char *const *args)
{
	const char *v = getenv("GIT_INDEX_FILE");
	char *was = v != NULL ? xstrdup(v) : NULL;
	char *none = path_join(root, ".ipt-no-index");	/* never made */
	int rc;

	if (path_exists(none) || setenv("GIT_INDEX_FILE", none, 1) == -1) {
		free(none);
		free(was);
		return 1;
	}
	free(none);
	rc = git_run(root, out, args);
	if (was != NULL)
		setenv("GIT_INDEX_FILE", was, 1);
	else
		unsetenv("GIT_INDEX_FILE");
	free(was);
	return rc;
}

/* Whether every line of b is one of paths. */
static int
only(const struct buf *b, char **paths, size_t np)
{
	const char *p, *nl;
	size_t i;

	for (p = b->s != NULL ? b->s : ""; (nl = strchr(p, '\n')) != NULL;
	    p = nl + 1) {
		for (i = 0; i < np; i++)
			if (strlen(paths[i]) == (size_t)(nl - p) &&
			    strncmp(paths[i], p, (size_t)(nl - p)) == 0)
				break;
		if (i == np)
			return 0;
	}
	return 1;
}

/*
 * The commit of just paths without git commit, which refreshes the whole
 * index (a stat of every file of the practice) and writes it twice: the
 * index entries of the paths updated (git update-index), the tree written
 * from the index (git write-tree, which recomputes only the directories
 * changed), and a commit of it on HEAD (git commit-tree, git update-ref
 * from the HEAD it read, so that a commit made meanwhile is never lost).
 * Only when the tree differs from HEAD's in those paths alone: with
 * something else staged, the caller's git commit --only keeps it out.  0 done, 1 not possible (the caller
 * commits with git commit), -1 git failed.
 */
static int
fast_commit(const char *root, const char *msg, char **paths, size_t np)
{
	const char *rp[] = { "rev-parse", "HEAD", "HEAD^{tree}", NULL },
	    *wt[] = { "write-tree", NULL };
	const char **args;
	struct buf out = { 0 };
	struct conf c;
	char w[2][72], t1[72], commit[72], *keyopt = NULL, *reflog;
	size_t i, k = 0;
	int rc = 1;

	if (git_run(root, &out, rp) != 0 || words(&out, w, 2) != 2) {
		buf_free(&out);
		return 1;	/* no commit yet */
	}
	buf_free(&out);
	args = xcalloc(np + 16, sizeof(*args));
	args[k++] = "update-index";
	args[k++] = "--add";
	args[k++] = "--remove";
	args[k++] = "--";
	for (i = 0; i < np; i++)
		args[k++] = paths[i];
	args[k] = NULL;
	if (git_run(root, NULL, args) != 0 || git_word(root, wt, t1) == -1) {
		free(args);
		return -1;
	}
	if (strcmp(t1, w[1]) == 0) {
		free(args);
		return 0;	/* the files are as committed */
	}
	/*
	 * Something else staged (the tree differs in other paths): git
	 * commit --only keeps it out.  diff-tree compares two trees, never
	 * the index, and descends only into what differs.
	 */
	k = 0;
	args[k++] = "diff-tree";
	args[k++] = "-r";
	args[k++] = "--name-only";
	args[k++] = "--no-renames";
	args[k++] = w[1];
	args[k++] = t1;
	args[k] = NULL;
	if (no_index_run(root, &out, args) != 0 || !only(&out, paths, np)) {
		buf_free(&out);
		free(args);
		return 1;
	}
	buf_free(&out);
	conf_load(root, &c);
	k = 0;
	if (c.sign) {
		args[k++] = "-c";
		args[k++] = "gpg.format=ssh";
		if (c.key != NULL) {
			keyopt = xasprintf("user.signingkey=%s", c.key);
			args[k++] = "-c";
			args[k++] = keyopt;
		}
	}
	args[k++] = "commit-tree";
	if (c.sign)
		args[k++] = "-S";
	args[k++] = "-p";
	args[k++] = w[0];
	args[k++] = "-m";
	args[k++] = msg;
	args[k++] = t1;
	args[k] = NULL;
	reflog = xasprintf("commit: %s", msg);
	if (git_word(root, args, commit) == -1)
		rc = -1;
	else {
		k = 0;
		args[k++] = "update-ref";
		args[k++] = "-m";
		args[k++] = reflog;
		args[k++] = "HEAD";
		args[k++] = commit;
		args[k++] = w[0];
		args[k] = NULL;
		rc = git_run(root, NULL, args) == 0 ? 0 : -1;
	}
	free(reflog);
	free(keyopt);
	free(args);
	conf_free(&c);
	return rc;
}

int
git_autocommit(const char *action)
{
	const char *const *files;
	const char *add[1] = { "add" };
	char **paths = NULL, **argv_add = NULL;
	char *root = NULL, *msg = NULL, *id, *abs, *dir, *repo = NULL;
	char *top = NULL;
	const char *first = NULL;
	size_t n, i, np = 0, len;
	struct timespec ts;
	int rc = 0, tries, fast;

	files = atomic_changed(&n);
	if (n == 0 || practice == NULL)
		return 0;
	/*
	 * Only the records of clients: what else a command writes (an
	 * export's --output, even inside the practice) is not committed.
	 */
	for (i = 0; i < n && first == NULL; i++)
		if ((dir = client_dir_of(files[i])) != NULL) {
			root = practice->root(dir);
			first = files[i];
			free(dir);
		}
	if (root == NULL || !wanted(root, &repo))
		goto out;
	if (own_repo(root, repo, &top) == -1) {
		rc = -1;
		goto out;
	}
	id = client_id_of(first);
	msg = xasprintf("%s: %s", id, *note != '\0' ? note : action);
	free(id);
	/* Paths relative to the practice root, where git runs. */
	paths = xcalloc(n, sizeof(*paths));
	len = strlen(root);
	for (i = 0; i < n; i++) {
		if ((dir = client_dir_of(files[i])) == NULL)
			continue;
		free(dir);
		if ((abs = realpath(files[i], NULL)) == NULL)
			continue;
		paths[np++] = strncmp(abs, root, len) == 0 && abs[len] == '/' ?
		    xstrdup(abs + len + 1) : xstrdup(abs);
		free(abs);
	}
	argv_add = git_argv(add, 1, paths, np);
	for (tries = 0;; tries++) {
		if ((fast = fast_commit(root, msg, paths, np)) == 0)
			break;
		if (fast == 1 && run_git(root, argv_add) == 0 &&
		    git_commit(root, msg, paths, np, NULL) == 0)
			break;
		/* Only another git's index.lock is worth waiting for. */
		if (tries == 9 || !index_locked(top)) {
			rc = ipt_seterr("%s: git could not commit the change "
			    "(%s); the records are saved: commit them by hand",
			    root, tries == 9 ? "the index stayed locked" :
			    "git commit failed");
			break;
		}
		/* Another git may hold index.lock: wait and try again. */
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(tries + 1) * 50000000L;
		nanosleep(&ts, NULL);
	}
out:
	for (i = 0; i < np; i++)
		free(paths[i]);
	free(paths);
	free(argv_add);
	free(msg);
	free(root);
	free(repo);
	free(top);
	return rc;
}

int
git_run(const char *dir, struct buf *out, const char *const *args)
{
	char **argv;
	size_t n, i;
	int rc;

	for (n = 0; args[n] != NULL; n++)
		;
	argv = xcalloc(n + 2, sizeof(*argv));
	argv[0] = (char *)"git";
	for (i = 0; i < n; i++)
		argv[i + 1] = (char *)args[i];
	if (out != NULL)
		rc = run_child_out(argv, dir, out);
	else
		rc = run_child(argv, dir, CHILD_QUIET);
	free(argv);
	return rc;
}

int
git_own(const char *root, char **top)
{
	struct conf c;
	int rc;

	conf_load(root, &c);
	rc = own_repo(root, c.repo, top);
	conf_free(&c);
	return rc;
}

int
git_commit(const char *root, const char *msg, char *const *paths, size_t np,
    struct buf *out)
{
	struct conf c;
	const char **args;
	char *keyopt = NULL;
	size_t i, k = 0;
	int rc;

	conf_load(root, &c);
	args = xcalloc(np + 12, sizeof(*args));
	if (c.sign) {
		/* SSH signing; the key from ipt.ini, else git's own. */
		args[k++] = "-c";
		args[k++] = "gpg.format=ssh";
		if (c.key != NULL) {
			keyopt = xasprintf("user.signingkey=%s", c.key);
			args[k++] = "-c";
			args[k++] = keyopt;
		}
	}
	args[k++] = "commit";
	args[k++] = "-q";
	if (c.sign)
		args[k++] = "-S";
	args[k++] = "-m";
	args[k++] = msg;
	if (np > 0) {
		args[k++] = "--";
		for (i = 0; i < np; i++)
			args[k++] = paths[i];
	}
	args[k] = NULL;
	rc = git_run(root, out, args);
	free(args);
	free(keyopt);
	conf_free(&c);
	return rc;
}

/* What %G? of git log says of a commit that is not signed as it must be. */
static const char *
sig_problem(char g)
{
	switch (g) {
	case 'G':
		return NULL;
	case 'N':
		return "not signed";
	case 'U':
		return "signed by a key that is not an allowed signer";
	case 'B':
		return "its signature is bad (the commit was changed after "
		    "it was signed)";
	case 'X':
	case 'Y':
		return "signed by an expired key";
	case 'R':
		return "signed by a revoked key";
	default:
		return "its signature cannot be checked";
	}
}

long
git_verify_signatures(const char *root, struct buf *bad)
{
	const char *args[] = { "-c", NULL, "log", "--full-history",
	    "--format=%H %G? %s", "--", ":(glob)**/client.ini",
	    ":(glob)**/*.csv", ":(glob)**/notes/*.md", NULL };
	struct buf out = { 0 };
	struct conf c;
	const char *p, *nl, *why;
	char *top = NULL, *allowed, *opt = NULL, line[PATH_MAX + 2];
	char *gv[] = { (char *)"git", (char *)"config",
	    (char *)"gpg.ssh.allowedSignersFile", NULL };
	long n = -1;
	size_t len;

	conf_load(root, &c);
	if (own_repo(root, c.repo, &top) == -1)
		goto out;
	allowed = c.allowed;
	if (allowed == NULL && run_child_line(gv, root, line,
	    sizeof(line)) == 0 && line[0] != '\0')
		allowed = line;
	if (allowed == NULL || !path_exists(allowed)) {
		ipt_seterr("%s: no allowed signers file to check the "
		    "signatures with%s%s: name one with [git] allowed_signers "
		    "in %s, or git's gpg.ssh.allowedSignersFile", root,
		    allowed != NULL ? ": no " : "", allowed != NULL ? allowed :
		    "", practice != NULL ? practice->config : "ipt.ini");
		goto out;
	}
	n = 0;
	/* A repository without a commit has none to check. */
	if (git_run(root, NULL, (const char *[]){ "rev-parse", "-q",
	    "--verify", "HEAD", NULL }) != 0)
		goto out;
	opt = xasprintf("gpg.ssh.allowedSignersFile=%s", allowed);
	args[1] = opt;
	if (git_run(root, &out, args) != 0) {
		n = ipt_seterr("%s: git log failed: %s", root, out.s != NULL ?
		    out.s : "");
		goto out;
	}
	/* "HASH G subject"; git's own messages (stderr) are not such. */
	for (p = out.s != NULL ? out.s : ""; (nl = strchr(p, '\n')) != NULL;
	    p = nl + 1) {
		len = (size_t)(nl - p);
		if (len < 43 || strspn(p, "0123456789abcdef") != 40 ||
		    p[40] != ' ' || p[42] != ' ')
			continue;
		if ((why = sig_problem(p[41])) == NULL)
			continue;
		buf_printf(bad, "%.40s %s: %.*s\n", p, why, (int)(len - 43),
		    p + 43);
		n++;
	}
out:
	buf_free(&out);
	free(opt);
	free(top);
	conf_free(&c);
	return n;
}
