#!/bin/sh
# t29-sign.sh: signed sessions (issue 13).  ipt session sign locks a
# session's row and note; later changes are addenda with date and author,
# shown after the session in session show and in every report format;
# [notes] lock_after_days locks sessions by age; ipt check reports a
# locked row or note whose bytes changed; a merge keeps signatures and
# addenda, and a renumbering repair takes them along.
. "$(dirname "$0")/lib.sh"
export IPT_TODAY=2026-11-10 IPT_AUTHOR='Dr. R. Ruiz'

: > ipt.ini
ipt init clients/ana --name 'Ana M.' --start 2026-11-01 > /dev/null
cd clients/ana || exit 1
ipt session add --date 2026-11-03 --mood 4 > /dev/null
ipt session add --date 2026-11-06 --mood 5 > /dev/null
EDITOR='sh -c "echo Talked about her sister. > \$1" sh' ipt session note 1

# Bad input first: nothing is written.
snap .
t_fail 2 'sign needs a number' ipt session sign
t_fail 2 'sign: not a number' ipt session sign x
t_fail 2 'sign: no such session' ipt session sign 9
ipt session sign 9 2> err
t_grep 'says which file lacks it' '^ipt: .*sessions.csv: no session 9$' err
t_fail 2 'addendum needs text' ipt session addendum 1
t_fail 2 'an empty addendum' ipt session addendum 1 '   '
ipt session addendum 1 '   ' 2> err
t_grep 'says it is empty' '^ipt: the addendum is empty$' err
t_fail 2 'an addendum with a control character' ipt session addendum 1 "$(printf 'a\033b')"
t_fail 2 'an addendum to no session' ipt session addendum 9 'text'
t_unchanged 'bad input changes nothing' .

t 'sign session 1' ipt session sign 1
t 'signatures.csv is 0600' test "$(stat -c %a signatures.csv)" = 600
t_grep 'the signature: session, date, who, when' \
    '^2026-11-03,1,2026-11-10,Dr. R. Ruiz,[0-9a-f]\{64\},[0-9a-f]\{64\}$' signatures.csv
t_grep 'its header' '^date,session,signed_on,signed_by,row_sha256,note_sha256$' signatures.csv
note_hash=$(sha256sum notes/0001.md | cut -d' ' -f1)
t_grep 'the note hash is the note file'"'"'s SHA-256' ",$note_hash\$" signatures.csv
t 'the row hash, computed another way from sessions.csv' python3 -c '
import csv, hashlib
rows = list(csv.DictReader(open("sessions.csv", newline="")))
cols = [c for c in rows[0] if c != "number"]
b = b"".join(c.encode() + b"\0" + rows[0][c].encode() + b"\0" for c in cols)
sig = next(csv.DictReader(open("signatures.csv", newline="")))
assert sig["row_sha256"] == hashlib.sha256(b).hexdigest(), sig'

# A signed session is locked: edit, rm and note are refused (exit 1).
snap .
t_fail 1 'signed again' ipt session sign 1
ipt session sign 1 2> err
t_grep 'says when and by whom' '^ipt: .*signatures.csv: session 1 (2026-11-03) is signed already (2026-11-10, Dr. R. Ruiz)$' err
t_fail 1 'edit refused' ipt session edit 1 --mood 3
ipt session edit 1 --mood 3 2> err
t_grep 'the refusal says what to do' \
    '^ipt: .*sessions.csv: session 1 (2026-11-03) is signed (2026-11-10, Dr. R. Ruiz): it cannot be changed; add an addendum instead: ipt session addendum 1 TEXT$' err
t_fail 1 'rm refused' ipt session rm 1
ipt session rm 1 2> err
t_grep 'rm: cannot be removed' 'it cannot be removed; add an addendum' err
EDITOR='sh -c "echo rewritten > \$1" sh' ipt session note 1 2> err
rc=$?
t 'note refused before the editor opens (exit 1)' test "$rc" = 1
t_grep 'note: its note cannot be changed' 'its note cannot be changed; add an addendum' err
t 'no edit copy left: the editor never opened' sh -c '! ls notes/.edit-* 2> /dev/null'
t_unchanged 'the refusals change nothing' .
t 'session 2 is not locked' ipt session edit 2 --stress 3

# Addenda: dated, with their author, shown after the session.
t 'an addendum' ipt session addendum 1 'Mood was 3, not 4: she said so on the phone.'
IPT_TODAY=2026-11-12 IPT_AUTHOR='Dr. S. Chen' ipt session addendum 1 'Supervisor read the note.' > out
t_grep 'addendum prints its number' '^2$' out
t_grep 'addenda.csv keeps date, author and text' \
    '^1,2026-11-03,1,2026-11-10,Dr. R. Ruiz,"Mood was 3, not 4: she said so on the phone."$' addenda.csv
