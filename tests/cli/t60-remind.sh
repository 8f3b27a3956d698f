#!/bin/sh
# t60-remind.sh: ipt remind, the reminders of a caseload: every rule fires
# and keeps quiet, the order, the formats, silence for cron, the scan and
# its errors.
. "$(dirname "$0")/lib.sh"

# dates START N STEP: N dates STEP days apart, from START.
dates() {
	python3 -c 'import datetime as d, sys
s = d.date.fromisoformat(sys.argv[1])
for i in range(int(sys.argv[2])):
    print(s + d.timedelta(days=int(sys.argv[3]) * i))' "$@"
}

# mk DIR START HELD [init option ...]: a client who held HELD weekly
# sessions from START.
mk() {
	mk_d=$1 mk_s=$2 mk_n=$3
	shift 3
	ipt init "$mk_d" --start "$mk_s" "$@" > /dev/null || return 1
	for mk_x in $(dates "$mk_s" "$mk_n" 7); do
		ipt -C "$mk_d" session add --date "$mk_x" > /dev/null || return 1
	done
}

# status DIR STATUS: set a client's status in its client.ini.
status() {
	sed -i "s/^status = .*/status = \"$2\"/" "$1/client.ini"
}

# measures DIR ROW...: write measures.csv with these rows.
measures() {
	m_d=$1
	shift
	printf 'date,session,instrument,total,severity,items,flags\n' \
	    > "$m_d/measures.csv"
	for m_r in "$@"; do
		printf '%s\n' "$m_r" >> "$m_d/measures.csv"
	done
}

# fires KIND TODAY PATH [option ...]: remind exits 0 and lists a reminder
# of KIND; quiet KIND TODAY PATH [option ...]: it exits 0 and does not.
fires() {
	f_k=$1 f_t=$2
	shift 2
	ipt --today "$f_t" remind --format tsv "$@" > r.tsv || return 1
	cat r.tsv
	cut -f5 r.tsv | grep -qx -e "$f_k"
}
quiet() {
	f_k=$1 f_t=$2
	shift 2
	ipt --today "$f_t" remind --format tsv "$@" > r.tsv || return 1
	cat r.tsv
	! cut -f5 r.tsv | grep -qx -e "$f_k"
}

mkdir p
touch p/ipt.ini
P=$T_TMP/p

# Sessions: weekly, the last held on 2026-10-15, so session 4 was due on
# 2026-10-22.
mk p/late 2026-10-01 3 --name 'Lena T.'
t 'session-overdue fires' fires session-overdue 2026-11-26 p/late
t_grep 'it says when it was due' \
    'session 4 (the 4th of 16 planned, initial phase) was due on 2026-10-22 (35 days ago)' r.tsv
t 'session-overdue quiet on the day due' quiet session-overdue 2026-10-22 p/late
t 'session-overdue fires the day after' fires session-overdue 2026-10-23 p/late
t_grep 'one day reads in the singular' \
    'session 4 (the 4th of 16 planned, initial phase) was due on 2026-10-22 (1 day ago)' r.tsv
ipt -C p/late --today 2026-10-23 status > st.txt
t_grep 'status: 1 day overdue' ', 1 day overdue' st.txt
t 'session-due fires on the day due' fires session-due 2026-10-22 p/late
t 'session-due fires within the window' fires session-due 2026-10-17 p/late
t 'session-due quiet past the window' quiet session-due 2026-10-17 p/late \
    --within 3
t 'session-due quiet before the window' quiet session-due 2026-10-10 p/late

# No contact: 28 days by default, counted from the last session held or
# cancelled; a no-show is not contact.
t 'no-contact fires after 28 days' fires no-contact 2026-11-12 p/late
t_grep 'it says since when' 'no contact since 2026-10-15 (28 days)' r.tsv
t 'no-contact quiet after 27 days' quiet no-contact 2026-11-11 p/late
cp -r p/late p/ghost
sed -i 's/^id = .*/id = "ghost"/' p/ghost/client.ini
ipt -C p/ghost session add --date 2026-11-01 --attendance no-show > /dev/null
t 'a no-show is not contact' fires no-contact 2026-11-26 p/ghost
ipt -C p/ghost session add --date 2026-11-05 --attendance cancelled > /dev/null
t 'a cancellation is contact' quiet no-contact 2026-11-26 p/ghost

