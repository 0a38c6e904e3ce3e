/* sb_ref_f32 over a block of inputs, in SIMD: AVX-512F (8 lanes) or
 * AVX2 + FMA (4 lanes), chosen at run time, else one input at a time.
 * The lanes repeat sb_ref_fast_f32's operations exactly (exp as exp_ref.c),
 * so the results are bitwise those of sb_ref_f32 on any path: the bound
 * proven in sigmoid_fast.c and exp_ref.c carries over unchanged, and the
 * inputs it cannot settle still go to MPFR.  tests/test_reference.c
 * compares the block with sb_ref_f32 bit for bit.  The family's other
 * functions do the same over these operations (family_block_impl.h:
 * bitwise sb_ref_fn_f32; tests/test_family_ref.c). */
#include <immintrin.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "exp_ref.h"
#include "family_kernels.h"
#include "family_ref.h"
#include "sigmoid_ref.h"

/* The bits of SB_EXP_SHIFT: exp_ref's z, and so its table index, where
 * every lane rounds to k = 0. */
static inline uint64_t sb_exp_shift_bits(void)
{
	double shift = SB_EXP_SHIFT;
	uint64_t bits;
	memcpy(&bits, &shift, sizeof bits);
	return bits;
}

static void scalar_one(float x, double *cr, double *frac, double *ulp, double *sigma)
{
	struct sb_ref r;
	sb_ref_f32(x, &r);
	*cr = r.cr;
	*frac = r.frac;
	*ulp = r.ulp;
	*sigma = r.sigma;
}

static void fam_scalar_one(enum sb_func fn, float x, double *cr, double *frac, double *ulp,
			   double *value)
{
	struct sb_ref r;
	sb_ref_fn_f32(fn, x, &r);
	*cr = r.cr;
	*frac = r.frac;
	*ulp = r.ulp;
	*value = r.sigma;
}

/* ---- AVX-512F ---- */
#define TARGET __attribute__((target("avx512f")))
#define SUFFIX(name) name##_avx512
#define W 8
#define V __m512d
#define VI __m512i
#define M __mmask8
#define V_SET(c) _mm512_set1_pd(c)
#define V_LOADF(p) _mm512_cvtps_pd(_mm256_loadu_ps(p))
#define V_STORE(p, v) _mm512_storeu_pd(p, v)
#define V_ADD _mm512_add_pd
#define V_SUB _mm512_sub_pd
#define V_MUL _mm512_mul_pd
#define V_DIV _mm512_div_pd
#define V_FMA _mm512_fmadd_pd
#define V_ABS(v) D_OF(I_AND(I_OF(v), 0x7fffffffffffffff))
#define V_ROUNDF(v) _mm512_cvtps_pd(_mm512_cvtpd_ps(v))
#define V_SEL(m, a, b) _mm512_mask_blend_pd(m, b, a)
#define I_OF _mm512_castpd_si512
#define D_OF _mm512_castsi512_pd
#define I_SET(c) _mm512_set1_epi64(c)
#define I_AND(v, c) _mm512_and_si512(v, _mm512_set1_epi64((long long)(c)))
#define I_ADD _mm512_add_epi64
#define I_SUB _mm512_sub_epi64
#define I_SLL(v, n) _mm512_slli_epi64(v, n)
#define I_GATHER(idx, tab) _mm512_i64gather_epi64(idx, (const void *)(tab), 8)
#define M_LT(a, b) _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ)
#define M_LE(a, b) _mm512_cmp_pd_mask(a, b, _CMP_LE_OQ)
#define M_GT(a, b) _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ)
#define M_GE(a, b) _mm512_cmp_pd_mask(a, b, _CMP_GE_OQ)
#define M_EQ(a, b) _mm512_cmp_pd_mask(a, b, _CMP_EQ_OQ)
#define M_AND(a, b) ((M)((a) & (b)))
#define M_OR(a, b) ((M)((a) | (b)))
#define M_NOT(a) ((M)~(a))
#define M_ANDNOT(a, b) ((M)(~(a) & (b)))
#define M_BITS(m) ((unsigned)(m))
#include "sigmoid_block_impl.h"
#include "family_block_impl.h"
#undef TARGET
#undef SUFFIX
#undef W
#undef V
#undef VI
#undef M
#undef V_SET
#undef V_LOADF
#undef V_STORE
#undef V_ADD
#undef V_SUB
#undef V_MUL
#undef V_DIV
#undef V_FMA
#undef V_ABS
#undef V_ROUNDF
#undef V_SEL
#undef I_OF
#undef D_OF
#undef I_SET
#undef I_AND
#undef I_ADD
#undef I_SUB
#undef I_SLL
#undef I_GATHER
#undef M_LT
#undef M_LE
#undef M_GT
#undef M_GE
#undef M_EQ
#undef M_AND
#undef M_OR
#undef M_NOT
#undef M_ANDNOT
#undef M_BITS

