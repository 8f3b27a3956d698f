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
	"ipt risk review [--date date] --note text",
	"ipt risk list [--all] [--format table|csv|tsv|json]",
	NULL
};

static int
open_all(struct client *c, struct instr_set *set)
{
	if (open_client(c) == -1)
		return -1;
	if (instr_load_set(set, c->root) == -1) {
		client_close(c);
		return -1;
	}
	return 0;
}

static int
risk_review_cmd(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date",	required_argument,	NULL, 'd' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "note",	required_argument,	NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct instr_set set;
	struct client c;
	struct risk_flag *v;
	const char *date = NULL, *note = NULL;
	size_t n, i;
	int ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			date = optarg;
			break;
		case 'h':
			return usage(0, risk_usage);
		case 'n':
			note = optarg;
			break;
		default:
			return bad_option(risk_usage);
		}
	}
	if (optind != argc)
		return usage(2, risk_usage);
	if (note == NULL)
		return usage_err("risk review: --note is required: what was "
		    "assessed and decided");
	if (open_all(&c, &set) == -1)
		return fail();
	if (risk_review(c.dir, &set, date, note, &v, &n) == -1) {
		instr_free_set(&set);
		client_close(&c);
		return fail();
	}
	for (i = 0; i < n; i++)
		printf("reviewed: %s %s on %s%s\n", v[i].instrument,
		    v[i].detail, v[i].date, v[i].session > 0 ? "" : "");
	risk_flags_free(v, n);
	instr_free_set(&set);
	client_close(&c);
	return 0;
}

static int
risk_list_cmd(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all",	no_argument,		NULL, 'a' },
		{ "format",	required_argument,	NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const cols[] = { "date", "session", "instrument",
	    "detail", "total", "status", "closed_on", NULL };
	static const char *const open_cols[] = { "date", "session",
	    "instrument", "detail", "total", NULL };
	struct csv_table m, r, t;
	struct instr_set set;
	struct client c;
	struct risk_flag *v;
	enum ipt_format f = FMT_TABLE;
	char buf[24];
	size_t n, i, row;
	int ch, all = 0, rc = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
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
			return usage(0, risk_usage);
		default:
			return bad_option(risk_usage);
		}
	}
	if (optind != argc)
		return usage(2, risk_usage);
	if (open_all(&c, &set) == -1)
		return fail();
	if (rec_load(c.dir, REC_MEASURES, &m) == -1) {
		rc = fail();
		goto out;
	}
	if (rec_load(c.dir, REC_RISK, &r) == -1) {
		csv_free_table(&m);
		rc = fail();
		goto out;
	}
	risk_flags(&m, &r, &set, all, &v, &n);
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
		csv_set(&t, row, "status", v[i].open ? "open" :
		    strcmp(v[i].closed_by, "review") == 0 ? "reviewed" :
		    "resolved");
		csv_set(&t, row, "closed_on", v[i].closed_on);
	}
	render_table(stdout, &t, f, all ? NULL : open_cols);
	csv_free_table(&t);
	risk_flags_free(v, n);
	csv_free_table(&m);
	csv_free_table(&r);
out:
	instr_free_set(&set);
	client_close(&c);
	return rc;
}

int
cmd_risk(int argc, char **argv)
{
	static const struct subcmd verbs[] = {
		{ "list",	risk_list_cmd },
		{ "review",	risk_review_cmd },
		{ NULL, NULL }
	};

	return run_verb(argc, argv, verbs, risk_usage);
}
