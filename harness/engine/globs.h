/* Name selection by comma-separated shell globs (--variants, --plot). */
#ifndef SIGBENCH_GLOBS_H
#define SIGBENCH_GLOBS_H

/* name matches one of the comma-separated globs */
int sb_glob_match(const char *globs, const char *name);

#endif
