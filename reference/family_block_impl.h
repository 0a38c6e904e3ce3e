/* sb_ref_fn_fast_f32 (family_fast.c) over one vector of W lanes, for the
 * family's functions other than sigma, written once for the ISAs of
 * sigmoid_block.c (which includes it after sigmoid_block_impl.h, whose
 * operations and exp_ref it uses).
 *
 * Every lane repeats the scalar code's operations, in its order, so cr,
 * frac, ulp and the double value are bitwise those of family_fast.c, and
 * the error bound proven there (SB_FN_TERM_BOUND, SB_FN_ABS_FLOOR) and
 * the near-lead test carry over unchanged: no approximation enters that
 * the scalar code does not make.
 * What the scalar code takes from libm or family_kernels.c is taken the
 * same way:
 *   - exp(-a) is exp_ref (bitwise sb_exp_ref) below 512; beyond 746 libm's
 *     exp underflows to +0, which is used as such; 512 <= a < 746 (libm
 *     exp's own path) goes to the scalar code;
 *   - 1 - e^-a, log1p(t), tanh(x/2) are family_kernels.c's, written out
 *     below with the same operations in the same order (fma as V_FMA), so
 *     bitwise the same (tests/test_family_ref.c --block;
 *     tests/test_family_kernels.c measures them against MPFR);
 *   - near_lead's two zones where the scalar code computes the deviation d
 *     only to find it too large are skipped:
 *       dsigmoid, 2^-10 <= a < 1: d = -q^2 with q = tanh(a/2)/2 >=
 *       (a/4)(1 - a^2/12) > 2^-12.2, so |d| > 2^-24.4, far above 2^-27
 *       (half an ulp of the binade under 1/4), rounding errors (< 2^-48
 *       relative) included: the scalar test fails there;
 *       dsilu, 2^-20 <= a < 1: d = h + x(1/4 - h^2) with h = tanh(x/2)/2,
 *       both terms of x's sign and |h| >= 0.22 a, so |d| > 2^-23 against
 *       2^-26 (half an ulp under 1/2): the test fails there too.
 * Lanes left to the scalar code (non-finite x, 512 <= a < 746, undecided)
 * are flagged in the returned bit mask.
 *
 * Needs what sigmoid_block_impl.h needs. */

/* -v, exactly (the scalar code's unary minus: -0 for +0). */
TARGET static inline V SUFFIX(fam_neg)(V v)
{
	return V_MUL(v, V_SET(-1.0));
}

/* copysign(1, v), v's sign bit added to 1.0's bits (1.0 has it clear). */
TARGET static inline V SUFFIX(fam_sign_one)(V v)
{
	return D_OF(I_ADD(I_AND(I_OF(v), 0x8000000000000000), I_OF(V_SET(1.0))));
}

/* sb_fam_one_minus_exp: 1 - e^-a from a >= 0 and t = e^-a. */
TARGET static inline V SUFFIX(fam_one_minus_exp)(V a, V t)
{
	M poly_lanes = M_LT(a, V_SET(SB_FAM_EXPM1_SPLIT));
	V one_minus_t = V_SUB(V_SET(1.0), t);
	if (!M_BITS(poly_lanes)) /* saves the polynomial on most of sigma''s vectors */
		return one_minus_t;
	V r = SUFFIX(fam_neg)(a);
	V p = V_SET(sb_fam_expm1_c[SB_FAM_EXPM1_DEG - 1]);
	for (int k = SB_FAM_EXPM1_DEG - 2; k >= 0; k--)
		p = V_FMA(p, r, V_SET(sb_fam_expm1_c[k]));
	V poly = V_FMA(SUFFIX(fam_neg)(V_MUL(a, a)), p, a);
	return V_SEL(poly_lanes, poly, one_minus_t);
}

