/* The sigmoid family certified by MPFR (family_ref.h).
 *
 * Every function is composed from t = e^-|x| (never e^+|x|: nothing
 * overflows) with MPFR operations at working precision w, each rounded to
 * nearest (relative error <= u = 2^-w; first order throughout):
 *
 *   dsigmoid   t / (1+t)^2                 exp u, 1+t 2u, square 5u, div 7u
 *   d2sigmoid  -sgn(x) t m / (1+t)^3,      m = -expm1(-|x|) = 1 - t in (0, 1),
 *              correctly rounded, so 1 - 2s = -sgn(x) m/(1+t) has no
 *              cancellation near 0: t m 3u, cube 7u, div 11u
 *   logsigmoid x >= 0: -log1p(t);  x < 0: x - log1p(t)
 *              log1p(t(1+d)) = log1p(t) + t d/(1+t), and log1p(t) >= t/(1+t),
 *              so t's error passes through at most once: 2u; x - log1p(t)
 *              adds two numbers of one sign: 3u
 *   silu       x >= 0: x/(1+t);  x < 0: x t/(1+t)                <= 5u
 *   dsilu      x >= 0: (1 + t + x t)/(1+t)^2, all terms positive: 9u
 *              x < 0:  t (1+t+x)/(1+t)^2.  s = 1+t+x cancels near the zero
 *              x0 = -1.27846...: |s~ - s| <= 2u(1+t) + u|s|, so the relative
 *              error is <= 9u + 2u(1+t)/|s| < 2^(4+D) u with
 *              D = max(0, EXP(1+t) - EXP(s)): D bits are lost, and counted.
 *
 * So |v - f| < 2^(EXP(v) - (w - k)) with k = 3..4 (+D); each function below
 * returns its w - k minus one bit of margin, and mpfr_can_round decides.
 * The Ziv loop terminates because no f(x) for a dyadic x != 0 is a rounding
 * boundary or a binade edge: each is a non-constant algebraic expression in
 * x and e^x, and e^x is transcendental for rational x != 0 (Lindemann); the
 * zero of dsilu solves e^x = -1 - x, which no rational x does.
 *
 * What the loop cannot settle, closed forms settle (closed_form below):
 *   x = 0 and |x| < 2^-60, where f(x) is a short number L (1/4, -x/8, x/2,
 *     1/2) plus a correction d of relative size < 2^-59, below every format
 *     precision: f rounds as L nudged towards d's sign does (d never moves
 *     it past the next midpoint, at >= 2^-54 relative).  This also rounds
 *     the subnormal ties of -x/8 and x/2 correctly (d breaks the tie).
 *     d2sigmoid(0) = silu(0) = 0 exactly: the sign change of s'' and the
 *     zero of SiLU are scored with the floor ulp (README); the zero's sign
 *     is family_ref.h's rule (sb_fn_sign): silu(+-0) = +-0,
 *     d2sigmoid(+-0) = -+0.
 *   x > 60 (silu, dsilu) and x < -60 (logsigmoid): f = L + d with L = x, 1 or
 *     x and |d/L| < e^-58 < 2^-83; log s(x) rounds to x below -60 in both
 *     formats (and well before: sigbench breakpoints says where).
 *   |x| > 65536: f underflows (|f| < 2^-94000) to a zero of f's sign, or
 *     is L = 1 or x as above.
 *   Infinities: the limits (log s(-inf) = -inf, silu(inf) = inf exactly).
 */
#include <math.h>
#include <mpfr.h>
#include <stdio.h>
#include <stdlib.h>

#include "family_ref.h"
#include "round_mpfr.h"

/* A precision this large means a bug, not a hard case (see sigmoid_mpfr.c). */
#define WORKING_PREC_MAX 8192

/* f = L + d, L exact (at most 54 bits), |d| far below half an ulp of L. */
struct closed {
	int zero;    /* L = 0 */
	double lead; /* L when it is a double (not for tiny d2sigmoid/silu) */
	int lead_x;  /* L = x / 2^lead_shift (exact in MPFR whatever x's exponent) */
	int lead_shift;
	int lead_neg;
	double d;    /* the correction, to double precision (0 if it underflows) */
	int dir;     /* its sign: -1, 0 (f = L exactly) or 1 */
};

/* The sign of the correction d, which decides the rounding: d's own, or
 * `sign` where d underflowed in double (x != 0: the correction is not 0). */
