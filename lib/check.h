/*
 * check.h: validation of client directories and fidelity to the variant.
 *
 * check_client() reads every file of a client directory, collecting
 * every problem rather than stopping at the first: files that do not
 * parse, unknown or missing columns, values out of range, session numbers
 * repeated or out of order, dates going backwards, rows that refer to
 * sessions that do not exist, measures whose total, severity or risk flag
 * disagree with their items, a focus in client.ini that is not the last
 * one in focus.csv, exact duplicate rows (what a git union merge of two
 * clones leaves), temporary files of interrupted writes; then the
 * fidelity rules of the variant (see ipt-check(1)).
 *
 * check_fix() repairs only what is safe: exact duplicate rows removed,
 * rows put back in order, client.ini's focus set from the latest decision
 * in focus.csv, temporary files removed.  It never chooses between two
 * different rows.
 */
#ifndef IPT_CHECK_H
#define IPT_CHECK_H

#include <stddef.h>

#include "util.h"

struct instr_set;

enum severity {
	SEV_ERROR,
	SEV_WARNING
};

struct finding {
	char		*path;
	size_t		 line;		/* 0: the file as a whole */
	enum severity	 sev;
	char		*msg;
};

struct findings {
	struct finding	*v;
	size_t		 n;
	size_t		 cap;		/* allocated */
	char		*id;		/* the client's id, once client.ini read */
	size_t		 sealed;	/* histories verified by their seal */
};

/*
 * The ids of the clients checked so far, per practice: two clients of one
 * practice with one id (a copied directory, init --id) read as one person
 * in ls and remind and share calendar UIDs.  check_ids_add() adds the id
 * check_client() found in f, and an error to f if another client of the
 * practice at root has it (no practice root: nothing to compare).  The set holds one string per
 * client: the only memory of a check that grows with the caseload.
 */
struct check_ids {
	char		**slot;		/* "ROOT\nID\nDIR", open addressing */
	size_t		 n, cap;
};
void	 check_ids_add(struct check_ids *, const char *root, const char *dir,
	    struct findings *);
void	 check_ids_free(struct check_ids *);

/* Check one client directory; findings are appended, sorted. */
int	 check_client(const char *dir, const struct instr_set *,
	    struct findings *);
/* The same, and the requirements of a profile (profile.h) if not NULL. */
struct profile;
int	 check_client_profile(const char *dir, const struct instr_set *,
	    const struct profile *, struct findings *);
/* Repair what is safe; each change is described as a line in log. */
int	 check_fix(const char *dir, struct buf *log);
/*
 * Before a scan of check_client() calls (caseload.h): each client's
 * history.csv is read ahead with its records.
 */
void	 check_scan_begin(void);
/*
 * Record a person's decision on a row two clones changed differently
 * (history.h): the row (an id of 8 digits or more) as the file now has
 * it, and its note, become what the history says.
 */
int	 history_resolve(const char *dir, const char *row, struct buf *log);
size_t	 findings_errors(const struct findings *);
void	 findings_free(struct findings *);

#endif
