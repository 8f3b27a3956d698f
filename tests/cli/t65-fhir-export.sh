#!/bin/sh
# t65-fhir-export.sh: ipt export --format fhir: one FHIR R4 transaction
# Bundle, valid against the official FHIR R4 JSON schema (a real
# validator: tests/fhir, npm ci --prefix tests/fhir), its codes and
# values checked against measures.csv by tests/fhir/check.py and jq,
# every LOINC code pinned, the same bytes on every run, and its
# refusals.
. "$(dirname "$0")/lib.sh"
V="node $T_SRC/tests/fhir/validate.js"
CHECK="python3 $T_SRC/tests/fhir/check.py"

mkdir p
touch p/ipt.ini
ipt init p/clients/ana --name 'Ana Zyxwv' --start 2026-09-01 > /dev/null
ipt init p/clients/ben --name 'Ben Yvonne' --start 2026-09-01 > /dev/null
a() { ipt -C p/clients/ana measure add "$@" > /dev/null 2>&1; }
a --date 2026-09-01 phq9 3 2 1 0 3 2 1 0 2	# item 9 positive
a --date 2026-09-08 gad7 0 1 2 3 0 1 2
a --date 2026-09-15 epds 3 2 1 0 3 2 1 0 0 0
a --date 2026-09-22 hrsd17 --total 14
a --date 2026-09-29 wsas 1 2 3 4 5
a --date 2026-10-20 srm5 NA 3 4 5 6	# a mean, an item not applicable
a --date 2026-10-06 phqa 1 1 1 1 1 1 1 1 0
a --date 2026-10-13 pcl5 0 1 2 3 4 0 1 2 3 4 0 1 2 3 4 0 1 2 3 4
ipt -C p/clients/ben measure add --date 2026-09-02 gad7 3 3 3 3 3 3 3 \
    > /dev/null
snap p

# jqt NAME FILTER FILE: FILE is not empty and FILTER is true of it (jq
# 1.6 exits 0 on empty input, which must not pass).
jq_true() { test -s "$2" && jq -e "$1" "$2" > /dev/null; }
jqt() { t "$1" jq_true "$2" "$3"; }
export_to() { out=$1; shift; "$IPT" export --format fhir "$@" > "$out"; }

t 'export --format fhir' export_to all.json p
t_unchanged 'export writes nothing' p
t 'the Bundle validates against the FHIR R4 schema' $V all.json
t 'one client' export_to ana.json p/clients/ana
t 'one client: validates' $V ana.json
t 'codes and values agree with measures.csv' $CHECK ana.json p/clients/ana
t 'again' export_to again.json p
t 'the same bytes each run' cmp all.json again.json

# jq, independently: the PHQ-9's codes, answers and total.
jqt 'jq: PHQ-9 total 44261-6 = 14, band moderate' '[.entry[].resource |
    select(.resourceType == "Observation" and
    .code.coding[0].code == "44261-6")] | length == 1 and
    .[0].valueQuantity.value == 14 and
    .[0].valueQuantity.unit == "{score}" and
    .[0].interpretation[0].coding[0].code == "moderate"' ana.json
jqt 'jq: the PHQ-9 response, item by item' '[.entry[].resource |
    select(.questionnaire == "http://loinc.org/q/44249-1") | .item[] |
    .linkId + "=" + .answer[0].valueCoding.code] == [
    "/44250-9=LA6571-9", "/44255-8=LA6570-1", "/44259-0=LA6569-3",
    "/44254-1=LA6568-5", "/44251-7=LA6571-9", "/44258-2=LA6570-1",
    "/44252-5=LA6569-3", "/44253-3=LA6568-5", "/44260-8=LA6570-1"]' ana.json
jqt 'jq: GAD-7 panel 69737-5 and its items' '[.entry[].resource |
    select(.questionnaire == "http://loinc.org/q/69737-5") | .item[].linkId]
    == ["/69725-0", "/68509-9", "/69733-4", "/69734-2", "/69735-9",
    "/69689-8", "/69736-7"]' ana.json
jqt 'jq: GAD-7 total 70274-6 = 9' '[.entry[].resource |
    select(.code.coding[0].code == "70274-6")] | length == 1 and
    .[0].valueQuantity.value == 9' ana.json
