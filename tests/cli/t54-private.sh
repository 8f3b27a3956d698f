#!/bin/sh
# t54-private.sh: the therapist's private notes (HIPAA psychotherapy
# notes, 45 CFR 164.501) stay in CLIENT/private/, apart from the record.
#
# ipt session private N writes private/NNNN.md with the editor, as
# session note does.  No other command reads it: its words appear in the
# output of none of them, in any format (status, report, export, ls,
# outcomes, history, check, schedule, remind and every list), nor in
# history.csv.  private/ is 0700 and its files 0600; check reports their
# modes only.  The client's .gitignore keeps private/ out of git, and an
# autocommit never takes it, unless the practice's [private] sync is true.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

umask 077
cp -R "$SRC/examples/practice" prac
chmod -R go= prac
A=prac/clients/ana
O=prac/clients/omar
# Words no record of the examples holds, so that any hit is a leak.
W1=Quetzalwort
W2=Brambleghast
t 'the words are in no record before' sh -c \
    '! grep -rqi -e "$1" -e "$2" prac' sh $W1 $W2

t 'session private writes a private note' env \
    EDITOR="printf '$W1 felt irritated by the missed session\n' >" \
    "$IPT" -C $A session private 1
t 'a second client, a second note' env \
    EDITOR="printf 'countertransference: $W2\n' >" \
    "$IPT" -C $O session private 2
t_grep 'the note is in private/0001.md' "^$W1 felt" $A/private/0001.md
t 'private/ is 0700' sh -c '[ "$(stat -c %a "$1/private")" = 700 ]' sh $A
t 'its note is 0600' sh -c \
    '[ "$(stat -c %a "$1/private/0001.md")" = 600 ]' sh $A
t 'the history holds no word of it' sh -c \
    '! grep -qi "$1" "$2/history.csv"' sh $W1 $A
t_grep '.gitignore names private/' '^private/$' $A/.gitignore
t 'editing it again keeps one .gitignore line' env \
    EDITOR="printf '$W1 again\n' >>" "$IPT" -C $A session private 1
t '... one line' sh -c '[ "$(grep -c "^private/$" "$1/.gitignore")" = 1 ]' \
    sh $A
t 'the session note is not touched' sh -c \
    '! grep -qi "$1" "$2"/notes/*' sh $W1 $A

# Every command, every format: the output never holds the words.
: > all
run() {
	echo "== $*" >> all
	"$IPT" "$@" >> all 2>&1
	echo "rc=$?" >> all
}
for c in $A $O; do
	for f in text json; do
		run -C $c status --format $f
		run -C $c plan --format $f
		run -C $c focus show --format $f
		run -C $c history --format $f
	done
	for f in text md html json; do
		run -C $c report --format $f
	done
	run -C $c report --format html --output "$T_TMP/report.html"
	cat report.html >> all
	for f in text ics; do
		run -C $c schedule --format $f
		run -C $c schedule --format $f --names
	done
	for v in session event goal relapse risk inventory measure focus; do
		case $v in
		focus) verb=history ;;
		*) verb=list ;;
		esac
		for f in table csv tsv json; do
			run -C $c $v $verb --format $f
		done
	done
	for f in table csv tsv json; do
		run -C $c session appointments --format $f
		run -C $c session addenda --format $f
		run -C $c inventory list --all --format $f
	done
	for n in 1 2; do
		run -C $c session show $n
		run -C $c session show --format json $n
	done
done
for f in table csv tsv json; do
	run ls prac --format $f
done
for f in text md html json csv; do
	run outcomes prac --format $f
done
for f in text tsv json; do
	run remind prac --format $f
done
run check prac
run check --fix prac
for f in csv json; do
	for tb in clients sessions measures items focus outcomes; do
		run export prac --format $f --table $tb
		run export prac --format $f --table $tb --deidentify
	done
	rm -rf out.$f
	run export prac --format $f --output "$T_TMP/out.$f"
	cat out.$f/* >> all
done
run export prac --format json --table all
run export prac --format fhir
run export prac --format fhir --deidentify
t 'every command ran, with success' sh -c '! grep -v "^rc=0$" all | grep "^rc="'
t '... some 170 of them' sh -c '[ "$(grep -c "^rc=0$" all)" -ge 170 ]'
t 'no output of any of them holds a private word' sh -c '! grep -i -e "$1" -e "$2" all' \
    sh $W1 $W2
# The same words in the record do show: the search above would see a
# leak.
cp -R $A ctl && ipt -C ctl event add --date 2026-11-20 "$W1" > /dev/null
ipt -C ctl report --format md > ctl.md 2>&1
ipt -C ctl history >> ctl.md 2>&1
t 'control: words of the record are in the report and history' sh -c \
    '[ "$(grep -ci "$1" ctl.md)" -ge 2 ]' sh $W1
t 'nor does the history' sh -c \
    '! grep -rqi -e "$1" -e "$2" prac/clients/*/history.csv' sh $W1 $W2

# check: the modes of private/, never its words.
chmod 644 $A/private/0001.md
chmod 755 $A/private
ipt check prac > out 2>&1
t_grep 'check warns of the note made 0644' \
    '^prac/clients/ana/private/0001.md: warning: mode 0644' out
t_grep 'and of private/ made 0755' \
    '^prac/clients/ana/private: warning: mode 0755' out
t 'check --fix mends them' ipt check --fix prac
t '... 0700 and 0600 again' sh -c '[ "$(stat -c %a "$1/private")" = 700 ] &&
    [ "$(stat -c %a "$1/private/0001.md")" = 600 ]' sh $A

