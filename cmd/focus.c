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

static int
focus_set_cmd(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date",	required_argument,	NULL, 'd' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "note",	required_argument,	NULL, 'n' },
		{ "secondary",	required_argument,	NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct client c;
	const char *date = NULL, *note = NULL, *secondary = NULL;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			date = optarg;
			break;
		case 'h':
			return usage(0, focus_usage);
		case 'n':
			note = optarg;
			break;
		case 's':
			secondary = optarg;
			break;
		default:
			return bad_option(focus_usage);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return usage(2, focus_usage);
	if (open_client(&c) == -1)
		return fail();
	rc = focus_set(&c, argv[0], secondary, date, note) == -1 ? fail() : 0;
	if (rc == 0)
		printf("focus: %s%s%s since %s\n", c.primary,
		    *c.secondary ? ", secondary " : "", c.secondary,
		    c.focus_set_on);
	client_close(&c);
	return rc;
}

static int
focus_show(int argc, char **argv)
{
	struct client c;
	enum ipt_format f = FMT_TEXT;
	int rc;

	if ((rc = format_only(argc, argv, (1u << FMT_TEXT) | (1u << FMT_JSON),
	    &f, focus_usage)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind != argc)
		return usage(2, focus_usage);
	if (open_client(&c) == -1)
		return fail();
	if (f == FMT_JSON) {
		fputs("{\"primary\": ", stdout);
		json_str(stdout, c.primary);
		fputs(", \"secondary\": ", stdout);
		json_str(stdout, c.secondary);
		fputs(", \"set_on\": ", stdout);
		json_str(stdout, c.focus_set_on);
		fputs("}\n", stdout);
	} else if (*c.primary == '\0')
		printf("no focus chosen yet\n");
	else {
		printf("primary: %s\n", c.primary);
		if (*c.secondary != '\0')
			printf("secondary: %s\n", c.secondary);
		printf("since: %s\n", c.focus_set_on);
	}
	client_close(&c);
	return 0;
}

static int
focus_history(int argc, char **argv)
{
	return list_records(argc, argv, focus_usage, REC_FOCUS, NULL, NULL);
}

int
cmd_focus(int argc, char **argv)
{
	static const struct subcmd verbs[] = {
		{ "history",	focus_history },
		{ "set",	focus_set_cmd },
		{ "show",	focus_show },
		{ NULL, NULL }
	};

	return run_verb(argc, argv, verbs, focus_usage);
}
