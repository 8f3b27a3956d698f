/*
 * t_check.c: unit tests of lib/check.c on client directories written
 * here: what counts as a missing record file (none, a dangling link, a
 * link loop) and what as a broken one, temporary files, duplicate and
 * conflicting rows, and fidelity over the sessions held.  Each directory
 * is checked alone and in a caseload scan, with the read-ahead thread
 * and without it: the findings are the same.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caseload.h"
#include "check.h"
#include "tap.h"
#include "util.h"

static const char client_ini[] =
    "[client]\n"
    "format = \"1\"\n"
    "id = \"c\"\n"
    "name = \"A B.\"\n"
    "variant = \"standard\"\n"
    "start = \"2026-02-01\"\n"
    "planned_sessions = \"16\"\n"
    "frequency_days = \"7\"\n"
    "therapist = \"Dr. X\"\n"
    "status = \"active\"\n"
    "\n"
    "[focus]\n"
    "primary = \"\"\n"
    "secondary = \"\"\n"
    "set_on = \"\"\n";

#define SESSIONS_HEADER	"number,date,kind,attendance,duration_min,phase," \
			"focus,techniques,mood,stress,note\n"
#define MEASURES_HEADER	"date,session,instrument,total,severity,items," \
			"flags\n"

static void put(const char *, const char *);

/* A client directory as ipt init makes it (modes aside: see main()). */
static void
client_dir(const char *dir)
{
	char *p;

	mkdir(dir, 0700);
	p = path_join(dir, "client.ini");
	put(p, client_ini);
	free(p);
	p = path_join(dir, ".gitattributes");
	put(p, "*.csv merge=union\n");
	free(p);
	p = path_join(dir, ".gitignore");
	put(p, ".ipt.lock\n");
	free(p);
}

static void
put(const char *path, const char *text)
{
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL || fputs(text, fp) == EOF ||
	    fclose(fp) == EOF)
		abort();
}

/* The findings as ipt check prints them. */
static void
show(const struct findings *f, struct buf *b)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		buf_printf(b, "%s:", f->v[i].path);
		if (f->v[i].line > 0)
			buf_printf(b, "%zu:", f->v[i].line);
		buf_printf(b, " %s: %s\n", f->v[i].sev == SEV_ERROR ?
		    "error" : "warning", f->v[i].msg);
	}
}

static int
one(const char *dir, void *arg)
{
	struct findings f = { 0 };

	check_client(dir, NULL, &f);
	show(&f, arg);
	findings_free(&f);
	return 0;
}

/* Check dir alone, then in a scan with and without the read-ahead. */
static void
expect(const char *dir, const char *want, const char *name)
{
	struct buf b = { 0 };
	const char *paths[1];

	one(dir, &b);
	is_str(b.s != NULL ? b.s : "", want, "%s", name);
	paths[0] = dir;
	buf_reset(&b);
	unsetenv("IPT_SCAN_THREADS");
	caseload_scan(paths, 1, one, NULL, &b, NULL);
	is_str(b.s != NULL ? b.s : "", want, "%s: in a scan", name);
	buf_reset(&b);
	setenv("IPT_SCAN_THREADS", "1", 1);
	caseload_scan(paths, 1, one, NULL, &b, NULL);
	is_str(b.s != NULL ? b.s : "", want, "%s: in a scan, one thread",
	    name);
	unsetenv("IPT_SCAN_THREADS");
	buf_free(&b);
}

