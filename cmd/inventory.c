/*
 * inventory.c: ipt inventory add|rate|list|edit|rm.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "cmd.h"
#include "csvt.h"
#include "inventory.h"
#include "record.h"
#include "util.h"

static const char *const inventory_usage[] = {
	"ipt inventory add --relationship text [--changes text] [--closeness n]",
	"                  [--conflict n] [--contact text] [--date date]",
	"                  [--satisfying text] [--support n] [--unsatisfying text]",
	"                  person",
	"ipt inventory rate [--closeness n] [--conflict n] [--date date]",
	"                   [--support n] person",
	"ipt inventory list [--all] [--format table|csv|tsv|json]",
	"ipt inventory edit [--on date] [--rename name] [options of add] person",
	"ipt inventory rm [--on date] person",
	NULL
};

/* Options; each verb takes those whose letter is in its list. */
static const struct option all_opts[] = {
	{ "all",		no_argument,		NULL, 'a' },
	{ "changes",		required_argument,	NULL, 'w' },
	{ "closeness",		required_argument,	NULL, 'c' },
	{ "conflict",		required_argument,	NULL, 'x' },
	{ "contact",		required_argument,	NULL, 'f' },
	{ "date",		required_argument,	NULL, 'd' },
	{ "format",		required_argument,	NULL, 'F' },
	{ "help",		no_argument,		NULL, 'h' },
	{ "on",			required_argument,	NULL, 'o' },
	{ "relationship",	required_argument,	NULL, 'r' },
	{ "rename",		required_argument,	NULL, 'n' },
	{ "satisfying",		required_argument,	NULL, 's' },
	{ "support",		required_argument,	NULL, 'p' },
	{ "unsatisfying",	required_argument,	NULL, 'u' },
};

#define ADD_OPTS	"wcxfdhrspu"
#define RATE_OPTS	"cxdhp"
#define EDIT_OPTS	"wcxfdhonrspu"
#define RM_OPTS		"ho"
#define LIST_OPTS	"aFh"

struct args {
	struct inventory_input	 in;
	const char		*on, *rename, *format;
	int			 all;
};

/*
 * Parse the options a verb takes.  Returns 0, or the exit status to
 * return (-1 after --help).
 */
static int
parse(int argc, char **argv, const char *letters, struct args *a)
{
	struct option opts[sizeof(all_opts) / sizeof(all_opts[0]) + 1];
	size_t i, n = 0;
	int ch;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < sizeof(all_opts) / sizeof(all_opts[0]); i++)
		if (strchr(letters, all_opts[i].val) != NULL)
			opts[n++] = all_opts[i];
	memset(&opts[n], 0, sizeof(opts[n]));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			a->all = 1;
			break;
		case 'c':
			a->in.closeness = optarg;
			break;
		case 'd':
			a->in.date = optarg;
			break;
		case 'f':
			a->in.contact = optarg;
			break;
		case 'F':
			a->format = optarg;
			break;
		case 'h':
			usage(0, inventory_usage);
			return -1;
		case 'n':
			a->rename = optarg;
			break;
		case 'o':
			a->on = optarg;
			break;
		case 'p':
			a->in.support = optarg;
			break;
		case 'r':
			a->in.relationship = optarg;
			break;
		case 's':
			a->in.satisfying = optarg;
			break;
		case 'u':
			a->in.unsatisfying = optarg;
			break;
		case 'w':
			a->in.changes = optarg;
			break;
		case 'x':
			a->in.conflict = optarg;
			break;
		default:
			return bad_option(inventory_usage);
		}
	}
	return 0;
}

/* Parse, check for one person operand and open the client. */
static int
start(int argc, char **argv, const char *letters, struct args *a,
    struct client *c)
{
	int rc;

	if ((rc = parse(argc, argv, letters, a)) != 0)
		return rc;
	if (argc - optind != 1)
		return usage(2, inventory_usage);
	if (open_client(c) == -1)
		return fail();
	return 0;
}

