#!/bin/sh
# t32-goal.sh: ipt goal add|done|drop|reopen|list.
. "$(dirname "$0")/lib.sh"

ipt init ana --start 2026-11-02 > /dev/null
cd ana || exit 1

ipt goal add 'talk with Tom about money, calmly' --date 2026-11-09 > out
t_grep 'add prints the id' '^1$' out
t_grep 'header as designed' '^id,set_on,goal,status,closed_on$' goals.csv
t_grep 'row as given' '^1,2026-11-09,"talk with Tom about money, calmly",open,$' goals.csv
ipt goal add 'see a friend each week; "really"' > out
t_grep 'second id' '^2$' out
t_grep 'set_on defaults to today' '^2,2026-11-26,' goals.csv
ipt goal add 'sleep before midnight' > /dev/null
t 'goal done' ipt goal done 1 --date 2026-11-20
t_grep 'met with its day' '^1,2026-11-09,"talk with Tom about money, calmly",met,2026-11-20$' goals.csv
t 'goal drop' ipt goal drop 3
t_grep 'dropped today' '^3,2026-11-26,sleep before midnight,dropped,2026-11-26$' goals.csv
t 'reopen' ipt goal reopen 3
t_grep 'open again, no closing day' '^3,2026-11-26,sleep before midnight,open,$' goals.csv
ipt goal list --format json > l.json
t 'list json parses' python3 -m json.tool l.json
t 'list has every goal' sh -c '[ "$(jq length l.json)" = 3 ]'
t 'text round-trips' sh -c \
    '[ "$(jq -r ".[1].goal" l.json)" = "see a friend each week; \"really\"" ]'
ipt goal list --open --format json > o.json
t 'list --open leaves out the met goal' sh -c \
    '[ "$(jq -r "[.[].id] | join(\" \")" o.json)" = "2 3" ]'
ipt goal list --format csv > l.csv
t 'list csv is the file' cmp l.csv goals.csv
t 'table output' ipt goal list
ipt goal list > table
t_grep 'table: id and status first' '^1   met  ' table

# Ids are not reused while the row exists; a new one follows the largest.
sed -i '/^2,/d' goals.csv
ipt goal add 'another' > out
t_grep 'next id follows the largest' '^4$' out

# Bad input.
snap .
t_fail 2 'empty goal' ipt goal add ''
t_fail 2 'no text' ipt goal add
t_fail 2 'two texts' ipt goal add a b
t_fail 1 'the same open goal twice' ipt goal add another
t_fail 2 'bad date' ipt goal add x --date 2026-11-31
t_fail 2 'done with a bad id' ipt goal done x
ipt goal done x 2> err
t_grep 'id error names the value' "^ipt: id: 'x' is not a whole number" err
t_fail 2 'done with id 0' ipt goal done 0
t_fail 1 'done a missing goal' ipt goal done 99
t_fail 1 'done a met goal' ipt goal done 1
ipt goal done 1 2> err
t_grep 'says it is already met' 'goal 1 is already met (on 2026-11-20)' err
t_fail 2 'done before it was set' ipt goal done 3 --date 2026-11-01
t_fail 1 'drop a met goal' ipt goal drop 1
t_fail 1 'reopen an open goal' ipt goal reopen 3
t_fail 2 'reopen takes no date' ipt goal reopen 1 --date 2026-11-26
t_fail 2 'list --date' ipt goal list --date 2026-11-26
t_fail 2 'list with a bad format' ipt goal list --format html
t_fail 2 'unknown verb' ipt goal rm 1
t_unchanged 'records unchanged after bad input' .

# A broken status in the file is reported, not guessed.
sed -i 's/,open,$/,opened,/' goals.csv
snap .
t_fail 1 'a bad status' ipt goal list
ipt goal list 2> err
t_grep 'names file, line and column' '^ipt: goals.csv:[0-9]*: status: ' err
t_fail 1 'add refuses a broken file' ipt goal add 'x'
t_unchanged 'broken file untouched' .
finish
