#!/bin/sh
# t59-seal.sh: the seal of history.csv (lib/seal.h, issue 13).
#
# Every write that leaves the records as their history says ends
# history.csv with one seal line; ipt check then skips comparing the
# records with the history.  Whatever changes a byte of the history
# before the seal, puts a line after it, or changes a record file, a
# note or client.ini outside ipt makes check compare in full and report
# as it did before (its output equal to that of IPT_TEST_FAULT=noseal,
# which reads every history as unsealed).  Two clones that each sealed,
# merged by git: the removed row the merge brings back is still reported
# and repaired.  IPT_TEST_FAULT=seal makes check say which histories it
# verified by their seal.
. "$(dirname "$0")/lib.sh"
command -v git > /dev/null || { echo "ok 1 - # SKIP no git"; echo 1..1; exit 0; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org \
    GIT_CONFIG_NOSYSTEM=1 HOME=$T_TMP IPT_NOW=2026-11-26T09:00:00Z \
    IPT_TODAY=2026-11-26
git config --global init.defaultBranch main

# verified DIR: check took the seal (its stderr says so)
verified() {
	IPT_TEST_FAULT=seal "$IPT" check "$1" > /dev/null 2> seal.err
	grep -q "history.csv verified by its seal" seal.err
}
# as_before NAME DIR: check compared in full, and says what it said
# without seals.
as_before() {
	IPT_TEST_FAULT=seal "$IPT" check "$2" > sealed.out 2> seal.err
	IPT_TEST_FAULT=noseal "$IPT" check "$2" > full.out 2> /dev/null
	if grep -q "verified by its seal" seal.err; then
		echo "check took the seal" > "$T_TMP/.out"
		t_report 1 "$1"
	else
		t_same "$1" full.out sealed.out
	fi
}
seals() { grep -c '^seal,' "$1/history.csv"; }
last_is_seal() { tail -n 1 "$1/history.csv" | grep -q '^seal,,,,,,seal,,xh128,[0-9a-f]\{32\};[0-9a-f]\{32\}$'; }

mkdir p
: > p/ipt.ini
ipt init p/ana --start 2026-09-01 > /dev/null
(cd p/ana && ipt session add --date 2026-09-01 --mood 4 > /dev/null &&
    IPT_NOW=2026-11-26T09:01:00Z ipt session add --date 2026-09-08 > /dev/null &&
    EDITOR='printf "talked about work\n" >' ipt session note 1 > /dev/null &&
    IPT_NOW=2026-11-26T09:02:00Z ipt relapse add --kind action 'Call Sofía' > /dev/null)
t 'every write ends history.csv with a seal' last_is_seal p/ana
t 'one seal in the file, however many writes' test "$(seals p/ana)" = 1
t 'check verifies a sealed client by its seal' verified p/ana
ipt check p/ana > out 2>&1
IPT_TEST_FAULT=noseal ipt check p/ana > full 2>&1
t_same 'and says what the full comparison says' full out
for f in text json; do
	(cd p/ana && ipt history --format $f) > h.$f
	t "ipt history --format $f never shows the seal" sh -c \
	    '! grep -q "seal\|xh128" h.'$f
done

# A write changes the last line and adds its own: git diff shows the old
# seal removed, the history does not grow by a seal a write.
(cd p && git init -q && git add -A && git commit -qm base)
(cd p/ana && IPT_NOW=2026-11-26T09:03:00Z ipt session edit 2 --mood 7 > /dev/null)
(cd p && git diff --numstat -- ana/history.csv) > ns
t_grep 'a write: one line removed (the seal), its entry and a seal added' '^2	1	ana/history.csv$' ns
t 'still one seal' test "$(seals p/ana)" = 1
(cd p && git commit -qam edit)

# Hand edits: check compares in full, and reports as before.
cp -R p/ana h1
sed -i 's/^2,2026-09-08,individual,attended,,initial,,,7,/2,2026-09-08,individual,attended,,initial,,,8,/' h1/sessions.csv
t 'a record file changed by hand (the test changed it)' grep -q ',,8,,$' h1/sessions.csv
as_before 'a record file changed by hand: the full comparison' h1
t_grep 'which reports it' 'session 2: changed outside ipt' sealed.out
cp -R p/ana h2
printf 'talked about home\n' > h2/notes/0001.md
as_before 'a note changed by hand: the full comparison' h2
t_grep 'which reports it' 'notes/0001.md: warning: not the note the history holds' sealed.out
cp -R p/ana h3
sed -i 's/^name = .*/name = "Ana M."/' h3/client.ini
t 'client.ini changed by hand (the test changed it)' grep -q 'Ana M' h3/client.ini
as_before 'client.ini changed by hand: the full comparison' h3
cp -R p/ana h4
sed -i 's/,mood,7$/,mood,9/' h4/history.csv
t 'a line of history.csv changed before the seal (the test changed it)' grep -q ',mood,9$' h4/history.csv
as_before 'a line of the history changed before its seal: the full comparison' h4
t_grep 'which reports the record the history no longer has' 'session 2: changed outside ipt' sealed.out
cp -R p/ana h5
grep ',mood,7$' h5/history.csv | sed 's/^[0-9a-f]\{4\}/beef/; s/,mood,7$/,mood,3/' >> h5/history.csv
t 'a line appended after the seal (the test appended it)' sh -c '! tail -n 1 h5/history.csv | grep -q ^seal'
as_before 'a line after the seal: the full comparison' h5
t_grep 'which reports the change' 'sessions.csv' sealed.out
cp -R p/ana h6
sed -i '$ s/;\(.\)/;f\1/; $ s/.$//' h6/history.csv
t 'a seal whose state hash is wrong (the test changed it)' last_is_seal h6
as_before 'a seal with a wrong hash: the full comparison' h6
t 'which finds nothing: the records are fine' test ! -s sealed.out -o "$(grep -c 'history\|outside ipt' sealed.out)" = 0

# What an ipt from before seals says of one (its reader took every entry
# for an id): a line whose entry is neither an id nor "seal" is refused,
# naming the line, and nothing is written.
cp -R p/ana h7
sed -i '$ s/^seal,/sealed,/' h7/history.csv
snap h7
t_fail 1 'a line that is neither an entry nor a seal: a write is refused' sh -c 'cd h7 && "$IPT" goal add x'
t_grep 'naming the line and the column' 'history.csv:[0-9]*: entry: not an id of 16 hexadecimal digits' "$T_TMP/.out"
t_unchanged 'and nothing is written' h7
# An entry renamed "seal" by hand is not skipped as a seal would be (its
# change silently gone): refused, naming the line.
cp -R p/ana h8
sed -i '2 s/^[0-9a-f]\{16\},/seal,/' h8/history.csv
snap h8
t_fail 1 'an entry named seal by hand: a write is refused' sh -c 'cd h8 && "$IPT" goal add x'
t_grep 'naming the line' "history.csv:2: entry: 'seal' on a line that is not a seal" "$T_TMP/.out"
t_unchanged 'and nothing is written' h8
IPT_TEST_FAULT=seal "$IPT" check h8 > out 2>&1
t_grep 'check reports it' "h8/history.csv:2: error: entry: 'seal' on a line that is not a seal" out

# A history written before seals: read, checked in full, sealed by the
# next write or by check --fix.
cp -R p/ana old
sed -i '$d' old/history.csv
as_before 'a history without a seal: the full comparison' old
ipt check --fix old > fix.out 2>&1
t_grep 'check --fix seals it' 'history.csv: sealed' fix.out
t 'and check then verifies it by its seal' verified old
ipt check --fix old > fix.out 2>&1
t 'a second check --fix has nothing to seal' sh -c '! grep -q sealed fix.out'
cp -R p/ana old2
sed -i '$d' old2/history.csv
(cd old2 && IPT_NOW=2026-11-26T09:04:00Z ipt goal add 'Sleep by 11' > /dev/null)
t 'a write seals a history written before seals' verified old2

# --- two clones, each sealed; the merge brings back a removed row ----------
mkdir g
: > g/ipt.ini
ipt init g/ana --start 2026-09-01 > /dev/null
(cd g/ana
"$IPT" session add --date 2026-09-01 > /dev/null
"$IPT" relapse add --kind warning-sign 'Sleeping badly' > /dev/null
"$IPT" relapse add --kind action 'Call Sofía' > /dev/null)
t 'commit and clone twice' sh -c 'cd g && git init -q && git add -A && git commit -qm base &&
	cd .. && git clone -q --bare g central.git && git clone -q central.git a && git clone -q central.git b'
(cd a/ana && IPT_NOW=2026-11-26T10:00:00Z "$IPT" relapse rm 2 > /dev/null &&
    git add -A && git commit -qm a && git push -q origin main)
(cd b/ana && IPT_NOW=2026-11-26T11:00:00Z "$IPT" relapse add --kind contact 'GP' > /dev/null &&
    git add -A && git commit -qm b)
t 'each clone sealed its history' sh -c 'cd a && "$IPT" check ana > /dev/null &&
	cd ../b && IPT_TEST_FAULT=seal "$IPT" check ana 2>&1 >/dev/null | grep -q verified'
t 'b pulls: git sees no conflict' sh -c 'cd b && git pull -q --no-rebase --no-edit origin main'
t_grep 'the removed item came back' 'Call Sof' b/ana/relapse.csv
t 'the merged history holds both seals' test "$(seals b/ana)" = 2
as_before 'check compares the merged clone in full' b/ana
t_grep 'and reports the removed row brought back' 'relapse.csv:[0-9]*: error: item 2: a removed row brought back by a merge' sealed.out
# A write to another file while relapse.csv disagrees: no seal.
(cd b/ana && IPT_NOW=2026-11-26T12:00:00Z "$IPT" session add --date 2026-09-08 > /dev/null)
t 'a write while the records disagree with the history writes no seal' sh -c '! tail -n 1 b/ana/history.csv | grep -q ^seal'
t 'and drops the merged ones' test "$(seals b/ana)" = 0
t_fail 1 'check still fails' ipt check b/ana
ipt check --fix b/ana > out 2>&1
t_grep 'check --fix removes the row' 'relapse.csv: removed 1 row the history had removed or replaced' out
t 'and seals the history it repaired' last_is_seal b/ana
t 'one seal' test "$(seals b/ana)" = 1
t 'check is clean and verifies it by its seal' sh -c 'verified() { IPT_TEST_FAULT=seal "$IPT" check "$1" > c.out 2> c.err; grep -q verified c.err; }; verified b/ana && ! grep -q error c.out'
t 'the item stays removed, the added one kept' sh -c '! grep -q "Call Sof" b/ana/relapse.csv && grep -q GP b/ana/relapse.csv'

# A merge that brings nothing back: the records are what the merged
# history says, but its seals no longer hold; check --fix seals it anew.
(cd b && git add -A && git commit -qm fixed && git push -q origin main)
(cd a && git pull -q --no-rebase --no-edit origin main &&
    cd ana && IPT_NOW=2026-11-26T13:00:00Z "$IPT" goal add 'Sleep by 11' > /dev/null &&
    git add -A && git commit -qm goal && git push -q origin main)
(cd b/ana && IPT_NOW=2026-11-26T14:00:00Z "$IPT" session edit 1 --mood 6 > /dev/null &&
    git add -A && git commit -qm edit)
t 'b pulls again: no conflict' sh -c 'cd b && git pull -q --no-rebase --no-edit origin main'
t 'the history holds both clones'"'"' seals' test "$(seals b/ana)" = 2
as_before 'check compares it in full' b/ana
t 'and finds nothing to say about the history' sh -c '! grep -q "brought back\|outside ipt\|in the history\|differently" sealed.out'
ipt check --fix b/ana > out 2>&1
t_grep 'check --fix seals it anew' 'history.csv: sealed' out
t 'one seal, which check verifies' sh -c 'test "$(grep -c ^seal, b/ana/history.csv)" = 1 &&
	IPT_TEST_FAULT=seal "$IPT" check b/ana 2>&1 >/dev/null | grep -q verified'

# A value whose escaped form is longer than a field of history.csv may
# be (a note of 400,000 lines: 1,200,000 bytes written as \n) is refused
# before anything is written, never saved into a history ipt could not
# read back (and a seal then vouching for it); a long value that fits
# only a line of its own is written so.
mkdir big && (cd big && git init -q)
ipt init big/cy --start 2026-11-01 > /dev/null
ipt -C big/cy session add --date 2026-11-05 > /dev/null
awk 'BEGIN { for (i = 0; i < 400000; i++) print "x" }' > long.md
snap big/cy
t_fail 1 'a note too long for the history: refused' env \
    EDITOR="cp $T_TMP/long.md" "$IPT" -C big/cy session note 1
cp "$T_TMP/.out" out
t_grep 'it says why, naming the file' \
    'sessions.csv: the note would take 1200000 bytes in history.csv, more than the 1048576' out
t_grep '... and where the text is kept' 'your text is kept in' out
rm -f big/cy/notes/.edit-*
t_unchanged '... the records as they were' big/cy
t 'the history reads back' env IPT_TEST_FAULT=noseal "$IPT" check big/cy
ipt -C big/cy goal add 'A first goal' > /dev/null
awk -F, 'BEGIN { OFS = "," } NR == 2 { s = "x"; for (i = 0; i < 600000; i++) s = s ";"; $3 = s } { print }' \
    big/cy/goals.csv > g.csv && cp g.csv big/cy/goals.csv
t 'a field of 600,000 semicolons, made by hand, then a write' \
    "$IPT" -C big/cy goal add 'A second goal'
t 'the history reads back, compared in full' env IPT_TEST_FAULT=noseal "$IPT" check big/cy
t 'ipt history reads it' sh -c '"$IPT" -C big/cy history > /dev/null'
verified big/cy
t_report $? 'and check verifies its seal'

finish
