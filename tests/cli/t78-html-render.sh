#!/bin/sh
# t78-html-render.sh: the HTML report as a browser shows it (issues 13
# and 17).  The example client with the profile fields, a signed session
# and an addendum, rendered by headless Chromium: the page loads, its
# DOM holds the profile, the signature and the addendum as text, and a
# screenshot is taken (kept with IPT_KEEP=1 to look at).  Skipped, saying
# so, where Chromium is not installed (CI installs it).
. "$(dirname "$0")/lib.sh"
cp -R "$T_SRC/examples/practice/clients/ana" ana
cd ana || exit 1
ipt plan --birth-date 1988-03-14 --diagnosis 'Major depressive disorder, single episode' \
    --icd F32.1 --referrer 'Dr. M. Okafor (GP)' --consent-date 2026-09-03 \
    --emergency 'Marco, 0151 555 0199' > /dev/null
ipt report --format html > ../ana.html
cd ..
t_grep 'html: the date of birth and age' '1988-03-14' ana.html
t_grep 'html: the emergency contact' 'Marco, 0151 555 0199' ana.html
t_grep 'html: the addendum' 'Ana adds that the arguments began in March' ana.html
if ! command -v chromium > /dev/null 2>&1; then
	echo "# chromium not installed: the HTML was not rendered"
	finish
	exit
fi
chrome() {
	chromium --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$PWD/chr" "$@" 2> chr.log
}
t 'Chromium loads it and gives its DOM' sh -c '
	chromium --headless --no-sandbox --disable-gpu --user-data-dir="$PWD/chr" \
	    --dump-dom "file://$PWD/ana.html" > dom.html 2> chr.log && test -s dom.html'
python3 - > dom.txt <<'PY'
from html.parser import HTMLParser
class P(HTMLParser):
    skip = 0
    def handle_starttag(self, t, a):
        if t in ("style", "script"): self.skip += 1
    def handle_endtag(self, t):
        if t in ("style", "script"): self.skip -= 1
    def handle_data(self, d):
        if not self.skip: print(d)
P().feed(open("dom.html").read())
PY
t_grep 'the rendered page: the emergency contact' 'Marco, 0151 555 0199' dom.txt
t_grep 'the rendered page: the diagnosis and its code' 'Major depressive disorder, single episode' dom.txt
t_grep 'the rendered page: the session log' 'Session log' dom.txt
t_grep 'the rendered page: the addendum with its author' 'added 2026-11-19 by Dr. R. Ruiz' dom.txt
t 'a screenshot of it' sh -c '
	chromium --headless --no-sandbox --disable-gpu --user-data-dir="$PWD/chr" \
	    --window-size=1000,3000 --screenshot="$PWD/ana.png" \
	    "file://$PWD/ana.html" > /dev/null 2> chr.log && test -s ana.png'
finish
