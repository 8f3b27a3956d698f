#!/bin/sh
# t14-perm.sh: owners and modes.  A write keeps the owner and mode of the
# file it replaces, or refuses; check reports loose modes and files of
# another owner, and check --fix mends them; init refuses a non-empty
# directory unless --adopt, and never makes a shared one private.
. "$(dirname "$0")/lib.sh"

mode() { stat -c %a "$1"; }
owner() { stat -c %u:%g "$1"; }

: > ipt.ini
t 'init' ipt init ana --name 'Ana M.' --start 2026-11-02
t 'a session' ipt -C ana session add --date 2026-11-02 --mood 3

# A file a clone made 0644 keeps its mode; check reports it.
chmod 644 ana/sessions.csv
t 'a write to a 0644 file' ipt -C ana session add --date 2026-11-09 --mood 4
t 'keeps its mode' test "$(mode ana/sessions.csv)" = 644
ipt check ana > out 2>&1
t_grep 'check reports the loose file' \
    '^ana/sessions.csv: warning: mode 0644: others can read it' out
t 'a new file is 0600' test "$(mode ana/history.csv)" = 600

# Made read-only by its owner: refused, nothing changed.
chmod 400 ana/sessions.csv
snap ana
t_fail 1 'a write to a 0400 file is refused' ipt -C ana session add \
    --date 2026-11-16 --mood 4
cp "$T_TMP/.out" err
t_grep 'in one line naming the file' \
    'sessions.csv: read-only (mode 0400).*nothing changed$' err
t 'the message is one line' test "$(wc -l < err)" = 1
t_unchanged 'records unchanged by the refusal' ana
chmod 600 ana/sessions.csv

# A git clone under umask 022: every mode loose.
chmod 755 ana
chmod 644 ana/client.ini ana/history.csv
ipt check ana > out 2>&1
t_grep 'check reports the directory' '^ana: warning: mode 0755' out
t_grep 'and client.ini' '^ana/client.ini: warning: mode 0644' out
t_grep 'warnings only' ' 0 errors, ' out
t 'check --fix mends the modes' ipt check --fix ana
t 'the directory is 0700' test "$(mode ana)" = 700
t 'client.ini is 0600' test "$(mode ana/client.ini)" = 600
t 'sessions.csv is 0600' test "$(mode ana/sessions.csv)" = 600
ipt check ana > out 2>&1
t 'check is then silent about modes' sh -c '! grep -q "mode 0" out'
t 'check --fix never adds a bit' sh -c 'chmod 700 ana/client.ini &&
    "$IPT" check --fix ana >/dev/null && [ "$(stat -c %a ana/client.ini)" = 700 ]'
chmod 600 ana/client.ini

# Owners: what only root can test.
if [ "$(id -u)" = 0 ]; then
	t 'the records of user 4242' chown -R 4242:4242 ana
	t 'a write as root' ipt -C ana session add --date 2026-11-16 --mood 2
	t 'keeps the owner of the file it replaces' \
	    test "$(owner ana/sessions.csv)" = 4242:4242
	t 'gives a file it makes the directory owner' \
	    test "$(owner ana/history.csv)" = 4242:4242
	t 'and the lock' test "$(owner ana/.ipt.lock)" = 4242:4242
	chown 0:0 ana/client.ini
	ipt check ana > out 2>&1
	t_grep 'check reports a file of another owner' \
	    '^ana/client.ini: warning: owned by user 0, not by the directory.s owner (4242)' out
	t 'check --fix gives it back' ipt check --fix ana
	t 'owned by the directory owner again' \
	    test "$(owner ana/client.ini)" = 4242:4242
	# As user 4242: a file of another user cannot keep its owner.
	if command -v setpriv > /dev/null; then
		chown 0:0 ana/sessions.csv
		chmod 666 ana/sessions.csv
		snap ana
		chmod 711 "$T_TMP"	# for user 4242 to reach ana
		t_fail 1 "a file of another user is refused" setpriv \
		    --reuid=4242 --regid=4242 --clear-groups "$IPT" -C ana \
		    session add --date 2026-11-23 --mood 2
		cp "$T_TMP/.out" err
		chmod 700 "$T_TMP"
		t_grep 'saying whose' 'owned by user 0, not by this user (4242)' \
		    err
		t_unchanged 'records unchanged' ana
		chown 4242:4242 ana/sessions.csv
		chmod 600 ana/sessions.csv
	fi
	chown -R 0:0 ana
fi

# init: a new directory is made 0700; an existing one must be empty.
t 'init in a new directory' ipt init bo
t 'made 0700' test "$(mode bo)" = 700
mkdir full && echo x > full/keep.txt && chmod 755 full
t_fail 1 'init refuses a non-empty directory' ipt init full
t_grep 'saying --adopt takes it' 'full: not empty.*--adopt' "$T_TMP/.out"
t 'and leaves its mode' test "$(mode full)" = 755
t 'and writes nothing' test ! -e full/client.ini
t 'init --adopt takes it' ipt init --adopt full
t 'made 0700' test "$(mode full)" = 700
t 'the file in it kept' test "$(cat full/keep.txt)" = x
mkdir shared && chmod 1777 shared
t_fail 1 'init refuses a shared directory' ipt init shared
t_grep 'saying so' 'shared: a shared directory (mode 1777)' "$T_TMP/.out"
t 'which keeps its sticky and world bits' test "$(mode shared)" = 1777
t_fail 1 'even with --adopt' ipt init --adopt shared
t 'init in a new directory under it' ipt init shared/cy
t 'the shared directory kept its mode' test "$(mode shared)" = 1777

# A killed init: client.ini without .gitattributes or .gitignore.
rm bo/.gitattributes bo/.gitignore
t_fail 1 'init again refuses' ipt init bo
t_grep 'and names the repair' 'check --fix' "$T_TMP/.out"
ipt check bo > out 2>&1
t_grep 'check reports .gitattributes missing' \
    '^bo/.gitattributes: warning: missing' out
t_grep 'and .gitignore' '^bo/.gitignore: warning: missing' out
t 'check --fix writes them' ipt check --fix bo
t 'the same .gitattributes as init writes' cmp bo/.gitattributes ana/.gitattributes
t 'the same .gitignore' cmp bo/.gitignore ana/.gitignore
t 'made 0600' test "$(mode bo/.gitignore)" = 600
finish
