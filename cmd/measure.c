/*
 * measure.c: ipt measure add|list|change|instruments.
 *
 * add scores an administration and records it; list shows measures.csv
 * and, for people, each instrument's change from baseline; change shows
 * that change alone in any format; instruments describes the definitions
 * in force (built-in, or the practice's own).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "cmd.h"
#include "csvt.h"
#include "instrument.h"
#include "measure.h"
#include "measure_import.h"
#include "record.h"
#include "rhythm.h"
#include "util.h"

#define ALL_TABLES	((1u << FMT_TABLE) | (1u << FMT_CSV) | (1u << FMT_TSV) | \
			    (1u << FMT_JSON))

static const char *const measure_usage[] = {
	"ipt measure add [--date date] [--session n] [--positions | --scored] "
	    "[--occurrences n,...] instrument item ...",
	"ipt measure add [--date date] [--session n] --times instrument "
	    "week ...",
	"ipt measure add [--date date] [--session n] --total n instrument",
	"ipt measure import file",
	"ipt measure list [--format table|csv|tsv|json] [instrument]",
	"ipt measure change [--format table|csv|tsv|json] [instrument]",
	"ipt measure instruments [--format text|table|csv|tsv|json] [name]",
	NULL
};

static const char *const change_cols[] = { "instrument", "n",
    "baseline_date", "baseline", "latest_date", "latest", "change",
    "percent", "better", "direction", "response", "remission", "reliable",
    NULL };

static const struct option add_opts[] = {
	{ "date",	required_argument,	NULL, 'd' },
	OPT_HELP,
	{ "occurrences", required_argument,	NULL, 'o' },
	{ "positions",	no_argument,		NULL, 'P' },
	{ "scored",	no_argument,		NULL, 'S' },
	{ "session",	required_argument,	NULL, 's' },
	{ "times",	no_argument,		NULL, 'T' },
	{ "total",	required_argument,	NULL, 't' },
	OPT_END
};

/* One activity of a week of clock times: "to bed: 5 times, ...". */
static void
print_activity(const struct instrument *in, size_t i,
    const struct rhythm_act *a)
{
	const char *l = in->item[i].label;
	char hm[6];

	printf("item %zu", i + 1);
	if (l != NULL)
		printf(" (%s)", l);
	printf(": %zu time%s", a->n, a->n == 1 ? "" : "s");
	if (a->na) {
		printf(", NA (fewer than %ld)\n", in->rhythm_qualify);
		return;
	}
	rhythm_fmt(a->habit, hm);
	printf(", habitual %s, %ld hit%s (within %ld min)\n", hm, a->hits,
	    a->hits == 1 ? "" : "s", in->rhythm_window);
}

