#!/bin/sh
# t50-report.sh: ipt report in its four formats: content, open risk flags
# first, 80 columns, escaping, well-formed and self-contained HTML, JSON
# that parses, the termination summary, --output, bad input, and the
# same bytes on every run.
. "$(dirname "$0")/lib.sh"
export IPT

# A client over two phases, with two instruments (an open risk flag on
# phq9), an inventory re-rated, a timeline, goals and a relapse plan.
# Free text carries characters that Markdown and HTML must escape.
mkdir p
touch p/ipt.ini
ipt init p/ana --name 'Ana <b>M.</b> | *x*' --start 2026-09-03 \
    --therapist 'Dr. R. Ruiz & Co' > /dev/null
cd p/ana || exit 1
n=0
for d in 2026-09-03 2026-09-10 2026-09-17 2026-09-24 2026-10-01 \
    2026-10-08 2026-10-15 2026-10-22; do
	n=$((n + 1))
	if [ $n = 3 ]; then
		ipt session add --date $d --attendance no-show > /dev/null
	else
		ipt session add --date $d --mood $((n / 2 + 2)) \
		    --stress $((9 - n / 2)) --note "SECRET-NOTE-$n" > /dev/null
	fi
done
ipt focus set role-dispute --date 2026-09-24 \
    --note 'Impasse | "childcare" <i>' > /dev/null
ipt measure add phq9 --date 2026-09-03 3 3 2 2 2 2 2 1 1 > /dev/null 2>&1
ipt risk review --date 2026-09-03 --note 'Passive thoughts; safety plan.' \
    > /dev/null
ipt measure add phq9 --date 2026-09-24 2 2 2 2 1 1 1 1 0 > /dev/null 2>&1
ipt measure add phq9 --date 2026-10-22 1 1 1 1 1 0 0 0 1 > /dev/null 2>&1
ipt measure add gad7 --date 2026-09-03 2 2 2 2 1 1 1 > /dev/null 2>&1
ipt measure add gad7 --date 2026-10-22 1 1 1 0 0 0 0 > /dev/null 2>&1
ipt inventory add Tom --relationship partner --contact daily --closeness 2 \
    --support 2 --conflict 5 --date 2026-09-10 \
    --unsatisfying 'rows | about *money*' > /dev/null
ipt inventory add Mum --relationship mother --closeness 4 --support 4 \
    --conflict 2 --date 2026-09-10 > /dev/null
ipt inventory rate Tom --closeness 4 --support 3 --conflict 3 \
    --date 2026-10-15 > /dev/null
ipt event add --date 2026-06-01 --kind transition --mood 4 \
    'Birth of second child & move' > /dev/null
ipt goal add --date 2026-09-24 'Ask Tom for help [at night]' > /dev/null
ipt goal add --date 2026-09-24 'See a friend each week' > /dev/null
ipt goal done --date 2026-10-15 1 > /dev/null
ipt relapse add --kind warning-sign --date 2026-10-22 \
    'Sleeping badly for a week' > /dev/null
ipt relapse add --kind action --date 2026-10-22 'Call the practice' \
    > /dev/null

t 'ipt measure left phq9 with an open risk flag' \
    sh -c '"$IPT" status | grep -q "^RISK"'

for f in text md html json; do
	t "report --format $f" ipt report --format $f
	ipt report --format $f > r1.$f
	ipt report --format $f > r2.$f
	t "report --format $f is the same bytes twice" cmp r1.$f r2.$f
done
t 'text is the default' sh -c '"$IPT" report | cmp - r1.text'

# Text: 80 columns, risk first, sparklines, the content.
t 'text fits 80 columns' python3 -c '
import sys
for n, l in enumerate(open("r1.text", encoding="utf-8"), 1):
    if len(l.rstrip("\n")) > 80:
        sys.exit("line %d has %d columns" % (n, len(l) - 1))'
t 'text: the risk flag comes before anything but the title' sh -c \
    'sed -n 4p r1.text | grep -q "^RISK: phq9 item 9 = 1 on 2026-10-22"'
