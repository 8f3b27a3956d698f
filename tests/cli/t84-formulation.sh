#!/bin/sh
# t84-formulation.sh: ipt formulation add|revise|show|history, the
# interpersonal formulation; shown in status and report, checked by check.
. "$(dirname "$0")/lib.sh"

ipt init ana --start 2026-09-01 > /dev/null
cd ana || exit 1
ipt inventory add Marco --date 2026-09-01 --relationship husband > /dev/null
ipt inventory add 'Lucía' --date 2026-09-01 --relationship mother > /dev/null
ipt event add --date 2026-02-02 --kind transition 'Marco on night shifts'
ipt event add --date 2026-04-18 --kind dispute 'Row about bedtimes'

# Bad input first: nothing is written.
snap .
t_fail 2 'no area and no focus yet' ipt formulation add 'x'
ipt formulation add x 2> err
t_grep 'says the area is needed' '^ipt: --area is required: no focus is chosen yet$' err
t_fail 2 'no text' ipt formulation add --area grief
t_fail 2 'unknown area' ipt formulation add --area sadness 'x'
ipt formulation add --area sadness x 2> err
t_grep 'names the option of the unknown area' '^ipt: --area: .*sadness' err
t_fail 2 'a person not in the inventory' ipt formulation add --area grief \
    --person Bob 'x'
ipt formulation add --area grief --person Bob x 2> err
t_grep 'names the person and the file' \
    '^ipt: --person: Bob is not in the inventory (inventory.csv)$' err
t_fail 2 'a day without an event' ipt formulation add --area grief \
    --event 2026-02-03 'x'
ipt formulation add --area grief --event 2026-02-03 x 2> err
t_grep 'names the day and the file' \
    '^ipt: --event: no event of the timeline on 2026-02-03 (timeline.csv)$' err
t_fail 2 'a bad event day' ipt formulation add --area grief --event 2026-2-3 'x'
t_fail 2 'a bad date' ipt formulation add --area grief --date 2026-13-01 'x'
t_fail 2 'agreed before the formulation' ipt formulation add --area grief \
    --date 2026-09-10 --agreed 2026-09-09 'x'
t_fail 2 'empty text' ipt formulation add --area grief ''
t_fail 2 'revise with nothing to revise' ipt formulation revise 'x'
ipt formulation revise x 2> err
t_grep 'revise says to add first' 'no formulation to revise (ipt formulation add)' err
t_fail 2 'unknown option' ipt formulation add --colour red 'x'
t_fail 2 'two texts' ipt formulation add --area grief 'x' 'y'
t_unchanged 'bad input changes no file' .
t 'no formulation.csv yet' test ! -e formulation.csv

# show and status without one.
ipt formulation show > out
t_grep 'show says none' '^no formulation recorded yet$' out
t 'show json is null' sh -c '[ "$("$IPT" formulation show --format json)" = null ]'
ipt status > out
t_grep 'status: none recorded' '^formulation: none recorded$' out

# Add: the area defaults to the focus.
ipt focus set role-dispute --date 2026-09-15 > /dev/null
ipt formulation add --date 2026-09-15 --person Marco --person 'Lucía' \
    --event 2026-02-02 --event 2026-04-18 \
    --words 'We only talk to fight.' \
    'Depression began as the dispute with Marco reached an impasse.' > out
t_grep 'add prints the revision' '^1$' out
t_grep 'header as designed' '^id,date,area,people,events,words,agreed,text$' \
    formulation.csv
t_grep 'row as given, area from the focus' \
    '^1,2026-09-15,role-dispute,Marco; Lucía,2026-02-02;2026-04-18,We only talk to fight.,,Depression began' \
    formulation.csv
t 'file mode 0600' sh -c '[ "$(stat -c %a formulation.csv)" = 600 ]'
t_fail 2 'a second add is refused' ipt formulation add --area grief 'y'
ipt formulation add --area grief y 2> err
t_grep 'add says to revise' \
    '^ipt: formulation.csv: a formulation is recorded (revision 1 of 2026-09-15): revise it (ipt formulation revise)$' err
ipt status > out
t_grep 'status: not yet agreed' \
    '^formulation: role-dispute, revision 1 of 2026-09-15, not yet agreed with the client$' out

# Revise: agreement only; the rest copied, the first row untouched.
cp formulation.csv before.csv
ipt formulation revise --date 2026-09-22 --agreed 2026-09-22 > out
t_grep 'revise prints revision 2' '^2$' out
t 'revision 1 kept as it was' sh -c \
    '[ "$(sed -n 2p formulation.csv)" = "$(sed -n 2p before.csv)" ]'
t_grep 'revision 2 copies and is agreed' \
    '^2,2026-09-22,role-dispute,Marco; Lucía,2026-02-02;2026-04-18,We only talk to fight.,2026-09-22,Depression began' \
    formulation.csv
t_fail 2 'a revision dated before the last' ipt formulation revise \
    --date 2026-09-20 'z'
