#include <math.h>

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

void sb_errstats_block(struct sb_errstats *s, const struct sb_refblock *rb,
		       size_t a, size_t b, const double *got, double prev)
{
	/* Inputs arrive in increasing order, so within a block the first
	 * maximum is also the one at the smallest x. */
	double max_ulp = -1, max_abs = -1, max_rel = -1;
	size_t at_ulp = a, at_abs = a, at_rel = a;
	uint64_t cr = 0, nan_out = 0, oob = 0, mono = 0, clamped = 0, rel_n = 0;
	sb_u128 sum = 0;
	double last = prev;
	for (size_t i = a; i < b; i++) {
		double g = got[i], err, abs_err;
		if (isnan(g)) {
			nan_out++;
			err = abs_err = INFINITY;
		} else {
			/* exact: g - cr is exact for nearby values, ulp is a power of 2 */
			err = fabs((g - rb->cr[i]) / rb->ulp[i] - rb->frac[i]);
			abs_err = err * rb->ulp[i];
			cr += g == rb->cr[i] && signbit(g) == signbit(rb->cr[i]);
			oob += g < 0 || g > 1;
			double e = err;
			if (!(e < SB_ULP_SUM_CLAMP)) {
				e = SB_ULP_SUM_CLAMP;
				clamped++;
			}
			sum += (uint64_t)(e * 0x1p20);
		}
		double rel_err = abs_err * rb->inv_sigma[i];
		rel_n += rb->inv_sigma[i] > 0;
		if (rb->inv_sigma[i] == 0)
			rel_err = -1; /* undefined there, never the max */
		mono += g < last;
		last = g;
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
	s->cr += cr;
	s->nan_out += nan_out;
	s->oob += oob;
	s->mono += mono;
	s->clamped += clamped;
	s->rel_n += rel_n;
	s->ulp_sum += sum;
	note_worst(&s->ulp, max_ulp, rb, at_ulp, got);
	note_worst(&s->abs, max_abs, rb, at_abs, got);
	if (max_rel >= 0)
		note_worst(&s->rel, max_rel, rb, at_rel, got);
}

double sb_errstats_mean_ulp(const struct sb_errstats *s)
{
	uint64_t counted = s->n - s->nan_out;
	if (counted == 0)
		return 0;
	return (double)s->ulp_sum * 0x1p-20 / (double)counted;
}
