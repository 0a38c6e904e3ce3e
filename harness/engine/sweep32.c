/* The float32 sweep: every non-NaN float in increasing order (ordered keys,
 * intervals.h), split into chunks that threads take in turn; each chunk is
 * walked in blocks that never straddle an interval edge, so a block's
 * statistics go to one interval.  Monotonicity across chunk edges is
 * settled after the threads finish, from each chunk's first and last output.
 * NaN inputs (2^24 - 2 patterns) are run separately. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/accuracy.h"
#include "engine/fn_edges.h"
#include "engine/globs.h"
#include "engine/shard.h"
#include "engine/progress.h"
#include "base/util.h"

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
/* The time stamp counter: a few cycles to read, where the thread's CPU
 * clock is a system call, which around each of ~4e8 block calls would cost
 * more than the error accounting it is there to judge. */
static inline uint64_t ticks(void) { return __rdtsc(); }
#else
static inline uint64_t ticks(void) /* any steady clock will do: chunks rescale it */
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
#endif

static double seconds(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#define CHUNK (1u << 20) /* inputs per unit of work */
#define BLK 1024         /* inputs per block: the reference arrays stay in L1/L2 */
#define NSTAT (SB_IV_COUNT + 1) /* per variant: the intervals, then its domain */
#define MAXSEG 8

struct ctx32 {
	const struct sb_variant *const *vs;
	size_t nv;
	uint64_t k_lo, stride, nj, nchunks;
	uint64_t j0, j1;            /* this shard's sweep indices [j0, j1) (all: [0, nj)) */
	uint64_t seg_start[MAXSEG + 1]; /* key where each interval piece starts */
	enum sb_iv seg_iv[MAXSEG];
	int nseg;
	uint64_t *dj_lo, *dj_hi; /* per variant: its domain in sweep indices */
	double *first_out, *last_out; /* [chunk * nv + v] */
	struct sb_errstats *acc;      /* [thread][v][NSTAT] */
	const struct sb_sweep_opts *o;
	int *slot;                    /* [v]: its place among the plotted variants, or -1 */
	size_t nplot;                 /* how many are plotted */
	double *bins;                 /* [thread][slot][2][plot_bins], -1 = empty */
	double *eval_s;               /* [thread][v]: CPU seconds in the variant's calls */
	double *thread_cpu_s;         /* [thread] */
	atomic_uint_fast64_t next_chunk, done;
};

struct worker_arg {
	struct ctx32 *c;
	int t;
};

struct blockbuf {
	float *xf, *yf, *crf; /* inputs, a variant's outputs, the CR outputs */
	double *yd;           /* the outputs widened (first the reference's f(x), as scratch) */
	struct sb_refblock rb;
	struct sb_crblock cr_stats; /* the block's stats if a variant returned crf */
	struct sb_blockmax max;     /* a variant's largest errors on the block (plots) */
};

static void blockbuf_alloc(struct blockbuf *b)
{
	b->xf = sb_xalloc_aligned(BLK * sizeof(float));
	b->yf = sb_xalloc_aligned(BLK * sizeof(float));
	b->crf = sb_xalloc_aligned(BLK * sizeof(float));
	b->yd = sb_xalloc_aligned(BLK * sizeof(double));
	b->rb.x = sb_xalloc_aligned(BLK * sizeof(double));
	b->rb.cr = sb_xalloc_aligned(BLK * sizeof(double));
	b->rb.frac = sb_xalloc_aligned(BLK * sizeof(double));
	b->rb.ulp = sb_xalloc_aligned(BLK * sizeof(double));
	b->rb.inv_sigma = sb_xalloc_aligned(BLK * sizeof(double));
	b->rb.inv_ulp = sb_xalloc_aligned(BLK * sizeof(double));
}

static void blockbuf_free(struct blockbuf *b)
{
	void *ps[] = { b->xf, b->yf, b->crf, b->yd, b->rb.x, b->rb.cr, b->rb.frac, b->rb.ulp, b->rb.inv_sigma, b->rb.inv_ulp };
	for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++)
		free(ps[i]);
}

