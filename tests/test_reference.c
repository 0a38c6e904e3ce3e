/* The reference against MPFR used a different way: sigma at a fixed 2000
 * bits (no Ziv loop), rounded with mpfr_subnormalize in the target format's
 * exponent range.  Then the fast float path against the certified one, and
 * its error bound against the exact value, at random inputs and around
 * every breakpoint. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <mpfr.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "sigmoid_ref.h"

#define BIG_PREC 2000

/* sigma(x) to BIG_PREC bits; 2000 bits leave ~1990 correct bits, far more
 * than any rounding decision near these inputs needs. */
static void sigma_big(mpfr_t v, double x)
{
	mpfr_t t;
	mpfr_init2(t, BIG_PREC);
	mpfr_set_d(t, -x, MPFR_RNDN);
	mpfr_exp(t, t, MPFR_RNDN);
	mpfr_add_ui(t, t, 1, MPFR_RNDN);
	mpfr_ui_div(v, 1, t, MPFR_RNDN);
	mpfr_clear(t);
}

/* Round the big value to the format with MPFR's own subnormal emulation. */
static double round_big(mpfr_t v, enum sb_fmt fmt)
{
	int p = fmt == SB_FMT_F32 ? 24 : 53;
	mpfr_exp_t emin = fmt == SB_FMT_F32 ? -148 : -1073, emax = fmt == SB_FMT_F32 ? 128 : 1024;
	mpfr_exp_t old_min = mpfr_get_emin(), old_max = mpfr_get_emax();
	mpfr_t r;
	mpfr_init2(r, p);
	mpfr_set_emin(emin);
	mpfr_set_emax(emax);
	int inex = mpfr_set(r, v, MPFR_RNDN);
	inex = mpfr_check_range(r, inex, MPFR_RNDN);
	mpfr_subnormalize(r, inex, MPFR_RNDN);
	mpfr_set_emin(old_min);
	mpfr_set_emax(old_max);
	double d = mpfr_get_d(r, MPFR_RNDN);
	mpfr_clear(r);
	return d;
}

static void compare_with_big(double x, enum sb_fmt fmt)
{
	mpfr_t v, diff;
	mpfr_init2(v, BIG_PREC);
	mpfr_init2(diff, BIG_PREC);
	sigma_big(v, x);
	double want = round_big(v, fmt);
	struct sb_ref r;
	sb_ref_mpfr(x, fmt, &r);
	CHECK(r.cr == want, "x=%a fmt=%d: cr %a, independent %a", x, (int)fmt, r.cr, want);
	/* ulp from the exponent of the 2000-bit value */
	int p = fmt == SB_FMT_F32 ? 24 : 53, emin = fmt == SB_FMT_F32 ? -149 : -1074;
	long e = mpfr_zero_p(v) ? emin + p : (long)mpfr_get_exp(v);
	double ulp = ldexp(1.0, e - p < emin ? emin : (int)(e - p));
	/* beyond x ~ 1386, 2000 bits round sigma up to 1: no binade information */
	if (!mpfr_zero_p(v) && mpfr_cmp_ui(v, 1) < 0)
		CHECK(r.ulp == ulp, "x=%a: ulp %a, independent %a", x, r.ulp, ulp);
	mpfr_sub_d(diff, v, want, MPFR_RNDN);
	mpfr_div_d(diff, diff, ulp, MPFR_RNDN);
	double frac = mpfr_get_d(diff, MPFR_RNDN);
	CHECK(fabs(r.frac - frac) <= 0x1p-30, "x=%a: frac %.12f, independent %.12f", x, r.frac, frac);
	CHECK(fabs(frac) <= 0.5, "x=%a: independent frac %.12f outside [-1/2,1/2]", x, frac);
	mpfr_clear(v);
	mpfr_clear(diff);
}

