/* The sigmoid family for float inputs at double speed, MPFR only where the
 * double value cannot decide (family_ref.h; the scheme of sigmoid_fast.c).
 *
 * y is f(x) evaluated in double from t = e^-|x| by the forms of
 * family_mpfr.c: exp is sb_exp_ref (within 1.03 ulp, proven in exp_ref.c)
 * below 512 and libm beyond; m = 1 - t = -expm1(-|x|) (d2sigmoid) and
 * log1p(t) (logsigmoid) are family_kernels.c's, proven within 3.27 u and
 * 3.51 u (u = 2^-53).  Counting every rounding as 2u and each kernel as
 * 4u, each form is a handful of such steps (the counts in family_mpfr.c
 * with u doubled, where m and log1p were one correctly rounded step, 2u
 * here; the kernels add 2u each): at most 24u = 2^-48.4 relative to its
 * terms (d2sigmoid), so SB_FN_TERM_BOUND = 2^-45 keeps a factor 10 of
 * margin, and tests/test_family_ref.c checks y against MPFR on random and
 * special inputs.  The bound is relative to the size of the
 * terms, which is |y| except for dsilu at x < 0, where 1 + t + x cancels
 * near its zero and the terms are t (1 + t + |x|)/(1+t)^2.  Where t is a
 * double subnormal (|x| > 708) its error is absolute: SB_FN_ABS_FLOOR.
 *
 * The float rounding of f(x) is known when y - err and y + err round to
 * the same float and lie in one binade; otherwise sb_ref_fn_f32 asks
 * MPFR.  The comparison is bitwise: y carries the sign of zero that
 * family_ref.h's rule asks for (eval_double, by construction: each form is
 * a product of factors of known sign, and log s's 0 - log1p(t) starts
 * from -0), and where the interval [y - err, y + err] straddles 0 the side
 * f cannot be on is cut off (sb_fn_sign), so a zero of the wrong sign
 * fails the test instead of passing as equal.
 * sb_ref_fn_f32_block repeats this in SIMD (family_block_impl.h).
 */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "exp_ref.h"
#include "family_kernels.h"
#include "family_ref.h"

static double exp_neg(double a)
{
	return a < SB_EXP_REF_LIMIT ? sb_exp_ref(-a) : exp(-a);
}

/* f(x) in double, and the size of the terms it was computed from. */
static double eval_double(enum sb_func fn, double x, double *terms)
{
	double a = fabs(x), t = exp_neg(a), d = 1 + t, y;
	switch (fn) {
	case SB_FN_DSIGMOID:
		y = t / (d * d);
		break;
	case SB_FN_D2SIGMOID:
		/* -sgn x with x's sign bit: s''(+-0) = -+0 (family_ref.h) */
		y = -copysign(1.0, x) * (t * sb_fam_one_minus_exp(a, t)) / (d * d * d);
		break;
	case SB_FN_LOGSIGMOID:
		/* -0: log s < 0 everywhere, and -0 - 0 is -0 where t underflows */
		y = (x < 0 ? x : -0.0) - sb_fam_log1p(t);
		break;
	case SB_FN_SILU:
		y = x < 0 ? x * t / d : x / d;
		break;
	case SB_FN_DSILU:
		if (x >= 0) {
			y = (1 + t + x * t) / (d * d);
			break;
		}
		y = t * (d + x) / (d * d);
		*terms = t * (d - x) / (d * d);
		return y;
	default:
		y = x >= 0 ? 1 / d : t / d;
		break;
	}
	*terms = fabs(y);
	return y;
}

/* Near x = 0, s' = 1/4 - ((1-t)/(2(1+t)))^2 and dsilu = 1/2 + h + x(1/4 - h^2)
 * with h = tanh(x/2)/2 (both terms of one sign), and for x > 2 dsilu =
 * 1 + t(x - 1 - t)/(1+t)^2: the deviation d from the lead L = 1/4, 1/2 or 1
 * without cancellation.  Where |d| is below half an ulp
 * of the binade under L, L + d rounds to L and its ulp is known from d's
 * sign; the double sum y = L + d alone cannot tell the binade there.
 * Returns 1 and fills r then. */
static int near_lead(enum sb_func fn, double x, struct sb_ref *r)
{
	double a = fabs(x), lead, d;
	if (fn == SB_FN_DSILU && x > 2) { /* dsilu - 1 = t (x - 1 - t)/(1+t)^2 */
		double t = exp_neg(a);
		lead = 1;
		d = t * (x - 1 - t) / ((1 + t) * (1 + t));
	} else if (a >= 1 || (fn != SB_FN_DSIGMOID && fn != SB_FN_DSILU)) {
		return 0;
	} else if (fn == SB_FN_DSIGMOID) {
		double t = exp_neg(a);
		double q = sb_fam_one_minus_exp(a, t) / (2 * (1 + t));
		lead = 0.25;
		d = -q * q;
	} else if (a >= 2 * SB_FAM_TANH_LIMIT) {
		return 0; /* |d| > 2^-23 there (family_block_impl.h): the test fails */
	} else {
		double h = sb_fam_tanh_small(x / 2) / 2;
		lead = 0.5;
		d = h + x * (0.25 - h * h);
	}
	double below = lead * 0x1p-25; /* half an ulp of the binade under L */
	if (fabs(d) * (1 + SB_FN_TERM_BOUND) + SB_FN_ABS_FLOOR >= below)
		return 0;
	double ulp = d < 0 ? lead * 0x1p-24 : lead * 0x1p-23;
	*r = (struct sb_ref){ lead, d / ulp, ulp, lead + d };
	return 1;
}

