/*
 * t_seal.c: the seal of history.csv (lib/seal.c).
 *
 * The hash: fixed vectors (a change of the hash would unseal every
 * history: it must be deliberate), the same in any split of the input,
 * different for inputs a byte or a bit apart, and its throughput
 * (printed, with that of reading a file for comparison).  The line:
 * written and parsed back, found only as the last line, refused when a
 * digit is not hexadecimal or it is not of its length.  The reader skips
 * seal lines anywhere, one or two (what a union merge of two clones
 * leaves).  The state: what it hashes, and what agreeing with the
 * history means.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csvt.h"
#include "history.h"
#include "ini.h"
#include "record.h"
#include "seal.h"
#include "tap.h"
#include "util.h"

static char *
hex_of(const void *p, size_t n)
{
	static char out[33];
	struct seal_hash d;

	xh128(p, n, &d);
	seal_hex(&d, out);
	return out;
}

/*
 * The hash as seal.h describes it, a byte at a time: the words
 * little-endian, the last one padded with zeros and its byte count in the
 * top byte, the length mixed into both lanes at the end.
 */
static uint64_t
r_rotl(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

static uint64_t
r_fmix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

static void
ref_xh128(const unsigned char *p, size_t n, struct seal_hash *out)
{
	uint64_t a = 0x736565642d61ULL, b = 0x736565642d62ULL, w;
	size_t i, j, full = n / 8 * 8;
	int k;

	for (i = 0; i <= full; i += 8) {
		w = 0;
		for (j = 0; j < 8 && i + j < n && (i < full || i + j >= full);
		    j++)
			w |= (uint64_t)p[i + j] << (8 * j);
		if (i == full)
			w ^= (uint64_t)(n - full) << 56;
		a = r_rotl(a ^ (w * 0x9e3779b97f4a7c15ULL), 29) *
		    0xff51afd7ed558ccdULL;
		b += w ^ 0xc2b2ae3d27d4eb4fULL;
		b = (b ^ (b >> 32)) * 0x94d049bb133111ebULL;
	}
	a = r_fmix(a ^ (uint64_t)n);
	b = r_fmix(b ^ r_rotl((uint64_t)n, 32) ^ 0x9e3779b97f4a7c15ULL);
	a += b;
	b += a;
	for (k = 0; k < 8; k++) {
		out->d[k] = (unsigned char)(a >> (56 - 8 * k));
		out->d[8 + k] = (unsigned char)(b >> (56 - 8 * k));
	}
}

static void
test_hash(void)
{
	static unsigned char big[1 << 20];
	struct seal_hash a, b;
	struct xh128 h;
	char x[33], y[33];
	size_t i, cut, same = 0, lane = 0;
	struct timespec t0, t1;
	double s;
	int k;

	/* Vectors: written down when the hash was made (seal.c). */
	is_str(hex_of("", 0), "066b68ad1f1a3fa396873019aeae8334",
	    "xh128 of nothing");
	is_str(hex_of("abc", 3), "e28941feff6c1df3dee3d49daa772685",
	    "xh128 of abc");
	is_str(hex_of("entry,parents,row,at,author,file,op,why,field,value\n",
	    52), "917215aee5043115833c470ad8f163a7", "xh128 of a header");

	for (i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i * 2654435761u >> 13);
	for (i = 0, same = 0; i < 300; i++) {
		xh128(big + i, i * 7, &a);
		ref_xh128(big + i, i * 7, &b);
		same += memcmp(&a, &b, sizeof(a)) == 0;
	}
	is_int(same, 300, "as written in seal.h, byte by byte: 300 lengths");
	xh128(big, 100003, &a);
	for (k = 0, same = 0; k < 50; k++) {
		cut = (size_t)(k * 7919) % 100003;
		xh128_init(&h);
		xh128_update(&h, big, cut);
		xh128_update(&h, big + cut, 3 < 100003 - cut ? 3 : 0);
		xh128_update(&h, big + cut + (3 < 100003 - cut ? 3 : 0),
		    100003 - cut - (3 < 100003 - cut ? 3 : 0));
		xh128_final(&h, &b);
		same += memcmp(&a, &b, sizeof(a)) == 0;
	}
	is_int(same, 50, "the same hash in any split of the input");

	/* A bit flipped anywhere: both lanes change. */
	for (i = 0, same = 0; i < 4096; i++) {
		xh128(big, 4096, &a);
		big[i] ^= (unsigned char)(1u << (i % 8));
		xh128(big, 4096, &b);
		big[i] ^= (unsigned char)(1u << (i % 8));
		same += memcmp(&a, &b, sizeof(a)) == 0;
		lane += memcmp(a.d, b.d, 8) == 0 || memcmp(a.d + 8, b.d + 8,
		    8) == 0;
	}
	is_int(same, 0, "a bit flipped in 4096 places: 4096 other hashes");
	is_int(lane, 0, "and each of the two lanes differs");
	xh128("a", 1, &a);
	xh128("a\0", 2, &b);
	seal_hex(&a, x);
	seal_hex(&b, y);
	ok(strcmp(x, y) != 0, "a NUL byte more is another input");

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (k = 0; k < 64; k++)
		xh128(big, sizeof(big), &a);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec -
	    t0.tv_nsec) / 1e9;
	printf("# xh128: %.0f MB/s (64 MiB in %.3f s)\n", 64 * 1.048576 / s,
	    s);
	ok(s > 0, "throughput measured");
}