/* ---- AVX2 + FMA: masks are all-ones/all-zeros lanes of a double vector ---- */
#define TARGET __attribute__((target("avx2,fma")))
#define SUFFIX(name) name##_avx2
#define W 4
#define V __m256d
#define VI __m256i
#define M __m256d
#define V_SET(c) _mm256_set1_pd(c)
#define V_LOADF(p) _mm256_cvtps_pd(_mm_loadu_ps(p))
#define V_STORE(p, v) _mm256_storeu_pd(p, v)
#define V_ADD _mm256_add_pd
#define V_SUB _mm256_sub_pd
#define V_MUL _mm256_mul_pd
#define V_DIV _mm256_div_pd
#define V_FMA _mm256_fmadd_pd
#define V_ABS(v) D_OF(I_AND(I_OF(v), 0x7fffffffffffffff))
#define V_ROUNDF(v) _mm256_cvtps_pd(_mm256_cvtpd_ps(v))
#define V_SEL(m, a, b) _mm256_blendv_pd(b, a, m)
#define I_OF _mm256_castpd_si256
#define D_OF _mm256_castsi256_pd
#define I_SET(c) _mm256_set1_epi64x(c)
#define I_AND(v, c) _mm256_and_si256(v, _mm256_set1_epi64x((long long)(c)))
#define I_ADD _mm256_add_epi64
#define I_SUB _mm256_sub_epi64
#define I_SLL(v, n) _mm256_slli_epi64(v, n)
#define I_GATHER(idx, tab) _mm256_i64gather_epi64((const long long *)(const void *)(tab), idx, 8)
#define M_LT(a, b) _mm256_cmp_pd(a, b, _CMP_LT_OQ)
#define M_LE(a, b) _mm256_cmp_pd(a, b, _CMP_LE_OQ)
#define M_GT(a, b) _mm256_cmp_pd(a, b, _CMP_GT_OQ)
#define M_GE(a, b) _mm256_cmp_pd(a, b, _CMP_GE_OQ)
#define M_EQ(a, b) _mm256_cmp_pd(a, b, _CMP_EQ_OQ)
#define M_AND _mm256_and_pd
#define M_OR _mm256_or_pd
#define M_NOT(a) _mm256_xor_pd(a, D_OF(_mm256_set1_epi64x(-1)))
#define M_ANDNOT _mm256_andnot_pd
#define M_BITS(m) ((unsigned)_mm256_movemask_pd(m))
#include "sigmoid_block_impl.h"
#include "family_block_impl.h"

static void block_scalar(const float *x, size_t n, double *cr, double *frac, double *ulp,
			 double *sigma)
{
	for (size_t i = 0; i < n; i++)
		scalar_one(x[i], cr + i, frac + i, ulp + i, sigma + i);
}

typedef void block_fn(const float *, size_t, double *, double *, double *, double *);

/* The path for `isa` (SB_REF_ISA_*) if this CPU runs it, else NULL. */
static block_fn *path(enum sb_ref_isa isa)
{
	__builtin_cpu_init();
	switch (isa) {
	case SB_REF_ISA_AVX512:
		return __builtin_cpu_supports("avx512f") ? block_avx512 : NULL;
	case SB_REF_ISA_AVX2:
		return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? block_avx2
										   : NULL;
	case SB_REF_ISA_SCALAR:
		return block_scalar;
	}
	return NULL;
}

int sb_ref_f32_block_isa(enum sb_ref_isa isa, const float *x, size_t n, double *cr, double *frac,
			 double *ulp, double *sigma)
{
	block_fn *f = path(isa);
	if (!f)
		return 0;
	f(x, n, cr, frac, ulp, sigma);
	return 1;
}

void sb_ref_f32_block(const float *x, size_t n, double *cr, double *frac, double *ulp,
		      double *sigma)
{
	static const enum sb_ref_isa order[] = { SB_REF_ISA_AVX512, SB_REF_ISA_AVX2, SB_REF_ISA_SCALAR };
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (sb_ref_f32_block_isa(order[i], x, n, cr, frac, ulp, sigma))
			return;
}

static void fam_block_scalar(enum sb_func fn, const float *x, size_t n, double *cr, double *frac,
			     double *ulp, double *value)
{
	for (size_t i = 0; i < n; i++)
		fam_scalar_one(fn, x[i], cr + i, frac + i, ulp + i, value + i);
}

typedef void fam_block_fn(enum sb_func, const float *, size_t, double *, double *, double *,
			  double *);

/* The family's path for `isa`, as path() chooses sigma's. */
static fam_block_fn *fam_path(enum sb_ref_isa isa)
{
	if (!path(isa))
		return NULL;
	switch (isa) {
	case SB_REF_ISA_AVX512:
		return fam_block_avx512;
	case SB_REF_ISA_AVX2:
		return fam_block_avx2;
	case SB_REF_ISA_SCALAR:
		break;
	}
	return fam_block_scalar;
}

int sb_ref_fn_f32_block_isa(enum sb_ref_isa isa, enum sb_func fn, const float *x, size_t n,
			    double *cr, double *frac, double *ulp, double *value)
{
	if (fn == SB_FN_SIGMOID)
		return sb_ref_f32_block_isa(isa, x, n, cr, frac, ulp, value);
	fam_block_fn *f = fam_path(isa);
	if (!f)
		return 0;
	f(fn, x, n, cr, frac, ulp, value);
	return 1;
}
