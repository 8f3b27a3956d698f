/*
 * t_txn.c: the record transaction of lib/txn.c.
 *
 * Begin, load, change, commit or abort on a directory made here: what is
 * written and in which order, that a refusal or a bad value writes
 * nothing, that the lock is held during a transaction and released after
 * it whatever the end, and what a commit failing part way says and
 * leaves.  The faults (IPT_TEST_FAULT, see lib/atomic.c) count arrivals
 * per process, so each faulty commit runs in a child of its own.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "ini.h"
#include "readahead.h"
#include "record.h"
#include "tap.h"
#include "txn.h"
#include "util.h"

#define CDIR	"c"

static char *
slurp(const char *path)
{
	struct buf b = { 0 };
	char tmp[4096];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	while ((n = fread(tmp, 1, sizeof(tmp), fp)) > 0)
		buf_add(&b, tmp, n);
	fclose(fp);
	buf_addc(&b, '\0');
	return b.s;
}

/* Is the file's text `want' (NULL: no file)? */
static int
same(const char *path, const char *want)
{
	char *got = slurp(path);
	int rc = got == NULL || want == NULL ? got == want :
	    strcmp(got, want) == 0;

	if (!rc)
		printf("# %s:\n%s# wanted:\n%s", path, got ? got : "(none)\n",
		    want ? want : "(none)\n");
	free(got);
	return rc;
}

/* Is a temporary file of an unfinished write left in CDIR? */
static int
temps(void)
{
	struct dirent *de;
	DIR *d;
	int n = 0;

	if ((d = opendir(CDIR)) == NULL)
		abort();
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] == '.' && strstr(de->d_name, ".tmp.") != NULL)
			n++;
	closedir(d);
	return n > 0;
}

/* Does another process find the directory locked? */
static int
held(void)
{
	struct flock fl;
	pid_t pid;
	int st, fd;

	if ((pid = fork()) == -1)
		abort();
	if (pid == 0) {
		if ((fd = open(CDIR "/" LOCK_NAME, O_RDWR)) == -1)
			_exit(2);
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		_exit(fcntl(fd, F_SETLK, &fl) == -1 ? 1 : 0);
	}
	if (waitpid(pid, &st, 0) == -1 || !WIFEXITED(st))
		abort();
	return WEXITSTATUS(st) == 1;
}

/* A row of goals.csv or relapse.csv with id n. */
static void
goal(struct csv_table *t, const char *id, const char *status)
{
	size_t r = csv_append(t);

	csv_set(t, r, "id", id);
	csv_set(t, r, "set_on", "2026-01-05");
	csv_set(t, r, "goal", "walk daily");
	csv_set(t, r, "status", status);
}

static void
relapse(struct csv_table *t, const char *id)
{
	size_t r = csv_append(t);

	csv_set(t, r, "id", id);
	csv_set(t, r, "date", "2026-01-05");
	csv_set(t, r, "kind", "action");
	csv_set(t, r, "text", "call a friend");
}

static void
event(struct csv_table *t)
{
	size_t r = csv_append(t);

	csv_set(t, r, "date", "2026-01-05");
	csv_set(t, r, "kind", "loss");
	csv_set(t, r, "event", "a move");
}

/* Session 1, held: a note must belong to a session. */
static void
session(struct csv_table *t)
{
	size_t r = csv_append(t);

	csv_set(t, r, "number", "1");
	csv_set(t, r, "date", "2026-01-05");
	csv_set(t, r, "kind", "individual");
	csv_set(t, r, "attendance", "attended");
	csv_set(t, r, "phase", "initial");
}

#define GOALS1	"id,set_on,goal,status,closed_on\n" \
		"1,2026-01-05,walk daily,open,\n"
#define GOALS2	GOALS1 "2,2026-01-05,walk daily,open,\n"
#define RELAPSE1 "id,date,kind,text\n1,2026-01-05,action,call a friend\n"
#define RELAPSE2 RELAPSE1 "2,2026-01-05,action,call a friend\n"
#define TIMELINE1 "date,kind,event,mood\n2026-01-05,loss,a move,\n"

