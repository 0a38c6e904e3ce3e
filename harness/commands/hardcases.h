/* The hard-case mode of float64 sweeps (--walk-from): README "Scale out". */
#ifndef SIGBENCH_HARDCASES_H
#define SIGBENCH_HARDCASES_H

#include "engine/accuracy.h"

/* Read the accuracy.csv at path into o->walk_x (sorted, without repeats);
 * sb_fail (exit 2, one line) when the file cannot be read, lacks the
 * columns, has a malformed input or no f64 row. */
void sb_hard_cases_load(const char *path, struct sb_sweep_opts *o);

#endif