static int dir_of(double d, double sign, double x)
{
	if (d == 0 && x == 0)
		return 0;
	return (d != 0 ? d : sign) > 0 ? 1 : -1;
}

static int closed_tiny(enum sb_func fn, double x, struct closed *c)
{
	switch (fn) {
	case SB_FN_DSIGMOID: /* 1/4 - x^2/16 */
		*c = (struct closed){ .lead = 0.25, .d = -x * x / 16,
				      .dir = dir_of(-x * x / 16, -1, x) };
		return 1;
	case SB_FN_D2SIGMOID: /* -x/8 + x^3/24 */
		*c = (struct closed){ .zero = x == 0, .lead_x = 1, .lead_shift = 3, .lead_neg = 1,
				      .d = x * x * x / 24,
				      .dir = dir_of(x * x * x / 24, x, x) };
		return 1;
	case SB_FN_SILU: /* x/2 + x^2/4 */
		*c = (struct closed){ .zero = x == 0, .lead_x = 1, .lead_shift = 1,
				      .d = x * x / 4,
				      .dir = dir_of(x * x / 4, 1, x) };
		return 1;
	case SB_FN_DSILU: /* 1/2 + x/2 */
		*c = (struct closed){ .lead = 0.5, .d = x / 2,
				      .dir = dir_of(x / 2, x, x) };
		return 1;
	default: /* log s(x) = -log 2 + x/2 ...: no short leading term */
		return 0;
	}
}

static int closed_far(enum sb_func fn, double x, struct closed *c)
{
	double a = fabs(x), t = exp(-a); /* 0 beyond 745: .dir keeps d's sign */
	double sgn = x < 0 ? -1 : 1;
	switch (fn) {
	case SB_FN_DSIGMOID:
		if (a <= 65536)
			return 0;
		*c = (struct closed){ .zero = 1, .d = t, .dir = 1 };
		return 1;
	case SB_FN_D2SIGMOID:
		if (a <= 65536)
			return 0;
		*c = (struct closed){ .zero = 1, .d = -sgn * t, .dir = x < 0 ? 1 : -1 };
		return 1;
	case SB_FN_LOGSIGMOID:
		if (x < -60)
			*c = (struct closed){ .lead = x, .d = -t, .dir = -1 };
		else if (x > 65536)
			*c = (struct closed){ .zero = 1, .d = -t, .dir = -1 };
		else
			return 0;
		return 1;
	case SB_FN_SILU:
		if (x > 60)
			*c = (struct closed){ .lead = x, .d = -x * t, .dir = -1 };
		else if (x < -65536)
			*c = (struct closed){ .zero = 1, .d = x * t, .dir = -1 };
		else
			return 0;
		return 1;
	case SB_FN_DSILU:
		if (x > 60)
			*c = (struct closed){ .lead = 1, .d = (x - 1) * t, .dir = 1 };
		else if (x < -65536)
			*c = (struct closed){ .zero = 1, .d = (1 + x) * t, .dir = -1 };
		else
			return 0;
		return 1;
	default:
		return 0;
	}
}

static int closed_special(enum sb_func fn, double x, struct sb_ref *r, const struct sb_fmt_info *f)
{
	/* f(-inf), f(+inf); the zeros signed by the rule (sb_fn_sign; the
	 * test family-reference-signs checks them) */
	static const double at_inf[SB_FN_COUNT][2] = {
		[SB_FN_DSIGMOID] = { 0, 0 },
		[SB_FN_D2SIGMOID] = { 0, -0.0 },
		[SB_FN_LOGSIGMOID] = { -INFINITY, -0.0 },
		[SB_FN_SILU] = { -0.0, INFINITY },
		[SB_FN_DSILU] = { -0.0, 1 },
	};
	if (isnan(x)) {
		*r = (struct sb_ref){ x, 0, NAN, x };
		return 1;
	}
	if (!isinf(x))
		return 0;
	double y = at_inf[fn][x > 0];
	*r = (struct sb_ref){ y, 0, isinf(y) ? ldexp(1.0, (f->p == 24 ? 128 : 1024) - f->p)
					    : sb_ulp(y, f->p == 24 ? SB_FMT_F32 : SB_FMT_F64), y };
	return 1;
}

