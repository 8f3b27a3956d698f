/*
 * secret.h: the practice secret behind de-identified exports, and the
 * pseudonyms and date shift it gives each client.
 */
#ifndef IPT_SECRET_H
#define IPT_SECRET_H

#define SECRET_FILE	".ipt-secret"
#define SECRET_BYTES	32
#define PSEUDO_LEN	17	/* a letter, 15 hexadecimal digits, NUL */
#define SHIFT_MAX	365	/* shifts are -1 to -SHIFT_MAX days */

/* A practice secret, read or made by export_secret(). */
struct export_secret {
	char		*root;		/* the practice root (a real path) */
	char		*path;		/* where the secret is kept */
	int		 outside;	/* set by [export] secret in ipt.ini */
	unsigned char	 key[SECRET_BYTES];
};

/*
 * The secret of the practice at root (a real path, as practice_root()
 * gives): the file named by [export] secret in ROOT/ipt.ini (absolute,
 * or relative to the root), else ROOT/.ipt-secret; 64 hexadecimal
 * digits.  When there is none and `create' is set, 32 random bytes from
 * /dev/urandom are written there (mode 0600, complete before the name
 * appears: a temporary file linked to the name, so that two exports
 * racing agree on one secret) and *created is set; a secret made at the
 * root is added to ROOT/.gitignore.  A secret file that others may read
 * is refused, and so is one inside a client directory or inside
 * `keep_out' (the export's --output, or NULL), before anything is made:
 * the secret must never travel with records or an export.
 */
int	 export_secret(const char *root, int create, const char *keep_out,
	    struct export_secret *,
	    int *created);
void	 export_secret_free(struct export_secret *);

/*
 * The path of directory dir from the practice root (a real path), "" for
 * the root
 * itself (newly allocated; NULL after ipt_seterr when dir is not under
 * the root).  Pseudonyms are keyed on it, so that two clients with the
 * same directory name under two therapists stay two people.
 */
char	*secret_relpath(const char *root, const char *dir);

/*
 * A pseudonym: the letter `kind' ('C' client, 'S' site, 'T' therapist)
 * and the first 15 hexadecimal digits of HMAC-SHA-256(secret,
 * "KIND:TEXT"), KIND being "client", "site" or "therapist".  It always
 * begins with a letter, so that no spreadsheet reads it as a number.
 */
void	 secret_pseudonym(const struct export_secret *, char kind,
	    const char *text, char out[PSEUDO_LEN]);
/*
 * The date shift of the client at relpath: -1 to -SHIFT_MAX days, from
 * bytes 8 to 11 of its pseudonym's MAC (which the pseudonym does not
 * show).
 */
long	 secret_shift(const struct export_secret *, const char *relpath);

#endif