/* sb_fam_log1p: log1p(t), 0 <= t <= 1. */
TARGET static inline V SUFFIX(fam_log1p)(V t)
{
	M series = M_GE(t, V_SET(0x1p-54));
	if (!M_BITS(series)) /* |x| > 37.4 in every lane: t itself */
		return t;
	V s = V_DIV(t, V_ADD(V_SET(2.0), t));
	V z = V_MUL(s, s);
	V q = V_SET(sb_fam_log1p_c[SB_FAM_LOG1P_DEG - 1]);
	for (int k = SB_FAM_LOG1P_DEG - 2; k >= 0; k--)
		q = V_FMA(q, z, V_SET(sb_fam_log1p_c[k]));
	return V_SEL(series, V_MUL(V_SET(2.0), V_FMA(s, V_MUL(z, q), s)), t);
}

/* sb_fam_tanh_small: tanh(z), |z| < SB_FAM_TANH_LIMIT. */
TARGET static inline V SUFFIX(fam_tanh)(V z)
{
	M small = M_LT(V_ABS(z), V_SET(0x1p-55));
	V th = V_FMA(z, V_MUL(V_MUL(z, z), V_SET(SB_FAM_TANH_C3)), z);
	return V_SEL(small, z, th);
}

/* What one lane set holds on its way out: the near-lead lanes' lead and
 * deviation, and everyone's double value and size of its terms. */
struct SUFFIX(fam_lanes) {
	V x, a, t, d1; /* x, |x|, e^-|x|, 1 + t */
	M neg, need;   /* x < 0; lanes this code answers (finite, t known) */
	M nl;          /* lanes where near_lead applies */
	V lead, dev;   /* near_lead's L and d there */
	V y, terms;    /* eval_double's value and terms elsewhere */
	V sign;        /* sb_fn_sign: +1, -1 or 0 (unknown) */
};

/* a == b bit for bit (-0 is not +0). */
TARGET static inline M SUFFIX(fam_same_bits)(V a, V b)
{
	return M_AND(M_EQ(a, b), M_EQ(SUFFIX(fam_sign_one)(a), SUFFIX(fam_sign_one)(b)));
}

/* near_lead's test: |d| (1 + SB_FN_TERM_BOUND) + SB_FN_ABS_FLOOR < half an ulp below L. */
TARGET static inline M SUFFIX(fam_small_dev)(V dev, V lead)
{
	V size = V_ADD(V_MUL(V_ABS(dev), V_SET(1 + SB_FN_TERM_BOUND)), V_SET(SB_FN_ABS_FLOOR));
	return M_LT(size, V_MUL(lead, V_SET(0x1p-25)));
}

TARGET static inline void SUFFIX(fam_dsigmoid)(struct SUFFIX(fam_lanes) *s)
{
	M zone = M_AND(s->need, M_LT(s->a, V_SET(0x1p-10)));
	if (M_BITS(zone)) {
		V m = SUFFIX(fam_one_minus_exp)(s->a, s->t);
		V q = V_DIV(m, V_MUL(V_SET(2.0), s->d1));
		s->dev = V_MUL(SUFFIX(fam_neg)(q), q);
		s->lead = V_SET(0.25);
		s->nl = M_AND(zone, SUFFIX(fam_small_dev)(s->dev, s->lead));
	}
	s->y = V_DIV(s->t, V_MUL(s->d1, s->d1));
	s->terms = V_ABS(s->y);
	s->sign = V_SET(1.0);
}

TARGET static inline void SUFFIX(fam_d2sigmoid)(struct SUFFIX(fam_lanes) *s)
{
	V m = SUFFIX(fam_one_minus_exp)(s->a, s->t);
	V sgn = SUFFIX(fam_neg)(SUFFIX(fam_sign_one)(s->x)); /* -+0 at +-0 */
	V dd = V_MUL(V_MUL(s->d1, s->d1), s->d1);
	s->y = V_DIV(V_MUL(sgn, V_MUL(s->t, m)), dd);
	s->terms = V_ABS(s->y);
	s->sign = sgn;
}

TARGET static inline void SUFFIX(fam_logsigmoid)(struct SUFFIX(fam_lanes) *s)
{
	V l = SUFFIX(fam_log1p)(s->t);
	s->y = V_SUB(V_SEL(s->neg, s->x, V_SET(-0.0)), l);
	s->terms = V_ABS(s->y);
	s->sign = V_SET(-1.0);
}

