#!/bin/sh
# t20-check.sh: ipt check finds exactly the problems planted in copies of
# a clean client, with their lines, and --fix repairs only what is safe.
. "$(dirname "$0")/lib.sh"

# A standard client that keeps every rule: 6 sessions held, the inventory
# the focus, the formulation and the tasks in the initial phase, PHQ-9 at every session, GAD-7 every
# 4 sessions, WSAS every 28 days.
make_clean() {
	"$IPT" init "$1" --start 2026-01-05 > /dev/null || return 1
	(
	cd "$1" || exit 1
	n=0
	for d in 01-05 01-12 01-19 01-26 02-02 02-09; do
		n=$((n + 1))
		"$IPT" session add --date 2026-$d --mood 5 --technique sick-role \
		    --technique inventory --technique formulation \
		    --technique contract > /dev/null
		"$IPT" measure add phq9 --date 2026-$d 1 1 1 1 1 1 1 1 0 > /dev/null
		case $n in 1|5) "$IPT" measure add gad7 --date 2026-$d 1 1 1 1 1 1 1 > /dev/null ;; esac
		case $n in 1|5) "$IPT" measure add wsas --date 2026-$d 2 2 2 2 2 > /dev/null ;; esac
	done
	"$IPT" inventory add Sam --relationship partner --date 2026-01-05 > /dev/null
	"$IPT" inventory add Mia --relationship mother --date 2026-01-12 > /dev/null
	"$IPT" inventory add Joe --relationship friend --date 2026-01-12 > /dev/null
	"$IPT" focus set role-dispute --date 2026-01-26 > /dev/null
	"$IPT" formulation add --date 2026-01-26 --person Sam \
	    'A dispute with Sam' > /dev/null
	) || return 1
}

# expect DIR: the check output must be exactly the lines given on stdin.
expect() {
	cat > "$T_TMP/want"
	"$IPT" check "$1" > "$T_TMP/got" 2> /dev/null
	echo $? > "$T_TMP/rc"
	diff -u "$T_TMP/want" "$T_TMP/got"
}

t 'build a clean client' make_clean clean
t 'a clean client has no findings' sh -c '"$IPT" check clean > out && ! [ -s out ]'
t 'clean exits 0' ipt check clean
t 'check in the client directory' sh -c 'cd clean && "$IPT" check'
# The fixtures below are hand edits of a directory kept without history
# (as before ipt 2); how the history sees hand edits and merges is
# t22-history.sh.  c4h: with a history, the advice is check --fix.
cp -R clean c4h
sed -n 3p c4h/sessions.csv | sed 's/,5,/,7,/' >> c4h/sessions.csv
rm clean/history.csv

# File rules.
cp -R clean c1
sed -i '3s/,individual,/,lecture,/' c1/sessions.csv
t 'bad value reported with its line' expect c1 <<'X'
c1/sessions.csv:3: error: kind: 'lecture' is not one of: individual, conjoint, parent, group, maintenance
X
t_fail 1 'an error exits 1' ipt check c1

cp -R clean c2
printf '7,"2026-02-16,individual\n' >> c2/sessions.csv
t 'unparsable file reported with its line' expect c2 <<'X'
c2/sessions.csv:8: error: unterminated quoted field
X

cp -R clean c3
sed -i '1s/$/,extra/; 2,$s/$/,x/' c3/sessions.csv
t 'unknown column is a warning' expect c3 <<'X'
c3/sessions.csv:1: warning: unknown column 'extra' (kept as it is)
X
t 'warnings alone exit 0' ipt check c3

cp -R clean c4
sed -n 3p c4/sessions.csv | sed 's/,5,/,7,/' >> c4/sessions.csv
t 'conflicting session numbers are an error' expect c4 <<'X'
c4/sessions.csv:8: error: session 2 appears twice with different contents (also line 3): keep the right one by editing the file
c4/sessions.csv:8: warning: rows out of number order; ipt check --fix sorts them
X

