/*
 * protocol.h: the rules of the IPT protocol, each defined once.
 *
 * A rule says what is due, by which session or day, and why (the rules
 * and their sources are listed atop protocol.c).  protocol_eval() runs
 * every rule of the table over one client's state and yields structured
 * findings: a rule breached at a session held (PW_LATE, what ipt check
 * warns of), still outstanding after its deadline (PW_OVERDUE), due at
 * the next session (PW_DUE), or an open risk flag (PW_RISK).  The
 * consumers format them: check's fidelity findings (fidelity.c) take the
 * late ones, the reminders of status, remind, report and schedule
 * (summary.c) the others.  Nothing here prints or reads a file.
 */
#ifndef IPT_PROTOCOL_H
#define IPT_PROTOCOL_H

#include <stddef.h>

struct csv_table;
struct measure_change;
struct risk_flag;
struct variant;
struct variant_instrument;
struct variant_task;

enum proto_rule {
	PR_RISK,		/* risk flags reviewed */
	PR_RISK_REVIEW,		/* a high level; the follow-up review */
	PR_SESSION,		/* the next session */
	PR_CONTACT,		/* no contact: possible drop-out */
	PR_FOCUS,		/* focus agreed by the initial phase's end */
	PR_INVENTORY,		/* inventory names enough people by then */
	PR_TERMINATION,		/* the ending raised in time */
	PR_RELAPSE,		/* relapse-prevention plan in the final phase */
	PR_PLAN,		/* the plan complete, or gone past */
	PR_ENDED,		/* an ended client held a final session */
	PR_AGE,			/* the client's age is one the variant is for */
	PR_MEASURE,		/* each instrument given when due */
	PR_FORMULATION,		/* a formulation by the initial phase's end */
	PR_TASK			/* each phase task done by its phase's end */
};

enum proto_when {
	PW_RISK,		/* an open risk flag */
	PW_OVERDUE,		/* outstanding after its deadline */
	PW_DUE,			/* due at the next session, in the window */
	PW_LATE			/* breached at a session held (ipt check) */
};

/* A session held, as the rules count them. */
struct proto_held {
	long	 num;		/* its number in sessions.csv, 0 if bad */
	long	 day;		/* its day, -1 if bad */
	size_t	 row;		/* in sessions.csv */
	int	 self;		/* the client's self-reports are due at it */
};

/*
 * One client's state.  The audit part (everything up to the flags) is
 * all ipt check gives: today < 0 asks for the late findings (an audit)
 * and no reminders; today >= 0 for reminders and no late findings.
 * measures may be NULL: no measure rule.
 */
struct proto_client {
	const struct variant	*v;
	long			 planned;
	const char		*status;	/* active, maintenance, ... */
	const struct csv_table	*sessions, *measures, *focus, *inventory;
	const struct csv_table	*relapse;
	const struct csv_table	*formulation;	/* NULL: no formulation rule */
	long			 age;		/* at the start of therapy; -1:
						   not known */
	struct proto_held	*held;		/* protocol_held() */
	size_t			 nheld;
	const struct risk_flag	*flags;		/* check: all, else open */
	size_t			 nflags;
	/* The latest risk reviews (risk_state()), for reminders. */
	int			 risk_high;	/* the level in force is high */
	long			 risk_level_day;	/* the review that set it */
	long			 risk_next;	/* follow-up review, -1: none */
	/* What is ahead, for reminders. */
	long			 today;		/* -1: none */
	long			 within;	/* days of the window */
	long			 no_contact;	/* days of silence */
	long			 frequency;	/* days between sessions */
	long			 next_number;	/* the next session's ordinal */
	long			 next_row;	/* its number in sessions.csv */
	long			 next_due;	/* its day, -1 if none is due */
	const char		*phase;		/* recorded, of the last held */
	const char		*next_phase;	/* of the next session */
	long			 last_day;	/* of the last held, -1 */
	long			 last_contact;	/* -1 if none */
};

struct proto_finding {
	enum proto_rule		 rule;
	enum proto_when		 when;
	long			 day;		/* when due; -1 if none */
	long			 ordinal;	/* the session, counting held */
	long			 number;	/* its number in sessions.csv */
	size_t			 row;		/* its row there (PW_LATE) */
	long			 have, want;	/* people; sessions */
	long			 since;		/* day of the last contact */
	size_t			 more;		/* measure: more missed */
	int			 maintenance;	/* session: a maintenance one */
	const struct variant_instrument *vi;	/* measure */
	const struct risk_flag	*flag;		/* risk */
	const struct variant_task *task;	/* task */
};

struct proto_findings {
	struct proto_finding	*v;
	size_t			 n;
};

/* The rules, in the order of the table: name as ipt-check(1) has it. */
const char	*protocol_rule_name(enum proto_rule);

/*
 * The sessions held that use a place in the plan (attendance "attended",
 * of a kind the variant counts, a row repeating an earlier one exactly
 * left out), in order of their numbers; free() the array.
 */
void	 protocol_held(const struct variant *,
	    const struct csv_table *sessions, struct proto_held **, size_t *);
/* Run every rule; findings are appended. */
void	 protocol_eval(const struct proto_client *, struct proto_findings *);
void	 protocol_findings_free(struct proto_findings *);

/*
 * Is a session held in `phase', the n-th held, among the concluding
 * sessions of the acute plan: those of the final phase, or, for a
 * variant without one (IPSRT, whose intermediate phase runs to the end
 * of the acute contract), those from the session by which the ending is
 * raised (termination_notice), or the last.  0 for a variant without an
 * acute plan (maintenance alone).
 */
int	 protocol_concluding(const struct variant *, long planned,
	    const char *phase, long n);

/*
 * The tasks rule (protocol.c), for check and outcomes alike: the state of
 * the i-th task of the variant ([tasks]) for a client (v, planned,
 * status, sessions, held and nheld are used): -1 not due (its phase's
 * last session not yet held, or the client in maintenance), 0 not done,
 * 1 done by a session held by the last of its phase.  When due, *last is
 * the index in held of the phase's last session.
 */
int	 protocol_task(const struct proto_client *, size_t i, size_t *last);

/*
 * The deterioration rule (protocol.c): 1 if an instrument's course from
 * its baseline to its latest administration (measure_change()) is a
 * reliable deterioration, by the instrument's reliable-change criterion
 * and in its direction of improvement; 0 if not, or if the instrument
 * has no criterion or was given once.
 */
int	 protocol_deteriorated(const struct measure_change *);

#endif
