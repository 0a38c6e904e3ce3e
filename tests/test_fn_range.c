/* The family's ranges (fn_edges.h) against the certified references: each
 * finite end is the extreme correctly rounded value found around the input
 * where the function takes it, in both formats, and random inputs never
 * round outside.  An end off by one unit in either format fails. */
#include <math.h>
#include <stdint.h>

#include "check.h"
#include "engine/fn_edges.h"
#include "family_ref.h"

struct extreme {
	enum sb_func fn;
	double x;  /* where the end is taken (to double precision) */
	int upper; /* 1: the range's hi, 0: its lo */
};

static const struct extreme extremes[] = {
	{ SB_FN_DSIGMOID, 0, 1 },
	{ SB_FN_D2SIGMOID, -1.3169578969248167086, 1 },
	{ SB_FN_D2SIGMOID, 1.3169578969248167086, 0 },
	{ SB_FN_SILU, -1.2784645427610737951, 0 },
	{ SB_FN_DSILU, 2.3993572805154676678, 1 },
	{ SB_FN_DSILU, -2.3993572805154676678, 0 },
};

static double step(double x, enum sb_fmt fmt, int up)
{
	if (fmt == SB_FMT_F32)
		return nextafterf((float)x, up ? INFINITY : -INFINITY);
	return nextafter(x, up ? INFINITY : -INFINITY);
}

/* The extreme CR value over 2 x 400 inputs of fmt around e->x: the
 * function is flat there, so every one of them rounds to the end. */
static void end_is_taken(const struct extreme *e, enum sb_fmt fmt)
{
	struct sb_fn_range r = sb_fn_range(e->fn, fmt);
	double want = e->upper ? r.hi : r.lo, best = e->upper ? -INFINITY : INFINITY;
	double x = fmt == SB_FMT_F32 ? (double)(float)e->x : e->x;
	for (int i = 0; i < 400; i++)
		x = step(x, fmt, 0);
	for (int i = 0; i < 800; i++, x = step(x, fmt, 1)) {
		struct sb_ref ref;
		sb_ref_fn_mpfr(e->fn, x, fmt, &ref);
		best = e->upper ? fmax(best, ref.cr) : fmin(best, ref.cr);
	}
	CHECK(best == want, "%s %s %s: the references reach %a, the range says %a", sb_func_name(e->fn),
	      fmt == SB_FMT_F32 ? "f32" : "f64", e->upper ? "max" : "min", best, want);
}

static uint64_t rng = 0x2545f4914f6cdd1du;

static double random_input(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return ldexp((double)(rng >> 11) * 0x1p-53 - 0.5, (int)(rng % 16)) * 2;
}

/* No correctly rounded value leaves its function's range. */
static void inside(enum sb_func fn, enum sb_fmt fmt)
{
	struct sb_fn_range r = sb_fn_range(fn, fmt);
	int out = 0;
	for (int i = 0; i < 20000; i++) {
		double x = random_input();
		struct sb_ref ref;
		sb_ref_fn_mpfr(fn, fmt == SB_FMT_F32 ? (double)(float)x : x, fmt, &ref);
		out += !(ref.cr >= r.lo && ref.cr <= r.hi);
	}
	CHECK(out == 0, "%s: %d correctly rounded values outside [%a, %a]", sb_func_name(fn), out, r.lo,
	      r.hi);
}

int main(void)
{
	for (size_t i = 0; i < sizeof extremes / sizeof extremes[0]; i++) {
		end_is_taken(&extremes[i], SB_FMT_F32);
		end_is_taken(&extremes[i], SB_FMT_F64);
	}
	for (int fn = 0; fn < SB_FN_COUNT; fn++) {
		inside((enum sb_func)fn, SB_FMT_F32);
		inside((enum sb_func)fn, SB_FMT_F64);
	}
	return check_report("test_fn_range");
}
