#!/bin/sh
# t52-export.sh: ipt export, identified and de-identified: the tables,
# pseudonyms and date shifts checked against an independent HMAC, no
# name, note or real date left in a de-identified export, the practice
# secret made once, formula cells neutralised, --output, refusals, and
# the same bytes on every run.
. "$(dirname "$0")/lib.sh"
export IPT

# Two clients whose every date lies in September and October 2026.
mkdir p
touch p/ipt.ini
ipt init p/clients/ana --name 'Ana Zyxwv' --start 2026-09-01 \
    --therapist 'Dr. Quimby' > /dev/null
ipt init p/clients/ben --name 'Ben Yvonne' --start 2026-09-15 \
    --therapist 'Dr. Quimby' > /dev/null
ipt -C p/clients/ana session add --date 2026-09-01 --mood 3 --stress 7 \
    --note 'NOTE-ANA-1 talked about Tom' > /dev/null
ipt -C p/clients/ana session add --date 2026-09-08 --mood 4 \
    --note '=SUM(A1:A9)' > /dev/null
ipt -C p/clients/ana session add --date 2026-09-15 \
    --attendance cancelled --note '+1 call back' > /dev/null
ipt -C p/clients/ana session add --date 2026-09-22 --note '@home -x' \
    > /dev/null
ipt -C p/clients/ana focus set grief --date 2026-09-22 \
    --note 'FOCUS-NOTE death of father' > /dev/null
ipt -C p/clients/ana measure add phq9 --date 2026-09-01 2 2 2 2 2 1 1 1 0 \
    > /dev/null 2>&1
ipt -C p/clients/ana measure add phq9 --date 2026-09-22 1 1 1 1 1 1 0 0 0 \
    > /dev/null 2>&1
ipt -C p/clients/ben session add --date 2026-09-15 --mood 6 \
    --note 'NOTE-BEN-1' > /dev/null
ipt -C p/clients/ben session add --date 2026-10-13 --kind conjoint \
    > /dev/null
# An instrument of the practice's own whose scores may be negative.
printf '%s\n' 'date,session,instrument,total,severity,items,flags' \
    '2026-10-13,2,local,-3,,-1 -2,' > p/clients/ben/measures.csv
snap p

cd p || exit 1
t 'export --table sessions' ipt export --table sessions
ipt export --table sessions > s1_csv
ipt export --table sessions > s2_csv
t 'the same bytes twice' cmp s1_csv s2_csv
t 'sessions header' test "$(head -n 1 s1_csv)" = \
    'client,site,number,held,date,study_day,kind,attendance,duration_min,phase,focus,techniques,mood,stress,note,episode'
t 'a row per session' test "$(tail -n +2 s1_csv | wc -l)" = 6
t_grep 'identified: the id, site and real date' '^ana,clients,1,1,2026-09-01,0,individual,attended' s1_csv
t_grep 'a cancelled session is not held' '^ana,clients,3,,2026-09-15,14,individual,cancelled' s1_csv
t_grep 'held counts sessions held' '^ana,clients,4,3,2026-09-22,21,' s1_csv
t_grep 'a note starting with = is neutralised' ",'=SUM(A1:A9),1$" s1_csv
t_grep 'a note starting with + is neutralised' ",'+1 call back,1$" s1_csv
t_grep 'a note starting with @ is neutralised' ",'@home -x,1$" s1_csv
ipt export --table measures > m_csv
t 'measures header' test "$(head -n 1 m_csv)" = \
    'client,site,admin,date,study_day,session,held,instrument,total,severity,items,flags,subscales,criterion,episode'
t_grep 'a negative number stays a number' '^ben,clients,1,2026-10-13,28,2,2,local,-3,,' m_csv
t_grep 'administrations numbered in date order' '^ana,clients,2,2026-09-22,21,4,3,phq9,6,' m_csv
t_grep 'items that are not a number are neutralised' ",'-1 -2,,,,1$" m_csv
ipt export --table items > i_csv
t 'items: one row per item score' test "$(grep -c '^ana,.*,phq9,' i_csv)" = 18
t_grep 'items: item number and score' '^ana,clients,1,2026-09-01,0,1,1,phq9,9,0$' i_csv
t_grep 'items: a negative score is a number' '^ben,clients,1,2026-10-13,28,2,2,local,2,-2$' i_csv
ipt export --table clients > c_csv
t 'clients header' test "$(head -n 1 c_csv)" = \
    'client,site,name,therapist,variant,status,start,start_study_day,planned_sessions,frequency_days,focus_primary,focus_secondary,focus_set_on,focus_set_study_day,held,cancelled,no_show,weeks,ended_on,ended_study_day,end_reason,birth_date,diagnosis,icd,referrer,consent_date,emergency,episode'
