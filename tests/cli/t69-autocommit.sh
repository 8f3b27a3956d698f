#!/bin/sh
# t69-autocommit.sh: the autocommit that builds its tree from HEAD's
# (git mktree) and never commits the index: afterwards the index agrees
# with HEAD, what the user staged stays staged and out of the commit,
# and new files, a first commit, a detached HEAD, a busy index.lock and
# signing all behave.
. "$(dirname "$0")/lib.sh"
command -v git > /dev/null || { echo "ok 1 - # SKIP no git"; echo 1..1; exit 0; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org \
    GIT_CONFIG_NOSYSTEM=1 HOME=$T_TMP
git config --global init.defaultBranch main

# What HEAD's last commit changed, on one line.
changed() { git -C "$1" show --name-status --format= HEAD | tr '\t\n' '  '; }
clean() { git -C "$1" diff --cached --quiet && git -C "$1" diff --quiet &&
	[ -z "$(git -C "$1" status --porcelain)" ]; }

# A first commit: HEAD is unborn, git commit makes it.
mkdir p
printf '[git]\nautocommit = "yes"\n' > p/ipt.ini
git -C p init -q
t 'the first write of a practice without a commit' ipt init p/ana --start 2026-03-02
t 'is the first commit' test "$(git -C p rev-list --count HEAD)" = 1
t 'of the client'"'"'s files only' sh -c \
    '! git -C p show --name-only --format= HEAD | grep -qv "^ana/"'
t 'the index agrees with HEAD' sh -c 'git -C p diff --cached --quiet &&
	[ "$(git -C p status --porcelain)" = "?? ipt.ini" ]'
git -C p add ipt.ini && git -C p commit -qm settings

# New files in a directory HEAD has, and a new directory.
t 'a session in a new file' ipt -C p/ana session add --date 2026-03-02
t 'commits the new file and the history' test "$(changed p)" = \
    "M ana/history.csv A ana/sessions.csv "
t 'the index agrees with HEAD: nothing staged, nothing modified' clean p
t 'the commit'"'"'s tree is the index'"'"'s' test \
    "$(git -C p rev-parse HEAD^{tree})" = "$(git -C p write-tree)"
t 'a new client, a new directory' ipt init p/bo --start 2026-03-02
t 'is committed whole' sh -c '[ "$(git -C p show --name-only --format= HEAD |
	grep -c "^bo/")" -ge 2 ]'
t 'and the index agrees' clean p
t 'the other client'"'"'s tree is HEAD^'"'"'s' test \
    "$(git -C p rev-parse HEAD:ana)" = "$(git -C p rev-parse HEAD^:ana)"
t 'a write deeper down: a note' sh -c 'cd p/ana &&
	EDITOR="sh -c \"echo talked of grief > \\\$1\" sh" "$IPT" session note 1'
t 'commits notes/0001.md' sh -c 'git -C p show --name-only --format= HEAD |
	grep -qx ana/notes/0001.md'
t 'with its text' sh -c '[ "$(git -C p show HEAD:ana/notes/0001.md)" = "talked of grief" ]'
t 'and the index agrees' clean p

# What the user staged stays staged, out of the commit.
echo draft > p/ana/letter.txt && echo mine > p/README
git -C p add ana/letter.txt README
printf '# x\n' >> p/ipt.ini && git -C p add ipt.ini
t 'a write while three files are staged' ipt -C p/ana session add --date 2026-03-09
t 'commits the records only' test "$(changed p)" = \
    "M ana/history.csv M ana/sessions.csv "
t 'the three stay staged' test "$(git -C p diff --cached --name-only | tr '\n' ' ')" = \
    "README ana/letter.txt ipt.ini "
t 'nothing else is' sh -c '[ -z "$(git -C p status --porcelain | grep -v "^[AM]  ")" ]'
git -C p commit -qm 'user files'

# The user's own hand edit of a record, staged: committed with ipt's.
printf '# hand\n' >> p/bo/client.ini && git -C p add bo/client.ini
t 'a write into a record the user changed and staged' ipt -C p/bo focus set grief
t 'commits the file as it is' sh -c 'git -C p diff --quiet HEAD -- bo/client.ini &&
	git -C p show HEAD:bo/client.ini | grep -q "grief"'
