/*
 * t_scan.c: the walk (walk.c), the files a scan reads ahead
 * (readahead.c) and how caseload_scan() lends them, with and without the
 * read-ahead thread.
 *
 * The tree, under a temporary directory:
 *	p/a/		client.ini sessions.csv notes/client.ini
 *	p/b/c/		client.ini
 *	p/b/.hidden/	client.ini
 *	p/b/f, p/z	files
 * A scan must visit p/a then p/b/c, give each its directory's entries,
 * and lend p/a's files: the record files the listing lacks are taken as
 * missing, unopened, and with the read-ahead thread sessions.csv and
 * client.ini are taken as read (without it the loaders read them).
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caseload.h"
#include "csvt.h"
#include "readahead.h"
#include "util.h"
#include "walk.h"

#include "tap.h"

#define SESSIONS	"number,date\n1,2026-01-05\n"

static void
put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL) {
		perror(path);
		exit(1);
	}
	fputs(text, fp);
	fclose(fp);
}

struct seen {
	char	 order[256];
	int	 nnames;	/* p/a's entries */
	int	 has_notes, has_sessions, has_ini;
	int	 errs[4];
	char	 errpaths[256];
};

static int
found(const char *dir, const char *parent, char *const *names, size_t n,
    void *arg)
{
	struct seen *s = arg;

	strcat(s->order, dir);
	strcat(s->order, parent != NULL ? "<" : "<-");
	if (parent != NULL)
		strcat(s->order, parent);
	strcat(s->order, " ");
	if (strcmp(dir, "p/a") == 0) {
		s->nnames = (int)n;
		s->has_notes = walk_listed(names, n, "notes");
		s->has_sessions = walk_listed(names, n, "sessions.csv");
		s->has_ini = walk_listed(names, n, "client.ini");
	}
	return 0;
}

static int
unreadable(const char *path, int e, void *arg)
{
	struct seen *s = arg;

	strcat(s->errpaths, path);
	strcat(s->errpaths, " ");
	if (e == ENOENT)
		s->errs[0]++;
	else if (e == 0)
		s->errs[1]++;
	else
		s->errs[2]++;
	return 0;
}

static void
test_walk(void)
{
	const char *paths[] = { "p" }, *bad[] = { "p/none", "p/z", "p/a" };
	struct seen s;

	memset(&s, 0, sizeof(s));
	is_int(walk_dirs(paths, 1, "client.ini", found, unreadable, &s), 0,
	    "walk: runs to the end");
	is_str(s.order, "p/a<p p/b/c<p/b ",
	    "walk: marker directories in order, none inside one, no dot name");
	ok(s.has_ini && s.has_sessions && s.has_notes && s.nnames == 3,
	    "walk: a found directory comes with its entries (%d)", s.nnames);
	memset(&s, 0, sizeof(s));
	walk_dirs(bad, 3, "client.ini", found, unreadable, &s);
	ok(s.errs[0] == 1 && s.errs[1] == 1 && s.errs[2] == 0,
	    "walk: a missing path and a file given are reported");
	is_str(s.errpaths, "p/none p/z ", "walk: and named");
	is_str(s.order, "p/a<- ", "walk: a path given that holds the marker");
}

struct visit {
	int	 n;
	int	 sessions, again, missing, missing_err, other, ini;
	int	 load_rc, load_errno;
	char	 load_msg[256];
	char	 text[256];
};

static int
client(const char *dir, void *arg)
{
	struct visit *v = arg;
	struct ra_file f;
	struct csv_table t;
	char *p;

	v->n++;
	if (strcmp(dir, "p/a") != 0)
		return 0;
	if ((v->sessions = ra_take("p/a/sessions.csv", &f)) == 1) {
		snprintf(v->text, sizeof(v->text), "%s",
		    f.text != NULL ? f.text : "(null)");
		free(f.text);
	}
	v->again = ra_take("p/a/sessions.csv", &f);
	if ((v->missing = ra_take("p/a/risk.csv", &f)) == 1) {
		v->missing_err = f.err;
		free(f.text);
	}
	v->other = ra_take("p/a/notes/client.ini", &f);
	if ((v->ini = ra_take("p/a/client.ini", &f)) == 1)
		free(f.text);
	/* A missing record file, as csv_load() tells it. */
	p = path_child(dir, "measures.csv");
	v->load_rc = csv_load(&t, p);
	v->load_errno = errno;
	snprintf(v->load_msg, sizeof(v->load_msg), "%s", ipt_error());
	csv_free_table(&t);
	free(p);
	return 0;
}

