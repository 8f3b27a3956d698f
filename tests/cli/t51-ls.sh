#!/bin/sh
# t51-ls.sh: ipt ls, the caseload: agreement with ipt status, filters,
# sorting (open risk flags first), the formats, formula cells in CSV,
# unreadable clients, and the same bytes on every run.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
export IPT

# Every client of the bundled examples: ls and status agree.
cp -R "$ROOT/examples/practice" ex
chmod -R go-rwx ex
snap ex
t 'ls over the examples' ipt -C ex ls
ipt -C ex ls --format json > ex.json
t 'ls json parses' python3 -m json.tool ex.json
t 'ls lists every client of the examples' test "$(jq length ex.json)" = \
    "$(find ex -name client.ini | wc -l)"
cat > "$T_TMP/compare.py" <<'EOF'
import json, subprocess, sys
ipt, practice = sys.argv[1], sys.argv[2]
rows = json.load(open(sys.argv[3]))
bad = []
for r in rows:
    s = json.loads(subprocess.run([ipt, "-C", practice + "/" + r["path"],
        "status", "--format", "json"], capture_output=True, check=True,
        text=True).stdout)
    m = {c["instrument"]: c for c in s["measures"]}
    want = {
        "id": s["id"], "name": s["name"], "therapist": s["therapist"],
        "variant": s["variant"], "status": s["status"], "held": s["held"],
        "planned": s["planned"], "phase": s["phase"],
        "focus": s["focus"]["primary"], "last_date": s["last_date"],
        "next_due": s["next_due"], "risk": len(s["risk_open"]),
        "score": m[r["instrument"]]["latest"] if r["instrument"] in m else "",
        "severity": m[r["instrument"]]["latest_severity"]
            if r["instrument"] in m else "",
    }
    for k, v in want.items():
        if r[k] != v:
            bad.append("%s: %s: ls %r, status %r" % (r["id"], k, r[k], v))
    print("checked", r["id"])
if bad:
    sys.exit("\n".join(bad))
EOF
t 'ls agrees with status for every example client' \
    python3 "$T_TMP/compare.py" "$IPT" ex ex.json
t_unchanged 'ls changes nothing' ex

# dates START N: N weekly dates from START.
dates() {
	python3 -c 'import datetime as d, sys
s = d.date.fromisoformat(sys.argv[1])
for i in range(int(sys.argv[2])):
    print(s + d.timedelta(days=7 * i))' "$@"
}
# mk DIR START HELD [init option ...]
mk() {
	mk_d=$1 mk_s=$2 mk_n=$3
	shift 3
	ipt init "$mk_d" --start "$mk_s" "$@" > /dev/null || return 1
	for mk_x in $(dates "$mk_s" "$mk_n"); do
		ipt -C "$mk_d" session add --date "$mk_x" > /dev/null || return 1
	done
}

mkdir p
touch p/ipt.ini
mk p/rr/ana 2026-09-03 10 --name 'Ana M.' --therapist 'Dr. R. Ruiz'
mk p/rr/ben 2026-10-01 6 --name '=HYPERLINK("x")' --therapist 'Dr. R. Ruiz' \
    --variant brief
mk p/kl/cyd 2026-08-06 12 --name '@Cyd' --therapist 'K. Lee'
mk p/kl/dee 2026-11-05 2 --name '-Dee' --therapist 'K. Lee' --variant brief
ipt -C p/kl/cyd measure add phq9 --date 2026-10-22 2 2 2 2 2 2 2 2 2 \
    > /dev/null 2>&1
ipt -C p/rr/ana measure add phq9 --date 2026-11-05 1 1 1 1 1 1 1 1 0 \
    > /dev/null 2>&1
ipt -C p/rr/ben plan --status paused > /dev/null
ipt -C p/kl/dee plan --status ended --reason dropped-out > /dev/null
snap p

