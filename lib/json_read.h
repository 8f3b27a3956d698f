/*
 * json_read.h: the JSON reader, for files that come from elsewhere (a
 * FHIR QuestionnaireResponse a form filler wrote).
 *
 * json_parse() reads a whole RFC 8259 text into a tree of values, or
 * refuses it with one message naming the file and the line:
 * "FILE:LINE: json: ...".  It is strict: no comments, no trailing
 * commas, no duplicate keys in an object, UTF-8 only, no NUL (not even
 * as \u0000), at most JSON_READ_DEPTH levels of nesting and
 * JSON_READ_MAX bytes.  Numbers are kept as their text (json_number()
 * tells the plain ones), strings decoded to UTF-8.
 *
 *	struct jv doc;
 *
 *	if (json_parse("qr.json", text, len, &doc) == -1)
 *		return -1;
 *	s = jv_str(jv_get(&doc, "resourceType"));
 *	jv_free(&doc);
 */
#ifndef IPT_JSON_READ_H
#define IPT_JSON_READ_H

#include <stddef.h>

#define JSON_READ_DEPTH	64		/* deepest nesting */
#define JSON_READ_MAX	(16L << 20)	/* largest text, bytes */

enum jv_type {
	JV_NULL,
	JV_BOOL,
	JV_NUM,
	JV_STR,
	JV_ARR,
	JV_OBJ
};

struct jv {
	enum jv_type	 t;
	int		 b;		/* JV_BOOL */
	char		*s;		/* JV_STR: decoded; JV_NUM: its text */
	size_t		 n;		/* JV_ARR, JV_OBJ: items or members */
	struct jv	*v;		/* the items, or the members' values */
	char		**k;		/* JV_OBJ: the members' keys */
	size_t		 line;		/* where it begins, from 1 */
};

/* Parse len bytes of text; name is the file as messages name it. */
int		 json_parse(const char *name, const char *, size_t,
		    struct jv *);
void		 jv_free(struct jv *);

/* The member `key' of an object, or NULL (also when v is no object). */
const struct jv	*jv_get(const struct jv *, const char *key);
/* The string of a JV_STR, or NULL (also when v is NULL). */
const char	*jv_str(const struct jv *);
/* The name of a type, for messages: "an object", "a string"... */
const char	*jv_type_name(enum jv_type);

#endif
