#!/bin/sh
# t71-kill.sh: kill -9 at random moments during 50 writes; the files stay
# whole and nothing a finished write did is lost (tests/stress-kill.sh,
# which `make stress' runs with 1,000 writes).
exec sh "$(dirname "$0")/../stress-kill.sh" "${IPT:?}" 50
