#include <float.h>
#include <math.h>
#include <string.h>

#include "engine/errstats.h"
#include "engine/fn_edges.h"

void sb_errstats_init(struct sb_errstats *s)
{
	*s = (struct sb_errstats){ 0 };
	s->ulp.err = s->abs.err = s->rel.err = s->ulp_num.err = -1;
}

/* The larger error wins; among equal errors the smaller input, so the
 * reported worst case does not depend on which thread saw it first. */
static void worst_merge(struct sb_worst *into, const struct sb_worst *from)
{
	if (from->err > into->err || (from->err == into->err && from->x < into->x))
		*into = *from;
}

void sb_errstats_merge(struct sb_errstats *into, const struct sb_errstats *from)
{
	into->n += from->n;
	into->cr += from->cr;
	into->nan_out += from->nan_out;
	into->oob += from->oob;
	into->mono += from->mono;
	into->clamped += from->clamped;
	into->rel_n += from->rel_n;
	into->ulp_sum += from->ulp_sum;
	worst_merge(&into->ulp, &from->ulp);
	worst_merge(&into->abs, &from->abs);
	worst_merge(&into->rel, &from->rel);
	worst_merge(&into->ulp_num, &from->ulp_num);
}

/* Whether a ranks below b as a worst case (the order worst_merge keeps). */
static int worst_below(const struct sb_worst *a, const struct sb_worst *b)
{
	return a->err < b->err || (a->err == b->err && a->x > b->x);
}

void sb_errstats_init_below(struct sb_errstats *t, const struct sb_errstats *a,
			    const struct sb_errstats *b)
{
	sb_errstats_init(t);
	t->ulp = worst_below(&a->ulp, &b->ulp) ? a->ulp : b->ulp;
	t->abs = worst_below(&a->abs, &b->abs) ? a->abs : b->abs;
	t->rel = worst_below(&a->rel, &b->rel) ? a->rel : b->rel;
	t->ulp_num = worst_below(&a->ulp_num, &b->ulp_num) ? a->ulp_num : b->ulp_num;
}

static void note_worst(struct sb_worst *w, double err, const struct sb_refblock *rb,
		       size_t i, const double *got)
{
	struct sb_worst cand = { err, rb->x[i], got[i], rb->cr[i] };
	worst_merge(w, &cand);
}

/* Counters and maxima of one run of inputs, from the vectorisable pass below. */
struct counts {
	uint64_t cr, nan_out, oob, clamped, rel_n, sum;
	int64_t max_ulp, max_abs, max_rel; /* bits of the largest errors (see below) */
};

#define RUN 1024

/* Bits of a double >= -1 as an integer that orders like the numbers for the
 * values errors take (non-negative, +Inf), and puts -1 ("undefined") below
 * them all: the maxima become integer maxima, which vectorise. */
static inline int64_t order_bits(double v)
{
	int64_t b;
	memcpy(&b, &v, sizeof b);
	return b;
}

/* The reference arrays of a block, as restrict pointers the vectoriser can
 * treat as loop-invariant bases. */
struct refp {
	const double *restrict cr, *restrict frac, *restrict ulp, *restrict inv_ulp, *restrict inv_sigma;
	double lo, hi;
};

/* One input's three errors (ULP, absolute, relative or -1), as in the
 * README: +Inf for a NaN output, a finite output's ULP error capped at
 * DBL_MAX (f64 errors can exceed 2^1024 ulp).  mul: multiply by the exact
 * 1/ulp (f32) instead of dividing by ulp (f64). */
static inline __attribute__((always_inline)) void
errors_at(struct refp p, size_t i, double g, int mul, double *e, double *a, double *r)
{
	int is_nan = g != g;
	/* 0, not Inf - Inf, where an infinite result is right (log sigma(-Inf)) */
	double diff = g == p.cr[i] ? 0 : g - p.cr[i];
	double k = mul ? diff * p.inv_ulp[i] : diff / p.ulp[i];
	double ee = fabs(k - p.frac[i]);
	*e = is_nan ? INFINITY : ee < DBL_MAX ? ee : DBL_MAX; /* not fmin: a libm call */
	double aa = fabs(diff - p.frac[i] * p.ulp[i]);
	*a = is_nan ? INFINITY : aa;
	*r = p.inv_sigma[i] > 0 ? *a * p.inv_sigma[i] : -1;
}

static struct refp refp_of(const struct sb_refblock *rb)
{
	return (struct refp){ rb->cr, rb->frac, rb->ulp, rb->inv_ulp, rb->inv_sigma, rb->lo, rb->hi };
}

/* The branch-free pass over got[a..b) (errstats.c is built with
 * -fno-trapping-math so that gcc if-converts and vectorises it). */
