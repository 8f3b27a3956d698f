/*
 * report.h: the progress and termination report of one client.
 *
 * render_report() prints what summary_load() derived, and the record
 * files it read, as text for an 80-column terminal (with a sparkline
 * per instrument), Markdown for a forge, one self-contained HTML file
 * (inline CSS and SVG charts, nothing fetched, no script) or JSON for
 * scripts (the schema is in ipt-report(1)).  Open risk flags come
 * before anything else in every format.  A client whose status is
 * ended or maintenance gets a termination summary: what changed, the
 * relapse-prevention plan and whether maintenance was agreed.  Session
 * notes are not part of a report.  The output depends only on the
 * records and `today': the same input gives the same bytes.
 */
#ifndef IPT_REPORT_H
#define IPT_REPORT_H

#include <stdio.h>

#include "render.h"

struct summary;
struct instr_set;

/* f is FMT_TEXT, FMT_MD, FMT_HTML or FMT_JSON; set may be NULL. */
int	 render_report(FILE *, const struct summary *, const struct instr_set *,
	    enum ipt_format);

/*
 * Write the report to `path', replacing it atomically with a file of
 * mode 0600 (see output_target() for the paths refused).
 */
int	 report_write(const char *path, const struct summary *,
	    const struct instr_set *, enum ipt_format);

/*
 * Check an --output path and split it into its directory and its last
 * component.  A path inside a client directory is refused (a usage
 * error): a client directory holds the record and nothing derived from
 * it, so that `ipt check' and a merge see only record files.  opt names
 * the option in messages.
 */
int	 output_target(const char *opt, const char *path, char **dir,
	    char **name);

#endif
