/*
 * client.h: a client directory and its client.ini.
 *
 * A client directory is recognised by its client.ini.  A practice root is
 * the nearest directory above a client directory (or the directory given
 * to a caseload command) that holds an ipt.ini; its instruments/ and
 * variants/ folders add to the built-in definitions.
 */
#ifndef IPT_CLIENT_H
#define IPT_CLIENT_H

#include "ini.h"
#include "record.h"

#define PRACTICE_INI	"ipt.ini"
#define CLIENT_FORMAT	"1"

struct client {
	char		*dir;
	char		*root;		/* practice root, or NULL */
	struct ini	 ini;
	/* Views into ini, refreshed by client_refresh(). */
	const char	*id, *name, *variant, *start, *therapist, *status;
	const char	*primary, *secondary, *focus_set_on;
	const char	*ended_on, *end_reason;	/* "" unless ended */
	/* [profile]: "" when not recorded. */
	const char	*birth_date, *diagnosis, *icd, *referrer;
	const char	*consent_date, *emergency;
	long		 planned;	/* planned sessions */
	long		 frequency;	/* days between sessions */
	long		 start_day;
	long		 end_day;	/* day of ended_on, or -1 */
	long		 episode;	/* the current episode (episode.h), 1.. */
};

/* Parameters of ipt init; NULL fields take defaults. */
struct client_params {
	const char	*id, *name, *variant, *start, *therapist;
	const char	*sessions, *frequency;
	int		 adopt;		/* --adopt: take a non-empty directory */
};

extern const char *const client_statuses[];	/* NULL-terminated */
/* Why a therapy ended: record.c's, since episodes.csv keeps them too. */
#define client_end_reasons	rec_end_reasons

/* The nearest directory from `from' upwards holding client.ini. */
int	 client_find(const char *from, char **dir);
/* Load and validate dir/client.ini. */
int	 client_open(struct client *, const char *dir);
int	 client_refresh(struct client *);
/*
 * Read dir/client.ini again into *c (closing what it held), so that a
 * change under the directory lock (txn.h) starts from what is on disk.
 */
int	 client_reload(struct client *, const char *dir);
/* Write client.ini (the caller holds the directory lock: tests/bench/gen.c). */
int	 client_save(struct client *);
void	 client_close(struct client *);
/*
 * Create a client directory (mode 0700) and its client.ini.  An existing
 * directory must be empty unless p->adopt, and is made 0700 only if it
 * is this user's own and not shared (sticky, or writable by others):
 * such a one is refused.
 */
int	 client_create(const char *dir, const struct client_params *);
/* The practice root above a path, or NULL (not an error). */
char	*practice_root(const char *path);
/*
 * The author of this process's changes to records (history.h): IPT_AUTHOR,
 * else [practice] clinician in root's ipt.ini, else git's user.name,
 * else the user's login name.  -1 if root's ipt.ini is there but does not
 * read: a write must not guess the practice's settings.
 */
int	 practice_author(const char *root);
/*
 * For caseload_scan() only: `child', a path the walk made by joining
 * `parent' and the name of a subdirectory that is not a link, is about to
 * be visited; practice_root(child) then takes the root above parent from
 * a memo (found once per parent) after looking for child's own ipt.ini
 * (own: 1 or 0 if the walk looked already, -1 if not).  A NULL child ends
 * the visit; a NULL parent ends the scan and forgets the memo.
 */
void	 practice_root_hint(const char *parent, const char *child, int own);

/* Changes of ipt plan; NULL fields are left as they are. */
struct plan_input {
	const char	*status, *sessions, *frequency, *variant;
	const char	*name, *therapist, *start;
	const char	*date, *reason;	/* of --status ended */
	/* The profile ([profile]); "" removes a value. */
	const char	*birth_date, *diagnosis, *icd, *referrer;
	const char	*consent_date, *emergency;
};

/* The keys of [profile], in the order they are shown. */
extern const char *const client_profile_keys[];
/* Whole years of age on day today, from a good birth date; -1 if none. */
long	 client_age(const struct client *, long today);

/*
 * Change the plan and profile in client.ini, under the directory lock.
 * Ending (status ended) records the day (date, NULL: today) and the
 * reason, one of client_end_reasons: the day is not after today, not
 * before the start and not before a session held (entry.h).  A client
 * that has ended stays ended until its status is changed to active or
 * maintenance: that starts a new episode (episode.h) on --start (NULL:
 * today), after the end and not after today.  The episode that ended
 * is appended to episodes.csv, with its plan and focus, and client.ini
 * names the new one; both are written in one transaction.
 */
int	 client_update(struct client *, const struct plan_input *);

#endif
