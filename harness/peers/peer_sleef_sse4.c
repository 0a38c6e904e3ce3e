/* SLEEF peer, SSE4.1 (compile with -msse4.1). e = Sleef_expf4_u10sse4(-x); y = 1/(1+e).
 * Tail (n % 4): copied through a 4-float stack buffer (SSE has no masked load). */
#include <immintrin.h>
#include <string.h>
#include <sleef.h>
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

void sigpeer_sleef4(const float *x, float *y, size_t n)
{
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        _mm_storeu_ps(y + i, sig4(_mm_loadu_ps(x + i)));
    if (i < n) {
        float buf[4] = {0, 0, 0, 0};
        memcpy(buf, x + i, (n - i) * sizeof(float));
        _mm_storeu_ps(buf, sig4(_mm_loadu_ps(buf)));
        memcpy(y + i, buf, (n - i) * sizeof(float));
    }
}
