/*
 * ipt.c: the ipt command: global options and the command table.
 *
 * ipt keeps the records of Interpersonal Psychotherapy cases as plain
 * files, one directory per client.  This file parses the global options,
 * finds the command in one table (each entry a struct command of
 * cmd/NAME.c: see cmd.h) and runs it, or its verb, with a context that
 * ctx_setup() fills in as the command's flags ask; a command it does
 * not know runs as the executable ipt-NAME on PATH, as git does.  After
 * a command that may write, git autocommit runs (git.h).  Before exiting
 * with success it checks that standard output was written whole.
 *
 * --list-cmds and --list-opts print the commands, verbs and options from
 * the same table, for the bash completion and the tests; --list-kinds the
 * session kinds of the client in hand.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "atomic.h"
#include "child.h"
#include "client.h"
#include "date.h"
#include "escape.h"
#include "git.h"
#include "util.h"
#include "variant.h"

static int	help_run(struct cmd_ctx *, int, char **);

/* argv[0] of main(), for help to find the pages next to the executable. */
static const char *self;

static const char *const main_usage[] = {
	"ipt [-C dir] [--today date] command [argument ...]",
	"ipt --help | --version",
	NULL
};

/* help takes no option: `ipt help --help' is an unknown command. */
static const struct option no_opts[] = { OPT_END };

const struct command cmd_help = {
	"help", "show the manual of a command", main_usage,
	help_run, no_opts, NULL, 0
};

/* The commands, in the order ipt --help lists them. */
const struct command *const commands[] = {
	&cmd_check,
	&cmd_erase,
	&cmd_event,
	&cmd_export,
	&cmd_focus,
	&cmd_formulation,
	&cmd_goal,
	&cmd_help,
	&cmd_history,
	&cmd_init,
	&cmd_inventory,
	&cmd_ls,
	&cmd_measure,
	&cmd_outcomes,
	&cmd_plan,
	&cmd_relapse,
	&cmd_remind,
	&cmd_report,
	&cmd_risk,
	&cmd_schedule,
	&cmd_session,
	&cmd_status,
	&cmd_sync,
	NULL
};

int
cmd_main_usage(int status)
{
	FILE *fp = status == 0 ? stdout : stderr;
	size_t i;

	usage(status, main_usage);
	fputs("\ncommands:\n", fp);
	for (i = 0; commands[i] != NULL; i++)
		fprintf(fp, "   %-12s %s\n", commands[i]->name,
		    commands[i]->summary);
	fputs("\nSee ipt(1), or ipt help COMMAND.\n", fp);
	return status;
}

