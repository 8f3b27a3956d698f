#!/bin/sh
# t40-measure.sh: ipt measure add|list|change|instruments, practice
# instruments, and bad input refused with nothing written.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

HDR='date,session,instrument,total,severity,items,flags'
ipt init ana --start 2026-10-01 > /dev/null
cd ana || exit 1
ipt session add --date 2026-10-01 > /dev/null
ipt session add --date 2026-10-08 > /dev/null
ipt session add --date 2026-10-15 --attendance cancelled > /dev/null

# Scoring and the row written.
ipt measure add --date 2026-10-01 phq9 2 2 2 2 2 2 1 1 0 > out
t_grep 'add prints total, session and band' \
    '^phq9 14 on 2026-10-01, session 1: moderate$' out
t_grep 'measures.csv has the header of the design' "^$HDR\$" measures.csv
t_grep 'row: date, session, total, band, items, no flag' \
    '^2026-10-01,1,phq9,14,moderate,2 2 2 2 2 2 1 1 0,$' measures.csv
t 'session of the day by default' ipt measure add --date 2026-10-08 gad7 \
    3 3 3 3 3 0 0
t_grep 'gad7 row with session 2' '^2026-10-08,2,gad7,15,severe,3 3 3 3 3 0 0,$' \
    measures.csv
t 'a cancelled session is not the session of the day' \
    ipt measure add --date 2026-10-15 gad7 1 1 1 1 1 0 0
t_grep 'no session for a day without a session held' \
    '^2026-10-15,,gad7,5,mild,1 1 1 1 1 0 0,$' measures.csv
t 'session given: dated on its day' ipt measure add --session 2 wsas 8 8 4 0 0
t_grep 'wsas row with session 2' '^2026-10-08,2,wsas,20,significant,8 8 4 0 0,$' \
    measures.csv
t 'options after the items' ipt measure add phq9 1 1 1 1 1 1 1 1 0 \
    --date 2026-10-22
t_grep 'phq9 8 mild' '^2026-10-22,,phq9,8,mild,1 1 1 1 1 1 1 1 0,$' measures.csv

# Items are item scores for every instrument, EPDS included: item 10 = 3
# ("yes, quite often" on the scored form) is a risk, and the add line
# echoes the risk item's score.
ipt measure add --date 2026-10-21 epds 1 1 1 1 1 1 1 1 1 3 > out
t_grep 'epds items are scores' '^epds 12 on 2026-10-21: possible-depression$' out
t_grep 'epds item 10 = 3 entered as a score: RISK' \
    '^RISK: item 10 = 3 (thought of harming myself): ' out
t_grep 'epds scores stored as given, risk flag' \
    '^2026-10-21,,epds,12,possible-depression,1 1 1 1 1 1 1 1 1 3,risk$' \
    measures.csv
ipt measure add --date 2026-10-21 phqa 1 1 1 1 1 1 1 1 0 > out
t_grep 'a negative risk item is echoed with its score' \
    '^risk items: item 9 = 0 (thoughts of being better off dead or of self-harm), item 10 not asked (serious thoughts of ending your life, past month), item 11 not asked (ever tried to kill yourself): below the threshold (item 9 >= 1, item 10 >= 1, item 11 >= 1)$' out
# --positions: the answers ticked, reverse-scored items converted, as
# the entry of old did; the stored scores are the same.
ipt measure add --date 2026-10-22 --positions epds 1 2 1 0 3 2 1 0 3 3 > out
t_grep 'epds --positions total' '^epds 11 on 2026-10-22: possible-depression$' out
t_grep 'epds --positions echoes the stored score of item 10' \
    '^risk item: item 10 = 0 (thought of harming myself): ' out
t_grep 'epds --positions stores item scores' '^2026-10-22,,epds,11,possible-depression,1 2 2 0 0 1 2 3 0 0,$' \
    measures.csv
t 'epds scores as given (--scored, the default)' ipt measure add \
    --date 2026-10-23 --scored epds 1 2 2 0 0 1 2 3 0 0
t_grep 'epds --scored row' '^2026-10-23,,epds,11,possible-depression,1 2 2 0 0 1 2 3 0 0,$' \
    measures.csv
snap .
t_fail 2 '--positions and --scored together refused' ipt measure add \
    --positions --scored epds 0 0 0 0 0 0 0 0 0 0
t_fail 2 '--positions with --total refused' ipt measure add --positions \
    --total 3 epds
t_unchanged 'refused --positions writes nothing' .

