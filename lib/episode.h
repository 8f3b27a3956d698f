/*
 * episode.h: the episodes of treatment of a client.
 *
 * A client who comes back after an ended therapy starts a new episode
 * (ipt plan --status active after ended, client.c).  Session numbers
 * keep counting over every episode; what starts again is the course:
 * the place in the plan, the phases, due dates, attendance and weeks in
 * treatment are counted over the episode's own sessions.  episodes.csv
 * holds one row per closed episode (absent: the client is in episode
 * 1); client.ini [client] episode names the current one and its start
 * is the current episode's start.
 *
 * A row dated day belongs to the closed episode whose end is the first
 * at or after day, or, after the last closed end, to the current one.
 * A day after an episode's end and before the next one's start is in
 * the gap between them: ipt check reports a session dated there.
 */
#ifndef IPT_EPISODE_H
#define IPT_EPISODE_H

#include <stddef.h>

#include "csvt.h"

#define EPISODES_FILE	"episodes.csv"

struct episode {
	long		 num;		/* 1, 2, ... */
	long		 start;		/* its first day */
	long		 end;		/* its last day; -1: the current one */
	long		 after;		/* the end of the one before, or -1 */
	size_t		 row;		/* in episodes.csv (closed ones) */
	size_t		 line;		/* there; 0 for the current one */
};

struct episodes {
	struct episode	*v;		/* the closed ones, the current last */
	size_t		 n;		/* at least 1 */
};

/*
 * The episodes from episodes.csv's table t (NULL or empty: none
 * closed) and the current episode's number and start (client.ini).
 * -1 with "episodes.csv:LINE: COLUMN: why" if a row is out of order
 * (its number, a start after its end, a start not after the end of
 * the one before), or "client.ini: [client] episode|start: why" if the
 * current episode does not follow the last closed one.
 */
int	 episodes_read(const struct csv_table *t, long current, long start,
	    struct episodes *);
void	 episodes_free(struct episodes *);
/* The index in e->v of the episode day belongs to (see above). */
size_t	 episode_at(const struct episodes *, long day);
/* Is day in the gap before episode i (after the end of i - 1)? */
int	 episode_gap(const struct episodes *, size_t i, long day);
/* The last closed episode's end, or -1: what the current one is after. */
long	 episodes_since(const struct csv_table *t);
/*
 * Does a row dated day (-1: no valid date, kept in the current one)
 * belong to episode e: after its `after', up to its end?
 */
int	 episode_has(const struct episode *, long day);
/*
 * dst: a new table of src's columns and its rows whose `col' (a date)
 * falls in episode e (after its `after', up to its end), their lines
 * kept; a row without a valid date is kept in the current episode.
 */
void	 episode_rows(const struct csv_table *src, const char *col,
	    const struct episode *e, struct csv_table *dst);

#endif
