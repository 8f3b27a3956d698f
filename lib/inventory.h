/*
 * inventory.h: the interpersonal inventory (inventory.csv).
 *
 * One row per rating of a significant person: the first row of a person
 * is the baseline, and a re-rating appends a row dated later that copies
 * the person's other fields, so the latest row is the current picture
 * and the file shows how each relationship changed over the therapy.  A
 * person has at most one row per date.  Ratings run from 1 to 5, higher
 * meaning more: closeness 5 is very close, support 5 much support,
 * conflict 5 much conflict.
 *
 * Every change takes the directory lock, re-reads the file, and replaces
 * it atomically; columns the schema does not know are kept.
 */
#ifndef IPT_INVENTORY_H
#define IPT_INVENTORY_H

#include <stddef.h>

#include "csvt.h"

/* What a command was given; NULL means not given. */
struct inventory_input {
	const char	*date;
	const char	*relationship, *contact;
	const char	*closeness, *support, *conflict;
	const char	*satisfying, *unsatisfying, *changes;
};

/* Add a person (relationship required); refused if already there. */
int	 inventory_add(const char *dir, const char *person,
	    const struct inventory_input *);
/*
 * Append a re-rating dated after the person's latest row: the ratings
 * given, the rest copied from that row.  Only date and ratings are read.
 */
int	 inventory_rate(const char *dir, const char *person,
	    const struct inventory_input *);
/*
 * Change the row of `on' (NULL: the latest row): the date and the fields
 * given.  A new relationship and a new name (rename) apply to every row
 * of the person, since they say who the person is.
 */
int	 inventory_edit(const char *dir, const char *person, const char *on,
	    const char *rename, const struct inventory_input *);
/* Remove the person, or only the row of `on'; *removed counts rows. */
int	 inventory_rm(const char *dir, const char *person, const char *on,
	    size_t *removed);
/*
 * The current picture: for each person, in order of first appearance,
 * the latest row, followed by the columns "baseline" (date of the first
 * row) and "closeness_change", "support_change", "conflict_change" (latest
 * minus first rating, signed, empty unless both are rated).  out is a
 * fresh table.
 */
void	 inventory_current(const struct csv_table *all, struct csv_table *out);

#endif
