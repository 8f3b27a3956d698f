#!/bin/sh
# t68-export-formulation.sh: formulation.csv in ipt export.  Identified,
# every column as recorded (people and events as lists, formula cells
# neutralised); de-identified, the area and the dates only, the dates
# shifted by the client's own offset (the HMAC of t52, computed again),
# to the year in a Safe Harbor export, study days alone with --dates
# none, never after the export date; no name, word or text left.
. "$(dirname "$0")/lib.sh"
export IPT

mkdir p
touch p/ipt.ini
ipt init p/clients/ana --name 'Ana Zyxwv' --start 2026-09-01 > /dev/null
ipt init p/clients/ben --start 2026-09-15 > /dev/null
cd p/clients/ana || exit 1
ipt session add --date 2026-09-01 > /dev/null
ipt session add --date 2026-09-08 > /dev/null
ipt inventory add Quentinzyx --relationship partner --date 2026-09-01 > /dev/null
ipt inventory add Rosalindzyx --relationship mother --date 2026-09-01 > /dev/null
ipt event add --date 2026-03-02 --kind dispute 'EVENT-NOTE-ZYX' > /dev/null 2>&1
ipt formulation add --area role-dispute --person Quentinzyx \
    --person Rosalindzyx --event 2026-03-02 --words '=WORDS-ZYX(1)' \
    --date 2026-09-08 'TEXT-ZYX the dispute with Quentinzyx' > /dev/null
ipt formulation revise --agreed 2026-09-15 --date 2026-09-15 > /dev/null
cd ../../.. || exit 1
snap p

# Identified: the table's header, its rows in date order, the lists.
ipt export p --table formulation > f.csv
t 'the header' test "$(head -n 1 f.csv)" = \
    'client,site,revision,date,study_day,area,agreed,agreed_study_day,people,events,words,text'
t 'two revisions of ana, none of ben' test "$(wc -l < f.csv)" = 3
t_grep 'revision 1, not yet agreed' \
    "^ana,clients,1,2026-09-08,7,role-dispute,,,Quentinzyx;Rosalindzyx,2026-03-02,'=WORDS-ZYX(1),TEXT-ZYX the dispute with Quentinzyx\$" f.csv
t_grep 'revision 2, agreed a week later' \
    '^ana,clients,2,2026-09-15,14,role-dispute,2026-09-15,14,Quentinzyx;Rosalindzyx,2026-03-02,' f.csv
ipt export p --table formulation --format json > f.json
t 'json: an array' test "$(jq -r 'type' f.json)" = array
t 'json: the people a list' test \
    "$(jq -r '.[0].people | join("+")' f.json)" = 'Quentinzyx+Rosalindzyx'
t 'json: not yet agreed is null' test "$(jq -r '.[0].agreed' f.json)" = null
t 'json: the words as recorded' test "$(jq -r '.[0].words' f.json)" = \
    '=WORDS-ZYX(1)'
ipt export p --format json > all.json
t 'json: formulation is one of every table' test \
    "$(jq -r '.formulation | length' all.json)" = 2

# De-identified, with a known secret: ana's offset, from its path.
printf '%s\n' 0606060606060606060606060606060606060606060606060606060606060606 \
    > p/.ipt-secret
chmod 600 p/.ipt-secret
set -- $(python3 -c '
import hashlib, hmac, sys
m = hmac.new(bytes.fromhex(open(sys.argv[1]).read().strip()),
    ("client:" + sys.argv[2]).encode(), hashlib.sha256).digest()
print("C" + m[:8].hex()[:15], -(int.from_bytes(m[8:12], "big") % 365 + 1))
' p/.ipt-secret clients/ana)
pa=$1 sa=$2
d1=$(date -u -d "2026-09-08 $sa days" +%F)
d2=$(date -u -d "2026-09-15 $sa days" +%F)
IPT_TODAY=2026-12-01 ipt export p --deidentify --table formulation > d.csv 2> d.err
t 'de-identified: runs, nothing on stderr' test ! -s d.err
t 'de-identified: the area and the dates only' test "$(head -n 1 d.csv)" = \
    'client,site,revision,date,study_day,area,agreed,agreed_study_day'
t_grep 'de-identified: revision 1 shifted by the offset' \
    "^$pa,S[0-9a-f]\{15\},1,$d1,7,role-dispute,,\$" d.csv
t_grep 'de-identified: revision 2, both dates shifted' \
    "^$pa,S[0-9a-f]\{15\},2,$d2,14,role-dispute,$d2,14\$" d.csv
IPT_TODAY=2026-12-01 ipt export p --deidentify --format json > d.json
IPT_TODAY=2026-12-01 ipt export p --deidentify --output dout > /dev/null 2>&1
cat d.csv d.json dout/* > d.all
for w in Zyxwv Quentinzyx Rosalindzyx WORDS-ZYX TEXT-ZYX EVENT-NOTE 2026-03-02 \
    2026-09-08 2026-09-15; do
	t "de-identified: no '$w' in any file" sh -c "! grep -q -- '$w' d.all"
done
t_grep 'de-identified: the codebook has the table' \
    '^formulation,area,' dout/codebook.csv
t 'de-identified: no people in the codebook' sh -c \
    "! grep -q '^formulation,people,' dout/codebook.csv"
t_grep 'identified codebook: the people, a list' '^formulation,people,list,' \
    "$(ipt export p --output iout > /dev/null 2>&1; echo iout/codebook.csv)"

# Safe Harbor: the year; --dates none: study days only.
IPT_TODAY=2026-12-01 ipt export p --deidentify=safe-harbor --table formulation > sh.csv
t_grep 'safe harbor: dates to the year' \
    "^C[0-9a-f]\{15\},S[0-9a-f]\{15\},2,2026,14,role-dispute,2026,14\$" sh.csv
ipt export p --deidentify --dates none --table formulation > n.csv
t 'dates none: no date column' test "$(head -n 1 n.csv)" = \
    'client,site,revision,study_day,area,agreed_study_day'
t_grep 'dates none: the study days' "^$pa,S[0-9a-f]\{15\},2,14,role-dispute,14\$" n.csv

# A formulation agreed on the export date: a shift never moves a date
# past it (the client's latest date is the formulation's).
IPT_TODAY=2026-09-15 ipt export p --deidentify --table formulation > late.csv
t 'no shifted date after the export date' sh -c \
    "! awk -F, 'NR > 1 && (\$4 > \"2026-09-15\" || \$7 > \"2026-09-15\")' late.csv | grep -q ."
t_unchanged 'exports change no record' p

# Bad input: a formulation.csv that does not parse is named, exit 1, the
# other clients exported, nothing changed.
cp -R p q
printf 'id,date,area,people,events,words,agreed,text\n1,2026-99-01,grief,,,,,x\n' \
    > q/clients/ana/formulation.csv
snap q
ipt export q --table clients > q.csv 2> q.err
t 'a bad formulation.csv: exit 1' test $? = 1
t_grep '  named with its line' 'ana/formulation.csv:2' q.err
t '  the other client exported' test "$(tail -n +2 q.csv | cut -d, -f1)" = ben
t_unchanged '  nothing changed' q
t_fail 2 'an unknown table is refused, naming formulation' \
    ipt export p --table formulations
t_grep '  among the choices' 'outcomes, formulation' .out
finish
