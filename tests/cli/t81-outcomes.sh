#!/bin/sh
# t81-outcomes.sh: ipt outcomes, outcomes across a caseload by group.
#
# The figures over the examples and over a generated 1,000-client
# practice match an independent computation from the CSV files (python,
# below: its own parsing, its own first and last totals, the published
# rules of each instrument written out again, its own Wilson interval);
# the adherence to the phase tasks (the rule check applies, written out
# again); the groups, --since, the formats (JSON parses, the HTML page is
# self-contained and renders in headless Chromium), the same bytes on
# every run, bad input and unreadable clients.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
export IPT

cp -R "$ROOT/examples/practice" ex
# The built-in variants, for the kinds that use no place (indep.py).
export DEFS="$ROOT/lib/defs/variants"
chmod -R go-rwx ex
snap ex

cat > "$T_TMP/indep.py" <<'EOF'
# indep.py PRACTICE BY OUTCOMES.CSV: recompute ipt outcomes from the files.
import configparser, csv, math, os, sys

# The rules, from the instruments' sources (ipt-files(5)): response is a
# fall of >= 50% from baseline; remission a last total below the cut;
# reliable change a difference of at least the criterion.
RULES = {
    "phq9": dict(resp=50, rem=lambda v: v < 5, rel=6),
    "gad7": dict(resp=50, rem=None, rel=4),
    "pcl5": dict(resp=50, rem=None, rel=5),
    "wsas": dict(resp=50, rem=None, rel=None),
    "epds": dict(resp=50, rem=None, rel=None),
    "phqa": dict(resp=50, rem=lambda v: v < 5, rel=None),
    "hrsd17": dict(resp=50, rem=lambda v: v <= 7, rel=None),
}
practice, by, got_csv = sys.argv[1], sys.argv[2], sys.argv[3]
defs = os.environ["DEFS"]

def wilson(x, n):
    z = 1.96
    p = x / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z / d * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, c - h), min(1.0, c + h)

def phase_tasks(vini):
    # [tasks]: PHASE = TASK, TASK ...; a task "a|b" is done by any of them.
    if not vini.has_section("tasks"):
        return []
    return [(ph, set(t.split("|"))) for ph, v in vini.items("tasks")
        for t in v.replace(",", " ").split()]

def phase_last(vini, phase):
    # The last session of a phase of the definition's plan, "a-b" or "a".
    return int(vini.get("phases", phase).split("-")[-1])

def rows(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))

groups = {}
def group(k):
    return groups.setdefault(k, dict(clients=0, started=0, ended=0,
        dropout=0, held=0, offered=0, due=0, done=0, instr={}))