# Focus and inventory: due by session 4, the end of the initial phase.
mk p/nofocus 2026-10-29 4
mk p/focused 2026-10-29 4
ipt -C p/focused focus set role-dispute --date 2026-11-19 > /dev/null
for who in Ana Ben Cleo; do
	ipt -C p/focused inventory add "$who" --relationship friend \
	    --date 2026-11-19 > /dev/null
done
mk p/week3 2026-11-05 3
t 'focus-due fires after the initial phase' fires focus-due 2026-11-26 p/nofocus
t_grep 'overdue' '^overdue	2026-11-26	nofocus	.*focus-due	no focus agreed after 4 sessions' r.tsv
t 'focus-due fires before its last session' fires focus-due 2026-11-24 p/week3
t_grep 'due' '^due	2026-11-26	week3	.*agree the focus at session 4 (the 4th of 16 planned, initial phase), the last of the initial phase$' r.tsv
t 'focus-due quiet once chosen' quiet focus-due 2026-11-26 p/focused
t 'focus-due quiet early in the phase' quiet focus-due 2026-11-10 p/week3
t 'inventory-due fires after the initial phase' fires inventory-due 2026-11-26 p/nofocus
t_grep 'it counts the people' 'has 0 of the 3 people' r.tsv
t 'inventory-due fires before its last session' fires inventory-due 2026-11-24 p/week3
t 'inventory-due quiet with 3 people' quiet inventory-due 2026-11-26 p/focused

# The formulation and the phase tasks: due at session 4, the last of the
# initial phase, overdue once it is held, quiet once recorded (the rules
# ipt check warns by: t58, t84).
t 'formulation-due fires after the initial phase' \
    fires formulation-due 2026-11-26 p/nofocus
t_grep 'overdue, naming the command' \
    '^overdue	2026-11-26	nofocus	.*formulation-due	no formulation recorded after 4 sessions held (due by the 4th; ipt formulation add)$' r.tsv
t 'formulation-due fires before its last session' \
    fires formulation-due 2026-11-24 p/week3
t_grep 'due at the next session' \
    '^due	2026-11-26	week3	.*formulation-due	share the formulation at session 4 (the 4th of 16 planned, initial phase), the last of the initial phase' r.tsv
t 'formulation-due quiet early in the phase' \
    quiet formulation-due 2026-11-10 p/week3
ipt -C p/focused formulation add --area role-dispute --date 2026-11-19 \
    'The dispute with Ben.' > /dev/null
t 'formulation-due quiet once recorded' \
    quiet formulation-due 2026-11-26 p/focused
t 'task-due fires after the initial phase' fires task-due 2026-11-26 p/nofocus
t_grep "overdue: the sick role" \
    "^overdue	2026-11-26	nofocus	.*task-due	the initial task 'sick-role' was not done by the 4th session held, the end of the initial phase" r.tsv
t 'four initial tasks overdue, none of a later phase' test \
    "$(grep -c '	task-due	the initial task' r.tsv) $(grep -c '	task-due	' r.tsv)" = '4 4'
t 'task-due fires before its last session' fires task-due 2026-11-24 p/week3
t_grep "due: the contract at the phase's last session" \
    "^due	2026-11-26	week3	.*task-due	the initial task 'contract' is not done yet: session 4 (the 4th of 16 planned, initial phase) is the last of the initial phase\$" r.tsv
t 'task-due quiet early in the phase' quiet task-due 2026-11-10 p/week3
ipt -C p/week3 session edit 2 --technique sick-role --technique inventory \
    --technique formulation --technique contract > /dev/null
t 'task-due quiet once every task is recorded' \
    quiet task-due 2026-11-24 p/week3
status p/nofocus maintenance
t 'task-due quiet in maintenance' quiet task-due 2026-11-26 p/nofocus
t 'formulation-due quiet in maintenance' \
    quiet formulation-due 2026-11-26 p/nofocus
status p/nofocus active