/* A fresh directory holding goals.csv and relapse.csv with one row each. */
static void
fresh(void)
{
	struct txn tx;

	if (system("rm -rf " CDIR) != 0 || mkdir(CDIR, 0700) == -1 ||
	    txn_begin(&tx, CDIR) == -1)
		abort();
	goal(txn_load(&tx, REC_GOALS), "1", "open");
	relapse(txn_load(&tx, REC_RELAPSE), "1");
	txn_save(&tx, REC_GOALS);
	txn_save(&tx, REC_RELAPSE);
	if (txn_commit(&tx) == -1)
		abort();
}

/*
 * In a child, with IPT_TEST_FAULT=fault: add a row to relapse.csv, then
 * goals.csv (and timeline.csv if three), committed in that order.  The
 * message goes to *msg; returns the commit's result.
 */
static int
faulty(const char *fault, int three, char **msg)
{
	struct txn tx;
	FILE *fp;
	pid_t pid;
	int st, rc;

	fflush(stdout);
	if ((pid = fork()) == -1)
		abort();
	if (pid == 0) {
		setenv("IPT_TEST_FAULT", fault, 1);
		if (txn_begin(&tx, CDIR) == -1)
			_exit(3);
		relapse(txn_load(&tx, REC_RELAPSE), "2");
		goal(txn_load(&tx, REC_GOALS), "2", "open");
		txn_save(&tx, REC_RELAPSE);
		txn_save(&tx, REC_GOALS);
		if (three) {
			event(txn_load(&tx, REC_TIMELINE));
			txn_save(&tx, REC_TIMELINE);
		}
		rc = txn_commit(&tx);
		/* The lock is released: take it again, at once. */
		if (held())
			_exit(4);
		if ((fp = fopen("msg", "w")) == NULL)
			_exit(5);
		fputs(rc == -1 ? ipt_error() : "", fp);
		fclose(fp);
		_exit(rc == -1 ? 1 : 0);
	}
	if (waitpid(pid, &st, 0) == -1 || !WIFEXITED(st))
		abort();
	*msg = slurp("msg");
	return WEXITSTATUS(st) == 0 ? 0 : WEXITSTATUS(st) == 1 ? -1 :
	    WEXITSTATUS(st);
}

static void
test_commit(void)
{
	struct txn tx;
	struct csv_table *t, *again;
	struct stat st;

	fresh();
	ok(same(CDIR "/goals.csv", GOALS1) && same(CDIR "/relapse.csv",
	    RELAPSE1), "commit writes every file saved");
	ok(stat(CDIR "/goals.csv", &st) == 0 && (st.st_mode & 0777) == 0600,
	    "mode 0600");
	ok(!held(), "no lock after a commit");

	ok(txn_begin(&tx, CDIR) == 0, "begin");
	ok(held(), "the lock is held during the transaction");
	t = txn_load(&tx, REC_GOALS);
	ok(t != NULL && t->nrows == 1, "load reads the file");
	goal(t, "2", "open");
	again = txn_load(&tx, REC_GOALS);
	ok(again == t && again->nrows == 2, "a file is loaded once: a second "
	    "load is the same table, changes and all");
	ok(txn_load(&tx, REC_SESSIONS) != NULL, "a file not there loads empty");
	txn_save(&tx, REC_GOALS);
	txn_save(&tx, REC_GOALS);
	ok(txn_commit(&tx) == 0, "commit");
	ok(same(CDIR "/goals.csv", GOALS2), "the change is written");
	ok(access(CDIR "/sessions.csv", F_OK) == -1,
	    "a file loaded but not saved is not written");
	ok(!held(), "no lock after the commit");
	txn_abort(&tx);		/* nothing: already ended */
	ok(!held(), "abort after commit does nothing");

	ok(txn_begin(&tx, CDIR) == 0 && txn_commit(&tx) == 0,
	    "a commit of nothing");
	ok(same(CDIR "/goals.csv", GOALS2) && !held(),
	    "writes nothing, unlocks");
}

