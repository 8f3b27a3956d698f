/*
 * outcomes.c: ipt outcomes, the outcomes of a caseload by group.
 *
 * Scans like ls: one client is loaded at a time, counted into its group
 * (lib/outcomes.c) and freed before the next, so that memory grows with
 * the groups, not the clients.  A client that cannot be read is named on
 * standard error, the scan goes on, and the exit status is 1.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload.h"
#include "cmd.h"
#include "date.h"
#include "outcomes.h"
#include "summary.h"
#include "util.h"

static const char *const outcomes_usage[] = {
	"ipt outcomes [path ...] [--by area|variant|therapist|phase-ended]",
	"       [--since date] [--format text|md|html|json|csv]",
	NULL
};

struct scan {
	struct scan_base b;	/* first: the arg of scan_error() */
	struct outcomes	 o;
};

static int
visit(const char *dir, void *arg)
{
	struct scan *sc = arg;
	struct summary s;
	int rc;

	scan_practice(&sc->b, dir);
	if (summary_load(&s, dir, sc->b.today, &sc->b.pc.set,
	    &sc->b.pc.ro) == -1) {
		scan_lib_error(sc);
		return 0;
	}
	rc = outcomes_add(&sc->o, &s, &sc->b.pc.set);
	summary_free(&s);
	if (rc == -1)
		scan_lib_error(sc);
	return 0;
}

static const struct option outcomes_opts[] = {
	{ "by",		required_argument,	NULL, 'b' },
	{ "format",	required_argument,	NULL, 'f' },
	OPT_HELP,
	{ "since",	required_argument,	NULL, 's' },
	OPT_END
};

static int
outcomes_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct scan sc;
	enum ipt_format f = FMT_TEXT;
	enum outcomes_by by = OUT_BY_NONE;
	long since = -1;
	int ch, rc = 0;

	memset(&sc, 0, sizeof(sc));
	optind = 0;
	while (rc == 0 &&
	    (ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			if (outcomes_by_parse(optarg, &by) == -1)
				rc = fail();
			break;
		case 'f':
			if (format_parse(optarg, (1u << FMT_TEXT) |
			    (1u << FMT_MD) | (1u << FMT_HTML) |
			    (1u << FMT_JSON) | (1u << FMT_CSV), &f) == -1)
				rc = fail();
			break;
		case 'h':
			return cmd_usage(ctx, 0);
		case 's':
			if (date_parse(optarg, &since) == -1)
				rc = usage_err("--since: '%s' is not a date "
				    "(YYYY-MM-DD)", optarg);
			break;
		default:
			rc = bad_option(ctx);
		}
	}
	if (rc != 0)
		return rc;
	outcomes_init(&sc.o, by, since);
	if (scan_begin(&sc.b, argc, argv) == -1)
		rc = fail();
	else if (caseload_scan(sc.b.paths, sc.b.npaths, visit, scan_error,
	    &sc, NULL) != 0 || render_outcomes(stdout, &sc.o, f) == -1)
		rc = fail();
	else
		rc = sc.b.errors > 0 ? 1 : 0;
	outcomes_free(&sc.o);
	scan_end(&sc.b);
	return rc;
}

const struct command cmd_outcomes = {
	"outcomes", "outcomes across a caseload, by group", outcomes_usage,
	outcomes_run, outcomes_opts, NULL, 0
};
