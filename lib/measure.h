/*
 * measure.h: administered instruments (measures.csv), their change over
 * time, and risk flags with their reviews (risk.csv).
 *
 * Risk flags.  A row of measures.csv whose flags hold "risk" (a risk item
 * of the instrument reached its threshold) is a flag.  It stays open
 * until the clinician reviews it (ipt risk review): the row's flags then
 * hold "reviewed", and a row of risk.csv holds the review's date and
 * note, naming the instrument and the flagged date.  A later
 * administration with every risk item below its threshold does not
 * close it: it is context, not a review.  ipt risk review writes one row
 * per open flag, so a positive answer recorded afterwards on a later day
 * opens a new flag.  A total recorded alone (--total) opens no flag: its
 * items are unknown.
 */
#ifndef IPT_MEASURE_H
#define IPT_MEASURE_H

#include <stddef.h>

#include "csvt.h"
#include "date.h"
#include "instrument.h"
#include "rhythm.h"

/* One administration to record (ipt measure add). */
struct measure_input {
	const char	*instrument;
	const char	*date;		/* NULL: today, or the session's day */
	const char	*session;	/* NULL: the latest session held that day */
	char *const	*items;		/* answers, one per item */
	size_t		 nitems;
	const char	*total;		/* the total alone, instead of items */
	int		 positions;	/* items are answer positions, not scores */
	/*
	 * An instrument with a [rhythm] (srm5): times set, each item is the
	 * week's clock times of an activity, scored to hits (rhythm.h);
	 * occurrences given, the hits given are checked against these counts.
	 */
	int		 times;
	const char	*occurrences;
	/*
	 * The client's focus, primary and secondary ("" or NULL: none): an
	 * instrument with [areas] (the IPOS) rates the focus areas only, so
	 * its items of the other areas must be NA, and those of the focus
	 * must not be.
	 */
	const char	*focus[2];
};

/* What measure_add() recorded. */
struct measure_added {
	char		 date[DATE_LEN];
	long		 session;	/* 0 if none */
	const struct instrument *in;
	struct instr_result res;
	struct rhythm_act *act;		/* with times: one per item, or NULL */
};

/*
 * Score an administration and add it to dir's measures.csv, in date order,
 * under the directory lock.  A bad value given is a usage error and
 * nothing is written.
 */
int	 measure_add(const char *dir, const struct instr_set *,
	    const struct measure_input *, struct measure_added *);
void	 measure_added_free(struct measure_added *);
/*
 * Put a scored administration in a loaded measures table, in date order
 * (after the rows of its day), flagged "risk" when a risk item is
 * positive: what measure_add() and measure_import() record.
 */
void	 measure_put(struct csv_table *measures, const char *date,
	    long session, const struct instrument *,
	    const struct instr_result *);

/*
 * The line of the row of measures that records this administration
 * already (the same day, instrument, items and total), or 0: an
 * administration is recorded once.  ipt measure add and import refuse
 * it, so that a row check calls a duplicate is never made by ipt.
 */
size_t	 measure_recorded(const struct csv_table *measures, const char *date,
	    const struct instrument *, const struct instr_result *);
/* 1 if rows i and j of measures record one administration, by that rule. */
int	 measure_same(const struct csv_table *measures, size_t i, size_t j);

/* The number of the latest session held on a day of sessions.csv, or 0. */
long	 measure_session_on(const struct csv_table *sessions, const char *date);

/* Change of one instrument from its first to its last administration. */
struct measure_change {
	const char	*instrument;
	const struct instrument *in;	/* NULL when no definition is known */
	size_t		 n;		/* administrations */
	size_t		 first, last;	/* their rows in the table */
	long		 baseline, latest, delta;	/* scaled, as in->scale */
	int		 direction;	/* +1 improved, -1 worsened, 0 same */
	int		 response;	/* 1 yes, 0 no, -1 not defined */
	int		 remission;	/* 1 yes, 0 no, -1 not defined */
	int		 reliable;	/* +1 improved, -1 worsened, 0 not, -2 n/a */
	char		 change[32];	/* "-9", "+0.50"; "" with one row */
	char		 pct[32];	/* "-50%"; "" if undefined */
};

