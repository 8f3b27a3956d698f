#!/bin/sh
# t97-harness.sh: the tests themselves.  sh runs on after a command it
# cannot find, so a test that calls a helper no one defined (t_err for
# t_fail, say) prints "not found" and reports nothing: no "not ok", and
# the check it meant is silently gone.  Every t_* helper a test calls is
# defined in lib.sh or in that test, and every test ends with finish.
. "$(dirname "$0")/lib.sh"

defined() {
	sed -n 's/^[ 	]*\(t_[a-z_0-9]*\)[ 	]*()[ 	]*{.*/\1/p' "$@" | sort -u
}
defined "$T_SRC/tests/cli/lib.sh" > lib.defs
t 'lib.sh defines its helpers' grep -qx t_fail lib.defs

n=0
for f in "$T_SRC"/tests/cli/t[0-9]*.sh; do
	name=$(basename "$f")
	defined "$f" | cat - lib.defs | sort -u > defs
	# The helpers called: a word t_... at the start of a command.
	sed -n '/^[ 	]*#/d; s/^[ 	]*\(t_[a-z_0-9]*\)\([ 	].*\)\{0,1\}$/\1/p; s/.*[;&|({][ 	]*\(t_[a-z_0-9]*\)[ 	].*/\1/p' "$f" |
	    sort -u > used
	comm -23 used defs > missing
	t "$name: every helper it calls is defined" sh -c \
	    'test ! -s "$1" || { sed "s/^/    undefined: /" "$1"; exit 1; }' \
	    sh missing
	# (A test that execs another script is that script's to finish.)
	t "$name: ends with finish" sh -c \
	    'tail -n 3 "$1" | grep -q "^finish\|^exec "' sh "$f"
	n=$((n + 1))
done
t 'every test was read' test "$n" -ge 80

# The check can fail: a test calling t_err, which nothing defines (the
# name is put together here, so that this file does not call it).
e=err
printf '. lib.sh\nt_%s 1 x true\nfinish\n' "$e" > t00-bad.sh
defined t00-bad.sh | cat - lib.defs | sort -u > defs
sed -n 's/^[ 	]*\(t_[a-z_0-9]*\)\([ 	].*\)\{0,1\}$/\1/p' t00-bad.sh | sort -u > used
t 'an undefined helper is found' test "$(comm -23 used defs)" = "t_$e"
finish