static int seg_index(const struct ctx32 *c, uint64_t key)
{
	int s = 0;
	while (s + 1 < c->nseg && key >= c->seg_start[s + 1])
		s++;
	return s;
}

/* The block's inputs.  Keys map to bit patterns affinely on each side of
 * zero (slope +1 for positive floats, -1 for negative): when the block's
 * two ends confirm that, the patterns in between follow without a call
 * per input. */
__attribute__((target_clones("avx512f", "avx2", "default")))
static void block_inputs(struct blockbuf *b, const struct ctx32 *c, uint64_t j, size_t m)
{
	uint64_t k0 = c->k_lo + j * c->stride, step = c->stride;
	float x0 = sb_unkey32((uint32_t)k0), x1 = sb_unkey32((uint32_t)(k0 + (m - 1) * step));
	uint32_t b0, b1;
	memcpy(&b0, &x0, sizeof b0);
	memcpy(&b1, &x1, sizeof b1);
	uint32_t span = (uint32_t)((m - 1) * step), slope = b0 >> 31 ? (uint32_t)-1 : 1;
	if ((b0 >> 31) != (b1 >> 31) || b1 - b0 != span * slope) {
		for (size_t i = 0; i < m; i++)
			b->xf[i] = sb_unkey32((uint32_t)(k0 + i * step));
	} else {
		uint32_t bits[BLK], inc = (uint32_t)step * slope;
		for (size_t i = 0; i < m; i++)
			bits[i] = b0 + (uint32_t)i * inc;
		memcpy(b->xf, bits, m * sizeof bits[0]);
	}
	for (size_t i = 0; i < m; i++)
		b->rb.x[i] = b->xf[i];
}

/* What the accounting reads besides cr, frac and ulp; target_clones builds
 * it for AVX-512, AVX2 and plain x86-64 (one division per input). */
__attribute__((target_clones("avx512f", "avx2", "default")))
static void derive_reference(struct blockbuf *b, const double *restrict sigma, size_t m)
{
	const double *restrict cr = b->rb.cr, *restrict ulp = b->rb.ulp;
	float *restrict crf = b->crf;
	double *restrict inv_ulp = b->rb.inv_ulp, *restrict inv_sigma = b->rb.inv_sigma;
	for (size_t i = 0; i < m; i++) {
		crf[i] = (float)cr[i];
		/* 1/ulp, exact: ulp is a power of two in [2^-149, 2^-23], whose
		 * inverse has the negated exponent (no division) */
		uint64_t ub;
		memcpy(&ub, &ulp[i], sizeof ub);
		ub = 0x7fe0000000000000u - ub;
		memcpy(&inv_ulp[i], &ub, sizeof ub);
		double mag = fabs(sigma[i]); /* log sigma, SiLU, sigma'' can be negative */
		inv_sigma[i] = mag >= 0x1p-126 ? 1 / mag : 0;
	}
}

/* The reference for the block: sb_ref_f32_block (SIMD, bitwise sb_ref_f32)
 * for sigma, the family's fast path for the others (family_ref.h),
 * then what the accounting derives from it. */
static void fill_reference(struct blockbuf *b, const struct ctx32 *c, uint64_t j, size_t m)
{
	block_inputs(b, c, j, m);
	double *sigma = b->yd; /* scratch: the outputs are written later */
	sb_ref_fn_f32_block(c->o->function, b->xf, m, b->rb.cr, b->rb.frac, b->rb.ulp, sigma);
	derive_reference(b, sigma, m);
	b->rb.n = m;
	struct sb_fn_range range = sb_fn_range(c->o->function, SB_FMT_F32);
	b->rb.lo = range.lo;
	b->rb.hi = range.hi;
	b->rb.shape = sb_fn_shape(c->o->function);
	sb_errstats_cr_prepare(&b->cr_stats, &b->rb, 0, m);
}

