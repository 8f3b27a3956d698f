/*
 * spool.c: an external merge sort in bounded memory, and a spill file
 * (see spool.h).
 *
 * A run in the temporary file is a sequence of records, each a 4-byte
 * length in host order and the bytes.  Records in memory are sorted
 * with a stable merge sort (qsort() is neither stable nor able to take
 * the comparison's argument); runs are merged with ties going to the
 * earlier run, and a pass merges neighbouring runs into one that takes
 * their place, so that the whole sort is stable.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spool.h"
#include "util.h"

#define RD_BUF		(8 * 1024)	/* reading a run */
#define WR_BUF		(64 * 1024)	/* writing a run or a spill */
#define RA_MIN		(8 * 1024)	/* reading a spill ahead */
#define RA_MAX		(128 * 1024)

struct spool_ix {
	size_t		 off, len;
};

struct spool_run {
	off_t		 off, end;
};

struct spool_rd {
	off_t		 off, end;	/* what is left of the run in the file */
	char		*buf;
	size_t		 pos, len, cap;
	const char	*rec;		/* the current record, in buf */
	size_t		 rlen;
	int		 have;
};

/* Buffered writing at the end of the file. */
struct wr {
	int		 fd;
	off_t		 off;
	char		*buf;
	size_t		 len;
};

static const char *
tmp_dir(void)
{
	const char *d = getenv("TMPDIR");

	return d != NULL && *d != '\0' ? d : "/tmp";
}