const struct command *
cmd_lookup(const char *name)
{
	size_t i;

	for (i = 0; commands[i] != NULL; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
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

int
cmd_unknown(const char *name)
{
	const char *best = NULL;
	size_t i, d, bestd = 99;

	for (i = 0; commands[i] != NULL; i++)
		if ((d = distance(name, commands[i]->name)) < bestd) {
			bestd = d;
			best = commands[i]->name;
		}
	if (best != NULL && (bestd <= 2 || strncmp(name, best,
	    strlen(name)) == 0))
		fprintf(stderr, "ipt: '%s' is not an ipt command; did you mean "
		    "'%s'?\n", esc(name), best);
	else
		fprintf(stderr, "ipt: '%s' is not an ipt command; see "
		    "'ipt --help'\n", esc(name));
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
help_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *page, *file, *man[3];
	int rc, sec;

	(void)ctx;
	if (argc < 2 || strcmp(argv[1], "help") == 0)
		return cmd_main_usage(0);
	if (cmd_lookup(argv[1]) == NULL && strcmp(argv[1], "files") != 0)
		return cmd_unknown(argv[1]);
	page = xasprintf("ipt-%s", argv[1]);
	sec = strcmp(argv[1], "files") == 0 ? 5 : 1;
	/* The page next to the executable, else man(1) searches MANPATH. */
	file = child_manpage(self, page, sec);
	man[0] = "man";
	man[1] = file != NULL ? file : page;
	man[2] = NULL;
	if ((rc = run_child(man, NULL, 0)) == -1)
		fprintf(stderr, "ipt: cannot run man(1) for %s: %s\n", page,
		    strerror(errno));
	free(file);
	free(page);
	return rc == 0 ? 0 : 1;
}

/* Print the long options of a table, "--name=" for those taking a value. */
static void
print_opts(const struct option *o)
{
	for (; o != NULL && o->name != NULL; o++)
		printf("--%s%s\n", o->name, o->has_arg == no_argument ? "" :
		    "=");
}

/*
 * ipt --list-opts NAME [VERB] (or "NAME VERB" in one word): the verbs of
 * a command with verbs, then its options; the options of a command or a
 * verb.  Each on a line, read from the table that the parser uses.
 */
static int
list_opts(const char *arg, int argc, char **argv)
{
	const struct command *c;
	const struct verb *v;
	char *name = xstrdup(arg), *verb;
	int rc = 0;

	if ((verb = strchr(name, ' ')) != NULL)
		*verb++ = '\0';
	else if (argc > 0) {
		verb = argv[0];
		argc--;
	}
	if (argc > 0)
		rc = usage(2, main_usage);
	else if ((c = cmd_lookup(name)) == NULL)
		rc = cmd_unknown(name);
	else if (verb == NULL) {
		for (v = c->verbs; v != NULL && v->name != NULL; v++)
			printf("%s\n", v->name);
		print_opts(c->opts);
	} else if ((v = verb_lookup(c, verb)) != NULL)
		print_opts(v->opts);
	else if (c->verbs == NULL)
		rc = usage_err("%s: '%s' is not a verb; %s has none", c->name,
		    verb, c->name);
	else
		rc = verb_unknown(c, verb);
	free(name);
	return rc;
}

/*
 * ipt --list-kinds: the session kinds the variant of the client in hand
 * allows, one a line (for the completion: a standard client has no parent
 * sessions).  Outside a client directory, exit 1.
 */
static int
list_kinds(void)
{
	const struct variant *v;
	struct client c;
	char *dir;
	size_t i;
	int rc;

	if (client_find(".", &dir) == -1)
		return fail();
	rc = client_open(&c, dir);
	free(dir);
	if (rc == -1)
		return fail();
	if ((rc = variant_get(c.root, c.variant, &v)) == 0)
		for (i = 0; v->kinds != NULL && v->kinds[i] != NULL; i++)
			printf("%s\n", v->kinds[i]);
	client_close(&c);
	return rc == -1 ? fail() : 0;
}

/* -C dir or --today date, wherever it was given; 0, or the exit status. */
static int
global_opt(int ch, const char *arg)
{
	if (ch == 'C' && chdir(arg) == -1) {
		fprintf(stderr, "ipt: -C %s: %s\n", esc(arg), strerror(errno));
		return 2;
	}
	if (ch == 'T' && date_set_today(arg) == -1)
		return fail();
	return 0;
}

/*
 * The option of a table that arg (after its dashes, up to any '=') names,
 * as getopt_long takes it: the exact name, or the one it abbreviates.
 */
static const struct option *
opt_named(const struct option *o, const char *arg)
{
	const struct option *hit = NULL;
	size_t n = strcspn(arg, "=");
	int hits = 0;

	for (; o != NULL && o->name != NULL; o++) {
		if (strncmp(o->name, arg, n) != 0)
			continue;
		if (o->name[n] == '\0')
			return o;
		hit = o;
		hits++;
	}
	return hits == 1 ? hit : NULL;
}

/*
 * The global options -C dir and --today date (--today=date) given after
 * the command name, as people type them (ipt status --today D): taken
 * out of argv and done, in order.  The command's own options are
 * stepped over with their values, so that a value that looks like a
 * global option (--note --today) stays the value; nothing after "--" is
 * looked at.  Returns 0, or the exit status.
 */
static int
take_globals(const struct command *c, int *argcp, char **argv)
{
	const struct option *opts = c->opts, *o;
	const struct verb *v;
	int argc = *argcp, i = 1, j, drop, rc;
	const char *a, *val;

	if (c->verbs != NULL) {
		if (argc < 2 || (v = verb_lookup(c, argv[1])) == NULL)
			return 0;
		opts = v->opts;
		i = 2;
	}
	while (i < argc) {
		a = argv[i];
		if (strcmp(a, "--") == 0)
			break;
		drop = 0;
		val = NULL;
		if (strcmp(a, "-C") == 0 || strcmp(a, "--today") == 0) {
			if (i + 1 >= argc)
				return usage(2, main_usage);
			val = argv[i + 1];
			drop = 2;
		} else if (strncmp(a, "--today=", 8) == 0) {
			val = a + 8;
			drop = 1;
		}
		if (drop > 0) {
			if ((rc = global_opt(a[1] == 'C' ? 'C' : 'T', val)) != 0)
				return rc;
			for (j = i; j + drop <= argc; j++)
				argv[j] = argv[j + drop];
			argc -= drop;
			continue;
		}
		/* A command's option taking its value in the next word. */
		o = NULL;
		if (a[0] == '-' && a[1] == '-' && strchr(a, '=') == NULL)
			o = opt_named(opts, a + 2);
		else if (a[0] == '-' && a[1] != '-' && a[1] != '\0' &&
		    a[2] == '\0')
			for (o = opts; o != NULL && o->name != NULL; o++)
				if (o->val == a[1])
					break;
		if (o != NULL && o->name != NULL &&
		    o->has_arg == required_argument)
			i++;
		i++;
	}
	*argcp = argc;
	return 0;
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
		{ "list-cmds",	no_argument,		NULL, 'L' },
		{ "list-kinds",	no_argument,		NULL, 'K' },
		{ "list-opts",	required_argument,	NULL, 'O' },
		{ "today",	required_argument,	NULL, 'T' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct command *c;
	struct cmd_ctx ctx;
	char *name, *action;
	size_t i;
	int ch, status;

	umask(077);
	self = argv[0];
	while ((ch = getopt_long(argc, argv, "+C:hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'C':
		case 'T':
			if ((status = global_opt(ch, optarg)) != 0)
				return status;
			break;
		case 'h':
			return finish(cmd_main_usage(0));
		case 'L':
			for (i = 0; commands[i] != NULL; i++)
				printf("%s\n", commands[i]->name);
			return finish(0);
		case 'K':
			return finish(list_kinds());
		case 'O':
			return finish(list_opts(optarg, argc - optind,
			    argv + optind));
		case 'V':
			printf("ipt %s\n", IPT_VERSION);
			return finish(0);
		default:
			return usage(2, main_usage);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		return cmd_main_usage(2);
	if ((c = cmd_lookup(argv[0])) == NULL) {
		run_external(argv);
		return cmd_unknown(argv[0]);
	}
	if ((status = take_globals(c, &argc, argv)) != 0)
		return status;
	memset(&ctx, 0, sizeof(ctx));
	ctx.cmd = c;
	ctx.opts = c->opts;
	ctx.flags = c->flags;
	/* getopt_long and run_verb() name argv[0] in their messages. */
	name = xasprintf("ipt %s", c->name);
	argv[0] = name;
	status = c->verbs != NULL ? run_verb(&ctx, argc, argv) :
	    c->fn(&ctx, argc, argv);
	ctx_free(&ctx);
	/* The records are written: git is only told, never relied on. */
	if (ctx.flags & CMD_WRITES) {
		action = ctx.verb != NULL ? xasprintf("%s %s", c->name,
		    ctx.verb->name) : xstrdup(c->name);
		if (git_autocommit(action) == -1)
			fprintf(stderr, "ipt: warning: %s\n",
			    esc(ipt_error()));
		free(action);
	}
	atomic_changed_clear();
	free(name);
	return finish(status);
}
