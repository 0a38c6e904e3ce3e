/* The body of sb_ref_fast_f32 over one vector of W lanes, written once for
 * the ISAs of sigmoid_block.c (which defines the operations below and
 * includes this file once per ISA).  Every lane computes every form with
 * the same operations, in the same order, as sigmoid_fast.c and exp_ref.c,
 * then the lane's own form is selected: so each lane's cr, frac, ulp and
 * sigma are bitwise those of the scalar code.  Lanes the scalar code would
 * not settle in closed form or from the double value (NaN, infinities,
 * 512 <= |x| <= 745.2 where exp is libm's, and the undecided) are flagged
 * in the returned bit mask for sb_ref_f32.
 *
 * Needs: V (W doubles), VI (W int64), M (lane mask), TARGET, and the
 * operations V_* / M_* / I_* defined by the includer. */

TARGET static inline V SUFFIX(exp_ref)(V a, const uint64_t *tab)
{
	V z = V_FMA(a, V_SET(SB_EXP_INVLN2N), V_SET(SB_EXP_SHIFT));
	VI ki = I_OF(z);
	V kd = V_SUB(z, V_SET(SB_EXP_SHIFT));
	V r = V_FMA(kd, V_SET(SB_EXP_NEGLN2HIN), a);
	r = V_FMA(kd, V_SET(SB_EXP_NEGLN2LON), r);
	VI idx = I_SLL(I_AND(ki, SB_EXP_N - 1), 1);
	VI top = I_SLL(ki, 52 - SB_EXP_TABLE_BITS);
	V tail, scale;
	if (M_BITS(M_EQ(kd, V_SET(0))) == (1u << W) - 1) {
		/* |a| < ln2/2N in every lane (nearly half of all floats): z is the
		 * shift itself, so both words come from one table entry, read
		 * once instead of by two gathers */
		uint64_t kb = sb_exp_shift_bits();
		size_t j = (size_t)(kb & (SB_EXP_N - 1)) * 2;
		tail = D_OF(I_SET((long long)tab[j]));
		scale = D_OF(I_ADD(I_SET((long long)tab[j + 1]), top));
	} else {
		tail = D_OF(I_GATHER(idx, tab));
		scale = D_OF(I_ADD(I_GATHER(I_ADD(idx, I_SET(1)), tab), top));
	}
	V r2 = V_MUL(r, r);
	V p23 = V_FMA(r, V_SET(SB_EXP_C3), V_SET(SB_EXP_C2));
	V p45 = V_FMA(r, V_SET(SB_EXP_C5), V_SET(SB_EXP_C4));
	V tmp = V_FMA(p23, r2, V_ADD(tail, r));
	tmp = V_FMA(V_MUL(r2, r2), p45, tmp);
	return V_FMA(scale, tmp, scale);
}

/* 2^floor(log2 v) for v > 0 normal: the exponent field alone. */
TARGET static inline V SUFFIX(binade)(V v)
{
	return D_OF(I_AND(I_OF(v), 0x7ff0000000000000));
}

/* 1/v for v a power of two in the normal range: the exponent negated. */
TARGET static inline V SUFFIX(inv_pow2)(V v)
{
	return D_OF(I_SUB(I_SET(0x7fe0000000000000), I_OF(v)));
}

/* W lanes from x[0..W): writes the four arrays, returns the lanes (bit i for
 * lane i) that sb_ref_f32 must do instead.  Forms no lane needs are not
 * computed (most vectors hold one form only).  Divisions by a power of two
 * are multiplications by its exact inverse: the same correctly rounded
 * quotient, nothing here being subnormal. */
