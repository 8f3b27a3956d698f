/*
 * instrument.h: outcome-measure definitions and their exact scoring.
 *
 * An instrument (phq9, gad7, ...) is an INI definition: its items and
 * their ranges, reverse-scored items, how the total is formed (sum, mean,
 * or mean of subscale means), severity bands, risk items, the direction
 * of improvement, and the response, remission and reliable-change rules.
 * The built-in definitions are lib/defs/instruments/NAME.ini, compiled
 * into the binary; a practice adds or overrides them with files
 * ROOT/instruments/NAME.ini.  ipt-files(5) describes the format.
 * instrument.c holds the set and the values, instrument_def.c reads and
 * checks a definition, instrument_score.c scores and describes.
 *
 * Scores are fixed-point integers: a total, subscale, band bound or
 * threshold v stands for v / scale, where scale is 10^decimals (1 for a
 * sum, whose decimals are always 0).  Means are computed as exact
 * fractions and rounded once, half away from zero, to the instrument's
 * decimals, so that the printed score, the stored score and the band it
 * falls in always agree.
 */
#ifndef IPT_INSTRUMENT_H
#define IPT_INSTRUMENT_H

#include <stddef.h>

#include "util.h"

#define INSTR_MAXITEMS	200
#define INSTR_MAXVALUE	100000	/* largest |item| and |total| */
#define INSTR_MAXDEC	4	/* most decimals a mean may print */

enum instr_method {
	TOTAL_SUM,		/* sum of the scored items */
	TOTAL_MEAN,		/* mean of the scored items that are not NA */
	TOTAL_SUBSCALE_MEAN	/* mean of the subscale means */
};

enum instr_op {
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE
};

struct instr_item {
	long	 min, max;	/* range of the answer and of the score */
	int	 reverse;	/* score = min + max - answer */
	int	 scored;	/* counts in a sum or mean total */
	int	 na;		/* may be NA (not applicable) */
	int	 optional;	/* a supplementary question: unscored, may
				   be left out (stored as nothing or NA) */
	int	 risk;		/* a risk item, positive when op value holds */
	enum instr_op risk_op;
	long	 risk_value;
	char	*label;		/* short description, or NULL */
	char	*area;		/* [areas]: the problem area it rates, or
				   NULL */
};

struct instr_band {
	char	*name;
	long	 lo, hi;	/* scaled, inclusive */
};

struct instr_subscale {
	char	*name;
	size_t	 n;
	size_t	*item;		/* 0-based item indexes */
};

/*
 * How a sum treats a scored item left NA (missing =): not at all (NA is
 * refused), replaced by the mean of the items answered (prorate, at most
 * missing_max of them), or left out of the sum (leave-out).
 */
enum instr_missing {
	MISSING_NONE,
	MISSING_PRORATE,
	MISSING_LEAVE_OUT
};

/*
 * A diagnostic rule over the items ([criterion]): an item counts when its
 * score satisfies "op value"; the rule is met when every subscale named
 * has at least its number of items that count (PCL-5's DSM-5 rule: an
 * item rated 2 or more counts; 1 B, 1 C, 2 D, 2 E).
 */
struct instr_criterion {
	char		*name;
	enum instr_op	 op;
	long		 value;
	size_t		 n;
	size_t		*sub;		/* subscale indexes */
	long		*need;		/* items that must count in each */
};

