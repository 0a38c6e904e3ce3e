/* The reference for float inputs at double speed, MPFR only where needed.
 *
 * d = sigma(x) in double:  x >= 0: d = 1/(1 + exp(-x));  x < 0: e = exp(x),
 * d = e/(1 + e).  Neither form evaluates exp of a positive argument, so
 * nothing overflows.  Error bound, with u = 2^-53 and glibc's exp within
 * 1 ulp = 2u (glibc's manual lists exp at <= 1 ulp on x86_64):
 *   x >= 0:  exp 2u, 1 + e: at most 2u*e/(1+e) + u <= 3u, reciprocal + u
 *            -> |d - sigma| <= 4u*sigma (first order);
 *   x < 0:   numerator 2u, denominator <= 3u, division u -> <= 6u*sigma.
 * So |d - sigma| <= 6u*sigma < 2^-50*sigma wherever exp's result is normal.
 * Where exp(x) is a double subnormal (x < -708.4) its error is absolute,
 * <= 2^-1074, and the quotient adds as much: |d - sigma| <= 2^-1072.
 * SB_FAST_REL_BOUND = 2^-48 and SB_FAST_ABS_BOUND = 2^-1070 keep a factor
 * 4 of margin; tests/test_reference.c checks the bound against MPFR at
 * random inputs and at every breakpoint's neighbourhood.
 *
 * With |d - sigma| <= tol, the float rounding of sigma is known when d - tol
 * and d + tol round to the same float, and ulp(sigma) is known when they lie
 * in one binade.  Over all 2^32 floats only a few hundred inputs fail these
 * tests; sb_ref_f32 sends those to MPFR.
 */
#include <math.h>
#include <stdatomic.h>

#include "sigmoid_ref.h"

static atomic_ullong fallbacks;

unsigned long long sb_ref_fallbacks(void)
{
	return atomic_load_explicit(&fallbacks, memory_order_relaxed);
}

static double sigma_double(double x)
{
	if (x >= 0)
		return 1.0 / (1.0 + exp(-x));
	double e = exp(x);
	return e / (1.0 + e);
}

/* ulp exponent of sigma given bounds lo <= sigma <= hi, or 0 (never a valid
 * ulp exponent here) when the bounds straddle a binade edge. */
static int ulp_exp_between(double lo, double hi)
{
	/* sigma < 2^-125 has the floor ulp 2^-149 whatever its binade. */
	if (hi < 0x1p-125)
		return -149;
	int elo, ehi;
	frexp(lo, &elo);
	frexp(hi, &ehi);
	return elo == ehi ? elo - 24 : 0;
}

int sb_ref_fast_f32(float xf, struct sb_ref *r)
{
	double x = xf;
	if (isnan(x) || isinf(x) || fabs(x) < 0x1p-60)
		return 0; /* closed forms: cheap in sb_ref_mpfr, no MPFR call */
	double d = sigma_double(x);
	double tol = SB_FAST_REL_BOUND * d + SB_FAST_ABS_BOUND;
	double lo = d - tol > 0 ? d - tol : 0;
	double hi = d + tol;
	float cr = (float)lo;
	if (cr != (float)hi)
		return 0;
	int ue;
	if (x > 0) {
		ue = -24; /* sigma in (1/2, 1) */
	} else {
		if (hi >= 0.5)
			hi = 0x1.fffffffffffffp-2; /* x < 0 => sigma < 1/2 */
		ue = ulp_exp_between(lo, hi);
		if (ue == 0)
			return 0;
	}
	r->cr = cr;
	r->ulp = ldexp(1.0, ue);
	r->frac = (d - cr) / r->ulp;
	r->sigma = d;
	return 1;
}

void sb_ref_f32(float x, struct sb_ref *r)
{
	if (sb_ref_fast_f32(x, r))
		return;
	double ax = fabs((double)x);
	if (!(isnan(x) || isinf(x) || ax < 0x1p-60))
		atomic_fetch_add_explicit(&fallbacks, 1, memory_order_relaxed);
	sb_ref_mpfr(x, SB_FMT_F32, r);
}
