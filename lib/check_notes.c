/*
 * check_notes.c: the notes of a client's sessions (see ipt-check(1)).
 *
 * A session's note is notes/NNNN.md, NNNN its number.  ipt session note
 * saves only text (no NUL or other control character, valid UTF-8) of at
 * most 1 MiB into a plain file, and refuses to give a note to a session
 * that is not there; ipt session rm refuses to remove a session with a
 * note, and ipt session add to take a number whose note is already there.
 * What else puts a note there (a hand edit, a copy, a merge) is reported
 * here: a note that is not one ipt can keep, a note without a session,
 * a notes/ that is not a directory, and the text of an edit not saved
 * (notes/.edit-NNNN.md-XXXXXX, which ipt session note keeps when a save
 * fails).  Nothing here changes a note: --fix leaves them for a person,
 * and keeps a note ipt cannot keep out of the history.
 *
 * Each note is read once, here; check_history.c compares the texts with
 * the history through check_note().
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_int.h"
#include "history.h"
#include "util.h"

#define NUM_MAX		9999	/* rec_number()'s largest */

/* 1 if sessions.csv has a session of number n. */
static int
has_session(const struct ctx *x, long n)
{
	size_t i;

	for (i = 0; i < x->t[REC_SESSIONS].nrows; i++)
		if (x->key[REC_SESSIONS][i].num == n)
			return 1;
	return 0;
}

static int
cmp_note(const void *a, const void *b)
{
	const struct note_seen *x = a, *y = b;

	return x->number < y->number ? -1 : x->number > y->number;
}

/* One entry of notes/. */
static void
look(struct ctx *x, int dfd, const char *name)
{
	char *path = xasprintf("notes/%s", name), *text;
	long n;
	int bad;

	if (strncmp(name, ".edit-", 6) == 0) {
		check_add(x, path, 0, SEV_WARNING, "the text of a note edit "
		    "not saved (an editor still open, or a save that failed); "
		    "read it, put it in the note, then remove it");
		free(path);
		return;
	}
	if ((n = rec_note_number(name)) == -1) {
		free(path);
		return;
	}
	text = hist_note_at(dfd, name, &bad);
	if (text == NULL && bad == HIST_NOTE_OK) {	/* gone since */
		free(path);
		return;
	}
	x->note = xreallocarray(x->note, x->nnote + 1, sizeof(*x->note));
	x->note[x->nnote].number = n;
	x->note[x->nnote++].text = text;
	if (text == NULL)
		check_add(x, path, 0, SEV_ERROR, "%s; ipt cannot show, change "
		    "or keep its history: make it a text file of at most "
		    "1 MiB, or move it out of notes/", hist_note_why(bad));
	else if (x->ok[REC_SESSIONS] && !has_session(x, n))
		check_add(x, path, 0, SEV_ERROR, "a note without a session "
		    "(sessions.csv has no session %ld); restore the session "
		    "or move the note out of notes/", n);
	free(path);
}

void
check_notes(struct ctx *x)
{
	struct dirent *de;
	struct stat st;
	char *path;
	DIR *d;
	int fd;

	if (x->listed && !x->notes)
		return;
	path = path_join(x->dir, "notes");
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1 && errno == ENOENT) {
		free(path);
		return;
	}
	x->notes_unread = 1;
	if (fd == -1 && lstat(path, &st) == 0 && !S_ISDIR(st.st_mode))
		check_add(x, "notes", 0, SEV_ERROR, "not a directory: the "
		    "notes of sessions are kept in notes/NNNN.md; move it "
		    "aside and put what it holds into the notes");
	else if (fd == -1 || (d = fdopendir(fd)) == NULL)
		check_add(x, "notes", 0, SEV_ERROR, "cannot be read (%s); "
		    "the notes are not checked", strerror(errno));
	else {
		while ((de = readdir(d)) != NULL)
			look(x, dirfd(d), de->d_name);
		closedir(d);
		fd = -1;
		x->notes_unread = 0;
	}
	if (fd != -1)
		close(fd);
	free(path);
	if (x->nnote > 1)
		qsort(x->note, x->nnote, sizeof(*x->note), cmp_note);
}

int
check_note(const struct ctx *x, long n, const char **text)
{
	struct note_seen key, *p;

	*text = NULL;
	if (n < 1 || n > NUM_MAX || x->nnote == 0)
		return 0;
	key.number = n;
	if ((p = bsearch(&key, x->note, x->nnote, sizeof(*x->note),
	    cmp_note)) == NULL)
		return 0;
	*text = p->text;
	return 1;
}

void
check_notes_free(struct ctx *x)
{
	size_t i;

	for (i = 0; i < x->nnote; i++)
		free(x->note[i].text);
	free(x->note);
	x->note = NULL;
	x->nnote = 0;
}
