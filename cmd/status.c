/*
 * status.c: ipt status, one screen about the client in hand.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "status.h"

static const char *const status_usage[] = {
	"ipt status [--format text|json]",
	NULL
};

static int
status_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum ipt_format f = FMT_TEXT;
	int rc;

	if ((rc = format_only(ctx, argc, argv, (1u << FMT_TEXT) |
	    (1u << FMT_JSON), &f)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind != argc)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1)
		return fail();
	render_status(stdout, &ctx->sum, f);
	return 0;
}

const struct command cmd_status = {
	"status", "where the therapy stands and what is due", status_usage,
	status_run, format_opts, NULL, CMD_NEEDS_SUMMARY
};
