/*
 * tap.h: a tiny TAP producer for the C unit tests of lib/.
 *
 *	ok(cond, "name %d", i);
 *	is_str(got, "expected", "name");
 *	is_int(got, 42, "name");
 *	return tap_done();
 */
#ifndef IPT_TAP_H
#define IPT_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_fail;

static int
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	if (!cond)
		tap_fail++;
	printf("%s %d - ", cond ? "ok" : "not ok", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return cond;
}

#define is_str(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (!ok(g_ != NULL && w_ != NULL ? strcmp(g_, w_) == 0 : g_ == w_, \
	    __VA_ARGS__))						\
		printf("#   got '%s'\n#  want '%s'\n", g_ ? g_ : "(null)", \
		    w_ ? w_ : "(null)");				\
} while (0)

#define is_int(got, want, ...) do {					\
	long g_ = (long)(got), w_ = (long)(want);			\
	if (!ok(g_ == w_, __VA_ARGS__))					\
		printf("#   got %ld\n#  want %ld\n", g_, w_);		\
} while (0)

static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_fail != 0;
}

#endif
