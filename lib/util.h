/*
 * util.h: error reporting, allocation and string helpers shared by lib/.
 *
 * Functions in lib/ never print and never exit.  They return 0 on success
 * and -1 on failure, after recording a one-line message with ipt_seterr().
 * The message names the file, line and field concerned.  The caller (cmd/)
 * prints it and picks the exit status: ipt_errkind() tells a bad value
 * supplied by the user (exit 2) from a failure of the records or the
 * system (exit 1).
 */
#ifndef IPT_UTIL_H
#define IPT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum ipt_errkind {
	IPT_EFAIL = 1,		/* bad data, I/O: exit 1 */
	IPT_EUSAGE = 2		/* bad value given on the command line: exit 2 */
};

#if defined(__GNUC__)
#define IPT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define IPT_PRINTF(a, b)
#endif

int		 ipt_seterr(const char *, ...) IPT_PRINTF(1, 2);
int		 ipt_setusage(const char *, ...) IPT_PRINTF(1, 2);
int		 ipt_seterrno(const char *, ...) IPT_PRINTF(1, 2);
const char	*ipt_error(void);
int		 ipt_errkind(void);

void		*xmalloc(size_t);
void		*xcalloc(size_t, size_t);
void		*xrealloc(void *, size_t);
void		*xreallocarray(void *, size_t, size_t);
char		*xstrdup(const char *);
char		*xstrndup(const char *, size_t);
char		*xasprintf(const char *, ...) IPT_PRINTF(1, 2);

/* A growable byte buffer, always NUL-terminated. */
struct buf {
	char	*s;
	size_t	 len, cap;
};
/* Make room for `more' bytes (and a NUL) after b->len. */
void		 buf_grow(struct buf *, size_t more);
void		 buf_addc(struct buf *, int);
void		 buf_add(struct buf *, const char *, size_t);
void		 buf_adds(struct buf *, const char *);
void		 buf_printf(struct buf *, const char *, ...) IPT_PRINTF(2, 3);
void		 buf_reset(struct buf *);
void		 buf_free(struct buf *);

/* Parse a whole decimal integer in [min, max]; -1 if not. */
int		 parse_long(const char *, long, long, long *);
/*
 * The fast path of parse_long() for the numbers of record files: 1 to 9
 * digits without a leading zero (or "0"), read without strtol().  -1 for
 * anything else, which the caller leaves to parse_long().
 */
int		 parse_small(const char *, long *);
/*
 * 1 if the string is valid UTF-8 without NUL, DEL, C0 controls but tab
 * (and newline and CR if allowed) or a code point cp_hostile() names.
 */
int		 utf8_valid(const char *, size_t, int allow_newline);
/*
 * 1 if a code point no record holds and no output shows as it is,
 * because a terminal or an editor acts on it: the C1 controls (U+0080 to
 * U+009F), the line and paragraph separators (U+2028, U+2029) and the
 * bidirectional embeddings, overrides and isolates (U+202A to U+202E,
 * U+2066 to U+2069).  The C0 controls and DEL are the caller's to judge.
 */
int		 cp_hostile(unsigned long);
/*
 * The code point at the start of a NUL-terminated string, and its length
 * in bytes (1 for ASCII and the NUL); 0 if it is not valid UTF-8.
 */
size_t		 utf8_next(const char *, unsigned long *);
/* 1 if a client id: [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 bytes. */
int		 valid_id(const char *);
/* 1 if name is one of the ';'-separated names of list. */
int		 list_contains(const char *list, const char *name);
/* 1 if something exists at path (links followed). */
int		 path_exists(const char *);
/* Path join into a fresh string. */
char		*path_join(const char *, const char *);
/* The same, but a directory of "." is left out: "x", not "./x". */
char		*path_child(const char *, const char *);
/* Display width of a UTF-8 string (one column per code point). */
size_t		 utf8_width(const char *);

/* Is s a plain decimal number: -?digits(.digits)? */
int		 plain_decimal(const char *);

#endif
