/*
 * history.c: ipt history, every change to the client's records; and
 * --resolve, a person's decision on a row two clones changed differently.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "record.h"
#include "render.h"
#include "util.h"

static const char *const history_usage[] = {
	"ipt history [--format text|json] [--file file] [--row id]",
	"ipt history --resolve id",
	NULL
};

static const struct option history_opts[] = {
	{ "file",	required_argument,	NULL, 'F' },
	{ "format",	required_argument,	NULL, 'f' },
	OPT_HELP,
	{ "resolve",	required_argument,	NULL, 'R' },
	{ "row",	required_argument,	NULL, 'r' },
	OPT_END
};

static int
known_file(const char *name)
{
	int f;

	if (strcmp(name, CLIENT_INI) == 0)
		return 1;
	for (f = 0; f < REC_NFILES; f++)
		if (strcmp(rec_schema(f)->file, name) == 0)
			return 1;
	return 0;
}

static int
history_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum ipt_format fmt = FMT_TEXT;
	const char *file = NULL, *row = NULL, *resolve = NULL;
	struct buf log = { 0 };
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'F':
			file = optarg;
			break;
		case 'f':
			if (format_parse(optarg, (1u << FMT_TEXT) |
			    (1u << FMT_JSON), &fmt) == -1)
				return fail();
			break;
		case 'h':
			return cmd_usage(ctx, 0);
		case 'R':
			resolve = optarg;
			break;
		case 'r':
			row = optarg;
			break;
		default:
			return bad_option(ctx);
		}
	}
	if (optind != argc || (resolve != NULL && (file != NULL ||
	    row != NULL)))
		return cmd_usage(ctx, 2);
	if (file != NULL && !known_file(file))
		return usage_err("--file: %s is not a record file", file);
	if (ctx_setup(ctx) == -1)
		return fail();
	if (resolve != NULL) {
		rc = history_resolve(ctx->client.dir, resolve, &log);
		if (log.len > 0)
			fputs(log.s, stdout);
		buf_free(&log);
		return rc == -1 ? fail() : 0;
	}
	return render_history(stdout, ctx->client.dir, file, row, fmt) == -1 ?
	    fail() : 0;
}

const struct command cmd_history = {
	"history", "every change to the client's records, and who made it",
	history_usage, history_run, history_opts, NULL,
	CMD_NEEDS_CLIENT | CMD_WRITES
};
