#!/bin/sh
# t41-risk.sh: risk flags open on a positive risk item and stay open
# until the clinician records a review, whatever later administrations
# answer; ipt risk review and ipt risk list.
. "$(dirname "$0")/lib.sh"

# t_open N NAME: exactly N risk flags are open.
t_open() {
	n=$("$IPT" risk list --format csv | sed 1d | wc -l | tr -d ' ')
	if [ "$n" = "$1" ]; then
		t_report 0 "$2"
	else
		{ echo "open flags: $n, wanted $1"; "$IPT" risk list; } \
		    > "$T_TMP/.out" 2>&1
		t_report 1 "$2"
	fi
}

ipt init ana --start 2026-10-01 > /dev/null
cd ana || exit 1
ipt session add --date 2026-10-01 > /dev/null

t_fail 1 'no flag: nothing to review' ipt risk review --note 'nothing'
t 'no flag: risk list succeeds' ipt risk list
t_open 0 'no flag: none open'

# PHQ-9 item 9 >= 1 opens a flag, whatever the total.
ipt measure add --date 2026-10-01 phq9 0 0 0 0 0 0 0 0 1 > out
t_grep 'add shows RISK with the item' '^RISK: item 9 = 1 (thoughts of being better off dead or of self-harm)' out
t_grep 'total 1 is minimal but flagged' '^2026-10-01,1,phq9,1,minimal,0 0 0 0 0 0 0 0 1,risk$' measures.csv
t_open 1 'one flag open'
ipt risk list --format csv > out
t_grep 'risk list row' '^2026-10-01,1,phq9,item 9 = 1,1$' out
ipt risk list --format json > out.json
t 'risk list json' sh -c '[ "$(jq -r ".[0].detail" out.json)" = "item 9 = 1" ]'
ipt status > out
t_grep 'status shows the flag first' '^RISK: phq9 item 9 = 1 on 2026-10-01' out
t 'status: the flag is the first line' sh -c 'head -n 1 out | grep -q "^RISK"'

# A total alone neither closes nor opens a flag.
ipt measure add --date 2026-10-05 --total 0 phq9 > /dev/null
t_open 1 'a total alone does not close the flag'
# Another instrument's administration does not close it.
ipt measure add --date 2026-10-06 gad7 0 0 0 0 0 0 0 > /dev/null
t_open 1 'another instrument does not close it'
# A later positive answer keeps it open (and is a flag of its own).
ipt measure add --date 2026-10-07 phq9 0 0 0 0 0 0 0 0 2 > /dev/null
t_open 2 'still positive: two flags open'
# Item 9 back at 0 closes neither: a later negative answer is context,
# not a review.  status, risk list and check still show both.
ipt session add --date 2026-10-08 > /dev/null
ipt measure add --date 2026-10-08 phq9 3 3 3 3 3 3 3 3 0 > out
t 'a severe total with item 9 at 0 has no RISK line' sh -c '! grep -q RISK out'
t_open 2 'item 9 at 0 later does not close the flags'
ipt risk list --all --format csv > out
t_grep 'still open with --all' '^2026-10-01,1,phq9,item 9 = 1,1,open,$' out
t 'no flag is resolved by a measure' sh -c '! grep -q resolved out'
ipt status > out
t_grep 'status still shows the first flag' '^RISK: phq9 item 9 = 1 on 2026-10-01' out
t_grep 'status still shows the second flag' '^RISK: phq9 item 9 = 2 on 2026-10-07' out
ipt --today 2026-10-09 report --format json > out.json
t 'report json: both flags still open' sh -c \
    '[ "$(jq -r ".risk_open | map(.date) | join(\" \")" out.json)" = "2026-10-01 2026-10-07" ]'
ipt --today 2026-10-09 report --format md > out
t_grep 'report md: the first flag still shown' 'phq9 item 9 = 1 on 2026-10-01' out
(cd .. && "$IPT" --today 2026-10-09 ls --format csv ana) > out
# phq9 went from 1 to 24: a reliable deterioration too (t45-deterioration).
t_grep 'ls: the client still has both flags open' ',2,phq9 item 9 = 1 on 2026-10-01; phq9 item 9 = 2 on 2026-10-07,phq9,ana,1$' out
(cd .. && "$IPT" --today 2026-10-09 remind --format tsv ana) > out
t_grep 'remind: still reminded' 'risk-open	open risk flag: phq9 item 9 = 1 on 2026-10-01' out
ipt check > out 2>&1
t_grep 'check: not reviewed by the next session, still open' \
    'measures.csv:2: error: risk flag of 2026-10-01 (phq9 item 9 = 1) was not reviewed by the next session (2 on 2026-10-08) and is still open' out
ipt risk review --date 2026-10-08 --note 'Both seen; item 9 now 0.' > out
t_grep 'the review closes the first' '^reviewed: phq9 item 9 = 1 on 2026-10-01$' out
t_grep 'and the second' '^reviewed: phq9 item 9 = 2 on 2026-10-07$' out
t_open 0 'only the review closes the flags'
ipt risk list --all --format csv > out
t_grep 'closed flag listed with --all' '^2026-10-01,1,phq9,item 9 = 1,1,reviewed,2026-10-08$' out
t_grep 'second closed flag' '^2026-10-07,,phq9,item 9 = 2,2,reviewed,2026-10-08$' out
ipt status > out
t 'status shows no RISK line' sh -c '! grep -q RISK out'

# A back-dated answer at 0 does not close a later flag.
ipt measure add --date 2026-10-10 phq9 0 0 0 0 0 0 0 0 3 > /dev/null
ipt measure add --date 2026-10-09 phq9 0 0 0 0 0 0 0 0 0 > /dev/null
t_open 1 'an earlier answer at 0 does not close a later flag'

