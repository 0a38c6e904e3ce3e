/* Shards merged are the unsharded sweep, bit for bit: variants whose output
 * is noise (about every other step between consecutive inputs is a
 * monotonicity break, so shard edges land on breaks, inside and outside the
 * variants' domains) swept whole and as 7 shards, f32 and f64.  And the
 * engine refuses shard numbers that do not fit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/accuracy.h"
#include "engine/shard.h"

#define NSHARD 7

static void noise32(const float *x, float *y, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = 0.5f + 0.5f * sinf(x[i] * 1000.0f);
}

static void noise64(const double *x, double *y, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = isnan(x[i]) ? x[i] : 0.5 + 0.5 * sin(fmod(x[i], 1e6) * 1e4);
}

static const struct sb_variant v32 = { .name = "test-noise32", .family = "test", .params = "",
	.summary = "", .prec = SB_F32, .isa = "scalar", .features = "", .dom_lo = 1.2, .dom_hi = 1.7,
	.nan_propagates = 1, .f32 = noise32 };
/* the same noise as sigma'' (which turns at 1.3170 in the swept [1, 2]): an
 * edge step falls on the falling piece or rises on the rising one */
static const struct sb_variant v32_turning = { .name = "test-noise32-d2sigmoid", .family = "test",
	.params = "", .summary = "", .prec = SB_F32, .isa = "scalar", .features = "", .dom_lo = 1.2,
	.dom_hi = 1.7, .nan_propagates = 1, .function = SB_FN_D2SIGMOID, .f32 = noise32 };
static const struct sb_variant v64 = { .name = "test-noise64", .family = "test", .params = "",
	.summary = "", .prec = SB_F64, .isa = "scalar", .features = "", .dom_lo = -10, .dom_hi = 10,
	.nan_propagates = 1, .f64 = noise64 };

static void opts(struct sb_sweep_opts *o, uint64_t i, uint64_t n)
{
	sb_sweep_opts_default(o);
	o->lo = 1.0;
	o->hi = 2.0;
	o->stride = 3;
	o->samples = 20000;
	o->threads = 2;
	o->plot = "test-*";
	o->plot_lo = 0;
	o->plot_hi = 4;
	o->plot_bins = 40;
	o->shard_i = i;
	o->shard_n = n;
}

static void opts_for(struct sb_sweep_opts *o, const struct sb_variant *v, uint64_t i, uint64_t n)
{
	opts(o, i, n);
	o->function = v->function;
}

static int sweep(const struct sb_variant *v, uint64_t i, uint64_t n, struct sb_accuracy *out)
{
	struct sb_sweep_opts o;
	struct sb_error e = { "" };
	opts_for(&o, v, i, n);
	int rc = v->prec == SB_F32 ? sb_sweep_f32(&v, 1, &o, out, &e) : sb_sweep_f64(&v, 1, &o, out, &e);
	CHECK(rc == 0, "%s shard %llu/%llu: %s", v->name, (unsigned long long)i, (unsigned long long)n,
	      e.msg);
	return rc;
}

static int same_stats(const struct sb_errstats *a, const struct sb_errstats *b)
{
	return memcmp(a, b, sizeof *a) == 0;
}

