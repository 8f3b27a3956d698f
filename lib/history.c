/*
 * history.c: read, fold and write history.csv (see history.h).
 *
 * Reading groups the lines by entry id, wherever a merge put them, and
 * keeps the first line of each field an entry sets (a merge may repeat a
 * line).  Folding works row by row: the ancestors of each entry of the
 * row are worked out as bit sets, in passes over the entries until none
 * changes (one pass when parents come before children, as they do in a
 * file only ever appended to); then each field's value is the value set
 * by the entries that set it and that no other entry setting it follows.
 * A row of one entry, as every row of an upgrade is, is that entry.
 *
 * ipt check reads every client's history, so reading is kept cheap: the
 * lines are grouped by their id read as a number, the strings of the
 * entries are cut from one arena per history, compact lines (history.h)
 * are decoded span by span, and a file's rows are matched to the fold by
 * hashes (BENCHMARKS.md, issue 13).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csvt.h"
#include "history.h"
#include "record.h"
#include "sha256.h"
#include "util.h"

const char hist_header[] =
    "entry,parents,row,at,author,file,op,why,field,value\n";

static const char *const cols[] = { "entry", "parents", "row", "at",
    "author", "file", "op", "why", "field", "value" };
enum { C_ENTRY, C_PARENTS, C_ROW, C_AT, C_AUTHOR, C_FILE, C_OP, C_WHY,
    C_FIELD, C_VALUE, C_N };
_Static_assert(C_N == HIST_NCOLS, "HIST_NCOLS counts the columns");

static char	*author;
static char	*why;
/* Per thread: a caseload check --fix may write clients at once. */
static _Thread_local char id_seed[65];

void
hist_seed(const void *p, size_t n)
{
	unsigned char d[SHA256_LEN];

	sha256(p, n, d);
	hex_encode(d, sizeof(d), id_seed);
	id_seed[64] = '\0';
}