# Means: fixed decimals; NA where the definition allows it.
ipt measure add --date 2026-10-22 srm5 3 4 NA 5 NA > out
t_grep 'srm5 mean of the qualifying items' '^srm5 4.00 on 2026-10-22$' out
t_grep 'srm5 row keeps NA' '^2026-10-22,,srm5,4.00,,3 4 NA 5 NA,$' measures.csv
ipt measure add --date 2026-10-22 edeq 3 3 3 3 2 4 1 4 1 4 4 2 12 10 8 5 0 \
    20 1 1 1 2 4 2 2 4 4 3 > out
t_grep 'edeq global = mean of subscale means' \
    '^edeq 2.52 on 2026-10-22: above-community-cutoff$' out
t_grep 'edeq subscales printed' \
    '^subscales: restraint 2.80, eating-concern 1.00, shape-concern 3.88, weight-concern 2.40$' out
ipt measure add --date 2026-10-22 hrsd17 2 1 0 2 1 1 2 1 0 1 1 1 1 0 0 1 0 \
    > out
t_grep 'hrsd17 items 0-4 and 0-2' '^hrsd17 15 on 2026-10-22: mild$' out

# A total alone.
ipt measure add --date 2026-11-05 --total 4 phq9 > out
t_grep 'total alone' '^phq9 4 on 2026-11-05: minimal$' out
t_grep 'total alone: risk item not checked' 'risk item (item 9 >= 1) was not checked' out
t_grep 'total alone: no items in the row' '^2026-11-05,,phq9,4,minimal,,$' measures.csv
t 'mean total alone' ipt measure add --date 2026-11-05 --total 2.3 edeq
t_grep 'mean total stored with its decimals' '^2026-11-05,,edeq,2.30,above-community-cutoff,,$' \
    measures.csv

# Rows stay in date order.
ipt measure add --date 2026-09-30 gad7 0 0 0 0 0 0 0 > /dev/null
t 'an earlier date goes first' sh -c \
    '[ "$(sed -n 2p measures.csv)" = "2026-09-30,,gad7,0,minimal,0 0 0 0 0 0 0," ]'
t 'dates are in order' sh -c 'cut -d, -f1 measures.csv | sed 1d | sort -c'

# Every bad input: status 2, a clear message, nothing written.
snap .
t_fail 2 'too few items' ipt measure add phq9 1 1 1 1 1 1 1 1
t_grep 'count message' '^ipt: phq9: 9 items expected, 8 given$' "$T_TMP/.out"
t_unchanged 'too few items: records unchanged' .
t_fail 2 'too many items' ipt measure add phq9 1 1 1 1 1 1 1 1 1 1
t_grep 'count message' '^ipt: phq9: 9 items expected, 10 given$' "$T_TMP/.out"
t_unchanged 'too many items: records unchanged' .
t_fail 2 'item out of range' ipt measure add phq9 1 1 1 1 1 1 1 1 4
t_grep 'range message' '^ipt: phq9: item 9: 4 is out of range 0-3$' "$T_TMP/.out"
t_unchanged 'item out of range: records unchanged' .
t_fail 2 'hrsd17 item 4 above its 0-2 range' ipt measure add hrsd17 \
    0 0 0 3 0 0 0 0 0 0 0 0 0 0 0 0 0
t_grep 'per-item range message' 'item 4: 3 is out of range 0-2$' "$T_TMP/.out"
t_unchanged 'hrsd17 out of range: records unchanged' .
t_fail 2 'negative item' ipt measure add gad7 -- 1 1 1 1 1 1 -1
t_grep 'negative message' 'item 7: -1 is out of range 0-3$' "$T_TMP/.out"
t_unchanged 'negative item: records unchanged' .
t_fail 2 'non-number item' ipt measure add phq9 1 1 one 1 1 1 1 1 1
t_grep 'non-number message' "item 3: 'one' is not a whole number (0-3)" "$T_TMP/.out"
t_unchanged 'non-number: records unchanged' .
t_fail 2 'decimal item' ipt measure add phq9 1 1 1.5 1 1 1 1 1 1
t_unchanged 'decimal item: records unchanged' .
t_fail 2 'empty item' ipt measure add phq9 1 1 '' 1 1 1 1 1 1
t_unchanged 'empty item: records unchanged' .
t_fail 2 'NA where not allowed' ipt measure add phq9 1 1 NA 1 1 1 1 1 1
t_grep 'NA message' 'item 3: NA is not allowed (0-3)$' "$T_TMP/.out"
t_unchanged 'NA refused: records unchanged' .
t_fail 2 'srm5 all NA has no score' ipt measure add srm5 NA NA NA NA NA
t_grep 'all NA message' 'there is no score' "$T_TMP/.out"
t_unchanged 'srm5 all NA: records unchanged' .
t_fail 2 'srm5 8 hits in a week' ipt measure add srm5 8 1 1 1 1
t_unchanged 'srm5 8: records unchanged' .
t_fail 2 'unknown instrument' ipt measure add phq10 1 2 3
t_grep 'unknown message' "^ipt: unknown instrument 'phq10' (known: " "$T_TMP/.out"
t_unchanged 'unknown instrument: records unchanged' .
t_fail 2 'total out of range' ipt measure add --total 28 phq9
t_grep 'total range message' '^ipt: phq9: --total: 28 is out of range 0-27$' \
    "$T_TMP/.out"
