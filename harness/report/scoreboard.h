/* Issue 4's four targets, judged from one run's exhaustive accuracy and
 * interleaved throughput (results.h). */
#ifndef SIGBENCH_SCOREBOARD_H
#define SIGBENCH_SCOREBOARD_H

#include <stdio.h>

#include "report/results.h"

#define SB_SWEEP_TARGET_S 300.0 /* target 4: all f32 variants exhaustively */
#define SB_SWEEP_COST_GOAL 1.1  /* issue 10: the sweep's CPU over the variants' own */

struct sb_score {
	const char *target;   /* what is asked */
	const char *variant;  /* the variant that best meets the accuracy part, or NULL */
	const char *against;  /* what its time is compared with */
	double measured[2];   /* ratio (or seconds for target 4) at the two sizes; <0: n/a */
	double goal;          /* pass when every measured value <= goal */
	int pass;             /* 1 pass, 0 fail, -1 cannot be judged from this run */
	char note[160];
};

#define SB_NSCORE 5

/* Fill the four rows; sizes are the run's first two (4096, 65536 by default). */
void sb_scoreboard(const struct sb_results *r, struct sb_score out[SB_NSCORE]);

/* The f32 sweep's CPU seconds and the variants' own share of them (0, 0
 * when not recorded): the one sum the scoreboard and details.md print. */
void sb_sweep_cost(const struct sb_results *r, double *cpu, double *eval);
/* Inputs measured per second of the sweep threads' CPU time (shards' CPU
 * added up): what a core sweeps; 0 when not recorded. */
double sb_sweep_rate(const struct sb_results *r, enum sb_prec p);
void sb_scoreboard_md(FILE *f, const struct sb_results *r);
void sb_scoreboard_json(FILE *f, const struct sb_results *r);

#endif
