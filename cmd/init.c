/*
 * init.c: ipt init, create a client directory.
 */
#include <getopt.h>
#include <stdio.h>

#include "client.h"
#include "cmd.h"
#include "escape.h"

static const char *const init_usage[] = {
	"ipt init [--adopt] [--frequency days] [--id id] [--name name]",
	"         [--sessions n] [--start date] [--therapist name]",
	"         [--variant variant] [dir]",
	NULL
};

static const struct option init_opts[] = {
	{ "adopt",	no_argument,		NULL, 'a' },
	{ "frequency",	required_argument,	NULL, 'f' },
	OPT_HELP,
	{ "id",		required_argument,	NULL, 'i' },
	{ "name",	required_argument,	NULL, 'n' },
	{ "sessions",	required_argument,	NULL, 's' },
	{ "start",	required_argument,	NULL, 'S' },
	{ "therapist",	required_argument,	NULL, 't' },
	{ "variant",	required_argument,	NULL, 'v' },
	OPT_END
};

static int
init_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct client_params p = { 0 };
	const char *dir = ".";
	int ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			p.adopt = 1;
			break;
		case 'f':
			p.frequency = optarg;
			break;
		case 'h':
			return cmd_usage(ctx, 0);
		case 'i':
			p.id = optarg;
			break;
		case 'n':
			p.name = optarg;
			break;
		case 's':
			p.sessions = optarg;
			break;
		case 'S':
			p.start = optarg;
			break;
		case 't':
			p.therapist = optarg;
			break;
		case 'v':
			p.variant = optarg;
			break;
		default:
			return bad_option(ctx);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		return cmd_usage(ctx, 2);
	if (argc == 1)
		dir = argv[0];
	/* Who the history says made the client (nothing else to load). */
	if (ctx_setup(ctx) == -1 || client_create(dir, &p) == -1)
		return fail();
	printf("initialised client directory %s\n", esc(dir));
	return 0;
}

const struct command cmd_init = {
	"init", "create a client directory", init_usage,
	init_run, init_opts, NULL, CMD_WRITES
};
