#!/bin/sh
# t13-storage.sh: concurrent writers, a writer killed before its rename,
# write faults, symbolic links, and leftovers of crashes.
. "$(dirname "$0")/lib.sh"

ipt init ana --start 2026-01-01 > /dev/null
cd ana || exit 1

# 50 concurrent session adds: 50 rows numbered 1 to 50, nothing lost.
i=0
while [ $i -lt 50 ]; do
	"$IPT" session add --date 2026-01-01 > /dev/null 2>> errs &
	i=$((i + 1))
done
wait
t 'no concurrent add failed' sh -c '! [ -s errs ]'
t '50 rows after 50 concurrent adds' sh -c '[ "$(($(wc -l < sessions.csv) - 1))" = 50 ]'
t 'numbered 1 to 50 exactly once' sh -c \
    '[ "$(cut -d, -f1 sessions.csv | sed 1d | sort -n | tr "\n" " ")" = "$(seq 1 50 | tr "\n" " ")" ]'

# A writer killed between writing and renaming leaves the old file whole.
cp sessions.csv before.csv
snap .
IPT_TEST_FAULT=rename:1:kill "$IPT" session add --date 2026-01-02 > /dev/null 2>&1
rc=$?
t 'the writer was killed' test "$rc" -ge 128
t 'old sessions.csv whole after the kill' cmp before.csv sessions.csv
t 'a temporary file was left by the kill' sh -c 'ls -a | grep -q "^\.sessions\.csv\.tmp\."'
t 'the next write works' ipt session add --date 2026-01-02
t 'and removes the leftover' sh -c '! ls -a | grep -q "\.tmp\."'
t_grep 'the new session is there' '^51,2026-01-02' sessions.csv

# Each failing step of a write: error, exit 1, old file whole.
for point in write fsync close rename; do
	cp sessions.csv before.csv
	IPT_TEST_FAULT=$point "$IPT" session add --date 2026-01-03 > /dev/null 2> err
	rc=$?
	t "fault at $point exits 1" test "$rc" = 1
	t "fault at $point leaves the old file" cmp before.csv sessions.csv
	t_grep "fault at $point is reported" 'No space left on device' err
	t "fault at $point leaves no temporary file" sh -c '! ls -a | grep -q "\.tmp\."'
done
cp sessions.csv before.csv
IPT_TEST_FAULT=fsync "$IPT" focus set grief > /dev/null 2>&1
t 'a failed focus set changes nothing' sh -c \
    'cmp before.csv sessions.csv && ! [ -e focus.csv ] && grep -q "^primary = \"\"$" client.ini'

# A command writing two files, failing at the second, says which it saved;
# its order leaves a state ipt check reports and --fix repairs.
cp client.ini client.before
IPT_TEST_FAULT=rename:2 "$IPT" focus set grief > /dev/null 2> err
rc=$?
t 'focus set failing at client.ini exits 1' test "$rc" = 1
t_grep 'it says focus.csv was saved and client.ini not' \
    '^ipt: focus.csv saved; client.ini, history.csv not saved: .*client.ini: rename: No space left on device$' err
t 'in one line' test "$(wc -l < err)" = 1
t 'focus.csv is new, client.ini old' sh -c \
    'grep -q "^[^,]*,[^,]*,grief," focus.csv && cmp client.ini client.before'
t_fail 1 'ipt check reports the difference' ipt check
t 'ipt check --fix repairs it' ipt check --fix
t_grep 'client.ini follows focus.csv' '^primary = "grief"$' client.ini
ipt measure add --date 2026-01-03 phq9 1 1 1 1 1 1 1 1 2 > /dev/null 2>&1
cp measures.csv measures.before
IPT_TEST_FAULT=rename:2 "$IPT" risk review --note 'safe, plan made' \
    > /dev/null 2> err
rc=$?
t 'risk review failing at measures.csv exits 1' test "$rc" = 1
t_grep 'it says risk.csv was saved and measures.csv not' \
    '^ipt: risk.csv saved; measures.csv, history.csv not saved: .*measures.csv: rename: No space left on device; the review is saved and its flag still open: run .ipt check --fix. to close it, not a second review$' err
t 'the note is written, the flag not closed' sh -c \
    'grep -q "safe, plan made" risk.csv && cmp measures.csv measures.before'
ipt risk list > open.txt 2>&1
t_grep 'the flag is still open' 'phq9' open.txt
t 'the review done again closes it' ipt risk review --note 'safe, plan made'
t 'no flag open after it' sh -c '! ipt risk list | grep -q phq9'

# Symbolic links are never written through.
mv sessions.csv real.csv
ln -s real.csv sessions.csv
cp real.csv real.before
t_fail 1 'a symlinked record file is refused' ipt session add --date 2026-02-01
t 'the link target is unchanged' cmp real.csv real.before
t 'the link is still a link' test -L sessions.csv
rm sessions.csv
mv real.csv sessions.csv

# Read commands never write.
snap .
ipt session list > /dev/null
ipt session show 1 > /dev/null
ipt focus show > /dev/null
ipt focus history > /dev/null
t_unchanged 'read commands change nothing' .
t 'files stay 0600' sh -c '[ "$(stat -c %a sessions.csv)" = 600 ]'
finish
