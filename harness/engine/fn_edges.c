/* Breakpoints of the family's functions (fn_edges.h). */
#include <math.h>

#include "engine/fn_edges.h"
#include "engine/intervals.h"

/* What an edge tests of the correctly rounded value cr at input x. */
enum test { ZERO, SUBNORMAL, EQUALS_X, POSITIVE, NEGATIVE, NONZERO, NOT_X, NOT_ONE };

struct edge_spec {
	enum sb_func fn;
	enum test test;
	double lo, hi; /* a bracket: the test holds at lo, fails at hi, and changes once */
	const char *name, *meaning;
};

/* Every bracket is checked from the references' values at its ends (the
 * tails are monotone in |f|; the sign changes are single). */
static const struct edge_spec specs[] = {
	{ SB_FN_DSIGMOID, ZERO, -800, -1, "zero_below", "rounds to +0 for x <= X" },
	{ SB_FN_DSIGMOID, SUBNORMAL, -800, -1, "subnormal_below", "is subnormal or 0 for x <= X" },
	{ SB_FN_DSIGMOID, NONZERO, 1, 800, "zero_above", "rounds to +0 for x > X" },
	{ SB_FN_D2SIGMOID, ZERO, -800, -1, "zero_below", "rounds to +0 for x <= X" },
	{ SB_FN_D2SIGMOID, SUBNORMAL, -800, -1, "subnormal_below", "is subnormal or 0 for x <= X" },
	{ SB_FN_D2SIGMOID, POSITIVE, -1, 0, "positive_to", "is > 0 up to X, then rounds to 0 until the sign change at 0" },
	{ SB_FN_D2SIGMOID, ZERO, 0, 1, "zero_to", "rounds to -0 for 0 < x <= X (sigma''(0) = 0 exactly), < 0 beyond" },
	{ SB_FN_D2SIGMOID, NONZERO, 1, 800, "zero_above", "rounds to -0 for x > X" },
	{ SB_FN_LOGSIGMOID, EQUALS_X, -800, -1, "equals_x_below", "rounds to x for x <= X" },
	{ SB_FN_LOGSIGMOID, NONZERO, 1, 800, "zero_above", "rounds to -0 for x > X" },
	{ SB_FN_SILU, ZERO, -800, -1, "zero_below", "rounds to -0 for x <= X" },
	{ SB_FN_SILU, SUBNORMAL, -800, -1, "subnormal_below", "is subnormal or 0 for x <= X" },
	{ SB_FN_SILU, NOT_X, 1, 800, "equals_x_above", "rounds to x for x > X" },
	{ SB_FN_DSILU, ZERO, -800, -1, "zero_below", "rounds to -0 for x <= X" },
	{ SB_FN_DSILU, SUBNORMAL, -800, -1, "subnormal_below", "is subnormal or 0 for x <= X" },
	{ SB_FN_DSILU, NEGATIVE, -2, -1, "negative_to", "is < 0 for x <= X (its zero x0 = -1.27846...)" },
	{ SB_FN_DSILU, NOT_ONE, 1, 800, "one_above", "rounds to 1 for x > X" },
};

static int holds(enum test t, enum sb_func fn, enum sb_fmt fmt, double x)
{
	struct sb_ref r;
	sb_ref_fn_mpfr(fn, x, fmt, &r);
	double normal = fmt == SB_FMT_F32 ? 0x1p-126 : 0x1p-1022;
	switch (t) {
	case ZERO: return r.cr == 0;
	case SUBNORMAL: return fabs(r.cr) < normal;
	case EQUALS_X: return r.cr == x;
	case POSITIVE: return r.cr > 0;
	case NEGATIVE: return r.cr < 0;
	case NONZERO: return r.cr != 0;
	case NOT_X: return r.cr != x;
	case NOT_ONE: return r.cr != 1;
	}
	return 0;
}

static double key_x(enum sb_fmt fmt, uint64_t k)
{
	return fmt == SB_FMT_F32 ? sb_unkey32((uint32_t)k) : sb_unkey64(k);
}

/* The last input of [lo, hi] where the test holds. */
static double last_holding(const struct edge_spec *s, enum sb_fmt fmt)
{
	uint64_t lo = fmt == SB_FMT_F32 ? sb_key32((float)s->lo) : sb_key64(s->lo);
	uint64_t hi = fmt == SB_FMT_F32 ? sb_key32((float)s->hi) : sb_key64(s->hi);
	if (!holds(s->test, s->fn, fmt, key_x(fmt, lo)) || holds(s->test, s->fn, fmt, key_x(fmt, hi)))
		return NAN; /* the bracket is wrong: say so rather than guess */
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (holds(s->test, s->fn, fmt, key_x(fmt, mid)))
			lo = mid;
		else
			hi = mid;
	}
	return key_x(fmt, lo);
}

size_t sb_fn_edges(enum sb_func fn, enum sb_fmt fmt, struct sb_fn_edge *out)
{
	size_t n = 0;
	for (size_t i = 0; i < sizeof specs / sizeof specs[0] && n < SB_FN_EDGES_MAX; i++)
		if (specs[i].fn == fn)
			out[n++] = (struct sb_fn_edge){ specs[i].name, specs[i].meaning,
							last_holding(&specs[i], fmt) };
	return n;
}

