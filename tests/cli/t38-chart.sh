#!/bin/sh
# t38-chart.sh: the charts of the HTML report show only what was
# recorded: the mood and stress lines do not join across a session held
# without a rating, and the phase labels stay inside the chart.
. "$(dirname "$0")/lib.sh"

ipt init ana --start 2026-09-03 --sessions 8 > /dev/null
cd ana || exit 1
ipt session add --date 2026-09-03 --mood 3 --stress 8 > /dev/null
ipt session add --date 2026-09-10 --mood 4 --stress 7 > /dev/null
ipt session add --date 2026-09-17 --mood 5 --stress 6 > /dev/null
ipt session add --date 2026-09-24 > /dev/null
ipt session add --date 2026-10-01 --attendance cancelled > /dev/null
ipt session add --date 2026-10-08 > /dev/null
ipt session add --date 2026-10-15 --mood 7 --stress 3 > /dev/null
ipt session add --date 2026-10-22 --mood 8 > /dev/null
ipt report --format html > r.html
# The lines of each series, as "points" lists.
grep '<polyline fill="none" stroke="#1f4e9a"' r.html > mood.lines
grep '<polyline fill="none" stroke="#b35900"' r.html > stress.lines
t 'mood: two lines, broken at the sessions without a rating' \
    test "$(wc -l < mood.lines)" = 2
t 'mood: the first line joins sessions 1 to 3 only' \
    test "$(head -n 1 mood.lines | sed 's/.*points="\([^"]*\)".*/\1/' | wc -w)" = 3
t 'mood: the second joins sessions 7 and 8' \
    test "$(tail -n 1 mood.lines | sed 's/.*points="\([^"]*\)".*/\1/' | wc -w)" = 2
t 'stress: one line of three; the lone rating of session 7 is a point' \
    test "$(wc -l < stress.lines)" = 1
t 'every rating is still a point' \
    test "$(grep -c '<circle cx="[0-9.]*" cy="[0-9.]*" r="3" fill="#1f4e9a"' r.html)" = 5
# A cancelled session is not a session held: it does not break a line.
ipt init ../ben --start 2026-09-03 --sessions 8 > /dev/null
ipt -C ../ben session add --date 2026-09-03 --mood 3 > /dev/null
ipt -C ../ben session add --date 2026-09-10 --attendance cancelled > /dev/null
ipt -C ../ben session add --date 2026-09-17 --mood 5 > /dev/null
ipt -C ../ben report --format html > b.html
t 'a cancelled session does not break the line' \
    test "$(grep -c '<polyline fill="none" stroke="#1f4e9a"' b.html)" = 1
# Phase labels: every label of the top row starts and ends inside the
# frame (680 wide, 120 on the right for band names), counted at 6px a
# character.
for f in r.html b.html; do
	sed -n 's/^<text x="\([0-9.]*\)" y="20.0" font-size="10" \(text-anchor="end" \)\{0,1\}fill="#222">\([^<]*\)<.*/\1 \2 \3/p' "$f"
done > labels
t 'there are phase labels' test -s labels
t 'every phase label inside the frame' awk '
	{ x = $1; end = ($2 == "text-anchor=\"end\""); w = 6 * length($NF)
	  if (end) { lo = x - w; hi = x } else { lo = x; hi = x + w }
	  if (lo < 44 || hi > 560) { print "outside: " $0; bad = 1 } }
	END { exit bad }' labels
finish
