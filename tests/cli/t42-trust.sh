#!/bin/sh
# t42-trust.sh: a practice's definitions are used only when nobody else
# could have written them (ipt.ini, instruments/, variants/: owned by
# the user or root, not writable by group or others), and a practice's
# definition of a built-in instrument keeps the built-in's risk items.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

mkdir -p prac/instruments prac/variants
: > prac/ipt.ini
cp "$SRC/lib/defs/instruments/phq9.ini" prac/instruments/phq9.ini
ipt init prac/ana --start 2026-10-01 > /dev/null || exit 1
cd prac/ana || exit 1
t 'a safe practice is used' ipt measure add --date 2026-10-01 \
    phq9 0 0 0 0 0 0 0 0 0

# refused PATH WHY NAME: every command refuses, one line, exit 1, and
# writes nothing.
refused() {
	snap .
	t_fail 1 "$3: measure add refused" ipt measure add --date 2026-10-02 \
	    phq9 0 0 0 0 0 0 0 0 1
	cp "$T_TMP/.out" "$T_TMP/err.txt"
	t "$3: in one line" test "$(wc -l < "$T_TMP/err.txt")" = 1
	t_grep "$3: the path and why" "/prac/$1: $2" "$T_TMP/err.txt"
	t_unchanged "$3: nothing written" .
	t_fail 1 "$3: status refused" ipt status
	t_fail 1 "$3: measure instruments refused" ipt measure instruments
	t_fail 1 "$3: session add refused" ipt session add --date 2026-10-02
	t_unchanged "$3: still nothing written" .
	(cd .. && "$IPT" ls > /dev/null 2>&1)
	t "$3: ls fails" test $? = 1
}

chmod g+w ../instruments/phq9.ini
refused 'instruments/phq9.ini' 'writable by group' 'a group-writable instrument'
chmod g-w ../instruments/phq9.ini
chmod o+w ../instruments
refused 'instruments' 'writable by others' 'an instruments/ writable by others'
chmod o-w ../instruments
chmod 666 ../ipt.ini
refused 'ipt.ini' 'writable by group and others' 'a writable ipt.ini'
chmod 644 ../ipt.ini
printf '[variant]\n' > ../variants/mine.ini
chmod 646 ../variants/mine.ini
refused 'variants/mine.ini' 'writable by others' 'a writable variant'
rm ../variants/mine.ini
if chown 65534 ../instruments/phq9.ini 2> /dev/null; then
	refused 'instruments/phq9.ini' 'owned by uid 65534, neither you nor root' \
	    "another user's instrument"
	chown "$(id -u)" ../instruments/phq9.ini
	chown 65534 ../variants
	refused 'variants' 'owned by uid 65534' "another user's variants/"
	chown "$(id -u)" ../variants
else
	T_N=$((T_N + 1))
	echo "ok $T_N # SKIP chown to another user needs root"
fi
t 'safe again: used again' ipt measure add --date 2026-10-02 \
    phq9 0 0 0 0 0 0 0 0 0

# A practice's phq9 without item 9 as a risk item, or with it loosened,
# is refused; one adding a risk item is taken.
snap .
grep -v '^risk' "$SRC/lib/defs/instruments/phq9.ini" > ../instruments/phq9.ini
t_fail 1 'a phq9 without its risk item is refused' ipt measure add \
    --date 2026-10-03 phq9 0 0 0 0 0 0 0 0 3
t_grep 'the reason is given' \
    'instruments/phq9.ini: \[instrument\] risk: the built-in phq9 has the risk item "9 >= 1", which a practice.s definition must keep: refused' \
    "$T_TMP/.out"
t_unchanged 'no risk item: nothing written' .
sed 's/^risk = .*/risk = "9 >= 2"/' "$SRC/lib/defs/instruments/phq9.ini" \
    > ../instruments/phq9.ini
t_fail 1 'a phq9 with item 9 loosened is refused' ipt measure add \
    --date 2026-10-03 phq9 0 0 0 0 0 0 0 0 1
t_unchanged 'loosened: nothing written' .
sed 's/^risk = .*/risk = "9 >= 1, 1 >= 3"/' \
    "$SRC/lib/defs/instruments/phq9.ini" > ../instruments/phq9.ini
ipt measure add --date 2026-10-03 phq9 3 0 0 0 0 0 0 0 0 > out
t_grep 'a risk item may be added' '^RISK: item 1 = 3' out
finish
