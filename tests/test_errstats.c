/* The error accounting on hand-made data: every counter must see what was
 * planted, and merging must not depend on order. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "engine/errstats.h"
#include "engine/fn_edges.h"

#define N 8
#define U 0x1p-24

static double x[N] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static double cr[N] = { 0.5, 0.5, 0.5, 0.5, 0.75, 0.75, 0.75, 0.75 };
static double frac[N] = { 0.1, -0.2, 0, 0, 0.25, 0, 0, 0 };
static double ulp[N] = { U, U, U, U, U, U, U, U };
static double inv_sigma[N] = { 2, 2, 2, 2, 0, 0, 0, 0 }; /* last four: "subnormal" */

static struct sb_refblock rb = { N, x, cr, frac, ulp, inv_sigma, NULL, 0, 1, NULL }; /* sigma's range; main sets its shape */

static const struct sb_prev none = { NAN, NAN };

/* An output y for the input 0, just below x[0]. */
static struct sb_prev at0(double y)
{
	return (struct sb_prev){ 0, y };
}

static void planted_faults(void)
{
	double got[N] = {
		0.5,            /* 0.1 ulp, CR */
		0.5 + U,        /* 1.2 ulp */
		NAN,            /* NaN output: infinite error */
		0.5,            /* CR; after a NaN no monotonicity verdict */
		0.75 + 3 * U,   /* 2.75 ulp */
		0.75 + 0x1p9,   /* outside [0,1]: 2^33 ulp, above the clamp */
		0.75,           /* CR; a decrease from 1.5: monotonicity break */
		0.75 - 2 * U,   /* 2 ulp; another decrease */
	};
	struct sb_errstats s;
	sb_errstats_init(&s);
	sb_errstats_block(&s, &rb, 0, N, got, none, NULL);
	CHECK(s.n == N, "n %llu", (unsigned long long)s.n);
	CHECK(s.nan_out == 1, "nan %llu", (unsigned long long)s.nan_out);
	CHECK(s.cr == 3, "cr %llu (x = 1, 4, 7)", (unsigned long long)s.cr);
	CHECK(s.oob == 1, "oob %llu", (unsigned long long)s.oob);
	CHECK(s.mono == 2, "mono %llu", (unsigned long long)s.mono);
	CHECK(isinf(s.ulp.err) && s.ulp.x == 3, "max ulp %g at %g: the NaN output", s.ulp.err, s.ulp.x);
	CHECK(s.rel_n == 4, "relative error only where sigma is normal: %llu", (unsigned long long)s.rel_n);
	/* the out-of-range output's 2^33 ULP is clamped at 2^31 in the sum */
	double mean = (0.1 + 1.2 + 0 + 2.75 + SB_ULP_SUM_CLAMP + 0 + 2) / (N - 1);
	CHECK(fabs(sb_errstats_mean_ulp(&s) - mean) < 1e-5, "mean %.9g want %.9g (NaN excluded)",
	      sb_errstats_mean_ulp(&s), mean);
	CHECK(s.clamped == 1, "one error clamped in the sum: %llu", (unsigned long long)s.clamped);
	CHECK(s.abs.x == 3, "abs worst at the NaN");
	CHECK(s.rel.x == 3 && isinf(s.rel.err), "rel worst at the NaN: %g at %g", s.rel.err, s.rel.x);
	CHECK(s.ulp_num.err == 0x1p33 && s.ulp_num.x == 6 && s.ulp_num.got == got[5],
	      "max ulp without the NaN %g at %g: the out-of-range output", s.ulp_num.err, s.ulp_num.x);
}