# Bad input: a usage error or a failure, and no private file changed.
snap $A
t_fail 2 'no such session: exit 2' env EDITOR=true \
    "$IPT" -C $A session private 99
t_fail 2 'not a session number: exit 2' ipt -C $A session private x1
t_fail 2 'no number: exit 2' ipt -C $A session private
t_fail 1 'the editor failed: exit 1' env EDITOR=false \
    "$IPT" -C $A session private 1
t_unchanged 'the records and private notes are as they were' $A
rm -f $A/private/.edit-*
# A session with a private note is not removed: a later session given
# its number would inherit the note.
ipt init r --start 2026-11-01 > /dev/null
ipt -C r session add --date 2026-11-05 > /dev/null
EDITOR="printf 'r1\n' >" "$IPT" -C r session private 1
snap r
t_fail 1 'session rm of a session with a private note: refused' \
    ipt -C r session rm 1
ipt -C r session rm 1 > out 2>&1
t_grep 'it names the private note' 'private/0001.md: session 1 has a private note' out
t_unchanged 'nothing changed' r
cp -R $A linked && rm -rf linked/private && mkdir elsewhere &&
    ln -s ../elsewhere linked/private
t_fail 1 'private/ a symbolic link: refused' env \
    EDITOR="printf x >" "$IPT" -C linked session private 1
EDITOR=true "$IPT" -C linked session private 1 > out 2>&1
t_grep 'it says why' 'private: not a directory (a symbolic link' out
t 'nothing written through it' sh -c '[ -z "$(ls -A elsewhere)" ]'

# git: autocommit keeps private/ out; [private] sync = true takes it.
mkdir g && cd g && git init -q && git config user.email t@example.org &&
    git config user.name T && printf '[git]\nautocommit = true\n' > ipt.ini &&
    cd ..
t 'a client in a git practice' ipt init g/c --start 2026-11-01
t 'a session' ipt -C g/c session add --date 2026-11-05
t 'its private note' env EDITOR="printf '$W1\n' >" \
    "$IPT" -C g/c session private 1
t 'git ignores private/' git -C g check-ignore -q c/private/0001.md
t 'git tracks no private file' sh -c \
    '[ -z "$(git -C g ls-files c/private)" ]'
t 'no commit holds the words' sh -c \
    '! git -C g log -p --all | grep -qi "$1"' sh $W1
t 'the .gitignore line was committed' sh -c \
    'git -C g show HEAD:c/.gitignore | grep -qx "private/"'
t 'the work tree is clean' sh -c '[ -z "$(git -C g status --porcelain \
    --untracked-files=all c)" ]'

mkdir s && cd s && git init -q && git config user.email t@example.org &&
    git config user.name T &&
    printf '[git]\nautocommit = true\n[private]\nsync = true\n' > ipt.ini &&
    cd ..
ipt init s/c --start 2026-11-01 > /dev/null
ipt -C s/c session add --date 2026-11-05 > /dev/null
t 'with [private] sync = true' env EDITOR="printf '$W2\n' >" \
    "$IPT" -C s/c session private 1
t '... the note is committed' sh -c \
    '[ "$(git -C s ls-files c/private)" = c/private/0001.md ]'
t '... and .gitignore has no private/ line' sh -c \
    '! grep -q "^private/" s/c/.gitignore'
# Turning sync on: the next private note takes out the lines ipt wrote.
printf '[git]\nautocommit = true\n[private]\nsync = true\n' > g/ipt.ini
t 'sync turned on: a second private note' env EDITOR="printf '$W2\n' >" \
    "$IPT" -C g/c session private 1
t '... the lines ipt wrote are out of .gitignore' sh -c \
    '! grep -q "private" g/c/.gitignore'
t '... and so out of the commit' sh -c \
    '! git -C g show HEAD:c/.gitignore | grep -q "private"'
t '... the note is committed' sh -c \
    '[ "$(git -C g ls-files c/private)" = c/private/0001.md ]'
t '... the work tree is clean' sh -c '[ -z "$(git -C g status --porcelain \
    --untracked-files=all c)" ]'
# A private/ line the practice wrote itself is not ipt's to take out.
printf 'private/\n' >> g/c/.gitignore
git -C g add c/.gitignore && git -C g commit -qm "ours"
ipt -C g/c session add --date 2026-11-12 > /dev/null
t 'a line of its own' env EDITOR="printf '$W1\n' >" \
    "$IPT" -C g/c session private 2
t '... stays' sh -c 'grep -qx "private/" g/c/.gitignore'
# And off again: the lines come back with the next private note.
printf '[git]\nautocommit = true\n' > g/ipt.ini
printf '# mine\n' > g/c/.gitignore
git -C g add c/.gitignore && git -C g commit -qm "ours again"
t 'sync off again: a private note' env EDITOR="printf 'more\n' >" \
    "$IPT" -C g/c session private 2
t '... the line is back' sh -c 'grep -qx "private/" g/c/.gitignore &&
    grep -qx "# mine" g/c/.gitignore'

printf '[git]\nautocommit = true\n[private]\nsync = maybe\n' > s/ipt.ini
t_fail 1 'a bad [private] sync: refused before the editor' env \
    EDITOR="echo ran >> ed.log; printf y >>" "$IPT" -C s/c session private 1
t 'the editor did not run' sh -c '! [ -e ed.log ]'
EDITOR=true "$IPT" -C s/c session private 1 > out 2>&1
t_grep 'it names the file and the key' 'ipt.ini: \[private\] sync' out

finish
