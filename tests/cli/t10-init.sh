#!/bin/sh
# t10-init.sh: ipt init, global options and the dispatcher.
. "$(dirname "$0")/lib.sh"

t 'init creates a client directory' ipt init ana --name 'Ana M.' \
    --therapist 'Dr. R. Ruiz' --start 2026-11-02
t 'client.ini exists' test -f ana/client.ini
t 'directory is 0700' sh -c '[ "$(stat -c %a ana)" = 700 ]'
t 'client.ini is 0600' sh -c '[ "$(stat -c %a ana/client.ini)" = 600 ]'
t_grep 'id defaults to the directory name' '^id = "ana"$' ana/client.ini
t_grep 'format is recorded' '^format = "1"$' ana/client.ini
t_grep 'standard plan is 16 sessions' '^planned_sessions = "16"$' ana/client.ini
t_grep 'weekly by default' '^frequency_days = "7"$' ana/client.ini
t_grep 'start as given' '^start = "2026-11-02"$' ana/client.ini
t_grep 'status active' '^status = "active"$' ana/client.ini

t 'init with a plan' ipt init bo --sessions 12 --frequency 14 --id bo-1
t_grep 'sessions as given' '^planned_sessions = "12"$' bo/client.ini
t_grep 'id as given' '^id = "bo-1"$' bo/client.ini
t_grep 'start defaults to today' '^start = "2026-11-26"$' bo/client.ini
t 'init . in an empty directory' sh -c 'mkdir cy && cd cy && "$IPT" init'
t_grep 'init . takes the id from the directory' '^id = "cy"$' cy/client.ini
t 'init makes parent directories' ipt init deep/er/dee
t 'nested parents are 0700' sh -c '[ "$(stat -c %a deep/er)" = 700 ]'

# Values that INI files mangle come back exactly, or are refused.
name='Ana "Nina" M.; #1, café'
ther="Dr. O'Neil, PhD; #2"
t 'init with ; # " , and non-ASCII' ipt init tricky --name "$name" \
    --therapist "$ther"
t 'name reads back byte-identical via iniparser' sh -c \
    '[ "$("$IPT" -C tricky status --format json | jq -r .name)" = "$1" ]' sh "$name"
t 'therapist reads back byte-identical' sh -c \
    '[ "$("$IPT" -C tricky status --format json | jq -r .therapist)" = "$1" ]' sh "$ther"
t_fail 2 'name with both quote kinds is refused' ipt init q1 --name "O'Neil \"Bob\""
t 'nothing written for a refused name' test ! -e q1/client.ini
t_fail 2 'name with a backslash is refused' ipt init q2 --name 'a\b'
t_fail 2 'name with a newline is refused' ipt init q3 --name 'a
b'
t 'nothing written for a newline' test ! -e q3/client.ini

# Bad input: usage errors, records unchanged.
snap ana
t_fail 1 'init over a client directory fails' ipt init ana
t_unchanged 'existing client untouched' ana
t_fail 2 'bad start date' ipt init x1 --start 2026-02-30
t_fail 2 'unknown variant' ipt init x2 --variant nosuch
t_fail 2 'zero sessions' ipt init x3 --sessions 0
t_fail 2 'non-numeric frequency' ipt init x4 --frequency weekly
t_fail 2 'id with a slash' ipt init x5 --id 'a/b'
t_fail 2 'id with ..' ipt init x6 --id '..'
t_fail 2 'id with a leading dash' ipt init x7 --id '-x'
t_fail 2 'directory name not an id' ipt init 'bad name'
t_fail 2 'unknown option' ipt init x8 --bogus
t_fail 2 'two directories' ipt init x9 x10
t 'no client.ini for refused inits' sh -c '! ls x*/client.ini 2>/dev/null'
ipt init x2 --variant nosuch 2> err
t_grep 'unknown variant lists the valid names' 'standard' err

