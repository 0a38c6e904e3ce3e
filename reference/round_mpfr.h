/* Rounding an MPFR approximation to float32/float64 with certainty: the
 * steps every Ziv loop of reference/ shares. */
#ifndef SIGBENCH_ROUND_MPFR_H
#define SIGBENCH_ROUND_MPFR_H

#include <mpfr.h>

struct sb_fmt_info {
	int p;        /* significand bits */
	int emin_ulp; /* log2 of the ulp floor (the least subnormal) */
};

extern const struct sb_fmt_info sb_fmt_infos[2];

/* Could the exact value, within 2^(EXP(v) - bits) of v, lie in another
 * binade than |v|?  t is scratch. */
int sb_mpfr_near_binade_edge(mpfr_srcptr v, mpfr_ptr t, long bits);

/* Round v, with |v - exact| < 2^(EXP(v) - bits), to the format, if certain;
 * e is the exponent of the exact value.  Returns 1 and sets *cr on success.
 * t is scratch (its precision is changed). */
int sb_mpfr_round_to_format(mpfr_srcptr v, mpfr_ptr t, mpfr_exp_t e, long bits,
			    const struct sb_fmt_info *f, double *cr);

#endif
