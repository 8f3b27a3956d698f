#!/bin/sh
# t53-spool.sh: the caseload commands keep their rows in a spool
# (lib/spool.c) past a memory budget.  With IPT_SPOOL_KIB=0 every row is
# its own run in a temporary file, merged in several passes: the output
# must be the same bytes as when all is kept in memory, for every format
# and order.  A temporary directory that cannot be written is an error
# naming it; nothing is left in it.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
export IPT

# Four copies of the examples under one practice: 40 clients, each id
# four times (ties on id are broken by path), more runs than are merged
# at once (16).
mkdir p
cp "$ROOT/examples/practice/ipt.ini" p/
cp -R "$ROOT/examples/practice/instruments" p/
for d in a b c d; do
	cp -R "$ROOT/examples/practice/clients" "p/$d"
done
chmod -R go-rwx p
snap p
n=$(find p -name client.ini | wc -l)
t 'a practice of 40 clients' test "$n" = 40
mkdir tmpd
export TMPDIR="$T_TMP/tmpd"

# same NAME ARGS...: spooled and in-memory output are the same bytes.
same() {
	T_n=$1; shift
	ipt --today 2026-11-26 "$@" > mem.out 2> mem.err
	m=$?
	IPT_SPOOL_KIB=0 ipt --today 2026-11-26 "$@" > sp.out 2> sp.err
	s=$?
	if [ "$m" = "$s" ] && [ -s mem.out ] && cmp -s mem.out sp.out &&
	    cmp -s mem.err sp.err; then
		t_report 0 "$T_n"
	else
		{ echo "exit $m and $s"; diff mem.out sp.out | head; } \
		    > "$T_TMP/.out"
		t_report 1 "$T_n"
	fi
}

for f in table csv tsv json; do
	same "ls --format $f" ls p --format "$f"
done
for k in score -score next -last name therapist -held flags; do
	same "ls --sort $k" ls p --format csv --sort "$k"
done
same 'ls --sort -risk (table)' ls p --sort -risk
for f in text tsv json; do
	same "remind --format $f" remind p --format "$f"
	same "remind --within 60 --format $f" remind p --within 60 --format "$f"
done
same 'export json, every table' export p --format json
for tb in clients sessions measures items focus; do
	same "export --table $tb" export p --table "$tb"
done
ipt export p --table clients --deidentify > /dev/null 2>&1  # makes the secret
same 'export --deidentify' export p --format json --deidentify
rm -rf o1 o2
ipt export p --output o1 > /dev/null
IPT_SPOOL_KIB=0 ipt export p --output o2 > /dev/null
t 'export --output: the same files' diff -r o1 o2

# The risk flags come first however the rows were spooled.
IPT_SPOOL_KIB=0 ipt --today 2026-11-26 ls p --format json > ls.json
t 'open risk flags first' test "$(jq '[.[] | .risk > 0] |
    (index(false) // length) as $i | .[$i:] | all(. == false)' ls.json)" = true
t 'every client listed once a path' test \
    "$(jq '[.[].path] | unique | length' ls.json)" = 40
t 'nothing is left in TMPDIR' test -z "$(ls -A tmpd)"

# A temporary directory that cannot be used: a one-line error naming it,
# exit 1, nothing printed on standard output.
for c in ls remind export; do
	a=; [ "$c" = export ] && a='--format json'
	TMPDIR="$T_TMP/missing" IPT_SPOOL_KIB=0 ipt --today 2026-11-26 \
	    "$c" p $a > bad.out 2> bad.err
	t "$c: no temporary directory: exit 1" test $? = 1
	t_grep "$c: the message names it" \
	    "^ipt: temporary file in $T_TMP/missing: No such file" bad.err
	t "$c: one line" test "$(wc -l < bad.err)" = 1
	t "$c: nothing on standard output" test ! -s bad.out
done
t_unchanged 'the records are unchanged' p
finish