static void ties_and_merge(void)
{
	/* equal errors (exactly 2 ulp) at x = 4 and x = 7: the smaller x wins */
	double got[N] = { 0.5, 0.5, 0.5, 0.5 + 2 * U, 0.75, 0.75, 0.75 - 2 * U, 0.75 };
	struct sb_errstats s, a, b, ab, ba;
	sb_errstats_init(&s);
	sb_errstats_block(&s, &rb, 0, N, got, none, NULL);
	CHECK(s.ulp.err == 2 && s.ulp.x == 4, "max %g at %g, want 2 at 4", s.ulp.err, s.ulp.x);
	sb_errstats_init(&a);
	sb_errstats_init(&b);
	sb_errstats_block(&a, &rb, 0, 5, got, none, NULL);
	sb_errstats_block(&b, &rb, 5, N, got, (struct sb_prev){ x[4], got[4] }, NULL);
	sb_errstats_init(&ab);
	sb_errstats_init(&ba);
	sb_errstats_merge(&ab, &a);
	sb_errstats_merge(&ab, &b);
	sb_errstats_merge(&ba, &b);
	sb_errstats_merge(&ba, &a);
	CHECK(ab.ulp.x == 4 && ba.ulp.x == 4, "tie broken by the smaller x in both orders: %g %g",
	      ab.ulp.x, ba.ulp.x);
	CHECK(ab.ulp_sum == s.ulp_sum && ba.ulp_sum == s.ulp_sum, "sums exact and order-free");
	CHECK(ab.mono == s.mono && ab.cr == s.cr && ab.n == s.n, "counters add up");
	/* prev: a decrease across a block edge is a break */
	sb_errstats_init(&a);
	sb_errstats_block(&a, &rb, 0, 1, got, at0(0.9), NULL);
	CHECK(a.mono == 1, "prev 0.9 then 0.5: %llu", (unsigned long long)a.mono);
}

/* The CR shortcut must equal the general accounting of the CR outputs. */
static void cr_shortcut(void)
{
	struct sb_errstats g, c;
	sb_errstats_init(&g);
	sb_errstats_init(&c);
	sb_errstats_block(&g, &rb, 0, N, cr, none, NULL);
	sb_errstats_block_cr(&c, &rb, 0, N);
	CHECK(memcmp(&g, &c, sizeof g) == 0, "block_cr differs from block on CR outputs: "
	      "max %g at %g vs %g at %g", c.ulp.err, c.ulp.x, g.ulp.err, g.ulp.x);
}


/* The CR statistics merged lazily (prepare once, merge into each variant:
 * worst positions looked up only when they win) must equal the eager way
 * (the block's own stats, then sb_errstats_merge), whatever the
 * accumulator already holds: nothing, earlier blocks, or a worst equal to
 * the block's at a smaller or a larger input. */
static void cr_lazy_merge(void)
{
	double got[N] = { 0.5, 0.5 + U, 0.5, 0.5, 0.75, 0.75, 0.75 - 2 * U, 0.75 };
	for (size_t p = 0; p <= N; p++)
		for (int prior = 0; prior < 4; prior++) {
			struct sb_errstats eager, lazy, own;
			sb_errstats_init(&eager);
			if (prior == 1)
				sb_errstats_block(&eager, &rb, 0, p, got, none, NULL);
			if (prior >= 2) {
				double at = prior == 2 ? 0.5 : 9;
				eager.ulp = (struct sb_worst){ 0.25, at, 0, 0 };
				eager.abs = (struct sb_worst){ 0.25 * U, at, 0, 0 };
				eager.rel = (struct sb_worst){ 0.1 * U * 2, at, 0, 0 };
			}
			lazy = eager;
			sb_errstats_init(&own);
			sb_errstats_block_cr(&own, &rb, p, N);
			sb_errstats_merge(&eager, &own);
			struct sb_crblock c;
			sb_errstats_cr_prepare(&c, &rb, p, N);
			sb_errstats_cr_merge(&lazy, &c);
			CHECK(memcmp(&eager, &lazy, sizeof eager) == 0,
			      "split %zu prior %d: lazy CR merge differs (ulp %g at %g vs %g at %g)", p,
			      prior, lazy.ulp.err, lazy.ulp.x, eager.ulp.err, eager.ulp.x);
		}
}

