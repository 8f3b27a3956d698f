#!/bin/sh
# run.sh: run the unit and end-to-end tests, first against the normal
# build, then (given a second pair) against the AddressSanitizer+UBSan
# build, several at once, and print one line a test, in a fixed order,
# then one summary line "N passed, N failed".
#
#   sh tests/run.sh [-j JOBS] [--only NAMES] IPT UNITDIR [ASAN_IPT ASAN_UNITDIR]
#
# Run from the top of the source tree.  The tests are every executable
# UNITDIR/t_* (C, TAP through tests/unit/tap.h) and every tests/cli/t*.sh
# (sh, TAP through tests/cli/lib.sh, run with IPT=IPT).
#
#   -j JOBS       run JOBS tests at once (default: the number of
#                 processors; make check JOBS=N); -j 1 runs them in turn.
#                 The output is the same whatever JOBS.
#   --only NAMES  run only the tests whose name (t11-session, t_core) or
#                 label (cli/t11-session.sh, asan/unit/t_core) begins with
#                 one of NAMES, separated by spaces or commas (shell
#                 patterns allowed): --only t11, --only 't1 t20',
#                 --only asan/ (make check T=t11).  May be repeated.
#
# The tests named in $alone run by themselves, before the others: t71-kill
# times a write to choose when to kill the next ones, and t17-install runs
# make in the source tree.  The tests named in $slow are started first so
# that the last to end is not a long one (order only; output unchanged).
#
# A failing test prints its non-ok lines and, for the end-to-end tests,
# the temporary directory it kept (tests/cli/lib.sh: "# kept DIR").
set -u
alone='t17-install t44-risk-scale t71-kill'
slow='t70-faults t73-hostile t53-spool t60-remind t92-examples t51-ls
    t90-completion t50-report t40-measure t34-variant t72-concurrency
    t86-export-spreadsheet t85-export-trial'

usage() {
	echo "usage: sh tests/run.sh [-j JOBS] [--only NAMES] IPT UNITDIR" \
	    "[ASAN_IPT ASAN_UNITDIR]" >&2
	exit 2
}

jobs=
only=
while [ $# -gt 0 ]; do
	case $1 in
	-j)	[ $# -ge 2 ] || usage; jobs=$2; shift 2 ;;
	-j*)	jobs=${1#-j}; shift ;;
	--only)	[ $# -ge 2 ] || usage; only="$only $2"; shift 2 ;;
	--only=*) only="$only ${1#--only=}"; shift ;;
	--)	shift; break ;;
	-*)	usage ;;
	*)	break ;;
	esac
done
[ $# = 2 ] || [ $# = 4 ] || usage
[ -n "$jobs" ] || jobs=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
case $jobs in
''|*[!0-9]*|0) echo "run.sh: -j $jobs: not a positive number" >&2; exit 2 ;;
esac
only=$(echo $only | tr ',' ' ')