t_unchanged 'total out of range: records unchanged' .
t_fail 2 'total not a number' ipt measure add --total many phq9
t_unchanged 'total not a number: records unchanged' .
t_fail 2 'decimal total of a sum' ipt measure add --total 4.5 phq9
t_unchanged 'decimal total: records unchanged' .
t_fail 2 'mean total with too many decimals' ipt measure add --total 2.305 edeq
t_unchanged 'edeq 3 decimals: records unchanged' .
t_fail 2 'items and --total' ipt measure add --total 4 phq9 1 1 1 1 1 1 1 1 0
t_unchanged 'items and total: records unchanged' .
t_fail 2 'neither items nor --total' ipt measure add phq9
t_unchanged 'no items: records unchanged' .
t_fail 2 'no instrument' ipt measure add
t_fail 2 'bad date' ipt measure add --date 2026-02-30 phq9 0 0 0 0 0 0 0 0 0
t_unchanged 'bad date: records unchanged' .
t_fail 2 'bad session' ipt measure add --session x phq9 0 0 0 0 0 0 0 0 0
t_unchanged 'bad session: records unchanged' .
t_fail 2 'unknown option' ipt measure add --nosuch phq9 0 0 0 0 0 0 0 0 0
t_fail 2 'unknown verb' ipt measure frob
t_fail 2 'bad list format' ipt measure list --format xml
t_unchanged 'after every bad input: records unchanged' .

# Listing: the file's columns, then what the items give (subscales,
# criterion); reads never write.
snap .
t 'list as csv is the file, then two derived columns' sh -c \
    '"$IPT" measure list --format csv | cut -d, -f1-7 | cmp - measures.csv &&
    "$IPT" measure list --format csv | head -1 |
    grep -qx "date,session,instrument,total,severity,items,flags,subscales,criterion"'
ipt measure list > out
t_grep 'table has a change section' '^change from baseline:$' out
t_grep 'table header' '^date  *session  *instrument  *total' out
ipt measure list --format json > out.json
t 'json parses' jq -e 'length > 10' out.json
ipt measure list --format tsv gad7 > out
t 'tsv of one instrument' sh -c '[ "$(sed 1d out | cut -f3 | sort -u)" = gad7 ]'
t_fail 2 'list of an unknown instrument' ipt measure list phq10
ipt measure change --format json > ch.json
t 'phq9 baseline 14' sh -c '[ "$(jq -r ".[] | select(.instrument==\"phq9\") | .baseline" ch.json)" = 14 ]'
t 'phq9 latest 4' sh -c '[ "$(jq -r ".[] | select(.instrument==\"phq9\") | .latest" ch.json)" = 4 ]'
t 'phq9 change -10' sh -c '[ "$(jq -r ".[] | select(.instrument==\"phq9\") | .change" ch.json)" = -10 ]'
t 'phq9 percent -71%' sh -c '[ "$(jq -r ".[] | select(.instrument==\"phq9\") | .percent" ch.json)" = -71% ]'
t 'phq9 improved' sh -c '[ "$(jq -r ".[] | select(.instrument==\"phq9\") | .direction" ch.json)" = improved ]'
t 'phq9 response (>= 50% fall)' sh -c '[ "$(jq -r ".[] | select(.instrument==\"phq9\") | .response" ch.json)" = yes ]'
t 'phq9 remission (< 5)' sh -c '[ "$(jq -r ".[] | select(.instrument==\"phq9\") | .remission" ch.json)" = yes ]'
t 'phq9 reliable improvement (>= 6)' sh -c '[ "$(jq -r ".[] | select(.instrument==\"phq9\") | .reliable" ch.json)" = improved ]'
t 'gad7 baseline is the earliest date' sh -c '[ "$(jq -r ".[] | select(.instrument==\"gad7\") | .baseline_date" ch.json)" = 2026-09-30 ]'
t 'gad7 worsened 0 -> 5' sh -c '[ "$(jq -r ".[] | select(.instrument==\"gad7\") | .direction" ch.json)" = worsened ]'
t 'gad7 reliable worsening (>= 4)' sh -c '[ "$(jq -r ".[] | select(.instrument==\"gad7\") | .reliable" ch.json)" = worsened ]'
t 'gad7 no percent from a zero baseline' sh -c '[ "$(jq -r ".[] | select(.instrument==\"gad7\") | .percent" ch.json)" = "" ]'
t 'edeq change with decimals' sh -c '[ "$(jq -r ".[] | select(.instrument==\"edeq\") | .change" ch.json)" = -0.22 ]'
t 'edeq no remission rule' sh -c '[ "$(jq -r ".[] | select(.instrument==\"edeq\") | .remission" ch.json)" = "" ]'
t 'wsas one administration: no change' sh -c '[ "$(jq -r ".[] | select(.instrument==\"wsas\") | .change" ch.json)" = "" ]'
ipt measure change --format csv phq9 > out
t_grep 'change csv header' '^instrument,n,baseline_date,baseline,latest_date,latest,change,percent,better,direction,response,remission,reliable$' out
t_grep 'change csv row' '^phq9,3,2026-10-01,14,2026-11-05,4,-10,-71%,lower,improved,yes,yes,improved$' out
t_unchanged 'list and change write nothing' .