/* 1 if s is an id: 16 lower-case hexadecimal digits. */
static int
is_id(const char *s)
{
	size_t i;

	for (i = 0; i < 16; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return 0;
	return s[16] == '\0';
}

/*
 * The strings of a history's entries are cut from blocks it owns, freed
 * all at once: a check of 10,000 clients read 2.5 million of them, each
 * a malloc() and a free().
 */
struct hist_block {
	struct hist_block *next;
	size_t		 used, cap;
	char		 s[];
};

static char *
a_alloc(struct history *h, size_t n)
{
	struct hist_block *b = h->arena;
	size_t cap;

	if (b == NULL || b->cap - b->used < n) {
		cap = n > 16384 ? n : 16384;
		b = xmalloc(sizeof(*b) + cap);
		b->next = h->arena;
		b->used = 0;
		b->cap = cap;
		h->arena = b;
	}
	b->used += n;
	return b->s + b->used - n;
}

static char *
a_strn(struct history *h, const char *s, size_t n)
{
	char *p = a_alloc(h, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *
a_str(struct history *h, const char *s)
{
	return a_strn(h, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

static char *
unescape(struct history *h, const char *s)
{
	size_t n = strlen(s);
	char *out, *o;

	if (memchr(s, '\\', n) == NULL)
		return a_strn(h, s, n);
	o = out = a_alloc(h, n + 1);
	for (; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0') {
			s++;
			*o++ = *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
		} else
			*o++ = *s;
	}
	*o = '\0';
	return out;
}

static void
escape(struct buf *b, const char *s)
{
	struct buf e = { 0 };

	for (; *s != '\0'; s++) {
		if (*s == '\\')
			buf_adds(&e, "\\\\");
		else if (*s == '\n')
			buf_adds(&e, "\\n");
		else if (*s == '\r')
			buf_adds(&e, "\\r");
		else
			buf_addc(&e, *s);
	}
	buf_csv_field(b, e.s != NULL ? e.s : "", ',');
	buf_free(&e);
}

/* The columns of history.csv in the file read; a scan loads in threads. */
static _Thread_local int sort_c[C_N];

/*
 * 1 if the fields of a line whose entry is "seal" are those of a seal
 * (seal.h): every other column empty but op "seal", field "xh128" and a
 * value of two hashes of 32 hexadecimal digits.
 */
static int
seal_shape(const char *const *f)
{
	const char *v = f[sort_c[C_VALUE]];
	size_t i;

	for (i = 0; i < C_N; i++)
		if (i != C_ENTRY && i != C_OP && i != C_FIELD && i != C_VALUE &&
		    *f[sort_c[i]] != '\0')
			return 0;
	if (strcmp(f[sort_c[C_OP]], "seal") != 0 ||
	    strcmp(f[sort_c[C_FIELD]], "xh128") != 0 || strlen(v) != 65 ||
	    v[32] != ';')
		return 0;
	for (i = 0; i < 65; i++)
		if (i != 32 && !((v[i] >= '0' && v[i] <= '9') ||
		    (v[i] >= 'a' && v[i] <= 'f')))
			return 0;
	return 1;
}

/* A line by its entry: the id as a number sorts as the id does. */
struct lkey {
	uint64_t	 k;
	size_t		 i;
};

static uint64_t
id_key(const char *s)
{
	uint64_t k = 0;
	int i;

	for (i = 0; i < 16; i++)
		k = k << 4 | (uint64_t)(s[i] <= '9' ? s[i] - '0' :
		    s[i] - 'a' + 10);
	return k;
}

static int
cmp_lkey(const void *a, const void *b)
{
	const struct lkey *x = a, *y = b;

	if (x->k != y->k)
		return x->k < y->k ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static void
split_parents(struct history *h, struct hist_ent *e, const char *s)
{
	const char *p;
	size_t n;

	while (*s != '\0') {
		n = (p = strchr(s, ';')) != NULL ? (size_t)(p - s) : strlen(s);
		if (n > 0) {
			e->parent = xreallocarray(e->parent, e->npar + 1,
			    sizeof(*e->parent));
			e->parent[e->npar++] = a_strn(h, s, n);
		}
		s += n;
		if (*s == ';')
			s++;
	}
}

static int
bad(const struct csv_table *t, size_t line, const char *col, const char *why_)
{
	return ipt_seterr("%s:%zu: %s: %s", t->path, line, col, why_);
}

/* A new, zeroed entry at the end; the array grows by halves. */
static struct hist_ent *
new_entry(struct history *h)
{
	struct hist_ent *e;

	if (h->n == h->cap) {
		h->cap = h->cap < 16 ? 16 : h->cap + h->cap / 2;
		h->e = xreallocarray(h->e, h->cap, sizeof(*h->e));
	}
	e = &h->e[h->n++];
	memset(e, 0, sizeof(*e));
	return e;
}

/* Room in an entry being read for n more fields. */
static void
ent_room(struct hist_ent *e, size_t n)
{
	if (e->nf + n <= e->cap)
		return;
	e->cap = e->nf + n > 2 * e->cap ? e->nf + n : 2 * e->cap;
	e->field = xreallocarray(e->field, e->cap, sizeof(char *));
	e->value = xreallocarray(e->value, e->cap, sizeof(char *));
}

/*
 * Add field f = v to an entry being read, unless it sets f already (a
 * line a merge repeated).
 */
static void
ent_set(struct history *h, struct hist_ent *e, const char *f, size_t flen,
    char *v)
{
	size_t k;

	for (k = 0; k < e->nf; k++)
		if (e->field[k][0] == f[0] && strncmp(e->field[k], f,
		    flen) == 0 && e->field[k][flen] == '\0')
			return;
	ent_room(e, 1);
	e->field[e->nf] = a_strn(h, f, flen);
	e->value[e->nf++] = v;
}

/*
 * The fields of a compact line (field "*"): name=value pairs separated by
 * ';', each value with \\, \n, \r and \; for a backslash, line feed,
 * carriage return and semicolon.  -1 and the error if it is not that.
 */
static int
compact_read(struct history *h, struct hist_ent *e, const char *s,
    const struct csv_table *t, size_t line)
{
	static const char badesc[] = "not a compact entry (field *): a "
	    "backslash not followed by \\, n, r or ;";
	const char *name, *eq, *p, *q;
	char *v, *o;
	size_t n = 1;

	if (*s == '\0')
		return bad(t, line, "value", "a compact entry (field *) "
		    "without fields");
	for (p = s; *p != '\0'; p++)
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == ';')
			n++;
	ent_room(e, n);
	while (*s != '\0') {
		name = s;
		eq = s + strcspn(s, "=;\\");
		if (*eq != '=' || eq == name)
			return bad(t, line, "value", "not a compact entry "
			    "(field *): a field is not name=value");
		/* The value ends at the first ';' not escaped. */
		for (p = eq + 1; *(p += strcspn(p, ";\\")) == '\\'; p += 2)
			if (p[1] == '\0')
				return bad(t, line, "value", badesc);
		o = v = a_alloc(h, (size_t)(p - eq));
		for (s = eq + 1; s < p; s = q + 2) {
			if ((q = memchr(s, '\\', (size_t)(p - s))) == NULL)
				q = p;
			memcpy(o, s, (size_t)(q - s));
			o += q - s;
			if (q == p)
				break;
			switch (q[1]) {
			case 'n':
				*o++ = '\n';
				break;
			case 'r':
				*o++ = '\r';
				break;
			case '\\':
			case ';':
				*o++ = q[1];
				break;
			default:
				return bad(t, line, "value", badesc);
			}
		}
		s = p;
		*o = '\0';
		ent_set(h, e, name, (size_t)(eq - name), v);
		if (*s == ';' && *++s == '\0')
			return bad(t, line, "value", "not a compact entry "
			    "(field *): it ends with ;");
	}
	return 0;
}

static int	 load(struct history *, const char *);

int
hist_load(struct history *h, const char *dir)
{
	if (load(h, dir) == 0)
		return 0;
	hist_free(h);
	return -1;
}

/* hist_load(), leaving what it made for hist_free() on failure. */
static int
load(struct history *h, const char *dir)
{
	struct csv_table t;
	struct hist_ent *e = NULL;
	struct csv_row *seals = NULL;
	struct lkey *ix;
	size_t i, k, nr;
	const char *const *f;
	int c;

	memset(h, 0, sizeof(*h));
	h->path = path_join(dir, HIST_FILE);
	if (!path_exists(h->path))
		return 0;
	if (csv_load_max(&t, h->path, CSV_HIST_MAXFILE,
	    CSV_HIST_MAXCELLS) == -1)
		return -1;
	h->exists = 1;
	h->bytes = t.textlen;
	for (c = 0; c < C_N; c++)
		if ((sort_c[c] = csv_col(&t, cols[c])) == -1) {
			ipt_seterr("%s: the header lacks the column '%s'",
			    h->path, cols[c]);
			csv_free_table(&t);
			return -1;
		}
	/*
	 * Seal lines (seal.h) are not entries: wherever they are (a union
	 * merge of two clones leaves two), they are left out of the rows.
	 */
	for (i = 0, nr = 0; i < t.nrows; i++) {
		if (strcmp(t.rows[i].f[sort_c[C_ENTRY]], HIST_SEAL) == 0) {
			/* A hand edit may not drop an entry by naming it so. */
			if (!seal_shape((const char *const *)t.rows[i].f)) {
				bad(&t, t.rows[i].line, "entry", "'seal' on a "
				    "line that is not a seal (seal.h)");
				free(seals);
				csv_free_table(&t);
				return -1;
			}
			h->seal = xreallocarray(h->seal, h->nseal + 1,
			    sizeof(*h->seal));
			h->seal[h->nseal++] = t.rows[i].line;
			/* At the end, for csv_free_table(). */
			if (seals == NULL)
				seals = xreallocarray(NULL, t.nrows,
				    sizeof(*seals));
			seals[h->nseal - 1] = t.rows[i];
			continue;
		}
		t.rows[nr++] = t.rows[i];
	}
	for (k = 0; k < h->nseal; k++)
		t.rows[nr + k] = seals[k];
	free(seals);
	h->lines = nr;
	for (i = 0; i < nr; i++) {
		f = (const char *const *)t.rows[i].f;
		if (!is_id(f[sort_c[C_ENTRY]]) || (!is_id(f[sort_c[C_ROW]]) &&
		    strcmp(f[sort_c[C_ROW]], HIST_INI_ROW) != 0)) {
			bad(&t, t.rows[i].line, is_id(f[sort_c[C_ENTRY]]) ?
			    "row" : "entry", "not an id of 16 hexadecimal digits");
			csv_free_table(&t);
			return -1;
		}
		if (strcmp(f[sort_c[C_OP]], "add") != 0 &&
		    strcmp(f[sort_c[C_OP]], "edit") != 0 &&
		    strcmp(f[sort_c[C_OP]], "rm") != 0) {
			bad(&t, t.rows[i].line, "op", "not add, edit or rm");
			csv_free_table(&t);
			return -1;
		}
	}
	ix = xreallocarray(NULL, nr + 1, sizeof(*ix));
	for (i = 0; i < nr; i++) {
		ix[i].k = id_key(t.rows[i].f[sort_c[C_ENTRY]]);
		ix[i].i = i;
	}
	qsort(ix, nr, sizeof(*ix), cmp_lkey);
	for (i = 0; i < nr; i++) {
		f = (const char *const *)t.rows[ix[i].i].f;
		if (e == NULL || i == 0 || ix[i].k != ix[i - 1].k) {
			e = new_entry(h);
			e->id = a_str(h, f[sort_c[C_ENTRY]]);
			e->row = a_str(h, f[sort_c[C_ROW]]);
			e->at = a_str(h, f[sort_c[C_AT]]);
			e->author = unescape(h, f[sort_c[C_AUTHOR]]);
			e->file = a_str(h, f[sort_c[C_FILE]]);
			e->op = a_str(h, f[sort_c[C_OP]]);
			e->why = unescape(h, f[sort_c[C_WHY]]);
			e->line = t.rows[ix[i].i].line;
			split_parents(h, e, f[sort_c[C_PARENTS]]);
		}
		if (f[sort_c[C_FIELD]][0] == '\0')
			continue;
		if (strcmp(f[sort_c[C_FIELD]], HIST_ROWFIELD) == 0) {
			if (compact_read(h, e, f[sort_c[C_VALUE]], &t,
			    t.rows[ix[i].i].line) == -1) {
				free(ix);
				csv_free_table(&t);
				return -1;
			}
			continue;
		}
		/* A line a merge repeated sets nothing new. */
		ent_set(h, e, f[sort_c[C_FIELD]], strlen(f[sort_c[C_FIELD]]),
		    unescape(h, f[sort_c[C_VALUE]]));
	}
	free(ix);
	csv_free_table(&t);
	return 0;
}

void
hist_free(struct history *h)
{
	struct hist_block *b;
	size_t i;

	/* The strings are the arena's. */
	for (i = 0; i < h->n; i++) {
		free(h->e[i].parent);
		free(h->e[i].field);
		free(h->e[i].value);
	}
	while ((b = h->arena) != NULL) {
		h->arena = b->next;
		free(b);
	}
	free(h->e);
	free(h->seal);
	free(h->path);
	memset(h, 0, sizeof(*h));
}

void
hist_add(struct history *h, const struct hist_ent *src)
{
	struct hist_ent *e;
	size_t i, k;

	e = new_entry(h);
	e->id = a_str(h, src->id);
	e->row = a_str(h, src->row);
	e->at = a_str(h, src->at);
	e->author = a_str(h, src->author);
	e->file = a_str(h, src->file);
	e->op = a_str(h, src->op);
	e->why = a_str(h, src->why);
	e->line = (size_t)-1 / 2 + h->n;	/* after every line read */
	for (i = 0; i < src->npar; i++)
		split_parents(h, e, src->parent[i]);
	e->field = xreallocarray(NULL, src->nf + 1, sizeof(char *));
	e->value = xreallocarray(NULL, src->nf + 1, sizeof(char *));
	/* Each field once, as a read gives it (fold_row() counts on it). */
	for (i = 0; i < src->nf; i++) {
		for (k = 0; k < e->nf; k++)
			if (strcmp(e->field[k], src->field[i] != NULL ?
			    src->field[i] : "") == 0)
				break;
		if (k < e->nf)
			continue;
		e->field[e->nf] = a_str(h, src->field[i]);
		e->value[e->nf++] = a_str(h, src->value[i]);
	}
}

/*
 * Folding.
 */

struct group {
	const struct hist_ent **e;	/* the row's entries, by line */
	size_t		 n;
	size_t		 words;		/* per bit set */
	uint64_t	*anc;		/* n bit sets: ancestors of each */
};

#define ANC(g, i)	((g)->anc + (i) * (g)->words)
#define HAS(set, j)	(((set)[(j) / 64] >> ((j) % 64)) & 1)

static long
index_of(const struct group *g, const char *id)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (strcmp(g->e[i]->id, id) == 0)
			return (long)i;
	return -1;
}

static void
ancestors(struct group *g)
{
	size_t i, k, w;
	long p;
	int changed;
	uint64_t *a, *b, old;

	g->words = (g->n + 63) / 64;
	g->anc = xcalloc(g->n * g->words + 1, sizeof(uint64_t));
	do {
		changed = 0;
		for (i = 0; i < g->n; i++) {
			a = ANC(g, i);
			for (k = 0; k < g->e[i]->npar; k++) {
				if ((p = index_of(g, g->e[i]->parent[k])) == -1 ||
				    (size_t)p == i)
					continue;
				b = ANC(g, (size_t)p);
				for (w = 0; w < g->words; w++) {
					old = a[w];
					a[w] |= b[w];
					if ((size_t)p / 64 == w)
						a[w] |= (uint64_t)1 << (p % 64);
					changed |= a[w] != old;
				}
			}
		}
	} while (changed);
}

/* The value entry e gives field f: NULL if it does not set it. */
static const char *
sets(const struct hist_ent *e, const char *f)
{
	size_t i;

	if (strcmp(f, "") == 0)		/* existence */
		return strcmp(e->op, "rm") == 0 ? "0" : "1";
	for (i = 0; i < e->nf; i++)
		if (strcmp(e->field[i], f) == 0)
			return e->value[i];
	return NULL;
}

static int
later(const struct hist_ent *a, const struct hist_ent *b)
{
	int c = strcmp(a->at, b->at);

	return c != 0 ? c > 0 : strcmp(a->id, b->id) > 0;
}

/*
 * The value of field f (existence for ""): that of the latest setter no
 * other setter follows; *conflict set if such setters disagree, *alt
 * then one of the values not given.
 */
static const char *
resolve(const struct group *g, const char *f, int *conflict,
    const char **alt)
{
	const struct hist_ent *best = NULL;
	const char *v, *w, *bv = NULL;
	size_t i, j;
	int max;

	*conflict = 0;
	*alt = NULL;
	for (i = 0; i < g->n; i++) {
		if ((v = sets(g->e[i], f)) == NULL)
			continue;
		max = 1;
		for (j = 0; j < g->n && max; j++)
			if (j != i && sets(g->e[j], f) != NULL &&
			    HAS(ANC(g, j), i))
				max = 0;
		if (!max)
			continue;
		if (best == NULL) {
			best = g->e[i];
			bv = v;
			continue;
		}
		if (strcmp(v, bv) != 0) {
			*conflict = 1;
			w = later(g->e[i], best) ? bv : v;
			*alt = w;
		}
		if (later(g->e[i], best)) {
			best = g->e[i];
			bv = v;
		}
	}
	return bv;
}

static void
fold_row(struct group *g, struct hist_row *r)
{
	size_t i, j, k;
	const char *v, *alt;
	int c, followed;
	struct buf cf = { 0 };

	memset(r, 0, sizeof(*r));
	r->id = g->e[0]->row;
	r->first = g->e[0];
	for (i = 0, k = 0; i < g->n; i++)
		k += g->e[i]->nf;
	r->field = xreallocarray(NULL, k + 1, sizeof(char *));
	r->value = xreallocarray(NULL, k + 1, sizeof(char *));
	if (g->n == 1) {
		/* One entry, as most rows are: it is the row. */
		r->head = xmalloc(sizeof(*r->head));
		r->head[r->nhead++] = g->e[0];
		r->live = strcmp(g->e[0]->op, "rm") != 0;
		for (r->nf = 0; r->nf < g->e[0]->nf; r->nf++) {
			r->field[r->nf] = g->e[0]->field[r->nf];
			r->value[r->nf] = g->e[0]->value[r->nf];
		}
		return;
	}
	ancestors(g);
	for (i = 0; i < g->n; i++)
		if (strcmp(g->e[i]->op, "add") == 0) {
			r->first = g->e[i];
			break;
		}
	for (i = 0; i < g->n; i++) {
		followed = 0;
		for (j = 0; j < g->n && !followed; j++)
			followed = j != i && HAS(ANC(g, j), i);
		if (!followed) {
			r->head = xreallocarray(r->head, r->nhead + 1,
			    sizeof(*r->head));
			r->head[r->nhead++] = g->e[i];
		}
	}
	v = resolve(g, "", &c, &alt);
	r->live = v == NULL || strcmp(v, "1") == 0 || c;
	if (c) {
		r->conflict = 1;
		buf_adds(&cf, "removed");
	}
	for (i = 0; i < g->n; i++)
		for (k = 0; k < g->e[i]->nf; k++) {
			const char *f = g->e[i]->field[k];

			for (j = 0; j < r->nf; j++)
				if (strcmp(r->field[j], f) == 0)
					break;
			if (j < r->nf)
				continue;
			v = resolve(g, f, &c, &alt);
			r->field[r->nf] = (char *)f;
			r->value[r->nf++] = (char *)(v != NULL ? v : "");
			if (c) {
				r->conflict = 1;
				r->alt = alt;
				buf_printf(&cf, "%s%s", cf.len > 0 ? ", " : "",
				    f);
			}
		}
	r->conflicts = cf.s;
	free(g->anc);
	g->anc = NULL;
}

static _Thread_local const struct history *cmp_h;

static int
cmp_row(const void *a, const void *b)
{
	const struct hist_ent *x = &cmp_h->e[*(const size_t *)a];
	const struct hist_ent *y = &cmp_h->e[*(const size_t *)b];
	int c = strcmp(x->row, y->row);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int
cmp_first(const void *a, const void *b)
{
	const struct hist_row *x = a, *y = b;

	if (x->first->line != y->first->line)
		return x->first->line < y->first->line ? -1 : 1;
	return strcmp(x->id, y->id);
}

void
hist_fold(const struct history *h, const char *file, struct hist_fold *out)
{
	size_t i, j, n = 0, *ix = xreallocarray(NULL, h->n + 1, sizeof(*ix));
	struct group g = { 0 };

	memset(out, 0, sizeof(*out));
	for (i = 0; i < h->n; i++)
		if (strcmp(h->e[i].file, file) == 0)
			ix[n++] = i;
	cmp_h = h;
	qsort(ix, n, sizeof(*ix), cmp_row);
	g.e = xreallocarray(NULL, n + 1, sizeof(*g.e));
	/* No more rows than entries: one allocation, not one per row. */
	out->r = xreallocarray(out->r, out->n + n + 1, sizeof(*out->r));
	for (i = 0; i < n; i = j) {
		g.n = 0;
		for (j = i; j < n && strcmp(h->e[ix[j]].row,
		    h->e[ix[i]].row) == 0; j++)
			g.e[g.n++] = &h->e[ix[j]];
		fold_row(&g, &out->r[out->n++]);
	}
	free(g.e);
	free(ix);
	if (out->n > 0)
		qsort(out->r, out->n, sizeof(*out->r), cmp_first);
}

void
hist_fold_free(struct hist_fold *fo)
{
	size_t i;

	for (i = 0; i < fo->n; i++) {
		free(fo->r[i].field);
		free(fo->r[i].value);
		free(fo->r[i].head);
		free(fo->r[i].conflicts);
	}
	free(fo->r);
	memset(fo, 0, sizeof(*fo));
}

const char *
hist_value(const struct hist_row *r, const char *field)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		if (strcmp(r->field[i], field) == 0)
			return r->value[i];
	return "";
}

const struct hist_row *
hist_find(const struct hist_fold *fo, const char *id)
{
	size_t i;

	for (i = 0; i < fo->n; i++)
		if (strcmp(fo->r[i].id, id) == 0)
			return &fo->r[i];
	return NULL;
}

/* 1 if column c of t is one of its file's schema (record.h). */
static int
schema_col(const struct csv_table *t, size_t c)
{
	const char *base = strrchr(t->path, '/');
	int f;

	base = base != NULL ? base + 1 : t->path;
	for (f = 0; f < REC_NFILES; f++)
		if (strcmp(rec_schema(f)->file, base) == 0)
			return rec_field(f, t->cols[c]) != NULL;
	return 1;
}

/*
 * The value of column c of t in r: the field of the same place first (a
 * row added by ipt sets its fields in the order of the columns).
 */
static const char *
value_of(const struct hist_row *r, const struct csv_table *t, size_t c)
{
	if (c < r->nf && strcmp(r->field[c], t->cols[c]) == 0)
		return r->value[c];
	return hist_value(r, t->cols[c]);
}

int
hist_row_equal(const struct hist_row *r, const struct csv_table *t, size_t i)
{
	size_t c;
	const char *v;

	for (c = 0; c < t->ncols; c++) {
		v = value_of(r, t, c);
		if (strcmp(t->rows[i].f[c], v) == 0)
			continue;
		/* A column of the user's own the history never saw. */
		if (*v == '\0' && !schema_col(t, c))
			continue;
		return 0;
	}
	for (c = 0; c < r->nf; c++)
		if (r->value[c][0] != '\0' && (c >= t->ncols ||
		    strcmp(r->field[c], t->cols[c]) != 0) &&
		    strcmp(r->field[c], HIST_NOTE) != 0 &&
		    csv_col(t, r->field[c]) == -1)
			return 0;
	return 1;
}

/*
 * FNV-1a of the schema columns of a row (sc[c] set): of t's row i, or of
 * r (i unused).
 */
static uint64_t
row_hash(const struct csv_table *t, const unsigned char *sc,
    const struct hist_row *r, size_t i)
{
	uint64_t h = 1469598103934665603ULL;
	const unsigned char *p;
	size_t c;

	for (c = 0; c < t->ncols; c++) {
		if (!sc[c])
			continue;	/* the user's own: hist_row_equal() sees */
		p = (const unsigned char *)(r != NULL ? value_of(r, t, c) :
		    t->rows[i].f[c]);
		for (; *p != '\0'; p++)
			h = (h ^ *p) * 1099511628211ULL;
		h = (h ^ 0x1f) * 1099511628211ULL;
	}
	return h;
}

struct hslot {
	uint64_t	 h;
	size_t		 j;	/* the fold row */
};

static int
cmp_hslot(const void *a, const void *b)
{
	const struct hslot *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->j < y->j ? -1 : x->j > y->j;
}

/* The first slot at or after p not used yet (path-halving). */
static size_t
next_free(size_t *nf, size_t p)
{
	while (nf[p] != p) {
		nf[p] = nf[nf[p]];
		p = nf[p];
	}
	return p;
}

/*
 * Each row of t to the first unused live fold row of equal values: by a
 * hash of the values, sorted, so that a file of 100,000 rows is matched
 * in n log n, not n squared.
 */
size_t
hist_match(const struct hist_fold *fo, const struct csv_table *t,
    const char **ids)
{
	return hist_match_at(fo, t, ids, NULL);
}

size_t
hist_match_at(const struct hist_fold *fo, const struct csv_table *t,
    const char **ids, size_t *at)
{
	struct hslot *sl = xreallocarray(NULL, fo->n + 1, sizeof(*sl)), key;
	size_t *nf, i, j, m = 0, lo, hi, mid, p, left = 0;
	unsigned char *sc = xreallocarray(NULL, t->ncols + 1, 1);

	for (i = 0; i < t->ncols; i++)
		sc[i] = (unsigned char)schema_col(t, i);
	for (j = 0; j < fo->n; j++)
		if (fo->r[j].live) {
			sl[m].h = row_hash(t, sc, &fo->r[j], 0);
			sl[m++].j = j;
		}
	if (m > 0)
		qsort(sl, m, sizeof(*sl), cmp_hslot);
	nf = xreallocarray(NULL, m + 1, sizeof(*nf));
	for (p = 0; p <= m; p++)
		nf[p] = p;
	for (i = 0; i < t->nrows; i++) {
		ids[i] = NULL;
		if (at != NULL)
			at[i] = (size_t)-1;
		key.h = row_hash(t, sc, NULL, i);
		for (lo = 0, hi = m; lo < hi;) {
			mid = lo + (hi - lo) / 2;
			if (sl[mid].h < key.h)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (p = next_free(nf, lo); p < m && sl[p].h == key.h;
		    p = next_free(nf, p + 1))
			if (hist_row_equal(&fo->r[sl[p].j], t, i)) {
				ids[i] = fo->r[sl[p].j].id;
				if (at != NULL)
					at[i] = sl[p].j;
				nf[p] = p + 1;
				break;
			}
		if (ids[i] == NULL)
			left++;
	}
	for (p = 0; p < m; p++)
		if (next_free(nf, p) == p)
			left++;
	free(nf);
	free(sl);
	free(sc);
	return left;
}

static const char *const key_sessions[] = { "number", NULL };
static const char *const key_measures[] = { "date", "instrument", "session",
    NULL };
static const char *const key_inventory[] = { "date", "person", NULL };
static const char *const key_timeline[] = { "date", "event", NULL };
static const char *const key_id[] = { "id", NULL };
static const char *const key_focus[] = { "date", "session", NULL };
static const char *const key_risk[] = { "date", "instrument", "flagged",
    NULL };
static const char *const key_signature[] = { "date", "session", NULL };
static const char *const key_episode[] = { "episode", NULL };
static const char *const key_none[] = { NULL };

const char *
hist_numbered(const char *file)
{
	if (strcmp(file, "sessions.csv") == 0)
		return "number";
	if (strcmp(file, "goals.csv") == 0 || strcmp(file, "relapse.csv") == 0 ||
	    strcmp(file, "addenda.csv") == 0 ||
	    strcmp(file, "formulation.csv") == 0)
		return "id";
	return NULL;
}

const char *const *
hist_key(const char *file)
{
	static const struct {
		const char *file;
		const char *const *key;
	} keys[] = {
		{ "sessions.csv", key_sessions },
		{ "measures.csv", key_measures },
		{ "inventory.csv", key_inventory },
		{ "timeline.csv", key_timeline },
		{ "goals.csv", key_id },
		{ "focus.csv", key_focus },
		{ "relapse.csv", key_id },
		{ "appointments.csv", key_id },
		{ "risk.csv", key_risk },
		{ "signatures.csv", key_signature },
		{ "addenda.csv", key_id },
		{ "formulation.csv", key_id },
		{ "episodes.csv", key_episode },
	};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i].file, file) == 0)
			return keys[i].key;
	return key_none;
}

int
hist_same_key(const char *file, const struct hist_row *r,
    const struct csv_table *t, size_t i)
{
	const char *const *k = hist_key(file);
	const char *v;

	if (k[0] == NULL)
		return 0;
	for (; *k != NULL; k++) {
		v = csv_col(t, *k) != -1 ? csv_get(t, i, *k) : "";
		if (strcmp(v, hist_value(r, *k)) != 0)
			return 0;
	}
	return 1;
}

/* 1 if every value of row i of t was set by an entry of row r. */
static int
known(const struct history *h, const char *file, const struct hist_row *r,
    const struct csv_table *t, size_t i)
{
	size_t c, k, j;
	const char *v;
	int seen;

	for (c = 0; c < t->ncols; c++) {
		if ((v = t->rows[i].f[c])[0] == '\0')
			continue;
		seen = 0;
		for (k = 0; k < h->n && !seen; k++) {
			if (strcmp(h->e[k].row, r->id) != 0 ||
			    strcmp(h->e[k].file, file) != 0)
				continue;
			for (j = 0; j < h->e[k].nf && !seen; j++)
				seen = strcmp(h->e[k].field[j], t->cols[c]) == 0 &&
				    strcmp(h->e[k].value[j], v) == 0;
		}
		if (!seen)
			return 0;
	}
	return 1;
}

const struct hist_row *
hist_came_from(const struct history *h, const char *file,
    const struct hist_fold *fo, const struct csv_table *t, size_t i)
{
	size_t j;

	for (j = 0; j < fo->n; j++)
		if (hist_same_key(file, &fo->r[j], t, i) &&
		    known(h, file, &fo->r[j], t, i))
			return &fo->r[j];
	return NULL;
}

/*
 * Ids, time and author.
 */

void
hist_new_id(char out[17])
{
	static _Thread_local unsigned long long n;
	static _Thread_local unsigned char pool[512];
	static _Thread_local size_t pool_len, pool_used;
	unsigned char b[8], d[SHA256_LEN];
	struct timespec ts;
	char seed[128];
	int fd = -1;

	/*
	 * Tests pin the time (IPT_NOW) and want the same bytes each run:
	 * then ids come from the seed IPT_NOW, the caller's (hist_seed())
	 * and a counter.
	 */
	if (getenv("IPT_NOW") != NULL) {
		snprintf(seed, sizeof(seed), "%s.%s.%llu", getenv("IPT_NOW"),
		    id_seed, n++);
		sha256(seed, strlen(seed), d);
		hex_encode(d, 8, out);
		out[16] = '\0';
		return;
	}
	/*
	 * Random bytes are read from /dev/urandom 64 ids at a time: a review
	 * of thousands of flags makes thousands of ids.  The pool is never
	 * used twice; a process that forks does not make ids after it.
	 */
	if (pool_used + sizeof(b) > pool_len) {
		pool_len = pool_used = 0;
		if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) != -1) {
			ssize_t r = read(fd, pool, sizeof(pool));

			pool_len = r > 0 ? (size_t)r : 0;
			close(fd);
		}
	}
	if (pool_used + sizeof(b) <= pool_len) {
		memcpy(b, pool + pool_used, sizeof(b));
		pool_used += sizeof(b);
	} else {
		/* No urandom: time, pid and a counter, hashed. */
		clock_gettime(CLOCK_REALTIME, &ts);
		snprintf(seed, sizeof(seed), "%lld.%ld.%ld.%llu",
		    (long long)ts.tv_sec, ts.tv_nsec, (long)getpid(), n++);
		sha256(seed, strlen(seed), d);
		memcpy(b, d, sizeof(b));
	}
	hex_encode(b, sizeof(b), out);
	out[16] = '\0';
}

