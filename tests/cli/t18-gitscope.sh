#!/bin/sh
# t18-gitscope.sh: autocommit commits only into the practice's own
# repository (or the one [git] repository names), only the records of
# clients, and a missing git identity stops a write before it writes.
. "$(dirname "$0")/lib.sh"
command -v git > /dev/null || { echo "ok 1 - # SKIP no git"; echo 1..1; exit 0; }
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
    GIT_COMMITTER_EMAIL EMAIL GIT_DIR GIT_WORK_TREE || true
export GIT_CONFIG_NOSYSTEM=1 HOME=$T_TMP
git config --global init.defaultBranch main
git config --global user.name 'T. Therapist'
git config --global user.email t@example.org

# A practice inside a dotfiles repository in $HOME.
git init -q .
echo dotfiles > .bashrc
git add .bashrc && git commit -qm dotfiles
mkdir practice
printf '[git]\nautocommit = "yes"\n' > practice/ipt.ini
t 'a write in a practice inside another repository' sh -c \
    'cd practice && "$IPT" init ana --start 2026-11-02 > /dev/null 2> ../err'
t 'saves the records' test -f practice/ana/client.ini
t_grep 'and warns that nothing is committed' \
    "warning: .*/practice: in the git repository of $T_TMP, not the practice's own: nothing committed" err
t 'the enclosing repository gets no commit' \
    test "$(git log --format=%s | head -1)" = dotfiles
t 'and nothing staged' sh -c '[ -z "$(git diff --cached --name-only)" ]'

# Asked for by name: [git] repository.
printf '[git]\nautocommit = "yes"\nrepository = ".."\n' > practice/ipt.ini
t 'with [git] repository naming it' sh -c \
    'cd practice/ana && "$IPT" session add --date 2026-11-02 > /dev/null'
t 'the write is committed there' \
    test "$(git log -1 --format=%s)" = 'ana: session 1 added'
rm -rf .git practice/ana

# The practice's own repository.
printf '[git]\nautocommit = "yes"\n' > practice/ipt.ini
(cd practice && git init -q . && git add ipt.ini && git commit -qm start)
ipt init practice/bo --start 2026-11-02 > /dev/null
t 'init is committed' sh -c \
    '[ "$(git -C practice log -1 --format=%s)" = "bo: client created" ]'
ipt -C practice/bo session add --date 2026-11-02 > /dev/null
t 'export --output inside the practice' sh -c \
    'cd practice && "$IPT" export --format csv --output exp > /dev/null'
t 'writes the export' test -e practice/exp
t 'which is not committed' sh -c \
    '! git -C practice log --name-only --format= | grep -q "^exp"'
t 'and left for its owner to decide' sh -c \
    'git -C practice status --porcelain | grep -q "^?? exp"'

# No git identity: refused before writing, at once.
git config --global --unset user.name
git config --global --unset user.email
git config --global user.useConfigOnly true
snap practice/bo
start=$(date +%s)
t_fail 1 'a write without a git identity is refused' ipt -C practice/bo \
    session add --date 2026-11-09
cp "$T_TMP/.out" err
end=$(date +%s)
t_grep 'saying why' 'git has no identity to commit with.*nothing changed$' err
t 'in one line' test "$(wc -l < err)" = 1
t 'at once, not after retries' test $((end - start)) -le 1
t_unchanged 'records unchanged' practice/bo
t 'no commit made' sh -c \
    '[ "$(git -C practice log -1 --format=%s)" = "bo: session 1 added" ]'
t 'a read command runs all the same' ipt -C practice/bo status
t 'so does ipt check, which writes only with --fix' ipt check practice/bo
t_unchanged 'records still unchanged' practice/bo
printf '[git]\nautocommit = "no"\n' > practice/ipt.ini
t 'without autocommit no identity is needed' ipt -C practice/bo session add \
    --date 2026-11-09
finish
