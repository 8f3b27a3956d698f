#!/bin/sh
# t64-gitobj.sh: the autocommit made in process (lib/gitobj.c) in a plain
# repository, git itself elsewhere.  A git in PATH that notes its
# arguments says which git commands a write ran: in process, only the
# index update (git update-index).  After each write git fsck --strict is
# clean and git log, cat-file and the reflog say what ipt meant; the
# commit is byte for byte git commit-tree's; loose objects, packs with
# OFS and REF deltas, a packed-refs-only branch, a detached HEAD; a
# sha256 repository, a git worktree and a --separate-git-dir clone (a
# .git file) and an [include] in the settings are git's; the identity and
# the history's author come from git's settings in process; writers at once
# all commit.
. "$(dirname "$0")/lib.sh"
command -v git > /dev/null || { echo "ok 1 - # SKIP no git"; echo 1..1; exit 0; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org \
    GIT_CONFIG_NOSYSTEM=1 HOME=$T_TMP
git config --global init.defaultBranch main
mkdir bin
cat > bin/git <<EOF
#!/bin/sh
echo "\$*" >> "$T_TMP/git.log"
exec $(command -v git) "\$@"
EOF
chmod +x bin/git
PATH=$T_TMP/bin:$PATH

fsck() { git -C "$1" fsck --strict --no-dangling > fsck.out 2>&1 &&
	! grep -v '^notice' fsck.out | grep -q .; }

# write DIR CLIENT DATE: a session added; what git ran in ran.txt (in a
# file, for a shell of its own too).
cat > fn.sh <<'EOF'
write() {
	: > git.log
	"$IPT" -C "$1/$2" session add --date "$3" > out 2> err
	T_rc=$?
	grep -v '^update-index\|^rm ' git.log | cut -d' ' -f1 |
	    tr '\n' ' ' > ran.txt
	return $T_rc
}
EOF
. ./fn.sh
export IPT

mkdir p
printf '[git]\nautocommit = "yes"\nindex_update = "now"\n' > p/ipt.ini
git -C p init -q
git -C p add ipt.ini && git -C p commit -qm settings
ipt init p/ana --start 2026-03-02 > /dev/null

# A loose repository.
t 'a write in a plain repository' write p ana 2026-03-02
t 'runs no git but the index update' test ! -s ran.txt
t 'and warns of nothing' test ! -s err
t 'git log says the commit' test "$(git -C p log -1 --format=%s)" = \
    "ana: session 1 added"
t 'of the files written' test "$(git -C p show --name-only --format= HEAD |
	tr '\n' ' ')" = "ana/history.csv ana/sessions.csv "
t 'cat-file gives the session as written' sh -c \
    'git -C p cat-file -p HEAD:ana/sessions.csv | cmp - p/ana/sessions.csv'
t 'the index agrees with HEAD' sh -c 'git -C p diff --cached --quiet &&
	git -C p diff --quiet'
t 'git fsck --strict is clean' fsck p
old=$(git -C p rev-parse HEAD^) new=$(git -C p rev-parse HEAD)
t 'logs/HEAD has the line' test "$(tail -n 1 p/.git/logs/HEAD | cut -f2)" = \
    "commit: ana: session 1 added"
t 'logs/refs/heads/main too' sh -c "tail -n 1 p/.git/logs/refs/heads/main |
	grep -q '^$old $new t <t@example.org> [0-9]* +0000	commit: ana: session 1 added\$'"
t 'git reflog reads it' sh -c 'git -C p reflog -1 | grep -q "commit: ana: session 1 added"'

# Byte for byte git commit-tree's, in a time zone of half hours.
TZ=America/St_Johns write p ana 2026-03-03
t 'a write in another time zone is in process' test ! -s ran.txt
when=$(git -C p log -1 --format=%ad --date=raw)
t 'in another time zone: the offset git gives' test "${when#* }" = \
    "$(TZ=America/St_Johns git var GIT_COMMITTER_IDENT | sed 's/.* //')"
