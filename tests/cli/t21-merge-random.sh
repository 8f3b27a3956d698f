#!/bin/sh
# t21-merge-random.sh: two clones of a practice make random interleaved
# changes (sessions added, edited and noted, measures, inventory ratings
# and removals, relapse-plan items added and removed, a risk review),
# then one pulls the other with plain git and runs ipt check --fix.  The
# result must equal one clone that made both sides' changes in the order
# of their days, every time.
#
# The two sides work on different days (one on even days, the other on
# odd ones) and on different people and plan items, so that there is no
# true conflict: what is left to compare is what the merge and the fix
# made of the union.  Relapse-plan ids are compared by content, since two
# items both clones numbered alike get the next free id (ipt-check(1)).
#
# Each run draws new seeds; a failure names its seed, and IPT_SEED=N
# reruns that one.
. "$(dirname "$0")/lib.sh"
command -v git > /dev/null || { echo "ok 1 - # SKIP no git"; echo 1..1; exit 0; }
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org \
    GIT_CONFIG_NOSYSTEM=1 HOME=$T_TMP
git config --global init.defaultBranch main
git config --global pull.rebase false

ROUNDS=${IPT_ROUNDS:-4}
OPS=${IPT_OPS:-10}

# The practice both clones start from: three sessions, a risk flag at
# session 1, six people, four relapse-plan items.
base() {
	mkdir -p "$1" && : > "$1/ipt.ini" &&
	ipt init "$1/ana" --start 2026-01-05 > /dev/null &&
	(cd "$1/ana" &&
	for d in 01-05 01-12 01-19; do
		ipt session add --date 2026-$d --mood 4 > /dev/null || exit 1
	done
	ipt measure add phq9 --date 2026-01-05 2 2 2 2 2 2 2 2 1 > /dev/null &&
	for p in Ann Bob Cid Dan Eve Fay; do
		ipt inventory add "$p" --relationship friend --date 2026-01-05 \
		    --closeness 3 > /dev/null || exit 1
	done
	for k in 1 2 3 4; do
		ipt relapse add --kind action --date 2026-01-19 "item $k" \
		    > /dev/null || exit 1
	done) &&
	(cd "$1" && git init -q && git add -A && git commit -qm base)
}

# gen SEED SIDE: the changes of one side, one shell line each, prefixed
# with the day they are made on (YYYY-MM-DD), for sort(1) to interleave.
# Side A works on even days from 2026-02-02, on Ann, Bob and Cid, plan
# items 1 and 2, session 1, and reviews the risk flag once; side B on odd
# days, on Dan, Eve and Fay, items 3 and 4 and session 2.
gen() {
	awk -v seed="$1" -v side="$2" -v n="$OPS" '
	function day(k,   t) {
		# 2026-02-02 plus k days; February has 28.
		t = 2 + k
		if (t <= 28)
			return sprintf("2026-02-%02d", t)
		return sprintf("2026-03-%02d", t - 28)
	}
	function r(m) { return int(rand() * m) }
	BEGIN {
		srand(seed + (side == "A" ? 0 : 7919))
		if (side == "A") {
			split("Ann Bob Cid", who, " "); split("1 2", items, " ")
			mine = 1; off = 0; clock = "09:00:00Z"
		} else {
			split("Dan Eve Fay", who, " "); split("3 4", items, " ")
			mine = 2; off = 1; clock = "15:00:00Z"
		}
		reviewed = (side == "B")
		for (i = 0; i < n; i++) {
			d = day(2 * i + off)
			pre = d " IPT_NOW=" d "T" clock " "
			op = r(8)
			if (op == 0 || op == 1) {
				print pre "ipt session add --date " d " --mood " r(11)
				if (r(2))
					print pre "note " side " " d
			} else if (op == 2) {
				items9 = ""
				for (k = 0; k < 8; k++)
					items9 = items9 r(4) " "
				print pre "ipt measure add phq9 --date " d " " items9 "0"
			} else if (op == 3) {
				p = who[1 + r(3)]
				if (!(p in gone))
					print pre "ipt inventory rate " p " --date " d " --closeness " (1 + r(5))
			} else if (op == 4) {
				p = who[1 + r(3)]
				if (!(p in gone) && r(3) == 0) {
					gone[p] = 1
					print pre "ipt inventory rm " p
				}
			} else if (op == 5) {
				print pre "ipt relapse add --kind warning-sign --date " d " \"" side " on " d "\""
			} else if (op == 6) {
				k = items[1 + r(2)]
				if (!(k in dropped)) {
					dropped[k] = 1
					print pre "ipt relapse rm " k
				}
			} else if (op == 7) {
				if (!reviewed && r(2)) {
					reviewed = 1
					print pre "ipt risk review --date " d " --note \"plan agreed\""
				} else
					print pre "ipt session edit " mine " --mood " r(11)
			}
		}
	}'
}