# The final phase: session 13 of 16 is due on 2026-11-26.
mk p/final 2026-09-03 12
mk p/final2 2026-09-03 11
ipt -C p/final2 session add --date 2026-11-19 --technique termination > /dev/null
ipt -C p/final2 relapse add --kind warning-sign 'waking at 4' > /dev/null
t 'termination-due fires as the final phase begins' fires termination-due 2026-11-26 p/final
t_grep 'it names the session' 'session 13 (the 13th of 16 planned, final phase): raise the ending' r.tsv
t 'termination-due quiet outside the window' quiet termination-due 2026-11-20 p/final --within 3
t 'termination-due quiet once raised' quiet termination-due 2026-11-26 p/final2
t 'relapse-plan-due fires' fires relapse-plan-due 2026-11-26 p/final
t 'relapse-plan-due quiet outside the window' quiet relapse-plan-due 2026-11-20 p/final --within 3
t 'relapse-plan-due quiet with a plan' quiet relapse-plan-due 2026-11-26 p/final2
ipt -C p/final session add --date 2026-11-26 > /dev/null
t 'termination-due late in the final phase' fires termination-due 2026-11-27 p/final
t_grep 'overdue once a final session was held' '^overdue	.*termination-due' r.tsv

# Plan complete.
mk p/done 2026-08-06 16
t 'plan-complete fires' fires plan-complete 2026-11-26 p/done
t_grep 'it says what to decide' 'all 16 planned sessions held: end, extend or contract maintenance' r.tsv
t 'no session is due after the plan' quiet session-overdue 2026-12-26 p/done
t 'plan-complete quiet before the end' quiet plan-complete 2026-11-26 p/final

# Measures by the variant's cadence (standard: phq9 every session, gad7
# every 4 sessions, wsas every 28 days).
mk p/meas 2026-11-05 3
measures p/meas '2026-11-19,3,phq9,6,mild,1 1 1 1 1 1 0 0 0,' \
    '2026-11-19,3,gad7,5,mild,1 1 1 1 1 0 0,'
t 'measure-due fires' fires measure-due 2026-11-26 p/meas
t_grep 'phq9 due every session' 'phq9 due at session 4 (the 4th of 16 planned, initial phase); given every session' r.tsv
t 'gad7 given at session 3 is not due at 4' sh -c '! grep -q gad7 r.tsv'
t 'measure-due quiet outside the window' quiet measure-due 2026-11-20 p/meas --within 2
cp -r p/meas p/meas2
sed -i 's/^id = .*/id = "meas2"/' p/meas2/client.ini
status p/meas2 paused
t 'measure-due quiet when paused' quiet measure-due 2026-11-26 p/meas2

# Maintenance: monthly sessions, and monthly is not a drop-out.
mk p/maint 2026-10-29 1 --frequency 28
status p/maint maintenance
t 'maintenance-due fires' fires maintenance-due 2026-11-26 p/maint
t 'maintenance-due quiet outside the window' quiet maintenance-due 2026-11-10 p/maint
t 'no session-due for maintenance' quiet session-due 2026-11-26 p/maint
t 'no-contact waits two intervals of a monthly client' quiet no-contact 2026-12-20 p/maint
t 'no-contact after two intervals' fires no-contact 2026-12-24 p/maint
t 'maintenance clients skip the acute-phase rules' quiet focus-due 2026-11-26 p/maint

# Risk: an open flag fires whatever the status; a later administration
# with the item at 0 closes it.
mk p/risky 2026-11-05 3
measures p/risky '2026-11-19,3,phq9,14,moderate,1 2 1 2 1 2 1 2 2,risk'
t 'risk-open fires' fires risk-open 2026-11-26 p/risky
t_grep 'risk first, with its item and session' \
    '^RISK	2026-11-19	risky	.*risk-open	open risk flag: phq9 item 9 = 2 on 2026-11-19 (session 3)' r.tsv
t 'risk is the first line' sh -c 'sed -n 2p r.tsv | grep -q "^RISK"'
status p/risky paused
t 'risk-open fires for a paused client' fires risk-open 2026-11-26 p/risky
t 'and nothing else does' sh -c '[ "$(wc -l < r.tsv)" = 2 ]'
status p/risky ended
t 'risk-open fires for an ended client' fires risk-open 2026-11-26 p/risky
measures p/risky '2026-11-19,3,phq9,14,moderate,1 2 1 2 1 2 1 2 2,risk' \
    '2026-11-20,,phq9,9,mild,1 2 1 2 1 1 1 0 0,'
t 'risk-open still fires once the item is 0 (not reviewed)' \
    fires risk-open 2026-11-26 p/risky