static void
test_scan(const char *threads)
{
	const char *paths[] = { "p" };
	struct visit v;
	struct ra_file f;
	/* Files are read ahead in a second thread, if one runs. */
	int ahead = threads == NULL && sysconf(_SC_NPROCESSORS_ONLN) > 1;

	if (threads != NULL)
		setenv("IPT_SCAN_THREADS", threads, 1);
	else
		unsetenv("IPT_SCAN_THREADS");
	threads = threads != NULL ? threads : "default";
	memset(&v, 0, sizeof(v));
	is_int(caseload_scan(paths, 1, client, NULL, &v, NULL), 0,
	    "scan (%s threads): runs", threads);
	is_int(v.n, 2, "scan (%s): two clients", threads);
	if (ahead) {
		is_int(v.sessions, 1, "scan (%s): sessions.csv is lent",
		    threads);
		is_str(v.text, SESSIONS, "scan (%s): as it was read", threads);
	} else
		is_int(v.sessions, 0, "scan (%s): sessions.csv is left to "
		    "the loader", threads);
	is_int(v.again, 0, "scan (%s): and taken once", threads);
	ok(v.missing == 1 && v.missing_err == ENOENT,
	    "scan (%s): a record file not listed is missing", threads);
	is_int(v.other, 0, "scan (%s): no other file is lent", threads);
	is_int(v.ini, ahead, "scan (%s): client.ini is lent if read ahead",
	    threads);
	ok(v.load_rc == -1 && v.load_errno == ENOENT,
	    "scan (%s): csv_load of a file not listed: ENOENT", threads);
	is_str(v.load_msg, "p/a/measures.csv: no such file",
	    "scan (%s): with the message of a failed open", threads);
	is_int(ra_take("p/a/risk.csv", &f), 0,
	    "scan (%s): nothing is lent after the scan", threads);
}

int
main(void)
{
	char tmpl[] = "/tmp/t_scan.XXXXXX", *dir;
	struct ra_file f;

	if ((dir = mkdtemp(tmpl)) == NULL || chdir(dir) == -1) {
		perror("t_scan");
		return 1;
	}
	if (mkdir("p", 0700) == -1 || mkdir("p/a", 0700) == -1 ||
	    mkdir("p/a/notes", 0700) == -1 || mkdir("p/b", 0700) == -1 ||
	    mkdir("p/b/c", 0700) == -1 || mkdir("p/b/.hidden", 0700) == -1) {
		perror("t_scan");
		return 1;
	}
	put("p/a/client.ini", "[client]\nid = a\n");
	put("p/a/sessions.csv", SESSIONS);
	put("p/a/notes/client.ini", "");
	put("p/b/c/client.ini", "");
	put("p/b/.hidden/client.ini", "");
	put("p/b/f", "");
	put("p/z", "");

	is_int(ra_take("p/a/sessions.csv", &f), 0,
	    "nothing is lent outside a scan");
	ra_read("p/a/sessions.csv", 1024, &f);
	ok(f.err == 0 && f.text != NULL && strcmp(f.text, SESSIONS) == 0 &&
	    f.len == strlen(SESSIONS), "ra_read reads a file whole");
	free(f.text);
	ra_read("p/a/sessions.csv", 4, &f);
	ok(f.err == 0 && f.text == NULL && S_ISREG(f.st.st_mode),
	    "ra_read leaves a larger file unread, with its stat");
	ra_read("p/a/none.csv", 1024, &f);
	ok(f.err == ENOENT && f.text == NULL, "ra_read of a missing file");

	test_walk();
	test_scan("1");
	test_scan(NULL);

	if (chdir("/") == 0) {
		char *cmd = xasprintf("rm -rf '%s'", dir);

		if (system(cmd) != 0)
			fprintf(stderr, "t_scan: could not remove %s\n", dir);
		free(cmd);
	}
	return tap_done();
}
