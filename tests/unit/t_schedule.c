/*
 * t_schedule.c: unit tests of the schedule (lib/schedule.c), the
 * iCalendar writer (lib/ics.c) and the caseload walk (lib/caseload.c).
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caseload.h"
#include "date.h"
#include "ics.h"
#include "schedule.h"
#include "summary.h"
#include "tap.h"
#include "util.h"
#include "variant.h"

/* ics_line's output for a string, in a fresh string. */
static char *
folded(const char *s)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	ics_line(fp, s);
	fclose(fp);
	return out;
}

/* Undo the folding: remove every CRLF followed by a space, and the last. */
static char *
unfold(const char *s)
{
	char *o = xstrdup(s), *w = o;

	for (; *s != '\0'; s++) {
		if (s[0] == '\r' && s[1] == '\n' && (s[2] == ' ' ||
		    s[2] == '\0')) {
			s += s[2] == ' ' ? 2 : 1;
			continue;
		}
		*w++ = *s;
	}
	*w = '\0';
	return o;
}

/* Every line at most 75 octets, ends with CRLF, starts on a UTF-8 lead. */
static int
lines_ok(const char *s)
{
	const char *p, *e;

	for (p = s; *p != '\0'; p = e + 2) {
		if ((e = strstr(p, "\r\n")) == NULL)
			return 0;
		if (e - p > ICS_FOLD)
			return 0;
		if (p != s && ((unsigned char)p[1] & 0xc0) == 0x80)
			return 0;
	}
	return 1;
}

static void
test_ics(void)
{
	struct buf b = { 0 };
	char *f, *u, *s;
	size_t i;

	ics_text(&b, "a,b;c\\d\ne\rf\001g\th");
	is_str(b.s, "a\\,b\\;c\\\\d\\nef g\th", "TEXT escaping");
	buf_free(&b);

	f = folded("SUMMARY:short");
	is_str(f, "SUMMARY:short\r\n", "a short line is not folded");
	free(f);

	s = xmalloc(301);
	memset(s, 'x', 300);
	s[300] = '\0';
	f = folded(s);
	ok(lines_ok(f), "ASCII folded at 75 octets");
	ok(strncmp(f + 75, "\r\n x", 4) == 0, "first line is 75 octets");
	u = unfold(f);
	is_str(u, s, "ASCII unfolds to the original");
	free(u);
	free(f);

	/* Two- and three-byte sequences at every offset. */
	for (i = 0; i < 4; i++) {
		struct buf t = { 0 };
		size_t k;

		buf_adds(&t, "DESCRIPTION:");
		for (k = 0; k < i; k++)
			buf_addc(&t, 'x');
		for (k = 0; k < 60; k++)
			buf_adds(&t, k % 2 ? "\xc3\xa9" : "\xe2\x82\xac");
		f = folded(t.s);
		ok(lines_ok(f), "UTF-8 not cut, offset %zu", i);
		u = unfold(f);
		is_str(u, t.s, "UTF-8 unfolds to the original, offset %zu", i);
		free(u);
		free(f);
		buf_free(&t);
	}
	free(s);
}

static void
fake(struct summary *s, const char *status, long held, long planned,
    long next_due, long today)
{
	memset(s, 0, sizeof(*s));
	s->c.status = status;
	s->c.id = "ana";
	s->c.name = "Ana";
	s->c.variant = "standard";
	s->c.planned = planned;
	s->c.frequency = 7;
	s->c.ended_on = s->c.end_reason = "";
	s->c.end_day = -1;
	s->end_day = -1;
	s->held = held;
	s->next_number = held + 1;
	s->next_due = next_due;
	s->today = today;
	if (variant_get(NULL, "standard", &s->v) == -1)
		abort();
}

