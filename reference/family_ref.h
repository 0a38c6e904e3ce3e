/* The sigmoid family: the functions sigbench measures, and their certified
 * references.  sigma itself keeps its own, faster reference (sigmoid_ref.h);
 * sb_ref_fn* dispatch to it, so a sweep names a function and nothing else.
 *
 *   sigmoid    s(x) = 1/(1+e^-x)
 *   dsigmoid   s'(x) = s(1-s)                 (backpropagation)
 *   d2sigmoid  s''(x) = s(1-s)(1-2s)          (curvature; changes sign at 0)
 *   logsigmoid log s(x) = -log1p(e^-x)        (BCE with logits; ~x for x << 0)
 *   silu       x s(x)                          (SiLU / swish)
 *   dsilu      s(x)(1 + x(1-s(x)))            (its derivative; zero near -1.2785)
 *
 * The ULP definition is sigma's (sigmoid_ref.h, README): ulp of the exact
 * value, floored at the least subnormal, so a zero or a sign change is
 * scored in absolute steps of the least subnormal there.
 *
 * The sign of zero (README, "one definition"): a zero result carries the
 * sign f takes on the input's side.  f(x) rounding to 0 for x != 0 has f's
 * sign there (log s -> -0; s'' -> -0 for x -> +inf, +0 for x -> -inf;
 * SiLU, SiLU' -> -0 for x -> -inf; s, s' -> +0), and the exact zeros at a
 * signed zero input follow the limit from that side, as C's sin and tanh
 * do: silu(+-0) = +-0, d2sigmoid(+0) = -0, d2sigmoid(-0) = +0
 * (s''(x) ~ -x/8). */
#ifndef SIGBENCH_FAMILY_REF_H
#define SIGBENCH_FAMILY_REF_H

#include <stddef.h>

#include "sigmoid_ref.h"

enum sb_func {
	SB_FN_SIGMOID,
	SB_FN_DSIGMOID,
	SB_FN_D2SIGMOID,
	SB_FN_LOGSIGMOID,
	SB_FN_SILU,
	SB_FN_DSILU,
	SB_FN_COUNT
};

/* "sigmoid", "dsigmoid", ...: the names of --function, variant names and
 * result rows. */
const char *sb_func_name(enum sb_func fn);

/* The function named s, or -1. */
int sb_func_parse(const char *s);

/* The names, comma-separated, for error messages. */
const char *sb_func_list(void);

/* Certified: cr correctly rounded to the format, frac good to ~2^-40.
 * Thread-safe.  (r->sigma holds f(x) to double precision, whatever f is.) */
void sb_ref_fn_mpfr(enum sb_func fn, double x, enum sb_fmt fmt, struct sb_ref *r);

/* Frees this thread's working variables (sb_ref_release_thread calls it). */
void sb_ref_fn_release_thread(void);

/* The rule above: +1 or -1, the sign f takes on x's side (a signed zero
 * x included), or 0 where it is not known without evaluating f (dsilu on
 * [-2, 0), around its zero; no float there rounds to 0). */
int sb_fn_sign(enum sb_func fn, double x);

/* family_fast.c's bound on its double value, relative to the size of the
 * terms (proven there), and its absolute floor where e^-|x| is a double
 * subnormal. */
#define SB_FN_TERM_BOUND 0x1p-45
#define SB_FN_ABS_FLOOR 0x1p-1060

/* Double evaluation with an error bound for float inputs: returns 1 and
 * fills r when the bound settles the float rounding and the binade, else 0. */
int sb_ref_fn_fast_f32(enum sb_func fn, float x, struct sb_ref *r);

/* sb_ref_fn_fast_f32 with the MPFR fallback: always certified. */
void sb_ref_fn_f32(enum sb_func fn, float x, struct sb_ref *r);

/* sb_ref_fn_f32 over x[0..n) (for sigma: sb_ref_f32_block), as arrays:
 * bitwise the same results, computed in SIMD where the CPU allows
 * (family_block_impl.h). */
void sb_ref_fn_f32_block(enum sb_func fn, const float *x, size_t n, double *cr, double *frac,
			 double *ulp, double *value);

/* The same on one given path (for tests); returns 0, doing nothing, when
 * this CPU cannot run it. */
int sb_ref_fn_f32_block_isa(enum sb_ref_isa isa, enum sb_func fn, const float *x, size_t n,
			    double *cr, double *frac, double *ulp, double *value);

#endif