cd p || exit 1
ipt ls > t1
ipt ls > t2
t 'table: the same bytes twice' cmp t1 t2
# (Outputs are named a_csv, not a_csv, so that t_unchanged skips them.)
for f in csv tsv json; do
	ipt ls --format $f > a_$f
	ipt ls --format $f > b_$f
	t "$f: the same bytes twice" cmp a_$f b_$f
done
t 'from inside the practice, ls scans the practice root' sh -c \
    'cd rr/ana && "$IPT" ls --format json | jq "map(del(.path))" > ../../in.j &&
    jq "map(del(.path))" ../../a_json | cmp - ../../in.j'
t 'table header' sh -c 'head -n 1 t1 | grep -q "^id  *name  *variant  *status  *session  *phase  *focus  *last  *next  *score  *flags$"'
t 'csv header' test "$(head -n 1 a_csv)" = \
    'id,name,therapist,variant,status,held,planned,phase,focus,last_date,next_due,instrument,score,severity,risk,risk_detail,deterioration,path,episode'
t 'a row per client' test "$(jq length a_json)" = 4
t 'open risk flag first by default' test "$(jq -r '.[0].id' a_json)" = cyd
t 'then by id' test "$(jq -r '[.[].id] | join(",")' a_json)" = cyd,ana,ben,dee
t_grep 'the flag shows in the table' '^cyd .*RISK: phq9 item 9 = 2 on 2026-10-22$' t1
t 'json: risk count and detail' test "$(jq -r '.[0] | "\(.risk) \(.risk_detail)"' a_json)" = \
    '1 phq9 item 9 = 2 on 2026-10-22'
t 'json: session n of N' test "$(jq -r '.[] | select(.id == "ana") | "\(.held)/\(.planned) \(.phase)"' a_json)" = \
    '10/16 middle'
t 'json: primary instrument score' test "$(jq -r '.[] | select(.id == "ana") | "\(.instrument) \(.score) \(.severity)"' a_json)" = \
    'phq9 8 mild'
t 'json: no measure, empty score' test "$(jq -r '.[] | select(.id == "dee") | .score' a_json)" = ''
t 'json: next due null when none' test "$(jq -r '.[] | select(.id == "dee") | .next_due' a_json)" = null
t 'json: path as walked' test "$(jq -r '.[] | select(.id == "cyd") | .path' a_json)" = kl/cyd
t 'table: session column' sh -c 'grep "^ana " t1 | grep -q " 10/16 "'

# CSV and TSV cells that a spreadsheet would run are quoted.
t_grep 'csv: = neutralised' "^ben,\"'=HYPERLINK(\"\"x\"\")\"," a_csv
t_grep 'csv: @ neutralised' "^cyd,'@Cyd," a_csv
t_grep 'csv: - neutralised' "^dee,'-Dee," a_csv
t_grep 'tsv: = neutralised' "^ben	'=HYPERLINK(\"x\")	" a_tsv
t 'json keeps the value as it is' test "$(jq -r '.[] | select(.id == "ben") | .name' a_json)" = \
    '=HYPERLINK("x")'

# Filters.
ipt ls --format json --status active > f.json
t '--status' test "$(jq -r '[.[].id] | join(",")' f.json)" = cyd,ana
ipt ls --format json --status paused --status ended > f.json
t '--status twice: either' test "$(jq -r '[.[].id] | join(",")' f.json)" = ben,dee
ipt ls --format json --variant brief > f.json
t '--variant' test "$(jq -r '[.[].id] | join(",")' f.json)" = ben,dee
ipt ls --format json --therapist ruiz > f.json
t '--therapist: part of the name, any case' test "$(jq -r '[.[].id] | join(",")' f.json)" = ana,ben
ipt ls --format json --therapist lee --status active > f.json
t 'filters combine' test "$(jq -r '[.[].id] | join(",")' f.json)" = cyd
t 'a filtered row keeps its flag' test "$(jq -r '.[0].risk' f.json)" = 1
ipt ls --format json kl > f.json
t 'a path given' test "$(jq -r '[.[].id] | join(",")' f.json)" = cyd,dee
ipt ls --format json rr/ben kl/dee > f.json
t 'client directories given' test "$(jq -r '[.[].id] | join(",")' f.json)" = ben,dee

