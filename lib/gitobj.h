/*
 * gitobj.h: git's objects, refs and identity read and written in
 * process, for the autocommit's common case (see gitobj.c).
 *
 * Everything here answers either with certainty or "unusual": a
 * repository, a setting or an object it does not handle with certainty
 * is left to git itself (git.c runs it then), never guessed at.
 */
#ifndef IPT_GITOBJ_H
#define IPT_GITOBJ_H

#include <stddef.h>
#include <stdint.h>

#define GITOBJ_RAW	20	/* bytes of a SHA-1 object id */
#define GITOBJ_HEX	41	/* its hex form, NUL included */

/* SHA-1 (FIPS 180-4). */
struct sha1 {
	uint32_t	 h[5];
	uint64_t	 len;
	unsigned char	 buf[64];
	size_t		 nbuf;
};
void	 sha1_init(struct sha1 *);
void	 sha1_update(struct sha1 *, const void *, size_t);
void	 sha1_final(struct sha1 *, unsigned char [GITOBJ_RAW]);
void	 sha1(const void *, size_t, unsigned char [GITOBJ_RAW]);

void	 gitobj_hex(const unsigned char [GITOBJ_RAW], char [GITOBJ_HEX]);
/* 0, or -1 when s is not 40 lower-case hex digits (then the end). */
int	 gitobj_unhex(const char *s, unsigned char [GITOBJ_RAW]);
/* The id git gives an object of type ("blob", "tree", "commit"). */
void	 gitobj_hash(const char *type, const void *, size_t,
	    unsigned char [GITOBJ_RAW]);

struct gitobj;
/*
 * The repository whose work tree holds dir, found by walking up from
 * dir for a .git directory: 0 with *g when it is one gitobj handles
 * (a plain .git directory, SHA-1, files refs, no alternates, shallow
 * file, extensions, core.worktree, core.bare, hooks of ref updates,
 * GIT_DIR and the like, owned by us), 1 when git must be asked.
 */
int	 gitobj_open(const char *dir, struct gitobj **g);
void	 gitobj_close(struct gitobj *);
const char *gitobj_top(const struct gitobj *);	/* its real path */
const char *gitobj_gitdir(const struct gitobj *);

/*
 * Object id's type ("commit", "tree", "blob", "tag") in type and body in
 * *data (to be freed), from a loose object or a pack: 0, 1 not there,
 * -1 corrupt (a length or a checksum wrong, a delta that does not
 * apply).
 */
int	 gitobj_read(struct gitobj *, const unsigned char [GITOBJ_RAW],
	    char type[8], unsigned char **data, size_t *len);
/* Write a loose object (unless there already): 0 with its id, or -1. */
int	 gitobj_write(struct gitobj *, const char *type, const void *,
	    size_t, unsigned char [GITOBJ_RAW]);

/*
 * HEAD: *ref the branch it names ("refs/heads/X", to be freed), NULL
 * when detached, and its commit in oid: 0, 1 unborn or unusual.
 */
int	 gitobj_head(struct gitobj *, char **ref,
	    unsigned char [GITOBJ_RAW]);
/*
 * Move ref, the branch HEAD names (NULL: a detached HEAD), from old to
 * new as git update-ref HEAD does: its lock, compare and swap, the
 * reflog lines of ident ("Name <email> epoch tz") and msg.  0, 2 it was
 * not old any more, HEAD names another, or another holds its lock (try
 * again), -1 failed.
 */
int	 gitobj_update_ref(struct gitobj *, const char *ref,
	    const unsigned char [GITOBJ_RAW], const unsigned char [GITOBJ_RAW],
	    const char *ident, const char *msg);

/*
 * "Name <email> epoch tz" of the committer (who 'C') or author ('A'),
 * as git var GIT_COMMITTER_IDENT says it, from the environment and the
 * configuration files of g's repository (g NULL: the global ones): 0,
 * or 1 when git must say (an include, a value not understood, no
 * email, a date to parse).
 */
int	 gitobj_ident(struct gitobj *, int who, char *, size_t);
/*
 * user.name as git config user.name in dir says it ("" when not set):
 * 0, or 1 when git must say.
 */
int	 gitobj_user_name(const char *dir, char *, size_t);
/*
 * Whether git hash-object takes the files of top/dir ("" the top) as
 * they are: no .gitattributes there, in info/attributes or the global
 * one but merge and diff attributes (no text, eol, filter).
 */
int	 gitobj_attr_plain(struct gitobj *, const char *dir);
/* Whether the configuration asks for what makes a commit not plain. */
int	 gitobj_plain_commit(struct gitobj *);

#endif
