/* The one ULP definition (sigmoid_ref.h, README). */
#include <float.h>
#include <math.h>

#include "sigmoid_ref.h"

double sb_ulp(double y, enum sb_fmt fmt)
{
	int p = fmt == SB_FMT_F32 ? 24 : 53;
	int emin = fmt == SB_FMT_F32 ? -149 : -1074;
	if (y == 0 || !isfinite(y))
		return isnan(y) ? y : ldexp(1.0, emin);
	int e;
	frexp(fabs(y), &e); /* |y| = m 2^e, 1/2 <= m < 1: 2^(e-1) <= |y| < 2^e */
	return ldexp(1.0, e - p < emin ? emin : e - p);
}

double sb_ulp_error(double got, const struct sb_ref *r)
{
	if (isnan(got))
		return INFINITY;
	/* got - cr is exact when they are close (Sterbenz) and the division by a
	 * power of two is exact, so the only rounding is in the subtraction of frac. */
	double diff = got == r->cr ? 0 : got - r->cr; /* not Inf - Inf (log sigma(-Inf)) */
	return fmin(fabs(diff / r->ulp - r->frac), DBL_MAX);
}