/* A temporary file nobody else can open: made 0600, unlinked at once. */
static int
tmp_file(void)
{
	char *path;
	int fd, e;

	path = xasprintf("%s/ipt-spool.XXXXXX", tmp_dir());
	if ((fd = mkstemp(path)) == -1) {
		e = errno;
		free(path);
		errno = e;
		return ipt_seterrno("temporary file in %s", tmp_dir());
	}
	(void)unlink(path);
	free(path);
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

static int
write_at(int fd, const void *p, size_t n, off_t off)
{
	const char *s = p;
	ssize_t w;

	while (n > 0) {
		if ((w = pwrite(fd, s, n, off)) == -1) {
			if (errno == EINTR)
				continue;
			return ipt_seterrno("temporary file in %s", tmp_dir());
		}
		s += w;
		n -= (size_t)w;
		off += w;
	}
	return 0;
}

static int
read_at(int fd, void *p, size_t n, off_t off)
{
	char *s = p;
	ssize_t r;

	while (n > 0) {
		if ((r = pread(fd, s, n, off)) == -1) {
			if (errno == EINTR)
				continue;
			return ipt_seterrno("temporary file in %s", tmp_dir());
		}
		if (r == 0)
			return ipt_seterr("temporary file in %s: cut short",
			    tmp_dir());
		s += r;
		n -= (size_t)r;
		off += r;
	}
	return 0;
}

static int
wr_flush(struct wr *w)
{
	if (w->len > 0 && write_at(w->fd, w->buf, w->len, w->off) == -1)
		return -1;
	w->off += (off_t)w->len;
	w->len = 0;
	return 0;
}

static int
wr_put(struct wr *w, const void *p, size_t n)
{
	if (w->len + n > WR_BUF && wr_flush(w) == -1)
		return -1;
	if (n >= WR_BUF) {
		if (write_at(w->fd, p, n, w->off) == -1)
			return -1;
		w->off += (off_t)n;
		return 0;
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
	return 0;
}

static int
wr_record(struct wr *w, const void *p, size_t n)
{
	uint32_t len = (uint32_t)n;

	if (wr_put(w, &len, sizeof(len)) == -1)
		return -1;
	return wr_put(w, p, n);
}

/*
 * Reading a run.
 */

/* Have at least `need' bytes from r->pos in the buffer; 1 if the run ends
   first. */
static int
rd_need(int fd, struct spool_rd *r, size_t need)
{
	size_t want;

	if (r->len - r->pos >= need)
		return 0;
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (need > r->cap) {
		r->cap = need;
		r->buf = xrealloc(r->buf, r->cap);
	}
	while (r->len < need) {
		if (r->off >= r->end)
			return 1;
		want = r->cap - r->len;
		if ((off_t)want > r->end - r->off)
			want = (size_t)(r->end - r->off);
		if (read_at(fd, r->buf + r->len, want, r->off) == -1)
			return -1;
		r->off += (off_t)want;
		r->len += want;
	}
	return 0;
}

/* Step to the next record of the run (r->have is 0 past the last). */
static int
rd_advance(int fd, struct spool_rd *r)
{
	uint32_t len;
	int rc;

	if (r->have) {
		r->pos += r->rlen;
		r->have = 0;
	}
	if ((rc = rd_need(fd, r, sizeof(len))) != 0)
		return rc == 1 ? 0 : -1;
	memcpy(&len, r->buf + r->pos, sizeof(len));
	if ((rc = rd_need(fd, r, sizeof(len) + len)) != 0)
		return rc == 1 ? ipt_seterr("temporary file in %s: cut short",
		    tmp_dir()) : -1;
	r->pos += sizeof(len);
	r->rec = r->buf + r->pos;
	r->rlen = len;
	r->have = 1;
	return 0;
}

static int
rd_open(int fd, struct spool_rd *r, const struct spool_run *run)
{
	r->off = run->off;
	r->end = run->end;
	r->pos = r->len = 0;
	r->have = 0;
	if (r->buf == NULL) {
		r->cap = RD_BUF;
		r->buf = xmalloc(r->cap);
	}
	return rd_advance(fd, r);
}

/* The reader holding the least record (the first of equals), or -1. */
static long
rd_pick(const struct spool *sp, const struct spool_rd *rd, size_t n)
{
	size_t i;
	long best = -1;

	for (i = 0; i < n; i++) {
		if (!rd[i].have)
			continue;
		if (best == -1 || sp->cmp(rd[i].rec, rd[i].rlen,
		    rd[best].rec, rd[best].rlen, sp->arg) < 0)
			best = (long)i;
	}
	return best;
}

/*
 * The spool.
 */

size_t
spool_budget(void)
{
	const char *e = getenv("IPT_SPOOL_KIB");
	long kib;

	if (e != NULL && parse_long(e, 0, 1048576, &kib) == 0)
		return (size_t)kib * 1024;
	return SPOOL_BUDGET;
}

void
spool_init(struct spool *sp, spool_cmp cmp, void *arg, size_t budget)
{
	memset(sp, 0, sizeof(*sp));
	sp->cmp = cmp;
	sp->arg = arg;
	sp->budget = budget;
	sp->fd = -1;
}

/* Stable merge sort of the index, with tmp as room for as many. */
static void
sort_ix(struct spool *sp, struct spool_ix *v, struct spool_ix *tmp,
    size_t n)
{
	size_t w, lo, mid, hi, i, j, k;
	struct spool_ix *from = v, *to = tmp, *t;

	for (w = 1; w < n; w *= 2) {
		for (lo = 0; lo < n; lo += 2 * w) {
			mid = lo + w < n ? lo + w : n;
			hi = lo + 2 * w < n ? lo + 2 * w : n;
			i = lo;
			j = mid;
			k = lo;
			while (i < mid && j < hi) {
				if (sp->cmp(sp->mem + from[j].off, from[j].len,
				    sp->mem + from[i].off, from[i].len,
				    sp->arg) < 0)
					to[k++] = from[j++];
				else
					to[k++] = from[i++];
			}
			while (i < mid)
				to[k++] = from[i++];
			while (j < hi)
				to[k++] = from[j++];
		}
		t = from;
		from = to;
		to = t;
	}
	if (from != v)
		memcpy(v, from, n * sizeof(*v));
}

static void
sort_mem(struct spool *sp)
{
	struct spool_ix *tmp;

	if (sp->nix < 2)
		return;
	tmp = xreallocarray(NULL, sp->nix, sizeof(*tmp));
	sort_ix(sp, sp->ix, tmp, sp->nix);
	free(tmp);
}

/* Sort the records in memory and write them out as a run. */
static int
spill_run(struct spool *sp)
{
	struct wr w;
	size_t i;
	int rc = 0;

	if (sp->fd == -1 && (sp->fd = tmp_file()) == -1)
		return -1;
	sort_mem(sp);
	w.fd = sp->fd;
	w.off = sp->fend;
	w.buf = xmalloc(WR_BUF);
	w.len = 0;
	for (i = 0; i < sp->nix && rc == 0; i++)
		rc = wr_record(&w, sp->mem + sp->ix[i].off, sp->ix[i].len);
	if (rc == 0)
		rc = wr_flush(&w);
	free(w.buf);
	if (rc == -1)
		return -1;
	sp->run = xreallocarray(sp->run, sp->nrun + 1, sizeof(*sp->run));
	sp->run[sp->nrun].off = sp->fend;
	sp->run[sp->nrun].end = w.off;
	sp->nrun++;
	sp->fend = w.off;
	sp->used = 0;
	sp->nix = 0;
	return 0;
}

int
spool_add(struct spool *sp, const void *rec, size_t len)
{
	/* The index costs twice its size while it is sorted. */
	size_t cost = len + 2 * sizeof(*sp->ix);

	if (len >= UINT32_MAX)
		return ipt_seterr("a record of %zu bytes is too long", len);
	if (sp->nix > 0 && sp->used + 2 * sp->nix * sizeof(*sp->ix) + cost >
	    sp->budget && spill_run(sp) == -1)
		return -1;
	if (sp->used + len > sp->cap) {
		sp->cap = sp->used + len > 2 * sp->cap ? sp->used + len :
		    2 * sp->cap;
		sp->mem = xrealloc(sp->mem, sp->cap ? sp->cap : 1);
	}
	if (sp->nix == sp->capix) {
		sp->capix = sp->capix ? 2 * sp->capix : 64;
		sp->ix = xreallocarray(sp->ix, sp->capix, sizeof(*sp->ix));
	}
	if (len > 0)
		memcpy(sp->mem + sp->used, rec, len);
	sp->ix[sp->nix].off = sp->used;
	sp->ix[sp->nix].len = len;
	sp->nix++;
	sp->used += len;
	sp->n++;
	return 0;
}

/* Merge runs [a, b) into one written at the end of the file. */
static int
merge_runs(struct spool *sp, size_t a, size_t b, struct spool_run *out)
{
	struct spool_rd *rd;
	struct wr w;
	size_t i, n = b - a;
	long k;
	int rc = 0;

	rd = xcalloc(n, sizeof(*rd));
	w.fd = sp->fd;
	w.off = sp->fend;
	w.buf = xmalloc(WR_BUF);
	w.len = 0;
	for (i = 0; i < n && rc == 0; i++)
		rc = rd_open(sp->fd, &rd[i], &sp->run[a + i]);
	while (rc == 0 && (k = rd_pick(sp, rd, n)) != -1) {
		rc = wr_record(&w, rd[k].rec, rd[k].rlen);
		if (rc == 0)
			rc = rd_advance(sp->fd, &rd[k]);
	}
	if (rc == 0)
		rc = wr_flush(&w);
	for (i = 0; i < n; i++)
		free(rd[i].buf);
	free(rd);
	free(w.buf);
	if (rc == -1)
		return -1;
	out->off = sp->fend;
	out->end = w.off;
	sp->fend = w.off;
	return 0;
}

static int
open_readers(struct spool *sp)
{
	size_t i;

	if (sp->rd == NULL) {
		sp->rd = xcalloc(sp->nrun, sizeof(*sp->rd));
		sp->nrd = sp->nrun;
	}
	sp->pos = SIZE_MAX;		/* no record handed out yet */
	for (i = 0; i < sp->nrd; i++)
		if (rd_open(sp->fd, &sp->rd[i], &sp->run[i]) == -1)
			return -1;
	return 0;
}

int
spool_sort(struct spool *sp)
{
	struct spool_run *next;
	size_t i, n;

	sp->sorted = 1;
	if (sp->nrun == 0) {
		sort_mem(sp);
		sp->pos = 0;
		return 0;
	}
	if (sp->nix > 0 && spill_run(sp) == -1)
		return -1;
	free(sp->mem);
	free(sp->ix);
	sp->mem = NULL;
	sp->ix = NULL;
	sp->cap = sp->capix = 0;
	while (sp->nrun > SPOOL_FANIN) {
		next = xreallocarray(NULL, (sp->nrun + SPOOL_FANIN - 1) /
		    SPOOL_FANIN, sizeof(*next));
		for (n = 0, i = 0; i < sp->nrun; i += SPOOL_FANIN, n++) {
			if (i + 1 == sp->nrun)
				next[n] = sp->run[i];
			else if (merge_runs(sp, i, i + SPOOL_FANIN < sp->nrun ?
			    i + SPOOL_FANIN : sp->nrun, &next[n]) == -1) {
				free(next);
				return -1;
			}
		}
		free(sp->run);
		sp->run = next;
		sp->nrun = n;
	}
	return open_readers(sp);
}

int
spool_next(struct spool *sp, const void **rec, size_t *len)
{
	long k;

	if (!sp->sorted && spool_sort(sp) == -1)
		return -1;
	if (sp->nrun == 0) {
		if (sp->pos >= sp->nix)
			return 0;
		*rec = sp->mem + sp->ix[sp->pos].off;
		*len = sp->ix[sp->pos].len;
		sp->pos++;
		return 1;
	}
	/* Step past the record handed out last time. */
	if (sp->pos != SIZE_MAX &&
	    rd_advance(sp->fd, &sp->rd[sp->pos]) == -1)
		return -1;
	if ((k = rd_pick(sp, sp->rd, sp->nrd)) == -1) {
		sp->pos = SIZE_MAX;
		return 0;
	}
	sp->pos = (size_t)k;
	*rec = sp->rd[k].rec;
	*len = sp->rd[k].rlen;
	return 1;
}

int
spool_rewind(struct spool *sp)
{
	if (!sp->sorted)
		return spool_sort(sp);
	if (sp->nrun == 0) {
		sp->pos = 0;
		return 0;
	}
	return open_readers(sp);
}

void
spool_free(struct spool *sp)
{
	size_t i;

	for (i = 0; i < sp->nrd; i++)
		free(sp->rd[i].buf);
	free(sp->rd);
	free(sp->run);
	free(sp->mem);
	free(sp->ix);
	if (sp->fd != -1)
		(void)close(sp->fd);
	spool_init(sp, NULL, NULL, 0);
}

/*
 * The spill.
 */

void
spill_init(struct spill *s, size_t budget)
{
	memset(s, 0, sizeof(*s));
	s->budget = budget;
	s->fd = -1;
}

static int
spill_flush(struct spill *s)
{
	if (s->wlen > 0 && write_at(s->fd, s->wbuf, s->wlen,
	    s->size - (off_t)s->wlen) == -1)
		return -1;
	s->wlen = 0;
	return 0;
}

int
spill_add(struct spill *s, const void *p, size_t n, off_t *off)
{
	*off = s->size;
	if (n == 0)
		return 0;
	if (s->fd == -1 && s->len + n > s->budget) {
		/* Past the budget: what was kept goes to the file. */
		if ((s->fd = tmp_file()) == -1)
			return -1;
		if (s->len > 0 && write_at(s->fd, s->mem, s->len, 0) == -1)
			return -1;
		free(s->mem);
		s->mem = NULL;
		s->len = s->cap = 0;
		s->wbuf = xmalloc(WR_BUF);
	}
	if (s->fd == -1) {
		if (s->len + n > s->cap) {
			s->cap = s->len + n > 2 * s->cap ? s->len + n :
			    2 * s->cap;
			s->mem = xrealloc(s->mem, s->cap ? s->cap : 1);
		}
		memcpy(s->mem + s->len, p, n);
		s->len += n;
		s->size += (off_t)n;
		return 0;
	}
	if (s->wlen + n > WR_BUF && spill_flush(s) == -1)
		return -1;
	if (n >= WR_BUF) {
		if (write_at(s->fd, p, n, s->size) == -1)
			return -1;
	} else {
		memcpy(s->wbuf + s->wlen, p, n);
		s->wlen += n;
	}
	s->size += (off_t)n;
	return 0;
}

int
spill_read(struct spill *s, off_t off, void *dst, size_t n)
{
	off_t end;
	size_t want;

	if (off < 0 || off + (off_t)n > s->size)
		return ipt_seterr("spill: read past the end");
	if (n == 0)
		return 0;
	if (s->fd == -1) {
		memcpy(dst, s->mem + off, n);
		return 0;
	}
	if (spill_flush(s) == -1)
		return -1;
	/* From what was read ahead? */
	end = s->roff + (off_t)s->rlen;
	if (off >= s->roff && off + (off_t)n <= end) {
		memcpy(dst, s->rbuf + (off - s->roff), n);
		return 0;
	}
	/*
	 * Reads that follow each other read further ahead, up to RA_MAX; a
	 * jump reads no more than asked (a sort by pseudonym jumps).
	 */
	if (off == end && s->rlen > 0)
		s->ra = s->ra == 0 ? RA_MIN : s->ra * 2 > RA_MAX ? RA_MAX :
		    s->ra * 2;
	else
		s->ra = 0;
	want = n > s->ra ? n : s->ra;
	if ((off_t)want > s->size - off)
		want = (size_t)(s->size - off);
	if (want > s->rcap) {
		free(s->rbuf);
		s->rcap = want;
		s->rbuf = xmalloc(s->rcap);
	}
	if (read_at(s->fd, s->rbuf, want, off) == -1) {
		s->rlen = 0;
		return -1;
	}
	s->roff = off;
	s->rlen = want;
	memcpy(dst, s->rbuf, n);
	return 0;
}

void
spill_free(struct spill *s)
{
	free(s->mem);
	free(s->wbuf);
	free(s->rbuf);
	if (s->fd != -1)
		(void)close(s->fd);
	spill_init(s, 0);
}
