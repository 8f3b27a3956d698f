/*
 * event.c: ipt event add|list, the interpersonal timeline.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "cmd.h"
#include "csvt.h"
#include "record.h"
#include "timeline.h"

static const char *const event_usage[] = {
	"ipt event add --date date [--kind kind] [--mood n] text",
	"ipt event list [--format table|csv|tsv|json]",
	NULL
};

static const struct option add_opts[] = {
	{ "date",	required_argument,	NULL, 'd' },
	OPT_HELP,
	{ "kind",	required_argument,	NULL, 'k' },
	{ "mood",	required_argument,	NULL, 'm' },
	OPT_END
};

static int
event_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *date = NULL, *kind = NULL, *mood = NULL;
	int ch;

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
		case 'm':
			mood = optarg;
			break;
		default:
			return bad_option(ctx);
		}
	}
	if (argc - optind != 1)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1)
		return fail();
	return timeline_add(ctx->client.dir, date, kind, mood,
	    argv[optind]) == -1 ? fail() : 0;
}

static int
event_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const table_cols[] = { "date", "kind", "mood",
	    "event", NULL };

	return list_records(ctx, argc, argv, REC_TIMELINE, timeline_sort,
	    table_cols);
}

static const struct verb event_verbs[] = {
	{ "add",	event_add,	add_opts,	CMD_NEEDS_CLIENT | CMD_WRITES },
	{ "list",	event_list,	format_opts,	CMD_NEEDS_CLIENT },
	{ NULL, NULL, NULL, 0 }
};

const struct command cmd_event = {
	"event", "the interpersonal timeline of life events", event_usage,
	NULL, help_opts, event_verbs, 0
};
