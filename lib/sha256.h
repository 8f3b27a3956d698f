/*
 * sha256.h: SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104).
 *
 * A small, dependency-free implementation for the pseudonyms and date
 * offsets of `ipt export --deidentify'.  It is checked against the test
 * vectors of FIPS 180-4 and RFC 4231 (tests/unit/t_sha256.c).
 */
#ifndef IPT_SHA256_H
#define IPT_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN	32	/* bytes in a digest */
#define SHA256_BLOCK	64	/* bytes in a block */

struct sha256 {
	uint32_t	 h[8];
	uint64_t	 len;		/* bytes hashed so far */
	unsigned char	 buf[SHA256_BLOCK];
	size_t		 nbuf;
};

void	 sha256_init(struct sha256 *);
void	 sha256_update(struct sha256 *, const void *, size_t);
void	 sha256_final(struct sha256 *, unsigned char [SHA256_LEN]);
/* One-shot digest. */
void	 sha256(const void *, size_t, unsigned char [SHA256_LEN]);
/* HMAC-SHA-256 of msg under key (any length). */
void	 hmac_sha256(const void *key, size_t keylen, const void *msg,
	    size_t msglen, unsigned char [SHA256_LEN]);
/* Lowercase hex of n bytes into out, which holds 2n + 1 bytes. */
void	 hex_encode(const unsigned char *, size_t n, char *out);
/* Decode exactly n bytes from 2n hex digits; -1 if not hex or not 2n. */
int	 hex_decode(const char *, unsigned char *, size_t n);

#endif
