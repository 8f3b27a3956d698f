#!/bin/sh
# t80-bench.sh: the tools of make bench work, on a small practice.
#
# build/bench/gen makes a practice that ipt check finds no error in, the
# same bytes whether it writes through the library's locked writers (-s)
# or its own fast path, whatever the number of jobs; the caseload
# commands ipt has read it; build/bench/floor reads the same clients and
# build/bench/timeit times a command; a scan's output is the same with
# its read-ahead thread and without.  make check builds the tools.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
B=$ROOT/build/bench
export IPT_TODAY=2026-06-01

for tool in gen floor timeit; do
	if [ ! -x "$B/$tool" ]; then
		echo "not ok 1 - $B/$tool is missing (make $B/$tool)"
		finish
		exit 1
	fi
done

t 'gen writes 20 clients, 7 to a therapist' "$B/gen" -p 7 20 p
t '  20 client directories' test "$(ls -d p/t*/c* | wc -l)" = 20
t '  in 3 therapists' test "$(ls -d p/t* | wc -l)" = 3
t 'gen -s: client_create, rec_save under dir_lock' "$B/gen" -s -p 7 20 s
t '  the same bytes' diff -r -x history.csv p s
t 'gen -j 2: the same bytes' sh -c '"$1" -j 2 -p 7 20 j && diff -r p j' \
    sh "$B/gen"
t 'another seed, other records' sh -c '"$1" -S 2 -p 7 20 o &&
    ! diff -r p o > /dev/null' sh "$B/gen"
t 'gen -H: every client has its history' sh -c '"$1" -H -p 7 20 h &&
	test "$(find h -name history.csv | wc -l)" = 20' sh "$B/gen"
t 'gen -H: the records are the same bytes' diff -r -x history.csv -x .ipt.lock p h
t 'gen -H: the history agrees with the records' "$IPT" check --quiet h
t_grep 'gen -H: the history is the upgrade'"'"'s' 'the records as they were before their history' h/t0001/c0000001/history.csv
t_fail 1 'gen refuses a directory that exists' "$B/gen" 20 p
t_fail 2 'gen: usage' "$B/gen" -x

ipt check p > check.out 2> check.err
t 'ipt check: no error' test $? = 0
t_grep '  20 clients checked, 0 errors' '^20 clients checked: 0 errors' \
    check.err
t 'ipt check -q prints nothing' sh -c '[ -z "$("$1" check -q p)" ]' sh \
    "$IPT"

has() { "$IPT" --help 2>&1 | grep -q "^ *$1 "; }
if has ls; then
	t 'ipt ls reads them' sh -c '"$1" ls --format csv p > ls.csv' \
	    sh "$IPT"
	t '  one row a client' test "$(sed 1d ls.csv | wc -l)" = 20
fi
if has remind; then
	t 'ipt remind reads them' sh -c '"$1" remind p > remind.out' sh "$IPT"
	t '  and finds something due' test -s remind.out
fi
if has export; then
	t 'ipt export reads them' sh -c \
	    '"$1" export --format json p > export.json' sh "$IPT"
fi

# The read-ahead of caseload scans (lib/caseload.c) changes no output.
for c in check ls remind; do
	has "$c" || continue
	t "ipt $c: the same output with IPT_SCAN_THREADS=1" sh -c '
	    "$1" "$2" p > a.out 2> a.err; a=$?
	    IPT_SCAN_THREADS=1 "$1" "$2" p > b.out 2> b.err; b=$?
	    [ $a = $b ] && cmp a.out b.out && cmp a.err b.err' sh "$IPT" "$c"
done

t 'floor reads the 20 clients' sh -c \
    '"$1" p | grep -q "^20 clients, [1-9][0-9]* bytes$"' sh "$B/floor"
t 'floor: one client as a path' sh -c \
    '"$1" p/t0001/c0000001 | grep -q "^1 clients"' sh "$B/floor"
t 'floor -b (blind opens) reads the same bytes' sh -c \
    '[ "$("$1" p)" = "$("$1" -b p)" ]' sh "$B/floor"
t 'timeit: median, min, max, RSS, user, system, status' sh -c \
    '"$1" -n 3 "$2" check -q p | grep -Eq "^([0-9.]+ ){3}[0-9]+ ([0-9.]+ ){2}0$"' \
    sh "$B/timeit" "$IPT"
t 'timeit: the status of the command' sh -c \
    '"$1" -n 1 -w 0 false | grep -q " 1$"' sh "$B/timeit"
finish
