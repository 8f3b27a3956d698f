#!/bin/sh
# t62-kinds.sh: session kinds as variant data ([kinds] no_place,
# no_self_reports, no_cadence).  IPT-A parent sessions use no place of
# the adolescent's 12, leave the adolescent's weekday, and the PHQ-A is
# not due at them; the group's pre-group meeting has the PHQ-9 due and
# does not set the group's day; a bad [kinds] key is refused by name.
. "$(dirname "$0")/lib.sh"

: > ipt.ini
phqa() { ipt measure add phqa --date "$1" 1 1 1 1 1 1 1 1 0 > /dev/null; }

# An adolescent seen on Mondays, her parents on a Thursday and a Wednesday.
ipt init teo --name 'Teo K.' --variant adolescent --start 2026-11-02 \
    > /dev/null
cd teo || exit 1
ipt inventory add Ana --relationship mother --date 2026-11-02 > /dev/null
ipt inventory add Bo --relationship father --date 2026-11-02 > /dev/null
ipt inventory add Cy --relationship friend --date 2026-11-09 > /dev/null
# The initial phase's tasks (IPT-A's [tasks]): psychoeducation with the
# parents at their session.
for d in 02 09 16 23; do
	case $d in
	02)	tech='--technique sick-role --technique inventory' ;;
	16)	tech='--technique formulation --technique contract' ;;
	*)	tech= ;;
	esac
	# shellcheck disable=SC2086
	ipt session add --date "2026-11-$d" $tech > /dev/null
	phqa "2026-11-$d"
	[ "$d" = 16 ] && ipt session add --kind parent --date 2026-11-19 \
	    --technique psychoeducation > /dev/null
done
ipt focus set role-dispute --date 2026-11-16 > /dev/null
ipt formulation add --area role-dispute --person Bo --date 2026-11-16 \
    --agreed 2026-11-16 "Arguments with Dad since the move." > /dev/null
t 'a second parent session' ipt session add --kind parent --date 2026-11-25
t_grep 'a parent session has the phase of the latest held' \
    '^6,2026-11-25,parent,attended,,initial,' sessions.csv

ipt status > "$T_TMP/out"
t_grep 'status: the parent sessions take none of the 12 places' \
    '^sessions:  4 of 12 held, 2 outside the plan$' "$T_TMP/out"
t_grep 'status: the last session is the 4th' \
    '^last:      2026-11-23, session 5 (the 4th of 12 planned, initial phase)$' "$T_TMP/out"
t_grep "status: the next on the adolescent's Monday" \
    '^next:      session 7 (the 5th of 12 planned, middle phase) due 2026-11-30$' "$T_TMP/out"
ipt status --format json > "$T_TMP/out"
t_grep 'JSON: held' '"held": *4,' "$T_TMP/out"
t_grep 'JSON: held outside the plan' '"held_outside_plan": *2,' "$T_TMP/out"
t_grep 'JSON: the next place' '"next_held": *5,' "$T_TMP/out"

ipt schedule > "$T_TMP/out"
t_grep 'schedule: the next on a Monday' \
    '^2026-11-30  Mon  session 7 (the 5th of 12 planned, middle phase)$' "$T_TMP/out"
t_grep 'schedule: the 12th place is the last' \
    '^2027-01-18  Mon  session 14 (the 12th of 12 planned, final phase)$' "$T_TMP/out"
t 'schedule: the 8 places left' test "$(wc -l < "$T_TMP/out")" -eq 8

ipt remind --within 7 > "$T_TMP/out"
t_grep 'remind: the same session, on the Monday' \
    'session-due  *session 7 (the 5th of 12 planned, middle phase) is due on 2026-11-30' "$T_TMP/out"
t_grep 'remind: the PHQ-A at the next session' \
    'phqa due at session 7 (the 5th of 12 planned, middle phase)' "$T_TMP/out"

ipt check > "$T_TMP/out" 2>&1
t_fail 0 'check is clean' ipt check
t_grep 'check: no PHQ-A warning at a parent session' \
    '0 errors, 0 warnings' "$T_TMP/out"

