#!/bin/sh
# t90-completion.sh: the bash completion, cmd/ipt.bash.
#
# comp WORD... runs the completion function with COMP_WORDS set to the
# words (the last one is being completed) and prints the candidates, one
# per line.  The first word is the binary under test, so the completion
# asks it, not an installed ipt, for the commands and the records.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

if ! command -v bash > /dev/null 2>&1; then
	echo "ok 1 # SKIP bash is not installed"
	finish
	exit 0
fi

comp() {
	bash -c 'source "$1" || exit 1; shift
	    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ipt
	    ((${#COMPREPLY[@]} == 0)) || printf "%s\n" "${COMPREPLY[@]}"' \
	    bash "$ROOT/cmd/ipt.bash" "$IPT" "$@" | LC_ALL=C sort
}

# t_comp NAME EXPECTED WORD...: the candidates are exactly EXPECTED.
t_comp() {
	name=$1; want=$2; shift 2
	got=$(comp "$@" | tr '\n' ' ' | sed 's/ $//')
	want=$(printf '%s\n' $want | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
	if [ "$got" = "$want" ]; then
		t_report 0 "$name"
	else
		printf 'got:  %s\nwant: %s\n' "$got" "$want" > "$T_TMP/.out"
		t_report 1 "$name"
	fi
}

# t_offers NAME WORD... -- CANDIDATE...: every candidate is offered.
t_offers() {
	o_name=$1; shift
	o_words=
	while [ "$1" != -- ]; do
		o_words="$o_words '$(printf '%s' "$1" | sed "s/'/'\\\\''/g")'"
		shift
	done
	shift
	eval "comp $o_words" > "$T_TMP/.got"
	o_missing=
	for o_c in "$@"; do
		grep -qxF -e "$o_c" "$T_TMP/.got" || o_missing="$o_missing $o_c"
	done
	if [ -z "$o_missing" ]; then
		t_report 0 "$o_name"
	else
		{ echo "not offered:$o_missing"; echo "offered:"; cat "$T_TMP/.got"; } \
		    > "$T_TMP/.out"
		t_report 1 "$o_name"
	fi
}

t 'the completion loads in bash' bash -c \
    'source "$1" && complete -p ipt | grep -q _ipt' bash "$ROOT/cmd/ipt.bash"

# The commands of the binary's table.
cmds=$("$IPT" --list-cmds)
t 'ipt --list-cmds names the commands' test -n "$cmds"
t_offers 'every command is completed' '' -- $cmds
t_comp 'global options' '-C --today --help --version' -
t_comp 'verbs of session' 'add addenda addendum appointments cancel edit list move note plan private rm show sign' session ''
t_comp 'a verb from its prefix' 'add addenda addendum appointments' session a
t_comp 'an option from its prefix' '--kind' session add --k
t_comp 'session kinds' 'individual conjoint parent group maintenance' \
    session add --kind ''
t_comp 'a value after --option=' 'conjoint' session add --kind = con
# Inside a client: the kinds its variant allows.
: > ipt.ini
ipt init std > /dev/null && ipt init teen --variant adolescent > /dev/null
t_comp 'a standard client: no parent sessions' 'individual conjoint maintenance' \
    -C std session add --kind ''
t_comp 'an adolescent client: parent sessions' \
    'individual parent conjoint maintenance' -C teen session edit 1 --kind ''
t 'ipt --list-kinds prints the variant kinds' sh -c \
    'cd teen && [ "$("$IPT" --list-kinds | tr "\n" " ")" = "individual parent conjoint maintenance " ]'
t_fail 1 'ipt --list-kinds outside a client: exit 1' ipt --list-kinds
t_comp 'attendance' 'attended cancelled no-show' session add --attendance ''
t_comp 'techniques' 'role-play' session add --technique role
t_comp 'a repeatable option is offered again' '--technique' \
    session add --technique role-play --tech
t_comp 'a given option is not offered again' '' session add --mood 3 --mo
t_comp 'formats of session show' 'text json' session show --format ''
t_comp 'problem areas' \
    'grief role-dispute role-transition interpersonal-deficits lost-healthy-self' \
    focus set ''
t_comp 'variants' 'brief bipolar' init --variant b
t_comp 'instruments of measure add' 'phq9 phqa' measure add ph
t_comp 'event kinds' 'loss transition dispute isolation symptom other' \
    event add --kind ''
t_comp 'relapse-plan kinds' 'warning-sign action contact' relapse add --kind ''
t_comp 'the date of --today for --date' '2026-11-26' session add --date ''
t_offers 'help offers the commands and files' help '' -- session files

mkdir -p somedir/inner practice/variants practice/c
t_comp '-C completes directories' 'somedir' -C so
t_comp 'init completes directories' 'somedir/inner' init somedir/i
: > practice/ipt.ini
: > practice/variants/local-ipt.ini
t_comp "a practice's own variant" 'local-ipt' -C practice/c init --variant lo

mkdir bin
printf '#!/bin/sh\necho hello\n' > bin/ipt-hello
chmod +x bin/ipt-hello
oldpath=$PATH
PATH="$T_TMP/bin:$PATH"
t_offers 'ipt-NAME on PATH is a command' '' -- hello
PATH=$oldpath

ipt init ana --start 2026-11-02 > /dev/null
ipt -C ana session add --date 2026-11-02 > /dev/null
ipt -C ana session add --date 2026-11-09 > /dev/null
t_comp 'session numbers of the client in hand' '1 2' -C ana session show ''
snap ana
comp -C ana session rm '' > /dev/null
t_unchanged 'completion writes nothing' ana

# Every verb and option that ipt --list-opts names (the table that the
# option parser uses) is completed, and an option that takes no value
# does not swallow the next word.
for c in $cmds; do
	verbs=$("$IPT" --list-opts "$c" | grep -v '^-')
	if [ -n "$verbs" ]; then
		t_offers "verbs of $c" "$c" '' -- $verbs
	fi
	for v in $verbs ''; do
		[ -n "$v" ] || [ -z "$verbs" ] || continue
		key=$(echo "$c $v" | sed 's/ $//')
		opts=$("$IPT" --list-opts "$key" | grep '^-' | sed 's/=$//')
		[ -n "$opts" ] || continue
		t_offers "options of $key" $key - -- $opts
	done
done
t_comp 'a flag takes no value' '--format' risk list --all --f
t_comp 'an option with a value takes the next word' '' \
    risk review --note --d
t_comp 'a command ipt does not know has no options' '' bogus -
finish
