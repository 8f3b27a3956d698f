#!/bin/sh
# t83-licensed.sh: licensed scales only as data-entry skeletons.
#
# ipt ships no item of a commercial scale (SAS-SR, IIP-32): no built-in
# definition of one, and the skeletons of examples/licensed/ hold the form
# (item count, range, scoring) without a label.  A practice that adds a
# skeleton to its instruments/ folder enters and scores the scale like
# any other; every definition names its source and its licence.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

ipt measure instruments --format csv > builtin.csv
t 'the built-in instruments' test "$(sed 1d builtin.csv | wc -l)" -ge 9
t 'no built-in SAS-SR, IIP or IPT Quality and Adherence Scale' sh -c \
    '! cut -d, -f1,2 builtin.csv | grep -i -e "^sas" -e "^iip" \
    -e "social adjustment scale.*self" \
    -e "interpersonal problems" -e "quality and adherence" -e "^qas"'
t 'no definition in lib/defs names them' sh -c '! grep -ril \
    -e "social adjustment scale.*self" -e "interpersonal problems" \
    -e "adherence scale" "$1/lib/defs"' sh "$ROOT"
for f in "$ROOT"/examples/licensed/*.ini; do
	n=$(basename "$f")
	t "$n: no item text (no [labels])" sh -c '! grep -q "^\[labels\]" "$1"' \
	    sh "$f"
	t "$n: names its source" grep -q '^source = "' "$f"
	t "$n: says the items are not shipped" grep -q \
	    '^licence = ".*items not shipped' "$f"
done

# A practice adds the skeletons and uses them.
mkdir -p p/instruments
: > p/ipt.ini
cp "$ROOT"/examples/licensed/*.ini p/instruments/
chmod -R go-rwx p
ipt init p/c > /dev/null
# SAS-SR: 54 items 1-5, the mean of those answered.
t 'sassr: 54 items scored' ipt -C p/c measure add sassr \
    $(awk 'BEGIN { for (i = 1; i < 54; i++) printf "2 "; print 5 }')
t 'sassr: the mean, (53 * 2 + 5) / 54 = 2.06' \
    grep -q '^2026-11-26,,sassr,2.06,' p/c/measures.csv
t 'iip32: an item not answered' ipt -C p/c measure add iip32 \
    $(awk 'BEGIN { for (i = 1; i < 32; i++) printf "%d ", i % 5; print "na" }')
# items 1..31 mod 5: six rounds of 0+1+2+3+4 = 60, and 1 -> 61 / 31.
t 'iip32: the mean of the 31 answered, 61 / 31 = 1.97' \
    grep -q '^2026-11-26,,iip32,1.97,' p/c/measures.csv
snap p
t_fail 2 'sassr: a score out of range refused' ipt -C p/c measure add sassr \
    $(awk 'BEGIN { for (i = 1; i < 54; i++) printf "2 "; print 6 }')
t_unchanged '  nothing written' p
ipt -C p/c measure instruments --format csv > p.csv
t 'the practice lists them, with their licence' sh -c \
    'grep "^sassr,.*commercial (MHS)" p.csv && grep "^iip32,.*Mind Garden" p.csv'
finish
