/*
 * trust.h: a practice root's definitions are used only when nobody else
 * could have written them, as git's safe.directory asks.
 */
#ifndef IPT_TRUST_H
#define IPT_TRUST_H

/*
 * Check ROOT/ipt.ini, ROOT/instruments/ and ROOT/variants/ (each
 * directory and every file in it), those that exist: each must be owned
 * by the user running ipt or by root, and writable by neither group nor
 * others.  Otherwise an error naming the path and why (-1): another user
 * could plant an instruments/phq9.ini without its risk item.  A root
 * found safe is remembered, so that a scan checks it once.
 */
int	 trust_root(const char *root);

struct ini;

/*
 * Load ROOT/ipt.ini once trust_root() finds the root safe, setting *path
 * to its path (for messages; the caller frees it and ini_free()s ini).
 * -1 with the error set, and nothing to free, otherwise.
 */
int	 trust_ini(const char *root, struct ini *ini, char **path);

/*
 * The practice's definition ROOT/DIR/NAME.ini: 0 with *path set to it
 * (the caller frees it) or to NULL where there is none (or no root), -1
 * with the error set where it cannot be looked at.  The root must have
 * passed trust_root().
 */
int	 trust_def_path(const char *root, const char *dir, const char *name,
	    char **path);

#endif
