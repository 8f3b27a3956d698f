/*
 * export.c: ipt export, long-format data sets of a caseload for research
 * and supervision, identified or de-identified.
 *
 * A client that cannot be read is named on standard error, left out,
 * and the exit status is 1.  De-identifying needs the practice's secret
 * (ROOT/.ipt-secret, or [export] secret in ipt.ini); the first
 * de-identified export of a practice makes it and says so on standard
 * error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload.h"
#include "client.h"
#include "cmd.h"
#include "date.h"
#include "escape.h"
#include "export.h"
#include "fhir.h"
#include "instrument.h"
#include "record.h"
#include "summary.h"
#include "util.h"

static const char *const export_usage[] = {
	"ipt export [path ...] [--deidentify[=safe-harbor]]",
	"           [--dates real|shifted|none]",
	"           [--format csv|json|fhir] [--output dir]",
	"           [--table clients|sessions|measures|items|focus|outcomes|",
	"                    formulation|all]",
	NULL
};

struct scan {
	struct scan_base b;	/* first: the arg of scan_error() */
	struct export	 ex;
	struct fhir_export fx;		/* --format fhir */
	int		 fhir;
	const char	*output;	/* --output, where no secret may be */
	/* The secrets of the practices met so far. */
	struct export_secret *sec;
	size_t		 nsec;
};

/* The secret of a practice root, made on first use; NULL on failure. */
static const struct export_secret *
secret_for(struct scan *sc, const char *root)
{
	struct export_secret s;
	size_t i;
	int created;

	for (i = 0; i < sc->nsec; i++)
		if (strcmp(sc->sec[i].root, root) == 0)
			return &sc->sec[i];
	if (export_secret(root, 1, sc->output, &s, &created) == -1)
		return NULL;
	if (created)
		fprintf(stderr, "ipt: made the practice secret %s for "
		    "pseudonyms and date shifts: keep it private, back it "
		    "up, and never send it with an export\n", esc(s.path));
	sc->sec = xreallocarray(sc->sec, sc->nsec + 1, sizeof(*sc->sec));
	sc->sec[sc->nsec] = s;
	return &sc->sec[sc->nsec++];
}

static int
visit(const char *dir, void *arg)
{
	struct scan *sc = arg;
	const struct export_secret *sec = NULL;
	struct summary s;

	scan_practice(&sc->b, dir);
	if (sc->ex.deidentify || sc->ex.dates == DATES_SHIFTED) {
		if (sc->b.pc.root == NULL) {
			fprintf(stderr, "ipt: %s: no practice root (ipt.ini) "
			    "above it to keep the secret in; left out\n",
			    esc(dir));
			sc->b.errors++;
			return 0;
		}
		if ((sec = secret_for(sc, sc->b.pc.root)) == NULL) {
			scan_lib_error(sc);
			return 0;
		}
	}
	if (summary_load(&s, dir, sc->b.today, &sc->b.pc.set,
	    &sc->b.pc.ro) == -1) {
		scan_lib_error(sc);
		return 0;
	}
	switch (sc->fhir ? fhir_add(&sc->fx, &s, &sc->b.pc.set, sec) :
	    export_add(&sc->ex, &s, sec, &sc->b.pc.set)) {
	case -1:
		summary_free(&s);
		return -1;	/* the spool cannot be written: stop */
	case 1:
		scan_lib_error(sc);	/* this client is left out */
		break;
	}
	summary_free(&s);
	return 0;
}

/*
 * With --deidentify, every path must lie in a practice whose secret can
 * be read or made: checked before anything is printed.
 */
static int
check_roots(struct scan *sc, const char *const *paths, size_t n)
{
	char *root;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!path_exists(paths[i]))
			continue;	/* the scan reports it */
		if ((root = practice_root(paths[i])) == NULL) {
			fprintf(stderr, "ipt: --deidentify: %s is not in a "
			    "practice: de-identified exports need the "
			    "practice secret, kept at the practice root; "
			    "make the root with `touch ROOT/ipt.ini' (see "
			    "ipt-files(5)) and export again\n", esc(paths[i]));
			return 1;
		}
		if (secret_for(sc, root) == NULL) {
			free(root);
			return fail();
		}
		free(root);
	}
	return 0;
}

static const struct option export_opts[] = {
	{ "dates",	required_argument,	NULL, 'D' },
	{ "deidentify",	optional_argument,	NULL, 'd' },
	{ "format",	required_argument,	NULL, 'f' },
	OPT_HELP,
	{ "output",	required_argument,	NULL, 'o' },
	{ "table",	required_argument,	NULL, 't' },
	OPT_END
};

