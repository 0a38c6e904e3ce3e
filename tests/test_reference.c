/* The reference against MPFR used a different way: sigma at a fixed 2000
 * bits (no Ziv loop), rounded with mpfr_subnormalize in the target format's
 * exponent range.  Then the fast float path against the certified one, and
 * its error bound against the exact value, at random inputs and around
 * every breakpoint.  The SIMD blocks against the scalar path bit for bit,
 * and the exp they share (exp_ref.c) against MPFR: its table entry by
 * entry, its error against the bound proven there. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <mpfr.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "exp_ref.h"
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


/* exp_ref's table: scale_j = RN(2^(j/N)) and tail_j within 2^-107 of
 * 2^(j/N)/scale_j - 1 (exp_ref.c, step 3). */
static void test_exp_table(void)
{
	const uint64_t *tab = sb_exp_ref_table();
	mpfr_t t, s;
	mpfr_inits2(300, t, s, (mpfr_ptr)0);
	for (int j = 0; j < SB_EXP_N; j++) {
		uint64_t sb = tab[2 * j + 1] + ((uint64_t)j << (52 - SB_EXP_TABLE_BITS));
		double scale, tail;
		memcpy(&scale, &sb, sizeof scale);
		memcpy(&tail, &tab[2 * j], sizeof tail);
		mpfr_set_si(t, j, MPFR_RNDN);
		mpfr_div_ui(t, t, SB_EXP_N, MPFR_RNDN);
		mpfr_exp2(t, t, MPFR_RNDN);
		CHECK(scale == mpfr_get_d(t, MPFR_RNDN), "table %d: scale %a", j, scale);
		mpfr_set_d(s, scale, MPFR_RNDN);
		mpfr_div(t, t, s, MPFR_RNDN);
		mpfr_sub_ui(t, t, 1, MPFR_RNDN);
		mpfr_sub_d(t, t, tail, MPFR_RNDN);
		CHECK(mpfr_cmp_d(t, 0x1p-107) <= 0 && mpfr_cmp_d(t, -0x1p-107) >= 0,
		      "table %d: tail %a off by %g", j, tail, mpfr_get_d(t, MPFR_RNDN));
	}
	mpfr_clears(t, s, (mpfr_ptr)0);
}

/* exp_ref against MPFR: relative error within the proven 1.03 u. */
static double exp_worst;
static unsigned long exp_n, exp_same_libm;

static void exp_one(double a)
{
	mpfr_t t;
	mpfr_init2(t, 300);
	mpfr_set_d(t, a, MPFR_RNDN);
	mpfr_exp(t, t, MPFR_RNDN);
	double e = sb_exp_ref(a);
	mpfr_sub_d(t, t, e, MPFR_RNDN);
	mpfr_div_d(t, t, e, MPFR_RNDN);
	double rel = fabs(mpfr_get_d(t, MPFR_RNDN)) / 0x1p-53; /* in units of u */
	exp_worst = rel > exp_worst ? rel : exp_worst;
	CHECK(rel <= 1.03, "exp_ref(%a) = %a: error %.4f u above the proven 1.03 u", a, e, rel);
	exp_n++;
	exp_same_libm += e == exp(a);
	mpfr_clear(t);
}

static void test_exp_ref(void)
{
	for (int i = 0; i < 200000; i++) {
		double u = (double)(rnd64() >> 11) * 0x1p-53;
		exp_one(-SB_EXP_REF_LIMIT * u);
		exp_one(SB_EXP_REF_LIMIT * u * 0.999);
		exp_one(-0.01 * u); /* k = 0 and its neighbours */
	}
	/* round-to-integer ties of a N/ln2 (|r| at its largest) */
	for (int k = -94000; k <= 94000; k += 37)
		exp_one((k + 0.5) * 0x1.62e42fefa39efp-1 / SB_EXP_N);
	printf("exp_ref: %lu inputs, worst relative error %.4f u (proven: 1.03 u); equal to "
	       "this libm's exp at %lu of them\n", exp_n, exp_worst, exp_same_libm);
}

/* sb_ref_f32_block on every path this CPU runs, bit for bit against
 * sb_ref_f32, at inputs of every kind (NaN, infinities, zeros, subnormals,
 * every interval, the breakpoints' neighbourhoods) in every lane. */
static int same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

static void block_check(const float *x, size_t n)
{
	enum { MAXN = 4096 };
	static double got[4][MAXN];
	for (int isa = SB_REF_ISA_SCALAR; isa <= SB_REF_ISA_AVX512; isa++) {
		if (!sb_ref_f32_block_isa((enum sb_ref_isa)isa, x, n, got[0], got[1], got[2], got[3]))
			continue;
		for (size_t i = 0; i < n; i++) {
			struct sb_ref r;
			sb_ref_f32(x[i], &r);
			double want[4] = { r.cr, r.frac, r.ulp, r.sigma };
			for (int f = 0; f < 4; f++)
				CHECK(same_bits(got[f][i], want[f]) || (isnan(got[f][i]) && isnan(want[f])),
				      "block isa %d x=%a field %d: %a, scalar %a", isa, x[i], f,
				      got[f][i], want[f]);
		}
	}
}

static void test_block(void)
{
	enum { N = 4096 };
	static float x[N];
	for (int rep = 0; rep < 64; rep++) {
		for (size_t i = 0; i < N; i++)
			x[i] = rep % 2 ? rnd_float_bits()
				       : (float)(-800 + 1000 * (double)(rnd64() >> 11) * 0x1p-53);
		block_check(x, N - (size_t)rep); /* odd lengths: the scalar tail */
	}
	static const float special[] = { 0.0f, -0.0f, INFINITY, -INFINITY, NAN, 0x1p-149f, -0x1p-149f,
					 0x1p-25f, -0x1p-25f, 0x1p-24f, -0x1p-24f, 512.0f, -512.0f,
					 745.2f, -745.2f, 746.0f, -746.0f, 104.0f, -150.0f };
	block_check(special, sizeof special / sizeof special[0]);
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		float a = (float)marks[i];
		for (int k = 0; k < N / 2; k++)
			a = nextafterf(a, -INFINITY);
		for (size_t k = 0; k < N; k++, a = nextafterf(a, INFINITY))
			x[k] = a;
		block_check(x, N);
	}
	int paths = 0;
	double none[1];
	for (int isa = SB_REF_ISA_SCALAR; isa <= SB_REF_ISA_AVX512; isa++)
		paths += sb_ref_f32_block_isa((enum sb_ref_isa)isa, x, 0, none, none, none, none);
	printf("reference blocks: %d path(s) checked bit for bit against sb_ref_f32\n", paths);
}

int main(void)
{
	atexit(sb_ref_release_thread);
	CHECK(mpfr_buildopt_tls_p(), "MPFR was built without thread-local storage: sweeps would race");
	test_specials();
	test_against_big();
	test_fast_path();
	test_exp_table();
	test_exp_ref();
	test_block();
	return check_report("test_reference");
}
