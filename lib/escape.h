/*
 * escape.h: text from the records and the file system made safe to show.
 *
 * A value reaches a terminal only through these functions (the renderers,
 * the messages of fail() and of check): whatever a terminal, a pager or
 * an editor would act on instead of showing is written as a visible
 * escape, so that a client directory named with an escape sequence or a
 * newline, or a hand-edited file, cannot move the cursor, recolour the
 * screen, reorder a line or forge a line of output.  Escaped are:
 *
 *	tab, newline, CR	\t \n \r (esc_text() keeps tab, newline
 *				 and the CR of a CR LF, which are harmless)
 *	other C0 controls, DEL	\xHH
 *	a byte not valid UTF-8	\xHH
 *	cp_hostile() code points \uHHHH: C1 controls, U+2028, U+2029 and
 *				 the bidirectional overrides and isolates
 *
 * A backslash is shown as it is: the escape is for reading, not a format
 * to parse back.  Record files cannot hold these characters (utf8_valid()
 * refuses them when they are entered and when a file is read), so in
 * practice only paths and the words of a message are ever escaped.
 */
#ifndef IPT_ESCAPE_H
#define IPT_ESCAPE_H

struct buf;

#define ESC_LINE	0	/* one line: tab and newline escaped too */
#define ESC_TEXT	1	/* tab and newline kept */

/* 1 if s would change under esc_buf(). */
int		 esc_needed(const char *s, int how);
/* Append s to b, escaped. */
void		 esc_buf(struct buf *, const char *s, int how);
/*
 * s itself when it needs no escape, or else its escape (ESC_LINE, or
 * ESC_TEXT for esc_text()) in one of eight buffers used in turn: valid
 * until the eighth call after, enough for the arguments of one printf.
 */
const char	*esc(const char *s);
const char	*esc_text(const char *s);

#endif
