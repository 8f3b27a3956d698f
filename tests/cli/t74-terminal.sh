#!/bin/sh
# t74-terminal.sh: record content and names never reach a terminal raw.
# Control characters (C0, DEL, C1), bidirectional overrides and isolates
# and U+2028/U+2029 are refused where text is entered and where a record
# file is read; a client directory named with an escape sequence or a
# newline (from a clone or a share) is shown escaped (\x1b, \n, \u202e)
# by every message and every table, so no output moves the cursor,
# recolours the screen, reorders a line or forges a line of its own.
. "$(dirname "$0")/lib.sh"

ESC=$(printf '\033')
CSI=$(printf '\302\233')		# U+009B
NEL=$(printf '\302\205')		# U+0085
RLO=$(printf '\342\200\256')		# U+202E
LRI=$(printf '\342\201\246')		# U+2066
LS=$(printf '\342\200\250')		# U+2028

# t_clean NAME FILE...: no file holds ESC, another C0 control but tab
# and newline, DEL, a C1 control, a bidi override or isolate, or U+2028/9.
t_clean() {
	T_name=$1
	shift
	if LC_ALL=C grep -q -e "$ESC" -e "$(printf '\177')" -e "$CSI" \
	    -e "$NEL" -e "$RLO" -e "$LRI" -e "$LS" \
	    -e "$(printf '[\001-\010\013-\037]')" "$@"; then
		{ echo "raw control in:"; cat -v "$@"; } > "$T_TMP/.out"
		t_report 1 "$T_name"
	else
		t_report 0 "$T_name"
	fi
}

# t_oneline NAME STATUS PATTERN CMD...: exits STATUS with exactly one
# line on stderr, matching PATTERN, and nothing raw in it.
t_oneline() {
	T_name=$1 T_want=$2 T_pat=$3
	shift 3
	"$@" > out 2> err
	T_rc=$?
	if [ "$T_rc" = "$T_want" ] && [ "$(wc -l < err)" = 1 ] &&
	    grep -q -e "$T_pat" err; then
		t_report 0 "$T_name"
	else
		{ echo "exit $T_rc (wanted $T_want), stderr:"; cat -v err; } \
		    > "$T_TMP/.out"
		t_report 1 "$T_name"
	fi
	t_clean "$T_name: stderr escaped" err
}

mkdir practice && : > practice/ipt.ini && cd practice || exit 1
t 'init' ipt init clients/ana --name 'Ana M.' --therapist 'Dr R'
cd clients/ana || exit 1
t 'a session' ipt session add --mood 3 --note 'first'
snap .

# Entry: every kind of hostile character refused in each kind of text.
for c in "$ESC" "$CSI" "$NEL" "$RLO" "$LRI" "$LS"; do
	name=$(printf '%s' "$c" | od -An -tx1 | tr -d ' ')
	t_oneline "session --note refuses $name" 2 'note' \
	    ipt session add --note "a${c}b"
	t_oneline "goal add refuses $name" 2 '' ipt goal add "goal ${c}x"
done
t_oneline 'relapse add refuses U+202E' 2 '' \
    ipt relapse add --kind action "call ${RLO}Sam"
t_oneline 'inventory add refuses U+009B' 2 '' \
    ipt inventory add --relationship "partner${CSI}" Sam
t_oneline 'event add refuses U+2028' 2 '' \
    ipt event add --date 2026-11-01 "moved${LS}house"
t_oneline 'risk review refuses U+0085' 2 '' \
    ipt risk review --note "seen${NEL}"
t_oneline 'focus set --note refuses U+2066' 2 '' \
    ipt focus set grief --note "x${LRI}y"
t_oneline 'init --name refuses U+202E' 2 'name' \
    ipt init ../bea --name "Bea${RLO}"
t 'a refused init makes nothing' test ! -e ../bea
t_unchanged 'refused entries change nothing' .
HEB=$(printf '\327\251\327\234\327\225\327\235 \342\200\217')	# and U+200F
t 'text with Hebrew and a right-to-left mark is kept' \
    ipt goal add "goal $HEB ok"

# Messages echo what was typed, escaped.
t_oneline 'a bad --date is echoed escaped' 2 \
    "'\\\\x1b\\[2J' is not a valid date" \
    ipt session add --date "${ESC}[2J"
