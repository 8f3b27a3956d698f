#!/bin/sh
# t86-export-spreadsheet.sh: the export through a real spreadsheet.
# Every table goes CSV -> xlsx -> CSV with LibreOffice headless, as a
# trial team opening it in Calc and saving would: no key (client, site,
# therapist pseudonyms, administration ids) changes -- a pseudonym of
# digits alone, or one like 27940123389284e3, would become a number
# -- and no cell becomes a formula, not even a note written as one.
. "$(dirname "$0")/lib.sh"

t 'LibreOffice is installed (tests/deps.sh)' command -v soffice
PY=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import csv, zipfile' 2> /dev/null; then
		PY=$p
		break
	fi
done
command -v soffice > /dev/null 2>&1 && [ -n "$PY" ] || { finish; exit 1; }

# Sixty clients (so sixty client and site keys to keep), two therapists,
# notes that a spreadsheet would run as formulas.
mkdir p
touch p/ipt.ini
i=1
while [ $i -le 60 ]; do
	th=alice
	[ $((i % 2)) = 0 ] && th=bob
	ipt init p/$th/k$i --start 2026-09-01 --therapist "Dr $th" \
	    > /dev/null || exit 1
	i=$((i + 1))
done
c=p/alice/k1
ipt -C $c session add --date 2026-09-01 --note '=1+1' > /dev/null
ipt -C $c session add --date 2026-09-08 --note '=HYPERLINK("http://x.invalid","y")' > /dev/null
ipt -C $c session add --date 2026-09-15 --note '@SUM(A1:A2)' > /dev/null
ipt -C $c measure add phq9 --date 2026-09-01 2 2 2 2 2 1 1 1 0 > /dev/null 2>&1
ipt -C $c measure add phq9 --date 2026-09-15 1 1 1 1 1 1 0 0 0 > /dev/null 2>&1

ipt export --deidentify --output de p 2> /dev/null
ipt export --output id p
mkdir in
for f in de/*.csv; do cp "$f" "in/de-${f#de/}"; done
cp id/sessions.csv in/id-sessions.csv
t 'CSV to xlsx' soffice --headless "-env:UserInstallation=file://$T_TMP/lo" \
    --infilter='CSV:44,34,76,1' --convert-to xlsx --outdir xlsx in/de-*.csv \
    in/id-sessions.csv
t 'an xlsx for each table' test "$(ls xlsx | wc -l)" = "$(ls in | wc -l)"
t 'xlsx to CSV' soffice --headless "-env:UserInstallation=file://$T_TMP/lo" \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir back \
    xlsx/*.xlsx

cat > "$T_TMP/keys.py" <<'EOF'
import csv, os, re, sys, zipfile
fail = []
for name in sorted(os.listdir("in")):
    base = name[:-4]
    z = zipfile.ZipFile(os.path.join("xlsx", base + ".xlsx"))
    for part in z.namelist():
        if part.startswith("xl/worksheets/") and \
                re.search(rb"<f[ >]", z.read(part)):
            fail.append(name + ": a formula cell")
    a = list(csv.DictReader(open(os.path.join("in", name), newline="")))
    b = list(csv.DictReader(open(os.path.join("back", base + ".csv"),
        newline="")))
    if len(a) != len(b):
        fail.append(name + ": rows %d, back %d" % (len(a), len(b)))
        continue
    keys = [k for k in ("client", "site", "therapist", "admin", "number",
        "held", "session") if a and k in a[0]]
    n = 0
    for ra, rb in zip(a, b):
        for k in keys:
            n += 1
            if ra[k] != rb[k]:
                fail.append("%s: %s %r came back as %r" % (name, k, ra[k],
                    rb[k]))
    if name.startswith("de-") and name != "de-codebook.csv" and n == 0 and a:
        fail.append(name + ": no key compared")
    if name == "id-sessions.csv":
        notes = [r["note"] for r in b]
        for want in ("=1+1", '=HYPERLINK("http://x.invalid","y")',
                "@SUM(A1:A2)"):
            if not any(x.lstrip("'") == want for x in notes):
                fail.append("note %r not kept as text: %r" % (want, notes))
for f in fail[:20]:
    print("FAIL:", f)
sys.exit(1 if fail else 0)
EOF
t 'no key changed and no formula made' "$PY" "$T_TMP/keys.py"
t 'the clients table has its 60 keys back' test \
    "$(tail -n +2 back/de-clients.csv | cut -d, -f1 | sort -u | wc -l)" = 60
finish
