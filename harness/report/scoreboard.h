/* Issue 4's targets and issue 11's peer rows (dominance.h), judged from one
 * run's exhaustive accuracy and interleaved throughput (results.h). */
#ifndef SIGBENCH_SCOREBOARD_H
#define SIGBENCH_SCOREBOARD_H

#include <stdio.h>

#include "report/score.h"

#define SB_SWEEP_TARGET_S 300.0 /* target 4: all f32 variants exhaustively */
#define SB_SWEEP_COST_GOAL 1.1  /* issue 10: the sweep's CPU over the variants' own */

/* Fill the fixed rows, then one per peer; returns how many rows.  Sizes are
 * the run's first two (4096, 65536 by default). */
int sb_scoreboard(const struct sb_results *r, struct sb_score out[SB_NSCORE]);

/* The f32 sweep's CPU seconds and the variants' own share of them (0, 0
 * when not recorded): the one sum the scoreboard and details.md print. */
void sb_sweep_cost(const struct sb_results *r, double *cpu, double *eval);
/* Inputs measured per second of the sweep threads' CPU time (shards' CPU
 * added up): what a core sweeps; 0 when not recorded. */
double sb_sweep_rate(const struct sb_results *r, enum sb_prec p);
void sb_scoreboard_md(FILE *f, const struct sb_results *r);
void sb_scoreboard_json(FILE *f, const struct sb_results *r);

#endif
