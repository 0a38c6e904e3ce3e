/* Accuracy limits: the plain-text file `sigbench check` enforces.
 *
 *   # comment
 *   VARIANT  METRIC  BOUND  [DOMAIN]
 *
 * METRIC: ulp (max ULP error), abs (max absolute error), rel (max relative
 * error where sigma is normal), mono (monotonicity breaks), nan (NaN outputs
 * for non-NaN inputs), oob (outputs outside [0, 1]).  BOUND: a number >= 0;
 * the metric passes when measured <= BOUND.  DOMAIN: all (default) or
 * LO:HI, the inputs measured.  One check per line; a variant may have many.
 * Any malformed line is an error naming FILE:LINE. */
#ifndef SIGBENCH_LIMITFILE_H
#define SIGBENCH_LIMITFILE_H

#include <stddef.h>

#include "base/error.h"
#include "engine/metrics.h"
#include "engine/variant.h"

struct sb_limit {
	const struct sb_variant *v;
	enum sb_metric metric;
	double bound;
	double lo, hi;   /* domain */
	int line;
};

/* Parse FILE (the one reader of this format); NULL with FILE:LINE of the
 * first problem in e. */
struct sb_limit *sb_limits_read(const char *path, size_t *n, struct sb_error *e);

#endif
