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

#include "cmd.h"
#include "ics.h"
#include "schedule.h"
#include "util.h"

static const char *const schedule_usage[] = {
	"ipt schedule [--count n] [--format text|ics] [--names | --no-names]",
	NULL
};

static const struct option schedule_opts[] = {
	{ "count",	required_argument,	NULL, 'n' },
	{ "format",	required_argument,	NULL, 'f' },
	OPT_HELP,
	{ "names",	no_argument,		NULL, 'M' },
	{ "no-names",	no_argument,		NULL, 'N' },
	OPT_END
};

static int
schedule_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct schedule sc;
	struct ics_tz tz = { 0 };
	enum ipt_format f = FMT_TEXT;
	long count = 0;
	int ch, names = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (format_parse(optarg, (1u << FMT_TEXT) |
			    (1u << FMT_ICS), &f) == -1)
				return fail();
			break;
		case 'h':
			return cmd_usage(ctx, 0);
		case 'n':
			if (parse_long(optarg, 1, SCHEDULE_MAX, &count) == -1)
				return usage_err("--count: '%s' is not a whole "
				    "number from 1 to %d", optarg, SCHEDULE_MAX);
			break;
		case 'M':
			names = 1;
			break;
		case 'N':
			names = 0;
			break;
		default:
			return bad_option(ctx);
		}
	}
	if (optind != argc)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1)
		return fail();
	if (f == FMT_ICS && ics_tz_load(ctx->sum.c.root, &tz) == -1)
		return fail();
	schedule_plan(&sc, &ctx->sum, count);
	if (sc.none != NULL)
		fprintf(stderr, "ipt: %s: %s\n", ctx->sum.c.id, sc.none);
	else
		render_schedule(stdout, &ctx->sum, &sc, f, names, &tz);
	schedule_free(&sc);
	ics_tz_free(&tz);
	return 0;
}

const struct command cmd_schedule = {
	"schedule", "the planned sessions ahead, as text or iCalendar",
	schedule_usage, schedule_run, schedule_opts, NULL, CMD_NEEDS_SUMMARY
};
