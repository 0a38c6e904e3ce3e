#include <float.h>
#include <math.h>
#include <string.h>

#include "errstats.h"

void sb_errstats_init(struct sb_errstats *s)
{
	*s = (struct sb_errstats){ 0 };
	s->ulp.err = s->abs.err = s->rel.err = -1;
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
}

static void note_worst(struct sb_worst *w, double err, const struct sb_refblock *rb,
		       size_t i, const double *got)
{
	struct sb_worst cand = { err, rb->x[i], got[i], rb->cr[i] };
	worst_merge(w, &cand);
}

/* Counters of one run of inputs, summed by the vectorisable pass below. */
struct counts {
	uint64_t cr, nan_out, oob, mono, clamped, rel_n, sum;
};

#define RUN 1024 /* inputs per pass: the error arrays stay in L1 */

/* Branch-free per-input errors and counters; gcc vectorises this loop, and
 * target_clones builds it for AVX-512, AVX2 and plain x86-64, chosen at load
 * time.  err/abs/rel get -1 where a quantity is undefined (rel of a
 * subnormal sigma), +Inf for a NaN output. */
__attribute__((target_clones("avx512f", "avx2", "default")))
static void run_errors(const double *g, const double *cr, const double *ulp, const double *frac,
		       const double *inv_sigma, size_t n, double prev, double *err, double *abs_err,
		       double *rel_err, struct counts *c)
{
	uint64_t ncr = 0, nnan = 0, noob = 0, nmono = 0, nclamp = 0, nrel = 0, sum = 0;
	for (size_t i = 0; i < n; i++) {
		double gi = g[i], before = i ? g[i - 1] : prev;
		int is_nan = gi != gi;
		/* a finite output's error stays finite (f64 errors can exceed 2^1024
		 * ulp): +Inf is reserved for NaN outputs */
		double e = fabs((gi - cr[i]) / ulp[i] - frac[i]);
		e = is_nan ? INFINITY : e < DBL_MAX ? e : DBL_MAX; /* not fmin: a libm call */
		double a = fabs((gi - cr[i]) - frac[i] * ulp[i]);
		a = is_nan ? INFINITY : a;
		err[i] = e;
		abs_err[i] = a;
		rel_err[i] = inv_sigma[i] > 0 ? a * inv_sigma[i] : -1;
		ncr += (gi == cr[i]) & (signbit(gi) == signbit(cr[i]));
		nnan += is_nan;
		noob += (gi < 0) | (gi > 1);
		nmono += gi < before;
		nrel += inv_sigma[i] > 0;
		int big = !(e < SB_ULP_SUM_CLAMP) & !is_nan;
		nclamp += big;
		double ec = big ? SB_ULP_SUM_CLAMP : is_nan ? 0 : e;
		sum += (uint64_t)(ec * SB_ULP_SUM_SCALE);
	}
	*c = (struct counts){ ncr, nnan, noob, nmono, nclamp, nrel, sum };
}

/* Index of the first maximum of v[0..n) (values >= -1, no NaN): the bits of
 * non-negative doubles order like the numbers, so the max is an integer max. */
__attribute__((target_clones("avx512f", "avx2", "default")))
static size_t first_max(const double *v, size_t n)
{
	int64_t best = INT64_MIN;
	for (size_t i = 0; i < n; i++) {
		int64_t b;
		memcpy(&b, &v[i], sizeof b);
		best = b > best ? b : best; /* -1 is negative as an integer: below every error */
	}
	size_t i = 0;
	for (int64_t b; i < n; i++) {
		memcpy(&b, &v[i], sizeof b);
		if (b == best)
			break;
	}
	return i;
}

void sb_errstats_block(struct sb_errstats *s, const struct sb_refblock *rb,
		       size_t a, size_t b, const double *got, double prev)
{
	double err[RUN], abs_err[RUN], rel_err[RUN];
	for (size_t lo = a; lo < b; lo += RUN) {
		size_t n = b - lo < RUN ? b - lo : RUN;
		struct counts c;
		run_errors(got + lo, rb->cr + lo, rb->ulp + lo, rb->frac + lo, rb->inv_sigma + lo, n,
			   lo == a ? prev : got[lo - 1], err, abs_err, rel_err, &c);
		s->n += n;
		s->cr += c.cr;
		s->nan_out += c.nan_out;
		s->oob += c.oob;
		s->mono += c.mono;
		s->clamped += c.clamped;
		s->rel_n += c.rel_n;
		s->ulp_sum += c.sum;
		/* inputs arrive in increasing order: the first maximum is at the smallest x */
		note_worst(&s->ulp, err[first_max(err, n)], rb, lo + first_max(err, n), got);
		note_worst(&s->abs, abs_err[first_max(abs_err, n)], rb, lo + first_max(abs_err, n), got);
		size_t ir = first_max(rel_err, n);
		if (rel_err[ir] >= 0)
			note_worst(&s->rel, rel_err[ir], rb, lo + ir, got);
	}
}

void sb_errstats_block_cr(struct sb_errstats *s, const struct sb_refblock *rb, size_t a, size_t b)
{
	double max_ulp = -1, max_abs = -1, max_rel = -1;
	size_t at_ulp = a, at_abs = a, at_rel = a;
	uint64_t rel_n = 0;
	sb_u128 sum = 0;
	for (size_t i = a; i < b; i++) {
		double err = fabs(rb->frac[i]), abs_err = err * rb->ulp[i];
		double rel_err = rb->inv_sigma[i] > 0 ? abs_err * rb->inv_sigma[i] : -1;
		sum += (uint64_t)(err * SB_ULP_SUM_SCALE); /* |frac| <= 1/2: never clamped */
		rel_n += rb->inv_sigma[i] > 0;
		if (err > max_ulp) {
			max_ulp = err;
			at_ulp = i;
		}
		if (abs_err > max_abs) {
			max_abs = abs_err;
			at_abs = i;
		}
		if (rel_err > max_rel) {
			max_rel = rel_err;
			at_rel = i;
		}
	}
	if (b == a)
		return;
	s->n += b - a;
	s->cr += b - a;
	s->rel_n += rel_n;
	s->ulp_sum += sum;
	note_worst(&s->ulp, max_ulp, rb, at_ulp, rb->cr);
	note_worst(&s->abs, max_abs, rb, at_abs, rb->cr);
	if (max_rel >= 0)
		note_worst(&s->rel, max_rel, rb, at_rel, rb->cr);
}

double sb_errstats_mean_ulp(const struct sb_errstats *s)
{
	uint64_t counted = s->n - s->nan_out;
	if (counted == 0)
		return 0;
	return (double)s->ulp_sum / SB_ULP_SUM_SCALE / (double)counted;
}
