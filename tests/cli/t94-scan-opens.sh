#!/bin/sh
# t94-scan-opens.sh: a scan opens only the files that are there.
#
# A client directory lacks most record files (a new client has only
# client.ini).  A scan reads each client's directory once and opens only
# the files it lists: under strace(1), no open() of a scan (ls, remind,
# check, export; with the read-ahead thread and without) fails with
# ENOENT on a path in a client directory (the practice's optional
# instruments/ and variants/ are looked for once a scan, not a client).
# Without strace the test is skipped.
# What the scan prints about missing files is the business of the tests
# of each command, which run with the same files missing.
. "$(dirname "$0")/lib.sh"

if ! command -v strace > /dev/null 2>&1 ||
    ! strace -f -o /dev/null true > /dev/null 2>&1; then
	echo "ok 1 # SKIP strace is not installed or cannot trace here"
	finish
	exit 0
fi

mkdir -p prac
: > prac/ipt.ini
for c in ana bo cy; do
	ipt init prac/rr/$c > /dev/null || exit 1
done
ipt -C prac/rr/ana session add --mood 5 > /dev/null || exit 1
ipt -C prac/rr/bo measure add phq9 0 1 2 0 1 2 0 1 0 > /dev/null 2>&1

for threads in 1 2; do
	for cmd in ls remind check "export --format json"; do
		IPT_SCAN_THREADS=$threads strace -f -qq -e trace=open,openat \
		    -o trace.out "$IPT" $cmd prac > /dev/null 2>&1
		t "$cmd (IPT_SCAN_THREADS=$threads): the practice is read" \
		    grep -q 'rr/ana/sessions.csv' trace.out
		grep 'ENOENT' trace.out | grep 'prac/rr/' > enoent.out
		cp enoent.out "$T_TMP/.out"
		t_report "$([ -s enoent.out ] && echo 1 || echo 0)" \
		    "$cmd (IPT_SCAN_THREADS=$threads): no open of a missing file"
	done
done
finish
