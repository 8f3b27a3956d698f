#!/bin/sh
# t46-srm.sh: ipt measure add srm5 from the clock times of a week
# (--times), hits by hand checked against occurrences (--occurrences), a
# practice's own [rhythm] rule, and bad input refused in one line with
# every file unchanged.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

# One line on standard error, naming the option or file: the message.
one_line() {
	t_report "$([ "$(wc -l < "$T_TMP/.out")" -eq 1 ] && grep -q "$2" \
	    "$T_TMP/.out"; echo $?)" "$1"
}

ipt init ana --start 2026-10-01 > /dev/null
cd ana || exit 1
ipt session add --date 2026-10-08 > /dev/null

# A week from the paper form: out of bed every day, first contact four
# times, no work started, dinner 3 times, to bed around midnight.
ipt measure add --date 2026-10-08 --times srm5 \
    7:10,07:00,-,07:30,07:15,08:00,07:05 06:30,08:00,09:00,12:00,-,-,- \
    - 18:00,18:30,20:00 23:30,23:50,00:10,00:30,23:40 > out
t_grep 'out of bed: 6 times, mean 07:20, 6 hits' \
    '^item 1 (out of bed): 6 times, habitual 07:20, 6 hits (within 45 min)$' out
t_grep 'first contact: mean 08:52.5 shown 08:53, 1 hit' \
    '^item 2 (first contact with another person): 4 times, habitual 08:53, 1 hit (within 45 min)$' out
t_grep 'never done: NA' \
    '^item 3 (start work, housework or volunteer activity): 0 times, NA (fewer than 3)$' out
t_grep 'dinner 3 times qualifies' '^item 4 (dinner): 3 times, habitual 18:50, 1 hit ' out
t_grep 'bedtimes across midnight: 23:56, 5 hits' \
    '^item 5 (to bed): 5 times, habitual 23:56, 5 hits (within 45 min)$' out
t_grep 'then the usual score line' '^srm5 3.25 on 2026-10-08, session 1$' out
t_grep 'stored as hits, the usual row' \
    '^2026-10-08,1,srm5,3.25,,6 1 NA 1 5,$' measures.csv
ipt measure list --format csv srm5 > out
t_grep 'list shows it' '^2026-10-08,1,srm5,3.25,' out

# Hits by hand, as before, and checked against occurrences when given.
t 'hits by hand still accepted' ipt measure add --date 2026-10-09 srm5 \
    6 3 NA NA 5
t 'hits with occurrences accepted' ipt measure add --date 2026-10-10 \
    --occurrences 7,6,5,2,7 srm5 7 6 3 NA 5
t_grep 'rows as before' '^2026-10-10,,srm5,5.25,,7 6 3 NA 5,$' measures.csv

# Bad input: one line, exit 2, records byte-identical.
snap .
bad() {
	_name=$1 _msg=$2; shift 2
	t_fail 2 "$_name refused" ipt measure add --date 2026-10-11 "$@"
	one_line "$_name: one line naming it" "$_msg"
	t_unchanged "$_name: records unchanged" .
}
bad 'time 25:00' "^ipt: --times: srm5 item 5 (to bed): '25:00' is not a clock time" \
    --times srm5 - - - - 23:00,25:00,23:10
bad '8 times in a week' '^ipt: --times: srm5 item 1 (out of bed): more than 7 days' \
    --times srm5 7:00,7:00,7:00,7:00,7:00,7:00,7:00,7:00 - - - -
bad 'a week of times missing' '^ipt: --times: srm5: 5 weeks of times expected, one per item, 4 given$' \
    --times srm5 - - - -
bad 'no activity done 3 times' '^ipt: --times: srm5: no activity was done 3 times or more: no score$' \
    --times srm5 7:00,7:00 - - - -
bad 'hits > occurrences' '^ipt: --occurrences: srm5 item 2 (first contact with another person): 7 hits but done 6 times$' \
    --occurrences 7,6,5,2,7 srm5 7 7 3 NA 5
bad 'NA with 5 occurrences' '^ipt: --occurrences: srm5 item 4 (dinner): done 5 times, at least 3: give its hits, not NA$' \
    --occurrences 7,6,5,5,7 srm5 7 6 3 NA 5
bad 'hits with 2 occurrences' '^ipt: --occurrences: srm5 item 4 (dinner): done 2 times, fewer than 3: its hits are NA$' \
    --occurrences 7,6,5,2,7 srm5 7 6 3 1 5
bad '8 occurrences' "^ipt: --occurrences: srm5 item 1 (out of bed): '8' is not a count of days from 0 to 7$" \
    --occurrences 8,6,5,2,7 srm5 7 6 3 NA 5
bad 'too few counts' '^ipt: --occurrences: 4 counts given for the 5 items of srm5$' \
    --occurrences 7,6,5,2 srm5 7 6 3 NA 5
bad '--times with --occurrences' '^ipt: --occurrences: give it with the hits, not with --times$' \
    --occurrences 7,6,5,2,7 --times srm5 - - - - 7:00,7:00,7:00
bad '--times with --total' '^ipt: measure add: --times applies to items, not to --total$' \
    --times --total 3 srm5
bad '--times with --positions' '^ipt: measure add: --times takes clock times, not --positions$' \
    --times --positions srm5 - - - - -
bad '--times for phq9' '^ipt: --times: phq9 has no \[rhythm\] section' \
    --times phq9 - - - - - - - - -
bad '--occurrences for phq9' '^ipt: --occurrences: phq9 has no \[rhythm\] section' \
    --occurrences 1,1,1,1,1,1,1,1,1 phq9 0 0 0 0 0 0 0 0 0

# A practice's rule: a window of 60 minutes makes 12:00 a hit of 11:00.
cd "$T_TMP" || exit 1
mkdir -p prac/instruments
: > prac/ipt.ini
ipt init prac/bo --start 2026-10-01 > /dev/null
cd prac/bo || exit 1
ipt measure add --date 2026-10-02 --times srm5 10:00,11:00,12:00 - - - - > out
t_grep 'the built-in window: 1 hit of 11:00' '^item 1 (out of bed): 3 times, habitual 11:00, 1 hit (within 45 min)$' out
sed 's/^window = 45$/window = 60/' "$SRC/lib/defs/instruments/srm5.ini" \
    > ../instruments/srm5.ini
ipt measure add --date 2026-10-03 --times srm5 10:00,11:00,12:00 - - - - > out
t_grep 'the practice window: 3 hits' '^item 1 (out of bed): 3 times, habitual 11:00, 3 hits (within 60 min)$' out
snap .
sed 's/^window = 45$/window = 0/' "$SRC/lib/defs/instruments/srm5.ini" \
    > ../instruments/srm5.ini
t_fail 1 'a bad [rhythm] is refused' ipt measure add --date 2026-10-04 \
    --times srm5 10:00,11:00,12:00 - - - -
one_line 'bad [rhythm]: one line naming file, section and key' \
    "instruments/srm5.ini: \[rhythm\] window: '0' is not a number of minutes from 1 to 720\$"
t_unchanged 'bad [rhythm]: records unchanged' .

finish
