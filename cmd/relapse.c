/*
 * relapse.c: ipt relapse add|list|rm, the relapse-prevention plan.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "cmd.h"
#include "csvt.h"
#include "plan.h"
#include "record.h"

static const char *const relapse_usage[] = {
	"ipt relapse add --kind warning-sign|action|contact [--date date] text",
	"ipt relapse list [--format table|csv|tsv|json]",
	"ipt relapse rm id",
	NULL
};

static int
relapse_add_cmd(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date",	required_argument,	NULL, 'd' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "kind",	required_argument,	NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	const char *date = NULL, *kind = NULL;
	struct client c;
	long id;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			date = optarg;
			break;
		case 'h':
			return usage(0, relapse_usage);
		case 'k':
			kind = optarg;
			break;
		default:
			return bad_option(relapse_usage);
		}
	}
	if (argc - optind != 1)
		return usage(2, relapse_usage);
	if (open_client(&c) == -1)
		return fail();
	rc = 0;
	if (relapse_add(c.dir, kind, argv[optind], date, &id) == -1)
		rc = fail();
	else
		printf("%ld\n", id);
	client_close(&c);
	return rc;
}

static int
relapse_list(int argc, char **argv)
{
	static const char *const table_cols[] = { "id", "kind", "text", "date",
	    NULL };

	return list_records(argc, argv, relapse_usage, REC_RELAPSE,
	    relapse_sort, table_cols);
}

static int
relapse_rm_cmd(int argc, char **argv)
{
	enum ipt_format f = FMT_TABLE;
	struct client c;
	int rc;

	if ((rc = format_only(argc, argv, 0, &f, relapse_usage)) != 0)
		return rc < 0 ? 0 : rc;
	if (argc - optind != 1)
		return usage(2, relapse_usage);
	if (open_client(&c) == -1)
		return fail();
	rc = relapse_rm(c.dir, argv[optind]) == -1 ? fail() : 0;
	client_close(&c);
	return rc;
}

int
cmd_relapse(int argc, char **argv)
{
	static const struct subcmd verbs[] = {
		{ "add",	relapse_add_cmd },
		{ "list",	relapse_list },
		{ "rm",		relapse_rm_cmd },
		{ NULL, NULL }
	};

	return run_verb(argc, argv, verbs, relapse_usage);
}