t_grep 'text: a progress report' '^IPT progress report: ana' r1.text
t_grep 'text: sessions held of planned' 'held  *7 of 16 planned' r1.text
t_grep 'text: attendance' '7 attended, 0 cancelled, 1 no-show' r1.text
t_grep 'text: phq9 sparkline' 'trend  *[▁▂▃▄▅▆▇█]\{3\} on 0 to 27' r1.text
t_grep 'text: mood sparkline' '^  mood  *[▁▂▃▄▅▆▇█]\{7\} ' r1.text
t_grep 'text: baseline with its band' 'baseline  *18 (moderately-severe) on 2026-09-03' r1.text
t_grep 'text: latest and change' 'change  *-12 (-67%), lower is better' r1.text
t_grep 'text: response' 'response  *yes' r1.text
t_grep 'text: reliable change' 'reliable change  *improved' r1.text
t_grep 'text: risk administration marked' 's8=6 RISK' r1.text
t_grep 'text: inventory change from the first rating' \
    'Tom  *2  *2→4 (+2)  *2→3 (+1)  *5→3 (-2)  *partner; daily$' r1.text
t_grep 'text: focus history' '2026-09-24  4  *role-dispute' r1.text
t_grep 'text: goals' '1 open, 1 met, 0 dropped' r1.text
t_grep 'text: timeline' '2026-06-01  transition  4' r1.text
t_grep 'text: relapse plan' 'warning-sign  2026-10-22  Sleeping badly' r1.text
t 'text: no session note' sh -c '! grep -q SECRET-NOTE r1.text'

# Markdown: risk first, tables, escapes.
t 'md: risk before the first section' sh -c \
    'grep -n "^> \*\*RISK:\*\*\|^## " r1.md | head -n 1 | grep -q RISK'
t_grep 'md: the name is escaped' 'Ana \\<b\\>M\. \\</b\\> \\| \\\*x\\\*\|Ana \\<b\\>M.\\</b\\> \\| \\\*x\\\*' r1.md
t_grep 'md: a pipe in a cell is escaped' \
    '| 2026-09-24 | 4 | role-dispute |  | Impasse \\| "childcare" \\<i\\> |' r1.md
t 'md: every table row has as many cells as its header' python3 -c '
import re, sys
rows = [l for l in open("r1.md", encoding="utf-8") if l.startswith("|")]
cells = lambda l: len(re.split(r"(?<!\\)\|", l.strip())) - 2
head = None
for l in open("r1.md", encoding="utf-8"):
    if not l.startswith("|"):
        head = None
        continue
    if head is None:
        head = cells(l)
    elif cells(l) != head:
        sys.exit("bad row: " + l)'
t_grep 'md: a sparkline in code' '^- \*\*trend:\*\* `[▁▂▃▄▅▆▇█]*` on 0 to 27' r1.md

# HTML: well formed, self-contained, escaped, charts.
cat > "$T_TMP/check_html.py" <<'EOF'
import sys
from html.parser import HTMLParser
VOID = {"meta", "br", "hr", "img", "input", "link", "line", "circle",
        "rect", "polyline", "path"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.stack = []
        self.errors = []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))
    def handle_startendtag(self, tag, attrs):
        pass
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append("%s: </%s> closes %s" % (self.getpos(),
                tag, self.stack[-1] if self.stack else "nothing"))
        else:
            self.stack.pop()
    def handle_entityref(self, name):
        if name not in ("amp", "lt", "gt", "quot"):
            self.errors.append("unknown entity &%s;" % name)
p = P()
text = open(sys.argv[1], encoding="utf-8").read()
p.feed(text)
p.close()
if p.stack:
    p.errors.append("unclosed: %s" % p.stack)
if not text.startswith("<!DOCTYPE html>"):
    p.errors.append("no doctype")
if p.errors:
    sys.exit("\n".join(p.errors))
EOF
t 'html: tags balance and entities are known' python3 "$T_TMP/check_html.py" r1.html
t 'html: nothing external, no script' sh -c \
    '! grep -n -i -e "http:" -e "https:" -e "src=" -e "href=" -e "<script" \
    -e "url(" -e "@import" r1.html'
