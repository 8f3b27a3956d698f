#!/bin/sh
# run.sh: run every unit and end-to-end test, first against the normal
# build, then against the AddressSanitizer+UBSan build, and print one
# summary line "N passed, N failed".
#
#   sh tests/run.sh IPT UNITDIR [ASAN_IPT ASAN_UNITDIR]
set -u
pass=0
fail=0
log=$(mktemp "${TMPDIR:-/tmp}/ipt-run.XXXXXX")
trap 'rm -f "$log"' EXIT

run_one() {	# label command...
	label=$1; shift
	"$@" > "$log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1	# crashed or exited early: count it
	fi
	if [ "$p" = 0 ] && [ "$f" = 0 ]; then
		f=1	# a test that checks nothing is a failure
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$f" = 0 ]; then
		printf '%-44s %4d ok\n' "$label" "$p"
	else
		printf '%-44s %4d ok, %d FAILED (exit %d)\n' "$label" "$p" "$f" "$rc"
		grep -v '^ok ' "$log" | head -n 60 | sed 's/^/    /'
	fi
}

suite() {	# ipt unitdir tag
	for u in "$2"/t_*; do
		[ -x "$u" ] || continue
		run_one "$3unit/${u##*/}" "$u"
	done
	for s in tests/cli/t*.sh; do
		[ -f "$s" ] || continue
		IPT=$1 run_one "$3cli/${s##*/}" sh "$s"
	done
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99
suite "$1" "$2" ""
if [ $# -ge 4 ]; then
	suite "$3" "$4" "asan/"
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