# Sorting.
ipt ls --format json --sort id > s.json
t '--sort id: flags are not first' test "$(jq -r '[.[].id] | join(",")' s.json)" = ana,ben,cyd,dee
ipt ls --format json --sort -held > s.json
t '--sort -held: numbers, descending' test "$(jq -r '[.[].held] | map(tostring) | join(",")' s.json)" = 12,10,6,2
ipt ls --format json --sort session > s.json
t '--sort session: an alias of held' test "$(jq -r '[.[].held] | map(tostring) | join(",")' s.json)" = 2,6,10,12
ipt ls --format json --sort score > s.json
t '--sort score: empty last' test "$(jq -r '[.[].id] | join(",")' s.json)" = ana,cyd,ben,dee
ipt ls --format json --sort next > s.json
t '--sort next: empty last' test "$(jq -r '.[3].id' s.json)" = dee
ipt ls --format json --sort therapist > s.json
t '--sort therapist, ties by id' test "$(jq -r '[.[].id] | join(",")' s.json)" = ana,ben,cyd,dee

# A narrow terminal (COLUMNS): the table gives up the variant, focus,
# last session, name, phase and score, in that order, never id, status,
# session, next or flags; stderr says which; other formats keep all.
ipt ls > ../wide.out 2> ../wide.err
t 'no COLUMNS, not a terminal: every column' \
    sh -c 'head -1 ../wide.out | grep -q "^id  *name  *variant .* flags$" && ! test -s ../wide.err'
COLUMNS=60 ipt ls > ../narrow.out 2> ../narrow.err
t 'COLUMNS=60: id, status, session, next, flags' \
    sh -c 'head -1 ../narrow.out | grep -q "^id  *status  *session  *next  *flags$"'
t_grep 'stderr names what was left out' \
    '^ipt ls: variant, focus, last, name, phase, score left out to fit 60 columns (COLUMNS); --format csv has every column$' ../narrow.err
t 'the rows are the same clients' test "$(wc -l < ../narrow.out)" = "$(wc -l < ../wide.out)"
COLUMNS=60 ipt ls --format csv > ../n.csv
ipt ls --format csv > ../w.csv
t 'csv ignores COLUMNS' cmp ../n.csv ../w.csv
COLUMNS=10000 ipt ls > ../big.out 2> ../big.err
t 'a wide COLUMNS: every column' sh -c 'cmp ../big.out ../wide.out && ! test -s ../big.err'
COLUMNS=abc ipt ls > ../abc.out 2> ../abc.err
t 'COLUMNS not a number: ignored' sh -c 'cmp ../abc.out ../wide.out && ! test -s ../abc.err'

# Bad input, unreadable clients.
t_fail 2 'unknown --sort column' ipt ls --sort colour
ipt ls --sort colour 2> err
t_grep 'the message lists the columns' 'id, name, therapist' err
t_fail 2 'unknown --status' ipt ls --status sleeping
t_fail 2 'unknown format' ipt ls --format html
t_fail 2 'unknown option' ipt ls --all
t_unchanged 'ls writes nothing' .
cd "$T_TMP" || exit 1
mk p/zz/eve 2026-10-01 3
sed -i '2s/^1,[0-9-]*,/1,2026-13-01,/' p/zz/eve/sessions.csv
ipt -C p ls --format csv > u.csv 2> u.err
t_fail 1 'an unreadable client: exit 1' ipt -C p ls
t_grep 'it is named on standard error' 'zz/eve/sessions.csv:2' u.err
t 'the others are listed' test "$(tail -n +2 u.csv | wc -l)" = 4
t_fail 1 'a path that does not exist' ipt ls nowhere
ipt ls nowhere > /dev/null 2> err
t_grep 'is named' '^ipt: nowhere: No such file or directory' err
mkdir empty
t 'an empty directory: no client, exit 0' ipt ls empty
ipt ls --format json empty > e.json
t 'an empty list in json' test "$(cat e.json)" = '[]'
finish
