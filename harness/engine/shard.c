#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "engine/fn_edges.h"
#include "engine/shard.h"

int sb_shard_range(uint64_t total, uint64_t i, uint64_t n, uint64_t *a, uint64_t *b,
		   struct sb_error *e)
{
	if (n == 0 || i >= n)
		return sb_error_set(e, "shard %llu/%llu does not exist: shards are numbered 0 to N-1",
				    (unsigned long long)i, (unsigned long long)n);
	if (n > total)
		return sb_error_set(e, "%llu shards for %llu inputs: at most %llu shards fit this sweep",
				    (unsigned long long)n, (unsigned long long)total,
				    (unsigned long long)total);
	/* 128-bit products: total * n may pass 2^64 */
	*a = (uint64_t)((sb_u128)total * i / n);
	*b = (uint64_t)((sb_u128)total * (i + 1) / n);
	return 0;
}

static void merge_bins(struct sb_accuracy *out, const struct sb_accuracy *p)
{
	if (!p->nbins)
		return;
	size_t nb = (size_t)p->nbins;
	if (!out->nbins) {
		out->nbins = p->nbins;
		out->bin_lo = p->bin_lo;
		out->bin_hi = p->bin_hi;
		out->bin_ulp = sb_xmalloc(nb * sizeof(double));
		out->bin_abs = sb_xmalloc(nb * sizeof(double));
		for (size_t k = 0; k < nb; k++)
			out->bin_ulp[k] = out->bin_abs[k] = -1;
	}
	for (size_t k = 0; k < nb; k++) {
		out->bin_ulp[k] = p->bin_ulp[k] > out->bin_ulp[k] ? p->bin_ulp[k] : out->bin_ulp[k];
		out->bin_abs[k] = p->bin_abs[k] > out->bin_abs[k] ? p->bin_abs[k] : out->bin_abs[k];
	}
}

/* A break between shard k-1's last output and shard k's first (by the rule
 * shard k recorded for that step) counts where the unsharded sweep counts
 * it: in the interval of the upper input, and in the domain when both
 * inputs are in it. */
static void merge_edge(struct sb_accuracy *out, const struct sb_accuracy *below,
		       const struct sb_accuracy *p)
{
	double y0 = below->edge.last, y1 = p->edge.first;
	unsigned rule = p->edge.rule;
	if (!(((rule & SB_STEP_NO_FALL) && y1 < y0) || ((rule & SB_STEP_NO_RISE) && y1 > y0)))
		return;
	out->iv[p->edge.iv].mono++;
	if (p->edge.in_domain)
		out->domain.mono++;
}

static void merge_variant(const struct sb_accuracy *const *parts, size_t nparts, size_t v,
			  struct sb_accuracy *out)
{
	const struct sb_accuracy *first = &parts[0][v];
	memset(out, 0, sizeof *out);
	out->v = first->v;
	memcpy(out->sweep, first->sweep, sizeof out->sweep);
	out->has_domain = first->has_domain;
	/* NaN inputs and special values are whole-run figures, measured by shard 0 */
	out->nan_in = first->nan_in;
	out->nan_in_kept = first->nan_in_kept;
	memcpy(out->special_out, first->special_out, sizeof out->special_out);
	sb_errstats_init(&out->all);
	sb_errstats_init(&out->domain);
	for (int i = 0; i < SB_IV_COUNT; i++)
		sb_errstats_init(&out->iv[i]);
	for (size_t k = 0; k < nparts; k++) {
		const struct sb_accuracy *p = &parts[k][v];
		for (int i = 0; i < SB_IV_COUNT; i++)
			sb_errstats_merge(&out->iv[i], &p->iv[i]);
		sb_errstats_merge(&out->domain, &p->domain);
		merge_bins(out, p);
		out->eval_s += p->eval_s; /* CPU seconds add up across shards */
		out->sweep_cpu_s += p->sweep_cpu_s;
		if (k)
			merge_edge(out, &parts[k - 1][v], p);
	}
	for (int i = 0; i < SB_IV_COUNT; i++)
		sb_errstats_merge(&out->all, &out->iv[i]);
	out->edge = first->edge;
	out->edge.last = parts[nparts - 1][v].edge.last;
}

int sb_shard_merge(const struct sb_accuracy *const *parts, size_t nparts, size_t nv,
		   struct sb_accuracy *out, struct sb_error *e)
{
	for (size_t k = 1; k < nparts; k++)
		for (size_t v = 0; v < nv; v++)
			if (parts[k][v].v != parts[0][v].v)
				return sb_error_set(e, "shard %zu measured %s where shard 0 measured %s",
						    k, parts[k][v].v->name, parts[0][v].v->name);
	for (size_t v = 0; v < nv; v++)
		merge_variant(parts, nparts, v, out + v);
	return 0;
}
