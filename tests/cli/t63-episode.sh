#!/bin/sh
# t63-episode.sh: a client who comes back after an ended therapy starts
# a new episode (ipt plan --status active after ended).  Session numbers
# keep counting; the course starts again: the place in the plan, the
# phases, weeks and attendance, what remind and schedule count.  The
# first episode is kept in episodes.csv and told apart by status,
# report, ls and export; check catches a session in the gap and a bad
# episodes.csv.
. "$(dirname "$0")/lib.sh"

# t_lines NAME N FILE: the file has N lines.
t_lines() {
	t "$1" test "$(wc -l < "$3")" -eq "$2"
}
# The outputs, out of the client directories.
O=$T_TMP

: > ipt.ini
ipt init clients/ana --name 'Ana M.' --start 2026-01-05 --sessions 12 \
    > /dev/null
cd clients/ana || exit 1
ipt session add --date 2026-01-05 > /dev/null
ipt focus set grief --date 2026-01-05 > /dev/null
ipt session add --date 2026-01-12 > /dev/null
ipt session add --date 2026-01-19 --attendance cancelled > /dev/null
ipt session add --date 2026-01-20 > /dev/null
ipt session add --date 2026-01-26 > /dev/null
ipt session add --date 2026-02-02 > /dev/null
ipt measure add phq9 --session 1 2 2 2 2 2 2 2 2 0 > /dev/null
# Item 9 positive at the last session: a risk flag left open at the end.
ipt measure add phq9 --session 6 1 1 1 1 1 1 1 1 2 > /dev/null
ipt plan --status ended --reason completed --date 2026-02-02 > /dev/null

# Bad input: a usage error naming the option, and nothing written.
snap .
t_fail 2 'a start not after the end' \
    ipt plan --status active --start 2026-02-02
ipt plan --status active --start 2026-02-02 2> "$O/err"
t_grep 'says which end' \
    '^ipt: --start: 2026-02-02 is not after the end of episode 1 (2026-02-02)$' "$O/err"
t_fail 2 'a start after today' ipt plan --status active --start 2026-11-27
ipt plan --status active --start 2026-11-27 2> "$O/err"
t_grep 'says after today' '^ipt: --start: 2026-11-27 is after today' "$O/err"
t_fail 2 'a bad start' ipt plan --status active --start 2026-02-30
t_fail 2 'paused after ended' ipt plan --status paused
ipt plan --status paused 2> "$O/err"
t_grep 'says how to start again' \
    'a new episode starts with --status active$' "$O/err"
t_fail 2 'a bad plan for the new episode' \
    ipt plan --status active --start 2026-11-02 --sessions 0
t_unchanged 'bad input changes nothing' .
t 'no episodes.csv yet' test ! -e episodes.csv

# The return: episode 2 starts; episode 1 is kept with its end and focus.
t 'back to active: a new episode' \
    ipt plan --status active --start 2026-11-02 --sessions 8
t_grep 'episodes.csv keeps episode 1' \
    '^1,2026-01-05,2026-02-02,completed,standard,12,7,grief,$' episodes.csv
t_lines 'one row per closed episode' 2 episodes.csv
t 'episodes.csv is 0600' test "$(stat -c %a episodes.csv)" = 600
t_grep 'client.ini names episode 2' '^episode = "2"$' client.ini
t_grep 'its start' '^start = "2026-11-02"$' client.ini
t_grep 'its plan' '^planned_sessions = "8"$' client.ini
t_grep 'the focus is chosen anew' '^primary = ""$' client.ini
t 'no end in client.ini' sh -c '! grep -q "^ended_on\|^end_reason" client.ini'
ipt plan > "$O/out"
t_grep 'plan shows the episode' '^episode: 2$' "$O/out"
t 'and no end' sh -c '! grep -q "^ended_on" "$1"' sh "$O/out"
t_grep 'history records episodes.csv' ',episodes.csv,add,ipt plan,' history.csv
t_grep 'and client.ini' ',client.ini,.*,ipt plan,client.episode,' history.csv

