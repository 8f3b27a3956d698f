#!/bin/sh
# t45-deterioration.sh: a reliable deterioration (an instrument's latest
# score worse than its baseline by its reliable-change criterion, in its
# direction of improvement) is a flag of its own in status, ls, remind
# and every report format; a worsening that is not reliable, an
# instrument without a criterion, and a worsening from the previous
# administration alone are not.
. "$(dirname "$0")/lib.sh"

mkdir -p prac/instruments
: > prac/ipt.ini
# A practice's higher-is-better form with a Jacobson-Truax criterion:
# 1.96 * 1 * sqrt(2 * (1 - 0.5)) = 1.96 points.
cat > prac/instruments/rhythm.ini <<'EOF'
[instrument]
title = "Rhythm check (test form)"
items = 2
range = 0-5
total = sum
direction = higher
response = none
rci_sd = 1
rci_reliability = 0.5
rater = self
period = "past week"
source = "test"
licence = "test"
EOF
cd prac || exit 1
for c in ana ben cal dee eli fay; do
	ipt init "$c" --start 2026-09-01 > /dev/null
	(cd "$c" && ipt session add --date 2026-09-01 > /dev/null &&
	    ipt session add --date 2026-10-20 > /dev/null)
done
m() { (cd "$1" && shift && ipt measure add "$@" > /dev/null); }
# ana: phq9 8 -> 15, +7 against a criterion of 6: reliable deterioration.
m ana --date 2026-09-01 phq9 1 1 1 1 1 1 1 1 0
m ana --date 2026-10-20 phq9 2 2 2 2 2 2 2 1 0
# ben: phq9 8 -> 13, +5: worse, not reliably.
m ben --date 2026-09-01 phq9 1 1 1 1 1 1 1 1 0
m ben --date 2026-10-20 phq9 2 2 2 2 2 1 1 1 0
# cal: srm5 (higher is better, no criterion) falls 5 -> 2: no flag; the
# rhythm form falls 5 -> 2 by more than 1.96: a deterioration.
m cal --date 2026-09-01 srm5 5 5 5 5 5
m cal --date 2026-10-20 srm5 2 2 2 2 2
m cal --date 2026-09-01 rhythm 3 2
m cal --date 2026-10-20 rhythm 1 1
# dee: the rhythm form rises 1 -> 5 (better), gad7 exactly +4, its
# criterion (at least 4): a deterioration on gad7 only.
m dee --date 2026-09-01 rhythm 0 1
m dee --date 2026-10-20 rhythm 3 2
m dee --date 2026-09-01 gad7 1 1 1 0 0 0 0
m dee --date 2026-10-20 gad7 2 2 2 1 0 0 0
# eli: phq9 20 -> 5 -> 12: +7 from the previous score, -8 from the
# baseline: not a deterioration (the rule is baseline to latest).
m eli --date 2026-09-01 phq9 3 3 3 3 2 2 2 2 0
m eli --date 2026-10-01 phq9 1 1 1 1 1 0 0 0 0
m eli --date 2026-10-20 phq9 2 2 2 2 1 1 1 1 0
# fay: ana's course, then ended: flagged in status, not reminded.
m fay --date 2026-09-01 phq9 1 1 1 1 1 1 1 1 0
m fay --date 2026-10-20 phq9 2 2 2 2 2 2 2 1 0
(cd fay && ipt plan --status ended --reason completed \
    --date 2026-10-21 > /dev/null 2>&1)

# status: a line of its own, after the risk lines; JSON.
snap .
(cd ana && ipt status) > st
t_grep 'status: DETERIORATION line' '^DETERIORATION: phq9 8 -> 15 (+7, reliable change 6) from 2026-09-01 to 2026-10-20: not on track$' st
t 'status: the DETERIORATION line first (no risk open)' \
    sh -c 'head -n 1 st | grep -q "^DETERIORATION: "'
t_grep 'status: next steps hold the alert' \
    '^  ALERT    2026-10-20  deterioration: phq9 8 -> 15' st
(cd ana && ipt status --format json) > st.json
t 'status json: deterioration array' test "$(jq -c '.deterioration |
    map([.instrument, .baseline, .latest, .change,
    .reliable_criterion, .better])' st.json)" = \
    '[["phq9","8","15","+7","6","lower"]]'
t 'status json: the course says so' test \
    "$(jq '.measures[0].deterioration' st.json)" = true
t 'status json: the reminder kind' test "$(jq -r '.reminders[0] |
    .urgency + " " + .kind' st.json)" = 'ALERT deterioration'
(cd ben && ipt status) > st
t 'status: +5 on phq9 is not reliable, no line' \
    sh -c '! grep -q DETERIORATION st'
t_grep 'status: ben worsened, not reliably' 'reliable change no change' st
(cd ben && ipt status --format json) > st.json
t 'status json: ben none' test "$(jq -c '[.deterioration,
    .measures[0].deterioration]' st.json)" = '[[],false]'
(cd cal && ipt status) > st
t 'status: srm5 has no criterion, never flagged' \
    sh -c '! grep -q "^DETERIORATION: srm5" st'