static inline __attribute__((always_inline)) void
pass(struct refp p, size_t a, size_t b, const double *restrict got, int mul, struct counts *c)
{
	/* every condition as a 64-bit integer, the width of the double lanes:
	 * gcc vectorises mixed-width booleans poorly */
	uint64_t ncr = 0, nnan = 0, noob = 0, nclamp = 0, nrel = 0, sum = 0;
	int64_t mu = order_bits(-1), ma = order_bits(-1), mr = order_bits(-1);
	for (size_t i = a; i < b; i++) {
		double gi = got[i], e, ab, re;
		errors_at(p, i, gi, mul, &e, &ab, &re);
		int64_t is_nan = gi != gi;
		/* bitwise equal: cr is never NaN, and -0 is not +0 */
		ncr += (uint64_t)(int64_t)(order_bits(gi) == order_bits(p.cr[i]));
		nnan += (uint64_t)is_nan;
		noob += (uint64_t)((int64_t)(gi < p.lo) | (int64_t)(gi > p.hi));
		nrel += (uint64_t)(int64_t)(p.inv_sigma[i] > 0);
		/* floor(min(e, clamp) 2^20) < 2^52 is an exact integer: adding 2^52
		 * puts it in the low mantissa bits (integer adds vectorise
		 * everywhere; double-to-integer conversions and double sums do not) */
		int64_t big = e >= SB_ULP_SUM_CLAMP;
		double ec = e < SB_ULP_SUM_CLAMP ? e : SB_ULP_SUM_CLAMP;
		int64_t fx = order_bits(floor(ec * SB_ULP_SUM_SCALE) + 0x1p52) - order_bits(0x1p52);
		/* a NaN output (e = +Inf) counts as clamped, adding the clamp:
		 * taken off after the loop, not masked in it */
		nclamp += (uint64_t)big;
		sum += (uint64_t)fx;
		int64_t be = order_bits(e), ba = order_bits(ab), br = order_bits(re);
		mu = be > mu ? be : mu;
		ma = ba > ma ? ba : ma;
		mr = br > mr ? br : mr;
	}
	c->cr = ncr;
	c->nan_out = nnan;
	c->oob = noob;
	c->clamped = nclamp - nnan;
	c->rel_n = nrel;
	c->sum = sum - nnan * (uint64_t)(SB_ULP_SUM_CLAMP * SB_ULP_SUM_SCALE);
	c->max_ulp = mu;
	c->max_abs = ma;
	c->max_rel = mr;
}

/* Steps inside got[a..b) that go the way `rule` forbids: one direction is a
 * plain compare over the run, which vectorises. */
__attribute__((target_clones("avx512f", "avx2", "default")))
static uint64_t steps_against(const double *restrict got, size_t a, size_t b, unsigned rule)
{
	uint64_t n = 0;
	if (rule == SB_STEP_NO_FALL)
		for (size_t i = a + 1; i < b; i++)
			n += got[i] < got[i - 1];
	else
		for (size_t i = a + 1; i < b; i++)
			n += got[i] > got[i - 1];
	return n;
}

/* Monotonicity breaks of got[a..b) and of the step into it from prev.  A run
 * within one piece (nearly all: the family turns at most twice) takes the
 * vectorised count; a run holding a turn goes step by step. */
static uint64_t breaks(const struct sb_refblock *rb, size_t a, size_t b, const double *got,
		       struct sb_prev prev)
{
	if (a >= b)
		return 0;
	const struct sb_fn_shape *sh = rb->shape;
	uint64_t n = (uint64_t)sb_fn_step_breaks(sh, prev.x, prev.y, rb->x[a], got[a]);
	unsigned rule = sb_fn_step_rule(sh, rb->x[a], rb->x[b - 1]);
	if (rule == SB_STEP_NO_FALL || rule == SB_STEP_NO_RISE)
		return n + steps_against(got, a, b, rule);
	for (size_t i = a + 1; i < b; i++)
		n += (uint64_t)sb_fn_step_breaks(sh, rb->x[i - 1], got[i - 1], rb->x[i], got[i]);
	return n;
}

/* Counters, sums and the bits of the maxima of got[a..b); target_clones
 * builds it for AVX-512, AVX2 and plain x86-64, chosen at load time. */
__attribute__((target_clones("avx512f", "avx2", "default")))
static void run_errors(const struct sb_refblock *rb, size_t a, size_t b, const double *got,
		       struct counts *c)
{
	if (rb->inv_ulp)
		pass(refp_of(rb), a, b, got, 1, c);
	else
		pass(refp_of(rb), a, b, got, 0, c);
}

