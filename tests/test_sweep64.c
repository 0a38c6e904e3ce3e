/* The streamed float64 sweep gives one result whatever the thread count,
 * the chunk size (blocks a thread measures at once) or the shard count:
 * sample k is drawn alike by every shard (the inputs of 3 shards together
 * are the unsharded sweep's), and their statistics merge bit for bit. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/accuracy.h"
#include "engine/shard.h"

#define SAMPLES 20000 /* 20 blocks of 1024 */
#define NSHARD 3
#define MAXREC 200000

/* Noise (breaks monotonicity about every other step) on [-10, 10], the
 * correctly rounded value elsewhere. */
static void noise64(const double *x, double *y, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = fabs(x[i]) <= 10 ? 0.5 + 0.5 * sin(x[i] * 1e4) : sb_sigmoid_cr_f64(x[i]);
}

static pthread_mutex_t rec_lock = PTHREAD_MUTEX_INITIALIZER;
static double rec[MAXREC];
static size_t nrec;

/* Records the inputs of batch calls (not the 1- and 2-input calls for
 * special values, NaN and the input below a continued walk). */
static void recording64(const double *x, double *y, size_t n)
{
	if (n > 2) {
		pthread_mutex_lock(&rec_lock);
		for (size_t i = 0; i < n && nrec < MAXREC; i++)
			rec[nrec++] = x[i];
		pthread_mutex_unlock(&rec_lock);
	}
	for (size_t i = 0; i < n; i++)
		y[i] = 0.5;
}

static const struct sb_variant v_noise = { .name = "test-noise64", .family = "test", .params = "",
	.summary = "", .prec = SB_F64, .isa = "scalar", .features = "", .dom_lo = -10, .dom_hi = 10,
	.nan_propagates = 1, .f64 = noise64 };
static const struct sb_variant v_rec = { .name = "test-rec64", .family = "test", .params = "",
	.summary = "", .prec = SB_F64, .isa = "scalar", .features = "", .dom_lo = -INFINITY,
	.dom_hi = INFINITY, .nan_propagates = 1, .f64 = recording64 };

static void sweep(const struct sb_variant *v, int threads, uint64_t chunk, uint64_t i, uint64_t n,
		  struct sb_accuracy *out)
{
	struct sb_sweep_opts o;
	sb_sweep_opts_default(&o);
	o.samples = SAMPLES;
	o.threads = threads;
	o.chunk_blocks = chunk;
	o.shard_i = i;
	o.shard_n = n;
	struct sb_error e = { "" };
	CHECK(sb_sweep_f64(&v, 1, &o, out, &e) == 0, "sweep %llu/%llu: %s", (unsigned long long)i,
	      (unsigned long long)n, e.msg);
}

static int same(const struct sb_accuracy *a, const struct sb_accuracy *b)
{
	int eq = memcmp(&a->all, &b->all, sizeof a->all) == 0 &&
		 memcmp(&a->domain, &b->domain, sizeof a->domain) == 0 && strcmp(a->sweep, b->sweep) == 0;
	for (int k = 0; k < SB_IV_COUNT; k++)
		eq = eq && memcmp(&a->iv[k], &b->iv[k], sizeof a->iv[k]) == 0;
	return eq;
}

static void one_result(void)
{
	struct sb_accuracy base, other;
	sweep(&v_noise, 2, 0, 0, 0, &base);
	CHECK(base.all.mono > 100 && base.domain.mono > 100 && base.all.n > 3 * SAMPLES / 2,
	      "the noise shows: %llu breaks, %llu in its domain, %llu inputs",
	      (unsigned long long)base.all.mono, (unsigned long long)base.domain.mono,
	      (unsigned long long)base.all.n);
	const struct { int threads; uint64_t chunk; } ways[] = { { 1, 0 }, { 1, 1 }, { 2, 1 }, { 2, 3 }, { 3, 7 } };
	for (size_t w = 0; w < sizeof ways / sizeof ways[0]; w++) {
		sweep(&v_noise, ways[w].threads, ways[w].chunk, 0, 0, &other);
		CHECK(same(&base, &other), "%d threads, chunks of %llu blocks: another result",
		      ways[w].threads, (unsigned long long)ways[w].chunk);
	}
	struct sb_accuracy parts[NSHARD], merged;
	const struct sb_accuracy *pp[NSHARD];
	for (uint64_t i = 0; i < NSHARD; i++) {
		sweep(&v_noise, 2, i + 1, i, NSHARD, &parts[i]);
		pp[i] = &parts[i];
	}
	struct sb_error e;
	CHECK(sb_shard_merge(pp, NSHARD, 1, &merged, &e) == 0, "merge: %s", e.msg);
	CHECK(same(&base, &merged), "shards 0/3..2/3 merged differ from the whole sweep");
}

static int cmp_double(const void *p, const void *q)
{
	double a = *(const double *)p, b = *(const double *)q;
	return a < b ? -1 : a > b;
}

static void sorted_record(double *to, size_t *n)
{
	qsort(rec, nrec, sizeof *rec, cmp_double);
	memcpy(to, rec, nrec * sizeof *rec);
	*n = nrec;
	nrec = 0;
}

static void samples_independent_of_shards(void)
{
	static double whole[MAXREC], sharded[MAXREC];
	size_t nw, ns;
	struct sb_accuracy a;
	sweep(&v_rec, 2, 0, 0, 0, &a);
	sorted_record(whole, &nw);
	for (uint64_t i = 0; i < NSHARD; i++)
		sweep(&v_rec, 1, 2, i, NSHARD, &a);
	sorted_record(sharded, &ns);
	CHECK(nw > 3 * SAMPLES && nw < MAXREC, "%zu inputs recorded", nw);
	CHECK(nw == ns && memcmp(whole, sharded, nw * sizeof *whole) == 0,
	      "the 3 shards' inputs (%zu) are not the whole sweep's (%zu)", ns, nw);
}

int main(void)
{
	atexit(sb_ref_release_thread);
	one_result();
	samples_independent_of_shards();
	return check_report("test_sweep64");
}
