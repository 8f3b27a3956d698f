.\" instruments.frag: the "Instrument definitions" subsection of ipt-files(5).
.Ss Instrument definitions
An instrument is defined in an INI file
.Ar name Ns Pa .ini ,
and
.Ar name ,
lowercase letters, digits and
.Ql -
(at most 32), is what
.Xr ipt-measure 1
and the
.Cm instrument
column of
.Pa measures.csv
call it.
The built-in definitions are compiled into
.Xr ipt 1
from
.Pa lib/defs/instruments/ ;
a practice adds an instrument, or replaces a built-in one whole, with a
file of the same form in the
.Pa instruments/
folder of its root.
No recompiling is needed.
A file there whose name is not a valid
.Ar name
followed by
.Pa .ini
is an error; other files, such as a
.Pa README ,
are ignored.
.Pp
Every definition is checked in full when the instruments are loaded,
and one bad definition stops the command before anything is written.
A syntax error is reported as
.Ql FILE:LINE: message ,
and anything else as
.Ql FILE: [section] key: message :
an unknown section or key (a typo is never taken for a default), a
missing required key, an item list or range that does not parse, and
the consistency checks below.
.Pp
Numbers are written in decimal, without a sign
.Ql + ,
blanks or leading zeros.
An
.Em item list
names items by number, from 1, singly or as ranges, separated by
blanks or commas:
.Ql "3 5-10" .
A
.Em score
(a band bound, a threshold) may have as many decimals as the total
prints, and no more.
.Pp
The section
.Ql [instrument]
holds:
.Bl -tag -width "reliable_change"
.It Cm title
Required: the full name, for listings.
.It Cm items
Required: the number of items, 1\(en200.
.It Cm range
The range of every item,
.Ar min Ns - Ns Ar max ,
two whole numbers (the first may be negative).
Items whose range differs are listed in
.Ql [ranges] ;
every item must get a range from one or the other.
.It Cm total
How the total is formed:
.Cm sum
(the default), the sum of the scored items;
.Cm mean ,
the mean of the scored items that are not
.Ql NA ;
or
.Cm subscale-mean ,
the mean of the means of the subscales of
.Ql [subscales] ,
each over its items that are not
.Ql NA .
A mean is computed as an exact fraction and rounded once, half away
from zero.
.It Cm decimals
The decimals a mean prints and is stored with, 0\(en4; the default is
2.
A sum is a whole number: it takes no decimals.
.It Cm scored
The item list of the items a
.Cm sum
or
.Cm mean
counts; the default is every item.
Items left out are still entered and stored, such as a difficulty
question or frequency counts.
A
.Cm subscale-mean
counts the items of its subscales.
.It Cm reverse
The item list of the reverse-scored items.
An answer
.Ar a
to such an item, whose range is
.Ar min Ns - Ns Ar max ,
scores
.Ar min No + Ar max No \- Ar a .
.It Cm na
The item list of the items that may be answered
.Ql NA
(not applicable).
Only a mean leaves items out, so a
.Cm sum
cannot have any; a risk item cannot be one.
.It Cm risk
The risk items, separated by commas, each
.Ar item Cm >= Ar value
or
.Ar item Cm > Ar value ,
such as
.Ql "9 >= 1" .
The threshold must split the item's range.
An administration with a risk item at its threshold gets the flag
.Ql risk
in
.Pa measures.csv ;
see
.Xr ipt-risk 1 .
.It Cm direction
Required:
.Cm lower
when a lower score is better, as for a symptom scale, or
.Cm higher .
.It Cm response
The improvement from baseline, in percent of the baseline, that counts
as response, such as
.Ql 50% ,
or
.Cm none .
The default is 50% for a scale where lower is better and
.Cm none
otherwise.
.It Cm remission
The rule the latest score must meet for remission, an operator
.Cm < ,
.Cm <= ,
.Cm >
or
.Cm >=
and a score, such as
.Ql "< 5" ;
quote it.
None if absent.
.It Cm reliable_change
The change, in points, that counts as reliable, in either direction.
.It Cm rci_sd , rci_reliability
Instead of
.Cm reliable_change :
the standard deviation and the test\(enretest reliability (between 0
and 1) from which the Jacobson and Truax criterion is computed, 1.96
times
.Cm rci_sd
times the square root of 2 \(mu (1 \- r); a change larger than that is
reliable.
.It Cm loinc
The LOINC code of the total score, checked against its check digit.
Leave it out unless it is verified.
.It Cm rater
Who rates it:
.Cm self
(the default),
.Cm clinician ,
.Cm parent
or
.Cm informant .
.It Cm period
The period the answers cover, such as
.Ql last 2 weeks .
.It Cm source
Required: where the scoring rules come from.
.It Cm licence
Required: the terms of use of the instrument.
.El
.Pp
The other sections are optional:
.Bl -tag -width "[subscales]"
.It Ql [ranges]
One key per item or range of items whose range is not
.Cm range ,
with its range as the value:
.Ql 4-6 = 0-2 .
An item may be listed once.
.It Ql [subscales]
One key per subscale, in the order they are printed, with its item
list as the value; an item may be in several subscales.
A subscale of a sum is a sum, of a mean a mean.
.It Ql [bands]
The severity bands, lowest first, each a
.Ar name
with its scores
.Ar low Ns - Ns Ar high
as the value.
The first must start at the lowest total and the last end at the
highest, and each must start right after the one before it, so that
every total falls in exactly one band: for a mean with two decimals,
.Ql 0.00-2.29
is followed by
.Ql 2.30- .
Without bands the severity column is empty.
.It Ql [labels]
A short description of an item, by item number, shown with a positive
risk item.
Item texts of copyrighted scales do not belong here.
.El
.Pp
A local three-item form, with a reverse-scored item and a risk item:
.Bd -literal -offset indent
[instrument]
title = "Weekly wellbeing check (local form)"
items = 3
range = 0-4
reverse = 2
total = sum
direction = lower
risk = "3 >= 1"
remission = "<= 2"
reliable_change = 3
source = "Example practice, local form; not validated"
licence = "written by the practice; free to copy"

[bands]
low = 0-4
moderate = 5-8
high = 9-12

[labels]
3 = "thoughts of harming myself"
.Ed
.Pp
Part of the built-in HRSD-17, whose items have two ranges:
.Bd -literal -offset indent
[instrument]
items = 17
range = 0-4
risk = "3 >= 1"
remission = "<= 7"
\&...

[ranges]
4-6 = 0-2
12-14 = 0-2
16-17 = 0-2
.Ed
.Pp
A definition is read each time; changing it does not rescore the rows
already in
.Pa measures.csv ,
which keep the total and band computed when they were added.
