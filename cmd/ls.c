/*
 * ls.c: ipt ls, the caseload: one row per client under the paths given.
 *
 * One client is loaded at a time and freed before the next; its row
 * goes to a spool (spool.h), which keeps memory flat however large the
 * caseload.  A client that cannot be
 * read is named on standard error, the scan goes on, and the exit
 * status is 1.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload.h"
#include "client.h"
#include "cmd.h"
#include "date.h"
#include "export.h"
#include "instrument.h"
#include "record.h"
#include "retention.h"
#include "summary.h"
#include "util.h"
#include "variant.h"

static const char *const ls_usage[] = {
	"ipt ls [path ...] [--format table|csv|tsv|json] [--sort [-]column]",
	"       [--status status] [--therapist text] [--variant variant]",
	"ipt ls [path ...] --retention [--format table|csv|tsv|json]",
	NULL
};

struct scan {
	struct scan_base b;	/* first: the arg of scan_error() */
	struct ls_filter filter;
	struct ls_list	 list;
	int		 retention;	/* --retention: past it, in past */
	struct csv_table past;
};

/* The columns of ls --retention. */
static const char *const past_cols[] = { "id", "name", "ended",
    "retained_until", "rule", "path" };

/* --retention: add the client if its retention has passed. */
static void
past_add(struct scan *sc, const struct summary *s, const char *dir)
{
	struct retention r;
	char rule[RETENTION_RULE], d[DATE_LEN];
	long until;
	size_t i;

	if (retention_load(sc->b.pc.root, &r) == -1) {
		scan_lib_error(sc);
		return;
	}
	retention_until(&s->c, &r, &until, rule);
	if (until == -1 || until >= sc->b.today)
		return;
	i = csv_append(&sc->past);
	csv_set(&sc->past, i, "id", s->c.id);
	csv_set(&sc->past, i, "name", s->c.name);
	csv_set(&sc->past, i, "ended", s->c.ended_on);
	date_format(until, d);
	csv_set(&sc->past, i, "retained_until", d);
	csv_set(&sc->past, i, "rule", rule);
	csv_set(&sc->past, i, "path", dir);
}

static int
visit(const char *dir, void *arg)
{
	struct scan *sc = arg;
	struct summary s;

	scan_practice(&sc->b, dir);
	if (summary_load(&s, dir, sc->b.today, &sc->b.pc.set,
	    &sc->b.pc.ro) == -1) {
		scan_lib_error(sc);
		return 0;
	}
	if (sc->retention)
		past_add(sc, &s, dir);
	else if (ls_match(&s, &sc->filter) &&
	    ls_add(&sc->list, &s, dir) == -1) {
		summary_free(&s);
		return -1;	/* the spool cannot be written: stop */
	}
	summary_free(&s);
	return 0;
}

/* Add a value to a NULL-terminated list. */
static void
push(const char ***list, size_t *n, const char *v)
{
	*list = xreallocarray(*list, *n + 2, sizeof(**list));
	(*list)[(*n)++] = v;
	(*list)[*n] = NULL;
}

/*
 * --variant NAME must name a variant, built-in or of the practice of one
 * of the paths scanned: a misspelt name would show nothing without a word.
 */
static int
variants_known(const struct scan *sc)
{
	const char *const *names, *const *v;
	char *root;
	size_t i, p;
	int found;

	for (i = 0; sc->filter.variant != NULL &&
	    sc->filter.variant[i] != NULL; i++) {
		found = 0;
		names = NULL;
		for (p = 0; !found && p < sc->b.npaths; p++) {
			root = practice_root(sc->b.paths[p]);
			if (variant_names(root, &names) == -1) {
				free(root);
				return fail();
			}
			free(root);
			for (v = names; !found && *v != NULL; v++)
				found = strcmp(*v, sc->filter.variant[i]) == 0;
		}
		if (!found) {
			fprintf(stderr, "ipt: --variant: '%s' is not one of:",
			    sc->filter.variant[i]);
			for (v = names; v != NULL && *v != NULL; v++)
				fprintf(stderr, "%s %s", v == names ? "" : ",",
				    *v);
			fputc('\n', stderr);
			return 2;
		}
	}
	return 0;
}

static const struct option ls_opts[] = {
	{ "format",	required_argument,	NULL, 'f' },
	OPT_HELP,
	{ "retention",	no_argument,		NULL, 'r' },
	{ "sort",	required_argument,	NULL, 'o' },
	{ "status",	required_argument,	NULL, 's' },
	{ "therapist",	required_argument,	NULL, 't' },
	{ "variant",	required_argument,	NULL, 'v' },
	OPT_END
};

static int
ls_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct scan sc;
	enum ipt_format f = FMT_TABLE;
	size_t nstatus = 0, nvariant = 0;
	int ch, rc = 0;

	memset(&sc, 0, sizeof(sc));
	ls_begin(&sc.list, -1, 0);
	csv_init_table(&sc.past, "retention", past_cols,
	    sizeof(past_cols) / sizeof(past_cols[0]));
	optind = 0;
	while (rc == 0 &&
	    (ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (format_parse(optarg, (1u << FMT_TABLE) |
			    (1u << FMT_CSV) | (1u << FMT_TSV) |
			    (1u << FMT_JSON), &f) == -1)
				rc = fail();
			break;
		case 'h':
			rc = cmd_usage(ctx, 0);
			goto out;
		case 'r':
			sc.retention = 1;
			break;
		case 'o':
			if (ls_sort_key(optarg, &sc.list.col,
			    &sc.list.desc) == -1)
				rc = fail();
			break;
		case 's':
			if (rec_lookup(client_statuses, optarg) == -1)
				rc = usage_err("--status: '%s' is not one of: "
				    "%s", optarg, rec_names(client_statuses));
			else
				push(&sc.filter.status, &nstatus, optarg);
			break;
		case 't':
			sc.filter.therapist = optarg;
			break;
		case 'v':
			push(&sc.filter.variant, &nvariant, optarg);
			break;
		default:
			rc = bad_option(ctx);
		}
	}
	if (rc == 0 && sc.retention && (sc.filter.status != NULL ||
	    sc.filter.variant != NULL || sc.filter.therapist != NULL ||
	    sc.list.col != -1))
		rc = usage_err("--retention lists the clients past their "
		    "retention: no --sort, --status, --therapist, --variant");
	if (rc != 0)
		goto out;
	if (scan_begin(&sc.b, argc, argv) == -1)
		rc = fail();
	else if ((rc = variants_known(&sc)) != 0)
		;
	else if (caseload_scan(sc.b.paths, sc.b.npaths, visit, scan_error,
	    &sc, NULL) != 0 || (sc.retention ? render_table(stdout, &sc.past,
	    f, NULL) : render_ls(stdout, &sc.list, f)) == -1)
		rc = fail();
	else
		rc = sc.b.errors > 0 ? 1 : 0;
out:
	ls_free(&sc.list);
	csv_free_table(&sc.past);
	scan_end(&sc.b);
	free(sc.filter.status);
	free(sc.filter.variant);
	return rc;
}

const struct command cmd_ls = {
	"ls", "the caseload: one line per client", ls_usage,
	ls_run, ls_opts, NULL, 0
};
