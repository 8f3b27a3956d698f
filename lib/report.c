/*
 * report.c: the report of one client, as text, Markdown, HTML or JSON
 * (see report.h): the entry points.  The report is rendered into memory
 * and written out with the blanks at the ends of lines cut.  The other
 * report*.c files are listed in report_int.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "client.h"
#include "report.h"
#include "report_int.h"
#include "util.h"

/*
 * Entry points.
 */

static int
render_mem(struct doc *d, FILE *out)
{
	char *mem = NULL, *p, *nl, *e;
	size_t len = 0;
	FILE *fp;

	if ((fp = open_memstream(&mem, &len)) == NULL)
		return ipt_seterrno("report: cannot allocate");
	d->fp = fp;
	if (d->f == FMT_JSON)
		report_json(d);
	else
		report_human(d);
	if (fclose(fp) == EOF) {
		free(mem);
		return ipt_seterrno("report: cannot allocate");
	}
	/* Write it out, trimming blanks at the ends of lines. */
	for (p = mem; p < mem + len; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(mem + len - p))) == NULL)
			nl = mem + len;
		for (e = nl; e > p && e[-1] == ' '; e--)
			;
		fwrite(p, 1, (size_t)(e - p), out);
		if (nl < mem + len)
			putc('\n', out);
	}
	free(mem);
	return ferror(out) ? ipt_seterrno("report: write") : 0;
}

int
render_report(FILE *out, const struct summary *s, const struct instr_set *set,
    enum ipt_format f)
{
	struct doc d;
	int rc;

	memset(&d, 0, sizeof(d));
	d.s = s;
	d.set = set;
	d.f = f == FMT_MD || f == FMT_HTML || f == FMT_JSON ? f : FMT_TEXT;
	report_build(&d);
	rc = render_mem(&d, out);
	report_model_free(&d);
	return rc;
}

int
output_target(const char *opt, const char *path, char **dir, char **name)
{
	const char *slash = strrchr(path, '/');
	char *client;

	*dir = *name = NULL;
	if (*path == '\0')
		return ipt_setusage("%s: empty path", opt);
	if (slash == NULL) {
		*dir = xstrdup(".");
		*name = xstrdup(path);
	} else {
		*dir = slash == path ? xstrdup("/") :
		    xstrndup(path, (size_t)(slash - path));
		*name = xstrdup(slash + 1);
	}
	if (**name == '\0' || strcmp(*name, ".") == 0 ||
	    strcmp(*name, "..") == 0) {
		ipt_setusage("%s: '%s' names a directory, not a file", opt,
		    path);
		goto bad;
	}
	if (client_find(*dir, &client) == 0) {
		ipt_setusage("%s: '%s' is inside the client directory %s; "
		    "write it outside the records", opt, path, client);
		free(client);
		goto bad;
	}
	return 0;
bad:
	free(*dir);
	free(*name);
	*dir = *name = NULL;
	return -1;
}

struct write_arg {
	const struct summary	*s;
	const struct instr_set	*set;
	enum ipt_format		 f;
};

static int
fill(FILE *fp, void *arg)
{
	struct write_arg *w = arg;

	return render_report(fp, w->s, w->set, w->f);
}

int
report_write(const char *path, const struct summary *s,
    const struct instr_set *set, enum ipt_format f)
{
	struct write_arg w = { s, set, f };
	char *dir, *name;
	int rc;

	if (output_target("--output", path, &dir, &name) == -1)
		return -1;
	rc = atomic_replace(dir, name, fill, NULL, &w);
	free(dir);
	free(name);
	return rc;
}
