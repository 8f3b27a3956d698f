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

finish
