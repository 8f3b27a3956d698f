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
#include "summary.h"
#include "util.h"

static const char *const ls_usage[] = {
	"ipt ls [path ...] [--format table|csv|tsv|json] [--sort [-]column]",
	"       [--status status] [--therapist text] [--variant variant]",
	NULL
};

struct scan {
	long		 today;
	struct ls_filter filter;
	struct ls_list	 list;
	struct practice_ctx pc;	/* the practice of the last client */
	size_t		 errors;
};

static void
scan_error(const char *msg, void *arg)
{
	struct scan *sc = arg;

	fprintf(stderr, "ipt: %s\n", msg);
	sc->errors++;
}

static void
lib_error(void *arg)
{
	struct scan *sc = arg;

	fprintf(stderr, "ipt: %s\n", ipt_error());
	sc->errors++;
}

static int
visit(const char *dir, void *arg)
{
	struct scan *sc = arg;
	struct summary s;

	practice_use(&sc->pc, practice_root(dir), lib_error, sc);
	if (summary_load(&s, dir, sc->today, &sc->pc.set, &sc->pc.ro) == -1) {
		lib_error(sc);
		return 0;
	}
	if (ls_match(&s, &sc->filter) && ls_add(&sc->list, &s, dir) == -1) {
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

int
cmd_ls(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format",	required_argument,	NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "sort",	required_argument,	NULL, 'o' },
		{ "status",	required_argument,	NULL, 's' },
		{ "therapist",	required_argument,	NULL, 't' },
		{ "variant",	required_argument,	NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	struct scan sc;
	enum ipt_format f = FMT_TABLE;
	const char *const *paths;
	char *def = NULL;
	size_t npaths, nstatus = 0, nvariant = 0;
	int ch, rc = 0;

	memset(&sc, 0, sizeof(sc));
	ls_begin(&sc.list, -1, 0);
	optind = 0;
	while (rc == 0 &&
	    (ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (format_parse(optarg, (1u << FMT_TABLE) |
			    (1u << FMT_CSV) | (1u << FMT_TSV) |
			    (1u << FMT_JSON), &f) == -1)
				rc = fail();
			break;
		case 'h':
			rc = usage(0, ls_usage);
			goto out;
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
			rc = bad_option(ls_usage);
		}
	}
	if (rc != 0)
		goto out;
	if (date_today(&sc.today) == -1) {
		rc = fail();
		goto out;
	}
	if (optind < argc) {
		paths = (const char *const *)argv + optind;
		npaths = (size_t)(argc - optind);
	} else {
		def = caseload_default_path();
		paths = (const char *const *)&def;
		npaths = 1;
	}
	if (caseload_scan(paths, npaths, visit, scan_error, &sc, NULL) != 0 ||
	    render_ls(stdout, &sc.list, f) == -1)
		rc = fail();
	else
		rc = sc.errors > 0 ? 1 : 0;
out:
	ls_free(&sc.list);
	practice_ctx_free(&sc.pc);
	free(sc.filter.status);
	free(sc.filter.variant);
	free(def);
	return rc;
}
