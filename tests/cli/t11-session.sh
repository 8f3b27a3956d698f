#!/bin/sh
# t11-session.sh: ipt session add|list|show|edit|rm|note.
. "$(dirname "$0")/lib.sh"

ipt init ana --start 2026-09-01 > /dev/null
cd ana || exit 1
t 'add session 1' ipt session add --date 2026-09-01 --mood 3 --stress 8 \
    --technique inventory --technique psychoeducation --duration 50
ipt session add --date 2026-09-08 > out
t_grep 'add prints the number' '^2$' out
for d in 15 22 29; do ipt session add --date 2026-09-$d > /dev/null; done
ipt session add --date 2026-10-06 > /dev/null
ipt session show --format json 4 > s4
t 'session 4 is initial' sh -c '[ "$(jq -r .phase s4)" = initial ]'
ipt session show --format json 5 > s5
t 'session 5 is middle' sh -c '[ "$(jq -r .phase s5)" = middle ]'
t 'cancelled session' ipt session add --date 2026-10-13 --attendance cancelled
ipt session show --format json 7 > s7
t 'a cancelled session does not use a place' sh -c '[ "$(jq -r .phase s7)" = middle ]'
i=8
# Sessions are recorded once held: today is set past them (no entry is
# dated after today).
for d in 10-20 10-27 11-03 11-10 11-17 11-24 12-01 12-08; do
	IPT_TODAY=2026-12-31 ipt session add --date 2026-$d > /dev/null
done
ipt session show --format json 14 > s14
t 'session 14 (13th held) is final' sh -c '[ "$(jq -r .phase s14)" = final ]'
ipt session show --format json 13 > s13
t 'session 13 (12th held) is middle' sh -c '[ "$(jq -r .phase s13)" = middle ]'
IPT_TODAY=2026-12-31 ipt session add --date 2026-12-15 > /dev/null
IPT_TODAY=2026-12-31 ipt session add --date 2026-12-22 > /dev/null
IPT_TODAY=2026-12-31 ipt session add --date 2026-12-29 > /dev/null
ipt session show --format json 18 > s18
t 'a session past the plan is an extension' sh -c '[ "$(jq -r .phase s18)" = extension ]'
t 'phase can be set by hand' env IPT_TODAY=2026-12-31 "$IPT" session add --date 2026-12-30 --phase final
ipt session list --format csv > list.csv
t 'list csv is the file' cmp list.csv sessions.csv
ipt session list --format json > list.json
t 'list json parses' python3 -m json.tool list.json
t 'list json has every session' sh -c '[ "$(jq length list.json)" = 19 ]'
ipt session list --format tsv > list.tsv
t 'tsv has a header and a line per session' sh -c '[ "$(wc -l < list.tsv)" = 20 ]'
t 'table output' ipt session list
t 'cut reads the plain columns' sh -c \
    '[ "$(cut -d, -f1,6 sessions.csv | sed -n 2p)" = "1,initial" ]'

# Edit and remove.
t 'edit mood' ipt session edit 2 --mood 6 --note 'better; "calmer", #2'
ipt session show --format json 2 > s2
t 'edit changed mood' sh -c '[ "$(jq -r .mood s2)" = 6 ]'
t 'note with ; " , # round-trips' sh -c \
    '[ "$(jq -r .note s2)" = "better; \"calmer\", #2" ]'
note='line one, "quoted"
line two; café'
t 'multi-line note' ipt session edit 3 --note "$note"
t 'multi-line note round-trips byte-identical' sh -c \
    '[ "$("$IPT" session show --format json 3 | jq -r .note)" = "$1" ]' sh "$note"
t 'python csv reads the same note' sh -c '
	python3 -c "import csv,sys; r=list(csv.DictReader(open(\"sessions.csv\",newline=\"\",encoding=\"utf-8\"))); sys.stdout.write(r[2][\"note\"])" > got &&
	printf "%s" "$1" > want && cmp got want' sh "$note"
t 'remove the last session' ipt session rm 19
t_fail 1 'show a missing session fails' ipt session show 99