# Only a new client's directory becomes a client: not one named by '..',
# a practice root, a directory inside a client's, nor one holding clients.
mkdir -p prac/clients/new/sub grp/team && : > prac/ipt.ini
ipt init prac/clients/eva > /dev/null
ipt init grp/team/bo > /dev/null
: > afile && chmod 0640 afile
tree() { find prac grp afile -exec stat -c '%n %a %s' {} + | LC_ALL=C sort; }
tree > tree.before
t_fail 2 'init .. is refused' sh -c 'cd prac/clients/new/sub && "$IPT" init ..'
(cd prac/clients/new/sub && "$IPT" init .. 2> ../../../../err)
t_grep "'..' refused with a one-line reason" \
    "^ipt: \.\.: a path ending in '\.\.' names a parent directory" err
t 'the message is one line' sh -c '[ "$(wc -l < err)" = 1 ]'
t_fail 2 'init ../. is refused' sh -c 'cd prac/clients/new/sub && "$IPT" init ../.'
t_fail 2 'init DIR/.. is refused' ipt init prac/clients/new/sub/..
t_fail 2 'init DIR/../ is refused, --id or not' ipt init --id zed grp/team/bo/../
t_fail 1 'init in a practice root is refused' sh -c 'cd prac && "$IPT" init'
ipt init prac 2> err
t_grep 'a practice root is named as one' \
    '^ipt: prac: a practice root (it holds ipt.ini), not a client directory' err
t_fail 1 'init of a directory holding clients is refused' ipt init prac/clients
ipt init prac/clients 2> err
t_grep 'the client it holds is named' \
    '^ipt: prac/clients: holds the client directory prac/clients/eva' err
t_fail 1 'init of . holding clients is refused' sh -c 'cd prac/clients && "$IPT" init .'
t_fail 1 'a client deeper down counts too' ipt init grp
t_fail 1 'init inside a client is refused' ipt init prac/clients/eva/notes
ipt init prac/clients/eva/notes 2> err
t_grep 'the enclosing client is named' \
    '^ipt: prac/clients/eva/notes: inside the client directory .*/prac/clients/eva$' err
t_fail 1 'init deeper inside a client is refused' ipt init prac/clients/eva/a/b
t_fail 1 'init from inside a client is refused' sh -c 'cd prac/clients/eva && "$IPT" init'
t_fail 1 'init of a file is refused' ipt init afile
tree > tree.after
t_same 'refused inits wrote nothing, changed no mode' tree.before tree.after
t 'init ../NAME from a client makes a sibling' sh -c \
    'cd prac/clients/eva && "$IPT" init ../fay'
t_grep 'the sibling takes its own name' '^id = "fay"$' prac/clients/fay/client.ini
t 'init . in a new directory of a practice' sh -c \
    'mkdir prac/clients/gus && cd prac/clients/gus && "$IPT" init'
t 'a directory holding only an empty directory is new' ipt init prac/clients/new

# The dispatcher.
t 'ipt --version' ipt --version
t 'ipt --help' ipt --help
t 'ipt help with no command lists commands' ipt help
t_fail 2 'no command is a usage error' ipt
ipt sesion 2> err
t_grep 'unknown command suggests the closest' "did you mean 'session'" err
t_fail 2 'unknown command exits 2' ipt sesion
t_fail 2 'unknown global option' ipt --bogus
t_fail 2 'bad --today' ipt --today 2026-13-01 session list
t_fail 2 '-C to a missing directory' ipt -C nowhere session list
t 'external ipt-NAME runs as ipt NAME' sh -c '
	mkdir bin && printf "#!/bin/sh\necho hello \"\$@\"\n" > bin/ipt-hello &&
	chmod +x bin/ipt-hello && PATH="$PWD/bin:$PATH" "$IPT" hello a > out &&
	[ "$(cat out)" = "hello a" ]'
t_fail 1 'output error is reported' sh -c '"$IPT" --help > /dev/full'
finish
