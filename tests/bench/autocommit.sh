# autocommit.sh: sourced by run.sh (issue 19).  A write with [git]
# autocommit in a git repository of the practice of SIZE clients
# ($DIR/nSIZE, copied once to $DIR/gitSIZE and committed: about 10 s at
# 1,000 clients), with index_update "now" and "later"; between runs the
# index update of the run before is waited for, untimed.  In this plain
# repository the command commits in process (lib/gitobj.c) and runs no
# git but the index update: with "later" it does not wait for it.
autocommit_bench() {	# SIZE
	size=$1
	ac=$DIR/git$size
	id="GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org"
	id="$id GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org"
	if [ ! -f "$ac/.git/ipt-bench" ]; then
		rm -rf "$ac"
		cp -R "$DIR/n$size" "$ac"
		(cd "$ac" && git init -q && git add -A &&
		    env $id git commit -qm "bench practice" &&
		    touch .git/ipt-bench)
	fi
	c=$(ls -d "$ac"/t*/c0000002)
	say ""
	say "autocommit (median of 20 runs, ms): session add in a git repository"
	say "of the $size-client practice ($(git -C "$ac" ls-files | wc -l) files," \
	    "an index of $(wc -c < "$ac/.git/index") bytes); user+sys with git's"
	for mode in now later; do
		cp "$DIR/n$size/ipt.ini" "$ac/ipt.ini"
		printf '\n[git]\nautocommit = "yes"\nindex_update = "%s"\n' \
		    "$mode" >> "$ac/ipt.ini"
		set -- $(env $id "$B/timeit" -n 20 -w 2 -p "while [ -e '$ac/.git/index.lock' ]; do sleep 0.01; done" \
		    "$IPT" -C "$c" session add --mood 5)
		while [ -e "$ac/.git/index.lock" ]; do sleep 0.01; done
		if [ "$7" != 0 ] || [ -n "$(git -C "$ac" status --porcelain -- t0001)" ]; then
			say "  index_update $mode: FAILED (exit $7, or not all committed)"
			exit 1
		fi
		say "$(printf '  index_update %-6s %9.2f ms  (min %.2f)  user+sys %.2f ms' \
		    "$mode" "$(awk -v t="$1" 'BEGIN { print t * 1000 }')" \
		    "$(awk -v t="$2" 'BEGIN { print t * 1000 }')" \
		    "$(awk -v u="$5" -v s="$6" 'BEGIN { print (u + s) * 1000 }')")"
	done
	cp "$DIR/n$size/ipt.ini" "$ac/ipt.ini"
}
