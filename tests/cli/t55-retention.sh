#!/bin/sh
# t55-retention.sh: ipt ls --retention lists the clients whose retention
# has passed, with the day it ended and the rule applied.
#
# [retention] of ipt.ini: years after the end of treatment (default 10),
# and for a client who was a minor at the end (younger than
# minors_until_age, default 18) minor_years after coming of age when that
# is later.  A client not ended is kept.  Dates pinned with --today.
. "$(dirname "$0")/lib.sh"

umask 077
mkdir p && touch p/ipt.ini
ended() {	# ID START END [BIRTH]
	ipt init "p/$1" --start "$2" > /dev/null &&
	{ [ -z "${4:-}" ] || ipt -C "p/$1" plan --birth-date "$4" > /dev/null; } &&
	ipt -C "p/$1" plan --status ended --reason completed --date "$3" \
	    > /dev/null
}
t 'an adult who ended in 2015' ended old 2015-01-05 2015-06-01 1970-01-01
t 'one who ended in 2020' ended new 2020-01-06 2020-06-01
t 'a child of 12 who ended in 2012' ended kid 2012-01-02 2012-06-01 2000-03-10
t 'a client in treatment since 2000' ipt init act --start 2010-01-04
mv act p/

ipt ls --retention p > out
t_grep 'the adult is past retention (10 years), the rule named' \
    '^old  *2015-06-01  *2025-06-01  *10 years after the end on 2015-06-01' out
t 'the one who ended in 2020 is not' sh -c '! grep -q "^new " out'
t 'the minor is kept until 10 years after 18' sh -c '! grep -q "^kid " out'
t 'the client in treatment is not listed' sh -c '! grep -q "^act " out'

ipt --today 2029-01-01 ls --retention --format csv p > out
t_grep 'in 2029 the minor is past: 10 years after 18 (2028-03-10)' \
    '^kid,,2012-06-01,2028-03-10,a minor: 10 years after coming of age (18) on 2018-03-10,' out
ipt --today 2028-03-10 ls --retention --format csv p > out
t 'on its last day the minor is kept' sh -c '! grep -q "^kid," out'
t 'nor the one of 2020 before 2030' sh -c '! grep -q "^new," out'

# The practice sets its own: 20 years (mental health, England).
printf '[retention]\nyears = 20\nminors_until_age = 18\nminor_years = 7\n' \
    > p/ipt.ini
ipt --today 2033-01-01 ls --retention --format json p > out
t 'with 20 years, the adult of 2015 is kept in 2033' sh -c \
    '! grep -q "\"old\"" out'
t 'and the minor: 20 years after the end, later than 7 after 18' \
    grep -q '"kid".*"2032-06-01", "rule": "20 years after the end' out
t 'json parses' python3 -m json.tool out

# Bad input: one line naming the file and key; exit 1, nothing listed.
printf '[retention]\nyears = ten\n' > p/ipt.ini
t_fail 1 'a bad years: exit 1' ipt ls --retention p
ipt ls --retention p > out 2> err
t_grep 'the message names the file and the key' \
    'p/ipt.ini: \[retention\] years: .ten. is not a whole number' err
printf '' > p/ipt.ini
t_fail 2 '--retention with --sort: usage error' ipt ls --retention --sort id p
t_fail 2 'a bad --format: usage error' ipt ls --retention --format md p
finish