static void
test_line(void)
{
	struct seal_hash a, b, c, d;
	struct buf l = { 0 }, t = { 0 };
	size_t start;
	char *bad;

	xh128("history", 7, &a);
	xh128("state", 5, &b);
	seal_line(&l, &a, &b);
	is_int(l.len, SEAL_LEN, "a seal line is %zu bytes", SEAL_LEN);
	ok(strncmp(l.s, "seal,,,,,,seal,,xh128,", 22) == 0,
	    "it begins seal,,,,,,seal,,xh128,");
	ok(seal_parse(l.s, l.len - 1, &c, &d) && memcmp(&a, &c, 16) == 0 &&
	    memcmp(&b, &d, 16) == 0, "parsed back: the two hashes");
	bad = xstrndup(l.s, l.len);
	bad[30] = 'G';
	ok(!seal_parse(bad, l.len - 1, &c, &d), "a digit not hexadecimal: "
	    "not a seal");
	bad[30] = 'A';
	ok(!seal_parse(bad, l.len - 1, &c, &d), "an upper-case digit: not a "
	    "seal");
	free(bad);
	ok(!seal_parse(l.s, l.len - 2, &c, &d), "a digit short: not a seal");

	buf_adds(&t, hist_header);
	buf_add(&t, l.s, l.len);
	ok(seal_last(t.s, t.len, &start, &c, &d) && start == strlen(hist_header),
	    "the last line is the seal, found where it starts");
	buf_adds(&t, "0123456789abcdef,,0123456789abcdef,x,x,x,add,x,a,1\n");
	ok(!seal_last(t.s, t.len, &start, &c, &d), "a line after it: the last "
	    "line is no seal");
	t.len -= 52;
	t.len--;
	ok(!seal_last(t.s, t.len, &start, &c, &d), "no newline at the end: no "
	    "seal");
	buf_free(&l);
	buf_free(&t);
}

static void
put(const char *text)
{
	FILE *fp = fopen(HIST_FILE, "w");

	if (fp == NULL || fputs(text, fp) == EOF || fclose(fp) == EOF)
		exit(1);
}

#define E1	"1111111111111111,,1111111111111111,2026-01-01T00:00:00Z,a,"	\
		"goals.csv,add,t,*,id=1;goal=x\n"
#define E2	"2222222222222222,1111111111111111,1111111111111111,"	\
		"2026-01-02T00:00:00Z,a,goals.csv,edit,t,goal,y\n"
#define SEAL1	"seal,,,,,,seal,,xh128,00000000000000000000000000000000;"	\
		"00000000000000000000000000000000\n"
#define SEAL2	"seal,,,,,,seal,,xh128,0123456789abcdef0123456789abcdef;"	\
		"fedcba9876543210fedcba9876543210\n"

/* text is freed. */
static char *
goal_of(char *text)
{
	struct history h;
	struct hist_fold fo;
	char *s;

	put(text);
	free(text);
	if (hist_load(&h, ".") == -1)
		return xasprintf("error: %s", ipt_error());
	hist_fold(&h, "goals.csv", &fo);
	s = fo.n == 1 ? xasprintf("%zu entries, %zu lines, %zu seals: %s",
	    h.n, h.lines, h.nseal, hist_value(&fo.r[0], "goal")) :
	    xstrdup("no row");
	hist_fold_free(&fo);
	hist_free(&h);
	return s;
}

