/*
 * seal.c: the seal of history.csv (see seal.h).
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvt.h"
#include "history.h"
#include "ini.h"
#include "record.h"
#include "seal.h"
#include "sha256.h"
#include "util.h"

/*
 * xh128.  Lane a: xor the word times an odd constant, rotate, multiply by
 * another; lane b: add the word xor a constant, fold the high half into
 * the low, multiply.  Each step is a bijection of the lane for a given
 * word, so no two states merge; the lanes share nothing until the end.
 */
#define K1	0x9e3779b97f4a7c15ULL
#define K2	0xff51afd7ed558ccdULL
#define K3	0xc2b2ae3d27d4eb4fULL
#define K4	0x94d049bb133111ebULL

static uint64_t
rotl(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

static uint64_t
fmix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

/* The word at p, little-endian: one load where the machine is so. */
static inline uint64_t
le64(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	return w;
#else
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	    (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	    (uint64_t)p[7] << 56;
#endif
}

#define WORD(h, w) do {						\
	(h)->a = rotl((h)->a ^ ((w) * K1), 29) * K2;			\
	(h)->b += (w) ^ K3;						\
	(h)->b = ((h)->b ^ ((h)->b >> 32)) * K4;			\
} while (0)

void
xh128_init(struct xh128 *h)
{
	memset(h, 0, sizeof(*h));
	h->a = 0x736565642d61ULL;	/* two different starts */
	h->b = 0x736565642d62ULL;
}

void
xh128_update(struct xh128 *h, const void *p, size_t n)
{
	const unsigned char *s = p, *e = s + n;
	uint64_t w, a, b;

	h->n += n;
	if (h->nt > 0) {
		while (h->nt < 8 && s < e)
			h->tail[h->nt++] = *s++;
		if (h->nt < 8)
			return;
		w = le64(h->tail);
		WORD(h, w);
		h->nt = 0;
	}
	a = h->a;
	b = h->b;
	for (; e - s >= 8; s += 8) {
		w = le64(s);
		a = rotl(a ^ (w * K1), 29) * K2;
		b += w ^ K3;
		b = (b ^ (b >> 32)) * K4;
	}
	h->a = a;
	h->b = b;
	while (s < e)
		h->tail[h->nt++] = *s++;
}

void
xh128_final(struct xh128 *h, struct seal_hash *out)
{
	uint64_t w, a, b;
	int i;

	memset(h->tail + h->nt, 0, 8 - h->nt);
	w = le64(h->tail) ^ (uint64_t)h->nt << 56;
	WORD(h, w);
	a = fmix(h->a ^ h->n);
	b = fmix(h->b ^ rotl(h->n, 32) ^ K1);
	a += b;
	b += a;
	for (i = 0; i < 8; i++) {
		out->d[i] = (unsigned char)(a >> (56 - 8 * i));
		out->d[8 + i] = (unsigned char)(b >> (56 - 8 * i));
	}
}

void
xh128(const void *p, size_t n, struct seal_hash *out)
{
	struct xh128 h;

	xh128_init(&h);
	xh128_update(&h, p, n);
	xh128_final(&h, out);
}

void
seal_hex(const struct seal_hash *d, char out[33])
{
	hex_encode(d->d, sizeof(d->d), out);
	out[32] = '\0';
}

/*
 * The bytes seal_state() hashes, gathered in b and hashed at once: a
 * string as its length (8 bytes, little-endian: no two run together) and
 * its bytes.  (Hashed
 * field by field, the short strings went through the hash a byte at a
 * time: a sixth of a sealed check's CPU.)
 */
static void
hstr(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	unsigned char l[8];
	int i;

	for (i = 0; i < 8; i++)
		l[i] = (unsigned char)((uint64_t)n >> (8 * i));
	buf_add(b, (const char *)l, sizeof(l));
	buf_add(b, s, n);
}

static void
hnum(struct buf *b, size_t n)
{
	char s[32];

	snprintf(s, sizeof(s), "%zu", n);
	hstr(b, s);
}

void
seal_state(const struct csv_table *const t[REC_NFILES], const struct ini *ini,
    const struct seal_note *note, size_t nnote, struct seal_hash *out)
{
	struct buf h = { 0 };
	size_t f, i, c, n, s, k;

	hstr(&h, "ipt-seal-1");
	for (f = 0; f < REC_NFILES; f++) {
		hstr(&h, rec_schema((enum rec_file)f)->file);
		n = t[f] != NULL && t[f]->ncols > 0 ? t[f]->nrows : 0;
		hnum(&h, n);
		for (i = 0; i < n; i++) {
			for (k = 0, c = 0; c < t[f]->ncols; c++)
				k += t[f]->rows[i].f[c][0] != '\0';
			hnum(&h, k);
			for (c = 0; c < t[f]->ncols; c++)
				if (t[f]->rows[i].f[c][0] != '\0') {
					hstr(&h, t[f]->cols[c]);
					hstr(&h, t[f]->rows[i].f[c]);
				}
		}
	}
	hstr(&h, CLIENT_INI);
	for (k = 0, s = 0; ini != NULL && s < ini->n; s++)
		for (i = 0; i < ini->sec[s].n; i++)
			k += ini->sec[s].kv[i].val[0] != '\0';
	hnum(&h, k);
	for (s = 0; ini != NULL && s < ini->n; s++)
		for (i = 0; i < ini->sec[s].n; i++)
			if (ini->sec[s].kv[i].val[0] != '\0') {
				hstr(&h, ini->sec[s].name);
				hstr(&h, ini->sec[s].kv[i].key);
				hstr(&h, ini->sec[s].kv[i].val);
			}
	hstr(&h, "notes");
	hnum(&h, nnote);
	for (i = 0; i < nnote; i++) {
		hnum(&h, (size_t)note[i].number);
		hstr(&h, note[i].text != NULL ? note[i].text : "");
		hnum(&h, note[i].text != NULL);
	}
	xh128(h.s, h.len, out);
	buf_free(&h);
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* The text of note n, or NULL; 1 if there is a note of that number. */
static int
note_of(const struct seal_note *note, size_t nnote, long n, const char **text)
{
	size_t lo = 0, hi = nnote, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (note[mid].number < n)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < nnote && note[lo].number == n) {
		*text = note[lo].text;
		return 1;
	}
	*text = NULL;
	return 0;
}

static int
file_agrees(const struct history *h, enum rec_file f,
    const struct csv_table *t, const struct seal_note *note, size_t nnote)
{
	const char *file = rec_schema(f)->file, *num = hist_numbered(file);
	const char *text, *want;
	const struct hist_row *r;
	struct hist_fold fo;
	const char **ids;
	long *nums;
	size_t i, n;
	int ok = 1;

	hist_fold(h, file, &fo);
	for (i = 0; i < fo.n && ok; i++)
		ok = !fo.r[i].conflict;
	if (ok) {
		ids = xcalloc(t->nrows + 1, sizeof(*ids));
		ok = hist_match(&fo, t, ids) == 0;
		free(ids);
	}
	/* Two rows of one number: ipt check reports them. */
	if (ok && num != NULL && csv_col(t, num) != -1) {
		nums = xcalloc(t->nrows + 1, sizeof(*nums));
		for (i = 0, n = 0; i < t->nrows; i++)
			if ((nums[n] = rec_number(csv_get(t, i, num))) > 0)
				n++;
		qsort(nums, n, sizeof(*nums), cmp_long);
		for (i = 1; i < n && ok; i++)
			ok = nums[i] != nums[i - 1];
		free(nums);
	}
	/* Each session's note as the history holds it, and no other note. */
	for (i = 0, n = 0; ok && f == REC_SESSIONS && i < fo.n; i++) {
		r = &fo.r[i];
		if (!r->live)
			continue;
		want = hist_value(r, HIST_NOTE);
		if (note_of(note, nnote, rec_number(hist_value(r, "number")),
		    &text)) {
			ok = text != NULL && strcmp(text, want) == 0;
			n++;
		} else
			ok = want[0] == '\0';
	}
	if (f == REC_SESSIONS)
		ok = ok && n == nnote;
	hist_fold_free(&fo);
	return ok;
}

static int
ini_agrees(const struct history *h, const struct ini *ini)
{
	struct hist_fold fo;
	const struct hist_row *r;
	size_t s, i, k = 0, m = 0;
	char *name;
	int ok = 1;

	hist_fold(h, CLIENT_INI, &fo);
	r = hist_find(&fo, HIST_INI_ROW);
	for (i = 0; r != NULL && i < r->nf; i++)
		m += r->value[i][0] != '\0';
	for (s = 0; ok && s < ini->n; s++)
		for (i = 0; ok && i < ini->sec[s].n; i++) {
			if (ini->sec[s].kv[i].val[0] == '\0')
				continue;
			k++;
			name = xasprintf("%s.%s", ini->sec[s].name,
			    ini->sec[s].kv[i].key);
			ok = r != NULL && strcmp(hist_value(r, name),
			    ini->sec[s].kv[i].val) == 0;
			free(name);
		}
	ok = ok && k == m && (r == NULL || (r->live && !r->conflict));
	hist_fold_free(&fo);
	return ok;
}

int
seal_agrees(const struct history *h, const struct csv_table *const
    t[REC_NFILES], const struct ini *ini, const struct seal_note *note,
    size_t nnote)
{
	size_t f, i;

	for (i = 0; i < nnote; i++)
		if (note[i].text == NULL)
			return 0;	/* a note ipt cannot keep */
	for (f = 0; f < REC_NFILES; f++)
		if (!file_agrees(h, (enum rec_file)f, t[f], note, nnote))
			return 0;
	return ini_agrees(h, ini);
}

void
seal_line(struct buf *b, const struct seal_hash *hist,
    const struct seal_hash *state)
{
	char x[33], y[33];

	seal_hex(hist, x);
	seal_hex(state, y);
	buf_printf(b, "%s%s;%s\n", SEAL_HEAD, x, y);
}

static int
unhex(const char *s, struct seal_hash *d)
{
	size_t i;
	int hi, lo;

	for (i = 0; i < 16; i++) {
		hi = s[2 * i] >= '0' && s[2 * i] <= '9' ? s[2 * i] - '0' :
		    s[2 * i] >= 'a' && s[2 * i] <= 'f' ? s[2 * i] - 'a' + 10 : -1;
		lo = s[2 * i + 1] >= '0' && s[2 * i + 1] <= '9' ?
		    s[2 * i + 1] - '0' : s[2 * i + 1] >= 'a' &&
		    s[2 * i + 1] <= 'f' ? s[2 * i + 1] - 'a' + 10 : -1;
		if (hi < 0 || lo < 0)
			return -1;
		d->d[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

int
seal_parse(const char *line, size_t len, struct seal_hash *hist,
    struct seal_hash *state)
{
	size_t hl = sizeof(SEAL_HEAD) - 1;

	if (len != SEAL_LEN - 1 || memcmp(line, SEAL_HEAD, hl) != 0 ||
	    line[hl + 32] != ';')
		return 0;
	return unhex(line + hl, hist) == 0 &&
	    unhex(line + hl + 33, state) == 0;
}

int
seal_last(const char *text, size_t len, size_t *start,
    struct seal_hash *hist, struct seal_hash *state)
{
	size_t s;

	if (len < SEAL_LEN + 1 || text[len - 1] != '\n' ||
	    text[len - SEAL_LEN - 1] != '\n')
		return 0;
	s = len - SEAL_LEN;
	if (!seal_parse(text + s, SEAL_LEN - 1, hist, state))
		return 0;
	*start = s;
	return 1;
}

int
seal_at_end(const char *dir, struct seal_hash *hh)
{
	struct seal_hash sh;
	struct stat st;
	char tail[SEAL_LEN + 1], *path = path_join(dir, HIST_FILE);
	size_t start;
	int fd, ok;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	if (fd == -1)
		return 0;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size >= (off_t)sizeof(tail) && pread(fd, tail, sizeof(tail),
	    st.st_size - (off_t)sizeof(tail)) == (ssize_t)sizeof(tail) &&
	    seal_last(tail, sizeof(tail), &start, hh, &sh);
	close(fd);
	return ok;
}
