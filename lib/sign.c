/*
 * sign.c: signed sessions and their addenda (see sign.h).
 *
 * The lock is checked where a session's row or note is written: session
 * edit and rm, and session note before the editor opens and again under
 * the lock when it saves.  A signature is a row of signatures.csv, written
 * in one transaction with nothing else; an addendum a row of addenda.csv.
 * Both are record files with a history, as any other: a merge of two
 * clones keeps every signature and every addendum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "git.h"
#include "history.h"
#include "ini.h"
#include "record.h"
#include "sha256.h"
#include "sign.h"
#include "trust.h"
#include "txn.h"
#include "util.h"

/* The most days [notes] lock_after_days may say: ten years. */
#define LOCK_DAYS_MAX	3660

int
sign_lock_days(const char *root, long *days)
{
	struct ini ini;
	const char *s;
	char *path;
	int rc = 0;

	*days = 0;
	if (root == NULL)
		return 0;
	if (trust_ini(root, &ini, &path) == -1)
		return -1;
	if ((s = ini_get(&ini, "notes", "lock_after_days")) != NULL &&
	    parse_long(s, 0, LOCK_DAYS_MAX, days) == -1)
		rc = ipt_seterr("%s: [notes] lock_after_days: not a whole number "
		    "of days from 0 to %d", path, LOCK_DAYS_MAX);
	ini_free(&ini);
	free(path);
	return rc;
}

void
sign_row_hash(const struct csv_table *sessions, size_t i, char hex[SIGN_HEX])
{
	const struct rec_schema *s = rec_schema(REC_SESSIONS);
	struct sha256 ctx;
	unsigned char md[SHA256_LEN];
	const char *v;
	size_t k;

	/*
	 * name NUL value NUL for each column of the schema but the number,
	 * in the schema's order: the columns of the file may be in any.
	 */
	sha256_init(&ctx);
	for (k = 0; k < s->n; k++) {
		if (strcmp(s->f[k].name, "number") == 0)
			continue;
		v = csv_col(sessions, s->f[k].name) != -1 ?
		    csv_get(sessions, i, s->f[k].name) : "";
		sha256_update(&ctx, s->f[k].name, strlen(s->f[k].name) + 1);
		sha256_update(&ctx, v, strlen(v) + 1);
	}
	sha256_final(&ctx, md);
	hex_encode(md, sizeof(md), hex);
}

void
sign_text_hash(const char *text, char hex[SIGN_HEX])
{
	unsigned char md[SHA256_LEN];

	if (text == NULL) {
		hex[0] = '\0';
		return;
	}
	sha256(text, strlen(text), md);
	hex_encode(md, sizeof(md), hex);
}

long
sign_find(const struct csv_table *sigs, long number, const char *date)
{
	size_t i;
	long n;

	for (i = 0; i < sigs->nrows; i++)
		if (parse_long(csv_get(sigs, i, "session"), 1, 9999, &n) == 0 &&
		    n == number && strcmp(csv_get(sigs, i, "date"), date) == 0)
			return (long)i;
	return -1;
}

int
sign_may_change(const struct client *c, const struct csv_table *sessions,
    size_t i, const struct csv_table *sigs, long today, const char *what)
{
	const char *num = csv_get(sessions, i, "number");
	const char *date = csv_get(sessions, i, "date");
	long n, day, days, row;

	if (parse_long(num, 1, 9999, &n) == -1)
		return 0;	/* not a session row ipt wrote: check says */
	if ((row = sign_find(sigs, n, date)) != -1)
		return ipt_seterr("%s: session %ld (%s) is signed (%s, %s): %s; "
		    "add an addendum instead: ipt session addendum %ld TEXT",
		    sessions->path, n, date,
		    csv_get(sigs, (size_t)row, "signed_on"),
		    csv_get(sigs, (size_t)row, "signed_by"), what, n);
	if (sign_lock_days(c->root, &days) == -1)
		return -1;
	if (days > 0 && date_parse(date, &day) == 0 && today - day > days)
		return ipt_seterr("%s: session %ld (%s) is locked, more than %ld "
		    "days old ([notes] lock_after_days in ipt.ini): %s; add an "
		    "addendum instead: ipt session addendum %ld TEXT",
		    sessions->path, n, date, days, what, n);
	return 0;
}

int
sign_txn_may_change(struct txn *tx, const struct client *c,
    const struct csv_table *sessions, size_t i, const char *what)
{
	const struct csv_table *sigs;
	long today;

	if ((sigs = txn_load(tx, REC_SIGNATURES)) == NULL ||
	    date_today(&today) == -1)
		return -1;
	return sign_may_change(c, sessions, i, sigs, today, what);
}

