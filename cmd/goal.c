/*
 * goal.c: ipt goal add|done|drop|reopen|list, the treatment goals.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "cmd.h"
#include "csvt.h"
#include "plan.h"
#include "record.h"

static const char *const goal_usage[] = {
	"ipt goal add [--date date] text",
	"ipt goal done [--date date] id",
	"ipt goal drop [--date date] id",
	"ipt goal reopen id",
	"ipt goal list [--open] [--format table|csv|tsv|json]",
	NULL
};

struct args {
	const char	*date;
	const char	*format;
	int		 open;
};

static const struct option date_opts[] = {
	{ "date",	required_argument,	NULL, 'd' },
	OPT_HELP,
	OPT_END
};
static const struct option list_opts[] = {
	{ "format",	required_argument,	NULL, 'f' },
	OPT_HELP,
	{ "open",	no_argument,		NULL, 'o' },
	OPT_END
};

/* Parse the options of the verb; 0, or the exit status (-1 after --help). */
static int
parse(struct cmd_ctx *ctx, int argc, char **argv, struct args *a)
{
	int ch;

	memset(a, 0, sizeof(*a));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			a->date = optarg;
			break;
		case 'f':
			a->format = optarg;
			break;
		case 'h':
			cmd_usage(ctx, 0);
			return -1;
		case 'o':
			a->open = 1;
			break;
		default:
			return bad_option(ctx);
		}
	}
	return 0;
}

static int
goal_add_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct args a;
	long id;
	int rc;

	if ((rc = parse(ctx, argc, argv, &a)) != 0)
		return rc < 0 ? 0 : rc;
	if (argc - optind != 1)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1)
		return fail();
	if (goal_add(ctx->client.dir, argv[optind], a.date, &id) == -1)
		rc = fail();
	else
		printf("%ld\n", id);
	return rc;
}

/* done, drop and reopen. */
static int
close_goal(struct cmd_ctx *ctx, int argc, char **argv, const char *status)
{
	struct args a;
	int rc;

	if ((rc = parse(ctx, argc, argv, &a)) != 0)
		return rc < 0 ? 0 : rc;
	if (argc - optind != 1)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1)
		return fail();
	if (status != NULL)
		rc = goal_close(ctx->client.dir, argv[optind], status, a.date);
	else
		rc = goal_reopen(ctx->client.dir, argv[optind]);
	rc = rc == -1 ? fail() : 0;
	return rc;
}

static int
goal_done(struct cmd_ctx *ctx, int argc, char **argv)
{
	return close_goal(ctx, argc, argv, "met");
}

static int
goal_drop(struct cmd_ctx *ctx, int argc, char **argv)
{
	return close_goal(ctx, argc, argv, "dropped");
}

static int
goal_reopen_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	return close_goal(ctx, argc, argv, NULL);
}

static int
goal_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const table_cols[] = { "id", "status", "set_on",
	    "closed_on", "goal", NULL };
	enum ipt_format f = FMT_TABLE;
	struct csv_table t;
	struct args a;
	size_t i;
	int rc;

	if ((rc = parse(ctx, argc, argv, &a)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind != argc)
		return cmd_usage(ctx, 2);
	if (a.format != NULL && get_format(a.format, (1u << FMT_TABLE) |
	    (1u << FMT_CSV) | (1u << FMT_TSV) | (1u << FMT_JSON), &f) == -1)
		return fail();
	if (ctx_setup(ctx) == -1 ||
	    rec_load(ctx->client.dir, REC_GOALS, &t) == -1)
		return fail();
	if (a.open)
		for (i = t.nrows; i-- > 0;)
			if (strcmp(csv_get(&t, i, "status"), "open") != 0)
				csv_remove(&t, i);
	render_table(stdout, &t, f, f == FMT_TABLE ? table_cols : NULL);
	csv_free_table(&t);
	return 0;
}

#define WRITE	(CMD_NEEDS_CLIENT | CMD_WRITES)
static const struct verb goal_verbs[] = {
	{ "add",	goal_add_cmd,		date_opts,	WRITE },
	{ "done",	goal_done,		date_opts,	WRITE },
	{ "drop",	goal_drop,		date_opts,	WRITE },
	{ "list",	goal_list,		list_opts,	CMD_NEEDS_CLIENT },
	{ "reopen",	goal_reopen_cmd,	help_opts,	WRITE },
	{ NULL, NULL, NULL, 0 }
};

const struct command cmd_goal = {
	"goal", "treatment goals", goal_usage,
	NULL, help_opts, goal_verbs, 0
};