work=$(mktemp -d "${TMPDIR:-/tmp}/ipt-run.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
tab=$(printf '\t')

# The job list, in the order of the output: one line a test,
# "LABEL<tab>NAME<tab>IPT<tab>PROGRAM" (IPT "-" for a unit test).
add() {	# ipt unitdir tag
	for u in "$2"/t_*; do
		[ -f "$u" ] && [ -x "$u" ] || continue
		printf '%sunit/%s\t%s\t-\t%s\n' "$3" "${u##*/}" "${u##*/}" "$u"
	done
	for s in tests/cli/t*.sh; do
		[ -f "$s" ] || continue
		n=${s##*/}
		printf '%scli/%s\t%s\t%s\t%s\n' "$3" "$n" "${n%.sh}" "$1" "$s"
	done
}
{
	add "$1" "$2" ""
	[ $# = 4 ] && add "$3" "$4" "asan/"
} > "$work/all"

# picked LABEL NAME: the test is one --only asked for.
picked() {
	[ -z "$only" ] && return 0
	for p in $only; do
		case $1 in $p*) return 0 ;; esac
		case $2 in $p*) return 0 ;; esac
	done
	return 1
}
n=0
while IFS=$tab read -r label name ipt prog; do
	picked "$label" "$name" || continue
	n=$((n + 1))
	printf '%s\t%s\t%s\t%s\n' "$label" "$name" "$ipt" "$prog"
done < "$work/all" > "$work/jobs"
if [ "$n" = 0 ]; then
	echo "run.sh: no test matches --only '$only'" >&2
	exit 2
fi

# The order the tests start in: those to run alone, one after the other,
# then the others at once: the slow ones first, in the order of $slow,
# the ASan run of each before the other, then the rest in the order of
# the output.
order=$(awk -F '\t' -v alone="$alone" -v slow="$slow" '
BEGIN {
	na = split(alone, a, " ")
	for (k = 1; k <= na; k++)
		isalone[a[k]] = 1
	ns = split(slow, b, " ")
	for (k = 1; k <= ns; k++)
		rank[b[k]] = k
}
{
	if ($2 in isalone)
		key = 0
	else if ($2 in rank)
		key = 1 + 2 * rank[$2] + ($1 !~ /^asan\//)
	else
		key = 2 * ns + 3
	printf "%d %d\n", key, NR
}' "$work/jobs" | sort -n -k1,1 -k2,2 | awk '{ print ($1 == 0 ? "-" : "") $2 }')
first=
rest=
for i in $order; do
	case $i in
	-*)	first="$first ${i#-}" ;;
	*)	rest="$rest $i" ;;
	esac
done

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99

# run_job I: run the I-th test into $work/I.log; $work/I.res says
# "PASSED FAILED STATUS" when it is over.
run_job() {
	line=$(sed -n "$1p" "$work/jobs")
	ipt=$(printf '%s\n' "$line" | cut -f3)
	prog=$(printf '%s\n' "$line" | cut -f4)
	if [ "$ipt" = - ]; then
		"$prog" > "$work/$1.log" 2>&1 < /dev/null
	else
		IPT=$ipt sh "$prog" > "$work/$1.log" 2>&1 < /dev/null
	fi
	rc=$?
	p=$(grep -c '^ok ' "$work/$1.log")
	f=$(grep -c '^not ok ' "$work/$1.log")
	echo "$p $f $rc" > "$work/$1.tmp"
	mv "$work/$1.tmp" "$work/$1.res"
}

# lane: run the tests of $order nobody has taken yet (mkdir is atomic).
lane() {
	for i in $rest; do
		mkdir "$work/take.$i" 2> /dev/null || continue
		run_job "$i"
	done
}

for i in $first; do
	run_job "$i"
done
l=0
while [ "$l" -lt "$jobs" ]; do
	l=$((l + 1))
	{ ( lane ); : > "$work/lane.$l"; } &
done

# Print each test's line in the order of the output, as soon as it and
# those before it are over.
pass=0
fail=0
failed=
i=0
while IFS=$tab read -r label name ipt prog; do
	i=$((i + 1))
	while ! [ -f "$work/$i.res" ]; do
		if [ "$(ls "$work" | grep -c '^lane\.')" = "$jobs" ]; then
			# Every lane is over: the test ran (and its lane
			# ended since we looked) or it never will.
			[ -f "$work/$i.res" ] || echo "0 0 -1" > "$work/$i.res"
			break
		fi
		sleep 1
	done
	read -r p f rc < "$work/$i.res"
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
		failed="$failed $label"
		printf '%-44s %4d ok, %d FAILED (exit %d)\n' "$label" "$p" "$f" "$rc"
		if [ -f "$work/$i.log" ]; then
			grep -v -e '^ok ' -e '^# kept ' "$work/$i.log" |
			    head -n 60 | sed 's/^/    /'
			grep '^# kept ' "$work/$i.log" | sed 's/^/    /'
		else
			echo "    not run"
		fi
	fi
done < "$work/jobs"
wait
[ -z "$failed" ] || echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
