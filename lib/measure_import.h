/*
 * measure_import.h: ipt measure import, administrations from a file.
 *
 * The file is a FHIR R4 QuestionnaireResponse in JSON, or a Bundle of
 * them (other resources in it are passed over), as a form filler or
 * ipt export --format fhir writes it; or a CSV of one row per
 * administration, the shape research tools such as REDCap export:
 * columns date and instrument, the item scores in columns named by
 * item number (1, 2, ...) or instrument and number (phq9_1, ...), and
 * optionally client, which must then name this client.  Each is scored
 * by the code of measure add (instr_score()), risk items flag the row
 * as measure add does (measure_put()), and the session is the one held
 * that day.  All or nothing: the first bad row or JSON value is named
 * ("FILE:LINE: ..." or "FILE:LINE: entry[2].resource.item[3]: ...") and
 * nothing is written.
 */
#ifndef IPT_MEASURE_IMPORT_H
#define IPT_MEASURE_IMPORT_H

#include <stddef.h>

#include "instrument.h"

struct import_report {
	size_t	 n;		/* administrations recorded */
	size_t	 risk;		/* of which flagged */
};

int	 measure_import(const char *dir, const char *client_id,
	    const struct instr_set *, const char *path,
	    struct import_report *);

#endif
