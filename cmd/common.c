/*
 * common.c: what the commands share: error and usage printing, verb
 * lookup, and ctx_setup(), which loads what a command's setup flags ask
 * for (the client in hand, its summary, the practice's instruments).
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "caseload.h"
#include "cmd.h"
#include "date.h"
#include "escape.h"
#include "git.h"
#include "history.h"
#include "record.h"
#include "util.h"

int
fail(void)
{
	fprintf(stderr, "ipt: %s\n", esc(ipt_error()));
	return ipt_errkind() == IPT_EUSAGE ? 2 : 1;
}

int
usage_err(const char *fmt, ...)
{
	va_list ap;

	fputs("ipt: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	putc('\n', stderr);
	return 2;
}

int
usage(int status, const char *const *lines)
{
	FILE *fp = status == 0 ? stdout : stderr;
	size_t i;

	for (i = 0; lines[i] != NULL; i++)
		fprintf(fp, "%s %s\n", i == 0 ? "usage:" : "      ", lines[i]);
	return status;
}

int
cmd_usage(const struct cmd_ctx *ctx, int status)
{
	return usage(status, ctx->cmd->usage);
}

int
bad_option(const struct cmd_ctx *ctx)
{
	/* getopt_long has said what was wrong; add the usage. */
	return cmd_usage(ctx, 2);
}

const struct option format_opts[] = {
	{ "format",	required_argument,	NULL, 'f' },
	OPT_HELP,
	OPT_END
};
const struct option help_opts[] = {
	OPT_HELP,
	OPT_END
};

const struct verb *
verb_lookup(const struct command *c, const char *name)
{
	const struct verb *v;

	for (v = c->verbs; v != NULL && v->name != NULL; v++)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

int
verb_unknown(const struct command *c, const char *name)
{
	const struct verb *v;

	fprintf(stderr, "ipt %s: '%s' is not a verb; try one of:", c->name,
	    esc(name));
	for (v = c->verbs; v->name != NULL; v++)
		fprintf(stderr, " %s", v->name);
	putc('\n', stderr);
	return 2;
}

int
run_verb(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct verb *v;
	char *name;
	int rc;

	if (argc < 2)
		return cmd_usage(ctx, 2);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		return cmd_usage(ctx, 0);
	if ((v = verb_lookup(ctx->cmd, argv[1])) == NULL)
		return verb_unknown(ctx->cmd, argv[1]);
	ctx->verb = v;
	ctx->opts = v->opts;
	ctx->flags = v->flags;
	/* getopt_long names argv[0] in its messages. */
	name = xasprintf("%s %s", argv[0], argv[1]);
	argv[1] = name;
	rc = v->fn(ctx, argc - 1, argv + 1);
	free(name);
	return rc;
}

/* The practice root whose git must be ready when the command writes. */
static char	*ready_root;

static int
ready(void *arg)
{
	(void)arg;
	return git_ready(ready_root);
}

/* The work of ctx_setup(), in the order of the CMD_NEEDS_* flags in cmd.h. */
static int
setup(struct cmd_ctx *ctx)
{
	struct remind_opts ro;
	char *dir = NULL, *root = NULL;
	int rc = 0;

	if (ctx->flags & CMD_NEEDS_CLIENT) {
		if (client_find(".", &dir) == -1)
			return -1;
		rc = client_open(&ctx->client, dir);
		free(dir);
		dir = NULL;
		if (rc == -1)
			return -1;
		ctx->loaded |= CMD_NEEDS_CLIENT;
	}
	if (ctx->flags & CMD_WRITES) {
		/* Who and what the history says made the changes. */
		char *why = ctx->verb != NULL ? xasprintf("ipt %s %s",
		    ctx->cmd->name, ctx->verb->name) : xasprintf("ipt %s",
		    ctx->cmd->name);

		hist_set_why(why);
		free(why);
		root = ctx->loaded & CMD_NEEDS_CLIENT ? (ctx->client.root ==
		    NULL ? NULL : xstrdup(ctx->client.root)) :
		    practice_root(".");
		if (practice_author(root) == -1) {
			free(root);
			return -1;
		}
		/* No git identity for autocommit: refused before any write. */
		free(ready_root);
		ready_root = root;
		atomic_before_write(ready, NULL);
		root = NULL;
	}
	if (ctx->flags & CMD_NEEDS_SUMMARY) {
		/* As status, schedule and report always did, in this order. */
		if (date_today(&ctx->today) == -1 ||
		    client_find(".", &dir) == -1)
			return -1;
		root = practice_root(dir);
		rc = remind_settings(root, &ro);
	} else if (ctx->flags & CMD_NEEDS_PRACTICE)
		root = ctx->loaded & CMD_NEEDS_CLIENT ?
		    (ctx->client.root == NULL ? NULL :
		    xstrdup(ctx->client.root)) : practice_root(".");
	if (rc == 0 && (ctx->flags & CMD_NEEDS_PRACTICE)) {
		rc = instr_load_set(&ctx->set, root);
		ctx->loaded |= CMD_NEEDS_PRACTICE;
	}
	free(root);
	if (rc == 0 && (ctx->flags & CMD_NEEDS_SUMMARY)) {
		rc = summary_load(&ctx->sum, dir, ctx->today,
		    ctx->flags & CMD_NEEDS_PRACTICE ? &ctx->set : NULL, &ro);
		if (rc == 0)
			ctx->loaded |= CMD_NEEDS_SUMMARY;
	}
	free(dir);
	return rc;
}

int
ctx_setup(struct cmd_ctx *ctx)
{
	if (ctx->setup == 0)
		ctx->setup = setup(ctx) == -1 ? -1 : 1;
	return ctx->setup == 1 ? 0 : -1;
}

void
ctx_free(struct cmd_ctx *ctx)
{
	if (ctx->loaded & CMD_NEEDS_SUMMARY)
		summary_free(&ctx->sum);
	if (ctx->loaded & CMD_NEEDS_PRACTICE)
		instr_free_set(&ctx->set);
	if (ctx->loaded & CMD_NEEDS_CLIENT)
		client_close(&ctx->client);
	ctx->loaded = 0;
}

int
get_format(const char *s, unsigned allowed, enum ipt_format *f)
{
	return format_parse(s, allowed, f);
}

int
format_only(struct cmd_ctx *ctx, int argc, char **argv, unsigned allowed,
    enum ipt_format *f)
{
	int ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", ctx->opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (format_parse(optarg, allowed, f) == -1)
				return fail();
			break;
		case 'h':
			cmd_usage(ctx, 0);
			return -1;
		default:
			return bad_option(ctx);
		}
	}
	return 0;
}

