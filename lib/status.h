/*
 * status.h: the renderer of `ipt status'.
 */
#ifndef IPT_STATUS_H
#define IPT_STATUS_H

#include <stdio.h>

#include "render.h"
#include "summary.h"

/* text (FMT_TEXT) or JSON (FMT_JSON). */
int		 render_status(FILE *, const struct summary *, enum ipt_format);
const char	*urgency_name(enum urgency);
/*
 * The member "reminders" of a JSON document (status and report): an array
 * of {urgency, date, kind, message}, one a line.
 */
struct json_w;
void		 json_reminders(struct json_w *, const struct summary *);

#endif
