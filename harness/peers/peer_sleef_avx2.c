/* SLEEF peer, AVX2 (compile with -mavx2 -mfma). e = Sleef_expf8_u10avx2(-x); y = 1/(1+e).
 * The family, as in peer_sleef_avx512.c:
 *   log sigma: y = min(x, 0) - Sleef_log1pf8_u10avx2(Sleef_expf8_u10avx2(-|x|))
 *   SiLU:      y = x / (1 + Sleef_expf8_u10avx2(-x))
 * Tail (n % 8): _mm256_maskload_ps / _mm256_maskstore_ps (masked lanes not accessed). */
#include <immintrin.h>
#include <sleef.h>
#include "sigpeers.h"

int sigpeer_sleef_cpu_ok_avx2(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

static inline __m256 sig8(__m256 v)
{
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 e = Sleef_expf8_u10avx2(_mm256_sub_ps(_mm256_setzero_ps(), v));
    return _mm256_div_ps(one, _mm256_add_ps(one, e));
}

/* min(0, x): _mm256_min_ps returns its second operand for a NaN, so NaN stays. */
static inline __m256 logsig8(__m256 v)
{
    __m256 nabs = _mm256_or_ps(v, _mm256_set1_ps(-0.0f));              /* -|x| */
    __m256 l = Sleef_log1pf8_u10avx2(Sleef_expf8_u10avx2(nabs));
    return _mm256_sub_ps(_mm256_min_ps(_mm256_setzero_ps(), v), l);
}

static inline __m256 silu8(__m256 v)
{
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 e = Sleef_expf8_u10avx2(_mm256_sub_ps(_mm256_setzero_ps(), v));
    return _mm256_div_ps(v, _mm256_add_ps(one, e));
}

#define SLEEF8_LOOP(NAME, KERNEL)                                           \
void NAME(const float *x, float *y, size_t n)                               \
{                                                                           \
    size_t i = 0;                                                           \
    for (; i + 8 <= n; i += 8)                                              \
        _mm256_storeu_ps(y + i, KERNEL(_mm256_loadu_ps(x + i)));            \
    if (i < n) {                                                            \
        const int r = (int)(n - i);                                         \
        const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);     \
        __m256i m = _mm256_cmpgt_epi32(_mm256_set1_epi32(r), lane);         \
        __m256 v = _mm256_maskload_ps(x + i, m);                            \
        _mm256_maskstore_ps(y + i, m, KERNEL(v));                           \
    }                                                                       \
}

SLEEF8_LOOP(sigpeer_sleef8, sig8)
SLEEF8_LOOP(sigpeer_sleef8_logsigmoid, logsig8)
SLEEF8_LOOP(sigpeer_sleef8_silu, silu8)
