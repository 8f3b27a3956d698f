#!/bin/sh
# t73-hostile.sh: hostile files and input.  Symbolic links in a client
# directory, bad ids and names, huge fields and files, NUL bytes, invalid
# UTF-8, CRLF, FIFOs, headers with missing or extra columns: each is
# handled or refused with a clear one-line message, never a crash (exit
# status below 128) nor a hang, and a refused write changes nothing.
. "$(dirname "$0")/lib.sh"
# Files the script makes in a client (out, err) as ipt makes them: 0600.
umask 077

# run CMD...: run with a time limit, output in out/err, status in $rc.
run() {
	timeout 60 "$@" > out 2> err
	rc=$?
}

# t_refused NAME STATUS PATTERN CMD...: exits STATUS, one line matching
# PATTERN on stderr.
t_refused() {
	T_name=$1 T_want=$2 T_pat=$3
	shift 3
	run "$@"
	if [ "$rc" = "$T_want" ] && [ "$(wc -l < err)" = 1 ] &&
	    grep -q -e "$T_pat" err; then
		t_report 0 "$T_name"
	else
		{ echo "exit $rc (wanted $T_want), stderr:"; cat err; } \
		    > "$T_TMP/.out"
		t_report 1 "$T_name"
	fi
}

# t_nocrash NAME CMD...: exits 0, 1 or 2, with a message if not 0.
t_nocrash() {
	T_name=$1
	shift
	run "$@"
	if [ "$rc" -le 2 ] && { [ "$rc" = 0 ] || [ -s err ]; }; then
		t_report 0 "$T_name (exit $rc)"
	else
		{ echo "exit $rc, stderr:"; cat err; } > "$T_TMP/.out"
		t_report 1 "$T_name (exit $rc)"
	fi
}

# Peak memory is measured with GNU time, for a plain build only (ASan
# and valgrind add their own).
rss=
if [ -x /usr/bin/time ] && ! grep -q __asan_init "$IPT" 2>/dev/null &&
    [ "$(head -c 2 "$IPT")" != '#!' ]; then
	rss=yes
fi
# t_small NAME KB: the last run peaked under KB KiB (when measured).
t_small() {
	if [ -z "$rss" ]; then
		echo "ok $((T_N + 1)) - $1 # SKIP no /usr/bin/time or not a plain build"
		T_N=$((T_N + 1))
		return
	fi
	got=$(tail -n 1 rss)
	echo "# peak RSS ${got} KiB"
	t "$1 (${got} KiB)" test "$got" -lt "$2"
}
# run_rss CMD...: run, measuring peak RSS into ./rss when possible.
run_rss() {
	if [ -n "$rss" ]; then
		timeout 120 /usr/bin/time -f %M -o rss "$@" > out 2> err
	else
		timeout 120 "$@" > out 2> err
	fi
	rc=$?
}

has() { "$IPT" "$1" --help > /dev/null 2>&1; }
export EDITOR='printf "%s\n" "note text" >>'
ipt init tmpl --start 2026-01-01 > /dev/null
(
	cd tmpl &&
	ipt session add --date 2026-01-05 --note 'one' &&
	ipt session add --date 2026-01-12 &&
	ipt focus set grief &&
	ipt session note 1
) > /dev/null 2>&1
t 'the starting client is complete' test -s tmpl/notes/0001.md

fresh() {	# a fresh copy of the client in ./c, and cd there
	cd "$T_TMP" && rm -rf c elsewhere && cp -a tmpl c && mkdir elsewhere &&
	    cd c
}

### Symbolic links ###################################################

fresh
mv sessions.csv ../elsewhere/real.csv
ln -s ../elsewhere/real.csv sessions.csv
cp ../elsewhere/real.csv ../elsewhere/real.before
snap .
t_refused 'session add with sessions.csv a link: refused' 1 \
    'sessions.csv: a symbolic link' "$IPT" session add --date 2026-02-01
t 'the link target is unchanged' cmp ../elsewhere/real.csv \
    ../elsewhere/real.before
