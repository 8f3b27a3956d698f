.\" variants.frag: the "Variant definitions" subsection of ipt-files(5).
.Ss Variant definitions
A variant of IPT is defined in an INI file
.Ar name Ns Pa .ini .
The built-in definitions are compiled into
.Xr ipt 1
from
.Pa lib/defs/variants/ ;
a practice adds a variant, or replaces a built-in one whole, with a
file of the same form in the
.Pa variants/
folder of its root, the nearest directory at or above the client
directory that holds
.Pa ipt.ini .
No recompiling is needed.
A variant's name is lowercase letters, digits and
.Ql - ;
a file in
.Pa variants/
whose name is not is an error.
.Pp
A definition is read when a command needs it and checked in full.
A syntax error is reported as
.Ql FILE:LINE: message ,
and a bad value, a missing key, or a section or key the format does
not know (a typo is never taken for a default) as
.Ql FILE: [section] key: message .
A client whose variant's definition is bad cannot be changed until the
definition is mended; nothing is written meanwhile.
.Pp
Lists are names separated by commas or blanks.
Comments are lines starting with
.Ql \&;
or
.Ql # ;
a value holding either character must be quoted
.Pq Ql title = \(dqIPT \(em group #2\(dq .
The sections and keys are:
.Bl -tag -width Ds
.It Li [variant]
.Bl -tag -width Ds -compact
.It Cm title
A one-line description.
Required.
.It Cm sessions
The planned number of sessions, 1 to 999: the default of
.Fl \-sessions
in
.Xr ipt-init 1 .
Required.
.It Cm frequency_days
The planned days between sessions, 1 to 366.
Required.
.It Cm areas
The problem areas the variant allows, such as
.Ql grief, role-dispute, role-transition, interpersonal-deficits .
Required.
.El
.It Li [phases]
The sessions of each phase, as
.Ar first Ns - Ns Ar last
or a single number, for the plan of
.Cm sessions .
The phases are
.Cm pregroup ,
.Cm initial ,
.Cm middle ,
.Cm final
and
.Cm maintenance ,
listed in that order; any may be left out, but together they must cover
sessions 1 to
.Cm sessions ,
each session in one phase.
.Cm extension
is never listed: it is computed.
.It Li [kinds]
.Bl -tag -width Ds -compact
.It Cm allowed
The session kinds the variant uses, among
.Cm individual ,
.Cm conjoint ,
.Cm parent ,
.Cm group
and
.Cm maintenance .
Required.
.It Cm default
The kind of a session when none is given; the first allowed by
default.
.It Ar phase
The default kind in that phase, for example
.Ql pregroup = individual .
In a maintenance phase the default is
.Cm maintenance
if allowed.
.El
.It Li [instruments]
The instruments the variant gives by default, one key per instrument
(its name, as in
.Xr ipt-measure 1 ) ,
each with its cadence:
.Bl -tag -width Ds -compact
.It Cm every Ar n Cm sessions
Due when
.Ar n
sessions have passed since it was last given;
.Ql every session
means every 1 session.
Messages and reminders give a cadence in words, one session, day or
week in the singular, as in
.Ql phq9 due at session 4 (every session) .
.It Cm every Ar n Cm days | weeks
Due when
.Ar n
days (or weeks) have passed.
.It Cm at sessions Ar n , m , ...
Due at those sessions, in ascending order, or at the next one held if
one was missed.
.El
An instrument never given is due.
.It Li [fidelity]
The parameters of the fidelity checks, all optional:
.Bl -tag -width Ds -compact
.It Cm focus_by_session
The session by which the problem-area focus must be agreed; by default
the last of the initial phase.
.It Cm inventory_min_people
The people the interpersonal inventory must hold by the end of the
initial phase, 0 to 100; 0 turns the check off.
The default is 1.
.It Cm termination_notice
How many sessions before the last the end of treatment must be raised,
0 (no check) to one less than
.Cm sessions ;
the default is 2.
.It Cm risk_review_sessions
Within how many sessions an open risk flag must be reviewed; the
default is 1, the next session, and 0 turns the check off.
.El
.El
.Pp
The phase of a session is found from its place in the plan of the
client's
.Cm planned_sessions :
.Bl -bullet
.It
When the plan has the definition's length, the phases are as listed.
.It
Otherwise they are scaled.
A
.Cm pregroup
phase keeps its length.
The end of each later phase but the last is moved in proportion to the
sessions after the pregroup phase, rounded half up:
.Ar end' No = Ar g No + round(( Ns Ar end No \- Ar g ) \(mu ( Ns Ar n No \- Ar g ) / ( Ns Ar s No \- Ar g Ns )) ,
where
.Ar s
is the definition's
.Cm sessions ,
.Ar n
the plan's and
.Ar g
the length of the pregroup phase (0 if none); the last phase ends with
the plan.
Then every phase is given at least one session.
The standard plan's initial 1\(en4, middle 5\(en12 and final 13\(en16
become 1\(en3, 4\(en9 and 10\(en12 in 12 sessions, and 1\(en2, 3\(en6
and 7\(en8 in 8.
A plan needs at least one session per phase.
.Cm focus_by_session
and the session by which termination must be raised move with the
phases.
.It
A session past the plan is in the
.Cm extension
phase, or in
.Cm maintenance
if the definition's last phase is maintenance.
.It
Every session of a client whose status is
.Cm maintenance
is in the
.Cm maintenance
phase.
.El
.Pp
For example, the built-in
.Pa standard.ini :
.Bd -literal -offset indent
[variant]
title = Standard IPT for depression
sessions = 16
frequency_days = 7
areas = grief, role-dispute, role-transition, interpersonal-deficits

[phases]
initial = 1-4
middle = 5-12
final = 13-16

[kinds]
allowed = individual, conjoint, maintenance
default = individual
maintenance = maintenance

[instruments]
phq9 = every session
gad7 = every 4 sessions
wsas = every 28 days

[fidelity]
focus_by_session = 4
inventory_min_people = 3
termination_notice = 3
risk_review_sessions = 1
.Ed
.Pp
The built-in variants follow the sources of the IPT manuals and trials;
each file's comments give the source of every number and the reason
for the choice where the sources disagree.
Sessions are weekly except in
.Cm maintenance .
.Bl -tag -width Ds
.It Cm standard
Acute IPT for adult depression.
16 sessions: initial 1\(en4, middle 5\(en12, final 13\(en16.
The four areas.
PHQ-9 every session, GAD-7 every 4 sessions, WSAS every 28 days.
.It Cm brief
IPT-B.
8 sessions: initial 1\(en2, middle 3\(en6, final 7\(en8.
The four areas.
PHQ-9 every session, GAD-7 every 4.
.It Cm adolescent
IPT-A.
12 sessions: initial 1\(en4, middle 5\(en8, final 9\(en12.
The four areas; parent sessions allowed.
PHQ-A every session.
.It Cm couples
Conjoint IPT.
16 sessions: initial 1\(en4, middle 5\(en12, final 13\(en16.
Role dispute only; conjoint sessions by default.
PHQ-9 every session, WSAS every 28 days.
.It Cm eating
IPT-ED.
20 sessions: initial 1\(en5, middle 6\(en15, final 16\(en20.
The four areas; group sessions allowed.
EDE-Q every 28 days, PHQ-9 every session.
.It Cm ptsd
IPT for PTSD.
14 sessions: initial 1\(en3, middle 4\(en11, final 12\(en14.
Grief, role dispute and role transition.
PCL-5 at sessions 1, 7 and 14, PHQ-9 every 4 sessions.
.It Cm bipolar
IPSRT.
16 sessions: initial 1\(en4, middle 5\(en14, final 15\(en16.
The four areas and
.Cm lost-healthy-self .
SRM-5 every 7 days, PHQ-9 every session.
.It Cm group
WHO Group IPT.
9 sessions: pregroup 1 (individual), initial 2, middle 3\(en8, final 9
(group).
The four areas.
PHQ-9 every session.
.It Cm perinatal
IPT for perinatal depression.
12 sessions: initial 1\(en3, middle 4\(en9, final 10\(en12.
The four areas; conjoint sessions allowed.
EPDS every session, WSAS every 28 days.
.It Cm maintenance
IPT-M.
26 sessions every 28 days: maintenance 1\(en26.
The four areas; maintenance sessions.
PHQ-9 every session.
.El
