/*
 * inventory.c: ipt inventory add|rate|list|edit|rm.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "cmd.h"
#include "csvt.h"
#include "inventory.h"
#include "record.h"
#include "util.h"

static const char *const inventory_usage[] = {
	"ipt inventory add --relationship text [--changes text] [--closeness n]",
	"                  [--conflict n] [--contact text] [--date date]",
	"                  [--satisfying text] [--support n] [--unsatisfying text]",
	"                  person",
	"ipt inventory rate [--closeness n] [--conflict n] [--date date]",
	"                   [--support n] person",
	"ipt inventory list [--all] [--format table|csv|tsv|json]",
	"ipt inventory edit [--on date] [--rename name] [options of add] person",
	"ipt inventory rm [--on date] person",
	NULL
};

/* The options of the verbs, each array in the order of their names. */
#define O_ALL		{ "all",		no_argument,		NULL, 'a' }
#define O_CHANGES	{ "changes",		required_argument,	NULL, 'w' }
#define O_CLOSENESS	{ "closeness",		required_argument,	NULL, 'c' }
#define O_CONFLICT	{ "conflict",		required_argument,	NULL, 'x' }
#define O_CONTACT	{ "contact",		required_argument,	NULL, 'f' }
#define O_DATE		{ "date",		required_argument,	NULL, 'd' }
#define O_FORMAT	{ "format",		required_argument,	NULL, 'F' }
#define O_ON		{ "on",			required_argument,	NULL, 'o' }
#define O_RELATIONSHIP	{ "relationship",	required_argument,	NULL, 'r' }
#define O_RENAME	{ "rename",		required_argument,	NULL, 'n' }
#define O_SATISFYING	{ "satisfying",		required_argument,	NULL, 's' }
#define O_SUPPORT	{ "support",		required_argument,	NULL, 'p' }
#define O_UNSATISFYING	{ "unsatisfying",	required_argument,	NULL, 'u' }

static const struct option add_opts[] = {
	O_CHANGES, O_CLOSENESS, O_CONFLICT, O_CONTACT, O_DATE, OPT_HELP,
	O_RELATIONSHIP, O_SATISFYING, O_SUPPORT, O_UNSATISFYING, OPT_END
};
static const struct option rate_opts[] = {
	O_CLOSENESS, O_CONFLICT, O_DATE, OPT_HELP, O_SUPPORT, OPT_END
};
static const struct option edit_opts[] = {
	O_CHANGES, O_CLOSENESS, O_CONFLICT, O_CONTACT, O_DATE, OPT_HELP, O_ON,
	O_RELATIONSHIP, O_RENAME, O_SATISFYING, O_SUPPORT, O_UNSATISFYING,
	OPT_END
};
static const struct option rm_opts[] = {
	OPT_HELP, O_ON, OPT_END
};
static const struct option list_opts[] = {
	O_ALL, O_FORMAT, OPT_HELP, OPT_END
};

struct args {
	struct inventory_input	 in;
	const char		*on, *rename, *format;
	int			 all;
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
		case 'a':
			a->all = 1;
			break;
		case 'c':
			a->in.closeness = optarg;
			break;
		case 'd':
			a->in.date = optarg;
			break;
		case 'f':
			a->in.contact = optarg;
			break;
		case 'F':
			a->format = optarg;
			break;
		case 'h':
			cmd_usage(ctx, 0);
			return -1;
		case 'n':
			a->rename = optarg;
			break;
		case 'o':
			a->on = optarg;
			break;
		case 'p':
			a->in.support = optarg;
			break;
		case 'r':
			a->in.relationship = optarg;
			break;
		case 's':
			a->in.satisfying = optarg;
			break;
		case 'u':
			a->in.unsatisfying = optarg;
			break;
		case 'w':
			a->in.changes = optarg;
			break;
		case 'x':
			a->in.conflict = optarg;
			break;
		default:
			return bad_option(ctx);
		}
	}
	return 0;
}

