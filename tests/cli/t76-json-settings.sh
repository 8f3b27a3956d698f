#!/bin/sh
# t76-json-settings.sh: JSON output is escaped fully (the controls RFC
# 8259 names, and DEL, C1 controls, bidi overrides, U+2028/U+2029 and
# bytes that are not UTF-8, so that raw JSON is safe on a terminal and in
# JavaScript, and always parses); a broken ipt.ini at the practice root
# and a path that cannot be read are each reported by one clear line.
. "$(dirname "$0")/lib.sh"

RLO=$(printf '\342\200\256')
CSI=$(printf '\302\233')
LS=$(printf '\342\200\250')

mkdir practice && : > practice/ipt.ini && cd practice || exit 1
t 'init' ipt init clients/ana --name 'Ana M.' --therapist 'Dr R'
t 'a session' ipt -C clients/ana session add --mood 3 --note 'a "q" \ b'
# Directories named with what a record may not hold.
for d in "clients/r${RLO}l" "clients/c${CSI}1" "clients/l${LS}s" \
    "clients/x$(printf '\377')y" "clients/d$(printf '\177')e"; do
	cp -R clients/ana "$d"
done
ipt ls . --format json > out 2> err
t 'ls --format json: exit 0' test ! -s err
t 'ls --format json parses' jq -e 'length == 6' out
t 'ls --format json: no raw U+202E, U+009B, U+2028, DEL or 0xff' \
    sh -c "! LC_ALL=C grep -q -e '$RLO' -e '$CSI' -e '$LS' \
    -e '$(printf '\177')' -e '$(printf '\377')' out"
t_grep 'U+202E as \u202e' 'clients/r\\u202el' out
t_grep 'U+009B as \u009b' 'clients/c\\u009b1' out
t_grep 'U+2028 as \u2028' 'clients/l\\u2028s' out
t_grep 'DEL as \u007f' 'clients/d\\u007fe' out
t_grep 'a byte not UTF-8 as \ufffd' 'clients/x\\ufffdy' out
t 'the escapes read back exactly' \
    jq -e --arg p "clients/r${RLO}l" '[.[].path] | index($p) != null' out
ipt remind . --format json > out 2> err
t 'remind --format json parses' jq -e 'length > 0' out
ipt export --format json . > out 2> err
t 'export --format json parses' jq -e . out
ipt -C clients/ana session list --format json > out
t 'quotes and backslashes round-trip' jq -e '.[0].note == "a \"q\" \\ b"' out
for d in "clients/r${RLO}l" "clients/c${CSI}1" "clients/l${LS}s" \
    "clients/x$(printf '\377')y" "clients/d$(printf '\177')e"; do
	rm -r "$d"
done

# A broken ipt.ini: check says so in one line, and exits 1.
snap clients/ana
printf '[remind]\nwithin = "soon"\n' > ipt.ini
ipt check . > out 2> err
t 'check: a bad [remind] value: exit 1' test $? = 1
t 'check: one line (and the summary)' sh -c "[ \$(wc -l < err) = 2 ]"
t_grep 'check: the line names the file and key' \
    '^ipt: .*ipt.ini: \[remind\] within' err
printf 'not a setting\n' > ipt.ini
ipt check . > out 2> err
t 'check: a syntax error: exit 1' test $? = 1
t_grep 'check: it names the file and line' '^ipt: .*ipt.ini:1: ' err
t 'check: said once per practice' \
    sh -c "[ \$(grep -c 'ipt.ini:1' err) = 1 ]"
ipt check -q . > out 2> err
t 'check -q: still said' grep -q 'ipt.ini:1' err
t_fail 1 'ls: a broken ipt.ini fails' ipt ls .
t_grep 'ls: one line naming it' '^ipt: .*ipt.ini:1: ' "$T_TMP/.out"
# A write does not guess the settings (author, autocommit) it cannot read.
t_fail 1 'session add: a broken ipt.ini fails' ipt -C clients/ana session add
t_grep 'session add: one line naming it, nothing changed' \
    '^ipt: .*ipt.ini:1: .*; nothing changed' "$T_TMP/.out"
t_fail 1 'init: a broken ipt.ini fails too' ipt init clients/new
t 'and makes no directory' test ! -e clients/new
: > ipt.ini
t 'check: a good ipt.ini is silent' ipt check .
t_unchanged 'nothing written' clients/ana

# A path that cannot be read: one line naming it, exit 1.
t_fail 1 'ls of a missing path' ipt ls nowhere
ipt ls nowhere > out 2> err
t 'one line naming it' sh -c "[ \$(wc -l < err) = 1 ] && grep -q nowhere err"
t_fail 1 'check of a missing path' ipt check nowhere
t_grep 'check names it' '^ipt: nowhere: ' "$T_TMP/.out"
: > plainfile
t_fail 1 'remind of a plain file' ipt remind plainfile
t_grep 'remind names it' 'plainfile' "$T_TMP/.out"
t_fail 1 'status in a directory that is not a client' ipt -C .. status
ipt -C .. status > out 2> err
t 'one line' sh -c "[ \$(wc -l < err) = 1 ]"
finish
