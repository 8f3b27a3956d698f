#!/bin/sh
# t31-event.sh: ipt event add|list, the interpersonal timeline.
. "$(dirname "$0")/lib.sh"

ipt init ana --start 2026-11-02 > /dev/null
cd ana || exit 1

t 'add an event' ipt event add --date 2026-03-14 --kind loss --mood 2 \
    'father died; "sudden", #1'
t_grep 'header as designed' '^date,kind,event,mood$' timeline.csv
t_grep 'row as given' '^2026-03-14,loss,"father died; ""sudden"", #1",2$' timeline.csv
t 'kind defaults to other' ipt event add --date 2026-06-01 'moved in with Tom'
t_grep 'other, no mood' '^2026-06-01,other,moved in with Tom,$' timeline.csv
t 'an earlier event' ipt event add --date 2025-09-01 --kind transition 'new job'
t 'the file stays in date order' sh -c \
    '[ "$(cut -d, -f1 timeline.csv | sed 1d | tr "\n" " ")" = "2025-09-01 2026-03-14 2026-06-01 " ]'
t 'a second event on a day keeps its place' ipt event add --date 2026-03-14 \
    --kind symptom --mood 1 'stopped sleeping'
t 'same-day events in the order given' sh -c \
    '[ "$(sed -n 4p timeline.csv | cut -d, -f2)" = symptom ]'
note='argument with Tom
about money, "again"'
t 'a multi-line event' ipt event add --date 2026-10-01 --kind dispute "$note"
ipt event list --format json > l.json
t 'list json parses' python3 -m json.tool l.json
t 'list json has every event' sh -c '[ "$(jq length l.json)" = 5 ]'
t 'multi-line event round-trips' sh -c \
    '[ "$(jq -r ".[4].event" l.json)" = "$1" ]' sh "$note"
ipt event list --format csv > l.csv
t 'list csv is the file' cmp l.csv timeline.csv
t 'table output' ipt event list
ipt event list > table
t_grep 'table shows date, kind and mood first' '^2026-03-14  loss  *2  *father died' table

# A hand-edited file out of order is listed in date order, not rewritten.
cp timeline.csv full.csv
printf 'date,kind,event,mood\n2026-06-01,other,b,\n2025-09-01,loss,a,\n' > timeline.csv
snap .
ipt event list --format csv > sorted.csv
t 'list sorts by date' sh -c \
    '[ "$(cut -d, -f1 sorted.csv | sed 1d | head -n 1)" = 2025-09-01 ]'
rm sorted.csv
t_unchanged 'list did not rewrite the file' .
mv full.csv timeline.csv

# Bad input.
snap .
t_fail 2 'date is required' ipt event add 'no date'
ipt event add 'no date' 2> err
t_grep 'says --date is required' '^ipt: --date is required' err
t_fail 2 'bad date' ipt event add --date 2026-02-29 x
t_fail 2 'unknown kind' ipt event add --date 2026-01-01 --kind party x
ipt event add --date 2026-01-01 --kind party x 2> err
t_grep 'lists the kinds' 'loss, transition, dispute, isolation, symptom, other' err
t_fail 2 'mood out of range' ipt event add --date 2026-01-01 --mood 11 x
t_fail 2 'mood negative' ipt event add --date 2026-01-01 --mood -1 x
t_fail 2 'empty text' ipt event add --date 2026-01-01 ''
t_fail 2 'no text' ipt event add --date 2026-01-01
t_fail 2 'two texts' ipt event add --date 2026-01-01 a b
t_fail 1 'the same event twice' ipt event add --date 2026-06-01 'moved in with Tom'
t_fail 2 'bad format' ipt event list --format md
t_fail 2 'unknown verb' ipt event rm 1
t_unchanged 'records unchanged after bad input' .
finish
