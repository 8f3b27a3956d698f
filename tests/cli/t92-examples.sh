#!/bin/sh
# t92-examples.sh: the sample practice of examples/ is clean and current:
# ipt check finds nothing in it, every client's status works (and its JSON
# parses), and examples/make-practice.sh rebuilds it byte for byte.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
P=$SRC/examples/practice

# Check a copy: a read command writes nothing, but the tests never risk
# the source tree.
cp -R "$P" prac
# A checkout has the modes of the umask (0644), which check warns of
# (made so here, whatever the umask of this source tree's checkout).
chmod 644 prac/clients/ana/client.ini
ipt check prac > out 2> err
t_grep 'check of a checkout warns of its modes' \
    '^prac/clients/ana/client.ini: warning: mode 0644' out
chmod -R go= prac
ipt check prac > out 2> err
echo $? > rc
t 'check of the examples exits 0' grep -qx 0 rc
t_grep 'check of the examples: no error, no warning' \
    'clients checked: 0 errors, 0 warnings$' err
t 'check of the examples prints no finding' sh -c '! [ -s out ]'

n=0
for c in prac/clients/*/; do
	c=${c%/}
	id=${c##*/}
	n=$((n + 1))
	t "status of $id" ipt -C "$c" status
	t "status --format json of $id parses" sh -c \
	    '"$IPT" -C "$1" status --format json | python3 -m json.tool' sh "$c"
	t "status json of $id names its id" sh -c \
	    '[ "$("$IPT" -C "$1" status --format json | jq -r .id)" = "$2" ]' \
	    sh "$c" "$id"
done
t 'ten clients, one per variant' sh -c \
    '[ "$(cat prac/clients/*/client.ini | grep -c "^variant = ")" = 10 ] &&
     [ "$(cat prac/clients/*/client.ini | grep "^variant = " | sort -u | wc -l)" = 10 ]'

# Exactly one open risk flag, raised at that client's last session.
for c in prac/clients/*/; do
	"$IPT" -C "$c" status --format json | jq -r '.id as $id |
	    .risk_open[] | "\($id) \(.session) \(.date)"'
done > risks
t 'exactly one open risk flag' sh -c '[ "$(wc -l < risks)" = 1 ]'
read -r rid rsession rdate < risks
t 'the open flag is from the last session held' sh -c \
    '[ "$("$IPT" -C "prac/clients/$1" status --format json |
	jq -r "[.last_session, .last_date] | join(\" \")")" = "$2 $3" ]' \
    sh "$rid" "$rsession" "$rdate"

# make-practice.sh rebuilds the committed files byte for byte.
cp -R "$P" rebuilt
t 'make-practice.sh runs' env IPT="$IPT" sh "$SRC/examples/make-practice.sh" rebuilt
# Private notes (private/) are never committed: a checkout has none.
t 'make-practice.sh reproduces examples/practice' diff -r -x private "$P" rebuilt
# A target that is not yet a practice gets ipt.ini and the instruments.
t 'make-practice.sh into an empty directory' \
    env IPT="$IPT" sh "$SRC/examples/make-practice.sh" fresh
t 'the empty directory got the same practice' diff -r -x private "$P" fresh
t 'and a private note of ana, kept out of git' sh -c \
    '[ -s fresh/clients/ana/private/0001.md ] &&
     grep -qx "private/" fresh/clients/ana/.gitignore' 
finish
