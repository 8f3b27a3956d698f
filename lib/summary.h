/*
 * summary.h: where a client's therapy stands, and what is due.
 *
 * summary_load() reads a client directory once (client.ini and every
 * record file) and derives what status, ls, remind and report show: the
 * sessions held of the plan and the current phase, when the next session
 * is due, the focus, the inventory, goals and relapse plan, each
 * instrument's baseline and latest score and change, the open risk
 * flags, and the reminders the protocol gives.  Nothing is written.
 */
#ifndef IPT_SUMMARY_H
#define IPT_SUMMARY_H

#include <stddef.h>

#include "client.h"
#include "csvt.h"
#include "episode.h"
#include "date.h"
#include "instrument.h"
#include "measure.h"

struct variant;

/* How a row of measures.csv stands as to risk (report charts). */
enum {
	RISK_MARK_NONE,
	RISK_MARK_OPEN,		/* a flag not reviewed */
	RISK_MARK_REVIEWED,	/* reviewed, level not high */
	RISK_MARK_HIGH		/* reviewed, the review's level high */
};

enum urgency {
	URG_RISK,		/* an open risk flag: always first */
	URG_ALERT,		/* a reliable deterioration: not on track */
	URG_OVERDUE,
	URG_DUE,
	URG_INFO
};

/* Reminder kinds, in the order they sort among equals. */
extern const char *const reminder_kinds[];

struct reminder {
	enum urgency	 urgency;
	long		 day;		/* when it is or was due */
	char		*kind;		/* session-due, risk-open, ... */
	char		*message;
};

/* An open risk flag (see measure.h for when a flag opens and closes). */
struct risk_open {
	char		 date[DATE_LEN];
	long		 session;	/* 0 if none */
	char		*instrument;
	char		*detail;	/* "item 9 = 2" */
	size_t		 line;		/* in measures.csv */
};

/* One instrument's course. */
struct course {
	char		*instrument;
	size_t		 n;		/* administrations */
	char		 first_date[DATE_LEN], last_date[DATE_LEN];
	char		*first_total, *last_total;	/* as stored */
	char		*first_band, *last_band;
	long		 last_session;
	char		*change;	/* "-9", "" if only one */
	char		*pct;		/* "-56%" */
	char		*response;	/* "yes", "no", "" when not defined */
	char		*remission;
	char		*reliable;	/* "improved", "worsened", "no change", "" */
	char		*last_subscales; /* of the latest: "intrusion 9, ..." */
	char		*last_criterion; /* "dsm5-ptsd met", or "" */
	char		*reliable_criterion; /* measure_criterion(): "6", "" */
	int		 higher_better;
	int		 deteriorated;	/* protocol_deteriorated() */
};

struct buf;
/*
 * A reliable deterioration in words, as status, report and the
 * reminder say it: "phq9 8 -> 15 (+7, reliable change 6) from
 * 2026-09-01 to 2026-10-20", with ", higher is better" after the
 * criterion for an instrument whose fall is the worsening.
 */
void	 summary_deterioration(struct buf *, const struct course *);

/* An episode of treatment that ended (episode.h), told apart. */
struct past_episode {
	long		 num;
	char		 start[DATE_LEN], end[DATE_LEN];
	const char	*reason, *variant, *primary, *secondary;
	long		 planned, frequency;
	long		 held, cancelled, noshow, outside;
	long		 weeks;		/* from its start to its end */
	struct course	*course;	/* its measures' courses */
	size_t		 ncourse;
};