t_grep 'html: the name is escaped' 'Ana &lt;b&gt;M.&lt;/b&gt; | \*x\*' r1.html
t 'html: no raw tag from the records' sh -c '! grep -q "<b>M\.\|<i>" r1.html'
t_grep 'html: & escaped' 'Dr. R. Ruiz &amp; Co' r1.html
t 'html: risk before the first section' sh -c \
    'grep -n "class=\"risk\"\|<h2" r1.html | head -n 1 | grep -q risk'
t 'html: a chart per instrument and one for mood' sh -c \
    '[ "$(grep "^<svg " r1.html | grep -vc "closeness circle")" = 3 ]'
t 'html: phq9 severity bands shaded' sh -c \
    '[ "$(sed -n "/aria-label=\"phq9/,/<\/svg>/p" r1.html |
    grep -c "<rect .*fill=\"#[0-9a-f]*\"/>")" = 5 ]'
t_grep 'html: band names' '>moderately-severe</text>' r1.html
t 'html: a phase boundary is marked' sh -c \
    'sed -n "/aria-label=\"phq9/,/<\/svg>/p" r1.html |
    grep -q "stroke-dasharray.*" && grep -q ">middle</text>" r1.html'
t 'html: the risk administration is ringed' sh -c \
    '[ "$(sed -n "/aria-label=\"phq9/,/<\/svg>/p" r1.html |
    grep -c "r=\"7\" fill=\"none\" stroke=\"#c00000\"")" = 2 ]'
t_grep 'html: print style' '@media print' r1.html

# JSON: parses, and holds what the report shows.
t 'json parses (python)' python3 -m json.tool r1.json
t 'json parses (jq)' jq empty r1.json
j() { jq -r "$1" r1.json; }
t 'json: report kind' test "$(j .report)" = progress
t 'json: risk_open' test "$(j '.risk_open[0] | "\(.instrument) \(.detail) \(.date)"')" = \
    'phq9 item 9 = 1 2026-10-22'
t 'json: attendance' test "$(j '.sessions | "\(.held) \(.cancelled) \(.no_show)"')" = '7 0 1'
t 'json: phq9 course' test "$(j '.measures[0] | "\(.baseline) \(.latest) \(.change) \(.response) \(.reliable_change)"')" = \
    '18 6 -12 yes improved'
t 'json: phq9 series with risk' test "$(j '[.measures[0].series[] | .risk] | map(tostring) | join(",")')" = \
    'true,false,true'
t 'json: bands from the definition' test "$(j '.measures[0].bands | length')" = 5
t 'json: inventory change' test "$(j '.inventory[0] | "\(.person) \(.closeness.baseline) \(.closeness.latest) \(.conflict.change)"')" = \
    'Tom 2 4 -2'
t 'json: focus history note' test "$(j '.focus.history[0].note')" = \
    'Impasse | "childcare" <i>'
t 'json: goals' test "$(j '[.goals[].status] | join(",")')" = 'met,open'
t 'json: relapse plan' test "$(j '.relapse_plan | length')" = 2
t 'json: no termination yet' test "$(j .termination)" = null
t 'json: no session note' sh -c '! grep -q SECRET-NOTE r1.json'
t 'json: techniques is an array' test "$(j '.sessions.list[0].techniques | type')" = array

# Termination: ended, then maintenance agreed by a maintenance session.
ipt plan --status ended --reason completed > /dev/null
ipt report > end.text
ipt report --format json > end.json
t_grep 'ended: a termination report' '^IPT termination report: ana' end.text
t_grep 'ended: termination summary' '^Termination summary' end.text
t_grep 'ended: maintenance not agreed' 'maintenance  *not agreed' end.text
t_grep 'ended: what changed' 'phq9 18 (moderately-severe) to 6 (mild), change -12' end.text
t_grep 'ended: relationships changed' 'Tom (partner): closeness 2 to 4, support 2 to 3, conflict 5 to 3' end.text
t_grep 'ended: relapse points' 'action  *2026-10-22  Call the practice' end.text
t 'ended: risk still first' sh -c 'sed -n 4p end.text | grep -q "^RISK"'
t 'ended json: termination' test "$(jq -r '.termination.maintenance_agreed' end.json)" = false
t 'ended json: report kind' test "$(jq -r .report end.json)" = termination
ipt plan --status maintenance > /dev/null
ipt report > maint.text
t_grep 'maintenance: agreed' 'maintenance  *agreed (the client is in maintenance)' maint.text
IPT_TODAY=2026-12-01 ipt session add --date 2026-12-01 --kind maintenance \
    --phase maintenance > /dev/null
