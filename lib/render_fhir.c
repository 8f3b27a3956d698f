/*
 * render_fhir.c: print the FHIR Bundle of ipt export --format fhir
 * (fhir.h): the clients' entries, in key order, in one transaction
 * Bundle.
 */
#include <stdio.h>
#include <string.h>

#include "fhir.h"
#include "json.h"
#include "spool.h"
#include "util.h"

int
fhir_print(struct fhir_export *x, FILE *fp)
{
	struct json_w w;
	const void *rec;
	const char *key;
	size_t len, klen;
	int rc;

	if (spool_sort(&x->keys) == -1)
		return -1;
	jw_file(&w, fp);
	jw_obj(&w);
	jw_kstr(&w, "resourceType", "Bundle");
	jw_kstr(&w, "type", "transaction");
	jw_key(&w, "entry");
	jw_arr(&w);
	while ((rc = spool_next(&x->keys, &rec, &len)) == 1) {
		key = rec;
		klen = strlen(key) + 1;
		if (len > klen)
			jw_raw(&w, key + klen, len - klen);
	}
	if (rc == -1)
		return -1;
	jw_gap(&w, "\n");
	jw_end(&w);
	jw_end(&w);
	jw_out(&w, "\n");
	if (fflush(fp) == EOF || ferror(fp))
		return ipt_seterrno("standard output");
	return 0;
}