# Bad input leaves every file byte-identical.
snap .
t_fail 2 'impossible date' ipt session add --date 2026-02-30
t_fail 2 'mood 11' ipt session add --mood 11
t_fail 2 'a mood after a tab' ipt session add --mood "$(printf '\t5')"
t_fail 2 'a mood after a plus sign' ipt session add --mood +5
t_fail 2 'stress -1' ipt session add --stress -1
t_fail 2 'unknown kind' ipt session add --kind lecture
t_fail 2 'kind not in the variant' ipt session add --kind parent
t_fail 2 'unknown attendance' ipt session add --attendance late
t_fail 2 'unknown technique' ipt session add --technique hypnosis
t_fail 2 'unknown phase' ipt session add --phase middling
t_fail 2 'duration not a number' ipt session add --duration 5O
t_fail 2 'date before the last session' ipt session add --date 2026-09-02
t_fail 2 'unknown option' ipt session add --colour red
t_fail 2 'unknown verb' ipt session frobnicate
t_fail 2 'edit without number' ipt session edit --mood 3
t_fail 2 'edit bad number' ipt session edit x --mood 3
t_fail 2 'edit missing session' ipt session edit 77 --mood 3
t_fail 2 'edit into date disorder' ipt session edit 2 --date 2026-12-31
t_fail 2 'rm missing session' ipt session rm 77
t_fail 2 'note with a control character' ipt session add --note "$(printf 'a\001b')"
t_fail 2 'bad --format' ipt session list --format xml
t_fail 2 'a phase the variant lacks' ipt session add --phase pregroup
t_unchanged 'records unchanged after bad input' .
ipt session add --mood 11 2> err
t_grep 'error names the option' "^ipt: --mood: '11' is not a whole number from 0 to 10$" err
t 'error is one line' sh -c '[ "$(wc -l < err)" = 1 ]'

# A malformed sessions.csv is reported with file and line; nothing written.
cp sessions.csv good.csv; cp history.csv good-h.csv
printf '20,2026-12-31,individual,attended,,final,,,x,,\n' >> sessions.csv
snap .
t_fail 1 'bad value in the file' ipt session add
ipt session list 2> err
t_grep 'names file, line and column' '^ipt: sessions.csv:21: mood: ' err
t_unchanged 'file left as it was' .
cp good.csv sessions.csv; cp good-h.csv history.csv
printf '20,"2026-12-31,individual\n' >> sessions.csv
ipt session list 2> err
t_grep 'unterminated quote names its line' '^ipt: sessions.csv:21: unterminated' err
cp good.csv sessions.csv; cp good-h.csv history.csv
printf '20,2026-12-31\n' >> sessions.csv
ipt session list 2> err
t_grep 'short row names its line' '^ipt: sessions.csv:21: 2 fields, but the header has 11' err
cp good.csv sessions.csv; cp good-h.csv history.csv
sed -i '1s/mood/feeling/' sessions.csv
ipt session list > /dev/null 2> err
t 'an unknown column is kept' sh -c '! [ -s err ]'
ipt session add --date 2026-12-31 > /dev/null
t_grep 'unknown column survives a rewrite' '^number,.*feeling' sessions.csv
cp good.csv sessions.csv; cp good-h.csv history.csv
sed -i '1s/,phase,/,stage,/' sessions.csv
ipt session list 2> err
t_grep 'a missing required column is named' "lacks the column 'phase'" err
cp good.csv sessions.csv; cp good-h.csv history.csv

# Notes in $EDITOR.
t 'note opens the editor and saves' sh -c \
    'EDITOR="printf \"talked about work\\n\" >" "$IPT" session note 2'
t 'note file written' test -f notes/0002.md
t_grep 'note content' '^talked about work$' notes/0002.md
t 'notes dir is 0700' sh -c '[ "$(stat -c %a notes)" = 700 ]'
t 'note file is 0600' sh -c '[ "$(stat -c %a notes/0002.md)" = 600 ]'
t 'unchanged note is not rewritten' sh -c 'EDITOR=true "$IPT" session note 2'
t_fail 1 'a failing editor leaves the note' sh -c 'EDITOR=false "$IPT" session note 2'
t_grep 'note intact after a failed edit' '^talked about work$' notes/0002.md
t 'the edit copy is kept for the user' sh -c 'ls -a notes | grep -q "^\.edit-0002"'
rm -f notes/.edit-0002*
t_fail 2 'note of a missing session' sh -c 'EDITOR=true "$IPT" session note 50'
t 'no edit copies left behind' sh -c '! ls -a notes | grep -q "^\.edit"'

# A note holds at most 1 MiB; ipt reads a byte past that and no further.
printf '#!/bin/sh\nhead -c "$NOTE_BYTES" /dev/zero | tr "\\000" a > "$1"\n' \
    > "$T_TMP/fill" && chmod +x "$T_TMP/fill"
