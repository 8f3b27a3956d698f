/*
 * remind.h: the reminders of a caseload, gathered, sorted and printed.
 *
 * `ipt remind' loads one client at a time (summary.h), copies its
 * reminders here with the client's id and path, and frees the client
 * before the next: the list holds a few short records per client, never
 * a client's files, and spools them past a memory budget.  The list
 * sorts by urgency (open risk flags first, then reliable deteriorations),
 * then date, then client id and path, then kind (in the order of
 * reminder_kinds) and message.
 */
#ifndef IPT_REMIND_H
#define IPT_REMIND_H

#include <stdio.h>

#include "render.h"
#include "spool.h"
#include "summary.h"

/* A reminder as read back from the list. */
struct remind_item {
	enum urgency	 urgency;
	long		 day;
	const char	*client;	/* id */
	const char	*path;		/* client directory as walked */
	const char	*kind;
	const char	*message;
};

/*
 * The reminders gathered, in a spool (spool.h): the list's memory does
 * not grow with the caseload.  The widths of the text columns are kept
 * as reminders come.
 */
struct remind_list {
	struct spool	 sp;
	size_t		 n;
	size_t		 wclient, wkind;
};

void	 remind_begin(struct remind_list *);
/* Add a client's reminders (a loaded summary); -1 if the spool fails. */
int	 remind_add(struct remind_list *, const struct summary *,
	    const char *path);
/* A reminder as the spool holds it, read back. */
void	 remind_item_read(const void *rec, struct remind_item *);

/*
 * Sort and print the list (render_remind.c) as text (FMT_TEXT: "DATE
 * CLIENT  KIND  MESSAGE", the columns aligned, in groups under headings:
 * open risk, reliable deterioration, overdue, today, ahead), TSV (FMT_TSV: a header,
 * then urgency, date, client, path, kind, message) or JSON (FMT_JSON: an
 * array of objects with those keys).  An empty list prints nothing as text or TSV
 * and "[]" as JSON.
 */
int	 render_remind(FILE *, struct remind_list *, enum ipt_format);
void	 remind_free(struct remind_list *);

#endif
