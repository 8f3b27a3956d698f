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
#include "spool.h"
#include "status.h"
#include "util.h"

/*
 * A spooled reminder: the urgency and the day, then the client, path,
 * kind and message, each ending in a NUL.
 */
static void
unpack(const void *rec, struct remind_item *it)
{
	const char *p = rec;
	long day;

	it->urgency = (enum urgency)(unsigned char)*p++;
	memcpy(&day, p, sizeof(day));
	it->day = day;
	p += sizeof(day);
	it->client = p;
	p += strlen(p) + 1;
	it->path = p;
	p += strlen(p) + 1;
	it->kind = p;
	p += strlen(p) + 1;
	it->message = p;
}

static int
cmp_item(const void *a, size_t alen, const void *b, size_t blen, void *arg)
{
	struct remind_item x, y;
	int c;

	(void)alen;
	(void)blen;
	(void)arg;
	unpack(a, &x);
	unpack(b, &y);
	if (x.urgency != y.urgency)
		return (int)x.urgency - (int)y.urgency;
	if (x.day != y.day)
		return x.day < y.day ? -1 : 1;
	if ((c = strcmp(x.client, y.client)) != 0)
		return c;
	if ((c = strcmp(x.path, y.path)) != 0)
		return c;
	if ((c = rec_lookup(reminder_kinds, x.kind) -
	    rec_lookup(reminder_kinds, y.kind)) != 0)
		return c;
	return strcmp(x.message, y.message);
}

void
remind_begin(struct remind_list *l)
{
	memset(l, 0, sizeof(*l));
	spool_init(&l->sp, cmp_item, NULL, spool_budget());
}

int
remind_add(struct remind_list *l, const struct summary *s, const char *path)
{
	struct buf b = { 0 };
	size_t i, w;
	long day;
	int rc = 0;

	for (i = 0; i < s->nrem && rc == 0; i++) {
		buf_reset(&b);
		buf_addc(&b, (int)s->rem[i].urgency);
		day = s->rem[i].day;
		buf_add(&b, (const char *)&day, sizeof(day));
		buf_add(&b, s->c.id, strlen(s->c.id) + 1);
		buf_add(&b, path, strlen(path) + 1);
		buf_add(&b, s->rem[i].kind, strlen(s->rem[i].kind) + 1);
		buf_add(&b, s->rem[i].message, strlen(s->rem[i].message) + 1);
		if ((rc = spool_add(&l->sp, b.s, b.len)) == 0)
			l->n++;
		if ((w = strlen(s->rem[i].kind)) > l->wkind)
			l->wkind = w;
	}
	if (s->nrem > 0 && (w = utf8_width(s->c.id)) > l->wclient)
		l->wclient = w;
	buf_free(&b);
	return rc;
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
text(FILE *fp, const struct remind_list *l, const struct remind_item *it)
{
	char day[DATE_LEN];

	date_format(it->day, day);
	fprintf(fp, "%s  %s%*s  %-*s  %s\n", day, it->client,
	    (int)(l->wclient - utf8_width(it->client)), "", (int)l->wkind,
	    it->kind, it->message);
}

static void
tsv(FILE *fp, const struct remind_item *it)
{
	char day[DATE_LEN];

	date_format(it->day, day);
	tsv_field(fp, urgency_name(it->urgency), 0);
	tsv_field(fp, day, 0);
	tsv_field(fp, it->client, 0);
	tsv_field(fp, it->path, 0);
	tsv_field(fp, it->kind, 0);
	tsv_field(fp, it->message, 1);
}

static void
json(FILE *fp, const struct remind_item *it, size_t i)
{
	char day[DATE_LEN];

	date_format(it->day, day);
	fputs(i ? ",\n {" : "\n {", fp);
	json_kv(fp, "urgency", urgency_name(it->urgency), 1);
	json_kv(fp, "date", day, 1);
	json_kv(fp, "client", it->client, 1);
	json_kv(fp, "path", it->path, 1);
	json_kv(fp, "kind", it->kind, 1);
	json_kv(fp, "message", it->message, 0);
	fputc('}', fp);
}

int
render_remind(FILE *fp, struct remind_list *l, enum ipt_format f)
{
	struct remind_item it;
	const void *rec;
	size_t len, i = 0;
	int rc;

	if (spool_sort(&l->sp) == -1)
		return -1;
	if (f == FMT_TSV && l->n > 0)
		fputs("urgency\tdate\tclient\tpath\tkind\tmessage\n", fp);
	else if (f == FMT_JSON)
		fputc('[', fp);
	while ((rc = spool_next(&l->sp, &rec, &len)) == 1) {
		unpack(rec, &it);
		if (f == FMT_TSV)
			tsv(fp, &it);
		else if (f == FMT_JSON)
			json(fp, &it, i);
		else
			text(fp, l, &it);
		i++;
	}
	if (f == FMT_JSON)
		fputs(i ? "\n]\n" : "]\n", fp);
	if (rc == -1)
		return -1;
	return ferror(fp) ? ipt_seterrno("standard output") : 0;
}

void
remind_free(struct remind_list *l)
{
	spool_free(&l->sp);
	memset(l, 0, sizeof(*l));
}
