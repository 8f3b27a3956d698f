/*
 * t_sign.c: unit tests of lib/sign.c, the hashes that lock a signed
 * session (sign.h): the row's hash is of its fields but the number, in
 * the schema's order whatever the file's, so a renumbering repair keeps
 * the signature and a file whose columns were moved by a spreadsheet
 * still verifies; any field's change changes it; the note's hash is the
 * SHA-256 of its bytes, and no note hashes to "".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "record.h"
#include "sha256.h"
#include "sign.h"
#include "util.h"
#include "tap.h"

static const char *const cols[] = { "number", "date", "kind", "attendance",
    "duration_min", "phase", "focus", "techniques", "mood", "stress",
    "note" };
static const char *const vals[] = { "3", "2026-11-03", "individual",
    "attended", "50", "initial", "", "inventory", "4", "", "a, b" };
#define NC	(sizeof(cols) / sizeof(cols[0]))

static void
fill(struct csv_table *t, const size_t *order)
{
	const char *c[NC];
	size_t k, r;

	for (k = 0; k < NC; k++)
		c[k] = cols[order[k]];
	csv_init_table(t, "sessions.csv", c, NC);
	r = csv_append(t);
	for (k = 0; k < NC; k++)
		csv_set(t, r, cols[k], vals[k]);
}

int
main(void)
{
	static const size_t same[NC] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	static const size_t moved[NC] = { 10, 3, 0, 9, 1, 8, 2, 7, 4, 6, 5 };
	struct csv_table a, b, g;
	struct buf want = { 0 };
	unsigned char md[SHA256_LEN];
	char ha[SIGN_HEX], hb[SIGN_HEX], hw[SIGN_HEX];
	size_t k, r;

	fill(&a, same);
	fill(&b, moved);
	sign_row_hash(&a, 0, ha);
	sign_row_hash(&b, 0, hb);
	is_str(hb, ha, "the row hash does not depend on the column order");
	is_int((long)strlen(ha), 64, "64 hexadecimal digits");

	/* By hand: name NUL value NUL for each column but the number. */
	for (k = 1; k < NC; k++) {
		buf_add(&want, cols[k], strlen(cols[k]) + 1);
		buf_add(&want, vals[k], strlen(vals[k]) + 1);
	}
	sha256(want.s, want.len, md);
	hex_encode(md, sizeof(md), hw);
	is_str(ha, hw, "the row hash is of name NUL value NUL, number left out");

	csv_set(&b, 0, "number", "4");
	sign_row_hash(&b, 0, hb);
	is_str(hb, ha, "a renumbered row keeps its hash");
	csv_set(&b, 0, "mood", "5");
	sign_row_hash(&b, 0, hb);
	ok(strcmp(hb, ha) != 0, "a changed mood changes it");
	csv_set(&b, 0, "mood", "4");
	csv_set(&b, 0, "note", "a,b");
	sign_row_hash(&b, 0, hb);
	ok(strcmp(hb, ha) != 0, "one character of the note column changes it");
	csv_set(&b, 0, "note", "a, b");
	csv_set(&b, 0, "stress", "");
	csv_set(&b, 0, "focus", "");
	sign_row_hash(&b, 0, hb);
	is_str(hb, ha, "and back, the same");
	/* A value moved to the next field is not the same row. */
	csv_set(&b, 0, "focus", "inventory");
	csv_set(&b, 0, "techniques", "");
	sign_row_hash(&b, 0, hb);
	ok(strcmp(hb, ha) != 0, "a value moved to another field changes it");

	sign_text_hash(NULL, hw);
	is_str(hw, "", "no note: an empty hash");
	sign_text_hash("", hw);
	is_str(hw, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    "an empty note: the SHA-256 of nothing, not no note");
	sign_text_hash("abc", hw);
	is_str(hw, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	    "the note hash is SHA-256 (FIPS 180-2 abc)");

	csv_init_table(&g, "signatures.csv", NULL, 0);
	(void)csv_add_col(&g, "date");
	(void)csv_add_col(&g, "session");
	r = csv_append(&g);
	csv_set(&g, r, "date", "2026-11-03");
	csv_set(&g, r, "session", "3");
	r = csv_append(&g);
	csv_set(&g, r, "date", "2026-11-10");
	csv_set(&g, r, "session", "4");
	is_int(sign_find(&g, 3, "2026-11-03"), 0, "found by number and date");
	is_int(sign_find(&g, 4, "2026-11-10"), 1, "the second");
	is_int(sign_find(&g, 3, "2026-11-10"), -1, "another date: not signed");
	is_int(sign_find(&g, 5, "2026-11-03"), -1, "another number: not signed");

	buf_free(&want);
	csv_free_table(&a);
	csv_free_table(&b);
	csv_free_table(&g);
	return tap_done();
}
