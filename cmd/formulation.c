/*
 * formulation.c: ipt formulation add|revise|show|history, the
 * interpersonal formulation agreed with the client.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "cmd.h"
#include "csvt.h"
#include "formulation.h"
#include "record.h"
#include "util.h"

static const char *const formulation_usage[] = {
	"ipt formulation add [--area area] [--person name ...] [--event date ...]",
	"                    [--words text] [--agreed date] [--date date] text",
	"ipt formulation revise [--area area] [--person name ...] [--event date ...]",
	"                    [--words text] [--agreed date] [--date date] [text]",
	"ipt formulation show [--format text|json]",
	"ipt formulation history [--format table|csv|tsv|json]",
	NULL
};

static const struct option write_opts[] = {
	{ "agreed",	required_argument,	NULL, 'a' },
	{ "area",	required_argument,	NULL, 'A' },
	{ "date",	required_argument,	NULL, 'd' },
	{ "event",	required_argument,	NULL, 'e' },
	OPT_HELP,
	{ "person",	required_argument,	NULL, 'p' },
	{ "words",	required_argument,	NULL, 'w' },
	OPT_END
};

static int
formulation_write(struct cmd_ctx *ctx, int argc, char **argv, int revise)
{
	struct formulation_input in;
	const char **people, **events;
	long id;
	int ch, rc;

	memset(&in, 0, sizeof(in));
	people = xreallocarray(NULL, (size_t)argc, sizeof(*people));
	events = xreallocarray(NULL, (size_t)argc, sizeof(*events));
	in.people = people;
	in.events = events;
	rc = -1;
	optind = 0;
	while (rc == -1 && (ch = getopt_long(argc, argv, "h", ctx->opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			in.agreed = optarg;
			break;
		case 'A':
			in.area = optarg;
			break;
		case 'd':
			in.date = optarg;
			break;
		case 'e':
			events[in.nevents++] = optarg;
			break;
		case 'h':
			rc = cmd_usage(ctx, 0);
			break;
		case 'p':
			people[in.npeople++] = optarg;
			break;
		case 'w':
			in.words = optarg;
			break;
		default:
			rc = bad_option(ctx);
			break;
		}
	}
	if (rc == -1) {
		if (argc - optind == 1)
			in.text = argv[optind];
		else if (!revise || argc - optind != 0)
			rc = cmd_usage(ctx, 2);
	}
	if (rc == -1 && ctx_setup(ctx) == -1)
		rc = fail();
	if (rc == -1) {
		if ((revise ? formulation_revise(&ctx->client, &in, &id) :
		    formulation_add(&ctx->client, &in, &id)) == -1)
			rc = fail();
		else {
			printf("%ld\n", id);
			rc = 0;
		}
	}
	free(people);
	free(events);
	return rc;
}

static int
formulation_add_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	return formulation_write(ctx, argc, argv, 0);
}

static int
formulation_revise_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	return formulation_write(ctx, argc, argv, 1);
}

static int
formulation_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "revision", "date", "area",
	    "people", "events", "words", "agreed", "text" };
	static const char *const cols[] = { "id", "date", "area", "people",
	    "events", "words", "agreed", "text" };
	const char *vals[8];
	enum ipt_format f = FMT_TEXT;
	struct csv_table t;
	size_t i;
	long row;
	int rc;

	if ((rc = format_only(ctx, argc, argv, (1u << FMT_TEXT) |
	    (1u << FMT_JSON), &f)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind != argc)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1 ||
	    rec_load(ctx->client.dir, REC_FORMULATION, &t) == -1)
		return fail();
	if ((row = formulation_latest(&t, -1)) < 0) {
		if (f == FMT_JSON)
			printf("null\n");
		else
			printf("no formulation recorded yet\n");
	} else {
		for (i = 0; i < 8; i++)
			vals[i] = csv_get(&t, (size_t)row, cols[i]);
		render_fields(stdout, keys, vals, 8, f);
	}
	csv_free_table(&t);
	return 0;
}

static int
formulation_history(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const table_cols[] = { "id", "date", "area",
	    "agreed", "text", NULL };

	return list_records(ctx, argc, argv, REC_FORMULATION, NULL,
	    table_cols);
}

#define WRITE	(CMD_NEEDS_CLIENT | CMD_WRITES)
static const struct verb formulation_verbs[] = {
	{ "add",	formulation_add_cmd,	write_opts,	WRITE },
	{ "history",	formulation_history,	format_opts,	CMD_NEEDS_CLIENT },
	{ "revise",	formulation_revise_cmd,	write_opts,	WRITE },
	{ "show",	formulation_show,	format_opts,	CMD_NEEDS_CLIENT },
	{ NULL, NULL, NULL, 0 }
};

const struct command cmd_formulation = {
	"formulation", "the interpersonal formulation agreed with the client",
	formulation_usage, NULL, help_opts, formulation_verbs, 0
};
