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
	long		 planned;	/* planned sessions */
	long		 frequency;	/* days between sessions */
	long		 start_day;
};

/* Parameters of ipt init; NULL fields take defaults. */
struct client_params {
	const char	*id, *name, *variant, *start, *therapist;
	const char	*sessions, *frequency;
};

extern const char *const client_statuses[];	/* NULL-terminated */

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
/* Create a client directory (mode 0700) and its client.ini. */
int	 client_create(const char *dir, const struct client_params *);
/* The practice root above a path, or NULL (not an error). */
char	*practice_root(const char *path);
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
};

/* Change the plan and profile in client.ini, under the directory lock. */
int	 client_update(struct client *, const struct plan_input *);

#endif