/* y = x as doubles; target_clones, because the baseline build's SSE2 loop
 * showed as half of the sweep loop's own time in a profile.  (Widening
 * inside the accounting pass instead was slower: gcc vectorises the mixed
 * float/double loop at 16 lanes with mask conversions, 7.6% of a profile's
 * samples against 6.5% for the two loops.) */
__attribute__((target_clones("avx512f", "avx2", "default")))
static void widen(const float *restrict x, double *restrict y, size_t m)
{
	for (size_t i = 0; i < m; i++)
		y[i] = x[i];
}

/* Account outputs [a, e) of the block into s.  Most blocks of a good
 * variant are correctly rounded throughout (nine in ten floats have sigma
 * rounding to 0, 1/2 or 1); for a whole such block the statistics are those
 * of the CR outputs, computed once per block, and only the step from the
 * previous output needs checking.  A whole block's largest errors go to
 * b->max for the plots. */
static void account(struct sb_errstats *s, struct blockbuf *b, size_t a, size_t e, size_t m,
		    struct sb_prev prev, int all_cr, int *converted)
{
	if (all_cr && a == 0 && e == m) {
		/* CR outputs are monotone on each piece (test family-ranges) */
		sb_errstats_cr_merge(s, &b->cr_stats);
		s->mono += (uint64_t)sb_fn_step_breaks(b->rb.shape, prev.x, prev.y, b->rb.x[0], b->yf[0]);
		return;
	}
	if (!*converted) {
		widen(b->yf, b->yd, m);
		*converted = 1;
	}
	sb_errstats_block(s, &b->rb, a, e, b->yd, prev, a == 0 && e == m ? &b->max : NULL);
}

/* Bin of x in [plot_lo, plot_hi): non-decreasing in x. */
static int bin_of(const struct sb_sweep_opts *o, double x)
{
	double scale = o->plot_bins / (o->plot_hi - o->plot_lo);
	int k = (int)((x - o->plot_lo) * scale);
	return k < o->plot_bins ? k : o->plot_bins - 1;
}

/* Fold the block's errors into one variant's bins (plots): the larger error
 * per bin.  A block inside one bin (most: a bin spans thousands of floats
 * except far out) takes the block's maxima, which the accounting's own
 * pass left in b->max; all-CR blocks need no recomputation: their errors
 * are |frac|, whose maxima the block's CR statistics hold. */
static void bin_block(const struct ctx32 *c, const struct blockbuf *b, size_t m, double *bins,
		      int all_cr)
{
	const struct sb_sweep_opts *o = c->o;
	double lo = o->plot_lo, x0 = b->rb.x[0], x1 = b->rb.x[m - 1];
	if (x1 < lo || x0 >= o->plot_hi)
		return;
	double *bu = bins, *ba = bins + o->plot_bins;
	if (x0 >= lo && x1 < o->plot_hi && bin_of(o, x0) == bin_of(o, x1)) {
		int k = bin_of(o, x0);
		double eu, ea;
		if (all_cr) {
			sb_errstats_cr_max(&b->cr_stats, &eu, &ea);
		} else {
			eu = b->max.ulp;
			ea = b->max.abs;
		}
		bu[k] = eu > bu[k] ? eu : bu[k];
		ba[k] = ea > ba[k] ? ea : ba[k];
		return;
	}
	for (size_t i = 0; i < m; i++) {
		double x = b->rb.x[i];
		if (!(x >= lo && x < o->plot_hi))
			continue;
		int k = bin_of(o, x);
		double eu, ea;
		if (all_cr) {
			eu = fabs(b->rb.frac[i]);
			ea = eu * b->rb.ulp[i];
		} else {
			sb_errstats_errors(&b->rb, i, b->yd[i], &eu, &ea);
		}
		bu[k] = eu > bu[k] ? eu : bu[k];
		ba[k] = ea > ba[k] ? ea : ba[k];
	}
}

/* The input at sweep index j. */
static double input_at(const struct ctx32 *c, uint64_t j)
{
	return sb_unkey32((uint32_t)(c->k_lo + j * c->stride));
}

