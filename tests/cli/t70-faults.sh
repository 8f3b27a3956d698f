#!/bin/sh
# t70-faults.sh: every write command, failed at every step of every file
# replacement it makes.
#
# For each write command that this ipt has, and each fault point of
# atomic_replace() (write, fsync, close, rename, dirsync), the command is
# run with IPT_TEST_FAULT=POINT:N for N = 1, 2, ... until it succeeds (N is
# then past its last replacement), each time on a fresh copy of the same
# client.  Every failed run must exit 1 with a one-line ENOSPC message,
# leave every record file whole as it was before or as a successful run
# leaves it (sha256), leave no temporary file, and let the next write
# command work.  The run that succeeds must give exactly the files of a
# run without faults.  Then the same with POINT:N:kill (SIGKILL at that
# step) for write, rename and dirsync: files old or new, and any
# temporary file it leaves is gone after the next write.
. "$(dirname "$0")/lib.sh"

has() {	# command: does this ipt have it?
	"$IPT" "$1" --help > /dev/null 2>&1
}

# hashes DIR: "PATH SHA256" of every file a command writes: all but the
# lock, temporary files, and the copy a note is edited in.
hashes() {
	( cd "$1" && find . -type f ! -name .ipt.lock ! -name '.*.tmp.*' \
	    ! -name '.edit-*' -exec sha256sum {} + |
	    awk '{ print $2, $1 }' | LC_ALL=C sort )
}

# temps DIR: the temporary files of interrupted writes under DIR.
temps() {
	find "$1" -name '.*.tmp.*'
}

# old_or_new BEFORE AFTER NOW: each file of NOW is as in BEFORE or AFTER
# (absent counts as a state); prints the files that are neither.
old_or_new() {
	awk 'FILENAME == ARGV[1] { b[$1] = $2; all[$1] = 1; next }
	    FILENAME == ARGV[2] { a[$1] = $2; all[$1] = 1; next }
	    { n[$1] = $2; all[$1] = 1 }
	    END {
		for (f in all) {
			x = (f in n) ? n[f] : "-"
			if (x != ((f in b) ? b[f] : "-") &&
			    x != ((f in a) ? a[f] : "-"))
				print f ": neither the old nor the new file"
		}
	    }' "$1" "$2" "$3"
}

# The client every command starts from: one of everything.
export EDITOR='printf "%s\n" "a line of the note" >>'
ipt init tmpl --start 2026-10-01 --name 'Ana M.' > /dev/null
(
	cd tmpl || exit 1
	ipt session add --date 2026-10-01 --note 'first, "quoted"'
	ipt session add --date 2026-10-08 --mood 4
	ipt session add --date 2026-10-09 --attendance cancelled
	ipt focus set grief --note 'lost her mother'
	ipt inventory add --relationship mother --closeness 4 Maria
	ipt event add --date 2026-09-01 --kind loss 'death of mother'
	ipt goal add 'call sister weekly'
	ipt goal add 'walk daily'
	ipt relapse add --kind action 'walk every day'
	ipt relapse add --kind warning-sign 'poor sleep'
	if has measure; then
		ipt measure add phq9 1 1 1 1 1 1 1 1 1
	fi
) > /dev/null 2>&1
t 'the starting client is complete' test -s tmpl/relapse.csv

# LABEL|COMMAND (run with eval in the client directory).  Commands this
# ipt does not have are skipped.
cat > cmds <<'EOF'
init|init new --start 2026-10-01 --name 'Ana M.'
session add|session add --date 2026-10-15 --note 'a new session'
session edit|session edit --mood 7 --note 'changed' 1
session rm|session rm 3
session note|session note 1
focus set|focus set role-dispute --secondary grief --note 'changed'
measure add|measure add gad7 1 2 1 0 1 2 1
risk review|risk review --note 'reviewed: no current intent'
inventory add|inventory add --relationship friend --closeness 3 Tom
inventory rate|inventory rate --date 2026-11-27 --closeness 5 Maria
inventory edit|inventory edit --contact weekly Maria
inventory rm|inventory rm Maria
event add|event add --date 2026-10-10 --kind dispute 'argument with sister'
goal add|goal add 'join a choir'
goal done|goal done 1
goal drop|goal drop 2
relapse add|relapse add --kind contact 'sister, 555 0100'
relapse rm|relapse rm 1
plan|plan --sessions 20 --frequency 14
EOF

