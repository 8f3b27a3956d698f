#!/bin/sh
# t19-halfdone.sh: commands that write two files.  A size limit is checked
# before the first file is written, so going over it changes nothing; a
# write stopped between the two (a full disk) says what it saved, check
# reports the state and check --fix completes it; a retry records nothing
# twice.
. "$(dirname "$0")/lib.sh"

: > ipt.ini
ipt init lia --start 2026-11-02 > /dev/null
ipt -C lia session add --date 2026-11-02 --mood 3 > /dev/null
ipt -C lia measure add phq9 2 2 1 2 1 1 1 0 1 --date 2026-11-02 > /dev/null

# risk review: measures.csv a few bytes under its 16 MiB limit, so that
# closing the flag (";reviewed") would pass it.
cp -R lia big
python3 - big/measures.csv <<'EOF'
import sys
path = sys.argv[1]
lines = open(path).read().splitlines()
head = lines[0] + ",comment"
flag = lines[1] + ","
limit = 16 * 1024 * 1024
rows = []
size = len(head) + 1 + len(flag) + 1
row = "2026-11-01,,phq9,0,minimal,0 0 0 0 0 0 0 0 0,,"
while size < limit - 1000000:
    r = row + "x" * 999000
    rows.append(r)
    size += len(r) + 1
last = row + "x" * (limit - size - len(row) - 1 - 4)
rows.append(last)
with open(path, "w") as f:
    f.write(head + "\n" + "\n".join(rows) + "\n" + flag + "\n")
EOF
t 'measures.csv is 4 bytes under the limit' \
    test "$(stat -c %s big/measures.csv)" = $((16 * 1024 * 1024 - 4))
snap big
t_fail 1 'risk review over the size limit is refused' ipt -C big risk review \
    --date 2026-11-02 --note 'safety plan agreed'
cp "$T_TMP/.out" err
t_grep 'naming measures.csv' 'measures.csv: would be [0-9]* bytes, more than the 16 MiB' err
t_grep 'and saying nothing changed' 'nothing changed$' err
t 'in one line' test "$(wc -l < err)" = 1
t_unchanged 'risk.csv not written either' big
t 'no risk.csv' test ! -e big/risk.csv

# focus set: client.ini a few bytes under its 256 KiB limit.
cp -R lia fat
python3 - fat/client.ini <<'EOF'
import os, sys
path = sys.argv[1]
with open(path, "a") as f:
    f.write("\n[extra]\n")
    i = 0
    while os.path.getsize(path) + 300 < 256 * 1024:
        f.write('k%05d = "%s"\n' % (i, "x" * 200))
        f.flush()
        i += 1
    f.flush()
    f.write('pad = "%s"\n' % ("y" * (256 * 1024 - 2 - os.path.getsize(path) - 9)))
EOF
t 'client.ini is 2 bytes under the limit' \
    test "$(stat -c %s fat/client.ini)" = $((256 * 1024 - 2))
snap fat
t_fail 1 'focus set that would pass it is refused' ipt -C fat focus set grief \
    --note 'since March'
cp "$T_TMP/.out" err
t_grep 'naming client.ini' 'client.ini: would be [0-9]* bytes, more than the 262144' err
t 'in one line' test "$(wc -l < err)" = 1
t_unchanged 'focus.csv not written either' fat
t 'no focus.csv' test ! -e fat/focus.csv

# risk review on a full disk: risk.csv saved, measures.csv not.
cp -R lia full
IPT_TEST_FAULT=write:2 ipt -C full risk review --date 2026-11-02 \
    --note 'safety plan agreed' > out 2> err
t 'a full disk at the second file fails' test $? = 1
t_grep 'saying risk.csv is saved' '^ipt: risk.csv saved; measures.csv' err
t_grep 'and what to do' 'run `ipt check --fix. to close it, not a second review' err
t 'the review is in risk.csv' grep -q 'safety plan agreed' full/risk.csv
t 'the flag is still open' sh -c '"$IPT" -C full status | grep -q "^RISK"'
ipt check full > out 2>&1
t_grep 'check reports the half-done review' \
    '^full/risk.csv:2: warning: the review of the phq9 flag of 2026-11-02 is saved, but measures.csv still holds the flag open' out
t 'check --fix completes it' ipt check --fix full
t_grep 'saying so' 'full/measures.csv: closed the risk flag phq9 of 2026-11-02' \
    "$T_TMP/.out"
t 'the flag is closed' sh -c '! "$IPT" -C full status | grep -q "^RISK"'
t 'one review in risk.csv' test "$(grep -c 'safety plan' full/risk.csv)" = 1
ipt check full > out 2>&1
t 'check is then silent about it' sh -c '! grep -q "interrupted ipt risk review" out'

# A retry instead of check --fix: the same review is not recorded twice.
cp -R lia again
IPT_TEST_FAULT=write:2 ipt -C again risk review --date 2026-11-02 \
    --note 'safety plan agreed' > /dev/null 2>&1
t 'the same review again' ipt -C again risk review --date 2026-11-02 \
    --note 'safety plan agreed'
t 'closes the flag' sh -c '! "$IPT" -C again status | grep -q "^RISK"'
t 'with one row in risk.csv' \
    test "$(grep -c 'safety plan' again/risk.csv)" = 1
finish
