/*
 * trust.c: refuse a practice root whose definitions someone else could
 * have written.
 *
 * The definitions of a practice (ipt.ini, instruments/NAME.ini,
 * variants/NAME.ini) decide which answers raise a risk flag and when a
 * session is due.  Like git's safe.directory, ipt uses them only when
 * each of them, and the directories holding them, belongs to the user
 * running ipt (or to root) and is writable by neither group nor others.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ini.h"
#include "trust.h"
#include "util.h"

static char *trusted;		/* the last root found safe */

/* One path: -1 (after ipt_seterr) if someone else could write it. */
static int
safe(const char *path, int *isdir)
{
	struct stat st;

	if (stat(path, &st) == -1) {
		if (errno == ENOENT) {
			*isdir = 0;
			return 1;
		}
		return ipt_seterrno("%s", path);
	}
	*isdir = S_ISDIR(st.st_mode);
	if (st.st_uid != geteuid() && st.st_uid != 0)
		return ipt_seterr("%s: owned by uid %ld, neither you nor root: "
		    "the practice's definitions are refused", path,
		    (long)st.st_uid);
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		return ipt_seterr("%s: writable by %s: the practice's "
		    "definitions are refused (chmod go-w it)", path,
		    (st.st_mode & S_IWGRP) ? (st.st_mode & S_IWOTH) ?
		    "group and others" : "group" : "others");
	return 0;
}

/* A directory of definitions and every entry in it. */
static int
safe_dir(const char *root, const char *name)
{
	char *dir = path_join(root, name), *path;
	struct dirent *de;
	DIR *dp;
	int isdir, rc;

	if ((rc = safe(dir, &isdir)) != 0 || !isdir) {
		free(dir);
		return rc == -1 ? -1 : 0;
	}
	if ((dp = opendir(dir)) == NULL) {
		rc = ipt_seterrno("%s", dir);
		free(dir);
		return rc;
	}
	rc = 0;
	while (rc == 0 && (de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		path = path_join(dir, de->d_name);
		rc = safe(path, &isdir) == -1 ? -1 : 0;
		free(path);
	}
	closedir(dp);
	free(dir);
	return rc;
}

int
trust_root(const char *root)
{
	char *path;
	int isdir, rc;

	if (root == NULL || (trusted != NULL && strcmp(trusted, root) == 0))
		return 0;
	path = path_join(root, "ipt.ini");
	rc = safe(path, &isdir);
	free(path);
	if (rc == -1 || safe_dir(root, "instruments") == -1 ||
	    safe_dir(root, "variants") == -1)
		return -1;
	free(trusted);
	trusted = xstrdup(root);
	return 0;
}

int
trust_ini(const char *root, struct ini *ini, char **path)
{
	*path = NULL;
	if (trust_root(root) == -1)
		return -1;
	*path = path_join(root, "ipt.ini");
	if (ini_load(ini, *path) == -1) {
		free(*path);
		*path = NULL;
		return -1;
	}
	return 0;
}

int
trust_def_path(const char *root, const char *dir, const char *name,
    char **path)
{
	struct stat st;
	char *rel;
	int rc;

	*path = NULL;
	if (root == NULL)
		return 0;
	rel = xasprintf("%s/%s.ini", dir, name);
	*path = path_join(root, rel);
	free(rel);
	if (stat(*path, &st) == 0)
		return 0;
	rc = errno == ENOENT ? 0 : ipt_seterrno("%s", *path);
	free(*path);
	*path = NULL;
	return rc;
}
