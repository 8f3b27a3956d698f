/*
 * defs.h: built-in instrument and variant definitions.
 *
 * The INI files under lib/defs/instruments and lib/defs/variants are
 * compiled into the binary as strings (lib/defs/embed.sh writes
 * lib/defs_gen.c); they are parsed with ini_load_mem() like any file a
 * practice adds.
 */
#ifndef IPT_DEFS_H
#define IPT_DEFS_H

#include <stddef.h>

struct builtin_def {
	const char	*kind;		/* "instruments" or "variants" */
	const char	*name;		/* file name without .ini */
	const char	*text;
};

extern const struct builtin_def	builtin_defs[];
extern const size_t		builtin_ndefs;

#endif