measures p/risky '2026-11-19,3,phq9,14,moderate,1 2 1 2 1 2 1 2 2,risk;reviewed' \
    '2026-11-20,,phq9,9,mild,1 2 1 2 1 1 1 0 0,'
t 'risk-open quiet once reviewed' quiet risk-open 2026-11-26 p/risky

# Paused and ended: nothing but risk.
cp -r p/late p/away
sed -i 's/^id = .*/id = "away"/' p/away/client.ini
status p/away paused
ipt --today 2026-11-26 remind p/away > out
t 'a paused client is silent' test ! -s out
status p/away ended
ipt --today 2026-11-26 remind p/away > out
t 'an ended client is silent' test ! -s out

# The practice's settings, and --within over them.
mkdir q
printf '[remind]\nwithin = 3\nno_contact_days = 60\n' > q/ipt.ini
cp -r p/late q/late
t 'ipt.ini within narrows the window' quiet session-due 2026-10-17 q/late
t '--within overrides ipt.ini' fires session-due 2026-10-17 q/late --within 7
t 'ipt.ini no_contact_days' quiet no-contact 2026-11-26 q/late
t 'no_contact_days reached' fires no-contact 2026-12-14 q/late
printf '[remind]\nwithin = soon\nno_contact_days = 60\n' > q/ipt.ini
ipt --today 2026-10-17 remind q > out 2> err
t_fail 1 'a bad setting exits 1' ipt --today 2026-10-17 remind q
t_grep 'it names the file and key' 'ipt.ini: \[remind\] within' err
t_grep 'the scan goes on with its default' 'session-due' out
ipt --today 2026-11-26 remind q > out 2> /dev/null
t 'the good settings still apply' sh -c '! grep -q no-contact out'

# The whole practice: risk, overdue, then the rest by date, then client.
ipt remind p --format tsv > all.tsv
t 'tsv header' sh -c '[ "$(head -n 1 all.tsv)" = "$(printf "urgency\tdate\tclient\tpath\tkind\tmessage")" ]'
t 'six columns on every line' sh -c '! awk -F"\t" "NF != 6" all.tsv | grep -q .'
t 'sorted by risk, overdue, then date, client' python3 -c '
import sys
rank = {"RISK": 0, "overdue": 1, "due": 2, "info": 2}
rows = [l.rstrip("\n").split("\t") for l in open("all.tsv")][1:]
keys = [(rank[r[0]], r[1], r[0] == "info", r[2]) for r in rows]
sys.exit(keys != sorted(keys) or len(rows) < 10)'
ipt remind p > all.txt
t 'text has a line per reminder' sh -c '[ "$(grep -c "^[0-9]" all.txt)" = "$(($(wc -l < all.tsv) - 1))" ]'
t 'text: the groups under their headings, in order' sh -c \
    '[ "$(grep -v "^[0-9]" all.txt | tr "\n" "|")" = "overdue:||today:||ahead:|" ]'
t 'text: dates in order within each group' awk '
    /^[0-9]/ { if ($1 < last) bad = 1; last = $1; next }
    { last = "" } END { exit bad }' all.txt
t 'text: date, client, kind, message' sh -c \
    'grep -Eq "^2026-10-22  late +session-overdue +session 4 \(the 4th of 16 planned, initial phase\) was due" all.txt'
t 'text has no header' sh -c '! head -n 1 all.txt | grep -q "^date"'
ipt remind p --format json > all.json
t 'json parses' python3 -m json.tool all.json
t 'json has every reminder' sh -c '[ "$(jq length all.json)" = "$(($(wc -l < all.tsv) - 1))" ]'
t 'json keys' sh -c '[ "$(jq -r ".[0] | keys_unsorted | join(\",\")" all.json)" = "urgency,date,client,path,kind,message" ]'
t 'json path' sh -c '[ "$(jq -r "[.[] | select(.client == \"late\")][0].path" all.json)" = p/late ]'
snap p
ipt remind p > /dev/null
t_unchanged 'remind writes nothing' p

# Nothing due: silence for cron.
mk calm 2026-12-20 0
ipt remind calm > out 2> err
t 'text prints nothing' test ! -s out
t 'and nothing on stderr' test ! -s err
t 'exit 0 when nothing is due' ipt remind calm
ipt remind calm --format tsv > out
t 'tsv prints nothing, not even a header' test ! -s out
ipt remind calm --format json > out
t 'json prints []' sh -c '[ "$(cat out)" = "[]" ]'

