/* exp(a) for the float32 fast path, bit for bit the algorithm of glibc's
 * exp (ARM optimized-routines, glibc >= 2.28, the FMA build that glibc's
 * x86_64 ifunc picks on CPUs with FMA and AVX2), written out so that the
 * scalar code (exp_ref.c) and the SIMD code (sigmoid_block.c) give the same
 * double for the same input: the reference's frac and sigma, and with them
 * every figure in accuracy.csv, do not depend on which path ran.  Error
 * bound proven in exp_ref.c.  Valid for |a| < 512 (glibc's main path);
 * callers use libm's exp beyond. */
#ifndef SIGBENCH_EXP_REF_H
#define SIGBENCH_EXP_REF_H

#include <stdint.h>

#define SB_EXP_TABLE_BITS 7
#define SB_EXP_N (1 << SB_EXP_TABLE_BITS)

/* |a| below this: the main path (glibc: abstop < top12(512)). */
#define SB_EXP_REF_LIMIT 512.0

/* The constants of glibc's sysdeps/ieee754/dbl-64/e_exp_data.c (also in
 * ARM optimized-routines math/exp_data.c), as bit patterns. */
#define SB_EXP_INVLN2N   0x1.71547652b82fep0 * SB_EXP_N /* N/ln2 rounded */
#define SB_EXP_SHIFT     0x1.8p52                        /* round-to-integer shift */
#define SB_EXP_NEGLN2HIN -0x1.62e42fefa0000p-8           /* -ln2/N, high 36 bits */
#define SB_EXP_NEGLN2LON -0x1.cf79abc9e3b3ap-47          /* -ln2/N - NEGLN2HIN, rounded */
#define SB_EXP_C2 0x1.ffffffffffdbdp-2
#define SB_EXP_C3 0x1.555555555543cp-3
#define SB_EXP_C4 0x1.55555cf172b91p-5
#define SB_EXP_C5 0x1.1111167a4d017p-7

/* tab[2j] = tail_j, tab[2j+1] = bits(scale_j) - (j << 45), where scale_j =
 * RN(2^(j/N)) and tail_j = RN((2^(j/N) - scale_j) / scale_j): glibc's table,
 * recomputed here with MPFR at first use (tests/test_reference.c checks the
 * entries against 2^(j/N)). */
const uint64_t *sb_exp_ref_table(void);

/* exp(a) for |a| < SB_EXP_REF_LIMIT (not NaN). */
double sb_exp_ref(double a);

#endif