/* L of a closed form, exactly. */
static void closed_lead(const struct closed *c, double x, mpfr_ptr v)
{
	if (c->lead_x) {
		mpfr_set_d(v, c->lead_neg ? -x : x, MPFR_RNDN); /* exact */
		mpfr_div_2ui(v, v, (unsigned long)c->lead_shift, MPFR_RNDN); /* exact */
	} else {
		mpfr_set_d(v, c->lead, MPFR_RNDN);
	}
}

/* Round L + d (struct closed) to the format: L nudged one step of 64 bits
 * towards d rounds as L + d does (L is a (p+1)-bit number, the next
 * midpoint is 2^-54 of L away). */
static void round_closed(enum sb_func fn, const struct closed *c, double x, enum sb_fmt fmt,
			 struct sb_ref *r)
{
	const struct sb_fmt_info *f = &sb_fmt_infos[fmt];
	double floor_ulp = ldexp(1.0, f->emin_ulp);
	if (c->zero) {
		/* |f| < 2^-94000 (or f = 0): frac is 0 to every digit printed; the
		 * zero's sign is the rule's (f = 0 at x = +-0 has no dir to give it) */
		double z = copysign(0.0, sb_fn_sign(fn, x));
		*r = (struct sb_ref){ z, 0, floor_ulp, z };
		return;
	}
	mpfr_t v, t;
	mpfr_inits2(64, v, t, (mpfr_ptr)0);
	closed_lead(c, x, v);
	if (c->dir > 0)
		mpfr_nextabove(v);
	else if (c->dir < 0)
		mpfr_nextbelow(v);
	mpfr_exp_t e = mpfr_get_exp(v);
	double cr = c->lead; /* dir = 0: x = 0, f(0) = L exactly */
	if (c->dir != 0)
		sb_mpfr_round_to_format(v, t, e, 200, f, &cr); /* certain: v is not near a midpoint */
	int ulp_exp = (int)e - f->p < f->emin_ulp ? f->emin_ulp : (int)e - f->p;
	/* (L - cr)/ulp exactly: L - cr is a short dyadic, scaled by a power of two */
	mpfr_set_prec(t, 256);
	closed_lead(c, x, t);
	mpfr_sub_d(t, t, cr, MPFR_RNDN);
	mpfr_mul_2si(t, t, -ulp_exp, MPFR_RNDN);
	double lead_minus_cr = mpfr_get_d(t, MPFR_RNDN);
	closed_lead(c, x, t);
	double lead = mpfr_get_d(t, MPFR_RNDN);
	mpfr_clears(v, t, (mpfr_ptr)0);
	double ulp = ldexp(1.0, ulp_exp);
	*r = (struct sb_ref){ cr, lead_minus_cr + c->d / ulp, ulp, lead + c->d };
}

/* dsilu with t = e^-|x| in t; the cancelled bits D counted (analysis above). */
static long eval_dsilu(double x, mpfr_ptr v, mpfr_ptr t, mpfr_ptr s)
{
	long w = (long)mpfr_get_prec(v), lost = 0;
	mpfr_add_ui(s, t, 1, MPFR_RNDN);
	if (x >= 0) {
		mpfr_mul_d(v, t, x, MPFR_RNDN);
		mpfr_add(v, v, s, MPFR_RNDN);      /* 1 + t + x t */
	} else {
		mpfr_add_d(v, s, x, MPFR_RNDN);    /* 1 + t + x: cancels near x0 */
		if (mpfr_zero_p(v))
			return 0;                  /* no bit known: more precision */
		long d = (long)(mpfr_get_exp(s) - mpfr_get_exp(v));
		lost = d > 0 ? d : 0;
		mpfr_mul(v, v, t, MPFR_RNDN);
	}
	mpfr_sqr(s, s, MPFR_RNDN);
	mpfr_div(v, v, s, MPFR_RNDN);
	return w - 5 - lost;
}

/* f(x) into v at v's precision; returns the bits b with
 * |v - f(x)| < 2^(EXP(v) - b) (the analysis above, one bit of margin). */
