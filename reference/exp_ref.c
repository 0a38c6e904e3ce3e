/* exp(a), |a| < 512, as glibc computes it (exp_ref.h says why).
 *
 * Algorithm (glibc e_exp.c, FMA build; N = 128, u = 2^-53, RN = round to
 * nearest, every fma rounded once):
 *   z = RN(a * INVLN2N + SHIFT)        k = z - SHIFT, an integer, exactly
 *   r = RN(RN(a + k * HI) + k * LO)    (HI + LO ~ -ln2/N)
 *   j = k mod N, scale = scale_j * 2^((k - j)/N)  (integer add on the bits)
 *   tmp = ((tail_j + r) + r^2 (C2 + r C3)) + r^4 (C4 + r C5)
 *   e = RN(scale + scale * tmp)
 *
 * Error bound: |e - exp(a)| <= 1.03 u exp(a).
 *  1. Reduction.  |a INVLN2N| < 512 * 185 < 2^17, so z lies in [2^52, 2^53)
 *     where the ulp is 1: k is an integer nearest a INVLN2N, |k| < 2^17, and
 *     kd = z - SHIFT is exact.  INVLN2N = (N/ln2)(1 + d), |d| <= u, so
 *     |a N/ln2 - k| <= 1/2 + 2^-36 and r* = a - k ln2/N has |r*| <= R =
 *     0.002708 < 2^-8.52 (ln2/256 = 0.0027076).
 *  2. r.  HI + LO = -ln2/N + eps, |eps| <= 2^-100 (LO rounded, ulp(LO) =
 *     2^-99), |k eps| <= 2^-83.  a + k HI = r* - k LO + k eps with
 *     |k LO| < 2^-29: below 2^-8 in magnitude, so its rounding errs by
 *     <= 2^-62; the second fma likewise.  |r - r*| <= 2^-61 + 2^-83 < 2^-60.9.
 *  3. Table.  scale_j = RN(2^(j/N)) in [1, 2): tail* = 2^(j/N)/scale_j - 1
 *     has |tail*| <= u and tail_j = RN(tail*) errs by <= 2^-107.
 *     exp(a) = scale (1 + T*), T* = (1 + tail*) e^r* - 1.
 *  4. Polynomial.  P(r) = r + C2 r^2 + .. + C5 r^5.  Against the Taylor
 *     series (coefficients exact dyadics): |P(r) - (e^r - 1)| <=
 *     sum_{n=2..5} |Cn - 1/n!| R^n + R^6/720 * 1.01 <= 2^-59.16 for |r| <= R
 *     (terms 2^-61.9, 2^-72.4, 2^-60.2, 2^-71.2, 2^-60.6; glibc states the
 *     minimax error as 1.555 * 2^-66, this cruder bound suffices).
 *  5. Evaluation.  tail + r, the two outer fmas: values below 2^-8, each
 *     rounding <= 2^-62; C2 + r C3 (~1/2) errs <= 2^-54, times r^2 <= 2^-17:
 *     2^-71; r^2 rounding 2^-70 times 0.51; r^4 and C4 + r C5 below 2^-84.
 *     Total <= 3 * 2^-62 + 2^-70 < 2^-60.4.
 *  So |tmp - T*| <= 2^-107 + 2^-59.16 + |e^r - e^r*| (<= 2^-60.8) +
 *     |tail* (e^r* - 1)| (<= 2^-61.4, glibc's tmp omits it) + 2^-60.4
 *     < 2^-58.2, and 1 + T* >= e^-R (1 - u) > 0.997.  The last fma rounds
 *     once: |e - exp(a)| <= u exp(a) + scale |tmp - T*| (1 + u)
 *     <= (u + 2^-58.2 / 0.997) exp(a) < 1.03 u exp(a).  scale >= 2^-739 for
 *     a > -512, so nothing is subnormal.
 * sigmoid_fast.c's bound assumed exp within 2u; this is well inside it.
 * tests/test_reference.c measures this function against MPFR and checks the
 * table. */
#include <math.h>
#include <mpfr.h>
#include <pthread.h>
#include <string.h>

#include "exp_ref.h"

static uint64_t tab[2 * SB_EXP_N];
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;

/* The table, from MPFR at 256 bits: 2^(j/N) is then within 2^-250 relative,
 * far below what could move a double rounding of it (2^(j/N) for 0 < j < N
 * is irrational, hence never a midpoint, and the 203 extra bits settle it). */
static void tab_init(void)
{
	mpfr_t t, s;
	mpfr_inits2(256, t, s, (mpfr_ptr)0);
	for (int j = 0; j < SB_EXP_N; j++) {
		mpfr_set_si(t, j, MPFR_RNDN);
		mpfr_div_ui(t, t, SB_EXP_N, MPFR_RNDN); /* exact: a dyadic j/128 */
		mpfr_exp2(t, t, MPFR_RNDN);
		double scale = mpfr_get_d(t, MPFR_RNDN);
		mpfr_set_d(s, scale, MPFR_RNDN);
		mpfr_sub(t, t, s, MPFR_RNDN);
		mpfr_div(t, t, s, MPFR_RNDN);
		double tail = mpfr_get_d(t, MPFR_RNDN);
		uint64_t sb, tb;
		memcpy(&sb, &scale, sizeof sb);
		memcpy(&tb, &tail, sizeof tb);
		tab[2 * j] = tb;
		tab[2 * j + 1] = sb - ((uint64_t)j << (52 - SB_EXP_TABLE_BITS));
	}
	mpfr_clears(t, s, (mpfr_ptr)0);
	mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);
}

const uint64_t *sb_exp_ref_table(void)
{
	pthread_once(&tab_once, tab_init);
	return tab;
}

static double as_double(uint64_t b)
{
	double d;
	memcpy(&d, &b, sizeof d);
	return d;
}

double sb_exp_ref(double a)
{
	const uint64_t *t = sb_exp_ref_table();
	double z = fma(a, SB_EXP_INVLN2N, SB_EXP_SHIFT);
	uint64_t ki;
	memcpy(&ki, &z, sizeof ki);
	double kd = z - SB_EXP_SHIFT;
	double r = fma(kd, SB_EXP_NEGLN2HIN, a);
	r = fma(kd, SB_EXP_NEGLN2LON, r);
	uint64_t idx = 2 * (ki % SB_EXP_N);
	uint64_t top = ki << (52 - SB_EXP_TABLE_BITS);
	double tail = as_double(t[idx]);
	double scale = as_double(t[idx + 1] + top);
	double r2 = r * r;
	double p23 = fma(r, SB_EXP_C3, SB_EXP_C2);
	double p45 = fma(r, SB_EXP_C5, SB_EXP_C4);
	double tmp = fma(p23, r2, tail + r);
	tmp = fma(r2 * r2, p45, tmp);
	return fma(scale, tmp, scale);
}
