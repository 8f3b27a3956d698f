/*
 * fhir.c: the FHIR R4 Bundle of ipt export --format fhir (see fhir.h),
 * built one client at a time.  Nothing here prints: render_fhir.c does.
 *
 * What a de-identified Bundle leaves out: the name, the id (the
 * pseudonym stands for it, and every urn:uuid is made from the
 * pseudonym), the real dates (each is shifted by the client's shift, as
 * in the other exports) and all free text: measures.csv has none, and
 * the texts written are the instruments' titles and band names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "date.h"
#include "episode.h"
#include "fhir.h"
#include "instrument.h"
#include "json.h"
#include "secret.h"
#include "sha256.h"
#include "spool.h"
#include "summary.h"
#include "util.h"

/* Records sort by their key, the NUL-terminated string they begin with. */
static int
key_cmp(const void *a, size_t alen, const void *b, size_t blen, void *arg)
{
	(void)alen;
	(void)blen;
	(void)arg;
	return strcmp(a, b);
}

void
fhir_begin(struct fhir_export *x, int deidentify)
{
	memset(x, 0, sizeof(*x));
	x->deidentify = deidentify;
	spool_init(&x->keys, key_cmp, NULL, spool_budget());
}

void
fhir_free(struct fhir_export *x)
{
	spool_free(&x->keys);
	buf_free(&x->scratch);
}

/*
 * A urn:uuid from the client's key and what it names: the SHA-256 of
 * them, cut to 128 bits and marked as a name-based UUID (RFC 4122).
 */
static void
make_uuid(const char *key, const char *what, size_t n, char out[46])
{
	unsigned char h[SHA256_LEN];
	struct buf b = { 0 };
	char hex[33];

	buf_adds(&b, "ipt-fhir");
	buf_addc(&b, '\0');
	buf_adds(&b, key);
	buf_addc(&b, '\0');
	buf_adds(&b, what);
	buf_addc(&b, '\0');
	buf_printf(&b, "%zu", n);
	sha256(b.s, b.len, h);
	buf_free(&b);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x50);
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	hex_encode(h, 16, hex);
	snprintf(out, 46, "urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8,
	    hex + 12, hex + 16, hex + 20);
}

/* {"system": ..., "code": ...} as a one-coding CodeableConcept. */
static void
concept(struct json_w *w, const char *system, const char *code,
    const char *text)
{
	jw_obj(w);
	jw_key(w, "coding");
	jw_arr(w);
	jw_obj(w);
	jw_kstr(w, "system", system);
	jw_kstr(w, "code", code);
	jw_end(w);
	jw_end(w);
	if (text != NULL)
		jw_kstr(w, "text", text);
	jw_end(w);
}

static void
reference(struct json_w *w, const char *key, const char *uuid)
{
	jw_key(w, key);
	jw_obj(w);
	jw_kstr(w, "reference", uuid);
	jw_end(w);
}

/* Begin an entry: its fullUrl, then the resource's first member. */
static void
entry_begin(struct json_w *w, const char *uuid, const char *type)
{
	jw_gap(w, "\n  ");
	jw_obj(w);
	jw_kstr(w, "fullUrl", uuid);
	jw_key(w, "resource");
	jw_obj(w);
	jw_kstr(w, "resourceType", type);
}

/* End the resource, then the entry with its request. */
static void
entry_end(struct json_w *w, const char *type, const char *if_none)
{
	jw_end(w);
	jw_key(w, "request");
	jw_obj(w);
	jw_kstr(w, "method", "POST");
	jw_kstr(w, "url", type);
	if (if_none != NULL)
		jw_kstr(w, "ifNoneExist", if_none);
	jw_end(w);
	jw_end(w);
}

static void
survey(struct json_w *w)
{
	jw_key(w, "category");
	jw_arr(w);
	concept(w, "http://terminology.hl7.org/CodeSystem/"
	    "observation-category", "survey", NULL);
	jw_end(w);
}

/* A stored value as a JSON number, if it is one. */
static int
number(struct json_w *w, const char *v)
{
	if (!json_number(v))
		return 0;
	jw_raw(w, v, strlen(v));
	return 1;
}

/* The item scores of a stored items column: "2 1 NA 3". */
static size_t
split_items(const char *items, char ***out)
{
	char *copy = xstrdup(items), *tok, *save;
	char **v = NULL;
	size_t n = 0;

	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = xstrdup(tok);
	}
	free(copy);
	*out = v;
	return n;
}

static void
free_items(char **v, size_t n)
{
	while (n-- > 0)
		free(v[n]);
	free(v);
}

struct row {
	const char	*key;		/* id or pseudonym */
	const char	*patient;	/* its urn:uuid */
	const struct instrument *in;	/* NULL if unknown */
	const char	*name;		/* instrument */
	char		 date[DATE_LEN];
	size_t		 n;		/* row number, for the uuids */
};