void
hist_now(char out[21])
{
	const char *e = getenv("IPT_NOW");
	time_t t = time(NULL);
	struct tm tm;

	if (e != NULL && strlen(e) == 20 && e[10] == 'T' && e[19] == 'Z') {
		memcpy(out, e, 21);
		return;
	}
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * s with what a history field may not hold (a byte that is not UTF-8, a
 * control character: a git user.name in Latin-1, say) each made '?', so
 * that a name from outside never makes a history ipt cannot read back.
 */
static char *
text_only(const char *s)
{
	struct buf b = { 0 };
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	while (*p != '\0') {
		n = *p < 0x80 ? 1 : *p >= 0xc2 && *p <= 0xdf ? 2 :
		    *p >= 0xe0 && *p <= 0xef ? 3 : *p >= 0xf0 && *p <= 0xf4 ?
		    4 : 0;
		if (n > 0 && strnlen((const char *)p, n) == n &&
		    utf8_valid((const char *)p, n, 0)) {
			buf_add(&b, (const char *)p, n);
			p += n;
		} else {
			buf_addc(&b, '?');
			p++;
		}
	}
	return b.s != NULL ? b.s : xstrdup("");
}

void
hist_set_author(const char *a)
{
	const char *e = getenv("IPT_AUTHOR");
	struct passwd *pw;

	free(author);
	if (e != NULL && *e != '\0')
		a = e;
	if ((a == NULL || *a == '\0') && (pw = getpwuid(getuid())) != NULL)
		a = pw->pw_name;
	author = text_only(a != NULL && *a != '\0' ? a : "unknown");
}

const char *
hist_author(void)
{
	if (author == NULL)
		hist_set_author(NULL);
	return author;
}

void
hist_set_why(const char *w)
{
	free(why);
	why = w != NULL ? xstrdup(w) : NULL;
}

const char *
hist_why(void)
{
	return why != NULL ? why : "";
}

static void	 line_raw(struct buf *, const struct hist_ent *, const char *,
		    const char *);

static void
line(struct buf *b, const struct hist_ent *e, const char *f, const char *v)
{
	struct buf x = { 0 };

	escape(&x, v);
	line_raw(b, e, f, x.s != NULL ? x.s : "");
	buf_free(&x);
}

/* A line of e setting f to v, a CSV field already. */
static void
line_raw(struct buf *b, const struct hist_ent *e, const char *f,
    const char *v)
{
	size_t i;

	buf_adds(b, e->id);
	buf_addc(b, ',');
	for (i = 0; i < e->npar; i++)
		buf_printf(b, "%s%s", i > 0 ? ";" : "", e->parent[i]);
	buf_printf(b, ",%s,%s,", e->row, e->at);
	escape(b, e->author);
	buf_addc(b, ',');
	buf_csv_field(b, e->file, ',');
	buf_printf(b, ",%s,", e->op);
	escape(b, e->why);
	buf_addc(b, ',');
	buf_csv_field(b, f, ',');
	buf_addc(b, ',');
	buf_adds(b, v);
	buf_addc(b, '\n');
}

/* The note open at fd (closed here), as hist_note_text() reads it. */
static char *
note_read(int fd, int *bad)
{
	struct buf b = { 0 };
	struct stat st;
	char buf[8192];
	ssize_t n = 0;

	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		*bad = HIST_NOTE_NOTFILE;
		return NULL;
	}
	/* A byte past the most a field holds, never further. */
	while (b.len <= CSV_MAXFIELD && (n = read(fd, buf,
	    CSV_MAXFIELD + 1 - b.len < sizeof(buf) ?
	    CSV_MAXFIELD + 1 - b.len : sizeof(buf))) > 0)
		buf_add(&b, buf, (size_t)n);
	close(fd);
	/* Only what a note may hold: the rule of ipt session note. */
	if (n == -1)
		*bad = HIST_NOTE_UNREADABLE;
	else if (b.len > CSV_MAXFIELD)
		*bad = HIST_NOTE_LARGE;
	else if (!utf8_valid(b.s != NULL ? b.s : "", b.len, 1))
		*bad = HIST_NOTE_NOTTEXT;
	if (*bad != HIST_NOTE_OK) {
		buf_free(&b);
		return NULL;
	}
	return b.s != NULL ? b.s : xstrdup("");
}

