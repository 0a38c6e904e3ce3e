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

/* Whether fn rises on the whole line (sigma and log sigma): monotonicity
 * breaks are counted for these only; the others turn (sigma' at 0, sigma''
 * at +-1.317, SiLU at -1.278, SiLU' at +-2.399) and their tables say n/a. */
int sb_fn_rising(enum sb_func fn);

#endif
