#!/bin/sh
# stress-kill.sh: kill -9 at random moments during many write commands.
#
#   sh tests/stress-kill.sh IPT [WRITES [SEED]]
#
# Runs WRITES (default 1000) write commands of every kind on one client,
# each given a random time to live, drawn from 0 to twice the time such a
# command takes here, after which `timeout -s KILL' ends it: so most are
# killed somewhere inside, some before they start and some not at all.
# Each command carries a marker ("k17."), so that afterwards:
#   - every command that finished (exit 0) has its row: nothing lost;
#   - every file parses: each list command, status and check succeed;
#   - a killed command's row is there whole or not at all (the files
#     parse, and its marker appears at most once);
#   - no temporary file is left once the next write has run.
# Prints TAP; tests/cli/t71-kill.sh runs it with 50 writes in make check,
# `make stress' with 1000.
set -u
IPT=${1:?usage: stress-kill.sh IPT [WRITES [SEED]]}
writes=${2:-1000}
seed=${3:-$(date +%s)}
here=$(cd "$(dirname "$0")" && pwd)
export IPT
. "$here/cli/lib.sh"

has() { "$IPT" "$1" --help > /dev/null 2>&1; }

ipt init kc --start 2026-01-01 > /dev/null
cd kc || exit 1
ipt inventory add --relationship mother Maria > /dev/null
ipt goal add 'first goal' > /dev/null
kinds='session focus event goal relapse inventory note'
has measure && kinds="$kinds measure"
export EDITOR='printf "%s\n" "$KMARK" >>'

# cmd I KIND [TTL]: run write command number I, of kind KIND, with its
# marker; killed after TTL seconds if given.
cmd() {
	m="k$1."
	ttl=${3:-}
	case $2 in
	session) set -- session add --date 2026-02-01 --note "$m" ;;
	focus)	set -- focus set grief --note "$m" ;;
	event)	set -- event add --date 2026-01-15 --kind other "$m" ;;
	goal)	set -- goal add "$m" ;;
	relapse) set -- relapse add --kind action "$m" ;;
	inventory) set -- inventory add --relationship friend "$m" ;;
	note)	set -- session note 1 ;;
	measure) set -- measure add --date 2026-02-01 phq9 $(($1 % 4)) \
		    $(($1 / 4 % 4)) $(($1 / 16 % 4)) $(($1 / 64 % 4)) \
		    $(($1 / 256 % 4)) 0 0 0 0 ;;
	esac
	if [ -n "$ttl" ]; then
		KMARK=$m timeout -s KILL "$ttl" "$IPT" "$@"
	else
		KMARK=$m "$IPT" "$@"
	fi
}

ms() {	# now in milliseconds
	date +%s%N | cut -c1-13
}

# How long a write takes here (this build, this machine).
ipt session add --date 2026-02-01 --note 'k0.' > /dev/null
t0=$(ms)
for k in $kinds; do
	cmd 0 "$k" > /dev/null 2>&1
done
t1=$(ms)
nk=$(echo $kinds | wc -w)
avg=$(( (t1 - t0) / nk + 1 ))
echo "# seed $seed, $writes writes, about ${avg}ms a write"

# The i-th kind and delay (0 to 2 avg ms), drawn once.
awk -v n="$writes" -v seed="$seed" -v avg="$avg" -v kinds="$kinds" 'BEGIN {
	srand(seed); nk = split(kinds, k, " ")
	for (i = 1; i <= n; i++)
		printf "%d %s %.4f\n", i, k[1 + int(rand() * nk)],
		    0.0001 + rand() * 2 * avg / 1000
}' > ../plan

done_n=0
killed=0
other=0
: > ../done
: > ../killed
: > ../errors
while read -r i kind delay; do
	cmd "$i" "$kind" "$delay" > /dev/null 2>> ../errors
	rc=$?
	case $rc in
	0)	done_n=$((done_n + 1)); echo "$i $kind" >> ../done ;;
	137)	killed=$((killed + 1)); echo "$i $kind" >> ../killed ;;
	*)	other=$((other + 1)); echo "write $i ($kind): exit $rc" \
		    >> ../errors ;;
	esac
done < ../plan 3< /dev/null
echo "# $done_n writes finished, $killed killed, $other failed otherwise"
grep -v '^$' ../errors | sort | uniq -c | sort -rn | head -n 5 |
    sed 's/^/# stderr: /'
t 'no write failed other than by the kill' test "$other" = 0
t_fail 0 'some writes were killed' test "$killed" -gt 0

# Every file parses.
for c in 'session list' 'focus history' 'event list' 'goal list' \
    'relapse list' 'inventory list' 'status'; do
	t "$c reads every file" sh -c "\"\$IPT\" $c > /dev/null"
done
has measure && t 'measure list reads every file' \
    sh -c '"$IPT" measure list > /dev/null'
if has check; then
	"$IPT" check > ../check.out 2>&1
	rc=$?
	sed 's/^/# check: /' ../check.out | head -n 5
	t 'check reads every file (no crash, no bad file)' test "$rc" -le 1
fi

# Nothing a finished write did is lost, and no marker is there twice.
file_of() {
	case $1 in
	note)	echo notes/0001.md ;;
	session) echo sessions.csv ;;
	focus)	echo focus.csv ;;
	event)	echo timeline.csv ;;
	goal)	echo goals.csv ;;
	relapse) echo relapse.csv ;;
	inventory) echo inventory.csv ;;
	esac
}
: > ../lost
while read -r i kind; do
	[ "$kind" = measure ] && continue	# no marker: counted below
	f=$(file_of "$kind")
	n=$(grep -c -F "k$i." "$f")
	[ "$n" = 1 ] || echo "write $i ($kind): $n rows in $f" >> ../lost
done < ../done
landed=0
while read -r i kind; do
	[ "$kind" = measure ] && continue
	f=$(file_of "$kind")
	n=$(grep -c -F "k$i." "$f")
	[ "$n" -le 1 ] || echo "killed write $i ($kind): $n rows" >> ../lost
	[ "$n" = 1 ] && landed=$((landed + 1))
done < ../killed
echo "# of the killed writes, $landed had renamed their file already"
t 'every finished write is there, once' sh -c '! [ -s ../lost ] ||
    { cat ../lost; false; }'
if has measure; then
	want=$(grep -c ' measure$' ../done)
	got=$(($(wc -l < measures.csv) - 2))	# header, calibration
	t 'every finished measure add is there' test "$got" -ge "$want"
fi

# Temporary files of killed writes go with the next write.
echo "# $(find . -name '.*.tmp.*' | wc -l) temporary files left by kills"
t 'the next write works' ipt session add --date 2026-03-01
t 'and no temporary file is left' sh -c '! find . -name ".*.tmp.*" |
    grep -q .'
finish
