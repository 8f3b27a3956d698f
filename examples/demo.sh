#!/bin/sh
# demo.sh: run ipt on a copy of the bundled sample practice, so the
# examples stay clean.  Usage: sh examples/demo.sh ./ipt
#
# The practice (examples/practice, built by examples/make-practice.sh and
# described in examples/README.md) holds ten fictional clients.  The demo
# checks it, lists it, shows what is due, looks at two clients, records a
# session and a risk review, and prints the end of a termination report.
set -eu
IPT=${1:-./ipt}
case $IPT in /*) ;; *) IPT=$(pwd)/$IPT ;; esac
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ipt-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
export IPT_TODAY=${IPT_TODAY:-2026-11-26}

# run ARGS: show the command, quoted where needed, then run it.
run() {
	printf '\n$ ipt'
	for a; do
		case $a in
		''|*[!A-Za-z0-9_./:=-]*) printf " '%s'" "$a" ;;
		*) printf ' %s' "$a" ;;
		esac
	done
	printf '\n'
	"$IPT" "$@"
}

# has COMMAND: this ipt has the command (some arrive later than others).
has() {
	"$IPT" --help 2>&1 | grep -q "^ *$1 "
}

cp -R "$here/practice" "$work/practice"
chmod -R go-rwx "$work/practice"
cd "$work/practice"
echo "A copy of examples/practice is in $work/practice (removed at exit)."
echo "Today is pinned to $IPT_TODAY; examples/README.md describes the clients."

echo
echo "Every record and the fidelity to each variant's protocol:"
run check 2>&1
if has ls; then
	run ls
fi
if has remind; then
	run remind
fi

echo
echo "Lía's PHQ-A at her last session was positive on item 9:"
run -C clients/lia status
echo
echo "Inés finished acute IPSRT and is in monthly maintenance:"
run -C clients/ines status

echo
echo "Ana's session of today, with her PHQ-9 and WSAS:"
run -C clients/ana session add --mood 6 --stress 4 --duration 50 \
    --technique communication-analysis --technique role-play \
    --note 'Rehearsed asking Marco for Thursday evenings.'
run -C clients/ana measure add phq9 2 1 1 1 1 1 1 1 0
run -C clients/ana measure add wsas 3 4 3 2 3

echo
echo "Dr. Chen phones Lía and her mother, and records the review:"
run -C clients/lia risk review --note 'Phoned Lía and her mother: passive thoughts after the group chat, no plan or intent; safety plan reviewed; seen Monday.'

if has report; then
	echo
	echo "Omar's therapy ended in July; the end of his termination report:"
	printf '\n$ ipt -C clients/omar report | sed -n %s\n' \
	    "'/^Termination summary/,/^Session log/p'"
	"$IPT" -C clients/omar report | sed -n '/^Termination summary/,/^Session log/p' |
	    sed '$d'
fi
