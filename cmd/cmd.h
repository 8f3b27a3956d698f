/*
 * cmd.h: the command-line front end.
 *
 * Every command is described once, by a struct command in cmd/NAME.c
 * (cmd_NAME), listed in the table of cmd/ipt.c.  The description holds
 * everything the front end, --help, --list-cmds, --list-opts and the
 * bash completion need: the name, the summary, the usage lines, the long
 * options that getopt_long parses (the very array), the verbs where the
 * command has verbs, and setup flags saying what the command needs.
 *
 * A command (or verb) function is fn(ctx, argc, argv), argv[0] being
 * "ipt NAME" (or "ipt NAME VERB") for getopt_long's messages.  It parses
 * its options with getopt_long(argc, argv, "h", ctx->opts, NULL) after
 * optind = 0 (as glibc wants for a fresh parse), checks its operands,
 * then calls ctx_setup(), which does, once, what the flags ask for: so
 * that a bad option or operand is reported before a missing client, as
 * it always was.  The front end frees what ctx_setup() loaded after the
 * command returns, then runs git autocommit if the command has CMD_WRITES.
 * The function returns the exit status: 0 success, 1 failure, 2 usage
 * error.  No file I/O and no clinical rule lives in cmd/.
 */
#ifndef IPT_CMD_H
#define IPT_CMD_H

#include <getopt.h>
#include <stdio.h>

#include "client.h"
#include "instrument.h"
#include "record.h"
#include "render.h"
#include "summary.h"

/*
 * Setup flags of a command or a verb: what ctx_setup() does, in this
 * order, and what the front end does after the command.
 */
/* The version ipt --version prints and export manifests record. */
#define IPT_VERSION	"0.1.0"

#define CMD_NEEDS_CLIENT	0x01	/* open the client in hand: ctx->client */
#define CMD_NEEDS_SUMMARY	0x02	/* today, the practice's [remind]
					   settings and summary_load() of
					   the client in hand: ctx->sum */
#define CMD_NEEDS_PRACTICE	0x04	/* the instruments of the practice
					   (of the client in hand, or around
					   "."): ctx->set */
#define CMD_WRITES		0x08	/* may write: git autocommit after */

struct cmd_ctx;

/* One verb of a command, e.g. `session add'. */
struct verb {
	const char		*name;
	int			(*fn)(struct cmd_ctx *, int, char **);
	const struct option	*opts;		/* its long options */
	unsigned		 flags;		/* CMD_* */
};

/* One command. */
struct command {
	const char		*name;
	const char		*summary;	/* for ipt --help */
	const char *const	*usage;		/* for NAME --help, errors */
	/* Either a function and its long options, or verbs. */
	int			(*fn)(struct cmd_ctx *, int, char **);
	const struct option	*opts;
	const struct verb	*verbs;		/* ended by a NULL name */
	unsigned		 flags;		/* CMD_*, of fn */
};

/* What the front end hands a command, and what ctx_setup() loads. */
struct cmd_ctx {
	const struct command	*cmd;
	const struct verb	*verb;		/* the verb run, or NULL */
	const struct option	*opts;		/* of the command or verb */
	unsigned		 flags;		/* of the command or verb */
	int			 setup;		/* ctx_setup(): 0 not yet,
						   1 done, -1 failed */
	unsigned		 loaded;	/* CMD_NEEDS_* to free */
	long			 today;		/* CMD_NEEDS_SUMMARY */
	struct client		 client;	/* CMD_NEEDS_CLIENT */
	struct summary		 sum;		/* CMD_NEEDS_SUMMARY */
	struct instr_set	 set;		/* CMD_NEEDS_PRACTICE */
};

/*
 * Load what ctx->flags ask for, once: a second call returns what the
 * first did.  -1 after ipt_seterr(), with whatever was loaded kept for
 * ctx_free().
 */
int	 ctx_setup(struct cmd_ctx *);
void	 ctx_free(struct cmd_ctx *);

