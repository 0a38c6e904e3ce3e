/* How often a crf kernel leaves its fast path: built by crf_careful_share.sh
 * around a copy of the generated kernel (KFILE) whose careful-path call
 * counts the vectors and lanes it redoes.  Prints both shares for inputs
 * uniform on [-10, 10] (as `sigbench speed`) and for every float of the fast
 * path, -NEG_ABS < x < 64, and fails when the lane share exceeds 2 B 2^24, the most the
 * rounding test's half-width B (CAP_BETA) can flag (it flags a lane when sigma(x) may
 * lie within B sigma(x) of a rounding boundary, and ulp(y) >= y 2^-24). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long crf_vec, crf_lanes;
#include KFILE

static unsigned long long seed = 88172645463325252ull;

static float uniform(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return -10.0f + 20.0f * (float)((seed >> 40) * 0x1p-24);
}

static int report(const char *what, size_t n)
{
	double lanes = (double)crf_lanes / (double)n, cap = 2.0 * CAP_BETA * 0x1p24;
	printf("%s %s: %zu inputs, careful vectors %.4f%%, lanes %.4f%% (cap %.4f%%)\n", NAME, what, n,
	       100.0 * (double)crf_vec / (double)(n / LANES), 100.0 * lanes, 100.0 * cap);
	crf_vec = crf_lanes = 0;
	return lanes > cap;
}

int main(void)
{
	const size_t n = (size_t)1 << 24;
	float *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
	if (!x || !y)
		return 2;
	for (size_t i = 0; i < n; i++)
		x[i] = uniform();
	FN(x, y, n);
	int bad = report("uniform [-10, 10]", n);
	size_t total = 0;
	const float edge[2] = { 64.0f, NEG_ABS };
	for (unsigned sign = 0; sign < 2; sign++) { /* bit patterns of |x| below the edge, both signs */
		unsigned end;
		memcpy(&end, &edge[sign], sizeof end);
		for (unsigned b = 0; b < end; b += (unsigned)n) {
			size_t m = end - b < n ? end - b : n;
			for (size_t i = 0; i < m; i++) {
				unsigned v = (b + (unsigned)i) | sign << 31;
				memcpy(&x[i], &v, sizeof v);
			}
			FN(x, y, m);
			total += m;
		}
	}
	char what[48];
	snprintf(what, sizeof what, "all %g < x < 64", -(double)NEG_ABS);
	bad |= report(what, total);
	free(x);
	free(y);
	return bad;
}