# Its sessions: numbers go on, the place in the plan starts again.
ipt session add --date 2026-11-02 > "$O/out"
t_grep 'session 7' '^7$' "$O/out"
t_grep 'in the initial phase again' '^7,2026-11-02,individual,attended,,initial,' \
    sessions.csv
ipt session add --date 2026-11-09 > /dev/null
ipt session add --date 2026-11-16 --attendance cancelled > /dev/null
ipt session add --date 2026-11-23 > /dev/null
t_fail 2 'no session in the gap' ipt session add --date 2026-06-01
snap .
t_fail 2 'no start of episode 2 in episode 1' ipt plan --start 2026-02-01
ipt plan --start 2026-02-01 2> "$O/err"
t_grep 'says which end' \
    '^ipt: --start: 2026-02-01 is not after the end of episode 1 (2026-02-02)$' "$O/err"
t_fail 2 'no start after the first session of the episode' \
    ipt plan --start 2026-11-05
ipt plan --start 2026-11-05 2> "$O/err"
t_grep 'names the first session of episode 2' \
    '^ipt: --start: the start 2026-11-05 is after session 7 (2026-11-02)$' "$O/err"
t_unchanged 'nothing written' .
t 'a start between the end and the first session' \
    ipt plan --start 2026-10-26
t 'and back' ipt plan --start 2026-11-02

ipt status > "$O/st"
t_grep 'status: episode 2 since its start, its weeks' \
    '^status:    active, episode 2, since 2026-11-02 (3 weeks in treatment)$' "$O/st"
t_grep 'status: episode 1 apart' \
    '^episode 1: 2026-01-05 to 2026-02-02 (completed), 5 of 12 held$' "$O/st"
t_grep 'status: this episode held and cancelled' \
    '^sessions:  3 of 8 held, 1 cancelled, 0 no-show$' "$O/st"
t_grep 'status: 1 of N again' \
    '^last:      2026-11-23, session 10 (the 3rd of 8 planned, initial phase)$' "$O/st"
t_grep 'status: next' \
    '^next:      session 11 (the 4th of 8 planned, middle phase) due 2026-11-30$' "$O/st"
t_grep 'the risk flag of episode 1 stays open' \
    '^RISK: phq9 item 9 = 2 on 2026-02-02 (session 6), open' "$O/st"
t_grep 'a new focus is due' 'focus-due: no focus agreed after 3 sessions' "$O/st"
ipt status --format json > "$O/st.json"
t 'json: episode 2' test "$(jq .episode "$O/st.json")" = 2
t 'json: weeks, held, cancelled of episode 2' \
    test "$(jq -c '[.weeks, .held, .cancelled]' "$O/st.json")" = '[3,3,1]'
t 'json: episode 1 apart' test "$(jq -c '.episodes[0] |
    [.episode, .start, .ended_on, .end_reason, .planned, .held,
    .cancelled, .weeks, .primary]' "$O/st.json")" = \
    '[1,"2026-01-05","2026-02-02","completed",12,5,1,4,"grief"]'
t 'json: its measures' test "$(jq -c '.episodes[0].measures[0] |
    [.instrument, .n, .first, .last]' "$O/st.json")" = '["phq9",2,"16","10"]'

# remind and schedule count the new episode only.
ipt remind . > "$O/rem"
t_grep 'remind: the 4th of 8' \
    'session-due .*session 11 (the 4th of 8 planned, middle phase)' "$O/rem"
t_grep 'remind: the open flag' 'risk-open .*phq9 item 9 = 2' "$O/rem"
ipt schedule > "$O/sch"
t_grep 'schedule: the 4th of 8 first' \
    '^2026-11-30  Mon  session 11 (the 4th of 8 planned, middle phase)$' "$O/sch"