/* The row of session number in t, or -1 with a usage error. */
static long
find_session(const struct csv_table *t, long number)
{
	size_t i;
	long n;

	for (i = 0; i < t->nrows; i++)
		if (parse_long(csv_get(t, i, "number"), 1, 9999, &n) == 0 &&
		    n == number)
			return (long)i;
	ipt_setusage("%s: no session %ld", t->path, number);
	return -1;
}

int
session_sign(struct client *c, long number)
{
	struct txn tx;
	struct csv_table *t, *sigs;
	char rowhex[SIGN_HEX], notehex[SIGN_HEX], day[DATE_LEN];
	const char *date;
	char *note;
	long row, s, today;
	size_t r;
	int bad, rc = -1;

	if (txn_begin(&tx, c->dir) == -1)
		return -1;
	if ((t = txn_load(&tx, REC_SESSIONS)) == NULL ||
	    (sigs = txn_load(&tx, REC_SIGNATURES)) == NULL ||
	    (row = find_session(t, number)) == -1 ||
	    date_today(&today) == -1)
		goto out;
	date = csv_get(t, (size_t)row, "date");
	if ((s = sign_find(sigs, number, date)) != -1) {
		ipt_seterr("%s: session %ld (%s) is signed already (%s, %s)",
		    sigs->path, number, date, csv_get(sigs, (size_t)s,
		    "signed_on"), csv_get(sigs, (size_t)s, "signed_by"));
		goto out;
	}
	note = hist_note_text(c->dir, number, &bad);
	if (note == NULL && bad) {
		ipt_seterr("%s/notes/%04ld.md: %s: not signed", c->dir, number,
		    hist_note_why(bad));
		goto out;
	}
	sign_row_hash(t, (size_t)row, rowhex);
	sign_text_hash(note, notehex);
	free(note);
	date_format(today, day);
	r = csv_append(sigs);
	csv_set(sigs, r, "date", date);
	csv_set(sigs, r, "session", csv_get(t, (size_t)row, "number"));
	csv_set(sigs, r, "signed_on", day);
	csv_set(sigs, r, "signed_by", hist_author());
	csv_set(sigs, r, "row_sha256", rowhex);
	csv_set(sigs, r, "note_sha256", notehex);
	txn_save(&tx, REC_SIGNATURES);
	if ((rc = txn_commit(&tx)) == 0)
		git_note("session %ld signed", number);
out:
	txn_abort(&tx);
	return rc;
}

int
session_addendum(struct client *c, long number, const char *text, long *id)
{
	struct txn tx;
	struct csv_table *t, *add;
	char day[DATE_LEN], num[24];
	const char *p;
	long row, today, n, max = 0;
	size_t i, r;
	int rc = -1;

	for (p = text; *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'; p++)
		;
	if (*p == '\0')
		return ipt_setusage("the addendum is empty");
	if (!utf8_valid(text, strlen(text), 1))
		return ipt_setusage("the addendum holds a control character or "
		    "invalid UTF-8");
	if (txn_begin(&tx, c->dir) == -1)
		return -1;
	if ((t = txn_load(&tx, REC_SESSIONS)) == NULL ||
	    (add = txn_load(&tx, REC_ADDENDA)) == NULL ||
	    (row = find_session(t, number)) == -1 ||
	    date_today(&today) == -1)
		goto out;
	for (i = 0; i < add->nrows; i++)
		if (parse_long(csv_get(add, i, "id"), 1, 9999, &n) == 0 &&
		    n > max)
			max = n;
	if (max == 9999) {
		ipt_seterr("%s: 9999 addenda, the most a client may have",
		    add->path);
		goto out;
	}
	date_format(today, day);
	snprintf(num, sizeof(num), "%ld", max + 1);
	r = csv_append(add);
	csv_set(add, r, "id", num);
	csv_set(add, r, "date", csv_get(t, (size_t)row, "date"));
	csv_set(add, r, "session", csv_get(t, (size_t)row, "number"));
	csv_set(add, r, "added_on", day);
	csv_set(add, r, "added_by", hist_author());
	csv_set(add, r, "text", text);
	txn_save(&tx, REC_ADDENDA);
	if ((rc = txn_commit(&tx)) == 0) {
		*id = max + 1;
		git_note("addendum %ld to session %ld", max + 1, number);
	}
out:
	txn_abort(&tx);
	return rc;
}