/* One block [j, j+m) of sweep indices, all in interval `iv`, for every variant. */
static void run_block(struct ctx32 *c, struct blockbuf *b, struct sb_errstats *acc, double *bins,
		      double *last, uint64_t *eval_ticks, uint64_t j, size_t m, enum sb_iv iv,
		      int chunk_start, uint64_t chunk)
{
	fill_reference(b, c, j, m);
	double x_below = j > 0 ? input_at(c, j - 1) : NAN;
	for (size_t v = 0; v < c->nv; v++) {
		uint64_t t0 = eval_ticks ? ticks() : 0;
		c->vs[v]->f32(b->xf, b->yf, m);
		if (eval_ticks)
			eval_ticks[v] += ticks() - t0;
		int all_cr = memcmp(b->yf, b->crf, m * sizeof(float)) == 0, converted = 0;
		struct sb_prev prev = { x_below, chunk_start ? NAN : last[v] };
		uint64_t a = j > c->dj_lo[v] ? j : c->dj_lo[v];
		uint64_t e = j + m <= c->dj_hi[v] + 1 ? j + m : c->dj_hi[v] + 1;
		int in_dom = c->dj_lo[v] <= c->dj_hi[v] && a < e;
		int whole = in_dom && a == j && e == j + m && (a != c->dj_lo[v] || chunk_start);
		if (whole && all_cr) {
			/* the domain holds the whole block, all CR: the block's CR
			 * statistics go to both, no accumulator in between */
			account(&acc[v * NSTAT + iv], b, 0, m, m, prev, 1, &converted);
			account(&acc[v * NSTAT + SB_IV_COUNT], b, 0, m, m, prev, 1, &converted);
		} else if (whole) {
			/* the domain holds the whole block and the same previous output:
			 * its statistics are the interval's, accounted once (merging is
			 * exact: integer sums, and maxima that break ties by input) */
			struct sb_errstats t, *si = &acc[v * NSTAT + iv], *sd = &acc[v * NSTAT + SB_IV_COUNT];
			sb_errstats_init_below(&t, si, sd);
			account(&t, b, 0, m, m, prev, all_cr, &converted);
			sb_errstats_merge(si, &t);
			sb_errstats_merge(sd, &t);
		} else {
			account(&acc[v * NSTAT + iv], b, 0, m, m, prev, all_cr, &converted);
			if (in_dom) {
				struct sb_prev pd = { x_below, (a == c->dj_lo[v] || chunk_start) ? NAN : last[v] };
				account(&acc[v * NSTAT + SB_IV_COUNT], b, a - j, e - j, m, pd, all_cr,
					&converted);
			}
		}
		if (c->slot[v] >= 0)
			bin_block(c, b, m, bins + (size_t)c->slot[v] * 2 * (size_t)c->o->plot_bins, all_cr);
		if (chunk_start)
			c->first_out[chunk * c->nv + v] = b->yf[0];
		last[v] = b->yf[m - 1];
	}
}

/* Blocks whose calls are timed: one in TIME_EVERY.  A pair of timestamps
 * costs about as much as evaluating 100 inputs; around every call it would
 * add a few per cent to the cost it is there to measure. */
#define TIME_EVERY 8

/* A chunk's timestamp ticks in each variant's calls on its timed blocks,
 * as CPU seconds for the whole chunk: scaled up by the chunk's inputs over
 * the timed ones, and by the chunk's CPU time over its ticks (the ticks run
 * on while the thread is descheduled on a busy machine; this charges the
 * preemption to calls and accounting in proportion).  Resets the ticks. */
static void to_cpu_seconds(uint64_t *ticks_in, double *eval_s, size_t nv, double chunk_cpu,
			   uint64_t chunk_ticks, double inputs_per_timed)
{
	double per_tick = chunk_ticks ? chunk_cpu / (double)chunk_ticks * inputs_per_timed : 0;
	for (size_t v = 0; v < nv; v++) {
		eval_s[v] += (double)ticks_in[v] * per_tick;
		ticks_in[v] = 0;
	}
}

