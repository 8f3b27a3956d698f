/*
 * remind.c: the reminders of a caseload (see remind.h), gathered and
 * sorted.  Nothing here prints: render_remind.c does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "record.h"
#include "remind.h"
#include "spool.h"
#include "util.h"

/*
 * A spooled reminder: the urgency and the day, then the client, path,
 * kind and message, each ending in a NUL.
 */
void
remind_item_read(const void *rec, struct remind_item *it)
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

/*
 * The order: open risk flags, reliable deteriorations, then what is
 * overdue, then the rest by day (what is due before what is only to
 * know, on one day), so that the text's groups -- today, ahead -- are
 * each in date order.
 */
static int
rank(enum urgency u)
{
	return u == URG_INFO ? URG_DUE : (int)u;
}

static int
cmp_item(const void *a, size_t alen, const void *b, size_t blen, void *arg)
{
	struct remind_item x, y;
	int c;

	(void)alen;
	(void)blen;
	(void)arg;
	remind_item_read(a, &x);
	remind_item_read(b, &y);
	if (rank(x.urgency) != rank(y.urgency))
		return rank(x.urgency) - rank(y.urgency);
	if (x.day != y.day)
		return x.day < y.day ? -1 : 1;
	if (x.urgency != y.urgency)
		return (int)x.urgency - (int)y.urgency;
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

void
remind_free(struct remind_list *l)
{
	spool_free(&l->sp);
	memset(l, 0, sizeof(*l));
}