static void
test_abort(void)
{
	struct txn tx;

	fresh();
	ok(txn_begin(&tx, CDIR) == 0, "begin");
	goal(txn_load(&tx, REC_GOALS), "2", "open");
	txn_save(&tx, REC_GOALS);
	txn_abort(&tx);
	ok(same(CDIR "/goals.csv", GOALS1),
	    "abort: the file is byte-identical");
	ok(!held(), "abort releases the lock");
	txn_abort(&tx);
	ok(!held(), "a second abort does nothing");

	/* A bad value in the second file: nothing written at all. */
	ok(txn_begin(&tx, CDIR) == 0, "begin");
	relapse(txn_load(&tx, REC_RELAPSE), "2");
	goal(txn_load(&tx, REC_GOALS), "2", "bogus");
	txn_save(&tx, REC_RELAPSE);
	txn_save(&tx, REC_GOALS);
	ok(txn_commit(&tx) == -1, "a bad value fails the commit");
	is_str(ipt_error(), CDIR "/goals.csv: new row: status: 'bogus' is not "
	    "one of: open, met, dropped", "the message names the value");
	ok(same(CDIR "/relapse.csv", RELAPSE1) && same(CDIR "/goals.csv",
	    GOALS1), "the first file is not written either");
	ok(!held(), "lock released");

	/* A file saved that was never loaded: refused, nothing written. */
	ok(txn_begin(&tx, CDIR) == 0, "begin");
	relapse(txn_load(&tx, REC_RELAPSE), "2");
	txn_save(&tx, REC_RELAPSE);
	txn_save(&tx, REC_GOALS);
	ok(txn_commit(&tx) == -1, "saving a file not loaded is refused");
	ok(same(CDIR "/relapse.csv", RELAPSE1) && !held(),
	    "nothing written, lock released");
}

static void
test_faults(void)
{
	char *msg;

	fresh();
	is_int(faulty("rename:2", 0, &msg), -1, "a fault at the second rename "
	    "fails the commit");
	is_str(msg, "relapse.csv saved; goals.csv, history.csv not saved: "
	    CDIR "/goals.csv: rename: No space left on device",
	    "the message says what was saved and what not");
	ok(same(CDIR "/relapse.csv", RELAPSE2), "the first file is new");
	ok(same(CDIR "/goals.csv", GOALS1), "the second file is old");
	ok(!temps(), "no temporary file left");
	free(msg);

	fresh();
	is_int(faulty("write:1", 0, &msg), -1, "a fault at the first write");
	is_str(msg, CDIR "/relapse.csv: write: No space left on device",
	    "nothing saved: the reason alone");
	ok(same(CDIR "/relapse.csv", RELAPSE1) && same(CDIR "/goals.csv",
	    GOALS1), "both files old");
	free(msg);

	fresh();
	is_int(faulty("fsync:2", 1, &msg), -1, "three files, a fault at the "
	    "second");
	is_str(msg, "relapse.csv saved; goals.csv, timeline.csv, history.csv "
	    "not saved: " CDIR "/goals.csv: fsync: No space left on device",
	    "the files not saved are all named");
	ok(same(CDIR "/relapse.csv", RELAPSE2) &&
	    same(CDIR "/goals.csv", GOALS1) &&
	    same(CDIR "/timeline.csv", NULL), "the first new, the others old");
	free(msg);

	/* The directory fsync fails after the rename: the file is in place. */
	fresh();
	is_int(faulty("dirsync:1", 0, &msg), -1, "a fault at the first "
	    "directory fsync");
	is_str(msg, "relapse.csv saved; goals.csv, history.csv not saved: "
	    CDIR ": fsync of the directory: No space left on device",
	    "the file renamed counts as saved");
	ok(same(CDIR "/relapse.csv", RELAPSE2) && same(CDIR "/goals.csv",
	    GOALS1), "the first new, the second old");
	free(msg);

	fresh();
	is_int(faulty("dirsync:2", 0, &msg), -1, "a fault at the second "
	    "directory fsync");
	is_str(msg, "relapse.csv, goals.csv saved; history.csv not saved: "
	    CDIR ": fsync of the directory: No space left on device",
	    "the records saved, the history not");
	ok(same(CDIR "/relapse.csv", RELAPSE2) && same(CDIR "/goals.csv",
	    GOALS2), "both new");
	free(msg);

	/* The history is written last: a fault there leaves it behind. */
	fresh();
	is_int(faulty("dirsync:3", 0, &msg), -1, "a fault at the last "
	    "directory fsync");
	is_str(msg, "relapse.csv, goals.csv, history.csv saved, but " CDIR
	    ": fsync of the directory: No space left on device",
	    "every file saved, and why it failed");
	ok(same(CDIR "/relapse.csv", RELAPSE2) && same(CDIR "/goals.csv",
	    GOALS2), "both new");
	free(msg);

	fresh();
	is_int(faulty("rename:4", 0, &msg), 0, "past the last write: no fault");
	ok(same(CDIR "/relapse.csv", RELAPSE2) && same(CDIR "/goals.csv",
	    GOALS2), "both new");
	free(msg);

	fresh();
	is_int(faulty("rename:2", 1, &msg), -1, "three files, the second "
	    "rename fails");
	ok(same(CDIR "/timeline.csv", NULL), "the third is never written");
	free(msg);

	fresh();
	is_int(faulty("rename:5", 1, &msg), 0, "three files, no fault");
	ok(same(CDIR "/relapse.csv", RELAPSE2) && same(CDIR "/goals.csv",
	    GOALS2) && same(CDIR "/timeline.csv", TIMELINE1), "all three new");
	free(msg);
}

