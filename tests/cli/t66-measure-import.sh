#!/bin/sh
# t66-measure-import.sh: ipt measure import of a FHIR
# QuestionnaireResponse (alone, in groups, in a Bundle) and of a
# REDCap-shaped CSV: scored as measure add, risk flagged as measure add
# flags it, the session of the day; and hostile files (wrong codes,
# answers out of range, a missing item, two subjects, a file imported
# twice, bad JSON, a huge file) refused with one line naming the file,
# the line and the JSON path or column, every record unchanged.
. "$(dirname "$0")/lib.sh"

mkdir p
touch p/ipt.ini
ipt init p/clients/ana --name 'Ana Zyxwv' --start 2026-09-01 > /dev/null
ipt -C p/clients/ana session add --date 2026-09-08 > /dev/null
cd p/clients/ana || exit 1

# A PHQ-9 as a form filler writes it (the US Core example's shape:
# link ids "/CODE", LOINC answers), in a group, item 9 positive.
qr() {	# qr ANSWER9 [STATUS]
	cat <<EOT
{"resourceType": "QuestionnaireResponse", "status": "${2:-completed}",
 "questionnaire": "http://loinc.org/q/44249-1|2.74",
 "subject": {"reference": "Patient/1"},
 "authored": "2026-09-08T10:30:00Z",
 "item": [{"linkId": "phq9", "item": [
  {"linkId": "/44250-9", "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA6570-1"}}]},
  {"linkId": "/44255-8", "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA6570-1"}}]},
  {"linkId": "/44259-0", "answer": [{"valueCoding": {"code": "LA6569-3"}}]},
  {"linkId": "/44254-1", "answer": [{"valueInteger": 3}]},
  {"linkId": "/44251-7", "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA6568-5"}}]},
  {"linkId": "/44258-2", "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA6568-5"}}]},
  {"linkId": "/44252-5", "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA6569-3"}}]},
  {"linkId": "/44253-3", "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA6568-5"}}]},
  {"linkId": "/44260-8", "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "$1"}}]}]}]}
EOT
}
qr LA6569-3 > ../qr.json
snap .
t 'import a QuestionnaireResponse' sh -c \
    '"$IPT" measure import ../qr.json > out && grep -q "^1 administration imported" out &&
    grep -q "^RISK: 1 of them" out'
t_grep 'scored as measure add: 10, moderate, session 1, risk' \
    '^2026-09-08,1,phq9,10,moderate,2 2 1 3 0 0 1 0 1,risk$' measures.csv
t 'the flag is open, as after measure add' sh -c \
    '"$IPT" risk list | grep -q "phq9"'
t_fail 1 'measure add of the same answers: refused, the import recorded it' \
    ipt measure add --date 2026-09-08 phq9 2 2 1 3 0 0 1 0 1
t_grep 'naming the row the import made' \
    'measures.csv:2: this phq9 of 2026-09-08 is recorded already' "$T_TMP/.out"
snap .
t_fail 1 'importing it again: refused, already recorded' \
    ipt measure import ../qr.json
cp "$T_TMP/.out" ../err
t_grep 'it says where' '^ipt: \.\./qr\.json:1: QuestionnaireResponse: phq9 of 2026-09-08 is already in measures\.csv$' ../err
t_unchanged 'nothing written' .

# Refusals: each names the file, the line and the path; nothing written.
bad() {	# bad NAME FILE PATTERN
	t_fail 1 "$1: refused" ipt measure import "$2"
	cp "$T_TMP/.out" ../err
	t_grep "$1: one line naming it" "$3" ../err
	t 'one line' test "$(wc -l < ../err)" = 1
	t_unchanged "$1: records unchanged" .
}
qr LA9999-9 | sed 's/2026-09-08/2026-09-09/' > ../x.json
bad 'an answer code not in the list' ../x.json \
    '^ipt: \.\./x\.json:14: QuestionnaireResponse\.item\[0\]\.item\[8\]\.answer\[0\]: valueCoding: .LA9999-9. is no answer of phq9 item 9$'
qr LA6569-3 | sed 's/2026-09-08/2026-09-09/; s/"valueInteger": 3/"valueInteger": 7/' > ../x.json
bad 'an answer out of range' ../x.json \
    '^ipt: \.\./x\.json:1: QuestionnaireResponse: phq9: item 4: 7 is out of range 0-3$'
qr LA6569-3 | sed 's/2026-09-08/2026-09-09/; s#/44251-7#/44251-8#' > ../x.json
bad 'a wrong item code' ../x.json \
    '^ipt: \.\./x\.json:10: QuestionnaireResponse\.item\[0\]\.item\[4\]: linkId ./44251-8. is no item of phq9$'
qr LA6569-3 | sed 's/2026-09-08/2026-09-09/' | grep -v 44252-5 > ../x.json
bad 'a missing item' ../x.json \
    '^ipt: \.\./x\.json:1: QuestionnaireResponse: phq9: item 7: NA is not allowed'
qr LA6569-3 | sed 's/2026-09-08/2026-09-09/; s#loinc.org/q/44249-1#loinc.org/q/89204-2#' > ../x.json
bad 'an unknown questionnaire' ../x.json \
    "^ipt: \.\./x\.json:1: QuestionnaireResponse: no questionnaire\|questionnaire: 'http://loinc.org/q/89204-2|2.74' is no known instrument's$"