/* Parse, check for one person operand and open the client. */
static int
start(struct cmd_ctx *ctx, int argc, char **argv, struct args *a)
{
	int rc;

	if ((rc = parse(ctx, argc, argv, a)) != 0)
		return rc;
	if (argc - optind != 1)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1)
		return fail();
	return 0;
}

static int
inventory_add_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct args a;
	int rc;

	if ((rc = start(ctx, argc, argv, &a)) != 0)
		return rc < 0 ? 0 : rc;
	rc = inventory_add(ctx->client.dir, argv[optind], &a.in) == -1 ? fail() : 0;
	return rc;
}

static int
inventory_rate_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct args a;
	int rc;

	if ((rc = start(ctx, argc, argv, &a)) != 0)
		return rc < 0 ? 0 : rc;
	rc = inventory_rate(ctx->client.dir, argv[optind], &a.in) == -1 ? fail() : 0;
	return rc;
}

static int
inventory_edit_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct args a;
	int rc;

	if ((rc = start(ctx, argc, argv, &a)) != 0)
		return rc < 0 ? 0 : rc;
	rc = inventory_edit(ctx->client.dir, argv[optind], a.on, a.rename, &a.in) == -1 ?
	    fail() : 0;
	return rc;
}

static int
inventory_rm_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct args a;
	size_t n;
	int rc;

	if ((rc = start(ctx, argc, argv, &a)) != 0)
		return rc < 0 ? 0 : rc;
	rc = inventory_rm(ctx->client.dir, argv[optind], a.on, &n) == -1 ? fail() : 0;
	return rc;
}

/* "4 (+1)": a rating with its change since the baseline. */
static void
with_change(struct csv_table *t, size_t row, const char *col)
{
	char *chg = xasprintf("%s_change", col), *s;
	const char *v = csv_get(t, row, col), *d = csv_get(t, row, chg);

	if (*v != '\0' && *d != '\0' &&
	    strcmp(csv_get(t, row, "baseline"), csv_get(t, row, "date")) != 0) {
		s = xasprintf("%s (%s%s)", v, *d == '-' || *d == '+' ? "" : "+",
		    d);
		csv_set(t, row, col, s);
		free(s);
	}
	free(chg);
}

static int
inventory_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const table_cols[] = { "person", "relationship",
	    "contact", "closeness", "support", "conflict", "date", "baseline",
	    NULL };
	static const char *const all_cols[] = { "date", "person",
	    "relationship", "contact", "closeness", "support", "conflict",
	    NULL };
	struct csv_table t, cur;
	struct args a;
	enum ipt_format f = FMT_TABLE;
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
	    rec_load(ctx->client.dir, REC_INVENTORY, &t) == -1)
		return fail();
	if (a.all)
		render_table(stdout, &t, f, f == FMT_TABLE ? all_cols : NULL);
	else {
		inventory_current(&t, &cur);
		if (f == FMT_TABLE) {
			for (i = 0; i < cur.nrows; i++) {
				with_change(&cur, i, "closeness");
				with_change(&cur, i, "support");
				with_change(&cur, i, "conflict");
			}
			render_table(stdout, &cur, f, table_cols);
		} else
			render_table(stdout, &cur, f, NULL);
		csv_free_table(&cur);
	}
	csv_free_table(&t);
	return 0;
}

#define WRITE	(CMD_NEEDS_CLIENT | CMD_WRITES)
static const struct verb inventory_verbs[] = {
	{ "add",	inventory_add_cmd,	add_opts,	WRITE },
	{ "edit",	inventory_edit_cmd,	edit_opts,	WRITE },
	{ "list",	inventory_list,		list_opts,	CMD_NEEDS_CLIENT },
	{ "rate",	inventory_rate_cmd,	rate_opts,	WRITE },
	{ "rm",		inventory_rm_cmd,	rm_opts,	WRITE },
	{ NULL, NULL, NULL, 0 }
};

const struct command cmd_inventory = {
	"inventory", "the interpersonal inventory", inventory_usage,
	NULL, help_opts, inventory_verbs, 0
};