static int same_worst(const struct sb_worst *a, const struct sb_worst *b)
{
	return memcmp(a, b, sizeof *a) == 0; /* four doubles: no padding */
}

/* Field by field: the struct has padding before ulp_sum. */
static int same_stats(const struct sb_errstats *a, const struct sb_errstats *b)
{
	return a->n == b->n && a->cr == b->cr && a->nan_out == b->nan_out && a->oob == b->oob &&
	       a->mono == b->mono && a->clamped == b->clamped && a->rel_n == b->rel_n &&
	       a->ulp_sum == b->ulp_sum && same_worst(&a->ulp, &b->ulp) &&
	       same_worst(&a->abs, &b->abs) && same_worst(&a->rel, &b->rel);
}

/* A block accounted once into a helper that starts below two accumulators
 * (sb_errstats_init_below), then merged into both, must leave each exactly
 * as accounting it into each would: with worst cases before it that are
 * larger, smaller or equal to the block's, in either accumulator. */
static void account_once_merge_twice(void)
{
	double got[N] = { 0.5 + U, 0.5, 0.5 - 3 * U, 0.5, 0.75, 0.75 + U, 0.75, 0.75 };
	double prior[N] = { 0.5 + 4 * U, 0.5, 0.5, 0.5 + U, 0.75, 0.75, 0.75, 0.75 - 2 * U };
	for (size_t pa = 0; pa <= N; pa++)
		for (size_t pb = 0; pb <= N; pb++) {
			struct sb_errstats a, b, ta, tb, t;
			sb_errstats_init(&a);
			sb_errstats_init(&b);
			if (pa < N)
				sb_errstats_block(&a, &rb, pa, pa + 1, prior, none, NULL);
			if (pb < N)
				sb_errstats_block(&b, &rb, pb, N, prior, none, NULL);
			ta = a;
			tb = b;
			sb_errstats_block(&ta, &rb, 0, N, got, at0(0.25), NULL);
			sb_errstats_block(&tb, &rb, 0, N, got, at0(0.25), NULL);
			sb_errstats_init_below(&t, &a, &b);
			sb_errstats_block(&t, &rb, 0, N, got, at0(0.25), NULL);
			sb_errstats_merge(&a, &t);
			sb_errstats_merge(&b, &t);
			CHECK(same_stats(&a, &ta) && same_stats(&b, &tb),
			      "priors at %zu and %zu: accounting once and merging twice differs", pa, pb);
		}
}

/* A made-up turn between x = 4 and x = 5 (a maximum): rising on [1, 4],
 * falling on [5, 8]. */
static const struct sb_fn_shape peak = { 1, 1, { { 4.25, 4.75 } } };

/* Another function's range: out of range is judged against its ends. */
static void other_range(void)
{
	struct sb_refblock other = rb;
	other.lo = 0.5;
	other.hi = 0.75;
	double got[N] = { 0.5, 0.5 - U, 0.5, 0.75 + U, 0.75, 0.75, 0.5, 0.75 };
	struct sb_errstats s;
	sb_errstats_init(&s);
	sb_errstats_block(&s, &other, 0, N, got, at0(1.0), NULL);
	CHECK(s.oob == 2, "below 0.5 and above 0.75: %llu", (unsigned long long)s.oob);
	CHECK(s.mono == 4, "rising: 1.0 -> 0.5, 0.5 -> 0.5-U, 0.75+U -> 0.75, 0.75 -> 0.5: %llu",
	      (unsigned long long)s.mono);
}

static uint64_t mono_of(const struct sb_fn_shape *shape, size_t a, size_t b, const double *got,
			struct sb_prev prev)
{
	struct sb_refblock turning = rb;
	turning.shape = shape;
	struct sb_errstats s;
	sb_errstats_init(&s);
	sb_errstats_block(&s, &turning, a, b, got, prev, NULL);
	return s.mono;
}

