/* The float64 sweep: 2^64 inputs cannot all be tried, so it samples.
 * Samples are seeded (same seed, same inputs, same table), sorted and
 * de-duplicated, so consecutive samples test monotonicity and interval
 * pieces are contiguous.  The MPFR reference is the costly part (~1 us per
 * input) and is computed once per sample, in parallel. */
#define _POSIX_C_SOURCE 200809L
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/accuracy.h"
#include "engine/progress.h"
#include "engine/shard.h"
#include "base/util.h"

#define WALK_LEN 64         /* consecutive doubles per walk */
#define WALKS_PER_SAMPLES 1000 /* one walk per this many samples */
#define BREAK_NEIGHBOURS 256   /* doubles each side of each breakpoint */
#define REF_CHUNK 4096

/* xoshiro256** seeded through splitmix64: small, fast, and reproducible. */
struct rng {
	uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

static void rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

static double rng_unit(struct rng *r) { return (double)(rng_next(r) >> 11) * 0x1p-53; }

struct samples {
	uint64_t *key; /* ordered keys (intervals.h) */
	size_t n, cap;
};

static void push(struct samples *s, double x)
{
	if (isnan(x))
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1 << 20;
		s->key = sb_xrealloc(s->key, s->cap * sizeof *s->key);
	}
	s->key[s->n++] = sb_key64(x);
}

static void push_neighbours(struct samples *s, double x, uint64_t count)
{
	uint64_t k = sb_key64(x), top = sb_key64(INFINITY);
	uint64_t a = k > count ? k - count : 0, b = top - k > count ? k + count : top;
	for (uint64_t i = a; i <= b; i++)
		push(s, sb_unkey64(i));
}

/* Sort keys ascending: LSD radix sort, 16 bits a pass (four passes over
 * the 30 M keys of 10^7 samples take a fraction of what qsort's
 * comparisons did); passes whose digit is the same for every key are
 * skipped. */
static void sort_keys(uint64_t *key, size_t n)
{
	enum { BITS = 16, R = 1 << BITS };
	uint64_t *tmp = sb_xalloc_aligned((n ? n : 1) * sizeof *tmp);
	size_t *count = sb_xcalloc(R, sizeof *count);
	uint64_t *src = key, *dst = tmp;
	for (int shift = 0; shift < 64; shift += BITS) {
		memset(count, 0, R * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[(src[i] >> shift) & (R - 1)]++;
		if (n == 0 || count[(src[0] >> shift) & (R - 1)] == n)
			continue; /* one digit: the order stands */
		size_t sum = 0;
		for (size_t d = 0; d < R; d++) {
			size_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & (R - 1)]++] = src[i];
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != key)
		memcpy(key, src, n * sizeof *key);
	free(count);
	free(tmp);
}

static void draw_samples(struct samples *s, const struct sb_sweep_opts *o)
{
	struct rng r;
	rng_seed(&r, o->seed);
	for (uint64_t i = 0; i < o->samples; i++) {
		uint64_t bits = rng_next(&r);
		double x;
		memcpy(&x, &bits, sizeof x);
		push(s, x); /* uniform over bit patterns (NaNs dropped) */
		push(s, -40 + 80 * rng_unit(&r)); /* uniform on [-40, 40] */
		double mag = exp2(-1074 + 1084 * rng_unit(&r)); /* log-uniform in [2^-1074, 2^10] */
		push(s, rng_next(&r) >> 63 ? -mag : mag);
	}
	for (uint64_t w = 0; w < o->samples / WALKS_PER_SAMPLES; w++) {
		uint64_t k = sb_key64(-40 + 80 * rng_unit(&r));
		for (uint64_t i = 0; i < WALK_LEN; i++)
			push(s, sb_unkey64(k + i));
	}
	const struct sb_breakpoints *bp = sb_breakpoints(SB_FMT_F64);
	const double marks[] = {
		bp->zero_hi, bp->sub_hi, bp->tiny_lo, bp->tiny_hi, bp->one_lo,
		-SB_CENTRAL_EDGE, SB_CENTRAL_EDGE, 0.0,
		-709.782712893384, /* exp(-x) overflows below this */
		36.7368005696771,  /* 1 + exp(-x) rounds to 1 above this */
		-DBL_MAX, DBL_MAX,
	};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		push_neighbours(s, marks[i], BREAK_NEIGHBOURS);
}

