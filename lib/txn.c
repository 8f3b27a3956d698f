/*
 * txn.c: the record transaction, the one place a client's files change.
 *
 * The protocol, for every write command:
 *
 *  1. txn_begin(): take the lock of the client directory, DIR/.ipt.lock
 *     (atomic.c): one writer at a time in the whole directory -- its CSV
 *     files, client.ini and notes/ -- from here to the end of the
 *     transaction.  The lock refuses a directory where a file ipt writes
 *     is a symbolic link, and removes the temporary files of killed
 *     writers.
 *  2. txn_load() (and client_reload(), client.h): read under the lock
 *     what the change starts from: client.ini again, and each record
 *     file at most once, with rec_load(), which checks every value.  A
 *     change is always made to what is on disk now, never to what was
 *     read before the lock: txn_begin() stops the lending of files a
 *     scan read ahead (readahead.h) until the transaction ends.
 *  3. The caller checks every input and changes the tables in memory.  A
 *     refusal ends with txn_abort(): unlock, nothing written, every file
 *     byte-identical.
 *  4. The caller names the files to write, in its order (txn_save*()).
 *  5. txn_commit(): check every record table to write (rec_check()), so
 *     that a bad value leaves every file as it was; then write the files
 *     one after the other in that order, each replaced whole by
 *     atomic_replace() (record files by rec_save(); client.ini read back
 *     with iniparser before its rename); stop at the first that fails;
 *     unlock.
 *
 * What a crash leaves: before the first rename, every file as it was (a
 * temporary file, which the next writer removes).  After the rename of
 * the k-th file, the first k files new and the others old; no file is
 * ever half written.  So each command orders its files such that every
 * prefix is a state `ipt check' accepts or repairs:
 *
 *  - focus set: focus.csv, then client.ini.  The history first: a crash
 *    between leaves a last decision newer than client.ini's [focus], which
 *    `ipt check' reports and `ipt check --fix' copies into client.ini.
 *  - risk review: risk.csv, then measures.csv.  The note first: a crash
 *    between leaves the flag open (reviewed again later), never closed
 *    without its note.
 *  - init: client.ini, then .gitattributes and .gitignore.  The client
 *    exists from the first rename; the other two matter to git only.
 *  - every other command writes one file.
 *
 * What an error says: the reason of the step that failed ("DIR/FILE:
 * write: No space left on device"), unchanged when nothing was saved.  A
 * commit of two or more files that fails after saving some says which
 * were saved and which not, before the reason: "risk.csv saved;
 * measures.csv not saved: REASON".  A failure at the directory fsync after
 * a rename counts the file as saved (it is in place; only its durability
 * is in doubt): "focus.csv, client.ini saved, but REASON" when that was
 * the last one.  The lock is released in every case.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "ini.h"
#include "readahead.h"
#include "record.h"
#include "txn.h"
#include "util.h"

int
txn_begin(struct txn *tx, const char *dir)
{
	memset(tx, 0, sizeof(*tx));
	tx->lock.fd = -1;
	if (dir_lock(&tx->lock, dir) == -1)
		return -1;
	/*
	 * Nothing read ahead before the lock is loaded under it: another
	 * process may have written since (readahead.h).
	 */
	tx->lent = ra_lend(NULL);
	tx->dir = xstrdup(dir);
	tx->active = 1;
	return 0;
}

struct csv_table *
txn_load(struct txn *tx, enum rec_file f)
{
	if (!tx->loaded[f]) {
		if (rec_load(tx->dir, f, &tx->tab[f]) == -1)
			return NULL;
		tx->loaded[f] = 1;
	}
	return &tx->tab[f];
}