jqt 'jq: the risk Observation names PHQ-9 item 9 = 2, from the response' \
    '[.entry[].resource | select(.code.coding[0].code ==
    "risk-item-positive")] | length == 1 and
    .[0].component[0].code.coding[0].code == "44260-8" and
    .[0].component[0].valueInteger == 2 and
    (.[0].derivedFrom[0].reference | startswith("urn:uuid:"))' ana.json
jqt 'jq: no LOINC code guessed: the others are urn:ipt:code' \
    '[.entry[].resource | select(.resourceType == "Observation") |
    .code.coding[0] | select(.system == "urn:ipt:code") | .code] | sort ==
    (["epds-total", "hrsd17-total", "wsas-total", "phqa-total",
    "pcl5-total", "srm5-total", "risk-item-positive"] | sort)' ana.json
jqt 'jq: the identified Patients have the id and the name' \
    '[.entry[].resource | select(.resourceType == "Patient") |
    .identifier[0].value + "/" + .name[0].text] ==
    ["ana/Ana Zyxwv", "ben/Ben Yvonne"]' all.json
jqt 'jq: a total alone has no response' '[.entry[].resource |
    select(.code.coding[0].code == "hrsd17-total")][0] |
    has("derivedFrom") | not' ana.json
jqt 'jq: an NA item has no answer' '[.entry[].resource |
    select(.questionnaire == "urn:ipt:questionnaire:srm5") | .item[0]] ==
    [{"linkId": "/srm5-1"}]' ana.json
jqt 'jq: a mean keeps its decimals' '[.entry[].resource |
    select(.code.coding[0].code == "srm5-total")][0].valueQuantity.value ==
    4.5' ana.json
t_fail 1 'jqt fails on an empty file' jq_true 'true' /dev/null

t 'examples/phq9-response.json validates' $V \
    "$T_SRC/examples/phq9-response.json"

# A broken Bundle fails the validator: the check can fail.
jq '.entry[0].resource.gender = "none"' ana.json > broken.json
t_fail 1 'a Patient with a bad gender fails the validator' $V broken.json
jq '.entry[2].resource.valueQuantity.value = 99' ana.json > wrong.json
t_fail 1 'a wrong total fails check.py' $CHECK wrong.json p/clients/ana

# Episodes of treatment: an EpisodeOfCare each, the ended one finished.
mkdir q
touch q/ipt.ini
ipt init q/clients/cy --start 2026-01-05 > /dev/null
c() { ipt -C q/clients/cy "$@" > /dev/null; }
c session add --date 2026-01-05
c measure add --session 1 phq9 2 2 2 2 2 2 2 2 0
c session add --date 2026-01-12
c plan --status ended --reason completed --date 2026-01-26
c plan --status active --start 2026-03-02 --sessions 8
c session add --date 2026-03-02
c measure add --session 3 phq9 1 1 1 1 1 1 1 1 0
t 'a client who came back' export_to cy.json q
t 'validates with its EpisodeOfCare' $V cy.json
t 'codes, values and episodes agree with the files' $CHECK cy.json q/clients/cy
jqt 'jq: episode 1 finished, 2 active, both of the Patient' '[.entry[].resource |
    select(.resourceType == "EpisodeOfCare") | [.identifier[0].value,
    .status, .period.start, .period.end]] == [["cy/1", "finished",
    "2026-01-05", "2026-01-26"], ["cy/2", "active", "2026-03-02", null]]' cy.json
c plan --status ended --reason moved --date 2026-03-02
t 'ended again' export_to cy2.json q
jqt 'jq: the current episode ends with the client' '[.entry[].resource |
    select(.resourceType == "EpisodeOfCare")][1] | .status == "finished" and
    .period.end == "2026-03-02"' cy2.json
t 'check.py agrees' $CHECK cy2.json q/clients/cy
jq '(.entry[] | select(.resource.resourceType == "EpisodeOfCare") |
    .resource.period.start) |= "2026-01-06"' cy.json > wrongep.json
t_fail 1 'a wrong episode start fails check.py' $CHECK wrongep.json q/clients/cy

t_fail 2 '--format fhir takes no --table' ipt export --format fhir \
    --table measures p
t_fail 2 '--format fhir takes no --output' ipt export --format fhir \
    --output out p
t_unchanged 'refusals write nothing' p
finish
