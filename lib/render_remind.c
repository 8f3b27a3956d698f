/*
 * render_remind.c: the renderer of `ipt remind': the reminders remind.c
 * gathered, as aligned text, TSV or JSON.
 */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "escape.h"
#include "json.h"
#include "remind.h"
#include "render.h"
#include "spool.h"
#include "status.h"
#include "util.h"

/* A TSV field (csv_safe_cell()). */
static void
tsv_field(FILE *fp, const char *s, int last)
{
	csv_safe_cell(fp, s, '\t');
	putc(last ? '\n' : '\t', fp);
}

/*
 * The group of a reminder in the text, each under a heading: the open
 * risk flags first (always), then the reliable deteriorations (protocol.c),
 * then what is overdue, what is due today
 * and what is ahead; dates sorted within each (remind.c sorts by
 * urgency, then day).
 */
static const char *
group(const struct remind_item *it, long today)
{
	switch (it->urgency) {
	case URG_RISK:
		return "open risk, to review first:";
	case URG_ALERT:
		return "reliable deterioration, not on track:";
	case URG_OVERDUE:
		return "overdue:";
	default:
		return it->day <= today ? "today:" : "ahead:";
	}
}

static void
text(FILE *fp, const struct remind_list *l, const struct remind_item *it)
{
	char day[DATE_LEN];

	date_format(it->day, day);
	fprintf(fp, "%s  %s%*s  %-*s  %s\n", day, esc(it->client),
	    (int)(l->wclient - utf8_width(it->client)), "", (int)l->wkind,
	    it->kind, esc(it->message));
}

static void
tsv(FILE *fp, const struct remind_item *it)
{
	char day[DATE_LEN];

	date_format(it->day, day);
	tsv_field(fp, urgency_name(it->urgency), 0);
	tsv_field(fp, day, 0);
	tsv_field(fp, it->client, 0);
	tsv_field(fp, esc(it->path), 0);
	tsv_field(fp, it->kind, 0);
	tsv_field(fp, it->message, 1);
}

static void
kv(struct json_w *w, const char *k, const char *v)
{
	jw_key(w, k);
	jw_str(w, v);
}

static void
json(struct json_w *w, const struct remind_item *it)
{
	char day[DATE_LEN];

	date_format(it->day, day);
	jw_gap(w, "\n ");
	jw_obj(w);
	kv(w, "urgency", urgency_name(it->urgency));
	kv(w, "date", day);
	kv(w, "client", it->client);
	kv(w, "path", it->path);
	kv(w, "kind", it->kind);
	kv(w, "message", it->message);
	jw_end(w);
}

int
render_remind(FILE *fp, struct remind_list *l, enum ipt_format f)
{
	struct remind_item it;
	struct json_w w;
	const void *rec;
	const char *g, *shown = NULL;
	size_t len;
	long today;
	int rc;

	if (spool_sort(&l->sp) == -1 || date_today(&today) == -1)
		return -1;
	if (f == FMT_TSV && l->n > 0)
		fputs("urgency\tdate\tclient\tpath\tkind\tmessage\n", fp);
	else if (f == FMT_JSON) {
		jw_file(&w, fp);
		jw_arr(&w);
	}
	while ((rc = spool_next(&l->sp, &rec, &len)) == 1) {
		remind_item_read(rec, &it);
		if (f == FMT_TSV)
			tsv(fp, &it);
		else if (f == FMT_JSON)
			json(&w, &it);
		else {
			/* An URG_INFO of today sorts after the due ones. */
			if (shown == NULL || strcmp(g = group(&it, today),
			    shown) != 0) {
				g = group(&it, today);
				fprintf(fp, "%s%s\n", shown != NULL ? "\n" : "",
				    g);
				shown = g;
			}
			text(fp, l, &it);
		}
	}
	if (f == FMT_JSON) {
		jw_gap(&w, "\n");
		jw_end(&w);
		jw_out(&w, "\n");
	}
	if (rc == -1)
		return -1;
	return ferror(fp) ? ipt_seterrno("standard output") : 0;
}
