#!/bin/sh
# t35-end.sh: the end of treatment (ipt plan --status ended --date
# --reason) is recorded, and an ended therapy shows its end everywhere:
# status, report, export, remind and schedule.
. "$(dirname "$0")/lib.sh"

: > ipt.ini
ipt init clients/ana --name 'Ana M.' --start 2026-01-05 --sessions 16 \
    > /dev/null
cd clients/ana || exit 1
d=5
while [ "$d" -le 26 ]; do
	ipt session add --date "2026-01-$(printf %02d "$d")" > /dev/null
	d=$((d + 7))
done
ipt measure add phq9 --date 2026-01-26 1 1 1 1 1 1 1 1 0 > /dev/null

# Bad input: a usage error, and nothing written.
snap .
t_fail 2 'ended needs a reason' ipt plan --status ended
ipt plan --status ended 2> err
t_grep 'the message lists the reasons' \
    'needs --reason: one of completed, dropped-out, referred, moved, declined, other' err
t_fail 2 'an unknown reason' ipt plan --status ended --reason bored
t_fail 2 'a reason without ending' ipt plan --reason completed
t_fail 2 'a date without ending' ipt plan --status paused --date 2026-01-30
t_fail 2 'an end before the last session' \
    ipt plan --status ended --reason completed --date 2026-01-20
ipt plan --status ended --reason completed --date 2026-01-20 2> err
t_grep 'names the session' \
    '^ipt: --date: the end 2026-01-20 is before session 4 (2026-01-26)$' err
t_fail 2 'an end after today' \
    ipt plan --status ended --reason completed --date 2027-01-01
t_fail 2 'a bad date' ipt plan --status ended --reason completed --date 2026-02-30
t_unchanged 'bad input changes nothing' .

t 'end the therapy' ipt plan --status ended --reason dropped-out --date 2026-02-02
t_grep 'ended_on recorded' '^ended_on = "2026-02-02"$' client.ini
t_grep 'end_reason recorded' '^end_reason = "dropped-out"$' client.ini
ipt plan > out
t_grep 'plan shows the end' '^ended_on: 2026-02-02$' out
t_grep 'plan shows the reason' '^end_reason: dropped-out$' out
snap .
t_fail 1 'an ended therapy is not ended again' \
    ipt plan --status ended --reason completed --date 2026-02-03
t_fail 2 'no session after the end' ipt session add --date 2026-02-09
ipt session add --date 2026-02-09 2> err
t_grep 'says so' '^ipt: --date: 2026-02-09 is after the end of treatment (2026-02-02); a new status starts it again$' err
t_unchanged 'nothing written' .

# Months later, the weeks stop at the end.
export IPT_TODAY=2026-05-04
ipt status > st
t_grep 'status: ended on, reason, weeks to the end' \
    '^status:    ended on 2026-02-02 (dropped-out), 4 weeks in treatment from 2026-01-05$' st
t 'status: not "since" the start' sh -c '! grep -q since st'
t_grep 'status: no next session, and why' \
    '^next:      none: the therapy ended on 2026-02-02 (dropped-out)$' st
ipt status --format json > st.json
t 'status json: weeks to the end' test "$(jq .weeks st.json)" = 4
t 'status json: end' test "$(jq -r '.ended_on + " " + .end_reason + " " + .end' st.json)" = \
    '2026-02-02 dropped-out 2026-02-02'
ipt report > rep
t_grep 'report: ended on' '^  status  *ended on 2026-02-02 (dropped-out)$' rep
t_grep 'report: weeks to the end' '^  in treatment  *4 weeks, 2026-01-05 to 2026-02-02$' rep
t 'report: no 17 weeks' sh -c '! grep -q "17 weeks" rep'
ipt report --format json > rep.json
t 'report json: weeks to the end' test "$(jq .client.weeks rep.json)" = 4
t 'report json: end and reason' test \
    "$(jq -r '.client.ended_on + " " + .client.end_reason' rep.json)" = \
    '2026-02-02 dropped-out'
ipt export --table clients ../.. > exp
t_grep 'export: weeks, end, reason' ',4,0,0,4,2026-02-02,28,dropped-out,' exp
ipt schedule > sch 2> err
t 'schedule: nothing planned' test ! -s sch
t_grep 'schedule says why' \
    '^ipt: ana: the therapy ended on 2026-02-02 (dropped-out): no session is planned$' err
ipt remind ../.. > rem 2> err
t 'remind: quiet over the caseload' test ! -s rem
t 'remind: not a word over the caseload' test ! -s err
ipt remind . > rem 2> err
t 'remind of the client: nothing due' test ! -s rem
t_grep 'remind of the client says it ended' \
    '^ipt: ana: the therapy ended on 2026-02-02 (dropped-out): nothing is due but an open risk flag$' err
ipt ls ../.. > ls
t_grep 'ls: ended' '^ana .* ended ' ls

# Back to active: a new episode (t63 tells it whole); the first one's
# end and reason are kept in episodes.csv, not lost.
t 'back to active' ipt plan --status active --start 2026-04-27
t 'end cleared from client.ini' sh -c '! grep -q "^ended_on\|^end_reason" client.ini'
t_grep 'the first episode kept' '^1,2026-01-05,2026-02-02,dropped-out,' \
    episodes.csv
ipt status > st
t_grep 'status: active again, episode 2' \
    '^status:    active, episode 2, since 2026-04-27' st
# ipt check: an end date that contradicts the sessions is an error.
ipt session add --date 2026-05-04 > /dev/null
ipt plan --status ended --reason completed --date 2026-05-04 > /dev/null
sed -i 's/^ended_on = .*/ended_on = "2026-04-28"/' client.ini
ipt check . > chk
t_grep 'check: an end before a session' \
    '^client.ini: error: \[client\] ended_on: the end 2026-04-28 is before session 5 (2026-05-04)$' chk
finish
