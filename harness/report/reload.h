/* A run read back from DIR/results.json (and the swept range from
 * DIR/accuracy.csv), so that `sigbench report` renders summary.md,
 * details.md and the pages again without measuring.  results.json holds
 * every figure the tables print in full; the error plots' bins it does not
 * hold: r->plot_dir is set, and the plots are DIR's SVG files. */
#ifndef SIGBENCH_RELOAD_H
#define SIGBENCH_RELOAD_H

#include "base/error.h"
#include "report/results.h"

/* 0, or -1 (e names the file and what is wrong; r is left empty). */
int sb_results_load(const char *dir, struct sb_results *r, struct sb_error *e);

#endif