t_grep 'clients: attendance counts' '^ana,clients,Ana Zyxwv,Dr. Quimby,standard,active,2026-09-01,0,16,7,grief,,2026-09-22,21,3,1,0,12,,,,,,,,,,1$' c_csv
# The profile: exported as it is, and only when not de-identified.
(cd clients/ana && "$IPT" plan --birth-date 1990-04-02 --diagnosis 'Major depression, single episode' \
    --icd F32.1 --referrer 'Dr. GP Hollis' --consent-date 2026-09-01 --emergency 'Lena 0170 555 0101')
ipt export --table clients > p_csv
t_grep 'clients: the profile, when identified' \
    '^ana,.*,1990-04-02,"Major depression, single episode",F32.1,Dr. GP Hollis,2026-09-01,Lena 0170 555 0101,1$' p_csv
ipt export --deidentify --table clients > pd_csv
t 'de-identified: no profile column' sh -c '! head -n 1 pd_csv | grep -q "birth_date\|diagnosis\|icd\|referrer\|consent_date\|emergency"'
t 'de-identified: no profile value' sh -c '! grep -q "1990-04-02\|Major depression\|F32.1\|Hollis\|Lena" pd_csv'
ipt export --format json --table clients > p_json
t 'json: the profile keys' python3 -c '
import json
r = json.load(open("p_json"))
rows = r["clients"] if isinstance(r, dict) else r
a = [x for x in rows if x["client"] == "ana"][0]
assert a["birth_date"] == "1990-04-02" and a["icd"] == "F32.1", a
assert a["emergency"] == "Lena 0170 555 0101", a'
(cd clients/ana && "$IPT" plan --birth-date '' --diagnosis '' --icd '' --referrer '' --consent-date '' --emergency '')
ipt export --table focus > f_csv
t_grep 'focus history' '^ana,clients,2026-09-22,21,4,3,grief,,FOCUS-NOTE death of father$' f_csv
ipt export --table outcomes > o_csv
t 'outcomes header' test "$(head -n 1 o_csv)" = \
    'client,site,instrument,better,administrations,baseline,baseline_date,baseline_study_day,latest,latest_date,latest_study_day,change,percent_change,response,remission,reliable_change,deterioration'
t_grep 'outcomes: numbers and yes/no as 1/0' '^ana,clients,phq9,lower,2,13,2026-09-01,0,6,2026-09-22,21,-7,-54,1,0,1,0$' o_csv
t_grep 'outcomes: an instrument without a definition' '^ben,clients,local,,1,,2026-10-13,28,,2026-10-13,28,,,,,,$' o_csv
ipt export --format json > all.json
t 'json: every table in one object' test \
    "$(jq -r 'keys_unsorted | join(",")' all.json)" = \
    'schema,deidentified,deidentification,dates,clients,sessions,measures,items,focus,outcomes,formulation'
t 'json parses (python)' python3 -m json.tool all.json
t 'json: numbers are numbers' test "$(jq -r '.sessions[0].mood | type' all.json)" = number
t 'json: empty is null' test "$(jq -r '.sessions[1].stress' all.json)" = null
t 'json: missing text is null too' test "$(jq -r '.sessions[0].duration_min, .clients[0].focus_secondary' all.json | tr '\n' ' ')" = 'null null '
t 'json: lists are arrays' test "$(jq -c '.measures[0].items' all.json)" = '[2,2,2,2,2,1,1,1,0]'
t 'json: flags are an array' test "$(jq -c '.measures[0].flags' all.json)" = '[]'
t 'json: booleans' test "$(jq -c '.outcomes[0] | [.response, .remission, .percent_change]' all.json)" = '[true,false,-54]'
t 'json: formulas are not touched' test \
    "$(jq -r '.sessions[1].note' all.json)" = '=SUM(A1:A9)'
