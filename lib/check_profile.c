/*
 * check_profile.c: ipt check --profile, a certification profile's
 * requirements (profile.h) over one client's records, as warnings.
 *
 * An instrument of the profile must be given at least once in every run
 * of `every' sessions held: an administration counts for a session held
 * when its row names the session or has its date.  A run without one is
 * a warning at the session that ends it, and the count starts again
 * after it.
 */
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "csvt.h"
#include "profile.h"
#include "protocol.h"
#include "record.h"

/* Was instrument name given at held session h? */
static int
given_at(const struct csv_table *m, const struct csv_table *s,
    const struct proto_held *h, const char *name)
{
	const char *num = csv_get(s, h->row, "number");
	const char *date = csv_get(s, h->row, "date");
	size_t i;

	for (i = 0; i < m->nrows; i++) {
		if (strcmp(csv_get(m, i, "instrument"), name) != 0)
			continue;
		if (strcmp(csv_get(m, i, "session"), num) == 0 ||
		    (*csv_get(m, i, "session") == '\0' &&
		    strcmp(csv_get(m, i, "date"), date) == 0))
			return 1;
	}
	return 0;
}

static size_t
people(const struct csv_table *t)
{
	size_t i, k, n = 0;

	for (i = 0; i < t->nrows; i++) {
		for (k = 0; k < i; k++)
			if (strcmp(csv_get(t, k, "person"),
			    csv_get(t, i, "person")) == 0)
				break;
		if (k == i)
			n++;
	}
	return n;
}

void
check_profile(struct ctx *x, const struct profile *p)
{
	const struct csv_table *s = &x->t[REC_SESSIONS];
	const struct csv_table *m = &x->t[REC_MEASURES];
	struct proto_held *held = NULL;
	size_t nheld = 0, i, k, since;
	long n;

	/* Which kinds use a place is the variant's (check reports none). */
	if (x->ok[REC_SESSIONS] && x->ok[REC_MEASURES] && x->v != NULL) {
		protocol_held(x->v, s, &held, &nheld);
		for (i = 0; i < p->ninstr; i++) {
			for (k = 0, since = 0; k < nheld; k++) {
				if (given_at(m, s, &held[k],
				    p->instr[i].name)) {
					since = 0;
					continue;
				}
				if (++since < (size_t)p->instr[i].every)
					continue;
				check_add(x, "sessions.csv", s->rows[held[k].row].
				    line, SEV_WARNING, "profile %s: %s not given "
				    "in the %ld sessions held up to session %s "
				    "(at least every %ld)", p->name,
				    p->instr[i].name, p->instr[i].every,
				    csv_get(s, held[k].row, "number"),
				    p->instr[i].every);
				since = 0;
			}
		}
		free(held);
	}
	if (p->inventory_min > 0 && x->ok[REC_INVENTORY] &&
	    (n = (long)people(&x->t[REC_INVENTORY])) < p->inventory_min)
		check_add(x, "inventory.csv", 0, SEV_WARNING, "profile %s: the "
		    "inventory names %ld of the %ld people it asks for",
		    p->name, n, p->inventory_min);
	if (p->formulation && x->ok[REC_FORMULATION] &&
	    x->t[REC_FORMULATION].nrows == 0)
		check_add(x, "formulation.csv", 0, SEV_WARNING, "profile %s: "
		    "no formulation recorded (ipt formulation add)", p->name);
}
