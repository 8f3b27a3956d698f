#!/bin/sh
# t17-install.sh: make install and uninstall honour PREFIX and DESTDIR.
. "$(dirname "$0")/lib.sh"

d=$T_TMP/root
t 'make install' make -s -C "$T_SRC" install DESTDIR="$d" PREFIX=/opt/ipt
t 'the binary is installed' test -x "$d/opt/ipt/bin/ipt"
t 'it runs' "$d/opt/ipt/bin/ipt" --version
t 'ipt(1) is installed' test -f "$d/opt/ipt/share/man/man1/ipt.1"
t 'ipt-files(5) is installed' test -f "$d/opt/ipt/share/man/man5/ipt-files.5"
t 'every command page is installed' sh -c \
    'for f in "$1"/man/*.1; do test -f "$2/opt/ipt/share/man/man1/${f##*/}" || exit 1; done' sh "$T_SRC" "$d"
t 'bash completion is installed' test -f "$d/opt/ipt/share/bash-completion/completions/ipt"
t 'make uninstall' make -s -C "$T_SRC" uninstall DESTDIR="$d" PREFIX=/opt/ipt
t 'nothing is left' sh -c '[ -z "$(find "$1" -type f)" ]' sh "$d"
finish
