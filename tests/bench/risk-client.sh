# Sourced by tests/bench/run.sh and tests/cli/t44-risk-scale.sh: the one
# client of many risk flags that both measure.  Needs $IPT.

# risk_client DIR N: a practice DIR with one client c of N risk flags,
# one a day (months of 28 days from 2000), every other one reviewed the
# day it was raised, the items different from row to row; a session held
# every 7th day.
risk_client() {
	mkdir -p "$1"
	: > "$1/ipt.ini"
	IPT_TODAY=2026-06-01 "$IPT" init "$1/c" --start 2000-01-01 > /dev/null
	awk -v n="$2" -v dir="$1/c" '
	function day(i) {
		return sprintf("%04d-%02d-%02d", 2000 + int(i / 336),
		    1 + int((i % 336) / 28), 1 + i % 28)
	}
	BEGIN {
		m = dir "/measures.csv"; r = dir "/risk.csv"
		s = dir "/sessions.csv"
		print "date,session,instrument,total,severity,items,flags" > m
		print "date,session,instrument,flagged,note,level," \
		    "safety_plan,next" > r
		print "number,date,kind,attendance,duration_min,phase,focus," \
		    "techniques,mood,stress,note" > s
		for (i = 0; i < n; i++) {
			items = ""; tot = 0; x = i
			for (k = 0; k < 8; k++) {
				v = x % 4; x = int(x / 4)
				items = items v " "; tot += v
			}
			v = 1 + i % 3; items = items v; tot += v
			band = tot < 5 ? "minimal" : tot < 10 ? "mild" : \
			    tot < 15 ? "moderate" : tot < 20 ? \
			    "moderately-severe" : "severe"
			printf "%s,,phq9,%d,%s,%s,risk%s\n", day(i), tot, band,
			    items, i % 2 ? "" : ";reviewed" > m
			if (i % 2 == 0)
				printf "%s,,phq9,%s,seen,,,\n", day(i), day(i) > r
			if (i % 7 == 0)
				printf "%d,%s,individual,attended,50,initial,,,,,\n",
				    i / 7 + 1, day(i) > s
		}
	}'
	chmod 600 "$1/c/measures.csv" "$1/c/sessions.csv" "$1/c/risk.csv"
}
