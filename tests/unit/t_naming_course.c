/*
 * t_naming_course.c: status, schedule and remind name the same session
 * in the same words (lib/naming.c), every day of every example course.
 *
 * For each client of examples/practice and each day from its start to 4
 * weeks after its last record, the records as they stood that day (rows
 * dated after it left out; the status active until the last session, as
 * t_protocol.c does) are written to a scratch client directory, and:
 * the session status prints as "next:", the first line of schedule, and
 * the session reminder remind prints (session-due, session-overdue,
 * maintenance-due, looking a year ahead) must all name one session in the
 * same words; and when status plans none, schedule and remind plan none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "date.h"
#include "record.h"
#include "schedule.h"
#include "status.h"
#include "summary.h"
#include "tap.h"
#include "util.h"
#include "variant.h"

#define EXAMPLES	"examples/practice"

static const char *const names[] = { "ana", "ben", "dora", "eva", "gus",
    "ines", "lia", "maya", "omar", "walt", NULL };

static long
dayof(const char *s)
{
	long d;

	return date_parse(s, &d) == 0 ? d : -1;
}

static const char *
datecol(enum rec_file f)
{
	return f == REC_GOALS ? "set_on" : "date";
}

/* "session N (...)" from text: the first such name, or "". */
static void
name_in(const char *text, const char *after, char *out, size_t len)
{
	const char *p = text != NULL ? strstr(text, after) : NULL, *e;

	*out = '\0';
	if (p == NULL || (p = strstr(p, "session ")) == NULL ||
	    (e = strchr(p, ')')) == NULL)
		return;
	snprintf(out, len, "%.*s", (int)(e - p + 1), p);
}

/* The client.ini text with its status line replaced. */
static void
write_ini(const char *src, const char *dst, const char *status)
{
	char line[1024];
	FILE *in, *out;

	if ((in = fopen(src, "r")) == NULL || (out = fopen(dst, "w")) == NULL)
		abort();
	while (fgets(line, sizeof(line), in) != NULL)
		if (status != NULL && strncmp(line, "status = ", 9) == 0)
			fprintf(out, "status = \"%s\"\n", status);
		else
			fputs(line, out);
	fclose(in);
	if (fclose(out) == EOF)
		abort();
}

static int
course(const char *tmp, const char *name, long *compared)
{
	struct csv_table t[REC_NFILES], cut;
	struct remind_opts ro;
	struct summary s;
	struct schedule sc;
	char *src, *dir, *path, *text, st[1024], sch[1024], rem[1024];
	char day[DATE_LEN];
	size_t len, i, r, c;
	long start = -1, end = -1, last = -1, today, d;
	int f, bad = 0;
	FILE *fp;

	src = path_join(EXAMPLES "/clients", name);
	dir = path_join(tmp, "practice/clients/cut");
	for (f = 0; f < REC_NFILES; f++) {
		if (rec_load(src, (enum rec_file)f, &t[f]) == -1)
			abort();
		for (i = 0; i < t[f].nrows; i++) {
			d = dayof(csv_get(&t[f], i, datecol((enum rec_file)f)));
			if (d > end)
				end = d;
			if (f == REC_SESSIONS && d > last)
				last = d;
			if (f == REC_SESSIONS && (start < 0 || d < start))
				start = d;
		}
	}
	remind_defaults(&ro);
	ro.within = 366;
	for (today = start; today <= end + 28 && !bad; today++) {
		for (f = 0; f < REC_NFILES; f++) {
			csv_init_table(&cut, t[f].path,
			    (const char *const *)t[f].cols, t[f].ncols);
			for (i = 0; i < t[f].nrows; i++) {
				if (dayof(csv_get(&t[f], i,
				    datecol((enum rec_file)f))) > today)
					continue;
				r = csv_append(&cut);
				for (c = 0; c < t[f].ncols; c++)
					csv_set(&cut, r, t[f].cols[c],
					    t[f].rows[i].f[c]);
			}
			path = path_join(dir, rec_schema((enum rec_file)f)->file);
			if ((fp = fopen(path, "w")) == NULL ||
			    csv_write_table(&cut, fp) == -1 || fclose(fp) == EOF)
				abort();
			free(path);
			csv_free_table(&cut);
		}
		path = path_join(src, "client.ini");
		text = path_join(dir, "client.ini");
		write_ini(path, text, today < last ? "active" : NULL);
		free(path);
		free(text);
		if (summary_load(&s, dir, today, NULL, &ro) == -1) {
			ok(0, "%s: %s", name, ipt_error());
			return 1;
		}
		text = NULL;
		fp = open_memstream(&text, &len);
		render_status(fp, &s, FMT_TEXT);
		fclose(fp);
		name_in(text, "\nnext:", st, sizeof(st));
		free(text);
		text = NULL;
		schedule_plan(&sc, &s, 1);
		fp = open_memstream(&text, &len);
		render_schedule(fp, &s, &sc, FMT_TEXT, 1, NULL);
		fclose(fp);
		name_in(text, "", sch, sizeof(sch));
		free(text);
		schedule_free(&sc);
		rem[0] = '\0';
		for (i = 0; i < s.nrem; i++)
			if (strcmp(s.rem[i].kind, "session-due") == 0 ||
			    strcmp(s.rem[i].kind, "session-overdue") == 0 ||
			    strcmp(s.rem[i].kind, "maintenance-due") == 0)
				name_in(s.rem[i].message, "", rem, sizeof(rem));
		summary_free(&s);
		if (strcmp(st, sch) != 0 || strcmp(st, rem) != 0) {
			date_format(today, day);
			ok(0, "%s %s: status '%s', schedule '%s', remind '%s'",
			    name, day, st, sch, rem);
			bad = 1;
		}
		if (*st != '\0')
			(*compared)++;
	}
	for (f = 0; f < REC_NFILES; f++)
		csv_free_table(&t[f]);
	free(src);
	free(dir);
	return bad;
}

int
main(void)
{
	char tmp[] = "/tmp/t_naming_course.XXXXXX", cmd[256];
	long compared, total = 0;
	int i;

	if (mkdtemp(tmp) == NULL)
		abort();
	snprintf(cmd, sizeof(cmd), "cp -R %s %s/practice && mkdir %s/practice"
	    "/clients/cut", EXAMPLES, tmp, tmp);
	if (system(cmd) != 0)
		abort();
	for (i = 0; names[i] != NULL; i++) {
		compared = 0;
		if (course(tmp, names[i], &compared) == 0)
			ok(1, "%s: status, schedule and remind name the same "
			    "session every day (%ld days a session was next)",
			    names[i], compared);
		total += compared;
	}
	ok(total > 500, "compared on %ld days", total);
	variant_free_all();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	if (system(cmd) != 0)
		abort();
	return tap_done();
}
