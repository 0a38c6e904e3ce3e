/* The three libm functions the family's double path needs, replaced by
 * kernels with a proven error bound (family_kernels.c) that the scalar code
 * and the SIMD block (family_block_impl.h) evaluate with the same
 * operations in the same order, so both give bitwise the same doubles.
 * u = 2^-53 below. */
#ifndef SIGBENCH_FAMILY_KERNELS_H
#define SIGBENCH_FAMILY_KERNELS_H

/* 1 - e^-a as a polynomial below this a, as 1 - t above */
#define SB_FAM_EXPM1_SPLIT 0.375
#define SB_FAM_EXPM1_DEG 13 /* coefficients of P, sb_fam_expm1_c */
#define SB_FAM_LOG1P_DEG 17 /* coefficients of Q, sb_fam_log1p_c */
/* tanh(z) = z - z^3/3 holds to u for |z| below this; returns z below 2^-55 */
#define SB_FAM_TANH_LIMIT 0x1p-21
#define SB_FAM_TANH_C3 (-1.0 / 3)

extern const double sb_fam_expm1_c[SB_FAM_EXPM1_DEG];
extern const double sb_fam_log1p_c[SB_FAM_LOG1P_DEG];

/* m = 1 - e^-a = -expm1(-a) for a >= 0 a float value, t = e^-a from
 * sb_exp_ref (or libm's exp beyond 512): within 3.27 u of m. */
double sb_fam_one_minus_exp(double a, double t);

/* log1p(t) for 0 <= t <= 1: within 3.51 u; t itself below 2^-54. */
double sb_fam_log1p(double t);

/* tanh(z) for z = x/2, x a float, |z| < SB_FAM_TANH_LIMIT: within 1.0001 u. */
double sb_fam_tanh_small(double z);

#endif