t 'the link is still a link' test -L sessions.csv
t_unchanged 'no file of the client changed' .
# Nor is a record read through a link: a clone could carry one to
# another client's file, whose rows would then read as this client's.
t_refused 'reading through the link: refused too' 1 \
    'sessions.csv: a symbolic link: a record is read only from a file of its own directory' \
    "$IPT" session list
t_refused 'status through the link: refused' 1 'sessions.csv: a symbolic link' \
    "$IPT" status
"$IPT" check . > ../check.out 2>&1
t_grep 'check names the link as an error' \
    '^sessions.csv: error: a symbolic link' ../check.out

fresh
mv focus.csv ../elsewhere/focus.csv
ln -s ../elsewhere/focus.csv focus.csv
cp ../elsewhere/focus.csv ../elsewhere/focus.before
snap .
t_refused 'focus set with focus.csv a link: refused' 1 'symbolic link' \
    "$IPT" focus set role-dispute
t 'its target is unchanged' cmp ../elsewhere/focus.csv \
    ../elsewhere/focus.before
t_unchanged 'client.ini is unchanged too (nothing half done)' .

fresh
mv client.ini ../elsewhere/client.ini
ln -s ../elsewhere/client.ini client.ini
cp ../elsewhere/client.ini ../elsewhere/client.before
snap .
t_refused 'focus set with client.ini a link: refused' 1 \
    'client.ini: a symbolic link' "$IPT" focus set role-dispute
t_refused 'plan with client.ini a link: refused' 1 'symbolic link' \
    "$IPT" plan --sessions 12
t_refused 'session add with client.ini a link: refused' 1 'symbolic link' \
    "$IPT" session add --date 2026-02-01
t 'the link target is unchanged' cmp ../elsewhere/client.ini \
    ../elsewhere/client.before
t 'client.ini is still a link' test -L client.ini
t_unchanged 'no file of the client changed' .
t_refused 'status through a client.ini link: refused' 1 \
    'client.ini: a symbolic link' "$IPT" status

fresh
mv notes ../elsewhere/notes
ln -s ../elsewhere/notes notes
cp ../elsewhere/notes/0001.md ../elsewhere/note.before
t_refused 'session note with notes/ a link: refused' 1 'notes' \
    "$IPT" session note 1
t 'the note behind the link is unchanged' cmp ../elsewhere/notes/0001.md \
    ../elsewhere/note.before
t 'nothing else was written behind the link' test \
    "$(ls -A ../elsewhere/notes | wc -l)" = 1
t_refused 'session add with notes/ a link: refused' 1 'notes' \
    "$IPT" session add --date 2026-02-01

fresh
ln -s ../elsewhere/target notes/0002.md
t_refused 'session note onto a linked note file: refused' 1 '0002.md' \
    "$IPT" session note 2
t 'no file appeared behind the link' test ! -e ../elsewhere/target

fresh
rm -f .ipt.lock
ln -s ../elsewhere/lock .ipt.lock
t_refused 'a linked lock file: refused' 1 \
    '.ipt.lock: a symbolic link: the lock must be a file of the directory' \
    "$IPT" session add --date 2026-02-01
t 'no lock file was made behind the link' test ! -e ../elsewhere/lock
fresh
rm -f .ipt.lock && mkfifo .ipt.lock
snap .
t_refused 'a FIFO for the lock: refused, no hang' 1 \
    '.ipt.lock: not a regular file' "$IPT" session add --date 2026-02-01
t_unchanged 'nothing written' .

### Ids, names and paths ##############################################

shown() {	# a name on one line: other bytes than [A-Za-z0-9./ -] as '?'
	printf '%s' "$1" | LC_ALL=C tr -c 'A-Za-z0-9./ -' '?' | cut -c1-40
}

cd "$T_TMP" || exit 1
for id in '..' '.' '../x' 'a/b' '/abs' '-x' '.hidden' "$(printf 'a\tb')" \
    "$(printf 'a\001b')" "$(printf 'a\nb')" "$(printf 'caf\303\251')" \
    'a b' '' "$(printf '%070d' 0)"; do
	rm -rf idc
	t_fail 2 "init --id '$(shown "$id")' is refused" \
	    ipt init idc --id "$id"
	t "  and creates nothing" test ! -e idc/client.ini