static void
test_reader(void)
{
	char hdr[128], *s, *want;

	snprintf(hdr, sizeof(hdr), "%s", hist_header);
	want = goal_of(xasprintf("%s" E1 E2, hdr));
	is_str(want, "2 entries, 2 lines, 0 seals: y", "without a seal");
	s = goal_of(xasprintf("%s" E1 E2 SEAL1, hdr));
	is_str(s, "2 entries, 2 lines, 1 seals: y", "a seal at the end: not "
	    "an entry");
	free(s);
	s = goal_of(xasprintf("%s" E1 SEAL1 E2, hdr));
	is_str(s, "2 entries, 2 lines, 1 seals: y", "a seal in the middle: "
	    "skipped");
	free(s);
	s = goal_of(xasprintf("%s" SEAL2 E1 SEAL1 E2 SEAL2, hdr));
	is_str(s, "2 entries, 2 lines, 3 seals: y", "seals before, among and "
	    "after the entries (two clones merged): skipped");
	free(s);
	free(want);
}

/* A table of goals.csv with rows "id,goal". */
static void
goals(struct csv_table *t, const char *const *rows)
{
	const struct rec_schema *s = rec_schema(REC_GOALS);
	const char *names[32];
	size_t j, i;

	for (j = 0; j < s->n; j++)
		names[j] = s->f[j].name;
	csv_init_table(t, "goals.csv", names, s->n);
	for (; *rows != NULL; rows += 2) {
		i = csv_append(t);
		csv_set(t, i, "id", rows[0]);
		csv_set(t, i, "goal", rows[1]);
	}
}

static void
test_state(void)
{
	static const char *const one[] = { "1", "y", NULL };
	static const char *const old[] = { "1", "x", NULL };
	static const char *const two[] = { "1", "y", "1", "z", NULL };
	const struct csv_table *tp[REC_NFILES];
	struct csv_table g, empty[REC_NFILES];
	struct history h;
	struct ini ini;
	struct seal_hash a, b;
	struct seal_note n[1];
	char *s;
	int f;

	s = xasprintf("%s" E1 E2, hist_header);
	put(s);
	free(s);
	if (hist_load(&h, ".") == -1)
		exit(1);
	memset(&ini, 0, sizeof(ini));
	memset(empty, 0, sizeof(empty));
	for (f = 0; f < REC_NFILES; f++)
		tp[f] = &empty[f];
	goals(&g, one);
	tp[REC_GOALS] = &g;
	ok(seal_agrees(&h, tp, &ini, NULL, 0), "goal 1 'y' agrees with its "
	    "history");
	seal_state(tp, &ini, NULL, 0, &a);
	csv_free_table(&g);
	goals(&g, old);
	ok(!seal_agrees(&h, tp, &ini, NULL, 0), "the old version of goal 1 "
	    "does not");
	seal_state(tp, &ini, NULL, 0, &b);
	ok(memcmp(&a, &b, sizeof(a)) != 0, "and has another state hash");
	csv_free_table(&g);
	goals(&g, two);
	ok(!seal_agrees(&h, tp, &ini, NULL, 0), "a row more does not");
	csv_free_table(&g);
	goals(&g, one);
	csv_add_col(&g, "unused");
	seal_state(tp, &ini, NULL, 0, &b);
	ok(memcmp(&a, &b, sizeof(a)) == 0, "an empty column more: the same "
	    "state hash (what check compares is the same)");
	n[0].number = 3;
	n[0].text = "a note\n";
	seal_state(tp, &ini, n, 1, &b);
	ok(memcmp(&a, &b, sizeof(a)) != 0, "a note more: another state hash");
	ok(!seal_agrees(&h, tp, &ini, n, 1), "a note of no session: no "
	    "agreement");
	ini_set(&ini, "client", "id", "ana");
	seal_state(tp, &ini, NULL, 0, &b);
	ok(memcmp(&a, &b, sizeof(a)) != 0, "a key of client.ini more: another "
	    "state hash");
	ok(!seal_agrees(&h, tp, &ini, NULL, 0), "client.ini holds what the "
	    "history does not: no agreement");
	ini_free(&ini);
	csv_free_table(&g);
	hist_free(&h);
}

int
main(void)
{
	char tmpl[] = "/tmp/t_seal.XXXXXX", *cmd;

	if (mkdtemp(tmpl) == NULL || chdir(tmpl) == -1)
		return 1;
	test_hash();
	test_line();
	test_reader();
	test_state();
	if (chdir("/tmp") == -1)
		return 1;
	cmd = xasprintf("rm -rf '%s'", tmpl);
	if (system(cmd) != 0)
		return 1;
	free(cmd);
	return tap_done();
}
