/*
 * relapse.c: ipt relapse add|list|rm, the relapse-prevention plan.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "cmd.h"
#include "csvt.h"
#include "plan.h"
#include "record.h"

static const char *const relapse_usage[] = {
	"ipt relapse add --kind warning-sign|action|contact [--date date] text",
	"ipt relapse list [--format table|csv|tsv|json]",
	"ipt relapse rm id",
	NULL
};

static const struct option add_opts[] = {
	{ "date",	required_argument,	NULL, 'd' },
	OPT_HELP,
	{ "kind",	required_argument,	NULL, 'k' },
	OPT_END
};

static int
relapse_add_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *date = NULL, *kind = NULL;
	long id;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			date = optarg;
			break;
		case 'h':
			return cmd_usage(ctx, 0);
		case 'k':
			kind = optarg;
			break;
		default:
			return bad_option(ctx);
		}
	}
	if (argc - optind != 1)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1)
		return fail();
	rc = 0;
	if (relapse_add(ctx->client.dir, kind, argv[optind], date, &id) == -1)
		rc = fail();
	else
		printf("%ld\n", id);
	return rc;
}

static int
relapse_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const table_cols[] = { "id", "kind", "text", "date",
	    NULL };

	return list_records(ctx, argc, argv, REC_RELAPSE, relapse_sort,
	    table_cols);
}

static int
relapse_rm_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	int rc;

	if ((rc = format_only(ctx, argc, argv, 0, NULL)) != 0)
		return rc < 0 ? 0 : rc;
	if (argc - optind != 1)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1)
		return fail();
	return relapse_rm(ctx->client.dir, argv[optind]) == -1 ? fail() : 0;
}

#define WRITE	(CMD_NEEDS_CLIENT | CMD_WRITES)
static const struct verb relapse_verbs[] = {
	{ "add",	relapse_add_cmd, add_opts,	WRITE },
	{ "list",	relapse_list,	format_opts,	CMD_NEEDS_CLIENT },
	{ "rm",		relapse_rm_cmd,	help_opts,	WRITE },
	{ NULL, NULL, NULL, 0 }
};

const struct command cmd_relapse = {
	"relapse", "the relapse-prevention plan", relapse_usage,
	NULL, help_opts, relapse_verbs, 0
};
