#!/bin/sh
# t44-risk-scale.sh: risk at scale: one client with 2,000 and 20,000 risk
# flags (tests/bench/risk-client.sh); status, risk list and check show
# every open flag.  That the time is linear in the flags is measured by
# make bench (BENCHMARKS.md), not asserted here: quadratic handling took
# 3.7 s at 10,000 flags before issue 14.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
. "$ROOT/tests/bench/risk-client.sh"
export IPT_TODAY=2060-01-01

risk_client small 2000
risk_client big 20000
ipt -C small/c risk list --format csv > out
t 'small: 1,000 open flags' test "$(sed 1d out | wc -l)" = 1000
ipt -C big/c risk list --all --format csv > out
t 'big: 20,000 flags' test "$(sed 1d out | wc -l)" = 20000
t 'big: 10,000 reviewed, each the day it was raised' \
    test "$(grep -c ',reviewed,\(....-..-..\)$' out)" = 10000
ipt -C big/c status > out
t 'big: status shows every open flag' \
    test "$(grep -c '^RISK: phq9 item 9 = [123] on ' out)" = 10000
ipt -C big/c check > out 2>&1
t 'big: check reports each open flag a session followed' \
    test "$(grep -c 'was not reviewed by the next session' out)" = 9999
# One review closes the 1,000 open flags of small: the history of its
# first write holds every row, and each flag finds its row by key (a
# search through all rows for each took 10 s at 10,000 flags).
t 'small: one review closes the 1,000 open flags' \
    ipt -C small/c risk review --note 'all seen'
ipt -C small/c risk list --format csv > out
t 'small: no open flag left' test "$(sed 1d out | wc -l)" = 0
t 'small: 1,000 review rows added, one per flagged day' \
    test "$(grep -c ',all seen,' small/c/risk.csv)" = 1000
t 'small: the history has them' sh -c \
    'test "$("$IPT" -C small/c history --file risk.csv | grep -c "all seen")" -ge 1000'
ipt -C small/c check > out 2>&1
t 'small: check finds the history and the files agree' sh -c \
    '! grep -q "differs from its history\|not in its history" out'

finish
