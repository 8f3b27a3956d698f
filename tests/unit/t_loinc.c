/*
 * t_loinc.c: every LOINC code of the built-in instruments, pinned.
 *
 * Public code gets these codes wrong often (a GAD-7 item code given for
 * the PHQ-A, a form's code for a total), so each one is written here
 * once more, from its source (ipt-files(5)): the PHQ-9's from the HL7 US
 * Core PHQ-9 examples, the GAD-7's from LOINC's panel 69737-5 as HL7's
 * PCO IG publishes it.  The instruments without verified codes have
 * none, and ipt export --format fhir gives them ipt's own code system.
 * Then the checks of a [loinc] section: the check digit, every item or
 * none, one answer code per value of the shared range.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instrument.h"
#include "loinc.h"
#include "util.h"

#include "tap.h"

static const char *const phq9_items[] = { "44250-9", "44255-8", "44259-0",
    "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8" };
static const char *const gad7_items[] = { "69725-0", "68509-9", "69733-4",
    "69734-2", "69735-9", "69689-8", "69736-7" };
static const char *const phq_answers[] = { "LA6568-5", "LA6569-3",
    "LA6570-1", "LA6571-9" };

static void
pin(const struct instr_set *set, const char *name, const char *panel,
    const char *total, const char *const *items, size_t nitems)
{
	const struct instrument *in = instr_find(set, name);
	size_t i;

	if (!ok(in != NULL, "%s is built in", name))
		return;
	is_str(in->loinc_panel, panel, "%s panel", name);
	is_str(in->loinc, total, "%s total", name);
	is_int(in->nitems, nitems, "%s items", name);
	ok(in->loinc_item != NULL, "%s has item codes", name);
	for (i = 0; in->loinc_item != NULL && i < nitems; i++)
		is_str(in->loinc_item[i], items[i], "%s item %zu", name, i + 1);
	is_int(in->nanswers, 4, "%s: four answer codes", name);
	for (i = 0; i < in->nanswers && i < 4; i++)
		is_str(in->loinc_answer[i], phq_answers[i], "%s answer %zu",
		    name, i);
}

static void
bad(const char *loinc, const char *want)
{
	char *text = xasprintf("[instrument]\ntitle = \"T\"\nitems = 3\n"
	    "range = 0-3\ntotal = sum\ndirection = lower\nsource = \"s\"\n"
	    "licence = \"l\"\n"
	    "[ranges]\n3 = 0-2\n[loinc]\n%s", loinc);
	struct instrument *in = instr_parse("t", "t.ini", text, strlen(text));

	ok(in == NULL && strstr(ipt_error(), want) != NULL, "refused: %s",
	    want);
	if (in != NULL)
		instr_free(in);
	else if (strstr(ipt_error(), want) == NULL)
		printf("#   got '%s'\n", ipt_error());
	free(text);
}

int
main(void)
{
	static const char *const none[] = { "phqa", "pcl5", "epds", "wsas",
	    "hrsd17", "edeq", "srm5" };
	struct instr_set set;
	const struct instrument *in;
	struct instrument *good;
	size_t i;
	const char *text;

	if (!ok(instr_load_set(&set, NULL) == 0, "the built-ins load"))
		return tap_done();
	pin(&set, "phq9", "44249-1", "44261-6", phq9_items, 9);
	pin(&set, "gad7", "69737-5", "70274-6", gad7_items, 7);
	for (i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		in = instr_find(&set, none[i]);
		ok(in != NULL && in->loinc == NULL && in->loinc_panel == NULL &&
		    in->loinc_item == NULL && in->nanswers == 0,
		    "%s has no LOINC code (none verified)", none[i]);
	}
	/* No code is given twice across the built-ins. */
	{
		const char *seen[64];
		size_t n = 0, j, k;
		int dup = 0;

		for (i = 0; i < set.n; i++) {
			in = set.v[i];
			if (in->loinc != NULL)
				seen[n++] = in->loinc;
			if (in->loinc_panel != NULL)
				seen[n++] = in->loinc_panel;
			for (j = 0; in->loinc_item != NULL &&
			    j < in->nitems; j++)
				seen[n++] = in->loinc_item[j];
		}
		for (j = 0; j < n; j++)
			for (k = j + 1; k < n; k++)
				dup |= strcmp(seen[j], seen[k]) == 0;
		ok(n == 2 + 2 + 9 + 7 && !dup, "%zu codes, none twice", n);
	}
	/* What import reads back: questionnaires and link ids. */
	in = instr_find(&set, "phq9");
	ok(loinc_questionnaire(&set, "http://loinc.org/q/44249-1") == in &&
	    loinc_questionnaire(&set, "http://loinc.org/q/44249-1|2.74") ==
	    in, "the PHQ-9 questionnaire, with or without a version");
	ok(loinc_questionnaire(&set, "urn:ipt:questionnaire:pcl5") ==
	    instr_find(&set, "pcl5"), "an own questionnaire");
	ok(loinc_questionnaire(&set, "http://loinc.org/q/44249") == NULL &&
	    loinc_questionnaire(&set, "http://loinc.org/q/89204-2") == NULL,
	    "no instrument for a prefix or an unknown panel");
	ok(loinc_item_of(in, "/44260-8") == 8 &&
	    loinc_item_of(in, "44250-9") == 0 &&
	    loinc_item_of(in, "/44249-1/44255-8") == 1 &&
	    loinc_item_of(in, "/69725-0") == -1 &&
	    loinc_item_of(in, "9") == -1, "link ids of PHQ-9 items");
	ok(loinc_item_of(instr_find(&set, "wsas"), "/wsas-5") == 4 &&
	    loinc_item_of(instr_find(&set, "wsas"), "/wsas-6") == -1,
	    "link ids of own codes");
	instr_free_set(&set);

	ok(loinc_code_ok("44261-6") && !loinc_code_ok("44261-5") &&
	    !loinc_code_ok("LA6568-5") && !loinc_code_ok("12345678-0") &&
	    !loinc_code_ok("-1") && !loinc_code_ok("4426-16"),
	    "loinc_code_ok: the check digit, the form");
	ok(loinc_answer_ok("LA6568-5") && !loinc_answer_ok("LA-5") &&
	    !loinc_answer_ok("LL358-3") && !loinc_answer_ok("LA6568-55"),
	    "loinc_answer_ok: the form");

	text = "[instrument]\ntitle = \"T\"\nitems = 2\nrange = 0-1\n"
	    "total = sum\ndirection = lower\nsource = \"s\"\n"
	    "licence = \"l\"\n[loinc]\n"
	    "panel = 44249-1\nanswers = \"LA6568-5 LA6569-3\"\n"
	    "1 = 44250-9\n2 = 44255-8\n";
	good = instr_parse("t", "t.ini", text, strlen(text));
	ok(good != NULL && good->nanswers == 2 &&
	    strcmp(good->loinc_item[1], "44255-8") == 0,
	    "a practice's instrument may carry codes");
	instr_free(good);
	bad("panel = 44249-2\n", "t.ini: [loinc] panel: '44249-2' is not a "
	    "LOINC code");
	bad("1 = 44250-9\n", "t.ini: [loinc]: codes for 1 of the 3 items");
	bad("4 = 44250-9\n", "[loinc] 4: not panel, answers or an item number");
	bad("answers = \"LA6568-5\"\n", "[loinc] answers: the items do not "
	    "share one range");
	bad("1 = 44250-9\n2 = 44255-8\n3 = 4425-0\n", "[loinc] 3: '4425-0'");
	return tap_done();
}
