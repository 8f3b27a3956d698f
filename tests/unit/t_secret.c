/*
 * t_secret.c: the practice secret and what it gives (secret.h): the
 * pseudonyms against an independent HMAC-SHA-256 (Python's hmac module),
 * each beginning with a letter and none read as a number; the shifts, all
 * of 1 to 365 days back; the path from the root; [export] secret; the
 * secret git-ignored when made at the root.
 */
#include <sys/stat.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "secret.h"
#include "tap.h"
#include "util.h"

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL) {
		perror(path);
		exit(2);
	}
	fputs(text, fp);
	fclose(fp);
}

static char *
read_text(const char *path)
{
	static char b[4096];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (fp == NULL)
		return NULL;
	n = fread(b, 1, sizeof(b) - 1, fp);
	b[n] = '\0';
	fclose(fp);
	return b;
}

/* A string a spreadsheet or strtod() would read as a number. */
static int
numeric(const char *s)
{
	char *end;

	(void)strtod(s, &end);
	return end != s && *end == '\0';
}

static void
test_pseudonyms(void)
{
	struct export_secret sec;
	char p[PSEUDO_LEN], q[PSEUDO_LEN], path[64];
	static unsigned char seen[SHIFT_MAX + 1];
	long shift, lo = 0, hi = -SHIFT_MAX - 1;
	int i, bad = 0, nseen = 0;

	memset(&sec, 0, sizeof(sec));
	memset(sec.key, 0x06, sizeof(sec.key));
	/*
	 * python3 -c 'import hmac, hashlib; m = hmac.new(b"\x06" * 32,
	 * b"client:clients/ana", hashlib.sha256).digest();
	 * print("C" + m[:8].hex()[:15], -(int.from_bytes(m[8:12], "big")
	 * % 365 + 1))'
	 */
	secret_pseudonym(&sec, 'C', "clients/ana", p);
	is_str(p, "C7558d25c566eb29", "client pseudonym: HMAC of client:PATH");
	is_int(secret_shift(&sec, "clients/ana"), -248,
	    "shift: bytes 8 to 11 of the same MAC");
	secret_pseudonym(&sec, 'C', "clients/ben", p);
	is_str(p, "C23a1cd73f432f0b", "another client");
	is_int(secret_shift(&sec, "clients/ben"), -117, "its shift");

	secret_pseudonym(&sec, 'C', "alice/ana", p);
	secret_pseudonym(&sec, 'C', "bob/ana", q);
	ok(strcmp(p, q) != 0, "alice/ana and bob/ana: two pseudonyms");
	secret_pseudonym(&sec, 'S', "alice", p);
	secret_pseudonym(&sec, 'C', "alice", q);
	ok(p[0] == 'S' && strcmp(p + 1, q + 1) != 0,
	    "a site's pseudonym is keyed apart from a client's of one path");
	secret_pseudonym(&sec, 'T', "Dr. R. Ruiz", p);
	ok(p[0] == 'T' && strlen(p) == PSEUDO_LEN - 1, "therapist pseudonym");

	for (i = 0; i < 200000; i++) {
		snprintf(path, sizeof(path), "therapist%d/client%d", i % 7, i);
		secret_pseudonym(&sec, 'C', path, p);
		if (p[0] != 'C' || strlen(p) != 16 ||
		    strspn(p + 1, "0123456789abcdef") != 15 || numeric(p))
			bad++;
		shift = secret_shift(&sec, path);
		if (shift < -SHIFT_MAX || shift > -1)
			bad++;
		else if (!seen[-shift]) {
			seen[-shift] = 1;
			nseen++;
		}
		if (shift < lo)
			lo = shift;
		if (shift > hi)
			hi = shift;
	}
	is_int(bad, 0, "200,000 pseudonyms: a letter, 15 hex digits, never "
	    "a number; shifts within -365..-1");
	is_int(nseen, SHIFT_MAX, "every shift from -365 to -1 occurs");
	is_int(lo, -SHIFT_MAX, "the largest shift back");
	is_int(hi, -1, "the smallest: never 0");
}

static void
test_files(void)
{
	struct export_secret sec, again;
	struct stat st;
	const char *base = getenv("TMPDIR");
	char *root, *rel, *p, *g;
	int created;

	p = xasprintf("%s/t_secret.XXXXXX", base != NULL ? base : "/tmp");
	if (mkdtemp(p) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	root = realpath(p, NULL);
	free(p);
	p = xasprintf("%s/ipt.ini", root);
	write_file(p, "");
	free(p);
	p = xasprintf("%s/.gitignore", root);
	write_file(p, "*.o");	/* no newline at its end */
	free(p);

	ok(export_secret(root, 0, NULL, &sec, &created) == -1,
	    "no secret, none made: refused");
	ok(export_secret(root, 1, NULL, &sec, &created) == 0 && created,
	    "the first use makes it");
	p = xasprintf("%s/.ipt-secret", root);
	is_str(sec.path, p, "at the root");
	ok(stat(p, &st) == 0 && (st.st_mode & 0777) == 0600, "mode 0600");
	free(p);
	p = xasprintf("%s/.gitignore", root);
	is_str(read_text(p), "*.o\n/.ipt-secret\n",
	    ".gitignore: kept, and names the secret");
	ok(export_secret(root, 1, NULL, &again, &created) == 0 && !created &&
	    memcmp(sec.key, again.key, SECRET_BYTES) == 0,
	    "the next use reads the same secret");
	is_str(read_text(p), "*.o\n/.ipt-secret\n", ".gitignore: once");
	free(p);
	export_secret_free(&again);

	p = xasprintf("%s/a/b", root);
	g = xasprintf("%s/a", root);
	mkdir(g, 0700);
	mkdir(p, 0700);
	rel = secret_relpath(root, p);
	is_str(rel, "a/b", "the path from the root");
	free(rel);
	rel = secret_relpath(root, root);
	is_str(rel, "", "the root itself");
	free(rel);
	ok(secret_relpath(root, "/") == NULL, "a path outside: refused");
	free(p);
	free(g);
	export_secret_free(&sec);

	/* [export] secret: kept outside the practice, not git-ignored. */
	p = xasprintf("%s/a/ipt.ini", root);
	write_file(p, "[export]\nsecret = ../outside.key\n");
	free(p);
	g = xasprintf("%s/a", root);
	ok(export_secret(g, 1, NULL, &sec, &created) == 0 && created,
	    "[export] secret: made where it says");
	p = xasprintf("%s/a/../outside.key", root);
	is_str(sec.path, p, "relative to the root");
	ok(access(p, R_OK) == 0, "the file is there");
	free(p);
	p = xasprintf("%s/a/.gitignore", root);
	ok(access(p, F_OK) == -1, "and no .gitignore is written for it");
	free(p);
	export_secret_free(&sec);
	p = xasprintf("%s/outside.key", root);
	chmod(p, 0640);
	ok(export_secret(g, 1, NULL, &sec, &created) == -1,
	    "a secret others may read is refused");
	free(p);
	p = xasprintf("%s/a/ipt.ini", root);
	write_file(p, "[export]\nsecret =\n");
	free(p);
	ok(export_secret(g, 1, NULL, &sec, &created) == -1,
	    "an empty [export] secret is refused");
	free(g);
	p = xasprintf("rm -rf '%s'", root);
	if (system(p) != 0)
		fprintf(stderr, "# could not remove %s\n", root);
	free(p);
	free(root);
}

int
main(void)
{
	test_pseudonyms();
	test_files();
	return tap_done();
}
