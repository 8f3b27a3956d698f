/*
 * seal.h: the seal of history.csv, which lets ipt check skip comparing a
 * client's records with their history when nothing changed since the
 * last write that found them equal.
 *
 * The seal is the last line of history.csv, written by every write that
 * leaves the client's records equal to what their history says (every
 * record file, the notes and client.ini: the fold of every file, not only
 * of those it changed):
 *
 *	seal,,,,,,seal,,xh128,HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH;SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS
 *
 * H is the hash of every byte of history.csv before the seal line, S the
 * hash of the records as ipt check reads them (seal_state()).  ipt check
 * skips the comparison (check_history.c) only when the last line is a
 * seal and both hashes are those of the files it reads; anything else --
 * no seal, a line after it, a byte changed before it, a record file, a
 * note or client.ini changed -- takes the full comparison, as before.
 *
 * Why it cannot hide a merge problem: a merge of two clones (git's union
 * merge of history.csv) either changes the bytes before the last seal (the
 * other clone's lines are put among or before them) or puts lines after
 * it, or both; so does a hand edit of the history.  Each makes H or the
 * place of the seal wrong, and check takes the full comparison.  A record
 * file merged or edited changes S.  A writer that finds the records
 * disagree with their history (after such a merge) writes no seal, so
 * check keeps reporting until check --fix has repaired them.  What is
 * left is a collision of a 128-bit hash that is not cryptographic: the
 * seal detects merges and mistakes, not an adversary who forges files on
 * purpose; git's signed commits (ipt check --signatures, issue 19) are
 * what covers that.
 *
 * The hash (xh128) is two independent 64-bit multiply-rotate lanes over
 * the bytes read as little-endian words, each ended with the length and a
 * final mix: about 3 GB/s, which is nothing next to reading the files.
 *
 * The entry column of the seal is "seal", not an id of 16 hexadecimal
 * digits, so an ipt from before the seal refuses such a history with its
 * error "history.csv:N: entry: not an id of 16 hexadecimal digits"
 * instead of misreading it: the seal is the format marker, and an older
 * clone must update ipt first.  The reader skips seal lines wherever they
 * are (a union merge of two clones leaves two); a writer drops them all
 * and appends one.
 */
#ifndef IPT_SEAL_H
#define IPT_SEAL_H

#include <stddef.h>
#include <stdint.h>

#include "csvt.h"
#include "history.h"
#include "ini.h"
#include "record.h"

#define SEAL_LEN	(sizeof(SEAL_HEAD) - 1 + 32 + 1 + 32 + 1)
#define SEAL_HEAD	"seal,,,,,,seal,,xh128,"

/* The hash: two 64-bit lanes, streamed. */
struct xh128 {
	uint64_t	 a, b;
	uint64_t	 n;		/* bytes */
	unsigned char	 tail[8];
	size_t		 nt;
};

struct seal_hash {
	unsigned char	 d[16];
};

void	 xh128_init(struct xh128 *);
void	 xh128_update(struct xh128 *, const void *, size_t);
void	 xh128_final(struct xh128 *, struct seal_hash *);
void	 xh128(const void *, size_t, struct seal_hash *);
/* 32 lower-case hexadecimal digits and a NUL. */
void	 seal_hex(const struct seal_hash *, char out[33]);

/* A note as the seal sees it: its number and text (NULL: not a note ipt
 * can keep, which no seal covers). */
struct seal_note {
	long		 number;
	const char	*text;
};

/*
 * The hash of a client's records: the rows of each record file (t[f],
 * NULL or a table without columns for a file that is not there), in the
 * order of enum rec_file, each row as the names and values of its fields
 * that are not empty, in the order of its columns; then the sections, keys
 * and values of client.ini that are not empty; then the notes, sorted by
 * number.  What is hashed is what ipt check compares with the history,
 * so that a file written anew with the same values (another quoting, a
 * column added empty) keeps its seal.
 */
void	 seal_state(const struct csv_table *const t[REC_NFILES],
	    const struct ini *, const struct seal_note *, size_t nnote,
	    struct seal_hash *);

/*
 * 1 if the records are what the history says: each file's rows are the
 * live rows of its fold, no two rows of a numbered file share a number,
 * no row is in conflict, each session's note is the one the history holds
 * for it and there is no other note, client.ini holds what the history's
 * row client.ini says.  The notes sorted by number.
 */
int	 seal_agrees(const struct history *, const struct csv_table *const
	    t[REC_NFILES], const struct ini *, const struct seal_note *,
	    size_t nnote);

/* Append the seal line of the two hashes to b. */
struct buf;
void	 seal_line(struct buf *, const struct seal_hash *hist,
	    const struct seal_hash *state);
/*
 * If the last line of text (len bytes) is a seal: 1, and where it starts
 * and its hashes; else 0.
 */
int	 seal_last(const char *text, size_t len, size_t *start,
	    struct seal_hash *hist, struct seal_hash *state);
/*
 * 1 if dir/history.csv ends with a seal line, and its history hash (not
 * checked against the file).
 */
int	 seal_at_end(const char *dir, struct seal_hash *hist);
/* 1 if a line (without its newline) is a seal line. */
int	 seal_parse(const char *line, size_t len, struct seal_hash *hist,
	    struct seal_hash *state);

#endif
