#!/bin/sh
# t96-readme.sh: every "$ " line of README.md's tour runs as written, in
# order, in one shell, with HOME a fresh directory and ipt on PATH: each
# must exit 0, and the files the tour makes must be there.
. "$(dirname "$0")/lib.sh"

mkdir home bin
ln -s "$IPT" bin/ipt
# The lines of the tour: indented "    $ " lines between "## A short tour"
# and the next heading.
sed -n '/^## A short tour/,/^## /s/^    \$ //p' "$T_SRC/README.md" > tour.txt
t 'the README has a tour of ten commands or more' \
    test "$(wc -l < tour.txt)" -ge 10
n=0
{
	echo 'set -u'
	while IFS= read -r line; do
		n=$((n + 1))
		printf '%s || { echo "line %d failed: %s" >&2; exit 1; }\n' \
		    "$line" "$n" "$(printf '%s' "$line" | tr -d "'")"
	done < tour.txt
} > tour.sh
t 'every line of the tour runs as written' \
    env HOME="$T_TMP/home" PATH="$T_TMP/bin:$PATH" sh tour.sh
t 'the HTML report was written' test -s home/ana.html
t 'the research file was written' grep -q '^client,' home/research.csv
t 'the calendar was written' grep -q 'BEGIN:VCALENDAR' home/ana.ics
t 'the client directory is there' test -f home/practice/clients/ana/client.ini
finish
