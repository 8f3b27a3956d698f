/*
 * fhir.h: measures as HL7 FHIR R4 (4.0.1) resources in JSON.
 *
 * ipt export --format fhir makes one transaction Bundle of a caseload:
 * a Patient per client (with --deidentify: no name, the pseudonym as
 * its identifier, every date shifted), and for each administration in
 * measures.csv a QuestionnaireResponse (its items and their answers),
 * an Observation of the total (category survey, the instrument's total
 * code, valueQuantity in {score}, the severity band as interpretation,
 * derived from the response) and, when a risk item was positive, an
 * Observation of that (a component per positive item); then an
 * EpisodeOfCare per episode of treatment (episode.h).  Codes are the
 * instrument's LOINC codes ([loinc] of its definition), or ipt's own
 * code system where it has none (ipt-files(5), FHIR).  Every id is a
 * urn:uuid made from the client's key and the row, so that the same
 * records always give the same Bundle.
 *
 * As an export, it is built one client at a time: each client's entries
 * are rendered when it is added and wait in a spool, sorted by key
 * (pseudonym or id), so memory does not grow with the caseload.  fhir.c
 * builds, render_fhir.c prints.
 */
#ifndef IPT_FHIR_H
#define IPT_FHIR_H

#include <stdio.h>

#include "instrument.h"
#include "loinc.h"
#include "secret.h"
#include "spool.h"
#include "util.h"

struct summary;

struct fhir_export {
	int		 deidentify;
	size_t		 n;		/* clients added */
	struct spool	 keys;		/* key, NUL, the client's entries */
	struct buf	 scratch;
};

void	 fhir_begin(struct fhir_export *, int deidentify);
/*
 * Add a client's entries; set gives the definitions (an instrument it
 * does not know is coded with ipt's own codes, its items as stored),
 * secret is used when de-identifying.
 */
int	 fhir_add(struct fhir_export *, const struct summary *,
	    const struct instr_set *, const struct export_secret *);
/* Print the Bundle (render_fhir.c). */
int	 fhir_print(struct fhir_export *, FILE *);
void	 fhir_free(struct fhir_export *);

#endif