done
for dir in '-x' "$(printf 'bad\001dir')" "$(printf 'new\nline')" 'x/..' \
    'sp ace'; do
	rm -rf ./-x x
	t_fail 2 "init in a directory named '$(shown "$dir")' is refused" \
	    ipt init -- "$dir"
	t "  and creates no client" test ! -e "$dir/client.ini"
done
t_fail 2 'a variant name with a path is refused' \
    ipt init v --variant ../../variants/standard
t 'and creates nothing' test ! -e v/client.ini
t_fail 2 'a command name with a path is not run' ipt ../../bin/true
t_fail 2 'a command name with a leading - is not run' ipt -- -rf
fresh
t_refused 'a note with a control character is refused' 2 'note' \
    "$IPT" session add --note "$(printf 'bell\007')"
t_refused 'an inventory name with a newline is refused' 2 '' \
    "$IPT" inventory add --relationship friend "$(printf 'a\nb')"
t_nocrash 'an inventory name with .. and / is just a name' \
    "$IPT" inventory add --relationship friend '../../etc/passwd'
t 'and no file is made for it' test ! -e ../../etc/passwd.csv

### Big fields ########################################################

fresh
# A note of exactly 1,000,000 bytes cannot come through argv (the kernel
# takes 128 KiB at most per argument), so it is written into the file;
# 100,000 bytes go through --note.
big=$(awk 'BEGIN { for (i = 0; i < 10000; i++) printf "0123456789" }')
t 'a 100 KB --note is taken' ipt session add --date 2026-02-01 --note "$big"
t 'and stored whole' sh -c '[ "$("$IPT" session show --format json 3 |
    jq -r .note | wc -c)" = 100001 ]'
mkfield() {	# BYTES: a sessions.csv whose session 1 note has BYTES bytes
	awk -v n="$1" 'BEGIN {
		print "number,date,kind,attendance,duration_min,phase,focus," \
		    "techniques,mood,stress,note"
		printf "1,2026-01-05,individual,attended,,initial,,,,,"
		s = "abcdefghij"
		while (length(s) * 2 <= n)
			s = s s
		while (length(s) < n)
			s = s substr(s, 1, n - length(s) > length(s) ? \
			    length(s) : n - length(s))
		print s
	}' > sessions.csv
}
mkfield 1000000
t 'a 1,000,000-byte note in the file reads' ipt session list
t 'session show prints it whole' sh -c '[ "$("$IPT" session show \
    --format json 1 | jq -r .note | wc -c)" = 1000001 ]'
cp sessions.csv ../big.before
t 'a write keeps it' ipt session add --date 2026-02-02
t 'byte for byte' sh -c 'head -n 2 sessions.csv | cmp - ../big.before'
mkfield 1048576
t 'a note of exactly 1 MiB (the limit) reads' ipt session list
mkfield 1048577
t_refused 'a note of 1 MiB + 1 byte is refused' 1 \
    'sessions.csv:2: field 11 is longer than 1048576 bytes' \
    "$IPT" session list
mkfield 3000000
t_refused 'an open-ended 3 MB field is refused' 1 'longer than' \
    "$IPT" session list

### Big files #########################################################

fresh
# 100 MB of well-formed rows.
awk 'BEGIN {
	print "number,date,kind,attendance,duration_min,phase,focus," \
	    "techniques,mood,stress,note"
	n = "a note of some length, to make the row about one hundred bytes"
	for (i = 1; i <= 1000000; i++)
		printf "%d,2026-01-05,individual,attended,50,initial,,,5,5,%s\n",
		    i % 9999 + 1, n
}' > sessions.csv
t 'sessions.csv is 100 MB' test "$(wc -c < sessions.csv)" -gt 100000000
cp sessions.csv ../huge.before
run_rss "$IPT" session list
t 'a 100 MB sessions.csv: session list fails' test "$rc" = 1
t_grep '  with a clear message' 'sessions.csv: [0-9]* bytes, more than' err
t_small '  in bounded memory (< 64 MB)' 65536
run_rss "$IPT" status
t 'status fails too, clearly' sh -c "[ $rc = 1 ] && grep -q 'more than' err"
t_small '  in bounded memory (< 64 MB)' 65536
run_rss "$IPT" session add --date 2026-02-01
t 'session add fails too' test "$rc" = 1
t 'and leaves the file as it was' cmp sessions.csv ../huge.before
rm -f ../huge.before

