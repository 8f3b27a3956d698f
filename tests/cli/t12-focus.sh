#!/bin/sh
# t12-focus.sh: ipt focus set|show|history.
. "$(dirname "$0")/lib.sh"

ipt init ana --start 2026-11-02 > /dev/null
cd ana || exit 1
ipt focus show > out
t_grep 'no focus yet' 'no focus chosen yet' out
ipt session add --date 2026-11-02 > /dev/null
ipt session add --date 2026-11-09 > /dev/null
t 'set a focus' ipt focus set role-dispute --date 2026-11-09 \
    --note 'with partner; "stalled", #impasse'
t_grep 'client.ini has the focus' '^primary = "role-dispute"$' client.ini
t_grep 'client.ini has the date' '^set_on = "2026-11-09"$' client.ini
t_grep 'history has the row' '^2026-11-09,2,role-dispute,,' focus.csv
ipt focus show --format json > f.json
t 'show json' sh -c '[ "$(jq -r .primary f.json)" = role-dispute ]'
ipt session add --date 2026-11-16 > /dev/null
ipt session show --format json 3 > s3
t 'later sessions carry the focus' sh -c '[ "$(jq -r .focus s3)" = role-dispute ]'
t 'change the focus with a secondary' ipt focus set role-transition \
    --secondary grief --date 2026-11-16
ipt focus history --format csv > h.csv
t 'history keeps both decisions' sh -c '[ "$(wc -l < h.csv)" = 3 ]'
t 'history csv is the file' cmp h.csv focus.csv
ipt focus history --format json > h.json
t 'history json parses' python3 -m json.tool h.json
ipt focus history --format json > h.json
t 'note round-trips' sh -c \
    '[ "$(jq -r ".[0].note" h.json)" = "with partner; \"stalled\", #impasse" ]'

snap .
t_fail 2 'unknown area' ipt focus set grieff
ipt focus set grieff 2> err
t_grep 'error lists the valid areas' 'grief, role-dispute' err
t_fail 2 'area not in the variant' ipt focus set lost-healthy-self
t_fail 2 'secondary equal to primary' ipt focus set grief --secondary grief
t_fail 2 'bad secondary' ipt focus set grief --secondary nope
t_fail 2 'bad date' ipt focus set grief --date 2026-02-30
t_fail 2 'no area' ipt focus set
t_fail 2 'two areas' ipt focus set grief role-dispute
t_fail 2 'unknown option' ipt focus set grief --why x
t_fail 2 'unknown verb' ipt focus clear
t_fail 2 'a date before the last decision' ipt focus set grief --date 2026-11-01
t_unchanged 'records unchanged after bad input' .

# A bipolar client may take the fifth area.
cd "$T_TMP" || exit 1
ipt init bip --variant bipolar > /dev/null
t 'bipolar allows lost-healthy-self' ipt -C bip focus set lost-healthy-self
ipt init pt --variant ptsd > /dev/null
t_fail 2 'ptsd refuses interpersonal-deficits' ipt -C pt focus set interpersonal-deficits
finish
