#!/bin/sh
# t56-erase.sh: ipt erase removes a client past retention, when asked
# twice (--confirm ID), refuses one within it unless --force, and says
# what remains in git history and how to remove it there.
. "$(dirname "$0")/lib.sh"

umask 077
mkdir p && cd p && git init -q && git config user.email t@example.org &&
    git config user.name T && printf '[git]\nautocommit = true\n' > ipt.ini &&
    cd ..
ended() {	# ID START END
	ipt init "p/$1" --start "$2" > /dev/null &&
	ipt -C "p/$1" plan --status ended --reason completed --date "$3" \
	    > /dev/null
}
t 'a client who ended in 2015' ended old 2015-01-05 2015-06-01
t 'one who ended in 2020' ended new 2020-01-06 2020-06-01
t 'one in treatment' ipt init p/act --start 2026-01-05
ipt ls --retention p > out
t_grep 'ls --retention lists the one of 2015' '^old ' out

# Refusals: usage errors exit 2, retention exits 1; nothing erased.
snap p
t_fail 2 'no --confirm: exit 2' ipt erase p/old
t_fail 2 'a --confirm of another id: exit 2' ipt erase --confirm new p/old
t_fail 2 'no directory: exit 2' ipt erase --confirm old
t_fail 2 'two directories: exit 2' ipt erase --confirm old p/old p/new
t_fail 1 'not a client directory: exit 1' ipt erase --confirm x p
t_fail 1 'within retention: refused' ipt erase --confirm new p/new
ipt erase --confirm new p/new > out 2>&1
t_grep 'it says until when and why' \
    'new is kept until 2030-06-01 (10 years after the end on 2020-06-01)' out
t_fail 1 'not ended: refused' ipt erase --confirm act p/act
ipt erase --confirm act p/act > out 2>&1
t_grep 'it says so' 'has not ended' out
t_unchanged 'every record is as it was' p

# The erasure.
ipt erase --confirm old p/old > out 2>&1
echo $? > rc
t 'past retention: erased' grep -qx 0 rc
t 'the directory is gone' sh -c '! [ -e p/old ]'
t 'no aside copy is left' sh -c '[ -z "$(ls -A p | grep erased)" ]'
ipt ls p > ls.out
t 'ls no longer lists it' sh -c '! grep -q "^old " ls.out'
t_grep 'the other clients are there' '^new ' ls.out
t_grep 'it says the history still holds the records' \
    'every commit before this erasure' out
t_grep 'it gives the rewrite command' 'filter-repo --invert-paths --path old/' out
t_grep 'and says every clone must be cloned again' 'every clone deleted' out
t 'the history does hold them (as said)' sh -c \
    'git -C p log --all --name-only | grep -q "^old/client.ini"'
t 'with autocommit the removal is committed' test \
    "$(git -C p log -1 --format=%s)" = "old: erased"
t 'of the client'"'"'s files only' sh -c '[ -z "$(git -C p show --name-only \
	--format= HEAD | grep -v "^old/")" ] && ! git -C p cat-file -e HEAD:old'
t 'the index agrees with HEAD' sh -c 'git -C p diff --cached --quiet &&
	[ -z "$(git -C p ls-files old)" ]'
t_grep 'and it says so' 'The removal is committed (autocommit)' out
t 'instead of how to commit it' sh -c '! grep -q "rm -r -q --cached" out'

# --force erases within retention; a practice not in git gets no git note.
t 'with --force, within retention' ipt erase --force --confirm new p/new
t 'gone' sh -c '! [ -e p/new ]'
mkdir q && touch q/ipt.ini && ipt init q/c --start 2026-01-05 > /dev/null
GIT_CEILING_DIRECTORIES=$(pwd) ipt erase --force --confirm c q/c > out 2>&1
t 'outside git: erased' sh -c '! [ -e q/c ]'
t 'and no word of git' sh -c '! grep -q git out'
finish