IPT_TODAY=2026-12-01 ipt plan --status ended --reason completed > /dev/null
ipt report > maint2.text
t_grep 'ended with a maintenance session: agreed' \
    'agreed (1 maintenance session held)' maint2.text
ipt report --format html > end.html
t 'ended html: well formed' python3 "$T_TMP/check_html.py" end.html

# --output: atomic, mode 0600, the same bytes; refused inside a client.
cd "$T_TMP" || exit 1
mkdir out
t '--output writes the file' ipt -C p/ana report --format html \
    --output "$T_TMP/out/ana.html"
t '--output: mode 0600' test "$(stat -c %a out/ana.html)" = 600
t '--output: same as standard output' sh -c \
    '"$IPT" -C p/ana report --format html | cmp - out/ana.html'
t '--output replaces a file' ipt -C p/ana report --output "$T_TMP/out/ana.html"
t '--output: replaced whole' sh -c '"$IPT" -C p/ana report | cmp - out/ana.html'
t 'no temporary file left' sh -c '[ "$(ls -A out)" = ana.html ]'
cp out/ana.html before.html
for fp in write fsync rename; do
	t_fail 1 "--output: a failed $fp changes nothing" env IPT_TEST_FAULT=$fp \
	    "$IPT" -C p/ana report --format md --output "$T_TMP/out/ana.html"
	t "--output: after a failed $fp the old file is whole" cmp before.html \
	    out/ana.html
	t "--output: after a failed $fp no temporary file" sh -c \
	    '[ "$(ls -A out)" = ana.html ]'
done
snap p
t_fail 2 '--output inside the client directory is refused' \
    ipt -C p/ana report --output notes.txt
ipt -C p/ana report --output notes.txt 2> err
t_grep 'the refusal says why' 'inside the client directory' err
t_fail 2 '--output below a client directory too' \
    ipt -C p/ana report --output ../ana/x.md
t_fail 2 '--output naming a directory' ipt -C p/ana report --output "$T_TMP/out/"
ln -s elsewhere out/link.html
t_fail 1 '--output to a symbolic link is refused' \
    ipt -C p/ana report --output "$T_TMP/out/link.html"
t_fail 1 '--output into a missing directory' \
    ipt -C p/ana report --output "$T_TMP/nodir/r.txt"
t_fail 2 'unknown format' ipt -C p/ana report --format pdf
t_fail 2 'csv is not a report format' ipt -C p/ana report --format csv
t_fail 2 'no operands' ipt -C p/ana report extra
t_fail 2 'unknown option' ipt -C p/ana report --verbose
t_fail 1 'not a client directory' ipt -C p report
t_unchanged 'report writes nothing in the records' p
t 'report --help' ipt report --help

# A new client with nothing recorded, and an instrument without a
# definition: every format still works.
ipt init p/new > /dev/null
for f in text md html json; do
	t "empty client: --format $f" ipt -C p/new report --format $f
done
ipt -C p/new report --format json > new.json
t 'empty client: json parses' jq empty new.json
printf 'date,session,instrument,total,severity,items,flags\n2026-11-20,,local-scale,-3,,,\n2026-11-25,,local-scale,4.5,,,\n' \
    > p/new/measures.csv
t 'an instrument without a definition' ipt -C p/new report
ipt -C p/new report --format html > new.html
t 'its chart is drawn' sh -c 'grep -q "aria-label=\"local-scale" new.html'
t 'its html is well formed' python3 "$T_TMP/check_html.py" new.html
ipt -C p/new report --format json > new2.json
t 'its json parses' jq empty new2.json
finish
