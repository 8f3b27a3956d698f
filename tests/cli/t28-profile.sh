#!/bin/sh
# t28-profile.sh: the profile a clinic records, with ipt plan: birth date
# (age), diagnosis and ICD code, referrer, consent date, emergency
# contact; shown by status and every report format, the emergency
# contact next to an open risk flag.
. "$(dirname "$0")/lib.sh"

ipt init ana --name 'Ana M.' --start 2026-11-02 > /dev/null
cd ana || exit 1
ipt session add --date 2026-11-02 > /dev/null
t 'plan takes the profile' ipt plan --birth-date 2010-11-27 \
    --diagnosis 'Major depressive disorder, single episode, moderate' \
    --icd F32.1 --referrer 'Dr. K. Lee (GP)' --consent-date 2026-11-02 \
    --emergency-contact 'Sam (father) 555-0100'
t_grep 'in [profile] of client.ini' '^\[profile\]$' client.ini
t_grep 'birth date kept' '^birth_date = "2010-11-27"$' client.ini
t_grep 'icd kept' '^icd = "F32.1"$' client.ini
ipt plan --format json > p.json
t 'plan json has it' sh -c \
    '[ "$(jq -r .emergency_contact p.json)" = "Sam (father) 555-0100" ]'
ipt status > st
t_grep 'status: age the day before the birthday' \
    '^born: *2010-11-27 (15 years)$' st
ipt status --today 2026-11-27 > st2
t_grep 'status: and on it' '^born: *2010-11-27 (16 years)$' st2
t_grep 'status: diagnosis with its code' \
    '^diagnosis: Major depressive disorder, single episode, moderate (F32.1)$' st
t_grep 'status: referrer' '^referrer: *Dr. K. Lee (GP)$' st
t_grep 'status: consent' '^consent: *2026-11-02$' st
t_grep 'status: emergency contact' '^emergency: Sam (father) 555-0100$' st
ipt status --format json > st.json
t 'status json: age and code' sh -c \
    '[ "$(jq -r "[.age, .icd] | join(\" \")" st.json)" = "15 F32.1" ]'

# Next to a risk flag.
ipt measure add phq9 2 2 1 2 1 1 1 0 1 --date 2026-11-02 > /dev/null
ipt status > st
t_grep 'the emergency contact follows the RISK lines' \
    '^RISK: emergency contact: Sam (father) 555-0100$' st
t 'RISK lines first, the contact right after them' sh -c \
    'head -n 2 st | tail -n 1 | grep -q "^RISK: emergency contact"'
for f in text md html; do
	ipt report --format $f > r.$f
	t_grep "report ($f): the diagnosis" 'F32.1' r.$f
	t_grep "report ($f): the contact with the risk" \
	    'review).*Emergency contact: Sam (father) 555-0100' r.$f
done
t_grep 'report (text): age' 'born  *2010-11-27 (15 years)' r.text
ipt report --format json > r.json
t 'report json: the profile' sh -c \
    '[ "$(jq -r ".client.referrer" r.json)" = "Dr. K. Lee (GP)" ]'

# "" removes a value; bad values are usage errors; nothing written.
t 'an empty value removes it' ipt plan --referrer ''
t 'referrer gone' sh -c '! grep -q referrer client.ini'
snap .
t_fail 2 'an ICD code in lower case' ipt plan --icd f32.1
t_fail 2 'not an ICD code' ipt plan --icd 'depression'
t_fail 2 'a birth date after today' ipt plan --birth-date 2027-01-01
t_fail 2 'a consent date not a date' ipt plan --consent-date 2026-02-30
t_fail 2 'a blank diagnosis' ipt plan --diagnosis '   '
t_fail 2 'both quotes in a value' ipt plan --referrer "Dr. \"K\" O'Lee"
ipt plan --icd f32.1 2> err
t_grep 'one line naming the option' "^ipt: --icd: 'f32.1' is not an ICD code" err
t_unchanged 'bad profile values write nothing' .
# The adolescent variant is for ages 12-18 at the start: a client of 19
# is a warning of check, and status says so; 15 is not.
cd "$T_TMP" || exit 1
ipt init teen --variant adolescent --start 2026-11-02 > /dev/null
ipt -C teen plan --birth-date 2011-03-04 > /dev/null
ipt -C teen check > ok.out 2>&1
t 'adolescent of 15: no age warning' sh -c '! grep -q "variant is for ages" ok.out'
ipt -C teen plan --birth-date 2007-05-01 > /dev/null
ipt -C teen check > old.out 2>&1
t_grep 'adolescent of 19 at the start: a warning naming the ages' \
    '^client.ini: warning: born 2007-05-01, the client was 19 at the start (2026-11-02): the adolescent variant is for ages 12-18' old.out
ipt -C teen status > st3
t_grep 'status says so on the born line' \
    '^born: *2007-05-01 (19 years); 19 at the start, outside the ages 12-18 of the adolescent variant$' st3
ipt -C teen status --format json > st3.json
t 'status json: age_in_variant false' jq -e '.age_in_variant == false' st3.json
ipt init adult --start 2026-11-02 > /dev/null
ipt -C adult plan --birth-date 1950-01-01 > /dev/null
ipt -C adult check > adult.out 2>&1
t 'standard has no ages: no warning at 76' sh -c '! grep -q "variant is for ages" adult.out'
printf '[variant]\ntitle = x\nsessions = 4\nfrequency_days = 7\nareas = grief\nages = 18-12\n[phases]\ninitial = 1-4\n[kinds]\nallowed = individual\n' > v.ini
mkdir -p pr/variants && : > pr/ipt.ini && chmod 700 pr && cp v.ini pr/variants/bad.ini
t_fail 1 'a bad ages range in a practice variant' ipt init pr/c --variant bad
ipt init pr/c2 --variant bad > bad.out 2>&1
t_grep 'named with file, section and key' "variants/bad.ini.*\[variant\] ages: '18-12' is not an age range" bad.out
cd ana || exit 1
# A hand edit that breaks it is named with file and key.
sed 's/^icd = .*/icd = "zz"/' client.ini > c.tmp && cat c.tmp > client.ini
ipt status > /dev/null 2> err
t_grep 'a bad icd in the file is named' 'client.ini.*\[profile\] icd' err
finish
