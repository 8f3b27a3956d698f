#!/bin/sh
# t36-sync.sh: ipt sync with real git, a bare remote and clones: clean
# syncs both ways, a union merge that check --fix repairs, a true
# conflict and a check error that stop it before the push, a file git
# cannot merge, a fresh clone usable at once, bad usage.
. "$(dirname "$0")/lib.sh"
command -v git > /dev/null || { echo "ok 1 - # SKIP no git"; echo 1..1; exit 0; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org \
    GIT_CONFIG_NOSYSTEM=1 HOME=$T_TMP
git config --global init.defaultBranch main

mkdir p
: > p/ipt.ini
ipt init p/ana --start 2026-09-01 > /dev/null
(cd p/ana && for d in 01 08; do "$IPT" session add --date 2026-09-$d > /dev/null; done)
(cd p && git init -q && git add -A && git commit -qm start)
git clone -q --bare p central.git
git clone -q central.git a
git clone -q central.git b
rhead() { git --git-dir="$T_TMP/central.git" rev-parse main; }

# --- clean syncs both ways ------------------------------------------------
(cd a/ana && IPT_NOW=2026-11-26T10:00:00Z "$IPT" session add --date 2026-09-15 --mood 5 > /dev/null)
t 'a syncs' sh -c 'cd a && "$IPT" sync > ../out'
t_grep 'it commits what was not committed' '^committed the changes not committed yet$' out
t_grep 'and pushes' '^pushed to origin/main$' out
t 'the remote has the session' sh -c 'git --git-dir=central.git show main:ana/sessions.csv | grep -q "^3,2026-09-15,"'
t 'the work tree is clean after' sh -c '[ -z "$(git -C a status --porcelain)" ]'
t 'b syncs' sh -c 'cd b/ana && "$IPT" sync > ../../out'
t_grep 'b merged it' '^merged origin/main$' out
t 'b has the session' grep -q '^3,2026-09-15,' b/ana/sessions.csv
t 'a second sync has nothing to do' sh -c 'cd b && "$IPT" sync > ../out && grep -q "^up to date with origin/main$" ../out &&
	! grep -q committed ../out'

# --- a merge that the history repairs --------------------------------------
(cd a/ana && IPT_NOW=2026-11-26T11:00:00Z "$IPT" session add --date 2026-09-22 --mood 4 > /dev/null)
(cd b/ana && IPT_NOW=2026-11-26T12:00:00Z "$IPT" session add --date 2026-09-22 --mood 6 > /dev/null &&
    IPT_NOW=2026-11-26T12:00:00Z "$IPT" session add --date 2026-09-29 > /dev/null)
t 'b syncs first' sh -c 'cd b && "$IPT" sync > /dev/null'
t 'a syncs: both sessions 4 merged' sh -c 'cd a && "$IPT" sync > ../out 2>&1'
t_grep 'sync says what check --fix repaired' '^ana/sessions.csv: session 5 of 2026-09-29 is now session 6 (two clones added session 4)$' out
t_grep 'and pushes the repaired merge' '^pushed to origin/main$' out
t 'both sessions 4 are kept' sh -c 'grep -q "^[45],2026-09-22,.*,4,,\$" a/ana/sessions.csv &&
	grep -q "^[45],2026-09-22,.*,6,,\$" a/ana/sessions.csv && grep -q "^6,2026-09-29," a/ana/sessions.csv'
t 'the merge commit holds the repair' sh -c '[ "$(git -C a log -1 --format=%s)" = "ipt sync: merge of origin/main" ] &&
	[ -z "$(git -C a status --porcelain)" ]'
t 'check is clean in a' ipt check --quiet a/ana
t 'b syncs the repaired merge' sh -c 'cd b && "$IPT" sync > /dev/null'
t 'a and b agree' sh -c 'diff a/ana/sessions.csv b/ana/sessions.csv && diff a/ana/history.csv b/ana/history.csv'

# --- a true conflict stops it, listed for a person --------------------------
(cd a/ana && IPT_NOW=2026-11-27T09:00:00Z "$IPT" session edit 2 --mood 3 > /dev/null && "$IPT" sync > /dev/null)
(cd b/ana && IPT_NOW=2026-11-27T10:00:00Z "$IPT" session edit 2 --mood 7 > /dev/null)
pushed=$(rhead)
t_fail 1 'b syncs: the conflict stops it' sh -c 'cd b && "$IPT" sync > ../out 2> ../err'
t_grep 'the row is listed for a person' "^ipt: sync: ana/sessions.csv: session 2: changed differently on two clones (mood: '7' or '3')" err
t_grep 'with what to do' '^ipt: sync: nothing pushed: 1 error of ipt check; decide each .*ipt history --resolve ID.*run ipt sync again (the merge is committed here)$' err
t 'nothing was pushed' test "$(rhead)" = "$pushed"
id=$(sed -n "s/.*ipt history --resolve \([0-9a-f]*\).*/\1/p" err | head -n 1)
t 'the decision is recorded' sh -c "cd b/ana && \"\$IPT\" history --resolve $id > /dev/null"
t 'sync then pushes it' sh -c 'cd b && "$IPT" sync > ../out && grep -q "^pushed to origin/main$" ../out'
t 'the remote has the decision' test "$(rhead)" != "$pushed"
t 'a syncs it and is clean' sh -c 'cd a && "$IPT" sync > /dev/null && "$IPT" check --quiet ana'

# --- check errors: refused ---------------------------------------------------
printf '9,2026-13-45,individual,attended,,,,,,,\n' >> b/ana/sessions.csv
pushed=$(rhead)
t_fail 1 'a practice with check errors is not pushed' sh -c 'cd b && "$IPT" sync > ../out 2> ../err'
t_grep 'the error is named with its file and line' '^ipt: sync: ana/sessions.csv:[0-9]*: .*2026-13-45' err
t_grep 'and what to do' '^ipt: sync: nothing pushed: 2 errors of ipt check' err
t 'the remote is as it was' test "$(rhead)" = "$pushed"
sed -i '/2026-13-45/d' b/ana/sessions.csv
t 'once corrected it is pushed' sh -c 'cd b && "$IPT" sync > ../out && grep -q "^pushed" ../out'

# --- a file git cannot merge: the merge aborted, the files listed -----------
(cd a && "$IPT" sync > /dev/null)
(cd a/ana && IPT_NOW=2026-11-28T09:00:00Z "$IPT" focus set grief > /dev/null && "$IPT" sync > /dev/null)
(cd b/ana && IPT_NOW=2026-11-28T10:00:00Z "$IPT" focus set role-dispute > /dev/null)
(cd b && git add -A && git commit -qm focus)
snap b/ana
t_fail 1 'two focus decisions: client.ini cannot be merged' sh -c 'cd b && "$IPT" sync > ../out 2> ../err'
t_grep 'the file is listed' '^ipt: sync: ana/client.ini: changed on both sides; git cannot merge it$' err
t_grep 'and what to do' '^ipt: sync: nothing merged, the records are as they were: merge by hand (git merge origin/main' err
t_unchanged 'the records are as they were' b/ana
t 'no merge is left under way' sh -c '! git -C b rev-parse -q --verify MERGE_HEAD'
(cd b && git merge -q origin/main > /dev/null 2>&1)
t_fail 1 'a merge under way with a file to decide stops it' sh -c 'cd b && "$IPT" sync 2> ../err'
t_grep 'saying so' 'a merge is under way: decide each file' err
git -C b checkout -q --theirs ana/client.ini && git -C b add ana/client.ini
t 'decided by hand, the next sync concludes and pushes it' sh -c 'cd b && "$IPT" sync > ../out && grep -q "^pushed" ../out'
t 'and the merge is committed' sh -c '! git -C b rev-parse -q --verify MERGE_HEAD && [ -z "$(git -C b status --porcelain)" ]'

# --- a fresh clone is usable at once -----------------------------------------
(umask 022 && git clone -q central.git c)
t 'a fresh clone syncs' sh -c 'cd c && "$IPT" sync > ../out'
t 'its modes are the records'"'"' own' sh -c 'test "$(stat -c %a c/ana)" = 700 && test "$(stat -c %a c/ana/sessions.csv)" = 600'
t 'check is clean in it' ipt check --quiet c/ana
t 'it writes and syncs' sh -c 'cd c/ana && IPT_NOW=2026-11-29T09:00:00Z "$IPT" session add --date 2026-10-06 > /dev/null &&
	"$IPT" sync > /dev/null'
t 'and a reads it' sh -c 'cd a && "$IPT" sync > /dev/null && grep -q ",2026-10-06," ana/sessions.csv'

# --- bad usage and no remote ---------------------------------------------------
snap a/ana
t_fail 2 'an operand is a usage error' sh -c 'cd a && "$IPT" sync origin'
t_fail 2 'an unknown option too' sh -c 'cd a && "$IPT" sync --force'
t_fail 2 '--remote needs a name' sh -c 'cd a && "$IPT" sync --remote'
t_fail 1 'a remote that does not exist' sh -c 'cd a && "$IPT" sync --remote nowhere 2> ../err'
t_grep 'is named' 'no git remote nowhere: add one' err
t_unchanged 'nothing changed' a/ana
mkdir np && : > np/ipt.ini
t_fail 1 'a practice not in git' sh -c 'cd np && "$IPT" sync 2> ../err'
t_grep 'says so' 'not in a git work tree' err
finish
