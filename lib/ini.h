/*
 * ini.h: INI files read with iniparser 4.1 and written by our own writer.
 *
 * An ini is an ordered list of sections, each an ordered list of key/value
 * pairs; unknown sections and keys survive a load and save.  Names are
 * [a-z0-9][a-z0-9_.-]* (iniparser lowercases anything else).  Values are
 * always written quoted, so that ';', '#', '=' and blanks round-trip; a
 * value that iniparser 4.1 cannot read back exactly (one holding both
 * quote characters, a backslash, a control character, invalid UTF-8, or
 * a line over the reader's limit) is refused by ini_set(), and every file
 * is read back with iniparser and compared before it replaces the old one.
 * ini_load() refuses such a value too, with its line: what loads can be
 * written back.
 */
#ifndef IPT_INI_H
#define IPT_INI_H

#include <stddef.h>
#include <stdio.h>

#define INI_MAXLINE	1000	/* bytes per written line, newline excluded */

struct ini_kv {
	char	*key;
	char	*val;
};

struct ini_sec {
	char		*name;
	size_t		 n;
	struct ini_kv	*kv;
};

struct ini {
	char		*path;		/* for messages; may be NULL */
	size_t		 n;
	struct ini_sec	*sec;
};

/* Load a file; a missing file is an error naming it. */
int		 ini_load(struct ini *, const char *path);
/* Load text in memory as ini_load() loads a file; name is for messages. */
int		 ini_load_mem(struct ini *, const char *name, const char *, size_t);
const char	*ini_get(const struct ini *, const char *sec, const char *key);
/* Set a value, creating the section and key as needed; -1 if not storable. */
int		 ini_set(struct ini *, const char *sec, const char *key, const char *val);
int		 ini_unset(struct ini *, const char *sec, const char *key);
const struct ini_sec *ini_section(const struct ini *, const char *sec);
/* 0 if the value can be written so that iniparser reads it back exactly. */
int		 ini_value_ok(const char *key, const char *val);
int		 ini_name_ok(const char *);
/* Write the text of the file. */
/*
 * The bytes ini_write() writes; ini_fits(): -1 (why, naming the file
 * name) if more than ini_load() reads, so a caller refuses the change
 * before it writes any file.
 */
size_t		 ini_size(const struct ini *);
int		 ini_fits(const struct ini *, const char *name);
int		 ini_write(const struct ini *, FILE *);
/* Compare two ini contents; 0 when equal. */
int		 ini_equal(const struct ini *, const struct ini *);
void		 ini_free(struct ini *);

#endif
