# ipt: Interpersonal Psychotherapy records as plain files.
#
#   make            build ./ipt and lib/libipt.a (and nothing else: a
#                   missing library stops it with the command to run)
#   make demo       install what is missing (as root), build, run ipt on
#                   a copy of examples/
#   make check      install what is missing (as root), then run the unit
#                   and end-to-end tests, then again under ASan+UBSan;
#                   T=t11 runs only the tests named so (tests/run.sh
#                   --only), JOBS=1 runs them one at a time (default: as
#                   many at once as there are processors)
#   make install    PREFIX=/usr/local DESTDIR= honoured
#   make clean      remove build/ and what the build made
#
# Objects, generated sources and test programs go under build/; the only
# products outside it are ./ipt and lib/libipt.a.  Each object depends on
# the headers it includes (gcc and clang -MMD, build/.../NAME.o.d).
#
# The build needs libcsv-dev, libiniparser-dev (no pkg-config files on
# Debian) and zlib1g-dev; make demo, make check and make deps install
# them, and what the tests need, when run as root (tests/deps.sh), and
# otherwise print the exact command to run.

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
LDLIBS		+= -lcsv -liniparser -lz -lm
SANFLAGS	 = -fsanitize=address,undefined -fno-omit-frame-pointer \
		   -fno-sanitize-recover=all

