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
    "# Written by ipt init.  Rows of these files are only ever added,\n"
    "# changed or removed whole, so a union merge keeps both clones'\n"
    "# rows; run `ipt check --fix' after a merge to remove duplicates,\n"
    "# restore order, and see any conflict left for you to decide.\n"
    "*.csv merge=union\n";

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

static int
wanted(const char *root)
{
	struct ini ini;
	const char *v;
	char *path = path_join(root, practice->config);
	int yes = 0;

	if (ini_load(&ini, path) == 0) {
		v = ini_get(&ini, "git", "autocommit");
		yes = v != NULL && (strcmp(v, "yes") == 0 ||
		    strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
		ini_free(&ini);
	}
	free(path);
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

int
git_autocommit(const char *action)
{
	const char *const *files;
	const char *add[1] = { "add" }, *commit[4] = { "commit", "-q", "-m",
	    NULL };
	char **paths = NULL, **argv_add = NULL, **argv_commit = NULL;
	char *root = NULL, *msg = NULL, *id, *abs, *dir;
	size_t n, i, np = 0, len;
	struct timespec ts;
	int rc = 0, tries;

	files = atomic_changed(&n);
	if (n == 0 || practice == NULL)
		return 0;
	dir = xstrdup(files[0]);
	if ((abs = strrchr(dir, '/')) != NULL)
		*abs = '\0';
	else
		strcpy(dir, ".");
	root = practice->root(dir);
	free(dir);
	if (root == NULL || !wanted(root))
		goto out;
	id = client_id_of(files[0]);
	msg = xasprintf("%s: %s", id, *note != '\0' ? note : action);
	free(id);
	commit[3] = msg;
	/* Paths relative to the practice root, where git runs. */
	paths = xcalloc(n, sizeof(*paths));
	len = strlen(root);
	for (i = 0; i < n; i++) {
		if ((abs = realpath(files[i], NULL)) == NULL)
			continue;
		paths[np++] = strncmp(abs, root, len) == 0 && abs[len] == '/' ?
		    xstrdup(abs + len + 1) : xstrdup(abs);
		free(abs);
	}
	argv_add = git_argv(add, 1, paths, np);
	argv_commit = git_argv(commit, 4, paths, np);
	for (tries = 0;; tries++) {
		if (run_git(root, argv_add) == 0 &&
		    run_git(root, argv_commit) == 0)
			break;
		if (tries == 9) {
			rc = ipt_seterr("%s: git could not commit the change "
			    "(not a work tree, or the index stayed locked); "
			    "the records are saved: commit them by hand", root);
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
	free(argv_commit);
	free(msg);
	free(root);
	return rc;
}