/* The first i in [a, b) whose error of kind `which` (0 ulp, 1 abs, 2 rel,
 * 3 ulp of a non-NaN output) has these bits, else b: a branch-free minimum
 * over the run, which vectorises where a search that stops early does not. */
static inline __attribute__((always_inline)) size_t
first_in(struct refp p, size_t a, size_t b, const double *restrict got, int mul, int which,
	 int64_t bits)
{
	size_t first = b;
	for (size_t i = a; i < b; i++) {
		double e, ab, re;
		errors_at(p, i, got[i], mul, &e, &ab, &re);
		double v = which == 0 ? e : which == 1 ? ab : which == 2 ? re : got[i] != got[i] ? -1 : e;
		size_t hit = order_bits(v) == bits ? i : b;
		first = hit < first ? hit : first;
	}
	return first;
}

/* The bits of the largest ULP error of the non-NaN outputs of got[a..b):
 * asked only for runs holding a NaN output (elsewhere it is the run's
 * maximum), branch-free like pass(). */
__attribute__((target_clones("avx512f", "avx2", "default")))
static int64_t max_ulp_non_nan(const struct sb_refblock *rb, size_t a, size_t b, const double *got)
{
	struct refp p = refp_of(rb);
	int mul = rb->inv_ulp != NULL;
	int64_t mu = order_bits(-1);
	for (size_t i = a; i < b; i++) {
		double e, ab, re;
		errors_at(p, i, got[i], mul, &e, &ab, &re);
		int64_t be = got[i] != got[i] ? order_bits(-1) : order_bits(e);
		mu = be > mu ? be : mu;
	}
	return mu;
}

/* Where in got[a..b) the error of kind `which` first reaches `bits`: only
 * asked when a run can change the recorded worst, which for an error that
 * grows with x is every run. */
__attribute__((target_clones("avx512f", "avx2", "default")))
static size_t first_at(const struct sb_refblock *rb, size_t a, size_t b, const double *got,
		       int which, int64_t bits)
{
	struct refp p = refp_of(rb);
	size_t i;
	if (rb->inv_ulp)
		i = which == 0 ? first_in(p, a, b, got, 1, 0, bits) :
		    which == 1 ? first_in(p, a, b, got, 1, 1, bits) :
		    which == 2 ? first_in(p, a, b, got, 1, 2, bits) : first_in(p, a, b, got, 1, 3, bits);
	else
		i = which == 0 ? first_in(p, a, b, got, 0, 0, bits) :
		    which == 1 ? first_in(p, a, b, got, 0, 1, bits) :
		    which == 2 ? first_in(p, a, b, got, 0, 2, bits) : first_in(p, a, b, got, 0, 3, bits);
	return i < b ? i : a; /* always < b: the pass found it */
}

static double from_bits(int64_t b)
{
	double v;
	memcpy(&v, &b, sizeof v);
	return v;
}

/* A run's maximum can replace the recorded worst only if it is larger, or
 * equal at a smaller input (runs arrive in increasing x, and the first
 * maximum of a run is its smallest x). */
static size_t maybe_worst(struct sb_worst *w, int64_t bits, const struct sb_refblock *rb, size_t a,
			  size_t b, const double *got, int which)
{
	double m = from_bits(bits);
	if (m < 0 || m < w->err || (m == w->err && rb->x[a] >= w->x))
		return b;
	size_t i = first_at(rb, a, b, got, which, bits);
	note_worst(w, m, rb, i, got);
	return i;
}

/* The non-NaN max ULP of a run: in a run without NaN outputs it is the
 * run's max ULP at the same first input, so an input the max ULP's search
 * just found is not searched for again. */
static void worst_non_nan(struct sb_errstats *s, size_t ulp_at, int64_t max_ulp, uint64_t nan_out,
			  const struct sb_refblock *rb, size_t a, size_t b, const double *got)
{
	if (!nan_out && ulp_at < b)
		note_worst(&s->ulp_num, from_bits(max_ulp), rb, ulp_at, got);
	else if (!nan_out)
		maybe_worst(&s->ulp_num, max_ulp, rb, a, b, got, 0);
	else
		maybe_worst(&s->ulp_num, max_ulp_non_nan(rb, a, b, got), rb, a, b, got, 3);
}

