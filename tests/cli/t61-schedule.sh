#!/bin/sh
# t61-schedule.sh: ipt schedule, the sessions ahead as text and as
# iCalendar read back by a real parser (python3-icalendar).
. "$(dirname "$0")/lib.sh"

# A python3 that has the icalendar module (pyenv may shadow Debian's).
PY=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import icalendar' 2> /dev/null; then
		PY=$p
		break
	fi
done
t 'python3-icalendar is installed (tests/deps.sh)' test -n "$PY"

# ics FILE: parse with icalendar, check the bytes, and print one line per
# event: UID, DTSTART, DTSTAMP, SUMMARY, DESCRIPTION.
cat > "$T_TMP/ics.py" <<'EOF'
import sys, icalendar
raw = open(sys.argv[1], 'rb').read()
assert raw.endswith(b'\r\n'), 'no CRLF at the end'
lines = raw.split(b'\r\n')[:-1]
for l in lines:
    assert b'\n' not in l and b'\r' not in l, 'a bare LF or CR'
    assert len(l) <= 75, 'line longer than 75 octets: %r' % l
    l.decode('utf-8')	# folding never cuts a UTF-8 sequence
cal = icalendar.Calendar.from_ical(raw)
assert cal.name == 'VCALENDAR'
assert str(cal['VERSION']) == '2.0'
assert str(cal['PRODID'])
for e in cal.walk('VEVENT'):
    for k in ('UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY'):
        assert k in e, k + ' missing'
    s, n = e['DTSTART'].dt, e['DTEND'].dt
    assert (n - s).days == 1, 'an all-day event'
    print('\t'.join([str(e['UID']), s.isoformat(),
        e['DTSTAMP'].dt.strftime('%Y%m%dT%H%M%S%z'), str(e['SUMMARY']),
        str(e['DESCRIPTION']).replace('\n', '|')]))
EOF
ics() { "$PY" "$T_TMP/ics.py" "$1"; }

ipt init ana --name 'Ana María Núñez-Þórsdóttir de la Peña, "la flaca"; ñ' \
    --start 2026-11-05 > /dev/null
cd ana || exit 1
ipt session add --date 2026-11-12 > /dev/null
ipt session add --date 2026-11-19 > /dev/null

# Text.
ipt schedule > out
t 'the sessions left of the plan' sh -c '[ "$(wc -l < out)" = 14 ]'
t_grep 'the next a week after the last' '^2026-11-26  Thu  session 3 (the 3rd of 16 planned, initial phase)$' out
t_grep 'the middle phase' '^2026-12-03  Thu  session 4 (the 4th of 16 planned, initial phase)$' out
t_grep 'session 5 is middle' '^2026-12-10  Thu  session 5 (the 5th of 16 planned, middle phase)$' out
t_grep 'the last is final' '^2027-02-25  Thu  session 16 (the 16th of 16 planned, final phase)$' out
ipt schedule --count 3 > out
t '--count' sh -c '[ "$(wc -l < out)" = 3 ]'
ipt --today 2026-12-01 schedule --count 2 > out
t_grep 'an overdue session is planned today' \
    '^2026-12-01  Tue  session 3 (the 3rd of 16 planned, initial phase)  (overdue: due 2026-11-26)$' out
t_grep 'and the next an interval later' '^2026-12-08  Tue  session 4 (the 4th of 16 planned, initial phase)$' out
snap .
ipt schedule --format ics > /dev/null
t_unchanged 'schedule writes nothing' .

# iCalendar (--names: the client's name in the titles; see below).
ipt schedule --format ics --names > a.ics
t 'ics parses, CRLF, folded at 75 octets' "$PY" "$T_TMP/ics.py" a.ics
ics a.ics > ev
t 'an event per session' sh -c '[ "$(wc -l < ev)" = 14 ]'
t_grep 'stable UID' '^ana-session-3@ipt	2026-11-26	' ev
t_grep 'DTSTAMP is today at midnight UTC' '^ana-session-3@ipt	2026-11-26	20261126T000000+0000	' ev
t_grep 'the last event' '^ana-session-16@ipt	2027-02-25	' ev
t_grep 'title with the name, escapes read back' \
    '	IPT session 3 (the 3rd of 16 planned): Ana María Núñez-Þórsdóttir de la Peña, "la flaca"; ñ	' ev
t_grep 'description names phase and variant' \
    '	Client ana, standard variant, initial phase, every 7 days.|Planned' ev
