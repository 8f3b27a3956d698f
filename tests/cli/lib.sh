# lib.sh: helpers for the end-to-end tests (POSIX sh, TAP output).
#
# Each script sources this file, then calls t 'name' COMMAND... for each
# check.  $IPT is the binary under test.  Run one script from the top of
# the source tree: IPT=$PWD/ipt sh tests/cli/t11-session.sh.  Every
# script runs in its own temporary directory, removed at exit unless a
# check failed or the script exited non-zero (or IPT_KEEP is set): then
# it is kept, and its path printed last ("# kept DIR").  Helpers:
#   t NAME CMD...          ok if CMD exits 0
#   t_fail N NAME CMD...   ok if CMD exits exactly N (not a crash)
#   t_same NAME FILE1 FILE2   ok if the files are identical (diff shown)
#   snap DIR / t_unchanged NAME DIR   record and compare every file's bytes
#   finish                 print the plan; exit status says if all passed
set -u
: "${IPT:?IPT must name the ipt binary}"
case $IPT in /*) ;; *) IPT=$(pwd)/$IPT ;; esac
export IPT_TODAY=2026-11-26 LC_ALL=C.UTF-8 TZ=UTC
# The time history.csv stamps changes with, and so its ids: the same each run.
export IPT_NOW=2026-11-26T12:00:00Z
unset IPT_AUTHOR || true
unset IPT_TEST_FAULT EDITOR VISUAL COLUMNS || true
T_N=0
T_FAIL=0
T_SRC=$(pwd)		# the source tree: tests run from its root
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ipt-test.XXXXXX")

# At exit: remove the temporary directory, or keep it to look into.
t_exit() {
	T_rc=$1
	if [ "$T_rc" != 0 ] || [ "$T_FAIL" != 0 ] || [ -n "${IPT_KEEP:-}" ]; then
		echo "# kept $T_TMP"
	else
		cd / && rm -rf "$T_TMP"
	fi
	exit "$T_rc"
}
trap 't_exit $?' EXIT
cd "$T_TMP" || exit 1

ipt() { "$IPT" "$@"; }

t_report() {
	T_N=$((T_N + 1))
	if [ "$1" = 0 ]; then
		echo "ok $T_N - $2"
	else
		T_FAIL=$((T_FAIL + 1))
		echo "not ok $T_N - $2"
		[ -s "$T_TMP/.out" ] && sed 's/^/#   /' "$T_TMP/.out" | head -n 20
	fi
	return 0
}

t() {
	T_name=$1; shift
	"$@" > "$T_TMP/.out" 2>&1
	t_report $? "$T_name"
}

# t_fail STATUS NAME CMD...: the command must exit with STATUS.
t_fail() {
	T_want=$1; T_name=$2; shift 2
	"$@" > "$T_TMP/.out" 2>&1
	T_rc=$?
	if [ "$T_rc" = "$T_want" ]; then
		t_report 0 "$T_name"
	else
		echo "exit status $T_rc, wanted $T_want" >> "$T_TMP/.out"
		t_report 1 "$T_name"
	fi
}

t_same() {
	diff -u "$2" "$3" > "$T_TMP/.out" 2>&1
	t_report $? "$1"
}

# t_grep NAME PATTERN FILE: the file holds a line matching PATTERN.
t_grep() {
	if grep -q -e "$2" "$3"; then
		t_report 0 "$1"
	else
		{ echo "no line matches: $2"; cat "$3"; } > "$T_TMP/.out"
		t_report 1 "$1"
	fi
}

# snap DIR: remember every record file (CSV, INI, notes, hidden temporary
# files included) with its bytes and mode, to compare later.
snap_list() {
	( cd "$1" && find . \( -name '*.csv' -o -name '*.ini' -o -name '*.md' \
	    -o -name '.*.tmp.*' \) -type f | LC_ALL=C sort |
	    while read -r f; do
		printf '%s %s  %s\n' "$(stat -c %a "$f")" \
		    "$(sha256sum < "$f" | cut -d' ' -f1)" "$f"
	    done )
}

snap() {
	snap_list "$1" > "$T_TMP/.snap"
}

# t_unchanged NAME DIR: every record file is as snap saw it.
t_unchanged() {
	snap_list "$2" > "$T_TMP/.snap2"
	diff -u "$T_TMP/.snap" "$T_TMP/.snap2" > "$T_TMP/.out" 2>&1
	t_report $? "$1"
}

finish() {
	echo "1..$T_N"
	[ "$T_FAIL" = 0 ]
}
