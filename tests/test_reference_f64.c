/* The float64 fast path (reference/sigmoid_f64.c) against sb_ref_mpfr, bit
 * for bit in every field, where it answers: random inputs of every range it
 * covers and the neighbourhoods of the places where something changes
 * (the closed forms' edges, exp overflow, subnormal and vanishing outputs,
 * frac's underflow, the sweep's breakpoints).  Its exp against MPFR at 400
 * bits, within the bound proven there; and the block with its fallback
 * counter, closed forms included. */
#include <math.h>
#include <mpfr.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sigmoid_ref.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint64_t rnd64(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static double uniform(double lo, double hi)
{
	return lo + (hi - lo) * (double)(rnd64() >> 11) * 0x1p-53;
}

static int same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

static unsigned long answered, asked;

/* Returns whether the fast path answered x. */
static int compare_one(double x)
{
	struct sb_ref f, m;
	asked++;
	if (!sb_ref_fast_f64(x, &f))
		return 0;
	answered++;
	sb_ref_mpfr(x, SB_FMT_F64, &m);
	CHECK(same_bits(f.cr, m.cr) && same_bits(f.frac, m.frac) && same_bits(f.ulp, m.ulp) &&
		      same_bits(f.sigma, m.sigma),
	      "x=%a: fast {%a %a %a %a}, MPFR {%a %a %a %a}", x, f.cr, f.frac, f.ulp, f.sigma, m.cr,
	      m.frac, m.ulp, m.sigma);
	return 1;
}

/* Random inputs of each range the fast path covers. */
static void test_random(void)
{
	unsigned long central = 0, central_answered = 0;
	for (int i = 0; i < 40000; i++) {
		double x = uniform(-40, 40);
		central++;
		central_answered += (unsigned long)compare_one(x);
		double mag = exp2(uniform(-60, 17)); /* log-uniform over the whole range */
		compare_one(rnd64() >> 63 ? -mag : mag);
		compare_one(uniform(-1500, -700)); /* subnormal, vanishing, frac underflowing */
		compare_one(uniform(-65536, -1500));
		compare_one(uniform(36, 64));
	}
	/* The proof makes about 1 in 150 undecided (a 117-bit midpoint within
	 * 4 units of 2^-127 of R, 2^10 or 2^11 units apart); many more would
	 * mean the bound or the test went wrong. */
	double rate = 1 - (double)central_answered / (double)central;
	CHECK(rate < 0.02, "the fast path left %.2f%% of [-40, 40] to MPFR", 100 * rate);
	printf("reference f64: fast path answered %lu of %lu random inputs (%.2f%% of [-40, 40] "
	       "left to MPFR)\n", answered, asked, 100 * rate);
}

static const double marks[] = {
	0x1p-60, -0x1p-60, 0x1.0000000000001p-60, 1e-10, -1e-10, 0.34657359027997264, -0.34657359027997264,
	1.0, -1.0, 36.7368005696771, 37.42994775023705, 64.0, -36.7368005696771,
	-708.3964185322641, -709.782712893384, -744.4400719213812, -745.1332191019411, -745.2,
	-1489.0, -1489.6, -1490.0, -2000.0, -65536.0, -65535.99999999999,
	/* the f64 breakpoints (sigbench breakpoints) */
	-0x1.74910d52d3052p+9, -0x1.6232bdd7abcd3p+9, -2.0, 2.0, -0x1p-53, 0x1p-52,
	0x1.2b708872320e1p+5,
};

/* Each mark's 2000 neighbouring doubles. */
static void test_marks(void)
{
	unsigned long before = answered;
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		double x = marks[i];
		for (int k = 0; k < 1000; k++)
			x = nextafter(x, -INFINITY);
		for (int k = 0; k < 2000; k++, x = nextafter(x, INFINITY))
			compare_one(x);
	}
	CHECK(answered - before > 1000, "the fast path answered only %lu inputs near the marks",
	      answered - before);
}

static double exp_worst;