/* The commands, each in cmd/NAME.c; the table is in cmd/ipt.c. */
extern const struct command cmd_check, cmd_erase, cmd_event, cmd_export,
	    cmd_focus, cmd_formulation,
	    cmd_goal, cmd_help, cmd_history, cmd_init, cmd_inventory, cmd_ls, cmd_measure,
	    cmd_outcomes, cmd_plan, cmd_relapse, cmd_remind, cmd_report, cmd_risk,
	    cmd_schedule, cmd_session, cmd_status, cmd_sync;
/* The table, ended by NULL; and a command by name (NULL: none). */
extern const struct command *const commands[];
const struct command *cmd_lookup(const char *);
/* Say that a name is not a command (with a guess); return 2. */
int	 cmd_unknown(const char *);
/*
 * The usage and the command list of ipt --help: on standard output
 * (status 0) or standard error; returns status.
 */
int	 cmd_main_usage(int status);
/*
 * Run the verb argv[1] of ctx->cmd, with ctx->verb, opts and flags set
 * to it and argv[1] renamed "ipt NAME VERB"; or print what was wrong (or
 * the usage, for --help).  Returns the exit status.
 */
int	 run_verb(struct cmd_ctx *, int argc, char **argv);
/* A verb of a command, or NULL. */
const struct verb *verb_lookup(const struct command *, const char *);
/* Say that a name is not a verb of a command with verbs; return 2. */
int	 verb_unknown(const struct command *, const char *);

/* Print "ipt: <lib error>" and return its exit status (1 or 2). */
int	 fail(void);
/* Print "ipt: <message>" and return 2. */
int	 usage_err(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Print "usage: ..." lines to stderr (status 2) or stdout (0); return status. */
int	 usage(int status, const char *const *lines);
/* The usage of the command run, as usage() does. */
int	 cmd_usage(const struct cmd_ctx *, int status);
/* Handle a getopt_long result that is '?' or ':' (returns 2). */
int	 bad_option(const struct cmd_ctx *);
/*
 * Parse the options of a verb whose only options are --format (allowed:
 * a mask of 1 << FMT_*; 0 when it takes none) and --help, as ctx->opts
 * lists them.  Returns 0 with optind at the operands, or the exit status
 * to return; -1 means --help was shown (exit 0).
 */
int	 format_only(struct cmd_ctx *, int argc, char **argv, unsigned allowed,
	    enum ipt_format *);
/* The formats of a listing. */
#define LIST_FORMATS	((1u << FMT_TABLE) | (1u << FMT_CSV) | \
			 (1u << FMT_TSV) | (1u << FMT_JSON))
/*
 * `VERB list' of a record file of the client in hand, taking --format
 * and --help: the rows sorted by sort (NULL: as stored), the table for
 * people showing table_cols (NULL: every column).
 */
int	 list_records(struct cmd_ctx *, int argc, char **argv, enum rec_file,
	    void (*sort)(struct csv_table *), const char *const *table_cols);
/* Parse --format for this command; usage error if not allowed. */
int	 get_format(const char *, unsigned allowed, enum ipt_format *);

/* Long options shared by many commands and verbs. */
#define OPT_HELP	{ "help",	no_argument,		NULL, 'h' }
#define OPT_END		{ NULL, 0, NULL, 0 }
/* --format and --help, or --help alone. */
extern const struct option format_opts[], help_opts[];

/*
 * What a caseload command (export, ls, remind) keeps while it scans.  Put
 * it first in the command's own state, so that the state can be the `arg'
 * of scan_error() and scan_lib_error().
 */
struct scan_base {
	long			 today;
	const char *const	*paths;		/* to scan */
	size_t			 npaths;
	char			*def;		/* the default path, if used */
	struct practice_ctx	 pc;		/* of the client in hand */
	size_t			 errors;	/* problems reported */
};
/* Print a message of caseload_scan() or ipt_error(); count it. */
void	 scan_error(const char *, void *);
void	 scan_lib_error(void *);
/*
 * After the options: today's date, and the paths to scan (the operands
 * from optind, or the default of caseload_default_path()).
 */
int	 scan_begin(struct scan_base *, int argc, char **argv);
/* Switch to the practice of a client directory (practice_use()). */
void	 scan_practice(struct scan_base *, const char *dir);
void	 scan_end(struct scan_base *);

#endif
