#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <x86intrin.h>

#include "engine/progress.h"
#include "engine/speed.h"
#include "base/util.h"

#define MAX_REPS 1001
#define POOL_BYTES (1u << 20) /* small sizes cycle buffers totalling ~1 MiB (in L2) */
#define MAX_POOL 16

void sb_speed_opts_default(struct sb_speed_opts *o)
{
	*o = (struct sb_speed_opts){
		.lo = -10, .hi = 10,
		.sizes = { 4096, 65536, 16777216 }, .nsizes = 3,
		.reps = 11, .min_rep_s = 0.004, .seed = 1, .progress = NULL,
	};
}

struct inputs {
	int pool;
	float *x32[MAX_POOL], *y32;
	double *x64[MAX_POOL], *y64;
};

static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005u + 1442695040888963407u;
	return *s >> 11;
}

static void make_inputs(struct inputs *in, size_t n, const struct sb_speed_opts *o, int size_index)
{
	size_t per = n * sizeof(double);
	in->pool = per >= POOL_BYTES ? 1 : (int)(POOL_BYTES / per);
	if (in->pool > MAX_POOL)
		in->pool = MAX_POOL;
	uint64_t s = o->seed * 0x9E3779B97F4A7C15u + (uint64_t)size_index + 1;
	for (int b = 0; b < in->pool; b++) {
		in->x32[b] = sb_xalloc_aligned(n * sizeof(float));
		in->x64[b] = sb_xalloc_aligned(n * sizeof(double));
		for (size_t i = 0; i < n; i++) {
			double u = (double)lcg(&s) * 0x1p-53;
			in->x64[b][i] = o->lo + (o->hi - o->lo) * u;
			in->x32[b][i] = (float)in->x64[b][i];
		}
	}
	in->y32 = sb_xalloc_aligned(n * sizeof(float));
	in->y64 = sb_xalloc_aligned(n * sizeof(double));
}

static void free_inputs(struct inputs *in)
{
	for (int b = 0; b < in->pool; b++) {
		free(in->x32[b]);
		free(in->x64[b]);
	}
	free(in->y32);
	free(in->y64);
}

static void calls(const struct sb_variant *v, const struct inputs *in, size_t n, unsigned long k)
{
	for (unsigned long c = 0; c < k; c++) {
		int b = (int)(c % (unsigned long)in->pool);
		if (v->prec == SB_F32)
			v->f32(in->x32[b], in->y32, n);
		else
			v->f64(in->x64[b], in->y64, n);
	}
}

/* Calls per repetition so that one repetition lasts >= min_rep_s; also warms up. */
static unsigned long calibrate(const struct sb_variant *v, const struct inputs *in, size_t n,
			       double min_rep_s)
{
	unsigned long k = 1;
	for (;;) {
		double t0 = sb_now();
		calls(v, in, n, k);
		double t = sb_now() - t0;
		if (t >= min_rep_s || k >= (1ul << 30))
			return k;
		double grow = t > 0 ? 1.2 * min_rep_s / t : 16;
		k = (unsigned long)ceil((double)k * (grow < 16 ? (grow > 2 ? grow : 2) : 16));
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Linear-interpolated quantile of sorted t[0..n). */
static double quantile(const double *t, int n, double q)
{
	double pos = q * (n - 1);
	int i = (int)pos;
	return i + 1 < n ? t[i] + (pos - i) * (t[i + 1] - t[i]) : t[n - 1];
}

static void summarise(struct sb_speed_result *r, double *t, int reps, double ns_per_tsc)
{
	qsort(t, (size_t)reps, sizeof *t, cmp_double);
	r->reps = reps;
	r->min_ns = t[0];
	r->max_ns = t[reps - 1];
	r->median_ns = quantile(t, reps, 0.5);
	r->q1_ns = quantile(t, reps, 0.25);
	r->q3_ns = quantile(t, reps, 0.75);
	r->spread = (r->q3_ns - r->q1_ns) / r->median_ns;
	r->tsc_cycles = r->median_ns / ns_per_tsc;
}

void sb_speed_run(const struct sb_variant *const *vs, size_t nv,
		  const struct sb_speed_opts *o, struct sb_speed_result *out, double *tsc_ghz)
{
	int reps = o->reps > MAX_REPS ? MAX_REPS : o->reps;
	double *t = sb_xcalloc(nv * (size_t)reps, sizeof *t);
	unsigned long *k = sb_xcalloc(nv, sizeof *k);
	double wall0 = sb_now();
	uint64_t tsc0 = __rdtsc();
	struct sb_progress pr;
	sb_progress_begin(&pr, "speed", (uint64_t)o->nsizes * nv * (size_t)reps, o->progress);
	uint64_t done = 0;
	for (int s = 0; s < o->nsizes; s++) {
		size_t n = o->sizes[s];
		struct inputs in;
		make_inputs(&in, n, o, s);
		for (size_t v = 0; v < nv; v++)
			k[v] = calibrate(vs[v], &in, n, o->min_rep_s);
		for (int r = 0; r < reps; r++)
			for (size_t i = 0; i < nv; i++) {
				size_t v = (i + (size_t)r) % nv;
				double t0 = sb_now();
				calls(vs[v], &in, n, k[v]);
				t[v * (size_t)reps + (size_t)r] = (sb_now() - t0) * 1e9 / ((double)k[v] * (double)n);
				sb_progress_update(&pr, ++done);
			}
		for (size_t v = 0; v < nv; v++) {
			struct sb_speed_result *res = &out[(size_t)s * nv + v];
			*res = (struct sb_speed_result){ .v = vs[v], .n = n, .buffers = in.pool, .calls = k[v] };
			summarise(res, &t[v * (size_t)reps], reps, 1); /* tsc filled below */
		}
		free_inputs(&in);
	}
	sb_progress_end(&pr);
	double ghz = (double)(__rdtsc() - tsc0) / ((sb_now() - wall0) * 1e9);
	*tsc_ghz = ghz;
	for (size_t i = 0; i < (size_t)o->nsizes * nv; i++)
		out[i].tsc_cycles = out[i].median_ns * ghz;
	for (int s = 0; s < o->nsizes; s++) {
		double base = 0;
		for (size_t v = 0; v < nv; v++)
			if (strcmp(out[(size_t)s * nv + v].v->name, "f32-exact-scalar") == 0)
				base = out[(size_t)s * nv + v].median_ns;
		for (size_t v = 0; v < nv; v++)
			out[(size_t)s * nv + v].ratio = base > 0 ? out[(size_t)s * nv + v].median_ns / base : 0;
	}
	free(t);
	free(k);
}