/* A break is a step against the direction of the piece holding it: a dip
 * on the rising piece and a rise on the falling one count, each once,
 * whether the run holds the turn (step by step) or one piece (the
 * vectorised count). */
static void pieces(void)
{
	double got[N] = { 0.1, 0.3, 0.2, 0.4, 0.35, 0.3, 0.32, 0.1 };
	uint64_t m = mono_of(&peak, 0, N, got, none);
	CHECK(m == 2, "0.3 -> 0.2 on the rise, 0.3 -> 0.32 on the fall: %llu", (unsigned long long)m);
	m = mono_of(&peak, 0, 4, got, none) + mono_of(&peak, 4, N, got, (struct sb_prev){ x[3], got[3] });
	CHECK(m == 2, "the same in two runs, one per piece: %llu", (unsigned long long)m);
	m = mono_of(sb_fn_shape(SB_FN_SIGMOID), 0, N, got, none);
	CHECK(m == 4, "the same outputs for a rising function: %llu", (unsigned long long)m);
	m = mono_of(&peak, 5, N, got, (struct sb_prev){ x[4], 0.31 });
	CHECK(m == 1, "the step into a falling run from below: 0.31 -> 0.3 is right: %llu",
	      (unsigned long long)m);
}

/* A step across the turn is not compared, whichever way it goes: here it
 * rises (wrong for the falling piece), then falls (wrong for the rising). */
static void straddling(void)
{
	double up[N] = { 0.1, 0.2, 0.3, 0.4, 0.9, 0.3, 0.2, 0.1 };
	double down[N] = { 0.1, 0.2, 0.3, 0.4, 0.05, 0.04, 0.03, 0.02 };
	uint64_t mu = mono_of(&peak, 0, N, up, none), md = mono_of(&peak, 0, N, down, none);
	CHECK(mu == 0 && md == 0, "steps 4 -> 5 across the turn: %llu %llu", (unsigned long long)mu,
	      (unsigned long long)md);
	mu = mono_of(&peak, 4, N, up, (struct sb_prev){ x[3], up[3] });
	md = mono_of(&peak, 4, N, down, (struct sb_prev){ x[3], down[3] });
	CHECK(mu == 0 && md == 0, "the same step as a run's first: %llu %llu", (unsigned long long)mu,
	      (unsigned long long)md);
	/* the check can fail: without the turn the steps are compared */
	struct sb_fn_shape falling = { 0, 0, { { 0, 0 } } };
	mu = mono_of(&falling, 0, N, up, none);
	CHECK(mu == 4, "falling everywhere: 0.1 -> 0.2 -> 0.3 -> 0.4 -> 0.9 rise: %llu",
	      (unsigned long long)mu);
}

