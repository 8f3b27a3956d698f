/*
 * ics.c: iCalendar (RFC 5545) content lines and TEXT values (see ics.h).
 * What they say of a schedule is schedule.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "date.h"
#include "ics.h"
#include "ini.h"
#include "trust.h"
#include "util.h"

void
ics_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\':
		case ';':
		case ',':
			buf_addc(b, '\\');
			buf_addc(b, *s);
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			break;
		default:
			/* No control character but HTAB is allowed. */
			buf_addc(b, (unsigned char)*s < 0x20 && *s != '\t' ?
			    ' ' : *s);
			break;
		}
	}
}

void
ics_line(FILE *fp, const char *s)
{
	size_t len = strlen(s), max = ICS_FOLD, n;

	for (;;) {
		if (len <= max) {
			fwrite(s, 1, len, fp);
			fputs("\r\n", fp);
			return;
		}
		/* Do not cut a UTF-8 sequence: back up to its lead byte. */
		n = max;
		while (n > 1 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		fwrite(s, 1, n, fp);
		fputs("\r\n ", fp);
		s += n;
		len -= n;
		max = ICS_FOLD - 1;	/* the leading space counts */
	}
}

/*
 * Time zones.
 */

/* [+-]hh[:mm[:ss]] of a POSIX TZ string at *p, in seconds; -1 if none. */
static int
posix_time(const char **p, long *secs, int sign_ok)
{
	const char *s = *p;
	long v[3] = { 0, 0, 0 }, sign = 1;
	int k, n;

	if (sign_ok && (*s == '+' || *s == '-'))
		sign = *s++ == '-' ? -1 : 1;
	for (k = 0; k < 3; k++) {
		if (k > 0) {
			if (*s != ':')
				break;
			s++;
		}
		for (n = 0; *s >= '0' && *s <= '9' && n < 3; n++)
			v[k] = v[k] * 10 + (*s++ - '0');
		if (n == 0 || (k > 0 && v[k] > 59))
			return -1;
	}
	if (v[0] > 167)
		return -1;
	*secs = sign * (v[0] * 3600 + v[1] * 60 + v[2]);
	*p = s;
	return 0;
}

/* A zone abbreviation: letters, or <...> with signs and digits. */
static int
posix_name(const char **p, char *out, size_t len)
{
	const char *s = *p, *e;

	if (*s == '<') {
		if ((e = strchr(s, '>')) == NULL)
			return -1;
		s++;
	} else
		for (e = s; (*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z');
		    e++)
			;
	if (e - s < 3 || (size_t)(e - s) >= len)
		return -1;
	memcpy(out, s, (size_t)(e - s));
	out[e - s] = '\0';
	*p = *e == '>' ? e + 1 : e;
	return 0;
}

/* ,Mm.w.d[/time]: month 1-12, week 1-5 (5: the last), day 0 (Sunday)-6. */
static int
posix_rule(const char **p, long *m, long *w, long *d, long *at)
{
	const char *s = *p;

	if (s[0] != ',' || s[1] != 'M')
		return -1;	/* Jn and n rules: not in the tz database */
	s += 2;
	if (sscanf(s, "%ld.%ld.%ld", m, w, d) != 3 || *m < 1 || *m > 12 ||
	    *w < 1 || *w > 5 || *d < 0 || *d > 6)
		return -1;
	s += strspn(s, "0123456789.");
	*at = 7200;
	if (*s == '/') {
		s++;
		if (posix_time(&s, at, 1) == -1 || *at < 0 || *at >= 86400)
			return -1;	/* hours past the day: not shown */
	}
	*p = s;
	return 0;
}

/* An offset east of UTC as RFC 5545 UTC-OFFSET: +hhmm[ss]. */
static void
utc_offset(struct buf *b, long east)
{
	long a = east < 0 ? -east : east;

	buf_printf(b, "%c%02ld%02ld", east < 0 ? '-' : '+', a / 3600,
	    a / 60 % 60);
	if (a % 60 != 0)
		buf_printf(b, "%02ld", a % 60);
}

static void
observance(struct buf *b, const char *kind, long m, long w, long d, long at,
    long from, long to, const char *name)
{
	static const char *const wday[] = { "SU", "MO", "TU", "WE", "TH",
	    "FR", "SA" };
	static const char *const nth[] = { "", "1", "2", "3", "4", "-1" };

	char ymd[DATE_LEN], first[DATE_LEN];
	long day, next;

	/*
	 * DTSTART is the rule's first onset (RFC 5545 3.6.5: it is the
	 * first instance of the RRULE), in 1970: the w-th weekday d of month
	 * m, or its last for w 5.  date_weekday() counts from Monday.
	 */
	snprintf(first, sizeof(first), "1970-%02ld-01", m);
	(void)date_parse(first, &day);
	day += ((d + 6) % 7 - date_weekday(day) + 7) % 7 + 7 * (w - 1);
	snprintf(first, sizeof(first), m == 12 ? "1971-01-01" :
	    "1970-%02ld-01", m + 1);
	(void)date_parse(first, &next);
	while (day >= next)
		day -= 7;
	date_format(day, ymd);
	buf_printf(b, "BEGIN:%s\n", kind);
	buf_printf(b, "DTSTART:%.4s%.2s%.2sT%02ld%02ld%02ld\n", ymd, ymd + 5,
	    ymd + 8, at / 3600, at / 60 % 60, at % 60);
	buf_printf(b, "RRULE:FREQ=YEARLY;BYMONTH=%ld;BYDAY=%s%s\n", m,
	    nth[w], wday[d]);
	buf_adds(b, "TZOFFSETFROM:");
	utc_offset(b, from);
	buf_adds(b, "\nTZOFFSETTO:");
	utc_offset(b, to);
	buf_printf(b, "\nTZNAME:%s\nEND:%s\n", name, kind);
}

int
ics_tz_rule(const char *tzid, const char *posix, struct buf *b)
{
	const char *p = posix;
	char std[16], dst[16];
	long so, dso, m1, w1, d1, t1, m2, w2, d2, t2;

	buf_reset(b);
	/* POSIX offsets are west of UTC: "CET-1" is an hour east. */
	if (posix_name(&p, std, sizeof(std)) == -1 ||
	    posix_time(&p, &so, 1) == -1)
		return -1;
	so = -so;
	buf_printf(b, "BEGIN:VTIMEZONE\nTZID:%s\n", tzid);
	if (*p == '\0') {
		buf_adds(b, "BEGIN:STANDARD\nDTSTART:19700101T000000\n"
		    "TZOFFSETFROM:");
		utc_offset(b, so);
		buf_adds(b, "\nTZOFFSETTO:");
		utc_offset(b, so);
		buf_printf(b, "\nTZNAME:%s\nEND:STANDARD\nEND:VTIMEZONE\n",
		    std);
		return 0;
	}
	if (posix_name(&p, dst, sizeof(dst)) == -1)
		return -1;
	dso = so + 3600;
	if (*p != ',' && posix_time(&p, &dso, 1) == 0)
		dso = -dso;
	else if (*p != ',')
		return -1;
	if (posix_rule(&p, &m1, &w1, &d1, &t1) == -1 ||
	    posix_rule(&p, &m2, &w2, &d2, &t2) == -1 || *p != '\0')
		return -1;
	/* Into daylight time at t1 standard; back at t2 daylight time. */
	observance(b, "DAYLIGHT", m1, w1, d1, t1, so, dso, dst);
	observance(b, "STANDARD", m2, w2, d2, t2, dso, so, std);
	buf_adds(b, "END:VTIMEZONE\n");
	return 0;
}

/* An IANA name: letters, digits, _+-, parts joined by /, no dot part. */
static int
tz_name_ok(const char *s)
{
	const char *p;

	if (*s == '\0' || *s == '/' || strlen(s) > 64)
		return 0;
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '+' ||
		    *p == '-' || (*p == '/' && p[1] != '/' && p[1] != '\0')))
			return 0;
	return 1;
}

