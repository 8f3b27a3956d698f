#!/bin/sh
# t30-inventory.sh: ipt inventory add|rate|list|edit|rm.
. "$(dirname "$0")/lib.sh"

ipt init ana --start 2026-11-02 > /dev/null
cd ana || exit 1

t 'add a person' ipt inventory add mother --relationship mother \
    --contact 'weekly, by phone' --closeness 3 --support 2 --conflict 4 \
    --satisfying 'cooks; "kind"' --unsatisfying 'criticises #job' \
    --changes 'less advice' --date 2026-11-02
t_grep 'first row as given' \
    '^2026-11-02,mother,mother,"weekly, by phone",3,2,4,"cooks; ""kind""",criticises #job,less advice$' \
    inventory.csv
t_grep 'header as designed' \
    '^date,person,relationship,contact,closeness,support,conflict,satisfying,unsatisfying,changes_wanted$' \
    inventory.csv
t 'add a person with a blank in the name' ipt inventory add 'Tom B.' \
    --relationship partner --closeness 4 --date 2026-11-09
t 'date defaults to today' ipt inventory add Lia --relationship friend
t_grep 'today is --today' '^2026-11-26,Lia,friend,' inventory.csv
t 'rate again later' ipt inventory rate mother --closeness 4 --conflict 2 \
    --date 2026-11-23
t_grep 're-rating copies the other fields' \
    '^2026-11-23,mother,mother,"weekly, by phone",4,2,2,"cooks; ""kind""",criticises #job,less advice$' \
    inventory.csv
t 'rate defaults to today' ipt inventory rate 'Tom B.' --support 5
t_grep 'rating of today' '^2026-11-26,Tom B.,partner,,4,5,' inventory.csv

# The current picture.
ipt inventory list --format json > cur.json
t 'list json parses' python3 -m json.tool cur.json
t 'one row per person' sh -c '[ "$(jq length cur.json)" = 3 ]'
t 'persons in order of first appearance' sh -c \
    '[ "$(jq -r "[.[].person] | join(\"|\")" cur.json)" = "mother|Tom B.|Lia" ]'
t 'latest closeness' sh -c '[ "$(jq -r ".[0].closeness" cur.json)" = 4 ]'
t 'baseline is the first rating' sh -c \
    '[ "$(jq -r ".[0].baseline" cur.json)" = 2026-11-02 ]'
t 'closeness change' sh -c '[ "$(jq -r ".[0].closeness_change" cur.json)" = +1 ]'
t 'conflict change' sh -c '[ "$(jq -r ".[0].conflict_change" cur.json)" = -2 ]'
t 'no change without two ratings' sh -c \
    '[ "$(jq -r ".[1].support_change" cur.json)" = "" ]'
t 'text with ; " round-trips' sh -c \
    '[ "$(jq -r ".[0].satisfying" cur.json)" = "cooks; \"kind\"" ]'
ipt inventory list --format csv > cur.csv
t 'csv starts with the file header' sh -c \
    '[ "$(head -n 1 cur.csv | cut -d, -f1-10)" = "$(head -n 1 inventory.csv)" ]'
t_grep 'csv adds the change columns' ',baseline,closeness_change,support_change,conflict_change$' cur.csv
ipt inventory list > table
t_grep 'table shows the change' '^mother .* 4 (+1) .* 2 (-2) ' table
ipt inventory list --all --format csv > all.csv
t 'list --all csv is the file' cmp all.csv inventory.csv
ipt inventory list --all --format tsv > all.tsv
t 'tsv: header and a line per row' sh -c '[ "$(wc -l < all.tsv)" = 6 ]'
t 'table --all' ipt inventory list --all

# Edit and remove.
t 'edit the latest row' ipt inventory edit mother --support 3
t_grep 'latest row changed' '^2026-11-23,mother,mother,"weekly, by phone",4,3,2,' inventory.csv
t_grep 'baseline untouched' '^2026-11-02,mother,mother,"weekly, by phone",3,2,4,' inventory.csv
t 'edit the row of a date' ipt inventory edit mother --on 2026-11-02 --contact daily
t_grep 'baseline contact changed' '^2026-11-02,mother,mother,daily,3,' inventory.csv
t 'clear an optional field' ipt inventory edit mother --on 2026-11-02 --contact ''
t_grep 'contact cleared' '^2026-11-02,mother,mother,,3,' inventory.csv
t 'relationship applies to every row' ipt inventory edit mother \
    --relationship 'mother (step)'
t 'both rows renamed in relationship' sh -c \
    '[ "$(grep -c ",mother,mother (step)," inventory.csv)" = 2 ]'
