/*
 * session.c: ipt session add|list|show|edit|rm|note.
 */
#include <sys/wait.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "cmd.h"
#include "csvt.h"
#include "record.h"
#include "session.h"
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
	NULL
};

static const struct option input_opts[] = {
	{ "attendance",	required_argument,	NULL, 'a' },
	{ "date",	required_argument,	NULL, 'd' },
	{ "duration",	required_argument,	NULL, 'D' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "kind",	required_argument,	NULL, 'k' },
	{ "mood",	required_argument,	NULL, 'm' },
	{ "note",	required_argument,	NULL, 'n' },
	{ "phase",	required_argument,	NULL, 'p' },
	{ "stress",	required_argument,	NULL, 's' },
	{ "technique",	required_argument,	NULL, 't' },
	{ NULL, 0, NULL, 0 }
};

/*
 * Parse the options of add and edit.  Returns 0, or the exit status to
 * return (-1 for --help).
 */
static int
parse_input(int argc, char **argv, struct session_input *in, struct buf *tech)
{
	int ch;

	memset(in, 0, sizeof(*in));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", input_opts, NULL)) != -1) {
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
			usage(0, session_usage);
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
			return bad_option(session_usage);
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
session_add_cmd(int argc, char **argv)
{
	struct session_input in;
	struct buf tech = { 0 };
	struct client c;
	long number;
	int rc;

	if ((rc = parse_input(argc, argv, &in, &tech)) != 0)
		goto done;
	if (optind != argc) {
		rc = usage(2, session_usage);
		goto done;
	}
	if (open_client(&c) == -1) {
		rc = fail();
		goto done;
	}
	if (session_add(&c, &in, &number) == -1)
		rc = fail();
	else
		printf("%ld\n", number);
	client_close(&c);
done:
	buf_free(&tech);
	return rc < 0 ? 0 : rc;
}

static int
session_edit_cmd(int argc, char **argv)
{
	struct session_input in;
	struct buf tech = { 0 };
	struct client c;
	long number;
	int rc;

	if ((rc = parse_input(argc, argv, &in, &tech)) != 0)
		goto done;
	if (optind + 1 != argc) {
		rc = usage(2, session_usage);
		goto done;
	}
	if ((rc = get_number(argv[optind], &number)) != 0)
		goto done;
	if (open_client(&c) == -1) {
		rc = fail();
		goto done;
	}
	if (session_edit(&c, number, &in) == -1)
		rc = fail();
	client_close(&c);
done:
	buf_free(&tech);
	return rc < 0 ? 0 : rc;
}

static int
session_list(int argc, char **argv)
{
	return list_records(argc, argv, session_usage, REC_SESSIONS, NULL,
	    NULL);
}

static int
session_show(int argc, char **argv)
{
	struct client c;
	struct csv_table t;
	enum ipt_format f = FMT_TEXT;
	long number, row;
	size_t j;
	int rc;

	if ((rc = format_only(argc, argv, (1u << FMT_TEXT) | (1u << FMT_JSON),
	    &f, session_usage)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind + 1 != argc)
		return usage(2, session_usage);
	if ((rc = get_number(argv[optind], &number)) != 0)
		return rc;
	if (open_records(&c, REC_SESSIONS, &t) == -1)
		return fail();
	if ((row = session_find(&t, number)) == -1) {
		fprintf(stderr, "ipt: %s: no session %ld\n", t.path, number);
		rc = 2;
	} else if (f == FMT_JSON) {
		putchar('{');
		for (j = 0; j < t.ncols; j++) {
			if (j > 0)
				fputs(", ", stdout);
			json_str(stdout, t.cols[j]);
			fputs(": ", stdout);
			json_str(stdout, t.rows[row].f[j]);
		}
		fputs("}\n", stdout);
	} else
		for (j = 0; j < t.ncols; j++)
			printf("%s: %s\n", t.cols[j], t.rows[row].f[j]);
	csv_free_table(&t);
	client_close(&c);
	return rc;
}

static int
session_rm_cmd(int argc, char **argv)
{
	struct client c;
	long number;
	int rc;

	if ((rc = format_only(argc, argv, 0, NULL, session_usage)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind + 1 != argc)
		return usage(2, session_usage);
	if ((rc = get_number(argv[optind], &number)) != 0)
		return rc;
	if (open_client(&c) == -1)
		return fail();
	if (session_rm(&c, number) == -1)
		rc = fail();
	client_close(&c);
	return rc;
}

/* Run the user's editor on a file, through the shell as git does. */
static int
run_editor(const char *path)
{
	const char *ed = getenv("VISUAL");
	pid_t pid;
	int status;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	fflush(stdout);
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		char *cmd = xasprintf("%s \"$1\"", ed);

		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1)
		;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int
session_note(int argc, char **argv)
{
	struct client c;
	char *edit = NULL;
	long number;
	int rc, changed;

	if ((rc = format_only(argc, argv, 0, NULL, session_usage)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind + 1 != argc)
		return usage(2, session_usage);
	if ((rc = get_number(argv[optind], &number)) != 0)
		return rc;
	if (open_client(&c) == -1)
		return fail();
	if (note_begin(&c, number, &edit) == -1) {
		rc = fail();
		goto out;
	}
	if (run_editor(edit) == -1) {
		fprintf(stderr, "ipt: the editor failed; the note is unchanged "
		    "and your text is in %s\n", edit);
		rc = 1;
		goto out;
	}
	if (note_commit(&c, number, edit, &changed) == -1)
		rc = fail();
	else if (!changed)
		fprintf(stderr, "ipt: note %ld unchanged\n", number);
out:
	free(edit);
	client_close(&c);
	return rc;
}

int
cmd_session(int argc, char **argv)
{
	static const struct subcmd verbs[] = {
		{ "add",	session_add_cmd },
		{ "edit",	session_edit_cmd },
		{ "list",	session_list },
		{ "note",	session_note },
		{ "rm",		session_rm_cmd },
		{ "show",	session_show },
		{ NULL, NULL }
	};

	return run_verb(argc, argv, verbs, session_usage);
}
