/* The family's references (reference/family_ref.h), two checks:
 *  - the float32 fast path agrees with MPFR (same cr, frac within 2^-20)
 *    wherever it answers, on every input below;
 *  - every MPFR answer is printed, one line "FN FMT X CR FRAC" (hex floats),
 *    for tests/family_ref_check.py to recompute independently with Python's
 *    decimal module.
 * Inputs: special points (0, the tiny and far closed-form edges, dsilu's
 * zero, subnormals, infinities) and seeded random ones (uniform bits,
 * uniform on [-40, 40], log-uniform magnitudes).
 *
 * With --block, the SIMD block sb_ref_fn_f32_block_isa on every path this
 * CPU runs instead: bit for bit the scalar sb_ref_fn_f32 (cr, frac, ulp,
 * value), and against MPFR the same cr and ulp, and the value within the
 * proven bound SB_FN_TERM_BOUND of f(x) (relative to the terms; frac within
 * that bound in ulps), on the special points, the floats around each edge the block
 * treats apart (family_block_impl.h) and each function's turning points,
 * random inputs, and every 65521st bit pattern (scalar comparison only).
 * cr is compared bit for bit everywhere: -0 is not +0.
 *
 * With --signs, the sign of each zero result at +-0 and where f underflows
 * (large |x|, infinities) on every path (MPFR f32 and f64, the scalar fast
 * path, the block on each ISA), against a table written from the rule in
 * family_ref.h, not computed from its code. */
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

static int same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

static int check_fast(enum sb_func fn, float x, const struct sb_ref *m)
{
	struct sb_ref f;
	if (!sb_ref_fn_fast_f32(fn, x, &f))
		return 0;
	if (same_bits(f.cr, m->cr) && fabs(f.frac - m->frac) <= 0x1p-20 && f.ulp == m->ulp)
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

/* Edges of the block's shortcuts and zones (family_block_impl.h), the
 * functions' turning points and zeros, where their results turn subnormal
 * or underflow, and where exp leaves exp_ref's range. */
static const float marks[] = {
	0.0f, 0x1p-55f, 0x1p-54f, 0x1p-29f, 0x1p-21f, 0x1p-20f, 0x1p-11f, 0x1p-10f, 0.375f, 1.0f, 2.0f,
	-1.2784645f, 1.3169579f, 2.3993572f, 20.1f, 36.7f, 37.43f, 39.0f, 87.3365f, 88.72f,
	103.97f, 104.0f, 150.0f, 512.0f, 745.13f, 746.0f, 0x1p-126f, 0x1.fffffep127f,
};

enum { WALK = 24, STRIDE = 65521 };

/* The block's inputs: specials, each mark with its WALK neighbours on both
 * sides (and its negative), random ones; returns how many. */
static size_t block_inputs(float *x, size_t cap, int nrandom)
{
	size_t n = 0;
	for (size_t i = 0; i < sizeof specials / sizeof specials[0] && n < cap; i++)
		x[n++] = (float)specials[i];
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		for (int sgn = 0; sgn < 2; sgn++) {
			float m = sgn ? -marks[i] : marks[i], lo = m, hi = m;
			for (int k = 0; k < WALK && n + 2 <= cap; k++) {
				lo = nextafterf(lo, -INFINITY);
				hi = nextafterf(hi, INFINITY);
				x[n++] = lo;
				x[n++] = hi;
			}
			if (n < cap)
				x[n++] = m;
		}
	}
	for (int i = 0; i < nrandom && n < cap; i++)
		x[n++] = (float)random_input(SB_FMT_F32, i % 3);
	return n;
}

/* The size of the terms family_fast.c's bound is relative to (its
 * comment): |f(x)|, or for dsilu at x < 0, t (1 + t + |x|)/(1+t)^2. */
static double terms_of(enum sb_func fn, float x, double fx)
{
	if (fn != SB_FN_DSILU || !(x < 0))
		return fabs(fx);
	double t = exp(x), d = 1 + t;
	return t * (d - x) / (d * d);
}

struct refs {
	double *cr, *frac, *ulp, *value;
};

/* One line on the first disagreements (block's value / the other's). */
static void report(int bad, const char *isa, const char *what, enum sb_func fn, float x,
		   const struct refs *b, size_t i, const struct sb_ref *r)
{
	if (bad > 10)
		return;
	fprintf(stderr, "%s block %s: %s(%a): cr %a/%a frac %a/%a ulp %a/%a value %a/%a\n", isa,
		what, sb_func_name(fn), (double)x, b->cr[i], r->cr, b->frac[i], r->frac, b->ulp[i],
		r->ulp, b->value[i], r->sigma);
}

static int block_vs_scalar(const char *isa, enum sb_func fn, const float *x, size_t n,
			   const struct refs *b)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		struct sb_ref r;
		sb_ref_fn_f32(fn, x[i], &r);
		if (same_bits(r.cr, b->cr[i]) && same_bits(r.frac, b->frac[i]) &&
		    same_bits(r.ulp, b->ulp[i]) && same_bits(r.sigma, b->value[i]))
			continue;
		report(++bad, isa, "differs from scalar", fn, x[i], b, i, &r);
	}
	return bad;
}