t 'rename a person' ipt inventory edit mother --rename Mum
t 'every row renamed' sh -c '[ "$(grep -c ",Mum," inventory.csv)" = 2 ] && ! grep -q ",mother," inventory.csv'
t 'move a rating to another date' ipt inventory edit Mum --on 2026-11-23 --date 2026-11-24
t_grep 'date moved' '^2026-11-24,Mum,' inventory.csv
t 'remove one rating' ipt inventory rm Mum --on 2026-11-24
t 'one row of Mum left' sh -c '[ "$(grep -c ",Mum," inventory.csv)" = 1 ]'
t 'remove a person' ipt inventory rm 'Tom B.'
t 'no row of Tom left' sh -c '! grep -q "Tom B" inventory.csv'

# Columns the schema does not know survive a rewrite.
sed -e '1s/$/,ring/' -e '2,$s/$/,2/' inventory.csv > x && mv x inventory.csv
t 'rate with an unknown column' ipt inventory rate Lia --closeness 2 --date 2026-11-27
t_grep 'unknown column kept and copied' '^2026-11-27,Lia,friend,,2,,,,,,2$' inventory.csv
t_grep 'unknown header kept' ',changes_wanted,ring$' inventory.csv

# Bad input: exit status, message, records unchanged.
snap .
t_fail 2 'add without --relationship' ipt inventory add Sam
t_fail 1 'add a person already there' ipt inventory add Lia --relationship x
ipt inventory add Lia --relationship x 2> err
t_grep 'says use rate or edit' 'already in the inventory; use inventory rate' err
t_fail 2 'closeness out of range' ipt inventory add Sam --relationship x --closeness 6
ipt inventory add Sam --relationship x --closeness 6 2> err
t_grep 'range error names the option' '^ipt: --closeness: .6. is not a whole number from 1 to 5$' err
t_fail 2 'support zero' ipt inventory add Sam --relationship x --support 0
t_fail 2 'conflict not a number' ipt inventory add Sam --relationship x --conflict lots
t_fail 2 'bad date' ipt inventory add Sam --relationship x --date 2026-13-01
t_fail 2 'empty person' ipt inventory add '' --relationship x
t_fail 2 'person with a leading blank' ipt inventory add ' Sam' --relationship x
t_fail 2 'person with a newline' ipt inventory add 'Sa
m' --relationship x
t_fail 2 'relationship with a newline' ipt inventory add Sam --relationship 'a
b'
t_fail 2 'two persons' ipt inventory add Sam Pat --relationship x
t_fail 2 'rate without a rating' ipt inventory rate Lia
t_fail 2 'rate with --contact' ipt inventory rate Lia --contact x --support 2
t_fail 1 'rate a missing person' ipt inventory rate Nobody --support 2
t_fail 2 'rate on the same day' ipt inventory rate Lia --support 2 --date 2026-11-27
t_fail 2 'rate before the latest' ipt inventory rate Lia --support 2 --date 2026-11-01
t_fail 2 'edit with nothing to change' ipt inventory edit Lia
t_fail 1 'edit a missing person' ipt inventory edit Nobody --support 2
t_fail 1 'edit a missing date' ipt inventory edit Lia --on 2026-01-01 --support 2
t_fail 2 'edit to an empty relationship' ipt inventory edit Lia --relationship ''
t_fail 2 'rename onto another person' ipt inventory edit Lia --rename Mum
t_fail 2 'move onto a date already rated' ipt inventory edit Lia --on 2026-11-26 --date 2026-11-27
t_fail 1 'rm a missing person' ipt inventory rm Nobody
t_fail 1 'rm a missing date' ipt inventory rm Lia --on 2026-01-01
t_fail 2 'rm with a bad date' ipt inventory rm Lia --on yesterday
t_fail 2 'list with a bad format' ipt inventory list --format xml
t_fail 2 'list with an operand' ipt inventory list Lia
t_fail 2 'unknown verb' ipt inventory show Lia
t_fail 2 'unknown option' ipt inventory add Sam --relationship x --age 3
t_unchanged 'records unchanged after bad input' .

# A broken file is reported with its line, and not rewritten.
printf 'date,person,relationship,contact,closeness,support,conflict,satisfying,unsatisfying,changes_wanted\n2026-11-02,Ann,sister,,7,,,,,\n' > inventory.csv
snap .
t_fail 1 'a bad rating in the file' ipt inventory list
ipt inventory list 2> err
t_grep 'names file, line and column' '^ipt: inventory.csv:2: closeness: ' err
t_fail 1 'add refuses a broken file' ipt inventory add Sam --relationship x
t_unchanged 'broken file untouched' .
finish
