/*
 * schedule.c: ipt schedule, the planned sessions ahead of the client in
 * hand, as text or iCalendar.
 *
 * When nothing is planned (a paused or ended client, a plan whose
 * sessions have all been held) the reason goes to standard error,
 * nothing to standard output, and the exit status is 0.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "client.h"
#include "cmd.h"
#include "date.h"
#include "schedule.h"
#include "summary.h"
#include "util.h"

static const char *const schedule_usage[] = {
	"ipt schedule [--count n] [--format text|ics] [--no-names]",
	NULL
};

int
cmd_schedule(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "count",	required_argument,	NULL, 'n' },
		{ "format",	required_argument,	NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "no-names",	no_argument,		NULL, 'N' },
		{ NULL, 0, NULL, 0 }
	};
	struct remind_opts ro;
	struct schedule sc;
	struct summary s;
	enum ipt_format f = FMT_TEXT;
	char *dir, *root;
	long today, count = 0;
	int ch, rc, names = 1;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (format_parse(optarg, (1u << FMT_TEXT) |
			    (1u << FMT_ICS), &f) == -1)
				return fail();
			break;
		case 'h':
			return usage(0, schedule_usage);
		case 'n':
			if (parse_long(optarg, 1, SCHEDULE_MAX, &count) == -1)
				return usage_err("--count: '%s' is not a whole "
				    "number from 1 to %d", optarg, SCHEDULE_MAX);
			break;
		case 'N':
			names = 0;
			break;
		default:
			return bad_option(schedule_usage);
		}
	}
	if (optind != argc)
		return usage(2, schedule_usage);
	if (date_today(&today) == -1 || client_find(".", &dir) == -1)
		return fail();
	root = practice_root(dir);
	rc = remind_settings(root, &ro);
	free(root);
	if (rc == -1 || summary_load(&s, dir, today, NULL, &ro) == -1) {
		free(dir);
		return fail();
	}
	free(dir);
	schedule_plan(&sc, &s, count);
	if (sc.none != NULL)
		fprintf(stderr, "ipt: %s: %s\n", s.c.id, sc.none);
	else
		render_schedule(stdout, &s, &sc, f, names);
	schedule_free(&sc);
	summary_free(&s);
	return 0;
}
