#!/bin/sh
# t37-entry.sh: entries are checked against the record when they are
# made, by the rules ipt check applies (lib/entry.c), and status reports
# a row check calls an error instead of using it.
. "$(dirname "$0")/lib.sh"

export IPT_TODAY=2026-02-01
ipt init ana --start 2026-01-05 > /dev/null
cd ana || exit 1
for d in 05 12 19; do
	ipt session add --date "2026-01-$d" > /dev/null
done
ipt session add --date 2026-01-26 --attendance cancelled > /dev/null
p='1 1 1 1 1 1 1 1 0'

snap .
# shellcheck disable=SC2086
{
t_fail 2 'measure: a session that does not exist' ipt measure add phq9 --session 99 $p
ipt measure add phq9 --session 99 $p 2> err
t_grep 'says so' '^ipt: --session: session 99 does not exist in sessions.csv$' err
t_fail 2 'measure: a cancelled session' ipt measure add phq9 --session 4 $p
ipt measure add phq9 --session 4 $p 2> err
t_grep 'says so' '^ipt: --session: session 4 was not held (cancelled)$' err
t_fail 2 'measure: not the day of the session' \
    ipt measure add phq9 --session 2 --date 2026-01-13 $p
ipt measure add phq9 --session 2 --date 2026-01-13 $p 2> err
t_grep 'says so' '^ipt: --session: session 2 was held on 2026-01-12, not 2026-01-13$' err
t_fail 2 'measure: dated next year' ipt measure add phq9 --date 2027-01-13 $p
ipt measure add phq9 --date 2027-01-13 $p 2> err
t_grep 'says so' '^ipt: --date: 2027-01-13 is after today (2026-02-01)$' err
}
t_fail 2 'plan: a start after the sessions' ipt plan --start 2027-01-01
ipt plan --start 2027-01-01 2> err
t_grep 'says so' '^ipt: --start: the start 2027-01-01 is after session 1 (2026-01-05)$' err
t_fail 2 'session: dated after today' ipt session add --date 2026-03-01
t_fail 2 'session edit: dated after today' ipt session edit 3 --date 2026-03-01
t_unchanged 'refused entries change nothing' .
ipt init ../ben --start 2026-01-10 > /dev/null
t_fail 2 'session: dated before the start' ipt -C ../ben session add --date 2026-01-05
ipt -C ../ben session add --date 2026-01-05 2> err
t_grep 'says so' '^ipt: --date: 2026-01-05 is before the start of treatment (2026-01-10)$' err

# shellcheck disable=SC2086
t 'measure: the date is taken from the session' ipt measure add phq9 --session 2 $p
t_grep 'dated on the session' '^2026-01-12,2,phq9,' measures.csv
t 'plan: a start on the first session' ipt plan --start 2026-01-05

# A hand edit that breaks the rules: check reports it, status leaves it out.
printf '%s\n' '2026-01-19,3,phq9,27,severe,3 3 3 3 3 3 3 3 3,risk' \
    '2026-01-20,3,phq9,0,minimal,0 0 0 0 0 0 0 0 0,' \
    '2027-01-01,,phq9,0,minimal,0 0 0 0 0 0 0 0 0,' >> measures.csv
ipt check . > chk
t_grep 'check: a measure not on its session' \
    '^measures.csv:4: error: session 3 was held on 2026-01-19, not 2026-01-20$' chk
t_grep 'check: a measure after today' \
    '^measures.csv:5: error: 2027-01-01 is after today (2026-02-01)$' chk
ipt status > st
t_grep 'status: the same error' \
    '^ERROR: measures.csv:4: session 3 was held on 2026-01-19, not 2026-01-20: left out; see ipt check$' st
t_grep 'status: the future measure is an error' \
    '^ERROR: measures.csv:5: 2027-01-01 is after today (2026-02-01): left out' st
t_grep 'status: the latest is the last true one' \
    '^  phq9    baseline 8 (mild) 2026-01-12, latest 27 (severe) 2026-01-19' st
ipt status --format json > st.json
t 'status json: the errors' test "$(jq '.errors | length' st.json)" = 2
t 'status json: the measures left out' test "$(jq '.measures[0].administrations' st.json)" = 2
sed -i 's/^start = .*/start = "2026-01-10"/' client.ini
ipt check . > chk
t_grep 'check: a start after the first session' \
    '^client.ini: error: \[client\] start: the start 2026-01-10 is after session 1 (2026-01-05)$' chk
finish