static int
measure_add_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct measure_input mi;
	struct measure_added out;
	struct buf b = { 0 };
	char total[32];
	size_t j;
	int ch, scored = 0;

	memset(&mi, 0, sizeof(mi));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			mi.date = optarg;
			break;
		case 'h':
			return cmd_usage(ctx, 0);
		case 'o':
			mi.occurrences = optarg;
			break;
		case 'P':
			mi.positions = 1;
			break;
		case 'S':
			scored = 1;
			break;
		case 's':
			mi.session = optarg;
			break;
		case 'T':
			mi.times = 1;
			break;
		case 't':
			mi.total = optarg;
			break;
		default:
			return bad_option(ctx);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return cmd_usage(ctx, 2);
	mi.instrument = argv[0];
	mi.items = argv + 1;
	mi.nitems = (size_t)argc - 1;
	if (mi.total == NULL && mi.nitems == 0)
		return usage_err("measure add: give the item answers of %s, or "
		    "--total", mi.instrument);
	if (mi.positions && scored)
		return usage_err("measure add: give --positions or --scored, "
		    "not both");
	if (mi.total != NULL && (mi.positions || scored || mi.times))
		return usage_err("measure add: --%s applies to items, not "
		    "to --total", mi.positions ? "positions" : scored ?
		    "scored" : "times");
	if (mi.times && (mi.positions || scored))
		return usage_err("measure add: --times takes clock times, not "
		    "--%s", mi.positions ? "positions" : "scored");
	if (ctx_setup(ctx) == -1)
		return fail();
	mi.focus[0] = ctx->client.primary;
	mi.focus[1] = ctx->client.secondary;
	if (measure_add(ctx->client.dir, &ctx->set, &mi, &out) == -1)
		return fail();
	for (j = 0; out.act != NULL && j < out.in->nitems; j++)
		print_activity(out.in, j, &out.act[j]);
	instr_fmt(out.in, out.res.total, total, sizeof(total));
	printf("%s %s on %s", out.in->name, total, out.date);
	if (out.session > 0)
		printf(", session %ld", out.session);
	if (out.res.band != NULL)
		printf(": %s", out.res.band);
	putchar('\n');
	if (out.res.prorated > 0)
		printf("prorated: %zu scored item%s NA, each given the mean "
		    "of the items answered\n", out.res.prorated,
		    out.res.prorated == 1 ? "" : "s");
	instr_describe_subscales(out.in, &out.res, &b);
	if (b.len > 0)
		printf("subscales: %s\n", b.s);
	buf_reset(&b);
	instr_describe_criterion(out.in, &out.res, &b);
	if (b.len > 0)
		printf("%s\n", b.s);
	buf_reset(&b);
	if (out.res.risk) {
		instr_describe_positive_labelled(out.in, &out.res, &b);
		printf("RISK: %s: assess, then review it with "
		    "`ipt risk review'\n", b.s);
	} else if (out.res.has_items) {
		instr_describe_risk_items(out.in, &out.res, &b);
		if (b.len > 0) {
			printf("risk item%s: %s: below the threshold (",
			    strchr(b.s, ',') ? "s" : "", b.s);
			buf_reset(&b);
			instr_describe_risk(out.in, &b);
			printf("%s)\n", b.s);
		}
	} else if (!out.res.has_items) {
		instr_describe_risk(out.in, &b);
		if (b.len > 0)
			printf("note: total only, so the risk item%s (%s) "
			    "%s not checked\n", strchr(b.s, ',') ? "s" : "",
			    b.s, strchr(b.s, ',') ? "were" : "was");
	}
	buf_free(&b);
	measure_added_free(&out);
	return 0;
}

/* The instruments of a measures table, in order of first use. */
static size_t
instruments_used(const struct csv_table *t, const char *only,
    const char ***out)
{
	const char **v = NULL;
	size_t i, j, n = 0;

	for (i = 0; i < t->nrows; i++) {
		const char *name = csv_get(t, i, "instrument");

		if (only != NULL && strcmp(name, only) != 0)
			continue;
		for (j = 0; j < n; j++)
			if (strcmp(v[j], name) == 0)
				break;
		if (j < n)
			continue;
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = name;
	}
	*out = v;
	return n;
}

/* One row per instrument: baseline, latest and their change. */
static int
change_table(const struct csv_table *m, const struct instr_set *set,
    const char *only, struct csv_table *out)
{
	struct measure_change mc;
	const char **names;
	char buf[32];
	size_t n, i, r;
	int rc = 0;

	csv_init_table(out, "change", change_cols,
	    sizeof(change_cols) / sizeof(change_cols[0]) - 1);
	n = instruments_used(m, only, &names);
	for (i = 0; i < n && rc == 0; i++) {
		const struct instrument *in = instr_find(set, names[i]);

		if ((rc = measure_change(m, names[i], in, &mc)) == -1)
			break;
		r = csv_append(out);
		csv_set(out, r, "instrument", names[i]);
		snprintf(buf, sizeof(buf), "%zu", mc.n);
		csv_set(out, r, "n", buf);
		csv_set(out, r, "baseline_date", csv_get(m, mc.first, "date"));
		csv_set(out, r, "baseline", csv_get(m, mc.first, "total"));
		csv_set(out, r, "latest_date", csv_get(m, mc.last, "date"));
		csv_set(out, r, "latest", csv_get(m, mc.last, "total"));
		csv_set(out, r, "change", mc.change);
		csv_set(out, r, "percent", mc.pct);
		csv_set(out, r, "better", in == NULL ? "" :
		    in->higher_better ? "higher" : "lower");
		csv_set(out, r, "direction", measure_direction(&mc));
		csv_set(out, r, "response", measure_yesno(mc.response));
		csv_set(out, r, "remission", measure_yesno(mc.remission));
		csv_set(out, r, "reliable", measure_reliable(&mc));
	}
	free(names);
	if (rc == -1)
		csv_free_table(out);
	return rc;
}

