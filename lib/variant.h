/*
 * variant.h: IPT variants (standard, brief, adolescent, ...) as data.
 *
 * A variant is an INI definition: its planned sessions and frequency, the
 * session numbers of each phase, the problem areas and session kinds it
 * allows, its default instruments with their cadence, and the parameters
 * of the fidelity checks.  Built-in definitions come from
 * lib/defs/variants/NAME.ini; a practice adds or replaces one with
 * ROOT/variants/NAME.ini (ROOT holds ipt.ini, see practice_root() in
 * client.h).  A practice file replaces the built-in definition of the
 * same name whole.  Definitions are loaded once and cached until
 * variant_free_all(); the pointers handed out stay valid until then.
 *
 * The format is documented in ipt-files(5) (Variant definitions); in short:
 *
 *	[variant]
 *	title = Standard IPT for depression
 *	sessions = 16
 *	frequency_days = 7
 *	areas = grief, role-dispute, role-transition, interpersonal-deficits
 *	[phases]
 *	initial = 1-4
 *	middle = 5-12
 *	final = 13-16
 *	[phase_lengths]
 *	initial = 3-4
 *	final = 2-4
 *	[kinds]
 *	allowed = individual, parent, conjoint, maintenance
 *	default = individual
 *	maintenance = maintenance
 *	no_place = parent
 *	no_self_reports = parent
 *	no_cadence = parent
 *	[instruments]
 *	phq9 = every session
 *	wsas = every 28 days
 *	pcl5 = at sessions 1, 7, 14
 *	[fidelity]
 *	focus_by_session = 4
 *	inventory_min_people = 3
 *	termination_notice = 3
 *	risk_review_sessions = 1
 */
#ifndef IPT_VARIANT_H
#define IPT_VARIANT_H

#include <stddef.h>

/* Phase names, in the order phases follow each other; NULL-terminated. */
#define VARIANT_NPHASES	6
extern const char *const variant_phase_names[VARIANT_NPHASES + 1];

enum cadence {
	CAD_SESSIONS,		/* every `every' sessions */
	CAD_DAYS,		/* every `every' days ("weeks" are 7 days) */
	CAD_AT			/* at the listed session numbers */
};

struct variant_instrument {
	char		*name;		/* instrument name, such as phq9 */
	enum cadence	 cadence;
	long		 every;		/* CAD_SESSIONS, CAD_DAYS */
	long		*at;		/* CAD_AT: ascending session numbers */
	size_t		 nat;
	char		*text;		/* in words: "every session" */
};

struct variant_phase {
	const char	*name;		/* one of variant_phase_names */
	long		 first, last;	/* session numbers in the definition */
	long		 min, max;	/* [phase_lengths]: the sessions it
					   keeps in a plan of another length;
					   0: scaled freely */
};

/* A task of a phase ([tasks]). */
struct variant_task {
	const char		*phase;		/* the variant's phase name */
	char			*name;		/* technique[|technique...] */
};

struct variant {
	char			*name;
	char			*file;		/* definition's path or "built-in" */
	char			*title;
	long			 sessions;	/* planned sessions */
	long			 age_min, age_max;	/* ages (at the start)
						   it is for; 0: any */
	long			 frequency;	/* days between sessions */
	char			**areas;	/* NULL-terminated */
	char			**kinds;	/* NULL-terminated */
	int			*kind_uses;	/* VK_* of each of kinds */
	const char		*default_kind;
	/* Default kind per phase (index in variant_phase_names), or NULL. */
	const char		*phase_kinds[VARIANT_NPHASES];
	struct variant_phase	*phases;
	size_t			 nphases;
	struct variant_instrument *instruments;
	size_t			 ninstruments;
	long			 focus_by;	/* session (definition's plan) */
	long			 inventory_min;	/* people, 0 = no check */
	long			 termination_notice;	/* sessions, 0 = no check */
	long			 risk_review;	/* sessions, 0 = no check */
	/*
	 * [tasks]: the tasks of each phase, done when a session held by the
	 * phase's end has the technique (one of several: "a|b").
	 */
	struct variant_task	*tasks;
	size_t			 ntasks;
};

/*
 * Find a variant by name: ROOT/variants/NAME.ini if root is not NULL and
 * that file exists, else the built-in definition.  An unknown name is a
 * usage error listing the valid names; a bad definition an error naming
 * its file and, where it can, line or "[section] key".
 */
int		 variant_get(const char *root, const char *name,
		    const struct variant **);
/*
 * The names of every variant, built-in and the practice's, sorted and
 * NULL-terminated; owned by the cache.
 */
int		 variant_names(const char *root, const char *const **);
/* The definition's planned sessions and days between sessions. */
long		 variant_sessions(const struct variant *);
long		 variant_frequency(const struct variant *);
/* Load and check every definition (ipt check); 0 if all are good. */
int		 variant_check_all(const char *root);

/*
 * The phase of session `number' of a plan of `planned' sessions (0: the
 * definition's own count).  A plan of another length scales the phases:
 * a pregroup phase keeps its length, and the end of each other phase is
 * moved in proportion to the remaining sessions, rounded half up; a
 * phase with [phase_lengths] is then held within them, the phases
 * without taking the difference, every phase keeping at least one
 * session.  Sessions past the plan are
 * "extension" ("maintenance" if the definition ends in a maintenance
 * phase), and every session of a client whose status is "maintenance"
 * is "maintenance".  NULL for a number below 1.
 */
const char	*variant_phase(const struct variant *, long planned, long number,
		    const char *status);
/* The sessions of a phase in a plan; -1 if the plan has no such phase. */
int		 variant_phase_range(const struct variant *, long planned,
		    const char *phase, long *first, long *last);
/* A plan must leave each phase a session; usage error naming --sessions. */
int		 variant_plan_ok(const struct variant *, long planned);

/*
 * Is an age (at the start of therapy) one the variant is for?  1 if so,
 * or if the variant or the age (-1) says nothing.
 */
int		 variant_age_ok(const struct variant *, long age);

/* 0 if allowed, else -1 with a usage error listing the valid names. */
int		 variant_area_ok(const struct variant *, const char *area);
int		 variant_kind_ok(const struct variant *, const char *kind);
/*
 * What a session of a kind does ([kinds] no_place, no_self_reports,
 * no_cadence): it uses a place in the plan (counts toward the planned
 * sessions, the session ordinal and the phase), the client's self-reports
 * are due at it, it keeps the cadence (the next session is due
 * frequency_days after it).  A kind the variant does not list (an old
 * record) does all three.
 */
#define VK_PLACE	0x1
#define VK_SELF		0x2
#define VK_CADENCE	0x4
int		 variant_kind_uses(const struct variant *, const char *kind,
		    int what);
/* The default session kind for a phase. */
const char	*variant_default_kind(const struct variant *, const char *phase);

/* Fidelity: the session by which the focus must be agreed, in a plan. */
long		 variant_focus_by(const struct variant *, long planned);
/* The session by which termination must have been raised; 0: no check. */
long		 variant_termination_by(const struct variant *, long planned);

/*
 * Whether an instrument is due at session `number' held on day `day' (a
 * day number, date.h), given whether and when it was last given (session
 * number, or 0 if given outside a session, and day).  An instrument
 * never given is due.
 */
int		 variant_due(const struct variant *,
		    const struct variant_instrument *, long number, long day,
		    int given, long last_number, long last_day);
const struct variant_instrument *variant_instrument(const struct variant *,
		    const char *name);

/* Free every cached definition. */
void		 variant_free_all(void);

#endif