t_grep 'schedule: to the 8th of 8' \
    '^2026-12-28  Mon  session 15 (the 8th of 8 planned, final phase)$' "$O/sch"
t_lines 'schedule: five sessions ahead' 5 "$O/sch"

# The report: episode 1 apart, with its end and reason, in each format.
ipt measure add phq9 --session 8 1 1 1 1 1 1 1 0 0 > /dev/null
ipt session edit 8 --mood 6 > /dev/null
ipt report > "$O/rep"
t_grep 'report: the current episode' '^  episode  *2, since 2026-11-02' "$O/rep"
t_grep 'report: episode 1 apart' '^Episode 1$' "$O/rep"
t_grep 'report: its dates' \
    '^  in treatment  *4 weeks, 2026-01-05 to 2026-02-02$' "$O/rep"
t_grep 'report: its end reason' '^  ended  *completed$' "$O/rep"
t_grep 'report: its sessions held of planned' '^  held  *5 of 12 planned$' "$O/rep"
t_grep 'report: its attendance' \
    '^  attendance  *5 attended, 1 cancelled, 0 no-show (83% attended)$' "$O/rep"
t_grep 'report: its first and last scores' \
    '^  phq9  *16 on 2026-01-05 to 10 on 2026-02-02 (-6, 2 given)$' "$O/rep"
t_grep 'report: this episode held' '^  held  *3 of 8 planned$' "$O/rep"
t_grep "report: the scores are this episode's, by session number" \
    '^  scores  *s8=7$' "$O/rep"
t_grep "report: the mood line is this episode's" \
    '^  mood  *.* 6 to 6 over 1 rating (' "$O/rep"
t "report: the focus table leaves episode 1's decision to its section" \
    sh -c '! sed -n "/^Focus$/,/^Formulation$/p" "$1" | grep -q grief' sh "$O/rep"
ipt report --format md > "$O/rep.md"
t_grep 'md: episode 1' '^### Episode 1$' "$O/rep.md"
t_grep 'md: its end' 'ended:\*\* completed$' "$O/rep.md"
ipt report --format html > "$O/rep.html"
t_grep 'html: episode 1' '>Episode 1<' "$O/rep.html"
t_grep 'html: its end' 'completed' "$O/rep.html"
ipt report --format json > "$O/rep.json"
t 'json report: episode 2' test "$(jq .client.episode "$O/rep.json")" = 2
t "json report: this episode's phq9, one given" \
    test "$(jq -c '.measures[] | select(.instrument == "phq9") |
    .administrations' "$O/rep.json")" = 1
t 'json report: episode 1 ended' test \
    "$(jq -r '.episodes[0] | .ended_on + " " + .end_reason' "$O/rep.json")" = \
    '2026-02-02 completed'

# ls and export say the episode.
ipt ls ../.. > "$O/ls"
t_grep 'ls: ep 2' '^ana  *Ana M\.  *standard  *active, ep 2  *3/8 ' "$O/ls"
ipt ls --format csv ../.. > "$O/ls.csv"
t_grep 'ls csv: episode added last' ',path,episode$' "$O/ls.csv"
t_grep 'ls csv: 2' '/clients/ana,2$' "$O/ls.csv"
ipt ls --format json ../.. > "$O/ls.json"
t 'ls json: episode' test "$(jq '.[0].episode' "$O/ls.json")" = 2
ipt export --table clients ../.. > "$O/exp"
t_grep 'export clients: episode last' ',episode$' "$O/exp"
t_grep 'export clients: 2' '^ana,.*,2$' "$O/exp"
ipt export --table sessions ../.. > "$O/exp"
t_grep 'export sessions: episode 1 place' '^ana,clients,6,5,2026-02-02,.*,1$' "$O/exp"
t_grep 'export sessions: places restart' '^ana,clients,7,1,2026-11-02,.*,2$' "$O/exp"
ipt export --table measures ../.. > "$O/exp"
t_grep 'export measures: their episode' '^ana,clients,2,2026-02-02,.*,1$' "$O/exp"

