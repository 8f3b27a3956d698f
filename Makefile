# ipt: Interpersonal Psychotherapy records as plain files.
#
#   make            build ./ipt and lib/libipt.a
#   make demo       build and run ipt on a copy of examples/
#   make check      unit and end-to-end tests, then again under ASan+UBSan
#   make install    PREFIX=/usr/local DESTDIR= honoured
#
# The build needs libcsv-dev and libiniparser-dev (no pkg-config files on
# Debian); `make deps' installs them when run as root and otherwise prints
# the exact command to run.

PREFIX		?= /usr/local
BINDIR		?= $(PREFIX)/bin
MANDIR		?= $(PREFIX)/share/man
BASHCOMPDIR	?= $(PREFIX)/share/bash-completion/completions

CC		?= cc
CFLAGS		?= -g -O2
WARN		 = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
		   -Wmissing-prototypes
override CFLAGS	+= -std=c17 $(WARN)
override CPPFLAGS += -D_XOPEN_SOURCE=700 -I/usr/include/iniparser -Ilib
LDLIBS		+= -lcsv -liniparser -lm
SANFLAGS	 = -fsanitize=address,undefined -fno-omit-frame-pointer \
		   -fno-sanitize-recover=all

DEFS		 = $(sort $(wildcard lib/defs/*/*.ini))
LIB_SRC		 = $(sort $(filter-out lib/defs_gen.c,$(wildcard lib/*.c))) lib/defs_gen.c
CMD_SRC		 = $(sort $(wildcard cmd/*.c))
UNIT_SRC	 = $(sort $(wildcard tests/unit/t_*.c))
HDR		 = $(wildcard lib/*.h cmd/*.h tests/unit/*.h)

LIB_OBJ		 = $(LIB_SRC:%.c=build/%.o)
CMD_OBJ		 = $(CMD_SRC:%.c=build/%.o)
UNIT_BIN	 = $(UNIT_SRC:tests/unit/%.c=build/unit/%)
ASAN_LIB_OBJ	 = $(LIB_SRC:%.c=build/asan/%.o)
ASAN_CMD_OBJ	 = $(CMD_SRC:%.c=build/asan/%.o)
ASAN_UNIT_BIN	 = $(UNIT_SRC:tests/unit/%.c=build/asan/unit/%)

all: build-deps ipt lib/libipt.a

# The build needs libcsv-dev and libiniparser-dev: install them as root,
# or stop with the command to run.
build-deps:
	@sh tests/deps.sh build

# The built-in definitions are read at build time by ini_load(), the one
# INI reader, and compiled in as read (lib/defs/defsgen.c).
build/defsgen: lib/defs/defsgen.c lib/ini.c lib/util.c lib/ini.h lib/util.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ lib/defs/defsgen.c \
	    lib/ini.c lib/util.c -liniparser

lib/defs_gen.c: build/defsgen $(DEFS)
	build/defsgen $(DEFS) > $@.tmp && mv $@.tmp $@

build/%.o: %.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

build/asan/%.o: %.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) -c -o $@ $<

lib/libipt.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

build/asan/libipt.a: $(ASAN_LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $(ASAN_LIB_OBJ)

ipt: $(CMD_OBJ) lib/libipt.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CMD_OBJ) lib/libipt.a $(LDLIBS)

build/asan/ipt: $(ASAN_CMD_OBJ) build/asan/libipt.a
	$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $(ASAN_CMD_OBJ) build/asan/libipt.a $(LDLIBS)

build/unit/%: tests/unit/%.c lib/libipt.a $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libipt.a $(LDLIBS)

build/asan/unit/%: tests/unit/%.c build/asan/libipt.a $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $< build/asan/libipt.a $(LDLIBS)

deps:
	@sh tests/deps.sh

demo: deps all
	@sh examples/demo.sh ./ipt

check: deps all $(UNIT_BIN) build/asan/ipt $(ASAN_UNIT_BIN)
	@sh tests/run.sh ./ipt build/unit build/asan/ipt build/asan/unit

# Lint the manual pages: mandoc must print nothing.
lint:
	@out=$$(mandoc -Tlint -Wwarning man/*.1 man/*.5 2>&1); \
	if [ -n "$$out" ]; then echo "$$out"; exit 1; fi

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(BASHCOMPDIR)
	install -m 0755 ipt $(DESTDIR)$(BINDIR)/ipt
	install -m 0644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 0644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 0644 cmd/ipt.bash $(DESTDIR)$(BASHCOMPDIR)/ipt

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ipt $(DESTDIR)$(BASHCOMPDIR)/ipt
	for f in man/*.1; do rm -f $(DESTDIR)$(MANDIR)/man1/$${f#man/}; done
	for f in man/*.5; do rm -f $(DESTDIR)$(MANDIR)/man5/$${f#man/}; done

clean:
	rm -rf build ipt lib/libipt.a lib/defs_gen.c lib/defs_gen.c.tmp

.PHONY: all build-deps check clean demo deps install lint uninstall
.DELETE_ON_ERROR:

# Hardening (issue 7): fuzzing, crash and stress tests, valgrind.
#
#   make fuzz       build the libFuzzer harnesses of tests/fuzz with clang
#                   into build/fuzz/ and run each for FUZZ_SECONDS seconds
#                   (FUZZ_JOBS of them at once); prints executions per
#                   harness and fails on a crash (kept in build/fuzz/)
#   make stress     kill -9 at random moments during 1,000 writes
#   make valgrind   the end-to-end tests with ipt run under valgrind
#
# The fuzz and valgrind targets need packages make check does not:
# `tests/deps.sh fuzz' and `tests/deps.sh valgrind' install them.

FUZZ_CC		?= clang
FUZZ_SECONDS	?= 60
FUZZ_JOBS	?= 1
FUZZ_NAMES	 = csv ini instrument variant score date
FUZZ_CFLAGS	 = -g -O1 -std=c17 $(WARN) -fno-omit-frame-pointer \
		   -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_LIB_OBJ	 = $(LIB_SRC:%.c=build/fuzz/%.o)
FUZZ_BIN	 = $(FUZZ_NAMES:%=build/fuzz/fuzz_%)
STRESS_WRITES	?= 1000

build/fuzz/lib/%.o: lib/%.c $(HDR)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/libipt.a: $(FUZZ_LIB_OBJ)
	rm -f $@
	ar rcs $@ $(FUZZ_LIB_OBJ)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/harness.h build/fuzz/libipt.a $(HDR)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) \
	    -o $@ $< build/fuzz/libipt.a $(LDLIBS)

build/unit/t_fuzzregress build/asan/unit/t_fuzzregress: tests/fuzz/harness.h

fuzz-deps:
	@sh tests/deps.sh fuzz

fuzz-build: fuzz-deps $(FUZZ_BIN)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_NAMES)

stress: deps all
	@sh tests/stress-kill.sh ./ipt $(STRESS_WRITES)

valgrind: all
	@sh tests/deps.sh valgrind
	@sh tests/run.sh tests/valgrind-ipt.sh build/valgrind-no-units

.PHONY: fuzz fuzz-build fuzz-deps stress valgrind

# Benchmarks (issue 8): BENCHMARKS.md has the figures and how to read them.
#
#   make bench      generate synthetic practices of BENCH_SIZES clients
#                   under BENCH_DIR (kept for the next run; about 40 MB and
#                   11 files a client), then time the caseload scans and
#                   single-client commands against the floor of reading
#                   the same files, BENCH_RUNS times each (medians)
#
# BENCH_COLD=1 also times each scan after dropping the page cache (root).
# make check builds the three tools: tests/cli/t80-bench.sh tries them.

# caseload_scan() reads ahead in a second thread (lib/caseload.c).
LDLIBS		+= -pthread

BENCH_DIR	?= build/bench
BENCH_SIZES	?= 1000 10000 100000
BENCH_RUNS	?= 5
BENCH_TOOLS	 = build/bench/gen build/bench/floor build/bench/timeit

build/bench/gen: tests/bench/gen.c lib/libipt.a $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ tests/bench/gen.c \
	    lib/libipt.a $(LDLIBS)

build/bench/floor build/bench/timeit: build/bench/%: tests/bench/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

bench: all $(BENCH_TOOLS)
	@BENCH_DIR='$(BENCH_DIR)' BENCH_SIZES='$(BENCH_SIZES)' \
	    BENCH_RUNS='$(BENCH_RUNS)' sh tests/bench/run.sh ./ipt

check: $(BENCH_TOOLS)

.PHONY: bench
