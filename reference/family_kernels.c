/* expm1, log1p and tanh for the family's double path (family_kernels.h),
 * on the arguments family_fast.c gives them, with the error bounds that
 * family_fast.c's analysis counts.  u = 2^-53; RN rounds to nearest; a
 * fma rounds once.  Each coefficient is RN of a rational, written as the
 * C division that the compiler rounds correctly; its error (<= u
 * relative) is in the bounds.  tests/family_kernel_bounds.py evaluates
 * the bounds' sums below (exact first-order terms, at the worst end of
 * each interval), tests/test_family_kernels.c measures the kernels
 * against MPFR and asserts these bounds.
 *
 * m = 1 - e^-a, a >= 0 a float value, t = e^-a within 1.03 u (exp_ref.c):
 *   a >= 3/8:  m = RN(1 - t).  |RN(1 - t~) - (1 - t)| <= u m' + 1.03 u t,
 *     and t/(1 - t) <= 2.198 at a = 3/8: within u + 1.03 u 2.198 = 3.27 u.
 *   a < 3/8:   m = RN(a - a^2 P~(a)), a^2 exact (a float squared, >= 2^-298),
 *     P(a) = sum_{k=0..12} (-1)^k a^k/(k+2)! (Taylor; the omitted terms
 *     alternate and decrease: <= a^13/15!), by Horner in -a with fma.
 *     Horner's absolute error E_k <= u|c_k| + a E_{k+1} + u |p_k|, summed
 *     at a = 3/8: E_0 <= 1.22 u (P >= 0.443 there).  a^2 P/m <= 0.2, so
 *     |m~ - m| <= u m + a^2 (E_0 + a^13/15!) <= 1.56 u m, the ratio
 *     growing with a (checked on a grid of 2000 points too).
 *   So m is within 3.27 u.  libm's expm1 (glibc: 1 ulp, i.e. 2u) no longer
 *   enters.
 *
 * log1p(t), 0 <= t <= 1: log1p(t) = 2 atanh(s), s = t/(2 + t) in [0, 1/3].
 *   s~ = RN(t / RN(2 + t)) = s (1 + e), |e| <= 2.0001 u;  z = RN(s~^2);
 *   2 atanh(s) = 2 s (1 + z Q(z)), Q(z) = sum_{k>=0} z^k/(2k+3), kept to
 *   k = 16 (the rest <= z^17/37/(1 - z) = 2^-59 for z <= 1/9), Horner in z
 *   with fma; R = RN(z Q~); log1p = 2 RN(s~ + s~ R).
 *   R <= 0.0398 and its error (the product's rounding, Horner's E, the
 *   truncation, z's 5 u times d(zQ)/dz) is <= 0.34 u; s's error e moves
 *   2 atanh(s) by at most s/((1 - s^2) atanh s) = 1.082 times e: 2.17 u;
 *   the fma rounds once: u.  Within 3.51 u.  Below t = 2^-54 it returns t
 *   (log1p(t) = t (1 - t/2 + ..): within t/2 < u/4), as glibc does: where
 *   t is a double subnormal (|x| > 708) RN(t/2) may be 0, and log sigma =
 *   0 - 0 = +0 would pass the fast path's test with the wrong sign of zero
 *   (the sweep's accuracy.csv showed 18000 such inputs).
 * (t from libm's exp for 512 <= a < 746 is below 2^-738: m = 1 exactly.)
 *
 * tanh(z), z = x/2 for a float x, 2^-55 <= |z| < 2^-21: tanh = z - z^3/3
 *   + r, |r| <= 2|z|^5/15 (alternating Taylor series); z^2 exact;
 *   c = RN(z^2 RN(-1/3)) within 2.01 u of -z^2/3; RN(z + z c) is within
 *   u + 0.67 u z^2 + 0.14 z^4 < 1.0001 u of tanh z.  Below 2^-55, z itself
 *   (z^3/3 is below a quarter ulp of z: what glibc returns there too, and
 *   it keeps the sign of -0). */
#include <math.h>

#include "family_kernels.h"

/* RN(1/(k+2)!), k = 0..12: P's coefficients (Taylor) */
const double sb_fam_expm1_c[SB_FAM_EXPM1_DEG] = {
	1.0 / 2,	  1.0 / 6,	      1.0 / 24,		1.0 / 120,	   1.0 / 720,
	1.0 / 5040,	  1.0 / 40320,	      1.0 / 362880,	1.0 / 3628800,	   1.0 / 39916800,
	1.0 / 479001600,  1.0 / 6227020800.0, 1.0 / 87178291200.0,
};

/* RN(1/(2k+3)), k = 0..16: Q's coefficients (atanh's Taylor series) */
const double sb_fam_log1p_c[SB_FAM_LOG1P_DEG] = {
	1.0 / 3,  1.0 / 5,  1.0 / 7,  1.0 / 9,	1.0 / 11, 1.0 / 13, 1.0 / 15, 1.0 / 17, 1.0 / 19,
	1.0 / 21, 1.0 / 23, 1.0 / 25, 1.0 / 27, 1.0 / 29, 1.0 / 31, 1.0 / 33, 1.0 / 35,
};

double sb_fam_one_minus_exp(double a, double t)
{
	if (a >= SB_FAM_EXPM1_SPLIT)
		return 1 - t;
	double p = sb_fam_expm1_c[SB_FAM_EXPM1_DEG - 1];
	for (int k = SB_FAM_EXPM1_DEG - 2; k >= 0; k--)
		p = fma(p, -a, sb_fam_expm1_c[k]);
	return fma(-(a * a), p, a);
}

double sb_fam_log1p(double t)
{
	if (t < 0x1p-54)
		return t;
	double s = t / (2 + t), z = s * s;
	double q = sb_fam_log1p_c[SB_FAM_LOG1P_DEG - 1];
	for (int k = SB_FAM_LOG1P_DEG - 2; k >= 0; k--)
		q = fma(q, z, sb_fam_log1p_c[k]);
	return 2 * fma(s, z * q, s);
}

double sb_fam_tanh_small(double z)
{
	if (fabs(z) < 0x1p-55)
		return z;
	return fma(z, (z * z) * SB_FAM_TANH_C3, z);
}
