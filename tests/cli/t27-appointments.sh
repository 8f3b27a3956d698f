#!/bin/sh
# t27-appointments.sh: ipt session plan|move|cancel|appointments, and the
# appointments in status, remind, schedule (text and iCalendar read back
# by python3-icalendar) and session add.
. "$(dirname "$0")/lib.sh"

PY=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import icalendar' 2> /dev/null; then
		PY=$p
		break
	fi
done
t 'python3-icalendar is installed (tests/deps.sh)' test -n "$PY"
# ics FILE: every event as UID, DTSTART, DTEND (from DURATION or DTEND),
# STATUS, SUMMARY, one per line, as icalendar reads them.
cat > "$T_TMP/ics.py" <<'EOF2'
import sys, icalendar
raw = open(sys.argv[1], 'rb').read()
cal = icalendar.Calendar.from_ical(raw)
assert cal.name == 'VCALENDAR'
for e in cal.walk('VEVENT'):
    s = e['DTSTART'].dt
    end = s + e['DURATION'].dt if 'DURATION' in e else e['DTEND'].dt
    print('\t'.join([str(e['UID']), s.isoformat(), end.isoformat(),
        str(e.get('STATUS', '')), str(e['SUMMARY'])]))
EOF2
ics() { "$PY" "$T_TMP/ics.py" "$1"; }

export IPT_TODAY=2026-11-23
mkdir p && : > p/ipt.ini
ipt init p/ana --name 'Ana M.' --start 2026-11-23 > /dev/null
cd p/ana || exit 1

ipt session plan --date 2026-11-24 --time 15:00 > out
t_grep 'plan prints the id' '^1$' out
t_grep 'header as designed' \
    '^id,date,time,duration_min,status,session,note$' appointments.csv
t_grep 'the row, 50 minutes by default' \
    '^1,2026-11-24,15:00,50,planned,,$' appointments.csv
t 'plan a second, 45 minutes' ipt session plan --date 2026-12-01 \
    --time 15:00 --duration 45 --note 'after school'
t 'plan a third' ipt session plan --date 2026-12-08 --time 09:15
t 'move the second to 16:30' ipt session move 2 --time 16:30
t_grep 'moved: the same id, the new time' \
    '^2,2026-12-01,16:30,45,planned,,after school$' appointments.csv
t 'move the third to another day' ipt session move 3 --date 2026-12-09
t 'cancel the second' ipt session cancel 2 --note 'client ill'
t_grep 'cancelled: the row stays' \
    '^2,2026-12-01,16:30,45,cancelled,,client ill$' appointments.csv
t 'appointments.csv is 0600' test "$(stat -c %a appointments.csv)" = 600
ipt session appointments --format csv > l.csv
t 'appointments lists the file' cmp l.csv appointments.csv
ipt session appointments --format json > l.json
t 'as JSON' sh -c '[ "$(jq -r ".[2].date" l.json)" = 2026-12-09 ]'

# Bad input: one line, exit 2, nothing written.
snap .
t_fail 2 'plan needs --time' ipt session plan --date 2026-11-30
t_fail 2 'a time past 23:59' ipt session plan --date 2026-11-30 --time 24:00
t_fail 2 'a time not HH:MM' ipt session plan --date 2026-11-30 --time 3pm
ipt session plan --date 2026-11-30 --time 9:00 2> err
t_grep 'names the option' "^ipt: --time: '9:00' is not a time HH:MM" err
t_fail 2 'a day in the past' ipt session plan --date 2026-11-20 --time 10:00
t_fail 2 'a duration of 0' ipt session plan --date 2026-11-30 \
    --time 10:00 --duration 0
t_fail 2 'two at one time' ipt session plan --date 2026-11-24 --time 15:00
t_fail 1 'move a cancelled one' ipt session move 2 --time 10:00
t_fail 2 'move one that is not there' ipt session move 9 --time 10:00
t_fail 2 'move with nothing to change' ipt session move 1
t_fail 2 'cancel with no id' ipt session cancel
t_unchanged 'bad input writes nothing' .

# status and remind show what is ahead; remind --within 1 in the morning
# lists tomorrow's appointment.
ipt status > st
t_grep 'status shows the appointment ahead' \
    'appointment 1: 2026-11-24 Tue at 15:00, 50 min' st
ipt remind --within 1 .. > r
t_grep 'remind --within 1: tomorrow' \
    '^2026-11-24  ana  appointment  *appointment 1: 2026-11-24 Tue at 15:00' r
t 'not the one in 16 days' sh -c '! grep -q 2026-12-09 r'
t 'nor the cancelled one' sh -c '! grep -q 16:30 r'
ipt remind --today 2026-12-09 --within 0 .. > r
t_grep 'on the day' '^2026-12-09  ana  appointment ' r

# session add on the day takes it.
ipt session add --today 2026-11-24 > out
t_grep 'the session is 1' '^1$' out
t_grep 'the appointment is held by session 1' \
    '^1,2026-11-24,15:00,50,held,1,$' appointments.csv
ipt remind --today 2026-12-10 .. > r
t_grep 'a planned appointment no session took is missed' \
    'appointment-missed  *appointment 3 on 2026-12-09 at 09:15' r
t 'check accepts appointments.csv' ipt check --today 2026-11-24

# schedule: text, merged by day.
ipt schedule --today 2026-11-25 --count 3 > s
t_grep 'schedule shows the appointment' \
    '^2026-12-09  Wed  09:15  appointment 3, 50 min$' s
t 'not the cancelled one' sh -c '! grep -q 16:30 s'
# iCalendar: timed events with durations; a cancelled one CANCELLED.
ipt schedule --today 2026-11-25 --format ics > a.ics
ics a.ics > ev
t_grep 'a timed event in floating local time' \
    '^ana-appt-3@ipt	2026-12-09T09:15:00	2026-12-09T10:05:00	CONFIRMED	' ev
t_grep 'the cancelled one as CANCELLED' \
    '^ana-appt-2@ipt	2026-12-01T16:30:00	2026-12-01T17:15:00	CANCELLED	' ev
t 'a held one is not an event' sh -c '! grep -q ana-appt-1@ ev'
t 'no name without --names' sh -c '! grep -q "Ana M" a.ics'
t_grep 'the title names the id' '	IPT session: ana$' ev
ipt schedule --today 2026-11-25 --format ics --names > n.ics
ics n.ics > evn
t_grep 'with --names, the name' '^ana-appt-3@ipt	.*	IPT session: Ana M\.$' evn
ipt session move 3 --today 2026-11-25 --time 10:00 --duration 60
ipt schedule --today 2026-11-25 --format ics > b.ics
ics b.ics > ev2
t_grep 'moved: the same UID, the new time and length' \
    '^ana-appt-3@ipt	2026-12-09T10:00:00	2026-12-09T11:00:00	CONFIRMED' ev2
ipt schedule --today 2026-11-25 --format ics > c.ics
t 'the same bytes on a second run' cmp b.ics c.ics
finish