static void merged_is_whole(const struct sb_variant *v)
{
	struct sb_accuracy whole, parts[NSHARD], merged;
	const struct sb_accuracy *pp[NSHARD];
	if (sweep(v, 0, 0, &whole))
		return;
	uint64_t inner = 0; /* breaks counted inside the shards */
	for (uint64_t i = 0; i < NSHARD; i++) {
		if (sweep(v, i, NSHARD, &parts[i]))
			return;
		pp[i] = &parts[i];
		inner += parts[i].all.mono;
	}
	struct sb_error e;
	CHECK(sb_shard_merge(pp, NSHARD, 1, &merged, &e) == 0, "merge: %s", e.msg);
	if (v->prec == SB_F32)
		CHECK(whole.all.mono > inner, "%s: no break at a shard edge (%llu whole, %llu inside): "
		      "the test tests nothing", v->name, (unsigned long long)whole.all.mono,
		      (unsigned long long)inner);
	else /* f64 sample blocks never span a shard edge: every break is inside one */
		CHECK(inner > 0 && whole.all.mono == inner, "%s: %llu breaks whole, %llu in the shards",
		      v->name, (unsigned long long)whole.all.mono, (unsigned long long)inner);
	CHECK(same_stats(&whole.all, &merged.all), "%s: all-input stats differ (mono %llu vs %llu)",
	      v->name, (unsigned long long)whole.all.mono, (unsigned long long)merged.all.mono);
	CHECK(same_stats(&whole.domain, &merged.domain), "%s: domain stats differ (mono %llu vs %llu)",
	      v->name, (unsigned long long)whole.domain.mono, (unsigned long long)merged.domain.mono);
	for (int k = 0; k < SB_IV_COUNT; k++)
		CHECK(same_stats(&whole.iv[k], &merged.iv[k]), "%s: interval %d differs", v->name, k);
	CHECK(strcmp(whole.sweep, merged.sweep) == 0 && whole.nan_in == merged.nan_in &&
	      whole.nan_in_kept == merged.nan_in_kept, "%s: sweep text or NaN inputs differ", v->name);
	CHECK(whole.nbins == merged.nbins &&
	      (!whole.nbins || memcmp(whole.bin_ulp, merged.bin_ulp, (size_t)whole.nbins * sizeof(double)) == 0),
	      "%s: plot bins differ", v->name);
	sb_accuracy_free(&whole, 1);
	sb_accuracy_free(parts, NSHARD);
	sb_accuracy_free(&merged, 1);
}

static void bad_shards(void)
{
	uint64_t a, b;
	struct sb_error e = { "" };
	CHECK(sb_shard_range(10, 0, 0, &a, &b, &e) == -1 && strstr(e.msg, "0/0"), "n = 0: '%s'", e.msg);
	CHECK(sb_shard_range(10, 3, 3, &a, &b, &e) == -1 && strstr(e.msg, "3/3"), "3/3: '%s'", e.msg);
	CHECK(sb_shard_range(2, 0, 3, &a, &b, &e) == -1 && strstr(e.msg, "at most 2"), "3 for 2: '%s'",
	      e.msg);
	CHECK(sb_shard_range(10, 2, 3, &a, &b, &e) == 0 && a == 6 && b == 10, "2/3 of 10: [%llu, %llu)",
	      (unsigned long long)a, (unsigned long long)b);
	/* the parts tile the whole even where total * n passes 2^64 */
	uint64_t end = 0, total = UINT64_MAX - 5;
	for (uint64_t i = 0; i < 5; i++) {
		CHECK(sb_shard_range(total, i, 5, &a, &b, &e) == 0 && a == end && b > a, "tiling at %llu",
		      (unsigned long long)i);
		end = b;
	}
	CHECK(end == total, "the parts end at %llu", (unsigned long long)end);
	struct sb_accuracy out;
	struct sb_sweep_opts o;
	const struct sb_variant *v = &v32;
	opts(&o, 0, 5000000); /* more shards than the 2.8 M inputs */
	CHECK(sb_sweep_f32(&v, 1, &o, &out, &e) == -1 && strstr(e.msg, "shards"), "f32: '%s'", e.msg);
	v = &v64;
	opts(&o, 20, 21); /* 20000 samples are 20 blocks of 1024 */
	CHECK(sb_sweep_f64(&v, 1, &o, &out, &e) == -1 && strstr(e.msg, "at most 20 shards"), "f64: '%s'",
	      e.msg);
}

int main(void)
{
	atexit(sb_ref_release_thread);
	merged_is_whole(&v32);
	merged_is_whole(&v32_turning);
	merged_is_whole(&v64);
	bad_shards();
	return check_report("test_shard");
}