t 'the index agrees' clean p

# Another git holds index.lock for a while: the write waits for it.
touch p/.git/index.lock
(sleep 1; rm -f p/.git/index.lock) &
ipt -C p/ana session add --date 2026-03-16 > out 2> err
t 'a write while another git holds the index' test -s out
wait
t 'waits without a warning' test ! -s err
t 'is committed once the lock is gone' test \
    "$(git -C p log -1 --format=%s)" = "ana: session 3 added"
t 'and the index agrees' clean p

# A detached HEAD moves; the branch does not.
git -C p checkout -q --detach
main=$(git -C p rev-parse main)
t 'a write on a detached HEAD' ipt -C p/ana session add --date 2026-03-23
t 'commits on HEAD' test "$(git -C p rev-parse HEAD^)" = "$main"
t 'the branch stays' test "$(git -C p rev-parse main)" = "$main"
t 'the index agrees' clean p
git -C p checkout -q main

# A merge under way: nothing committed nor staged; HEAD stays.
git -C p branch side && git -C p checkout -q side
echo side > p/side.txt && git -C p add side.txt && git -C p commit -qm side
git -C p checkout -q main
git -C p merge -q --no-ff --no-commit side > /dev/null 2>&1
head=$(git -C p rev-parse HEAD)
ipt -C p/ana session add --date 2026-03-24 > out 2> err
t 'a write in the midst of a merge is saved' grep -q '^4' out
t_grep 'and not committed, and says why' 'in the midst of a merge.*nothing committed nor staged' err
t 'HEAD stays' test "$(git -C p rev-parse HEAD)" = "$head"
t 'the merge is still under way' test -f p/.git/MERGE_HEAD
t 'the records are not staged' sh -c '! git -C p diff --cached --name-only | grep -q ^ana/'
git -C p merge --abort
t 'so that git merge --abort keeps them' grep -q '^4,2026-03-24' p/ana/sessions.csv
git -C p add ana && git -C p commit -qm 'session 4 by hand'

# A record committed executable: git commit's way, mode as git sees it.
chmod 700 p/bo/client.ini && git -C p add bo/client.ini && git -C p commit -qm x
t 'a write into a file HEAD has with another mode' ipt -C p/bo focus set role-dispute
t 'is committed all the same' sh -c 'git -C p show HEAD:bo/client.ini | grep -q role-dispute'
t 'and the index agrees' clean p

