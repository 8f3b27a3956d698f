#!/bin/sh
# t95-list.sh: ipt --list-cmds and --list-opts, read from the command
# table, and the table against the usage lines that --help prints.
. "$(dirname "$0")/lib.sh"

# t_lines NAME EXPECTED CMD...: CMD exits 0 printing exactly the words of
# EXPECTED, one a line, in that order.
t_lines() {
	l_name=$1; l_want=$2; shift 2
	if "$@" > got.txt 2> err.txt && [ ! -s err.txt ] &&
	    [ "$(cat got.txt)" = "$(printf '%s\n' $l_want)" ]; then
		t_report 0 "$l_name"
	else
		{ echo "got:"; cat got.txt err.txt; echo "want: $l_want"; } \
		    > "$T_TMP/.out"
		t_report 1 "$l_name"
	fi
}

# t_err NAME STATUS CMD...: CMD exits STATUS, prints nothing on standard
# output and exactly one line on standard error.
t_err() {
	e_name=$1; e_want=$2; shift 2
	"$@" > out.txt 2> err.txt
	e_rc=$?
	if [ "$e_rc" = "$e_want" ] && [ ! -s out.txt ] &&
	    [ "$(wc -l < err.txt)" -eq 1 ]; then
		t_report 0 "$e_name"
	else
		{ echo "exit $e_rc, wanted $e_want"; cat out.txt err.txt; } \
		    > "$T_TMP/.out"
		t_report 1 "$e_name"
	fi
}

t_lines 'ipt --list-cmds' 'check erase event export focus formulation goal help history init inventory
    ls measure outcomes plan relapse remind report risk schedule session status sync' \
    ipt --list-cmds
t_lines 'the commands of --list-cmds are those of --help' \
    "$(ipt --help | awk '/^commands:/ { on = 1; next }
    on && /^   [a-z]/ { print $1 }')" ipt --list-cmds
t_lines 'the verbs of a command, then its options' \
    'add addenda addendum appointments cancel edit list move note plan private rm show sign --help' ipt --list-opts session
t_lines 'the options of a verb, = for a value' \
    '--format= --help' ipt --list-opts 'session list'
t_lines 'the verb as a second argument' \
    '--format= --help' ipt --list-opts session list
t_lines 'an option without a value has no =' \
    '--all --format= --help' ipt --list-opts risk list
t_lines 'a command without verbs' \
    '--count= --format= --help --names --no-names' ipt --list-opts schedule
t_lines 'help takes no option' '' ipt --list-opts help
t_lines 'after -C' 'add list --help' ipt -C . --list-opts event
t_err 'an unknown command: exit 2, one line' 2 ipt --list-opts bogus
t_grep 'it is named' "'bogus' is not an ipt command" err.txt
t_err 'an unknown verb: exit 2, one line' 2 ipt --list-opts 'session bogus'
t_grep 'the verbs are named' 'try one of: add addenda addendum appointments cancel edit list move note plan private rm show sign' err.txt
t_err 'a verb of a command without verbs: exit 2' 2 \
    ipt --list-opts 'status now'
t_fail 2 'too many words: exit 2' ipt --list-opts session add more
t_fail 2 '--list-opts needs a command' ipt --list-opts

# Every option the table gives a command or verb is in its usage, and
# every option of its usage is in the table of that command or verb (a
# verb's usage line starts "ipt CMD VERB"; "options of add" refers).
for c in $(ipt --list-cmds); do
	[ "$c" = help ] && continue
	ipt "$c" --help > usage.txt
	verbs=$(ipt --list-opts "$c" | grep -v '^-')
	for v in ${verbs:-.}; do
		key=$c
		[ "$v" = . ] || key="$c $v"
		ipt --list-opts "$key" | grep '^--' | sed 's/=$//' |
		    grep -vx -- --help | sort -u > table.txt
		awk -v cmd="$c" -v verb="$v" '
		    { sub(/^usage: /, ""); sub(/^ +/, "") }
		    $1 == "ipt" && $2 == cmd { mine = verb == "." || $3 == verb }
		    mine { s = $0
			while (match(s, /--[a-z][a-z-]*/)) {
			    print substr(s, RSTART, RLENGTH)
			    s = substr(s, RSTART + RLENGTH) } }
		    mine && /options of add/ { print "REF" }' usage.txt |
		    sort -u > named.txt
		if grep -qx REF named.txt; then
			grep -vx REF named.txt > n.txt
			ipt --list-opts "$c add" | sed 's/=$//' |
			    grep -vx -- --help >> n.txt
			sort -u n.txt > named.txt
		fi
		if cmp -s table.txt named.txt; then
			t_report 0 "the usage of ipt $key names its table's options"
		else
			diff table.txt named.txt > "$T_TMP/.out"
			t_report 1 "the usage of ipt $key names its table's options"
		fi
	done
done
finish