static int block_vs_mpfr(const char *isa, enum sb_func fn, const float *x, size_t n,
			 const struct refs *b)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(x[i]))
			continue;
		struct sb_ref m;
		sb_ref_fn_mpfr(fn, x[i], SB_FMT_F32, &m);
		double bound = terms_of(fn, x[i], m.sigma) * SB_FN_TERM_BOUND + SB_FN_ABS_FLOOR;
		/* frac errs by the value's error in ulps (near dsilu's zero, where
		 * the ulp is far below the terms, by up to ~2^-11), plus MPFR's own */
		double frac_tol = bound / m.ulp + 0x1p-30;
		if (same_bits(b->cr[i], m.cr) && b->ulp[i] == m.ulp && fabs(b->frac[i] - m.frac) <= frac_tol &&
		    fabs(b->value[i] - m.sigma) <= bound)
			continue;
		report(++bad, isa, "disagrees with MPFR", fn, x[i], b, i, &m);
	}
	return bad;
}

/* Where SiLU's x/2 or sigma''s -x/8 is a subnormal midpoint the fast path
 * answers as MPFR's closed form does (family_fast.c tiny_midpoint): the
 * block must give MPFR's bits there. */
static int midpoints_vs_mpfr(enum sb_ref_isa isa, const char *name)
{
	enum { N = 4096 };
	static float x[N];
	static double cr[N], frac[N], ulp[N], value[N];
	static const enum sb_func fns[] = { SB_FN_SILU, SB_FN_D2SIGMOID };
	int bad = 0;
	for (size_t f = 0; f < 2; f++) {
		/* x = odd multiples of 2 unit or 8 unit (unit 2^-150), so that the
		 * lead is a midpoint: the lowest ones and those just under 2^-125
		 * (SiLU) or 2^-123 (sigma''), both signs */
		int shift = fns[f] == SB_FN_SILU ? -149 : -147;
		size_t n = 0;
		for (int j = 0; n + 4 <= N; j++) {
			float lo = ldexpf((float)(2 * j + 1), shift);
			float hi = ldexpf((float)(0xffffff - 2 * j), shift);
			x[n++] = lo;
			x[n++] = -lo;
			x[n++] = hi;
			x[n++] = -hi;
		}
		if (!sb_ref_fn_f32_block_isa(isa, fns[f], x, N, cr, frac, ulp, value))
			return 0;
		struct refs b = { cr, frac, ulp, value };
		for (size_t i = 0; i < N; i++) {
			struct sb_ref m;
			sb_ref_fn_mpfr(fns[f], x[i], SB_FMT_F32, &m);
			if (same_bits(m.cr, cr[i]) && same_bits(m.frac, frac[i]) &&
			    same_bits(m.ulp, ulp[i]) && same_bits(m.sigma, value[i]))
				continue;
			report(++bad, name, "differs from MPFR's closed form", fns[f], x[i], &b, i, &m);
		}
	}
	return bad;
}

/* Every STRIDE-th bit pattern, from `start`. */
static size_t strided_inputs(float *x, size_t cap, uint32_t start)
{
	size_t n = 0;
	for (uint64_t b = start; b < (1ull << 32) && n < cap; b += STRIDE) {
		uint32_t u = (uint32_t)b;
		memcpy(&x[n++], &u, sizeof u);
	}
	return n;
}

static int check_blocks(int nrandom)
{
	static const struct {
		enum sb_ref_isa isa;
		const char *name;
	} isas[] = { { SB_REF_ISA_AVX512, "avx512" }, { SB_REF_ISA_AVX2, "avx2" },
		     { SB_REF_ISA_SCALAR, "scalar" } };
	size_t cap = (size_t)((1ull << 32) / STRIDE + 2);
	float *x = malloc(cap * sizeof *x);
	double *buf = malloc(4 * cap * sizeof *buf);
	struct refs b = { buf, buf + cap, buf + 2 * cap, buf + 3 * cap };
	int bad = 0;
	for (int fn = 1; fn < SB_FN_COUNT; fn++) {
		for (size_t k = 0; k < sizeof isas / sizeof isas[0]; k++) {
			size_t n = block_inputs(x, cap, nrandom);
			if (!sb_ref_fn_f32_block_isa(isas[k].isa, fn, x, n, b.cr, b.frac, b.ulp, b.value)) {
				fprintf(stderr, "%s: not on this CPU, skipped\n", isas[k].name);
				continue;
			}
			bad += block_vs_scalar(isas[k].name, fn, x, n, &b);
			bad += block_vs_mpfr(isas[k].name, fn, x, n, &b);
			n = strided_inputs(x, cap, (uint32_t)(fn * 7919 + (int)k));
			sb_ref_fn_f32_block_isa(isas[k].isa, fn, x, n, b.cr, b.frac, b.ulp, b.value);
			bad += block_vs_scalar(isas[k].name, fn, x, n, &b);
		}
	}
	for (size_t k = 0; k < sizeof isas / sizeof isas[0]; k++)
		bad += midpoints_vs_mpfr(isas[k].isa, isas[k].name);
	free(x);
	free(buf);
	sb_ref_release_thread();
	if (bad)
		fprintf(stderr, "%d block disagreements\n", bad);
	return bad != 0;
}