# A new text is not agreed until the client agrees it again.
ipt formulation revise --date 2026-10-06 --area role-transition --person Marco \
    'The move to nights changed her role at home.' > /dev/null
t_grep 'revision 3: new area, people replaced, agreement not copied' \
    '^3,2026-10-06,role-transition,Marco,2026-02-02;2026-04-18,We only talk to fight.,,The move' \
    formulation.csv
t 'three rows' sh -c '[ "$(wc -l < formulation.csv)" = 4 ]'

ipt formulation show > out
t_grep 'show: the latest revision' '^revision: 3$' out
t_grep 'show: its area' '^area: role-transition$' out
t_grep 'show: the client'"'"'s words' '^words: We only talk to fight.$' out
ipt formulation show --format json > j
t 'show json parses' python3 -m json.tool j
t 'show json: revision and people' sh -c \
    '[ "$(jq -r "[.revision, .people] | join(\"|\")" j)" = "3|Marco" ]'
ipt formulation history --format json > j
t 'history json: the three revisions in order' sh -c \
    '[ "$(jq -r "[.[].id] | join(\" \")" j)" = "1 2 3" ]'
t 'history table' ipt formulation history
t_fail 2 'show takes no operand' ipt formulation show x
t_fail 2 'show --format csv refused' ipt formulation show --format csv

# The history records every revision, before and after.
ipt history --file formulation.csv > out
t_grep 'history names the revisions' 'formulation.csv, revision 3: added' out
t 'history has three additions' sh -c \
    '[ "$(grep -c "formulation.csv, revision [0-9]*: added" out)" = 3 ]'

# status and report.
ipt status > out
t_grep 'status: the latest, with its date' \
    '^formulation: role-transition, revision 3 of 2026-10-06, not yet agreed with the client$' out
ipt status --format json > j
t 'status json: the formulation' sh -c \
    '[ "$(jq -r ".formulation | [.revision, .date, .area] | join(\" \")" j)" = "3 2026-10-06 role-transition" ]'
ipt report > out
t_grep 'report: a Formulation section' '^Formulation$' out
t_grep 'report: the client'"'"'s words' "client's words  We only talk to fight." out
ipt report --format md > out
t_grep 'report md: the section' '^## Formulation' out
ipt report --format html > out
t_grep 'report html: the section' '<h2[^>]*>Formulation</h2>' out
t_grep 'report html: the text' 'The move to nights changed her role at home.' out
ipt report --format json > j
t 'report json: every revision' sh -c \
    '[ "$(jq -r "[.formulation[].area] | join(\" \")" j)" = "role-dispute role-dispute role-transition" ]'

# check: a clean record; a hand edit that breaks the file is one line.
rm -f out err j before.csv
ipt check . > ../out 2> ../err
t 'check: no finding' sh -c '! [ -s ../out ]'
cp formulation.csv ../good.csv
sed -i 's/^2,2026-09-22,role-dispute/2,2026-09-22,Role Dispute/' formulation.csv
t_fail 1 'check: a bad area in the file' ipt check .
ipt check . > ../out 2>&1
t_grep 'check names file, line and field' \
    '^formulation.csv:3: error: area: ' ../out
cp ../good.csv formulation.csv
chmod 600 formulation.csv
cd .. || exit 1

# check: the initial phase ended (4 sessions of 16) without a formulation.
ipt init bo --start 2026-09-01 > /dev/null
cd bo || exit 1
ipt inventory add Ana --date 2026-09-01 --relationship wife > /dev/null
for d in 01 08 15; do
	ipt session add --date 2026-09-$d > /dev/null
done
ipt focus set grief --date 2026-09-15 > /dev/null
ipt check . > out 2>&1
t 'three sessions held: no formulation warning yet' sh -c \
    '! grep -q "no formulation recorded" out'
ipt session add --date 2026-09-22 > /dev/null
ipt check . > out 2>&1
t_grep 'check warns at the end of the initial phase' \
    '^sessions.csv:5: warning: no formulation recorded by session 4 (held session 4), the end of the initial phase (ipt formulation add)$' out
# One recorded after that session does not count for it.
ipt formulation add --date 2026-09-23 'Grief for her mother.' > /dev/null
ipt check . > out 2>&1
t_grep 'a formulation after the deadline: still warned' \
    'no formulation recorded by session 4' out
cd .. || exit 1
ipt init cy --start 2026-09-01 > /dev/null
cd cy || exit 1
for d in 01 08 15; do
	ipt session add --date 2026-09-$d > /dev/null
done
ipt focus set grief --date 2026-09-15 > /dev/null
ipt formulation add --date 2026-09-22 'Grief.' > /dev/null
ipt session add --date 2026-09-22 > /dev/null
ipt check . > out 2>&1
t 'a formulation on the day of the last initial session: no warning' sh -c \
    '! grep -q "no formulation recorded" out'

finish