t_oneline 'an unknown verb is echoed escaped' 2 'x\\x1b\[31m' \
    ipt session "x${ESC}[31m"
t_oneline 'an unknown command is echoed escaped' 2 'y\\x1b' ipt "y${ESC}"
t_oneline '-C of a hostile path is echoed escaped' 2 'no\\nerror: x' \
    ipt -C "$(printf 'no\nerror: x')" status

# Files: a hand edit adding a hostile character is refused when read,
# with one line naming the file, line and field.
cp sessions.csv ../sessions.keep
sed "s/first/fi${RLO}rst/" ../sessions.keep > sessions.csv
t_oneline 'a U+202E in sessions.csv is refused when read' 1 \
    'sessions.csv:2: field 11' ipt session list
t_oneline 'status refuses it too' 1 'sessions.csv:2' ipt status
ipt check . > out 2>&1
t_grep 'check names the file, line and field' \
    'sessions.csv:2: .*field 11' out
t_clean 'check prints it escaped' out
sed "s/first/fi${CSI}rst/" ../sessions.keep > sessions.csv
t_oneline 'a C1 control in sessions.csv is refused when read' 1 \
    'sessions.csv:2' ipt session list
cp ../sessions.keep sessions.csv
cp client.ini ../client.keep
sed "s/Ana M\./Ana${LS}M./" ../client.keep > client.ini
t_oneline 'a U+2028 in client.ini is refused when read' 1 'client.ini:' \
    ipt status
cp ../client.keep client.ini
cd ../.. || exit 1

# Client directories named with an escape sequence and a newline.
evil=$(printf 'clients/ev\033[31mil')
forged=$(printf 'clients/nl\nerror: forged')
bidi="clients/ab${RLO}cd"
for d in "$evil" "$forged" "$bidi"; do
	cp -R clients/ana "$d"
done
# A finding in each, so that check names them.
for d in "$evil" "$forged" "$bidi"; do
	printf 'extra\n' > "$d/timeline.csv"
done
ipt check . > out 2> err
t_clean 'check: stdout escaped' out
t_clean 'check: stderr escaped' err
t_grep 'check names the ESC directory escaped' \
    '^clients/ev\\x1b\[31mil/timeline.csv' out
t_grep 'check names the newline directory escaped' \
    '^clients/nl\\nerror: forged/timeline.csv' out
t_grep 'check names the RLO directory escaped' \
    '^clients/ab\\u202ecd/timeline.csv' out
t 'check: no forged line' sh -c '! grep -q "^error: forged" out'
for d in "$evil" "$forged" "$bidi"; do
	rm "$d/timeline.csv"
done
for f in table csv tsv json; do
	ipt ls . --format $f > out 2> err
	t_clean "ls --format $f: escaped" out err
	t "ls --format $f: no forged line" \
	    sh -c '! grep -q "^error: forged" out'
done
ipt ls . --format json > out
t 'ls --format json is valid JSON' jq -e 'length == 4' out
t 'ls --format json keeps the path exactly' \
    jq -e --arg p "$forged" '[.[].path] | index($p) != null' out
ipt ls . --format csv > out
t_grep 'ls --format csv: the path escaped' 'clients/ev\\x1b\[31mil,1$' out
t_grep 'ls --format csv: a newline in a path escaped' \
    'clients/nl\\nerror: forged,1$' out
ipt ls . --format tsv > out
t_grep 'ls --format tsv: the path escaped' 'clients/nl\\nerror: forged	1$' out
for f in text tsv json; do
	ipt remind . --format $f > out 2> err
	t_clean "remind --format $f: escaped" out err
done
ipt export --format csv . > out 2> err
t_clean 'export --format csv: escaped' out err
ipt export --format json . > out 2> err
t_clean 'export --format json: escaped' out err
# A message naming the directory: a broken file in it.
printf 'number\n' > "$evil/sessions.csv"
ipt ls . > out 2> err
t_clean 'ls: a message naming the directory escaped' out err
t_grep 'ls: the message names it' 'clients/ev\\x1b\[31mil/sessions.csv' err
t_oneline 'status -C the directory: one line' 1 'sessions.csv:1' \
    ipt -C "$evil" status
finish