static void *worker32(void *arg)
{
	struct ctx32 *c = ((struct worker_arg *)arg)->c;
	int t = ((struct worker_arg *)arg)->t;
	struct sb_errstats *acc = c->acc + (size_t)t * c->nv * NSTAT;
	double *bins = c->bins ? c->bins + (size_t)t * c->nplot * 2 * (size_t)c->o->plot_bins : NULL;
	double *eval_s = c->eval_s + (size_t)t * c->nv;
	uint64_t *eval_ticks = sb_xcalloc(c->nv, sizeof *eval_ticks);
	double cpu0 = seconds(CLOCK_THREAD_CPUTIME_ID);
	struct blockbuf b;
	blockbuf_alloc(&b);
	double *last = sb_xcalloc(c->nv, sizeof *last);
	for (;;) {
		uint64_t ch = atomic_fetch_add(&c->next_chunk, 1);
		if (ch >= c->nchunks)
			break;
		uint64_t j = c->j0 + ch * CHUNK, jend = j + CHUNK < c->j1 ? j + CHUNK : c->j1;
		double chunk_cpu0 = seconds(CLOCK_THREAD_CPUTIME_ID);
		uint64_t chunk_ticks0 = ticks(), timed = 0, inputs = jend - j, nblock = 0;
		for (int start = 1; j < jend; start = 0) {
			int s = seg_index(c, c->k_lo + j * c->stride);
			uint64_t jb = jend;
			if (s + 1 < c->nseg) {
				uint64_t nb = (c->seg_start[s + 1] - c->k_lo + c->stride - 1) / c->stride;
				jb = nb < jb ? nb : jb;
			}
			jb = jb - j > BLK ? j + BLK : jb;
			int time_it = nblock++ % TIME_EVERY == 0;
			timed += time_it ? jb - j : 0;
			run_block(c, &b, acc, bins, last, time_it ? eval_ticks : NULL, j, (size_t)(jb - j),
				  c->seg_iv[s], start, ch);
			atomic_fetch_add(&c->done, jb - j);
			j = jb;
		}
		for (size_t v = 0; v < c->nv; v++)
			c->last_out[ch * c->nv + v] = last[v];
		to_cpu_seconds(eval_ticks, eval_s, c->nv, seconds(CLOCK_THREAD_CPUTIME_ID) - chunk_cpu0,
			       ticks() - chunk_ticks0, (double)inputs / (double)timed);
	}
	free(eval_ticks);
	free(last);
	blockbuf_free(&b);
	sb_ref_release_thread();
	c->thread_cpu_s[t] = seconds(CLOCK_THREAD_CPUTIME_ID) - cpu0;
	return NULL;
}

/* Interval pieces in key order; central is split around tiny. */
static void make_segments(struct ctx32 *c)
{
	const struct sb_breakpoints *bp = sb_breakpoints(SB_FMT_F32);
	static const enum sb_iv order[MAXSEG] = {
		SB_IV_UNDERFLOW, SB_IV_SUBNORMAL, SB_IV_NEGATIVE, SB_IV_CENTRAL,
		SB_IV_TINY, SB_IV_CENTRAL, SB_IV_NEARSAT, SB_IV_SATURATION,
	};
	uint64_t starts[MAXSEG] = {
		0,
		sb_key32((float)bp->zero_hi) + 1,
		sb_key32((float)bp->sub_hi) + 1,
		sb_key32((float)-SB_CENTRAL_EDGE),
		sb_key32((float)bp->tiny_lo),
		sb_key32((float)bp->tiny_hi) + 1,
		sb_key32((float)SB_CENTRAL_EDGE) + 1,
		sb_key32((float)bp->one_lo),
	};
	for (int s = 0; s < MAXSEG; s++) {
		c->seg_start[s] = starts[s];
		c->seg_iv[s] = order[s];
	}
	c->seg_start[MAXSEG] = SB_NKEY32;
	c->nseg = MAXSEG;
}

/* Key of the least float >= lo / the greatest float <= hi. */
static uint64_t key_at_or_above(double lo)
{
	if (lo == -INFINITY)
		return 0;
	float f = (float)lo;
	if ((double)f < lo)
		f = nextafterf(f, INFINITY);
	return sb_key32(f);
}