/* The QuestionnaireResponse of a row with items; its uuid in qr. */
static void
emit_response(struct json_w *w, const struct row *r, char **item,
    size_t nitem, char qr[46])
{
	const struct instrument *in = r->in;
	const char *system;
	char *code, *q;
	long v;
	size_t i;

	make_uuid(r->key, "QuestionnaireResponse", r->n, qr);
	entry_begin(w, qr, "QuestionnaireResponse");
	q = in != NULL ? fhir_questionnaire(in) :
	    xasprintf("%s%s", FHIR_OWN_Q, r->name);
	jw_kstr(w, "questionnaire", q);
	free(q);
	jw_kstr(w, "status", "completed");
	reference(w, "subject", r->patient);
	jw_kstr(w, "authored", r->date);
	jw_key(w, "item");
	jw_arr(w);
	for (i = 0; i < nitem; i++) {
		if (in != NULL && i < in->nitems)
			fhir_item_code(in, i, &system, &code);
		else
			code = xasprintf("%s-%zu", r->name, i + 1);
		q = xasprintf("/%s", code);
		jw_obj(w);
		jw_kstr(w, "linkId", q);
		free(q);
		free(code);
		if (strcmp(item[i], "NA") == 0 || !json_number(item[i])) {
			jw_end(w);	/* not applicable: no answer */
			continue;
		}
		jw_key(w, "answer");
		jw_arr(w);
		jw_obj(w);
		if (in != NULL && in->nanswers > 0 &&
		    parse_long(item[i], in->item[0].min, in->item[0].max,
		    &v) == 0) {
			jw_key(w, "valueCoding");
			jw_obj(w);
			jw_kstr(w, "system", FHIR_LOINC);
			jw_kstr(w, "code",
			    in->loinc_answer[v - in->item[0].min]);
			jw_end(w);
		} else {
			jw_key(w, "valueInteger");
			number(w, item[i]);
		}
		jw_end(w);
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
	entry_end(w, "QuestionnaireResponse", NULL);
}

static void
emit_total(struct json_w *w, const struct row *r, const char *total,
    const char *band, const char *qr)
{
	char uuid[46], *code;
	const char *system;

	make_uuid(r->key, "Observation-total", r->n, uuid);
	entry_begin(w, uuid, "Observation");
	jw_kstr(w, "status", "final");
	survey(w);
	jw_key(w, "code");
	if (r->in != NULL)
		fhir_total_code(r->in, &system, &code);
	else {
		system = FHIR_OWN;
		code = xasprintf("%s-total", r->name);
	}
	concept(w, system, code, r->in != NULL ? r->in->title : r->name);
	free(code);
	reference(w, "subject", r->patient);
	jw_kstr(w, "effectiveDateTime", r->date);
	if (json_number(total)) {
		jw_key(w, "valueQuantity");
		jw_obj(w);
		jw_key(w, "value");
		number(w, total);
		jw_kstr(w, "unit", "{score}");
		jw_kstr(w, "system", "http://unitsofmeasure.org");
		jw_kstr(w, "code", "{score}");
		jw_end(w);
	} else {
		jw_key(w, "dataAbsentReason");
		concept(w, "http://terminology.hl7.org/CodeSystem/"
		    "data-absent-reason", "error", NULL);
	}
	if (*band != '\0') {
		jw_key(w, "interpretation");
		jw_arr(w);
		concept(w, FHIR_BAND, band, band);
		jw_end(w);
	}
	if (qr != NULL) {
		jw_key(w, "derivedFrom");
		jw_arr(w);
		jw_obj(w);
		jw_kstr(w, "reference", qr);
		jw_end(w);
		jw_end(w);
	}
	entry_end(w, "Observation", NULL);
}

/* The Observation of a positive risk item: a component for each. */
static void
emit_risk(struct json_w *w, const struct row *r, const char *items,
    const char *qr)
{
	struct instr_result res;
	char uuid[46], *code;
	const char *system;
	size_t i;
	int scored;

	scored = r->in != NULL && instr_score_items(r->in, items, &res) == 0;
	make_uuid(r->key, "Observation-risk", r->n, uuid);
	entry_begin(w, uuid, "Observation");
	jw_kstr(w, "status", "final");
	survey(w);
	jw_key(w, "code");
	concept(w, FHIR_OWN, FHIR_RISK, "positive risk item");
	reference(w, "subject", r->patient);
	jw_kstr(w, "effectiveDateTime", r->date);
	jw_key(w, "valueBoolean");
	jw_bool(w, 1);
	if (qr != NULL) {
		jw_key(w, "derivedFrom");
		jw_arr(w);
		jw_obj(w);
		jw_kstr(w, "reference", qr);
		jw_end(w);
		jw_end(w);
	}
	if (scored) {
		jw_key(w, "component");
		jw_arr(w);
		for (i = 0; i < res.n; i++) {
			if (!res.positive[i])
				continue;
			jw_obj(w);
			jw_key(w, "code");
			fhir_item_code(r->in, i, &system, &code);
			concept(w, system, code, r->in->item[i].label);
			free(code);
			jw_key(w, "valueInteger");
			jw_num(w, res.score[i]);
			jw_end(w);
		}
		jw_end(w);
		instr_result_free(&res);
	}
	entry_end(w, "Observation", NULL);
}

/*
 * An EpisodeOfCare per episode of treatment (episode.h): the closed ones
 * finished, the current one as the client's status says (paused: onhold;
 * ended: finished), each with its period, shifted as every date is.
 */
static void
emit_episodes(struct json_w *w, const struct summary *s, const char *key,
    const char *patient, long shift)
{
	const struct episode *e;
	char uuid[46], day[DATE_LEN], *q;
	const char *status;
	long end;
	size_t i;

	for (i = 0; i < s->eps.n; i++) {
		e = &s->eps.v[i];
		end = e->end;
		if (i + 1 < s->eps.n)
			status = "finished";
		else if (strcmp(s->c.status, "ended") == 0) {
			status = "finished";
			end = s->c.end_day;
		} else if (strcmp(s->c.status, "paused") == 0)
			status = "onhold";
		else
			status = "active";
		make_uuid(key, "EpisodeOfCare", (size_t)e->num, uuid);
		entry_begin(w, uuid, "EpisodeOfCare");
		jw_key(w, "identifier");
		jw_arr(w);
		jw_obj(w);
		jw_kstr(w, "system", FHIR_EPISODE);
		q = xasprintf("%s/%ld", key, e->num);
		jw_kstr(w, "value", q);
		jw_end(w);
		jw_end(w);
		jw_kstr(w, "status", status);
		jw_key(w, "patient");
		jw_obj(w);
		jw_kstr(w, "reference", patient);
		jw_end(w);
		jw_key(w, "period");
		jw_obj(w);
		date_format(e->start + shift, day);
		jw_kstr(w, "start", day);
		if (end >= 0) {
			date_format(end + shift, day);
			jw_kstr(w, "end", day);
		}
		jw_end(w);
		free(q);
		q = xasprintf("identifier=%s|%s/%ld", FHIR_EPISODE, key,
		    e->num);
		entry_end(w, "EpisodeOfCare", q);
		free(q);
	}
}

int
fhir_add(struct fhir_export *x, const struct summary *s,
    const struct instr_set *set, const struct export_secret *sec)
{
	const struct csv_table *t = &s->measures;
	struct json_w w;
	struct row r;
	char pseudo[PSEUDO_LEN], patient[46], qr[46], **item, *q;
	const char *key = s->c.id, *flags;
	long shift = 0, day;
	size_t i, nitem;
	int rc;

	if (x->deidentify) {
		if (sec == NULL)
			return ipt_seterr("%s: no practice secret", s->c.dir);
		/* As the research export does: keyed on the path from root. */
		char *rel = secret_relpath(s->c.root, s->c.dir);

		secret_pseudonym(sec, 'C', rel, pseudo);
		shift = secret_shift(sec, rel);
		free(rel);
		key = pseudo;
	}
	buf_reset(&x->scratch);
	buf_add(&x->scratch, key, strlen(key) + 1);
	jw_buf(&w, &x->scratch);
	jw_part(&w);

	make_uuid(key, "Patient", 0, patient);
	entry_begin(&w, patient, "Patient");
	jw_key(&w, "identifier");
	jw_arr(&w);
	jw_obj(&w);
	jw_kstr(&w, "system", x->deidentify ? FHIR_PSEUDONYM : FHIR_CLIENT);
	jw_kstr(&w, "value", key);
	jw_end(&w);
	jw_end(&w);
	if (!x->deidentify && s->c.name != NULL && *s->c.name != '\0') {
		jw_key(&w, "name");
		jw_arr(&w);
		jw_obj(&w);
		jw_kstr(&w, "text", s->c.name);
		jw_end(&w);
		jw_end(&w);
	}
	q = xasprintf("identifier=%s|%s", x->deidentify ? FHIR_PSEUDONYM :
	    FHIR_CLIENT, key);
	entry_end(&w, "Patient", q);
	free(q);

	r.key = key;
	r.patient = patient;
	for (i = 0; i < t->nrows; i++) {
		r.n = i + 1;
		r.name = csv_get(t, i, "instrument");
		r.in = instr_find(set, r.name);
		if (date_parse(csv_get(t, i, "date"), &day) == -1)
			return ipt_seterr("%s:%zu: date: '%s' is not a date",
			    t->path, t->rows[i].line, csv_get(t, i, "date"));
		date_format(day + shift, r.date);
		nitem = split_items(csv_get(t, i, "items"), &item);
		if (nitem > 0)
			emit_response(&w, &r, item, nitem, qr);
		emit_total(&w, &r, csv_get(t, i, "total"),
		    csv_get(t, i, "severity"), nitem > 0 ? qr : NULL);
		flags = csv_get(t, i, "flags");
		if (list_contains(flags, "risk"))
			emit_risk(&w, &r, csv_get(t, i, "items"),
			    nitem > 0 ? qr : NULL);
		free_items(item, nitem);
	}
	emit_episodes(&w, s, key, patient, shift);
	jw_end(&w);
	if (!jw_ok(&w))
		return ipt_seterr("%s: the FHIR entries are not well formed",
		    s->c.dir);
	rc = spool_add(&x->keys, x->scratch.s, x->scratch.len);
	if (rc == 0)
		x->n++;
	return rc;
}
