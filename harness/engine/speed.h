/* Throughput: batch calls over n inputs, timed in repetitions interleaved
 * across variants (rep r runs every variant once, starting at a rotating
 * position) so that machine drift hits all of them alike.
 *
 * Inputs are fresh per size (uniform in [lo, hi], seeded).  Small sizes
 * cycle through several distinct input buffers: repeating one 4096-element
 * buffer lets the branch predictor learn it and flatters branchy code.
 * Each repetition runs enough calls to last at least min_rep_s. */
#ifndef SIGBENCH_SPEED_H
#define SIGBENCH_SPEED_H

#include <stddef.h>
#include <stdint.h>

#include "engine/progress.h"
#include "engine/instcount.h"
#include "engine/variant.h"

#define SB_MAX_SIZES 8
#define SB_SPREAD_WARN 0.10 /* (q3 - q1) / median above this gets a warning */

struct sb_speed_opts {
	double lo, hi;
	size_t sizes[SB_MAX_SIZES];
	int nsizes;
	int reps;
	double min_rep_s;
	uint64_t seed;
	sb_progress_sink *progress; /* NULL: silent */
};

struct sb_speed_result {
	const struct sb_variant *v;
	size_t n;          /* elements per call */
	int buffers;       /* distinct input buffers cycled */
	int reps;
	unsigned long calls; /* calls per repetition */
	double median_ns, min_ns, q1_ns, q3_ns, max_ns; /* per element */
	double spread;     /* (q3 - q1) / median */
	double tsc_cycles; /* median, in TSC ticks per element (not core cycles) */
	double ratio;      /* median / median of f32-exact-scalar at this n; 0 if absent */
	struct sb_icount ic; /* what one call executes (the same at every n), when counted */
};

void sb_speed_opts_default(struct sb_speed_opts *o);

/* out has nv * nsizes entries, size-major: out[s * nv + v]. */
void sb_speed_run(const struct sb_variant *const *vs, size_t nv,
		  const struct sb_speed_opts *o, struct sb_speed_result *out, double *tsc_ghz);

#endif