static long eval_fn(enum sb_func fn, double x, mpfr_ptr v, mpfr_ptr t, mpfr_ptr s)
{
	long w = (long)mpfr_get_prec(v);
	mpfr_set_d(t, -fabs(x), MPFR_RNDN); /* exact */
	mpfr_exp(t, t, MPFR_RNDN);          /* t = e^-|x| */
	switch (fn) {
	case SB_FN_DSIGMOID:
		mpfr_add_ui(s, t, 1, MPFR_RNDN);
		mpfr_sqr(s, s, MPFR_RNDN);
		mpfr_div(v, t, s, MPFR_RNDN);
		return w - 4;
	case SB_FN_D2SIGMOID:
		mpfr_set_d(v, -fabs(x), MPFR_RNDN);
		mpfr_expm1(v, v, MPFR_RNDN);
		mpfr_mul(v, v, t, MPFR_RNDN); /* -t m */
		if (x < 0)
			mpfr_neg(v, v, MPFR_RNDN);
		mpfr_add_ui(s, t, 1, MPFR_RNDN);
		mpfr_pow_ui(s, s, 3, MPFR_RNDN);
		mpfr_div(v, v, s, MPFR_RNDN);
		return w - 5;
	case SB_FN_LOGSIGMOID:
		mpfr_log1p(v, t, MPFR_RNDN);
		mpfr_d_sub(v, x < 0 ? x : 0.0, v, MPFR_RNDN);
		return w - 3;
	case SB_FN_SILU:
		mpfr_add_ui(s, t, 1, MPFR_RNDN);
		if (x < 0)
			mpfr_mul_d(t, t, x, MPFR_RNDN);
		else
			mpfr_set_d(t, x, MPFR_RNDN);
		mpfr_div(v, t, s, MPFR_RNDN);
		return w - 4;
	case SB_FN_DSILU:
		return eval_dsilu(x, v, t, s);
	default:
		abort();
	}
}

/* The two working variables and scratch, kept per thread like
 * sigmoid_mpfr.c's (set_prec then allocates nothing after the first calls). */
static _Thread_local mpfr_t work_v, work_t, work_s;
static _Thread_local int work_ready;

static void ziv(enum sb_func fn, double x, const struct sb_fmt_info *f, struct sb_ref *r)
{
	if (!work_ready) {
		mpfr_inits2(f->p + 64, work_v, work_t, work_s, (mpfr_ptr)0);
		work_ready = 1;
	}
	mpfr_ptr v = work_v, t = work_t, s = work_s;
	for (mpfr_prec_t w = f->p + 64;; w *= 2) {
		if (w > WORKING_PREC_MAX) {
			fprintf(stderr, "sigbench: reference: no rounding decision for %s(%a)"
				" at %d bits (bug)\n", sb_func_name(fn), x, WORKING_PREC_MAX);
			abort();
		}
		mpfr_set_prec(v, w);
		mpfr_set_prec(t, w);
		mpfr_set_prec(s, w);
		long bits = eval_fn(fn, x, v, t, s);
		if (bits < f->p + 8 || sb_mpfr_near_binade_edge(v, t, bits - 1))
			continue;
		mpfr_exp_t e = mpfr_get_exp(v);
		double cr;
		if (!sb_mpfr_round_to_format(v, t, e, bits, f, &cr))
			continue;
		int ulp_exp = (int)e - f->p < f->emin_ulp ? f->emin_ulp : (int)e - f->p;
		mpfr_set_prec(t, w + 64);
		mpfr_sub_d(t, v, cr, MPFR_RNDN);
		mpfr_mul_2si(t, t, -ulp_exp, MPFR_RNDN);
		*r = (struct sb_ref){ cr, mpfr_get_d(t, MPFR_RNDN), ldexp(1.0, ulp_exp),
				      mpfr_get_d(v, MPFR_RNDN) };
		return;
	}
}

void sb_ref_fn_mpfr(enum sb_func fn, double x, enum sb_fmt fmt, struct sb_ref *r)
{
	if (fn == SB_FN_SIGMOID) {
		sb_ref_mpfr(x, fmt, r);
		return;
	}
	const struct sb_fmt_info *f = &sb_fmt_infos[fmt];
	if (closed_special(fn, x, r, f))
		return;
	struct closed c;
	if ((fabs(x) < 0x1p-60 && closed_tiny(fn, x, &c)) || closed_far(fn, x, &c)) {
		round_closed(fn, &c, x, fmt, r);
		return;
	}
	ziv(fn, x, f, r);
}

void sb_ref_fn_release_thread(void)
{
	if (work_ready) {
		mpfr_clears(work_v, work_t, work_s, (mpfr_ptr)0);
		work_ready = 0;
	}
}
