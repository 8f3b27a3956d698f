#!/bin/sh
# t89-profile.sh: ipt check --profile NAME, certification profiles as data.
. "$(dirname "$0")/lib.sh"

mkdir p && : > p/ipt.ini
# meets CLIENT: 8 sessions, PHQ-9 at sessions 1 and 5, GAD-7 at 4 and 8,
# an inventory and a formulation: the built-in ipti-certification met.
meets() {
	"$IPT" init "p/$1" --start 2026-09-01 --sessions 16 > /dev/null || return 1
	(
	cd "p/$1" || exit 1
	n=0
	for d in 09-01 09-08 09-15 09-22 09-29 10-06 10-13 10-20; do
		n=$((n + 1))
		"$IPT" session add --date 2026-$d > /dev/null
		case $n in 1|5) "$IPT" measure add phq9 --date 2026-$d 1 1 1 1 1 1 1 1 0 > /dev/null ;; esac
		case $n in 4|8) "$IPT" measure add gad7 --date 2026-$d 1 1 1 1 1 1 1 > /dev/null ;; esac
	done
	"$IPT" inventory add Sam --relationship partner --date 2026-09-01 > /dev/null
	"$IPT" focus set role-dispute --date 2026-09-22 > /dev/null
	"$IPT" formulation add --date 2026-09-22 'A dispute with Sam.' > /dev/null
	) || return 1
}
t 'a client meeting the profile is built' meets good
ipt check --profile ipti-certification p/good > out 2> err
t_fail 0 'it exits 0' ipt check --profile ipti-certification p/good
t_grep 'no profile finding' '^1 client checked: 0 errors, [0-9]* warnings$' err
t 'no line names the profile' sh -c '! grep -q "profile ipti" out'

# One client failing each rule.
t 'phq9 missed' meets nophq
rm p/nophq/measures.csv
(cd p/nophq && for d in 09-01 09-08 09-15; do
	"$IPT" measure add gad7 --date 2026-$d 1 1 1 1 1 1 1 > /dev/null; done
	"$IPT" measure add phq9 --date 2026-09-08 1 1 1 1 1 1 1 1 0 > /dev/null
	"$IPT" measure add gad7 --date 2026-10-13 1 1 1 1 1 1 1 > /dev/null)
ipt check --profile ipti-certification p/nophq > out 2> /dev/null
# PHQ-9 at session 2 only: sessions 3-6 are a run of 4 without it;
# the count starts again, and 7-8 are only 2.
t_grep 'phq9: a run of 4 sessions without it, at the session ending it' \
    '^p/nophq/sessions.csv:7: warning: profile ipti-certification: phq9 not given in the 4 sessions held up to session 6 (at least every 4)$' out
t 'counted again after it: one phq9 finding' \
    sh -c '[ "$(grep -c "phq9 not given" out)" = 1 ]'
t 'gad7 given in every run of 4: no gad7 finding' sh -c \
    '! grep -q "profile ipti-certification: gad7" out'

t 'no inventory' meets noinv
(cd p/noinv && "$IPT" inventory rm Sam > /dev/null 2>&1 || rm inventory.csv)
ipt check --profile ipti-certification p/noinv > out 2> /dev/null
t_grep 'the inventory' \
    '^p/noinv/inventory.csv: warning: profile ipti-certification: the inventory names 0 of the 1 people it asks for$' out

t 'no formulation' meets noform
rm p/noform/formulation.csv
ipt check --profile ipti-certification p/noform > out 2> /dev/null
t_grep 'the formulation' \
    '^p/noform/formulation.csv: warning: profile ipti-certification: no formulation recorded (ipt formulation add)$' out

# Without --profile none of this is asked.
ipt check p/noform > out 2> /dev/null
t 'without --profile: no profile finding' sh -c '! grep -q "profile ipti" out'

# A practice's profile replaces the built-in one whole.
mkdir p/profiles
printf '[profile]\ntitle = "Ours"\nsource = "our clinic"\n[instruments]\nphq9 = 2\n' \
    > p/profiles/ipti-certification.ini
ipt check --profile ipti-certification p/good > out 2> /dev/null
t_grep 'the practice'"'"'s cadence' 'phq9 not given in the 2 sessions held up to session 3' out
t 'and nothing of the built-in' sh -c '! grep -q "profile ipti-certification: gad7" out'
printf '[profile]\ntitle = "Mini"\nsource = "s"\n[records]\nformulation = yes\n' \
    > p/profiles/mini.ini
ipt check --profile mini p/noform > out 2> /dev/null
t_grep 'a practice adds a profile' 'profile mini: no formulation recorded' out

# Bad profiles: one line naming the file and the key, exit 1; nothing read.
badp() {
	printf '%s\n' "$@" > p/profiles/bad.ini
	"$IPT" check --profile bad p/good > out 2> err
	echo $? > rc
}
badp '[profile]' 'title = "X"' 'source = "s"' '[instruments]' 'phq9 = often'
t 'a bad cadence: exit 1' grep -qx 1 rc
t_grep 'names file, section and key' \
    '^ipt: /.*/p/profiles/bad.ini: \[instruments\] phq9: not a number of sessions from 1 to 100$' err
t 'one line' sh -c '[ "$(wc -l < err)" = 1 ]'
badp '[profile]' 'title = "X"' 'source = "s"' '[records]' 'formulation = maybe'
t_grep 'a bad yes/no' '^ipt: /.*/p/profiles/bad.ini: \[records\] formulation: yes or no$' err
badp '[profile]' 'title = "X"' 'source = "s"' 'colour = red'
t_grep 'an unknown key' '^ipt: /.*/p/profiles/bad.ini: \[profile\] colour: unknown key$' err
badp '[profile]' 'title = "X"'
t_grep 'a missing source' '^ipt: /.*/p/profiles/bad.ini: \[profile\] source: required' err
badp '[profile]' 'title = "X"' 'source = "s"' '[bogus]' 'a = 1'
t_grep 'an unknown section' '^ipt: /.*/p/profiles/bad.ini: \[bogus\]: unknown section$' err

# Unknown profile: a usage error.
t_fail 2 'unknown profile: exit 2' ipt check --profile nope p/good
ipt check --profile nope p/good 2> err
t_grep 'says which' "^ipt: --profile: no profile 'nope'" err
t_fail 2 'a bad name: exit 2' ipt check --profile ../x p/good
t_fail 2 '--profile needs a name' ipt check --profile
finish
