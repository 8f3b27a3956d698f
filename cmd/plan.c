/*
 * plan.c: ipt plan, show or change the plan and profile of a client:
 * its status (active, paused, ended, maintenance), planned sessions,
 * frequency, variant, start date, name and therapist.
 */
#include <getopt.h>
#include <stdio.h>

#include "client.h"
#include "cmd.h"

static const char *const plan_usage[] = {
	"ipt plan [--format text|json]",
	"ipt plan [--frequency days] [--name name] [--sessions n] [--start date]",
	"         [--status status] [--therapist name] [--variant variant]",
	NULL
};

static void
show(const struct client *c, enum ipt_format f)
{
	static const char *const keys[] = { "id", "name", "therapist",
	    "variant", "status", "start", "planned_sessions",
	    "frequency_days", NULL };
	const char *v;
	size_t i;

	if (f == FMT_JSON)
		putchar('{');
	for (i = 0; keys[i] != NULL; i++) {
		v = ini_get(&c->ini, "client", keys[i]);
		if (v == NULL)
			v = "";
		if (f == FMT_JSON) {
			if (i > 0)
				fputs(", ", stdout);
			json_str(stdout, keys[i]);
			fputs(": ", stdout);
			json_str(stdout, v);
		} else
			printf("%s: %s\n", keys[i], v);
	}
	if (f == FMT_JSON)
		fputs("}\n", stdout);
}

int
cmd_plan(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format",	required_argument,	NULL, 'F' },
		{ "frequency",	required_argument,	NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "name",	required_argument,	NULL, 'n' },
		{ "sessions",	required_argument,	NULL, 's' },
		{ "start",	required_argument,	NULL, 'S' },
		{ "status",	required_argument,	NULL, 't' },
		{ "therapist",	required_argument,	NULL, 'T' },
		{ "variant",	required_argument,	NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	struct plan_input p = { 0 };
	struct client c;
	enum ipt_format f = FMT_TEXT;
	int ch, change = 0, rc = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'F':
			if (format_parse(optarg, (1u << FMT_TEXT) |
			    (1u << FMT_JSON), &f) == -1)
				return fail();
			break;
		case 'f':
			p.frequency = optarg;
			change = 1;
			break;
		case 'h':
			return usage(0, plan_usage);
		case 'n':
			p.name = optarg;
			change = 1;
			break;
		case 's':
			p.sessions = optarg;
			change = 1;
			break;
		case 'S':
			p.start = optarg;
			change = 1;
			break;
		case 't':
			p.status = optarg;
			change = 1;
			break;
		case 'T':
			p.therapist = optarg;
			change = 1;
			break;
		case 'v':
			p.variant = optarg;
			change = 1;
			break;
		default:
			return bad_option(plan_usage);
		}
	}
	if (optind != argc)
		return usage(2, plan_usage);
	if (open_client(&c) == -1)
		return fail();
	if (change && client_update(&c, &p) == -1)
		rc = fail();
	else
		show(&c, f);
	client_close(&c);
	return rc;
}
