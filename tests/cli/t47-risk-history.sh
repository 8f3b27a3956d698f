#!/bin/sh
# t47-risk-history.sh: after a review, the risk history stays in view:
# status shows the positives and reviews of the last weeks ([remind]
# risk_history_weeks, 8 by default), every report format has a risk
# history with each positive, its review, level, safety plan and note,
# and the HTML chart tells open, reviewed and high-level flags apart by
# shape and letter, not colour alone.
. "$(dirname "$0")/lib.sh"

mkdir p && : > p/ipt.ini
ipt init p/ana --start 2026-09-01 > /dev/null
cd p/ana || exit 1
ipt session add --date 2026-09-01 > /dev/null
ipt measure add --date 2026-09-01 phq9 1 1 1 1 1 1 1 1 2 > /dev/null
ipt risk review --date 2026-09-01 --level high --safety-plan agreed \
    --next 2026-09-08 --note 'Active thoughts; crisis plan.' > /dev/null
ipt session add --date 2026-11-10 > /dev/null
ipt measure add --date 2026-11-10 phq9 1 1 1 1 1 1 1 1 1 > /dev/null
ipt risk review --date 2026-11-10 --level low --safety-plan updated \
    --note 'Passive thoughts only.' > /dev/null
ipt session add --date 2026-11-20 > /dev/null
ipt measure add --date 2026-11-20 phq9 0 0 0 0 0 0 0 0 3 > /dev/null

# status: the last 8 weeks by default (from 2026-10-01 on 2026-11-26).
ipt status > out
t_grep 'status: a risk history block' '^risk history (last 8 weeks):$' out
t_grep 'status: the reviewed positive of last week, its review' \
    '^  2026-11-10 REVIEWED phq9 item 9 = 1 (session 2): reviewed 2026-11-10, level low, safety plan updated: Passive thoughts only\.$' out
t_grep 'status: the open one' \
    '^  2026-11-20 OPEN phq9 item 9 = 3 (session 3): not reviewed yet$' out
t 'status: the September flag is older than 8 weeks' \
    sh -c '! grep -q "^  2026-09-01" out'
printf '[remind]\nrisk_history_weeks = 20\n' > ../ipt.ini
ipt status > out
t_grep 'status: 20 weeks when the practice says so' '^risk history (last 20 weeks):$' out
t_grep 'status: the high-level review of September' \
    '^  2026-09-01 HIGH phq9 item 9 = 2 (session 1): reviewed 2026-09-01, level high, safety plan agreed, next review 2026-09-08: Active thoughts; crisis plan\.$' out
printf '[remind]\nrisk_history_weeks = many\n' > ../ipt.ini
snap .
t_fail 1 'a bad risk_history_weeks' ipt status
cp "$T_TMP/.out" msg
t_grep 'one line naming the file and the key' \
    '^ipt: .*ipt.ini: \[remind\] risk_history_weeks: not a whole number of weeks from 0 to 520$' msg
t 'the message is one line' test "$(wc -l < msg)" = 1
t_unchanged 'bad setting: records unchanged' .
: > ../ipt.ini

# Every report format has the risk history.
for f in text md html; do
	ipt report --format $f > r.$f
	t_grep "report $f: a risk history section" 'Risk history' r.$f
	t_grep "report $f: the high-level review with its note" \
	    '2026-09-01 HIGH phq9 item 9 = 2 (session 1): reviewed 2026-09-01' r.$f
	t_grep "report $f: the safety plan" 'safety plan updated' r.$f
	t_grep "report $f: the open flag" '2026-11-20 OPEN phq9 item 9 = 3' r.$f
done
ipt report --format json > r.json
t 'report json: three flags in the history' \
    test "$(jq '.risk_history | length' r.json)" = 3
t 'report json: level, safety plan, note of the first' test \
    "$(jq -r '.risk_history[0] | [.status, .level, .safety_plan, .next_review, .note] | join("|")' r.json)" = \
    'reviewed|high|agreed|2026-09-08|Active thoughts; crisis plan.'
t 'report json: the last is open' \
    test "$(jq -r '.risk_history[2].status' r.json)" = open

# The HTML chart: "!" in a ring open, a tick in a dashed ring reviewed,
# "H" in a square reviewed at a high level.
sed -n '/aria-label="phq9/,/<\/svg>/p' r.html > chart
t 'html chart: an open flag is "!"' grep -q '>!</text>' chart
t 'html chart: a reviewed flag is a tick in a dashed ring' sh -c \
    'grep -q "stroke-dasharray=\"3 2\"/>" chart && grep -q ">✓</text>" chart'
t 'html chart: a high-level flag is "H" in a square' sh -c \
    'grep -q "<rect x=.* width=\"14\" height=\"14\" fill=\"none\"" chart &&
    grep -q ">H</text>" chart'
t_grep 'html caption says it in words' 'H in a red square' r.html
finish
