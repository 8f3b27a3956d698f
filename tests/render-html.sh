#!/bin/sh
# render-html.sh: render the HTML report of a sample client to a PNG with
# headless Chromium, so that a person can look at it.  Not part of
# `make check' (it needs a browser).
#
#   sh tests/render-html.sh [IPT [OUT_DIR]]
#
# IPT defaults to ./ipt and OUT_DIR to ./build/render.  The script builds
# a sample client (sessions over three phases, two instruments with an
# open risk flag, a re-rated inventory, a timeline, goals and a relapse
# plan), writes OUT_DIR/report.html and OUT_DIR/report-ended.html (the
# same client after termination), and screenshots both at 1000x1400 to
# report.png and report-ended.png.  Chromium runs with no network
# access of its own (background networking, sync and updates off) and a
# throw-away profile.  Install it with `apt-get install -y chromium'.
set -eu
IPT=${1:-./ipt}
OUT=${2:-build/render}
case $IPT in /*) ;; *) IPT=$(pwd)/$IPT ;; esac
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
browser=
for b in chromium chromium-browser google-chrome; do
	if command -v "$b" > /dev/null 2>&1; then
		browser=$b
		break
	fi
done
if [ -z "$browser" ]; then
	echo "render-html.sh: no chromium; apt-get install -y chromium" >&2
	exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/ipt-render.XXXXXX")
trap 'rm -rf "$work"' EXIT
export IPT_TODAY=2026-12-24 TZ=UTC LC_ALL=C.UTF-8
ipt() { "$IPT" "$@"; }

mkdir -p "$work/practice/clients"
: > "$work/practice/ipt.ini"
cd "$work/practice/clients"
ipt init ana --name 'Ana M. <Sample> & "Co"' --start 2026-09-03 \
    --therapist 'Dr. R. Ruiz' > /dev/null
cd ana
# The profile a clinic records (issue 17), the contact next to the risk.
ipt plan --birth-date 1991-04-12 --icd F32.1 \
    --diagnosis 'Major depressive disorder, single episode, moderate' \
    --referrer 'Dr. K. Lee (GP) <ref>' --consent-date 2026-09-03 --emergency-contact 'Sam (partner) 555-0100' \
    > /dev/null
n=0
for d in 2026-09-03 2026-09-10 2026-09-17 2026-09-24 2026-10-01 \
    2026-10-08 2026-10-15 2026-10-22 2026-10-29 2026-11-05 2026-11-12 \
    2026-11-19 2026-11-26 2026-12-03 2026-12-10 2026-12-17; do
	n=$((n + 1))
	mood=$((2 + n / 3))
	stress=$((9 - n / 3))
	if [ $n = 6 ]; then
		ipt session add --date $d --attendance cancelled > /dev/null
		continue
	fi
	ipt session add --date $d --mood $mood --stress $stress > /dev/null
done
ipt focus set role-dispute --date 2026-09-24 \
    --note 'Impasse with partner over childcare; agreed as focus.' > /dev/null
p=0
for items in '3 3 3 2 2 2 2 1 1' '3 3 2 2 2 2 2 1 0' '2 3 2 2 2 2 1 1 0' \
    '2 2 2 2 2 1 1 1 0' '2 2 2 1 1 1 1 1 0' '2 2 1 1 1 1 1 1 2' \
    '1 2 1 1 1 1 1 0 0' '1 1 1 1 1 1 0 0 0' '1 1 1 1 0 0 0 0 0' \
    '1 1 0 1 0 0 0 0 0' '0 1 0 1 0 0 0 0 0' '0 1 0 1 0 0 0 0 0' \
    '0 1 0 0 0 0 0 0 0' '0 0 0 1 0 0 0 0 1'; do
	p=$((p + 1))
	d=$(ipt session list --format csv | awk -F, -v p=$p \
	    '$4 == "attended" { if (++k == p) print $2 }')
	ipt measure add phq9 --date "$d" $items > /dev/null 2>&1
done
ipt measure add gad7 --date 2026-09-03 2 2 2 2 1 1 2 > /dev/null 2>&1
ipt measure add gad7 --date 2026-10-08 2 1 2 1 1 1 1 > /dev/null 2>&1
ipt measure add gad7 --date 2026-11-05 1 1 1 1 0 1 1 > /dev/null 2>&1
ipt measure add gad7 --date 2026-12-03 1 0 1 0 0 0 1 > /dev/null 2>&1
ipt inventory add Tom --relationship partner --contact daily --closeness 2 \
    --support 2 --conflict 5 --date 2026-09-10 \
    --satisfying 'shared humour' --unsatisfying 'rows about childcare' \
    --changes 'share the night feeds' > /dev/null
ipt inventory add Mum --relationship mother --contact weekly \
    --closeness 4 --support 4 --conflict 2 --date 2026-09-10 > /dev/null
ipt inventory add Lea --relationship friend --contact rarely \
    --closeness 3 --support 2 --conflict 1 --date 2026-09-17 > /dev/null
ipt inventory rate Tom --closeness 4 --support 4 --conflict 2 \
    --date 2026-12-10 > /dev/null
ipt inventory rate Lea --closeness 4 --support 3 --date 2026-12-10 > /dev/null
ipt event add --date 2026-05-20 --kind transition --mood 5 \
    'Birth of second child' > /dev/null
ipt event add --date 2026-07-01 --kind dispute --mood 3 \
    'Rows with Tom about the night feeds began' > /dev/null
ipt event add --date 2026-08-10 --kind isolation --mood 2 \
    'Stopped seeing friends from the antenatal group' > /dev/null
ipt goal add --date 2026-09-24 'Ask Tom to share the night feeds' > /dev/null
ipt goal add --date 2026-09-24 'See a friend every week' > /dev/null
ipt goal add --date 2026-09-24 'Go back to the choir' > /dev/null
ipt goal done --date 2026-11-19 1 > /dev/null
ipt goal drop --date 2026-12-10 3 > /dev/null
ipt relapse add --kind warning-sign 'Sleeping badly for more than a week' \
    > /dev/null
ipt relapse add --kind warning-sign 'Avoiding friends again' > /dev/null
ipt relapse add --kind action 'Talk it through with Tom the same day' \
    > /dev/null
ipt relapse add --kind contact 'The practice: 01234 567890' > /dev/null
ipt report --format html --output "$OUT/report.html"
ipt plan --status ended --reason completed > /dev/null
ipt report --format html --output "$OUT/report-ended.html"

for f in report report-ended; do
	"$browser" --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --no-first-run \
	    --user-data-dir="$(mktemp -d "$work/profile.XXXXXX")" \
	    --screenshot="$OUT/$f.png" --window-size=1000,1400 \
	    "file://$OUT/$f.html" > "$work/chromium.log" 2>&1 || {
		cat "$work/chromium.log" >&2
		exit 1
	}
	echo "$OUT/$f.png"
done
