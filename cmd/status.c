/*
 * status.c: ipt status, one screen about the client in hand.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "client.h"
#include "cmd.h"
#include "date.h"
#include "status.h"
#include "summary.h"

static const char *const status_usage[] = {
	"ipt status [--format text|json]",
	NULL
};

int
cmd_status(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format",	required_argument,	NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct remind_opts ro;
	struct summary s;
	enum ipt_format f = FMT_TEXT;
	char *dir, *root;
	long today;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (format_parse(optarg, (1u << FMT_TEXT) |
			    (1u << FMT_JSON), &f) == -1)
				return fail();
			break;
		case 'h':
			return usage(0, status_usage);
		default:
			return bad_option(status_usage);
		}
	}
	if (optind != argc)
		return usage(2, status_usage);
	if (date_today(&today) == -1 || client_find(".", &dir) == -1)
		return fail();
	root = practice_root(dir);
	rc = remind_settings(root, &ro);
	free(root);
	if (rc == -1 || summary_load(&s, dir, today, NULL, &ro) == -1) {
		free(dir);
		return fail();
	}
	free(dir);
	render_status(stdout, &s, f);
	summary_free(&s);
	return 0;
}
