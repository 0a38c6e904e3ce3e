/* The installed measuring library (include/sigbench/measure.h): a user's
 * batch function wrapped as a variant and swept by the engine's own
 * sb_sweep_f32/sb_sweep_f64, its figures read with the metrics `sigbench
 * check` judges (engine/metrics.h), so both give the same numbers. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine/accuracy.h"
#include "engine/metrics.h"
#include "sigbench/measure.h"

void sigbench_options_init(struct sigbench_options *o)
{
	struct sb_sweep_opts d;
	sb_sweep_opts_default(&d);
	*o = (struct sigbench_options){ .lo = d.lo, .hi = d.hi, .stride = d.stride,
					.samples = d.samples, .seed = d.seed, .threads = d.threads };
}

static int fail(struct sigbench_error *e, const char *msg)
{
	if (e)
		snprintf(e->msg, sizeof e->msg, "%s", msg);
	return -1;
}

/* The engine's options from the user's, refusing what it would misread. */
static int sweep_opts(const struct sigbench_options *uo, struct sb_sweep_opts *o,
		      struct sigbench_error *e)
{
	struct sigbench_options def;
	sigbench_options_init(&def);
	if (!uo)
		uo = &def;
	if (!(uo->lo <= uo->hi))
		return fail(e, "sigbench_options: need lo <= hi (neither NaN)");
	if (uo->stride < 1 || uo->samples < 1 || uo->threads < 1)
		return fail(e, "sigbench_options: stride, samples and threads must be at least 1");
	sb_sweep_opts_default(o);
	o->lo = uo->lo;
	o->hi = uo->hi;
	o->stride = uo->stride;
	o->samples = uo->samples;
	o->seed = uo->seed;
	o->threads = uo->threads;
	return 0;
}

static void fill_result(const struct sb_accuracy *a, struct sigbench_result *r)
{
	const struct sb_errstats *s = &a->all;
	*r = (struct sigbench_result){
		.inputs = s->n,
		.exhaustive = sb_accuracy_is_exhaustive(a),
		.max_ulp = sb_metric_value(SB_M_ULP, s),
		.worst_x = s->ulp.x,
		.worst_got = s->ulp.got,
		.worst_want = s->ulp.want,
		.mean_ulp = sb_errstats_mean_ulp(s),
		.max_abs = sb_metric_value(SB_M_ABS, s),
		.max_abs_x = s->abs.x,
		.max_rel = sb_metric_value(SB_M_REL, s),
		.max_rel_x = s->rel.x,
		.correctly_rounded = s->cr,
		.nan_out = s->nan_out,
		.out_of_range = s->oob,
		.mono_breaks = s->mono,
		.nan_inputs = a->nan_in,
		.nan_inputs_kept = a->nan_in_kept,
	};
}

/* The user's function as the engine sees a variant: no ISA of ours, all
 * inputs its domain, no padding beyond x[n-1]. */
static int measure(enum sb_prec prec, sigbench_batch_f32 *f32, sigbench_batch_f64 *f64,
		   const struct sigbench_options *uo, struct sigbench_result *r, struct sigbench_error *e)
{
	if (!(f32 || f64) || !r)
		return fail(e, "sigbench_measure: NULL function or result");
	struct sb_sweep_opts o;
	if (sweep_opts(uo, &o, e))
		return -1;
	struct sb_variant v = { .name = prec == SB_F32 ? "f32-user" : "f64-user", .family = "user",
				.params = "", .summary = "", .prec = prec, .isa = "user", .features = "",
				.dom_lo = -INFINITY, .dom_hi = INFINITY, .f32 = f32, .f64 = f64 };
	const struct sb_variant *vs[1] = { &v };
	struct sb_accuracy a;
	struct sb_error se;
	int rc = prec == SB_F32 ? sb_sweep_f32(vs, 1, &o, &a, &se) : sb_sweep_f64(vs, 1, &o, &a, &se);
	if (rc)
		return fail(e, se.msg);
	fill_result(&a, r);
	sb_accuracy_free(&a, 1);
	return 0;
}

int sigbench_measure_f32(sigbench_batch_f32 *f, const struct sigbench_options *o,
			 struct sigbench_result *r, struct sigbench_error *e)
{
	return measure(SB_F32, f, NULL, o, r, e);
}

int sigbench_measure_f64(sigbench_batch_f64 *f, const struct sigbench_options *o,
			 struct sigbench_result *r, struct sigbench_error *e)
{
	return measure(SB_F64, NULL, f, o, r, e);
}

void sigbench_limits_init(struct sigbench_limits *l)
{
	*l = (struct sigbench_limits){ -1, -1, -1, -1, -1, -1 };
}

/* Each metric's bound and measured figure, in enum sb_metric order. */
static void pairs(const struct sigbench_result *r, const struct sigbench_limits *l,
		  double bound[SB_NMETRICS], double got[SB_NMETRICS])
{
	const double b[SB_NMETRICS] = { l->ulp, l->abs, l->rel, l->mono, l->nan, l->oob };
	const double g[SB_NMETRICS] = { r->max_ulp, r->max_abs, r->max_rel, (double)r->mono_breaks,
					(double)r->nan_out, (double)r->out_of_range };
	memcpy(bound, b, sizeof b);
	memcpy(got, g, sizeof g);
}

int sigbench_check(const struct sigbench_result *r, const struct sigbench_limits *l,
		   struct sigbench_error *e)
{
	double bound[SB_NMETRICS], got[SB_NMETRICS];
	pairs(r, l, bound, got);
	char msg[sizeof e->msg] = "";
	size_t len = 0;
	for (int m = 0; m < SB_NMETRICS; m++) {
		if (bound[m] < 0 || got[m] <= bound[m] || len >= sizeof msg)
			continue;
		len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%s measured=%.6g bound=%g",
					len ? "; " : "", sb_metric_name((enum sb_metric)m), got[m], bound[m]);
		if (m == SB_M_ULP && len < sizeof msg)
			len += (size_t)snprintf(msg + len, sizeof msg - len, " x=%a got=%a want=%a",
						r->worst_x, r->worst_got, r->worst_want);
	}
	if (!len)
		return 0;
	fail(e, msg);
	return 1;
}
