#!/bin/sh
# t77-width.sh: ipt status fits the terminal (issue 17).  With COLUMNS
# (or on a terminal) a line longer than the width wraps under its value,
# the words unchanged; RISK lines still begin with RISK; without a width
# (a pipe, a script) and in JSON nothing is wrapped.
. "$(dirname "$0")/lib.sh"
ana=$T_SRC/examples/practice/clients/ana
cp -R "$ana" ana
cd ana || exit 1

ipt status > wide
t 'a pipe: lines as long as they are (a measure line over 120)' \
    sh -c 'awk "length(\$0) > 120 { n++ } END { exit !n }" wide'
for c in 80 60 40; do
	COLUMNS=$c ipt status > w$c
	t "COLUMNS=$c: no line longer" sh -c "awk 'length(\$0) > $c { n++ } END { exit n }' w$c"
	t "COLUMNS=$c: the same words in the same order" sh -c \
	    "test \"\$(tr -s ' \n' ' ' < w$c)\" = \"\$(tr -s ' \n' ' ' < wide)\""
done
t_grep 'a measure line continues under its value' \
    '^          2026-11-19, change -8 (-44%), response no, remission no, reliable$' w80
t_grep 'a label line continues under its value' '^           timeline events$' w80
COLUMNS=80 ipt status --format json > j80
ipt status --format json > j
t_same 'JSON is never wrapped' j j80
t_fail 2 'COLUMNS is no option: status still refuses bad ones' ipt status --width 3

# A risk flag: the line still begins RISK: whatever the width.
ipt measure add phq9 --date 2026-11-26 1 1 1 1 1 1 1 1 2 > /dev/null 2>&1
COLUMNS=40 ipt status > r40
t_grep 'RISK first, at 40 columns' '^RISK: phq9 item 9' r40
t 'and no line longer than 40' sh -c 'awk "length(\$0) > 40 { n++ } END { exit n }" r40'
finish