# Under the byte limit, but more fields than a table may hold.
awk 'BEGIN {
	print "number,date,kind,attendance,duration_min,phase,focus," \
	    "techniques,mood,stress,note"
	for (i = 1; i <= 1400000; i++)
		print ",,,,,,,,,,"
}' > sessions.csv
run_rss "$IPT" session list
t 'a 15 MB sessions.csv of empty rows fails' test "$rc" = 1
t_grep '  with a clear message' 'more than 500000 fields' err
t_small '  in bounded memory (< 64 MB)' 65536

# A write never makes a file that reading would refuse: not one over
# 16 MiB (sessions with long notes), nor over 500,000 fields.
fresh
awk 'BEGIN {
	print "number,date,kind,attendance,duration_min,phase,focus," \
	    "techniques,mood,stress,note"
	s = "0123456789"
	while (length(s) < 100000)
		s = s s
	s = substr(s, 1, 100000)
	for (i = 1; i <= 167; i++)
		printf "%d,2026-01-05,individual,attended,,initial,,,,,%s\n", i, s
}' > sessions.csv
t 'sessions.csv is just under 16 MiB' test "$(wc -c < sessions.csv)" -lt 16777216
t 'and reads' ipt session list --format csv
snap .
big=$(awk 'BEGIN { for (i = 0; i < 10000; i++) printf "0123456789" }')
t_refused 'a session that would take it past 16 MiB is refused' 1 \
    '^ipt: sessions\.csv: would be [0-9]* bytes, more than the 16 MiB a record file may hold; nothing changed$' \
    "$IPT" session add --date 2026-02-01 --note "$big"
t_unchanged '  and the files are as they were' .
t 'no temporary file is left' sh -c '! ls -a | grep -q "\.tmp\."'
# A short session fits sessions.csv, and its history too: the history's
# first write holds every field of the 167 sessions, some 16 MiB, and a
# history may hold 32 MiB.
t 'a short session is added, its history of 16 MiB held' \
    ipt session add --date 2026-02-01
t '  and the history reads back' sh -c \
    'test "$(wc -c < history.csv)" -gt 16700000 && "$IPT" history > /dev/null'
# A history of 32 MiB: rows added and removed, each with a value of
# 100,000 bytes.  One more change would pass it: refused.
fresh
awk 'BEGIN {
	s = "0123456789"
	while (length(s) < 100000)
		s = s s
	s = substr(s, 1, 100000)
	for (i = 0; i < 334; i++) {
		a = sprintf("a%015x", i); r = sprintf("b%015x", i)
		printf "%s,,%s,2026-01-01T00:00:00Z,x,timeline.csv,add,,date,2026-01-01\n", a, a
		printf "%s,,%s,2026-01-01T00:00:00Z,x,timeline.csv,add,,kind,other\n", a, a
		printf "%s,,%s,2026-01-01T00:00:00Z,x,timeline.csv,add,,event,%s\n", a, a, s
		printf "%s,%s,%s,2026-01-01T00:00:00Z,x,timeline.csv,rm,,,\n", r, a, a
	}
}' >> history.csv
t 'a history just under 32 MiB' test "$(wc -c < history.csv)" -lt 33554432
t '  reads' ipt history --file timeline.csv
snap .
t_refused 'a change whose history would pass 32 MiB is refused' 1 \
    '^ipt: history\.csv: would be [0-9]* bytes, more than the 32 MiB a history may hold; nothing changed$' \
    "$IPT" session add --date 2026-02-01 --note "$big"