static size_t restrict_sort_dedupe(struct samples *s, const struct sb_sweep_opts *o)
{
	size_t m = 0;
	for (size_t i = 0; i < s->n; i++) {
		double x = sb_unkey64(s->key[i]);
		if (x >= o->lo && x <= o->hi)
			s->key[m++] = s->key[i];
	}
	sort_keys(s->key, m);
	size_t u = 0;
	for (size_t i = 0; i < m; i++)
		if (u == 0 || s->key[i] != s->key[u - 1])
			s->key[u++] = s->key[i];
	return s->n = u;
}

struct refjob {
	const struct samples *s;
	struct sb_refblock *rb;
	enum sb_func fn; /* the function every variant of the sweep computes */
	atomic_size_t next, done;
};

static void *ref_worker(void *arg)
{
	struct refjob *j = arg;
	for (;;) {
		size_t a = atomic_fetch_add(&j->next, REF_CHUNK);
		if (a >= j->s->n) {
			sb_ref_release_thread();
			return NULL;
		}
		size_t b = a + REF_CHUNK < j->s->n ? a + REF_CHUNK : j->s->n;
		for (size_t i = a; i < b; i++) {
			struct sb_ref r;
			double x = sb_unkey64(j->s->key[i]);
			sb_ref_fn_mpfr(j->fn, x, SB_FMT_F64, &r);
			j->rb->x[i] = x;
			j->rb->cr[i] = r.cr;
			j->rb->frac[i] = r.frac;
			j->rb->ulp[i] = r.ulp;
			j->rb->inv_sigma[i] = fabs(r.sigma) >= 0x1p-1022 ? 1 / fabs(r.sigma) : 0;
		}
		atomic_fetch_add(&j->done, b - a);
	}
}

static void compute_reference(const struct samples *s, struct sb_refblock *rb,
			      const struct sb_sweep_opts *o)
{
	struct refjob j = { .s = s, .rb = rb, .fn = o->function };
	int nt = o->threads < 1 ? 1 : o->threads > 256 ? 256 : o->threads;
	pthread_t tid[256];
	struct sb_progress pr;
	sb_progress_begin(&pr, "accuracy f64 (MPFR reference)", s->n, o->progress);
	int started = 0;
	for (int t = 0; t < nt; t++) {
		if (pthread_create(&tid[t], NULL, ref_worker, &j) != 0) {
			ref_worker(&j); /* samples are claimed, not assigned: same result */
			break;
		}
		started++;
	}
	while (atomic_load(&j.done) < s->n) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		sb_progress_update(&pr, atomic_load(&j.done));
	}
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	sb_progress_end(&pr);
}