for top, dirs, files in os.walk(practice):
    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
    if "client.ini" not in files:
        continue
    dirs[:] = []
    ini = configparser.ConfigParser()
    ini.read(os.path.join(top, "client.ini"))
    c = {k: v.strip('"') for k, v in ini["client"].items()}
    focus = ini["focus"]["primary"].strip('"') if "focus" in ini else ""
    # The sessions of the plan: a kind its variant lists in [kinds]
    # no_place (an IPT-A parent session) has none (ipt-files(5)).
    vini = configparser.ConfigParser()
    vini.read(os.path.join(defs, c["variant"] + ".ini"))
    noplace = {k.strip() for k in vini.get("kinds", "no_place",
        fallback="").split(",") if k.strip()}
    # A client who came back is counted over the current episode: the
    # rows dated after the end of the last one of episodes.csv.
    since = ""
    if os.path.exists(os.path.join(top, "episodes.csv")):
        since = rows(os.path.join(top, "episodes.csv"))[-1]["ended_on"]
    ses = [r for r in rows(os.path.join(top, "sessions.csv"))
        if r["kind"] not in noplace and r["date"] > since]
    att = [r for r in ses if r["attendance"] == "attended"]
    last_phase = max(att, key=lambda r: int(r["number"]))["phase"] \
        if att else ""
    ended = c["status"] == "ended"
    # Adherence: each phase task is due once the last session of its
    # phase is held (the n-th held of the plan, in order of number), and
    # done if a held session up to it, or a no_place session (IPT-A
    # parent) of that day or before, lists one of its techniques.  A
    # client in maintenance has none due.
    everyone = rows(os.path.join(top, "sessions.csv"))
    plan = []
    for r in everyone:
        if r["attendance"] == "attended" and r["kind"] not in noplace \
                and r not in plan:
            plan.append(r)
    plan.sort(key=lambda r: int(r["number"]))
    due = done = 0
    if c["status"] != "maintenance" and phase_tasks(vini):
        if int(c["planned_sessions"]) != vini.getint("variant", "sessions"):
            sys.exit("%s: a plan of another length is not computed" % top)
        for ph, alts in phase_tasks(vini):
            last = phase_last(vini, ph)
            if len(plan) < last:
                continue
            due += 1
            upto = plan[:last] + [r for r in everyone
                if r["attendance"] == "attended" and r["kind"] in noplace
                and r["date"] <= plan[last - 1]["date"]]
            if any(alts & set(r["techniques"].split(";")) for r in upto):
                done += 1
    if by == "variant":
        key = c["variant"]
    elif by == "area":
        key = focus or "none"
    elif by == "therapist":
        key = c.get("therapist") or "none"
    else:
        key = (last_phase or "none") if ended else "not-ended"
    meas = [r for r in rows(os.path.join(top, "measures.csv"))
        if r["date"] > since]
    for g in (group(key), group("all")):
        g["clients"] += 1
        g["started"] += 1 if att else 0
        g["ended"] += 1 if ended else 0
        g["dropout"] += 1 if ended and last_phase not in (
            "final", "extension", "maintenance") else 0
        g["held"] += len(att)
        g["offered"] += len(ses)
        g["due"] += due
        g["done"] += done
    for name, rule in RULES.items():
        given = [(r["date"], i, float(r["total"]))
            for i, r in enumerate(meas) if r["instrument"] == name]
        if len(given) < 2:
            continue
        first = min(given, key=lambda t: (t[0], t[1]))[2]
        last = max(given, key=lambda t: (t[0], t[1]))[2]
        fall = first - last
        for g in (group(key), group("all")):
            s = g["instr"].setdefault(name, dict(n=0, b=0.0, l=0.0,
                resp=[0, 0], rem=[0, 0], up=[0, 0], down=[0, 0]))
            s["n"] += 1
            s["b"] += first
            s["l"] += last
            if first > 0:
                s["resp"][1] += 1
                s["resp"][0] += 1 if fall * 100 >= rule["resp"] * first \
                    else 0
            if rule["rem"]:
                s["rem"][1] += 1
                s["rem"][0] += 1 if rule["rem"](last) else 0
            if rule["rel"]:
                s["up"][1] += 1
                s["down"][1] += 1
                s["up"][0] += 1 if fall >= rule["rel"] else 0
                s["down"][0] += 1 if -fall >= rule["rel"] else 0

got = {}
with open(got_csv, newline="") as f:
    for r in csv.DictReader(f):
        got[(r["group"], r["instrument"])] = r
        got[(r["group"], "")] = r
bad, checked = [], 0
def want(k, field, value):
    global checked
    r = got.get(k)
    if r is None:
        bad.append("%s: missing" % (k,))
    elif r[field] != value:
        bad.append("%s %s: ipt %r, computed %r" % (k, field, r[field], value))
    checked += 1