# check: the one error is the flag left unreviewed at session 7.
ipt risk review --level low --note 'seen again' > /dev/null
ipt check . > "$O/chk" 2>&1
t_grep 'check: the late review' \
    '^measures.csv:3: error: risk flag of 2026-02-02 (phq9 item 9 = 2) was not reviewed by the next session (7 on 2026-11-02)$' "$O/chk"
t_grep 'check: no other error' ': 1 error,' "$O/chk"
t_grep 'check: episode 1 audited apart' \
    '^episodes.csv:2: warning: episode 1 ended but no concluding session' "$O/chk"

# check: a session in the gap, episodes.csv out of order or bad.
cp -Rp . ../gap
printf '11,2026-06-01,individual,attended,,middle,,,,,\n' >> ../gap/sessions.csv
ipt check ../gap > "$O/chk" 2> /dev/null
t_grep 'check: a session in the gap' \
    '/sessions.csv:12: error: date: 2026-06-01 is after the end of episode 1 (2026-02-02) and before the start of episode 2 (2026-11-02)$' "$O/chk"
cp -Rp . ../order
sed -i 's/^1,2026-01-05,2026-02-02,/1,2026-03-01,2026-02-02,/' ../order/episodes.csv
ipt check ../order > "$O/chk" 2> /dev/null
t_grep 'check: a start after its end' \
    '/episodes.csv:2: error: ended_on: 2026-02-02 is before the start of episode 1 (2026-03-01)$' "$O/chk"
cp -Rp . ../late
sed -i 's/^1,2026-01-05,2026-02-02,/1,2026-01-05,2026-11-10,/' ../late/episodes.csv
ipt check ../late > "$O/chk" 2> /dev/null
t_grep 'check: an end after the next start' \
    '/client.ini: error: \[client\] start: 2026-11-02 is not after the end of episode 1 (2026-11-10)$' "$O/chk"
cp -Rp . ../bad
sed -i 's/,completed,/,bored,/' ../bad/episodes.csv
ipt check ../bad > "$O/chk" 2> /dev/null
t_grep 'check: a bad reason' '/episodes.csv:2: error: end_reason: ' "$O/chk"
t_fail 1 'status of a bad episodes.csv fails' ipt -C ../bad status
ipt -C ../bad status 2> "$O/err"
t_grep 'naming file, line and field' 'episodes.csv:2: end_reason: ' "$O/err"
cp -Rp . ../focus
sed -i 's/^primary = ""$/primary = "role-dispute"/' ../focus/client.ini
ipt check ../focus > "$O/chk" 2> /dev/null
t_grep 'check: a focus of no decision of episode 2' \
    '/client.ini: error: \[focus\] is '"'role-dispute'"', but focus.csv has no decision of episode 2$' "$O/chk"
ipt check --fix ../focus > /dev/null 2>&1
t 'check --fix does not take the focus of episode 1' \
    sh -c '! grep -q "grief\|2026-01-05" ../focus/client.ini'
cp -Rp . ../num
sed -i 's/^episode = "2"$/episode = "3"/' ../num/client.ini
ipt check ../num > "$O/chk" 2> /dev/null
t_grep 'check: client.ini out of step' \
    '/client.ini: error: \[client\] episode: 3, but episodes.csv closes 1 episode before it$' "$O/chk"

# Maintenance after an end continues the episode; active after it again
# starts a third.
ipt plan --status ended --reason completed --date 2026-11-23 > /dev/null
t 'maintenance after the end' ipt plan --status maintenance --frequency 28
t_lines 'the same episode' 2 episodes.csv
t_grep 'still episode 2' '^episode = "2"$' client.ini
t 'its end cleared' sh -c '! grep -q "^ended_on" client.ini'
ipt plan --status ended --reason completed --date 2026-11-24 > /dev/null
t 'active after the end: episode 3' \
    ipt plan --status active --start 2026-11-25 --sessions 8
