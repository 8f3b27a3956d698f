#!/bin/sh
# t82-closeness.sh: the closeness circle of the HTML report.
#
# Each person of the inventory sits on the ring of the latest closeness
# rating (5 innermost), a hollow dot where the first rating put them; the
# positions are worked out here from the geometry (centre 200,190; the
# client's disc 16; rings 32 apart; people from the top, clockwise).
. "$(dirname "$0")/lib.sh"

ipt init c --name "C" --start 2026-09-01 > /dev/null
cd c || exit 1
ipt inventory add Sam --relationship partner --closeness 3 --date 2026-09-01 \
    > /dev/null
ipt inventory add Ines --relationship friend --closeness 1 \
    --date 2026-09-01 > /dev/null
ipt inventory add Noor --relationship colleague --date 2026-09-01 > /dev/null
ipt inventory rate Sam --closeness 5 --date 2026-10-01 > /dev/null
cd ..
snap c
ipt -C c report --format html > r.html
t_grep 'html: a closeness circle' 'aria-label="closeness circle"' r.html
t 'five rings' test "$(grep -c '<circle cx="200.0" cy="190.0" r="\(48\|80\|112\|144\|176\)\.0"' r.html)" = 5
# Sam, first of two rated people, at the top: latest 5 -> radius 32,
# first 3 -> radius 96.
t_grep 'Sam on the innermost ring, at the top' \
    '<g><title>Sam: closeness 5 (first 3)</title><circle cx="200.0" cy="158.0" r="5" fill="#b35900"/>' r.html
t_grep 'a hollow dot where Sam was first' \
    'cx="200.0" cy="94.0" r="4" fill="#fff"' r.html
# Ines, second of two, at the bottom: closeness 1 -> radius 160.
t_grep 'Ines on the outermost ring, at the bottom' \
    '<g><title>Ines: closeness 1</title><circle cx="200.0" cy="350.0" r="5" fill="#b35900"/>' r.html
t 'Noor, not rated, is not drawn' sh -c '! grep -q "<title>Noor" r.html'
t 'Ines has not moved: no hollow dot for her' test \
    "$(grep -c 'r="4" fill="#fff"' r.html)" = 1
ipt -C c report --format md > r.md
t 'md: no circle' sh -c '! grep -q "closeness circle" r.md'
t_unchanged 'the report changes nothing' c

ipt init d --name "D" > /dev/null
ipt -C d report --format html > d.html
t 'no one rated: no circle' sh -c '! grep -q "closeness circle" d.html'

if command -v chromium > /dev/null 2>&1; then
	t 'headless Chromium renders it' sh -c 'chromium --headless \
	    --no-sandbox --disable-gpu --user-data-dir="$PWD/chr" \
	    --window-size=800,2000 --screenshot="$PWD/r.png" \
	    "file://$PWD/r.html" > chr.log 2>&1; test -s r.png'
else
	echo "# chromium not installed: the HTML was not rendered"
fi
finish
