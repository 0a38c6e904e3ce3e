/* The hard-case mode of float64 sweeps (--walk-from): README "Scale out". */
#ifndef SIGBENCH_HARDCASES_H
#define SIGBENCH_HARDCASES_H

#include "commands/cli.h"

/* Read c->walk_from into c->sweep.walk_x; sb_fail (exit 2, one line) when
 * the file cannot be read, is not an accuracy.csv, has a malformed input or
 * no f64 row. */
void sb_hard_cases_load(struct sb_cli *c);

#endif
