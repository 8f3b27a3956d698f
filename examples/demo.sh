#!/bin/sh
# demo.sh: run ipt on a copy of the bundled sample practice, so the
# examples stay clean.  Usage: sh examples/demo.sh ./ipt
set -eu
IPT=${1:-./ipt}
case $IPT in /*) ;; *) IPT=$(pwd)/$IPT ;; esac
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ipt-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
export IPT_TODAY=${IPT_TODAY:-2026-11-26}

run() {
	printf '\n$ ipt %s\n' "$*"
	"$IPT" "$@"
}

cp -R "$here/practice" "$work/practice"
chmod -R go-rwx "$work/practice"
cd "$work/practice"
echo "A copy of examples/practice is in $work/practice (removed at exit)."
echo "Today is pinned to $IPT_TODAY."
cd clients/ana
run session list
run focus history
echo
echo "Adding today's session to Ana's record:"
run session add --mood 6 --stress 4 --technique communication-analysis \
    --technique role-play --note 'Rehearsed asking her partner for help.'
run session show "$("$IPT" session list --format csv | tail -n 1 | cut -d, -f1)"