char *
hist_note_at(int dirfd, const char *name, int *bad)
{
	int fd;

	*bad = HIST_NOTE_OK;
	if ((fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK)) == -1) {
		if (errno == ELOOP)
			*bad = HIST_NOTE_NOTFILE;
		else if (errno != ENOENT)
			*bad = HIST_NOTE_UNREADABLE;
		return NULL;
	}
	return note_read(fd, bad);
}

char *
hist_note_text(const char *dir, long number, int *bad)
{
	char *name = xasprintf("notes/%04ld.md", number);
	char *path = path_join(dir, name), *text;

	text = hist_note_at(AT_FDCWD, path, bad);
	free(path);
	free(name);
	return text;
}

const char *
hist_note_why(int bad)
{
	switch (bad) {
	case HIST_NOTE_NOTFILE:
		return "not a plain file (a directory, a device or a symbolic "
		    "link)";
	case HIST_NOTE_UNREADABLE:
		return "cannot be read";
	case HIST_NOTE_LARGE:
		return "larger than 1 MiB, the most a note may hold";
	case HIST_NOTE_NOTTEXT:
		return "not text (a NUL or other control character, or invalid "
		    "UTF-8)";
	}
	return "a note";
}

/* 1 if field name f can be a name of a compact line. */
static int
plain_name(const char *f)
{
	return *f != '\0' && strcmp(f, HIST_ROWFIELD) != 0 &&
	    strcmp(f, HIST_NOTE) != 0 && strpbrk(f, "=;\\\n\r") == NULL;
}