ipt export --format json --table measures > m.json
t 'json: one table is an array' test "$(jq -r 'type' m.json)" = array
t 'json: a negative total' test "$(jq -r '.[] | select(.instrument == "local") | .total' m.json)" = -3

# De-identified, with a known secret (offsets -248 days for ana, -117
# for ben: no shifted date can fall in September or October 2026).
printf '%s\n' 0606060606060606060606060606060606060606060606060606060606060606 \
    > .ipt-secret
chmod 600 .ipt-secret
snap .
for tb in clients sessions measures items focus outcomes; do
	ipt export --deidentify --table $tb > d_$tb 2> d.err
	t "deidentified $tb" test $? = 0
	case $tb in
	measures|items)
		# ben's instrument has no definition: its values are not
		# known to be scores, and are left out, saying so.
		t_grep "deidentified $tb: what was left out" \
		    "1 administration of instruments without a definition left out.*measures.csv:2: instrument 'local'" d.err ;;
	*)	t "deidentified $tb: nothing on stderr" test ! -s d.err ;;
	esac
done
ipt export --deidentify --format json > d.json
t 'deidentified json parses' jq empty d.json
t 'json says it is deidentified' test "$(jq -r .deidentified d.json)" = true
cat d_* d.json > d.all
cat > "$T_TMP/pseudo.py" <<'EOF'
import hashlib, hmac, sys
m = hmac.new(bytes.fromhex(open(sys.argv[1]).read().strip()),
    ("client:" + sys.argv[2]).encode(), hashlib.sha256).digest()
u = int.from_bytes(m[8:12], "big") % 365
print("C" + m[:8].hex()[:15], -(u + 1))
EOF
set -- $(python3 "$T_TMP/pseudo.py" .ipt-secret clients/ana)
pa=$1 sa=$2
set -- $(python3 "$T_TMP/pseudo.py" .ipt-secret clients/ben)
pb=$1 sb=$2
t 'the offsets are the ones planned' test "$sa $sb" = '-248 -117'
t_grep 'ana: HMAC-SHA-256 pseudonym of its path' "^$pa,S[0-9a-f]\{15\},1," d_sessions
t_grep 'ben: HMAC-SHA-256 pseudonym of its path' "^$pb,S[0-9a-f]\{15\},1," d_sessions
t_grep 'ana: dates shifted by the offset' "^$pa,S[0-9a-f]*,1,1,2025-12-27,0,individual" d_sessions
t_grep 'ben: dates shifted by the offset' "^$pb,S[0-9a-f]*,1,1,2026-05-21,0,individual" d_sessions
t 'intervals are kept' sh -c "grep '^$pa,S[0-9a-f]*,2,' d_sessions | grep -q ',2026-01-03,7,'"
t 'notes and names are dropped' test "$(head -n 1 d_sessions)" = \
    'client,site,number,held,date,study_day,kind,attendance,duration_min,phase,focus,techniques,mood,stress,episode'
t 'clients: no name; the therapist a pseudonym' test "$(head -n 1 d_clients)" = \
    'client,site,therapist,variant,status,start,start_study_day,planned_sessions,frequency_days,focus_primary,focus_secondary,focus_set_on,focus_set_study_day,held,cancelled,no_show,weeks,ended_on,ended_study_day,end_reason,episode'
t_grep 'the therapist pseudonym' "^$pa,S[0-9a-f]*,T[0-9a-f]\{15\},standard," d_clients
t 'rows ordered by pseudonym' test "$(cut -d, -f1 d_clients | tail -n +2 | tr '\n' ' ')" = \
    "$(printf '%s\n' "$pa" "$pb" | LC_ALL=C sort | tr '\n' ' ')"
# Re-identification check: no id, name, therapist, note text or real date.
: > leaks
for w in ana ben Ana Zyxwv Yvonne Quimby NOTE-ANA NOTE-BEN FOCUS-NOTE \
    SUM 'call back' home Tom father clients/; do
	grep -F -q -e "$w" d.all && echo "found: $w" >> leaks
