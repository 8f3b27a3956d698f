/*
 * check.c: ipt check, validate client directories and their fidelity.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "caseload.h"
#include "check.h"
#include "client.h"
#include "cmd.h"
#include "escape.h"
#include "git.h"
#include "instrument.h"
#include "profile.h"
#include "summary.h"
#include "util.h"

static const char *const check_usage[] = {
	"ipt check [--fix] [--profile name] [--quiet] [--signatures] [path ...]",
	NULL
};

struct run {
	int		 fix, quiet, signatures;
	size_t		 errors, warnings, clients, unreadable;
	char		*root;		/* of the loaded instrument set */
	int		 have_set;
	int		 tried;		/* root's set was loaded, or failed */
	struct check_ids ids;		/* of the clients checked so far */
	struct instr_set set;
	struct profile	 prof;		/* --profile */
	int		 have_prof;
};

static void
print(const struct findings *f, int quiet)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (quiet && f->v[i].sev != SEV_ERROR)
			continue;
		if (f->v[i].line > 0)
			printf("%s:%zu: %s: %s\n", esc(f->v[i].path),
			    f->v[i].line,
			    f->v[i].sev == SEV_ERROR ? "error" : "warning",
			    esc(f->v[i].msg));
		else
			printf("%s: %s: %s\n", esc(f->v[i].path),
			    f->v[i].sev == SEV_ERROR ? "error" : "warning",
			    esc(f->v[i].msg));
	}
}

/* The instruments of the client's practice, loaded once per practice. */
static const struct instr_set *
instruments(struct run *r, const char *dir)
{
	char *root = practice_root(dir);
	struct remind_opts ro;

	/* One practice after another: its definitions read, or said, once. */
	if (r->tried && ((root == NULL && r->root == NULL) ||
	    (root != NULL && r->root != NULL && strcmp(root, r->root) == 0))) {
		free(root);
		return r->have_set ? &r->set : NULL;
	}
	r->tried = 1;
	if (r->have_set)
		instr_free_set(&r->set);
	free(r->root);
	r->root = root;
	r->have_set = instr_load_set(&r->set, root) == 0;
	if (!r->have_set) {
		fprintf(stderr, "ipt: %s\n", esc(ipt_error()));
		r->unreadable++;
		return NULL;
	}
	/* The practice's ipt.ini, read as ls and remind read it. */
	if (remind_settings(root, &ro) == -1) {
		fprintf(stderr, "ipt: %s\n", esc(ipt_error()));
		r->unreadable++;
	}
	return &r->set;
}

static int
one(const char *dir, void *arg)
{
	struct run *r = arg;
	struct findings f = { 0 };
	struct buf log = { 0 };
	const struct instr_set *set = instruments(r, dir);
	size_t i;

	r->clients++;
	if (r->fix) {
		if (check_fix(dir, &log) == -1) {
			/* Reported in the log, or here: either way exit 1. */
			if (log.len == 0)
				fprintf(stderr, "ipt: %s\n",
				    esc(ipt_error()));
			r->unreadable++;
		}
		if (log.len > 0) {
			const char *p = log.s, *nl;

			for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
				char *line = xstrndup(p, (size_t)(nl - p));

				printf("%s%s%s\n", strcmp(dir, ".") == 0 ?
				    "" : esc(dir), strcmp(dir, ".") == 0 ?
				    "" : "/", esc(line));
				free(line);
			}
		}
		buf_free(&log);
	}
	check_client_profile(dir, set, r->have_prof ? &r->prof : NULL, &f);
	check_ids_add(&r->ids, r->root, dir, &f);
	print(&f, r->quiet);
	if (f.sealed > 0 && test_switch("seal"))
		fprintf(stderr, "%s: history.csv verified by its seal\n",
		    esc(dir));
	for (i = 0; i < f.n; i++)
		if (f.v[i].sev == SEV_ERROR)
			r->errors++;
		else
			r->warnings++;
	findings_free(&f);
	return 0;
}

