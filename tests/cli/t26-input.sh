#!/bin/sh
# t26-input.sh: what a new user types and saves: a CSV or INI with a UTF-8
# byte-order mark (a spreadsheet's "CSV UTF-8"), blank text, a misspelt
# --variant, session show of a missing session, check inside a client.
. "$(dirname "$0")/lib.sh"

bom=$(printf '\357\273\277')
mkdir p && : > p/ipt.ini
ipt init p/ana --start 2026-11-02 > /dev/null
cd p/ana || exit 1
ipt session add --date 2026-11-02 --mood 3 > /dev/null
ipt session add --date 2026-11-09 --mood 4 > /dev/null

# A spreadsheet saves sessions.csv as "CSV UTF-8": a BOM, CRLF lines.
{ printf '%s' "$bom"; sed 's/$/\r/' sessions.csv; } > s.tmp
mv s.tmp sessions.csv
chmod 600 sessions.csv
ipt session list --format csv > l.csv
t 'a CSV with a byte-order mark is read' grep -q '^2,2026-11-09,' l.csv
t 'its first column is "number", not BOM+number' \
    grep -q '^number,date,' l.csv
t 'check accepts it' ipt check
t 'a write takes it' ipt session add --date 2026-11-16
t 'and writes it back without the mark' \
    sh -c "! grep -q '$bom' sessions.csv"
t_grep 'with the rows it had' '^2,2026-11-09,' sessions.csv
# An editor saves client.ini "UTF-8 with BOM".
{ printf '%s' "$bom"; cat client.ini; } > c.tmp
mv c.tmp client.ini
chmod 600 client.ini
ipt status > st.out
t_grep 'a client.ini with a byte-order mark is read' '^client: *ana' st.out
t 'plan writes it' ipt plan --therapist 'Dr. R. Ruiz'
t 'written back without the mark' sh -c "! grep -q '$bom' client.ini"
t_grep 'and with its values' 'therapist = "Dr. R. Ruiz"' client.ini
# A BOM in a practice's definitions, too.
mkdir -p ../instruments
{ printf '%s' "$bom"; cat "$T_SRC/examples/practice/instruments/wellbeing3.ini"; } \
    > ../instruments/wb.ini
chmod 600 ../instruments/wb.ini
ipt measure instruments > ml.out 2>&1
t_grep 'an instrument with a byte-order mark is read' '^wb: Weekly' ml.out
t 'and used' ipt measure add wb 1 0 0
# A bad line after a BOM keeps its number.
{ printf '%s' "$bom"; printf '[client]\nid = "ana"\nid = "x"\n'; } > c.ini
mkdir bad && mv c.ini bad/client.ini
ipt -C bad status > err 2>&1
t_grep 'a bad line after a BOM: its own number' 'client.ini:3:' err
rm -r bad

snap .
t_fail 2 'goal add of blanks is refused' ipt goal add '   '
t_fail 2 'goal add of an empty text is refused' ipt goal add ''
t_fail 2 'event add of blanks is refused' ipt event add '  ' --kind loss
t_fail 2 'relapse add of blanks is refused' \
    ipt relapse add --kind action ' 	 '
ipt goal add '   ' 2> err
t_grep 'one line naming the argument' '^ipt: goal: is blank$' err
t_unchanged 'blank text writes nothing' .
t 'a goal with words is taken' ipt goal add ' walk daily '

cd ../.. || exit 1
t_fail 2 'ls --variant of no variant is a usage error' ipt ls --variant cbt p
ipt ls --variant cbt p 2> err
t_grep 'it names the valid ones' "'cbt' is not one of: adolescent," err
t 'ls --variant brief (a variant, no client) is fine' \
    ipt ls --variant brief p
mkdir -p p/variants
cp "$T_SRC/lib/defs/variants/brief.ini" p/variants/cbt-ipt.ini
chmod 600 p/variants/cbt-ipt.ini
t "ls --variant of the practice's own variant" ipt ls --variant cbt-ipt p
cd p/ana || exit 1

t_fail 1 'session show 99 is a failure (exit 1), as the manual says' \
    ipt session show 99
ipt session show 99 2> err
t_grep 'it says so' 'no session 99' err

# check inside the client: "FILE:LINE: error: ...", the file named once.
printf 'bogus\n' >> sessions.csv
ipt check > chk.out 2>&1
t_grep 'check inside the client names the file once' \
    '^sessions.csv:5: error: 1 field' chk.out
t 'not as ./sessions.csv' sh -c '! grep -q "\./sessions.csv" chk.out'
finish
