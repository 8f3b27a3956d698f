#!/bin/sh
# t24-notes.sh: check reports every note ipt could not keep, and --fix
# keeps such a note out of the history.
#
# A session's note is notes/NNNN.md.  ipt session note saves only text of
# at most 1 MiB; anything else in notes/ came from a hand edit, a copy or
# a merge.  check names each (one line, the file's path): a note that is
# not text (a NUL byte, invalid UTF-8), over 1 MiB, not a plain file; a
# note of no session; a notes that is not a directory; the kept text of an
# edit not saved.  --fix changes none of them and writes none into
# history.csv (a 2 MiB note there made the history unreadable), and
# session add does not give a new session the note left under its number.
. "$(dirname "$0")/lib.sh"

umask 077
mk() {
	ipt init "$1" --start 2026-11-01 > /dev/null &&
	for d in 2026-11-05 2026-11-12 2026-11-19; do
		ipt -C "$1" session add --date $d > /dev/null || return 1
	done &&
	EDITOR='printf "talked about work\n" >' "$IPT" -C "$1" session note 1
}

t 'a client with a note written by ipt' mk c
ipt check c > out 2>&1
t 'its note gives no finding' sh -c '! grep -q "notes" out'

# Each kind of note ipt cannot keep: one error naming the file.
cp -R c nul && printf 'a\000b\n' > nul/notes/0002.md
t_fail 1 'a note with a NUL byte: check exits 1' ipt check nul
ipt check nul > out 2>&1
t_grep 'it names the note and says why' \
    '^nul/notes/0002.md: error: not text (a NUL' out

cp -R c utf && printf 'caf\351\n' > utf/notes/0002.md
ipt check utf > out 2>&1
t_grep 'a note of invalid UTF-8' '^utf/notes/0002.md: error: not text' out

cp -R c big && head -c 1100000 /dev/zero | tr '\0' a > big/notes/0002.md
ipt check big > out 2>&1
t_grep 'a note over 1 MiB' \
    '^big/notes/0002.md: error: larger than 1 MiB, the most a note may hold' out

cp -R c dir && mkdir dir/notes/0002.md
ipt check dir > out 2>&1
t_grep 'a note that is a directory' \
    '^dir/notes/0002.md: error: not a plain file' out

cp -R c lnk && ln -s /etc/passwd lnk/notes/0002.md
ipt check lnk > out 2>&1
t_grep 'a note that is a symbolic link is not followed' \
    '^lnk/notes/0002.md: error: not a plain file' out

if [ "$(id -u)" != 0 ]; then
	cp -R c unr && echo secret > unr/notes/0002.md &&
	    chmod 000 unr/notes/0002.md
	ipt check unr > out 2>&1
	t_grep 'a note that cannot be read' \
	    '^unr/notes/0002.md: error: cannot be read' out
	chmod 600 unr/notes/0002.md
else
	echo "ok $((T_N = T_N + 1)) # SKIP root reads a mode 000 file"
fi

cp -R c orph && echo 'left by a merge' > orph/notes/0007.md
ipt check orph > out 2>&1
t_grep 'a note without a session' \
    '^orph/notes/0007.md: error: a note without a session (sessions.csv has no session 7)' out

cp -R c plain && rm -r plain/notes && echo 'notes of a sort' > plain/notes
ipt check plain > out 2>&1
t_grep 'notes that is a plain file' '^plain/notes: error: not a directory' out

cp -R c kept && echo 'typed, not saved' > kept/notes/.edit-0001.md-Ab12Cd
ipt check kept > out 2>&1
t_grep 'the kept text of an edit not saved is a warning' \
    '^kept/notes/.edit-0001.md-Ab12Cd: warning: the text of a note edit not saved' out
t 'a warning only: check exits 0' ipt check kept

# --fix leaves each as it is and keeps it out of the history.
for d in nul utf big dir orph plain; do
	snap $d
	ipt check --fix $d > /dev/null 2>&1
	t_unchanged "--fix leaves the records of $d as they were" $d
done
t 'the oversized note is not in history.csv' \
    sh -c '[ "$(wc -c < big/history.csv)" -lt 100000 ]'
ipt check big > out 2>&1
t 'history.csv stays readable' sh -c '! grep -q "history.csv" out'

# A directory from before the history: the upgrade of the first write
# leaves a note it cannot keep out, and the history reads back.
cp -R c old && rm old/history.csv &&
    head -c 1100000 /dev/zero | tr '\0' b > old/notes/0003.md
t 'a write upgrades a directory with an oversized note' \
    ipt -C old session edit 1 --mood 4
t 'the upgraded history leaves the note out' \
    sh -c '[ "$(wc -c < old/history.csv)" -lt 100000 ]'
ipt check old > out 2>&1
t_grep 'and check still names the note' '^old/notes/0003.md: error: larger' out
t 'and has nothing to say of history.csv' sh -c '! grep -q "history.csv" out'

# session add does not hand a note of no session to a new session.
cp -R c add && echo 'an old note of session 4' > add/notes/0004.md
snap add
t_fail 1 'session add refuses the number of a note without a session' \
    ipt -C add session add --date 2026-11-26
t_grep 'and names the note' 'notes/0004.md: a note without a session is there' .out
t_unchanged 'nothing changed' add
mv add/notes/0004.md add/0004.md.aside
t 'once it is moved aside, the session is added' \
    ipt -C add session add --date 2026-11-26
t 'and has no note' sh -c '! [ -e add/notes/0004.md ]'
finish
