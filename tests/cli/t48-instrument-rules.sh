#!/bin/sh
# t48-instrument-rules.sh: the rules of issue 14 over the built-in
# instruments: PHQ-A's supplementary suicide questions (optional items
# that raise a flag), PCL-5's DSM-5 rule and cluster scores shown in
# measure add, measure list, status, every report format and export,
# and WSAS's work item "not applicable" (prorated, NHS Data Dictionary;
# leave-out as a practice's choice).  Bad input: one line, files unchanged.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

mkdir -p prac/instruments
: > prac/ipt.ini
chmod 700 prac
ipt init prac/kim --start 2026-10-01 --variant adolescent > /dev/null
cd prac/kim || exit 1
ipt session add --date 2026-10-01 > /dev/null
ipt session add --date 2026-10-08 > /dev/null

# PHQ-A: a form without the supplementary questions is 9 items, as before.
ipt measure add --date 2026-10-01 phqa 1 1 1 1 1 1 1 1 0 > out
t_grep 'phqa of 9 items scores as before' \
    '^phqa 8 on 2026-10-01, session 1: mild$' out
t_grep 'the questions not asked are said so' \
    'item 10 not asked (serious thoughts of ending your life, past month), item 11 not asked' out
t_grep 'stored as 9 items, no flag' \
    '^2026-10-01,1,phqa,8,mild,1 1 1 1 1 1 1 1 0,$' measures.csv
# Item 9 at 0, but a yes to "serious thoughts ... past month": RISK.
ipt measure add --date 2026-10-08 phqa 1 1 1 1 1 1 1 1 0 1 0 > out
t_grep 'a yes to the past-month question is a RISK' \
    '^RISK: item 10 = 1 (serious thoughts of ending your life, past month): ' out
t_grep 'stored with both answers, flagged' \
    '^2026-10-08,2,phqa,8,mild,1 1 1 1 1 1 1 1 0 1 0,risk$' measures.csv
ipt status > out
t_grep 'status shows the flag open' '^RISK.*phqa.*item 10 = 1' out
ipt risk list > out
t_grep 'risk list has it' 'item 10 = 1' out
snap .
t_fail 2 'phqa with 10 answers: usage error' \
    ipt measure add --date 2026-10-08 phqa 1 1 1 1 1 1 1 1 0 1
t_grep 'the message says 9 or 11' \
    'phqa: 9 or 11 items expected (the last 2 optional), 10 given' "$T_TMP/.out"
t_fail 2 'a supplementary answer other than 0 or 1' \
    ipt measure add --date 2026-10-08 phqa 1 1 1 1 1 1 1 1 0 2 0
t_grep 'names the item and its range' 'phqa: item 10: 2 is out of range 0-1 or NA' \
    "$T_TMP/.out"
t_unchanged 'bad phqa: records unchanged' .

# PCL-5: the worked example of the issue meets the DSM-5 rule at 12.
ipt measure add --date 2026-10-08 pcl5 2 0 0 0 0 2 0 2 2 0 0 0 0 0 2 2 0 0 0 0 > out
t_grep 'pcl5 total and band' '^pcl5 12 on 2026-10-08, session 2: below-cutoff$' out
t_grep 'cluster scores printed' \
    '^subscales: intrusion 2, avoidance 2, cognition-mood 4, arousal-reactivity 4$' out
t_grep 'the DSM-5 rule: met, with the counts' \
    '^dsm5-ptsd: met (items >= 2: intrusion 1, need 1; avoidance 1, need 1; cognition-mood 2, need 2; arousal-reactivity 2, need 2)$' out
ipt measure add --date 2026-10-09 pcl5 2 0 0 0 0 2 0 2 1 0 0 0 0 0 2 2 0 0 0 0 > out
t_grep 'one D item short: not met' '^dsm5-ptsd: not met ' out
ipt measure list --format csv pcl5 > out
t_grep 'measure list: subscales and criterion columns' \
    ',"intrusion 2, avoidance 2, cognition-mood 4, arousal-reactivity 4",dsm5-ptsd met$' out
t_grep 'measure list: the second not met' ',dsm5-ptsd not met$' out
ipt measure list pcl5 > out
t_grep 'measure list table too' 'dsm5-ptsd met' out
ipt measure list --format json pcl5 > out
t 'measure list json: criterion' jq -e \
    '.[0].criterion == "dsm5-ptsd met" and .[1].criterion == "dsm5-ptsd not met"' out
ipt status > out
t_grep 'status: the latest clusters and criterion' \
    '^ *latest: intrusion 2, avoidance 2, cognition-mood 3, arousal-reactivity 4; dsm5-ptsd not met$' out
