/* How an FMA on 8 float lanes (ymm, AVX2) costs against one on 16 (zmm,
 * AVX-512) on this CPU: twelve independent chains of each kind, timed by the
 * thread's CPU clock.  On Zen 5 both issue at the same rate, so per element
 * AVX2 costs 2.0x: an AVX2 kernel can reach 2.0x its AVX-512 twin only with
 * no more instructions per 8 lanes than the twin has per 16, and AVX2 has no
 * vscalefps, no vpermt2ps and no masks (README, the AVX2 scoreboard rows).
 *
 *   cc -O2 ci/fma_width.c -o /tmp/fma_width && /tmp/fma_width
 */
#include <immintrin.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define N 120000000L

static unsigned long cpu_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (unsigned long)t.tv_sec * 1000000000UL + (unsigned long)t.tv_nsec;
}

/* twelve chains: more than FMA latency times issue rate, so the pipes and
 * not the latency set the pace; no chain leaves its register */
#define CHAINS(T, F)                                                                             \
	T a0 = s, a1 = s, a2 = s, a3 = s, a4 = s, a5 = s, a6 = s, a7 = s, a8 = s, a9 = s, a10 = s, \
	  a11 = s;                                                                               \
	unsigned long t = cpu_ns();                                                              \
	for (long k = 0; k < N / 12; k++) {                                                      \
		a0 = F(a0, b, c);                                                                \
		a1 = F(a1, b, c);                                                                \
		a2 = F(a2, b, c);                                                                \
		a3 = F(a3, b, c);                                                                \
		a4 = F(a4, b, c);                                                                \
		a5 = F(a5, b, c);                                                                \
		a6 = F(a6, b, c);                                                                \
		a7 = F(a7, b, c);                                                                \
		a8 = F(a8, b, c);                                                                \
		a9 = F(a9, b, c);                                                                \
		a10 = F(a10, b, c);                                                              \
		a11 = F(a11, b, c);                                                              \
	}                                                                                        \
	t = cpu_ns() - t;                                                                        \
	T r = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;                       \
	float o;                                                                                 \
	memcpy(&o, &r, sizeof o);                                                                \
	*sink = o;                                                                               \
	return (double)t / N;

__attribute__((target("avx512f"), noinline)) static double zmm_ns(float v, volatile float *sink)
{
	__m512 s = _mm512_set1_ps(v), b = _mm512_set1_ps(0.999999f), c = _mm512_set1_ps(1e-7f);
	CHAINS(__m512, _mm512_fmadd_ps)
}

__attribute__((target("avx2,fma"), noinline)) static double ymm_ns(float v, volatile float *sink)
{
	__m256 s = _mm256_set1_ps(v), b = _mm256_set1_ps(0.999999f), c = _mm256_set1_ps(1e-7f);
	CHAINS(__m256, _mm256_fmadd_ps)
}

int main(void)
{
	volatile float sink;
	for (int r = 0; r < 5; r++) {
		double z = zmm_ns(1.001f, &sink), y = ymm_ns(1.001f, &sink);
		printf("ns per FMA: zmm %.3f, ymm %.3f; per element, AVX2 / AVX-512 %.2f\n", z, y, 2 * y / z);
	}
	return 0;
}