TARGET static unsigned SUFFIX(lanes)(const float *xf, const uint64_t *tab, double *cr,
				     double *frac, double *ulp, double *sigma)
{
	V x = V_LOADF(xf);
	V ax = V_ABS(x);
	M fin = M_LT(ax, V_SET(INFINITY)); /* false for NaN */
	M tiny = M_AND(M_GE(x, V_SET(-0x1p-25)), M_LE(x, V_SET(0x1p-24)));
	M negfar = M_LE(x, V_SET(-150));
	M posfar = M_GE(x, V_SET(104));
	M libm = M_AND(M_GE(ax, V_SET(SB_EXP_REF_LIMIT)), M_LE(ax, V_SET(745.2)));
	M general = M_ANDNOT(M_OR(tiny, M_OR(negfar, posfar)), fin);
	M neg = M_LT(x, V_SET(0));
	M todo = M_OR(M_NOT(fin), libm);

	/* every exp argument is -|x|; lanes outside exp_ref's range get 0 */
	M inrange = M_LT(ax, V_SET(SB_EXP_REF_LIMIT));
	V e = V_SET(0);
	if (M_BITS(M_ANDNOT(tiny, inrange)))
		e = SUFFIX(exp_ref)(V_SEL(inrange, V_SUB(V_SET(0), ax), V_SET(0)), tab);

	/* far tails: e^x or e^-x, 0 beyond 745.2 (the other lanes are
	 * overwritten below) */
	V ef = V_SEL(M_GT(ax, V_SET(745.2)), V_SET(0), e);
	V vcr = V_SEL(posfar, V_SET(1), V_SET(0));
	/* -e 2^24 as the scalar's (-e) * 2^24: -0 for e = 0 too */
	V vfrac = V_SEL(posfar, V_MUL(ef, V_SET(-0x1p24)), V_MUL(ef, V_SET(0x1p149)));
	V vulp = V_SEL(posfar, V_SET(0x1p-24), V_SET(0x1p-149));
	V vsig = V_SEL(posfar, V_SET(1), ef);

	if (M_BITS(tiny)) {
		/* sigma - 1/2 = x/4 - x^3/48 (x^3 >= 2^-447: normal) */
		V t = V_SUB(V_MUL(x, V_SET(0.25)), V_DIV(V_MUL(V_MUL(x, x), x), V_SET(48)));
		V ulp_t = V_SEL(neg, V_SET(0x1p-25), V_SET(0x1p-24));
		V inv_t = V_SEL(neg, V_SET(0x1p25), V_SET(0x1p24));
		vcr = V_SEL(tiny, V_SET(0.5), vcr);
		vfrac = V_SEL(tiny, V_MUL(t, inv_t), vfrac);
		vulp = V_SEL(tiny, ulp_t, vulp);
		vsig = V_SEL(tiny, V_ADD(V_SET(0.5), t), vsig);
	}

	if (M_BITS(general)) {
		/* d = 1/(1+e) (x > 0) or e/(1+e) (x < 0), then the rounding and
		 * binade tests of sb_ref_fast_f32 */
		V d = V_DIV(V_SEL(neg, e, V_SET(1.0)), V_ADD(V_SET(1.0), e));
		V tol = V_ADD(V_MUL(V_SET(SB_FAST_REL_BOUND), d), V_SET(SB_FAST_ABS_BOUND));
		V dm = V_SUB(d, tol);
		V lo = V_SEL(M_GT(dm, V_SET(0)), dm, V_SET(0));
		V hi = V_ADD(d, tol);
		V crl = V_ROUNDF(lo);
		M rounds = M_EQ(crl, V_ROUNDF(hi));
		V hi2 = V_SEL(M_GE(hi, V_SET(0.5)), V_SET(0x1.fffffffffffffp-2), hi);
		M sub = M_LT(hi2, V_SET(0x1p-125));
		M same_binade = M_EQ(SUFFIX(binade)(lo), SUFFIX(binade)(hi2));
		/* lo's binade [2^(e-1), 2^e) has ulp 2^(e-24) */
		V ulp_neg = V_SEL(sub, V_SET(0x1p-149), V_MUL(SUFFIX(binade)(lo), V_SET(0x1p-23)));
		M pos = M_GT(x, V_SET(0));
		V ulp_g = V_SEL(pos, V_SET(0x1p-24), ulp_neg);
		M settled = M_AND(rounds, M_OR(pos, M_OR(sub, same_binade)));
		vcr = V_SEL(general, crl, vcr);
		vfrac = V_SEL(general, V_MUL(V_SUB(d, crl), SUFFIX(inv_pow2)(ulp_g)), vfrac);
		vulp = V_SEL(general, ulp_g, vulp);
		vsig = V_SEL(general, d, vsig);
		todo = M_OR(todo, M_ANDNOT(settled, general));
	}
	V_STORE(cr, vcr);
	V_STORE(frac, vfrac);
	V_STORE(ulp, vulp);
	V_STORE(sigma, vsig);
	return M_BITS(todo);
}

/* n inputs, W at a time; the tail through sb_ref_f32. */
TARGET static void SUFFIX(block)(const float *x, size_t n, double *cr, double *frac,
				 double *ulp, double *sigma)
{
	const uint64_t *tab = sb_exp_ref_table();
	size_t i = 0;
	for (; i + W <= n; i += W) {
		unsigned todo = SUFFIX(lanes)(x + i, tab, cr + i, frac + i, ulp + i, sigma + i);
		for (unsigned l = 0; todo; l++, todo >>= 1)
			if (todo & 1)
				scalar_one(x[i + l], cr + i + l, frac + i + l, ulp + i + l, sigma + i + l);
	}
	for (; i < n; i++)
		scalar_one(x[i], cr + i, frac + i, ulp + i, sigma + i);
}
