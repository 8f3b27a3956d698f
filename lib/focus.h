/*
 * focus.h: the problem-area focus (client.ini [focus] and focus.csv).
 *
 * focus.csv is the history of focus decisions, appended to; client.ini
 * [focus] holds the current one.  focus_set() writes focus.csv first and
 * client.ini second: a crash between the two leaves a history whose last
 * row is newer than client.ini, which `ipt check' reports and `ipt check
 * --fix' repairs by copying the last row into client.ini.
 */
#ifndef IPT_FOCUS_H
#define IPT_FOCUS_H

#include "client.h"

int	 focus_set(struct client *, const char *primary, const char *secondary,
	    const char *date, const char *note);

#endif
