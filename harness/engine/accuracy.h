/* Accuracy sweeps: every selected variant against one shared reference.
 *
 * f32: all 2^32 bit patterns (or every stride-th ordered input, or those in
 *      a domain), in parallel; the reference of each input is computed once
 *      per block and reused by every variant.
 * f64: a counter-based stream of samples (uniform bit patterns, uniform on
 *      [-40, 40], log-uniform magnitudes, consecutive-input walks) measured
 *      in fixed blocks, each sorted so that neighbours expose monotonicity
 *      breaks, plus the neighbours of every breakpoint and of given hard
 *      cases; memory does not grow with the sample count (sweep64.c). */
#ifndef SIGBENCH_ACCURACY_H
#define SIGBENCH_ACCURACY_H

#include <stdint.h>

#include "base/error.h"
#include "engine/errstats.h"
#include "engine/intervals.h"
#include "engine/progress.h"
#include "engine/shard_edge.h"
#include "engine/variant.h"

#define SB_NSPECIAL 9
extern const char *const sb_special_names[SB_NSPECIAL];
double sb_special_input(enum sb_fmt fmt, int i);

struct sb_accuracy {
	const struct sb_variant *v;
	char sweep[160];       /* how the inputs were chosen, for tables */
	struct sb_errstats all; /* every non-NaN input swept */
	struct sb_errstats iv[SB_IV_COUNT];
	int has_domain;        /* the variant has an intended domain ... */
	struct sb_errstats domain; /* ... and this is its part of the sweep */
	uint64_t nan_in;       /* NaN inputs tried */
	uint64_t nan_in_kept;  /* ... that gave NaN */
	double special_out[SB_NSPECIAL];
	/* f32 sweeps: the CPU time this variant's own calls took inside the
	 * sweep, summed over threads (timed on one block in 8 and scaled up:
	 * an estimate from a systematic sample), and the CPU time of the sweep's
	 * threads,
	 * the same for every variant swept together.  sweep_cpu_s over the sum
	 * of eval_s is what the reference and the statistics cost on top of
	 * evaluating (README, "Cost of a sweep").  0 for f64. */
	double eval_s, sweep_cpu_s;
	/* f32 sweeps, variants named by sb_sweep_opts.plot: the largest ULP and
	 * absolute error in each of nbins equal bins of x over [bin_lo, bin_hi)
	 * (-1: no input there), for plots that lose no spike.  NULL otherwise;
	 * sb_accuracy_free releases them. */
	int nbins;
	double bin_lo, bin_hi;
	double *bin_ulp, *bin_abs;
	struct sb_shard_edge edge; /* a sharded sweep's ends (shard.h) */
};

void sb_accuracy_free(struct sb_accuracy *a, size_t n);

/* Every input of the swept range was measured (f32, stride 1): its maxima
 * are the true maxima.  Otherwise (a stride, f64 samples) they are lower
 * bounds, and every table that shows them says so. */
int sb_accuracy_is_exhaustive(const struct sb_accuracy *a);

struct sb_sweep_opts {
	double lo, hi;     /* only inputs in [lo, hi]; -inf, inf = all */
	int threads;
	uint64_t samples;  /* f64: per random distribution */
	uint64_t seed;     /* f64 */
	uint64_t stride;   /* f32: every stride-th ordered input; 1 = exhaustive */
	sb_progress_sink *progress; /* NULL: silent */
	const char *plot;  /* f32: variants (globs) whose errors are binned by x */
	double plot_lo, plot_hi;
	int plot_bins;
	/* Only part shard_i of shard_n equal parts of the ordered inputs
	 * (shard_n 0: all of them); shard.h merges the parts. */
	uint64_t shard_i, shard_n;
	/* f64: doubles each side of every breakpoint and of each walk_x[i] (the
	 * hard cases a previous run found) walked in the sweep */
	uint64_t walk_ulps;
	const double *walk_x;
	size_t walk_nx;
	/* f64: sample blocks a thread measures at once (0: the default); the
	 * result does not depend on it (tests vary it) */
	uint64_t chunk_blocks;
	/* The function every swept variant computes: the reference to use. */
	enum sb_func function;
};

void sb_sweep_opts_default(struct sb_sweep_opts *o);

/* vs must all be of the sweep's precision and runnable on this CPU.  Fails
 * (-1, e says why, out untouched) when the domain holds no input (f64: an
 * unsharded sweep; one shard of a narrow domain may hold none). */
int sb_sweep_f32(const struct sb_variant *const *vs, size_t nv,
		 const struct sb_sweep_opts *o, struct sb_accuracy *out, struct sb_error *e);
int sb_sweep_f64(const struct sb_variant *const *vs, size_t nv,
		 const struct sb_sweep_opts *o, struct sb_accuracy *out, struct sb_error *e);

/* Run v on one input (through its batch entry point). */
double sb_eval1(const struct sb_variant *v, double x);

#endif
