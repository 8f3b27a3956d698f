#!/bin/sh
# t72-concurrency.sh: many processes running different write commands on
# one client at once.  Every write waits for the lock and succeeds, and no
# update is lost: each file ends with exactly the rows written to it, each
# once, numbered without a gap or a repeat.
. "$(dirname "$0")/lib.sh"

procs=8
each=25
has() { "$IPT" "$1" --help > /dev/null 2>&1; }

ipt init cc --start 2026-01-01 > /dev/null
cd cc || exit 1
kinds='session focus event goal relapse inventory'
has measure && kinds="$kinds measure"
nk=$(echo $kinds | wc -w)

# writer P: EACH writes, cycling through the kinds from a different
# start; each row carries the marker "pP-I.".
writer() {
	p=$1
	i=1
	while [ $i -le $each ]; do
		m="p$p-$i."
		k=$(echo $kinds | cut -d' ' -f$(( (p + i) % nk + 1 )))
		case $k in
		session) ipt session add --date 2026-02-01 --note "$m" ;;
		focus)	ipt focus set role-dispute --note "$m" ;;
		event)	ipt event add --date 2026-01-20 --kind other "$m" ;;
		goal)	ipt goal add "$m" ;;
		relapse) ipt relapse add --kind contact "$m" ;;
		inventory) ipt inventory add --relationship friend "$m" ;;
		measure) ipt measure add --date 2026-02-01 gad7 \
			    $((p % 4)) $((i % 4)) $((i / 4 % 4)) $((i / 16 % 4)) \
			    0 0 0 ;;
		esac > /dev/null 2>> errs || echo "p$p-$i ($k) failed" >> errs
		echo "$k $m" >> "log.$p"
		i=$((i + 1))
	done
}

: > errs
p=1
while [ $p -le $procs ]; do
	writer $p &
	p=$((p + 1))
done
wait
echo "# $procs processes x $each writes = $((procs * each)) writes at once"
t 'every write succeeded' sh -c '! [ -s errs ] || { cat errs; false; }'
cat log.* > all

# Each file holds exactly its writes, once each.
for k in $kinds; do
	case $k in
	session) f=sessions.csv ;;
	focus)	f=focus.csv ;;
	event)	f=timeline.csv ;;
	goal)	f=goals.csv ;;
	relapse) f=relapse.csv ;;
	inventory) f=inventory.csv ;;
	measure) f=measures.csv ;;
	esac
	want=$(grep -c "^$k " all)
	rows=$(($(wc -l < $f) - 1))
	t "$k: $want writes, $want rows in $f" test "$rows" = "$want"
	[ "$k" = measure ] && continue
	grep "^$k " all | cut -d' ' -f2 | LC_ALL=C sort > want.$k
	grep -o 'p[0-9]*-[0-9]*\.' $f | LC_ALL=C sort > got.$k
	t "$k: each marker once in $f" cmp want.$k got.$k
done
t 'sessions numbered 1 to N, each once' sh -c '[ "$(cut -d, -f1 sessions.csv |
    sed 1d | sort -n | tr "\n" " ")" = "$(seq 1 $(($(wc -l < sessions.csv) - 1)) |
    tr "\n" " ")" ]'
t 'goal ids 1 to N, each once' sh -c '[ "$(cut -d, -f1 goals.csv |
    sed 1d | sort -n | tr "\n" " ")" = "$(seq 1 $(($(wc -l < goals.csv) - 1)) |
    tr "\n" " ")" ]'
t 'client.ini holds the last focus' grep -q '^primary = "role-dispute"$' \
    client.ini
t 'no temporary file is left' sh -c '! ls -a | grep -q "\.tmp\."'
finish
