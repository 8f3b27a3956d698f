#!/bin/sh
# valgrind-ipt.sh: ipt run under valgrind, for `make valgrind', which runs
# the end-to-end tests with this script as the ipt under test.  Any
# memory error or definite leak makes ipt exit 99, which fails the test.
# IPT_VALGRIND_BIN names another ipt binary (default: ./ipt of the tree).
here=$(cd "$(dirname "$0")/.." && pwd)
exec valgrind --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite -q \
    "${IPT_VALGRIND_BIN:-$here/ipt}" "$@"
