/*
 * erase.c: the deliberate erasure of a client (see erase.h).
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
#include "erase.h"
#include "git.h"
#include "retention.h"
#include "util.h"

/* Remove path and all below it, following no link: 0 or -1 with why. */
static int
remove_tree(const char *path)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	char *p;
	int rc = 0;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : ipt_seterrno("%s", path);
	if (!S_ISDIR(st.st_mode))
		return unlink(path) == -1 ? ipt_seterrno("%s", path) : 0;
	if ((d = opendir(path)) == NULL)
		return ipt_seterrno("%s", path);
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		p = path_join(path, de->d_name);
		rc = remove_tree(p);
		free(p);
	}
	closedir(d);
	if (rc == 0 && rmdir(path) == -1)
		rc = ipt_seterrno("%s", path);
	return rc;
}

/* The top of the git work tree holding dir, and dir's path in it. */
static void
git_place(const char *dir, struct erase_info *info)
{
	char *argv[] = { (char *)"git", (char *)"rev-parse",
	    (char *)"--show-toplevel", NULL }, line[PATH_MAX + 2], *real;
	size_t len;

	if (run_child_line(argv, dir, line, sizeof(line)) != 0 ||
	    line[0] == '\0' || (real = realpath(dir, NULL)) == NULL)
		return;
	info->git_top = realpath(line, NULL);
	len = info->git_top != NULL ? strlen(info->git_top) : 0;
	if (info->git_top != NULL && strncmp(real, info->git_top, len) == 0 &&
	    real[len] == '/')
		info->git_path = xstrdup(real + len + 1);
	else {
		free(info->git_top);
		info->git_top = NULL;
	}
	free(real);
}

int
erase_client(const char *dir, const char *confirm, int force, long today,
    struct erase_info *info)
{
	struct client c;
	struct retention r;
	struct dirlock lock;
	char *parent = NULL, *base, *aside = NULL, *p = NULL, *root = NULL;
	char *msg;
	long until;
	int rc = -1, gr;

	memset(info, 0, sizeof(*info));
	if (client_open(&c, dir) == -1)
		return -1;
	info->id = xstrdup(c.id);
	if (strcmp(confirm, c.id) != 0) {
		ipt_setusage("%s: --confirm '%s' is not the id of this client "
		    "(%s): nothing erased", dir, confirm, c.id);
		client_close(&c);
		return -1;
	}
	if (retention_load(c.root, &r) == -1) {
		client_close(&c);
		return -1;
	}
	retention_until(&c, &r, &until, info->rule);
	if (until != -1 && until != LONG_MAX)
		date_format(until, info->until);
	info->within = until == -1 || until >= today;
	if (info->within && !force) {
		if (until == -1)
			ipt_seterr("%s: the therapy of %s has not ended (ipt "
			    "plan --status ended): its records are kept; "
			    "nothing erased (--force erases all the same)",
			    dir, c.id);
		else
			ipt_seterr("%s: %s is kept until %s (%s): nothing "
			    "erased (--force erases within retention)", dir,
			    c.id, info->until[0] != '\0' ? info->until :
			    "after 2199", info->rule);
		client_close(&c);
		return -1;
	}
	root = xstrdup(c.root);
	client_close(&c);
	git_place(dir, info);
	/* Aside under the lock: no writer is halfway through it. */
	p = xstrdup(dir);
	while (strlen(p) > 1 && p[strlen(p) - 1] == '/')
		p[strlen(p) - 1] = '\0';
	if ((base = strrchr(p, '/')) != NULL) {
		*base++ = '\0';
		parent = xstrdup(*p != '\0' ? p : "/");
	} else {
		base = p;
		parent = xstrdup(".");
	}
	aside = xasprintf("%s/.%s.erased.XXXXXX", parent, base);
	if (mkdtemp(aside) == NULL) {
		ipt_seterrno("%s", parent);
		goto out;
	}
	if (dir_lock(&lock, dir) == -1) {
		rmdir(aside);
		goto out;
	}
	if (rename(dir, aside) == -1) {
		ipt_seterrno("%s: rename to %s", dir, aside);
		dir_unlock(&lock);
		rmdir(aside);
		goto out;
	}
	dir_unlock(&lock);
	if (remove_tree(aside) == -1) {
		char *why = xstrdup(ipt_error());

		ipt_seterr("%s is no longer a client, but %s remains: %s; "
		    "remove it by hand", dir, aside, why);
		free(why);
		goto out;
	}
	rc = 0;
	/* With autocommit, the removal is committed as any change is. */
	if (info->git_path != NULL) {
		msg = xasprintf("%s: erased", info->id);
		if ((gr = git_commit_removed(root, info->git_path, msg)) == 1)
			info->committed = 1;
		else if (gr == -1)
			info->git_warning = xstrdup(ipt_error());
		free(msg);
	}
out:
	free(root);
	free(aside);
	free(parent);
	free(p);
	return rc;
}

void
erase_info_free(struct erase_info *info)
{
	free(info->id);
	free(info->git_top);
	free(info->git_path);
	free(info->git_warning);
	memset(info, 0, sizeof(*info));
}
