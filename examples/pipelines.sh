#!/bin/sh
# pipelines.sh: ipt ls and ipt export piped into awk, Miller (mlr) and a
# spreadsheet, on a copy of the sample practice.
#
#   sh examples/pipelines.sh [IPT]
#
# Each pipeline is printed before it runs.  Miller is used when it is
# installed (apt-get install miller) and skipped otherwise.  Nothing in
# examples/ is changed: the de-identified export makes its practice
# secret in the copy, which is removed at exit.
set -eu
IPT=${1:-./ipt}
case $IPT in /*) ;; *) IPT=$(pwd)/$IPT ;; esac
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ipt-pipes.XXXXXX")
trap 'rm -rf "$work"' EXIT
export IPT_TODAY=${IPT_TODAY:-2026-11-26}
ipt() { "$IPT" "$@"; }
cp -R "$here/practice" "$work/practice"
chmod -R go-rwx "$work/practice"
cd "$work/practice"

show() {
	printf '\n$ %s\n' "$1"
	sh -c "$1"
}
export IPT
# The pipelines below call "ipt"; make the binary under test that name.
mkdir "$work/bin"
ln -s "$IPT" "$work/bin/ipt"
PATH=$work/bin:$PATH
export PATH

echo "# The caseload, risk flags first:"
show 'ipt ls'

echo
echo "# Clients whose next session is overdue (next_due is column 11):"
show "ipt ls --format tsv | awk -F '\t' -v today=\$IPT_TODAY \\
    'NR > 1 && \$11 != \"\" && \$11 < today { print \$1, \"due\", \$11 }'"

echo
echo "# Active clients per therapist:"
show "ipt ls --format tsv --status active |
    awk -F '\t' 'NR > 1 { n[\$3]++ } END { for (t in n) print n[t], t }' |
    sort -rn"

echo
echo "# Who has an open risk flag, for a script (JSON):"
show "ipt ls --format json | jq -r '.[] | select(.risk > 0) |
    \"\\(.id)\t\\(.risk_detail)\"'"

echo
echo "# Baseline and latest PHQ-9 of every client, from the long export"
echo "# (the rows of a client are in date order):"
show "ipt export --table measures | awk -F, '
    \$8 == \"phq9\" { if (!(\$1 in first)) first[\$1] = \$9; last[\$1] = \$9 }
    END { for (c in first) printf \"%-6s %3s -> %3s\n\", c, first[c], last[c] }' |
    sort"

echo
echo "# Attendance of the caseload (the sessions table, one row a session):"
show "ipt export --table sessions | awk -F, 'NR > 1 { n[\$8]++ }
    END { for (a in n) print a, n[a] }' | sort"

echo
echo "# A de-identified data set for a research team: a file per table."
echo "# The first de-identified export makes the practice secret"
echo "# (.ipt-secret at the practice root) and says so."
show 'ipt export --deidentify --output "$PWD/../share" && ls -l ../share'
show 'head -n 3 ../share/measures.csv'

echo
echo "# What the data set is: the manifest (rows and SHA-256 of each file,"
echo "# the de-identification applied) and the codebook (every column)."
show "jq -c '{schema, export_date, label: .deidentification.label,
    files: [.files[] | {name, rows}]}' ../share/manifest.json"
show "grep '^outcomes,' ../share/codebook.csv | cut -d, -f2,3 | head -n 6"

echo
echo "# PHQ-9 outcomes by the rules of ipt status: response and remission"
echo "# rates across the caseload (the outcomes table: a row per client and"
echo "# instrument, 1 or 0 for yes or no):"
show "awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[\$i] = i; next }
    \$c[\"instrument\"] == \"phq9\" && \$c[\"response\"] != \"\" {
        n++; r += \$c[\"response\"]; m += \$c[\"remission\"] }
    END { printf \"%d clients: %d responded, %d remitted\\n\", n, r, m }' \\
    ../share/outcomes.csv"

echo
echo "# Mean PHQ-9 item scores across the de-identified caseload"
echo "# (the items table: one row per item answer):"
show "awk -F, '\$8 == \"phq9\" && \$10 != \"\" { s[\$9] += \$10; n[\$9]++ }
    END { for (i = 1; i <= 9; i++) printf \"item %d  %.2f\n\", i, s[i] / n[i] }' \\
    ../share/items.csv"

if command -v mlr > /dev/null 2>&1; then
	echo
	echo "# The same data with Miller: PHQ-9 by phase of the session."
	show "ipt export --table sessions > ../sessions.csv &&
    ipt export --table measures |
    mlr --icsv --opprint join -f ../sessions.csv \\
        -l client,number -r client,session -j client,session --lp s_ \\
        then filter '\$instrument == \"phq9\"' \\
        then stats1 -a mean,count -f total -g s_phase \\
        then sort -f s_phase"
	echo
	echo "# Clients per variant and status:"
	show "ipt ls --format csv | mlr --icsv --opprint count -g variant,status"
else
	echo
	echo "# (Miller is not installed: its pipelines are skipped.)"
fi

echo
echo "# For a spreadsheet: CSV opens as it is.  Cells that would run as"
echo "# formulas (=, +, -, @ first) come with a ' before them; plain"
echo "# numbers such as -3 stay numbers.  LibreOffice from the shell:"
echo '#   ipt ls --format csv > caseload.csv && libreoffice --calc caseload.csv'
