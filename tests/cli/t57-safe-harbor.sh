#!/bin/sh
# t57-safe-harbor.sh: ipt export --deidentify=safe-harbor (HIPAA Safe
# Harbor, 45 CFR 164.514(b)(2)) over the sample practice: no full date,
# no name of a client, therapist or person of the inventory and timeline,
# no word of free text, in every table and format; ages past 89 as 90+;
# each output labelled with its method, and plain --deidentify labelled
# as pseudonymised.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

umask 077
cp -R "$SRC/examples/practice" prac
chmod -R go= prac
# A client of 93 at the end of treatment, one of 40.
ipt -C prac/clients/omar plan --birth-date 1933-02-01 > /dev/null
ipt -C prac/clients/ana plan --birth-date 1986-05-20 --emergency-contact \
    'Lucia 555-0100' --referrer 'Dr. Zeller' > /dev/null

: > all
run() {
	echo "== $*" >> all
	"$IPT" "$@" >> all 2>&1
	echo "rc=$?" >> all
}
for tb in clients sessions measures items focus outcomes; do
	run export prac --deidentify=safe-harbor --format csv --table $tb
	run export prac --deidentify=safe-harbor --format json --table $tb
done
run export prac --deidentify=safe-harbor --format json
run export prac --deidentify=safe-harbor --format csv --output "$T_TMP/o.csv"
run export prac --deidentify=safe-harbor --format json --output "$T_TMP/o.json"
cat o.csv/* o.json/* >> all
t 'every export ran' sh -c '! grep "^rc=" all | grep -v "^rc=0$"'
t 'and they printed rows' sh -c '[ "$(wc -l < all)" -gt 1000 ]'

# The export date of the manifest is the one full date allowed: it
# belongs to the export, not to a client.
grep -v '"export_date"' all > all.nodate
t 'no full date anywhere' sh -c \
    '! grep -E "[0-9]{4}-[0-9]{2}-[0-9]{2}" all.nodate'
t 'but years, as the dates are reduced to them' grep -q ',2026,' all

# The names: clients, therapists, people of the inventory and timeline.
names=$(cd prac/clients && { sed -n 's/^name = "\([^" (]*\).*/\1/p' */client.ini
	sed -n 's/^therapist = "\([^"]*\)"/\1/p' */client.ini
	for f in */inventory.csv; do tail -n +2 "$f" | cut -d, -f2; done
	} | sort -u | grep -v '^$')
t 'the names were found (a test that can fail)' sh -c \
    '[ "$(printf "%s\n" "$1" | wc -l)" -ge 15 ]' sh "$names"
: > leaks
printf '%s\n' "$names" | while IFS= read -r n; do
	grep -qwF -- "$n" all && echo "$n" >> leaks
done
t 'no name of a client, therapist or person (as a word)' sh -c \
    '! [ -s leaks ]'
t 'control: the names search sees a name' sh -c \
    'grep -qwF "Marco" "$1"/inventory.csv' sh prac/clients/ana
t 'no timeline event, no note, no profile' sh -c \
    '! grep -qi -e "night shifts" -e "husband works nights" \
    -e "talked about" -e "Zeller" -e "555-0100" -e "Lucia" all'
t 'ages past 89 are 90+' grep -q ',90+,[0-9]*$' o.csv/clients.csv
t 'a younger age is as it is' grep -q ',40,[0-9]*$' o.csv/clients.csv
t 'no age of 90 or more as a number' sh -c \
    '! grep -Eq ",(9[0-9]|1[0-9][0-9])$" o.csv/clients.csv'

# The controls: the same export without Safe Harbor shows them.
ipt export prac --table clients > plain.csv
t 'control: a plain export has names and full dates' sh -c \
    'grep -q "Omar H." plain.csv && grep -qE "[0-9]{4}-[0-9]{2}-[0-9]{2}" plain.csv'

# Labels.
t_grep 'the manifest names Safe Harbor' '"label": "safe-harbor"' \
    o.json/manifest.json
t_grep 'and the rule' '45 CFR 164.514(b)(2)' o.json/manifest.json
ipt export prac --format json > sh.json
ipt export prac --deidentify --format json > ps.json
t 'the JSON of a Safe Harbor export says so' \
    grep -q '"deidentification": "safe-harbor"' all
t 'the plain --deidentify is labelled pseudonymised' \
    grep -q '"deidentification": "pseudonymised"' ps.json
ipt export prac --deidentify --output "$T_TMP/ps" > /dev/null 2>&1
t_grep 'and its manifest says: not anonymous' 'pseudonymised, not anonymous' \
    ps/manifest.json

# Bad input: usage errors.
t_fail 2 'an unknown method' ipt export prac --deidentify=k-anon
t_fail 2 'with --dates shifted' ipt export prac --deidentify=safe-harbor \
    --dates shifted --table clients
t_fail 2 'with --format fhir' ipt export prac --deidentify=safe-harbor \
    --format fhir
ipt export prac --deidentify=safe-harbor --dates none --table sessions > none.csv
t 'with --dates none: no year either' sh -c \
    '! head -1 none.csv | grep -q ",date,"'
finish