/* Index of the first sample >= x (samples sorted). */
static size_t lower_bound(const struct sb_refblock *rb, double x)
{
	size_t lo = 0, hi = rb->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rb->x[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void measure_variant(const struct sb_variant *v, const struct sb_refblock *rb,
			    const enum sb_iv *iv, double *y, struct sb_accuracy *out)
{
	v->f64(rb->x, y, rb->n);
	/* runs of one interval: the samples are sorted, so each run is contiguous */
	for (size_t a = 0; a < rb->n;) {
		size_t b = a + 1;
		while (b < rb->n && iv[b] == iv[a])
			b++;
		sb_errstats_block(&out->iv[iv[a]], rb, a, b, y, a ? y[a - 1] : NAN);
		a = b;
	}
	for (int i = 0; i < SB_IV_COUNT; i++)
		sb_errstats_merge(&out->all, &out->iv[i]);
	out->has_domain = !(v->dom_lo == -INFINITY && v->dom_hi == INFINITY);
	if (out->has_domain) {
		size_t a = lower_bound(rb, v->dom_lo), b = lower_bound(rb, nextafter(v->dom_hi, INFINITY));
		if (a < b)
			sb_errstats_block(&out->domain, rb, a, b, y, NAN);
	}
	double nan_in[] = { NAN, -NAN };
	double nan_out[2];
	v->f64(nan_in, nan_out, 2);
	out->nan_in = 2;
	out->nan_in_kept = (uint64_t)isnan(nan_out[0]) + (uint64_t)isnan(nan_out[1]);
	for (int i = 0; i < SB_NSPECIAL; i++)
		out->special_out[i] = sb_eval1(v, sb_special_input(SB_FMT_F64, i));
	out->edge.first = y[0];
	out->edge.last = y[rb->n - 1];
	out->edge.iv = (int)iv[0];
}

/* Whether a shard starting at sample s0 of all (sorted keys) has its edge
 * inside v's domain: its first sample and the one below are both in it. */
static int edge_in_domain(const struct sb_variant *v, const struct samples *all, size_t s0)
{
	if (s0 == 0 || (v->dom_lo == -INFINITY && v->dom_hi == INFINITY))
		return 0;
	return sb_unkey64(all->key[s0 - 1]) >= v->dom_lo && sb_unkey64(all->key[s0]) <= v->dom_hi;
}

int sb_sweep_f64(const struct sb_variant *const *vs, size_t nv,
		 const struct sb_sweep_opts *o, struct sb_accuracy *out, struct sb_error *e)
{
	struct samples s = { 0 };
	draw_samples(&s, o);
	size_t n = restrict_sort_dedupe(&s, o);
	if (n == 0) {
		free(s.key);
		return sb_error_set(e, "--domain [%g, %g] holds no sample", o->lo, o->hi);
	}
	/* every shard draws all samples (a small part of the cost: the MPFR
	 * reference dominates) and measures its slice of the sorted ones */
	uint64_t s0 = 0, s1 = n;
	if (o->shard_n && sb_shard_range(n, o->shard_i, o->shard_n, &s0, &s1, e)) {
		free(s.key);
		return -1;
	}
	struct samples slice = { s.key + s0, (size_t)(s1 - s0), 0 };
	struct sb_refblock rb = { .n = slice.n };
	double **arrays[] = { &rb.x, &rb.cr, &rb.frac, &rb.ulp, &rb.inv_sigma };
	for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
		*arrays[i] = sb_xalloc_aligned(rb.n * sizeof(double));
	compute_reference(&slice, &rb, o);
	const struct sb_breakpoints *bp = sb_breakpoints(SB_FMT_F64);
	enum sb_iv *iv = sb_xcalloc(rb.n, sizeof *iv);
	for (size_t i = 0; i < rb.n; i++)
		iv[i] = sb_interval_of(bp, rb.x[i]);
	double *y = sb_xalloc_aligned(rb.n * sizeof(double));
	for (size_t v = 0; v < nv; v++) {
		memset(&out[v], 0, sizeof out[v]);
		out[v].v = vs[v];
		snprintf(out[v].sweep, sizeof out[v].sweep, "sampled: %zu inputs, seed %llu",
			 n, (unsigned long long)o->seed);
		sb_errstats_init(&out[v].all);
		sb_errstats_init(&out[v].domain);
		for (int i = 0; i < SB_IV_COUNT; i++)
			sb_errstats_init(&out[v].iv[i]);
		measure_variant(vs[v], &rb, iv, y, &out[v]);
		out[v].edge.in_domain = edge_in_domain(vs[v], &s, (size_t)s0);
	}
	free(y);
	free(iv);
	for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
		free(*arrays[i]);
	free(s.key);
	return 0;
}
