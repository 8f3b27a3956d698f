#!/bin/sh
# t79-timezone.sh: appointments in the practice's time zone (issue 17).
# [calendar] timezone in ipt.ini makes ipt schedule --format ics write
# DTSTART;TZID= and a VTIMEZONE built from the zone's TZif rule; read
# back by python3-icalendar, each appointment is at the right instant,
# and the VTIMEZONE gives the offsets the system's tz database gives, at
# noon of three days a month of 2026.  Without it, times stay floating.
# A bad or unknown zone is one line naming ipt.ini, exit 1.
. "$(dirname "$0")/lib.sh"

PY=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import icalendar, zoneinfo' 2> /dev/null; then
		PY=$p
		break
	fi
done
t 'python3-icalendar is installed' test -n "$PY"
cat > "$T_TMP/tz.py" <<'EOF2'
import sys, datetime, zoneinfo, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
zones = cal.walk('VTIMEZONE')
assert len(zones) == 1, len(zones)
tz = zones[0].to_tz()
name = str(zones[0]['TZID'])
ref = zoneinfo.ZoneInfo(name)
for m in range(1, 13):
    for day in (1, 10, 20):
        naive = datetime.datetime(2026, m, day, 12)
        a = tz.localize(naive).utcoffset()
        b = naive.replace(tzinfo=ref).utcoffset()
        assert a == b, (naive, a, b)
for e in cal.walk('VEVENT'):
    d = e['DTSTART'].dt
    if isinstance(d, datetime.datetime):
        print(str(e['UID']), d.astimezone(datetime.timezone.utc).isoformat())
EOF2

export IPT_TODAY=2026-11-26
mkdir p && printf '[calendar]\ntimezone = Europe/Berlin\n' > p/ipt.ini
ipt init p/ana --start 2026-11-23 > /dev/null
cd p/ana || exit 1
ipt session plan --date 2026-12-01 --time 15:00 > /dev/null
ipt session plan --date 2027-07-06 --time 15:00 --duration 45 > /dev/null
ipt schedule --format ics > berlin.ics
tr -d '\r' < berlin.ics > b.txt
t_grep 'an appointment in the zone' '^DTSTART;TZID=Europe/Berlin:20261201T150000$' b.txt
t_grep 'the VTIMEZONE names it' '^TZID:Europe/Berlin$' b.txt
t_grep 'summer time from the last Sunday of March 1970' '^DTSTART:19700329T020000$' b.txt
t_grep 'its rule' '^RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU$' b.txt
t_grep 'back on the last Sunday of October at 03:00' '^DTSTART:19701025T030000$' b.txt
t_grep 'offsets' '^TZOFFSETTO:+0200$' b.txt
t 'one VTIMEZONE, before the events' sh -c '
	test "$(grep -c "^BEGIN:VTIMEZONE" b.txt)" = 1 &&
	test "$(grep -n "^BEGIN:VTIMEZONE" b.txt | cut -d: -f1)" -lt "$(grep -n "^BEGIN:VEVENT" b.txt | head -n 1 | cut -d: -f1)"'
"$PY" "$T_TMP/tz.py" berlin.ics > utc 2> err
t 'icalendar reads it; the zone agrees with tzdata' test -s utc
t_grep 'winter: 15:00 in Berlin is 14:00 UTC' '^ana-appt-1@ipt 2026-12-01T14:00:00+00:00$' utc
t_grep 'summer: 15:00 in Berlin is 13:00 UTC' '^ana-appt-2@ipt 2027-07-06T13:00:00+00:00$' utc
t 'lines end in CRLF' sh -c 'test "$(grep -c "$(printf "\r")$" berlin.ics)" = "$(wc -l < berlin.ics)"'

for z in America/New_York Australia/Lord_Howe Asia/Tokyo America/Sao_Paulo; do
	printf '[calendar]\ntimezone = %s\n' "$z" > ../ipt.ini
	ipt schedule --format ics > z.ics
	t "$z: the VTIMEZONE agrees with tzdata" sh -c '"$1" "$2" z.ics > /dev/null' sh "$PY" "$T_TMP/tz.py"
done
printf '[calendar]\ntimezone = America/New_York\n' > ../ipt.ini
ipt schedule --format ics | tr -d '\r' > ny.txt
t_grep 'New York: the second Sunday of March' '^RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU$' ny.txt
printf '[calendar]\ntimezone = Asia/Tokyo\n' > ../ipt.ini
ipt schedule --format ics | tr -d '\r' > tk.txt
t 'Tokyo: standard time only' sh -c '! grep -q DAYLIGHT tk.txt && grep -q "^TZOFFSETTO:+0900$" tk.txt'

# Bad settings: one line, exit 1, nothing printed.
printf '[calendar]\ntimezone = ../../etc/passwd\n' > ../ipt.ini
t_fail 1 'a path is not a zone' ipt schedule --format ics
ipt schedule --format ics > out 2> err
t_grep 'names the file and key' "ipt.ini: \[calendar\] timezone: '../../etc/passwd' is not a time zone name such as Europe/Berlin$" err
t 'nothing on standard output' test ! -s out
printf '[calendar]\ntimezone = Mars/Olympus_Mons\n' > ../ipt.ini
t_fail 1 'an unknown zone' ipt schedule --format ics
ipt schedule --format ics 2> err > /dev/null
t_grep 'says which' 'no time zone Mars/Olympus_Mons' err
t 'text output does not need the zone' ipt schedule

# No setting: floating times, no VTIMEZONE.
: > ../ipt.ini
ipt schedule --format ics | tr -d '\r' > f.txt
t_grep 'floating without a zone' '^DTSTART:20261201T150000$' f.txt
t 'and no VTIMEZONE' sh -c '! grep -q VTIMEZONE f.txt'
finish
