/*
 * erase.c: ipt erase, the deliberate erasure of a client's records.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "date.h"
#include "erase.h"
#include "escape.h"

static const char *const erase_usage[] = {
	"ipt erase --confirm id [--force] client-directory",
	NULL
};

static const struct option erase_opts[] = {
	{ "confirm",	required_argument,	NULL, 'c' },
	{ "force",	no_argument,		NULL, 'f' },
	OPT_HELP,
	OPT_END
};

static int
erase_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct erase_info info;
	const char *confirm = NULL, *dir;
	long today;
	int ch, force = 0, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			confirm = optarg;
			break;
		case 'f':
			force = 1;
			break;
		case 'h':
			return cmd_usage(ctx, 0);
		default:
			return bad_option(ctx);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage(ctx, 2);
	if (confirm == NULL)
		return usage_err("erase: give --confirm with the id of the "
		    "client, to say that its records are to be erased");
	dir = argv[optind];
	if (date_today(&today) == -1)
		return fail();
	if (erase_client(dir, confirm, force, today, &info) == -1) {
		rc = fail();
		erase_info_free(&info);
		return rc;
	}
	printf("erased %s: the records of client %s%s\n", esc(dir),
	    esc(info.id), info.within ? ", within retention (--force)" : "");
	if (info.git_warning != NULL)
		fprintf(stderr, "ipt: warning: %s\n", esc(info.git_warning));
	if (info.git_top != NULL) {
		printf("\nThe practice is in the git repository %s: every commit "
		    "before this erasure\nstill holds the records of %s, and so "
		    "does every clone and backup of it.\n", esc(info.git_top),
		    esc(info.id));
		if (info.committed)
			printf("The removal is committed (autocommit); rewrite "
			    "the history without them,\nfor example:\n\n");
		else {
			printf("Commit the removal, then rewrite the history "
			    "without them, for example:\n\n");
			printf("  git -C %s rm -r -q --cached --ignore-unmatch "
			    "-- %s\n", esc(info.git_top), esc(info.git_path));
			printf("  git -C %s commit -m 'erase client %s'\n",
			    esc(info.git_top), esc(info.id));
		}
		printf("  git -C %s filter-repo --invert-paths --path %s/   "
		    "(git-filter-repo(1): a fresh clone, or --force)\n",
		    esc(info.git_top), esc(info.git_path));
		printf("\nthen force-push every branch to every remote (git push "
		    "--force --all), and\nhave every clone deleted and cloned "
		    "again: a clone not rewritten brings the\nrecords back at "
		    "its next push.  Backups are erased as the practice's own "
		    "rules say.\n");
	}
	erase_info_free(&info);
	return 0;
}

const struct command cmd_erase = {
	"erase", "erase the records of a client past retention", erase_usage,
	erase_run, erase_opts, NULL, 0
};