# The review: usage errors first, nothing written.
snap .
t_fail 2 'review without --note' ipt risk review
t_unchanged 'no note: records unchanged' .
t_fail 2 'review with an empty note' ipt risk review --note ''
t_unchanged 'empty note: records unchanged' .
t_fail 2 'review with a bad date' ipt risk review --date 2026-10-32 --note x
t_unchanged 'bad date: records unchanged' .
t_fail 1 'review dated before the flag' ipt risk review --date 2026-10-09 \
    --note 'too early'
t_grep 'message says nothing is open then' 'no risk flag open on 2026-10-09' \
    "$T_TMP/.out"
t_unchanged 'early review: records unchanged' .
t_fail 2 'review with an operand' ipt risk review --note x extra
t_unchanged 'operand: records unchanged' .

ipt risk review --date 2026-10-10 --note 'Seen; passive thoughts, no plan; safety plan agreed.' > out
t_grep 'review names the flag' '^reviewed: phq9 item 9 = 3 on 2026-10-10$' out
t_open 0 'the review closes the flag'
t_grep 'risk.csv holds the review' '^2026-10-10,,phq9,2026-10-10,"Seen; passive thoughts, no plan; safety plan agreed.",,,$' risk.csv
t_grep 'the row is marked reviewed' '^2026-10-10,,phq9,3,minimal,0 0 0 0 0 0 0 0 3,risk;reviewed$' measures.csv
ipt risk list --all --format csv > out
t_grep 'reviewed flag listed' '^2026-10-10,,phq9,item 9 = 3,3,reviewed,2026-10-10$' out
snap .
t_fail 1 'a second review has nothing to review' ipt risk review --date 2026-10-10 --note again
t_unchanged 'second review: records unchanged' .

# A later positive answer opens a new flag, on the same day too.
ipt measure add --date 2026-10-10 phq9 0 0 0 0 0 0 0 0 1 > /dev/null
t_open 1 'a positive answer after the review opens a new flag'
ipt status > out
t_grep 'status shows the new flag of the day of the review' \
    '^RISK: phq9 item 9 = 1 on 2026-10-10' out
ipt risk review --date 2026-10-12 --note 'Reviewed again.' > /dev/null
t_open 0 'reviewed again'
ipt measure add --date 2026-10-20 phq9 1 0 0 0 0 0 0 0 1 > /dev/null
t_open 1 'a later positive answer opens a new flag'

# EPDS item 10 is reverse-scored: entered by --positions, the first
# answer ("often") scores 3.
ipt measure add --date 2026-10-20 --positions epds 3 3 3 3 3 3 3 3 3 0 > out
t_grep 'epds item 10 first answer: RISK' '^RISK: item 10 = 3' out
ipt measure add --date 2026-10-20 --positions epds 3 3 3 3 3 3 3 3 3 2 > out
t_grep 'epds item 10 third answer scores 1: RISK' '^RISK: item 10 = 1' out
ipt measure add --date 2026-10-21 --positions epds 3 3 3 3 3 3 3 3 3 3 > out
t 'epds item 10 never: no RISK' sh -c '! grep -q RISK out'
# HRSD-17 item 3 (suicide), clinician-rated.
ipt measure add --date 2026-10-21 hrsd17 1 1 2 0 0 0 0 0 0 0 0 0 0 0 0 0 0 > out
t_grep 'hrsd17 item 3: RISK' '^RISK: item 3 = 2 (suicide)' out
t_open 4 'open: phq9, both epds and hrsd17 (epds at 0 closes nothing)'
ipt risk list --format csv > out
t 'open flags in date order' sh -c \
    '[ "$(sed 1d out | cut -d, -f1,3 | tr "\n" " ")" = "2026-10-20,phq9 2026-10-20,epds 2026-10-20,epds 2026-10-21,hrsd17 " ]'
ipt risk review --date 2026-10-21 --note 'Assessed all four.' > out
t_open 0 'one review closes every open flag'
t 'review lists each flag' sh -c '[ "$(grep -c ^reviewed: out)" = 4 ]'

# Reading never writes.
snap .
ipt risk list > /dev/null
ipt risk list --all --format json > /dev/null
ipt measure list > /dev/null
t_unchanged 'risk list writes nothing' .
t_fail 2 'risk list with a bad format' ipt risk list --format xml
t_fail 2 'unknown risk verb' ipt risk close

# A total that only a positive item 9 can reach raises the flag: PHQ-9's
# other 8 items give at most 24.
cd "$T_TMP" && ipt init tot --start 2026-09-01 > /dev/null && cd tot
ipt session add --date 2026-10-01 > /dev/null
ipt measure add --session 1 --total 24 phq9 > out
t_grep 'a total of 24 leaves item 9 unknown' 'total only, so the risk item (item 9 >= 1) was not checked' out
ipt measure add --date 2026-10-01 --total 26 phq9 > out
t_grep 'a total of 26 is a RISK' '^RISK: item 9 >= 2 (thoughts of being better off dead or of self-harm)' out
t_grep 'flagged in measures.csv' '^2026-10-01,1,phq9,26,severe,,risk$' measures.csv
ipt status > out
t_grep 'status shows the flag open' '^RISK: phq9 risk on 2026-10-01 (session 1), open' out
sed -i 's/,26,severe,,risk$/,26,severe,,/' measures.csv
ipt check . > out 2>&1
t_grep 'check: such a row without the flag is an error' \
    'measures.csv:3: error: a total of 26 puts a risk item positive (item 9 >= 2) but the row has no risk flag' out
finish
