/*
 * t_gitobj.c: SHA-1 against FIPS 180-4's examples; object ids against
 * git hash-object's; objects written here read by git (cat-file, fsck)
 * and git's read here, loose, packed with OFS_DELTA (git gc) and with
 * REF_DELTA (repack.useDeltaBaseOffset false); a truncated or corrupt
 * loose object or pack is an error, not a crash.  The git parts are
 * skipped without git.  300 packs and indexes with bytes changed at
 * random are read without a crash.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gitobj.h"
#include "util.h"
#include "tap.h"

static char	 dir[4096];

static void
sha1_is(const char *msg, size_t n, const char *want, const char *name)
{
	unsigned char d[GITOBJ_RAW];
	char hex[GITOBJ_HEX];

	sha1(msg, n, d);
	gitobj_hex(d, hex);
	is_str(hex, want, "%s", name);
}

static void
test_sha1(void)
{
	static const char two[] =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	struct sha1 s;
	unsigned char d[GITOBJ_RAW];
	char hex[GITOBJ_HEX], a[1000];
	int i;

	sha1_is("abc", 3, "a9993e364706816aba3e25717850c26c9cd0d89d",
	    "SHA-1 of \"abc\" (FIPS 180-4 example)");
	sha1_is(two, strlen(two), "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
	    "SHA-1 of the two-block message");
	sha1_is("", 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709",
	    "SHA-1 of nothing");
	memset(a, 'a', sizeof(a));
	sha1_init(&s);
	/* In pieces that do not fall on blocks. */
	for (i = 0; i < 1000; i++) {
		sha1_update(&s, a, 1 + i % 7);
		sha1_update(&s, a, 1000 - 1 - i % 7);
	}
	sha1_final(&s, d);
	gitobj_hex(d, hex);
	is_str(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
	    "SHA-1 of a million 'a' fed in uneven pieces");
}

/* The first line git prints for cmd (run in dir), or "". */
static char *
run(const char *fmt, ...)
{
	static char line[512];
	char cmd[8192];
	va_list ap;
	FILE *fp;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	line[0] = '\0';
	if ((fp = popen(cmd, "r")) == NULL)
		return line;
	if (fgets(line, sizeof(line), fp) == NULL)
		line[0] = '\0';
	line[strcspn(line, "\n")] = '\0';
	pclose(fp);
	return line;
}

static void
put(const char *name, const void *p, size_t n)
{
	char *path = path_join(dir, name);
	FILE *fp = fopen(path, "wb");

	if (fp != NULL) {
		fwrite(p, 1, n, fp);
		fclose(fp);
	}
	free(path);
}

/* gitobj_hash() of the bytes equals git hash-object -t type's. */
static void
same_id(const char *type, const void *p, size_t n)
{
	unsigned char oid[GITOBJ_RAW];
	char hex[GITOBJ_HEX];

	put("obj", p, n);
	gitobj_hash(type, p, n, oid);
	gitobj_hex(oid, hex);
	is_str(hex, run("cd '%s' && git hash-object -t %s obj", dir, type),
	    "a %s's id is git hash-object's", type);
}

