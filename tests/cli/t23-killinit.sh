#!/bin/sh
# t23-killinit.sh: ipt init killed at each of its writes leaves either no
# client or one that ipt check reports and ipt check --fix completes, to
# the same files an init that ran through writes.
. "$(dirname "$0")/lib.sh"

: > ipt.ini
ipt init whole --start 2026-11-02 > /dev/null
n=1
while [ $n -le 4 ]; do
	IPT_TEST_FAULT=rename:$n:kill ipt init c$n --start 2026-11-02 \
	    > /dev/null 2>&1
	t "init killed at rename $n dies" test $? -ne 0
	if [ -e c$n/client.ini ]; then
		ipt check c$n > out 2>&1
		if [ ! -e c$n/.gitattributes ] || [ ! -e c$n/.gitignore ]; then
			t_grep "killed at rename $n: check reports what is missing" \
			    'warning: missing (an interrupted ipt init?)' out
		fi
		t "killed at rename $n: check --fix" ipt check --fix c$n
		t "killed at rename $n: .gitattributes as init writes it" \
		    cmp c$n/.gitattributes whole/.gitattributes
		t "killed at rename $n: .gitignore as init writes it" \
		    cmp c$n/.gitignore whole/.gitignore
		ipt check c$n > out 2>&1
		t "killed at rename $n: check is then silent about it" \
		    sh -c '! grep -q "missing\|interrupted" out'
	else
		t "killed at rename $n: no client, and init runs again" \
		    ipt init c$n --start 2026-11-02
	fi
	n=$((n + 1))
done
finish