static int
export_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct scan sc;
	enum ipt_format f = FMT_CSV;
	const char *output = NULL;
	size_t i;
	unsigned tables = 0, ntables;
	int ch, k, deid = 0, dates = -1, rc;

	memset(&sc, 0, sizeof(sc));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			if (optarg == NULL)
				deid = DEID_PSEUDONYMS;
			else if (strcmp(optarg, "safe-harbor") == 0)
				deid = DEID_SAFE_HARBOR;
			else
				return usage_err("--deidentify: '%s' is not "
				    "safe-harbor (or give --deidentify alone, "
				    "for pseudonyms and shifted dates)", optarg);
			break;
		case 'D':
			if ((dates = rec_lookup(export_dates_names,
			    optarg)) == -1)
				return usage_err("--dates: '%s' is not one of: "
				    "%s", optarg, rec_names(export_dates_names));
			break;
		case 'f':
			if ((sc.fhir = strcmp(optarg, "fhir") == 0))
				break;
			if (format_parse(optarg, (1u << FMT_CSV) |
			    (1u << FMT_JSON), &f) == -1)
				return fail();
			break;
		case 'h':
			return cmd_usage(ctx, 0);
		case 'o':
			output = optarg;
			break;
		case 't':
			if (strcmp(optarg, "all") == 0) {
				tables = (1u << EXP_NTABLES) - 1;
				break;
			}
			if ((k = rec_lookup(export_tables, optarg)) == -1)
				return usage_err("--table: '%s' is not one of: "
				    "%s, all", optarg, rec_names(export_tables));
			tables |= 1u << k;
			break;
		default:
			return bad_option(ctx);
		}
	}
	if (tables == 0)
		tables = (1u << EXP_NTABLES) - 1;
	if (deid == DEID_SAFE_HARBOR && (dates == DATES_SHIFTED || sc.fhir))
		return usage_err("--deidentify=safe-harbor: dates are "
		    "reduced to the year (or none, with --dates none): no "
		    "--dates shifted, no --format fhir");
	if (dates == -1)
		dates = deid == DEID_PSEUDONYMS ? DATES_SHIFTED : DATES_REAL;
	if (dates == DATES_SHIFTED && !deid)
		return usage_err("--dates shifted: only with --deidentify "
		    "(an identified export has real dates, or none)");
	for (ntables = 0, k = 0; k < EXP_NTABLES; k++)
		ntables += (tables >> k) & 1;
	if (sc.fhir && (output != NULL || ntables < EXP_NTABLES))
		return usage_err("--format fhir prints one Bundle of every "
		    "client's measures: no --table, no --output");
	if (!sc.fhir && f == FMT_CSV && ntables > 1 && output == NULL)
		return usage_err("--format csv prints one table: give --table "
		    "%s, or --output DIR for a file per table",
		    rec_names(export_tables));
	memset(&sc.ex, 0, sizeof(sc.ex));
	fhir_begin(&sc.fx, deid);
	if (scan_begin(&sc.b, argc, argv) == -1) {
		rc = fail();
		goto out;
	}
	export_begin(&sc.ex, f, deid, (enum export_dates)dates, sc.b.today,
	    tables, output != NULL);
	/* The directory first: the secret must be outside it. */
	if (output != NULL && export_dir_ok(output) == -1) {
		rc = fail();
		goto out;
	}
	sc.output = output;
	if (deid && (rc = check_roots(&sc, sc.b.paths, sc.b.npaths)) != 0)
		goto out;
	if (caseload_scan(sc.b.paths, sc.b.npaths, visit, scan_error, &sc,
	    NULL) != 0)
		rc = -1;
	else if (sc.fhir)
		rc = fhir_print(&sc.fx, stdout);
	else if (output != NULL)
		rc = export_write_dir(&sc.ex, output, IPT_VERSION);
	else
		rc = export_print(&sc.ex, stdout);
	if (rc == -1)
		rc = fail();
	else
		rc = sc.b.errors > 0 ? 1 : 0;
	if (sc.ex.dropped > 0)
		fprintf(stderr, "ipt: %zu administration%s of instruments "
		    "without a definition left out of the de-identified "
		    "export (the first: %s)\n", sc.ex.dropped,
		    sc.ex.dropped == 1 ? "" : "s", sc.ex.dropped_first);
out:
	export_free(&sc.ex);
	fhir_free(&sc.fx);
	for (i = 0; i < sc.nsec; i++)
		export_secret_free(&sc.sec[i]);
	free(sc.sec);
	scan_end(&sc.b);
	return rc;
}

/* --output writes files: autocommit sees them, as it always did. */
const struct command cmd_export = {
	"export",
	"data sets for research and supervision, de-identified if asked",
	export_usage, export_run, export_opts, NULL, CMD_WRITES
};
