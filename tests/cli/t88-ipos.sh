#!/bin/sh
# t88-ipos.sh: the Interpersonal Psychotherapy Outcome Scale (ipos-p,
# ipos-t) as instrument data: only the client's focus areas are rated.
. "$(dirname "$0")/lib.sh"

mkdir p && : > p/ipt.ini
ipt init p/ana --start 2026-09-01 > /dev/null
cd p/ana || exit 1

ipt measure instruments --format json > ../i.json
t 'both versions are built in, rated by whom they say' sh -c \
    '[ "$(jq -r "[.[] | select(.name | startswith(\"ipos\")) | .name + \" \" + .rater] | join(\",\")" ../i.json)" = "ipos-p self,ipos-t clinician" ]'

# Before a focus is chosen the scale cannot be given.
snap .
t_fail 2 'no focus yet: refused' ipt measure add ipos-t NA 4 NA NA
ipt measure add ipos-t NA 4 NA NA 2> err
t_grep 'says why' '^ipt: ipos-t rates the focus areas, and no focus is chosen yet (ipt focus set)$' err
t_unchanged 'nothing written' .

ipt focus set role-dispute --secondary role-transition --date 2026-09-22 > /dev/null
snap .
t_fail 2 'a non-focus area rated: refused' ipt measure add ipos-t 3 4 5 NA
ipt measure add ipos-t 3 4 5 NA 2> err
t_grep 'names the item and the area' \
    '^ipt: ipos-t: item 1 (grief) is not a focus area of the client (role-dispute, role-transition): give NA$' err
t_fail 2 'a focus area left NA: refused' ipt measure add ipos-p NA 4 NA NA
ipt measure add ipos-p NA 4 NA NA 2> err
t_grep 'asks to rate it' \
    '^ipt: ipos-p: item 3 (role-transition) is a focus area of the client: rate it$' err
t_fail 2 'a rating outside 1-5' ipt measure add ipos-t NA 6 4 NA
t_fail 2 'a rating of 0' ipt measure add ipos-t NA 0 4 NA
t_unchanged 'nothing written by the refusals' .

# Worked example: at termination the therapist rates the dispute 4 and
# the transition 5, the patient 5 and 4... 5 and 5: the total is the
# mean of the focus areas rated.
ipt measure add ipos-t --date 2026-11-20 NA 4 5 NA > /dev/null
ipt measure add ipos-p --date 2026-11-20 NA 5 4 NA > /dev/null
t_grep 'therapist: mean of 4 and 5 is 4.50' \
    '^2026-11-20,,ipos-t,4.50,,NA 4 5 NA,$' measures.csv
t_grep 'patient: mean of 5 and 4 is 4.50' \
    '^2026-11-20,,ipos-p,4.50,,NA 5 4 NA,$' measures.csv
t 'the same mean computed another way' sh -c '[ "$(awk -F, "\$3 == \"ipos-t\" {
    split(\$6, a, \" \"); s = 0; n = 0
    for (i = 1; i <= 4; i++) if (a[i] != \"NA\") { s += a[i]; n++ }
    printf \"%.2f\", s / n }" measures.csv)" = 4.50 ]'
t 'a total alone is taken' ipt measure add ipos-t --date 2026-11-21 --total 4.25
rm -f err out
t 'check: clean' sh -c '"$IPT" check . > ../out && ! [ -s ../out ]'
cd ../.. || exit 1

# One focus area: one item rated.
ipt init p/bo --start 2026-09-01 > /dev/null
(cd p/bo && "$IPT" focus set grief > /dev/null)
t 'one focus area' ipt -C p/bo measure add ipos-p 5 NA NA NA
t_grep 'the total is that rating' ',ipos-p,5.00,,5 NA NA NA,$' p/bo/measures.csv

# A variant area the scale has no item for.
ipt init p/cy --start 2026-09-01 --variant bipolar > /dev/null
(cd p/cy && "$IPT" focus set lost-healthy-self > /dev/null)
t_fail 2 'no item for the focus: refused' ipt -C p/cy measure add ipos-p NA NA NA NA

# [areas] in a practice's definition: bad ones give one line naming
# the file, the section and the key.
mkdir p/instruments
snap p/ana
bad() {
	printf '[instrument]\ntitle = "X"\nitems = 2\nrange = 1-5\ntotal = mean\n%s\ndirection = higher\nsource = "s"\nlicence = "l"\n[areas]\n%s\n' \
	    "$1" "$2" > p/instruments/x.ini
	"$IPT" -C p/ana measure add x NA 4 > out 2> err
	echo $? > rc
}
bad 'na = 1-2' 'gri_ef = 1'
t_grep 'a bad area name' "x.ini: \[areas\] gri_ef: not a problem area's name" err
t 'exit 1' grep -qx 1 rc
bad 'na = 1-2' 'grief = 3'
t_grep 'an item out of range' "x.ini: \[areas\] grief: '3' is not an item number from 1 to 2" err
bad 'na = 1-2' 'grief = 1
role-dispute = 1'
t_grep 'an item with two areas' 'x.ini: \[areas\] role-dispute: item 1 rates grief already' err
bad 'na = 2' 'grief = 1'
t_grep 'an area item must be NA-able' 'x.ini: \[areas\] grief: item 1 must be one of na' err
t_unchanged 'a bad definition writes nothing' p/ana
finish