t_unchanged '  and the files are as they were' .
if has event; then
	fresh
	awk 'BEGIN { print "date,kind,event,mood"
		for (i = 0; i < 125000; i++) print "2026-01-01,other,x," }' \
	    > timeline.csv
	t 'a timeline of 500,000 fields reads' ipt event list --format csv
	snap .
	t_refused 'an event that would make 500,004 fields is refused' 1 \
	    'timeline\.csv: would hold 500004 fields, more than the 500000 a record file may hold; nothing changed$' \
	    "$IPT" event add --date 2026-01-02 --kind other y
	t_unchanged '  and the files are as they were' .
	# The history has limits of its own: 1,500,000 fields (150,000
	# lines of 10).  Its first write holds a line per row, one line of
	# 10 fields for the 3 of an event: 70,000 events fit.
	fresh
	awk 'BEGIN { print "date,kind,event,mood"
		for (i = 0; i < 70000; i++) print "2026-01-01,other,x" i "," }' \
	    > timeline.csv
	t 'one of 70,000 events is added, with their history' \
	    ipt event add --date 2026-01-02 --kind other y
	t '  and the history reads back' sh -c \
	    'test "$("$IPT" history --file timeline.csv | grep -c ": added \\[")" = 70001'
	# Filled to 150,000 lines by hand: the next change is refused.
	awk -v n=$((150000 - $(sed 1d history.csv | wc -l))) 'BEGIN {
		for (i = 0; i < n; i++)
			printf "%016x,,%016x,2026-01-01T00:00:00Z,x,timeline.csv,rm,,,\n", i, i
	}' >> history.csv
	snap .
	t_refused 'an event whose history would pass 1,500,000 fields is refused' 1 \
	    '^ipt: history\.csv: would hold [0-9]* fields, more than the 1500000 a history may hold; nothing changed$' \
	    "$IPT" event add --date 2026-01-02 --kind other z
	t_unchanged '  and the files are as they were' .
fi

# Many blank lines, then a row.
fresh
{ head -n 1 ../tmpl/sessions.csv
  awk 'BEGIN { for (i = 0; i < 2000000; i++) print "" }'
  sed 1d ../tmpl/sessions.csv; } > sessions.csv
t '2,000,000 blank lines are skipped' ipt session list

### NUL bytes, invalid UTF-8, CRLF ####################################

fresh
printf 'number,date,kind,attendance,duration_min,phase,focus,techniques,mood,stress,note\n1,2026-01-05,individual,attended,,initial,,,,,a\000b\n' > sessions.csv
t_refused 'a NUL byte in sessions.csv: refused' 1 \
    'sessions.csv:2: field 11 holds a NUL byte' "$IPT" session list
printf 'number,date,kind,attendance,duration_min,phase,focus,techniques,mood,stress,note\n1,2026-01-05,individual,attended,,initial,,,,,caf\351\n' > sessions.csv
t_refused 'invalid UTF-8 in sessions.csv: refused' 1 \
    'sessions.csv:2: field 11 holds a control character or invalid UTF-8' \
    "$IPT" session list
printf 'number,date,kind,attendance,duration_min,phase,focus,techniques,mood,stress,note\n1,2026-01-05,individual,attended,,initial,,,,,\300\200\n' > sessions.csv
t_refused 'an overlong UTF-8 NUL: refused' 1 'invalid UTF-8' \
    "$IPT" session list
fresh
printf '[client]\nid = "c\000"\n' > client.ini
t_refused 'a NUL byte in client.ini: refused' 1 'client.ini: holds a NUL' \
    "$IPT" status
fresh
sed 's/Ana/\xff/' ../tmpl/client.ini > client.ini
printf '[client]\nname = "\377"\n' > client.ini
t_refused 'invalid UTF-8 in client.ini: refused' 1 \
    'client.ini:2: control character or invalid UTF-8' "$IPT" status

fresh
sed 's/$/\r/' ../tmpl/sessions.csv > crlf && mv crlf sessions.csv
sed 's/$/\r/' ../tmpl/client.ini > crlf && mv crlf client.ini
t 'CRLF sessions.csv and client.ini read' ipt session list --format csv
t 'the same as with LF' sh -c "cd ../tmpl && \"\$IPT\" session list \
    --format csv > ../lf.out; cd ../c && \"\$IPT\" session list \
    --format csv | cmp - ../lf.out"
t 'a write works on CRLF files' ipt session add --date 2026-02-01
t 'status reads them' ipt status

### Headers and rows of the wrong shape ###############################

