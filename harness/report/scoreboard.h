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

/* What one sweep cost: the rows of precision p computing fn, which were
 * swept together (run sweeps each function in turn).  cpu: the sweep
 * threads' CPU seconds; eval: the variants' own calls inside them, summed
 * (f32; 0 for f64); nv: how many variants.  Returns 0, all zero, when no
 * such row was measured. */
struct sb_sweep_cost {
	double cpu, eval;
	size_t nv;
};
int sb_sweep_cost_of(const struct sb_results *r, enum sb_prec p, enum sb_func fn,
		     struct sb_sweep_cost *c);
/* sigma's f32 sweep: the figures the scoreboard judges. */
int sb_sweep_cost(const struct sb_results *r, struct sb_sweep_cost *c);
/* Inputs measured per second of the sweep threads' CPU time (shards' CPU
 * added up): what a core sweeps; 0 when not recorded. */
double sb_sweep_rate(const struct sb_results *r, enum sb_prec p);
void sb_scoreboard_md(FILE *f, const struct sb_results *r);
void sb_scoreboard_json(FILE *f, const struct sb_results *r);

#endif