t 'the commit is the one git commit-tree makes' test "$(git -C p rev-parse HEAD)" = \
    "$(GIT_AUTHOR_DATE="@$when" GIT_COMMITTER_DATE="@$when" git -C p \
    commit-tree -p HEAD^ -m "$(git -C p log -1 --format=%s)" HEAD^{tree})"

# Packed: OFS deltas and a branch only in packed-refs.
git -C p gc -q
t 'after git gc the branch is in packed-refs only' test ! -e p/.git/refs/heads/main
t 'a write after git gc' write p ana 2026-03-04
t 'is in process' test ! -s ran.txt
t 'is committed' test "$(git -C p log -1 --format=%s)" = "ana: session 3 added"
t 'the branch is a file again' test -f p/.git/refs/heads/main
t 'and fsck is clean' fsck p
# REF deltas, every object packed again.
git -C p -c repack.useDeltaBaseOffset=false repack -q -a -d -f
git -C p pack-refs --all
t 'a write after a repack of REF deltas' write p ana 2026-03-05
t 'is in process too' test ! -s ran.txt
t 'and committed' test "$(git -C p log -1 --format=%s)" = "ana: session 4 added"
t 'and fsck is clean' fsck p

# A new client: new trees; then a detached HEAD.
t 'a new client' ipt init p/bo --start 2026-03-02
t 'its directory is committed' test "$(git -C p rev-parse HEAD:bo/client.ini)" = \
    "$(git hash-object p/bo/client.ini)"
t 'and fsck is clean' fsck p
git -C p checkout -q --detach
main=$(git -C p rev-parse main)
t 'a write on a detached HEAD' write p bo 2026-03-06
t 'in process' test ! -s ran.txt
t 'moves HEAD' test "$(git -C p rev-parse HEAD^)" = "$main"
t 'not the branch' test "$(git -C p rev-parse main)" = "$main"
t 'logs/HEAD has it' sh -c 'tail -n 1 p/.git/logs/HEAD | grep -q "commit: bo: session 1 added"'
t 'and fsck is clean' fsck p
git -C p checkout -q main

# Writers at once: every change committed, one after the other.
n0=$(git -C p rev-list --count HEAD)
for c in ana bo; do (for d in 10 11 12 13; do
	"$IPT" -C p/$c session add --date 2026-03-$d > /dev/null 2>> err.$c
done) & done
wait
t 'writers at once: all eight committed' test \
    "$(git -C p rev-list --count HEAD)" = $((n0 + 8))
t 'without a warning' sh -c '! cat err.ana err.bo | grep -q .'
t 'the index agrees' sh -c 'git -C p diff --cached --quiet && git -C p diff --quiet'
t 'and fsck is clean' fsck p

# The identity and the history's author from git's settings, in process.
git config --global user.name 'Dr T. Who'
git config --global user.email who@example.org
t 'a write with the identity in ~/.gitconfig' env -u GIT_AUTHOR_NAME \
    -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME -u GIT_COMMITTER_EMAIL \
    sh -c '. ./fn.sh && write p ana 2026-03-14'
t 'is in process' test ! -s ran.txt
t 'commits as git would' test "$(git -C p log -1 --format='%an <%ae>|%cn <%ce>')" = \
    "$(env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL git var GIT_AUTHOR_IDENT |
	sed 's/> .*/>/')|$(env -u GIT_COMMITTER_NAME -u GIT_COMMITTER_EMAIL \
	git var GIT_COMMITTER_IDENT | sed 's/> .*/>/')"
t 'the history names user.name as the author' sh -c \
    'grep -v "^seal," p/ana/history.csv | tail -n 1 | grep -q ",Dr T. Who,"'

# A setting not read with certainty: git says who commits.
printf '[include]\n\tpath = %s/more\n' "$T_TMP" >> .gitconfig
printf '[user]\n\tname = t\n' > more
t 'with an [include] in ~/.gitconfig' write p ana 2026-03-20
t 'git says the identity' grep -q 'var ' ran.txt
t 'and commits' test "$(git -C p log -1 --format=%s)" = "ana: session 10 added"
git config --global --remove-section include


