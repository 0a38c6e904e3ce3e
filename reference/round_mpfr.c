/* Certified rounding of MPFR approximations (round_mpfr.h). */
#include <math.h>

#include "round_mpfr.h"
#include "sigmoid_ref.h"

const struct sb_fmt_info sb_fmt_infos[2] = {
	[SB_FMT_F32] = { 24, -149 },
	[SB_FMT_F64] = { 53, -1074 },
};

int sb_mpfr_near_binade_edge(mpfr_srcptr v, mpfr_ptr t, long bits)
{
	mpfr_exp_t e = mpfr_get_exp(v);
	mpfr_mul_2si(t, v, 1 - e, MPFR_RNDN); /* in [1, 2), exact */
	mpfr_abs(t, t, MPFR_RNDN);
	mpfr_sub_ui(t, t, 1, MPFR_RNDN);      /* exact */
	if (mpfr_cmp_ui_2exp(t, 1, -bits) < 0)
		return 1;
	mpfr_ui_sub(t, 1, t, MPFR_RNDN);      /* 2 - m, exact */
	return mpfr_cmp_ui_2exp(t, 1, -bits) < 0;
}

int sb_mpfr_round_to_format(mpfr_srcptr v, mpfr_ptr t, mpfr_exp_t e, long bits,
			    const struct sb_fmt_info *f, double *cr)
{
	long pe = e - f->emin_ulp; /* bits available above the ulp floor */
	if (pe > f->p)
		pe = f->p;
	if (pe <= 0) {
		/* |v| in [2^(e-1), 2^e) with e <= emin_ulp: at or below half the least
		 * subnormal, except e == emin_ulp whose binade starts at the midpoint
		 * 2^(emin_ulp-1) and so rounds up (the exact value is never the
		 * midpoint itself).  The binade check made this certain. */
		*cr = copysign(pe == 0 ? ldexp(1.0, f->emin_ulp) : 0.0, mpfr_sgn(v));
		return 1;
	}
	/* The MPFR idiom for rounding to nearest: ask whether rounding toward
	 * zero to pe+1 bits is determined. */
	if (!mpfr_can_round(v, bits, MPFR_RNDN, MPFR_RNDZ, pe + 1))
		return 0;
	mpfr_set_prec(t, pe);
	mpfr_set(t, v, MPFR_RNDN);
	*cr = mpfr_get_d(t, MPFR_RNDN); /* exact: pe <= 53 bits in double range */
	return 1;
}