/* Exponent of the ulp of values in [lo, hi] (float32), or NO_ULP when
 * they straddle a binade edge or zero.  (0 is the valid exponent of
 * [2^23, 2^24): as the sentinel it sent SiLU there and log sigma on
 * [-2^24, -2^23) to MPFR, 2^24 inputs, for the same answer.) */
#define NO_ULP INT_MIN

static int ulp_exp_between(double lo, double hi)
{
	if (fabs(lo) < 0x1p-125 && fabs(hi) < 0x1p-125)
		return -149;
	if ((lo < 0) != (hi < 0))
		return NO_ULP;
	int elo, ehi;
	frexp(lo, &elo);
	frexp(hi, &ehi);
	if (elo != ehi)
		return NO_ULP;
	return elo - 24 < -149 ? -149 : elo - 24;
}

/* SiLU's x/2 + x^2/4 and sigma''s -x/8 + x^3/24 for |x| < 2^-60: where the
 * lead x/2 or -x/8 is a subnormal float's midpoint (an odd multiple of
 * 2^-150), y - err and y + err round apart, and the next term's sign (d's,
 * or where d underflows SiLU's + and sigma''s sgn x) decides.  This is
 * family_mpfr.c's closed_tiny and round_closed written out for that case,
 * bit for bit: cr the float beside the lead on d's side, ulp 2^-149, frac
 * (lead - cr)/ulp + d/ulp, value lead + d.  It saves the sweep 2^25 MPFR
 * calls (tests/test_family_ref.c --block compares it with MPFR). */
static int tiny_midpoint(enum sb_func fn, double x, struct sb_ref *r)
{
	double lead, d, sign;
	if (fn == SB_FN_SILU) {
		lead = x / 2;
		d = x * x / 4;
		sign = 1;
	} else if (fn == SB_FN_D2SIGMOID) {
		lead = -x / 8;
		d = x * x * x / 24;
		sign = x;
	} else {
		return 0;
	}
	double m = fabs(lead) * 0x1p150; /* exact; an odd integer below 2^24 at a midpoint */
	if (!(fabs(x) < 0x1p-60 && m < 0x1p24 && m == floor(m) && fmod(m, 2) == 1))
		return 0;
	double dir = (d != 0 ? d : sign) > 0 ? 1 : -1;
	double cr = copysign(lead + dir * 0x1p-150, lead); /* -0 where -2^-150 rounds up */
	*r = (struct sb_ref){ cr, (lead - cr) / 0x1p-149 + d / 0x1p-149, 0x1p-149, lead + d };
	return 1;
}

int sb_fn_sign(enum sb_func fn, double x)
{
	switch (fn) {
	case SB_FN_D2SIGMOID:
		return signbit(x) ? 1 : -1;
	case SB_FN_LOGSIGMOID:
		return -1;
	case SB_FN_SILU:
		return signbit(x) ? -1 : 1;
	case SB_FN_DSILU:
		return x >= 0 ? 1 : x < -2 ? -1 : 0;
	default: /* sigmoid, dsigmoid: positive */
		return 1;
	}
}

/* (float)v is cr, bit for bit (-0 is not +0). */
static int rounds_to(double v, float cr)
{
	float f = (float)v;
	return f == cr && !signbit(f) == !signbit(cr);
}

int sb_ref_fn_fast_f32(enum sb_func fn, float x, struct sb_ref *r)
{
	if (!isfinite(x))
		return 0;
	if (near_lead(fn, x, r))
		return 1;
	double terms, y = eval_double(fn, x, &terms);
	double err = terms * SB_FN_TERM_BOUND + SB_FN_ABS_FLOOR;
	double lo = y - err, hi = y + err;
	int sign = sb_fn_sign(fn, x);
	if (sign > 0 && lo < 0) /* f > 0: the interval's part below 0 is impossible */
		lo = 0.0;
	if (sign < 0 && hi > 0)
		hi = -0.0;
	float cr = (float)y;
	if (!rounds_to(lo, cr) || !rounds_to(hi, cr))
		return tiny_midpoint(fn, x, r);
	int ue = ulp_exp_between(lo, hi);
	if (ue == NO_ULP)
		return 0;
	double ulp = ldexp(1.0, ue);
	*r = (struct sb_ref){ cr, (y - cr) / ulp, ulp, y };
	return 1;
}

void sb_ref_fn_f32(enum sb_func fn, float x, struct sb_ref *r)
{
	if (!sb_ref_fn_fast_f32(fn, x, r))
		sb_ref_fn_mpfr(fn, x, SB_FMT_F32, r);
}

void sb_ref_fn_f32_block(enum sb_func fn, const float *x, size_t n, double *cr, double *frac,
			 double *ulp, double *value)
{
	static const enum sb_ref_isa order[] = { SB_REF_ISA_AVX512, SB_REF_ISA_AVX2, SB_REF_ISA_SCALAR };
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (sb_ref_fn_f32_block_isa(order[i], fn, x, n, cr, frac, ulp, value))
			return;
}

static const char *const names[SB_FN_COUNT] = {
	[SB_FN_SIGMOID] = "sigmoid",
	[SB_FN_DSIGMOID] = "dsigmoid",
	[SB_FN_D2SIGMOID] = "d2sigmoid",
	[SB_FN_LOGSIGMOID] = "logsigmoid",
	[SB_FN_SILU] = "silu",
	[SB_FN_DSILU] = "dsilu",
};

const char *sb_func_name(enum sb_func fn)
{
	return (unsigned)fn < SB_FN_COUNT ? names[fn] : "?";
}

int sb_func_parse(const char *s)
{
	for (int i = 0; i < SB_FN_COUNT; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *sb_func_list(void)
{
	return "sigmoid, dsigmoid, d2sigmoid, logsigmoid, silu, dsilu";
}