/* Keep only the rows of one instrument. */
static void
filter(struct csv_table *t, const char *only)
{
	size_t i;

	for (i = t->nrows; i-- > 0;)
		if (strcmp(csv_get(t, i, "instrument"), only) != 0)
			csv_remove(t, i);
}

/* list and change share everything but what they print. */
static int
list_or_change(struct cmd_ctx *ctx, int argc, char **argv, int list)
{
	const struct instr_set *set = &ctx->set;
	struct csv_table m, ch;
	enum ipt_format f = FMT_TABLE;
	const char *only;
	size_t i;
	int rc;

	if ((rc = format_only(ctx, argc, argv, ALL_TABLES, &f)) != 0)
		return rc < 0 ? 0 : rc;
	if (argc - optind > 1)
		return cmd_usage(ctx, 2);
	only = optind < argc ? argv[optind] : NULL;
	if (ctx_setup(ctx) == -1 ||
	    rec_load(ctx->client.dir, REC_MEASURES, &m) == -1)
		return fail();
	if (only != NULL && instr_find(set, only) == NULL) {
		for (i = 0; i < m.nrows; i++)
			if (strcmp(csv_get(&m, i, "instrument"), only) == 0)
				break;
		if (i == m.nrows) {
			instr_lookup(set, only);
			rc = fail();
			goto out;
		}
	}
	if (change_table(&m, set, only, &ch) == -1) {
		rc = fail();
		goto out;
	}
	if (only != NULL)
		filter(&m, only);
	measure_add_derived(&m, set);
	if (!list)
		render_table(stdout, &ch, f, NULL);
	else {
		render_table(stdout, &m, f, NULL);
		if (f == FMT_TABLE && ch.nrows > 0) {
			fputs("\nchange from baseline:\n", stdout);
			render_table(stdout, &ch, f, NULL);
		}
	}
	csv_free_table(&ch);
out:
	csv_free_table(&m);
	return rc;
}

static int
measure_list_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	return list_or_change(ctx, argc, argv, 1);
}

static int
measure_change_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	return list_or_change(ctx, argc, argv, 0);
}

static void
describe_outcomes(const struct instrument *in, struct buf *b)
{
	char v[32];
	double pts;

	if (in->response_pct > 0)
		buf_printf(b, "response %ld%% %s", in->response_pct,
		    in->higher_better ? "rise" : "fall");
	if (in->has_remission) {
		instr_fmt(in, in->remission_value, v, sizeof(v));
		buf_printf(b, "%sremission %s %s", b->len ? ", " : "",
		    instr_op_name(in->remission_op), v);
	}
	if (in->reliable > 0) {
		instr_fmt(in, in->reliable, v, sizeof(v));
		buf_printf(b, "%sreliable change %s", b->len ? ", " : "", v);
	} else if ((pts = instr_reliable_points(in)) > 0)
		buf_printf(b, "%sreliable change > %.2f (sd %g, r %g)",
		    b->len ? ", " : "", pts, in->rci_sd, in->rci_r);
}

static void
instruments_table(const struct instr_set *set, const char *only,
    struct csv_table *t)
{
	static const char *const cols[] = { "name", "title", "items",
	    "range", "total", "subscales", "criterion", "bands", "risk",
	    "better", "outcomes", "rater", "period", "loinc", "source",
	    "licence", "file", NULL };
	struct buf b = { 0 };
	size_t i, r;

	csv_init_table(t, "instruments", cols,
	    sizeof(cols) / sizeof(cols[0]) - 1);
	for (i = 0; i < set->n; i++) {
		const struct instrument *in = set->v[i];

		if (only != NULL && strcmp(in->name, only) != 0)
			continue;
		r = csv_append(t);
		csv_set(t, r, "name", in->name);
		csv_set(t, r, "title", in->title);
		buf_reset(&b);
		buf_printf(&b, "%zu", in->nitems);
		csv_set(t, r, "items", b.s);
		buf_reset(&b);
		instr_describe_ranges(in, &b);
		csv_set(t, r, "range", b.s);
		buf_reset(&b);
		instr_describe_total(in, &b);
		csv_set(t, r, "total", b.s);
		buf_reset(&b);
		instr_describe_subscale_defs(in, &b);
		csv_set(t, r, "subscales", b.s);
		buf_reset(&b);
		instr_describe_criterion_def(in, &b);
		csv_set(t, r, "criterion", b.s);
		buf_reset(&b);
		instr_describe_bands(in, &b);
		csv_set(t, r, "bands", b.s);
		buf_reset(&b);
		instr_describe_risk(in, &b);
		csv_set(t, r, "risk", b.s);
		csv_set(t, r, "better", in->higher_better ? "higher" : "lower");
		buf_reset(&b);
		describe_outcomes(in, &b);
		csv_set(t, r, "outcomes", b.s);
		csv_set(t, r, "rater", in->rater);
		csv_set(t, r, "period", in->period);
		csv_set(t, r, "loinc", in->loinc);
		csv_set(t, r, "source", in->source);
		csv_set(t, r, "licence", in->licence);
		csv_set(t, r, "file", in->builtin ? "built-in" : in->file);
	}
	buf_free(&b);
}