# The default path is the practice of the current directory.
(cd p/late && "$IPT" remind --format tsv) > out
t 'from inside a client: the whole practice' grep -q '	nofocus	' out
t_grep 'paths from the root are absolute' "	late	$P/late	" out
(cd p && "$IPT" remind --format tsv) > out
t_grep 'paths at the root are relative' '	late	late	' out
ipt -C p remind > out
t 'with -C the practice' sh -c 'grep -q nofocus out && grep -q late out'
mkdir plain
mk plain/x 2026-10-01 0
(cd plain && "$IPT" remind --format tsv) > out
t 'no practice: the current directory' grep -q '	x	x	' out

# The walk: hidden directories, symbolic links and a client's own
# subdirectories are left alone; a link given as a path is followed.
mkdir -p w/.hidden w/team
mk w/team/a 2026-10-01 0
mk w/.hidden/h 2026-10-01 0
mkdir -p w/team/a/notes
# ipt init refuses a client inside a client: make it beside, move it in.
mk w/inner 2026-10-01 0
mv w/inner w/team/a/notes/inner
t 'a client inside a client (made by hand)' test -f w/team/a/notes/inner/client.ini
ln -s ../p/late w/link
ipt remind w --format tsv > out
t 'the client is found' grep -q '	a	w/team/a	' out
t 'a hidden directory is skipped' sh -c '! grep -q "	h	" out'
t 'a client directory is not descended into' sh -c '! grep -q inner out'
t 'a symbolic link is not followed' sh -c '! grep -q "	late	" out'
ipt remind w/link --format tsv > out
t 'a link given as a path is followed' grep -q '	late	w/link	' out
ipt remind w/team/a p/late --format tsv > out
t 'several paths' sh -c 'grep -q "	a	" out && grep -q "	late	" out'

# Bad input.
t_fail 2 '--within not a number' ipt remind p --within soon
t_fail 2 '--within too large' ipt remind p --within 400
t_fail 2 'unknown format' ipt remind p --format csv
t_fail 2 'unknown option' ipt remind p --colour
ipt remind p --within -1 2> err
t_grep 'names the option' "^ipt: --within: '-1' is not" err
t_fail 1 'a missing path' ipt remind nosuch
ipt remind nosuch 2> err
t_grep 'names the path' '^ipt: nosuch: No such file or directory$' err
t_fail 1 'a file as the path' ipt remind p/late/client.ini

# A caseload with unreadable clients: every other client is reported,
# each broken one is named on one line of stderr, and the exit is 1.
mkdir b
touch b/ipt.ini
mk b/a-good 2026-10-01 2
mk b/b-badcsv 2026-10-01 2
printf '9,2026-13-01,individual,attended,,initial,,,,,\n' >> b/b-badcsv/sessions.csv
mk b/c-badini 2026-10-01 2
printf '[client\nid = c\n' > b/c-badini/client.ini
mk b/d-badmeasure 2026-10-01 2
measures b/d-badmeasure '2026-10-01,1,phq9,many,,,'
mk b/e-good 2026-10-01 2
nerr=3
if [ "$(id -u)" != 0 ]; then
	mk b/f-noperm 2026-10-01 2
	chmod 000 b/f-noperm
	nerr=4
fi
ipt remind b > out 2> err
rc=$?
[ "$(id -u)" != 0 ] && chmod 700 b/f-noperm
t 'exit 1 when a client cannot be read' test "$rc" = 1
t 'the good clients are reported' sh -c 'grep -q a-good out && grep -q e-good out'
t 'only the good clients' sh -c '[ "$(grep "^[0-9]" out | cut -d" " -f3 | sort -u | tr "\n" " ")" = "a-good e-good " ]'
t 'one stderr line per broken client' sh -c "[ \"\$(wc -l < err)\" = $nerr ]"
t_grep 'a bad CSV value: file and line' '^ipt: b/b-badcsv/sessions.csv:4: date: ' err
t_grep 'a client.ini that does not parse: file and line' '^ipt: b/c-badini/client.ini:1: ' err
t_grep 'a bad measures.csv: file and line' '^ipt: b/d-badmeasure/measures.csv:2: total' err
ipt remind b --format json > out 2> /dev/null
t 'json is still valid' python3 -m json.tool out

finish