t_grep 'PRODID and VERSION' '^VERSION:2.0' a.ics
t_grep 'all-day events' '^DTSTART;VALUE=DATE:20261126' a.ics
t_grep 'commas escaped' 'la Peña\\,' a.ics
t_grep 'semicolons escaped' '"la flaca"\\; ñ' a.ics
t 'long lines are folded' grep -q '^ ' a.ics
ipt schedule --format ics --names > b.ics
t 'the same bytes on a second run' cmp a.ics b.ics
ipt --today 2026-11-27 schedule --format ics > c.ics
ics c.ics > ev2
t 'UIDs are stable across days' sh -c '[ "$(cut -f1 ev)" = "$(cut -f1 ev2)" ]'
t 'DTSTAMP follows --today' grep -q '^DTSTAMP:20261127T000000Z' c.ics
IPT_TODAY=2026-11-28 ipt schedule --format ics > c.ics
t 'and IPT_TODAY' grep -q '^DTSTAMP:20261128T000000Z' c.ics
ipt session add --date 2026-11-26 > /dev/null
ipt schedule --format ics > d.ics
ics d.ics > ev3
t 'after a session, one event fewer' sh -c '[ "$(wc -l < ev3)" = 13 ]'
t 'the rest keep their UIDs (a re-import updates them)' sh -c \
    '[ "$(cut -f1 ev3)" = "$(cut -f1 ev | sed 1d)" ]'
ipt schedule --format ics --no-names > n.ics
ics n.ics > evn
t '--no-names parses' test -s evn
t '--no-names leaves the name out' sh -c '! grep -q -e María -e flaca n.ics'
t_grep '--no-names titles with the id' '	IPT session 4 (the 4th of 16 planned): ana	' evn
ipt schedule --format ics > dn.ics
t 'without --names, no name either (issue 17)' cmp dn.ics n.ics
ipt schedule --format ics --count 1 > one.ics
ics one.ics > ev1
t '--count with ics' sh -c '[ "$(wc -l < ev1)" = 1 ]'

# Frequency and start.
cd "$T_TMP" || exit 1
ipt init bo --start 2026-12-07 --frequency 14 --sessions 8 > /dev/null
ipt -C bo schedule > out
t_grep 'the first on the start date' '^2026-12-07  Mon  session 1 (the 1st of 8 planned, initial phase)$' out
t_grep 'every 14 days' '^2026-12-21  Mon  session 2 (the 2nd of 8 planned, initial phase)$' out
t 'all 8' sh -c '[ "$(wc -l < out)" = 8 ]'

# Maintenance: no end, 6 by default; paused, ended, plan complete: none.
sed -i 's/^status = .*/status = "maintenance"/' bo/client.ini
ipt -C bo schedule > out
t 'maintenance: 6 sessions' sh -c '[ "$(wc -l < out)" = 6 ]'
t_grep 'maintenance phase' '^2026-12-07  Mon  session 1 (the 1st, maintenance)$' out
ipt -C bo schedule --count 30 > out
t 'maintenance --count past the plan' sh -c '[ "$(wc -l < out)" = 30 ]'
ipt -C bo schedule --format ics > m.ics
ics m.ics > evm
t 'maintenance ics parses' sh -c '[ "$(wc -l < evm)" = 6 ]'
t_grep 'maintenance title' 'IPT session 1 (the 1st\\, maintenance): bo' m.ics
for st in paused ended; do
	sed -i "s/^status = .*/status = \"$st\"/" bo/client.ini
	ipt -C bo schedule > out 2> err
	t "$st: exit 0" ipt -C bo schedule
	t "$st: nothing planned" test ! -s out
	t_grep "$st: says so on stderr" "^ipt: bo: .*no session is planned" err
	ipt -C bo schedule --format ics > out 2> /dev/null
	t "$st: no ics" test ! -s out
done
ipt init cy --sessions 3 --start 2026-11-01 > /dev/null
for d in 01 08 15; do
	ipt -C cy session add --date 2026-11-$d > /dev/null
done
ipt -C cy schedule > out 2> err
t 'plan complete: nothing planned' test ! -s out
t_grep 'plan complete: says what to decide' 'every planned session has been held' err
ipt init dd --frequency 1 --start 2026-11-26 > /dev/null
ipt -C dd schedule --format ics --count 1 > d.ics
ics d.ics > ev
t_grep 'a daily plan reads every day, not every 1 days' \
    '	Client dd, standard variant, initial phase, every day\.|Planned' ev

# Bad input.
t_fail 2 '--count 0' ipt -C ana schedule --count 0
t_fail 2 '--count not a number' ipt -C ana schedule --count x
t_fail 2 '--count too large' ipt -C ana schedule --count 1000
t_fail 2 'unknown format' ipt -C ana schedule --format json
t_fail 2 'an argument' ipt -C ana schedule ana
t_fail 2 'unknown option' ipt -C ana schedule --nomes
ipt -C ana schedule --count 0 2> err
t_grep 'names the option' "^ipt: --count: '0' is not" err
mkdir empty
t_fail 1 'outside a client' ipt -C empty schedule
printf '9,2026-13-01,individual,attended,,initial,,,,,\n' >> ana/sessions.csv
ipt -C ana schedule 2> err
t_grep 'a bad file: file and line' '^ipt: .*sessions.csv:5: date' err

finish
