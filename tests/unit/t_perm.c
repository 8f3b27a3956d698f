/*
 * t_perm.c: owners and modes of the files atomic_replace() writes
 * (lib/atomic.c), and what ipt check says of them (lib/check_perm.c).
 *
 * A replaced file keeps its owner, group and mode; a read-only one is
 * refused, unchanged; a new file is 0600.  The owner cases need root: as
 * root, a file of another user keeps that user, a new one takes the
 * directory's; as that other user (a child that gives up root), a file
 * of root's is refused, unchanged.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "check.h"
#include "tap.h"
#include "util.h"

#define OTHER	4243

static int
fill(FILE *fp, void *arg)
{
	return fputs(arg, fp) == EOF ? -1 : 0;
}

static int
put(const char *name, const char *text)
{
	return atomic_replace("d", name, fill, NULL, (void *)(uintptr_t)text);
}

static int
text_is(const char *path, const char *want)
{
	char got[64] = "";
	FILE *fp;
	size_t n;

	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	n = fread(got, 1, sizeof(got) - 1, fp);
	got[n] = '\0';
	fclose(fp);
	return strcmp(got, want) == 0;
}

static unsigned
mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (unsigned)(st.st_mode & 07777) : 0;
}

static void
test_modes(void)
{
	ok(put("new.csv", "a\n") == 0, "a new file is written");
	is_int(mode_of("d/new.csv"), 0600, "a new file is 0600");
	chmod("d/new.csv", 0640);
	ok(put("new.csv", "b\n") == 0, "a 0640 file is replaced");
	is_int(mode_of("d/new.csv"), 0640, "and keeps its mode 0640");
	ok(text_is("d/new.csv", "b\n"), "with the new text");
	chmod("d/new.csv", 0644);
	ok(put("new.csv", "c\n") == 0 && mode_of("d/new.csv") == 0644,
	    "a 0644 file keeps 0644 (check reports it)");
	chmod("d/new.csv", 0400);
	ok(put("new.csv", "d\n") == -1, "a 0400 file is refused");
	ok(strstr(ipt_error(), "read-only (mode 0400)") != NULL,
	    "saying it is read-only: %s", ipt_error());
	ok(text_is("d/new.csv", "c\n") && mode_of("d/new.csv") == 0400,
	    "and is unchanged");
	chmod("d/new.csv", 0600);
}

static void
test_owners(void)
{
	struct stat st;
	pid_t pid;
	int status;

	if (geteuid() != 0) {
		printf("# not root: the owner cases are skipped\n");
		return;
	}
	chown("d", OTHER, OTHER);
	chown("d/new.csv", OTHER, OTHER);
	ok(put("new.csv", "e\n") == 0, "root replaces a file of user %d",
	    OTHER);
	ok(stat("d/new.csv", &st) == 0 && st.st_uid == OTHER &&
	    st.st_gid == OTHER, "which keeps its owner and group");
	ok(put("root-made.csv", "f\n") == 0 && stat("d/root-made.csv",
	    &st) == 0 && st.st_uid == OTHER && st.st_gid == OTHER,
	    "a file root makes takes the directory's owner");
	chown("d/new.csv", 0, 0);
	chmod("d/new.csv", 0666);
	chmod(".", 0711);	/* for user OTHER to reach d */
	fflush(stdout);
	if ((pid = fork()) == 0) {
		if (setgid(OTHER) == -1 || setuid(OTHER) == -1)
			_exit(3);
		if (put("new.csv", "g\n") == 0)
			_exit(1);
		printf("# %s\n", ipt_error());
		fflush(stdout);
		_exit(strstr(ipt_error(), "owned by user 0") != NULL ? 0 : 2);
	}
	ok(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0, "user %d is refused a file of root's",
	    OTHER);
	ok(text_is("d/new.csv", "e\n") && stat("d/new.csv", &st) == 0 &&
	    st.st_uid == 0, "which is unchanged");
	chmod(".", 0700);
	chown("d", 0, 0);
}

/* The warnings check gives of the modes in dir. */
static size_t
mode_findings(const char *dir)
{
	struct findings f = { 0 };
	size_t i, n = 0;

	check_client(dir, NULL, &f);
	for (i = 0; i < f.n; i++)
		n += strncmp(f.v[i].msg, "mode 0", 6) == 0;
	findings_free(&f);
	return n;
}

static void
test_check(void)
{
	struct buf log = { 0 };
	FILE *fp;

	mkdir("c", 0755);
	chmod("c", 0755);
	if ((fp = fopen("c/client.ini", "w")) != NULL) {
		fputs("[client]\nformat = \"1\"\nid = \"c\"\n", fp);
		fclose(fp);
	}
	chmod("c/client.ini", 0644);
	is_int(mode_findings("c"), 2, "check: the directory and client.ini");
	ok(check_fix("c", &log) == 0 || log.len > 0, "check --fix runs");
	ok(log.s != NULL && strstr(log.s, ".: mode 0700, was 0755") != NULL,
	    "and says what it changed");
	is_int(mode_of("c"), 0700, "the directory is 0700");
	is_int(mode_of("c/client.ini"), 0600, "client.ini is 0600");
	is_int(mode_findings("c"), 0, "check: nothing after the fix");
	buf_free(&log);
}

int
main(void)
{
	const char *t = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/t_perm.XXXXXX", t != NULL && *t != '\0' ?
	    t : "/tmp"), *cmd;

	if (mkdtemp(tmpl) == NULL || chdir(tmpl) == -1 || mkdir("d", 0700)
	    == -1)
		return 1;
	unsetenv("IPT_TEST_FAULT");
	umask(022);
	test_modes();
	test_owners();
	test_check();
	if (chdir("/") == -1)
		return 1;
	cmd = xasprintf("rm -rf '%s'", tmpl);
	if (system(cmd) != 0)
		return 1;
	free(cmd);
	free(tmpl);
	return tap_done();
}