static void
test_other_files(void)
{
	struct txn tx;
	struct ini ini = { 0 };
	static const char note[] = "a line\n\tand \"more\"\n";

	fresh();
	ini_set(&ini, "client", "id", "c");
	ini_set(&ini, "focus", "primary", "grief");
	ok(mkdir(CDIR "/notes", 0700) == 0 && txn_begin(&tx, CDIR) == 0,
	    "begin");
	txn_save_ini(&tx, &ini);
	session(txn_load(&tx, REC_SESSIONS));
	txn_save(&tx, REC_SESSIONS);
	txn_save_bytes(&tx, "notes", "0001.md", note, strlen(note));
	txn_save_bytes(&tx, NULL, ".gitignore", "x\n", 2);
	if (!ok(txn_commit(&tx) == 0, "client.ini, a session, its note and a "
	    "file committed"))
		printf("# %s\n", ipt_error());
	ok(same(CDIR "/client.ini", "[client]\nid = \"c\"\n\n[focus]\n"
	    "primary = \"grief\"\n"), "client.ini as ini_write() writes it");
	ok(same(CDIR "/notes/0001.md", note), "the note, byte for byte");
	ok(same(CDIR "/.gitignore", "x\n"), "the file");
	ok(!held(), "lock released");
	ini_free(&ini);
}

/*
 * A scan reads files ahead (readahead.h); a transaction under the lock
 * must load what is on disk now, not what was read before another
 * process wrote (check --fix during a scan once undid a session added
 * meanwhile).  After the transaction the lending goes on.
 */
static void
test_readahead(void)
{
	static const char *const names[] = { "goals.csv" };
	struct ra_file f[1];
	struct ra_dir d;
	struct txn tx;
	struct csv_table *t;
	FILE *fp;

	fresh();
	memset(&d, 0, sizeof(d));
	d.dir = CDIR;
	d.names = names;
	d.n = 1;
	d.f = f;
	atomic_changed(&d.changed);
	ra_read(CDIR "/goals.csv", 1 << 20, &f[0]);
	/* Another process adds a goal: no atomic_replace() of this one. */
	if ((fp = fopen(CDIR "/goals.csv", "w")) == NULL ||
	    fputs(GOALS2, fp) == EOF || fclose(fp) == EOF)
		abort();
	ok(ra_lend(&d) == NULL, "a scan lends what it read ahead");
	ok(txn_begin(&tx, CDIR) == 0, "begin during the scan");
	t = txn_load(&tx, REC_GOALS);
	ok(t != NULL && t->nrows == 2, "the transaction loads the file as it "
	    "is now, not as the scan read it");
	txn_abort(&tx);
	ok(ra_lend(NULL) == &d, "the lending goes on after the transaction");
	free(f[0].text);
}

int
main(void)
{
	char tmpl[] = "/tmp/t_txn.XXXXXX", *cmd;

	if (mkdtemp(tmpl) == NULL || chdir(tmpl) == -1)
		return 1;
	unsetenv("IPT_TEST_FAULT");
	test_commit();
	test_abort();
	test_faults();
	test_other_files();
	test_readahead();
	if (chdir("/tmp") == -1)
		return 1;
	cmd = xasprintf("rm -rf '%s'", tmpl);
	if (system(cmd) != 0)
		return 1;
	free(cmd);
	return tap_done();
}