# Instruments.
ipt measure instruments > out
for n in phq9 gad7 phqa pcl5 wsas hrsd17 edeq srm5 epds; do
	t_grep "instruments lists $n" "^$n: " out
done
ipt measure instruments hrsd17 > out
t_grep 'hrsd17 ranges' '^  range  *0-4 (items 1-3 7-11 15), 0-2 (items 4-6 12-14 16-17)$' out
t_grep 'hrsd17 rater' '^  rater  *clinician$' out
t_grep 'hrsd17 licence' '^  licence  *public domain$' out
ipt measure instruments --format csv > out
t_grep 'instruments csv header' '^name,title,items,range,total,subscales,criterion,bands,risk,better,outcomes,rater,period,loinc,source,licence,file$' out
t_grep 'phq9 csv row has its LOINC' '^phq9,.*,44261-6,' out
t_fail 2 'instruments of an unknown name' ipt measure instruments nosuch

# A practice's own instruments, and a built-in overridden.
cd "$T_TMP" || exit 1
mkdir -p prac/instruments
: > prac/ipt.ini
cp "$SRC/examples/practice/instruments/"*.ini prac/instruments/
ipt init prac/bo --start 2026-10-01 > /dev/null
cd prac/bo || exit 1
ipt measure instruments --format csv > out
t_grep 'practice instrument listed' '^wellbeing3,' out
ipt measure add --date 2026-10-01 wellbeing3 1 0 2 > out
t_grep 'practice instrument scored' '^wellbeing3 3 on 2026-10-01: low$' out
ipt measure add --date 2026-10-02 --positions wellbeing3 1 4 2 > out
t_grep 'practice instrument by --positions, reversed' \
    '^wellbeing3 3 on 2026-10-02: low$' out
sed 's/^reliable_change = 6$/reliable_change = 5/' \
    "$SRC/lib/defs/instruments/phq9.ini" > ../instruments/phq9.ini
ipt measure instruments --format csv phq9 > out
t_grep 'practice phq9 overrides the built-in' 'reliable change 5' out
t_grep 'practice file named' 'instruments/phq9.ini$' out
ipt measure add --date 2026-10-01 phq9 1 1 1 1 1 1 1 1 0 > /dev/null
ipt measure add --date 2026-10-08 phq9 1 1 1 0 0 0 0 0 0 > /dev/null
ipt measure change --format csv phq9 > out
t_grep 'a fall of 5 is reliable by the practice threshold (5), not by 6' ',improved$' out
snap .
printf '[instrument]\ntitle = x\nitems = 2\nrange = 0-3\ndirection = lower\nsource = s\nlicence = l\n[bands]\nlow = 0-2\nhigh = 4-6\n' \
    > ../instruments/bad.ini
t_fail 1 'a bad practice definition is refused' ipt measure add phq9 0 0 0 0 0 0 0 0 0
t_grep 'message names file, section and key' \
    'instruments/bad.ini: \[bands\] high: must start at 3' "$T_TMP/.out"
t_unchanged 'bad definition: records unchanged' .
printf '[instrument]\ntitle = x\nitems\n' > ../instruments/bad.ini
t_fail 1 'a definition that does not parse' ipt measure instruments
t_grep 'message names file and line' 'instruments/bad.ini:3: ' "$T_TMP/.out"
rm ../instruments/bad.ini

# A damaged measures.csv is an error naming file and line.
printf '2026-10-09,,phq9,x,,,\n' >> measures.csv
snap .
t_fail 1 'damaged measures.csv' ipt measure list
t_grep 'message names measures.csv and the line' 'measures.csv:6: total' "$T_TMP/.out"
t_fail 1 'no add over a damaged file' ipt measure add gad7 0 0 0 0 0 0 0
t_unchanged 'damaged file untouched' .
finish
