#!/bin/sh
# run.sh: run the libFuzzer harnesses built in build/fuzz/ for a set time
# each and report what they did.
#
#   sh tests/fuzz/run.sh SECONDS JOBS NAME...
#
# Each harness starts from its seed corpus (tests/fuzz/corpus/NAME) and
# the inputs that once crashed it (tests/fuzz/regress/NAME), and grows a
# working corpus in build/fuzz/corpus/NAME that later runs start from.
# JOBS harnesses run at once.  A crash leaves its input in
# build/fuzz/artifacts/ and makes the run fail; turn it into a regression
# input (see tests/fuzz/README) once the bug is fixed.
set -u
secs=${1:?seconds}
jobs=${2:?jobs}
shift 2
out=build/fuzz
mkdir -p "$out/artifacts" "$out/logs"
# The csv and variant harnesses write a file per input: on tmpfs if we can.
[ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm
fail=0

run_one() {	# name
	n=$1
	mkdir -p "$out/corpus/$n"
	set -- "$out/corpus/$n" "tests/fuzz/corpus/$n"
	[ -d "tests/fuzz/regress/$n" ] && set -- "$@" "tests/fuzz/regress/$n"
	dict=
	[ -f "tests/fuzz/$n.dict" ] && dict="-dict=tests/fuzz/$n.dict"
	"$out/fuzz_$n" -max_total_time="$secs" -print_final_stats=1 \
	    -timeout=20 -rss_limit_mb=2048 -max_len=8192 \
	    -artifact_prefix="$out/artifacts/$n-" $dict "$@" \
	    > "$out/logs/$n.log" 2>&1
	echo $? > "$out/logs/$n.rc"
}

report() {	# name
	n=$1
	rc=$(cat "$out/logs/$n.rc")
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$out/logs/$n.log" | tail -n 1)
	crashes=$(ls "$out/artifacts" | grep -c "^$n-")
	printf 'fuzz_%-11s %10s executions in %ss, exit %s, %s crash file(s)\n' \
	    "$n" "${execs:-?}" "$secs" "$rc" "$crashes"
	if [ "$rc" != 0 ]; then
		fail=1
		grep -E 'ERROR|harness:|SUMMARY|Test unit written' \
		    "$out/logs/$n.log" | head -n 8 | sed 's/^/    /'
	fi
}

set -- "$@"
while [ $# -gt 0 ]; do
	batch=
	i=0
	while [ $# -gt 0 ] && [ $i -lt "$jobs" ]; do
		run_one "$1" &
		batch="$batch $1"
		i=$((i + 1))
		shift
	done
	wait
	for n in $batch; do
		report "$n"
	done
done
[ "$fail" = 0 ] || { echo "fuzz: a harness failed (see build/fuzz/logs)"; exit 1; }