struct instrument {
	char		*name;		/* file name without .ini */
	char		*file;		/* as named in messages */
	int		 builtin;
	char		*title, *rater, *period, *source, *licence, *loinc;
	size_t		 nitems;
	struct instr_item *item;
	enum instr_method method;
	int		 decimals;
	long		 scale;		/* 10^decimals */
	long		 tmin, tmax;	/* range of the total, scaled */
	int		 higher_better;	/* 0: a lower score is better */
	long		 response_pct;	/* improvement in % for response; 0: none */
	int		 has_remission;
	enum instr_op	 remission_op;
	long		 remission_value;	/* scaled */
	long		 reliable;	/* reliable-change points, scaled; 0: none */
	double		 rci_sd, rci_r;	/* Jacobson-Truax inputs, when given */
	/*
	 * [rhythm] (rhythm.h): the items are the hits of daily activities,
	 * which may be scored from their clock times.  window 0: none.
	 */
	long		 rhythm_window;	/* minutes either side of the mean */
	long		 rhythm_qualify;	/* occurrences for a habitual time */
	size_t		 nbands;
	struct instr_band *band;
	size_t		 nsub;
	struct instr_subscale *sub;
	enum instr_missing missing;
	size_t		 missing_max;	/* NA scored items a sum allows */
	size_t		 noptional;	/* the last items, optional */
	struct instr_criterion *crit;	/* or NULL */
	/*
	 * LOINC codes ([loinc]; `loinc' above is the total's): the panel
	 * (the form), each item's (all or none), and the answers, one for
	 * each value from the items' min to max.  NULL when not given.
	 */
	char		*loinc_panel;
	char		**loinc_item;
	size_t		 nanswers;
	char		**loinc_answer;
};

/*
 * A LOINC code (1-7 digits, '-', the Mod 10 check digit), or a LOINC
 * answer code ("LA", digits, '-', a digit).
 */
int	 loinc_code_ok(const char *);
int	 loinc_answer_ok(const char *);

/* The built-in instruments and a practice's own, by name. */
struct instr_set {
	size_t		  n;
	struct instrument **v;		/* sorted by name */
};

/* The scores of one administration. */
struct instr_result {
	long		 total;		/* scaled */
	const char	*band;		/* severity band, or NULL */
	int		 risk;		/* some risk item is positive */
	int		 has_items;	/* 0 when only the total was given */
	size_t		 n;
	long		*score;		/* item scores, after reverse scoring */
	unsigned char	*na;		/* 1 where the item is NA */
	unsigned char	*positive;	/* 1 where a risk item is positive */
	long		*sub;		/* subscale scores, scaled */
	unsigned char	*sub_ok;	/* 0 when a subscale has no rated item */
	char		*items;		/* the items column: "2 1 NA 3" */
	size_t		 prorated;	/* scored items NA, prorated */
	int		 crit;		/* the criterion: 1 met, 0 not met,
					   -1 none or not known (no items,
					   or an NA decides it) */
	long		*crit_count;	/* per requirement, items counting */
};

/*
 * Read and check one definition (instrument_def.c).  name is the
 * instrument's name and file the name used in messages ("FILE: [section]
 * key: ..." for a bad value, "FILE:LINE: ..." for a bad INI line).
 * Returns NULL (after ipt_seterr) if the definition is bad.
 * instr_parse() reads INI text with ini_load_mem(), instr_load_file() a
 * file with ini_load(), and instr_from_ini() checks what either read, or a
 * built-in definition (defs.h); all three check it the same way.
 */
struct ini;
struct instrument *instr_parse(const char *name, const char *file,
	    const char *text, size_t len);
struct instrument *instr_load_file(const char *name, const char *path);
struct instrument *instr_from_ini(const char *name, const char *file,
	    const struct ini *);
void	 instr_free(struct instrument *);

/*
 * Load the built-in instruments, then root/instruments/NAME.ini for a
 * practice root (root may be NULL); a practice file replaces the built-in
 * of the same name.  Any bad definition fails the whole load.
 */
int	 instr_load_set(struct instr_set *, const char *root);
const struct instrument *instr_find(const struct instr_set *, const char *);
/* As instr_find, or a usage error naming the known instruments. */
const struct instrument *instr_lookup(const struct instr_set *, const char *);
void	 instr_free_set(struct instr_set *);