/* Every object of the repository read, and each as git says it is. */
static int
read_all(struct gitobj *g, int *nread)
{
	unsigned char oid[GITOBJ_RAW], *data;
	char cmd[4200], line[256], type[8];
	size_t len;
	FILE *fp;
	int bad = 0;

	*nread = 0;
	snprintf(cmd, sizeof(cmd), "cd '%s' && git cat-file "
	    "--batch-all-objects --batch-check 2>/dev/null", dir);
	if ((fp = popen(cmd, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (gitobj_unhex(line, oid) == -1) {
			bad++;
			continue;
		}
		/* gitobj_read() checks the id of what it read. */
		if (gitobj_read(g, oid, type, &data, &len) != 0 ||
		    strncmp(line + 41, type, strlen(type)) != 0 ||
		    (size_t)atol(line + 42 + strlen(type)) != len)
			bad++;
		free(data);
		(*nread)++;
	}
	pclose(fp);
	return bad;
}

/*
 * Bytes of the pack and its index changed at random, 300 times: every
 * read is the object asked for or an error (gitobj_read() checks the
 * id of what it returns), never a crash or an overrun (ASan watches).
 */
static void
fuzz_pack(void)
{
	unsigned char oids[256][GITOBJ_RAW], *data, *orig[2];
	char cmd[4200], line[256], type[8], *path[2];
	struct gitobj *g;
	size_t n = 0, len[2], i, k, olen, nflip, at[3];
	unsigned char x[3];
	unsigned long seed = 19;
	int round, bad = 0, crashfree = 1, f, r;
	FILE *fp;

	snprintf(cmd, sizeof(cmd), "cd '%s' && git cat-file "
	    "--batch-all-objects --batch-check='%%(objectname)'", dir);
	if ((fp = popen(cmd, "r")) == NULL)
		return;
	while (n < 256 && fgets(line, sizeof(line), fp) != NULL)
		if (gitobj_unhex(line, oids[n]) == 0)
			n++;
	pclose(fp);
	path[0] = xstrdup(run("ls '%s'/.git/objects/pack/*.pack", dir));
	path[1] = xstrdup(run("ls '%s'/.git/objects/pack/*.idx", dir));
	for (f = 0; f < 2; f++) {
		chmod(path[f], 0644);
		fp = fopen(path[f], "rb");
		orig[f] = xmalloc(1 << 20);
		len[f] = fp != NULL ? fread(orig[f], 1, 1 << 20, fp) : 0;
		if (fp != NULL)
			fclose(fp);
	}
	for (round = 0; round < 300 && len[0] > 0 && len[1] > 0; round++) {
		f = round % 3 == 0;	/* the index a third of the time */
		nflip = 1 + (size_t)round % 3;
		for (k = 0; k < nflip; k++) {
			seed = seed * 1103515245UL + 12345UL;
			at[k] = (seed >> 8) % len[f];
			x[k] = (unsigned char)(1 + (seed >> 20) % 255);
			orig[f][at[k]] ^= x[k];
		}
		put(path[f] + strlen(dir) + 1, orig[f], len[f]);
		for (k = nflip; k-- > 0;)
			orig[f][at[k]] ^= x[k];
		if (gitobj_open(dir, &g) != 0) {
			crashfree = 0;
			break;
		}
		for (i = 0; i < n; i++) {
			r = gitobj_read(g, oids[i], type, &data, &olen);
			free(data);
			if (r != 0)
				bad++;
		}
		gitobj_close(g);
	}
	put(path[0] + strlen(dir) + 1, orig[0], len[0]);
	put(path[1] + strlen(dir) + 1, orig[1], len[1]);
	ok(crashfree && n > 30, "300 packs with bytes changed at random: "
	    "no crash, %d reads refused", bad);
	ok(bad > 0, "some of them refused");
	for (f = 0; f < 2; f++) {
		free(orig[f]);
		free(path[f]);
	}
}

static void
test_git(void)
{
	static const char tree[] = "100644 a\0AAAAAAAAAAAAAAAAAAAA"
	    "40000 d\0BBBBBBBBBBBBBBBBBBBB";
	static const char commit[] = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
	    "author A U Thor <a@example.org> 1700000000 +0100\n"
	    "committer A U Thor <a@example.org> 1700000000 +0100\n\nfirst\n";
	unsigned char oid[GITOBJ_RAW], old[GITOBJ_RAW], other[GITOBJ_RAW];
	unsigned char *data;
	char hex[GITOBJ_HEX], type[8], *p, *q, big[6000];
	struct gitobj *g;
	struct stat st;
	size_t len;
	int i, n;

	if (system("git --version >/dev/null 2>&1") != 0) {
		ok(1, "# SKIP no git");
		return;
	}
	snprintf(dir, sizeof(dir), "%s/t_gitobj.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL) {
		ok(0, "a temporary directory");
		return;
	}
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("HOME", dir, 1);
	setenv("GIT_AUTHOR_NAME", "t", 1);
	setenv("GIT_AUTHOR_EMAIL", "t@example.org", 1);
	setenv("GIT_COMMITTER_NAME", "t", 1);
	setenv("GIT_COMMITTER_EMAIL", "t@example.org", 1);
	same_id("blob", "hello\n", 6);
	same_id("blob", "", 0);
	same_id("tree", tree, sizeof(tree) - 1);
	same_id("commit", commit, strlen(commit));

	ok(system(run("cd '%s' && git init -q r && echo ok", dir)[0] == 'o' ?
	    "true" : "false") == 0, "git init");
	strcat(dir, "/r");
	is_int(gitobj_open(dir, &g), 0, "a plain repository is gitobj's");
	if (g == NULL)
		return;
	/* Written here, read by git. */
	ok(gitobj_write(g, "blob", "one\ntwo\n", 8, oid) == 0, "a blob written");
	gitobj_hex(oid, hex);
	is_str(run("cd '%s' && git cat-file -p %s | tr '\\n' ,", dir, hex),
	    "one,two,", "git reads it");
	q = xasprintf("%s/.git/objects/%.2s/%s", dir, hex, hex + 2);
	ok(stat(q, &st) == 0 && (st.st_mode & 0777) == 0444,
	    "as a loose object of mode 0444");
	ok(gitobj_write(g, "blob", "one\ntwo\n", 8, oid) == 0,
	    "written again: there already");
	ok(gitobj_read(g, oid, type, &data, &len) == 0 && len == 8 &&
	    memcmp(data, "one\ntwo\n", 8) == 0 && strcmp(type, "blob") == 0,
	    "and read back");
	free(data);
	ok(*run("cd '%s' && git fsck --strict --no-dangling 2>&1 | "
	    "grep -v '^notice'", dir) == '\0',
	    "git fsck --strict is clean");

	/* Versions of a file committed by git: loose, then packed. */
	memset(big, 'x', sizeof(big));
	for (i = 0; i < 12; i++) {
		snprintf(big + 100 * i, 12, "version %02d", i);
		big[100 * i + 11] = 'y';
		put("f", big, sizeof(big));
		run("cd '%s' && git add f && git commit -qm v%d", dir, i);
	}
	ok(read_all(g, &n) == 0 && n >= 36, "git's loose objects read (%d)", n);
	gitobj_close(g);
	run("cd '%s' && git gc -q --aggressive", dir);
	ok(atoi(run("cd '%s' && git count-objects -v | sed -n "
	    "'s/in-pack: //p'", dir)) >= 36, "git gc packed them");
	gitobj_open(dir, &g);
	ok(read_all(g, &n) == 0 && n >= 36, "read from the pack (OFS_DELTA)");
	ok(atoi(run("cd '%s' && git verify-pack -v .git/objects/pack/*.idx "
	    "| awk '$4 ~ /^[0-9]+$/ && NF >= 7' | wc -l", dir)) > 0,
	    "the pack has deltas");
	gitobj_close(g);
	run("cd '%s' && git -c repack.useDeltaBaseOffset=false repack -q -a "
	    "-d -f", dir);
	gitobj_open(dir, &g);
	ok(read_all(g, &n) == 0 && n >= 36, "read from a pack of REF_DELTA");
	ok(gitobj_head(g, &p, oid) == 0 && p != NULL &&
	    strncmp(p, "refs/heads/", 11) == 0, "HEAD names its branch");
	free(p);
	gitobj_hex(oid, hex);
	is_str(hex, run("cd '%s' && git rev-parse HEAD", dir),
	    "and its commit, after gc (packed-refs)");
	/* The compare and swap of a branch. */
	memcpy(old, oid, sizeof(old));
	ok(gitobj_write(g, "blob", "x", 1, other) == 0, "another object");
	ok(gitobj_update_ref(g, "refs/heads/c", other, old, "t <t@e> 1 +0000",
	    "m") == 2, "a branch not there (nor HEAD's): refused");
	run("cd '%s' && git branch b", dir);
	ok(gitobj_update_ref(g, "refs/heads/b", old, old, "t <t@e> 1 +0000",
	    "m") == 2, "a branch HEAD no longer names: refused");
	run("cd '%s' && git symbolic-ref HEAD refs/heads/b", dir);
	ok(gitobj_update_ref(g, "refs/heads/b", old, other, "t <t@e> 1 +0000",
	    "m") == 2, "a branch that is not what was read: refused");
	p = xasprintf("%s/.git/refs/heads/b.lock", dir);
	put(".git/refs/heads/b.lock", "", 0);
	ok(gitobj_update_ref(g, "refs/heads/b", old, old, "t <t@e> 1 +0000",
	    "m") == 2, "its lock held by another: refused");
	unlink(p);
	ok(gitobj_update_ref(g, "refs/heads/b", other, old, "t <t@e> 1 +0000",
	    "  one\t two  ") == 0, "the lock gone: moved");
	gitobj_hex(other, hex);
	is_str(run("cat '%s/.git/refs/heads/b'", dir), hex, "to the new id");
	is_str(run("cd '%s' && tail -n 1 .git/logs/refs/heads/b | cut -f 2",
	    dir), "one two", "the reflog's message as git writes it");
	ok(access(p, F_OK) == -1, "no lock left");
	free(p);
	gitobj_close(g);

	fuzz_pack();
	/* A corrupt pack: an error, never a crash (ASan watches). */
	run("cd '%s' && p=$(ls .git/objects/pack/*.pack) && chmod u+w $p && "
	    "dd if=/dev/zero of=$p bs=1 seek=300 count=2000 conv=notrunc "
	    "2>/dev/null", dir);
	gitobj_open(dir, &g);
	ok(read_all(g, &n) > 0, "a pack overwritten in part: errors");
	gitobj_close(g);
	run("cd '%s' && p=$(ls .git/objects/pack/*.pack) && "
	    "truncate -s 400 $p", dir);
	gitobj_open(dir, &g);
	ok(read_all(g, &n) > 0, "a pack cut short: errors");
	gitobj_close(g);

	/* A loose object (not in the pack) cut short, then with a bad body. */
	gitobj_open(dir, &g);
	big[0] = 'z';
	gitobj_write(g, "blob", big, sizeof(big), oid);
	gitobj_hex(oid, hex);
	free(q);
	q = xasprintf("%s/.git/objects/%.2s/%s", dir, hex, hex + 2);
	ok(gitobj_read(g, oid, type, &data, &len) == 0, "a big loose blob");
	free(data);
	chmod(q, 0644);
	ok(truncate(q, 20) == 0, "the loose blob cut to 20 bytes");
	ok(gitobj_read(g, oid, type, &data, &len) == -1,
	    "cut short: an error");
	free(data);
	gitobj_write(g, "blob", "something else", 14, oid);
	gitobj_hex(oid, hex);
	p = xasprintf("%s/.git/objects/%.2s/%s", dir, hex, hex + 2);
	rename(p, q);
	free(p);
	gitobj_hash("blob", big, sizeof(big), oid);
	ok(gitobj_read(g, oid, type, &data, &len) == -1,
	    "another object under its name: an error");
	free(data);
	gitobj_close(g);
	free(q);
	run("rm -rf '%s'", dir);
}

int
main(void)
{
	test_sha1();
	test_git();
	return tap_done();
}
