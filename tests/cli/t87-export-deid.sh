#!/bin/sh
# t87-export-deid.sh: what de-identification must not let through (the
# de-identification findings of issue 16, and issue 21's): one name under
# two therapists stays two people; hand edits in severity, flags, items
# and instrument cells reach no research file; no shifted date falls
# outside the dates ipt accepts or after the export date; pseudonyms
# never read as numbers; the secret kept outside the practice
# ([export] secret) or git-ignored at the root; bad --dates refused.
. "$(dirname "$0")/lib.sh"

mkdir p
touch p/ipt.ini
# alice/ana and bob/ana: two people with one directory name.
ipt init p/alice/ana --start 2026-09-01 --therapist 'Dr Alice' > /dev/null
ipt init p/bob/ana --start 2026-09-01 --therapist 'Dr Bob' > /dev/null
for c in alice/ana bob/ana; do
	ipt -C p/$c session add --date 2026-09-01 > /dev/null
	ipt -C p/$c session add --date 2026-09-08 > /dev/null
	ipt -C p/$c measure add phq9 --date 2026-09-01 2 2 2 2 2 2 2 2 0 \
	    > /dev/null 2>&1
done
# Hand edits a clinician might make, or a merge might leave: a name and a
# phone number in the severity, flags and items cells, and an
# instrument nobody defined.
cat >> p/alice/ana/measures.csv <<'EOF'
2026-09-08,2,phq9,4,Samira Zyxwv 555-0100,1 1 1 1 0 0 0 0 5550100,risk;samira-zyxwv-5550100
2026-09-08,2,zyxwvnotes,3,,,
EOF
# A client whose dates start on the first day ipt accepts (any shift, at
# least one day back, takes them out of range) and one past the export date.
ipt init p/bob/old --start 1900-01-01 > /dev/null
ipt -C p/bob/old session add --date 1900-01-01 > /dev/null
ipt init p/bob/new --start 2027-01-10 > /dev/null
snap p

ipt export --deidentify --output out p 2> err
t 'the export runs' test $? = 0
t_grep 'what was left out is said' \
    "1 administration of instruments without a definition left out.*alice/ana/measures.csv:4: instrument 'zyxwvnotes'" err
t_grep 'and the manifest counts it' '"administrations_left_out": 1' \
    out/manifest.json
tables='clients sessions measures items focus outcomes'
for tb in $tables; do cat out/$tb.csv; done > all
cat out/manifest.json >> all
t 'two clients named ana: two pseudonyms' test \
    "$(grep -c ',standard,' out/clients.csv)" = 4
t 'two sites' test "$(cut -d, -f2 out/clients.csv | sort -u | wc -l)" = 3
t 'two therapists' test \
    "$(cut -d, -f3 out/clients.csv | grep -c '^T[0-9a-f]\{15\}$')" = 2
t 'every pseudonym begins with a letter' sh -c \
    'for tb in $1; do cut -d, -f1,2 out/$tb.csv; done | grep -v "^client,site$" |
	{ ! grep -v "^C[0-9a-f]\{15\},S[0-9a-f]\{15\}$"; }' sh "$tables"
: > leaks
for w in Samira Zyxwv 555-0100 5550100 samira zyxwv alice bob ana \
    'Dr Alice' 'Dr Bob' old new 1900-01-01 2027-01-10; do
	grep -F -q -e "$w" all && echo "found: $w" >> leaks
done
# A real date is one a row's study day gives from a real start (all start
# on 2026-09-01 or 1900-01-01): a shifted date never is, whatever the
# secret (a date pattern alone could match a shifted date by chance).
python3 -c '
import csv, datetime, sys
starts = [datetime.date(2026, 9, 1), datetime.date(1900, 1, 1)]
for tb in ["sessions", "measures", "items", "focus"]:
    for r in csv.DictReader(open("out/" + tb + ".csv")):
        if r["date"] == "" or r["study_day"] == "":
            continue
        real = [str(s + datetime.timedelta(days=int(r["study_day"]))) for s in starts]
        if r["date"] in real:
            print("found: the real date", r["date"], "in", tb)
' >> leaks
t 'no hand edit, name, path or real date reaches the export' \
    sh -c '! grep . leaks'
