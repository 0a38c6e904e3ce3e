/* The intervals accuracy is broken down by, derived (not typed in) from the
 * reference by bisection, so they are exact for each format:
 *
 *   underflow   x <= zero_hi            sigma rounds to 0
 *   subnormal   zero_hi < x <= sub_hi   sigma rounds to a subnormal
 *   negative    sub_hi < x < -2         normal results below sigma(-2) ~ 0.12
 *   central     -2 <= x <= 2, outside tiny
 *   tiny        tiny_lo <= x <= tiny_hi sigma rounds to 1/2
 *   near-sat    2 < x < one_lo          sigma in (0.88, 1), ulp 2^-p
 *   saturation  x >= one_lo             sigma rounds to 1
 *
 * Infinities belong to the end intervals; NaN inputs are counted apart.
 * Ordered keys map the non-NaN values of a format onto consecutive
 * integers in increasing order (-Inf -> 0, -0 and +0 adjacent), which is
 * how sweeps walk "consecutive inputs". */
#ifndef SIGBENCH_INTERVALS_H
#define SIGBENCH_INTERVALS_H

#include <stdint.h>

#include "sigmoid_ref.h"

enum sb_iv {
	SB_IV_UNDERFLOW,
	SB_IV_SUBNORMAL,
	SB_IV_NEGATIVE,
	SB_IV_CENTRAL,
	SB_IV_TINY,
	SB_IV_NEARSAT,
	SB_IV_SATURATION,
	SB_IV_COUNT
};

/* Edge between "negative"/"central" and "central"/"near-sat". */
#define SB_CENTRAL_EDGE 2.0

struct sb_breakpoints {
	enum sb_fmt fmt;
	double zero_hi, sub_hi, tiny_lo, tiny_hi, one_lo;
};

/* Derived once per format and cached; thread-safe after the first call. */
const struct sb_breakpoints *sb_breakpoints(enum sb_fmt fmt);

enum sb_iv sb_interval_of(const struct sb_breakpoints *bp, double x);
const char *sb_interval_name(enum sb_iv iv);
const char *sb_interval_meaning(enum sb_iv iv);

/* Lowest and highest x of an interval (inclusive).  central is two pieces;
 * these give its outer ends. */
double sb_interval_lo(const struct sb_breakpoints *bp, enum sb_iv iv);
double sb_interval_hi(const struct sb_breakpoints *bp, enum sb_iv iv);

/* Ordered keys.  f32: 0 .. SB_NKEY32-1 covers all 2^32 - 2^24 + 2 non-NaN floats. */
#define SB_NKEY32 0xFF000002u
uint32_t sb_key32(float x);
float sb_unkey32(uint32_t k);
uint64_t sb_key64(double x);
double sb_unkey64(uint64_t k);

#endif
