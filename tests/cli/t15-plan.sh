#!/bin/sh
# t15-plan.sh: ipt plan shows and changes the plan and status.
. "$(dirname "$0")/lib.sh"

ipt init ana --name 'Ana M.' --start 2026-09-01 > /dev/null
cd ana || exit 1
ipt plan > out
t_grep 'plan shows the status' '^status: active$' out
t_grep 'plan shows the sessions' '^planned_sessions: 16$' out
t 'plan json parses' sh -c '"$IPT" plan --format json | python3 -m json.tool'
t 'extend the plan' ipt plan --sessions 20
t_grep 'plan extended' '^planned_sessions = "20"$' client.ini
t 'pause' ipt plan --status paused
t_grep 'paused' '^status = "paused"$' client.ini
t 'change name and therapist' ipt plan --name 'Ana "Nina" M.' --therapist "Dr. O'Neil"
t_grep 'name kept in single quotes' "^name = 'Ana \"Nina\" M.'$" client.ini
t 'maintenance' ipt plan --status maintenance --frequency 28
ipt session add --date 2026-09-01 > /dev/null
ipt session show --format json 1 > s1
t 'a maintenance client gets maintenance sessions' sh -c \
    '[ "$(jq -r .phase s1)" = maintenance ] && [ "$(jq -r .kind s1)" = maintenance ]'
ipt focus set interpersonal-deficits --date 2026-09-01 > /dev/null
snap .
t_fail 2 'a variant without the focus area' ipt plan --variant ptsd --status active
ipt plan --variant ptsd 2> err
t 'the variant error says to set a new focus' grep -q 'set a new focus first' err
t_fail 2 'unknown status' ipt plan --status finished
t_fail 2 'zero sessions' ipt plan --sessions 0
t_fail 2 'bad frequency' ipt plan --frequency 0
t_fail 2 'unknown variant' ipt plan --variant nope
t_fail 2 'bad start' ipt plan --start 2026-02-30
t_fail 2 'name with both quotes' ipt plan --name "O'Neil \"B\""
t_fail 2 'name with a newline' ipt plan --name 'a
b'
t_fail 2 'an operand' ipt plan extra
t_unchanged 'bad input changes nothing' .
ipt plan --status finished 2> err
t_grep 'lists the statuses' 'active, paused, ended, maintenance' err
t 'pause again' ipt plan --status paused
ipt status > st
t_grep 'a paused client has no session due' '^next: *none: the therapy is paused$' st
finish