TARGET static inline void SUFFIX(fam_silu)(struct SUFFIX(fam_lanes) *s)
{
	V num = V_SEL(s->neg, V_MUL(s->x, s->t), s->x);
	s->y = V_DIV(num, s->d1);
	s->terms = V_ABS(s->y);
	s->sign = SUFFIX(fam_sign_one)(s->x);
}

TARGET static inline void SUFFIX(fam_dsilu)(struct SUFFIX(fam_lanes) *s)
{
	V x = s->x, t = s->t, d1 = s->d1, dd = V_MUL(d1, d1);
	M above2 = M_AND(s->need, M_GT(x, V_SET(2.0)));
	M zone = M_AND(s->need, M_LT(s->a, V_SET(0x1p-20)));
	s->lead = V_SEL(above2, V_SET(1.0), V_SET(0.5));
	s->dev = V_SET(0.0);
	if (M_BITS(above2)) { /* dsilu - 1 = t (x - 1 - t)/(1+t)^2 */
		V num = V_MUL(t, V_SUB(V_SUB(x, V_SET(1.0)), t));
		V den = V_MUL(V_ADD(V_SET(1.0), t), V_ADD(V_SET(1.0), t));
		s->dev = V_SEL(above2, V_DIV(num, den), s->dev);
	}
	if (M_BITS(zone)) { /* h + x (1/4 - h^2), h = tanh(x/2)/2 */
		V h = V_MUL(SUFFIX(fam_tanh)(V_MUL(x, V_SET(0.5))), V_SET(0.5));
		V dz = V_ADD(h, V_MUL(x, V_SUB(V_SET(0.25), V_MUL(h, h))));
		s->dev = V_SEL(zone, dz, s->dev);
	}
	s->nl = M_AND(M_OR(above2, zone), SUFFIX(fam_small_dev)(s->dev, s->lead));
	V ypos = V_DIV(V_ADD(V_ADD(V_SET(1.0), t), V_MUL(x, t)), dd);
	V yneg = V_DIV(V_MUL(t, V_ADD(d1, x)), dd);
	V tneg = V_DIV(V_MUL(t, V_SUB(d1, x)), dd);
	s->y = V_SEL(s->neg, yneg, ypos);
	s->terms = V_SEL(s->neg, tneg, V_ABS(ypos));
	s->sign = V_SEL(s->neg, V_SEL(M_LT(x, V_SET(-2.0)), V_SET(-1.0), V_SET(0.0)), V_SET(1.0));
}

/* sb_ref_fn_fast_f32's decision from y and its terms: settled lanes. */
TARGET static inline M SUFFIX(fam_decide)(V y, V terms, V sign, V *crp, V *ulpp)
{
	V err = V_ADD(V_MUL(terms, V_SET(SB_FN_TERM_BOUND)), V_SET(SB_FN_ABS_FLOOR));
	V lo = V_SUB(y, err), hi = V_ADD(y, err);
	/* the side of 0 that f is not on is cut off, as the scalar code does */
	lo = V_SEL(M_AND(M_GT(sign, V_SET(0.0)), M_LT(lo, V_SET(0.0))), V_SET(0.0), lo);
	hi = V_SEL(M_AND(M_LT(sign, V_SET(0.0)), M_GT(hi, V_SET(0.0))), V_SET(-0.0), hi);
	V cr = V_ROUNDF(y);
	M rounds = M_AND(SUFFIX(fam_same_bits)(V_ROUNDF(lo), cr),
			 SUFFIX(fam_same_bits)(V_ROUNDF(hi), cr));
	M tiny = M_AND(M_LT(V_ABS(lo), V_SET(0x1p-125)), M_LT(V_ABS(hi), V_SET(0x1p-125)));
	M lneg = M_LT(lo, V_SET(0.0)), hneg = M_LT(hi, V_SET(0.0));
	M same_sign = M_OR(M_AND(lneg, hneg), M_NOT(M_OR(lneg, hneg)));
	M same_binade = M_AND(same_sign, M_EQ(SUFFIX(binade)(lo), SUFFIX(binade)(hi)));
	/* lo's binade [2^(e-1), 2^e) has ulp 2^(e-24); with one of lo, hi at
	 * or above 2^-125, e >= -124 and no floor applies */
	*ulpp = V_SEL(tiny, V_SET(0x1p-149), V_MUL(SUFFIX(binade)(lo), V_SET(0x1p-23)));
	*crp = cr;
	return M_AND(rounds, M_OR(tiny, same_binade));
}

