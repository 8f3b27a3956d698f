/*
 * check_sign.c: signed sessions and addenda against the records (sign.h).
 *
 * A signature locks a session's row and note as they were when signed:
 * for each row of signatures.csv the session must still be there (by its
 * number and date), and its row and note must hash to what was signed.
 * ipt refuses every change to a signed session, so a difference is a hand
 * edit, a tool that is not ipt, or a merge that brought in a change made
 * elsewhere before the signature: an error, for a person to look at.  The
 * history (ipt history) shows what changed and when; nothing here
 * repairs it.  An addendum must name a session that is there.
 */
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "sign.h"
#include "util.h"

/* The row of session number of day date in sessions, or -1. */
static long
session_row(const struct csv_table *s, const struct rowkey *sk, long number,
    const char *date)
{
	size_t k;

	for (k = 0; k < s->nrows; k++)
		if (sk[k].num == number &&
		    strcmp(csv_get(s, k, "date"), date) == 0)
			return (long)k;
	return -1;
}

void
check_signatures(struct ctx *x)
{
	const struct csv_table *g = &x->t[REC_SIGNATURES];
	const struct csv_table *a = &x->t[REC_ADDENDA];
	const struct csv_table *s = &x->t[REC_SESSIONS];
	const struct rowkey *sk = x->key[REC_SESSIONS];
	char hex[SIGN_HEX], name[16];
	const char *date, *text, *who;
	long n, row;
	size_t i;

	if (!x->ok[REC_SESSIONS])
		return;
	for (i = 0; x->ok[REC_SIGNATURES] && i < g->nrows; i++) {
		if (parse_long(csv_get(g, i, "session"), 1, 9999, &n) == -1)
			continue;	/* check_files() said so */
		date = csv_get(g, i, "date");
		who = csv_get(g, i, "signed_by");
		if ((row = session_row(s, sk, n, date)) == -1) {
			check_add(x, rec_schema(REC_SIGNATURES)->file,
			    g->rows[i].line, SEV_ERROR, "session %ld (%s) was "
			    "signed on %s by %s and is no longer in "
			    "sessions.csv", n, date, csv_get(g, i, "signed_on"),
			    who);
			continue;
		}
		sign_row_hash(s, (size_t)row, hex);
		if (strcmp(hex, csv_get(g, i, "row_sha256")) != 0)
			check_add(x, rec_schema(REC_SESSIONS)->file,
			    s->rows[row].line, SEV_ERROR, "session %ld was "
			    "signed on %s by %s (signatures.csv:%zu); its row "
			    "changed since (ipt history shows how)", n,
			    csv_get(g, i, "signed_on"), who, g->rows[i].line);
		/* A note ipt cannot keep is reported by check_notes(). */
		if (check_note(x, n, &text) == 1 && text == NULL)
			continue;
		sign_text_hash(text, hex);
		if (strcmp(hex, csv_get(g, i, "note_sha256")) != 0) {
			snprintf(name, sizeof(name), "notes/%04ld.md", n);
			check_add(x, name, 0, SEV_ERROR, "the note of session "
			    "%ld was signed on %s by %s (signatures.csv:%zu); "
			    "it %s since", n, csv_get(g, i, "signed_on"), who,
			    g->rows[i].line, text == NULL ? "was removed" :
			    csv_get(g, i, "note_sha256")[0] == '\0' ?
			    "was written" : "changed");
		}
	}
	for (i = 0; x->ok[REC_ADDENDA] && i < a->nrows; i++) {
		if (parse_long(csv_get(a, i, "session"), 1, 9999, &n) == -1)
			continue;
		date = csv_get(a, i, "date");
		if (session_row(s, sk, n, date) == -1)
			check_add(x, rec_schema(REC_ADDENDA)->file,
			    a->rows[i].line, SEV_ERROR, "an addendum to session "
			    "%ld (%s), which is not in sessions.csv", n, date);
	}
}
