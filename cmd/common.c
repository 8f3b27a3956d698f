/*
 * common.c: helpers shared by the commands: error and usage printing,
 * verb dispatch, and opening the client in hand.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseload.h"
#include "cmd.h"
#include "date.h"
#include "record.h"
#include "util.h"

int
fail(void)
{
	fprintf(stderr, "ipt: %s\n", ipt_error());
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
bad_option(const char *const *lines)
{
	/* getopt_long has said what was wrong; add the usage. */
	return usage(2, lines);
}

int
run_verb(int argc, char **argv, const struct subcmd *verbs,
    const char *const *lines)
{
	size_t i;
	char *name;
	int rc;

	if (argc < 2)
		return usage(2, lines);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		return usage(0, lines);
	for (i = 0; verbs[i].name != NULL; i++)
		if (strcmp(argv[1], verbs[i].name) == 0) {
			/* getopt_long names argv[0] in its messages. */
			name = xasprintf("%s %s", argv[0], argv[1]);
			argv[1] = name;
			rc = verbs[i].fn(argc - 1, argv + 1);
			free(name);
			return rc;
		}
	fprintf(stderr, "%s: '%s' is not a verb; try one of:", argv[0],
	    argv[1]);
	for (i = 0; verbs[i].name != NULL; i++)
		fprintf(stderr, " %s", verbs[i].name);
	putc('\n', stderr);
	return 2;
}

int
open_client(struct client *c)
{
	char *dir;
	int rc;

	if (client_find(".", &dir) == -1)
		return -1;
	rc = client_open(c, dir);
	free(dir);
	return rc;
}

int
get_format(const char *s, unsigned allowed, enum ipt_format *f)
{
	return format_parse(s, allowed, f);
}

int
format_only(int argc, char **argv, unsigned allowed, enum ipt_format *f,
    const char *const *lines)
{
	static const struct option with[] = {
		{ "format",	required_argument,	NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", allowed ? with : with + 1,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (format_parse(optarg, allowed, f) == -1)
				return fail();
			break;
		case 'h':
			usage(0, lines);
			return -1;
		default:
			return bad_option(lines);
		}
	}
	return 0;
}

int
open_records(struct client *c, enum rec_file kind, struct csv_table *t)
{
	if (open_client(c) == -1)
		return -1;
	if (rec_load(c->dir, kind, t) == -1) {
		client_close(c);
		return -1;
	}
	return 0;
}

int
list_records(int argc, char **argv, const char *const *lines,
    enum rec_file kind, void (*sort)(struct csv_table *),
    const char *const *table_cols)
{
	enum ipt_format f = FMT_TABLE;
	struct csv_table t;
	struct client c;
	int rc;

	if ((rc = format_only(argc, argv, LIST_FORMATS, &f, lines)) != 0)
		return rc < 0 ? 0 : rc;
	if (optind != argc)
		return usage(2, lines);
	if (open_records(&c, kind, &t) == -1)
		return fail();
	if (sort != NULL)
		sort(&t);
	if (render_table(stdout, &t, f, f == FMT_TABLE ? table_cols :
	    NULL) == -1) {
		ipt_seterrno("standard output");
		rc = fail();
	}
	csv_free_table(&t);
	client_close(&c);
	return rc;
}

void
scan_error(const char *msg, void *arg)
{
	struct scan_base *b = arg;

	fprintf(stderr, "ipt: %s\n", msg);
	b->errors++;
}

void
scan_lib_error(void *arg)
{
	struct scan_base *b = arg;

	fprintf(stderr, "ipt: %s\n", ipt_error());
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
