/*
 * spool.h: records kept and sorted in bounded memory.
 *
 * A caseload command (ls, remind, export) gathers a few records per
 * client and prints them sorted once the scan is over.  Kept in memory,
 * they would make the command's memory grow with the caseload.  A spool
 * keeps records in memory up to a budget; past it, it sorts what it
 * holds and writes it out as a run to a temporary file, and at the end
 * it merges the runs, SPOOL_FANIN at a time, in as many passes as it
 * takes.  Its memory stays about the budget, whatever the number of
 * records; a spool that never passes its budget never makes a file.
 *
 * The sort is stable: records the comparison finds equal come out in the
 * order they were added, so the output never depends on the budget.
 *
 * The temporary file is made in $TMPDIR (/tmp when unset) by mkstemp(),
 * mode 0600, and unlinked at once: no name of it outlives the call that
 * made it, and the space is freed when the spool is or the process ends,
 * even by a crash.  It holds what the command will print.
 *
 * Errors (the temporary file cannot be made or written) return -1 after
 * ipt_seterr().
 */
#ifndef IPT_SPOOL_H
#define IPT_SPOOL_H

#include <sys/types.h>

#include <stddef.h>

#define SPOOL_FANIN	16		/* runs merged at once */
#define SPOOL_BUDGET	(256 * 1024)	/* default memory budget, bytes */

/* Compare two records: <0, 0 or >0, as strcmp(). */
typedef int	(*spool_cmp)(const void *, size_t, const void *, size_t,
		    void *arg);

struct spool_ix;
struct spool_run;
struct spool_rd;

struct spool {
	spool_cmp	 cmp;
	void		*arg;
	size_t		 budget;
	size_t		 n;		/* records added */
	/* The records in memory, and their index. */
	char		*mem;
	size_t		 used, cap;
	struct spool_ix	*ix;
	size_t		 nix, capix;
	/* The temporary file and the runs in it, in the order made. */
	int		 fd;		/* -1 until the first run */
	off_t		 fend;
	struct spool_run *run;
	size_t		 nrun;
	/* Reading back. */
	int		 sorted;
	size_t		 pos;		/* next index entry (no runs) */
	struct spool_rd	*rd;		/* one reader a run (runs) */
	size_t		 nrd;
};

/*
 * The budget a command uses: IPT_SPOOL_KIB (kibibytes, 0 to 1048576;
 * 0 writes every record as its own run, for tests) or SPOOL_BUDGET.
 */
size_t	 spool_budget(void);

void	 spool_init(struct spool *, spool_cmp, void *arg, size_t budget);
/* Add a record (copied); a record may be empty but not 4 GiB or more. */
int	 spool_add(struct spool *, const void *, size_t);
/* No more records: sort them.  Then read them back with spool_next(). */
int	 spool_sort(struct spool *);
/*
 * The next record in order: 1 and *rec, *len (valid until the next call),
 * 0 at the end, -1 on a read error.
 */
int	 spool_next(struct spool *, const void **rec, size_t *len);
/* Read from the first record again. */
int	 spool_rewind(struct spool *);
void	 spool_free(struct spool *);

/*
 * A spill: bytes appended in memory up to a budget, then to a temporary
 * file as above, and read back at the offsets they were given.  The
 * bulky rows of an export wait there while a spool sorts their keys.
 */
struct spill {
	size_t		 budget;
	char		*mem;		/* until the budget is passed */
	size_t		 len, cap;
	int		 fd;		/* -1 while in memory */
	off_t		 size;		/* bytes appended in all */
	char		*wbuf;		/* not yet written to fd */
	size_t		 wlen;
	char		*rbuf;		/* read from fd, at roff */
	off_t		 roff;
	size_t		 rlen, rcap;
	size_t		 ra;		/* how far to read ahead */
};

void	 spill_init(struct spill *, size_t budget);
/* Append len bytes; *off is where they start. */
int	 spill_add(struct spill *, const void *, size_t, off_t *off);
/* Copy len bytes from off (appended earlier) to dst. */
int	 spill_read(struct spill *, off_t off, void *dst, size_t len);
void	 spill_free(struct spill *);

#endif
