/*
 * csvt.h: CSV tables over libcsv.
 *
 * A table is a header (the first record) and rows of the same width, held
 * as NUL-terminated strings.  The reader streams the file through libcsv
 * in strict mode, tracks physical line numbers itself (libcsv reports only
 * byte offsets), and fails with "FILE:LINE: ..." on an unterminated quote,
 * a stray quote, a wrong number of fields, a NUL byte or invalid UTF-8.
 * The writer quotes a field only when RFC 4180 (or libcsv's trimming of
 * unquoted blanks) requires it, so plain columns stay readable by cut(1).
 */
#ifndef IPT_CSVT_H
#define IPT_CSVT_H

#include <stddef.h>
#include <stdio.h>

struct buf;

#define CSV_MAXFIELD	(1024 * 1024)	/* bytes in one field */
#define CSV_MAXCOLS	256
#define CSV_MAXFILE	(16 * 1024 * 1024)	/* bytes csv_load reads */
#define CSV_MAXCELLS	500000		/* fields csv_load holds */
/* history.csv: every change of a client's records. */
#define CSV_HIST_MAXFILE	(32 * 1024 * 1024)
#define CSV_HIST_MAXCELLS	1500000

struct csv_row {
	size_t	 line;		/* physical line where the row starts; 0 if new */
	char	**f;		/* ncols fields */
};

struct csv_table {
	char		*path;		/* as named in messages */
	size_t		 ncols;
	char		**cols;
	size_t		 nrows, cap;
	struct csv_row	*rows;
	/* The file as csv_load() read it: fields may point into it. */
	char		*text;
	size_t		 textlen;
	/* The rows' arrays of fields, in one block when split from text. */
	char		**block;
	size_t		 blocklen;
};

/*
 * Stream a file: fn is called for every record, the header included, with
 * its starting line.  fn returns 0 to go on and -1 (after ipt_seterr) to
 * stop.  Fields are valid only during the call.
 */
typedef int	(*csv_record_fn)(void *arg, size_t line, char **f, size_t n);
int		 csv_scan(const char *path, FILE *, csv_record_fn, void *arg);

/*
 * Load a whole table; on failure (errno ENOENT: no file) t is empty.  A
 * file over CSV_MAXFILE bytes or CSV_MAXCELLS fields is refused (EFBIG,
 * EINVAL), so that the memory a load takes stays bounded.
 */
int		 csv_load(struct csv_table *, const char *path);
/*
 * The same with other limits: history.csv, which keeps every change of
 * a client's records, may grow larger than any record file.
 */
int		 csv_load_max(struct csv_table *, const char *path,
		    size_t maxfile, size_t maxcells);
/* An empty table with the given header. */
void		 csv_init_table(struct csv_table *, const char *path,
		    const char *const *cols, size_t ncols);
int		 csv_col(const struct csv_table *, const char *name);
/* Add a column if missing (filled with ""); returns its index. */
int		 csv_add_col(struct csv_table *, const char *name);
const char	*csv_get(const struct csv_table *, size_t row, const char *col);
/*
 * Whether a field is one csv_load() split from a plain text and has not
 * been set since: such a field is valid UTF-8 and holds no control
 * character but tab and newline (record.c need not check it again).
 */
int		 csv_field_plain(const struct csv_table *, const char *);
void		 csv_set(struct csv_table *, size_t row, const char *col, const char *);
/* Append a row of empty fields; returns its index. */
size_t		 csv_append(struct csv_table *);
void		 csv_remove(struct csv_table *, size_t row);
int		 csv_write_table(const struct csv_table *, FILE *);
/* The bytes csv_write_table() writes, computed without writing them. */
size_t		 csv_table_size(const struct csv_table *);
/* Write one field, quoted only if needed; sep is the delimiter in use. */
int		 csv_write_field(FILE *, const char *, int sep);
/* The same, appended to a buffer. */
void		 buf_csv_field(struct buf *, const char *, int sep);
void		 csv_free_table(struct csv_table *);
/* Do rows a and b hold the same values in every column? */
int		 csv_rows_equal(const struct csv_table *, size_t a, size_t b);

#endif