done
for f in clients/*/*.csv clients/*/client.ini; do
	grep -o '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "$f"
done | sort -u > real_dates
t 'the records hold dates to look for' test "$(wc -l < real_dates)" -ge 5
while read -r d; do
	grep -F -q -e "$d" d.all && echo "found date: $d" >> leaks
done < real_dates
t 'no identifier, note or real date in the de-identified export' \
    sh -c '! cat leaks | grep .'
ipt export --deidentify --table sessions > d2_sessions
t 'deidentified: the same bytes twice' cmp d_sessions d2_sessions
t_unchanged 'export writes nothing in the practice' .

# The first de-identified export of a practice makes its secret.
cd "$T_TMP" || exit 1
mkdir q
touch q/ipt.ini
ipt init q/x/cli --start 2026-09-01 > /dev/null
ipt -C q/x/cli session add --date 2026-09-01 > /dev/null
ipt export --deidentify --table sessions q > q1 2> q.err
t 'the secret is made' test -f q/.ipt-secret
t_grep 'and it says so on stderr' 'made the practice secret .*q/.ipt-secret' q.err
t 'the secret: mode 0600' test "$(stat -c %a q/.ipt-secret)" = 600
t 'the secret: 64 hex digits' grep -qx '[0-9a-f]\{64\}' q/.ipt-secret
t 'no temporary file left' sh -c '[ -z "$(ls -A q | grep tmp)" ]'
ipt export --deidentify --table sessions q > q2 2> q.err
t 'the next export says nothing' test ! -s q.err
t 'and uses the same secret' cmp q1 q2
t 'from a client directory, the practice is found' sh -c \
    'cd q/x/cli && "$IPT" export --deidentify --table sessions | cmp - ../../../q1'

# Refusals.
mkdir np
ipt init np/cli > /dev/null
snap np
t_fail 1 'no practice root: refused' ipt export --deidentify --table sessions np
ipt export --deidentify --table sessions np 2> err
t_grep 'the message says how to make one' 'ipt.ini' err
t 'no secret was made' test ! -e np/.ipt-secret
t_unchanged 'nothing written' np
chmod 644 q/.ipt-secret
t_fail 1 'a secret others can read is refused' \
    ipt export --deidentify --table sessions q
ipt export --deidentify --table sessions q 2> err
t_grep 'and the message says what to do' 'chmod 600' err
chmod 600 q/.ipt-secret
echo nothex > q/.ipt-secret
t_fail 1 'a malformed secret is refused' \
    ipt export --deidentify --table sessions q
t_fail 2 'csv without --table to standard output' ipt export p
ipt export p 2> err
t_grep 'the message says what to give' '--table' err
t_fail 2 'unknown table' ipt export --table notes p
t_fail 2 'unknown format' ipt export --format tsv p
t_fail 2 'unknown option' ipt export --all p

# --output DIR: a file per table, mode 0600; refused in a client.
t '--output writes every table' ipt export p --output out
t '--output: every table, a codebook and a manifest' test "$(ls out | tr '\n' ' ')" = \
    'clients.csv codebook.csv focus.csv formulation.csv items.csv manifest.json measures.csv outcomes.csv sessions.csv '
t '--output: mode 0600' test "$(stat -c %a out/sessions.csv)" = 600
t '--output: the same as standard output' sh -c \
    '"$IPT" export p --table sessions | cmp - out/sessions.csv'
t '--output json' ipt export p --format json --table measures --output outj
t '--output json: one array' jq -e 'type == "array"' outj/measures.json
t_fail 2 '--output in a client directory' \
    ipt export p --output p/clients/ana/export
t 'and nothing is made there' test ! -e p/clients/ana/export
t_fail 2 '--output not a directory' ipt export p --output p/ipt.ini

# An unreadable client: named, left out, exit 1.
sed -i 's/^variant = .*/variant = "nosuch"/' p/clients/ben/client.ini
ipt export p --table clients > u_csv 2> err
t_fail 1 'an unreadable client: exit 1' ipt export p --table clients
t_grep 'it is named' 'ben' err
t 'the others are exported' test "$(tail -n +2 u_csv | cut -d, -f1)" = ana
finish
