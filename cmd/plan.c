/*
 * plan.c: ipt plan, show or change the plan and profile of a client:
 * its status (active, paused, ended, maintenance), planned sessions,
 * frequency, variant, start date, name and therapist; the end of
 * treatment, its date and reason; and the profile a clinic records
 * (birth date, diagnosis, referrer, consent, emergency contact).
 */
#include <getopt.h>
#include <stdio.h>

#include "client.h"
#include "cmd.h"

static const char *const plan_usage[] = {
	"ipt plan [--format text|json]",
	"ipt plan [--frequency days] [--name name] [--sessions n] [--start date]",
	"         [--status status] [--therapist name] [--variant variant]",
	"         [--birth-date date] [--diagnosis text] [--icd code]",
	"         [--referrer text] [--consent-date date]",
	"         [--emergency-contact text]",
	"ipt plan --status ended --reason reason [--date date]",
	NULL
};

static void
show(const struct client *c, enum ipt_format f)
{
	const char *keys[] = { "id", "name", "therapist",
	    "variant", "status", "start", "planned_sessions",
	    "frequency_days", "birth_date", "diagnosis", "icd", "referrer",
	    "consent_date", "emergency_contact", "ended_on", "end_reason",
	    "episode" };
	const char *vals[sizeof(keys) / sizeof(keys[0])];
	size_t i, n = sizeof(keys) / sizeof(keys[0]) - 1;

	/* [client], but for the 6 of [profile] after the first 8. */
	for (i = 0; i < n; i++)
		if ((vals[i] = ini_get(&c->ini, i < 8 || i >= 14 ? "client" :
		    "profile", keys[i])) == NULL)
			vals[i] = "";
	/* The end and its reason only of a therapy that has ended. */
	if (*c->ended_on == '\0' && *c->end_reason == '\0')
		n -= 2;
	/* The episode only of a client who came back (ipt-files(5)). */
	if (c->episode > 1) {
		keys[n] = "episode";
		vals[n++] = ini_get(&c->ini, "client", "episode");
	}
	render_fields(stdout, keys, vals, n, f);
}

static const struct option plan_opts[] = {
	{ "date",	required_argument,	NULL, 'd' },
	{ "birth-date",	required_argument,	NULL, 'b' },
	{ "consent-date", required_argument,	NULL, 'c' },
	{ "diagnosis",	required_argument,	NULL, 'D' },
	{ "emergency-contact", required_argument, NULL, 'e' },
	{ "format",	required_argument,	NULL, 'F' },
	{ "frequency",	required_argument,	NULL, 'f' },
	OPT_HELP,
	{ "icd",	required_argument,	NULL, 'i' },
	{ "name",	required_argument,	NULL, 'n' },
	{ "reason",	required_argument,	NULL, 'r' },
	{ "referrer",	required_argument,	NULL, 'R' },
	{ "sessions",	required_argument,	NULL, 's' },
	{ "start",	required_argument,	NULL, 'S' },
	{ "status",	required_argument,	NULL, 't' },
	{ "therapist",	required_argument,	NULL, 'T' },
	{ "variant",	required_argument,	NULL, 'v' },
	OPT_END
};

static int
plan_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct plan_input p = { 0 };
	enum ipt_format f = FMT_TEXT;
	int ch, change = 0, rc = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			p.date = optarg;
			change = 1;
			break;
		case 'b':
			p.birth_date = optarg;
			change = 1;
			break;
		case 'c':
			p.consent_date = optarg;
			change = 1;
			break;
		case 'D':
			p.diagnosis = optarg;
			change = 1;
			break;
		case 'e':
			p.emergency = optarg;
			change = 1;
			break;
		case 'i':
			p.icd = optarg;
			change = 1;
			break;
		case 'R':
			p.referrer = optarg;
			change = 1;
			break;
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
			return cmd_usage(ctx, 0);
		case 'n':
			p.name = optarg;
			change = 1;
			break;
		case 'r':
			p.reason = optarg;
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
			return bad_option(ctx);
		}
	}
	if (optind != argc)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1)
		return fail();
	if (change && client_update(&ctx->client, &p) == -1)
		rc = fail();
	else
		show(&ctx->client, f);
	return rc;
}

const struct command cmd_plan = {
	"plan", "show or change the plan: status, sessions, frequency",
	plan_usage, plan_run, plan_opts, NULL, CMD_NEEDS_CLIENT | CMD_WRITES
};
