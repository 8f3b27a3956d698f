/*
 * report.c: ipt report, the progress or termination report of the
 * client in hand, for people (text, Markdown, HTML) or scripts (JSON).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "report.h"
#include "util.h"

static const char *const report_usage[] = {
	"ipt report [--format text|md|html|json] [--output file]",
	NULL
};

static const struct option report_opts[] = {
	{ "format",	required_argument,	NULL, 'f' },
	OPT_HELP,
	{ "output",	required_argument,	NULL, 'o' },
	OPT_END
};

static int
report_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum ipt_format f = FMT_TEXT;
	const char *output = NULL;
	char *odir, *oname;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "f:ho:", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (format_parse(optarg, (1u << FMT_TEXT) |
			    (1u << FMT_MD) | (1u << FMT_HTML) |
			    (1u << FMT_JSON), &f) == -1)
				return fail();
			break;
		case 'h':
			return cmd_usage(ctx, 0);
		case 'o':
			output = optarg;
			break;
		default:
			return bad_option(ctx);
		}
	}
	if (optind != argc)
		return cmd_usage(ctx, 2);
	/* Refuse a bad --output before reading anything. */
	if (output != NULL) {
		if (output_target("--output", output, &odir, &oname) == -1)
			return fail();
		free(odir);
		free(oname);
	}
	if (ctx_setup(ctx) == -1)
		return fail();
	if (output != NULL)
		rc = report_write(output, &ctx->sum, &ctx->set, f);
	else
		rc = render_report(stdout, &ctx->sum, &ctx->set, f);
	return rc == -1 ? fail() : 0;
}

/* --output writes a file: autocommit sees it, as it always did. */
const struct command cmd_report = {
	"report", "progress or termination report of a client", report_usage,
	report_run, report_opts, NULL,
	CMD_NEEDS_SUMMARY | CMD_NEEDS_PRACTICE | CMD_WRITES
};
