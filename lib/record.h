/*
 * record.h: the CSV record files of a client directory and their columns.
 *
 * Each file has a schema: its columns, in the order a new file is written,
 * and the type and range of each.  rec_load() reads a file and checks
 * every value against the schema, failing with "FILE:LINE: COLUMN: ..." on
 * the first bad one; columns the schema does not know are kept as they
 * are.  rec_save() checks again and replaces the file atomically; the
 * caller must hold the directory lock (atomic.h) across the load, the
 * change and the save, as a record transaction (txn.h) does.
 */
#ifndef IPT_RECORD_H
#define IPT_RECORD_H

#include "csvt.h"

/* The INI file that makes a directory a client's (client.h). */
#define CLIENT_INI	"client.ini"

enum rec_file {
	REC_SESSIONS,
	REC_MEASURES,
	REC_INVENTORY,
	REC_TIMELINE,
	REC_GOALS,
	REC_FOCUS,
	REC_RELAPSE,
	REC_RISK,
	REC_APPOINTMENTS,
	REC_SIGNATURES,
	REC_ADDENDA,
	REC_FORMULATION,
	REC_EPISODES,
	REC_NFILES
};

enum ftype {
	FT_TEXT,	/* free text; may hold newlines */
	FT_LINE,	/* one line of text */
	FT_DATE,	/* YYYY-MM-DD */
	FT_INT,		/* integer in [min, max] */
	FT_NUM,		/* decimal number */
	FT_ENUM,	/* one of values */
	FT_LIST,	/* ';'-separated values */
	FT_WORDS,	/* space-separated tokens (item scores) */
	FT_NAME		/* a [a-z0-9-]+ token, such as a person key or flag */
};

struct field_spec {
	const char		*name;
	enum ftype		 type;
	int			 required;
	long			 min, max;
	const char *const	*values;	/* FT_ENUM, FT_LIST */
};

struct rec_schema {
	const char		*file;
	const struct field_spec	*f;
	size_t			 n;
};

extern const char *const rec_kinds[];		/* session kinds */
extern const char *const rec_attendance[];
extern const char *const rec_phases[];
extern const char *const rec_techniques[];
extern const char *const rec_risk_levels[];	/* none low moderate high */
extern const char *const rec_appt_status[];	/* planned, cancelled, held */
extern const char *const rec_end_reasons[];	/* completed, ... (client.h) */

const struct rec_schema	*rec_schema(enum rec_file);
const struct field_spec	*rec_field(enum rec_file, const char *col);
/* Check a value given for option `opt'; a usage error if bad. */
int	 rec_check_arg(enum rec_file, const char *col, const char *opt, const char *val);
/* Why a value is bad, or NULL if good. */
const char *rec_value_error(const struct field_spec *, const char *, char *, size_t);
/* Load dir's file; a missing file is an empty table with the schema header. */
int	 rec_load(const char *dir, enum rec_file, struct csv_table *);
/* Check a table as rec_save() does before it writes anything. */
int	 rec_check(enum rec_file, const struct csv_table *);
/* Validate and atomically replace dir's file (lock held). */
int	 rec_save(const char *dir, enum rec_file, const struct csv_table *);
/* "a, b, c" listing of a NULL-terminated name list, in a static buffer. */
const char *rec_names(const char *const *);
/* Index of s in a NULL-terminated list, or -1. */
int	 rec_lookup(const char *const *, const char *);

/* The number a row is known by (a session, an id): 1 to 9999, or 0. */
long	 rec_number(const char *);
/* The session number of a note's file name NNNN.md, or -1 if not one. */
long	 rec_note_number(const char *name);

#endif