qr LA6569-3 in-progress | sed 's/2026-09-08/2026-09-09/' > ../x.json
bad 'a response not completed' ../x.json \
    "status: 'in-progress' is not completed$"
printf '{"resourceType": "Bundle", "type": "collection", "entry": [\n{"resource": %s},\n{"resource": %s}]}\n' \
    "$(qr LA6568-5 | sed 's/2026-09-08/2026-09-10/')" \
    "$(qr LA6568-5 | sed 's/2026-09-08/2026-09-11/; s#Patient/1#Patient/2#')" \
    > ../x.json
bad 'a Bundle of two subjects' ../x.json \
    "entry\[1\]\.resource: subject: 'Patient/2', but an earlier response is of 'Patient/1'"
printf '{"resourceType": "QuestionnaireResponse", "status": "completed",,}' > ../x.json
bad 'not JSON' ../x.json '^ipt: \.\./x\.json:1: json: '
printf '{"resourceType": "Patient"}' > ../x.json
bad 'not a response' ../x.json "resourceType: 'Patient' is not a QuestionnaireResponse or a Bundle"
awk 'BEGIN { printf "["; for (i = 0; i < 200; i++) printf "["; }' > ../x.json
bad 'nested too deep' ../x.json '^ipt: \.\./x\.json:1: json: nested too deep$'
dd if=/dev/zero bs=1048576 count=17 2>/dev/null | tr '\0' ' ' > ../huge.json
bad 'a huge file' ../huge.json '^ipt: \.\./huge\.json: larger than 16 MiB: refused$'

# A Bundle of two, one a total alone, in one transaction.
printf '{"resourceType": "Bundle", "type": "collection", "entry": [\n{"resource": %s},\n{"resource": {"resourceType": "Observation", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "70274-6"}]}, "effectiveDateTime": "2026-09-20", "valueQuantity": {"value": 12}}}]}\n' \
    "$(qr LA6568-5 | sed 's/2026-09-08/2026-09-15/')" > ../two.json
t 'a Bundle: a response and a total alone' sh -c \
    '"$IPT" measure import ../two.json | grep -q "^2 administrations imported"'
t_grep 'the response' '^2026-09-15,,phq9,9,mild,2 2 1 3 0 0 1 0 0,$' measures.csv
t_grep 'the total alone' '^2026-09-20,,gad7,12,moderate,,$' measures.csv

# A REDCap-shaped CSV: record_id and event columns passed over,
# phq9_N columns (before plain numbers) and numbered columns, an empty cell NA where allowed.
snap .
cat > ../redcap.csv <<'EOT'
record_id,redcap_event_name,client,date,instrument,phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,phq9_9,1,2,3,4,5
7,week_1_arm_1,ana,2026-10-01,phq9,1,1,1,1,1,1,1,1,0,,,,,
7,week_1_arm_1,ana,2026-10-01,srm5,,,,,,,,,,,3,4,5,6
7,week_2_arm_1,,2026-10-08,phq9,0,0,0,0,0,0,0,0,2,,,,,
EOT
t 'import a CSV' sh -c \
    '"$IPT" measure import ../redcap.csv > out && grep -q "^3 administrations imported" out && grep -q "^RISK: 1 of them" out'
t_grep 'row 1' '^2026-10-01,,phq9,8,mild,1 1 1 1 1 1 1 1 0,$' measures.csv
t_grep 'row 2: NA' '^2026-10-01,,srm5,4.50,,NA 3 4 5 6,$' measures.csv
t_grep 'row 3: a risk flag' '^2026-10-08,,phq9,2,minimal,0 0 0 0 0 0 0 0 2,risk$' measures.csv
snap .
sed 's/^7,week_2_arm_1,,2026-10-08/7,week_2_arm_1,bob,2026-10-15/' \
    ../redcap.csv > ../x.csv
bad 'a row of another client' ../x.csv \
    "^ipt: \.\./x\.csv:4: client: 'bob' is not this client (ana)$"
sed 's/,2026-10-08,phq9,0,0,0,0/,2026-10-15,phq9,0,9,0,0/' ../redcap.csv > ../x.csv
bad 'a CSV answer out of range' ../x.csv \
    "^ipt: \.\./x\.csv:4: phq9: item 2: 9 is out of range 0-3$"
sed 's/,2026-10-08,phq9,/,2026-13-08,phq9,/' ../redcap.csv > ../x.csv
bad 'a bad date' ../x.csv "^ipt: \.\./x\.csv:4: date: '2026-13-08' is not a date"
sed 's/,2026-10-08,phq9,/,2026-10-15,phq8,/' ../redcap.csv > ../x.csv
bad 'an unknown instrument' ../x.csv "^ipt: \.\./x\.csv:4: instrument: 'phq8' is no known instrument$"
printf 'when,what\n2026-10-15,phq9\n' > ../x.csv
bad 'no date or instrument column' ../x.csv \
    '^ipt: \.\./x\.csv:1: the header needs the columns date and instrument$'
t_fail 2 'no file named: usage' ipt measure import
t_fail 1 'a missing file' ipt measure import ../none.json
t_unchanged 'records unchanged' .
finish
