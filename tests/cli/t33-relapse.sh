#!/bin/sh
# t33-relapse.sh: ipt relapse add|list|rm, the relapse-prevention plan.
. "$(dirname "$0")/lib.sh"

ipt init ana --start 2026-11-02 > /dev/null
cd ana || exit 1

ipt relapse add --kind contact 'Dr. Ruiz, 555-0100' --date 2026-11-20 > out
t_grep 'add prints the id' '^1$' out
t_grep 'header as designed' '^id,date,kind,text$' relapse.csv
t_grep 'row as given' '^1,2026-11-20,contact,"Dr. Ruiz, 555-0100"$' relapse.csv
t 'a warning sign' ipt relapse add --kind warning-sign 'waking at 4; "dread"'
t_grep 'date defaults to today' '^2,2026-11-26,warning-sign,' relapse.csv
t 'an action' ipt relapse add --kind action 'call Lia'
t 'another warning sign' ipt relapse add --kind warning-sign 'skipping meals'
ipt relapse list --format json > l.json
t 'list json parses' python3 -m json.tool l.json
t 'list groups signs, actions, contacts' sh -c \
    '[ "$(jq -r "[.[].id] | join(\" \")" l.json)" = "2 4 3 1" ]'
t 'text round-trips' sh -c '[ "$(jq -r ".[0].text" l.json)" = "waking at 4; \"dread\"" ]'
ipt relapse list --format csv > l.csv
t 'csv has the file header' sh -c '[ "$(head -n 1 l.csv)" = "$(head -n 1 relapse.csv)" ]'
t 'csv has every row of the file' sh -c \
    '[ "$(sed 1d l.csv | sort)" = "$(sed 1d relapse.csv | sort)" ]'
t 'table output' ipt relapse list
t 'remove an item' ipt relapse rm 3
t 'item 3 gone' sh -c '! grep -q "^3," relapse.csv'
t 'the next id is not reused while 4 exists' sh -c \
    '[ "$("$IPT" relapse add --kind action "walk daily")" = 5 ]'

# Bad input.
snap .
t_fail 2 'kind is required' ipt relapse add 'x'
ipt relapse add x 2> err
t_grep 'lists the kinds' 'warning-sign, action, contact' err
t_fail 2 'unknown kind' ipt relapse add --kind hope 'x'
t_fail 2 'empty text' ipt relapse add --kind action ''
t_fail 2 'no text' ipt relapse add --kind action
t_fail 1 'the same item twice' ipt relapse add --kind action 'walk daily'
t_fail 2 'bad date' ipt relapse add --kind action x --date 2026-00-10
t_fail 2 'rm a bad id' ipt relapse rm one
t_fail 1 'rm a missing id' ipt relapse rm 3
t_fail 2 'rm without an id' ipt relapse rm
t_fail 2 'rm with --format' ipt relapse rm 1 --format csv
t_fail 2 'list with a bad format' ipt relapse list --format ics
t_fail 2 'unknown verb' ipt relapse edit 1
t_unchanged 'records unchanged after bad input' .
finish
