/* The reference sigma(x) = 1/(1+exp(-x)): the arbiter every error in
 * sigbench is measured against.
 *
 *   sb_ref_mpfr      certified by MPFR (Ziv loop); any double input, either format
 *   sb_ref_fast_f32  double evaluation with a checked bound, for float inputs;
 *                    says when it cannot decide, and sb_ref_f32 then asks MPFR
 *
 * ULP, one definition (README "How errors are measured"):
 *   ulp(y) = 2^(e-p) where 2^(e-1) <= |y| < 2^e for the EXACT y = sigma(x),
 *   floored at 2^-149 (f32, p = 24) or 2^-1074 (f64, p = 53);
 *   error(got) = |got - sigma(x)| / ulp(sigma(x)).
 * A correctly rounded result scores <= 0.5.
 */
#ifndef SIGBENCH_SIGMOID_REF_H
#define SIGBENCH_SIGMOID_REF_H

#include <stddef.h>
#include <stdint.h>

enum sb_fmt { SB_FMT_F32, SB_FMT_F64 };

/* What error accounting needs to know about sigma(x) for one input. */
struct sb_ref {
	double cr;    /* sigma(x) correctly rounded (to nearest) to the format */
	double frac;  /* (sigma(x) - cr) / ulp, within [-1/2, 1/2] */
	double ulp;   /* ulp of the exact sigma(x), as defined above */
	double sigma; /* sigma(x) to double precision (or better): for abs/rel error */
};

/* Certified: cr is correctly rounded; frac is good to ~2^-40.  Thread-safe. */
void sb_ref_mpfr(double x, enum sb_fmt fmt, struct sb_ref *r);

/* Fast path for float inputs.  Returns 1 and fills r when the double value's
 * error bound settles the rounding and the binade; returns 0 otherwise. */
int sb_ref_fast_f32(float x, struct sb_ref *r);

/* The fast path's relative error bound, and its absolute floor where exp
 * underflows in double (sigmoid_fast.c proves and tests/test_reference.c checks it). */
#define SB_FAST_REL_BOUND 0x1p-48
#define SB_FAST_ABS_BOUND 0x1p-1070

/* sb_ref_fast_f32 with the MPFR fallback: always certified. */
void sb_ref_f32(float x, struct sb_ref *r);

/* The float64 fast path (sigmoid_f64.c): returns 1 and fills r with exactly
 * what sb_ref_mpfr(x, SB_FMT_F64, r) gives, bit for bit, or returns 0 where it
 * cannot be sure of that (and for sb_ref_mpfr's closed forms). */
int sb_ref_fast_f64(double x, struct sb_ref *r);

/* sb_ref_mpfr(x[i], SB_FMT_F64) for x[0..n), as arrays, through
 * sb_ref_fast_f64 with MPFR where it returns 0. */
void sb_ref_f64_block(const double *x, size_t n, double *cr, double *frac, double *ulp,
		      double *sigma);

/* For tests: the fast path's exp(y) ~ R 2^(k-127), R = hi 2^64 + lo, for
 * 2^-60 <= |y| <= 65536, and the bound it proves on |R - exp(y) 2^(127-k)|. */
void sb_ref_f64_exp_fixed(double y, uint64_t *hi, uint64_t *lo, int *k);
#define SB_F64_EXP_ERR 4

/* sb_ref_f32 for x[0..n), as arrays: bitwise the same results, computed
 * in SIMD where the CPU allows (sigmoid_block.c). */
void sb_ref_f32_block(const float *x, size_t n, double *cr, double *frac, double *ulp,
		      double *sigma);

/* The same on one given path (for tests); returns 0, doing nothing, when
 * this CPU cannot run it. */
enum sb_ref_isa { SB_REF_ISA_SCALAR, SB_REF_ISA_AVX2, SB_REF_ISA_AVX512 };
int sb_ref_f32_block_isa(enum sb_ref_isa isa, const float *x, size_t n, double *cr, double *frac,
			 double *ulp, double *sigma);

float sb_sigmoid_cr_f32(float x);
double sb_sigmoid_cr_f64(double x);

/* ulp of an exact value y given as a double (see the definition above). */
double sb_ulp(double y, enum sb_fmt fmt);

/* |got - sigma(x)| / ulp(sigma(x)); +Inf for a NaN got when x is not NaN. */
double sb_ulp_error(double got, const struct sb_ref *r);

/* MPFR keeps per-thread caches (constants such as log 2); every thread that
 * called the reference calls this before it exits, and the process calls
 * it (or atexit registers it) at the end, so leak checkers stay quiet. */
void sb_ref_release_thread(void);

/* Counters of how often the fast path had to ask MPFR (for reports and tests). */
unsigned long long sb_ref_fallbacks(void);
/* The same for sb_ref_f64_block (inputs of closed forms not counted). */
unsigned long long sb_ref_fallbacks_f64(void);

#endif