# The index brought up to date by a process of its own.
printf '[git]\nautocommit = "yes"\nindex_update = "later"\n' > p/ipt.ini
git -C p commit -qam later
ipt -C p/ana session add --date 2026-03-30 > out 2> err
t 'a write with index_update later' test -s out
t 'warns of nothing' test ! -s err
t 'is committed' test "$(git -C p log -1 --format=%s)" = "ana: session 5 added"
i=0
while [ -e p/.git/index.lock ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
t 'the lock is let go within 10 s' test ! -e p/.git/index.lock
t 'and the index agrees with HEAD' clean p
t 'no second name of the index is left' sh -c '! ls p/.git | grep -q ipt-index'
t 'two writes in a row: the second waits for the first' sh -c '
	"$IPT" -C p/ana session add --date 2026-04-06 > /dev/null 2> err &&
	"$IPT" -C p/bo session add --date 2026-04-06 > /dev/null 2>> err &&
	test ! -s err'
i=0
while [ -e p/.git/index.lock ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
t 'both are committed' test "$(git -C p log -2 --format=%s | tr '\n' ' ')" = \
    "bo: session 1 added ana: session 6 added "
t 'and the index agrees' clean p

# Writers at once: each waits for the others' locks, none gives up.
n0=$(git -C p rev-list --count HEAD)
for c in ana bo; do ipt init p/w$c --start 2026-04-01 > /dev/null; done
for c in ana bo; do (for i in 1 2 3 4; do
	"$IPT" -C p/w$c goal add "goal $i" > /dev/null 2>> err.$c
done) & done
wait
i=0
while [ -e p/.git/index.lock ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
t 'writers at once: every write committed' test \
    "$(git -C p rev-list --count HEAD)" = $((n0 + 10))
t 'without a warning' sh -c '! cat err.ana err.bo | grep -q .'
t 'and the index agrees' clean p
git clone -q --bare p remote.git && git -C p remote add origin ../remote.git
ipt -C p/ana session add --date 2026-04-13 > /dev/null
i=0
while [ -e p/.git/index.lock ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
echo draft > p/bo/letter.txt
sleep 3 &
printf 'ipt-index %s\nana/sessions.csv\n' $! > p/.git/index.lock
(sleep 1; rm -f p/.git/index.lock) &
t 'ipt sync while an index update is under way waits for it' ipt -C p sync
wait
t 'commits what was pending' sh -c 'git -C p show --name-only --format= HEAD |
	grep -qx bo/letter.txt'
t 'and pushes it with the write' test "$(git -C remote.git log -2 --format=%s main |
	sed -n 2p)" = "ana: session 7 added"

# An ipt that died before the index was brought up to date: its lock,
# naming a process that is no more, and an index behind HEAD.
dead=$(sh -c 'echo $$')
printf '\n' >> p/ana/sessions.csv
GIT_INDEX_FILE=$T_TMP/idx git -C p read-tree HEAD
GIT_INDEX_FILE=$T_TMP/idx git -C p add ana/sessions.csv
c=$(git -C p commit-tree -p HEAD -m died $(GIT_INDEX_FILE=$T_TMP/idx git -C p write-tree))
git -C p update-ref HEAD "$c"
printf 'ipt-index %s\nana/sessions.csv\n' "$dead" > p/.git/index.lock
t 'the index stages a reversal' sh -c '! git -C p diff --cached --quiet'
t 'which git will not commit while the lock is there' sh -c \
    '! git -C p commit -qm reversal 2> /dev/null'
t 'the next write' ipt -C p/bo session add --date 2026-04-14
i=0
while [ -e p/.git/index.lock ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
t 'finishes the dead one'"'"'s work and commits' test \
    "$(git -C p log -2 --format=%s | tr '\n' ' ')" = "bo: session 2 added died "
t 'the index agrees with HEAD again' clean p
t 'a lock of another git is left alone' sh -c 'echo other > p/.git/index.lock &&
	"$IPT" -C p/bo session add --date 2026-04-20 > /dev/null 2> err;
	grep -q "index stayed locked" err && [ "$(cat p/.git/index.lock)" = other ]'
rm p/.git/index.lock

# A [git] value not understood stops a write before it writes.
cp p/ipt.ini ini.keep
printf '[git]\nautocommit = "yes"\nsign = "on"\n' > p/ipt.ini
snap p/ana
t_fail 1 'sign = "on" stops the write' ipt -C p/ana goal add "Sleep through"
ipt -C p/ana goal add "Sleep through" 2> err
t_grep 'naming the key and its value' \
    '^ipt: ipt.ini: \[git\] sign: "on" is not yes or no; nothing changed$' err
t_unchanged 'and the records are as they were' p/ana
printf '[git]\nautocommit = "yes"\nindex_update = "soon"\n' > p/ipt.ini
t_fail 1 'so does index_update = "soon"' ipt -C p/ana goal add "Sleep through"
ipt -C p/ana goal add "Sleep through" 2> err
t_grep 'naming it' \
    '^ipt: ipt.ini: \[git\] index_update: "soon" is not now, later or auto; nothing changed$' err
t_unchanged 'the records still as they were' p/ana
cp ini.keep p/ipt.ini

# Signed, when [git] sign says so.
if command -v ssh-keygen > /dev/null; then
	ssh-keygen -q -t ed25519 -N '' -C t -f key
	echo "t@example.org $(cat key.pub)" > allowed
	printf '[git]\nautocommit = "yes"\nsign = "yes"\nsigning_key = "%s"\n' \
	    "$T_TMP/key" > p/ipt.ini
	git -C p commit -qam signing
	t 'a signed write' ipt -C p/ana session add --date 2026-05-04
	t 'is signed' test "$(git -C p -c gpg.ssh.allowedSignersFile="$T_TMP/allowed" \
	    log -1 --format=%G?)" = G
	t 'and the index agrees' clean p
fi
finish