tried=0
ncmd=0
while IFS='|' read -r label cmd; do
	set -- $label
	has "$1" || continue
	# A subcommand this ipt lacks prints usage and exits 2.
	rm -rf probe
	if [ "$label" = init ]; then
		# Not inside the client: init refuses a directory there.
		mkdir -p probe/x
		(cd probe/x && eval "\"\$IPT\" $cmd") > /dev/null 2> err
	else
		cp -a tmpl probe
		(cd probe && eval "\"\$IPT\" $cmd") > /dev/null 2> err
	fi
	rc=$?
	if [ "$rc" = 2 ] && grep -q 'usage:' err; then
		continue
	fi
	t "$label: works without faults" test "$rc" = 0
	[ "$rc" = 0 ] || continue
	ncmd=$((ncmd + 1))
	if [ "$label" = init ]; then
		# init starts from a directory without a client.
		mkdir -p base
		hashes base > before
		(cd probe/x && hashes .) > after
	else
		hashes tmpl > before
		hashes probe > after
	fi
	# Killed: while writing the temporary file, with it complete but not
	# renamed, and after the rename (fsync and close kills are as write).
	for point in write fsync close rename dirsync \
	    write:kill rename:kill dirsync:kill; do
		case $point in
		*:kill)	kill=:kill; point=${point%:kill} ;;
		*)	kill= ;;
		esac
		n=1
		: > problems
		while :; do
			rm -rf w
			if [ "$label" = init ]; then
				mkdir w
			else
				cp -a tmpl w
			fi
			(cd w && eval "IPT_TEST_FAULT=$point:$n$kill \"\$IPT\" \
			    $cmd") > /dev/null 2> err
			rc=$?
			hashes w > now
			if [ "$rc" = 0 ]; then
				# Past the last replacement: as if no fault.
				if ! cmp -s after now; then
					echo "N=$n: succeeded with other files" \
					    >> problems
					diff after now >> problems
				fi
				break
			fi
			tried=$((tried + 1))
			old_or_new before after now | sed "s/^/N=$n: /" \
			    >> problems
			if [ -n "$kill" ]; then
				# Killed: a temporary file may be left.
				[ "$rc" = 137 ] || echo "N=$n: exit $rc," \
				    "not killed" >> problems
			else
				[ "$rc" = 1 ] || echo "N=$n: exit $rc" >> problems
				if [ "$(wc -l < err)" != 1 ] || ! grep -q \
				    '^ipt: .*No space left on device' err; then
					echo "N=$n: message:" >> problems
					cat err >> problems
				fi
				if [ -n "$(temps w)" ]; then
					echo "N=$n: temporary files left:" \
					    >> problems
					temps w >> problems
				fi
			fi
			# The next write command works and leaves no temporary:
			# a new session, or init again if it made no client.
			if [ "$label" != init ]; then
				(cd w && "$IPT" session add --date 2026-11-01)
			elif [ -f w/new/client.ini ]; then
				(cd w/new && "$IPT" session add --date 2026-11-01)
			else
				(cd w && eval "\"\$IPT\" $cmd")
			fi > /dev/null 2>&1 ||
			    echo "N=$n: the next write failed" >> problems
			if [ -n "$(temps w)" ]; then
				echo "N=$n: temporary files after the next" \
				    "write" >> problems
			fi
			n=$((n + 1))
			if [ "$n" -gt 30 ]; then
				echo "still failing at N=30" >> problems
				break
			fi
		done
		if [ -s problems ]; then
			cp problems "$T_TMP/.out"
			t_report 1 "$label: $point$kill faults 1 to $((n - 1))"
		else
			t_report 0 "$label: $point$kill faults 1 to $((n - 1)):" \
			    "old or new files, whole"
		fi
	done
done < cmds
echo "# $tried fault points tried over $ncmd write commands"
t 'some fault points were tried' test "$tried" -gt 0
finish