static uint64_t key_at_or_below(double hi)
{
	if (hi == INFINITY)
		return SB_NKEY32 - 1;
	float f = (float)hi;
	if ((double)f > hi)
		f = nextafterf(f, -INFINITY);
	return sb_key32(f);
}

static void set_domains(struct ctx32 *c, struct sb_accuracy *out)
{
	uint64_t k_hi = c->k_lo + (c->nj - 1) * c->stride;
	for (size_t v = 0; v < c->nv; v++) {
		const struct sb_variant *var = c->vs[v];
		out[v].has_domain = !(var->dom_lo == -INFINITY && var->dom_hi == INFINITY);
		c->dj_lo[v] = 1;
		c->dj_hi[v] = 0; /* empty */
		if (!out[v].has_domain)
			continue;
		uint64_t a = key_at_or_above(var->dom_lo), b = key_at_or_below(var->dom_hi);
		if (a < c->k_lo)
			a = c->k_lo;
		if (b > k_hi)
			b = k_hi;
		if (a > b)
			continue;
		c->dj_lo[v] = (a - c->k_lo + c->stride - 1) / c->stride;
		c->dj_hi[v] = (b - c->k_lo) / c->stride;
	}
}

/* Breaks between the last output of chunk k-1 and the first of chunk k. */
static void chunk_edges(const struct ctx32 *c, struct sb_accuracy *out)
{
	const struct sb_fn_shape *sh = sb_fn_shape(c->o->function);
	for (uint64_t k = 1; k < c->nchunks; k++) {
		uint64_t j = c->j0 + k * CHUNK;
		enum sb_iv iv = c->seg_iv[seg_index(c, c->k_lo + j * c->stride)];
		double x0 = input_at(c, j - 1), x1 = input_at(c, j);
		for (size_t v = 0; v < c->nv; v++) {
			if (!sb_fn_step_breaks(sh, x0, c->last_out[(k - 1) * c->nv + v], x1,
					       c->first_out[k * c->nv + v]))
				continue;
			out[v].iv[iv].mono++;
			if (j > c->dj_lo[v] && j <= c->dj_hi[v] && c->dj_lo[v] <= c->dj_hi[v])
				out[v].domain.mono++;
		}
	}
}

/* The shard's end outputs and where a break at its lower edge counts. */
static void record_edges(const struct ctx32 *c, struct sb_accuracy *out)
{
	enum sb_iv iv = c->seg_iv[seg_index(c, c->k_lo + c->j0 * c->stride)];
	unsigned rule = c->j0 > 0 ? sb_fn_step_rule(sb_fn_shape(c->o->function), input_at(c, c->j0 - 1),
						    input_at(c, c->j0)) : 0;
	for (size_t v = 0; v < c->nv; v++) {
		out[v].edge.rule = rule;
		out[v].edge.first = c->first_out[v];
		out[v].edge.last = c->last_out[(c->nchunks - 1) * c->nv + v];
		out[v].edge.iv = (int)iv;
		out[v].edge.in_domain = c->dj_lo[v] <= c->dj_hi[v] && c->j0 > c->dj_lo[v] &&
					c->j0 <= c->dj_hi[v];
	}
}

/* All 2 * (2^23 - 1) NaN patterns, both signs. */
static void nan_inputs(const struct sb_variant *const *vs, size_t nv, struct sb_accuracy *out)
{
	enum { N = 1 << 16 };
	float *x = sb_xalloc_aligned(N * sizeof(float)), *y = sb_xalloc_aligned(N * sizeof(float));
	for (uint32_t sign = 0; sign < 2; sign++) {
		for (uint32_t m = 1; m < (1u << 23); m += N) {
			uint32_t cnt = (1u << 23) - m < N ? (1u << 23) - m : N;
			for (uint32_t i = 0; i < cnt; i++) {
				uint32_t bits = sign << 31 | 0x7F800000u | (m + i);
				memcpy(&x[i], &bits, sizeof bits);
			}
			for (size_t v = 0; v < nv; v++) {
				vs[v]->f32(x, y, cnt);
				uint64_t kept = 0;
				for (uint32_t i = 0; i < cnt; i++)
					kept += isnan(y[i]);
				out[v].nan_in += cnt;
				out[v].nan_in_kept += kept;
			}
		}
	}
	free(x);
	free(y);
}

