#!/bin/sh
# t49-gcrypt.sh: ipt sync over an encrypted remote (git-remote-gcrypt
# with a gpg key made here): two clones read each other's changes, and
# no file of the remote directory holds a record in plaintext.
. "$(dirname "$0")/lib.sh"
for tool in git gpg git-remote-gcrypt; do
	command -v $tool > /dev/null || { echo "ok 1 - # skip no $tool"; echo 1..1; exit 0; }
done
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org \
    GIT_CONFIG_NOSYSTEM=1 HOME=$T_TMP GNUPGHOME=$T_TMP/gnupg
git config --global init.defaultBranch main
mkdir -m 700 gnupg
trap 'gpgconf --kill gpg-agent 2> /dev/null; t_exit $?' EXIT
t 'a gpg key without passphrase' gpg --batch --pinentry-mode loopback --passphrase '' \
    --quick-gen-key 'IPT Test <t@example.org>' default default never
fpr=$(gpg --batch --with-colons --list-secret-keys 2> /dev/null | sed -n 's/^fpr:::::::::\([0-9A-F]*\):$/\1/p' | sed -n 1p)
t 'its fingerprint' test -n "$fpr"

mkdir p
: > p/ipt.ini
ipt init p/ana --name 'Zuleika Quennell' --start 2026-09-01 > /dev/null
(cd p/ana && ipt session add --date 2026-09-01 > /dev/null &&
    EDITOR='sh -c "echo Argued with Wilhelmina about the flat > \$1" sh' ipt session note 1)
git init -q --bare remote.git
(cd p && git init -q && git add -A && git commit -qm start &&
    git remote add origin "gcrypt::$T_TMP/remote.git" &&
    git config remote.origin.gcrypt-participants "$fpr" &&
    git config remote.origin.gcrypt-signingkey "$fpr")
t 'the first sync pushes to the encrypted remote' sh -c 'cd p && "$IPT" sync > ../out 2>&1'
t_grep 'and says so' '^pushed to origin/main$' out
t 'a clone through it' sh -c 'git clone -q "gcrypt::$PWD/remote.git" b > /dev/null 2>&1 &&
	git -C b config remote.origin.gcrypt-participants "'"$fpr"'" &&
	git -C b config remote.origin.gcrypt-signingkey "'"$fpr"'"'
t 'the clone holds the note' grep -q 'Wilhelmina' b/ana/notes/0001.md
(cd b/ana && IPT_NOW=2026-11-26T10:00:00Z "$IPT" session add --date 2026-09-08 --mood 6 > /dev/null &&
    EDITOR='sh -c "echo Spoke of Ottoline at length > \$1" sh' IPT_NOW=2026-11-26T10:00:00Z "$IPT" session note 2)
t 'b syncs through it' sh -c 'cd b && "$IPT" sync > /dev/null 2>&1'
t 'p reads b'"'"'s change' sh -c 'cd p && "$IPT" sync > /dev/null 2>&1 && grep -q "^2,2026-09-08," ana/sessions.csv &&
	grep -q Ottoline ana/notes/0002.md'
(cd p/ana && IPT_NOW=2026-11-26T11:00:00Z "$IPT" session add --date 2026-09-15 > /dev/null)
t 'p syncs a change' sh -c 'cd p && "$IPT" sync > /dev/null 2>&1'
t 'b reads it' sh -c 'cd b && "$IPT" sync > /dev/null 2>&1 && grep -q "^3,2026-09-15," ana/sessions.csv'
t 'the remote holds files' test -n "$(find remote.git -type f | head -n 1)"
for word in Zuleika Quennell Wilhelmina Ottoline 2026-09-08 sessions.csv; do
	t "no file of the remote holds $word" sh -c "! grep -rqa '$word' remote.git"
done
finish
