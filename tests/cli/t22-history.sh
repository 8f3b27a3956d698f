#!/bin/sh
# t22-history.sh: history.csv, ipt history, and the repair of merges of
# two clones from it (issue 13): removed rows never come back, an edited
# row is never counted twice, sessions both clones added keep their own
# numbers, true conflicts are listed for a person and resolved by one.
. "$(dirname "$0")/lib.sh"
command -v git > /dev/null || { echo "ok 1 - # SKIP no git"; echo 1..1; exit 0; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org \
    GIT_CONFIG_NOSYSTEM=1 HOME=$T_TMP IPT_NOW=2026-11-26T09:00:00Z
git config --global init.defaultBranch main
unset IPT_AUTHOR || true

# --- history of one directory ------------------------------------------
mkdir p
printf '[practice]\nclinician = "Dr. R. Ruiz"\n' > p/ipt.ini
ipt init p/ana --start 2026-09-01 > /dev/null
t 'init begins the history' test -f p/ana/history.csv
t_grep 'history.csv is git-merged as a union' '^\*\.csv merge=union$' p/ana/.gitattributes
t_grep 'notes too' '^notes/\*\.md merge=union$' p/ana/.gitattributes
cd p/ana
ipt session add --date 2026-09-01 --mood 4 > /dev/null
IPT_NOW=2026-11-26T09:05:00Z ipt session edit 1 --mood 6 > /dev/null
ipt history > ../../out
cd ../..
t_grep 'the author is the practice clinician' '^2026-11-26 09:00  Dr. R. Ruiz  (ipt session add)' out
t_grep 'a correction keeps the original visible' '^    mood: 4 -> 6$' out
t_grep 'and says when and by what' '^2026-11-26 09:05  Dr. R. Ruiz  (ipt session edit)' out
(cd p/ana && ipt history --format json) > h.json
t 'history --format json is JSON' python3 -c '
import json, sys
h = json.load(open("h.json"))
e = [x for x in h if x["why"] == "ipt session edit"][0]
assert e["changes"] == [{"field": "mood", "before": "4", "after": "6"}], e
assert e["author"] == "Dr. R. Ruiz" and e["file"] == "sessions.csv"
assert h[0]["file"] == "client.ini" and h[0]["changes"][0]["before"] is None
'
(cd p/ana && IPT_AUTHOR='K. Lee' ipt session add --date 2026-09-08 > /dev/null &&
    ipt history --file sessions.csv) > out
t_grep 'IPT_AUTHOR names the author' 'K. Lee  (ipt session add)' out
t_fail 2 'history --file takes record files only' sh -c 'cd p/ana && "$IPT" history --file passwd'
t_fail 2 'history takes no operand' sh -c 'cd p/ana && "$IPT" history x'

# A hand edit: check warns, and the next write takes it into the history
# as what it is, a change made outside ipt.
sed -i 's/^2,2026-09-08,individual,attended,,initial,,,,,$/2,2026-09-08,individual,attended,45,initial,,,,,/' p/ana/sessions.csv
ipt check p/ana > out 2>&1
t_grep 'check reports the row changed outside ipt' 'sessions.csv:3: warning: session 2: changed outside ipt' out
t 'a write after a hand edit works' sh -c 'cd p/ana && "$IPT" session add --date 2026-09-15 > /dev/null'
(cd p/ana && ipt history --file sessions.csv) > out
t_grep 'the hand edit is in the history as what it is' 'not in its history: a hand edit or an interrupted write' out
t_grep 'with the value the file held' 'duration_min: 45' out
ipt check p/ana > out 2>&1
t 'check has nothing more to say about it' sh -c '! grep -q "outside ipt" out'

# --- a format-1 directory upgrades on its first write, losslessly -------
cp -R "$T_SRC/examples/practice" ex
rm -f ex/clients/*/history.csv
for c in ex/clients/*; do snap "$c"; done
(cd ex/clients/ana && ipt goal add 'Call Lucía on Sundays' > /dev/null)
t 'the first write begins the history' test -f ex/clients/ana/history.csv
ipt check ex/clients/ana > out 2>&1
t 'the upgraded history says what the files say' sh -c '! grep -q "history\|merge" out'
t_grep 'the rows before are in it, by nobody known' 'unknown (before the history)' ex/clients/ana/history.csv
t_grep 'and the note of session 1 with them' ',note.md,' ex/clients/ana/history.csv
(cd ex/clients/ana && ipt history --format json) > up.json
t 'every row of every file is in the upgrade' python3 -c '
import csv, json
h = json.load(open("up.json"))
for f in ["sessions.csv", "measures.csv", "inventory.csv", "timeline.csv", "focus.csv"]:
    rows = list(csv.DictReader(open("ex/clients/ana/" + f)))
    up = [e for e in h if e["file"] == f and e["why"].startswith("the records as they were")]
    assert len(up) == len(rows), (f, len(up), len(rows))
    for r, e in zip(rows, up):
        got = {c["field"]: c["after"] for c in e["changes"] if c["field"] != "note.md"}
        assert got == {k: v for k, v in r.items() if v != ""}, (f, got, r)
'

# --- two clones ------------------------------------------------------------
mkdir g
: > g/ipt.ini
ipt init g/ana --start 2026-09-01 > /dev/null
(cd g/ana
for d in 01 08 15; do "$IPT" session add --date 2026-09-$d > /dev/null; done
"$IPT" measure add phq9 --date 2026-09-15 --session 3 1 1 1 1 1 1 1 1 2 > /dev/null
"$IPT" relapse add --kind warning-sign 'Sleeping badly' > /dev/null
"$IPT" relapse add --kind action 'Call Sofía' > /dev/null
"$IPT" inventory add Marco --relationship husband > /dev/null
"$IPT" inventory add Samira --relationship sister > /dev/null)
t 'commit and clone twice' sh -c 'cd g && git init -q && git add -A && git commit -qm base &&
	cd .. && git clone -q --bare g central.git && git clone -q central.git a && git clone -q central.git b'

# A removes the last rows and reviews the risk; B appends to every file.
(cd a/ana && IPT_NOW=2026-11-26T10:00:00Z "$IPT" relapse rm 2 > /dev/null &&
    IPT_NOW=2026-11-26T10:00:00Z "$IPT" inventory rm Samira > /dev/null &&
    IPT_NOW=2026-11-26T10:00:00Z "$IPT" risk review --date 2026-09-15 --note 'Safety plan agreed' > /dev/null &&
    git add -A && git commit -qm a && git push -q origin main)
(cd b/ana && IPT_NOW=2026-11-26T11:00:00Z "$IPT" relapse add --kind contact 'GP' > /dev/null &&
    IPT_NOW=2026-11-26T11:00:00Z "$IPT" inventory add Lucía --relationship mother > /dev/null &&
    IPT_NOW=2026-11-26T11:00:00Z "$IPT" session add --date 2026-09-22 > /dev/null &&
    IPT_NOW=2026-11-26T11:00:00Z "$IPT" measure add phq9 --date 2026-09-22 --session 4 0 0 0 0 0 0 0 0 0 > /dev/null &&
    git add -A && git commit -qm b)
t 'b pulls: git sees no conflict' sh -c 'cd b && git pull -q --no-rebase --no-edit origin main'
t_grep 'the removed plan item came back with the merge' 'Call Sof' b/ana/relapse.csv
t_fail 1 'check fails after the merge' ipt check b/ana
ipt check b/ana > out 2>&1
t_grep 'check names the removed relapse item' 'relapse.csv:[0-9]*: error: item 2: a removed row brought back by a merge' out
t_grep 'and the removed person' 'inventory.csv:[0-9]*: error: .*Samira: a removed row brought back' out
t_grep 'and the old version of the reviewed measure' 'measures.csv:[0-9]*: error: .*phq9.*: an old version brought back' out
t 'status counted the administration twice before the fix' sh -c 'cd b/ana && "$IPT" status --format json | python3 -c "
import json,sys; s=json.load(sys.stdin); assert s[\"risk_open\"], s[\"risk_open\"]"'
ipt check --fix b/ana > out 2>&1
t_grep 'check --fix says what it removed' 'relapse.csv: removed 1 row the history had removed or replaced' out
t 'after the fix check is clean of errors' sh -c '"$IPT" check --quiet b/ana > out; ! grep -q error out'
t 'Samira and the removed item are gone, B'"'"'s rows kept' sh -c '
	! grep -q Samira b/ana/inventory.csv && grep -q Lucía b/ana/inventory.csv &&
	! grep -q "Call Sof" b/ana/relapse.csv && grep -q GP b/ana/relapse.csv'
t 'the risk flag stays reviewed, the administration counted once' sh -c 'cd b/ana && "$IPT" status --format json | python3 -c "
import json,sys; s=json.load(sys.stdin); assert not s[\"risk_open\"], s[\"risk_open\"]" &&
	test $(grep -c "^2026-09-15,3,phq9" measures.csv) = 1'
t 'a second check --fix changes nothing' sh -c 'cd b/ana && cp -R . ../snap && "$IPT" check --fix . > /dev/null && diff -r . ../snap'
t 'b commits and pushes' sh -c 'cd b && git add -A && git commit -qm merged && git push -q origin main'

# Both add session 5 with a note: both kept, numbered by date.
(cd a && git pull -q --no-rebase --no-edit origin main)
(cd a/ana && IPT_NOW=2026-11-27T09:00:00Z "$IPT" session add --date 2026-09-29 --attendance cancelled > /dev/null &&
    EDITOR='sh -c "echo cancelled by phone > \$1" sh' IPT_NOW=2026-11-27T09:00:00Z "$IPT" session note 5 &&
    git add -A && git commit -qm a5 && git push -q origin main)
(cd b/ana && IPT_NOW=2026-11-27T10:00:00Z "$IPT" session add --date 2026-09-28 --mood 5 > /dev/null &&
    IPT_NOW=2026-11-27T10:00:00Z "$IPT" measure add phq9 --date 2026-09-28 --session 5 1 0 0 0 0 0 0 0 0 > /dev/null &&
    EDITOR='sh -c "echo talked about Marco > \$1" sh' IPT_NOW=2026-11-27T10:00:00Z "$IPT" session note 5 &&
    git add -A && git commit -qm b5)
t 'b pulls the other session 5' sh -c 'cd b && git pull -q --no-rebase --no-edit origin main'
ipt check b/ana > out 2>&1
t_grep 'check says session 5 was added twice' 'session 5 appears twice with different contents (also line [0-9]*): two clones added it? ipt check --fix numbers them by date' out
ipt check --fix b/ana > out 2>&1
t_grep 'check --fix numbers them by date' 'session 5 of 2026-09-29 is now session 6' out
t 'both sessions kept, numbered by date' sh -c 'cd b/ana && grep -q "^5,2026-09-28,individual,attended" sessions.csv &&
	grep -q "^6,2026-09-29,individual,cancelled" sessions.csv'
t 'each note follows its session' sh -c 'cd b/ana && test "$(cat notes/0005.md)" = "talked about Marco" &&
	test "$(cat notes/0006.md)" = "cancelled by phone"'
t 'the measure keeps its session' grep -q '^2026-09-28,5,phq9' b/ana/measures.csv
t 'check is clean of errors after' sh -c '"$IPT" check --quiet b/ana > out; ! grep -q error out'
t 'b pushes' sh -c 'cd b && git add -A && git commit -qm fixed && git push -q origin main'

# A true conflict: both change session 2's mood differently.
(cd a && git pull -q --no-rebase --no-edit origin main)
(cd a/ana && IPT_NOW=2026-11-28T09:00:00Z "$IPT" session edit 2 --mood 3 > /dev/null && git commit -qam a-mood && git push -q origin main)
(cd b/ana && IPT_NOW=2026-11-28T10:00:00Z "$IPT" session edit 2 --mood 7 > /dev/null && git commit -qam b-mood)
(cd b && git pull -q --no-rebase --no-edit origin main > /dev/null 2>&1)
ipt check --fix b/ana > /dev/null 2>&1
ipt check b/ana > out 2>&1
t_grep 'the conflict is listed for a person' "session 2: changed differently on two clones (mood: '7' or '3')" out
t_fail 1 'and check fails until it is decided' ipt check --quiet b/ana
snap b/ana
t_fail 1 'a change to the row is refused meanwhile' sh -c 'cd b/ana && "$IPT" session edit 2 --stress 4'
t_unchanged 'the refusal changed nothing' b/ana
id=$(sed -n "s/.*ipt history --resolve \([0-9a-f]*\).*/\1/p" out | head -n 1)
t 'history --resolve records the decision' sh -c "cd b/ana && \"\$IPT\" history --resolve $id"
t 'check is clean of errors after the decision' sh -c '"$IPT" check --quiet b/ana > out; ! grep -q error out'
(cd b/ana && ipt history --file sessions.csv) > out
t_grep 'the decision is in the history' 'session 2: changed (a decision between two clones)' out
t_fail 2 'resolve of a row with no conflict is a usage error' sh -c "cd b/ana && \"\$IPT\" history --resolve $id"
t_fail 2 'resolve of an unknown row too' sh -c 'cd b/ana && "$IPT" history --resolve 0123456789abcdef'

# --- one administration is recorded once: measure add and --fix agree ----
mkdir dd && : > dd/ipt.ini && ipt init dd/c --start 2026-09-01 > /dev/null
(cd dd/c && ipt session add --date 2026-09-01 > /dev/null &&
    ipt measure add phq9 --date 2026-09-01 1 1 1 1 1 1 1 1 0 > /dev/null)
snap dd/c
t_fail 1 'measure add refuses an administration recorded already' sh -c \
    'cd dd/c && "$IPT" measure add phq9 --date 2026-09-01 1 1 1 1 1 1 1 1 0 2> ../../err'
t_grep 'and names the row' '^ipt: measures.csv:2: this phq9 of 2026-09-01 is recorded already' err
t_unchanged 'nothing changed' dd/c
t 'other answers on the same day are another administration' sh -c \
    'cd dd/c && "$IPT" measure add phq9 --date 2026-09-01 2 1 1 1 1 1 1 1 0 > /dev/null'
t 'commit dd and clone it twice' sh -c 'cd dd && git init -q && git add -A && git commit -qm base &&
	cd .. && git clone -q --bare dd dd.git && git clone -q dd.git da && git clone -q dd.git db'
# Both clones enter one questionnaire given on 2026-09-01.
for side in da db; do
	h=09; [ $side = db ] && h=10
	(cd $side/c && IPT_NOW=2026-11-28T$h:00:00Z "$IPT" measure add gad7 --date 2026-09-01 1 1 1 1 1 1 1 > /dev/null &&
	    git add -A && git commit -qm $side && { [ $side = db ] || git push -q origin main; })
done
t 'db pulls the same administration' sh -c 'cd db && git pull -q --no-rebase --no-edit origin main'
ipt check db/c > out 2>&1
t_grep 'check says it is one administration recorded twice' \
    'measures.csv.*gad7.*in the history twice but once in the file (both clones entered it?); one administration: ipt check --fix records it once' out
ipt check --fix db/c > out 2>&1
t 'after --fix it is recorded once' sh -c 'test $(grep -c ",gad7," db/c/measures.csv) = 1'
ipt check db/c > out 2>&1
t 'and check has nothing to say of measures.csv' sh -c '! grep -q measures.csv out'
t 'a write works again' sh -c 'cd db/c && "$IPT" session add --date 2026-09-08 > /dev/null'
# Without a history, equal rows are a copy, and --fix removes it, as
# check says.
cp -R dd/c nh && rm nh/history.csv && sed -n 2p nh/measures.csv >> nh/measures.csv
ipt check nh > out 2>&1
t_grep 'without a history: a duplicate --fix removes' 'measures.csv:4: warning: duplicate of line 2 (left by a merge?); ipt check --fix removes it' out
ipt check --fix nh > /dev/null 2>&1
t 'and --fix removes it' sh -c 'test $(grep -c "1 1 1 1 1 1 1 1 0" nh/measures.csv) = 1'
# With a history: a row copied by hand is a duplicate all the same, and
# --fix removes it, as check says; so with a history that does not read.
cp -R dd/c hc && sed -n 2p hc/measures.csv >> hc/measures.csv
ipt check hc > out 2>&1
t_grep 'with a history: the copy is a duplicate' 'measures.csv:4: warning: duplicate of line 2 (left by a merge?); ipt check --fix removes it' out
ipt check --fix hc > /dev/null 2>&1
t 'and --fix removes it' sh -c 'test $(grep -c "1 1 1 1 1 1 1 1 0" hc/measures.csv) = 1'
ipt check hc > out 2>&1
t 'and check is then silent of measures.csv' sh -c '! grep -q measures.csv out'
cp -R dd/c hb && sed -n 2p hb/measures.csv >> hb/measures.csv && echo garbage > hb/history.csv
ipt check hb > out 2>&1
t_grep 'a history that does not read: the duplicate still said' 'measures.csv:4: warning: duplicate of line 2' out

# The same administration on two rows that differ: for a person.
cp -R dd/c sd && sed -n 2p sd/measures.csv | sed 's/^2026-09-01,1,/2026-09-01,,/' >> sd/measures.csv
ipt check sd > out 2>&1
t_grep 'one administration on two differing rows is named' \
    'measures.csv:4: warning: the same administration as line 2 (answers and total on one day); if it was given once, delete one line' out
cp sd/measures.csv sd.before
ipt check --fix sd > out 2>&1
t_same '--fix leaves it for a person' sd.before sd/measures.csv
t_grep '... recording the row made by hand in the history' \
    'measures.csv: recorded 1 row changed outside ipt in the history' out
ipt check sd > out 2>&1
t_grep '... and check still names it' \
    'measures.csv:4: warning: the same administration as line 2' out

# --- an old clone and a new one: the two forms of history.csv merge -----
# An ipt before 2026-12 wrote an add a line per field; ipt now writes it
# as one compact line (field *).  old.py rewrites a history's compact
# lines as the old ipt wrote them: the same entries.
cat > old.py <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
out = [rows[0]]
for r in rows[1:]:
    if r[8] != '*':
        out.append(r)
        continue
    pairs, cur, i, v = [], '', 0, r[9]
    while i < len(v):
        if v[i] == '\\':
            cur += ';' if v[i + 1] == ';' else v[i:i + 2]
            i += 2
        elif v[i] == ';':
            pairs.append(cur)
            cur, i = '', i + 1
        else:
            cur, i = cur + v[i], i + 1
    pairs.append(cur)
    for p in pairs:
        out.append(r[:8] + p.split('=', 1))
csv.writer(open(sys.argv[1], 'w', newline=''), lineterminator='\n').writerows(out)
EOF
mkdir og && : > og/ipt.ini && ipt init og/ana --start 2026-09-01 > /dev/null
(cd og/ana && "$IPT" session add --date 2026-09-01 --mood 3 > /dev/null &&
    "$IPT" session add --date 2026-09-08 > /dev/null &&
    "$IPT" relapse add --kind action 'Call Sofía; then walk' > /dev/null &&
    "$IPT" inventory add Samira --relationship sister > /dev/null &&
    python3 ../../old.py history.csv)
t 'a practice whose history the old ipt wrote, cloned twice' sh -c '
	! grep -q ",\*," og/ana/history.csv && "$IPT" check --quiet og/ana &&
	cd og && git init -q && git add -A && git commit -qm base &&
	cd .. && git clone -q --bare og og.git && git clone -q og.git oa && git clone -q og.git ob'
(cd oa/ana && IPT_NOW=2026-11-29T09:00:00Z "$IPT" inventory rm Samira > /dev/null &&
    IPT_NOW=2026-11-29T09:00:00Z "$IPT" relapse rm 1 > /dev/null &&
    IPT_NOW=2026-11-29T09:00:00Z "$IPT" session add --date 2026-09-15 --mood 4 > /dev/null &&
    git add -A && git commit -qm a && git push -q origin main)
t_grep 'the new ipt adds compact lines to it' ',ipt session add,\*,' oa/ana/history.csv
(cd ob/ana && IPT_NOW=2026-11-29T10:00:00Z "$IPT" inventory add Lucía --relationship mother > /dev/null &&
    IPT_NOW=2026-11-29T10:00:00Z "$IPT" session add --date 2026-09-16 --mood 6 > /dev/null &&
    IPT_NOW=2026-11-29T10:00:00Z "$IPT" session edit 2 --mood 5 > /dev/null &&
    python3 ../../old.py history.csv && git add -A && git commit -qm b)
t 'the old clone pulls the new one: no conflict' sh -c 'cd ob && git pull -q --no-rebase --no-edit origin main'
t 'its history holds both forms' sh -c 'grep -q ",\*," ob/ana/history.csv && grep -q ",relationship,mother$" ob/ana/history.csv'
ipt check ob/ana > out 2>&1
t_grep 'check names the removed person the merge brought back' 'inventory.csv:[0-9]*: error: .*Samira: a removed row brought back' out
t_grep 'and the old version of the session the old clone edited' 'sessions.csv:[0-9]*: error: session 2: an old version brought back' out
t_grep 'and session 3 added on both' 'session 3 appears twice with different contents' out
ipt check --fix ob/ana > out 2>&1
t 'after the fix check is clean' sh -c '"$IPT" check --quiet ob/ana'
t 'both clones'"'"' changes, and only those, are in the records' sh -c '
	cd ob/ana && ! grep -q Samira inventory.csv && grep -q Lucía inventory.csv &&
	! grep -q "Call Sof" relapse.csv && grep -q "^2,2026-09-08,.*,5,,$" sessions.csv &&
	grep -q "^3,2026-09-15,.*,4,,$" sessions.csv && grep -q "^4,2026-09-16,.*,6,,$" sessions.csv'

# --- note editing that cannot lose text ----------------------------------
mkdir nt && : > nt/ipt.ini && ipt init nt/c --start 2026-09-01 > /dev/null
(cd nt/c && ipt session add --date 2026-09-01 > /dev/null && ipt session add --date 2026-09-08 > /dev/null)
# Another process saves the note while the editor is open.
t_fail 1 'a note saved by another while the editor was open is refused' sh -c \
    'cd nt/c && EDITOR="sh -c '"'"'echo theirs > notes/0001.md; echo mine > \$1'"'"' sh" "$IPT" session note 1 2> ../../err'
t_grep 'and says where the text typed is kept' 'notes/0001.md: saved by someone else while you edited it; nothing saved, your text is kept in .*\.edit-0001\.md-' err
t 'the other text stays' grep -qx theirs nt/c/notes/0001.md
t 'the text typed is in the kept copy' sh -c 'grep -qx mine nt/c/notes/.edit-0001.md-*'
(cd nt/c && EDITOR=true "$IPT" session note 1) 2> err
t_grep 'the next note names the kept copy' 'warning: text of an earlier edit that was not saved is kept in .*\.edit-0001\.md-' err
# The session is removed while its note is open.
t_fail 1 'a note of a session removed meanwhile is refused' sh -c \
    'cd nt/c && EDITOR="sh -c '"'"'\"$IPT\" session rm 2 > /dev/null; echo late > \$1'"'"' sh" "$IPT" session note 2 2> ../../err'
t_grep 'with the reason and the kept text' 'session 2 (2026-09-08) was removed while its note was open; nothing saved, your text is kept in' err
t 'no note for the removed session' test ! -e nt/c/notes/0002.md
finish
