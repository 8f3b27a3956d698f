#!/bin/sh
# t16-git.sh: records in git: union merges of two clones repaired by
# ipt check --fix, and autocommit of every write.
. "$(dirname "$0")/lib.sh"
command -v git > /dev/null || { echo "ok 1 - # SKIP no git"; echo 1..1; exit 0; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org \
    GIT_CONFIG_NOSYSTEM=1 HOME=$T_TMP
git config --global init.defaultBranch main

mkdir practice
: > practice/ipt.ini
ipt init practice/ana --start 2026-01-05 > /dev/null
t_grep 'init writes .gitattributes for union merges' '^\*\.csv merge=union$' practice/ana/.gitattributes
t_grep 'init writes .gitignore for the lock' '^\.ipt\.lock$' practice/ana/.gitignore
(cd practice/ana && for d in 01-05 01-12; do "$IPT" session add --date 2026-$d > /dev/null; done
    "$IPT" measure add phq9 --date 2026-01-05 2 2 2 2 2 2 2 2 0 > /dev/null)
t 'commit the practice' sh -c 'cd practice && git init -q && git add -A && git commit -qm start'
t 'clone it twice' sh -c 'git clone -q --bare practice central.git &&
	git clone -q central.git a && git clone -q central.git b'

# Each colleague adds a session and a measure on the same day.
(cd a/ana && "$IPT" session add --date 2026-01-19 --mood 4 > /dev/null &&
    "$IPT" measure add phq9 --date 2026-01-19 1 1 1 1 1 1 1 1 0 > /dev/null &&
    git commit -qam 'a: session 3')
# (Each at a time of its own: at one pinned IPT_NOW the ids would agree.)
(cd b/ana && export IPT_NOW=2026-11-26T12:30:00Z && "$IPT" session add --date 2026-01-19 --mood 6 > /dev/null &&
    "$IPT" session add --date 2026-01-26 > /dev/null &&
    git commit -qam 'b: sessions 3 and 4')
t 'b pushes first' sh -c 'cd b && git push -q origin main'
t 'a pulls: the union merge has no conflict' sh -c 'cd a && git pull -q --no-rebase origin main'
ipt check a/ana > out 2>&1
t_grep 'the clash of session 3 is reported' 'session 3 appears twice with different contents' out
t_fail 1 'check fails on the clash' ipt check a/ana
ipt check --fix a/ana > out 2>&1
t_grep 'fix numbers the two sessions 3 by date' 'session 4 of 2026-01-26 is now session 5' out
t 'both sessions 3 are kept' sh -c 'grep -q "^[34],2026-01-19,.*,4,,\$" a/ana/sessions.csv &&
	grep -q "^[34],2026-01-19,.*,6,,\$" a/ana/sessions.csv && grep -q "^5,2026-01-26," a/ana/sessions.csv'
t 'after the fix check is clean of errors' sh -c '"$IPT" check --quiet a/ana > out; ! grep -q error out'
t 'a merge of identical rows leaves duplicates that fix removes' sh -c '
	cd a/ana && sed -n 2p measures.csv >> measures.csv &&
	"$IPT" check --fix . > ../../fix.out 2>&1 && grep -q "removed 1 duplicate row" ../../fix.out'

# Autocommit, where ipt.ini asks for it.
printf '[git]\nautocommit = "yes"\n' > practice/ipt.ini
(cd practice && git add ipt.ini && git commit -qm autocommit)
t 'a write with autocommit' sh -c 'cd practice/ana && "$IPT" session add --date 2026-02-02 > /dev/null'
t 'the commit message names client and action' sh -c \
    '[ "$(git -C practice log -1 --format=%s)" = "ana: session 3 added" ]'
t 'exactly the changed file and its history are committed' sh -c \
    '[ "$(git -C practice show --name-only --format= HEAD | tr "\n" " ")" = "ana/history.csv ana/sessions.csv " ]'
t 'the work tree is clean' sh -c '[ -z "$(git -C practice status --porcelain)" ]'
echo mine > practice/README && git -C practice add README
t 'a write while something else is staged' sh -c 'cd practice/ana && "$IPT" session add --date 2026-02-09 > /dev/null'
t 'commits the records only' sh -c \
    '[ "$(git -C practice show --name-only --format= HEAD | tr "\n" " ")" = "ana/history.csv ana/sessions.csv " ]'
t 'and leaves the rest staged, the records clean' sh -c \
    '[ "$(git -C practice status --porcelain | tr "\n" " ")" = "A  README " ]'
git -C practice rm -q --cached README && rm practice/README
touch practice/.git/index.lock
t 'a busy index: the write still succeeds' sh -c \
    'cd practice/ana && "$IPT" focus set grief > /dev/null 2> ../../err'
t_grep 'and warns' 'warning: .*git could not commit' err
t 'the record was written' grep -q '^primary = "grief"$' practice/ana/client.ini
t 'our lock file is not removed, none added' test -f practice/.git/index.lock
rm practice/.git/index.lock
t 'the next write commits again' sh -c 'cd practice/ana && "$IPT" plan --status paused > /dev/null &&
	[ "$(git -C ../ log -1 --format=%s)" = "ana: plan changed" ]'
printf '[git]\nautocommit = "no"\n' > practice/ipt.ini
t 'no autocommit when not asked' sh -c 'cd practice/ana && n=$(git -C .. rev-list --count HEAD) &&
	"$IPT" plan --status active > /dev/null && [ "$(git -C .. rev-list --count HEAD)" = "$n" ]'
finish
