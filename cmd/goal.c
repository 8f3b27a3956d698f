/*
 * goal.c: ipt goal add|done|drop|reopen|list, the treatment goals.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "cmd.h"
#include "csvt.h"
#include "plan.h"
#include "record.h"

static const char *const goal_usage[] = {
	"ipt goal add [--date date] text",
	"ipt goal done [--date date] id",
	"ipt goal drop [--date date] id",
	"ipt goal reopen id",
	"ipt goal list [--open] [--format table|csv|tsv|json]",
	NULL
};

struct args {
	const char	*date;
	const char	*format;
	int		 open;
};

/*
 * Parse the options a verb takes (letters among "dfo"); 0, or the exit
 * status to return (-1 after --help).
 */
static int
parse(int argc, char **argv, const char *letters, struct args *a)
{
	static const struct option all[] = {
		{ "date",	required_argument,	NULL, 'd' },
		{ "format",	required_argument,	NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "open",	no_argument,		NULL, 'o' },
	};
	struct option opts[sizeof(all) / sizeof(all[0]) + 1];
	size_t i, n = 0;
	int ch;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (all[i].val == 'h' || strchr(letters, all[i].val) != NULL)
			opts[n++] = all[i];
	memset(&opts[n], 0, sizeof(opts[n]));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			a->date = optarg;
			break;
		case 'f':
			a->format = optarg;
			break;
		case 'h':
			usage(0, goal_usage);
			return -1;
		case 'o':
			a->open = 1;
			break;
		default:
			return bad_option(goal_usage);
		}
	}
	return 0;
}

static int
goal_add_cmd(int argc, char **argv)
{
	struct client c;
	struct args a;
	long id;
	int rc;

	if ((rc = parse(argc, argv, "d", &a)) != 0)
		return rc < 0 ? 0 : rc;
	if (argc - optind != 1)
		return usage(2, goal_usage);
	if (open_client(&c) == -1)
		return fail();
	if (goal_add(c.dir, argv[optind], a.date, &id) == -1)
		rc = fail();
	else
		printf("%ld\n", id);
	client_close(&c);
	return rc;
}

/* done, drop and reopen. */
static int
close_goal(int argc, char **argv, const char *status)
{
	struct client c;
	struct args a;
	int rc;

	if ((rc = parse(argc, argv, status != NULL ? "d" : "", &a)) != 0)
		return rc < 0 ? 0 : rc;
	if (argc - optind != 1)
		return usage(2, goal_usage);
	if (open_client(&c) == -1)
		return fail();
	if (status != NULL)
		rc = goal_close(c.dir, argv[optind], status, a.date);
	else
		rc = goal_reopen(c.dir, argv[optind]);
	rc = rc == -1 ? fail() : 0;
	client_close(&c);
	return rc;
}

static int
goal_done(int argc, char **argv)
{
	return close_goal(argc, argv, "met");
}

static int
goal_drop(int argc, char **argv)
{
	return close_goal(argc, argv, "dropped");
}

static int
goal_reopen_cmd(int argc, char **argv)
{
	return close_goal(argc, argv, NULL);
}

static int
goal_list(int argc, char **argv)
{
	static const char *const table_cols[] = { "id", "status", "set_on",
	    "closed_on", "goal", NULL };
	enum ipt_format f = FMT_TABLE;
	struct csv_table t;
	struct client c;
	struct args a;
	size_t i;
	int rc;

	if ((rc = parse(argc, argv, "fo", &a)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind != argc)
		return usage(2, goal_usage);
	if (a.format != NULL && get_format(a.format, (1u << FMT_TABLE) |
	    (1u << FMT_CSV) | (1u << FMT_TSV) | (1u << FMT_JSON), &f) == -1)
		return fail();
	if (open_records(&c, REC_GOALS, &t) == -1)
		return fail();
	if (a.open)
		for (i = t.nrows; i-- > 0;)
			if (strcmp(csv_get(&t, i, "status"), "open") != 0)
				csv_remove(&t, i);
	render_table(stdout, &t, f, f == FMT_TABLE ? table_cols : NULL);
	csv_free_table(&t);
	client_close(&c);
	return 0;
}

int
cmd_goal(int argc, char **argv)
{
	static const struct subcmd verbs[] = {
		{ "add",	goal_add_cmd },
		{ "done",	goal_done },
		{ "drop",	goal_drop },
		{ "list",	goal_list },
		{ "reopen",	goal_reopen_cmd },
		{ NULL, NULL }
	};

	return run_verb(argc, argv, verbs, goal_usage);
}
