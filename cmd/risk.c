/*
 * risk.c: ipt risk review|list.
 *
 * A risk flag opens when an administration answers a risk item positively
 * (measure.h says when it closes).  review records the clinician's review
 * of every flag open on its date; list shows the open flags, or with --all
 * every flag and how it was closed.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "cmd.h"
#include "csvt.h"
#include "instrument.h"
#include "measure.h"
#include "record.h"
#include "util.h"

static const char *const risk_usage[] = {
	"ipt risk review [--date date] [--level level] [--next date] "
	    "[--safety-plan plan] --note text",
	"ipt risk list [--all] [--format table|csv|tsv|json]",
	NULL
};

static const struct option review_opts[] = {
	{ "date",	required_argument,	NULL, 'd' },
	OPT_HELP,
	{ "level",	required_argument,	NULL, 'l' },
	{ "next",	required_argument,	NULL, 'x' },
	{ "note",	required_argument,	NULL, 'n' },
	{ "safety-plan", required_argument,	NULL, 'p' },
	OPT_END
};
static const struct option list_opts[] = {
	{ "all",	no_argument,		NULL, 'a' },
	{ "format",	required_argument,	NULL, 'f' },
	OPT_HELP,
	OPT_END
};

static int
risk_review_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct risk_review_input in;
	struct risk_flag *v;
	size_t n, i;
	int ch;

	memset(&in, 0, sizeof(in));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			in.date = optarg;
			break;
		case 'h':
			return cmd_usage(ctx, 0);
		case 'l':
			in.level = optarg;
			break;
		case 'n':
			in.note = optarg;
			break;
		case 'p':
			in.safety_plan = optarg;
			break;
		case 'x':
			in.next = optarg;
			break;
		default:
			return bad_option(ctx);
		}
	}
	if (optind != argc)
		return cmd_usage(ctx, 2);
	if (in.note == NULL)
		return usage_err("risk review: --note is required: what was "
		    "assessed and decided");
	if (ctx_setup(ctx) == -1)
		return fail();
	if (risk_review(ctx->client.dir, &ctx->set, &in, &v, &n) == -1)
		return fail();
	for (i = 0; i < n; i++)
		printf("reviewed: %s %s on %s\n", v[i].instrument,
		    v[i].detail, v[i].date);
	if (n == 0)
		printf("follow-up review recorded\n");
	if (in.level != NULL)
		printf("risk level: %s\n", in.level);
	if (in.next != NULL)
		printf("next review: %s\n", in.next);
	risk_flags_free(v, n);
	return 0;
}

static int
risk_list_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const cols[] = { "date", "session", "instrument",
	    "detail", "total", "status", "closed_on", NULL };
	static const char *const open_cols[] = { "date", "session",
	    "instrument", "detail", "total", NULL };
	struct csv_table m, r, t;
	struct risk_flag *v;
	enum ipt_format f = FMT_TABLE;
	char buf[24];
	size_t n, i, row;
	int ch, all = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			all = 1;
			break;
		case 'f':
			if (get_format(optarg, (1u << FMT_TABLE) |
			    (1u << FMT_CSV) | (1u << FMT_TSV) | (1u << FMT_JSON),
			    &f) == -1)
				return fail();
			break;
		case 'h':
			return cmd_usage(ctx, 0);
		default:
			return bad_option(ctx);
		}
	}
	if (optind != argc)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1)
		return fail();
	if (rec_load(ctx->client.dir, REC_MEASURES, &m) == -1)
		return fail();
	if (rec_load(ctx->client.dir, REC_RISK, &r) == -1) {
		csv_free_table(&m);
		return fail();
	}
	risk_flags(&m, &r, &ctx->set, all, &v, &n);
	csv_init_table(&t, "risk", cols, sizeof(cols) / sizeof(cols[0]) - 1);
	for (i = 0; i < n; i++) {
		row = csv_append(&t);
		csv_set(&t, row, "date", v[i].date);
		if (v[i].session > 0)
			snprintf(buf, sizeof(buf), "%ld", v[i].session);
		else
			buf[0] = '\0';
		csv_set(&t, row, "session", buf);
		csv_set(&t, row, "instrument", v[i].instrument);
		csv_set(&t, row, "detail", v[i].detail);
		csv_set(&t, row, "total", v[i].total);
		csv_set(&t, row, "status", v[i].open ? "open" : "reviewed");
		csv_set(&t, row, "closed_on", v[i].closed_on);
	}
	render_table(stdout, &t, f, all ? NULL : open_cols);
	csv_free_table(&t);
	risk_flags_free(v, n);
	csv_free_table(&m);
	csv_free_table(&r);
	return 0;
}

#define NEEDS	(CMD_NEEDS_CLIENT | CMD_NEEDS_PRACTICE)
static const struct verb risk_verbs[] = {
	{ "list",	risk_list_cmd,	 list_opts,	NEEDS },
	{ "review",	risk_review_cmd, review_opts,	NEEDS | CMD_WRITES },
	{ NULL, NULL, NULL, 0 }
};

const struct command cmd_risk = {
	"risk", "list and review risk flags", risk_usage,
	NULL, help_opts, risk_verbs, 0
};
