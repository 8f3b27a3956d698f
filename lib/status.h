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
/*
 * The member "deterioration" (status and report): an array of
 * {instrument, baseline_date, baseline, latest_date, latest, change,
 * reliable_criterion, better}, one per reliable deterioration.
 */
void		 json_deterioration(struct json_w *, const struct summary *);
/* The episodes that ended (summary.h), as status and report give them. */
void		 json_episodes(struct json_w *, const struct summary *);

#endif
