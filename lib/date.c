/*
 * date.c: strict ISO 8601 calendar dates.
 *
 * The conversion between civil dates and day numbers is the well-known
 * era-based algorithm for the proleptic Gregorian calendar; it needs no
 * tables and no time zone.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "util.h"

static int	today_set;
static long	today_val;

long
date_days(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, long *y, long *m, long *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int
isleap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Parse exactly "YYYY-MM-DD" naming a real day between 1900 and 2199. */
int
date_parse(const char *s, long *out)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	long y, m, d;
	int i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return -1;
	if (d > mdays[m - 1] + (m == 2 && isleap(y)))
		return -1;
	*out = date_days(y, m, d);
	return 0;
}

void
date_format(long days, char buf[DATE_LEN])
{
	long y, m, d;

	civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		strcpy(buf, "0000-00-00");
		return;
	}
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
}

int
date_set_today(const char *s)
{
	long d;

	if (s == NULL) {
		today_set = 0;
		return 0;
	}
	if (date_parse(s, &d) == -1)
		return ipt_setusage("--today: '%s' is not a valid date "
		    "(YYYY-MM-DD)", s);
	today_val = d;
	today_set = 1;
	return 0;
}

int
date_today(long *out)
{
	const char *env;
	struct tm tm;
	time_t now;

	if (today_set) {
		*out = today_val;
		return 0;
	}
	if ((env = getenv("IPT_TODAY")) != NULL && *env != '\0') {
		if (date_parse(env, out) == -1)
			return ipt_setusage("IPT_TODAY: '%s' is not a valid "
			    "date (YYYY-MM-DD)", env);
		return 0;
	}
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL)
		return ipt_seterrno("localtime");
	*out = date_days(tm.tm_year + 1900L, tm.tm_mon + 1L, tm.tm_mday);
	return 0;
}

int
date_weekday(long days)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	long w = (days + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}
