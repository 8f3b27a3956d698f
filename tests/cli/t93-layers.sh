#!/bin/sh
# t93-layers.sh: the modules of lib/ only include downwards, and their
# include graph has no cycle.
#
# A module is a name in lib/: NAME.c and NAME.h together, and NAME_int.h,
# the private header of a module split in several files.  Module A
# depends on module B when A.c or A.h has #include "B.h" (B != A, B.h in
# lib/).  Every module has a layer, lowest first:
#
#   0 base         util date sha256 json json_read child escape (errors,
#                  strings, dates, the JSON writer and reader, child
#                  processes, escapes)
#   1 storage      csvt ini atomic spool readahead walk git gitobj defs
#                  (files, directories, commits: nothing of clients;
#                  defs_gen.c, made from lib/defs, holds defs.h's data)
#   2 records      record txn entry episode history seal (the schema of
#                  every record file; the record transaction that writes
#                  them; what an entry may say of the record; the
#                  episodes; the history and its seal)
#   3 definitions  instrument instrument_def instrument_score rhythm variant profile
#                  variant_plan loinc naming (client.ini names its
#                  variant; the words a session is named by)
#   4 clients      client secret (client directories, client.ini, the
#                  practice root and its secret)
#   5 protocol     session focus inventory timeline plan measure formulation
#                  measure_import
#                  (the changes to a client's records, in a transaction)
#   6 summary      summary caseload protocol (a client read and derived,
#                  the protocol's rules over it; the scan of a caseload)
#   7 reports      render render_* status remind report report_* export fhir
#                  ls check check_* fidelity schedule ics svg sync (renderers
#                  and whole-caseload reports)
#
# The test fails when a module includes one of a higher layer, when the
# graph has a cycle (within a layer too), or when a module of lib/ has
# no layer here (a new module must be given one).  The checker is first
# run on made-up trees that break each rule, so that it is seen to fail.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

cat > layers.txt <<'EOF'
util 0
date 0
sha256 0
json 0
json_read 0
child 0
escape 0
csvt 1
ini 1
atomic 1
spool 1
readahead 1
walk 1
git 1
gitobj 1
defs 1
defs_gen 1
trust 1
history 2
seal 2
record 2
txn 2
entry 2
episode 2
instrument 3
instrument_def 3
instrument_score 3
rhythm 3
variant 3
variant_plan 3
profile 3
loinc 3
naming 3
client 4
secret 4
retention 4
appointment 5
session 5
focus 5
inventory 5
timeline 5
formulation 5
plan 5
sign 5
erase 5
measure 5
measure_import 5
summary 6
caseload 6
protocol 6
render 7
render_export 7
render_fhir 7
fhir 7
render_history 7
render_ls 7
render_remind 7
render_schedule 7
status 7
remind 7
report 7
report_model 7
report_outline 7
report_doc 7
report_html 7
report_json 7
export 7
ls 7
check 7
sync 7
check_files 7
check_history 7
check_done 7
check_perm 7
check_notes 7
check_sign 7
check_profile 7
fidelity 7
schedule 7
ics 7
svg 7
outcomes 7
render_outcomes 7
EOF

# edges DIR: "A B" for each module A of DIR including B.h of DIR.
edges() {
	for f in "$1"/*.c "$1"/*.h; do
		[ -f "$f" ] || continue
		m=${f##*/}
		m=${m%.?}
		m=${m%_int}
		sed -n 's/^[ 	]*#[ 	]*include[ 	]*"\([^"]*\)\.h".*/\1/p' \
		    "$f" | while read -r h; do
			[ -f "$1/$h.h" ] || continue
			h=${h%_int}
			[ "$h" != "$m" ] && echo "$m $h"
		done
	done | sort -u
}

# check DIR LAYERS: print each breach of the rules; exit 1 if any.
check() {
	edges "$1" > edges.txt
	for f in "$1"/*.c "$1"/*.h; do
		[ -f "$f" ] || continue
		m=${f##*/}
		m=${m%.?}
		echo "${m%_int}"
	done | sort -u > modules.txt
	awk -v layers="$2" -v mods=modules.txt '
	BEGIN {
		while ((getline l < layers) > 0) {
			split(l, w, " ")
			layer[w[1]] = w[2]
		}
		while ((getline m < mods) > 0)
			if (!(m in layer)) {
				print m ": a module with no layer"
				bad = 1
			}
	}
	{
		a = $1; b = $2
		if ((a in layer) && (b in layer) && layer[a] < layer[b]) {
			print a " (layer " layer[a] ") includes " b \
			    ".h (layer " layer[b] ")"
			bad = 1
		}
		out[a] = out[a] " " b
		nodes[a]; nodes[b]
	}
	# Depth first; a node met again while on the stack closes a cycle.
	function dfs(v,    i, n, w, k, path) {
		state[v] = 1
		stack[++depth] = v
		n = split(out[v], w, " ")
		for (i = 1; i <= n; i++) {
			if (state[w[i]] == 1) {
				path = w[i]
				for (k = depth; stack[k] != w[i]; k--)
					path = stack[k] " -> " path
				print "a cycle: " w[i] " -> " path
				bad = 1
			} else if (state[w[i]] == 0)
				dfs(w[i])
		}
		depth--
		state[v] = 2
	}
	END {
		for (v in nodes)
			if (state[v] == 0)
				dfs(v)
		exit bad
	}' edges.txt
}

# The checker on made-up trees.
mkdir -p ok up cyc new
printf '#include "util.h"\n' > ok/csvt.c
: > ok/csvt.h
: > ok/util.h
printf '#include "csvt.h"\n#include "record.h"\n' > ok/record.c
: > ok/record.h
t 'the checker passes a tree that keeps the rules' check ok layers.txt
cp ok/* up/
printf '#include "caseload.h"\n' >> up/csvt.c
: > up/caseload.h
t_fail 1 'the checker fails an include from a lower layer' \
    check up layers.txt
t_grep 'and names it' '^csvt (layer 1) includes caseload.h (layer 6)$' \
    "$T_TMP/.out"
cp ok/* cyc/
printf '#include "session.h"\n' > cyc/focus.h
printf '#include "focus.h"\n' > cyc/session.c
: > cyc/session.h
t_fail 1 'the checker fails a cycle within a layer' check cyc layers.txt
t_grep 'and names it' '^a cycle: ' "$T_TMP/.out"
cp ok/* new/
: > new/newthing.c
t_fail 1 'the checker fails a module with no layer' check new layers.txt
t_grep 'and names it' '^newthing: a module with no layer$' "$T_TMP/.out"

# lib/ itself.
t 'lib/ includes only downwards, with no cycle' check "$ROOT/lib" layers.txt
edges "$ROOT/lib" > lib-edges.txt
t 'the graph of lib/ is read (csvt depends on util)' \
    grep -qx 'csvt util' lib-edges.txt
t 'csvt knows nothing of caseloads' sh -c '! grep -q "^csvt caseload$" "$1"' \
    sh lib-edges.txt
neither() {	# A B FILE: A and B do not include each other
	! { grep -qx "$1 $2" "$3" && grep -qx "$2 $1" "$3"; }
}
t 'client and caseload do not include each other' \
    neither client caseload lib-edges.txt
t 'client and git do not include each other' \
    neither client git lib-edges.txt
finish