t_lines 'two closed episodes' 3 episodes.csv
t_grep 'episode 2 kept' '^2,2026-11-02,2026-11-24,completed,standard,8,28,,$' \
    episodes.csv
ipt status > "$O/st"
t_grep 'status: episode 3' \
    '^status:    active, episode 3, since 2026-11-25' "$O/st"
t_grep 'status: episode 2 apart' \
    '^episode 2: 2026-11-02 to 2026-11-24 (completed), 3 of 8 held$' "$O/st"

# A write that fails half way leaves old or new files, and check says
# so; the next try writes the row once.
cd .. || exit 1
ipt init fail --start 2026-01-05 > /dev/null
ipt -C fail session add --date 2026-01-05 > /dev/null
ipt -C fail plan --status ended --reason moved --date 2026-01-10 > /dev/null
snap fail
t_fail 1 'a fault at the first file fails' env IPT_TEST_FAULT=rename:1 \
    "$IPT" -C fail plan --status active --start 2026-11-02
t_unchanged 'and leaves the old files' fail
t_fail 1 'a fault at client.ini fails' env IPT_TEST_FAULT=rename:2 \
    "$IPT" -C fail plan --status active --start 2026-11-02
t_grep 'client.ini is old' '^status = "ended"$' fail/client.ini
ipt check fail > "$O/chk" 2>&1
t_grep 'check says they are out of step' \
    '^fail/client.ini: error: \[client\] episode: 1, but episodes.csv closes 1 episode before it$' "$O/chk"
t 'the next try works' ipt -C fail plan --status active --start 2026-11-02
t_lines 'episode 1 written once' 2 fail/episodes.csv
ipt check fail > "$O/chk" 2>&1
t_grep 'check: no error after' ': 0 errors,' "$O/chk"

# Two returns at once: the lock takes them one after the other.
ipt init two --start 2026-01-05 > /dev/null
ipt -C two session add --date 2026-01-05 > /dev/null
ipt -C two plan --status ended --reason completed --date 2026-01-10 > /dev/null
"$IPT" -C two plan --status active --start 2026-11-02 > /dev/null 2>&1 &
"$IPT" -C two plan --status active --start 2026-11-03 > /dev/null 2>&1 &
wait
t_lines 'one episode closed' 2 two/episodes.csv
t_grep 'episode 2' '^episode = "2"$' two/client.ini
ipt check two > "$O/chk" 2>&1
t_grep 'check: no error' ': 0 errors,' "$O/chk"
# episodes.csv changed by hand: check names the episode, check --fix
# records the change in the history (as for every record file), and the
# history is sealed again.
cp -R two hand
sed -i '2s/,completed,/,moved,/' hand/episodes.csv
ipt check hand > "$O/chk" 2>&1
t_grep 'check names the episode changed by hand' \
    '^hand/episodes.csv:2: warning: episode 1: changed outside ipt' "$O/chk"
ipt check --fix hand > "$O/fix" 2>&1
t_grep 'check --fix records it' \
    '^hand/episodes.csv: recorded 1 row changed outside ipt in the history$' "$O/fix"
t_grep '... and keeps it' ',moved,' hand/episodes.csv
ipt check hand > "$O/chk" 2>&1
t 'check no longer names it' sh -c "! grep -q 'outside ipt' '$O/chk'"
ipt -C hand history > "$O/hist" 2>&1
t_grep 'ipt history shows the correction' '^  episodes.csv, episode 1: changed' "$O/hist"
t_grep '... before and after' 'end_reason: completed -> moved' "$O/hist"
IPT_TEST_FAULT=seal "$IPT" check hand > /dev/null 2> "$O/seal"
t_grep 'the history is sealed again' 'verified by its seal' "$O/seal"
finish
