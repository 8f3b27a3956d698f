#!/bin/sh
# deps.sh: make sure what the build and the tests need is installed.
# As root, missing Debian packages are installed with apt-get; otherwise
# (or with -n, never installing) the exact command to run is printed and
# the make stops:
#   ipt: libcsv-dev is missing: run: sudo apt-get install -y libcsv-dev
#
#   sh tests/deps.sh [-n] build     what make (the build alone) needs
#   sh tests/deps.sh [-n]           what make and make check need
#   sh tests/deps.sh [-n] fuzz      and clang with libFuzzer (make fuzz)
#   sh tests/deps.sh [-n] valgrind  and valgrind (make valgrind)
#
# Plain make runs `deps.sh -n build' before it compiles anything; make
# check, make demo and make deps run `deps.sh' (make fuzz: `deps.sh fuzz').
set -u
install=yes
if [ "${1:-}" = -n ]; then
	install=
	shift
fi
missing=
case ${1:-} in
fuzz)
	if ! command -v clang >/dev/null 2>&1; then
		missing="$missing clang libclang-rt-dev"
	else
		# libFuzzer's runtime belongs to the clang in use (Debian:
		# libclang-rt-14-dev for clang 14).
		rt=$(clang -print-resource-dir 2>/dev/null)/lib/linux
		if ! [ -f "$rt/libclang_rt.fuzzer-$(uname -m).a" ]; then
			v=$(clang -dumpversion 2>/dev/null | cut -d. -f1)
			missing="$missing libclang-rt-$v-dev"
		fi
	fi
	;;
valgrind)
	command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
	;;
esac
[ -f /usr/include/csv.h ] || missing="$missing libcsv-dev"
[ -f /usr/include/iniparser/iniparser.h ] || missing="$missing libiniparser-dev"
[ -f /usr/include/zlib.h ] || missing="$missing zlib1g-dev"
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"
if [ "${1:-}" = build ]; then
	:
else
command -v mandoc >/dev/null 2>&1 || missing="$missing mandoc"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
command -v jq >/dev/null 2>&1 || missing="$missing jq"
# t61-schedule.sh reads the iCalendar output back (Debian's python3, which
# a pyenv python3 on PATH may hide, is tried too).
{ python3 -c 'import icalendar' || /usr/bin/python3 -c 'import icalendar'; } \
    >/dev/null 2>&1 || missing="$missing python3-icalendar"
# t85-export-trial.sh reads the export with pandas, t86 through a
# spreadsheet (LibreOffice Calc, headless).
{ python3 -c 'import pandas' || /usr/bin/python3 -c 'import pandas'; } \
    >/dev/null 2>&1 || missing="$missing python3-pandas"
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-calc-nogui"
# t79-timezone.sh reads the practice's zone from the time zone database.
[ -f /usr/share/zoneinfo/Europe/Berlin ] || missing="$missing tzdata"
# t39 signs commits with an SSH key, t49 syncs through an encrypted remote.
command -v ssh-keygen >/dev/null 2>&1 || missing="$missing openssh-client"
command -v gpg >/dev/null 2>&1 || missing="$missing gnupg"
command -v git-remote-gcrypt >/dev/null 2>&1 ||
    missing="$missing git-remote-gcrypt"
command -v sha256sum >/dev/null 2>&1 || missing="$missing coreutils"
command -v git >/dev/null 2>&1 || missing="$missing git"
# t73-hostile.sh bounds the memory of a refused huge file with GNU time.
[ -x /usr/bin/time ] || missing="$missing time"
# t65-t67 validate FHIR Bundles with the FHIR R4 JSON schema (node).
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
# The validator itself: npm ci --prefix tests/fhir (package-lock.json).
fhir_ci() {
	[ "${1:-}" = build ] || [ -d tests/fhir/node_modules/@asymmetrik ] ||
	    ! command -v npm >/dev/null 2>&1 || {
		[ -n "$install" ] ||
		    { echo "ipt: the FHIR validator is missing: run: npm ci" \
		    "--prefix tests/fhir" >&2; return 1; }
		echo "ipt: npm ci --prefix tests/fhir"
		npm ci --prefix tests/fhir --no-audit --no-fund >/dev/null
	}
}
if [ -z "$missing" ]; then
	fhir_ci "${1:-}"
	exit
fi
sudo='sudo '
[ "$(id -u)" = 0 ] && sudo=
if [ -n "$install" ] && [ -z "$sudo" ] &&
    command -v apt-get >/dev/null 2>&1; then
	echo "ipt: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq $missing >/dev/null ||
	    { echo "ipt: apt-get install -y$missing failed" >&2; exit 1; }
	fhir_ci "${1:-}"
	exit
fi
set -- $missing
if [ $# = 1 ]; then
	is="$1 is missing"
else
	is="$* are missing"
fi
echo "ipt: $is: run: ${sudo}apt-get install -y$missing" >&2
exit 1