struct summary {
	struct client	 c;
	const struct variant *v;
	struct csv_table sessions, measures, inventory, timeline, goals;
	struct csv_table focus, relapse, risk;
	struct csv_table appts;		/* appointments.csv */
	struct csv_table sigs, addenda;	/* signatures.csv, addenda.csv */
	struct csv_table formulation;	/* formulation.csv */
	struct csv_table episodes;	/* episodes.csv */
	struct episodes	 eps;		/* the closed ones, the current last */
	/*
	 * The rows of the current episode: what the course is counted
	 * over (the tables above when the client is in episode 1).
	 */
	const struct csv_table *esess, *emeas, *efocus;
	struct csv_table ep_sess, ep_meas, ep_focus;
	struct past_episode *past;	/* the episodes that ended, in order */
	size_t		 npast;
	long		 today;
	long		 held, cancelled, noshow;
	long		 outside;	/* held of a kind that uses no place
					   in the plan (IPT-A parent) */
	long		 last_held;	/* number of the last session held */
	long		 last_day;	/* its day, or -1 */
	long		 last_contact;	/* day of the last session held or
					   cancelled, or measure given; -1 */
	long		 next_number;	/* ordinal of the next session held */
	long		 next_row;	/* the number it will have in sessions.csv */
	const char	*phase;		/* phase of the last session held, or "" */
	const char	*next_phase;	/* phase of the next session */
	long		 next_due;	/* day, or -1 when none is due */
	long		 end_day;	/* end of treatment (ended_on; for an
					   ended client without one, the last
					   session held); -1 while in it */
	long		 weeks;		/* in treatment, from start to today
					   or to the end */
	char		**errors;	/* "measures.csv:4: ...": rows the
					   entry rules (entry.h) refuse, left
					   out of what is derived */
	size_t		 nerrors;
	long		 people;	/* in the inventory */
	long		 open_goals;
	struct course	*course;
	size_t		 ncourse;
	struct risk_open *risk_open;
	size_t		 nrisk;
	struct risk_state risk_st;	/* the level in force, next review */
	int		 risk_high;	/* that level is high */
	/* Every flag, open or reviewed, in date order (risk history). */
	struct risk_flag *risk_all;
	size_t		 nrisk_all;
	/* Per row of measures.csv: RISK_MARK_*. */
	unsigned char	*risk_mark;
	long		 risk_weeks;	/* of history status shows */
	struct reminder	*rem;
	size_t		 nrem;
};

/*
 * The risk history from day `since' (-1: all of it), oldest first: each
 * flag raised, with its review (date, level, safety plan, next review,
 * note) or "OPEN", and each follow-up review, one line each, starting
 * with the date and OPEN, REVIEWED, HIGH (reviewed, level high) or
 * FOLLOW-UP.  Free with strv_free-like free() of each and of the array.
 */
size_t	 summary_risk_history(const struct summary *, long since, char ***);

/* Read settings from the practice's ipt.ini [remind] (defaults if none). */
struct remind_opts {
	long	 within;		/* days ahead to look; default 7 */
	long	 no_contact;		/* days without contact; default 28 */
	long	 risk_weeks;		/* risk history status shows; 8 */
};
void	 remind_defaults(struct remind_opts *);
int	 remind_settings(const char *root, struct remind_opts *);

/*
 * What a caseload scan loads once per practice: its instruments and its
 * [remind] settings.  practice_use() switches to the practice of `root'
 * (taken; NULL for none) unless it is the one in hand.  A definition or
 * setting that cannot be read is reported by calling err(arg) after
 * ipt_seterr(); the built-in instruments and the good settings stand in.
 */
struct practice_ctx {
	int			 loaded;
	char			*root;
	struct instr_set	 set;
	struct remind_opts	 ro;
};
void	 practice_use(struct practice_ctx *, char *root,
	    void (*err)(void *), void *arg);
void	 practice_ctx_free(struct practice_ctx *);

/*
 * Load a client directory.  instr may be NULL; it is the instrument set to
 * use (shared across a caseload scan).  Reminders look `o->within' days
 * ahead of `today'.
 */
int	 summary_load(struct summary *, const char *dir, long today,
	    const struct instr_set *instr, const struct remind_opts *o);
void	 summary_free(struct summary *);
/*
 * Why nothing is due of a client whose status stops the reminders and
 * the schedule (ended: "the therapy ended on 2026-07-21 (completed)";
 * paused: "the therapy is paused"), or NULL if it is in treatment.
 */
const char *summary_stopped(const struct summary *, char *, size_t);

/*
 * Is a row dated date in the current episode's course (episode.h)?  Always
 * for a client in its first episode; a row without a valid date is.
 */
int	 summary_in_course(const struct summary *, const char *date);

#endif
