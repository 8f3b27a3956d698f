/*
 * date.h: ISO 8601 calendar dates (YYYY-MM-DD) as day numbers.
 *
 * A day number counts days since 1970-01-01 in the proleptic Gregorian
 * calendar, so that differences are plain subtraction.  Only years 1900 to
 * 2199 are accepted: anything else in a clinical record is a typing error.
 */
#ifndef IPT_DATE_H
#define IPT_DATE_H

#define DATE_LEN 11		/* "YYYY-MM-DD" and NUL */

int	 date_parse(const char *, long *);
void	 date_format(long, char [DATE_LEN]);
/* Set "today" from a string (--today); NULL clears it. */
int	 date_set_today(const char *);
/* Today: --today, else IPT_TODAY, else the local date. */
int	 date_today(long *);
/* The day number of year y, month m (1-12), day d, any year. */
long	 date_days(long y, long m, long d);
/* Day of week, 0 = Monday. */
int	 date_weekday(long);

#endif
