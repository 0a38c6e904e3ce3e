/* sigma(x) certified by MPFR.
 *
 * MPFR has no sigmoid, so it is composed: v = 1/(1 + exp(-x)) at working
 * precision w, each of the three operations rounded to nearest.  Error:
 * exp contributes a relative error <= 2^-w; adding 1 scales that by
 * t/(1+t) <= 1 and adds its own 2^-w; the division adds 2^-w.  So
 * |v - sigma| <= 3*2^-w*|v| (to first order) < 2^(EXP(v) - (w - 2)), and
 * mpfr_can_round is called with w - 3 correct bits to keep a margin.
 * sigma(x) is transcendental for rational x != 0 (Lindemann), so it is never
 * a rounding boundary itself and the Ziv loop (double w until rounding is
 * certain) terminates; x = 0 and the far tails are closed forms below.
 */
#include <math.h>
#include <mpfr.h>
#include <stdio.h>
#include <stdlib.h>

#include "family_ref.h"
#include "round_mpfr.h"
#include "sigmoid_ref.h"

/* A precision this large means a bug, not a hard case: the hardest cases of
 * exp-like functions in binary64 need about 2*53 + 60 bits. */
#define WORKING_PREC_MAX 8192

/* Inputs handled without MPFR because their answer is known in closed form:
 * NaN, infinities, |x| < 2^-60 (sigma = 1/2 + x/4 - x^3/48 ..., which
 * rounds to 1/2 in both formats since |x/4| < 2^-62 is below half an ulp of
 * 1/2 from either side), x > 64 (1 - sigma < e^-64 < 2^-92, rounds to 1)
 * and x < -65536 (sigma < 2^-94000, rounds to 0; frac is 0 to any digit we
 * print).  Returns 1 when it filled r. */
static int closed_form(double x, const struct sb_fmt_info *f, struct sb_ref *r)
{
	if (isnan(x)) {
		*r = (struct sb_ref){ x, 0, NAN, x };
	} else if (fabs(x) < 0x1p-60) {
		/* sigma < 1/2 for x < 0: the ulp is that of [1/4, 1/2) */
		double ulp = ldexp(1.0, x < 0 ? -f->p - 1 : -f->p);
		*r = (struct sb_ref){ 0.5, x / 4 / ulp, ulp, 0.5 };
	} else if (x == INFINITY) {
		*r = (struct sb_ref){ 1.0, 0, ldexp(1.0, 1 - f->p), 1.0 };
	} else if (x > 64) {
		double ulp = ldexp(1.0, -f->p);
		*r = (struct sb_ref){ 1.0, -exp(-x) / ulp, ulp, 1.0 };
	} else if (x < -65536) {
		*r = (struct sb_ref){ 0.0, 0.0, ldexp(1.0, f->emin_ulp), 0.0 };
	} else {
		return 0;
	}
	return 1;
}

static void sigma_at(mpfr_t v, mpfr_t t, double x)
{
	mpfr_set_d(t, -x, MPFR_RNDN); /* exact: t has >= 53 bits */
	mpfr_exp(t, t, MPFR_RNDN);
	mpfr_add_ui(t, t, 1, MPFR_RNDN);
	mpfr_ui_div(v, 1, t, MPFR_RNDN);
}

/* The two working variables, kept per thread: allocating and freeing them
 * on every call cost more than the arithmetic at these precisions (MPFR
 * only grows an allocation, so after the first calls set_prec allocates
 * nothing; results do not depend on it).  sb_ref_release_thread frees them. */
static _Thread_local mpfr_t work_v, work_t;
static _Thread_local int work_ready;

void sb_ref_mpfr(double x, enum sb_fmt fmt, struct sb_ref *r)
{
	const struct sb_fmt_info *f = &sb_fmt_infos[fmt];
	if (closed_form(x, f, r))
		return;
	if (!work_ready) {
		mpfr_inits2(f->p + 64, work_v, work_t, (mpfr_ptr)0);
		work_ready = 1;
	}
	mpfr_ptr v = work_v, t = work_t;
	for (mpfr_prec_t w = f->p + 64;; w *= 2) {
		if (w > WORKING_PREC_MAX) {
			fprintf(stderr, "sigbench: reference: no rounding decision for x = %a"
				" at %d bits (bug)\n", x, WORKING_PREC_MAX);
			abort();
		}
		mpfr_set_prec(v, w);
		mpfr_set_prec(t, w);
		sigma_at(v, t, x);
		mpfr_exp_t e = x > 0 ? 0 : mpfr_get_exp(v);
		if (x < 0 && sb_mpfr_near_binade_edge(v, t, w - 4))
			continue;
		mpfr_set_prec(t, w);
		double cr;
		if (!sb_mpfr_round_to_format(v, t, e, w - 3, f, &cr))
			continue;
		int ulp_exp = (int)e - f->p < f->emin_ulp ? f->emin_ulp : (int)e - f->p;
		mpfr_set_prec(t, w + 64);
		mpfr_sub_d(t, v, cr, MPFR_RNDN);
		mpfr_mul_2si(t, t, -ulp_exp, MPFR_RNDN);
		r->cr = cr;
		r->frac = mpfr_get_d(t, MPFR_RNDN);
		r->ulp = ldexp(1.0, ulp_exp);
		r->sigma = mpfr_get_d(v, MPFR_RNDN);
		break;
	}
}

void sb_ref_release_thread(void)
{
	if (work_ready) {
		mpfr_clears(work_v, work_t, (mpfr_ptr)0);
		work_ready = 0;
	}
	sb_ref_fn_release_thread();
	mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE | MPFR_FREE_GLOBAL_CACHE);
}

float sb_sigmoid_cr_f32(float x)
{
	struct sb_ref r;
	sb_ref_mpfr(x, SB_FMT_F32, &r);
	return (float)r.cr; /* exact: cr is a float value */
}

double sb_sigmoid_cr_f64(double x)
{
	struct sb_ref r;
	sb_ref_mpfr(x, SB_FMT_F64, &r);
	return r.cr;
}
