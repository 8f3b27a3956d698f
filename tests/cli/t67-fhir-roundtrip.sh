#!/bin/sh
# t67-fhir-roundtrip.sh: export --format fhir, then measure import into
# a fresh client, gives the same measures.csv, for every built-in
# instrument (sums, means, reverse-scored items, NA, totals alone, risk
# flags); and a de-identified Bundle: valid, no name, no id, no real
# date, no free text, its dates those of the de-identified CSV export.
. "$(dirname "$0")/lib.sh"
V="node $T_SRC/tests/fhir/validate.js"
CHECK="python3 $T_SRC/tests/fhir/check.py"

mkdir p
touch p/ipt.ini
ipt init p/clients/ana --name 'Ana Zyxwv' --start 2026-09-01 > /dev/null
ipt -C p/clients/ana session add --date 2026-09-01 \
    --note 'NOTE-FREE-TEXT talked about Tom' > /dev/null
a() { ipt -C p/clients/ana measure add "$@" > /dev/null 2>&1; }
a --date 2026-09-02 phq9 3 2 1 0 3 2 1 0 2
a --date 2026-09-02 gad7 0 1 2 3 0 1 2
a --date 2026-09-03 epds 3 2 1 0 3 2 1 0 0 1
a --date 2026-09-04 hrsd17 --total 14
a --date 2026-09-05 hrsd17 0 1 2 0 1 2 0 1 2 3 4 0 1 2 0 1 2
a --date 2026-09-06 wsas 8 7 6 5 4
a --date 2026-09-07 phqa 1 1 1 1 1 1 1 1 1
a --date 2026-09-08 pcl5 0 1 2 3 4 0 1 2 3 4 0 1 2 3 4 0 1 2 3 4
a --date 2026-09-09 srm5 NA 3 4 5 6
a --date 2026-09-10 edeq 1 2 3 4 5 6 0 1 2 3 4 5 10 3 2 0 1 4 1 2 3 4 5 6 0 1 2 3
a --date 2026-09-11 phq9 --total 4
t 'every built-in instrument recorded (and the header)' test \
    "$(cut -d, -f3 p/clients/ana/measures.csv | sort -u | wc -l)" = 10

bundle() { "$IPT" export --format fhir "$@" > bundle.json; }
t 'export' bundle p/clients/ana
t 'valid FHIR R4' $V bundle.json
t 'agrees with measures.csv' $CHECK bundle.json p/clients/ana
ipt init p/clients/new > /dev/null
snap p/clients/ana
t 'import into a fresh client' sh -c \
    '"$IPT" -C p/clients/new measure import ../../../bundle.json > out &&
    grep -q "^11 administrations imported" out'
t 'the same measures.csv' cmp p/clients/ana/measures.csv \
    p/clients/new/measures.csv
t_unchanged 'the source client unchanged' p/clients/ana
t 'the fresh client exports the same resources, but their ids' sh -c \
    '"$IPT" export --format fhir p/clients/new > new.json &&
    f="[.entry[1:][].resource | select(.resourceType != \"EpisodeOfCare\") |
    del(.subject, .derivedFrom)]" &&
    jq -c "$f" bundle.json > x && jq -c "$f" new.json > y && cmp x y'

# De-identified.
t 'de-identified export' bundle --deidentify p/clients/ana
t 'de-identified: valid FHIR R4' $V bundle.json
t 'no name, id or free text' sh -c \
    '! grep -q -e Zyxwv -e "\"ana\"" -e NOTE-FREE -e Tom bundle.json'
# (A shift may keep the month: no date of the record may be there.)
t 'no real date' sh -c '{ cut -d, -f1 p/clients/ana/measures.csv | sed 1d &&
    sed -n "s/^start = \"\\(.*\\)\"$/\\1/p" p/clients/ana/client.ini; } | sort -u > real &&
    grep -q . real && test "$(wc -l < real)" -ge 2 &&
    jq -r ".entry[].resource | (.effectiveDateTime // .authored // empty),
    (.period.start // empty)" bundle.json |
    cut -c1-10 | sort -u > fhirdates && test -s fhirdates && ! grep -Fxqf real fhirdates'
t 'the pseudonym is the identifier' sh -c \
    'jq -e "[.entry[].resource | select(.resourceType == \"Patient\")] |
    length == 1 and (.[0] | has(\"name\") | not) and
    .[0].identifier[0].system == \"urn:ipt:pseudonym\" and
    (.[0].identifier[0].value | test(\"^C[0-9a-f]{15}$\"))" bundle.json'
"$IPT" export --deidentify --format csv --table measures p/clients/ana \
    > deid.csv 2> /dev/null
t 'the dates of the de-identified CSV export' sh -c \
    'cut -d, -f4 deid.csv | sed 1d > d1 &&
    jq -r ".entry[].resource | select(.resourceType == \"Observation\" and
    has(\"valueQuantity\")) | .effectiveDateTime" bundle.json > d2 &&
    test -s d1 && cmp d1 d2'
shift=$(python3 -c 'import datetime, sys
a, b = (datetime.date.fromisoformat(l.strip()) for l in
    (open("d2").readline(), "2026-09-02"))
print((a - b).days)')
t 'check.py with the shift (the episode period too)' $CHECK bundle.json \
    p/clients/ana "$shift"
t 'the shift is not 0' test "$shift" != 0
finish