/*
 * Score answers given on the command line: one per item, each a whole
 * number in the item's range or "NA" where allowed.  The values are item
 * scores, for every instrument; when `positions' is set they are the
 * positions of the answers ticked (0 for the top one) instead, and
 * reverse-scored items are converted to their scores.  Bad input is a
 * usage error naming the item.
 */
int	 instr_score(const struct instrument *, char *const *argv, size_t argc,
	    int positions, struct instr_result *);
/*
 * Optional items are the last ones: argc may also be nitems - noptional,
 * and a stored items column may end before them.
 */
/* Score a stored items column (item scores); bad data is an error. */
int	 instr_score_items(const struct instrument *, const char *items,
	    struct instr_result *);
/* A total given alone (--total); range-checked, usage error if bad. */
int	 instr_score_total(const struct instrument *, const char *,
	    struct instr_result *);
void	 instr_result_free(struct instr_result *);

/* The band holding a scaled total, or NULL. */
const char *instr_band(const struct instrument *, long total);
/* Format a scaled value with the instrument's decimals. */
void	 instr_fmt(const struct instrument *, long, char *, size_t);
/* Parse a value with at most the instrument's decimals; -1 if not one. */
int	 instr_parse_value(const struct instrument *, const char *, long *);
/*
 * The values definitions are written in: "[-]DIGITS[.DIGITS]" with at most
 * dec decimals and |value| <= lim, as an integer scaled by 10^dec; a span
 * "LO-HI" of two such values, LO <= HI; and an operator "<", "<=", ">" or
 * ">=" with blanks around it, *pp moved past them.  -1 if not one.
 */
int	 instr_parse_fixed(const char *, int dec, long lim, long *);
int	 instr_parse_span(const char *, int dec, long *lo, long *hi);
int	 instr_parse_op(const char **pp, enum instr_op *);
long	 instr_pow10(int);
/* The reliable-change criterion in points (0 if none). */
double	 instr_reliable_points(const struct instrument *);
/* Does a scaled value satisfy "op value"? */
int	 instr_op_holds(enum instr_op, long, long);
const char *instr_op_name(enum instr_op);
const char *instr_method_name(enum instr_method);

/* Descriptions for listings and messages, appended to a buffer. */
void	 instr_describe_ranges(const struct instrument *, struct buf *);
void	 instr_describe_bands(const struct instrument *, struct buf *);
void	 instr_describe_risk(const struct instrument *, struct buf *);
/* "met (intrusion 3 of 1, ...)", the criterion of a result; "" if none. */
void	 instr_describe_criterion(const struct instrument *,
	    const struct instr_result *, struct buf *);
/* "intrusion 9, avoidance 4, ...": the subscale scores of a result. */
void	 instr_describe_subscales(const struct instrument *,
	    const struct instr_result *, struct buf *);
/* "sum 0-40, prorating at most 1 NA item": how the total is formed. */
void	 instr_describe_total(const struct instrument *, struct buf *);
/* "intrusion 1-5, avoidance 6-7, ...": the subscales' items. */
void	 instr_describe_subscale_defs(const struct instrument *,
	    struct buf *);
/* "dsm5-ptsd: items >= 2 count; needs intrusion 1, ...", or nothing. */
void	 instr_describe_criterion_def(const struct instrument *,
	    struct buf *);
/* "met", "not met" or "" (none, or not known). */
const char *instr_criterion_word(const struct instr_result *);
/*
 * "item 10 = 0 (label)" for every risk item of a result, positive or not,
 * with the score stored.
 */
void	 instr_describe_risk_items(const struct instrument *,
	    const struct instr_result *, struct buf *);
/* "item 9 = 2" for each positive risk item of a result. */
void	 instr_describe_positive(const struct instrument *,
	    const struct instr_result *, struct buf *);
/* The same, each followed by the item's label: "item 9 = 2 (...)". */
void	 instr_describe_positive_labelled(const struct instrument *,
	    const struct instr_result *, struct buf *);

#endif
