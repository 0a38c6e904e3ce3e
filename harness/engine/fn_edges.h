/* The breakpoints of the sigmoid family's other functions (family_ref.h),
 * derived from their references by bisection over each format's ordered
 * values, like sigma's intervals (intervals.h): where the function rounds
 * to 0, where its results are subnormal, where log sigma(x) rounds to x and
 * SiLU to x, where sigma'' and dsilu change sign. */
#ifndef SIGBENCH_FN_EDGES_H
#define SIGBENCH_FN_EDGES_H

#include <stddef.h>

#include "family_ref.h"

struct sb_fn_edge {
	const char *name;    /* "zero_below", ... */
	const char *meaning; /* "f(x) rounds to 0 for x <= X" */
	double x;            /* X: the last input (of the format) where it holds */
};

#define SB_FN_EDGES_MAX 8

/* The edges of fn (not sigma: intervals.h has those) in fmt; returns how
 * many it wrote. */
size_t sb_fn_edges(enum sb_func fn, enum sb_fmt fmt, struct sb_fn_edge *out);

/* The closed range of fn's values, each end rounded to nearest in fmt: a
 * correctly rounded output never leaves it (rounding is monotone), so an
 * output outside it is out of range. */
struct sb_fn_range {
	double lo, hi;
};

struct sb_fn_range sb_fn_range(enum sb_func fn, enum sb_fmt fmt);

/* Where fn turns.  Each extremum e lies strictly between two neighbouring
 * doubles lo < e < hi (e = 0 for sigma' is a double: lo and hi are then
 * -+2^-1074), so for any input x of either format x < e iff x <= lo and
 * x > e iff x >= hi.  Between turns fn is monotone, the first piece
 * (-Inf, e1] rising or falling as first_rises says, the next ones
 * alternating (every turn is a simple maximum or minimum). */
struct sb_fn_turn {
	double lo, hi;
};

#define SB_FN_TURNS_MAX 2

struct sb_fn_shape {
	int nturns;
	int first_rises;
	struct sb_fn_turn turn[SB_FN_TURNS_MAX];
};

const struct sb_fn_shape *sb_fn_shape(enum sb_func fn);

/* What a step from input x0 to the next input x1 (x0 <= x1) may not do:
 * fall (SB_STEP_NO_FALL) on a rising piece that holds both, rise
 * (SB_STEP_NO_RISE) on a falling one; both for -0 -> +0 at sigma''s turn
 * at 0 (the pair lies in both pieces), neither when a turn lies strictly
 * between x0 and x1 (the pair straddles it and is not compared). */
enum { SB_STEP_NO_FALL = 1, SB_STEP_NO_RISE = 2 };

unsigned sb_fn_step_rule(const struct sb_fn_shape *s, double x0, double x1);

/* Whether outputs y0 at x0 and y1 at the next input x1 break monotonicity
 * (a NaN on either side never does). */
int sb_fn_step_breaks(const struct sb_fn_shape *s, double x0, double y0, double x1, double y1);

#endif
