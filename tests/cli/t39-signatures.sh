#!/bin/sh
# t39-signatures.sh: with [git] sign, autocommits and sync's commits are
# SSH-signed, and ipt check --signatures reports each commit touching
# records that is not signed by an allowed signer, with its hash.
. "$(dirname "$0")/lib.sh"
command -v git > /dev/null || { echo "ok 1 - # SKIP no git"; echo 1..1; exit 0; }
command -v ssh-keygen > /dev/null || { echo "ok 1 - # SKIP no ssh-keygen"; echo 1..1; exit 0; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org \
    GIT_CONFIG_NOSYSTEM=1 HOME=$T_TMP
git config --global init.defaultBranch main

mkdir keys
ssh-keygen -q -t ed25519 -N '' -C therapist -f keys/therapist
ssh-keygen -q -t ed25519 -N '' -C stranger -f keys/stranger
echo "t@example.org $(cat keys/therapist.pub)" > keys/allowed

mkdir p
printf '[git]\nautocommit = "yes"\nsign = "yes"\nsigning_key = "%s"\nallowed_signers = "%s"\n' \
    "$T_TMP/keys/therapist" "$T_TMP/keys/allowed" > p/ipt.ini
(cd p && git init -q && git add ipt.ini && git commit -qm settings)
ipt init p/ana --start 2026-09-01 > /dev/null
(cd p/ana && ipt session add --date 2026-09-01 > /dev/null && ipt session add --date 2026-09-08 > /dev/null)
t 'the autocommits are made' test "$(git -C p rev-list --count HEAD)" = 4
t 'and signed by the therapist' sh -c 'git -C p -c gpg.ssh.allowedSignersFile=$PWD/keys/allowed log -3 --format=%G? |
	sort -u | grep -qx G'
t 'check --signatures verifies them' ipt check --signatures p/ana
ipt check --signatures p/ana > out 2>&1
t 'and says nothing of commits' sh -c '! grep -q "^commit" out'

# sync's own commits are signed too.
git clone -q --bare p remote.git && git -C p remote add origin ../remote.git
printf '3,2026-09-15,individual,attended,,middle,,,,,\n' >> p/ana/sessions.csv
t 'sync commits the hand edit' sh -c 'cd p && "$IPT" sync > ../out && grep -q "^committed" ../out'
t 'signed' sh -c '[ "$(git -C p -c gpg.ssh.allowedSignersFile=$PWD/keys/allowed log -1 --format=%G?)" = G ]'
t 'check --signatures still verifies every commit' ipt check --signatures p/ana

# A colleague's clone pushes an unsigned commit: sync takes nothing in.
git clone -q remote.git q
printf '3,2026-09-15,individual,attended,,low,,,,,\n' > q/ana/extra.csv
(cd q && git add ana/extra.csv && git -c commit.gpgsign=false commit -qm 'unsigned, from q' &&
    git push -q origin main)
unsigned=$(git -C q rev-parse HEAD)
mine=$(git -C p rev-parse HEAD)
t_fail 1 'sync refuses a fetched commit not signed' ipt -C p sync
ipt -C p sync > out 2> err
t_grep 'naming it by its hash' "^ipt: sync: $unsigned not signed: unsigned, from q$" err
t_grep 'and saying what to do' 'nothing merged nor pushed: 1 commit of origin/main is not signed by an allowed signer' err
t 'nothing is merged' test "$(git -C p rev-parse HEAD)" = "$mine"
t 'the record is not taken in' test ! -e p/ana/extra.csv
(cd q && git reset -q --hard HEAD^ && git push -q -f origin main)
git -C p fetch -q
t 'once it is gone, sync runs' ipt -C p sync

# A commit made with plain git, unsigned.
printf '4,2026-09-22,individual,attended,,middle,,,,,\n' >> p/ana/sessions.csv
(cd p && git -c commit.gpgsign=false commit -qam 'session 4, forged')
forged=$(git -C p rev-parse HEAD)
t_fail 1 'an unsigned commit fails the check' ipt check --signatures p/ana
ipt check --signatures p/ana > out 2> err
t_grep 'it is named by its hash' "^commit $forged: error: not signed: session 4, forged$" out
t_grep 'and counted as an error' '1 client checked: 1 error' err
t 'without --signatures the commits are not looked at' ipt check p/ana

# A commit signed by a key that is not allowed.
printf '5,2026-09-29,individual,attended,,middle,,,,,\n' >> p/ana/sessions.csv
(cd p && git -c gpg.format=ssh -c user.signingkey="$T_TMP/keys/stranger" commit -qaS -m 'session 5, stranger')
stranger=$(git -C p rev-parse HEAD)
ipt check --signatures p/ana > out 2> err
t_grep 'a key not allowed is reported with its hash' "^commit $stranger: error: signed by a key that is not an allowed signer: session 5, stranger$" out
t_grep 'the forged one still is' "^commit $forged: error: not signed" out
t_grep 'both counted' '1 client checked: 2 errors' err
# A commit that touches no record is not asked for a signature.
echo notes > p/README && (cd p && git add README && git -c commit.gpgsign=false commit -qm readme)
ipt check --signatures p/ana > out 2> err
t 'a commit touching no record is not reported' sh -c '! grep -q readme out'

# No allowed signers file: said, in one line.
sed -i '/allowed_signers/d' p/ipt.ini
t_fail 1 'without allowed signers the check fails' ipt check --signatures p/ana
ipt check --signatures p/ana > out 2> err
t_grep 'and says how to name them' 'no allowed signers file to check the signatures with: name one with \[git\] allowed_signers' err
t 'git'"'"'s allowedSignersFile serves too' sh -c 'git -C p config gpg.ssh.allowedSignersFile "$PWD/keys/allowed" &&
	"$IPT" check --signatures p/ana > out 2>&1; grep -q "^commit $0: error: not signed" out' "$forged"
mkdir np && : > np/ipt.ini && ipt init np/bo > /dev/null
t_fail 1 'a practice not in git' ipt check --signatures np/bo
t_fail 2 '--signatures takes no value' ipt check --signatures=yes p/ana
finish
