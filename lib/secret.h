/*
 * secret.h: the practice secret behind de-identified exports, and the
 * pseudonym and date shift it gives each client.
 */
#ifndef IPT_SECRET_H
#define IPT_SECRET_H

#define SECRET_FILE	".ipt-secret"
#define SECRET_BYTES	32

/* A practice secret, read or made by export_secret(). */
struct export_secret {
	char		*root;
	unsigned char	 key[SECRET_BYTES];
};

/*
 * The secret of the practice at root: ROOT/.ipt-secret, 64 hexadecimal
 * digits.  When there is none and `create' is set, 32 random bytes from
 * /dev/urandom are written there (mode 0600, complete before the name
 * appears: a temporary file linked to the name, so that two exports
 * racing agree on one secret) and *created is set.  A secret file that
 * others may read is refused.
 */
int	 export_secret(const char *root, int create, struct export_secret *,
	    int *created);
void	 export_secret_free(struct export_secret *);

/* The pseudonym (16 hex digits) and the date shift of a client id. */
void	 export_pseudonym(const struct export_secret *, const char *id,
	    char out[17], long *shift);

#endif