ipt status --format json > out
t 'status json: latest_criterion' jq -e \
    '[.measures[] | select(.instrument == "pcl5")][0].latest_criterion == "dsm5-ptsd not met"' out
for f in text md html; do
	ipt report --format $f > out
	t_grep "report $f: criterion" 'dsm5-ptsd not met (latest)' out
	t_grep "report $f: subscales" 'intrusion 2, avoidance 2, cognition-mood 3' out
done
ipt report --format json > out
t 'report json: latest_subscales and latest_criterion' jq -e \
    '[.measures[] | select(.instrument == "pcl5")][0] |
     .latest_criterion == "dsm5-ptsd not met" and
     .latest_subscales == "intrusion 2, avoidance 2, cognition-mood 3, arousal-reactivity 4"' out

ipt measure instruments pcl5 > out
t_grep 'instruments: the DSM-5 rule described' \
    '^  criterion  dsm5-ptsd: items >= 2 count; needs intrusion 1, avoidance 1, cognition-mood 2, arousal-reactivity 2$' out
t_grep 'instruments: the clusters and their items' \
    '^  subscales  intrusion 1-5, avoidance 6-7, cognition-mood 8-14, arousal-reactivity 15-20$' out
ipt measure instruments phqa > out
t_grep 'instruments: the optional items' 'optional and unscored: items 10-11' out
ipt measure instruments wsas > out
t_grep 'instruments: the prorating rule' '^  total      sum 0-40, prorating at most 1 NA item$' out

# WSAS: the work item not applicable (retired) is NA, prorated.
ipt measure add --date 2026-10-08 wsas NA 3 4 2 4 > out
t_grep 'wsas NA prorated: 13 * 5 / 4 = 16.25, 16' \
    '^wsas 16 on 2026-10-08, session 2: significant$' out
t_grep 'says it was prorated' '^prorated: 1 scored item NA' out
t_grep 'stored with NA and the prorated total' \
    '^2026-10-08,2,wsas,16,significant,NA 3 4 2 4,$' measures.csv
snap .
t_fail 2 'wsas: NA on an item other than work' \
    ipt measure add --date 2026-10-09 wsas 3 NA 4 2 4
t_grep 'one line naming the item' 'wsas: item 2: NA is not allowed (0-8)' \
    "$T_TMP/.out"
t_unchanged 'bad wsas: records unchanged' .

# Export: the measures table carries subscales and criterion, and the
# codebook says what they are.
cd "$T_TMP" || exit 1
ipt export --output ex prac > /dev/null 2>&1
t_grep 'export measures: criterion column' ',dsm5-ptsd met,1$' ex/measures.csv
t_grep 'export measures: header' ',flags,subscales,criterion,episode$' ex/measures.csv
t_grep 'codebook: criterion described' '^measures,criterion,' ex/codebook.csv

# A practice that reports WSAS out of 32 instead: missing = leave-out.
sed 's/^missing = prorate$/missing = leave-out/' \
    "$SRC/lib/defs/instruments/wsas.ini" > prac/instruments/wsas.ini
cd prac/kim || exit 1
ipt measure add --date 2026-10-09 wsas NA 3 4 2 4 > out
t_grep 'leave-out: the sum of the four, 13' '^wsas 13 on 2026-10-09' out
t 'no prorated line' sh -c '! grep -q prorated out'
# A practice PHQ-A without the supplementary risk items is refused.
sed -e 's/^risk = .*/risk = "9 >= 1"/' \
    "$SRC/lib/defs/instruments/phqa.ini" > ../instruments/phqa.ini
snap .
t_fail 1 'a phqa.ini dropping the supplementary risk items is refused' \
    ipt measure add --date 2026-10-09 phqa 0 0 0 0 0 0 0 0 0
t_grep 'names the risk item kept by the built-in' \
    'instruments/phqa.ini: .*the risk item "10 >= 1"' "$T_TMP/.out"
t_unchanged 'refused definition: records unchanged' .
# A bad [criterion] in a practice file: one line, file, section, key.
rm ../instruments/phqa.ini
sed 's/^require = "intrusion 1,/require = "intrusion 9,/' \
    "$SRC/lib/defs/instruments/pcl5.ini" > ../instruments/pcl5.ini
t_fail 1 'a criterion needing more items than the cluster has' \
    ipt measure add --date 2026-10-09 phq9 0 0 0 0 0 0 0 0 0
t_grep 'message names file, section, key' \
    "instruments/pcl5.ini: \[criterion\] require: intrusion: '9' is not a number of items from 1 to 5" \
    "$T_TMP/.out"
t_unchanged 'bad criterion: records unchanged' .
rm ../instruments/pcl5.ini

finish