snap .
t_fail 1 'a note of 1 MiB and a byte is refused' sh -c \
    'NOTE_BYTES=1048577 EDITOR="$1" "$IPT" session note 2' sh "$T_TMP/fill"
rm -f notes/.edit-0002*
NOTE_BYTES=1048577 EDITOR="$T_TMP/fill" "$IPT" session note 2 2> err
t_grep 'the refusal says why and where the text is' \
    '^ipt: \./notes/0002\.md: the note is larger than 1 MiB (1048576 bytes), the most a note may hold; it is kept in \./notes/\.edit-0002\.md-' err
t 'the message is one line' sh -c '[ "$(wc -l < err)" = 1 ]'
t 'the over-long text is kept' sh -c \
    '[ "$(cat notes/.edit-0002* | wc -c)" = 1048577 ]'
rm -f notes/.edit-0002*
t_fail 1 'a 4 GiB note is refused at once, not read' timeout 60 sh -c \
    'EDITOR="truncate -s 4G" "$IPT" session note 2'
rm -f notes/.edit-0002*
t_unchanged 'refused notes leave the files as they were' .
t_grep 'the old note is still there' '^talked about work$' notes/0002.md
t 'a note of exactly 1 MiB is taken' sh -c \
    'NOTE_BYTES=1048576 EDITOR="$1" "$IPT" session note 4' sh "$T_TMP/fill"
t 'and written whole' sh -c '[ "$(wc -c < notes/0004.md)" = 1048576 ]'
printf 'x' >> notes/0004.md
snap .
t_fail 1 'a note grown past 1 MiB by hand is not opened' sh -c \
    'EDITOR=true "$IPT" session note 4'
EDITOR=true "$IPT" session note 4 2> err
t_grep 'and the message says so' \
    '^ipt: \./notes/0004\.md: larger than 1 MiB (1048576 bytes), the most a note may hold$' err
t 'no edit copy is left' sh -c '! ls -a notes | grep -q "^\.edit"'
t_unchanged 'the note is left as it is' .
rm notes/0004.md
t_fail 1 'an editor that removes the copy changes nothing' sh -c \
    'EDITOR=rm "$IPT" session note 2'
EDITOR=rm "$IPT" session note 2 2> err
t_grep 'and says so' 'the edited copy .* is gone; the note is unchanged$' err

t_fail 1 'a session with a note is not removed' ipt session rm 2
t 'its note is still there' test -f notes/0002.md

# A stale temporary file in notes/ (a killed note write) goes at the next write.
touch notes/.0002.md.tmp.XyZ123
ipt session add --date 2026-12-31 > /dev/null
t 'stale temporary note removed by the next write' test ! -e notes/.0002.md.tmp.XyZ123

# CRLF files from a spreadsheet, with a multi-line note, are read.
printf 'number,date,kind,attendance,duration_min,phase,focus,techniques,mood,stress,note\r\n1,2026-01-01,individual,attended,,initial,,,,,"two\r\nlines"\r\n' > "$T_TMP/crlf.csv"
mkdir "$T_TMP/crlf" && cp client.ini "$T_TMP/crlf/" && cp "$T_TMP/crlf.csv" "$T_TMP/crlf/sessions.csv"
t 'a CRLF file with a multi-line note is read' ipt -C "$T_TMP/crlf" session list

# No client.ini.
cd "$T_TMP" || exit 1
mkdir empty
t_fail 1 'session add outside a client' ipt -C empty session add
ipt -C empty session list 2> err
t_grep 'says there is no client.ini' 'no client.ini' err
t 'works from a subdirectory' sh -c 'mkdir -p ana/sub && cd ana/sub && "$IPT" session list'
t 'works with -C' ipt -C ana session list

# An edit of a session's date or attendance leaves the measures that name
# it true, as rm leaves none naming it.
ipt init held --start 2026-09-01 > /dev/null
ipt -C held session add --date 2026-10-01 > /dev/null
ipt -C held measure add --session 1 phq9 1 1 1 1 1 1 1 1 0 > /dev/null
snap held
t_fail 1 'moving a session away from its measure: refused' \
    ipt -C held session edit 1 --date 2026-10-02
t_grep 'naming the measure and why' \
    "measures.csv:2: the phq9 of 2026-10-01 names session 1, which the change would make untrue (session 1 was held on 2026-10-02, not 2026-10-01)" "$T_TMP/.out"
t_fail 1 'marking it a no-show: refused' \
    ipt -C held session edit 1 --attendance no-show
t_unchanged 'nothing changed' held
t 'other fields still change' ipt -C held session edit 1 --mood 6
finish
