#!/bin/sh
# t85-export-trial.sh: a trial's data manager reads the de-identified
# export of a practice of two therapist directories with pandas
# (python3-pandas): every table loads with the types its codebook gives,
# the keys join (items to measures, measures to sessions, every table to
# clients), item sums equal totals, the codebook covers every column and
# the manifest every file, and the outcomes table recomputed here from
# the measures table alone equals the one ipt wrote, and what `ipt status'
# says of each client.
. "$(dirname "$0")/lib.sh"

# A python3 that has pandas (pyenv may shadow Debian's).
PY=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import pandas' 2> /dev/null; then
		PY=$p
		break
	fi
done
t 'python3-pandas is installed (tests/deps.sh)' test -n "$PY"
[ -n "$PY" ] || { finish; exit 1; }

# Two therapists, 15 clients, one client name under both (c01), weekly
# sessions with a cancellation now and then, PHQ-9 every other session
# (two on one day for some), GAD-7 for a few.  Scores come from a fixed
# recipe, so the run is the same every time.
mkdir p
touch p/ipt.ini
i=0
for th in alice bob; do
	n=8
	[ $th = bob ] && n=7
	k=1
	while [ $k -le $n ]; do
		i=$((i + 1))
		c=p/$th/c0$k
		ipt init $c --start 2026-06-01 --therapist "Dr $th" \
		    --name "Client $i" > /dev/null || exit 1
		s=1
		while [ $s -le $((6 + i % 5)) ]; do
			d=$(date -u -d "2026-06-01 +$((7 * (s - 1) + i % 3)) days" +%F)
			att=attended
			[ $(((s + i) % 7)) = 0 ] && att=cancelled
			ipt -C $c session add --date $d --attendance $att \
			    --mood $(((s + i) % 11)) > /dev/null || exit 1
			if [ $((s % 2)) = 1 ]; then
				items=
				j=1
				while [ $j -le 9 ]; do
					v=$(((i * 7 + j * 3 + 11) % 4 - s / 3))
					[ $v -lt 0 ] && v=0
					[ $j = 9 ] && v=0
					items="$items $v"
					j=$((j + 1))
				done
				ipt -C $c measure add phq9 --date $d $items \
				    > /dev/null 2>&1 || exit 1
				[ $((i % 4)) = 0 ] && { ipt -C $c measure add \
				    phq9 --date $d 1 1 1 1 1 1 1 1 0 \
				    > /dev/null 2>&1 || exit 1; }
			fi
			[ $((i % 3)) = 0 ] && [ $s -le 2 ] && {
			    ipt -C $c measure add gad7 --date $d \
			    $((3 - s)) 2 $((2 - s)) 1 1 2 0 > /dev/null 2>&1 ||
			    exit 1; }
			s=$((s + 1))
		done
		k=$((k + 1))
	done
done
t 'fifteen clients' test "$(ls -d p/*/c0* | wc -l)" = 15
snap p

for dates in shifted none; do
	t "export --dates $dates" ipt export --deidentify --dates $dates \
	    --output out-$dates p
	t "again: the same bytes ($dates)" sh -c \
	    '"$IPT" export --deidentify --dates "$1" --output again p &&
	     diff -r "out-$1" again && rm -r again' sh $dates
done
ipt export --output ident p > /dev/null
t_unchanged 'the export changes no record' p

