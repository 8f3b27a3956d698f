/*
 * remind.c: ipt remind, what is due or overdue across a caseload.
 *
 * Made for cron: nothing is printed when nothing is due, so that a daily
 * job mails only news: a paused or ended client has no reminder but an
 * open risk flag, and a client directory named on the command line that
 * is paused or ended says so on standard error.  One client is loaded at a time and freed before
 * the next; a client that cannot be read is named on standard error, the
 * scan goes on, and the exit status is 1.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload.h"
#include "client.h"
#include "cmd.h"
#include "date.h"
#include "instrument.h"
#include "remind.h"
#include "summary.h"
#include "util.h"

static const char *const remind_usage[] = {
	"ipt remind [path ...] [--within days] [--format text|tsv|json]",
	NULL
};

struct scan {
	struct scan_base b;	/* first: the arg of scan_error() */
	long		 within;	/* -1: the practice's setting */
	struct remind_list list;
};

static int
visit(const char *dir, void *arg)
{
	struct scan *sc = arg;
	struct summary s;
	char why[160];
	size_t i;

	scan_practice(&sc->b, dir);
	if (sc->within >= 0)
		sc->b.pc.ro.within = sc->within;
	if (summary_load(&s, dir, sc->b.today, &sc->b.pc.set,
	    &sc->b.pc.ro) == -1) {
		scan_lib_error(sc);
		return 0;
	}
	for (i = 0; i < sc->b.npaths; i++)
		if (strcmp(sc->b.paths[i], dir) == 0 &&
		    summary_stopped(&s, why, sizeof(why)) != NULL)
			fprintf(stderr, "ipt: %s: %s: nothing is due but an "
			    "open risk flag\n", s.c.id, why);
	if (remind_add(&sc->list, &s, dir) == -1) {
		summary_free(&s);
		return -1;	/* the spool cannot be written: stop */
	}
	summary_free(&s);
	return 0;
}

static const struct option remind_opts[] = {
	{ "format",	required_argument,	NULL, 'f' },
	OPT_HELP,
	{ "within",	required_argument,	NULL, 'w' },
	OPT_END
};

static int
remind_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct scan sc;
	enum ipt_format f = FMT_TEXT;
	int ch, rc;

	memset(&sc, 0, sizeof(sc));
	sc.within = -1;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (format_parse(optarg, (1u << FMT_TEXT) |
			    (1u << FMT_TSV) | (1u << FMT_JSON), &f) == -1)
				return fail();
			break;
		case 'h':
			return cmd_usage(ctx, 0);
		case 'w':
			if (parse_long(optarg, 0, 366, &sc.within) == -1)
				return usage_err("--within: '%s' is not a whole "
				    "number of days from 0 to 366", optarg);
			break;
		default:
			return bad_option(ctx);
		}
	}
	remind_begin(&sc.list);
	if (scan_begin(&sc.b, argc, argv) == -1)
		rc = fail();
	else if (caseload_scan(sc.b.paths, sc.b.npaths, visit, scan_error,
	    &sc, NULL) != 0 || render_remind(stdout, &sc.list, f) == -1)
		rc = fail();
	else
		rc = sc.b.errors > 0 ? 1 : 0;
	remind_free(&sc.list);
	scan_end(&sc.b);
	return rc;
}

const struct command cmd_remind = {
	"remind", "what is due or overdue across a caseload", remind_usage,
	remind_run, remind_opts, NULL, 0
};