t 'addenda.csv is 0600' test "$(stat -c %a addenda.csv)" = 600
t_grep 'the row stays as signed' '^1,2026-11-03,individual,attended,,initial,,,4,' sessions.csv
ipt session show 1 > out
t_grep 'show: the original value' '^mood: 4$' out
t_grep 'show: signed' '^signed: 2026-11-10 by Dr. R. Ruiz$' out
t_grep 'show: the first addendum' '^addendum 1: 2026-11-10 by Dr. R. Ruiz: Mood was 3, not 4: she said so on the phone.$' out
t_grep 'show: the second, by its author' '^addendum 2: 2026-11-12 by Dr. S. Chen: Supervisor read the note.$' out
t 'show: the addenda after the record' sh -c 'test "$(grep -n "^signed:" out | cut -d: -f1)" -gt "$(grep -n "^mood:" out | cut -d: -f1)"'
ipt session show --format json 1 > out.json
t 'show json: signed and addenda' python3 -c '
import json
s = json.load(open("out.json"))
assert s["mood"] == "4", s
assert s["signed"] == {"on": "2026-11-10", "by": "Dr. R. Ruiz"}, s["signed"]
assert [a["id"] for a in s["addenda"]] == ["1", "2"], s["addenda"]
assert s["addenda"][1]["added_by"] == "Dr. S. Chen"'
ipt session show --format json 2 > out.json
t 'show json: an unsigned session' python3 -c '
import json
s = json.load(open("out.json"))
assert s["signed"] is None and s["addenda"] == [], s'
ipt session addenda --format csv > out
t 'session addenda lists the file' cmp out addenda.csv

# Every report format.
ipt report > r.txt
t_grep 'report: the session log says when it was signed' \
    '^  1        2026-11-03  individual  attended    initial  4             2026-11-10$' r.txt
t_grep 'report: the addenda section' '^Addenda$' r.txt
t_grep 'report: an addendum with date and author' \
    '^  - session 1 (2026-11-03), added 2026-11-10 by Dr. R. Ruiz: Mood was 3, not' r.txt
ipt report --format md > r.md
t_grep 'md: addenda' '^- session 1 (2026-11-03), added 2026-11-12 by Dr. S. Chen: Supervisor read the note\.$' r.md
ipt report --format html > ../r.html
t_grep 'html: addenda' 'added 2026-11-12 by Dr. S. Chen: Supervisor read the note.' ../r.html
ipt report --format json > r.json
t 'json: signed and addenda per session' python3 -c '
import json
r = json.load(open("r.json"))
s = r["sessions"]["list"]
assert s[0]["signed"] == {"on": "2026-11-10", "by": "Dr. R. Ruiz"}, s[0]
assert [a["added_by"] for a in s[0]["addenda"]] == ["Dr. R. Ruiz", "Dr. S. Chen"]
assert s[1]["signed"] is None and s[1]["addenda"] == []'
rm -f r.txt r.md r.json out out.json err
ipt history > out
t_grep 'history: the signature' '(ipt session sign)' out
t_grep 'history: the addendum' '(ipt session addendum)' out
rm -f out
t 'check is clean' ipt check --quiet

# check: a locked row or note whose bytes changed.
cp sessions.csv ../s.bak
cp notes/0001.md ../n.bak
sed -i 's/^1,2026-11-03,individual,attended,,initial,,,4,/1,2026-11-03,individual,attended,,initial,,,3,/' sessions.csv
t_fail 1 'check: a signed row changed by hand' ipt check --quiet
ipt check > out 2>&1
t_grep 'check names the row and the signature' \
    'sessions.csv:2: error: session 1 was signed on 2026-11-10 by Dr. R. Ruiz (signatures.csv:2); its row changed since' out
cp ../s.bak sessions.csv
echo 'added later' >> notes/0001.md
ipt check > out 2>&1
t_grep 'check: a signed note changed' \
    'notes/0001.md: error: the note of session 1 was signed on 2026-11-10 by Dr. R. Ruiz (signatures.csv:2); it changed since' out
rm notes/0001.md
ipt check > out 2>&1
t_grep 'check: a signed note removed' 'the note of session 1 .*it was removed since' out
cp ../n.bak notes/0001.md
chmod 600 notes/0001.md
printf '3,2026-11-20,7,2026-11-10,X,"to nothing"\n' >> addenda.csv
ipt check > out 2>&1
t_grep 'check: an addendum to no session' \
    'addenda.csv:4: error: an addendum to session 7 (2026-11-20), which is not in sessions.csv' out
sed -i '$d' addenda.csv
t 'check is clean again' ipt check --quiet
rm -f out