t 'with a history, check --fix will number them' expect c4h <<'X'
c4h/sessions.csv:8: error: session 2 appears twice with different contents (also line 3): two clones added it? ipt check --fix numbers them by date
c4h/sessions.csv:8: warning: a row the history does not have (a hand edit or an interrupted write); the next change or ipt check --fix records it
c4h/sessions.csv:8: warning: rows out of number order; ipt check --fix sorts them
X
cp -R clean c5
sed -i '5s/2026-01-26/2026-01-10/' c5/sessions.csv
t 'a date going backwards is an error' expect c5 <<'X'
c5/measures.csv:7: error: session 4 was held on 2026-01-10, not 2026-01-26
c5/sessions.csv:5: error: session 4 (2026-01-10) is dated before session 2 (2026-01-12)
X

cp -R clean c6
sed -i '2s/,1,phq9,/,9,phq9,/' c6/measures.csv
t 'a measure naming a missing session' expect c6 <<'X'
c6/measures.csv:2: error: session 9 does not exist in sessions.csv
X

cp -R clean c7
sed -i '2s/,8,/,9,/' c7/measures.csv
t 'a total that disagrees with its items' expect c7 <<'X'
c7/measures.csv:2: error: total is 9 but the items score 8
X

cp -R clean c8
sed -i '2s/1 1 1 1 1 1 1 1 0,$/1 1 1 1 1 1 1 1 1,/; 2s/,8,mild,/,9,mild,/' c8/measures.csv
t 'a positive risk item without a flag' expect c8 <<'X'
c8/measures.csv:2: error: risk item positive (item 9 = 1) but the row has no risk flag
X

cp -R clean c9
sed -i 's/^primary = "role-dispute"$/primary = "grief"/' c9/client.ini
t 'client.ini focus differs from focus.csv' expect c9 <<'X'
c9/client.ini: error: [focus] is 'grief' since '2026-01-26', but the last decision in focus.csv (line 2) is 'role-dispute' on 2026-01-26; ipt check --fix sets it from focus.csv
X

cp -R clean c10
sed -n 4p c10/sessions.csv >> c10/sessions.csv
t 'an exact duplicate row' expect c10 <<'X'
c10/sessions.csv:8: warning: duplicate of line 4 (left by a merge?); ipt check --fix removes it
c10/sessions.csv:8: warning: rows out of number order; ipt check --fix sorts them
X

cp -R clean c11
touch c11/.sessions.csv.tmp.AbC123 && chmod 600 c11/.sessions.csv.tmp.AbC123
t 'a temporary file of a crash' expect c11 <<'X'
c11/.sessions.csv.tmp.AbC123: warning: temporary file of an interrupted write; the next write or ipt check --fix removes it
X

cp -R clean c12
sed -i 's/^variant = "standard"$/variant = "nosuch"/' c12/client.ini
ipt check c12 > out 2>&1
t_grep 'unknown variant in client.ini' '^c12/client.ini: error: \[client\] variant: ' out

# Fidelity rules, each violated once.
cp -R clean f1
rm f1/focus.csv
sed -i 's/^primary = "role-dispute"$/primary = ""/; s/^set_on = "2026-01-26"$/set_on = ""/' f1/client.ini
t 'focus not agreed by the end of the initial phase' expect f1 <<'X'
f1/sessions.csv:5: warning: no focus agreed by session 4 (held session 4), the end of the initial phase
X

cp -R clean f2
sed -i '/^2026-01-12,Joe,/d' f2/inventory.csv
t 'inventory too small by the end of the initial phase' expect f2 <<'X'
f2/sessions.csv:5: warning: the inventory names 2 of the 3 people the initial phase asks for by session 4
X

cp -R clean f3
sed -i 's/^planned_sessions = "16"$/planned_sessions = "5"/' f3/client.ini
ipt check f3 > out 2>&1
t_grep 'a session past the plan' '^f3/sessions.csv:7: warning: session 6 is past the plan of 5 sessions' out

