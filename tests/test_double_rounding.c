/* Count, independently of the harness, the inputs f32-stable-dbl-scalar
 * misrounds, and require the exhaustive sweep to report the same count.
 *
 * The variant rounds its double d once to float.  |d - sigma| < 2^-50 sigma
 * (reference/sigmoid_fast.c), so RN(d) can differ from RN(sigma) only when d
 * lies within 2^-50 of a float rounding midpoint.  Here every input whose d
 * lies within 2^-40 (relative) of a midpoint is decided by MPFR; the rest
 * round correctly by the argument above.  This shares no code with the
 * sweep's fast reference or its bookkeeping. */
#include <math.h>
#include <stdlib.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "engine/accuracy.h"
#include "check.h"
#include "commands/cli.h"

#define THREADS 2

struct part {
	uint32_t from, to; /* ordered keys */
	unsigned long long misrounded, near;
};

static double variant_double(double x)
{
	if (x >= 0)
		return 1.0 / (1.0 + exp(-x));
	double e = exp(x);
	return e / (1.0 + e);
}

static void *count(void *arg)
{
	struct part *p = arg;
	for (uint32_t k = p->from; k < p->to; k++) {
		float x = sb_unkey32(k), y;
		const struct sb_variant *v = sb_find_variant("f32-stable-dbl-scalar");
		double d = variant_double(x);
		float f = (float)d;
		double up = ((double)f + (double)nextafterf(f, INFINITY)) / 2;
		double down = ((double)f + (double)nextafterf(f, -INFINITY)) / 2;
		double tol = 0x1p-40 * fabs(d) + 0x1p-1060;
		if (fabs(d - up) > tol && fabs(d - down) > tol)
			continue;
		p->near++;
		v->f32(&x, &y, 1);
		CHECK(y == f, "the variant at %a is not RN(its double)", x);
		if (y != sb_sigmoid_cr_f32(x))
			p->misrounded++;
	}
	sb_ref_release_thread();
	return NULL;
}

int main(void)
{
	atexit(sb_ref_release_thread);
	const struct sb_variant *v = sb_find_variant("f32-stable-dbl-scalar");
	CHECK(v != NULL, "registry lacks f32-stable-dbl-scalar");
	if (!v)
		return check_report("test_double_rounding");
	struct part parts[THREADS];
	pthread_t tid[THREADS];
	for (int t = 0; t < THREADS; t++) {
		parts[t] = (struct part){ (uint32_t)((uint64_t)SB_NKEY32 * t / THREADS),
					  (uint32_t)((uint64_t)SB_NKEY32 * (t + 1) / THREADS), 0, 0 };
		if (pthread_create(&tid[t], NULL, count, &parts[t]) != 0) {
			fprintf(stderr, "test_double_rounding: cannot start thread %d\n", t);
			return 1;
		}
	}
	unsigned long long mis = 0, near = 0;
	for (int t = 0; t < THREADS; t++) {
		pthread_join(tid[t], NULL);
		mis += parts[t].misrounded;
		near += parts[t].near;
	}
	struct sb_accuracy a;
	struct sb_sweep_opts o;
	sb_sweep_opts_default(&o);
	o.progress = NULL;
	if (sb_sweep_f32(&v, 1, &o, &a, NULL)) {
		fprintf(stderr, "test_double_rounding: the sweep failed\n");
		return 1;
	}
	unsigned long long harness = a.all.n - a.all.cr;
	printf("independent count: %llu misrounded (%llu inputs near a midpoint checked with MPFR); "
	       "sweep: %llu of %llu not correctly rounded, max %.4g ULP\n", mis, near, harness,
	       (unsigned long long)a.all.n, a.all.ulp.err);
	CHECK(harness == mis, "sweep reports %llu misrounded, independent count %llu", harness, mis);
	CHECK(mis > 0, "double rounding must produce some misrounded inputs");
	return check_report("test_double_rounding");
}
