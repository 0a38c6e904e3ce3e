/* The ULP definition at its edges, the error formula, and the ordered keys
 * sweeps walk by. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/intervals.h"
#include "sigmoid_ref.h"

static void test_ulp_edges(void)
{
	struct { double y; enum sb_fmt f; double want; } cases[] = {
		{ 0.5, SB_FMT_F32, 0x1p-24 },
		{ 0x1.fffffep-2, SB_FMT_F32, 0x1p-25 },   /* just below 1/2: half the ulp */
		{ 0x1.fffffffffffffp-2, SB_FMT_F32, 0x1p-25 },
		{ 1.0, SB_FMT_F32, 0x1p-23 },
		{ 0x1.fffffep-1, SB_FMT_F32, 0x1p-24 },
		{ 0x1p-126, SB_FMT_F32, 0x1p-149 },      /* least normal */
		{ 0x1p-125, SB_FMT_F32, 0x1p-148 },
		{ 0x1.fffffcp-127, SB_FMT_F32, 0x1p-149 },/* largest subnormal */
		{ 0x1p-149, SB_FMT_F32, 0x1p-149 },      /* least subnormal */
		{ 0x1p-200, SB_FMT_F32, 0x1p-149 },      /* below: the floor */
		{ 0.0, SB_FMT_F32, 0x1p-149 },
		{ -0.75, SB_FMT_F32, 0x1p-24 },          /* magnitude counts */
		{ 0.5, SB_FMT_F64, 0x1p-53 },
		{ 0x1.fffffffffffffp-2, SB_FMT_F64, 0x1p-54 },
		{ 0x1p-1022, SB_FMT_F64, 0x1p-1074 },
		{ 0x1p-1021, SB_FMT_F64, 0x1p-1073 },
		{ 0x1p-1074, SB_FMT_F64, 0x1p-1074 },
		{ 0.0, SB_FMT_F64, 0x1p-1074 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double got = sb_ulp(cases[i].y, cases[i].f);
		CHECK(got == cases[i].want, "ulp(%a, fmt %d) = %a, want %a", cases[i].y,
		      (int)cases[i].f, got, cases[i].want);
	}
}

static void test_ulp_error(void)
{
	/* sigma = 0.5 + 0.3 ulp: the CR value 0.5 scores 0.3, the next float 0.7 */
	struct sb_ref r = { .cr = 0.5, .frac = 0.3, .ulp = 0x1p-24, .sigma = 0.5 };
	CHECK(fabs(sb_ulp_error(0.5, &r) - 0.3) < 1e-12, "%g", sb_ulp_error(0.5, &r));
	CHECK(fabs(sb_ulp_error(0.5 + 0x1p-24, &r) - 0.7) < 1e-12, "%g", sb_ulp_error(0.5 + 0x1p-24, &r));
	CHECK(fabs(sb_ulp_error(0.5 - 0x1p-25, &r) - 0.8) < 1e-12, "below 1/2 the floats are "
	      "2^-25 apart but the error stays in ulps of sigma: %g", sb_ulp_error(0.5 - 0x1p-25, &r));
	CHECK(isinf(sb_ulp_error(NAN, &r)), "NaN output must be an infinite error");
	/* subnormal: the floor ulp applies */
	struct sb_ref s = { .cr = 0x1p-149, .frac = -0.25, .ulp = 0x1p-149, .sigma = 0x1.8p-150 };
	CHECK(sb_ulp_error(0.0, &s) == 0.75, "%g", sb_ulp_error(0.0, &s));
	CHECK(sb_ulp_error(0x1p-148, &s) == 1.25, "%g", sb_ulp_error(0x1p-148, &s));
	/* the real reference: sigma(1) correctly rounded scores <= 0.5 */
	struct sb_ref t;
	sb_ref_mpfr(1.0, SB_FMT_F32, &t);
	CHECK(sb_ulp_error(t.cr, &t) <= 0.5, "%g", sb_ulp_error(t.cr, &t));
	CHECK(sb_ulp_error(nextafterf((float)t.cr, 1), &t) > 0.5, "neighbour of CR must score > 0.5");
}