# Repositories that are git's: sha256, a worktree, a separate git dir.
mkdir s
printf '[git]\nautocommit = "yes"\nindex_update = "now"\n' > s/ipt.ini
git -C s init -q --object-format=sha256
git -C s add ipt.ini && git -C s commit -qm settings
ipt init s/ana --start 2026-03-02 > /dev/null
t 'a sha256 repository' write s ana 2026-03-02
t 'is git'"'"'s' grep -q 'commit-tree' ran.txt
t 'the commit is made' test "$(git -C s log -1 --format=%s)" = "ana: session 1 added"
t 'and fsck is clean' fsck s

git -C p worktree add -q "$T_TMP/w" -b side
t 'a git worktree (.git a file)' write w ana 2026-03-21
t 'is git'"'"'s' grep -q 'rev-parse' ran.txt
t 'commits on its branch' test "$(git -C p log -1 --format=%s side)" = \
    "ana: session 11 added"
t 'not on main' test "$(git -C p log -1 --format=%s main)" = "ana: session 10 added"

git clone -q --separate-git-dir="$T_TMP/sep.git" p c
t 'a clone with --separate-git-dir' write c ana 2026-03-21
t 'is git'"'"'s' grep -q 'rev-parse' ran.txt
t 'and committed there' test "$(git -C c log -1 --format=%s)" = "ana: session 11 added"
t 'fsck is clean' fsck c
# What git would write otherwise than it is given: as git writes it, or
# git's to write.
noid() { env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME \
    -u GIT_COMMITTER_EMAIL "$@"; }
git config --global user.name 'Jane Smith Jr.'
git config --global user.email 'jane@example.org.'
t 'a name and e-mail that end in a full stop' noid sh -c \
    '. ./fn.sh && write p ana 2026-03-21'
t 'commit as git would: without it' test \
    "$(git -C p log -1 --format='%an <%ae>|%cn <%ce>')" = \
    'Jane Smith Jr <jane@example.org>|Jane Smith Jr <jane@example.org>'
git config --global user.name "$(printf 'J\374rgen')"
git config --global user.email j@example.org
t 'a name that is not UTF-8' noid sh -c '. ./fn.sh && write p ana 2026-03-22'
t 'is git'"'"'s' test -s ran.txt
t 'the history names the author, the byte made ?' sh -c \
    '"$IPT" -C p/ana history | grep -q "J?rgen"'
t 'and fsck is clean' fsck p
git config --global user.name 'Dr T. Who'
git config --global user.email who@example.org
t 'GIT_AUTHOR_DATE zero-padded' env GIT_AUTHOR_DATE='@0001700000 +0000' \
    sh -c '. ./fn.sh && write p ana 2026-03-23'
t 'is git'"'"'s' test -s ran.txt
t 'the date as git writes it' test \
    "$(git -C p log -1 --format=%ad --date=raw)" = '1700000 +0000'
t 'and fsck is clean' fsck p
t 'GIT_COMMITTER_DATE in the zone -0000' \
    env GIT_COMMITTER_DATE='@1700000000 -0000' \
    sh -c '. ./fn.sh && write p ana 2026-03-24'
t 'is git'"'"'s' test -s ran.txt
t 'and fsck is clean' fsck p
git -C p config core.fsync committed
t 'with core.fsync set' write p ana 2026-03-25
t 'git commits, syncing as asked' test -s ran.txt
git -C p config --unset core.fsync
printf '[filter "up"]\n\tclean = cat\n' >> p/.git/config
t 'with a [filter "x"] in the settings' write p ana 2026-03-26
t 'git commits' test -s ran.txt
git -C p config --remove-section filter.up
t 'and without, in process again' write p ana 2026-03-27
t 'no git but the index update' test ! -s ran.txt
finish
