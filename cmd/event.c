/*
 * event.c: ipt event add|list, the interpersonal timeline.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "cmd.h"
#include "csvt.h"
#include "record.h"
#include "timeline.h"

static const char *const event_usage[] = {
	"ipt event add --date date [--kind kind] [--mood n] text",
	"ipt event list [--format table|csv|tsv|json]",
	NULL
};

static int
event_add(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date",	required_argument,	NULL, 'd' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "kind",	required_argument,	NULL, 'k' },
		{ "mood",	required_argument,	NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	const char *date = NULL, *kind = NULL, *mood = NULL;
	struct client c;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			date = optarg;
			break;
		case 'h':
			return usage(0, event_usage);
		case 'k':
			kind = optarg;
			break;
		case 'm':
			mood = optarg;
			break;
		default:
			return bad_option(event_usage);
		}
	}
	if (argc - optind != 1)
		return usage(2, event_usage);
	if (open_client(&c) == -1)
		return fail();
	rc = timeline_add(c.dir, date, kind, mood, argv[optind]) == -1 ?
	    fail() : 0;
	client_close(&c);
	return rc;
}

static int
event_list(int argc, char **argv)
{
	static const char *const table_cols[] = { "date", "kind", "mood",
	    "event", NULL };

	return list_records(argc, argv, event_usage, REC_TIMELINE,
	    timeline_sort, table_cols);
}

int
cmd_event(int argc, char **argv)
{
	static const struct subcmd verbs[] = {
		{ "add",	event_add },
		{ "list",	event_list },
		{ NULL, NULL }
	};

	return run_verb(argc, argv, verbs, event_usage);
}
