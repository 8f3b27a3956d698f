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
		   -Wmissing-prototypes -Wno-unused-parameter
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

all: ipt lib/libipt.a

lib/defs_gen.c: lib/defs/embed.sh $(DEFS)
	sh lib/defs/embed.sh $(DEFS) > $@.tmp && mv $@.tmp $@

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

.PHONY: all check clean demo deps install lint uninstall
.DELETE_ON_ERROR:
