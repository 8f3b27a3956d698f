/*
 * rhythm.h: the Social Rhythm Metric scored from the clock times of a
 * week (IPSRT; Monk et al. 1990, 1997, 2002).
 *
 * An instrument with a [rhythm] section (srm5) has one item per daily
 * activity, whose score is the week's hits of that activity.  Given the
 * clock times at which each activity took place, an activity done at
 * least `qualify' times (3) has a habitual time, the mean of its times
 * on the clock's circle, and each of its times within `window' minutes
 * (45) of it, either side, is a hit; an activity done fewer times is NA.
 * The week has as many days as an item's highest score (7).
 *
 * The habitual time is the circular mean in the least-squares sense
 * (the Frechet mean on the 24-hour circle): of the n ways to read the
 * sorted times on a line that starts just after one of them, the one
 * whose times lie closest together (least variance) is taken, and its
 * arithmetic mean.  So 23:50 and 00:20 are 30 minutes apart and their
 * mean is 00:05; times that do not straddle midnight have their ordinary
 * mean.  A tie (times spread evenly round the clock) takes the candidate
 * mean earliest after midnight.  Everything is integer arithmetic: the
 * mean is kept as the exact fraction sum / n minutes, never rounded for
 * the hits; a time exactly `window' minutes from it is a hit.  It is
 * rounded to the minute (half up) only to be shown.  No time is dropped
 * as an outlier before the mean is taken.
 */
#ifndef IPT_RHYTHM_H
#define IPT_RHYTHM_H

#include <stddef.h>

#include "instrument.h"

#define RHYTHM_MAXDAYS	31	/* the longest week a definition may have */
#define RHYTHM_DAY	1440	/* minutes */

/* One activity over the week. */
struct rhythm_act {
	size_t	 n;			/* occurrences */
	long	 t[RHYTHM_MAXDAYS];	/* their times, minutes after 00:00 */
	int	 na;			/* done fewer than `qualify' times */
	long	 sum;			/* habitual time = sum / n minutes,
					   0 <= sum < n * RHYTHM_DAY */
	long	 habit;			/* it, rounded to a minute; -1 if NA */
	long	 hits;			/* 0 if NA */
};

/*
 * Score one activity whose times are set (n and t): habitual time and
 * hits under the rule (window in minutes, qualify occurrences).
 */
void	 rhythm_score(long window, long qualify, struct rhythm_act *);

/*
 * Read one item's week as typed from the diary: times H:MM or HH:MM
 * (00:00 to 23:59) and "-" for a day it was not done, separated by
 * commas, at most as many as the week has days ("-" alone: never done).
 * Item is 0-based; a bad value is a usage error naming `opt' and the
 * item.  Then score it under the instrument's rule.
 */
int	 rhythm_parse(const struct instrument *, const char *opt, size_t item,
	    const char *week, struct rhythm_act *);

/*
 * Check hits given by hand against the occurrences of each activity, a
 * comma-separated list of counts, one per item (--occurrences): every
 * count is at most the days of the week, every item's hits at most its
 * count, and an item is NA exactly when its count is below `qualify'.
 * items are the answers as given ("5", "NA").  A usage error names opt.
 */
int	 rhythm_check_hits(const struct instrument *, const char *opt,
	    const char *occurrences, char *const *items, size_t nitems);

/* "07:05" for a minute of the day. */
void	 rhythm_fmt(long minute, char out[6]);

#endif