cp -R clean f4
sed -i 's/^status = "active"$/status = "ended"/' f4/client.ini
t 'ended without a final-phase session' expect f4 <<'X'
f4/client.ini: warning: the client is marked ended but no concluding session (final phase) was held
X

cp -R clean f5
sed -i '/^2026-01-19,3,phq9,/d' f5/measures.csv
t 'a measure due and not given' expect f5 <<'X'
f5/sessions.csv:4: warning: phq9 was due at session 3 (every session) and not given
X

cp -R clean f6
# Item 9 positive at sessions 2 and 3, then 0 at session 4: neither
# flag is reviewed by the next session held after it, and the answer 0
# at session 4 closes nothing (only a review does), so both are errors
# and both are still open.
sed -i '5s/1 1 1 1 1 1 1 1 0,$/1 1 1 1 1 1 1 1 2,risk/; 5s/,8,mild,/,10,moderate,/' f6/measures.csv
sed -i '6s/1 1 1 1 1 1 1 1 0,$/1 1 1 1 1 1 1 1 1,risk/; 6s/,8,mild,/,9,mild,/' f6/measures.csv
t 'a risk flag not reviewed by the next session' expect f6 <<'X'
f6/measures.csv:5: error: risk flag of 2026-01-12 (phq9 item 9 = 2) was not reviewed by the next session (3 on 2026-01-19) and is still open
f6/measures.csv:6: error: risk flag of 2026-01-19 (phq9 item 9 = 1) was not reviewed by the next session (4 on 2026-01-26) and is still open
X
cp -R clean f6b
(cd f6b && "$IPT" measure add phq9 --date 2026-02-09 1 1 1 1 1 1 1 1 1 > /dev/null)
t 'a flag at the last session is no finding yet' sh -c '"$IPT" check f6b > out && ! [ -s out ]'
(cd f6b && "$IPT" session add --date 2026-02-16 > /dev/null &&
    "$IPT" measure add phq9 --date 2026-02-16 1 1 1 1 1 1 1 1 1 > /dev/null)
ipt check f6b > out 2>&1
t_grep 'the next session without a review is an error' \
    '^f6b/measures.csv:12: error: risk flag of 2026-02-09 (phq9 item 9 = 1) was not reviewed by the next session (7 on 2026-02-16) and is still open' out
t 'review it' sh -c 'cd f6b && "$IPT" risk review --date 2026-02-16 --note "safety plan made" > /dev/null'
t 'after the review check is clean' sh -c '"$IPT" check f6b > out && ! [ -s out ]'
cp -R clean f7
(cd f7 && for d in 02-16 02-23 03-02 03-09 03-16 03-23 03-30; do
	"$IPT" session add --date 2026-$d > /dev/null
	"$IPT" measure add phq9 --date 2026-$d 1 1 1 1 1 1 1 1 0 > /dev/null
done
"$IPT" measure add gad7 --date 2026-03-02 1 1 1 1 1 1 1 > /dev/null
"$IPT" measure add wsas --date 2026-03-09 2 2 2 2 2 > /dev/null
"$IPT" measure add gad7 --date 2026-03-30 1 1 1 1 1 1 1 > /dev/null)
ipt check f7 > out 2>&1
t_grep 'termination not raised in time' '^f7/sessions.csv:14: warning: the ending was not raised' out

# --fix: duplicates removed, order restored, focus synced; nothing else.
cp -R clean m
sed -n 3,4p m/sessions.csv >> m/sessions.csv
sed -n 2p m/measures.csv >> m/measures.csv
sed -i 's/^primary = "role-dispute"$/primary = "grief"/' m/client.ini
ipt check --fix m > out 2>&1
t_grep 'fix says what it removed' 'm/sessions.csv: removed 2 duplicate rows' out
t_grep 'fix says it synced the focus' 'm/client.ini: focus set from focus.csv' out
t 'after --fix the copy equals the clean client' sh -c \
    'for f in sessions.csv measures.csv client.ini; do cmp clean/$f m/$f || exit 1; done'
