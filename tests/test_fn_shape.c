/* Where the family's functions turn (sb_fn_shape) against MPFR, and the
 * certified float32 references against the pieces between the turns:
 *   - each turn's two doubles bracket the root of f': f' evaluated with
 *     MPFR at 256 bits has the sign of the piece below at lo and of the
 *     piece above at hi, and lo and hi are neighbours (0 between them for
 *     sigma', where f'(0) = 0 exactly);
 *   - the correctly rounded float32 outputs never step against their
 *     piece's direction, over 2^15 consecutive floats around every turn
 *     (MPFR) and over every 509th float of the whole line (the family's
 *     block reference).
 * The sweeps' shortcut for all-correct blocks relies on the second. */
#include <math.h>
#include <mpfr.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "engine/fn_edges.h"
#include "engine/intervals.h"
#include "family_ref.h"

/* sign(f'(x)) from the tanh form (t = tanh(x/2), s = (1 + t)/2), exact
 * where s itself would round to 1/2 (sigma' near 0):
 *   sigma'   f' = s(1-s)(1-2s)      sign(-t)
 *   sigma''  f' = s(1-s)(1-6s+6s^2) sign(3t^2 - 1)
 *   SiLU     f' = s(1 + x(1-s))     sign(1 + x(1-t)/2)
 *   SiLU'    f' = s(1-s)(2 + x(1-2s)) sign(2 - xt) */
static int slope_sign(enum sb_func fn, double x)
{
	mpfr_t t, u;
	mpfr_inits2(256, t, u, (mpfr_ptr)0);
	mpfr_set_d(t, x, MPFR_RNDN);
	mpfr_div_2ui(t, t, 1, MPFR_RNDN);
	mpfr_tanh(t, t, MPFR_RNDN);
	switch (fn) {
	case SB_FN_DSIGMOID:
		mpfr_neg(u, t, MPFR_RNDN);
		break;
	case SB_FN_D2SIGMOID:
		mpfr_sqr(u, t, MPFR_RNDN);
		mpfr_mul_ui(u, u, 3, MPFR_RNDN);
		mpfr_sub_ui(u, u, 1, MPFR_RNDN);
		break;
	case SB_FN_SILU:
		mpfr_ui_sub(u, 1, t, MPFR_RNDN);
		mpfr_mul_d(u, u, x / 2, MPFR_RNDN);
		mpfr_add_ui(u, u, 1, MPFR_RNDN);
		break;
	case SB_FN_DSILU:
		mpfr_mul_d(u, t, x, MPFR_RNDN);
		mpfr_ui_sub(u, 2, u, MPFR_RNDN);
		break;
	default: /* sigma and log sigma: s > 0, 1 - s > 0 */
		mpfr_set_ui(u, 1, MPFR_RNDN);
	}
	int sign = mpfr_sgn(u);
	mpfr_clears(t, u, (mpfr_ptr)0);
	return sign;
}

static int piece_sign(const struct sb_fn_shape *s, int j)
{
	return (s->first_rises ^ (j & 1)) ? 1 : -1;
}

static void turns_bracketed(enum sb_func fn)
{
	const struct sb_fn_shape *s = sb_fn_shape(fn);
	const char *name = sb_func_name(fn);
	CHECK(slope_sign(fn, s->nturns ? s->turn[0].lo - 1 : 0) == piece_sign(s, 0),
	      "%s: the first piece's direction", name);
	for (int j = 0; j < s->nturns; j++) {
		double lo = s->turn[j].lo, hi = s->turn[j].hi, mid = nextafter(lo, INFINITY);
		int neighbours = mid == hi || (mid == 0 && nextafter(mid, INFINITY) == hi &&
					       slope_sign(fn, 0) == 0);
		CHECK(neighbours, "%s turn %d: %a and %a are not neighbours", name, j, lo, hi);
		CHECK(slope_sign(fn, lo) == piece_sign(s, j), "%s turn %d: f'(%a) has sign %d, want %d",
		      name, j, lo, slope_sign(fn, lo), piece_sign(s, j));
		CHECK(slope_sign(fn, hi) == piece_sign(s, j + 1), "%s turn %d: f'(%a) has sign %d, want %d",
		      name, j, hi, slope_sign(fn, hi), piece_sign(s, j + 1));
	}
}

