/* SLEEF peer, SSE4.1 (compile with -msse4.1). e = Sleef_expf4_u10sse4(-x); y = 1/(1+e).
 * The family, as in peer_sleef_avx512.c:
 *   log sigma: y = min(x, 0) - Sleef_log1pf4_u10sse4(Sleef_expf4_u10sse4(-|x|))
 *   SiLU:      y = x / (1 + Sleef_expf4_u10sse4(-x))
 * Tail (n % 4): copied through a 4-float stack buffer (SSE has no masked load). */
#include <immintrin.h>
#include <sleef.h>
#include <string.h>
#include "sigpeers.h"

int sigpeer_sleef_cpu_ok_sse4(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.1");
}

static inline __m128 sig4(__m128 v)
{
    const __m128 one = _mm_set1_ps(1.0f);
    __m128 e = Sleef_expf4_u10sse4(_mm_sub_ps(_mm_setzero_ps(), v));
    return _mm_div_ps(one, _mm_add_ps(one, e));
}

/* min(0, x): _mm_min_ps returns its second operand for a NaN, so NaN stays. */
static inline __m128 logsig4(__m128 v)
{
    __m128 nabs = _mm_or_ps(v, _mm_set1_ps(-0.0f));                    /* -|x| */
    __m128 l = Sleef_log1pf4_u10sse4(Sleef_expf4_u10sse4(nabs));
    return _mm_sub_ps(_mm_min_ps(_mm_setzero_ps(), v), l);
}

static inline __m128 silu4(__m128 v)
{
    const __m128 one = _mm_set1_ps(1.0f);
    __m128 e = Sleef_expf4_u10sse4(_mm_sub_ps(_mm_setzero_ps(), v));
    return _mm_div_ps(v, _mm_add_ps(one, e));
}

#define SLEEF4_LOOP(NAME, KERNEL)                                           \
void NAME(const float *x, float *y, size_t n)                               \
{                                                                           \
    size_t i = 0;                                                           \
    for (; i + 4 <= n; i += 4)                                              \
        _mm_storeu_ps(y + i, KERNEL(_mm_loadu_ps(x + i)));                  \
    if (i < n) {                                                            \
        float buf[4] = {0, 0, 0, 0};                                        \
        memcpy(buf, x + i, (n - i) * sizeof(float));                        \
        _mm_storeu_ps(buf, KERNEL(_mm_loadu_ps(buf)));                      \
        memcpy(y + i, buf, (n - i) * sizeof(float));                        \
    }                                                                       \
}

SLEEF4_LOOP(sigpeer_sleef4, sig4)
SLEEF4_LOOP(sigpeer_sleef4_logsigmoid, logsig4)
SLEEF4_LOOP(sigpeer_sleef4_silu, silu4)
