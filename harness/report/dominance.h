/* Issue 11's peer rows of the scoreboard: for each peer in a run, the
 * fastest of our variants that dominates it, or the nearest one and what it
 * lacks.  Judged from the run's data only (results.h), never re-measured. */
#ifndef SIGBENCH_DOMINANCE_H
#define SIGBENCH_DOMINANCE_H

#include "report/score.h"

/* One row per peer with accuracy in r (f32, then f64), at most max of them;
 * returns how many were filled. */
int sb_dominance(const struct sb_results *r, struct sb_score *out, int max);

#endif