/*
 * Compute the change of instrument `name' (definition `in', may be NULL)
 * from a loaded measures table.  n is 0 when it was never given.  Response
 * is a fall (or, for a higher-is-better scale, a rise) of at least the
 * instrument's percentage from a non-zero baseline; remission is the
 * instrument's rule applied to the latest score; reliable change is a
 * difference of at least the instrument's threshold (Jacobson-Truax:
 * more than 1.96 times the standard error of the difference).  With
 * fewer than two administrations none of them is defined.
 */
int	 measure_change(const struct csv_table *, const char *name,
	    const struct instrument *in, struct measure_change *);
/* "yes", "no" or "" for response and remission. */
const char *measure_yesno(int);
/* "improved", "worsened", "unchanged"; "" when n < 2. */
const char *measure_direction(const struct measure_change *);
/* "improved", "worsened", "no change", or "" when not defined. */
const char *measure_reliable(const struct measure_change *);
/*
 * The instrument's reliable-change criterion in words, into buf: "6" (a
 * difference of at least reliable_change points) or "> 5.23" (more than
 * the Jacobson-Truax criterion); "" when it has none.
 */
void	 measure_criterion(const struct instrument *, char *buf, size_t len);

/*
 * What the stored items of an administration give besides its total:
 * the subscale scores ("intrusion 9, avoidance 4, ...") appended to subs
 * and the criterion ("dsm5-ptsd met", "... not met", "... not known")
 * to crit; nothing when the instrument has none, the items are empty
 * (total only) or do not score (a row check reports).
 */
void	 measure_derived(const struct instrument *, const char *items,
	    struct buf *subs, struct buf *crit);
/*
 * Add to a measures table the columns `subscales' and `criterion' that
 * measure_derived() gives each row (measure list).
 */
void	 measure_add_derived(struct csv_table *, const struct instr_set *);

/* A risk flag: one flagged administration. */
struct risk_flag {
	char		 date[DATE_LEN];
	long		 session;	/* 0 if none */
	char		*instrument;
	char		*detail;	/* "item 9 = 2" */
	char		*total;		/* as stored */
	size_t		 row;		/* in measures.csv */
	size_t		 line;		/* its line there, 0 if new */
	int		 open;
	char		 closed_on[DATE_LEN];	/* "" while open */
	const char	*closed_by;	/* "review" or "" */
	long		 review;	/* its review's row in risk.csv, or -1 */
};

/*
 * The risk flags of loaded measures and risk tables, in date order: the
 * open ones, or all of them.  set may be NULL (details are then "risk").
 * Never filtered by anything but openness.
 */
int	 risk_flags(const struct csv_table *measures,
	    const struct csv_table *risk, const struct instr_set *, int all,
	    struct risk_flag **, size_t *);
/* The open flags of a client directory (reads measures.csv and risk.csv). */
int	 risk_open_flags(const char *dir, const struct instr_set *,
	    struct risk_flag **, size_t *);
void	 risk_flags_free(struct risk_flag *, size_t);

/*
 * Where the clinician's risk assessment stands, from risk.csv: the level
 * the latest review that gave one gave (a later review without a level
 * keeps it), and the next review the latest review asked for (a later
 * review without --next has done it).  Rows are read in date order, the
 * file's order among rows of one day.
 */
struct risk_state {
	char		 last[DATE_LEN];	/* the latest review; "" if none */
	char		 level[16];	/* none|low|moderate|high, or "" */
	char		 level_on[DATE_LEN];	/* the review that gave it */
	char		 next[DATE_LEN];	/* follow-up review due; "" if none */
	size_t		 level_row;	/* its row in risk.csv */
	size_t		 level_line;	/* its line there */
};
void	 risk_state(const struct csv_table *risk, struct risk_state *);

/* One review to record (ipt risk review); NULL for an option not given. */
struct risk_review_input {
	const char	*date;		/* NULL: today */
	const char	*note;
	const char	*level;		/* none|low|moderate|high */
	const char	*safety_plan;	/* agreed|updated|declined|n/a */
	const char	*next;		/* the next review's date, after date */
};

/*
 * Record the clinician's review of every flag open on `date': one row of
 * risk.csv per instrument and day flagged, each with the level, safety
 * plan and next review given.  With no flag open it records a follow-up
 * review (one row naming no flag) if a level or a next review is given
 * or one is pending (risk_state()); otherwise it fails, writing nothing.
 * The flags reviewed are returned (none for a follow-up).
 */
int	 risk_review(const char *dir, const struct instr_set *,
	    const struct risk_review_input *, struct risk_flag **, size_t *);

#endif
