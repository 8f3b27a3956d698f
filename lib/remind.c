/*
 * remind.c: the reminders of a caseload (see remind.h), and their
 * renderer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "record.h"
#include "remind.h"
#include "render.h"
#include "status.h"
#include "util.h"

void
remind_add(struct remind_list *l, const struct summary *s, const char *path)
{
	struct remind_item *it;
	size_t i;

	if (s->nrem == 0)
		return;
	l->v = xreallocarray(l->v, l->n + s->nrem, sizeof(*l->v));
	for (i = 0; i < s->nrem; i++) {
		it = &l->v[l->n++];
		it->urgency = s->rem[i].urgency;
		it->day = s->rem[i].day;
		it->client = xstrdup(s->c.id);
		it->path = xstrdup(path);
		it->kind = xstrdup(s->rem[i].kind);
		it->message = xstrdup(s->rem[i].message);
	}
}

static int
cmp_item(const void *a, const void *b)
{
	const struct remind_item *x = a, *y = b;
	int c;

	if (x->urgency != y->urgency)
		return (int)x->urgency - (int)y->urgency;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if ((c = strcmp(x->client, y->client)) != 0)
		return c;
	if ((c = strcmp(x->path, y->path)) != 0)
		return c;
	if ((c = rec_lookup(reminder_kinds, x->kind) -
	    rec_lookup(reminder_kinds, y->kind)) != 0)
		return c;
	return strcmp(x->message, y->message);
}

void
remind_sort(struct remind_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_item);
}

/* A TSV field: tabs and line ends become spaces. */
static void
tsv_field(FILE *fp, const char *s, int last)
{
	for (; *s != '\0'; s++)
		putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
	putc(last ? '\n' : '\t', fp);
}

static void
text(FILE *fp, const struct remind_list *l)
{
	char day[DATE_LEN];
	size_t i, wc = 0, wk = 0, n;

	for (i = 0; i < l->n; i++) {
		if ((n = utf8_width(l->v[i].client)) > wc)
			wc = n;
		if ((n = strlen(l->v[i].kind)) > wk)
			wk = n;
	}
	for (i = 0; i < l->n; i++) {
		const struct remind_item *it = &l->v[i];

		date_format(it->day, day);
		fprintf(fp, "%s  %s%*s  %-*s  %s\n", day, it->client,
		    (int)(wc - utf8_width(it->client)), "", (int)wk, it->kind,
		    it->message);
	}
}

static void
tsv(FILE *fp, const struct remind_list *l)
{
	char day[DATE_LEN];
	size_t i;

	if (l->n == 0)
		return;
	fputs("urgency\tdate\tclient\tpath\tkind\tmessage\n", fp);
	for (i = 0; i < l->n; i++) {
		const struct remind_item *it = &l->v[i];

		date_format(it->day, day);
		tsv_field(fp, urgency_name(it->urgency), 0);
		tsv_field(fp, day, 0);
		tsv_field(fp, it->client, 0);
		tsv_field(fp, it->path, 0);
		tsv_field(fp, it->kind, 0);
		tsv_field(fp, it->message, 1);
	}
}

static void
kv(FILE *fp, const char *k, const char *v, int comma)
{
	json_str(fp, k);
	fputs(": ", fp);
	json_str(fp, v);
	if (comma)
		fputs(", ", fp);
}

static void
json(FILE *fp, const struct remind_list *l)
{
	char day[DATE_LEN];
	size_t i;

	fputc('[', fp);
	for (i = 0; i < l->n; i++) {
		const struct remind_item *it = &l->v[i];

		date_format(it->day, day);
		fputs(i ? ",\n {" : "\n {", fp);
		kv(fp, "urgency", urgency_name(it->urgency), 1);
		kv(fp, "date", day, 1);
		kv(fp, "client", it->client, 1);
		kv(fp, "path", it->path, 1);
		kv(fp, "kind", it->kind, 1);
		kv(fp, "message", it->message, 0);
		fputc('}', fp);
	}
	fputs(l->n ? "\n]\n" : "]\n", fp);
}

int
render_remind(FILE *fp, const struct remind_list *l, enum ipt_format f)
{
	switch (f) {
	case FMT_TSV:
		tsv(fp, l);
		break;
	case FMT_JSON:
		json(fp, l);
		break;
	default:
		text(fp, l);
		break;
	}
	return 0;
}

void
remind_free(struct remind_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].client);
		free(l->v[i].path);
		free(l->v[i].kind);
		free(l->v[i].message);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