/* The text format: one paragraph per instrument. */
static void
instruments_text(const struct csv_table *t)
{
	static const char *const keys[] = { "items", "range", "total",
	    "subscales", "criterion", "bands", "risk", "better", "outcomes",
	    "rater", "period", "loinc", "source", "licence", "file", NULL };
	size_t i, k;

	for (i = 0; i < t->nrows; i++) {
		printf("%s%s: %s\n", i > 0 ? "\n" : "", csv_get(t, i, "name"),
		    csv_get(t, i, "title"));
		for (k = 0; keys[k] != NULL; k++)
			if (*csv_get(t, i, keys[k]) != '\0')
				printf("  %-10s %s\n", keys[k],
				    csv_get(t, i, keys[k]));
	}
}

static int
measure_instruments_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct csv_table t;
	enum ipt_format f = FMT_TEXT;
	const char *only;
	int rc;

	if ((rc = format_only(ctx, argc, argv, ALL_TABLES | (1u << FMT_TEXT),
	    &f)) != 0)
		return rc < 0 ? 0 : rc;
	if (argc - optind > 1)
		return cmd_usage(ctx, 2);
	only = optind < argc ? argv[optind] : NULL;
	if (ctx_setup(ctx) == -1 ||
	    (only != NULL && instr_lookup(&ctx->set, only) == NULL))
		return fail();
	instruments_table(&ctx->set, only, &t);
	if (f == FMT_TEXT)
		instruments_text(&t);
	else
		render_table(stdout, &t, f, f == FMT_TABLE ? (const char *[]){
		    "name", "items", "range", "total", "bands", "risk",
		    "source", "licence", NULL } : NULL);
	csv_free_table(&t);
	return 0;
}

/*
 * ipt measure import FILE: a FHIR QuestionnaireResponse (or a Bundle of
 * them) or a CSV of administrations, all or nothing.
 */
static int
measure_import_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct import_report rep;
	int ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		if (ch == 'h')
			return cmd_usage(ctx, 0);
		return bad_option(ctx);
	}
	if (argc - optind != 1)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1 ||
	    measure_import(ctx->client.dir, ctx->client.id, &ctx->set,
	    argv[optind], &rep) == -1)
		return fail();
	printf("%zu administration%s imported from %s\n", rep.n,
	    rep.n == 1 ? "" : "s", argv[optind]);
	if (rep.risk > 0)
		printf("RISK: %zu of them with a positive risk item: assess, "
		    "then review with `ipt risk review'\n", rep.risk);
	return 0;
}

/* The client in hand and the instruments of its practice. */
#define NEEDS	(CMD_NEEDS_CLIENT | CMD_NEEDS_PRACTICE)
static const struct verb measure_verbs[] = {
	{ "add",	measure_add_cmd,	add_opts,	NEEDS | CMD_WRITES },
	{ "change",	measure_change_cmd,	format_opts,	NEEDS },
	{ "import",	measure_import_cmd,	help_opts,	NEEDS | CMD_WRITES },
	/* Outside a client directory, the practice around "." counts. */
	{ "instruments", measure_instruments_cmd, format_opts,
	    CMD_NEEDS_PRACTICE },
	{ "list",	measure_list_cmd,	format_opts,	NEEDS },
	{ NULL, NULL, NULL, 0 }
};

const struct command cmd_measure = {
	"measure", "administer and score outcome measures", measure_usage,
	NULL, help_opts, measure_verbs, 0
};
