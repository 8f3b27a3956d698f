#!/bin/sh
# t25-global.sh: the global options -C and --today after the command name
# as before it; ipt help finds the pages next to the executable (the
# source tree's man/, an installed ../share/man/) without MANPATH.
. "$(dirname "$0")/lib.sh"

ipt init --today 2026-11-02 ana --start 2026-11-02 > /dev/null
t 'init takes --today after the command' grep -q 'start = "2026-11-02"' \
    ana/client.ini
cd ana || exit 1
ipt session add --date 2026-11-02 > /dev/null
ipt status --format json > before.json
ipt status --today 2026-11-30 --format json > after.json
ipt --today 2026-11-30 status --format json > front.json
t 'status --today D is --today D status' cmp after.json front.json
t '--today after the command is taken' \
    sh -c '! cmp -s before.json after.json'
ipt status --format=json --today=2026-11-30 > eq.json
t '--today=D after the command is taken' cmp eq.json front.json
ipt remind --today 2026-11-30 . > r1
ipt --today 2026-11-30 remind . > r2
t 'remind --today D is --today D remind' cmp r1 r2
t_grep 'remind reckons from that day' 'overdue' r1
cd .. || exit 1
ipt status -C ana --today 2026-11-30 --format json > c.json
t 'status -C DIR after the command' cmp c.json ana/after.json
# A value that looks like a global option stays the value.
ipt session add -C ana --date 2026-11-09 --note --today > /dev/null
t_grep 'a value --today stays the value' '2026-11-09.*--today' \
    ana/sessions.csv
# Verbs: the options of the verb are stepped over.
ipt -C ana session list --today 2026-11-30 --format csv > l.csv
t 'session list --today takes it' test -s l.csv
snap ana
t_fail 2 '--today with no value after the command' ipt status -C ana --today
t_fail 2 '--today with a bad date after the command' \
    ipt status -C ana --today 2026-02-30
t_fail 2 '-C to a missing directory after the command' ipt status -C nowhere
t_fail 2 'after --, --today is an operand' ipt goal add -C ana -- --today x
t_unchanged 'bad global options change nothing' ana

# ipt help: the page next to the executable, in the build tree's man/ ...
if command -v man > /dev/null 2>&1; then
	mkdir -p tree/man inst/bin inst/share/man/man1 inst/share/man/man5
	cp "$IPT" tree/ipt
	cp "$T_SRC"/man/*.1 "$T_SRC"/man/*.5 tree/man/
	cp "$IPT" inst/bin/ipt
	cp "$T_SRC"/man/*.1 inst/share/man/man1/
	cp "$T_SRC"/man/*.5 inst/share/man/man5/
	for layout in tree/ipt inst/bin/ipt; do
		MANPATH="$T_TMP/empty" MANPAGER=cat PAGER=cat MANWIDTH=80 \
		    "$layout" help session > help.out 2>&1
		t_grep "ipt help session from $layout" 'ipt session add' \
		    help.out
		MANPATH="$T_TMP/empty" MANPAGER=cat PAGER=cat MANWIDTH=80 \
		    "$layout" help files > help.out 2>&1
		t_grep "ipt help files from $layout" 'sessions.csv' help.out
	done
	# ... and, with no page there, the failure is man's, exit 1.
	mkdir bare
	cp "$IPT" bare/ipt
	t_fail 1 'no page next to it nor in MANPATH' env \
	    MANPATH="$T_TMP/empty" MANPAGER=cat PAGER=cat bare/ipt help session
fi
t_fail 2 'help of an unknown command' ipt help nosuch
finish
