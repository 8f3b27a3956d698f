/*
 * session.c: ipt session add|list|show|edit|rm|note|private, signing:
 * ipt session sign|addendum|addenda, and appointments:
 * ipt session plan|move|cancel|appointments.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "appointment.h"
#include "client.h"
#include "child.h"
#include "cmd.h"
#include "csvt.h"
#include "escape.h"
#include "record.h"
#include "render.h"
#include "session.h"
#include "sign.h"
#include "util.h"

static const char *const session_usage[] = {
	"ipt session add [--attendance a] [--date date] [--duration min]",
	"                [--kind kind] [--mood n] [--note text] [--phase phase]",
	"                [--stress n] [--technique name ...]",
	"ipt session list [--format table|csv|tsv|json]",
	"ipt session show [--format text|json] number",
	"ipt session edit [options of add] number",
	"ipt session rm number",
	"ipt session note number",
	"ipt session private number",
	"ipt session sign number",
	"ipt session addendum number text",
	"ipt session addenda [--format table|csv|tsv|json]",
	"ipt session plan --date date --time HH:MM [--duration min] [--note text]",
	"ipt session move [--date date] [--time HH:MM] [--duration min]",
	"                 [--note text] id",
	"ipt session cancel [--note text] id",
	"ipt session appointments [--format table|csv|tsv|json]",
	NULL
};

static const struct option input_opts[] = {
	{ "attendance",	required_argument,	NULL, 'a' },
	{ "date",	required_argument,	NULL, 'd' },
	{ "duration",	required_argument,	NULL, 'D' },
	OPT_HELP,
	{ "kind",	required_argument,	NULL, 'k' },
	{ "mood",	required_argument,	NULL, 'm' },
	{ "note",	required_argument,	NULL, 'n' },
	{ "phase",	required_argument,	NULL, 'p' },
	{ "stress",	required_argument,	NULL, 's' },
	{ "technique",	required_argument,	NULL, 't' },
	OPT_END
};

/*
 * Parse the options of add and edit.  Returns 0, or the exit status to
 * return (-1 for --help).
 */
static int
parse_input(struct cmd_ctx *ctx, int argc, char **argv,
    struct session_input *in, struct buf *tech)
{
	int ch;

	memset(in, 0, sizeof(*in));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			in->attendance = optarg;
			break;
		case 'd':
			in->date = optarg;
			break;
		case 'D':
			in->duration = optarg;
			break;
		case 'h':
			cmd_usage(ctx, 0);
			return -1;
		case 'k':
			in->kind = optarg;
			break;
		case 'm':
			in->mood = optarg;
			break;
		case 'n':
			in->note = optarg;
			break;
		case 'p':
			in->phase = optarg;
			break;
		case 's':
			in->stress = optarg;
			break;
		case 't':
			if (strchr(optarg, ';') != NULL)
				return usage_err("--technique: give one name "
				    "per option");
			if (tech->len > 0)
				buf_addc(tech, ';');
			buf_adds(tech, optarg);
			in->techniques = tech->s;
			break;
		default:
			return bad_option(ctx);
		}
	}
	return 0;
}

static int
get_number(const char *s, long *n)
{
	if (parse_long(s, 1, 9999, n) == -1)
		return usage_err("'%s' is not a session number", s);
	return 0;
}

static int
session_add_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session_input in;
	struct buf tech = { 0 };
	long number;
	int rc;

	if ((rc = parse_input(ctx, argc, argv, &in, &tech)) != 0)
		goto done;
	if (optind != argc) {
		rc = cmd_usage(ctx, 2);
		goto done;
	}
	if (ctx_setup(ctx) == -1) {
		rc = fail();
		goto done;
	}
	if (session_add(&ctx->client, &in, &number) == -1)
		rc = fail();
	else
		printf("%ld\n", number);
done:
	buf_free(&tech);
	return rc < 0 ? 0 : rc;
}

static int
session_edit_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session_input in;
	struct buf tech = { 0 };
	long number;
	int rc;

	if ((rc = parse_input(ctx, argc, argv, &in, &tech)) != 0)
		goto done;
	if (optind + 1 != argc) {
		rc = cmd_usage(ctx, 2);
		goto done;
	}
	if ((rc = get_number(argv[optind], &number)) != 0)
		goto done;
	if (ctx_setup(ctx) == -1) {
		rc = fail();
		goto done;
	}
	if (session_edit(&ctx->client, number, &in) == -1)
		rc = fail();