static void test_keys(void)
{
	CHECK(sb_key32(-INFINITY) == 0, "%u", sb_key32(-INFINITY));
	CHECK(sb_key32(INFINITY) == SB_NKEY32 - 1, "%u", sb_key32(INFINITY));
	CHECK(sb_key32(0.0f) == sb_key32(-0.0f) + 1, "-0 and +0 adjacent");
	CHECK(sb_key32(0x1p-149f) == sb_key32(0.0f) + 1, "+0 then least subnormal");
	float xs[] = { -INFINITY, -FLT_MAX, -1.0f, -0x1p-149f, -0.0f, 0.0f, 0x1p-149f, 1.0f, FLT_MAX, INFINITY };
	for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
		float back = sb_unkey32(sb_key32(xs[i]));
		CHECK(memcmp(&back, &xs[i], sizeof back) == 0, "round trip %a", xs[i]);
		if (i)
			CHECK(sb_key32(xs[i - 1]) < sb_key32(xs[i]), "order %a < %a", xs[i - 1], xs[i]);
	}
	CHECK(sb_unkey32(sb_key32(1.0f) + 1) == nextafterf(1.0f, 2), "next key is next float");
	CHECK(sb_unkey32(sb_key32(-1.0f) + 1) == nextafterf(-1.0f, 0), "next key up from -1");
	double ds[] = { -INFINITY, -DBL_MAX, -1.0, -0x1p-1074, -0.0, 0.0, 0x1p-1074, 1.0, DBL_MAX, INFINITY };
	for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
		double back = sb_unkey64(sb_key64(ds[i]));
		CHECK(memcmp(&back, &ds[i], sizeof back) == 0, "round trip %a", ds[i]);
		if (i)
			CHECK(sb_key64(ds[i - 1]) < sb_key64(ds[i]), "order %a < %a", ds[i - 1], ds[i]);
	}
	CHECK(sb_key64(-INFINITY) == 0, "f64 keys start at 0");
}

static void test_breakpoints(void)
{
	/* recomputed independently of the bisection: the first/last inputs of
	 * each interval must have the defining property, their neighbours not */
	for (int f = 0; f < 2; f++) {
		const struct sb_breakpoints *bp = sb_breakpoints((enum sb_fmt)f);
		double least_normal = f == 0 ? 0x1p-126 : 0x1p-1022;
		double (*cr)(double) = NULL;
		(void)cr;
#define CR(x) (f == 0 ? (double)sb_sigmoid_cr_f32((float)(x)) : sb_sigmoid_cr_f64(x))
#define UP(x) (f == 0 ? (double)nextafterf((float)(x), INFINITY) : nextafter((x), INFINITY))
#define DOWN(x) (f == 0 ? (double)nextafterf((float)(x), -INFINITY) : nextafter((x), -INFINITY))
		CHECK(CR(bp->zero_hi) == 0 && CR(UP(bp->zero_hi)) > 0, "zero_hi %a", bp->zero_hi);
		CHECK(CR(bp->sub_hi) < least_normal && CR(UP(bp->sub_hi)) >= least_normal, "sub_hi %a", bp->sub_hi);
		CHECK(CR(bp->tiny_lo) == 0.5 && CR(DOWN(bp->tiny_lo)) < 0.5, "tiny_lo %a", bp->tiny_lo);
		CHECK(CR(bp->tiny_hi) == 0.5 && CR(UP(bp->tiny_hi)) > 0.5, "tiny_hi %a", bp->tiny_hi);
		CHECK(CR(bp->one_lo) == 1 && CR(DOWN(bp->one_lo)) < 1, "one_lo %a", bp->one_lo);
#undef CR
#undef UP
#undef DOWN
	}
	const struct sb_breakpoints *b32 = sb_breakpoints(SB_FMT_F32);
	/* the facts sheet's figures, to the digits it gives */
	CHECK(fabs(b32->one_lo - 17.3286794842) < 1e-5, "%.10g", b32->one_lo);
	CHECK(fabs(b32->sub_hi - -87.3365447506) < 1e-5, "%.10g", b32->sub_hi);
	CHECK(fabs(b32->zero_hi - -103.972077084) < 1e-5, "%.10g", b32->zero_hi);
	CHECK(sb_interval_of(b32, -INFINITY) == SB_IV_UNDERFLOW, "-inf");
	CHECK(sb_interval_of(b32, INFINITY) == SB_IV_SATURATION, "+inf");
	CHECK(sb_interval_of(b32, 0.0) == SB_IV_TINY, "0");
	CHECK(sb_interval_of(b32, -2.0) == SB_IV_CENTRAL && sb_interval_of(b32, -2.0000002) == SB_IV_NEGATIVE, "-2");
}

int main(void)
{
	atexit(sb_ref_release_thread);
	test_ulp_edges();
	test_ulp_error();
	test_keys();
	test_breakpoints();
	return check_report("test_ulp");
}