/* W lanes of fn from xf[0..W): writes the four arrays, returns the lanes
 * the scalar code must do instead. */
TARGET static unsigned SUFFIX(fam_lanes)(enum sb_func fn, const float *xf, const uint64_t *tab,
					 double *cr, double *frac, double *ulp,
					 double *value)
{
	struct SUFFIX(fam_lanes) s;
	s.x = V_LOADF(xf);
	s.a = V_ABS(s.x);
	M fin = M_LT(s.a, V_SET(INFINITY));
	M inrange = M_LT(s.a, V_SET(SB_EXP_REF_LIMIT));
	s.need = M_AND(fin, M_OR(inrange, M_GE(s.a, V_SET(746.0))));
	s.neg = M_LT(s.x, V_SET(0.0));
	s.t = V_SET(0.0);
	if (M_BITS(inrange)) /* nearly half of all floats have |x| >= 512: t = 0 */
		s.t = V_SEL(inrange, SUFFIX(exp_ref)(SUFFIX(fam_neg)(V_SEL(inrange, s.a, V_SET(0.0))), tab),
			    s.t);
	s.d1 = V_ADD(V_SET(1.0), s.t);
	s.nl = M_AND(s.need, M_NOT(s.need)); /* none */
	s.lead = s.dev = V_SET(0.0);
	switch (fn) {
	case SB_FN_DSIGMOID:
		SUFFIX(fam_dsigmoid)(&s);
		break;
	case SB_FN_D2SIGMOID:
		SUFFIX(fam_d2sigmoid)(&s);
		break;
	case SB_FN_LOGSIGMOID:
		SUFFIX(fam_logsigmoid)(&s);
		break;
	case SB_FN_SILU:
		SUFFIX(fam_silu)(&s);
		break;
	default:
		SUFFIX(fam_dsilu)(&s);
		break;
	}
	V vcr, vulp;
	M settled = SUFFIX(fam_decide)(s.y, s.terms, s.sign, &vcr, &vulp);
	V vfrac = V_MUL(V_SUB(s.y, vcr), SUFFIX(inv_pow2)(vulp));
	/* near the lead: L, d/ulp with ulp L 2^-24 below L and L 2^-23 above */
	V nl_ulp = V_MUL(s.lead, V_SEL(M_LT(s.dev, V_SET(0.0)), V_SET(0x1p-24), V_SET(0x1p-23)));
	vcr = V_SEL(s.nl, s.lead, vcr);
	vfrac = V_SEL(s.nl, V_MUL(s.dev, SUFFIX(inv_pow2)(nl_ulp)), vfrac);
	vulp = V_SEL(s.nl, nl_ulp, vulp);
	V_STORE(cr, vcr);
	V_STORE(frac, vfrac);
	V_STORE(ulp, vulp);
	V_STORE(value, V_SEL(s.nl, V_ADD(s.lead, s.dev), s.y));
	return M_BITS(M_NOT(M_AND(s.need, M_OR(s.nl, settled))));
}

/* n inputs of fn, W at a time; the tail and the flagged lanes through the
 * scalar code. */
TARGET static void SUFFIX(fam_block)(enum sb_func fn, const float *x, size_t n, double *cr,
				     double *frac, double *ulp, double *value)
{
	const uint64_t *tab = sb_exp_ref_table();
	size_t i = 0;
	for (; i + W <= n; i += W) {
		unsigned todo = SUFFIX(fam_lanes)(fn, x + i, tab, cr + i, frac + i,
						  ulp + i, value + i);
		for (unsigned l = 0; todo; l++, todo >>= 1)
			if (todo & 1)
				fam_scalar_one(fn, x[i + l], cr + i + l, frac + i + l, ulp + i + l,
					       value + i + l);
	}
	for (; i < n; i++)
		fam_scalar_one(fn, x[i], cr + i, frac + i, ulp + i, value + i);
}
