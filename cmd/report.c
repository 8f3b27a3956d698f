/*
 * report.c: ipt report, the progress or termination report of the
 * client in hand, for people (text, Markdown, HTML) or scripts (JSON).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "client.h"
#include "cmd.h"
#include "date.h"
#include "instrument.h"
#include "report.h"
#include "summary.h"

static const char *const report_usage[] = {
	"ipt report [--format text|md|html|json] [--output file]",
	NULL
};

int
cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format",	required_argument,	NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "output",	required_argument,	NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct remind_opts ro;
	struct instr_set set = { 0 };
	struct summary s;
	enum ipt_format f = FMT_TEXT;
	const char *output = NULL;
	char *dir, *root, *odir, *oname;
	long today;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "f:ho:", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (format_parse(optarg, (1u << FMT_TEXT) |
			    (1u << FMT_MD) | (1u << FMT_HTML) |
			    (1u << FMT_JSON), &f) == -1)
				return fail();
			break;
		case 'h':
			return usage(0, report_usage);
		case 'o':
			output = optarg;
			break;
		default:
			return bad_option(report_usage);
		}
	}
	if (optind != argc)
		return usage(2, report_usage);
	/* Refuse a bad --output before reading anything. */
	if (output != NULL) {
		if (output_target("--output", output, &odir, &oname) == -1)
			return fail();
		free(odir);
		free(oname);
	}
	if (date_today(&today) == -1 || client_find(".", &dir) == -1)
		return fail();
	root = practice_root(dir);
	rc = remind_settings(root, &ro);
	if (rc == 0)
		rc = instr_load_set(&set, root);
	free(root);
	if (rc == -1 || summary_load(&s, dir, today, &set, &ro) == -1) {
		free(dir);
		instr_free_set(&set);
		return fail();
	}
	free(dir);
	if (output != NULL)
		rc = report_write(output, &s, &set, f);
	else
		rc = render_report(stdout, &s, &set, f);
	summary_free(&s);
	instr_free_set(&set);
	return rc == -1 ? fail() : 0;
}