/* The zero each function rounds to at x = +0, -0, and x -> +inf, -inf
 * (+1: +0, -1: -0, 0: not a zero there), from family_ref.h's rule: f's sign
 * on the input's side; at +-0 the limit from that side (s'' ~ -x/8). */
static const int zero_sign[SB_FN_COUNT][4] = {
	[SB_FN_SIGMOID] = { 0, 0, 0, 1 },
	[SB_FN_DSIGMOID] = { 0, 0, 1, 1 },
	[SB_FN_D2SIGMOID] = { -1, 1, -1, 1 },
	[SB_FN_LOGSIGMOID] = { 0, 0, -1, 0 },
	[SB_FN_SILU] = { 1, -1, 0, -1 },
	[SB_FN_DSILU] = { 0, 0, 0, -1 },
};

/* Magnitudes where every f with a zero column above underflows: in float
 * from 200 (e^-200 < 2^-288), in double from 800 (800 e^-800 < 2^-1140);
 * 746 is where e^-x underflows in double (the fast path's t = 0). */
static const double far_f32[] = { 200.0, 746.0, 800.0, 1e5, 0x1p127, INFINITY };
static const double far_f64[] = { 800.0, 1e5, 1e30, 0x1p1023, INFINITY };

static int sign_bad(const char *path, enum sb_func fn, double x, int col, double cr)
{
	int want = zero_sign[fn][col];
	if (want == 0 ? cr != 0 : same_bits(cr, copysign(0.0, want)))
		return 0;
	fprintf(stderr, "%s: %s(%a) = %a, want %s\n", path, sb_func_name(fn), x, cr,
		want == 0 ? "not a zero" : want > 0 ? "+0" : "-0");
	return 1;
}

/* Column of zero_sign for x: +0, -0, +far, -far. */
static int sign_col(double x)
{
	return x == 0 ? (signbit(x) ? 1 : 0) : x > 0 ? 2 : 3;
}

static int signs_f32(enum sb_func fn, const float *x, size_t n)
{
	static const enum sb_ref_isa isas[] = { SB_REF_ISA_AVX512, SB_REF_ISA_AVX2,
						SB_REF_ISA_SCALAR };
	static const char *const names[] = { "block avx512", "block avx2", "block scalar" };
	double cr[32], frac[32], ulp[32], value[32];
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		struct sb_ref r;
		sb_ref_fn_mpfr(fn, x[i], SB_FMT_F32, &r);
		bad += sign_bad("mpfr f32", fn, x[i], sign_col(x[i]), r.cr);
		if (sb_ref_fn_fast_f32(fn, x[i], &r))
			bad += sign_bad("fast f32", fn, x[i], sign_col(x[i]), r.cr);
		sb_ref_fn_f32(fn, x[i], &r);
		bad += sign_bad("f32", fn, x[i], sign_col(x[i]), r.cr);
	}
	for (size_t k = 0; fn != SB_FN_SIGMOID && k < sizeof isas / sizeof isas[0]; k++)
		if (sb_ref_fn_f32_block_isa(isas[k], fn, x, n, cr, frac, ulp, value))
			for (size_t i = 0; i < n; i++)
				bad += sign_bad(names[k], fn, x[i], sign_col(x[i]), cr[i]);
	return bad;
}

static int check_signs(void)
{
	int bad = 0;
	for (int fn = 0; fn < SB_FN_COUNT; fn++) {
		float x[32];
		size_t n = 0;
		x[n++] = 0.0f;
		x[n++] = -0.0f;
		for (size_t i = 0; i < sizeof far_f32 / sizeof far_f32[0]; i++) {
			x[n++] = (float)far_f32[i];
			x[n++] = (float)-far_f32[i];
		}
		bad += signs_f32(fn, x, n);
		for (size_t i = 0; i < 2 + 2 * sizeof far_f64 / sizeof far_f64[0]; i++) {
			double xd = i < 2 ? (i ? -0.0 : 0.0) : (i % 2 ? -1 : 1) * far_f64[i / 2 - 1];
			struct sb_ref r;
			sb_ref_fn_mpfr(fn, xd, SB_FMT_F64, &r);
			bad += sign_bad("mpfr f64", fn, xd, sign_col(xd), r.cr);
		}
	}
	sb_ref_release_thread();
	if (bad)
		fprintf(stderr, "%d zeros of the wrong sign (or not zeros)\n", bad);
	return bad != 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--block") == 0)
		return check_blocks(argc > 2 ? atoi(argv[2]) : 3000);
	if (argc > 1 && strcmp(argv[1], "--signs") == 0)
		return check_signs();
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