static void
test_files(void)
{
	client_dir("c");
	put("c/sessions.csv", SESSIONS_HEADER
	    "1,2026-02-01,individual,attended,50,initial,,,5,5,\n"
	    "2,2026-02-08,individual,attended,50,initial,,,5,5,"
	    "\"a \"\"note\"\", with a comma\"\n"
	    "2,2026-02-08,individual,attended,50,initial,,,5,5,"
	    "\"a \"\"note\"\", with a comma\"\n"
	    "3,2026-02-15,individual,attended,50,initial,,,5,5,\n"
	    "3,2026-02-15,individual,attended,50,initial,,,6,5,\n");
	put("c/measures.csv", MEASURES_HEADER
	    "2026-02-01,1,phq9,4,minimal,0 0 0 1 0 1 0 2 0,\n"
	    "2026-02-15,4,phq9,4,minimal,0 0 0 1 0 1 0 2 0,\n");
	/* Links, dangling or a loop: errors, never read through. */
	if (symlink("nowhere", "c/goals.csv") == -1 ||
	    symlink("relapse.csv", "c/relapse.csv") == -1)
		abort();
	/* Not a file ipt can read. */
	mkdir("c/risk.csv", 0700);
	put("c/.inventory.csv.tmp.AbC123", "");
	put("c/.focus.csv.tmp.AbC12", "");
	put("c/x.tmp.AbC123", "");
	expect("c",
	    "c/.inventory.csv.tmp.AbC123: warning: temporary file of an "
	    "interrupted write; the next write or ipt check --fix removes it\n"
	    "c/goals.csv: error: a symbolic link: a record is read only from "
	    "a file of its own directory (through a link, another client's "
	    "records would read as these)\n"
	    "c/measures.csv:3: error: session 4 does not exist in "
	    "sessions.csv\n"
	    "c/relapse.csv: error: a symbolic link: a record is read only from "
	    "a file of its own directory (through a link, another client's "
	    "records would read as these)\n"
	    "c/risk.csv: error: not a regular file\n"
	    "c/sessions.csv:4: warning: duplicate of line 3 (left by a "
	    "merge?); ipt check --fix removes it\n"
	    "c/sessions.csv:6: error: session 3 appears twice with different "
	    "contents (also line 5): keep the right one by editing the file\n",
	    "missing, broken and temporary files; duplicate rows");
}

static void
test_fidelity(void)
{
	client_dir("d");
	/*
	 * Session 3 cancelled, 2 twice: 4 sessions held, out of order.  The
	 * initial phase's tasks are done at session 1.
	 */
	put("d/sessions.csv", SESSIONS_HEADER
	    "1,2026-02-01,individual,attended,50,initial,,"
	    "sick-role;inventory;formulation;contract,5,5,\n"
	    "2,2026-02-08,individual,attended,50,initial,,,5,5,note\n"
	    "2,2026-02-08,individual,attended,50,initial,,,5,5,note\n"
	    "4,2026-02-22,individual,attended,50,initial,,,5,5,\n"
	    "3,2026-02-15,individual,cancelled,50,initial,,,5,5,\n"
	    "5,2026-03-01,individual,attended,50,middle,,,5,5,\n");
	put("d/measures.csv", MEASURES_HEADER
	    "2026-02-01,1,phq9,4,minimal,0 0 0 1 0 1 0 2 0,\n"
	    "2026-02-01,1,gad7,5,mild,0 1 1 0 1 0 2,\n"
	    "2026-02-01,1,wsas,10,significant,2 2 2 2 2,\n"
	    "2026-02-08,2,phq9,4,minimal,0 0 0 1 0 1 0 2 0,\n"
	    "2026-03-01,5,phq9,4,minimal,0 0 0 1 0 1 0 2 0,\n");
	expect("d",
	    "d/sessions.csv:4: warning: duplicate of line 3 (left by a "
	    "merge?); ipt check --fix removes it\n"
	    "d/sessions.csv:5: warning: phq9 was due at session 4 (every "
	    "session) and not given\n"
	    "d/sessions.csv:6: warning: rows out of number order; ipt check "
	    "--fix sorts them\n"
	    "d/sessions.csv:7: warning: no focus agreed by session 5 (held "
	    "session 4), the end of the initial phase\n"
	    "d/sessions.csv:7: warning: no formulation recorded by session 5 "
	    "(held session 4), the end of the initial phase (ipt formulation "
	    "add)\n"
	    "d/sessions.csv:7: warning: the inventory names 0 of the 3 people "
	    "the initial phase asks for by session 5\n"
	    "d/sessions.csv:7: warning: wsas was due at session 5 (every 28 "
	    "days) and not given\n",
	    "fidelity over the sessions held");
}

int
main(void)
{
	char tmpl[] = "/tmp/t_check.XXXXXX", *cmd;

	if (mkdtemp(tmpl) == NULL || chdir(tmpl) == -1)
		abort();
	/* Files 0600, as ipt writes them: check warns of looser ones. */
	umask(077);
	test_files();
	test_fidelity();
	if (chdir("/tmp") == -1)
		abort();
	cmd = xasprintf("rm -rf '%s'", tmpl);
	if (system(cmd) != 0)
		abort();
	free(cmd);
	return tap_done();
}
