/*
 * t_spool.c: the external sort and the spill of lib/spool.c.
 *
 * Records are "KEY:SEQ" with few distinct keys and a comparison that
 * looks at the key alone, so that the test sees both the order and its
 * stability.  Every budget, from a run a record (many merge passes) to
 * all in memory, must give the same output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spool.h"
#include "util.h"

#include "tap.h"

static int
key_cmp(const void *a, size_t alen, const void *b, size_t blen, void *arg)
{
	const char *x = a, *y = b, *cx, *cy;
	size_t lx, ly;
	int c;

	(void)arg;
	cx = memchr(x, ':', alen);
	cy = memchr(y, ':', blen);
	lx = (size_t)(cx - x);
	ly = (size_t)(cy - y);
	if ((c = memcmp(x, y, lx < ly ? lx : ly)) != 0)
		return c;
	return lx < ly ? -1 : lx > ly;
}

/* A key of the record's number: few distinct values, of varied length. */
static void
make(char *b, size_t sz, size_t i, unsigned *seed)
{
	unsigned r;
	size_t pad;

	*seed = *seed * 1103515245u + 12345u;
	r = (*seed >> 16) % 37;
	pad = (*seed >> 8) % 40;
	snprintf(b, sz, "k%02u%.*s:%zu", r, (int)pad,
	    "........................................", i);
}

/* Is the sequence sorted by key, and stable (SEQ rising among equals)? */
static int
run(size_t n, size_t budget, int rewind)
{
	struct spool sp;
	char b[128], prev[128] = "";
	const void *rec;
	size_t len, got = 0, i;
	unsigned seed = 7;
	long ps = -1, s;
	int good = 1, pass, r;

	spool_init(&sp, key_cmp, NULL, budget);
	for (i = 0; i < n; i++) {
		make(b, sizeof(b), i, &seed);
		if (spool_add(&sp, b, strlen(b)) == -1)
			return 0;
	}
	if (spool_sort(&sp) == -1)
		return 0;
	for (pass = 0; pass < (rewind ? 2 : 1); pass++) {
		if (pass > 0 && spool_rewind(&sp) == -1)
			return 0;
		got = 0;
		prev[0] = '\0';
		ps = -1;
		while ((r = spool_next(&sp, &rec, &len)) == 1) {
			memcpy(b, rec, len);
			b[len] = '\0';
			s = strtol(strchr(b, ':') + 1, NULL, 10);
			if (got > 0) {
				int c = key_cmp(prev, strlen(prev), b, len,
				    NULL);

				if (c > 0 || (c == 0 && s < ps))
					good = 0;
			}
			strcpy(prev, b);
			ps = s;
			got++;
		}
		if (r == -1 || got != n)
			good = 0;
	}
	spool_free(&sp);
	return good;
}

static void
spill_test(size_t budget)
{
	struct spill s;
	off_t off[64];
	size_t len[64], i, j;
	char *big, *back;
	int good = 1;

	big = xmalloc(200000);
	back = xmalloc(200000);
	for (i = 0; i < 200000; i++)
		big[i] = (char)('a' + i % 26);
	spill_init(&s, budget);
	for (i = 0; i < 64; i++) {
		len[i] = i == 40 ? 150000 : (i * 977) % 3000;
		if (spill_add(&s, big + i, len[i], &off[i]) == -1)
			good = 0;
	}
	for (j = 0; j < 64; j++) {
		i = (j * 29) % 64;
		if (spill_read(&s, off[i], back, len[i]) == -1 ||
		    memcmp(back, big + i, len[i]) != 0)
			good = 0;
	}
	ok(good, "spill of 64 pieces, budget %zu, read back in another "
	    "order", budget);
	/* In order (read ahead), then backwards (no read-ahead), twice. */
	for (good = 1, j = 0; j < 256; j++) {
		i = j < 64 || (j >= 128 && j < 192) ? j % 64 : 63 - j % 64;
		if (spill_read(&s, off[i], back, len[i]) == -1 ||
		    memcmp(back, big + i, len[i]) != 0)
			good = 0;
	}
	ok(good, "spill, budget %zu: read forwards and backwards", budget);
	/* Parts of pieces, from inside what was read ahead. */
	for (good = 1, i = 1; i < 64; i++)
		if (len[i] > 10 && (spill_read(&s, off[i] + 5, back, 5) == -1 ||
		    memcmp(back, big + i + 5, 5) != 0))
			good = 0;
	ok(good, "spill, budget %zu: parts of pieces", budget);
	ok(spill_read(&s, s.size, back, 1) == -1, "spill: reading past the "
	    "end is refused (budget %zu)", budget);
	spill_free(&s);
	free(big);
	free(back);
}

int
main(void)
{
	static const size_t ns[] = { 0, 1, 2, 17, 1000, 5000 };
	static const size_t budgets[] = { 0, 100, 4096, SPOOL_BUDGET };
	struct spool sp;
	const void *rec;
	size_t i, j, len;

	for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		for (j = 0; j < sizeof(budgets) / sizeof(budgets[0]); j++)
			ok(run(ns[i], budgets[j], j == 1), "%zu records, "
			    "budget %zu: sorted, stable, all there", ns[i],
			    budgets[j]);

	/* Empty records and a record larger than the budget. */
	spool_init(&sp, key_cmp, NULL, 8);
	ok(spool_add(&sp, "b:1", 3) == 0 && spool_add(&sp, "a:2", 3) == 0,
	    "records past a tiny budget are added");
	ok(spool_next(&sp, &rec, &len) == 1 && len == 3 &&
	    memcmp(rec, "a:2", 3) == 0, "spool_next sorts when not asked");
	spool_free(&sp);

	/* A temporary directory that does not exist: a clear error. */
	setenv("TMPDIR", "/nonexistent/ipt-test", 1);
	spool_init(&sp, key_cmp, NULL, 0);
	ok(spool_add(&sp, "a:1", 3) == 0, "first record kept in memory");
	ok(spool_add(&sp, "b:2", 3) == -1 &&
	    strstr(ipt_error(), "/nonexistent/ipt-test") != NULL,
	    "no temporary directory: the error names it (%s)", ipt_error());
	spool_free(&sp);
	unsetenv("TMPDIR");

	setenv("IPT_SPOOL_KIB", "3", 1);
	is_int(spool_budget(), 3072, "IPT_SPOOL_KIB sets the budget");
	setenv("IPT_SPOOL_KIB", "x", 1);
	is_int(spool_budget(), SPOOL_BUDGET, "a bad IPT_SPOOL_KIB is ignored");
	unsetenv("IPT_SPOOL_KIB");

	spill_test(0);
	spill_test(5000);
	spill_test(1 << 20);
	return tap_done();
}