#define HALF_WINDOW (1 << 14)

/* The 2 HALF_WINDOW consecutive floats around each turn (from the float
 * nearest lo): no step against the pieces, and enough steps compared. */
static void near_turns(enum sb_func fn)
{
	const struct sb_fn_shape *s = sb_fn_shape(fn);
	for (int j = 0; j < s->nturns; j++) {
		uint32_t k = sb_key32((float)s->turn[j].lo) - HALF_WINDOW;
		double x0 = NAN, y0 = NAN;
		int bad = 0, compared = 0;
		for (uint32_t i = 0; i < 2 * HALF_WINDOW; i++) {
			double x = sb_unkey32(k + i);
			struct sb_ref r;
			sb_ref_fn_mpfr(fn, x, SB_FMT_F32, &r);
			compared += i > 0 && sb_fn_step_rule(s, x0, x) != 0;
			if (sb_fn_step_breaks(s, x0, y0, x, r.cr) && bad++ == 0)
				CHECK(0, "%s turn %d: CR %a at %a, then %a at %a", sb_func_name(fn), j, y0,
				      x0, r.cr, x);
			x0 = x;
			y0 = r.cr;
		}
		CHECK(bad == 0 && compared >= 2 * HALF_WINDOW - 3, "%s turn %d: %d breaks, %d steps compared",
		      sb_func_name(fn), j, bad, compared);
	}
}

#define GRID_STEP 509u /* prime: the grid meets every exponent at varied mantissas */
#define GRID_BLOCK 4096

/* Every GRID_STEP-th float key: consecutive grid points in one piece step
 * the piece's way. */
static void on_grid(enum sb_func fn)
{
	const struct sb_fn_shape *s = sb_fn_shape(fn);
	float *x = malloc(GRID_BLOCK * sizeof *x);
	double *cr = malloc(GRID_BLOCK * sizeof *cr), *frac = malloc(GRID_BLOCK * sizeof *frac);
	double *ulp = malloc(GRID_BLOCK * sizeof *ulp), *val = malloc(GRID_BLOCK * sizeof *val);
	double x0 = NAN, y0 = NAN;
	uint64_t bad = 0, points = 0;
	for (uint64_t k = 0; k < SB_NKEY32;) {
		size_t n = 0;
		for (; n < GRID_BLOCK && k < SB_NKEY32; n++, k += GRID_STEP)
			x[n] = sb_unkey32((uint32_t)k);
		sb_ref_fn_f32_block(fn, x, n, cr, frac, ulp, val);
		for (size_t i = 0; i < n; i++) {
			bad += (uint64_t)sb_fn_step_breaks(s, x0, y0, x[i], cr[i]);
			x0 = x[i];
			y0 = cr[i];
		}
		points += n;
	}
	CHECK(bad == 0 && points > SB_NKEY32 / GRID_STEP, "%s: %llu breaks on a grid of %llu floats",
	      sb_func_name(fn), (unsigned long long)bad, (unsigned long long)points);
	free(x);
	free(cr);
	free(frac);
	free(ulp);
	free(val);
}

int main(void)
{
	atexit(sb_ref_release_thread);
	for (int fn = 0; fn < SB_FN_COUNT; fn++) {
		turns_bracketed((enum sb_func)fn);
		near_turns((enum sb_func)fn);
		on_grid((enum sb_func)fn);
	}
	/* the turns the README names, to the digits given there */
	const struct sb_fn_shape *d2 = sb_fn_shape(SB_FN_D2SIGMOID);
	CHECK(sb_fn_shape(SB_FN_SIGMOID)->nturns == 0 && sb_fn_shape(SB_FN_LOGSIGMOID)->nturns == 0 &&
	      fabs(d2->turn[1].lo - 1.3169579) < 1e-7 && fabs(sb_fn_shape(SB_FN_SILU)->turn[0].lo + 1.2784645) < 1e-7 &&
	      fabs(sb_fn_shape(SB_FN_DSILU)->turn[1].lo - 2.3993573) < 1e-7,
	      "sigma and log sigma rise everywhere; sigma'' turns at +-1.3169579, SiLU at -1.2784645, "
	      "SiLU' at +-2.3993573");
	return check_report("test_fn_shape");
}