t 'after --fix check is clean' sh -c '"$IPT" check m > out2 && ! [ -s out2 ]'
# measures.csv is in order by date alone: a row of no session after one
# of a session on the same day is in order for check, and --fix leaves it.
cp -R clean mo
grep ',5,wsas,' mo/measures.csv | sed 's/^2026-02-02,5,/2026-02-09,,/' >> mo/measures.csv
cp mo/measures.csv mo.before
ipt check --fix mo > out 2>&1
t 'check and --fix agree on the order of measures.csv' sh -c \
    '! grep -q "order" out && cmp mo.before mo/measures.csv'
cp -R clean m2
sed -n 3p m2/sessions.csv | sed 's/,5,/,7,/' >> m2/sessions.csv
ipt check --fix m2 > out 2>&1
t_grep '--fix leaves a conflict for the clinician' 'session 2 appears twice with different contents' out
t_grep 'both conflicting rows are kept' '^2,2026-01-12,.*,7,' m2/sessions.csv

cp -R clean i1
sed -n 2p i1/inventory.csv | sed 's/,partner,/,husband,/' >> i1/inventory.csv
ipt check i1 > out 2>&1
t_grep 'a person rated twice on one day with different contents' \
    "^i1/inventory.csv:5: error: Sam is rated twice on 2026-01-05 with different contents (also line 2)" out

cp -R clean fx
sed -n 3p fx/sessions.csv >> fx/sessions.csv
t_fail 1 'a --fix that cannot write exits 1' env IPT_TEST_FAULT=rename "$IPT" check --fix fx
t 'and changes nothing' sh -c '[ "$(wc -l < fx/sessions.csv)" = 8 ]'

# A tree of clients: every client is checked; findings sorted by path.
mkdir tree && cp -R clean tree/b && cp -R c1 tree/a
ipt check tree > out 2> err
t 'tree check reports the broken client' grep -q '^tree/a/sessions.csv:3: error' out
t_grep 'summary line on stderr' '2 clients checked: 1 error, 0 warnings' err

# A practice definition that does not read: said once, and counted.
mkdir -p bad/instruments && : > bad/ipt.ini
ipt init bad/a > /dev/null && ipt init bad/b > /dev/null
printf '[instrument]\ntitle = x\n' > bad/instruments/phq9.ini
chmod 700 bad/instruments && chmod 600 bad/instruments/phq9.ini
t_fail 1 'a broken practice definition: exit 1' ipt check bad
ipt check bad > out 2> err
t 'said once for the practice, not per client' \
    test "$(grep -c 'instruments/phq9.ini' err)" = 1
t_grep 'and the summary counts it' '^2 clients checked: 0 errors, 0 warnings, 1 not read (said above)$' err

# One id for two clients of a practice: an error, at the second.
mkdir -p ids && : > ids/ipt.ini
ipt init ids/c/ana > /dev/null && ipt init ids/c/dup --id ana > /dev/null
cp -R ids/c/ana ids/c/copy
ipt check ids > out 2> err
t_grep 'a second client with the id is named' \
    "^ids/c/dup/client.ini: error: \[client\] id: 'ana' is also the id of ids/c/ana" out
t_grep 'a copied directory too' "^ids/c/copy/client.ini: error: \[client\] id: 'ana'" out
t 'the first is not' sh -c '! grep -q "^ids/c/ana/" out'
t_fail 1 'check exits 1' ipt check ids
mkdir -p other && : > other/ipt.ini && ipt init other/ana > /dev/null
t 'one id in two practices is not an error' ipt check ids/c/ana other
t 'one client named twice is not two' ipt check ids/c/ana ids/c/ana/ "$PWD/ids/c/ana"

# The examples have no error.
t 'the examples have no error' sh -c 'cd "$0" && "$IPT" check --quiet examples/practice' "$OLDPWD"
finish