done:
	buf_free(&tech);
	return rc < 0 ? 0 : rc;
}

static int
session_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	return list_records(ctx, argc, argv, REC_SESSIONS, NULL, NULL);
}

static int
session_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct csv_table t, sigs, add;
	enum ipt_format f = FMT_TEXT;
	long number, row;
	int rc;

	if ((rc = format_only(ctx, argc, argv, (1u << FMT_TEXT) |
	    (1u << FMT_JSON), &f)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind + 1 != argc)
		return cmd_usage(ctx, 2);
	if ((rc = get_number(argv[optind], &number)) != 0)
		return rc;
	if (ctx_setup(ctx) == -1 ||
	    rec_load(ctx->client.dir, REC_SESSIONS, &t) == -1)
		return fail();
	if (rec_load(ctx->client.dir, REC_SIGNATURES, &sigs) == -1) {
		csv_free_table(&t);
		return fail();
	}
	if (rec_load(ctx->client.dir, REC_ADDENDA, &add) == -1) {
		csv_free_table(&sigs);
		csv_free_table(&t);
		return fail();
	}
	if ((row = session_find(&t, number)) == -1) {
		/* As ipt-session(1) says: a failure, not a usage error. */
		fprintf(stderr, "ipt: %s: no session %ld\n", esc(t.path),
		    number);
		rc = 1;
	} else
		render_session(stdout, &t, (size_t)row, &sigs, &add, f);
	csv_free_table(&add);
	csv_free_table(&sigs);
	csv_free_table(&t);
	return rc;
}

static int
session_rm_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	long number;
	int rc;

	if ((rc = format_only(ctx, argc, argv, 0, NULL)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind + 1 != argc)
		return cmd_usage(ctx, 2);
	if ((rc = get_number(argv[optind], &number)) != 0)
		return rc;
	if (ctx_setup(ctx) == -1)
		return fail();
	if (session_rm(&ctx->client, number) == -1)
		rc = fail();
	return rc;
}

static int
session_sign_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	long number;
	int rc;

	if ((rc = format_only(ctx, argc, argv, 0, NULL)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind + 1 != argc)
		return cmd_usage(ctx, 2);
	if ((rc = get_number(argv[optind], &number)) != 0)
		return rc;
	if (ctx_setup(ctx) == -1 || session_sign(&ctx->client, number) == -1)
		return fail();
	return 0;
}

static int
session_addendum_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	long number, id;
	int rc;

	if ((rc = format_only(ctx, argc, argv, 0, NULL)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind + 2 != argc)
		return cmd_usage(ctx, 2);
	if ((rc = get_number(argv[optind], &number)) != 0)
		return rc;
	if (ctx_setup(ctx) == -1 || session_addendum(&ctx->client, number,
	    argv[optind + 1], &id) == -1)
		return fail();
	printf("%ld\n", id);
	return 0;
}

static int
session_addenda(struct cmd_ctx *ctx, int argc, char **argv)
{
	return list_records(ctx, argc, argv, REC_ADDENDA, NULL, NULL);
}

/* Run the user's editor on a file, through the shell as git does. */
static int
run_editor(const char *path)
{
	const char *ed = getenv("VISUAL");
	char *argv[6];
	int rc;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	argv[0] = "/bin/sh";
	argv[1] = "-c";
	argv[2] = xasprintf("%s \"$1\"", ed);
	argv[3] = "sh";
	argv[4] = (char *)path;
	argv[5] = NULL;
	rc = run_child(argv, NULL, 0);
	free(argv[2]);
	return rc == 0 ? 0 : -1;
}