/* The extreme values, to 50 digits (decimal arithmetic, bisection on the
 * closed-form conditions; test family-ranges checks each against the
 * certified references around its input):
 *   sigma''  max 1/(6 sqrt 3) at x = -ln(2 + sqrt 3), min its negative;
 *   SiLU     min 1 + x0 where 1 + x0 - x0 sigma(x0) = 0, x0 = -1.2784645...;
 *   SiLU'    max and 1 - max at x = +-x1, x1 tanh(x1/2) = 2, x1 = 2.3993572...
 * Each is pasted with the format's suffix, so the compiler rounds the decimal
 * once, to nearest in that format (no double rounding through double). */
#define D2SIGMOID_MAX(s) 0.096225044864937627418191463416992909274600291878357##s
#define SILU_MIN(s) -0.27846454276107379510935873902298015543947748861974##s
#define DSILU_MAX(s) 1.0998393201288669169581849243205709721307293942093##s
#define DSILU_MIN(s) -0.099839320128866916958184924320570972130729394209305##s

#define RANGES(s) {                                                     \
	[SB_FN_SIGMOID] = { 0, 1 },                                     \
	[SB_FN_DSIGMOID] = { 0, 0.25 },                                 \
	[SB_FN_D2SIGMOID] = { -D2SIGMOID_MAX(s), D2SIGMOID_MAX(s) },    \
	[SB_FN_LOGSIGMOID] = { -INFINITY, 0 },                          \
	[SB_FN_SILU] = { SILU_MIN(s), INFINITY },                       \
	[SB_FN_DSILU] = { DSILU_MIN(s), DSILU_MAX(s) },                 \
}

static const struct sb_fn_range ranges64[SB_FN_COUNT] = RANGES();
/* a float table, not (float) of the double one: gcc 12 -O2 dropped those
 * conversions (test family-ranges caught it) */
static const struct {
	float lo, hi;
} ranges32[SB_FN_COUNT] = RANGES(f);

struct sb_fn_range sb_fn_range(enum sb_func fn, enum sb_fmt fmt)
{
	if (fmt == SB_FMT_F32)
		return (struct sb_fn_range){ ranges32[fn].lo, ranges32[fn].hi };
	return ranges64[fn];
}

/* The extrema, each between the two doubles given (hex, so the bracket is
 * exact): the root of f' computed to 300 bits with mpmath (sigma'':
 * x = -+ln(2 + sqrt 3), where 1 - 6s + 6s^2 = 0; SiLU: 1 + x(1 - s) = 0;
 * SiLU': x tanh(x/2) = 2, i.e. 2 + x(1 - 2s) = 0), rounded down and up.
 * Test family-ranges checks with MPFR that f' has the sign of the piece
 * below at lo and of the piece above at hi, and that lo and hi neighbour. */
static const struct sb_fn_shape shapes[SB_FN_COUNT] = {
	[SB_FN_SIGMOID] = { 0, 1, { { 0, 0 } } },
	[SB_FN_DSIGMOID] = { 1, 1, { { -0x1p-1074, 0x1p-1074 } } }, /* max at 0 */
	[SB_FN_D2SIGMOID] = { 2, 1, { { -0x1.5124271980435p+0, -0x1.5124271980434p+0 },  /* max */
				      { 0x1.5124271980434p+0, 0x1.5124271980435p+0 } } }, /* min */
	[SB_FN_LOGSIGMOID] = { 0, 1, { { 0, 0 } } },
	[SB_FN_SILU] = { 1, 0, { { -0x1.474973c84120cp+0, -0x1.474973c84120bp+0 } } }, /* min */
	[SB_FN_DSILU] = { 2, 0, { { -0x1.331e23ad9de12p+1, -0x1.331e23ad9de11p+1 },     /* min */
				  { 0x1.331e23ad9de11p+1, 0x1.331e23ad9de12p+1 } } },  /* max */
};

const struct sb_fn_shape *sb_fn_shape(enum sb_func fn)
{
	return &shapes[fn];
}

/* Piece j is the closed [e_j, e_j+1] (e_0 = -Inf, e_n+1 = +Inf): it holds
 * the step when x0 >= e_j and x1 <= e_j+1. */
unsigned sb_fn_step_rule(const struct sb_fn_shape *s, double x0, double x1)
{
	unsigned rule = 0;
	for (int j = 0; j <= s->nturns; j++) {
		int from_ok = j == 0 || x0 > s->turn[j - 1].lo;
		int to_ok = j == s->nturns || x1 < s->turn[j].hi;
		int rises = s->first_rises ^ (j & 1);
		if (from_ok && to_ok)
			rule |= rises ? SB_STEP_NO_FALL : SB_STEP_NO_RISE;
	}
	return rule;
}

int sb_fn_step_breaks(const struct sb_fn_shape *s, double x0, double y0, double x1, double y1)
{
	unsigned rule = sb_fn_step_rule(s, x0, x1);
	return ((rule & SB_STEP_NO_FALL) && y1 < y0) || ((rule & SB_STEP_NO_RISE) && y1 > y0);
}