static int
inventory_add_cmd(int argc, char **argv)
{
	struct client c;
	struct args a;
	int rc;

	if ((rc = start(argc, argv, ADD_OPTS, &a, &c)) != 0)
		return rc < 0 ? 0 : rc;
	rc = inventory_add(c.dir, argv[optind], &a.in) == -1 ? fail() : 0;
	client_close(&c);
	return rc;
}

static int
inventory_rate_cmd(int argc, char **argv)
{
	struct client c;
	struct args a;
	int rc;

	if ((rc = start(argc, argv, RATE_OPTS, &a, &c)) != 0)
		return rc < 0 ? 0 : rc;
	rc = inventory_rate(c.dir, argv[optind], &a.in) == -1 ? fail() : 0;
	client_close(&c);
	return rc;
}

static int
inventory_edit_cmd(int argc, char **argv)
{
	struct client c;
	struct args a;
	int rc;

	if ((rc = start(argc, argv, EDIT_OPTS, &a, &c)) != 0)
		return rc < 0 ? 0 : rc;
	rc = inventory_edit(c.dir, argv[optind], a.on, a.rename, &a.in) == -1 ?
	    fail() : 0;
	client_close(&c);
	return rc;
}

static int
inventory_rm_cmd(int argc, char **argv)
{
	struct client c;
	struct args a;
	size_t n;
	int rc;

	if ((rc = start(argc, argv, RM_OPTS, &a, &c)) != 0)
		return rc < 0 ? 0 : rc;
	rc = inventory_rm(c.dir, argv[optind], a.on, &n) == -1 ? fail() : 0;
	client_close(&c);
	return rc;
}

/* "4 (+1)": a rating with its change since the baseline. */
static void
with_change(struct csv_table *t, size_t row, const char *col)
{
	char *chg = xasprintf("%s_change", col), *s;
	const char *v = csv_get(t, row, col), *d = csv_get(t, row, chg);

	if (*v != '\0' && *d != '\0' &&
	    strcmp(csv_get(t, row, "baseline"), csv_get(t, row, "date")) != 0) {
		s = xasprintf("%s (%s%s)", v, *d == '-' || *d == '+' ? "" : "+",
		    d);
		csv_set(t, row, col, s);
		free(s);
	}
	free(chg);
}

static int
inventory_list(int argc, char **argv)
{
	static const char *const table_cols[] = { "person", "relationship",
	    "contact", "closeness", "support", "conflict", "date", "baseline",
	    NULL };
	static const char *const all_cols[] = { "date", "person",
	    "relationship", "contact", "closeness", "support", "conflict",
	    NULL };
	struct csv_table t, cur;
	struct client c;
	struct args a;
	enum ipt_format f = FMT_TABLE;
	size_t i;
	int rc;

	if ((rc = parse(argc, argv, LIST_OPTS, &a)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind != argc)
		return usage(2, inventory_usage);
	if (a.format != NULL && get_format(a.format, (1u << FMT_TABLE) |
	    (1u << FMT_CSV) | (1u << FMT_TSV) | (1u << FMT_JSON), &f) == -1)
		return fail();
	if (open_records(&c, REC_INVENTORY, &t) == -1)
		return fail();
	if (a.all)
		render_table(stdout, &t, f, f == FMT_TABLE ? all_cols : NULL);
	else {
		inventory_current(&t, &cur);
		if (f == FMT_TABLE) {
			for (i = 0; i < cur.nrows; i++) {
				with_change(&cur, i, "closeness");
				with_change(&cur, i, "support");
				with_change(&cur, i, "conflict");
			}
			render_table(stdout, &cur, f, table_cols);
		} else
			render_table(stdout, &cur, f, NULL);
		csv_free_table(&cur);
	}
	csv_free_table(&t);
	client_close(&c);
	return 0;
}

int
cmd_inventory(int argc, char **argv)
{
	static const struct subcmd verbs[] = {
		{ "add",	inventory_add_cmd },
		{ "edit",	inventory_edit_cmd },
		{ "list",	inventory_list },
		{ "rate",	inventory_rate_cmd },
		{ "rm",		inventory_rm_cmd },
		{ NULL, NULL }
	};

	return run_verb(argc, argv, verbs, inventory_usage);
}
