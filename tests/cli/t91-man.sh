#!/bin/sh
# t91-man.sh: the manual pages lint clean, and every command has one.
#
# Every man/*.1 and man/*.5 must make `mandoc -Tlint -Wwarning' print
# nothing (references to pages that do not exist yet are only STYLE
# notes, which -Wwarning leaves out).  Every command of the binary's
# table (ipt --list-cmds) must have its page man/ipt-NAME.1 (help is
# described in ipt(1)) and a line in the command list of ipt(1); the page
# must name each verb (as Cm VERB) and each long option (as Fl \-NAME) of
# the command and its verbs that ipt --list-opts lists (--help is
# described in ipt(1)).
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

if ! command -v mandoc > /dev/null 2>&1; then
	echo "not ok 1 - mandoc is not installed (make deps installs it)"
	finish
	exit 1
fi

for page in "$ROOT"/man/*.1 "$ROOT"/man/*.5; do
	[ -f "$page" ] || continue
	name=${page#"$ROOT"/}
	(cd "$ROOT" && mandoc -Tlint -Wwarning "$name") > lint.out 2>&1
	if [ -s lint.out ]; then
		cp lint.out "$T_TMP/.out"
		t_report 1 "mandoc -Tlint -Wwarning $name prints nothing"
	else
		t_report 0 "mandoc -Tlint -Wwarning $name prints nothing"
	fi
	# The title must match the file: .Dt IPT-SESSION 1 for ipt-session.1.
	base=${name#man/}
	want=$(printf '%s %s' "${base%.*}" "${base##*.}" | tr a-z A-Z)
	t "$name has .Dt $want" grep -qx ".Dt $want" "$page"
done

# t_documents PAGE KEY: PAGE names every option of KEY ("cmd [verb]").
t_documents() {
	d_missing=
	for d_o in $("$IPT" --list-opts "$2" | sed -n 's/=$//; s/^--//p'); do
		[ "$d_o" = help ] && continue
		grep -q "Fl \\\\-$d_o\( \|$\)" "$1" || d_missing="$d_missing --$d_o"
	done
	if [ -z "$d_missing" ]; then
		t_report 0 "${1##*/} documents the options of ipt $2"
	else
		echo "not documented:$d_missing" > "$T_TMP/.out"
		t_report 1 "${1##*/} documents the options of ipt $2"
	fi
}

cmds=$("$IPT" --list-cmds)
t 'ipt --list-cmds names the commands' test -n "$cmds"
for c in $cmds; do
	t "ipt(1) lists ipt $c" grep -q "^\.It Cm $c\( \|$\)" "$ROOT/man/ipt.1"
	[ "$c" = help ] && continue
	page=$ROOT/man/ipt-$c.1
	t "ipt $c has a page man/ipt-$c.1" test -f "$page"
	[ -f "$page" ] || continue
	verbs=$("$IPT" --list-opts "$c" | grep -v '^-')
	for v in $verbs; do
		t "ipt-$c.1 names the verb $v" grep -q "Cm $v\( \|$\)" "$page"
		t_documents "$page" "$c $v"
	done
	[ -n "$verbs" ] || t_documents "$page" "$c"
done
t 'ipt(1) documents --list-cmds' grep -q 'Fl \\-list\\-cmds' "$ROOT/man/ipt.1"
t 'ipt(1) documents --list-opts' grep -q 'Fl \\-list\\-opts' "$ROOT/man/ipt.1"
t 'the file formats have a page' test -f "$ROOT/man/ipt-files.5"

# ipt help NAME shows the page, where man(1) can find pages by MANPATH.
mkdir -p mp/man1 mp/man5
cp "$ROOT"/man/*.1 mp/man1/
cp "$ROOT"/man/*.5 mp/man5/
if command -v man > /dev/null 2>&1 &&
    MANPATH="$T_TMP/mp" man -w ipt-session > /dev/null 2>&1; then
	MANPATH="$T_TMP/mp" MANPAGER=cat PAGER=cat MANWIDTH=80 \
	    ipt help session > help.out 2>&1
	t_grep 'ipt help session shows ipt-session(1)' 'ipt session add' help.out
	MANPATH="$T_TMP/mp" MANPAGER=cat PAGER=cat MANWIDTH=80 \
	    ipt help files > help.out 2>&1
	t_grep 'ipt help files shows ipt-files(5)' 'sessions.csv' help.out
fi
finish
