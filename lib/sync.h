/*
 * sync.h: the practice shared through a git remote (ipt sync).
 *
 * sync_practice() does, in the practice's own repository (git.h):
 *   1. commit what is not committed yet in the client directories (a
 *      merge a person finished by hand included);
 *   2. git fetch the remote, and merge its branch of the same name
 *      (.gitattributes make git merge record files as a union);
 *   3. repair every client as ipt check --fix does (the history says
 *      which rows a merge brought back, numbers sessions both sides
 *      added), and commit the merge with its repair;
 *   4. check every client: with errors (a row two clones changed
 *      differently, which ipt history --resolve decides) nothing is
 *      pushed, and the errors are listed for a person;
 *   5. git push.
 * A merge git cannot make (a file both sides changed that is not merged
 * as a union, such as client.ini) is aborted, the records left as they
 * were, and each such file is listed for a person.
 * Nothing is printed: what was done and what a person must decide are
 * lines in the report.
 */
#ifndef IPT_SYNC_H
#define IPT_SYNC_H

#include <stddef.h>

#include "util.h"

struct instr_set;

struct sync_report {
	struct buf	 done;		/* what was done, a line each */
	struct buf	 decide;	/* what stopped it, a line each */
	struct buf	 advice;	/* what to do about it, one line */
	size_t		 errors;	/* errors of check */
};

/*
 * Sync the practice above dir with the remote (NULL: [git] remote of
 * ipt.ini, else the branch's remote, else "origin"), checking with set
 * (may be NULL).  0 when the practice is merged, checked and pushed; 1
 * when it stopped for a person (the report says why and what to do);
 * -1 after ipt_seterr() when git or the practice failed.
 */
int	 sync_practice(const char *dir, const char *remote,
	    const struct instr_set *set, struct sync_report *);
void	 sync_report_free(struct sync_report *);

#endif