/* A new item, or NULL if the file is named already (or too many are). */
static struct txn_item *
add(struct txn *tx, enum txn_kind kind, const char *name)
{
	struct txn_item *it;
	size_t i;

	for (i = 0; i < tx->nitems; i++)
		if (strcmp(tx->item[i].name, name) == 0)
			return NULL;
	if (tx->nitems == TXN_MAX) {
		tx->misuse = "more files than one transaction writes";
		return NULL;
	}
	it = &tx->item[tx->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->name = xstrdup(name);
	return it;
}

void
txn_save(struct txn *tx, enum rec_file f)
{
	struct txn_item *it;

	if (!tx->loaded[f]) {
		tx->misuse = "a record file saved but never loaded";
		return;
	}
	if ((it = add(tx, TXN_REC, rec_schema(f)->file)) != NULL)
		it->f = f;
}

void
txn_save_ini(struct txn *tx, const struct ini *ini)
{
	struct txn_item *it;

	if ((it = add(tx, TXN_INI, CLIENT_INI)) != NULL)
		it->ini = ini;
}

void
txn_save_bytes(struct txn *tx, const char *sub, const char *name,
    const void *bytes, size_t len)
{
	struct txn_item *it;
	char *full = sub != NULL ? path_join(sub, name) : xstrdup(name);

	if ((it = add(tx, TXN_BYTES, full)) != NULL) {
		it->sub = sub != NULL ? xstrdup(sub) : NULL;
		it->bytes = xmalloc(len + 1);
		if (len > 0)
			memcpy(it->bytes, bytes, len);
		it->len = len;
	}
	free(full);
}

static int
fill_ini(FILE *fp, void *arg)
{
	return ini_write(arg, fp);
}

/* Read the written file back with iniparser: it must say the same. */
static int
verify_ini(const char *tmp, void *arg)
{
	const struct ini *want = arg;
	struct ini got;
	int rc;

	if (ini_load(&got, tmp) == -1)
		return ipt_seterr("%s: written file does not read back: %s",
		    want->path != NULL ? want->path : CLIENT_INI, ipt_error());
	rc = ini_equal(want, &got);
	ini_free(&got);
	if (rc != 0)
		return ipt_seterr("%s: written file reads back differently; "
		    "nothing changed", want->path != NULL ? want->path :
		    CLIENT_INI);
	return 0;
}

int
txn_write_ini(const char *dir, const struct ini *ini)
{
	return atomic_replace(dir, CLIENT_INI, fill_ini, verify_ini,
	    (void *)(uintptr_t)ini);
}

static int
fill_bytes(FILE *fp, void *arg)
{
	const struct txn_item *it = arg;

	if (it->len > 0 && fwrite(it->bytes, 1, it->len, fp) != it->len)
		return ipt_seterrno("write");
	return 0;
}

static int
write_item(struct txn *tx, struct txn_item *it)
{
	char *dir;
	int rc;

	switch (it->kind) {
	case TXN_REC:
		return rec_save(tx->dir, it->f, &tx->tab[it->f]);
	case TXN_INI:
		return txn_write_ini(tx->dir, it->ini);
	case TXN_BYTES:
		dir = it->sub != NULL ? path_join(tx->dir, it->sub) :
		    xstrdup(tx->dir);
		rc = atomic_replace(dir, it->sub != NULL ? it->name +
		    strlen(it->sub) + 1 : it->name, fill_bytes, NULL, it);
		free(dir);
		return rc;
	}
	return -1;
}

/* Say which files a failed commit saved: the first `saved' items. */
static void
say_saved(const struct txn *tx, size_t saved)
{
	struct buf b = { 0 };
	size_t i;

	if (tx->nitems < 2 || saved == 0)
		return;		/* the reason alone: nothing was written */
	for (i = 0; i < saved; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", tx->item[i].name);
	if (saved < tx->nitems) {
		buf_adds(&b, " saved; ");
		for (i = saved; i < tx->nitems; i++)
			buf_printf(&b, "%s%s", i > saved ? ", " : "",
			    tx->item[i].name);
		buf_printf(&b, " not saved: %s", ipt_error());
	} else
		buf_printf(&b, " saved, but %s", ipt_error());
	ipt_seterr("%s", b.s);
	buf_free(&b);
}

int
txn_commit(struct txn *tx)
{
	size_t i, saved = 0;
	int rc = 0;

	if (!tx->active)
		return ipt_seterr("a transaction committed that was not begun");
	if (tx->misuse != NULL) {
		/* Before any write: the caller's mistake, not the data's. */
		rc = ipt_seterr("%s: %s; nothing changed", tx->dir, tx->misuse);
		txn_abort(tx);
		return rc;
	}
	/*
	 * Every table checked before the first write, so that a bad value in
	 * the second file does not leave the first one saved.  (rec_save()
	 * checks again; a single file needs no check of its own.)
	 */
	for (i = 0; tx->nitems > 1 && i < tx->nitems; i++)
		if (tx->item[i].kind == TXN_REC && rec_check(tx->item[i].f,
		    &tx->tab[tx->item[i].f]) == -1) {
			txn_abort(tx);
			return -1;
		}
	for (i = 0; i < tx->nitems; i++) {
		atomic_renamed();
		if (write_item(tx, &tx->item[i]) == -1) {
			/* Renamed, then failed: the new file is in place. */
			saved = i + (size_t)atomic_renamed();
			rc = -1;
			break;
		}
		saved = i + 1;
	}
	if (rc == -1)
		say_saved(tx, saved);
	txn_abort(tx);
	return rc;
}

void
txn_abort(struct txn *tx)
{
	size_t i;

	if (!tx->active)
		return;
	for (i = 0; i < REC_NFILES; i++)
		if (tx->loaded[i])
			csv_free_table(&tx->tab[i]);
	for (i = 0; i < tx->nitems; i++) {
		free(tx->item[i].name);
		free(tx->item[i].sub);
		free(tx->item[i].bytes);
	}
	dir_unlock(&tx->lock);
	ra_lend(tx->lent);
	free(tx->dir);
	memset(tx, 0, sizeof(*tx));
	tx->lock.fd = -1;
}