for k, g in sorted(groups.items()):
    for f in ("clients", "started", "ended", "dropout", "held", "offered"):
        want((k, ""), f, str(g[f]))
    want((k, ""), "attendance", "%.3f" % (g["held"] / g["offered"]
        if g["offered"] else 0))
    want((k, ""), "tasks_due", str(g["due"]))
    want((k, ""), "tasks_done", str(g["done"]))
    if g["due"]:
        lo, hi = wilson(g["done"], g["due"])
        want((k, ""), "adherence", "%.3f" % (g["done"] / g["due"]))
        want((k, ""), "adherence_lo", "%.3f" % lo)
        want((k, ""), "adherence_hi", "%.3f" % hi)
    else:
        want((k, ""), "adherence", "")
    for name, s in g["instr"].items():
        kk = (k, name)
        want(kk, "n", str(s["n"]))
        want(kk, "baseline_mean", "%.2f" % (s["b"] / s["n"]))
        want(kk, "last_mean", "%.2f" % (s["l"] / s["n"]))
        for o, col in (("resp", "response"), ("rem", "remission"),
                ("up", "reliable_improvement"),
                ("down", "reliable_deterioration")):
            x, n = s[o]
            want(kk, col, str(x))
            want(kk, col + "_n", str(n))
            if n:
                lo, hi = wilson(x, n)
                want(kk, col + "_rate", "%.3f" % (x / n))
                want(kk, col + "_lo", "%.3f" % lo)
                want(kk, col + "_hi", "%.3f" % hi)
if bad:
    sys.exit("\n".join(bad[:20]))
print("%d figures of %d groups agree" % (checked, len(groups)))
EOF

for by in variant area therapist phase-ended; do
	ipt outcomes ex --by "$by" --format csv > "ex-$by.csv"
	t "examples by $by: the figures match an independent computation" \
	    python3 "$T_TMP/indep.py" ex "$by" "ex-$by.csv"
done
t_grep 'examples: PHQ-9 3 of 8 respond, 2 remit, 5 reliably improve' \
    '^all,all,10,10,1,0,93,100,0.930,1,38,38,1.000,0.908,1.000,phq9,8,15.38,8.25,3,8,0.375,0.137,0.694,2,8,0.250,0.071,0.591,5,8,0.625,0.306,0.863,0,8,' \
    ex-variant.csv
# The open risk flags are those ls counts.
ipt ls ex --format csv | awk -F, 'NR > 1 && $15 != "0"' | wc -l > ls-risk
t 'the clients with an open risk flag are those of ls' \
    test "$(awk -F, '$1 == "all" { print $10; exit }' ex-variant.csv)" = \
    "$(cat ls-risk)"
t_unchanged 'outcomes changes nothing' ex

# A generated practice of 1,000 clients.
if [ -x "$ROOT/build/bench/gen" ]; then
	"$ROOT/build/bench/gen" -j 2 1000 g > /dev/null
	for by in therapist variant; do
		ipt outcomes g --by "$by" --format csv > "g-$by.csv"
		t "1,000 clients by $by: the figures match" \
		    python3 "$T_TMP/indep.py" g "$by" "g-$by.csv"
	done
	t '1,000 clients: 1,000 counted' test "$(awk -F, \
	    '$1 == "all" { print $3; exit }' g-variant.csv)" = 1000
	# The tasks not done are those ipt check warns of: one rule.
	ipt check g > g-check 2>&1
	t '1,000 clients: some tasks are not done' test \
	    "$(grep -c "^g/.*: warning: the .* task '" g-check)" -gt 0
	t '1,000 clients: tasks due less done = the task warnings of check' \
	    test "$(awk -F, '$1 == "all" { print $12 - $11; exit }' \
	    g-variant.csv)" = "$(grep -c "^g/.*: warning: the .* task '" g-check)"
else
	t 'build/bench/gen is built (make build/bench/gen)' false
fi

