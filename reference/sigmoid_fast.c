/* The reference for float inputs at double speed, MPFR only where needed.
 *
 * d = sigma(x) in double:  x >= 0: d = 1/(1 + exp(-x));  x < 0: e = exp(x),
 * d = e/(1 + e).  Neither form evaluates exp of a positive argument, so
 * nothing overflows.  exp is sb_exp_ref (exp_ref.c: glibc's algorithm written
 * out, so that this code and the SIMD blocks of sigmoid_block.c give the same
 * bits; within 1.03u, proven there) for |x| < 512 and libm's beyond.  Error
 * bound, with u = 2^-53 and exp within 1 ulp = 2u:
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

#include "exp_ref.h"
#include "sigmoid_ref.h"

static atomic_ullong fallbacks;

unsigned long long sb_ref_fallbacks(void)
{
	return atomic_load_explicit(&fallbacks, memory_order_relaxed);
}

/* e^-ax for ax >= 0 (not NaN). */
static double exp_neg(double ax)
{
	return ax < SB_EXP_REF_LIMIT ? sb_exp_ref(-ax) : exp(-ax);
}

static double sigma_double(double x)
{
	if (x >= 0)
		return 1.0 / (1.0 + exp_neg(x));
	double e = exp_neg(-x);
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

/* Nine in ten floats have |x| < 2^-24 or |x| > 104, where sigma rounds to
 * 1/2, 0 or 1 and the rest is a short series; these closed forms skip the
 * division and, for huge |x|, libm's slow overflow path.  Returns 1 if x
 * was one of them. */
static int closed_form_f32(double x, struct sb_ref *r)
{
	if (x >= -0x1p-25 && x <= 0x1p-24) {
		/* sigma - 1/2 = x/4 - x^3/48 + O(x^5), |x^5/480| < 2^-128: the
		 * result rounds to 1/2 (|sigma - 1/2| <= 2^-26, below half an ulp
		 * on either side of 1/2). */
		double t = x / 4 - x * x * x / 48;
		double ulp = x < 0 ? 0x1p-25 : 0x1p-24;
		*r = (struct sb_ref){ 0.5, t / ulp, ulp, 0.5 + t };
		return 1;
	}
	if (x <= -150) {
		/* sigma = e^x (1 - e^x + ...) < 2^-216 rounds to 0; frac = sigma / 2^-149,
		 * to within 2^-880 ulp (exp is 0 below x ~ -745: sigma < 2^-1075) */
		double e = x < -745.2 ? 0 : exp_neg(-x);
		*r = (struct sb_ref){ 0.0, e * 0x1p149, 0x1p-149, e };
		return 1;
	}
	if (x >= 104) {
		/* 1 - sigma < e^-104 < 2^-150 rounds to 1; frac = (sigma - 1) / 2^-24 */
		double e = x > 745.2 ? 0 : exp_neg(x);
		*r = (struct sb_ref){ 1.0, -e * 0x1p24, 0x1p-24, 1.0 };
		return 1;
	}
	return 0;
}

int sb_ref_fast_f32(float xf, struct sb_ref *r)
{
	double x = xf;
	if (isnan(x) || isinf(x))
		return 0; /* closed forms in sb_ref_mpfr */
	if (closed_form_f32(x, r))
		return 1;
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
	if (!(isnan(x) || isinf(x)))
		atomic_fetch_add_explicit(&fallbacks, 1, memory_order_relaxed);
	sb_ref_mpfr(x, SB_FMT_F32, r);
}
