#!/bin/sh
# t34-variant.sh: variants as data: the phases each built-in variant gives
# its sessions, plans of another length, a practice's own definitions,
# and bad definitions refused.
. "$(dirname "$0")/lib.sh"

# phases CLIENT: the phase of every session, as "phase:count ..." runs.
phases() {
	"$IPT" -C "$1" session list --format csv | sed 1d | cut -d, -f6 |
	    uniq -c | awk '{ printf "%s%s:%s", (NR > 1 ? " " : ""), $2, $1 }'
}

# kinds CLIENT: the kind of every session, as runs.
kinds() {
	"$IPT" -C "$1" session list --format csv | sed 1d | cut -d, -f3 |
	    uniq -c | awk '{ printf "%s%s:%s", (NR > 1 ? " " : ""), $2, $1 }'
}

# adds CLIENT N: add N sessions.
adds() {
	i=0
	while [ "$i" -lt "$2" ]; do
		"$IPT" -C "$1" session add --date 2026-11-02 > /dev/null || return 1
		i=$((i + 1))
	done
}

# Every built-in variant: its plan, then one session past it.
while read -r v n want; do
	ipt init "$v" --variant "$v" --start 2026-11-02 > /dev/null
	t_grep "$v plans $n sessions" "^planned_sessions = \"$n\"\$" "$v/client.ini"
	adds "$v" $((n + 1))
	got=$(phases "$v")
	t "$v: phases of every session" test "$got" = "$want"
	[ "$got" = "$want" ] || echo "#   got $got"
done <<'END'
standard 16 initial:4 middle:8 final:4 extension:1
brief 8 initial:2 middle:4 final:2 extension:1
adolescent 12 initial:4 middle:4 final:4 extension:1
couples 16 initial:4 middle:8 final:4 extension:1
eating 20 initial:5 middle:10 final:5 extension:1
ptsd 14 initial:3 middle:8 final:3 extension:1
bipolar 16 initial:4 middle:12 extension:1
group 9 pregroup:1 initial:1 middle:6 final:1 extension:1
perinatal 12 initial:3 middle:6 final:3 extension:1
maintenance 26 maintenance:27
END
t_grep 'maintenance meets every 28 days' '^frequency_days = "28"$' maintenance/client.ini
t 'group: pre-group meeting is individual, then group sessions' \
    test "$(kinds group)" = "individual:1 group:9"
t 'couples: conjoint sessions' test "$(kinds couples)" = "conjoint:17"
t 'maintenance: maintenance sessions' test "$(kinds maintenance)" = "maintenance:27"

# A plan of another length scales the phases.
ipt init short --sessions 12 --start 2026-11-02 > /dev/null
adds short 13
t 'standard in 12 sessions: 3, 6, 3' \
    test "$(phases short)" = "initial:3 middle:6 final:3 extension:1"
ipt init long --variant group --sessions 13 --start 2026-11-02 > /dev/null
adds long 13
t 'group in 13: one pre-group meeting still' \
    test "$(phases long)" = "pregroup:1 initial:2 middle:9 final:1"

# The manuals' lengths hold in a longer plan: standard in 20 keeps the
# initial phase to 4 and the final to 4 (not 5 and 5); IPT-A in 16 too.
ipt init long20 --sessions 20 --start 2026-11-02 > /dev/null
adds long20 20
t 'standard in 20 sessions: 4, 12, 4' \
    test "$(phases long20)" = "initial:4 middle:12 final:4"
ipt init teen16 --variant adolescent --sessions 16 --start 2026-11-02 > /dev/null
adds teen16 16
t 'adolescent in 16 sessions: 4, 8, 4' \
    test "$(phases teen16)" = "initial:4 middle:8 final:4"

# IPSRT has no final phase (Frank: initial, intermediate, then
# continuation or maintenance): its concluding sessions are those from
# the one by which the ending is raised (14 of 16).  Ended after 13
# sessions: check warns; after 14: it does not.
for n in 13 14; do
	ipt init "ips$n" --variant bipolar --start 2026-11-02 > /dev/null
	adds "ips$n" "$n"
	sed -i 's/^status = "active"$/status = "ended"/' "ips$n/client.ini"
	ipt -C "ips$n" check > "ips$n.out" 2>&1
done
t_grep 'IPSRT ended after 13 sessions: not concluded' \
    'the client is marked ended but no concluding session' ips13.out
t 'IPSRT ended after 14 sessions: concluded' sh -c \
    '! grep -q "no concluding session" ips14.out'

