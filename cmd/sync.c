/*
 * sync.c: ipt sync, share the practice through a git remote.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "escape.h"
#include "sync.h"

static const char *const sync_usage[] = {
	"ipt sync [--remote name]",
	NULL
};

static const struct option sync_opts[] = {
	OPT_HELP,
	{ "remote",	required_argument,	NULL, 'r' },
	OPT_END
};

/* Each line of b, escaped, on f, after prefix. */
static void
lines(FILE *f, const char *prefix, const struct buf *b)
{
	const char *p, *nl;

	for (p = b->s != NULL ? b->s : ""; (nl = strchr(p, '\n')) != NULL;
	    p = nl + 1) {
		char *l = xstrndup(p, (size_t)(nl - p));

		fprintf(f, "%s%s\n", prefix, esc(l));
		free(l);
	}
}

static int
sync_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct sync_report r;
	const char *remote = NULL;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			return cmd_usage(ctx, 0);
		case 'r':
			if (*optarg == '\0' || *optarg == '-')
				return usage_err("sync: --remote: not a "
				    "remote name: '%s'", optarg);
			remote = optarg;
			break;
		default:
			return bad_option(ctx);
		}
	}
	if (optind != argc)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1)
		return fail();
	rc = sync_practice(".", remote, &ctx->set, &r);
	lines(stdout, "", &r.done);
	if (rc == -1) {
		sync_report_free(&r);
		return fail();
	}
	if (rc == 1) {
		lines(stderr, "ipt: sync: ", &r.decide);
		fprintf(stderr, "ipt: sync: %s\n", esc(r.advice.s != NULL ?
		    r.advice.s : "stopped"));
	}
	sync_report_free(&r);
	return rc;
}

/* It commits, merges and repairs: the records it writes it commits. */
const struct command cmd_sync = {
	"sync", "share the practice through a git remote", sync_usage,
	sync_run, sync_opts, NULL, CMD_NEEDS_PRACTICE | CMD_WRITES
};
