#!/bin/sh
# t58-tasks.sh: the phase tasks of a variant ([tasks]), recorded per
# session as techniques, checked by ipt check at the end of each phase.
. "$(dirname "$0")/lib.sh"

mkdir p && : > p/ipt.ini
# sessions DIR N [TECHNIQUE ...]: N more weekly sessions, the first of a
# client (W=0) on 2026-01-05.
W=0
sessions() {
	_dir=$1 _n=$2
	shift 2
	_t=
	for _x in "$@"; do _t="$_t --technique $_x"; done
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		_d=$(date -u -d "2026-01-05 + $((W * 7)) days" +%F)
		W=$((W + 1))
		# shellcheck disable=SC2086
		"$IPT" -C "$_dir" session add --date "$_d" $_t > /dev/null || return 1
		_i=$((_i + 1))
	done
}

# Three sessions held of the initial phase (1-4): nothing due yet.
ipt init p/a --start 2026-01-05 > /dev/null
sessions p/a 3
ipt check p/a > out 2> /dev/null
t 'within the phase: no task warning' sh -c '! grep -q " task " out'
sessions p/a 1
ipt check p/a > out 2> /dev/null
for task in sick-role inventory formulation contract; do
	t_grep "the initial task $task, at the phase's last session" \
	    "^p/a/sessions.csv:5: warning: the initial task '$task' was not done by session 4 (held session 4), the end of the initial phase: no session held had the technique\$" out
done
t 'four task warnings' sh -c '[ "$(grep -c " task " out)" = 4 ]'

# Done at any session by the phase's end.
ipt init p/b --start 2026-01-05 > /dev/null
W=0
sessions p/b 1 sick-role inventory
sessions p/b 1 formulation contract
ipt -C p/b session add --date 2026-03-01 > /dev/null
ipt -C p/b session add --date 2026-03-08 > /dev/null
ipt check p/b > out 2> /dev/null
t 'initial tasks done over two sessions: no task warning' sh -c '! grep -q " task " out'

# The middle phase (5-12): one of the alternatives does it.
ipt init p/c --start 2026-01-05 > /dev/null
W=0
sessions p/c 4 sick-role inventory formulation contract
sessions p/c 8 interval-history
ipt check p/c > out 2> /dev/null
t_grep 'middle: no focus work by session 12' \
    "^p/c/sessions.csv:13: warning: the middle task 'communication-analysis|decision-analysis|role-play|clarification|encouragement-of-affect|building-support' was not done by session 12" out
ipt init p/d --start 2026-01-05 > /dev/null
W=0
sessions p/d 4 sick-role inventory formulation contract
sessions p/d 1 role-play
sessions p/d 7 interval-history
ipt check p/d > out 2> /dev/null
t 'middle: role-play once is enough' sh -c '! grep -q " task " out'

# A variant without [tasks] asks none (a practice's, [tasks] taken out).
mkdir p/variants
sed '/^\[tasks\]/,$d' "$T_SRC/lib/defs/variants/brief.ini" > p/variants/notasks.ini
ipt init p/e --start 2026-01-05 --variant notasks > /dev/null
W=0
sessions p/e 4
ipt check p/e > out 2> /dev/null
t 'no [tasks], no task warning' sh -c '! grep -q " task " out'

# The built-in brief variant asks three initial tasks by session 2.
ipt init p/g --start 2026-01-05 --variant brief > /dev/null
W=0
sessions p/g 2 interval-history
ipt check p/g > out 2> /dev/null
for task in sick-role inventory formulation; do
	t_grep "brief: the initial task $task by session 2" \
	    "^p/g/sessions.csv:3: warning: the initial task '$task' was not done by session 2 (held session 2), the end of the initial phase" out
done
t 'brief: three initial tasks, no contract' sh -c '[ "$(grep -c " task " out)" = 3 ]'

# IPT-A: the parent takes part in psychoeducation.  A parent session
# (no place in the plan) held by the phase's last session does the task;
# one held after it does not.
ipt init p/h --start 2026-01-05 --variant adolescent > /dev/null
W=0
sessions p/h 3 sick-role inventory formulation contract
ipt -C p/h session add --date 2026-01-24 --kind parent --technique psychoeducation > /dev/null
sessions p/h 1
ipt check p/h > out 2> /dev/null
t 'IPT-A: a parent session in the initial phase does psychoeducation' \
    sh -c '! grep -q " task " out'
ipt init p/i --start 2026-01-05 --variant adolescent > /dev/null
W=0
sessions p/i 4 sick-role inventory formulation contract
ipt -C p/i session add --date 2026-01-27 --kind parent --technique psychoeducation > /dev/null
ipt check p/i > out 2> /dev/null
t_grep 'IPT-A: a parent session after the phase does not' \
    "^p/i/sessions.csv:5: warning: the initial task 'psychoeducation' was not done by session 4 (held session 4), the end of the initial phase" out
t 'IPT-A: only psychoeducation is missing' sh -c '[ "$(grep -c " task " out)" = 1 ]'

# A practice's variant with a bad [tasks]: one line naming file and key.
sed '/^\[tasks\]/,$d' "$T_SRC/lib/defs/variants/standard.ini" > p/variants/mine.ini
printf '[tasks]\ninitial = sick-role, hugging\n' >> p/variants/mine.ini
ipt init p/f --start 2026-01-05 --variant mine > out 2> err
t_grep 'an unknown technique' \
    "mine.ini: \[tasks\] initial: 'hugging' is not a session technique" err
sed '/^\[tasks\]/,$d' "$T_SRC/lib/defs/variants/standard.ini" > p/variants/mine.ini
printf '[tasks]\nlate = sick-role\n' >> p/variants/mine.ini
ipt init p/f --start 2026-01-05 --variant mine > out 2> err
t_grep 'not a phase' 'mine.ini: \[tasks\] late: not a phase of \[phases\]' err
finish
