/*
 * remind.h: the reminders of a caseload, gathered, sorted and printed.
 *
 * `ipt remind' loads one client at a time (summary.h), copies its
 * reminders here with the client's id and path, and frees the client
 * before the next: the list holds a few short records per client, never
 * a client's files.  The list sorts by urgency (open risk flags first),
 * then date, then client id and path, then kind (in the order of
 * reminder_kinds) and message.
 */
#ifndef IPT_REMIND_H
#define IPT_REMIND_H

#include <stdio.h>

#include "render.h"
#include "summary.h"

struct remind_item {
	enum urgency	 urgency;
	long		 day;
	char		*client;	/* id */
	char		*path;		/* client directory as walked */
	char		*kind;
	char		*message;
};

struct remind_list {
	struct remind_item *v;
	size_t		 n;
};

/* Copy a client's reminders (a loaded summary) into the list. */
void	 remind_add(struct remind_list *, const struct summary *,
	    const char *path);
void	 remind_sort(struct remind_list *);
/*
 * Print the list as text (FMT_TEXT: "DATE  CLIENT  KIND  MESSAGE", the
 * columns aligned), TSV (FMT_TSV: a header, then urgency, date, client,
 * path, kind, message) or JSON (FMT_JSON: an array of objects with those
 * keys).  An empty list prints nothing as text or TSV and "[]" as JSON.
 */
int	 render_remind(FILE *, const struct remind_list *, enum ipt_format);
void	 remind_free(struct remind_list *);

#endif
