/*
 * fidelity.c: ipt check's fidelity findings.
 *
 * The rules are the protocol's (protocol.c), the same ones the reminders
 * of status and remind come from; here the breaches they find at sessions
 * held (PW_LATE) become findings, worded as ipt-check(1) shows them.
 * All are warnings but an unreviewed risk flag, an error.  They need a
 * client.ini, a variant and a sessions.csv without errors.
 */
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "client.h"
#include "csvt.h"
#include "episode.h"
#include "measure.h"
#include "protocol.h"
#include "record.h"
#include "util.h"
#include "variant.h"

static void
late(struct ctx *x, const struct proto_client *p,
    const struct proto_finding *f, const struct episode *e)
{
	const struct csv_table *s = p->sessions;
	const struct variant_instrument *vi = f->vi;
	size_t line = s->nrows > 0 ? s->rows[f->row].line : 0;

	switch (f->rule) {
	case PR_FOCUS:
		check_add(x, "sessions.csv", line, SEV_WARNING, "no focus "
		    "agreed by session %ld (held session %ld), the end of the "
		    "initial phase", f->number, f->ordinal);
		break;
	case PR_INVENTORY:
		check_add(x, "sessions.csv", line, SEV_WARNING, "the inventory "
		    "names %ld of the %ld people the initial phase asks for by "
		    "session %ld", f->have, f->want, f->number);
		break;
	case PR_FORMULATION:
		check_add(x, "sessions.csv", line, SEV_WARNING, "no "
		    "formulation recorded by session %ld (held session %ld), "
		    "the end of the initial phase (ipt formulation add)",
		    f->number, f->ordinal);
		break;
	case PR_TASK:
		check_add(x, "sessions.csv", line, SEV_WARNING, "the %s task "
		    "'%s' was not done by session %ld (held session %ld), the "
		    "end of the %s phase: no session held had the technique",
		    f->task->phase, f->task->name, f->number, f->ordinal,
		    f->task->phase);
		break;
	case PR_PLAN:
		check_add(x, "sessions.csv", line, SEV_WARNING, "session %ld "
		    "is past the plan of %ld sessions: extend the plan (ipt "
		    "plan --sessions) or contract maintenance", f->number,
		    f->want);
		break;
	case PR_AGE:
		check_add(x, CLIENT_INI, 0, SEV_WARNING, "born %s, the client "
		    "was %ld at the start (%s): the %s variant is for ages "
		    "%ld-%ld", x->c.birth_date, f->have, x->c.start,
		    p->v->name, p->v->age_min, p->v->age_max);
		break;
	case PR_ENDED:
		if (e != NULL && e->end >= 0)
			check_add(x, EPISODES_FILE, e->line, SEV_WARNING,
			    "episode %ld ended but no concluding session "
			    "(final phase) was held", e->num);
		else
			check_add(x, CLIENT_INI, 0, SEV_WARNING, "the client "
			    "is marked ended but no concluding session (final "
			    "phase) was held");
		break;
	case PR_TERMINATION:
		check_add(x, "sessions.csv", line, SEV_WARNING, "the ending "
		    "was not raised (technique 'termination') by session %ld, "
		    "%ld before the end of the plan", f->number, f->want);
		break;
	case PR_MEASURE:
		if (f->more == 0)
			check_add(x, "sessions.csv", line, SEV_WARNING,
			    "%s was due at session %ld (%s) and not given",
			    vi->name, f->number, vi->text);
		else
			check_add(x, "sessions.csv", line, SEV_WARNING,
			    "%s was due at session %ld (%s) and not given, nor "
			    "at the %zu session%s held after it", vi->name,
			    f->number, vi->text, f->more, f->more == 1 ? "" :
			    "s");
		break;
	case PR_RISK:
		check_add(x, "measures.csv", f->flag->line, SEV_ERROR, "risk "
		    "flag of %s (%s %s) was not reviewed by the %s (%ld on "
		    "%s)%s",
		    f->flag->date, f->flag->instrument, f->flag->detail,
		    p->v->risk_review == 1 ? "next session" :
		    "session the variant asks", f->number,
		    check_cell(s, f->row, csv_col(s, "date")),
		    f->flag->open ? " and is still open" : "");
		break;
	default:
		break;
	}
}

/*
 * The rules over one episode (episode.h): its sessions, measures and
 * focus decisions, its plan; the risk flags, which belong to no
 * episode, with the current one only.
 */
static void
fidelity_episode(struct ctx *x, size_t k, const struct risk_flag *flags,
    size_t nflags)
{
	const struct episode *e = x->eps.n > 1 ? &x->eps.v[k] : NULL;
	const struct csv_table *ep = &x->t[REC_EPISODES];
	struct proto_client p;
	struct proto_findings out = { 0 };
	struct csv_table sess = { 0 }, meas = { 0 }, focus = { 0 };
	size_t i;

	memset(&p, 0, sizeof(p));
	p.v = x->v;
	p.planned = x->c.planned;
	p.status = x->c.status;
	p.sessions = &x->t[REC_SESSIONS];
	p.measures = x->ok[REC_MEASURES] ? &x->t[REC_MEASURES] : NULL;
	p.focus = &x->t[REC_FOCUS];
	if (e != NULL) {
		if (e->end >= 0) {
			/* An episode that ended: its own plan. */
			if (variant_get(x->c.root, csv_get(ep, e->row,
			    "variant"), &p.v) == -1 ||
			    parse_long(csv_get(ep, e->row, "planned_sessions"),
			    1, 999, &p.planned) == -1)
				return;
			p.status = "ended";
		}
		episode_rows(p.sessions, "date", e, &sess);
		p.sessions = &sess;
		if (p.measures != NULL) {
			episode_rows(p.measures, "date", e, &meas);
			p.measures = &meas;
		}
		episode_rows(p.focus, "date", e, &focus);
		p.focus = &focus;
	}
	p.inventory = &x->t[REC_INVENTORY];
	p.relapse = &x->t[REC_RELAPSE];
	p.formulation = x->ok[REC_FORMULATION] ? &x->t[REC_FORMULATION] :
	    NULL;
	p.age = client_age(&x->c, x->c.start_day);
	p.today = -1;
	if (x->eps.n < 2 || k == x->eps.n - 1) {
		p.flags = flags;
		p.nflags = nflags;
	}
	protocol_held(p.v, p.sessions, &p.held, &p.nheld);
	protocol_eval(&p, &out);
	for (i = 0; i < out.n; i++)
		if (out.v[i].when == PW_LATE)
			late(x, &p, &out.v[i], e);
	protocol_findings_free(&out);
	free(p.held);
	csv_free_table(&sess);
	csv_free_table(&meas);
	csv_free_table(&focus);
}

void
check_fidelity(struct ctx *x)
{
	struct risk_flag *flags = NULL;
	size_t k, nflags = 0;

	if (!x->ok[REC_SESSIONS])
		return;
	if (x->ok[REC_MEASURES] && x->v->risk_review != 0 &&
	    risk_flags(&x->t[REC_MEASURES], x->ok[REC_RISK] ?
	    &x->t[REC_RISK] : NULL, x->set, 1, &flags, &nflags) == -1) {
		flags = NULL;
		nflags = 0;
	}
	/* Each episode counted over its own sessions (episode.h). */
	for (k = 0; k < (x->eps.n > 1 ? x->eps.n : 1); k++)
		fidelity_episode(x, k, flags, nflags);
	risk_flags_free(flags, nflags);
}
