/*
 * t_episode.c: unit tests of the episodes of treatment (lib/episode.c):
 * reading episodes.csv against client.ini, the episode a day is in, the
 * gap between two episodes, and the rows of one episode.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvt.h"
#include "date.h"
#include "episode.h"
#include "tap.h"
#include "util.h"

static const char *const ecols[] = { "episode", "start", "ended_on",
    "end_reason", "variant", "planned_sessions", "frequency_days",
    "primary", "secondary" };

static void
add_episode(struct csv_table *t, const char *num, const char *start,
    const char *end)
{
	size_t r = csv_append(t);

	t->rows[r].line = r + 2;
	csv_set(t, r, "episode", num);
	csv_set(t, r, "start", start);
	csv_set(t, r, "ended_on", end);
	csv_set(t, r, "end_reason", "completed");
}

static long
day(const char *s)
{
	long d;

	if (date_parse(s, &d) == -1)
		abort();
	return d;
}

/* The number of the episode a day is in. */
static long
num_at(const struct episodes *e, const char *s)
{
	return e->v[episode_at(e, day(s))].num;
}

int
main(void)
{
	struct csv_table t, rows, sess;
	struct episodes e;
	static const char *const scols[] = { "number", "date" };
	static const char *const sdates[] = { "2026-01-05", "2026-02-02",
	    "2026-03-01", "", "2026-05-04", "2026-09-01", "2026-09-07" };
	size_t i;

	/* No episodes.csv: one episode, the current, holding every day. */
	ok(episodes_read(NULL, 1, day("2026-01-05"), &e) == 0, "no file");
	is_int(e.n, 1, "one episode");
	is_int(e.v[0].num, 1, "episode 1");
	is_int(e.v[0].end, -1, "current: no end");
	is_int(num_at(&e, "2020-01-01"), 1, "a day long before: episode 1");
	ok(!episode_gap(&e, 0, day("2020-01-01")), "no gap in episode 1");
	episodes_free(&e);
	ok(episodes_read(NULL, 2, day("2026-01-05"), &e) == -1,
	    "episode 2 without episodes.csv");
	is_str(ipt_error(), "client.ini: [client] episode: 2, but "
	    "episodes.csv closes 0 episodes before it", "says why");
	episodes_free(&e);

	/* Two closed episodes, the third current. */
	csv_init_table(&t, "episodes.csv", ecols, 9);
	add_episode(&t, "1", "2026-01-05", "2026-02-02");
	add_episode(&t, "2", "2026-05-04", "2026-07-27");
	ok(episodes_read(&t, 3, day("2026-09-01"), &e) == 0, "three");
	is_int(e.n, 3, "three episodes");
	is_int(e.v[1].after, day("2026-02-02"), "2 is after the end of 1");
	is_int(e.v[2].after, day("2026-07-27"), "3 is after the end of 2");
	is_int(e.v[1].line, 3, "its line");
	is_int(episodes_since(&t), day("2026-07-27"), "since the last end");
	is_int(num_at(&e, "2026-01-05"), 1, "the first day: 1");
	is_int(num_at(&e, "2026-02-02"), 1, "its end: 1");
	is_int(num_at(&e, "2026-02-03"), 2, "after its end: 2");
	is_int(num_at(&e, "2026-07-27"), 2, "the end of 2: 2");
	is_int(num_at(&e, "2026-07-28"), 3, "after: the current, 3");
	is_int(num_at(&e, "2027-01-01"), 3, "long after: 3");
	ok(episode_gap(&e, 1, day("2026-03-01")), "2026-03-01 in the gap "
	    "before 2");
	ok(!episode_gap(&e, 1, day("2026-05-04")), "the start of 2 is not");
	ok(episode_gap(&e, 2, day("2026-08-31")), "the day before 3 is");
	ok(!episode_gap(&e, 0, day("2026-01-04")), "before 1: no gap");

	/* The rows of each episode, lines kept, undated in the current. */
	csv_init_table(&sess, "sessions.csv", scols, 2);
	for (i = 0; i < sizeof(sdates) / sizeof(sdates[0]); i++) {
		char n[8];
		size_t r = csv_append(&sess);

		snprintf(n, sizeof(n), "%zu", i + 1);
		sess.rows[r].line = i + 2;
		csv_set(&sess, r, "number", n);
		csv_set(&sess, r, "date", sdates[i]);
	}
	episode_rows(&sess, "date", &e.v[0], &rows);
	is_int(rows.nrows, 2, "episode 1: two rows");
	is_str(csv_get(&rows, 1, "number"), "2", "its last");
	is_int(rows.rows[1].line, 3, "its line kept");
	csv_free_table(&rows);
	episode_rows(&sess, "date", &e.v[1], &rows);
	is_int(rows.nrows, 2, "episode 2: the gap row and its own");
	is_str(csv_get(&rows, 0, "number"), "3", "the gap row");
	csv_free_table(&rows);
	episode_rows(&sess, "date", &e.v[2], &rows);
	is_int(rows.nrows, 3, "episode 3: its two and the undated");
	is_str(csv_get(&rows, 0, "number"), "4", "the undated row");
	is_str(csv_get(&rows, 2, "date"), "2026-09-07", "its last");
	csv_free_table(&rows);
	csv_free_table(&sess);
	episodes_free(&e);

	/* Out of order: each named by line and field. */
	ok(episodes_read(&t, 3, day("2026-07-01"), &e) == -1,
	    "a current start before the last end");
	is_str(ipt_error(), "client.ini: [client] start: 2026-07-01 is not "
	    "after the end of episode 2 (2026-07-27)", "says which");
	is_int(e.n, 3, "what was read stands");
	episodes_free(&e);
	csv_set(&t, 1, "start", "2026-02-02");
	ok(episodes_read(&t, 3, day("2026-09-01"), &e) == -1, "overlap");
	is_str(ipt_error(), "episodes.csv:3: start: 2026-02-02 is not after "
	    "the end of episode 1 (2026-02-02)", "says which");
	is_int(e.n, 2, "what was read stands, the current last");
	is_int(e.v[1].end, -1, "the current");
	episodes_free(&e);
	csv_set(&t, 1, "start", "2026-08-01");
	ok(episodes_read(&t, 3, day("2026-09-01"), &e) == -1,
	    "an end before its start");
	is_str(ipt_error(), "episodes.csv:3: ended_on: 2026-07-27 is before "
	    "the start of episode 2 (2026-08-01)", "says which");
	episodes_free(&e);
	csv_set(&t, 1, "start", "2026-05-04");
	csv_set(&t, 1, "episode", "3");
	ok(episodes_read(&t, 3, day("2026-09-01"), &e) == -1,
	    "a number out of order");
	is_str(ipt_error(), "episodes.csv:3: episode: '3' is not 2, the "
	    "number of its row", "says which");
	episodes_free(&e);
	csv_set(&t, 1, "episode", "2");
	ok(episodes_read(&t, 2, day("2026-09-01"), &e) == -1,
	    "client.ini behind episodes.csv");
	episodes_free(&e);
	csv_free_table(&t);
	return tap_done();
}
