/*
 * outcomes.h: the outcomes of a caseload, by group (ipt outcomes).
 *
 * A scan adds one loaded client at a time (outcomes_add()) to the group
 * its key names: its focus area, variant, therapist, or the phase in
 * which it ended.  A group holds counts and sums only, so the memory of
 * a scan grows with the number of groups, never with the clients.  For
 * each instrument a group counts the clients given it at least twice,
 * the means of their first and last totals, and how many of them met
 * the instrument's response, remission and reliable-change rules: the
 * rules `ipt status' applies (measure_change(), measure.h), so that the
 * figures of a caseload are those of its clients.  Rates carry a Wilson
 * 95% score interval.  Adherence is the rate of the phase tasks of the
 * clients' variants ([tasks]) done by the end of their phase, by the rule
 * ipt check applies (protocol_task(), protocol.h).  render_outcomes()
 * (render_outcomes.c) prints.
 */
#ifndef IPT_OUTCOMES_H
#define IPT_OUTCOMES_H

#include <stddef.h>
#include <stdio.h>

#include "render.h"

struct summary;

enum outcomes_by {
	OUT_BY_NONE,		/* one group: all */
	OUT_BY_AREA,		/* the primary focus area ("none" if unset) */
	OUT_BY_VARIANT,
	OUT_BY_THERAPIST,	/* "none" if unset */
	OUT_BY_PHASE_ENDED	/* phase of the last session of an ended
				   client; "not-ended" otherwise */
};
/* The names --by takes, in enum order from OUT_BY_AREA; NULL-ended. */
extern const char *const outcomes_by_names[];

/* One instrument in one group. */
struct out_instr {
	char		*name;
	long		 scale;		/* the definition's 10^decimals */
	long		 n;		/* clients with two or more totals */
	long long	 sum_base, sum_last;	/* scaled */
	long		 resp_n, resp;	/* response defined; responders */
	long		 rem_n, rem;	/* remission defined; remitted */
	long		 rel_n, rel_up, rel_down;  /* reliable change defined;
					   reliably improved, deteriorated */
};

struct out_group {
	char		*key;
	long		 clients;	/* in the group */
	long		 started;	/* with a session held */
	long		 ended;		/* status ended */
	long		 dropout;	/* ended before the final phase */
	long		 held, offered;	/* sessions held; held, cancelled
					   and no-show */
	long		 risk;		/* clients with an open risk flag */
	long		 tasks_due;	/* phase tasks whose phase has ended */
	long		 tasks_done;	/* of them, done by its end (check's
					   rule, protocol_task()) */
	struct out_instr *in;
	size_t		 nin;
};

struct outcomes {
	enum outcomes_by by;
	long		 since;		/* start on or after; -1: any */
	long		 skipped;	/* clients that started before since */
	struct out_group *g;		/* sorted by key when rendered */
	size_t		 ng;
	struct out_group all;		/* every client counted */
};

/* Parse a --by value; a usage error listing the names if unknown. */
int	 outcomes_by_parse(const char *, enum outcomes_by *);
void	 outcomes_init(struct outcomes *, enum outcomes_by, long since);
/*
 * Count a loaded client.  set is the instrument set it was loaded with
 * (may be NULL: instruments without a definition are left out).  -1
 * with the error set if a stored total cannot be read.
 */
struct instr_set;
int	 outcomes_add(struct outcomes *, const struct summary *,
	    const struct instr_set *);
/* Sort the groups by key and each group's instruments by name. */
void	 outcomes_sort(struct outcomes *);
void	 outcomes_free(struct outcomes *);

/*
 * The Wilson score interval of x successes in n trials at 95% (z =
 * 1.96), as proportions; 0 and 0 when n is 0.
 */
void	 wilson95(long x, long n, double *lo, double *hi);

/*
 * Print (render_outcomes.c): FMT_TEXT, FMT_MD, FMT_HTML, FMT_JSON or
 * FMT_CSV.  The groups are sorted first.
 */
int	 render_outcomes(FILE *, struct outcomes *, enum ipt_format);

#endif