static void
path_error(const char *msg, void *arg)
{
	struct run *r = arg;

	fprintf(stderr, "ipt: %s\n", esc(msg));
	r->unreadable++;
}

/*
 * --signatures: every commit of the practice's repository that touches
 * records signed by an allowed signer; each that is not an error.
 */
static void
signatures(struct run *r, const char *path)
{
	struct buf bad = { 0 };
	const char *p, *nl;
	char *root = practice_root(path);
	long n;

	if (root == NULL) {
		fprintf(stderr, "ipt: %s: not in a practice (no ipt.ini here "
		    "or above): no signatures to check\n", esc(path));
		r->unreadable++;
		return;
	}
	if ((n = git_verify_signatures(root, &bad)) == -1) {
		fprintf(stderr, "ipt: %s\n", esc(ipt_error()));
		r->unreadable++;
	} else
		r->errors += (size_t)n;
	for (p = bad.s != NULL ? bad.s : ""; (nl = strchr(p, '\n')) != NULL;
	    p = nl + 1) {
		char *line = xstrndup(p, (size_t)(nl - p));

		/* "HASH why: subject" */
		printf("commit %.40s: error:%s\n", line, esc(line + 40));
		free(line);
	}
	buf_free(&bad);
	free(root);
}

static const struct option check_opts[] = {
	{ "fix",	no_argument,	NULL, 'f' },
	OPT_HELP,
	{ "profile",	required_argument, NULL, 'p' },
	{ "quiet",	no_argument,	NULL, 'q' },
	{ "signatures",	no_argument,	NULL, 's' },
	OPT_END
};

static int
check_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct run r;
	char *dir = NULL, *def = NULL, *root;
	const char *here[1], *profile = NULL;
	int ch, rc;

	memset(&r, 0, sizeof(r));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "hq", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			r.fix = 1;
			break;
		case 'h':
			return cmd_usage(ctx, 0);
		case 'p':
			profile = optarg;
			break;
		case 'q':
			r.quiet = 1;
			break;
		case 's':
			r.signatures = 1;
			break;
		default:
			return bad_option(ctx);
		}
	}
	argc -= optind;
	argv += optind;
	if (profile != NULL) {
		/* The profiles of the practice of the first path, or here. */
		root = practice_root(argc > 0 ? argv[0] : ".");
		rc = profile_load(root, profile, &r.prof);
		free(root);
		if (rc == -1)
			return fail();
		r.have_prof = 1;
	}
	check_scan_begin();
	if (argc > 0)
		caseload_scan((const char *const *)argv, (size_t)argc, one,
		    path_error, &r, NULL);
	else if (client_find(".", &dir) == 0) {
		/* In a client directory: check that client. */
		one(dir, &r);
		free(dir);
	} else {
		here[0] = def = caseload_default_path();
		caseload_scan(here, 1, one, path_error, &r, NULL);
		free(def);
	}
	if (r.signatures)
		signatures(&r, argc > 0 ? argv[0] : ".");
	if (r.have_set)
		instr_free_set(&r.set);
	check_ids_free(&r.ids);
	free(r.root);
	if (r.have_prof)
		profile_free(&r.prof);
	if (!r.quiet) {
		fprintf(stderr, "%zu client%s checked: %zu error%s, %zu "
		    "warning%s", r.clients, r.clients == 1 ? "" : "s",
		    r.errors, r.errors == 1 ? "" : "s", r.warnings,
		    r.warnings == 1 ? "" : "s");
		/* What could not be read counts too: the lines above. */
		if (r.unreadable > 0)
			fprintf(stderr, ", %zu not read (said above)",
			    r.unreadable);
		fputc('\n', stderr);
	}
	return r.errors > 0 || r.unreadable > 0 ? 1 : 0;
}

/* --fix writes. */
const struct command cmd_check = {
	"check", "validate records and fidelity to the protocol", check_usage,
	check_run, check_opts, NULL, CMD_WRITES
};
