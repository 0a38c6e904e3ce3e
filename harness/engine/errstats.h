/* Error accumulators: one per (variant, interval).  Every field merges by an
 * associative, commutative rule (sums of integers, max with ties broken by
 * the smaller input), so results do not depend on thread scheduling: the
 * same build gives byte-identical accuracy.csv on 1 or 16 threads. */
#ifndef SIGBENCH_ERRSTATS_H
#define SIGBENCH_ERRSTATS_H

#include <stddef.h>
#include <stdint.h>

struct sb_fn_shape;

__extension__ typedef unsigned __int128 sb_u128;

/* ULP errors are summed as fixed point with 20 fraction bits (each
 * floor(err * 2^20)), clamped at 2^31 ULP (the clamp count is kept, and a
 * clamped mean is shown as a lower bound): exact, so the mean is the same
 * whatever the summation order.  A term is below 2^51: it is read off the
 * low mantissa bits of term + 2^52 (exact below 2^52, which is how the
 * accounting vectorises), and the 1024 terms of a run add up in a uint64
 * (< 2^61) before joining the 128-bit total. */
#define SB_ULP_SUM_SCALE 0x1p20
#define SB_ULP_SUM_CLAMP 0x1p31

struct sb_worst {
	double err;  /* -1 until the first input is seen */
	double x;    /* the input: the smallest x among equal errors */
	double got;
	double want; /* correctly rounded sigma(x) */
};

struct sb_errstats {
	uint64_t n;          /* non-NaN inputs seen */
	uint64_t cr;         /* outputs equal to the correctly rounded value (bitwise) */
	uint64_t nan_out;    /* NaN outputs (error counted as +Inf) */
	uint64_t oob;        /* non-NaN outputs outside the function's range */
	uint64_t mono;       /* steps to the next input up against the function's
			      * direction on a piece holding both (fn_edges.h) */
	uint64_t clamped;    /* errors clamped in the sum */
	uint64_t rel_n;      /* inputs where sigma >= least normal: rel. error defined */
	sb_u128 ulp_sum;     /* fixed point, see above; NaN outputs excluded */
	struct sb_worst ulp; /* max ULP error */
	struct sb_worst abs; /* max |got - sigma| */
	struct sb_worst rel; /* max |got - sigma| / sigma, sigma normal only */
	struct sb_worst ulp_num; /* max ULP error over the non-NaN outputs: ulp is
				  * +Inf as soon as one output is NaN, which hides
				  * how a peer that returns NaN only at -Inf does
				  * elsewhere */
};

/* The reference for a block of inputs, structure of arrays.  inv_sigma is
 * 1/sigma where sigma is at least the format's least normal, else 0 (the
 * relative error of a subnormal result says nothing useful). */
struct sb_refblock {
	size_t n;
	double *x, *cr, *frac, *ulp, *inv_sigma;
	double *inv_ulp; /* 1/ulp (exact powers of two) for f32; NULL for f64, where
			  * 1/2^-1074 overflows and the accounting divides instead */
	double lo, hi;   /* the function's range in the format (sb_fn_range): an
			  * output outside it counts as out of range */
	const struct sb_fn_shape *shape; /* where the function turns (fn_edges.h): a
					  * step against its piece's direction is a
					  * monotonicity break */
};

/* The input just below a run and its output (y NaN: none, no step). */
struct sb_prev {
	double x, y;
};

void sb_errstats_init(struct sb_errstats *s);
void sb_errstats_merge(struct sb_errstats *into, const struct sb_errstats *from);
/* t empty, its worst cases the lesser of a's and b's: accounting a block
 * into t and merging t into a and into b gives what accounting it into each
 * would (a worst case below both changes neither), looking up only the
 * maxima that can change one of them. */
void sb_errstats_init_below(struct sb_errstats *t, const struct sb_errstats *a,
			    const struct sb_errstats *b);

/* The largest ULP and absolute errors of the outputs an accounting call
 * saw (-1 if none), as its pass computes them: what the plots' bins take
 * from a block that lies in one bin, with no second pass. */
struct sb_blockmax {
	double ulp, abs;
};

/* Account outputs got[a..b) of one variant against rb.  `prev` is the
 * input just below x[a] and its output: the step to got[a] is checked for
 * monotonicity like the steps inside the run.  The maxima of got[a..b) go to *max unless max
 * is NULL. */
void sb_errstats_block(struct sb_errstats *s, const struct sb_refblock *rb,
		       size_t a, size_t b, const double *got, struct sb_prev prev, struct sb_blockmax *max);

/* The same for the correctly rounded outputs rb->cr[a..b) themselves (the
 * sweep's shortcut for blocks a variant gets all right): no NaN, nothing out
 * of range, no monotonicity break, every error |frac|. */
void sb_errstats_block_cr(struct sb_errstats *s, const struct sb_refblock *rb, size_t a, size_t b);

/* The same in two steps, for a block whose CR outputs several variants
 * return: the sums and maxima once (prepare), then into each variant's
 * accumulator (merge), where the maxima's inputs are looked up only when
 * they change the recorded worst.  c keeps a pointer to rb. */
struct sb_crblock {
	const struct sb_refblock *rb;
	size_t a, b;
	uint64_t rel_n, sum;
	int64_t max_ulp, max_abs, max_rel; /* bits of the largest errors (errstats.c) */
};
void sb_errstats_cr_prepare(struct sb_crblock *c, const struct sb_refblock *rb, size_t a, size_t b);
void sb_errstats_cr_merge(struct sb_errstats *s, const struct sb_crblock *c);

/* The largest ULP and absolute errors of a prepared CR block. */
void sb_errstats_cr_max(const struct sb_crblock *c, double *max_ulp, double *max_abs);

/* One input's ULP and absolute error (README definitions), for plots. */
void sb_errstats_errors(const struct sb_refblock *rb, size_t i, double got, double *ulp_err,
			double *abs_err);

double sb_errstats_mean_ulp(const struct sb_errstats *s);

#endif