fresh
cut -d, -f1,3- ../tmpl/sessions.csv > s && mv s sessions.csv
t_refused 'a header without a required column: refused' 1 \
    "sessions.csv:1: the header lacks the column 'date'" "$IPT" session list
fresh
cut -d, -f1-8,10- ../tmpl/sessions.csv > s && mv s sessions.csv
t 'a header without an optional column reads' ipt session list
t 'a write adds the column' sh -c '"$IPT" session add --date 2026-02-01 &&
    head -n 1 sessions.csv | grep -q ",mood$"'
fresh
sed '1s/$/,extra/; 2,$s/$/,kept/' ../tmpl/sessions.csv > s && mv s sessions.csv
t 'an extra column reads' ipt session list
t 'and is kept by a write' sh -c '"$IPT" session add --date 2026-02-01 &&
    grep -c ",kept" sessions.csv | grep -qx 2'
fresh
sed '2s/$/,surplus/' ../tmpl/sessions.csv > s && mv s sessions.csv
t_refused 'a row with a field too many: refused' 1 \
    'sessions.csv:2: 12 fields, but the header has 11' "$IPT" session list
fresh
sed '3s/,[^,]*$//' ../tmpl/sessions.csv > s && mv s sessions.csv
t_refused 'a row with a field too few: refused' 1 \
    'sessions.csv:3: 10 fields, but the header has 11' "$IPT" session list
fresh
sed '1s/date/number/' ../tmpl/sessions.csv > s && mv s sessions.csv
t_refused 'a column twice in the header: refused' 1 "appears twice" \
    "$IPT" session list
fresh
printf '' > sessions.csv
t 'an empty sessions.csv reads as no sessions' ipt session list
t_fail 1 'a note left without a session keeps its number from a new session' \
    ipt session add --date 2026-02-01
rm -f notes/0001.md
t 'and, the note moved, takes a new session' ipt session add --date 2026-02-01
fresh
printf 'a,"b\n' > sessions.csv
t_refused 'an unterminated quote: refused' 1 \
    'sessions.csv:1: unterminated quoted field' "$IPT" session list
printf 'number,date\n1,2026-01-05"x"\n' > sessions.csv
t_refused 'a stray quote: refused' 1 'sessions.csv:2: malformed quoting' \
    "$IPT" session list
fresh
printf '[client]\nname = "unterminated\n' > client.ini
t_refused 'an unterminated quote in client.ini: refused' 1 \
    'client.ini:2:.*closing quote' "$IPT" status
printf '[client]\nname = Ann; Bob\n' > client.ini
t_refused 'a value iniparser would cut at ";": refused' 1 \
    "client.ini:2:.*cut the value at ';'" "$IPT" status
printf '[client]\nname = x\\\nid = y\n' > client.ini
t_refused 'a line ending in a backslash: refused' 1 \
    'client.ini:2: ends with a backslash' "$IPT" status
# A value our writer could not write back is refused on reading, with its
# line, before any command gets halfway: a backslash, both quotes, a line
# longer than the writer makes.
fresh
sed 's/^therapist = .*/therapist = "Dr. A\\B"/' ../tmpl/client.ini > ci &&
    mv ci client.ini && chmod 600 client.ini
bs_line=$(grep -n '^therapist' client.ini | cut -d: -f1)
snap .
t_refused 'a backslash in a client.ini value: refused by status' 1 \
    "^ipt: client.ini:$bs_line: \[client\] therapist: a backslash cannot be stored in an INI value\$" \
    "$IPT" status
run "$IPT" check
t 'check exits 1 on it' test "$rc" = 1
t_grep 'check reports it on one line, with file and line' \
    "^client.ini:$bs_line: error: \[client\] therapist: a backslash cannot be stored" out
t 'and nothing else on stdout' sh -c '[ "$(wc -l < out)" = 1 ] || { cat out; false; }'
t_refused 'a plan change is refused before writing' 1 \
    "^ipt: client.ini:$bs_line: \[client\] therapist: a backslash" \
    "$IPT" plan --sessions 12
t_refused 'so is a new session' 1 "client.ini:$bs_line: .*backslash" \
    "$IPT" session add --date 2026-02-01