static void
test_plan(void)
{
	struct summary s;
	struct schedule sc;
	long today;

	date_parse("2026-11-26", &today);
	fake(&s, "active", 2, 16, today + 3, today);
	schedule_plan(&sc, &s, 0);
	is_int(sc.n, 14, "14 sessions left of 16");
	is_int(sc.v[0].number, 3, "the next is session 3");
	is_int(sc.v[0].day, today + 3, "on the day due");
	is_int(sc.v[1].day, today + 10, "then a week later");
	is_str(sc.v[0].phase, "initial", "session 3 is initial");
	is_str(sc.v[2].phase, "middle", "session 5 is middle");
	is_str(sc.v[13].phase, "final", "session 16 is final");
	ok(sc.none == NULL, "something is planned");
	schedule_free(&sc);

	schedule_plan(&sc, &s, 5);
	is_int(sc.n, 5, "--count 5");
	schedule_free(&sc);
	schedule_plan(&sc, &s, 50);
	is_int(sc.n, 14, "--count past the plan stops at the plan");
	schedule_free(&sc);

	fake(&s, "active", 2, 16, today - 4, today);
	schedule_plan(&sc, &s, 2);
	is_int(sc.v[0].day, today, "an overdue session is planned today");
	is_int(sc.v[0].due, today - 4, "keeping the day it fell due");
	is_int(sc.v[1].day, today + 7, "the next a week after today");
	is_int(sc.v[1].due, sc.v[1].day, "the next is not overdue");
	schedule_free(&sc);

	fake(&s, "maintenance", 20, 16, today, today);
	schedule_plan(&sc, &s, 0);
	is_int(sc.n, SCHEDULE_MAINTENANCE, "maintenance: the default count");
	is_int(sc.planned, 0, "maintenance has no planned end");
	is_str(sc.v[0].phase, "maintenance", "maintenance phase");
	schedule_free(&sc);

	fake(&s, "paused", 2, 16, today, today);
	schedule_plan(&sc, &s, 0);
	ok(sc.n == 0 && sc.none != NULL, "paused: none, with a reason");
	schedule_free(&sc);
	fake(&s, "ended", 2, 16, -1, today);
	schedule_plan(&sc, &s, 0);
	ok(sc.n == 0 && sc.none != NULL, "ended: none, with a reason");
	schedule_free(&sc);
	fake(&s, "ended", 2, 16, -1, today);
	s.c.ended_on = "2026-10-01";
	s.c.end_reason = "dropped-out";
	date_parse(s.c.ended_on, &s.c.end_day);
	schedule_plan(&sc, &s, 0);
	is_str(sc.none, "the therapy ended on 2026-10-01 (dropped-out): no "
	    "session is planned", "ended: the day and the reason");
	schedule_free(&sc);
	fake(&s, "active", 16, 16, -1, today);
	schedule_plan(&sc, &s, 0);
	ok(sc.n == 0 && sc.none != NULL, "plan complete: none");
	schedule_free(&sc);
}

struct seen {
	struct buf	 dirs, errs;
};

static int
visit(const char *dir, void *arg)
{
	struct seen *s = arg;

	buf_printf(&s->dirs, "%s\n", dir);
	return 0;
}

static int
stop(const char *dir, void *arg)
{
	visit(dir, arg);
	return 7;
}

static void
err(const char *msg, void *arg)
{
	struct seen *s = arg;

	buf_printf(&s->errs, "%s\n", msg);
}

static void
touch(const char *path)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL)
		abort();
	fclose(fp);
}

static void
test_caseload(void)
{
	char tmpl[] = "/tmp/t_schedule.XXXXXX", *cmd;
	const char *paths[2];
	struct seen s = { { 0 }, { 0 } };
	size_t nerr;
	int rc;

	if (mkdtemp(tmpl) == NULL || chdir(tmpl) == -1)
		abort();
	mkdir("p", 0700);
	mkdir("p/b", 0700);
	touch("p/b/client.ini");
	mkdir("p/b/notes", 0700);
	mkdir("p/b/notes/x", 0700);
	touch("p/b/notes/x/client.ini");
	mkdir("p/a", 0700);
	mkdir("p/a/c", 0700);
	touch("p/a/c/client.ini");
	mkdir("p/a/B", 0700);
	touch("p/a/B/client.ini");
	mkdir("p/.git", 0700);
	touch("p/.git/client.ini");
	mkdir("p/.git/h", 0700);
	touch("p/.git/h/client.ini");
	touch("p/file");
	if (symlink("b", "p/link") == -1)
		abort();

	paths[0] = "p";
	rc = caseload_scan(paths, 1, visit, err, &s, &nerr);
	is_int(rc, 0, "scan runs to the end");
	is_str(s.dirs.s, "p/a/B\np/a/c\np/b\n",
	    "sorted, no hidden, no link, no descent into a client");
	is_int(nerr, 0, "no error");

	buf_reset(&s.dirs);
	paths[0] = "p/link";
	paths[1] = "nosuch";
	rc = caseload_scan(paths, 2, visit, err, &s, &nerr);
	is_str(s.dirs.s, "p/link\n", "a link given is followed");
	is_int(nerr, 1, "a missing path is an error");
	is_str(s.errs.s, "nosuch: No such file or directory\n",
	    "the error names the path");

	buf_reset(&s.dirs);
	paths[0] = "p";
	rc = caseload_scan(paths, 1, stop, NULL, &s, NULL);
	is_int(rc, 7, "the callback stops the scan");
	is_str(s.dirs.s, "p/a/B\n", "after the first client");

	buf_reset(&s.dirs);
	if (chdir("p/b") == -1)
		abort();
	paths[0] = ".";
	caseload_scan(paths, 1, visit, err, &s, NULL);
	is_str(s.dirs.s, ".\n", "\".\" as a client directory");
	if (chdir("..") == -1)
		abort();
	buf_reset(&s.dirs);
	caseload_scan(paths, 1, visit, err, &s, NULL);
	is_str(s.dirs.s, "a/B\na/c\nb\n", "no \"./\" before the names");

	if (chdir("/tmp") == -1)
		abort();
	cmd = xasprintf("rm -rf '%s'", tmpl);
	if (system(cmd) != 0)
		abort();
	free(cmd);
	buf_free(&s.dirs);
	buf_free(&s.errs);
}

int
main(void)
{
	test_ics();
	test_plan();
	test_caseload();
	variant_free_all();
	return tap_done();
}
