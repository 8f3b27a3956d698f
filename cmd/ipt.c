/*
 * ipt.c: the ipt command: global options and the command table.
 *
 * ipt keeps the records of Interpersonal Psychotherapy cases as plain
 * files, one directory per client.  This file parses the global options,
 * finds the command in one table and runs it; a command it does not know
 * runs as the executable ipt-NAME on PATH, as git does.  Before exiting
 * with success it checks that standard output was written whole.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "atomic.h"
#include "date.h"
#include "git.h"
#include "util.h"

#define IPT_VERSION	"0.1.0"

struct command {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*summary;
};

static int	cmd_help(int, char **);

static const struct command commands[] = {
	{ "check",	cmd_check,	"validate records and fidelity to the protocol" },
	{ "event",	cmd_event,	"the interpersonal timeline of life events" },
	{ "export",	cmd_export,	"data sets for research and supervision, de-identified if asked" },
	{ "focus",	cmd_focus,	"choose and review the problem-area focus" },
	{ "goal",	cmd_goal,	"treatment goals" },
	{ "help",	cmd_help,	"show the manual of a command" },
	{ "init",	cmd_init,	"create a client directory" },
	{ "inventory",	cmd_inventory,	"the interpersonal inventory" },
	{ "ls",		cmd_ls,		"the caseload: one line per client" },
	{ "measure",	cmd_measure,	"administer and score outcome measures" },
	{ "plan",	cmd_plan,	"show or change the plan: status, sessions, frequency" },
	{ "relapse",	cmd_relapse,	"the relapse-prevention plan" },
	{ "remind",	cmd_remind,	"what is due or overdue across a caseload" },
	{ "report",	cmd_report,	"progress or termination report of a client" },
	{ "risk",	cmd_risk,	"list and review risk flags" },
	{ "schedule",	cmd_schedule,	"the planned sessions ahead, as text or iCalendar" },
	{ "session",	cmd_session,	"add, list, change and remove sessions" },
	{ "status",	cmd_status,	"where the therapy stands and what is due" },
	{ NULL, NULL, NULL }
};

static const char *const main_usage[] = {
	"ipt [-C dir] [--today date] command [argument ...]",
	"ipt --help | --version",
	NULL
};

static void
list_commands(FILE *fp)
{
	size_t i;

	fputs("\ncommands:\n", fp);
	for (i = 0; commands[i].name != NULL; i++)
		fprintf(fp, "   %-12s %s\n", commands[i].name,
		    commands[i].summary);
	fputs("\nSee ipt(1), or ipt help COMMAND.\n", fp);
}

static const struct command *
lookup(const char *name)
{
	size_t i;

	for (i = 0; commands[i].name != NULL; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Levenshtein distance, for "did you mean". */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, prev, tmp, best;

	if (la > 64 || lb > 64)
		return 99;
	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

static int
unknown(const char *name)
{
	const char *best = NULL;
	size_t i, d, bestd = 99;

	for (i = 0; commands[i].name != NULL; i++)
		if ((d = distance(name, commands[i].name)) < bestd) {
			bestd = d;
			best = commands[i].name;
		}
	if (best != NULL && (bestd <= 2 || strncmp(name, best,
	    strlen(name)) == 0))
		fprintf(stderr, "ipt: '%s' is not an ipt command; did you mean "
		    "'%s'?\n", name, best);
	else
		fprintf(stderr, "ipt: '%s' is not an ipt command; see "
		    "'ipt --help'\n", name);
	return 2;
}

/* Run ipt-NAME from PATH, if there is one; return only if there is not. */
static void
run_external(char **argv)
{
	char *prog;

	if (strchr(argv[0], '/') != NULL || !valid_id(argv[0]))
		return;
	prog = xasprintf("ipt-%s", argv[0]);
	argv[0] = prog;
	execvp(prog, argv);
	if (errno != ENOENT) {
		fprintf(stderr, "ipt: %s: %s\n", prog, strerror(errno));
		exit(1);
	}
	argv[0] = prog + 4;
}

static int
cmd_help(int argc, char **argv)
{
	char *page;
	pid_t pid;
	int status;

	if (argc < 2) {
		usage(0, main_usage);
		list_commands(stdout);
		return 0;
	}
	if (strcmp(argv[1], "help") == 0) {
		usage(0, main_usage);
		list_commands(stdout);
		return 0;
	}
	if (lookup(argv[1]) == NULL && strcmp(argv[1], "files") != 0)
		return unknown(argv[1]);
	page = xasprintf("ipt-%s", argv[1]);
	fflush(stdout);
	if ((pid = fork()) == -1) {
		fprintf(stderr, "ipt: fork: %s\n", strerror(errno));
		free(page);
		return 1;
	}
	if (pid == 0) {
		execlp("man", "man", page, (char *)NULL);
		fprintf(stderr, "ipt: cannot run man(1) for %s: %s\n", page,
		    strerror(errno));
		_exit(127);
	}
	free(page);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return 1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

/* A successful command's output must have reached its destination. */
static int
finish(int status)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "ipt: error writing standard output: %s\n",
		    strerror(errno));
		return status == 0 ? 1 : status;
	}
	return status;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "help",	no_argument,		NULL, 'h' },
		{ "today",	required_argument,	NULL, 'T' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct command *c;
	char *name, *action;
	int ch, status;

	umask(077);
	while ((ch = getopt_long(argc, argv, "+C:hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'C':
			if (chdir(optarg) == -1) {
				fprintf(stderr, "ipt: -C %s: %s\n", optarg,
				    strerror(errno));
				return 2;
			}
			break;
		case 'h':
			usage(0, main_usage);
			list_commands(stdout);
			return finish(0);
		case 'T':
			if (date_set_today(optarg) == -1)
				return fail();
			break;
		case 'V':
			printf("ipt %s\n", IPT_VERSION);
			return finish(0);
		default:
			return usage(2, main_usage);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		usage(2, main_usage);
		list_commands(stderr);
		return 2;
	}
	if ((c = lookup(argv[0])) == NULL) {
		run_external(argv);
		return unknown(argv[0]);
	}
	/* getopt_long and run_verb() name argv[0] in their messages. */
	action = argc > 1 && argv[1][0] >= 'a' && argv[1][0] <= 'z' &&
	    c->fn != cmd_init ? xasprintf("%s %s", c->name, argv[1]) :
	    xstrdup(c->name);
	name = xasprintf("ipt %s", c->name);
	argv[0] = name;
	status = c->fn(argc, argv);
	/* The records are written: git is only told, never relied on. */
	if (git_autocommit(action) == -1)
		fprintf(stderr, "ipt: warning: %s\n", ipt_error());
	atomic_changed_clear();
	free(action);
	free(name);
	return finish(status);
}
