#!/bin/sh
# make-practice.sh: build the sample practice of examples/ with ipt itself.
#
#   sh examples/make-practice.sh [target]
#
# Deletes and recreates TARGET/clients (default: examples/practice, beside
# this script) and writes TARGET/ipt.ini, by running ipt commands with
# every date pinned, so that the result is the same byte for byte on every
# run: tests/cli/t92-examples.sh runs it into a temporary copy and compares.
# TARGET/instruments/ is copied from examples/practice when missing.  The
# binary is $IPT, or ./ipt of the source tree.
#
# Ten fictional clients, one per variant, in different states; today is
# 2026-11-26 (see examples/README.md for what each shows):
#   ana   standard    mid-therapy, session due today
#   ben   brief       new: two sessions, focus just agreed
#   lia   adolescent  mid-therapy; open risk flag from her last session
#   dora  couples     final phase: ending raised, relapse plan written
#   eva   eating      paused during a placement abroad
#   omar  ptsd        ended: PCL-5 at sessions 1, 7 and 14
#   ines  bipolar     acute IPSRT done, now in monthly maintenance
#   gus   group       WHO group IPT, middle of the group
#   maya  perinatal   ended in August, back in November: episode 2
#   walt  maintenance monthly IPT-M, a wobble caught in July
#
# The item lists of $(dist ...) are split into words on purpose, and
# "goal done" is an ipt verb, not the shell keyword.
# shellcheck disable=SC2046,SC1010
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
IPT=${IPT:-$top/ipt}
case $IPT in /*) ;; *) IPT=$(pwd)/$IPT ;; esac
target=${1:-$here/practice}
[ -x "$IPT" ] || { echo "make-practice.sh: no ipt binary at $IPT" >&2; exit 2; }
mkdir -p "$target"
target=$(cd "$target" && pwd)

export IPT_TODAY=2026-11-26 LC_ALL=C TZ=UTC
unset VISUAL EDITOR IPT_TEST_FAULT || true
umask 077

notefile=$(mktemp "${TMPDIR:-/tmp}/ipt-note.XXXXXX")
trap 'rm -f "$notefile"' EXIT

# The history (history.csv) records when and by whom: at 17:00 of the
# latest day a write below has named so far (so an event of last year is
# recorded when the client came), by the client's therapist (new()).
export IPT_NOW=2026-11-26T17:00:00Z IPT_AUTHOR='Dr. R. Ruiz'

# ipt ARGS: run ipt quietly; any failure stops the script (set -e).
ipt() {
	_prev=
	for _a in "$@"; do
		# Later only: an event of last year is recorded today.
		case $_prev in --date|--start)
			expr "$_a" \> "${IPT_NOW%T*}" > /dev/null &&
			    IPT_NOW=${_a}T17:00:00Z ;;
		esac
		_prev=$_a
	done
	"$IPT" "$@" > /dev/null
}

# held DATE MOOD STRESS 'TECHNIQUE ...' [OPTION ...]: a session held, of
# $DUR minutes; more options of `ipt session add' may follow.
DUR=50
held() {
	_d=$1 _m=$2 _s=$3 _t=$4
	shift 4
	for _x in $_t; do
		set -- "$@" --technique "$_x"
	done
	ipt session add --date "$_d" --duration "$DUR" --mood "$_m" \
	    --stress "$_s" "$@"
}

# missed DATE cancelled|no-show NOTE: a session not held.
missed() { ipt session add --date "$1" --attendance "$2" --note "$3"; }

# note N: the text on standard input becomes the note of session N, as if
# typed in the editor.
note() {
	cat > "$notefile"
	VISUAL="cp '$notefile'" "$IPT" session note "$1" > /dev/null
}

# private N: the same for the therapist's private note of session N
# (private/NNNN.md: no other command reads it, and git never gets it).
private() {
	cat > "$notefile"
	VISUAL="cp '$notefile'" "$IPT" session private "$1" > /dev/null
}

# dist TOTAL MAX N 'ORDER': N item scores from 0 to MAX summing to TOTAL,
# raised one point at a time over the items listed in ORDER (the items
# most affected first); items not in ORDER stay 0.
dist() {
	awk -v t="$1" -v max="$2" -v n="$3" -v order="$4" 'BEGIN {
		k = split(order, o, " ")
		for (i = 1; i <= n; i++)
			v[i] = 0
		while (t > 0) {
			moved = 0
			for (j = 1; j <= k && t > 0; j++)
				if (v[o[j]] < max) {
					v[o[j]]++
					t--
					moved = 1
				}
			if (!moved)
				exit 1
		}
		for (i = 1; i <= n; i++)
			printf "%s%d", (i > 1 ? " " : ""), v[i]
		print ""
	}'
}

# Scales given by DATE and TOTAL, the items spread over a profile of the
# client's main symptoms.  PHQ-9 and PHQ-A keep item 9 (self-harm) at 0
# unless a third argument gives it, as EPDS item 10; items are entered
# as scores, as for every instrument.  PHQ-A's two supplementary suicide
# questions (1 yes, 0 no) follow when asked: phqa DATE TOTAL ITEM9 Q10 Q11.
phq9() { ipt measure add --date "$1" phq9 \
    $(dist $(($2 - ${3:-0})) 3 8 "$PROFILE") "${3:-0}"; }
phqa() { ipt measure add --date "$1" phqa \
    $(dist $(($2 - ${3:-0})) 3 8 "$PROFILE") "${3:-0}" ${4:-} ${5:-}; }
gad7() { ipt measure add --date "$1" gad7 $(dist "$2" 3 7 "2 1 4 3 5 7 6"); }
wsas() { ipt measure add --date "$1" wsas $(dist "$2" 8 5 "1 3 4 2 5"); }
pcl5() { ipt measure add --date "$1" pcl5 $(dist "$2" 4 20 \
    "1 2 4 6 7 15 16 20 10 3 9 19 5 11 12 13 17 14 8 18"); }
srm5() { ipt measure add --date "$1" srm5 $(dist "$2" 7 5 "2 4 5 1 3"); }
epds() { ipt measure add --date "$1" epds \
    $(dist $(($2 - ${3:-0})) 3 9 "1 2 4 3 5 6 9 8 7") "${3:-0}"; }

# new ID OPTIONS...: create clients/ID and go into it.
new() {
	_id=$1
	shift
	IPT_NOW=2026-01-01T17:00:00Z
	_prev=
	for _a in "$@"; do
		[ "$_prev" = --therapist ] && IPT_AUTHOR=$_a
		_prev=$_a
	done
	ipt init "$target/clients/$_id" --id "$_id" "$@"
	cd "$target/clients/$_id"
}

# -------------------------------------------------------------------------
# ana: standard IPT, mid-therapy.  A role dispute with her husband over
# childcare after he moved to night shifts.  Session 12 is due today.
client_ana() {
	new ana --name 'Ana M.' --variant standard --start 2026-09-03 \
	    --therapist 'Dr. R. Ruiz'
	PROFILE="2 1 4 3 6 7 5 8"
	ipt event add --date 2026-02-02 --kind transition --mood 5 \
	    'Marco moves to night shifts at the depot'
	ipt event add --date 2026-04-18 --kind dispute --mood 2 \
	    "Row about the children's bedtimes; Ana stays at her mother's for a week"
	ipt event add --date 2026-06-11 --kind isolation --mood 3 \
	    'Stops going to the Thursday choir'
	ipt event add --date 2026-08-20 --kind symptom --mood 3 \
	    'GP diagnoses depression and refers her for IPT'

	held 2026-09-03 3 8 'inventory psychoeducation sick-role' \
	    --note 'Assessment; husband works nights, frequent arguments.'
	phq9 2026-09-03 18
	gad7 2026-09-03 12
	wsas 2026-09-03 22
	ipt inventory add Marco --date 2026-09-03 --relationship husband \
	    --contact daily --closeness 3 --support 2 --conflict 4 \
	    --satisfying 'A caring father; makes her laugh when they have time' \
	    --unsatisfying 'Sleeps in the day; decides about the children alone' \
	    --changes 'Share the evening routine; one evening a week together'
	note 1 <<'EOF'
# Session 1: assessment

- Low mood, early waking, tearful since the spring; PHQ-9 18.
- Marco on night shifts since February.  Evenings alone with the two
  children (6 and 9); arguments at the weekend about "who does what".
- Gave the sick role: the depression, not laziness, explains the drop in
  energy; agreed to ask her mother for Saturday help.
- No thoughts of self-harm (PHQ-9 item 9 = 0).
EOF
	private 1 <<'EOF'
Felt impatient when she excused Marco again; watch that I do not take
sides against him.  Ask in supervision about pacing the role dispute.
EOF

	held 2026-09-10 3 7 'interval-history inventory'
	phq9 2026-09-10 17
	ipt inventory add 'Lucía' --date 2026-09-10 --relationship mother \
	    --contact weekly --closeness 4 --support 4 --conflict 2 \
	    --satisfying 'Helps with the children on Saturdays' \
	    --unsatisfying 'Takes Marco'"'"'s side in arguments'
	ipt inventory add 'Sofía' --date 2026-09-10 \
	    --relationship 'friend, former colleague' --contact monthly \
	    --closeness 3 --support 3 --conflict 1 \
	    --satisfying 'Listens without judging' \
	    --changes 'See her more often'

	missed 2026-09-17 cancelled 'Younger son ill; rebooked for next week.'

	held 2026-09-24 4 7 'interval-history inventory formulation contract'
	phq9 2026-09-24 17
	ipt inventory add Irene --date 2026-09-24 --relationship 'choir friend' \
	    --contact 'rarely since June' --closeness 2 --support 3 --conflict 1
	ipt focus set role-dispute --date 2026-09-24 \
	    --note 'Impasse with partner over childcare; agreed as focus.'
	ipt formulation add --date 2026-09-24 --person Marco \
	    --event 2026-02-02 --event 2026-04-18 \
	    --words 'Since the night shifts we only talk to fight.' \
	    'Your depression began as you and Marco stopped agreeing on the children after his move to nights: a role dispute at an impasse.'
	ipt formulation revise --date 2026-09-24 --agreed 2026-09-24
	ipt goal add --date 2026-09-24 \
	    'Agree with Marco how evenings and bedtimes are shared'
	ipt goal add --date 2026-09-24 'Meet Sofía or another friend every fortnight'
	ipt goal add --date 2026-09-24 'Go back to the Thursday choir'

	held 2026-10-01 4 6 'interval-history clarification'
	phq9 2026-10-01 15
	wsas 2026-10-01 20

	held 2026-10-08 4 6 'communication-analysis encouragement-of-affect'
	phq9 2026-10-08 14
	gad7 2026-10-08 10

	held 2026-10-15 5 6 'communication-analysis role-play'
	phq9 2026-10-15 14

	held 2026-10-22 5 5 'interval-history clarification decision-analysis'
	phq9 2026-10-22 13

	held 2026-10-29 5 5 'communication-analysis role-play'
	phq9 2026-10-29 12
	wsas 2026-10-29 16

	held 2026-11-05 5 6 'interval-history decision-analysis'
	phq9 2026-11-05 11
	gad7 2026-11-05 7

	held 2026-11-12 6 5 'communication-analysis building-support'
	phq9 2026-11-12 11
	ipt inventory rate Marco --date 2026-11-12 --closeness 4 --support 3 \
	    --conflict 3

	held 2026-11-19 6 5 'decision-analysis role-play' \
	    --note 'First calm talk with Marco about Tuesdays and Thursdays.'
	phq9 2026-11-19 10
	ipt inventory rate 'Sofía' --date 2026-11-19 --closeness 4 --support 4
	ipt goal done --date 2026-11-19 2
	# The first session's note, signed; what she added later is an
	# addendum, the note staying as it was signed.
	(export IPT_TODAY=2026-11-19
	ipt session sign 1
	ipt session addendum 1 'Ana adds that the arguments began in March, when Marco changed depots.')
}

# -------------------------------------------------------------------------
# ben: brief IPT, new.  Made redundant when the plant closed; the focus,
# a role transition, was agreed at the second session.
client_ben() {
	new ben --name 'Ben T.' --variant brief --start 2026-11-17 \
	    --therapist 'J. Okafor'
	PROFILE="1 4 3 2 6 7 5 8"
	ipt event add --date 2026-09-30 --kind transition --mood 4 \
	    'Closure of the bottling plant announced'
	ipt event add --date 2026-10-30 --kind loss --mood 3 \
	    'Last day at work after 19 years'
	ipt event add --date 2026-11-07 --kind isolation --mood 2 \
	    'Stops going to Saturday football with former workmates'

	held 2026-11-17 3 7 'inventory psychoeducation sick-role'
	phq9 2026-11-17 16
	gad7 2026-11-17 11
	ipt inventory add Clara --date 2026-11-17 --relationship wife \
	    --contact daily --closeness 4 --support 4 --conflict 2 \
	    --satisfying 'Steady; keeps the household going' \
	    --unsatisfying 'He tells her he is "fine" and she stops asking'
	ipt inventory add 'Tomás' --date 2026-11-17 --relationship brother \
	    --contact 'every few weeks' --closeness 3 --support 3 --conflict 1

	held 2026-11-24 4 6 'interval-history inventory formulation contract'
	phq9 2026-11-24 15
	ipt inventory add Rui --date 2026-11-24 \
	    --relationship 'former workmate' --contact 'weekly until October' \
	    --closeness 3 --support 2 --conflict 1 \
	    --changes 'Keep in touch now that there is no shift to share'
	ipt focus set role-transition --date 2026-11-24 \
	    --note 'Redundancy after 19 years: loss of the worker role, routine and workmates.'
	ipt formulation add --date 2026-11-24 --person Clara --person Rui \
	    --event 2026-09-30 --words 'Without the plant I am nobody.' \
	    --agreed 2026-11-24 \
	    'The depression followed the loss of your job of 19 years: a role transition from worker to a new role not yet found.'
	ipt goal add --date 2026-11-24 \
	    'Plan each weekday around the job search and one contact with someone'
	ipt goal add --date 2026-11-24 \
	    'Tell Clara how the redundancy feels instead of saying "fine"'
}

# -------------------------------------------------------------------------
# lia: adolescent IPT, mid-therapy.  Moved city with her mother after her
# parents separated; left out at the new school.  At her last session the
# PHQ-A item 9 was positive: the flag is open, to review before or at the
# next session (ipt check turns it into an error once a later session is
# held without a review).
client_lia() {
	new lia --name 'Lía R. (15)' --variant adolescent --start 2026-10-05 \
	    --therapist 'Dr. M. Chen'
	PROFILE="2 1 6 4 7 3 5 8"
	DUR=45
	ipt event add --date 2026-07-10 --kind loss --mood 3 \
	    'Parents separate; Dad stays in Valencia'
	ipt event add --date 2026-08-28 --kind transition --mood 3 \
	    'Moves with Mum to a new city'
	ipt event add --date 2026-09-08 --kind transition --mood 4 \
	    'Starts at a new school, year 10'
	ipt event add --date 2026-09-21 --kind isolation --mood 2 \
	    'Starts eating lunch alone; skips PE'

	held 2026-10-05 3 7 'inventory psychoeducation sick-role'
	phqa 2026-10-05 15
	ipt inventory add Mum --date 2026-10-05 --relationship mother \
	    --contact daily --closeness 3 --support 3 --conflict 4 \
	    --satisfying 'Drives her to climbing; cooks her favourite food' \
	    --unsatisfying 'Arguments about phone use and about Dad' \
	    --changes 'Talk about Dad without a fight'
	ipt inventory add Dad --date 2026-10-05 --relationship father \
	    --contact 'video call on Sundays' --closeness 4 --support 3 \
	    --conflict 1 --unsatisfying 'Far away; cancels calls at short notice'
	ipt inventory add Noa --date 2026-10-05 \
	    --relationship 'best friend in Valencia' --contact 'messages, daily' \
	    --closeness 5 --support 4 --conflict 1

	held 2026-10-12 3 7 'psychoeducation inventory' --kind parent \
	    --note 'With Mum: depression as an illness; limited sick role, school attendance kept.'
	phqa 2026-10-12 14

	held 2026-10-19 4 6 'interval-history inventory'
	phqa 2026-10-19 14
	ipt inventory add Iker --date 2026-10-19 --relationship classmate \
	    --contact 'school days' --closeness 2 --support 2 --conflict 1

	held 2026-10-26 4 6 'formulation contract work-at-home'
	phqa 2026-10-26 12
	ipt focus set role-transition --secondary role-dispute --date 2026-10-26 \
	    --note 'Move and new school after the separation; disputes with Mum kept in view.'
	ipt formulation add --date 2026-10-26 --person Mum --person Noa \
	    --event 2026-08-28 --event 2026-09-08 \
	    --words 'Nobody here knows me.' --agreed 2026-10-26 \
	    'Feeling low came with the move and the new school after Mum and Dad split: a transition, with rows with Mum along the way.'
	ipt goal add --date 2026-10-26 'Talk to Mum about missing Dad without a fight'
	ipt goal add --date 2026-10-26 'Join one after-school activity at the new school'
	ipt goal add --date 2026-10-26 'Have lunch with someone from class twice a week'

	held 2026-11-02 5 5 'communication-analysis work-at-home'
	phqa 2026-11-02 11

	missed 2026-11-09 no-show 'Did not come; Mum thought she was at school.  Phoned, rebooked.'

	held 2026-11-16 6 5 'communication-analysis role-play' --kind conjoint \
	    --note 'With Mum: rehearsed the talk about Dad; went better than expected.'
	phqa 2026-11-16 9
	ipt inventory rate Mum --date 2026-11-16 --closeness 4 --support 4 \
	    --conflict 2
	ipt goal done --date 2026-11-16 2

	ipt event add --date 2026-11-21 --kind isolation --mood 2 \
	    'Left out of the class group chat'
	held 2026-11-23 3 7 'interval-history encouragement-of-affect' \
	    --note 'Upset about the group chat.  PHQ-A scored after she left: item 9 positive, the two supplementary questions no; to follow up.'
	phqa 2026-11-23 12 1 0 0
}

# -------------------------------------------------------------------------
# dora: conjoint IPT with her husband Felix, final phase.  A role dispute
# over the care of his mother, who moved in after a stroke.
client_dora() {
	new dora --name 'Dora K. (with Felix K.)' --variant couples \
	    --start 2026-08-18 --therapist 'Dr. R. Ruiz'
	PROFILE="2 4 1 3 6 5 7 8"
	DUR=60
	ipt event add --date 2025-10-06 --kind transition --mood 5 \
	    "Felix's mother Ruth moves in after a stroke"
	ipt event add --date 2026-03-02 --kind transition --mood 4 \
	    'Dora cuts her hours at the library to care for Ruth'
	ipt event add --date 2026-05-16 --kind dispute --mood 2 \
	    'Weeks of rows; Felix sleeps on the sofa'
	ipt event add --date 2026-07-21 --kind symptom --mood 3 \
	    'GP: moderate depression; referral for couples IPT'

	held 2026-08-18 3 8 'inventory psychoeducation sick-role'
	phq9 2026-08-18 19
	wsas 2026-08-18 24
	ipt inventory add Felix --date 2026-08-18 --relationship husband \
	    --contact daily --closeness 3 --support 2 --conflict 5 \
	    --satisfying '22 years together; good when they travel' \
	    --unsatisfying 'Expects her to do the caring "as she is at home more"' \
	    --changes 'Share the care of Ruth; talk before it becomes a row'

	held 2026-08-25 3 8 'inventory exploration' --kind individual \
	    --note 'Dora alone: her history, and what she cannot say in front of Felix.'
	phq9 2026-08-25 18
	ipt inventory add Ruth --date 2026-08-25 \
	    --relationship 'mother-in-law, lives with them' --contact daily \
	    --closeness 2 --support 1 --conflict 3
	ipt inventory add Ingrid --date 2026-08-25 --relationship sister \
	    --contact 'phone, weekly' --closeness 4 --support 4 --conflict 1

	held 2026-09-01 4 7 'interval-history inventory clarification'
	phq9 2026-09-01 18

	held 2026-09-08 4 7 'formulation contract'
	phq9 2026-09-08 17
	ipt focus set role-dispute --date 2026-09-08 \
	    --note 'Non-reciprocal expectations about the care of Ruth; both agree it is the dispute to work on.'
	ipt formulation add --date 2026-09-08 --person Felix --person Ruth \
	    --event 2026-03-02 --event 2026-05-16 \
	    --words 'I gave up my work for his mother and he does not see it.' \
	    --agreed 2026-09-08 \
	    'The depression grew from a dispute over Ruth'"'"'s care, in which each of you expects what the other does not give.'
	ipt goal add --date 2026-09-08 'A weekly check-in about the week ahead, without blame'
	ipt goal add --date 2026-09-08 "Share Ruth's care by a written rota"
	ipt goal add --date 2026-09-08 'One evening out together each month'

	held 2026-09-15 4 7 'communication-analysis'
	phq9 2026-09-15 15
	wsas 2026-09-15 21

	missed 2026-09-22 cancelled 'Felix away on a work trip.'

	held 2026-09-29 4 6 'communication-analysis clarification'
	phq9 2026-09-29 14
	held 2026-10-06 5 6 'role-play communication-analysis'
	phq9 2026-10-06 13
	held 2026-10-13 5 6 'decision-analysis'
	phq9 2026-10-13 12
	wsas 2026-10-13 16
	held 2026-10-20 5 5 'communication-analysis role-play'
	phq9 2026-10-20 11
	held 2026-10-27 6 5 'decision-analysis building-support'
	phq9 2026-10-27 10
	ipt goal done --date 2026-10-27 1
	held 2026-11-03 6 5 'role-play'
	phq9 2026-11-03 9
	ipt goal done --date 2026-11-03 2

	held 2026-11-10 6 4 'termination clarification' \
	    --note 'Raised the ending: four sessions left.  Both worried the rows come back.'
	phq9 2026-11-10 8
	wsas 2026-11-10 11
	ipt inventory rate Felix --date 2026-11-10 --closeness 4 --support 4 \
	    --conflict 2
	ipt inventory rate Ruth --date 2026-11-10 --closeness 3 --support 2 \
	    --conflict 2

	held 2026-11-17 7 4 'termination relapse-prevention'
	phq9 2026-11-17 7
	ipt relapse add --kind warning-sign --date 2026-11-17 \
	    'Going silent for days after a disagreement instead of raising it'
	ipt relapse add --kind warning-sign --date 2026-11-17 \
	    'Sleeping badly and dropping Thursday swimming'
	ipt relapse add --kind action --date 2026-11-17 \
	    'Sunday check-in: each says one thing that bothered them that week'

	held 2026-11-24 7 4 'termination relapse-prevention encouragement-of-affect'
	phq9 2026-11-24 6
	ipt relapse add --kind action --date 2026-11-24 \
	    'Book a review session if low mood lasts two weeks'
	ipt relapse add --kind contact --date 2026-11-24 \
	    'GP: Dr. A. Brandt, Northside Health Centre'
}

# -------------------------------------------------------------------------
# eva: IPT for binge eating, paused after nine sessions for a placement
# abroad; she resumes in January.
client_eva() {
	new eva --name 'Eva S.' --variant eating --start 2026-06-03 \
	    --therapist 'Dr. M. Chen'
	PROFILE="6 2 1 5 4 3 7 8"
	ipt event add --date 2025-09-20 --kind transition --mood 5 \
	    'Leaves home for university; shared flat'
	ipt event add --date 2026-02-14 --kind symptom --mood 3 \
	    'Binge eating most evenings alone in her room'
	ipt event add --date 2026-04-03 --kind loss --mood 2 \
	    'Girlfriend ends the relationship'

	held 2026-06-03 4 7 'inventory psychoeducation sick-role'
	ipt measure add --date 2026-06-03 edeq \
	    3 4 2 3 4 4 2 5 2 5 4 4 16 14 12 0 0 2 3 4 3 4 3 4 3 4 5 3
	phq9 2026-06-03 13
	ipt inventory add Jana --date 2026-06-03 --relationship flatmate \
	    --contact daily --closeness 2 --support 2 --conflict 2 \
	    --unsatisfying 'Polite but distant; Eva hides her food from her'
	ipt inventory add Mother --date 2026-06-03 --relationship mother \
	    --contact 'phone, weekly' --closeness 3 --support 3 --conflict 3 \
	    --unsatisfying 'Comments on her weight'

	held 2026-06-10 4 7 'interval-history inventory'
	phq9 2026-06-10 13
	ipt inventory add Paula --date 2026-06-10 --relationship 'former girlfriend' \
	    --contact 'none since April' --closeness 1 --support 1 --conflict 3
	ipt inventory add Marek --date 2026-06-10 --relationship 'course friend' \
	    --contact 'lectures' --closeness 3 --support 3 --conflict 1 \
	    --changes 'Meet outside lectures'

	held 2026-06-17 4 6 'interval-history inventory exploration'
	phq9 2026-06-17 12
	held 2026-06-24 4 6 'interval-history formulation'
	phq9 2026-06-24 12

	held 2026-07-01 5 6 'contract formulation'
	ipt measure add --date 2026-07-01 edeq \
	    3 3 2 3 3 3 2 4 2 4 3 4 12 10 9 0 0 1 3 3 3 3 3 3 3 4 4 3
	phq9 2026-07-01 11
	ipt focus set interpersonal-deficits --secondary role-transition \
	    --date 2026-07-01 \
	    --note 'Few close ties since the move; binges follow evenings alone.'
	ipt formulation add --date 2026-07-01 --person Jana --person Paula \
	    --event 2026-04-03 --words 'I only eat like that when I am alone.' \
	    --agreed 2026-07-01 \
	    'The binges and the low mood follow evenings alone since the move and the break-up: few close ties to turn to.'
	ipt goal add --date 2026-07-01 'Spend two evenings a week with other people'
	ipt goal add --date 2026-07-01 'Tell Jana about the eating problem'

	missed 2026-07-08 cancelled 'Exams.'

	held 2026-07-15 5 5 'communication-analysis role-play'
	phq9 2026-07-15 10
	held 2026-07-22 6 5 'building-support communication-analysis'
	phq9 2026-07-22 9
	ipt goal done --date 2026-07-22 2
	ipt inventory rate Jana --date 2026-07-22 --closeness 3 --support 3

	held 2026-07-29 6 5 'building-support decision-analysis'
	ipt measure add --date 2026-07-29 edeq \
	    2 2 1 2 2 2 1 3 1 3 2 3 6 5 5 0 0 0 2 2 2 2 2 2 2 3 3 2
	phq9 2026-07-29 9

	held 2026-08-05 6 5 'interval-history contract' \
	    --note 'Pause agreed: placement in Lyon until December; resume in January.'
	phq9 2026-08-05 8
	ipt event add --date 2026-08-14 --kind transition --mood 6 \
	    'Leaves for a three-month placement in Lyon'
	ipt plan --status paused
}

# -------------------------------------------------------------------------
# omar: IPT for PTSD after an assault at work, ended in July.  A role
# transition from bus driver to dispatcher.
client_omar() {
	new omar --name 'Omar H.' --variant ptsd --start 2026-04-14 \
	    --therapist 'J. Okafor'
	PROFILE="3 4 2 1 7 6 5 8"
	ipt event add --date 2025-11-08 --kind other --mood 1 \
	    'Assaulted by a passenger on the night bus'
	ipt event add --date 2026-01-12 --kind loss --mood 2 \
	    'Signed off as unfit to drive'
	ipt event add --date 2026-03-01 --kind isolation --mood 2 \
	    'Stops meeting the other drivers at the depot café'

	held 2026-04-14 3 8 'inventory psychoeducation sick-role'
	pcl5 2026-04-14 54
	phq9 2026-04-14 17
	ipt inventory add Samira --date 2026-04-14 --relationship wife \
	    --contact daily --closeness 4 --support 3 --conflict 3 \
	    --unsatisfying 'He sleeps on the sofa and will not say why' \
	    --changes 'Tell her about the nightmares'
	ipt inventory add Karim --date 2026-04-14 --relationship 'son, 17' \
	    --contact daily --closeness 3 --support 2 --conflict 2
	held 2026-04-21 3 8 'interval-history inventory encouragement-of-affect'
	ipt inventory add Luis --date 2026-04-21 \
	    --relationship 'fellow driver, friend' --contact 'none since March' \
	    --closeness 4 --support 4 --conflict 1
	held 2026-04-28 3 7 'formulation contract'
	ipt focus set role-transition --date 2026-04-28 \
	    --note 'From driver to out of work after the assault; role transition agreed.'
	ipt formulation add --date 2026-04-28 --person Samira --person Luis \
	    --event 2025-11-08 --event 2026-01-12 \
	    --words 'I was a driver; now I am a man who stays in.' \
	    --agreed 2026-04-28 \
	    'Since the assault you lost the work and the company of the depot: a role transition, with the trauma keeping you from the old role.'
	ipt goal add --date 2026-04-28 'Ride a bus across town again'
	ipt goal add --date 2026-04-28 'Decide about the dispatcher retraining offer'
	ipt goal add --date 2026-04-28 'Tell Samira about the nightmares'

	held 2026-05-05 4 7 'encouragement-of-affect exploration'
	held 2026-05-12 4 7 'communication-analysis'
	phq9 2026-05-12 14
	missed 2026-05-19 cancelled 'Hospital follow-up for his shoulder.'
	held 2026-05-26 4 6 'communication-analysis role-play'
	ipt goal done --date 2026-05-26 3
	held 2026-06-02 5 6 'decision-analysis'
	pcl5 2026-06-02 40
	held 2026-06-09 5 6 'decision-analysis building-support'
	ipt inventory rate Luis --date 2026-06-09 --closeness 4 --support 5
	held 2026-06-16 6 5 'role-play building-support'
	phq9 2026-06-16 10
	ipt goal done --date 2026-06-16 2
	held 2026-06-23 6 5 'communication-analysis'
	ipt goal done --date 2026-06-23 1
	held 2026-06-30 6 5 'termination encouragement-of-affect' \
	    --note 'Raised the ending: three sessions left.'
	held 2026-07-07 7 4 'termination relapse-prevention'
	ipt relapse add --kind warning-sign --date 2026-07-07 \
	    'Nightmares more than twice a week again'
	ipt relapse add --kind warning-sign --date 2026-07-07 \
	    'Avoiding the depot or buses after dark'
	ipt relapse add --kind action --date 2026-07-07 \
	    'Tell Samira the same day, and call Luis'
	held 2026-07-14 7 4 'termination relapse-prevention'
	phq9 2026-07-14 7
	ipt relapse add --kind contact --date 2026-07-14 \
	    'Occupational health: staff counselling line'
	held 2026-07-21 7 3 'termination' \
	    --note 'Last session.  Starts as dispatcher in August.'
	pcl5 2026-07-21 24
	ipt inventory rate Samira --date 2026-07-21 --closeness 5 --support 4 \
	    --conflict 1
	ipt event add --date 2026-08-03 --kind transition --mood 7 \
	    'Starts work as a dispatcher'
	ipt plan --status ended --date 2026-07-21 --reason completed
}

# -------------------------------------------------------------------------
# ines: IPSRT for bipolar I, sixteen weekly sessions, then maintenance
# every four weeks.  SRM-5 each week, PHQ-9 each session.
client_ines() {
	new ines --name 'Inés P.' --variant bipolar --start 2026-05-05 \
	    --therapist 'Dr. M. Chen'
	PROFILE="1 2 4 3 7 6 5 8"
	ipt event add --date 2025-12-01 --kind symptom --mood 9 \
	    'Manic episode; two weeks in hospital'
	ipt event add --date 2026-01-15 --kind symptom --mood 4 \
	    'Diagnosis of bipolar I; starts lithium'
	ipt event add --date 2026-02-27 --kind loss --mood 3 \
	    'Leaves her job as a sous-chef (late shifts)'
	ipt event add --date 2026-04-10 --kind symptom --mood 2 \
	    'Depressive episode'

	w() {	# w DATE MOOD STRESS 'TECHNIQUES' SRM PHQ [OPTION ...]
		_wd=$1 _srm=$5 _phq=$6
		_a=$2 _b=$3 _c=$4
		shift 6
		held "$_wd" "$_a" "$_b" "$_c" "$@"
		srm5 "$_wd" "$_srm"
		phq9 "$_wd" "$_phq"
	}
	w 2026-05-05 3 7 'inventory psychoeducation sick-role social-rhythm' 14 16
	ipt inventory add 'Álvaro' --date 2026-05-05 --relationship partner \
	    --contact daily --closeness 4 --support 4 --conflict 2 \
	    --unsatisfying 'Watches her for signs of mania'
	ipt inventory add Mother --date 2026-05-05 --relationship mother \
	    --contact weekly --closeness 3 --support 3 --conflict 3
	w 2026-05-12 3 7 'interval-history inventory social-rhythm' 15 15
	ipt inventory add Chef --date 2026-05-12 \
	    --relationship 'former head chef, mentor' --contact 'none since February' \
	    --closeness 3 --support 2 --conflict 2
	w 2026-05-19 4 6 'inventory social-rhythm' 16 15
	w 2026-05-26 4 6 'formulation contract social-rhythm' 17 13
	ipt focus set lost-healthy-self --secondary role-transition \
	    --date 2026-05-26 \
	    --note 'Grief for the life before the diagnosis; the kitchen career she gave up.'
	ipt goal add --date 2026-05-26 'Regular bed and wake times, weekends included'
	ipt goal add --date 2026-05-26 'Find daytime work with food'
	ipt goal add --date 2026-05-26 'Let Álvaro know early when she feels high'
	w 2026-06-02 4 6 'social-rhythm encouragement-of-affect' 18 12
	w 2026-06-09 5 6 'social-rhythm communication-analysis' 19 12
	w 2026-06-16 5 5 'social-rhythm encouragement-of-affect' 20 11
	w 2026-06-23 5 5 'social-rhythm decision-analysis' 21 10
	w 2026-06-30 5 5 'social-rhythm role-play' 22 9
	w 2026-07-07 5 5 'social-rhythm communication-analysis' 22 9
	missed 2026-07-14 cancelled "At her sister's wedding; kept the rhythm diary."
	w 2026-07-21 6 4 'social-rhythm decision-analysis' 23 8
	ipt goal done --date 2026-07-21 1
	w 2026-07-28 6 4 'social-rhythm building-support' 24 7
	w 2026-08-04 6 4 'termination social-rhythm' 25 7
	ipt goal done --date 2026-08-04 3
	w 2026-08-11 6 4 'social-rhythm relapse-prevention' 26 6
	ipt relapse add --kind warning-sign --date 2026-08-11 \
	    'Sleeping under six hours two nights running'
	ipt relapse add --kind warning-sign --date 2026-08-11 \
	    'Starting several new projects at once'
	ipt relapse add --kind action --date 2026-08-11 \
	    'Bed at 23:00 and up at 07:30, weekends too'
	w 2026-08-18 7 4 'termination relapse-prevention contract' 27 5
	ipt relapse add --kind action --date 2026-08-18 \
	    'Ask Álvaro to say what he sees; call the clinic the same week'
	ipt relapse add --kind contact --date 2026-08-18 \
	    'Dr. P. Varga, lithium clinic'
	w 2026-08-25 7 4 'termination contract social-rhythm' 27 5 \
	    --note 'Acute contract ends; monthly maintenance agreed.'
	ipt inventory rate 'Álvaro' --date 2026-08-25 --closeness 5 --support 5 \
	    --conflict 1
	ipt plan --status maintenance --frequency 28
	ipt event add --date 2026-09-07 --kind transition --mood 7 \
	    'Starts mornings at a bakery'
	ipt goal done --date 2026-09-22 2
	w 2026-09-22 7 4 'interval-history social-rhythm' 28 4
	w 2026-10-20 6 5 'interval-history social-rhythm' 26 5
	w 2026-11-17 7 4 'interval-history social-rhythm' 28 4
}

# -------------------------------------------------------------------------
# gus: WHO group IPT.  One individual pre-group meeting, then weekly
# group sessions; grief after his wife's death.
client_gus() {
	new gus --name 'Gustavo L.' --variant group --start 2026-10-13 \
	    --therapist 'T. Nakamura (facilitator)'
	PROFILE="1 2 3 4 6 5 7 8"
	ipt event add --date 2026-03-02 --kind loss --mood 1 \
	    'His wife Elena dies after a long illness'
	ipt event add --date 2026-06-30 --kind transition --mood 3 \
	    'Retires from the post office earlier than planned'
	ipt event add --date 2026-08-15 --kind isolation --mood 2 \
	    'Stops going to the bowls club'

	DUR=60
	held 2026-10-13 2 7 'inventory psychoeducation formulation'
	phq9 2026-10-13 19
	ipt inventory add Elena --date 2026-10-13 --relationship 'late wife' \
	    --contact 'died March 2026' --closeness 5 --support 5 --conflict 1 \
	    --satisfying '38 years; she organised their social life'
	ipt inventory add Marta --date 2026-10-13 --relationship daughter \
	    --contact 'phone, weekly' --closeness 4 --support 3 --conflict 2 \
	    --unsatisfying 'He does not want to burden her'
	ipt focus set grief --date 2026-10-13 \
	    --note 'Onset after Elena'"'"'s death; mourning postponed.'
	ipt formulation add --date 2026-10-13 --person Elena --person Marta \
	    --event 2026-03-02 --words 'I had no time to cry.' \
	    --agreed 2026-10-13 \
	    'Your low mood began after Elena'"'"'s death, with the mourning put off by the retirement: grief.'

	DUR=90
	held 2026-10-22 3 7 'psychoeducation contract'
	phq9 2026-10-22 18
	ipt inventory add 'Joaquín' --date 2026-10-22 \
	    --relationship 'neighbour, bowls partner' --contact 'rarely now' \
	    --closeness 3 --support 3 --conflict 1
	ipt goal add --date 2026-10-22 'Talk about Elena with Marta'
	ipt goal add --date 2026-10-22 'Go back to the bowls club once a week'
	held 2026-10-29 3 6 'encouragement-of-affect interval-history'
	phq9 2026-10-29 16
	missed 2026-11-05 cancelled 'Flu.'
	held 2026-11-12 4 6 'encouragement-of-affect building-support'
	phq9 2026-11-12 15
	held 2026-11-19 4 5 'decision-analysis work-at-home'
	phq9 2026-11-19 13
}

# -------------------------------------------------------------------------
# maya: IPT for postpartum depression, ended in August.  Her baseline
# EPDS had item 10 positive; it was reviewed at that session.
client_maya() {
	new maya --name 'Maya O.' --variant perinatal --start 2026-05-11 \
	    --therapist 'Dr. R. Ruiz'
	ipt event add --date 2026-02-20 --kind transition --mood 6 \
	    'Birth of her daughter Mia'
	ipt event add --date 2026-03-30 --kind isolation --mood 3 \
	    'Jonas back at work; alone with the baby all day'
	ipt event add --date 2026-04-20 --kind dispute --mood 2 \
	    'Argument with Jonas about night feeds'

	held 2026-05-11 2 8 'inventory psychoeducation sick-role'
	epds 2026-05-11 17 1
	wsas 2026-05-11 20
	ipt risk review --date 2026-05-11 \
	    --note 'Item 10 "hardly ever": fleeting thoughts when exhausted at night; no plan or intent; protective factors Mia and Jonas.  Safety plan written; GP informed.'
	ipt inventory add Jonas --date 2026-05-11 --relationship partner \
	    --contact daily --closeness 3 --support 2 --conflict 4 \
	    --unsatisfying 'Sleeps through the night feeds' \
	    --changes 'Take turns at night'
	ipt inventory add Mia --date 2026-05-11 --relationship 'daughter, born February' \
	    --contact daily --closeness 4 \
	    --unsatisfying 'Maya feels she does not know what Mia needs'
	held 2026-05-18 3 8 'interval-history inventory'
	epds 2026-05-18 16
	ipt inventory add Anke --date 2026-05-18 --relationship mother \
	    --contact 'phone, twice a week' --closeness 3 --support 3 --conflict 2
	ipt inventory add Lea --date 2026-05-18 \
	    --relationship 'friend from antenatal class' --contact 'rarely' \
	    --closeness 3 --support 3 --conflict 1 --changes 'Meet with the babies'
	held 2026-05-25 3 7 'formulation contract'
	epds 2026-05-25 15
	ipt focus set role-transition --secondary role-dispute --date 2026-05-25 \
	    --note 'From nurse to new mother; the dispute with Jonas over the nights is part of it.'
	ipt formulation add --date 2026-05-25 --person Jonas --person Mia \
	    --event 2026-02-20 --event 2026-04-20 \
	    --words 'I was a good nurse; I do not know how to be a mother.' \
	    --agreed 2026-05-25 \
	    'The depression came with the change from nurse to new mother, and the dispute with Jonas over the nights weighs on it.'
	ipt goal add --date 2026-05-25 'Agree the night feeds with Jonas'
	ipt goal add --date 2026-05-25 'Meet another parent once a week'
	ipt goal add --date 2026-05-25 'Decide when to go back to work'

	held 2026-06-01 4 7 'communication-analysis encouragement-of-affect'
	epds 2026-06-01 13
	held 2026-06-08 4 6 'communication-analysis role-play'
	epds 2026-06-08 12
	wsas 2026-06-08 17
	DUR=60
	held 2026-06-15 5 6 'communication-analysis decision-analysis' \
	    --kind conjoint --note 'With Jonas: a rota for the nights.'
	epds 2026-06-15 11
	ipt goal done --date 2026-06-15 1
	DUR=50
	missed 2026-06-22 cancelled 'Mia feverish after her vaccinations.'
	held 2026-06-29 5 6 'building-support'
	epds 2026-06-29 10
	ipt goal done --date 2026-06-29 2
	held 2026-07-06 5 5 'decision-analysis'
	epds 2026-07-06 9
	wsas 2026-07-06 12
	held 2026-07-13 6 5 'termination decision-analysis' \
	    --note 'Raised the ending: three sessions left.'
	epds 2026-07-13 8
	ipt goal done --date 2026-07-13 3
	held 2026-07-20 6 4 'termination encouragement-of-affect'
	epds 2026-07-20 7
	ipt inventory rate Jonas --date 2026-07-20 --closeness 4 --support 4 \
	    --conflict 2
	held 2026-07-27 7 4 'termination relapse-prevention'
	epds 2026-07-27 7
	ipt relapse add --kind warning-sign --date 2026-07-27 \
	    'Not sleeping even when Mia sleeps'
	ipt relapse add --kind warning-sign --date 2026-07-27 \
	    'Cancelling plans with Lea and the parents group'
	ipt relapse add --kind action --date 2026-07-27 \
	    'Tell Jonas and ask for two nights off in a row'
	ipt relapse add --kind contact --date 2026-07-27 \
	    'Health visitor, and the GP surgery'
	held 2026-08-03 7 4 'termination relapse-prevention' \
	    --note 'Last session.  Back to work part-time in October.'
	epds 2026-08-03 6
	wsas 2026-08-03 8
	ipt plan --status ended --date 2026-08-03 --reason completed

	# She comes back in November: a new episode (episodes.csv keeps the
	# first); session numbers go on, the course starts again at 1 of 12.
	ipt event add --date 2026-10-26 --kind transition --mood 4 \
	    'Back at work part-time; Mia at nursery'
	ipt plan --status active --start 2026-11-16
	held 2026-11-16 4 7 'interval-history inventory sick-role' \
	    --note 'Came back: low mood since going back to work.'
	epds 2026-11-16 13
	wsas 2026-11-16 16
	held 2026-11-23 4 7 'interval-history inventory'
	epds 2026-11-23 12
}

# -------------------------------------------------------------------------
# walt: maintenance IPT every four weeks after acute IPT in 2025.  The
# PHQ-9 rose in July when his son emigrated and fell again.
client_walt() {
	new walt --name 'Walter B.' --variant maintenance --start 2026-02-10 \
	    --therapist 'J. Okafor'
	PROFILE="1 2 3 4 6 7 5 8"
	ipt event add --date 2025-03-31 --kind transition --mood 3 \
	    'Retires from the bank; depressive episode, remitted with IPT'

	held 2026-02-10 6 4 'interval-history contract'
	phq9 2026-02-10 5
	ipt focus set role-transition --date 2026-02-10 \
	    --note 'Kept from the acute treatment: life after retirement.'
	ipt inventory add Helga --date 2026-02-10 --relationship wife \
	    --contact daily --closeness 4 --support 4 --conflict 2
	ipt inventory add Daniel --date 2026-02-10 --relationship son \
	    --contact 'Sunday lunch' --closeness 4 --support 3 --conflict 1
	ipt goal add --date 2026-02-10 'Keep the two volunteering mornings a week'
	held 2026-03-10 6 4 'interval-history'
	phq9 2026-03-10 4
	held 2026-04-07 7 3 'interval-history building-support'
	phq9 2026-04-07 4
	held 2026-05-05 7 3 'interval-history'
	phq9 2026-05-05 3
	held 2026-06-02 6 4 'interval-history'
	phq9 2026-06-02 4
	ipt event add --date 2026-06-20 --kind loss --mood 3 \
	    'Daniel emigrates to Canada with his family'
	held 2026-06-30 5 5 'interval-history encouragement-of-affect'
	phq9 2026-06-30 6
	held 2026-07-28 4 6 'interval-history communication-analysis building-support' \
	    --note 'Early warning signs back (sleep, dropping the volunteering); no change of contract.'
	phq9 2026-07-28 9
	ipt goal add --date 2026-07-28 'A weekly video call with Daniel and the grandchildren'
	held 2026-08-25 5 5 'interval-history role-play'
	phq9 2026-08-25 6
	ipt inventory rate Daniel --date 2026-08-25 --closeness 4 --support 3
	held 2026-09-22 6 4 'interval-history'
	phq9 2026-09-22 4
	ipt goal done --date 2026-09-22 2
	held 2026-10-20 6 4 'interval-history'
	phq9 2026-10-20 3
	held 2026-11-17 7 3 'interval-history'
	phq9 2026-11-17 3
}

# -------------------------------------------------------------------------
cat > "$target/ipt.ini" <<'EOF'
; ipt.ini: the root of the sample practice (see ipt-files(5)).
;
; Beside it, instruments/*.ini adds the practice's own instruments.  The
; reminder settings below are the defaults, written out to show them.

[remind]
within = 7
no_contact_days = 28

; How long records are kept after the end of treatment (ipt ls
; --retention): 10 years as in Germany (section 630f BGB), and a minor
; until 10 years after turning 18 when later.  Set your own law's.
[retention]
years = 10
minors_until_age = 18
minor_years = 10
EOF
if ! [ -d "$target/instruments" ]; then
	cp -R "$here/practice/instruments" "$target/instruments"
fi
rm -rf "$target/clients"
mkdir "$target/clients"
for c in ana ben lia dora eva omar ines gus maya walt; do
	( DUR=50; client_$c )
done
# The lock files are made again by the next write; keep the tree tidy.
find "$target/clients" -name .ipt.lock -type f -exec rm -f {} +