/* The real shapes: which steps each function's turns leave uncompared. */
static void real_turns(void)
{
	const struct sb_fn_shape *d2 = sb_fn_shape(SB_FN_D2SIGMOID), *silu = sb_fn_shape(SB_FN_SILU);
	const struct sb_fn_shape *ds = sb_fn_shape(SB_FN_DSIGMOID), *dsilu = sb_fn_shape(SB_FN_DSILU);
	CHECK(sb_fn_step_rule(d2, -2, -1.4) == SB_STEP_NO_FALL && sb_fn_step_rule(d2, -2, -1) == 0 &&
	      sb_fn_step_rule(d2, -1.3, 1.3) == SB_STEP_NO_RISE && sb_fn_step_rule(d2, 1.4, 9) == SB_STEP_NO_FALL,
	      "sigma'': up to -1.317, down to 1.317, up");
	CHECK(sb_fn_step_rule(silu, -2, -1.3) == SB_STEP_NO_RISE && sb_fn_step_rule(silu, -1.3, -1.2) == 0 &&
	      sb_fn_step_rule(silu, -1.2, INFINITY) == SB_STEP_NO_FALL, "SiLU: down to -1.278, up");
	CHECK(sb_fn_step_rule(dsilu, -3, -2.4) == SB_STEP_NO_RISE && sb_fn_step_rule(dsilu, 2.3, 2.4) == 0 &&
	      sb_fn_step_rule(dsilu, -2.3, 2.3) == SB_STEP_NO_FALL && sb_fn_step_rule(dsilu, 2.4, 3) == SB_STEP_NO_RISE,
	      "SiLU': down to -2.399, up to 2.399, down");
	/* sigma' peaks at 0 exactly: 0 is in both pieces, a step to or from it
	 * is compared, and -0 -> +0 (in both) may go neither way */
	CHECK(sb_fn_step_rule(ds, -0x1p-149, -0.0) == SB_STEP_NO_FALL &&
	      sb_fn_step_rule(ds, 0.0, 0x1p-149) == SB_STEP_NO_RISE &&
	      sb_fn_step_rule(ds, -0.0, 0.0) == (SB_STEP_NO_FALL | SB_STEP_NO_RISE) &&
	      sb_fn_step_rule(ds, -0x1p-149, 0x1p-149) == 0, "sigma': up to 0, down");
	CHECK(sb_fn_step_breaks(ds, -0.0, 0.25, 0.0, 0.25 - U) && sb_fn_step_breaks(ds, -0.0, 0.25 - U, 0.0, 0.25) &&
	      !sb_fn_step_breaks(ds, -0.0, 0.25, 0.0, 0.25), "sigma'(-0) and sigma'(+0) differ: a break");
	CHECK(!sb_fn_step_breaks(d2, 1, 0.5, 2, NAN) && !sb_fn_step_breaks(d2, NAN, NAN, 2, 0.5),
	      "a NaN on either side is no break");
}

/* The maxima an accounting call hands the plots are the largest of the
 * per-input errors a plot would take one by one (NaN output: infinite). */
static void block_maxima(void)
{
	double got[N] = { 0.5, 0.5 + U, 0.5, 0.5, 0.75 + 3 * U, 0.75, 0.75 - 2 * U, 0.75 };
	for (int with_nan = 0; with_nan < 2; with_nan++) {
		got[2] = with_nan ? NAN : 0.5;
		struct sb_errstats s;
		struct sb_blockmax m = { -2, -2 };
		double wu = -1, wa = -1;
		sb_errstats_init(&s);
		sb_errstats_block(&s, &rb, 1, N, got, none, &m);
		for (size_t i = 1; i < N; i++) {
			double eu, ea;
			sb_errstats_errors(&rb, i, got[i], &eu, &ea);
			wu = eu > wu ? eu : wu;
			wa = ea > wa ? ea : wa;
		}
		CHECK(m.ulp == wu && m.abs == wa, "maxima %g %g, per input %g %g", m.ulp, m.abs, wu, wa);
		CHECK(with_nan ? isinf(m.ulp) : m.ulp == 2.75, "max ulp %g", m.ulp);
		/* the NaN hides nothing else: the same 2.75 without it */
		CHECK(s.ulp_num.err == 2.75 && s.ulp_num.x == 5, "max ulp without NaN %g at %g",
		      s.ulp_num.err, s.ulp_num.x);
	}
	struct sb_errstats s;
	struct sb_blockmax m;
	sb_errstats_init(&s);
	sb_errstats_block(&s, &rb, 3, 3, got, none, &m);
	CHECK(m.ulp == -1 && m.abs == -1, "no input: %g %g", m.ulp, m.abs);
}

int main(void)
{
	rb.shape = sb_fn_shape(SB_FN_SIGMOID);
	other_range();
	pieces();
	straddling();
	real_turns();
	block_maxima();
	account_once_merge_twice();
	cr_shortcut();
	cr_lazy_merge();
	planted_faults();
	ties_and_merge();
	return check_report("test_errstats");
}
