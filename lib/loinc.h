/*
 * loinc.h: the codes an instrument is written with in FHIR: its LOINC
 * codes ([loinc] of its definition, instrument.h), or ipt's own code
 * system where it has none (ipt-files(5), FHIR).  ipt export --format
 * fhir writes them (fhir.c) and ipt measure import reads them back
 * (measure_import.c).
 */
#ifndef IPT_LOINC_H
#define IPT_LOINC_H

#include <stddef.h>

#include "instrument.h"

/* The code systems and names of ipt's own codes. */
#define FHIR_LOINC	"http://loinc.org"
#define FHIR_OWN	"urn:ipt:code"
#define FHIR_OWN_Q	"urn:ipt:questionnaire:"
#define FHIR_LOINC_Q	"http://loinc.org/q/"
#define FHIR_CLIENT	"urn:ipt:client"
#define FHIR_PSEUDONYM	"urn:ipt:pseudonym"
#define FHIR_EPISODE	"urn:ipt:episode"
#define FHIR_BAND	"urn:ipt:band"
#define FHIR_RISK	"risk-item-positive"

/*
 * The codes of an instrument, LOINC's or ipt's own: the questionnaire's
 * canonical URL, the total's and item i's (0-based) code and system,
 * into fresh strings.
 */
char	*fhir_questionnaire(const struct instrument *);
void	 fhir_total_code(const struct instrument *, const char **system,
	    char **code);
void	 fhir_item_code(const struct instrument *, size_t i,
	    const char **system, char **code);

/*
 * The instrument of a questionnaire's canonical URL (a "|version" after
 * it aside), and the item of a link id: its code, "/" and its code, or
 * a path ending in "/" and its code.  NULL, or -1, when none.
 */
const struct instrument *loinc_questionnaire(const struct instr_set *,
	    const char *url);
long	 loinc_item_of(const struct instrument *, const char *link_id);

#endif