# An editor open when another process signs: the save is refused, the
# text kept, and the file that holds it named.
cat > ../signer <<EOF
#!/bin/sh
"$IPT" session sign 2 > /dev/null
echo "typed while it was signed" > "\$1"
EOF
chmod +x ../signer
snap .
EDITOR=../signer ipt session note 2 2> err
rc=$?
t 'the save after a signature is refused (exit 1)' test "$rc" = 1
t_grep 'says the text is kept and where' 'its note cannot be changed; add an addendum instead: .*; your text is kept in .*notes/.edit-0002.md-' err
t 'the kept copy holds the text' sh -c 'grep -l "typed while it was signed" notes/.edit-0002.md-*'
t 'no note written' test ! -e notes/0002.md
rm -f notes/.edit-0002.md-* err

# [notes] lock_after_days: a session older than that is locked too.
cd ../..
ipt init clients/ben --start 2026-10-01 > /dev/null
cd clients/ben
ipt session add --date 2026-10-01 > /dev/null
ipt session add --date 2026-11-05 > /dev/null
printf '[notes]\nlock_after_days = 7\n' > ../../ipt.ini
snap .
t_fail 1 'an old session is locked' ipt session edit 1 --mood 3
ipt session edit 1 --mood 3 2> err
t_grep 'says why' \
    '^ipt: .*sessions.csv: session 1 (2026-10-01) is locked, more than 7 days old (\[notes\] lock_after_days in ipt.ini): it cannot be changed; add an addendum instead: ipt session addendum 1 TEXT$' err
t_unchanged 'the refusal changes nothing' .
t 'a session of 5 days ago is not' ipt session edit 2 --mood 3
t 'an addendum to the old one' ipt session addendum 1 'Late entry: she phoned on 2026-10-03.'
printf '[notes]\nlock_after_days = soon\n' > ../../ipt.ini
t_fail 1 'a bad lock_after_days' ipt session edit 2 --mood 4
ipt session edit 2 --mood 4 2> err
t_grep 'names the file and key' 'ipt.ini: \[notes\] lock_after_days: not a whole number of days from 0 to 3660$' err
: > ../../ipt.ini
cd ../..

# A merge: two clones each add session 3; B signs its own and writes an
# addendum.  Both are kept, numbered by date, the signature and the
# addendum follow B's session, and the signature still holds.
command -v git > /dev/null || { finish; exit; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org \
    GIT_CONFIG_NOSYSTEM=1 HOME=$T_TMP
git config --global init.defaultBranch main
mkdir g
: > g/ipt.ini
ipt init g/cy --start 2026-11-01 > /dev/null
(cd g/cy && "$IPT" session add --date 2026-11-02 > /dev/null &&
    "$IPT" session add --date 2026-11-03 > /dev/null)
t 'commit and clone twice' sh -c 'cd g && git init -q && git add -A && git commit -qm base &&
	cd .. && git clone -q --bare g c.git && git clone -q c.git a && git clone -q c.git b'
(cd a/cy && IPT_NOW=2026-11-10T09:00:00Z "$IPT" session add --date 2026-11-05 --mood 2 > /dev/null &&
    git add -A && git commit -qm a && git push -q origin main)
(cd b/cy && IPT_NOW=2026-11-10T10:00:00Z "$IPT" session add --date 2026-11-04 --mood 6 > /dev/null &&
    EDITOR='sh -c "echo B note > \$1" sh' IPT_NOW=2026-11-10T10:00:00Z "$IPT" session note 3 &&
    IPT_NOW=2026-11-10T10:01:00Z "$IPT" session sign 3 > /dev/null &&
    IPT_NOW=2026-11-10T10:02:00Z "$IPT" session addendum 3 'B adds this' > /dev/null &&
    git add -A && git commit -qm b)
t 'b pulls' sh -c 'cd b && git pull -q --no-rebase --no-edit origin main'
ipt check --fix b/cy > out 2>&1
t_grep 'the later-dated session is renumbered' 'session 3 of 2026-11-05 is now session 4' out
t 'B'"'"'s session keeps number 3, its note, signature and addendum' sh -c '
	cd b/cy && grep -q "^3,2026-11-04,individual,attended,,initial,,,6," sessions.csv &&
	test "$(cat notes/0003.md)" = "B note" &&
	grep -q "^2026-11-04,3,2026-11-10," signatures.csv &&
	grep -q "^1,2026-11-04,3,.*,B adds this$" addenda.csv'
t 'check is clean after the merge' sh -c '"$IPT" check --quiet b/cy > out; ! grep -q error out'
t 'session 3 is still locked' sh -c 'cd b/cy && ! "$IPT" session edit 3 --mood 1 2> /dev/null'
t 'session 4, A'"'"'s, is not' sh -c 'cd b/cy && "$IPT" session edit 4 --stress 2'

finish
