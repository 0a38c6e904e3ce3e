/* What an accuracy limit can bound, and its measured value in a sweep's
 * statistics: one definition for `sigbench check` (limits files) and the
 * installed measuring library (include/sigbench/measure.h). */
#ifndef SIGBENCH_METRICS_H
#define SIGBENCH_METRICS_H

#include "engine/errstats.h"

/* ulp (max ULP error), abs (max absolute error), rel (max relative error
 * where sigma is normal), mono (monotonicity breaks), nan (NaN outputs for
 * non-NaN inputs), oob (outputs outside [0, 1]). */
enum sb_metric { SB_M_ULP, SB_M_ABS, SB_M_REL, SB_M_MONO, SB_M_NAN, SB_M_OOB };
#define SB_NMETRICS 6

const char *sb_metric_name(enum sb_metric m);

/* The metric named s; 0 if there is none. */
int sb_metric_parse(const char *s, enum sb_metric *m);

/* The measured value of a metric in s (NaN outputs make ulp/abs/rel +Inf). */
double sb_metric_value(enum sb_metric m, const struct sb_errstats *s);

/* Is a bound far looser than the measurement, so that it would no longer
 * catch a regression?  ulp: bound > max(1.5 x measured, measured + 0.5);
 * abs, rel: bound > 2 x measured; counts: bound > measured. */
int sb_limit_is_loose(enum sb_metric m, double bound, double measured);

#endif
