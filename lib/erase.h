/*
 * erase.h: the deliberate erasure of a client's records.
 *
 * Only when asked twice (the client's id given again, as --confirm), and
 * only past the practice's retention (retention.h) unless forced.  The
 * directory is renamed aside first, under its lock, to a dot name in the
 * same parent (.NAME.erased.XXXXXX) that no scan visits, then removed
 * whole: a crash between leaves the aside copy (which the message names,
 * to remove by hand), never a half-removed client.
 */
#ifndef IPT_ERASE_H
#define IPT_ERASE_H

#define ERASE_DATE	11

struct erase_info {
	char	*id;			/* the client's */
	char	 until[ERASE_DATE];	/* retained until, "" if not ended */
	char	 rule[96];		/* the retention rule applied */
	int	 within;		/* erased within retention (forced) */
	char	*git_top;		/* the git work tree it was in, or NULL */
	char	*git_path;		/* the directory's path in it */
	int	 committed;		/* its removal autocommitted */
	char	*git_warning;		/* why autocommit failed, or NULL */
};

/*
 * Erase the client directory dir.  -1 with why: a usage error when
 * confirm is not its id; a failure when it is within retention and not
 * force, or cannot be removed (then nothing is changed, or what remains
 * is named).  info is filled in either way; erase_info_free() it.
 */
int	 erase_client(const char *dir, const char *confirm, int force,
	    long today, struct erase_info *);
void	 erase_info_free(struct erase_info *);

#endif
