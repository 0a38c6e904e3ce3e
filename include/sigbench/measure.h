/* Measure your own sigmoid against sigbench's MPFR-certified reference, with
 * the engine the `sigbench` binary uses (the same sweeps, error accounting
 * and metrics as `sigbench check`), from your own program:
 *
 *   struct sigbench_options o;
 *   struct sigbench_result r;
 *   struct sigbench_error e;
 *   sigbench_options_init(&o);
 *   if (sigbench_measure_f32(my_batch, &o, &r, &e))
 *           fprintf(stderr, "%s\n", e.msg);
 *
 * Link with pkg-config sigbench, or CMake's sigbench::measure.  Errors are
 * returned (-1 and one line in e->msg); nothing here prints or exits, except
 * on out of memory (one line on stderr, exit 1, as the binary does). */
#ifndef SIGBENCH_MEASURE_H
#define SIGBENCH_MEASURE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* y[i] = sigma(x[i]) for i < n.  Called from several threads at once, on
 * blocks of up to 1024 inputs. */
typedef void sigbench_batch_f32(const float *x, float *y, size_t n);
typedef void sigbench_batch_f64(const double *x, double *y, size_t n);

struct sigbench_error {
	char msg[512];
};

struct sigbench_options {
	double lo, hi;     /* only inputs in [lo, hi]; default -inf, inf */
	uint64_t stride;   /* float: every stride-th float of [lo, hi]; default 1 = all */
	uint64_t samples;  /* double: inputs per random distribution; default 10^6 */
	uint64_t seed;     /* double: default 1 */
	int threads;       /* default: every online CPU */
};

struct sigbench_result {
	uint64_t inputs;    /* non-NaN inputs measured */
	int exhaustive;     /* 1: every float of [lo, hi] (the maxima are exact); 0: a
			     * sample (a stride, or double), the maxima are lower bounds */
	/* ULP error as README "How errors are measured" defines it: the worst,
	 * the smallest input where it occurs, the output there and the
	 * correctly rounded sigma(x).  +inf when some output is NaN. */
	double max_ulp, worst_x, worst_got, worst_want;
	double mean_ulp;
	double max_abs, max_abs_x;  /* |got - sigma(x)| */
	double max_rel, max_rel_x;  /* |got - sigma(x)| / sigma(x) where sigma(x) is normal */
	uint64_t correctly_rounded; /* outputs bitwise equal to sigma(x) rounded to nearest */
	uint64_t nan_out;           /* NaN outputs for non-NaN inputs */
	uint64_t out_of_range;      /* outputs outside [0, 1] */
	uint64_t mono_breaks;       /* x < next input x', y(x') < y(x) */
	uint64_t nan_inputs, nan_inputs_kept; /* NaN inputs tried, and those that gave NaN */
};

void sigbench_options_init(struct sigbench_options *o);

/* Sweep f over the inputs o selects (NULL: the defaults) and fill r.
 * -1 with e->msg when the options are invalid or select no input. */
int sigbench_measure_f32(sigbench_batch_f32 *f, const struct sigbench_options *o,
			 struct sigbench_result *r, struct sigbench_error *e);
int sigbench_measure_f64(sigbench_batch_f64 *f, const struct sigbench_options *o,
			 struct sigbench_result *r, struct sigbench_error *e);

/* Bounds as in a limits file (README "Accuracy limits"); a metric passes
 * when measured <= bound.  A negative bound is not checked: start from
 * sigbench_limits_init, which sets every bound negative. */
struct sigbench_limits {
	double ulp, abs, rel;  /* max_ulp, max_abs, max_rel */
	double mono, nan, oob; /* mono_breaks, nan_out, out_of_range */
};

void sigbench_limits_init(struct sigbench_limits *l);

/* 0 when r meets every bound set in l; 1 when it does not, with e->msg
 * naming each failed metric ("ulp measured=2.48 bound=1 x=..."). */
int sigbench_check(const struct sigbench_result *r, const struct sigbench_limits *l,
		   struct sigbench_error *e);

#ifdef __cplusplus
}
#endif

#endif
