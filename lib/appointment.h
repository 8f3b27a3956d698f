/*
 * appointment.h: appointments, sessions planned at a day and a time.
 *
 * appointments.csv holds one row per appointment: its id (1, 2, ... in
 * the order they were made, never reused), the day, the local time
 * (HH:MM, 24-hour), the duration in minutes, the status (planned,
 * cancelled, or held once session add took it) and, when held, the
 * number of the session.  Moving an appointment changes its day and time
 * and keeps its id, so a calendar that imported it updates the event
 * (ipt schedule --format ics: UID ID-appt-N@ipt).  ipt session add on
 * the day of a planned appointment takes it: the appointment becomes
 * held, with the session's number, in the same transaction.
 */
#ifndef IPT_APPOINTMENT_H
#define IPT_APPOINTMENT_H

#include "csvt.h"

#define APPT_DURATION	50	/* minutes, when none is given */

/* What plan and move are given; NULL: not given (move keeps it). */
struct appt_input {
	const char	*date;		/* YYYY-MM-DD */
	const char	*time;		/* HH:MM */
	const char	*duration;	/* minutes, 5 to 600 */
	const char	*note;
};

/* Plan an appointment in client directory dir; its id in *id. */
int	 appt_plan(const char *dir, const struct appt_input *, long *id);
/* Move planned appointment id to another day, time or duration. */
int	 appt_move(const char *dir, const char *id, const struct appt_input *);
/* Cancel planned appointment id (its row stays, as cancelled). */
int	 appt_cancel(const char *dir, const char *id, const char *note);
/*
 * In a loaded appointments table: the earliest planned appointment of day
 * (YYYY-MM-DD) is taken by session number, as status (held, or
 * cancelled for a session recorded as cancelled); 1 if one was, 0 if
 * there is none.
 */
int	 appt_take(struct csv_table *, const char *day, long number,
	    const char *status);
/* Check a time "HH:MM" (00:00 to 23:59); a usage error for opt if bad. */
int	 appt_time_ok(const char *opt, const char *time);
/* Minutes since midnight of a good "HH:MM". */
int	 appt_minutes(const char *time);

#endif
