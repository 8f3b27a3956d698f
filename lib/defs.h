/*
 * defs.h: built-in instrument and variant definitions.
 *
 * The INI files under lib/defs/instruments and lib/defs/variants are read
 * at build time by lib/defs/defsgen.c, with ini_load() like any file a
 * practice adds, and compiled in as read (build/gen/defs_gen.c).
 * instrument.c and variant.c check a built-in definition's content with
 * the same code as a practice's file.
 */
#ifndef IPT_DEFS_H
#define IPT_DEFS_H

#include <stddef.h>

#include "ini.h"

struct builtin_def {
	const char	*kind;		/* "instruments" or "variants" */
	const char	*name;		/* file name without .ini */
	struct ini	 ini;		/* as ini_load() read it; path NULL */
};

extern const struct builtin_def	builtin_defs[];
extern const size_t		builtin_ndefs;

#endif