t_grep 'a severity not of the definition is left empty' \
    ',phq9,4,,1 1 1 1 0 0 0 0 NA,risk,,,1$' out/measures.csv
t_grep 'an item out of range becomes NA (empty in items)' \
    ',phq9,9,$' out/items.csv
t 'the outcomes leave out the undefined instrument' sh -c \
    '! grep -q zyxwv out/outcomes.csv && [ "$(grep -c ,phq9, out/outcomes.csv)" = 2 ]'
# Dates: within what ipt accepts, never after the export date.
grep -ho '[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]' out/*.csv | sort > dates
t 'no shifted date before 1900' sh -c '! grep -q "^1[0-8]" dates'
t 'no shifted date after the export date (2026-11-26)' \
    test "$(tail -n 1 dates)" \< 2026-11-27
t_grep 'a date that would fall before 1900 is left empty, its study day kept' \
    '^C[0-9a-f]*,S[0-9a-f]*,1,1,,0,individual' out/sessions.csv
t 'each date is a day ipt accepts' sh -c \
    'for d in $(cat dates); do date -d "$d" +%F > /dev/null || exit 1; done'
t_unchanged 'the export changes no record' p

# The secret: git-ignored at the root when made there.
t_grep '.gitignore at the root names the secret' '^/.ipt-secret$' p/.gitignore
if command -v git > /dev/null 2>&1; then
	git init -q p
	t 'git status does not show the secret' sh -c \
	    '! git -C p status --porcelain --ignored=no | grep -q ipt-secret'
fi
# [export] secret = PATH: kept outside the practice.
mkdir q private
touch q/ipt.ini
ipt init q/x/cli --start 2026-09-01 > /dev/null
ipt -C q/x/cli session add --date 2026-09-01 > /dev/null
printf '[export]\nsecret = ../private/q.secret\n' > q/ipt.ini
ipt export --deidentify --table clients q > q1 2> err
t 'the secret is made where ipt.ini says' test -f private/q.secret
t_grep 'and it says where' 'made the practice secret .*private/q.secret' err
t 'none in the practice' test ! -e q/.ipt-secret
t 'no .gitignore written for a secret outside' test ! -e q/.gitignore
t 'the next export uses it' sh -c \
    '"$IPT" export --deidentify --table clients q | cmp - q1'
chmod 644 private/q.secret
t_fail 1 'a secret others may read is refused' \
    ipt export --deidentify --table clients q
chmod 600 private/q.secret
# Never where it would travel: in the export directory or a client's.
printf '[export]\nsecret = ../qout/.ipt-secret\n' > q/ipt.ini
t_fail 1 'a secret inside --output is refused' \
    ipt export --deidentify --output qout q
t_grep 'naming the export directory' 'the practice secret would be inside the export directory' "$T_TMP/.out"
t 'and not made' test ! -e qout/.ipt-secret
printf '[export]\nsecret = x/cli/.sec\n' > q/ipt.ini
t_fail 1 'a secret inside a client directory is refused' \
    ipt export --deidentify --table clients q
t_grep 'naming the client directory' 'would be inside the client directory .*q/x/cli' "$T_TMP/.out"
t 'and not made' test ! -e q/x/cli/.sec
printf '[export]\nsecret = ../private/q.secret\n' > q/ipt.ini

# Usage errors: exit 2, one line, nothing written.
snap q
t_fail 2 '--dates: an unknown mode' ipt export --dates fuzzy --table clients q
ipt export --dates fuzzy --table clients q 2> err
t 'one line naming the option and the modes' sh -c \
    '[ "$(wc -l < err)" = 1 ] && grep -q -- "--dates: .fuzzy. is not one of: real, shifted, none" err'
t_fail 2 '--dates shifted without --deidentify' \
    ipt export --dates shifted --table clients q
t_fail 2 'an unknown table' ipt export --table outcome q
t_unchanged 'nothing written' q
t 'identified, --dates none: no date, study days kept' sh -c \
    '"$IPT" export --dates none --table sessions q |
	[ "$(head -n 1)" = "client,site,number,held,study_day,kind,attendance,duration_min,phase,focus,techniques,mood,stress,note,episode" ]'
finish
