/*
 * escape.c: text made safe to show on a terminal (see escape.h).
 *
 * The rule of what is unsafe is utf8_valid()'s and cp_hostile()'s, in
 * util.c: what a record may not hold is what an output escapes.
 */
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "util.h"

/* The length of the character at s, and whether it is shown as it is. */
static size_t
next(const char *s, int how, int *plain)
{
	unsigned char c = (unsigned char)*s;
	unsigned long cp;
	size_t n;

	if (c >= 0x20 && c < 0x7f) {
		*plain = 1;
		return 1;
	}
	if (c < 0x80) {
		*plain = (how == ESC_TEXT && (c == '\t' || c == '\n')) ||
		    (how == ESC_TEXT && c == '\r' && s[1] == '\n');
		return 1;
	}
	if ((n = utf8_next(s, &cp)) == 0) {
		*plain = 0;
		return 1;
	}
	*plain = !cp_hostile(cp);
	return n;
}

int
esc_needed(const char *s, int how)
{
	int plain;

	/* Printable ASCII, the common case, in one quick pass. */
	while ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f)
		s++;
	while (*s != '\0') {
		s += next(s, how, &plain);
		if (!plain)
			return 1;
	}
	return 0;
}

void
esc_buf(struct buf *b, const char *s, int how)
{
	unsigned long cp;
	size_t n;
	int plain;

	while (*s != '\0') {
		n = next(s, how, &plain);
		if (plain)
			buf_add(b, s, n);
		else if (*s == '\t')
			buf_adds(b, "\\t");
		else if (*s == '\n')
			buf_adds(b, "\\n");
		else if (*s == '\r')
			buf_adds(b, "\\r");
		else if (n == 1)
			buf_printf(b, "\\x%02x", (unsigned char)*s);
		else {
			(void)utf8_next(s, &cp);
			buf_printf(b, "\\u%04lx", cp);
		}
		s += n;
	}
}

static const char *
ring(const char *s, int how)
{
	static struct buf slot[8];
	static size_t turn;
	struct buf *b;

	if (!esc_needed(s, how))
		return s;
	b = &slot[turn++ % 8];
	buf_reset(b);
	esc_buf(b, s, how);
	return b->s;
}

const char *
esc(const char *s)
{
	return ring(s, ESC_LINE);
}

const char *
esc_text(const char *s)
{
	return ring(s, ESC_TEXT);
}