int
list_records(struct cmd_ctx *ctx, int argc, char **argv, enum rec_file kind,
    void (*sort)(struct csv_table *), const char *const *table_cols)
{
	enum ipt_format f = FMT_TABLE;
	struct csv_table t;
	int rc;

	if ((rc = format_only(ctx, argc, argv, LIST_FORMATS, &f)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind != argc)
		return cmd_usage(ctx, 2);
	if (ctx_setup(ctx) == -1 ||
	    rec_load(ctx->client.dir, kind, &t) == -1)
		return fail();
	if (sort != NULL)
		sort(&t);
	if (render_table(stdout, &t, f, f == FMT_TABLE ? table_cols :
	    NULL) == -1) {
		ipt_seterrno("standard output");
		rc = fail();
	}
	csv_free_table(&t);
	return rc;
}

void
scan_error(const char *msg, void *arg)
{
	struct scan_base *b = arg;

	fprintf(stderr, "ipt: %s\n", esc(msg));
	b->errors++;
}

void
scan_lib_error(void *arg)
{
	struct scan_base *b = arg;

	fprintf(stderr, "ipt: %s\n", esc(ipt_error()));
	b->errors++;
}

int
scan_begin(struct scan_base *b, int argc, char **argv)
{
	if (date_today(&b->today) == -1)
		return -1;
	if (optind < argc) {
		b->paths = (const char *const *)argv + optind;
		b->npaths = (size_t)(argc - optind);
	} else {
		b->def = caseload_default_path();
		b->paths = (const char *const *)&b->def;
		b->npaths = 1;
	}
	return 0;
}

void
scan_practice(struct scan_base *b, const char *dir)
{
	practice_use(&b->pc, practice_root(dir), scan_lib_error, b);
}

void
scan_end(struct scan_base *b)
{
	practice_ctx_free(&b->pc);
	free(b->def);
	b->def = NULL;
}
