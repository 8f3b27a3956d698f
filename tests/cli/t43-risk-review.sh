#!/bin/sh
# t43-risk-review.sh: ipt risk review --level --safety-plan --next: the
# level and safety plan are kept in risk.csv, a high level keeps a RISK
# line in status and ls until a later review lowers it, and remind
# fires on the next review's date.  check reports a positive answer not
# reviewed by the next session held.
. "$(dirname "$0")/lib.sh"

mkdir p && : > p/ipt.ini
ipt init p/ana --start 2026-10-01 > /dev/null
cd p/ana || exit 1
ipt session add --date 2026-10-01 > /dev/null
ipt measure add --date 2026-10-01 phq9 1 1 1 1 1 1 1 1 2 > /dev/null

# Bad values: one line, exit 2, nothing written.
snap .
t_fail 2 'a bad level' ipt risk review --level severe --note x
t_grep 'the message names the option and the values' \
    "^ipt: --level: 'severe' is not one of: none, low, moderate, high$" "$T_TMP/.out"
cp "$T_TMP/.out" msg
t 'the message is one line' sh -c '[ "$(wc -l < msg)" = 1 ]'
t_unchanged 'bad level: records unchanged' .
t_fail 2 'a bad safety plan' ipt risk review --safety-plan maybe --note x
t_grep 'the message names --safety-plan' "^ipt: --safety-plan: 'maybe'" "$T_TMP/.out"
t_unchanged 'bad safety plan: records unchanged' .
t_fail 2 'a bad next date' ipt risk review --next 2026-02-30 --note x
t_grep 'the message names --next' '^ipt: --next: ' "$T_TMP/.out"
t_unchanged 'bad next date: records unchanged' .
t_fail 2 'a next review before this one' ipt risk review --date 2026-10-02 \
    --next 2026-10-02 --note x
t_grep 'it says the next review must come after' \
    '^ipt: --next: 2026-10-02: the next review must come after this one (2026-10-02)$' "$T_TMP/.out"
t_unchanged 'early next review: records unchanged' .
t_fail 2 'an empty level' ipt risk review --level '' --note x
t_grep 'it says the level is empty' '^ipt: --level: empty' "$T_TMP/.out"
t_unchanged 'empty level: records unchanged' .

# check: the flag of session 1 not reviewed by session 2 is an error.
ipt session add --date 2026-10-08 > /dev/null
t_fail 1 'check fails on a flag not reviewed by the next session' ipt check
t_grep 'check names the row and the session' \
    '^measures.csv:2: error: risk flag of 2026-10-01 (phq9 item 9 = 2) was not reviewed by the next session (2 on 2026-10-08) and is still open$' "$T_TMP/.out"

# The review with a high level, a safety plan and a next date.
ipt risk review --date 2026-10-08 --level high --safety-plan agreed \
    --next 2026-10-15 --note 'Active thoughts, no plan; crisis line given.' > out
t_grep 'the flag is reviewed' '^reviewed: phq9 item 9 = 2 on 2026-10-01$' out
t_grep 'the level is echoed' '^risk level: high$' out
t_grep 'the next review is echoed' '^next review: 2026-10-15$' out
t_grep 'risk.csv keeps level, safety plan and next' \
    '^2026-10-08,2,phq9,2026-10-01,"Active thoughts, no plan; crisis line given.",high,agreed,2026-10-15$' risk.csv
t_grep 'risk.csv header' '^date,session,instrument,flagged,note,level,safety_plan,next$' risk.csv
t 'check: reviewed at session 2, no error' ipt check
ipt risk list > out
t 'no flag is open' sh -c '[ "$(wc -l < out)" = 1 ]'

# A high level keeps a RISK line although no flag is open.
ipt --today 2026-10-09 status > out
t_grep 'status: RISK line for the high level' \
    "^RISK: risk level high since the review of 2026-10-08: a later review lowers it" out
t 'status: the RISK line comes first' sh -c 'head -n 1 out | grep -q "^RISK"'
(cd .. && "$IPT" --today 2026-10-09 ls) > out
t_grep 'ls: RISK for the high level' 'RISK: level high since 2026-10-08' out
(cd .. && "$IPT" --today 2026-10-09 ls --format csv) > out
t_grep 'ls csv: the level counts in risk' ',1,level high since 2026-10-08,' out

# remind: the next review, due in the window, overdue after its day.
(cd .. && "$IPT" --today 2026-10-09 remind --format tsv) > out
t_grep 'remind: the high level' 'risk-high	risk level high since the review of 2026-10-08' out
t_grep 'remind: the next review is due on its day' \
    '^due	2026-10-15	ana	ana	risk-review-due	risk review due on 2026-10-15, as the review of 2026-10-08 asked$' out
(cd .. && "$IPT" --today 2026-10-17 remind --format tsv) > out
t_grep 'remind: overdue after its day' \
    'risk-review-due	risk review was due on 2026-10-15 (2 days ago)' out

# A follow-up review with no flag open: allowed while a level or a next
# review is pending; a lower level ends the RISK line.
snap .
t_fail 1 'a follow-up before the latest review is refused' \
    ipt risk review --date 2026-10-07 --note 'too early'
t_unchanged 'early follow-up: records unchanged' .
ipt risk review --date 2026-10-15 --level moderate --safety-plan updated \
    --note 'Thoughts fewer; plan updated.' > out
t_grep 'a follow-up review says so' '^follow-up review recorded$' out
t_grep 'the follow-up row names no flag' \
    '^2026-10-15,,,,Thoughts fewer; plan updated.,moderate,updated,$' risk.csv
ipt --today 2026-10-16 status > out
t 'status: no RISK line once the level is lowered' sh -c '! grep -q "^RISK" out'
(cd .. && "$IPT" --today 2026-10-16 remind --format tsv) > out
t 'remind: the next review was done' sh -c '! grep -q risk-review-due out'
(cd .. && "$IPT" --today 2026-10-16 ls --format csv) > out
t_grep 'ls csv: no risk' ',0,,' out
# A later review without --level keeps the level in force.
ipt measure add --date 2026-10-20 phq9 0 0 0 0 0 0 0 0 1 > /dev/null
ipt risk review --date 2026-10-20 --level high --note 'Worse.' > /dev/null
ipt risk review --date 2026-10-21 --next 2026-10-28 --note 'Phoned.' > /dev/null
ipt --today 2026-10-22 status > out
t_grep 'a review without --level keeps high' \
    '^RISK: risk level high since the review of 2026-10-20' out
# A review with level none and no pending date: nothing more to review.
ipt risk review --date 2026-10-28 --level none --note 'Resolved.' > /dev/null
snap .
t_fail 1 'nothing pending: a bare review has nothing to review' \
    ipt risk review --date 2026-10-29 --note again
cp "$T_TMP/.out" msg
t_grep 'it says so' '^ipt: no risk flag open on 2026-10-29: nothing to review$' msg
t_unchanged 'nothing pending: records unchanged' .
t 'check is clean' ipt check
# A hand-edited bad level is one line naming file, line and field.
cp risk.csv risk.good
sed 's/,none,/,huge,/' risk.good > risk.csv
t_fail 1 'status refuses a bad level in risk.csv' ipt status
cp "$T_TMP/.out" msg
t_grep 'naming file, line and field' '^ipt: .*risk.csv:[0-9]*: level: ' msg
cp risk.good risk.csv
finish