/* The POSIX TZ string of zone name: the TZif footer (RFC 8536 3.3). */
static char *
tz_footer(const char *path)
{
	struct buf b = { 0 };
	char chunk[4096], *nl, *r = NULL;
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0 &&
	    b.len < 1024 * 1024)
		buf_add(&b, chunk, n);
	fclose(fp);
	/* Version 2 or later ends "\nTZ\n". */
	if (b.len >= 6 && memcmp(b.s, "TZif", 4) == 0 && b.s[4] >= '2' &&
	    b.s[b.len - 1] == '\n') {
		b.s[b.len - 1] = '\0';
		/* The data before it holds NULs: look back from the end. */
		for (nl = b.s + b.len - 2; nl > b.s && *nl != '\n'; nl--)
			;
		if (*nl == '\n' && nl[1] != '\0')
			r = xstrdup(nl + 1);
	}
	buf_free(&b);
	return r;
}

int
ics_tz_load(const char *root, struct ics_tz *tz)
{
	struct ini ini;
	const char *name, *dir;
	char *ipath, *zpath = NULL, *posix = NULL;
	int rc = -1;

	memset(tz, 0, sizeof(*tz));
	if (root == NULL)
		return 0;
	if (trust_ini(root, &ini, &ipath) == -1)
		return -1;
	if ((name = ini_get(&ini, "calendar", "timezone")) == NULL ||
	    *name == '\0') {
		rc = 0;
		goto out;
	}
	if (!tz_name_ok(name)) {
		ipt_seterr("%s: [calendar] timezone: '%s' is not a time zone "
		    "name such as Europe/Berlin", ipath, name);
		goto out;
	}
	if ((dir = getenv("TZDIR")) == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	zpath = path_join(dir, name);
	if ((posix = tz_footer(zpath)) == NULL) {
		ipt_seterr("%s: [calendar] timezone: no time zone %s (%s is "
		    "not a TZif file of version 2 or later; is tzdata "
		    "installed?)", ipath, name, zpath);
		goto out;
	}
	if (ics_tz_rule(name, posix, &tz->vtz) == -1) {
		ipt_seterr("%s: [calendar] timezone: the rule of %s, '%s', "
		    "cannot be written as an iCalendar time zone", ipath, name,
		    posix);
		buf_free(&tz->vtz);
		goto out;
	}
	tz->tzid = xstrdup(name);
	rc = 0;
out:
	free(posix);
	free(zpath);
	ini_free(&ini);
	free(ipath);
	return rc;
}

void
ics_tz_free(struct ics_tz *tz)
{
	free(tz->tzid);
	buf_free(&tz->vtz);
	memset(tz, 0, sizeof(*tz));
}
