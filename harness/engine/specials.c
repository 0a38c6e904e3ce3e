/* Special inputs every table shows, and one-input evaluation. */
#include <float.h>
#include <math.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "engine/accuracy.h"

const char *const sb_special_names[SB_NSPECIAL] = {
	"NaN", "-Inf", "+Inf", "-0", "+0", "-max", "+max", "-min_sub", "+min_sub",
};

double sb_special_input(enum sb_fmt fmt, int i)
{
	double max = fmt == SB_FMT_F32 ? FLT_MAX : DBL_MAX;
	double min_sub = fmt == SB_FMT_F32 ? 0x1p-149 : 0x1p-1074;
	const double xs[SB_NSPECIAL] = {
		NAN, -INFINITY, INFINITY, -0.0, 0.0, -max, max, -min_sub, min_sub,
	};
	return xs[i];
}

double sb_eval1(const struct sb_variant *v, double x)
{
	/* arrays, not scalars: a variant may read pad_bytes past its input */
	if (v->prec == SB_F32) {
		float xf[32] = { (float)x }, y[1];
		v->f32(xf, y, 1);
		return y[0];
	}
	double xd[16] = { x }, y[1];
	v->f64(xd, y, 1);
	return y[0];
}

int sb_accuracy_is_exhaustive(const struct sb_accuracy *a)
{
	return strncmp(a->sweep, "exhaustive", 10) == 0;
}

void sb_accuracy_free(struct sb_accuracy *a, size_t n)
{
	for (size_t i = 0; a && i < n; i++) {
		free(a[i].bin_ulp);
		free(a[i].bin_abs);
		a[i].bin_ulp = a[i].bin_abs = NULL;
	}
}

void sb_sweep_opts_default(struct sb_sweep_opts *o)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	*o = (struct sb_sweep_opts){
		.lo = -INFINITY,
		.hi = INFINITY,
		.threads = cpus > 0 ? (int)cpus : 1,
		.samples = 1000000,
		.seed = 1,
		.stride = 1,
		.progress = NULL, /* the engine is silent unless a command gives a sink */
		.plot = NULL,
		/* from below the subnormal results to past saturation, 0.05 per bin */
		.plot_lo = -110,
		.plot_hi = 25,
		.plot_bins = 2700,
		.walk_ulps = 256,
	};
}