/* session note and session private: the editor on a note. */
static int
edit_note(struct cmd_ctx *ctx, int argc, char **argv, int priv)
{
	struct note_edit ne;
	long number;
	int rc, changed;

	if ((rc = format_only(ctx, argc, argv, 0, NULL)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind + 1 != argc)
		return cmd_usage(ctx, 2);
	if ((rc = get_number(argv[optind], &number)) != 0)
		return rc;
	if (ctx_setup(ctx) == -1)
		return fail();
	if ((priv ? private_begin(&ctx->client, number, &ne) :
	    note_begin(&ctx->client, number, &ne)) == -1) {
		rc = fail();
		goto out;
	}
	if (ne.kept != NULL)
		fprintf(stderr, "ipt: warning: text of an earlier edit that "
		    "was not saved is kept in %s\n", ne.kept);
	if (run_editor(ne.path) == -1) {
		fprintf(stderr, "ipt: the editor failed; the note is unchanged "
		    "and your text is in %s\n", ne.path);
		rc = 1;
		goto out;
	}
	if (note_commit(&ctx->client, &ne, &changed) == -1)
		rc = fail();
	else if (!changed)
		fprintf(stderr, "ipt: %snote %ld unchanged\n", priv ?
		    "private " : "", number);
out:
	note_edit_free(&ne);
	return rc;
}

static int
session_note(struct cmd_ctx *ctx, int argc, char **argv)
{
	return edit_note(ctx, argc, argv, 0);
}

static int
session_private(struct cmd_ctx *ctx, int argc, char **argv)
{
	return edit_note(ctx, argc, argv, 1);
}

static const struct option appt_opts[] = {
	{ "date",	required_argument,	NULL, 'd' },
	{ "duration",	required_argument,	NULL, 'D' },
	OPT_HELP,
	{ "note",	required_argument,	NULL, 'n' },
	{ "time",	required_argument,	NULL, 't' },
	OPT_END
};

static const struct option cancel_opts[] = {
	OPT_HELP,
	{ "note",	required_argument,	NULL, 'n' },
	OPT_END
};

/*
 * Parse the options of plan, move and cancel: then want operands (an id
 * or none).  Returns 0, or the exit status to return (-1 for --help).
 */
static int
parse_appt(struct cmd_ctx *ctx, int argc, char **argv,
    struct appt_input *in, int want)
{
	int ch;

	memset(in, 0, sizeof(*in));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			in->date = optarg;
			break;
		case 'D':
			in->duration = optarg;
			break;
		case 'h':
			cmd_usage(ctx, 0);
			return -1;
		case 'n':
			in->note = optarg;
			break;
		case 't':
			in->time = optarg;
			break;
		default:
			return bad_option(ctx);
		}
	}
	if (argc - optind != want)
		return cmd_usage(ctx, 2);
	return ctx_setup(ctx) == -1 ? fail() : 0;
}

static int
session_plan(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct appt_input in;
	long id;
	int rc;

	if ((rc = parse_appt(ctx, argc, argv, &in, 0)) != 0)
		return rc < 0 ? 0 : rc;
	if (appt_plan(ctx->client.dir, &in, &id) == -1)
		return fail();
	printf("%ld\n", id);
	return 0;
}

static int
session_move(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct appt_input in;
	int rc;

	if ((rc = parse_appt(ctx, argc, argv, &in, 1)) != 0)
		return rc < 0 ? 0 : rc;
	return appt_move(ctx->client.dir, argv[optind], &in) == -1 ? fail() :
	    0;
}

static int
session_cancel(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct appt_input in;
	int rc;

	if ((rc = parse_appt(ctx, argc, argv, &in, 1)) != 0)
		return rc < 0 ? 0 : rc;
	return appt_cancel(ctx->client.dir, argv[optind], in.note) == -1 ?
	    fail() : 0;
}

static int
session_appointments(struct cmd_ctx *ctx, int argc, char **argv)
{
	return list_records(ctx, argc, argv, REC_APPOINTMENTS, NULL, NULL);
}

#define WRITE	(CMD_NEEDS_CLIENT | CMD_WRITES)
static const struct verb session_verbs[] = {
	{ "add",	session_add_cmd,	input_opts,	WRITE },
	{ "addenda",	session_addenda,	format_opts,	CMD_NEEDS_CLIENT },
	{ "addendum",	session_addendum_cmd,	help_opts,	WRITE },
	{ "appointments", session_appointments,	format_opts,	CMD_NEEDS_CLIENT },
	{ "cancel",	session_cancel,		cancel_opts,	WRITE },
	{ "edit",	session_edit_cmd,	input_opts,	WRITE },
	{ "list",	session_list,		format_opts,	CMD_NEEDS_CLIENT },
	{ "move",	session_move,		appt_opts,	WRITE },
	{ "note",	session_note,		help_opts,	WRITE },
	{ "plan",	session_plan,		appt_opts,	WRITE },
	{ "private",	session_private,	help_opts,	WRITE },
	{ "rm",		session_rm_cmd,		help_opts,	WRITE },
	{ "show",	session_show,		format_opts,	CMD_NEEDS_CLIENT },
	{ "sign",	session_sign_cmd,	help_opts,	WRITE },
	{ NULL, NULL, NULL, 0 }
};

const struct command cmd_session = {
	"session", "add, list, change and remove sessions", session_usage,
	NULL, help_opts, session_verbs, 0
};