/* The bytes of s as a field of history.csv holds it (escape()). */
static size_t
escaped_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\\' || *s == '\n' || *s == '\r' ? 2 : 1;
	return n;
}

const char *
hist_too_long(const struct hist_ent *e, size_t *len)
{
	size_t i;

	*len = escaped_len(e->why != NULL ? e->why : "");
	if (*len > CSV_MAXFIELD)
		return "why";
	*len = escaped_len(e->author != NULL ? e->author : "");
	if (*len > CSV_MAXFIELD)
		return "author";
	for (i = 0; i < e->nf; i++)
		if ((*len = escaped_len(e->value[i])) > CSV_MAXFIELD)
			return e->field[i];
	return NULL;
}

size_t
hist_write_entry(struct buf *b, const struct hist_ent *e)
{
	struct buf c = { 0 }, q = { 0 };
	const char *v;
	size_t i, n = 0, lines = 0;

	if (b->len == 0)
		buf_adds(b, hist_header);
	/* An add of two fields or more: one line (history.h). */
	for (i = 0; i < e->nf; i++)
		n += plain_name(e->field[i]);
	if (strcmp(e->op, "add") != 0 || n < 2)
		n = 0;
	for (i = 0; n > 0 && i < e->nf; i++) {
		if (!plain_name(e->field[i]))
			continue;
		buf_printf(&c, "%s%s=", c.len > 0 ? ";" : "", e->field[i]);
		for (v = e->value[i]; *v != '\0'; v++)
			if (*v == '\\' || *v == ';')
				buf_printf(&c, "\\%c", *v);
			else if (*v == '\n' || *v == '\r')
				buf_adds(&c, *v == '\n' ? "\\n" : "\\r");
			else
				buf_addc(&c, *v);
	}
	/* Longer than a field may be: a line per field (hist_too_long()). */
	if (c.len > CSV_MAXFIELD)
		n = 0;
	if (n > 0) {
		buf_csv_field(&q, c.s, ',');
		line_raw(b, e, HIST_ROWFIELD, q.s);
		buf_free(&q);
		buf_free(&c);
		lines++;
	}
	if (e->nf == 0)
		line(b, e, "", "");
	for (i = 0; i < e->nf; i++)
		if (n == 0 || !plain_name(e->field[i])) {
			line(b, e, e->field[i], e->value[i]);
			lines++;
		}
	return lines > 0 ? lines : 1;
}

/* The entry of id among h's, or NULL. */
static const struct hist_ent *
by_id(const struct history *h, const char *id)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (strcmp(h->e[i].id, id) == 0)
			return &h->e[i];
	return NULL;
}

const char *
hist_before(const struct history *h, const struct hist_ent *e,
    const char *field)
{
	const struct hist_ent **q = NULL, *p;
	const char *v = NULL;
	size_t n = 0, head = 0, i, k, cap = 0;

	for (i = 0; i < e->npar; i++)
		if ((p = by_id(h, e->parent[i])) != NULL) {
			q = xreallocarray(q, ++cap, sizeof(*q));
			q[n++] = p;
		}
	/* Breadth first: the nearest ancestor that set it. */
	while (head < n && v == NULL) {
		p = q[head++];
		if ((v = sets(p, field)) != NULL)
			break;
		for (i = 0; i < p->npar && n < 4096; i++) {
			const struct hist_ent *pp = by_id(h, p->parent[i]);

			for (k = 0; pp != NULL && k < n; k++)
				if (q[k] == pp)
					pp = NULL;
			if (pp != NULL) {
				q = xreallocarray(q, ++cap, sizeof(*q));
				q[n++] = pp;
			}
		}
	}
	free(q);
	return v;
}