static void describe(char *buf, size_t size, const struct sb_sweep_opts *o, uint64_t nj)
{
	int all = o->lo == -INFINITY && o->hi == INFINITY;
	if (all && o->stride == 1)
		snprintf(buf, size, "exhaustive: all 2^32 inputs");
	else if (o->stride == 1)
		snprintf(buf, size, "exhaustive on [%g, %g]: %llu inputs", o->lo, o->hi,
			 (unsigned long long)nj);
	else
		snprintf(buf, size, "every %llu-th float in [%g, %g]: %llu inputs",
			 (unsigned long long)o->stride, o->lo, o->hi, (unsigned long long)nj);
}

static void run_threads(struct ctx32 *c, int nthreads, const struct sb_sweep_opts *o)
{
	pthread_t tid[256];
	struct worker_arg args[256];
	struct sb_progress pr;
	sb_progress_begin(&pr, "accuracy f32", c->j1 - c->j0, o->progress);
	int started = 0;
	for (int t = 0; t < nthreads; t++) {
		args[t] = (struct worker_arg){ c, t };
		if (pthread_create(&tid[t], NULL, worker32, &args[t]) != 0) {
			/* Chunks are claimed, not assigned, and per-thread sums merge
			 * exactly: fewer threads give the same result, only later. */
			worker32(&args[t]);
			break;
		}
		started++;
	}
	while (atomic_load(&c->done) < c->j1 - c->j0) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		sb_progress_update(&pr, atomic_load(&c->done));
	}
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	sb_progress_end(&pr);
}

/* Each variant's evaluation time and the threads' CPU time (accuracy.h). */
static void set_times(const struct ctx32 *c, int nthreads, struct sb_accuracy *out)
{
	double cpu = 0;
	for (int t = 0; t < nthreads; t++)
		cpu += c->thread_cpu_s[t];
	for (size_t v = 0; v < c->nv; v++) {
		out[v].eval_s = 0;
		for (int t = 0; t < nthreads; t++)
			out[v].eval_s += c->eval_s[(size_t)t * c->nv + v];
		out[v].sweep_cpu_s = cpu;
	}
}

