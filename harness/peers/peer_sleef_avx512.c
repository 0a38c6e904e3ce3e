/* SLEEF peer, AVX-512 (compile this file with -mavx512f -mfma; sleef.h declares
 * the __m512 entry points only under __AVX512F__).
 *   e = Sleef_expf16_u10avx512f(-x); y = 1/(1+e)
 * Exact symbol: Sleef_expf16_u10avx512f (Sleef_expf16_u10 is the same address in
 * Debian's libsleef.so.3 -- no run-time dispatch at 512 bits).
 * Tail (n % 16): masked load/store (_mm512_maskz_loadu_ps / _mm512_mask_storeu_ps);
 * masked-off lanes are not accessed (fault-suppressed), so nothing is read or
 * written past x[n-1] / y[n-1]. Masked lanes read as 0 -> exp(0), harmless.
 * float64: e = Sleef_expd8_u10avx512f(-x); y = 1/(1+e), 8 lanes, the same way.
 * The family (issue 14), composed the same way from SLEEF's u10 functions:
 *   log sigma: y = min(x, 0) - Sleef_log1pf16_u10avx512f(Sleef_expf16_u10avx512f(-|x|))
 *   SiLU:      y = x / (1 + Sleef_expf16_u10avx512f(-x))   (NaN at x = -Inf: -Inf/Inf) */
#include <immintrin.h>
#include <sleef.h>
#include "sigpeers.h"

int sigpeer_sleef_cpu_ok_avx512(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma");
}

static inline __m512 sig16(__m512 v)
{
    const __m512 one = _mm512_set1_ps(1.0f);
    __m512 e = Sleef_expf16_u10avx512f(_mm512_sub_ps(_mm512_setzero_ps(), v));
    return _mm512_div_ps(one, _mm512_add_ps(one, e));
}

/* e = exp(-|x|) <= 1 never overflows; x<0: e/(1+e) keeps subnormal results. */
static inline __m512 sig16_stable(__m512 v)
{
    const __m512 one = _mm512_set1_ps(1.0f);
    __m512 nabs = _mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(v),
                        _mm512_set1_epi32((int)0x80000000u)));          /* -|x| */
    __m512 e = Sleef_expf16_u10avx512f(nabs);
    __mmask16 neg = _mm512_cmp_ps_mask(v, _mm512_setzero_ps(), _CMP_LT_OQ);
    __m512 num = _mm512_mask_blend_ps(neg, one, e);
    return _mm512_div_ps(num, _mm512_add_ps(one, e));
}

#define SLEEF16_LOOP(NAME, KERNEL)                                          \
void NAME(const float *x, float *y, size_t n)                               \
{                                                                           \
    size_t i = 0;                                                           \
    for (; i + 16 <= n; i += 16)                                            \
        _mm512_storeu_ps(y + i, KERNEL(_mm512_loadu_ps(x + i)));            \
    if (i < n) {                                                            \
        __mmask16 m = (__mmask16)((1u << (n - i)) - 1u);                    \
        __m512 v = _mm512_maskz_loadu_ps(m, x + i);                         \
        _mm512_mask_storeu_ps(y + i, m, KERNEL(v));                         \
    }                                                                       \
}

/* min(0, x), not min(x, 0): _mm512_min_ps returns its second operand when
 * either is NaN, so a NaN input stays NaN. */
static inline __m512 logsig16(__m512 v)
{
    __m512 nabs = _mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(v),
                        _mm512_set1_epi32((int)0x80000000u)));          /* -|x| */
    __m512 l = Sleef_log1pf16_u10avx512f(Sleef_expf16_u10avx512f(nabs));
    return _mm512_sub_ps(_mm512_min_ps(_mm512_setzero_ps(), v), l);
}

static inline __m512 silu16(__m512 v)
{
    const __m512 one = _mm512_set1_ps(1.0f);
    __m512 e = Sleef_expf16_u10avx512f(_mm512_sub_ps(_mm512_setzero_ps(), v));
    return _mm512_div_ps(v, _mm512_add_ps(one, e));
}

SLEEF16_LOOP(sigpeer_sleef16, sig16)
SLEEF16_LOOP(sigpeer_sleef16_stable, sig16_stable)
SLEEF16_LOOP(sigpeer_sleef16_logsigmoid, logsig16)
SLEEF16_LOOP(sigpeer_sleef16_silu, silu16)

static inline __m512d sigd8(__m512d v)
{
    const __m512d one = _mm512_set1_pd(1.0);
    __m512d e = Sleef_expd8_u10avx512f(_mm512_sub_pd(_mm512_setzero_pd(), v));
    return _mm512_div_pd(one, _mm512_add_pd(one, e));
}

void sigpeer_sleefd8(const double *x, double *y, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm512_storeu_pd(y + i, sigd8(_mm512_loadu_pd(x + i)));
    if (i < n) {
        __mmask8 m = (__mmask8)((1u << (n - i)) - 1u);
        __m512d v = _mm512_maskz_loadu_pd(m, x + i);
        _mm512_mask_storeu_pd(y + i, m, sigd8(v));
    }
}
