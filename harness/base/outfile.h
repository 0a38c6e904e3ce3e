/* Result files appear whole or not at all.  Each is written to a hidden
 * temporary file in its directory and renamed into place only when every
 * file of the run has been written; any error discards them all. */
#ifndef SIGBENCH_OUTFILE_H
#define SIGBENCH_OUTFILE_H

#include <stdio.h>

/* Create DIR (and parents) if needed and prove it writable, so a long
 * measurement never ends in "cannot write".  sb_fail on error. */
void sb_outdir_prepare(const char *dir);

/* A stream whose contents become DIR/NAME at commit time. */
FILE *sb_outfile_open(const char *dir, const char *name);

/* Close, flush and rename every open result file; sb_die on any error
 * (after discarding all of them). */
void sb_outfile_commit_all(void);

/* Remove every uncommitted temporary file (used on failure paths). */
void sb_outfile_discard_all(void);

#endif