int sb_sweep_f32(const struct sb_variant *const *vs, size_t nv,
		 const struct sb_sweep_opts *o, struct sb_accuracy *out, struct sb_error *e)
{
	struct ctx32 c = { .vs = vs, .nv = nv, .stride = o->stride ? o->stride : 1 };
	c.k_lo = key_at_or_above(o->lo);
	uint64_t k_hi = key_at_or_below(o->hi);
	if (k_hi < c.k_lo)
		return sb_error_set(e, "--domain [%g, %g] holds no float", o->lo, o->hi);
	c.nj = (k_hi - c.k_lo) / c.stride + 1;
	c.j1 = c.nj;
	if (o->shard_n && sb_shard_range(c.nj, o->shard_i, o->shard_n, &c.j0, &c.j1, e))
		return -1;
	c.nchunks = (c.j1 - c.j0 + CHUNK - 1) / CHUNK;
	make_segments(&c);
	int nthreads = o->threads < 1 ? 1 : o->threads > 256 ? 256 : o->threads;
	c.dj_lo = sb_xcalloc(nv, sizeof *c.dj_lo);
	c.dj_hi = sb_xcalloc(nv, sizeof *c.dj_hi);
	c.first_out = sb_xcalloc(c.nchunks * nv, sizeof *c.first_out);
	c.last_out = sb_xcalloc(c.nchunks * nv, sizeof *c.last_out);
	c.acc = sb_xcalloc((size_t)nthreads * nv * NSTAT, sizeof *c.acc);
	for (size_t i = 0; i < (size_t)nthreads * nv * NSTAT; i++)
		sb_errstats_init(&c.acc[i]);
	for (size_t v = 0; v < nv; v++) {
		memset(&out[v], 0, sizeof out[v]);
		out[v].v = vs[v];
		describe(out[v].sweep, sizeof out[v].sweep, o, c.nj);
		sb_errstats_init(&out[v].all);
		sb_errstats_init(&out[v].domain);
		for (int i = 0; i < SB_IV_COUNT; i++)
			sb_errstats_init(&out[v].iv[i]);
	}
	set_domains(&c, out);
	c.o = o;
	c.slot = sb_xcalloc(nv, sizeof *c.slot);
	size_t nb = o->plot && o->plot_bins > 0 ? (size_t)o->plot_bins : 0;
	for (size_t v = 0; v < nv; v++)
		c.slot[v] = nb && sb_glob_match(o->plot, vs[v]->name) ? (int)c.nplot++ : -1;
	if (c.nplot) {
		c.bins = sb_xcalloc((size_t)nthreads * c.nplot * 2 * nb, sizeof *c.bins);
		for (size_t i = 0; i < (size_t)nthreads * c.nplot * 2 * nb; i++)
			c.bins[i] = -1;
	}
	c.eval_s = sb_xcalloc((size_t)nthreads * nv, sizeof *c.eval_s);
	c.thread_cpu_s = sb_xcalloc((size_t)nthreads, sizeof *c.thread_cpu_s);
	run_threads(&c, nthreads, o);
	set_times(&c, nthreads, out);
	free(c.eval_s);
	free(c.thread_cpu_s);
	for (size_t v = 0; v < nv && nb; v++) {
		if (c.slot[v] < 0)
			continue;
		out[v].nbins = (int)nb;
		out[v].bin_lo = o->plot_lo;
		out[v].bin_hi = o->plot_hi;
		out[v].bin_ulp = sb_xcalloc(nb, sizeof(double));
		out[v].bin_abs = sb_xcalloc(nb, sizeof(double));
		for (size_t k = 0; k < nb; k++)
			out[v].bin_ulp[k] = out[v].bin_abs[k] = -1;
		for (int t = 0; t < nthreads; t++) {
			const double *src = c.bins + ((size_t)t * c.nplot + (size_t)c.slot[v]) * 2 * nb;
			for (size_t k = 0; k < nb; k++) {
				out[v].bin_ulp[k] = src[k] > out[v].bin_ulp[k] ? src[k] : out[v].bin_ulp[k];
				out[v].bin_abs[k] = src[nb + k] > out[v].bin_abs[k] ? src[nb + k] : out[v].bin_abs[k];
			}
		}
	}
	free(c.slot);
	free(c.bins);
	for (int t = 0; t < nthreads; t++)
		for (size_t v = 0; v < nv; v++) {
			const struct sb_errstats *a = &c.acc[((size_t)t * nv + v) * NSTAT];
			for (int i = 0; i < SB_IV_COUNT; i++)
				sb_errstats_merge(&out[v].iv[i], &a[i]);
			sb_errstats_merge(&out[v].domain, &a[SB_IV_COUNT]);
		}
	chunk_edges(&c, out);
	record_edges(&c, out);
	for (size_t v = 0; v < nv; v++)
		for (int i = 0; i < SB_IV_COUNT; i++)
			sb_errstats_merge(&out[v].all, &out[v].iv[i]);
	if (o->lo == -INFINITY && o->hi == INFINITY && o->shard_i == 0)
		nan_inputs(vs, nv, out); /* once per run: by shard 0 */
	for (size_t v = 0; v < nv; v++)
		for (int i = 0; i < SB_NSPECIAL; i++)
			out[v].special_out[i] = sb_eval1(vs[v], sb_special_input(SB_FMT_F32, i));
	free(c.dj_lo);
	free(c.dj_hi);
	free(c.first_out);
	free(c.last_out);
	free(c.acc);
	return 0;
}