ipt report > "$T_TMP/out"
t_grep 'report: 4 places held, 2 outside the plan' \
    '^  held  *4 of 12 planned, and 2 outside the plan$' "$T_TMP/out"
t_grep 'report: every session attended' \
    '^  attendance  *6 attended, 0 cancelled, 0 no-show (100% attended)$' \
    "$T_TMP/out"

# export: a parent session has no place among those held of the plan.
cd .. || exit 1
ipt export --table sessions > "$T_TMP/out"
t_grep 'export: the 4th session held is the 4th place' \
    '^teo,,3,3,2026-11-16,14,individual,attended' "$T_TMP/out"
t_grep 'export: the parent session has no place' \
    '^teo,,4,,2026-11-19,17,parent,attended' "$T_TMP/out"
t_grep 'export: the next adolescent session is the 4th' \
    '^teo,,5,4,2026-11-23,21,individual,attended' "$T_TMP/out"
cd teo || exit 1

# The PHQ-A is still due at the adolescent's sessions.
export IPT_TODAY=2026-11-30
t 'a session without the PHQ-A' ipt session add --date 2026-11-30
ipt check > "$T_TMP/out" 2>&1
t_grep 'check: the PHQ-A missed at the adolescent session' \
    '^sessions.csv:8: warning: .*phqa' "$T_TMP/out"
export IPT_TODAY=2026-11-26
cd .. || exit 1

# The WHO group: the pre-group meeting is individual, the PHQ-9 due.
ipt init gil --name 'Gil R.' --variant group --start 2026-11-04 > /dev/null
cd gil || exit 1
t 'the pre-group meeting' ipt session add --date 2026-11-04
t_grep 'is individual, in the pregroup phase' \
    '^1,2026-11-04,individual,attended,,pregroup,' sessions.csv
ipt check > "$T_TMP/out" 2>&1
t_grep 'check: the PHQ-9 is due at the pre-group meeting' \
    '^sessions.csv:2: warning: .*phq9' "$T_TMP/out"
IPT_TODAY=2026-11-05 ipt status > "$T_TMP/out"
t_grep 'with no group session yet, due a week after the meeting' \
    '^next:      session 2 (the 2nd of 9 planned, initial phase) due 2026-11-11$' "$T_TMP/out"
ipt measure add phq9 --session 1 1 1 1 1 1 1 1 1 0 > /dev/null
ipt session add --date 2026-11-09 > /dev/null
ipt measure add phq9 --date 2026-11-09 1 1 1 1 1 1 1 1 0 > /dev/null
t 'a group session on a Monday' test "$(sed -n 3p sessions.csv | cut -d, -f3)" = group
ipt session add --kind individual --date 2026-11-12 > /dev/null
ipt measure add phq9 --date 2026-11-12 1 1 1 1 1 1 1 1 0 > /dev/null
IPT_TODAY=2026-11-13 ipt status > "$T_TMP/out"
t_grep "an individual meeting leaves the group's Monday" \
    'due 2026-11-16$' "$T_TMP/out"
cd .. || exit 1

# A practice variant with a bad [kinds] key: one line, file and key.
mkdir -p practice/variants
: > practice/ipt.ini
sed 's/^no_cadence = parent$/no_cadnce = parent/' \
    "$T_SRC/lib/defs/variants/adolescent.ini" > practice/variants/adolescent.ini
t_fail 1 'init with a misspelt key' ipt init practice/ida --variant adolescent
ipt init practice/ida --variant adolescent 2> err
t_grep 'names the file and the key' \
    'variants/adolescent.ini: \[kinds\] no_cadnce: unknown key' err
t 'in one line' test "$(wc -l < err)" -eq 1
t 'nothing created' test ! -e practice/ida
sed 's/^no_place = parent$/no_place = parent, family/' \
    "$T_SRC/lib/defs/variants/adolescent.ini" > practice/variants/adolescent.ini
ipt init practice/ida --variant adolescent 2> err
t_grep 'a kind not allowed is named' \
    "variants/adolescent.ini: \[kinds\] no_place: 'family' is not among the allowed kinds" err
finish
