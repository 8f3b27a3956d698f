/*
 * focus.c: ipt focus set|show|history.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "cmd.h"
#include "csvt.h"
#include "focus.h"
#include "record.h"

static const char *const focus_usage[] = {
	"ipt focus set [--date date] [--note text] [--secondary area] area",
	"ipt focus show [--format text|json]",
	"ipt focus history [--format table|csv|tsv|json]",
	NULL
};

static const struct option set_opts[] = {
	{ "date",	required_argument,	NULL, 'd' },
	OPT_HELP,
	{ "note",	required_argument,	NULL, 'n' },
	{ "secondary",	required_argument,	NULL, 's' },
	OPT_END
};

static int
focus_set_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct client *c = &ctx->client;
	const char *date = NULL, *note = NULL, *secondary = NULL;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			date = optarg;
			break;
		case 'h':
			return cmd_usage(ctx, 0);
		case 'n':
			note = optarg;
			break;
		case 's':
			secondary = optarg;
			break;
		default:
			return bad_option(ctx);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1)
		return fail();
	rc = focus_set(c, argv[0], secondary, date, note) == -1 ? fail() : 0;
	if (rc == 0)
		printf("focus: %s%s%s since %s\n", c->primary,
		    *c->secondary ? ", secondary " : "", c->secondary,
		    c->focus_set_on);
	return rc;
}

static int
focus_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct client *c = &ctx->client;
	enum ipt_format f = FMT_TEXT;
	int rc;

	if ((rc = format_only(ctx, argc, argv, (1u << FMT_TEXT) |
	    (1u << FMT_JSON), &f)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind != argc)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1)
		return fail();
	if (f == FMT_JSON) {
		static const char *const keys[] = { "primary", "secondary",
		    "set_on" };
		const char *vals[] = { c->primary, c->secondary,
		    c->focus_set_on };

		render_fields(stdout, keys, vals, 3, f);
	} else if (*c->primary == '\0')
		printf("no focus chosen yet\n");
	else {
		printf("primary: %s\n", c->primary);
		if (*c->secondary != '\0')
			printf("secondary: %s\n", c->secondary);
		printf("since: %s\n", c->focus_set_on);
	}
	return 0;
}

static int
focus_history(struct cmd_ctx *ctx, int argc, char **argv)
{
	return list_records(ctx, argc, argv, REC_FOCUS, NULL, NULL);
}

#define WRITE	(CMD_NEEDS_CLIENT | CMD_WRITES)
static const struct verb focus_verbs[] = {
	{ "history",	focus_history,	format_opts,	CMD_NEEDS_CLIENT },
	{ "set",	focus_set_cmd,	set_opts,	WRITE },
	{ "show",	focus_show,	format_opts,	CMD_NEEDS_CLIENT },
	{ NULL, NULL, NULL, 0 }
};

const struct command cmd_focus = {
	"focus", "choose and review the problem-area focus", focus_usage,
	NULL, help_opts, focus_verbs, 0
};