DEFS		 = $(sort $(wildcard lib/defs/*/*.ini))
GEN_SRC		 = build/gen/defs_gen.c
# lib/defs_gen.c is where builds before build/gen left it: never compiled.
LIB_SRC		 = $(sort $(filter-out lib/defs_gen.c,$(wildcard lib/*.c)))
CMD_SRC		 = $(sort $(wildcard cmd/*.c))
UNIT_SRC	 = $(sort $(wildcard tests/unit/t_*.c))

LIB_OBJ		 = $(LIB_SRC:%.c=build/%.o) $(GEN_SRC:%.c=%.o)
CMD_OBJ		 = $(CMD_SRC:%.c=build/%.o)
UNIT_BIN	 = $(UNIT_SRC:tests/unit/%.c=build/unit/%)
ASAN_LIB_OBJ	 = $(LIB_SRC:%.c=build/asan/%.o) $(GEN_SRC:build/%.c=build/asan/%.o)
ASAN_CMD_OBJ	 = $(CMD_SRC:%.c=build/asan/%.o)
ASAN_UNIT_BIN	 = $(UNIT_SRC:tests/unit/%.c=build/asan/unit/%)

# Header dependencies: every compile writes TARGET.d, read back below.  A
# target also depends on its .d file (empty rule at the end), so that one
# without it (built before, or the .d removed) is compiled again; the
# touch keeps the target newer than the .d clang writes after it.
DEPFLAGS	 = -MMD -MP -MT $@ -MF $@.d

all: ipt lib/libipt.a

# make builds only: a missing library stops it, as root too, with the
# command that installs it.  Every compile waits for this check; when make
# was asked to install (check, demo, deps, stress, fuzz), the check waits
# for the install, so that make -j never compiles while apt-get runs.
build-deps:
	@sh tests/deps.sh -n build
ifneq ($(filter check demo deps stress,$(MAKECMDGOALS)),)
build-deps: deps
endif
ifneq ($(filter fuzz fuzz-build fuzz-deps,$(MAKECMDGOALS)),)
build-deps: fuzz-deps
endif

# The built-in definitions are read at build time by ini_load(), the one
# INI reader, and compiled in as read (lib/defs/defsgen.c).
build/defsgen: lib/defs/defsgen.c lib/ini.c lib/util.c lib/ini.h lib/util.h \
    lib/defs.h | build-deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ lib/defs/defsgen.c \
	    lib/ini.c lib/util.c -liniparser

$(GEN_SRC): build/defsgen $(DEFS)
	@mkdir -p $(@D)
	build/defsgen $(DEFS) > $@.tmp && mv $@.tmp $@

build/%.o: %.c build/%.o.d | build-deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<
	@touch $@

build/gen/%.o: build/gen/%.c build/gen/%.o.d | build-deps
	$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<
	@touch $@

build/asan/%.o: %.c build/asan/%.o.d | build-deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) $(DEPFLAGS) -c -o $@ $<
	@touch $@

build/asan/gen/%.o: build/gen/%.c build/asan/gen/%.o.d | build-deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) $(DEPFLAGS) -c -o $@ $<
	@touch $@

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

build/unit/%: tests/unit/%.c build/unit/%.d lib/libipt.a | build-deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) $(LDFLAGS) -o $@ $< lib/libipt.a $(LDLIBS)
	@touch $@

build/asan/unit/%: tests/unit/%.c build/asan/unit/%.d build/asan/libipt.a | build-deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) $(DEPFLAGS) $(LDFLAGS) -o $@ $< build/asan/libipt.a $(LDLIBS)
	@touch $@

deps:
	@sh tests/deps.sh

demo: deps all
	@sh examples/demo.sh ./ipt

# tests/run.sh: T names the tests to run, JOBS how many run at once.
RUNFLAGS	 = $(if $(JOBS),-j '$(JOBS)') $(if $(T),--only '$(T)')

check: deps all $(UNIT_BIN) build/asan/ipt $(ASAN_UNIT_BIN)
	@sh tests/run.sh $(RUNFLAGS) ./ipt build/unit build/asan/ipt build/asan/unit

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
FUZZ_NAMES	 = csv ini instrument variant score date json
FUZZ_CFLAGS	 = -g -O1 -std=c17 $(WARN) -fno-omit-frame-pointer \
		   -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_LIB_OBJ	 = $(LIB_SRC:%.c=build/fuzz/%.o) $(GEN_SRC:build/%.c=build/fuzz/%.o)
FUZZ_BIN	 = $(FUZZ_NAMES:%=build/fuzz/fuzz_%)
STRESS_WRITES	?= 1000

build/fuzz/lib/%.o: lib/%.c build/fuzz/lib/%.o.d | build-deps
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(DEPFLAGS) -c -o $@ $<
	@touch $@

build/fuzz/gen/%.o: build/gen/%.c build/fuzz/gen/%.o.d | build-deps
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(DEPFLAGS) -c -o $@ $<
	@touch $@

build/fuzz/libipt.a: $(FUZZ_LIB_OBJ)
	rm -f $@
	ar rcs $@ $(FUZZ_LIB_OBJ)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c build/fuzz/fuzz_%.d build/fuzz/libipt.a | build-deps
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(DEPFLAGS) $(LDFLAGS) \
	    -o $@ $< build/fuzz/libipt.a $(LDLIBS)
	@touch $@

fuzz-deps:
	@sh tests/deps.sh fuzz

fuzz-build: fuzz-deps $(FUZZ_BIN)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_NAMES)

stress: deps all
	@sh tests/stress-kill.sh ./ipt $(STRESS_WRITES)

valgrind: all
	@sh tests/deps.sh valgrind
	@sh tests/run.sh $(RUNFLAGS) tests/valgrind-ipt.sh build/valgrind-no-units

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

build/bench/gen: tests/bench/gen.c build/bench/gen.d lib/libipt.a | build-deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) $(LDFLAGS) -o $@ tests/bench/gen.c \
	    lib/libipt.a $(LDLIBS)
	@touch $@

build/bench/floor build/bench/timeit: build/bench/%: tests/bench/%.c build/bench/%.d | build-deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) $(LDFLAGS) -o $@ $<
	@touch $@

bench: all $(BENCH_TOOLS)
	@BENCH_DIR='$(BENCH_DIR)' BENCH_SIZES='$(BENCH_SIZES)' \
	    BENCH_RUNS='$(BENCH_RUNS)' sh tests/bench/run.sh ./ipt

check: $(BENCH_TOOLS)

.PHONY: bench

# The header dependencies the compiler wrote (see DEPFLAGS).
DEP		 = $(addsuffix .d,$(LIB_OBJ) $(CMD_OBJ) $(UNIT_BIN) \
		    $(ASAN_LIB_OBJ) $(ASAN_CMD_OBJ) $(ASAN_UNIT_BIN) \
		    $(FUZZ_LIB_OBJ) $(FUZZ_BIN) $(BENCH_TOOLS))
$(DEP):
include $(wildcard $(DEP))