# --since: only clients who started on or after the date.
ipt outcomes ex --since 2026-06-01 --format json > since.json
t 'since: json parses' python3 -m json.tool since.json
n_since=$(for f in ex/clients/*/client.ini; do
	sed -n 's/^start = "\(.*\)"/\1/p' "$f"; done | awk '$1 >= "2026-06-01"' |
    wc -l)
t 'since: the clients who started since then' test \
    "$(jq .all.clients since.json)" = "$n_since"
t 'since: the others skipped' test "$(jq .skipped since.json)" = \
    "$((10 - n_since))"

# Formats.
ipt outcomes ex --by area > o.txt
t_grep 'text: a block per group' '^role-transition$' o.txt
t_grep 'text: rates with intervals' 'response  *3/8 38% (14-69%)' o.txt
t_grep 'text: adherence, with its interval' \
    "^  phase tasks done by their phase's end: 38/38 100% (91-100%)\$" o.txt
ipt outcomes ex --by area --format md > o.md
t_grep 'md: a table per group' '^| phq9 | 3 | 12.67 | 8.33 |' o.md
ipt outcomes ex --by variant --format json > o.json
t 'json parses' python3 -m json.tool o.json
t 'json: a group per variant' test "$(jq '.groups | length' o.json)" = 10
t 'json: adherence as the CSV has it' test \
    "$(jq -r '.all.adherence | "\(.count),\(.n),\(.lo)"' o.json)" = \
    "$(awk -F, '$1 == "all" { print $11 "," $12 "," $14; exit }' ex-variant.csv)"
t 'json: undefined rates are null' test \
    "$(jq '.all.instruments[] | select(.instrument == "srm5") |
    .response.rate' o.json)" = null
ipt outcomes ex --by area --format html > o.html
t_grep 'html: a page' '^<!DOCTYPE html>' o.html
t 'html: nothing external, no script' sh -c \
    '! grep -q -i -e "<script" -e "src=" -e "href=" -e "url(" o.html'
t 'html: tags balance' python3 -c '
import sys
from html.parser import HTMLParser
void = {"meta", "br", "img", "hr", "input", "link"}
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.st = []
    def handle_starttag(s, t, a):
        if t not in void: s.st.append(t)
    def handle_startendtag(s, t, a): pass
    def handle_endtag(s, t):
        if not s.st or s.st.pop() != t: sys.exit("bad </%s>" % t)
p = P(); p.feed(open("o.html").read())
if p.st: sys.exit("unclosed %s" % p.st)'
t_grep 'html: adherence by group' '<th>phase tasks done</th>' o.html
t_grep 'html: a chart of rates' 'aria-label="phq9: rates by group"' o.html
t_grep 'html: a before/after plot' 'aria-label="phq9: mean before and after"' o.html
if command -v chromium > /dev/null 2>&1; then
	t 'html: headless Chromium renders it' sh -c 'chromium --headless \
	    --no-sandbox --disable-gpu --user-data-dir="$PWD/chr" \
	    --window-size=900,2400 --screenshot="$PWD/o.png" \
	    "file://$PWD/o.html" > chr.log 2>&1; test -s o.png'
else
	echo "# chromium not installed: the HTML was not rendered"
fi

# The same bytes on every run, with and without the read-ahead thread.
for f in text csv json html md; do
	ipt outcomes ex --by therapist --format "$f" > a
	IPT_SCAN_THREADS=1 ipt outcomes ex --by therapist --format "$f" > b
	t "$f: the same bytes each run" cmp a b
done

# Bad input: one line, exit 2, nothing changed.
t_fail 2 'an unknown --by' ipt outcomes ex --by colour
cp .out by.err
t_grep '  names the option and the choices' \
    "^ipt: --by: 'colour' is not one of: area, variant" by.err
t '  in one line' test "$(wc -l < by.err)" = 1
t_fail 2 'a bad --since' ipt outcomes ex --since 2026-13-01
cp .out since.err
t_grep '  names the option' "^ipt: --since: '2026-13-01' is not a date" \
    since.err
t_fail 2 'a bad --format' ipt outcomes ex --format table
t_fail 2 'an unknown option' ipt outcomes --colour
t_unchanged 'bad input changes nothing' ex

# A client that cannot be read: named, the others counted, exit 1.
cp -R ex broken
printf 'number,date\n1,2026-99-01\n' > broken/clients/ben/sessions.csv
ipt outcomes broken --format csv > broken.csv 2> broken.err
t 'an unreadable client: exit 1' test $? = 1
t_grep '  named on standard error' 'ben/sessions.csv' broken.err
t '  the other nine counted' test "$(awk -F, \
    '$1 == "all" { print $3; exit }' broken.csv)" = 9

finish
