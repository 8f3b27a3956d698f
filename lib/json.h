/*
 * json.h: the JSON writer of every renderer, and its string escaper.
 *
 * A writer (struct json_w) prints to a file or appends to a buffer and
 * keeps, for each open object or array, whether it holds an item yet: it
 * writes the comma between items, and the caller never does.
 *
 *	struct json_w w;
 *
 *	jw_file(&w, stdout);
 *	jw_obj(&w);			{
 *	jw_key(&w, "id");		{"id": 
 *	jw_str(&w, "ana");		{"id": "ana"
 *	jw_key(&w, "held");		{"id": "ana", "held": 
 *	jw_num(&w, 11);			{"id": "ana", "held": 11
 *	jw_end(&w);			{"id": "ana", "held": 11}
 *
 * Layout.  Items are separated by ", ".  The caller breaks lines with
 * jw_gap(): the white space it gives is written once, before the next
 * item (after its comma) in place of the default space, or before the
 * closing bracket if the container ends next and holds an item.  Bytes
 * that are no item at all (a newline after the document) go through
 * jw_out().
 *
 * Strings are escaped as RFC 8259 asks: the quotation mark, the reverse
 * solidus and the controls U+0000 to U+001F (as \n, \r, \t or \u00XX);
 * and besides, so that raw JSON is safe on a terminal and in JavaScript,
 * DEL and the code points of cp_hostile() (C1 controls, U+2028, U+2029,
 * bidirectional overrides) as \u00XX or \uXXXX, and a byte that is not
 * valid UTF-8 as \ufffd.  Other UTF-8 is written as it is.
 */
#ifndef IPT_JSON_H
#define IPT_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

#define JSON_DEPTH	16	/* deepest nesting */

struct json_w {
	FILE		*fp;		/* the output: a file, */
	struct buf	*b;		/* or a buffer */
	const char	*gap;		/* white space before the next item */
	int		 key;		/* a key is waiting for its value */
	int		 depth;
	int		 bad;		/* nesting misused: see jw_ok() */
	char		 kind[JSON_DEPTH];	/* '{', '[', or 0: a part */
	unsigned char	 any[JSON_DEPTH];	/* it holds an item */
};

/* A writer printing to a file, or appending to a buffer. */
void	 jw_file(struct json_w *, FILE *);
void	 jw_buf(struct json_w *, struct buf *);

/* Begin an object or an array (a value: after a key, or an item). */
void	 jw_obj(struct json_w *);
void	 jw_arr(struct json_w *);
/*
 * Begin a part: items separated by commas, without brackets, for a run
 * of items that another writer places inside its own array (see
 * jw_raw()).  jw_end() ends it and writes nothing.
 */
void	 jw_part(struct json_w *);
/* End the innermost object, array or part. */
void	 jw_end(struct json_w *);

/* A member's key (escaped), followed by ": "; then its value. */
void	 jw_key(struct json_w *, const char *);
/* The same for a key written already quoted, with its ": ". */
void	 jw_key_raw(struct json_w *, const char *, size_t);

/* Members: a key and its value at once. */
void	 jw_kstr(struct json_w *, const char *key, const char *);
void	 jw_knum(struct json_w *, const char *key, long);
void	 jw_kday(struct json_w *, const char *key, long day);
/* Values. */
void	 jw_str(struct json_w *, const char *);
void	 jw_num(struct json_w *, long);
void	 jw_null(struct json_w *);
void	 jw_bool(struct json_w *, int);
/* A date (YYYY-MM-DD) from a day number, or null when day < 0. */
void	 jw_day(struct json_w *, long day);
/*
 * An item already written as JSON: a number as the caller formats it,
 * or a part made by another writer (a run of items, or of members).
 */
void	 jw_raw(struct json_w *, const char *, size_t);

/* White space before the next item or closing bracket (see above). */
void	 jw_gap(struct json_w *, const char *);
/* Bytes outside the JSON structure, written as they are. */
void	 jw_out(struct json_w *, const char *);
/*
 * 1 if the writer is at the top level with nothing pending: each
 * container opened was closed, each key had its value; else 0.
 */
int	 jw_ok(const struct json_w *);

/*
 * Is s a number as JSON writes it: -?(0|[1-9][0-9]*)(\.[0-9]+)?
 * (no exponent, no leading zero, no plus sign)?
 */
int	 json_number(const char *);

/* A JSON string literal, escaped (the one escaper of lib/). */
void	 json_str(FILE *, const char *);
/* The same, appended to a buffer. */
void	 buf_json_str(struct buf *, const char *);

#endif