t_grep 'status: a higher-is-better fall is a deterioration' \
    '^DETERIORATION: rhythm 5 -> 2 (-3, reliable change > 1.96, higher is better) from 2026-09-01 to 2026-10-20: not on track$' st
(cd dee && ipt status) > st
t 'status: a higher-is-better rise is not' \
    sh -c '! grep -q "^DETERIORATION: rhythm" st'
t_grep 'status: exactly the criterion is reliable' \
    '^DETERIORATION: gad7 3 -> 7 (+4, reliable change 4) ' st
(cd eli && ipt status) > st
t 'status: worse than the previous score only, no line' \
    sh -c '! grep -q DETERIORATION st'
(cd fay && ipt status) > st
t_grep 'status: an ended client keeps the flag' '^DETERIORATION: phq9 8 -> 15' st
t 'status: but no reminder' sh -c '! grep -q "ALERT.*deterioration" st'

# ls: a narrow marker in the flags column, a column for scripts; the
# flagged clients after those at risk, before the rest.
ipt ls > ls.txt
t_grep 'ls: WORSE in the flags column' '^ana .*  WORSE: phq9$' ls.txt
t_grep 'ls: two instruments' '^cal .*  WORSE: rhythm$' ls.txt
t 'ls: flagged clients first' test "$(sed -n '2,5s/ .*//p' ls.txt |
    tr '\n' ' ')" = 'ana cal dee fay '
t 'ls: ben, eli unflagged' sh -c '! grep -E "^(ben|eli) .*WORSE" ls.txt'
ipt ls --format csv > lscsv
t_grep 'ls csv: deterioration column' ',risk_detail,deterioration,path,episode$' lscsv
t_grep 'ls csv: ana' '^ana,.*,0,,phq9,ana,1$' lscsv
t_grep 'ls csv: ben empty' '^ben,.*,0,,,ben,1$' lscsv
ipt ls --format tsv > ls.tsv
t_grep 'ls tsv: dee' '^dee	.*	gad7	dee	1$' ls.tsv
ipt ls --format json > ls.json
t 'ls json: deterioration by client' test "$(jq -c 'map([.id,
    .deterioration])' ls.json)" = \
    '[["ana","phq9"],["cal","rhythm"],["dee","gad7"],["fay","phq9"],["ben",""],["eli",""]]'

# remind: a kind of its own, in a group after open risk.
ipt remind > r.txt
t_grep 'remind: the group heading' '^reliable deterioration, not on track:$' r.txt
t 'remind: the group comes first, before overdue' test \
    "$(grep -v '^$' r.txt | head -n 1)" = \
    'reliable deterioration, not on track:'
t_grep 'remind: ana reminded' '^2026-10-20  ana  deterioration  *phq9 8 -> 15 ' r.txt
t 'remind: three, none for ben, eli or the ended fay' test \
    "$(grep -c '  deterioration  ' r.txt)" = 3
ipt remind --format tsv > r.tsv
t_grep 'remind tsv: urgency and kind' \
    '^ALERT	2026-10-20	cal	cal	deterioration	rhythm 5 -> 2' r.tsv
ipt remind --format json > r.json
t 'remind json: the kind' test "$(jq -c '[.[] |
    select(.kind == "deterioration") | .client]' r.json)" = \
    '["ana","cal","dee"]'

# report: every format.
(cd ana && ipt report) > rep.txt
t_grep 'report text: a flag of its own' \
    '^DETERIORATION: phq9 8 -> 15 (+7, reliable change 6) from 2026-09-01 to$' rep.txt
t_grep 'report text: in the measure block' \
    '^  DETERIORATION  *reliably worse than the baseline' rep.txt
(cd ana && ipt report --format md) > repmd
t_grep 'report md: a flag of its own' \
    '^> \*\*DETERIORATION:\*\* phq9 8 -\\> 15 (+7, reliable change 6)' repmd
(cd ana && ipt report --format html) > rep.html
t_grep 'report html: said in words and a sign, not colour alone' \
    '^<p class="alert"><strong>⚠ DETERIORATION</strong> phq9 8 -&gt; 15 ' rep.html
t_grep 'report html: styled' '^p.alert{border:2px dashed' rep.html
(cd ana && ipt report --format json) > rep.json
t 'report json: deterioration array' test "$(jq -c '.deterioration |
    map(.instrument)' rep.json)" = '["phq9"]'
t 'report json: the measure says so' test "$(jq -c '[.measures[] |
    .deterioration]' rep.json)" = '[true]'
t 'report json: the reminder' test "$(jq -r '[.reminders[] |
    select(.kind == "deterioration")] | length' rep.json)" = 1
for f in text md html; do
	(cd ben && ipt report --format $f) > rb
	t "report $f: nothing for ben" sh -c '! grep -q DETERIORATION rb'
done
for c in ben eli; do
	(cd $c && ipt report --format json) > rep.json
	t "report json: $c none" test "$(jq -c '[.deterioration,
	    [.measures[].deterioration], [.reminders[].kind |
	    select(. == "deterioration")]]' rep.json)" = '[[],[false],[]]'
done
(cd fay && ipt report) > rep.txt
t_grep 'report: the ended client keeps the flag' '^DETERIORATION: phq9 8 -> 15' rep.txt

t_unchanged 'reading wrote nothing' .
finish
