#!/bin/sh
# deps.sh: make sure what the build and the tests need is installed.
# As root, missing Debian packages are installed with apt-get; otherwise
# the exact command to run is printed and the make stops.
set -u
missing=
[ -f /usr/include/csv.h ] || missing="$missing libcsv-dev"
[ -f /usr/include/iniparser/iniparser.h ] || missing="$missing libiniparser-dev"
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v mandoc >/dev/null 2>&1 || missing="$missing mandoc"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
command -v jq >/dev/null 2>&1 || missing="$missing jq"
command -v sha256sum >/dev/null 2>&1 || missing="$missing coreutils"
[ -n "$missing" ] || exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq $missing >/dev/null ||
	    { echo "deps: apt-get install$missing failed" >&2; exit 1; }
	exit 0
fi
echo "deps: missing packages:$missing" >&2
echo "deps: run: sudo apt-get install -y$missing" >&2
exit 1