/* |R - exp(y) 2^(127-k)| for one y, at 400 bits. */
static void exp_one(double y)
{
	uint64_t hi, lo;
	int k;
	sb_ref_f64_exp_fixed(y, &hi, &lo, &k);
	mpfr_t e, r;
	mpfr_inits2(400, e, r, (mpfr_ptr)0);
	mpfr_set_d(e, y, MPFR_RNDN);
	mpfr_exp(e, e, MPFR_RNDN);
	mpfr_mul_2si(e, e, 127 - k, MPFR_RNDN);
	mpfr_set_ui(r, (unsigned long)hi, MPFR_RNDN);
	mpfr_mul_2ui(r, r, 64, MPFR_RNDN);
	mpfr_add_ui(r, r, (unsigned long)lo, MPFR_RNDN);
	mpfr_sub(r, r, e, MPFR_RNDN);
	double err = fabs(mpfr_get_d(r, MPFR_RNDN));
	CHECK(err <= SB_F64_EXP_ERR, "y=%a: |R - exp(y) 2^(127-k)| = %g > %d", y, err, SB_F64_EXP_ERR);
	if (err > exp_worst)
		exp_worst = err;
	mpfr_clears(e, r, (mpfr_ptr)0);
}

/* The exp's bound over its whole range, and where its reductions switch:
 * half-way between multiples of ln 2 (k changes) and between the table's
 * points j/64 (j changes). */
static void test_exp_bound(void)
{
	for (int i = 0; i < 20000; i++) {
		exp_one(uniform(-64, 64));
		double mag = exp2(uniform(-60, 16));
		exp_one(rnd64() >> 63 ? -mag : mag);
	}
	for (int k = -92; k <= 2200; k += 7) {
		double y = (k + 0.5) * 0.6931471805599453;
		exp_one(y);
		exp_one(nextafter(y, 0));
		exp_one(nextafter(y, INFINITY));
	}
	for (int j = -22; j <= 22; j++) {
		double y = (j + 0.5) / 64.0;
		exp_one(y);
		exp_one(y + 20 * 0.6931471805599453);
	}
	exp_one(65536);
	exp_one(-64);
	printf("reference f64: exp within %.3f of %d units of 2^-127 (proven bound)\n", exp_worst,
	       SB_F64_EXP_ERR);
}

/* The block: every field as sb_ref_mpfr gives it, closed forms included,
 * and the counter counts exactly the inputs the fast path left to MPFR. */
static void test_block(void)
{
	enum { N = 3000 };
	static double x[N], got[4][N];
	static const double closed[] = { NAN, INFINITY, -INFINITY, 0.0, -0.0, 0x1p-61, 64.5, 1e300,
					 -65537, -1e300, 0x1p-1074 };
	size_t n = 0;
	for (size_t i = 0; i < sizeof closed / sizeof closed[0]; i++)
		x[n++] = closed[i];
	while (n < N)
		x[n++] = uniform(-750, 64);
	unsigned long undecided = 0;
	for (size_t i = 0; i < N; i++) {
		struct sb_ref r;
		int open = fabs(x[i]) >= 0x1p-60 && x[i] >= -65536 && x[i] <= 64;
		undecided += (unsigned long)(open && !sb_ref_fast_f64(x[i], &r));
	}
	unsigned long long before = sb_ref_fallbacks_f64();
	sb_ref_f64_block(x, N, got[0], got[1], got[2], got[3]);
	CHECK(sb_ref_fallbacks_f64() - before == undecided, "fallback counter moved by %llu, %lu undecided",
	      sb_ref_fallbacks_f64() - before, undecided);
	CHECK(undecided > 0, "no input of %d went to MPFR: the fallback went untested", N);
	for (size_t i = 0; i < N; i++) {
		struct sb_ref m;
		sb_ref_mpfr(x[i], SB_FMT_F64, &m);
		double want[4] = { m.cr, m.frac, m.ulp, m.sigma };
		for (int f = 0; f < 4; f++)
			CHECK(same_bits(got[f][i], want[f]) || (isnan(got[f][i]) && isnan(want[f])),
			      "block x=%a field %d: %a, MPFR %a", x[i], f, got[f][i], want[f]);
	}
}

int main(void)
{
	atexit(sb_ref_release_thread);
	test_random();
	test_marks();
	test_exp_bound();
	test_block();
	return check_report("test_reference_f64");
}
