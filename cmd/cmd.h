/*
 * cmd.h: the command-line front end.
 *
 * Each command is a cmd_NAME(argc, argv) in cmd/NAME.c, registered in the
 * table of cmd/ipt.c.  argv[0] is the command name.  A command parses its
 * options with getopt_long (optind = 0 first, as glibc wants for a fresh
 * parse), calls lib/, and returns the exit status: 0 success, 1 failure,
 * 2 usage error.  No file I/O and no clinical rule lives here.
 */
#ifndef IPT_CMD_H
#define IPT_CMD_H

#include <stdio.h>

#include "client.h"
#include "record.h"
#include "render.h"
#include "summary.h"

struct subcmd {
	const char	*name;
	int		(*fn)(int, char **);
};


/* Print "ipt: <lib error>" and return its exit status (1 or 2). */
int	 fail(void);
/* Print "ipt: <message>" and return 2. */
int	 usage_err(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Print "usage: ..." lines to stderr (status 2) or stdout (0); return status. */
int	 usage(int status, const char *const *lines);
/* Run argv[1] of a command with verbs, e.g. `session add'. */
int	 run_verb(int argc, char **argv, const struct subcmd *,
	    const char *const *usage_lines);
/* Open the client in hand: the current directory (after -C) or a parent. */
int	 open_client(struct client *);
/* Handle a getopt_long result that is '?' or ':' (returns 2). */
int	 bad_option(const char *const *usage_lines);
/*
 * Parse the options of a verb whose only option is --format (allowed: a
 * mask of 1 << FMT_*; 0 when it takes no option at all).  Returns 0 with
 * optind at the operands, or the exit status to return; -1 means --help
 * was shown (exit 0).
 */
int	 format_only(int argc, char **argv, unsigned allowed,
	    enum ipt_format *, const char *const *usage_lines);
/*
 * Open the client in hand and load one of its record files; -1 (the
 * client closed again) if either fails.
 */
int	 open_records(struct client *, enum rec_file, struct csv_table *);
/* The formats of a listing. */
#define LIST_FORMATS	((1u << FMT_TABLE) | (1u << FMT_CSV) | \
			 (1u << FMT_TSV) | (1u << FMT_JSON))
/*
 * `VERB list' of a record file of the client in hand, taking --format
 * and --help: the rows sorted by sort (NULL: as stored), the table for
 * people showing table_cols (NULL: every column).
 */
int	 list_records(int argc, char **argv, const char *const *usage_lines,
	    enum rec_file, void (*sort)(struct csv_table *),
	    const char *const *table_cols);
/* Parse --format for this command; usage error if not allowed. */
int	 get_format(const char *, unsigned allowed, enum ipt_format *);

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

int	cmd_check(int, char **);
int	cmd_event(int, char **);
int	cmd_export(int, char **);
int	cmd_focus(int, char **);
int	cmd_goal(int, char **);
int	cmd_init(int, char **);
int	cmd_inventory(int, char **);
int	cmd_ls(int, char **);
int	cmd_measure(int, char **);
int	cmd_plan(int, char **);
int	cmd_relapse(int, char **);
int	cmd_remind(int, char **);
int	cmd_report(int, char **);
int	cmd_risk(int, char **);
int	cmd_schedule(int, char **);
int	cmd_session(int, char **);
int	cmd_status(int, char **);

#endif