# The outcomes of `ipt status', by directory; the identified export's
# clients table maps each directory (site/client) to the row order.
for c in p/*/c0*; do
	ipt -C $c status --format json > "status-$(echo $c | tr / _).json"
done

cat > "$T_TMP/check.py" <<'EOF'
import glob, hashlib, json, os, sys
import pandas as pd

out, ident = sys.argv[1], sys.argv[2]
fail = []
def check(cond, what):
    if not cond:
        fail.append(what)

man = json.load(open(os.path.join(out, "manifest.json")))
check(man["schema"] == 2, "manifest schema")
check(man["deidentification"]["label"] == "pseudonymised", "label")
check(man["clients"] == 15, "manifest clients")
book = pd.read_csv(os.path.join(out, "codebook.csv"), dtype=str,
    keep_default_na=False)
tables = {}
for f in man["files"]:
    path = os.path.join(out, f["name"])
    data = open(path, "rb").read()
    check(hashlib.sha256(data).hexdigest() == f["sha256"],
        "sha256 of " + f["name"])
    if f["table"] is None:
        check(len(book) == f["rows"], "codebook rows")
        continue
    # The types the codebook gives.
    cb = book[book.table == f["table"]]
    types = dict(zip(cb.variable, cb.type))
    dt = {}
    for v, ty in types.items():
        dt[v] = {"integer": "Int64", "yesno": "Int64", "number": "float64",
            "key": "string", "text": "string", "list": "string",
            "scores": "string", "date": "string"}[ty]
    df = pd.read_csv(path, dtype=dt, keep_default_na=False,
        na_values={v: [""] for v in types})
    check(len(df) == f["rows"], "rows of " + f["name"])
    check(list(df.columns) == list(cb.variable),
        "codebook covers every column of " + f["table"] + ": " +
        str(list(df.columns)) + " vs " + str(list(cb.variable)))
    for v, ty in types.items():
        if ty == "date":
            check(pd.to_datetime(df[v].dropna(), format="%Y-%m-%d",
                errors="coerce").notna().all(), "dates of " + v)
        if ty == "yesno":
            check(df[v].dropna().isin([0, 1]).all(), "yesno " + v)
    for k in ("client", "site"):
        check(df[k].str.match(r"^[CS][0-9a-f]{15}$").all(),
            "pseudonyms begin with a letter: " + f["table"] + "." + k)
    tables[f["table"]] = df

cl, se, me, it, oc = (tables[t] for t in
    ("clients", "sessions", "measures", "items", "outcomes"))
check(cl.client.is_unique and len(cl) == 15, "one row a client")
check(cl.site.nunique() == 2, "two sites")
for t, df in tables.items():
    m = df.merge(cl[["client", "site"]], on="client", how="left",
        suffixes=("", "_c"), validate="many_to_one", indicator=True)
    check((m._merge == "both").all(), t + ": every client is in clients")
    check((m.site == m.site_c).all(), t + ": one site a client")
# Items to measures: the administration is the key.
m = it.merge(me, on=["client", "admin"], how="left", suffixes=("", "_m"),
    validate="many_to_one", indicator=True)
check((m._merge == "both").all(), "every item row has its administration")
check((m.instrument == m.instrument_m).all(), "items: same instrument")
sums = it.groupby(["client", "admin"]).score.sum()
tot = me.set_index(["client", "admin"]).total
check((sums == tot.loc[sums.index]).all(), "item sums equal totals")
check(me.groupby("client").admin.apply(
    lambda a: list(a) == list(range(1, len(a) + 1))).all(),
    "admin numbers the administrations 1..n")
# Measures to sessions: a session number and its held place agree.
m = me.dropna(subset=["session"]).merge(se, left_on=["client", "session"],
    right_on=["client", "number"], how="left", suffixes=("", "_s"),
    validate="many_to_one", indicator=True)
check((m._merge == "both").all(), "every measure's session exists")
check(m.held.equals(m.held_s), "measures.held is the session's")
h = se[se.attendance == "attended"].groupby("client").held.apply(
    lambda a: sorted(a) == list(range(1, len(a) + 1)))
check(h.all(), "held numbers the sessions held 1..n")
check(se[se.attendance != "attended"].held.isna().all(),
    "a session not held has no held place")
check((se.groupby("client").study_day.min() <= 0).all() and
    (se[se.held == 1].study_day == 0).all(), "study day 0: first held")

# The outcomes, recomputed from the measures table and PHQ-9's rules
# (response: a fall of 50%; remission: below 5; reliable change: 6) and
# GAD-7's (response 50%, no remission rule, reliable change 4).
rules = {"phq9": (50, 5, 6), "gad7": (50, None, 4)}
rows = []
for (c, ins), g in me.sort_values("admin").groupby(["client",
        "instrument"], sort=False):
    b, l = g.total.iloc[0], g.total.iloc[-1]
    r = {"client": c, "instrument": ins, "administrations": len(g),
        "baseline": b, "latest": l}
    if len(g) > 1:
        ch = l - b
        r["change"] = ch
        r["percent_change"] = (int(abs(ch) * 100 / b + 0.5) *
            (1 if ch >= 0 else -1)) if b else None
        resp, rem, rel = rules[ins]
        r["response"] = int(-ch * 100 >= resp * b) if b > 0 else None
        r["remission"] = int(l < rem) if rem is not None else None
        r["reliable_change"] = int(-ch >= rel)
        r["deterioration"] = int(ch >= rel)
    rows.append(r)
mine = pd.DataFrame(rows).set_index(["client", "instrument"]).sort_index()
theirs = oc.set_index(["client", "instrument"]).sort_index()
check(list(mine.index) == list(theirs.index), "outcomes: the same rows")
for col in mine.columns:
    a = mine[col].astype("float64").to_numpy()
    b = theirs[col].reindex(mine.index).astype("float64").to_numpy()
    ok = ((a == b) | (pd.isna(a) & pd.isna(b))).all()
    check(ok, "outcomes: " + col + "\n" + str(pd.DataFrame({"mine": a,
        "ipt": b})))
check(me.groupby("client").instrument.apply(lambda s: (s == "phq9").sum()
    ).gt(1).sum() >= 15, "every client has PHQ-9 change")

# And what ipt status says, through the identified export (site/client
# directories) and its outcomes table in the same order.
io = pd.read_csv(os.path.join(ident, "outcomes.csv"), dtype={"site": str,
    "client": str})
n = 0
for _, r in io.iterrows():
    st = json.load(open("status-p_%s_%s.json" % (r.site, r.client)))
    for m in st["measures"]:
        if m["instrument"] != r.instrument:
            continue
        n += 1
        pct = m["percent_change"].rstrip("%")
        check(float(m["baseline"]) == r.baseline and
            float(m["latest"]) == r.latest and
            (m["change"] == "" and pd.isna(r.change) or
             float(m["change"]) == r.change) and
            (pct == "" and pd.isna(r.percent_change) or
             float(pct) == r.percent_change) and
            {"yes": 1, "no": 0, "": None}[m["response"]] ==
             (None if pd.isna(r.response) else int(r.response)) and
            {"yes": 1, "no": 0, "": None}[m["remission"]] ==
             (None if pd.isna(r.remission) else int(r.remission)) and
            (m["reliable_change"] == "improved") ==
             (r.reliable_change == 1) and
            (m["reliable_change"] == "worsened") == (r.deterioration == 1),
            "status and outcomes agree: %s/%s %s" % (r.site, r.client,
            r.instrument))
check(n == len(io) and n >= 15, "every outcome row compared with status")
for f in fail:
    print("FAIL:", f)
sys.exit(1 if fail else 0)
EOF
t 'pandas: shifted dates' "$PY" "$T_TMP/check.py" out-shifted ident
t 'pandas: study days only' "$PY" "$T_TMP/check.py" out-none ident
t 'dates none: no calendar date anywhere' sh -c \
    '! grep -rq "[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]" out-none/*.csv'
t 'dates none: the manifest says so' test \
    "$(jq -r .options.dates out-none/manifest.json)" = none
t 'shifted: every date before the export date' sh -c \
    '[ "$(grep -rho "20[0-9][0-9]-[01][0-9]-[0-3][0-9]" out-shifted/*.csv |
	sort | tail -n 1)" \< 2026-11-27 ]'
t 'identified: the manifest says so' test \
    "$(jq -r .deidentification.label ident/manifest.json)" = identified
finish