static uint64_t rng_state = 0x243F6A8885A308D3u;
static uint64_t rnd64(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static float rnd_float_bits(void)
{
	uint32_t b = (uint32_t)rnd64();
	float f;
	memcpy(&f, &b, sizeof f);
	return f;
}

static double rnd_double_bits(void)
{
	uint64_t b = rnd64();
	double d;
	memcpy(&d, &b, sizeof d);
	return d;
}

/* Inputs where something changes: breakpoints of both formats (from
 * ../shared/SIGMOID-FACTS.md, recomputed by `sigbench breakpoints`), exp
 * overflow, the 1/2 binade edge, and simple values. */
static const double marks[] = {
	0.0, 1.0, -1.0, 2.0, -2.0, 8.0, -8.0, -8.47, 0.5, -0.5, 10.0, -10.0, 16.6355, 17.3286794842,
	-87.3365447506, -88.7228, -103.972077084, -104.0, -150.0, 37.429947750237, 36.74,
	-708.396418532264, -709.78, -745.133219101941, 64.0, 65.0, -65536.0, -65537.0,
	0x1p-23, -0x1p-24, 0x1p-52, -0x1p-53, 0x1p-60, -0x1p-60, 0x1p-61, 1e-30, -1e-30,
};

static void test_against_big(void)
{
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		for (int k = -3; k <= 3; k++) {
			float xf = (float)marks[i];
			for (int s = 0; s < (k < 0 ? -k : k); s++)
				xf = nextafterf(xf, k < 0 ? -INFINITY : INFINITY);
			compare_with_big(xf, SB_FMT_F32);
			double xd = marks[i];
			for (int s = 0; s < (k < 0 ? -k : k); s++)
				xd = nextafter(xd, k < 0 ? -INFINITY : INFINITY);
			compare_with_big(xd, SB_FMT_F64);
		}
	for (int i = 0; i < 3000; i++) {
		float xf = rnd_float_bits();
		if (!isnan(xf) && fabsf(xf) < 2e5f)
			compare_with_big(xf, SB_FMT_F32);
		double xd = rnd_double_bits();
		if (!isnan(xd) && fabs(xd) < 2e5)
			compare_with_big(xd, SB_FMT_F64);
		compare_with_big(-120 + 170 * (double)(rnd64() >> 11) * 0x1p-53, SB_FMT_F64);
		compare_with_big((float)(-120 + 150 * (double)(rnd64() >> 11) * 0x1p-53), SB_FMT_F32);
	}
}

static void test_specials(void)
{
	struct sb_ref r;
	sb_ref_mpfr(NAN, SB_FMT_F32, &r);
	CHECK(isnan(r.cr), "NaN -> %a", r.cr);
	sb_ref_mpfr(INFINITY, SB_FMT_F32, &r);
	CHECK(r.cr == 1 && r.ulp == 0x1p-23 && r.frac == 0, "+Inf -> %a ulp %a", r.cr, r.ulp);
	sb_ref_mpfr(-INFINITY, SB_FMT_F64, &r);
	CHECK(r.cr == 0 && !signbit(r.cr) && r.ulp == 0x1p-1074, "-Inf -> %a", r.cr);
	sb_ref_mpfr(-0.0, SB_FMT_F32, &r);
	CHECK(r.cr == 0.5 && r.ulp == 0x1p-24 && r.frac == 0, "-0 -> %a ulp %a", r.cr, r.ulp);
	sb_ref_mpfr(-0x1p-100, SB_FMT_F32, &r);
	CHECK(r.cr == 0.5 && r.ulp == 0x1p-25 && r.frac < 0, "-2^-100: ulp %a frac %g", r.ulp, r.frac);
	CHECK(sb_sigmoid_cr_f32(FLT_MAX) == 1.0f && sb_sigmoid_cr_f32(-FLT_MAX) == 0.0f, "+-max");
	CHECK(sb_sigmoid_cr_f64(-0x1p-1074) == 0.5, "-min subnormal");
}

/* The fast float path: where it claims certainty it must agree with MPFR,
 * and its double value must honour SB_FAST_REL_BOUND with margin. */
static double worst_rel = 0;
static unsigned long certain, uncertain;

static void fast_one(float x)
{
	struct sb_ref f, m;
	if (isnan(x) || isinf(x))
		return; /* closed forms of sb_ref_mpfr */
	if (!sb_ref_fast_f32(x, &f)) {
		uncertain++;
		return;
	}
	certain++;
	sb_ref_mpfr(x, SB_FMT_F32, &m);
	CHECK(f.cr == m.cr && f.ulp == m.ulp, "x=%a: fast cr %a ulp %a, MPFR cr %a ulp %a",
	      x, f.cr, f.ulp, m.cr, m.ulp);
	CHECK(fabs(f.frac - m.frac) < 0x1p-20, "x=%a: fast frac %.9f, MPFR %.9f", x, f.frac, m.frac);
	/* |d - sigma| with sigma = cr + frac*ulp; d = f.sigma */
	double err = fabs((f.sigma - m.cr) - m.frac * m.ulp);
	double sigma = m.cr + m.frac * m.ulp;
	double slack = err - 0x1p-1072;
	if (sigma > 0 && slack > 0 && slack / sigma > worst_rel)
		worst_rel = slack / sigma;
	CHECK(err <= SB_FAST_REL_BOUND / 4 * sigma + SB_FAST_ABS_BOUND / 4,
	      "x=%a: fast double off by %g (sigma %g): bound violated", x, err, sigma);
}

static void test_fast_path(void)
{
	for (int i = 0; i < 400000; i++) {
		fast_one(rnd_float_bits());
		fast_one((float)(-110 + 130 * (double)(rnd64() >> 11) * 0x1p-53));
	}
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		float a = (float)marks[i], b = a;
		for (int k = 0; k < 3000; k++) {
			fast_one(a);
			fast_one(b);
			a = nextafterf(a, -INFINITY);
			b = nextafterf(b, INFINITY);
		}
	}
	printf("fast path: %lu certain, %lu sent to MPFR; worst relative error of its double "
	       "%.3g = 2^%.2f (bound used: 2^-48)\n", certain, uncertain, worst_rel, log2(worst_rel));
	CHECK(worst_rel < 0x1p-50, "fast double's error %g is closer to the bound than proven", worst_rel);
	CHECK(certain > 1000 * uncertain, "fast path undecided too often: %lu of %lu", uncertain, certain);
}

int main(void)
{
	atexit(sb_ref_release_thread);
	CHECK(mpfr_buildopt_tls_p(), "MPFR was built without thread-local storage: sweeps would race");
	test_specials();
	test_against_big();
	test_fast_path();
	return check_report("test_reference");
}
