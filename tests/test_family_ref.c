/* The family's references (reference/family_ref.h), two checks:
 *  - the float32 fast path agrees with MPFR (same cr, frac within 2^-20)
 *    wherever it answers, on every input below;
 *  - every MPFR answer is printed, one line "FN FMT X CR FRAC" (hex floats),
 *    for tests/family_ref_check.py to recompute independently with Python's
 *    decimal module.
 * Inputs: special points (0, the tiny and far closed-form edges, dsilu's
 * zero, subnormals, infinities) and seeded random ones (uniform bits,
 * uniform on [-40, 40], log-uniform magnitudes). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "family_ref.h"

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next_u64(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double random_input(enum sb_fmt fmt, int kind)
{
	uint64_t r = next_u64();
	double u = (double)(r >> 11) * 0x1p-53;
	double sgn = r & 1 ? -1 : 1, x;
	if (kind == 0) {
		uint32_t b = (uint32_t)(r >> 32);
		float f;
		memcpy(&f, &b, sizeof f);
		x = fmt == SB_FMT_F32 ? f : ldexp(sgn * (1 + u), (int)(next_u64() % 2100) - 1074);
	} else if (kind == 1) {
		x = -40 + 80 * u;
	} else {
		x = sgn * ldexp(1.0, (int)(next_u64() % 160) - 150) * (1 + u);
	}
	return fmt == SB_FMT_F32 ? (float)x : x;
}

static const double specials[] = {
	0.0, -0.0, 0x1p-149, -0x1p-149, 0x3p-149, -0x3p-149, 0x1p-1074, -0x1p-1074, 0x5p-1074,
	-0x5p-1074, 0x1p-126, -0x1p-126, 0x1p-61, 0x1p-60, -0x1p-60, 0x1.000002p-60, 0x1p-30,
	1.0, -1.0, 0.5, 2.0, -2.0, 15.9, 16.0, 17.0, -17.0, -1.2784645427610738, -1.2784646f,
	-1.2784644f, -1.2784645f, 59.99, 60.0, 60.01, -59.99, -60.0, -60.01, 87.3, -87.3, 88.7,
	-88.7, 103.97, -103.97, 104.0, -104.0, 200.0, -200.0, 708.0, -708.0, 745.2, -745.2,
	1000.0, -1000.0, 65535.0, -65535.0, 65537.0, -65537.0, 1e30, -1e30, 0x1p127, -0x1p127,
	INFINITY, -INFINITY,
};

static int check_fast(enum sb_func fn, float x, const struct sb_ref *m)
{
	struct sb_ref f;
	if (!sb_ref_fn_fast_f32(fn, x, &f))
		return 0;
	if (f.cr == m->cr && fabs(f.frac - m->frac) <= 0x1p-20 && f.ulp == m->ulp)
		return 0;
	fprintf(stderr, "fast path disagrees: %s(%a): cr %a/%a frac %g/%g ulp %a/%a\n",
		sb_func_name(fn), (double)x, f.cr, m->cr, f.frac, m->frac, f.ulp, m->ulp);
	return 1;
}

static int one(enum sb_func fn, enum sb_fmt fmt, double x)
{
	struct sb_ref r;
	if (fmt == SB_FMT_F32)
		x = (float)x;
	sb_ref_fn_mpfr(fn, x, fmt, &r);
	printf("%s %s %a %a %.17g\n", sb_func_name(fn), fmt == SB_FMT_F32 ? "f32" : "f64", x, r.cr,
	       r.frac);
	return fmt == SB_FMT_F32 ? check_fast(fn, (float)x, &r) : 0;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 300, bad = 0;
	for (int fn = 1; fn < SB_FN_COUNT; fn++) {
		for (int fmt = 0; fmt < 2; fmt++) {
			for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++)
				bad += one(fn, fmt, specials[i]);
			for (int i = 0; i < n; i++)
				bad += one(fn, fmt, random_input(fmt, i % 3));
		}
	}
	sb_ref_release_thread();
	if (bad)
		fprintf(stderr, "%d fast-path disagreements\n", bad);
	return bad != 0;
}
