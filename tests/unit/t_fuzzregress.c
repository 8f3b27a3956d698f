/*
 * t_fuzzregress.c: replay every input under tests/fuzz/regress/NAME/ (the
 * crashes the fuzzers found, kept so that they stay fixed) and the seed
 * corpora under tests/fuzz/corpus/NAME/ through the same harness bodies
 * the libFuzzer binaries use (tests/fuzz/harness.h), without libFuzzer.
 * A harness that finds a broken property aborts, which fails this test.
 * The directory is tests/fuzz under the current one, or $IPT_FUZZ_DIR.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fuzz/harness.h"
#include "tap.h"

static const struct {
	const char	*name;
	int		(*fn)(const uint8_t *, size_t);
} harnesses[] = {
	{ "csv",	harness_csv },
	{ "ini",	harness_ini },
	{ "instrument",	harness_instrument },
	{ "variant",	harness_variant },
	{ "score",	harness_score },
	{ "date",	harness_date },
	{ "json",	harness_json },
};

static int
regular(const struct dirent *de)
{
	return de->d_name[0] != '.';
}

static uint8_t *
slurp(const char *path, size_t *len)
{
	struct buf b = { 0 };
	char tmp[8192];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(tmp, 1, sizeof(tmp), fp)) > 0)
		buf_add(&b, tmp, n);
	fclose(fp);
	*len = b.len;
	return b.s != NULL ? (uint8_t *)b.s : (uint8_t *)xstrdup("");
}

/* Replay every file of TOP/KIND/NAME; returns their number. */
static int
replay(const char *top, const char *kind, size_t h)
{
	struct dirent **list;
	char *dir, *path;
	uint8_t *data;
	size_t len;
	int n, i, count = 0;

	dir = xasprintf("%s/%s/%s", top, kind, harnesses[h].name);
	if ((n = scandir(dir, &list, regular, alphasort)) == -1) {
		free(dir);
		return 0;
	}
	for (i = 0; i < n; i++) {
		path = path_join(dir, list[i]->d_name);
		if ((data = slurp(path, &len)) == NULL)
			ok(0, "%s: cannot be read", path);
		else {
			/* A broken property aborts inside the harness. */
			fprintf(stderr, "# %s\n", path);
			harnesses[h].fn(data, len);
			ok(1, "%s/%s/%s", kind, harnesses[h].name,
			    list[i]->d_name);
			count++;
		}
		free(data);
		free(path);
		free(list[i]);
	}
	free(list);
	free(dir);
	return count;
}

int
main(void)
{
	const char *top = getenv("IPT_FUZZ_DIR");
	size_t h;
	int seeds;

	if (top == NULL || *top == '\0')
		top = "tests/fuzz";
	for (h = 0; h < sizeof(harnesses) / sizeof(harnesses[0]); h++) {
		replay(top, "regress", h);
		seeds = replay(top, "corpus", h);
		ok(seeds > 0, "%s: a seed corpus in %s/corpus/%s",
		    harnesses[h].name, top, harnesses[h].name);
	}
	return tap_done();
}
