/*
 * loinc.c: the codes of an instrument in FHIR (see loinc.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instrument.h"
#include "loinc.h"
#include "util.h"

char *
fhir_questionnaire(const struct instrument *in)
{
	if (in->loinc_panel != NULL)
		return xasprintf("%s%s", FHIR_LOINC_Q, in->loinc_panel);
	return xasprintf("%s%s", FHIR_OWN_Q, in->name);
}

void
fhir_total_code(const struct instrument *in, const char **system,
    char **code)
{
	if (in->loinc != NULL) {
		*system = FHIR_LOINC;
		*code = xstrdup(in->loinc);
	} else {
		*system = FHIR_OWN;
		*code = xasprintf("%s-total", in->name);
	}
}

void
fhir_item_code(const struct instrument *in, size_t i, const char **system,
    char **code)
{
	if (in->loinc_item != NULL) {
		*system = FHIR_LOINC;
		*code = xstrdup(in->loinc_item[i]);
	} else {
		*system = FHIR_OWN;
		*code = xasprintf("%s-%zu", in->name, i + 1);
	}
}

const struct instrument *
loinc_questionnaire(const struct instr_set *set, const char *url)
{
	size_t i, n = strcspn(url, "|");
	char *q;

	for (i = 0; i < set->n; i++) {
		q = fhir_questionnaire(set->v[i]);
		if (strlen(q) == n && strncmp(q, url, n) == 0) {
			free(q);
			return set->v[i];
		}
		free(q);
	}
	return NULL;
}

long
loinc_item_of(const struct instrument *in, const char *link_id)
{
	const char *last = strrchr(link_id, '/'), *system;
	char *code;
	size_t i;
	int same;

	last = last != NULL ? last + 1 : link_id;
	for (i = 0; i < in->nitems; i++) {
		fhir_item_code(in, i, &system, &code);
		same = strcmp(code, last) == 0;
		free(code);
		if (same)
			return (long)i;
	}
	return -1;
}