# apply DIR: run the lines on stdin in client directory DIR.
apply() {
	_dir=$1
	while read -r _day _now _rest; do
		case $_rest in
		note\ *)
			# The note of the session just added (the last one).
			set -- $_rest
			_n=$(cd "$_dir" && ipt session list --format csv |
			    tail -n 1 | cut -d, -f1)
			(cd "$_dir" && env "$_now" \
			    EDITOR="sh -c 'echo \"$2 on $3\" > \$1' sh" \
			    "$IPT" session note "$_n") ||
			    { echo "# failed in $_dir: $_rest"; return 1; } ;;
		*)
			(cd "$_dir" &&
			    eval "env $_now \"\$IPT\" ${_rest#ipt }" > /dev/null) ||
			    { echo "# failed in $_dir: $_rest"; return 1; } ;;
		esac
	done
}

# The files as a clinician reads them, ids of relapse items aside.
view() {
	(cd "$1" &&
	# The phase is the one each clone recorded (ipt-check(1)).
	cut -d, -f1-5,7- sessions.csv
	sort measures.csv
	sort inventory.csv
	cut -d, -f2- relapse.csv | sort
	sort risk.csv 2>/dev/null
	for f in notes/*.md; do
		[ -f "$f" ] && { echo "== $f"; cat "$f"; }
	done)
}

round() {
	s=$1
	rm -rf r && mkdir r && cd r || return 1
	base practice || return 1
	git clone -q practice a && git clone -q practice b && git clone -q practice ref ||
	    return 1
	gen "$s" A > ops.a
	gen "$s" B > ops.b
	# Each clone on its own, then the one that made both.
	apply a/ana < ops.a || return 1
	apply b/ana < ops.b || return 1
	sort -s -k1,1 ops.a ops.b | apply ref/ana || return 1
	(cd a && git add -A && git commit -qm a) && (cd b && git add -A &&
	    git commit -qm b) || return 1
	(cd a && git pull -q --no-edit ../b main) || return 1
	ipt check --fix a/ana > fix.out 2>&1
	ipt check --fix ref/ana > /dev/null 2>&1
	(cd a/ana && "$IPT" check > ../../check.out 2>&1)
	(cd ref/ana && "$IPT" check > ../../check.want 2>&1)
	view a/ana > got
	view ref/ana > want
	cd ..
}

seed0=${IPT_SEED:-$(awk 'BEGIN { srand(); print int(rand() * 1000000) }')}
i=0
while [ "$i" -lt "$ROUNDS" ]; do
	s=$((seed0 + i))
	if round "$s"; then
		t "seed $s: the merge, fixed, equals both histories applied in order" \
		    diff -u r/want r/got
		t "seed $s: check finds in the merge what it finds in the one clone" \
		    diff -u r/check.want r/check.out
		t "seed $s: the history has no conflict" \
		    sh -c '! grep -q "differently on two clones" r/check.out'
	else
		t "seed $s: a round runs" false
	fi
	i=$((i + 1))
done
finish