void sb_errstats_block(struct sb_errstats *s, const struct sb_refblock *rb,
		       size_t a, size_t b, const double *got, struct sb_prev prev, struct sb_blockmax *max)
{
	int64_t mu = order_bits(-1), ma = order_bits(-1);
	for (size_t lo = a; lo < b; lo += RUN) {
		size_t hi = b - lo < RUN ? b : lo + RUN;
		struct counts c;
		struct sb_prev p = lo == a ? prev : (struct sb_prev){ rb->x[lo - 1], got[lo - 1] };
		run_errors(rb, lo, hi, got, &c);
		s->n += hi - lo;
		s->cr += c.cr;
		s->nan_out += c.nan_out;
		s->oob += c.oob;
		s->mono += breaks(rb, lo, hi, got, p);
		s->clamped += c.clamped;
		s->rel_n += c.rel_n;
		s->ulp_sum += c.sum;
		size_t ulp_at = maybe_worst(&s->ulp, c.max_ulp, rb, lo, hi, got, 0);
		maybe_worst(&s->abs, c.max_abs, rb, lo, hi, got, 1);
		maybe_worst(&s->rel, c.max_rel, rb, lo, hi, got, 2);
		worst_non_nan(s, ulp_at, c.max_ulp, c.nan_out, rb, lo, hi, got);
		mu = c.max_ulp > mu ? c.max_ulp : mu;
		ma = c.max_abs > ma ? c.max_abs : ma;
	}
	if (max)
		*max = (struct sb_blockmax){ from_bits(mu), from_bits(ma) };
}

/* Sums and the bits of the maxima for correctly rounded outputs (every
 * error |frac| <= 1/2, so never clamped), branch-free like pass(); the same
 * values errors_at gives for got = cr. */
__attribute__((target_clones("avx512f", "avx2", "default")))
static void cr_pass(struct sb_crblock *c, const struct sb_refblock *rb, size_t a, size_t b)
{
	struct refp p = refp_of(rb);
	uint64_t nrel = 0, sum = 0;
	int64_t mu = order_bits(-1), ma = order_bits(-1), mr = order_bits(-1);
	for (size_t i = a; i < b; i++) {
		double e = fabs(p.frac[i]), ab = e * p.ulp[i];
		double re = p.inv_sigma[i] > 0 ? ab * p.inv_sigma[i] : -1;
		nrel += (uint64_t)(int64_t)(p.inv_sigma[i] > 0);
		sum += (uint64_t)(order_bits(floor(e * SB_ULP_SUM_SCALE) + 0x1p52) - order_bits(0x1p52));
		int64_t be = order_bits(e), ba = order_bits(ab), br = order_bits(re);
		mu = be > mu ? be : mu;
		ma = ba > ma ? ba : ma;
		mr = br > mr ? br : mr;
	}
	*c = (struct sb_crblock){ rb, a, b, nrel, sum, mu, ma, mr };
}

/* (target_clones only on static functions: clang emits no ifunc for an
 * exported one that its own file does not call) */
void sb_errstats_cr_prepare(struct sb_crblock *c, const struct sb_refblock *rb, size_t a, size_t b)
{
	cr_pass(c, rb, a, b);
}

void sb_errstats_cr_merge(struct sb_errstats *s, const struct sb_crblock *c)
{
	if (c->b == c->a)
		return;
	s->n += c->b - c->a;
	s->cr += c->b - c->a;
	s->rel_n += c->rel_n;
	s->ulp_sum += c->sum;
	/* where the maxima are is looked up only if they change the worst */
	size_t ulp_at = maybe_worst(&s->ulp, c->max_ulp, c->rb, c->a, c->b, c->rb->cr, 0);
	maybe_worst(&s->abs, c->max_abs, c->rb, c->a, c->b, c->rb->cr, 1);
	maybe_worst(&s->rel, c->max_rel, c->rb, c->a, c->b, c->rb->cr, 2);
	worst_non_nan(s, ulp_at, c->max_ulp, 0, c->rb, c->a, c->b, c->rb->cr);
}

void sb_errstats_block_cr(struct sb_errstats *s, const struct sb_refblock *rb, size_t a, size_t b)
{
	struct sb_crblock c;
	sb_errstats_cr_prepare(&c, rb, a, b);
	sb_errstats_cr_merge(s, &c);
}

void sb_errstats_cr_max(const struct sb_crblock *c, double *max_ulp, double *max_abs)
{
	*max_ulp = from_bits(c->max_ulp);
	*max_abs = from_bits(c->max_abs);
}

void sb_errstats_errors(const struct sb_refblock *rb, size_t i, double got, double *ulp_err,
			double *abs_err)
{
	double rel;
	errors_at(refp_of(rb), i, got, rb->inv_ulp != NULL, ulp_err, abs_err, &rel);
}

double sb_errstats_mean_ulp(const struct sb_errstats *s)
{
	uint64_t counted = s->n - s->nan_out;
	if (counted == 0)
		return 0;
	return (double)s->ulp_sum / SB_ULP_SUM_SCALE / (double)counted;
}