# A client in maintenance gets maintenance sessions.
sed -i 's/^status = "active"$/status = "maintenance"/' short/client.ini
ipt -C short session add --date 2026-11-03 > /dev/null
t 'status maintenance: a maintenance session' sh -c \
    '[ "$("$IPT" -C short session show --format json 14 | jq -r .phase,.kind | tr "\n" " ")" = "maintenance maintenance " ]'

# Areas and kinds follow the variant.
t_fail 2 'ptsd has no interpersonal-deficits' ipt -C ptsd focus set interpersonal-deficits
ipt -C ptsd focus set interpersonal-deficits 2> err
t_grep 'lists the valid areas' 'grief, role-dispute, role-transition)$' err
t 'bipolar has lost-healthy-self' ipt -C bipolar focus set lost-healthy-self
t_fail 2 'standard has no group sessions' ipt -C standard session add --kind group
ipt -C standard session add --kind group 2> err
t_grep 'lists the valid kinds' 'individual, conjoint, maintenance)$' err
t 'adolescent has parent sessions' ipt -C adolescent session add --kind parent
t_fail 2 'unknown variant' ipt init x --variant adult
ipt init x --variant adult 2> err
t_grep 'lists the variants' 'adolescent, bipolar, brief, couples, eating, group, maintenance, perinatal, ptsd, standard)$' err
t 'nothing created for an unknown variant' test ! -e x

# A practice adds and overrides definitions without recompiling.
mkdir -p practice/variants
printf '[practice]\n' > practice/ipt.ini
cat > practice/variants/standard.ini <<'END'
; Our standard: 12 fortnightly sessions.
[variant]
title = Local standard
sessions = 12
frequency_days = 14
areas = grief, role-dispute, role-transition, interpersonal-deficits

[phases]
initial = 1-3
middle = 4-9
final = 10-12

[kinds]
allowed = individual, maintenance

[instruments]
phq9 = every 2 sessions
END
cat > practice/variants/single.ini <<'END'
[variant]
title = Single-parent families (IPT-A, 1st edition)
sessions = 12
frequency_days = 7
areas = grief, role-dispute, role-transition, interpersonal-deficits, single-parent
[phases]
initial = 1-4
middle = 5-8
final = 9-12
[kinds]
allowed = individual, parent
END
ipt init practice/ana --start 2026-11-02 > /dev/null
t_grep 'the practice standard plans 12' '^planned_sessions = "12"$' practice/ana/client.ini
t_grep 'fortnightly' '^frequency_days = "14"$' practice/ana/client.ini
adds practice/ana 12
t 'the practice phases' test "$(phases practice/ana)" = "initial:3 middle:6 final:3"
t 'a variant only the practice has' ipt init practice/teen --variant single
t 'with an area only the practice has' ipt -C practice/teen focus set single-parent
t_fail 2 'which other variants refuse' ipt -C practice/ana focus set single-parent
t_fail 2 'not known outside the practice' ipt init elsewhere --variant single
t 'the built-in standard outside the practice' sh -c \
    'grep -q "^planned_sessions = \"16\"$" standard/client.ini'
mkdir -p practice/team/bo
t 'a client deep in the practice' ipt init practice/team/bo
t_grep 'uses the practice definition' '^planned_sessions = "12"$' practice/team/bo/client.ini

# A bad practice definition is refused with its file and key.
cp practice/variants/standard.ini good.ini
sed -i 's/^middle = 4-9$/middle = 5-9/' practice/variants/standard.ini
snap practice
t_fail 1 'session add with a bad definition' ipt -C practice/ana session add
ipt -C practice/ana session add 2> err
t_grep 'names the file and key' 'variants/standard.ini: \[phases\] middle: starts at session 5; the phase before it ends at 3' err
t_fail 1 'init with a bad definition' ipt init practice/cy
t 'nothing created for a bad definition' test ! -e practice/cy
t_unchanged 'records unchanged after a bad definition' practice
printf '[variant\n' > practice/variants/standard.ini
ipt -C practice/ana session list 2> err
t_grep 'a syntax error names the line' 'variants/standard.ini:1: ' err
printf '[variant]\ntitle = x\nsessions = 4\nfrequency_days = 7\nareas = grief\n[phases]\ninitial = 1-4\n[kinds]\nallowed = individual\n[instruments]\nphq9 = daily\n' > practice/variants/standard.ini
ipt -C practice/ana session list 2> err
t_grep 'a bad cadence names the key' "variants/standard.ini: \[instruments\] phq9: 'daily' is not a cadence" err
cp good.ini practice/variants/standard.ini
t 'a good definition again' ipt -C practice/ana session list
finish