t_unchanged 'the files are as they were' .
sed 's/^therapist = .*/therapist = O'"'"'Neil "Bob"/' ../tmpl/client.ini > client.ini
t_refused 'both quotes in an unquoted value: refused' 1 \
    "client.ini:$bs_line: \[client\] therapist: a value cannot hold both" \
    "$IPT" status
awk -v v="$(printf '%0995d' 0)" '/^therapist/ { $0 = "therapist = \"" v "\"" } 1' \
    ../tmpl/client.ini > client.ini
t_refused 'a value longer than the writer writes: refused' 1 \
    "client.ini:$bs_line: \[client\] therapist: value too long (995 bytes; at most 986)" \
    "$IPT" status

### Files that are not files ##########################################

fresh
rm sessions.csv && mkfifo sessions.csv
t_refused 'a FIFO for sessions.csv: refused, no hang' 1 \
    'sessions.csv: not a regular file' "$IPT" session list
rm sessions.csv && mkdir sessions.csv
t_refused 'a directory for sessions.csv: refused' 1 'sessions.csv' \
    "$IPT" session list
rmdir sessions.csv && ln -s /dev/zero sessions.csv
t_refused 'sessions.csv a link to /dev/zero: refused' 1 \
    'a symbolic link' "$IPT" session list
fresh
mv client.ini ../ci && mkfifo client.ini
t_refused 'a FIFO for client.ini: refused, no hang' 1 \
    'client.ini: not a regular file' "$IPT" status
fresh
rm notes/0001.md && mkfifo notes/0001.md
t_nocrash 'a FIFO for a note: no hang' "$IPT" session show 1
t_nocrash 'nor when editing it' "$IPT" session note 1

### Never a crash #####################################################

# Every read command, on each file with broken bytes appended, exits
# below 128 (and within the time limit).
fresh
( cd .. && "$IPT" -C c measure add phq9 1 1 1 1 1 1 1 1 1 &&
  "$IPT" -C c inventory add --relationship sister Eva &&
  "$IPT" -C c goal add 'a goal' && "$IPT" -C c event add --date \
  2026-01-02 'an event' && "$IPT" -C c relapse add --kind action 'walk'
) > /dev/null 2>&1
cmds=
for c in 'session list' 'session show 1' 'focus history' 'status' 'plan' \
    'measure list' 'inventory list' 'goal list' 'event list' \
    'relapse list' 'risk list' 'report' 'ls' 'export' 'check' 'remind' \
    'schedule'; do
	has ${c%% *} && cmds="$cmds${cmds:+|}$c"
done
i=0
: > crashes
for f in client.ini sessions.csv focus.csv measures.csv inventory.csv \
    goals.csv timeline.csv relapse.csv risk.csv; do
	[ -f "$f" ] || continue
	cp "$f" ../orig
	for junk in '\000' '\377\376' 'a"b' '\r\r' '"' '[' '=\\'; do
		{ cat ../orig; printf "$junk\n"; } > "$f"
		IFS='|'
		for c in $cmds; do
			IFS=' '
			timeout 60 "$IPT" $c > /dev/null 2>&1
			rc=$?
			[ "$rc" -lt 124 ] || echo "$c on $f + '$junk':" \
			    "exit $rc" >> crashes
			i=$((i + 1))
			IFS='|'
		done
		IFS=' '
	done
	cp ../orig "$f"
done
unset IFS
echo "# $i runs of read commands on broken files"
t 'no crash and no hang on any broken file' sh -c '! [ -s crashes ] ||
    { cat crashes; false; }'
# A number of 30 digits: refused, never an overflow (UBSan in the asan run).
cd "$T_TMP" || exit 1
ipt init big --start 2026-01-01 > /dev/null
ipt -C big session add --date 2026-01-02 > /dev/null
sed -i '2s/^1,/123456789012345678901234567890,/' big/sessions.csv
t_refused 'status: a 30-digit session number' 1 \
    "sessions.csv:2: number: '123456789012345678901234567890' is not" \
    "$IPT" -C big status
run "$IPT" check big
t 'check: a 30-digit session number is an error' \
    grep -q "sessions.csv:2: error: number: '1234567890123" out
finish
