/* One row of the scoreboard (scoreboard.h, dominance.h) and the two facts
 * of a run every row is judged by. */
#ifndef SIGBENCH_SCORE_H
#define SIGBENCH_SCORE_H

#include "report/results.h"

struct sb_score {
	char target[240];     /* what is asked */
	const char *variant;  /* the variant that best meets the accuracy part, or NULL */
	const char *against;  /* what its time is compared with */
	double measured[2];   /* ratio (or seconds for target 4) at the two sizes; <0: n/a */
	double goal;          /* pass when every measured value <= goal */
	int pass;             /* 1 pass, 0 fail, -1 cannot be judged from this run */
	int seconds;          /* measured[0] is seconds, not a ratio */
	char note[480];
};

#define SB_NFIXED 8 /* issue 4's, 10's and 11's rows */
#define SB_NPEERS 24 /* at most this many peer rows */
#define SB_NSCORE (SB_NFIXED + SB_NPEERS)

/* Median ns/element of v at the run's size index s, or -1. */
double sb_score_median(const struct sb_results *r, const struct sb_variant *v, int s);
/* The run swept all 2^32 float32 inputs. */
int sb_score_exhaustive(const struct sb_results *r);

#endif
