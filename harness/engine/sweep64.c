/* The float64 sweep: 2^64 inputs cannot all be tried, so it samples, from a
 * stream no process holds whole (memory does not grow with --samples).
 *
 * Sample unit k gives three inputs (a uniform bit pattern, a uniform x on
 * [-40, 40], a log-uniform magnitude) that are a pure function of (seed, k):
 * outputs of a splitmix64 counter, so any shard or thread draws unit k
 * alike, whatever their number.  Units form fixed blocks of
 * UNITS_PER_BLOCK; each block is sorted and de-duplicated on its own, and
 * monotonicity is checked between its neighbours (a block is the only
 * order there is: duplicates across blocks are measured twice, which at
 * 10^12 samples changes nothing).  Each block also walks WALK_LEN
 * consecutive doubles from a drawn start.  Shards take contiguous ranges of
 * blocks; threads claim chunks of blocks.
 *
 * Apart from the stream, a deterministic part (measured by shard 0): the
 * consecutive doubles around every breakpoint and around the hard cases the
 * caller names (sb_sweep_opts.walk_x), as merged key intervals, so it costs
 * memory per interval, not per input.
 *
 * The reference (sb_ref_f64_block: integer arithmetic giving MPFR's bits,
 * MPFR itself for about 1 input in 150) is the costly part, once per input.
 *
 * Every statistic merges exactly (errstats.h), so the result is the same
 * for any thread count, chunk size or shard count. */
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
#include "engine/fn_edges.h"
#include "engine/progress.h"
#include "engine/shard.h"
#include "base/util.h"

#define UNITS_PER_BLOCK 1024 /* samples sorted together; one walk each */
#define WALK_LEN 64          /* consecutive doubles per walk */
#define BLOCK_CAP (3 * UNITS_PER_BLOCK + WALK_LEN)
#define CHUNK_BLOCKS 16      /* default blocks per claim: ~400 KB of inputs */
#define MAX_THREADS 256

/* ---- the counter-based stream ---- */

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* Output i of the splitmix64 stream from state `key`: computed directly,
 * not by stepping through outputs 0..i-1. */
static uint64_t stream_at(uint64_t key, uint64_t i)
{
	return mix64(key + (i + 1) * 0x9E3779B97F4A7C15u);
}

static double unit_real(uint64_t r) { return (double)(r >> 11) * 0x1p-53; }

enum { DRAW_BITS, DRAW_UNIFORM, DRAW_MAG, DRAW_SIGN, DRAW_WALK, DRAWS_PER_UNIT };

static uint64_t draw(uint64_t key, uint64_t unit, int which)
{
	return stream_at(key, unit * DRAWS_PER_UNIT + (uint64_t)which);
}

static void unit_inputs(uint64_t key, uint64_t k, double x[3])
{
	uint64_t bits = draw(key, k, DRAW_BITS);
	memcpy(&x[0], &bits, sizeof x[0]); /* may be NaN: dropped by the caller */
	x[1] = -40 + 80 * unit_real(draw(key, k, DRAW_UNIFORM));
	double mag = exp2(-1074 + 1084 * unit_real(draw(key, k, DRAW_MAG))); /* [2^-1074, 2^10] */
	x[2] = draw(key, k, DRAW_SIGN) >> 63 ? -mag : mag;
}

/* ---- the deterministic part: intervals of consecutive keys ---- */

struct span {
	uint64_t a, b; /* keys a..b, inclusive */
};

struct fixed {
	struct span *s;
	size_t n;
	uint64_t inputs; /* keys in all spans */
};

static int span_cmp(const void *p, const void *q)
{
	const struct span *a = p, *b = q;
	return a->a < b->a ? -1 : a->a > b->a;
}

/* Key intervals of count doubles each side of every mark, clipped to the
 * domain's keys [klo, khi], sorted and merged where they overlap or touch. */
static void fixed_spans(struct fixed *f, const double *marks, size_t nmarks, uint64_t count,
			uint64_t klo, uint64_t khi)
{
	f->s = sb_xmalloc((nmarks ? nmarks : 1) * sizeof *f->s);
	f->n = 0;
	uint64_t top = sb_key64(INFINITY);
	for (size_t i = 0; i < nmarks; i++) {
		if (isnan(marks[i]))
			continue;
		uint64_t k = sb_key64(marks[i]);
		uint64_t a = k > count ? k - count : 0, b = top - k > count ? k + count : top;
		a = a > klo ? a : klo;
		b = b < khi ? b : khi;
		if (a <= b)
			f->s[f->n++] = (struct span){ a, b };
	}
	qsort(f->s, f->n, sizeof *f->s, span_cmp);
	size_t m = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (m && f->s[i].a <= f->s[m - 1].b + 1) {
			if (f->s[i].b > f->s[m - 1].b)
				f->s[m - 1].b = f->s[i].b;
		} else {
			f->s[m++] = f->s[i];
		}
	}
	f->n = m;
	f->inputs = 0;
	for (size_t i = 0; i < m; i++)
		f->inputs += f->s[i].b - f->s[i].a + 1;
}

/* ---- one thread's buffers: a chunk of inputs in groups ---- */

struct chunk {
	size_t cap, n;
	struct sb_refblock rb; /* rb.x holds the inputs */
	enum sb_iv *iv;
	double *y;
	uint64_t *keys;        /* one block's keys while it is sorted */
	size_t *start;         /* group g is [start[g], start[g + 1]) */
	unsigned char *cont;   /* group g continues the input just below it */
	size_t ngroups;
};

static void chunk_alloc(struct chunk *c, size_t cap)
{
	*c = (struct chunk){ .cap = cap }; /* rb.inv_ulp NULL: f64 divides by the ulp */
	double **arrays[] = { &c->rb.x, &c->rb.cr, &c->rb.frac, &c->rb.ulp, &c->rb.inv_sigma, &c->y };
	for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
		*arrays[i] = sb_xalloc_aligned(cap * sizeof(double));
	c->iv = sb_xcalloc(cap, sizeof *c->iv);
	c->keys = sb_xcalloc(BLOCK_CAP, sizeof *c->keys);
	c->start = sb_xcalloc(cap + 1, sizeof *c->start);
	c->cont = sb_xcalloc(cap + 1, 1);
}

static void chunk_free(struct chunk *c)
{
	double *arrays[] = { c->rb.x, c->rb.cr, c->rb.frac, c->rb.ulp, c->rb.inv_sigma, c->y };
	for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
		free(arrays[i]);
	free(c->iv);
	free(c->keys);
	free(c->start);
	free(c->cont);
}

static void chunk_reset(struct chunk *c)
{
	c->n = 0;
	c->ngroups = 0;
}

/* Start a group at the next input (an empty previous group is dropped). */
static void group_begin(struct chunk *c, int cont)
{
	if (c->ngroups && c->start[c->ngroups - 1] == c->n)
		c->ngroups--;
	c->start[c->ngroups] = c->n;
	c->cont[c->ngroups] = (unsigned char)cont;
	c->ngroups++;
}

static void group_end(struct chunk *c)
{
	if (c->ngroups && c->start[c->ngroups - 1] == c->n)
		c->ngroups--;
	c->start[c->ngroups] = c->n;
}

static int key_cmp(const void *p, const void *q)
{
	uint64_t a = *(const uint64_t *)p, b = *(const uint64_t *)q;
	return a < b ? -1 : a > b;
}

struct sweep {
	const struct sb_variant *const *vs;
	size_t nv;
	const struct sb_sweep_opts *o;
	uint64_t key;          /* the stream's state, from the seed */
	uint64_t klo, khi;     /* the domain as keys */
	uint64_t b0, b1;       /* this sweep's blocks */
	uint64_t chunk_blocks;
	struct fixed fixed;    /* empty unless this sweep measures it */
	uint64_t nfixed_items; /* pieces of the fixed part, cap inputs each */
	uint64_t nitems;
	size_t cap;
	atomic_uint_fast64_t next, done_units;
};

static int in_domain(const struct sweep *s, uint64_t k) { return k >= s->klo && k <= s->khi; }

/* Block b: its units' inputs sorted and de-duplicated, then its walk. */
static void add_block(struct chunk *c, const struct sweep *s, uint64_t b)
{
	uint64_t u0 = b * UNITS_PER_BLOCK, u1 = u0 + UNITS_PER_BLOCK;
	u1 = u1 < s->o->samples ? u1 : s->o->samples;
	size_t m = 0;
	for (uint64_t k = u0; k < u1; k++) {
		double x[3];
		unit_inputs(s->key, k, x);
		for (int j = 0; j < 3; j++)
			if (!isnan(x[j]) && in_domain(s, sb_key64(x[j])))
				c->keys[m++] = sb_key64(x[j]);
	}
	qsort(c->keys, m, sizeof *c->keys, key_cmp);
	group_begin(c, 0);
	for (size_t i = 0; i < m; i++)
		if (i == 0 || c->keys[i] != c->keys[i - 1])
			c->rb.x[c->n++] = sb_unkey64(c->keys[i]);
	group_begin(c, 0);
	uint64_t k0 = sb_key64(-40 + 80 * unit_real(draw(s->key, u0, DRAW_WALK)));
	for (uint64_t i = 0; i < WALK_LEN; i++)
		if (in_domain(s, k0 + i))
			c->rb.x[c->n++] = sb_unkey64(k0 + i);
	group_end(c);
}

/* Inputs [p*cap, (p+1)*cap) of the fixed part, in its spans' order; a span
 * cut by the piece's start continues the input below it. */
static void add_fixed_piece(struct chunk *c, const struct sweep *s, uint64_t p)
{
	uint64_t skip = p * s->cap, left = s->cap;
	for (size_t i = 0; i < s->fixed.n && left; i++) {
		uint64_t len = s->fixed.s[i].b - s->fixed.s[i].a + 1;
		if (skip >= len) {
			skip -= len;
			continue;
		}
		uint64_t a = s->fixed.s[i].a + skip, take = len - skip < left ? len - skip : left;
		group_begin(c, skip > 0);
		for (uint64_t k = a; k < a + take; k++)
			c->rb.x[c->n++] = sb_unkey64(k);
		left -= take;
		skip = 0;
	}
	group_end(c);
}

/* ---- the reference: one call per chunk, where a faster path drops in ---- */

static void fill_reference(enum sb_func fn, const double *x, size_t n, struct sb_refblock *rb)
{
	if (fn == SB_FN_SIGMOID) {
		/* sigma lands in inv_sigma, then becomes its reciprocal */
		sb_ref_f64_block(x, n, rb->cr, rb->frac, rb->ulp, rb->inv_sigma);
	} else {
		/* the family has no float64 fast path yet: MPFR for every input */
		for (size_t i = 0; i < n; i++) {
			struct sb_ref r;
			sb_ref_fn_mpfr(fn, x[i], SB_FMT_F64, &r);
			rb->cr[i] = r.cr;
			rb->frac[i] = r.frac;
			rb->ulp[i] = r.ulp;
			rb->inv_sigma[i] = r.sigma;
		}
	}
	/* log sigma, SiLU and sigma'' can be negative: relative error over |f| */
	for (size_t i = 0; i < n; i++) {
		double mag = fabs(rb->inv_sigma[i]);
		rb->inv_sigma[i] = mag >= 0x1p-1022 ? 1 / mag : 0;
	}
	rb->n = n;
	struct sb_fn_range range = sb_fn_range(fn, SB_FMT_F64);
	rb->lo = range.lo;
	rb->hi = range.hi;
	rb->shape = sb_fn_shape(fn);
}

/* ---- accounting ---- */

/* Index of the first input >= x in the sorted x[a..b). */
static size_t lower_bound(const double *x, size_t a, size_t b, double v)
{
	while (a < b) {
		size_t mid = a + (b - a) / 2;
		if (x[mid] < v)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

/* Group [a, b) of the chunk into v's statistics; runs of one interval are
 * contiguous because a group is sorted. */
static void account_group(struct sb_accuracy *acc, const struct sb_variant *v,
			  const struct chunk *c, size_t a, size_t b, int cont)
{
	const double *x = c->rb.x;
	double below = cont ? sb_unkey64(sb_key64(x[a]) - 1) : NAN;
	struct sb_prev prev = { below, cont ? sb_eval1(v, below) : NAN };
	for (size_t i = a; i < b;) {
		size_t j = i + 1;
		while (j < b && c->iv[j] == c->iv[i])
			j++;
		struct sb_prev p = i == a ? prev : (struct sb_prev){ x[i - 1], c->y[i - 1] };
		sb_errstats_block(&acc->iv[c->iv[i]], &c->rb, i, j, c->y, p, NULL);
		i = j;
	}
	if (!acc->has_domain)
		return;
	size_t da = lower_bound(x, a, b, v->dom_lo), db = lower_bound(x, a, b, nextafter(v->dom_hi, INFINITY));
	if (da < db)
		sb_errstats_block(&acc->domain, &c->rb, da, db, c->y,
				  da == a && cont && below >= v->dom_lo ? prev : (struct sb_prev){ NAN, NAN },
				  NULL);
}

static void account_chunk(struct chunk *c, const struct sweep *s, struct sb_accuracy *acc)
{
	if (c->n == 0)
		return;
	fill_reference(s->o->function, c->rb.x, c->n, &c->rb);
	const struct sb_breakpoints *bp = sb_breakpoints(SB_FMT_F64);
	for (size_t i = 0; i < c->n; i++)
		c->iv[i] = sb_interval_of(bp, c->rb.x[i]);
	for (size_t v = 0; v < s->nv; v++) {
		s->vs[v]->f64(c->rb.x, c->y, c->n);
		for (size_t g = 0; g < c->ngroups; g++)
			account_group(&acc[v], s->vs[v], c, c->start[g], c->start[g + 1], c->cont[g]);
	}
}

static void accuracy_init(struct sb_accuracy *a, const struct sb_variant *v)
{
	memset(a, 0, sizeof *a);
	a->v = v;
	sb_errstats_init(&a->all);
	sb_errstats_init(&a->domain);
	for (int i = 0; i < SB_IV_COUNT; i++)
		sb_errstats_init(&a->iv[i]);
	a->has_domain = !(v->dom_lo == -INFINITY && v->dom_hi == INFINITY);
}

/* ---- threads ---- */

struct worker {
	struct sweep *s;
	struct sb_accuracy *acc; /* [nv] */
	double cpu_s;
	pthread_t tid;
};

static double thread_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t item_units(const struct sweep *s, uint64_t item, uint64_t *bfirst, uint64_t *bend)
{
	uint64_t c = item - s->nfixed_items;
	*bfirst = s->b0 + c * s->chunk_blocks;
	*bend = *bfirst + s->chunk_blocks < s->b1 ? *bfirst + s->chunk_blocks : s->b1;
	uint64_t u1 = *bend * UNITS_PER_BLOCK;
	return (u1 < s->o->samples ? u1 : s->o->samples) - *bfirst * UNITS_PER_BLOCK;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct sweep *s = w->s;
	double cpu0 = thread_seconds();
	struct chunk c;
	chunk_alloc(&c, s->cap);
	for (;;) {
		uint64_t item = atomic_fetch_add(&s->next, 1), units = 0;
		if (item >= s->nitems)
			break;
		chunk_reset(&c);
		if (item < s->nfixed_items) {
			add_fixed_piece(&c, s, item);
		} else {
			uint64_t b, bend;
			units = item_units(s, item, &b, &bend);
			for (; b < bend; b++)
				add_block(&c, s, b);
		}
		account_chunk(&c, s, w->acc);
		atomic_fetch_add(&s->done_units, units);
	}
	chunk_free(&c);
	sb_ref_release_thread();
	w->cpu_s = thread_seconds() - cpu0;
	return NULL;
}

static void run_workers(struct sweep *s, struct worker *w, int nt)
{
	struct sb_progress pr;
	uint64_t units = s->b1 * UNITS_PER_BLOCK < s->o->samples ? s->b1 * UNITS_PER_BLOCK : s->o->samples;
	units -= s->b0 * UNITS_PER_BLOCK;
	sb_progress_begin(&pr, "accuracy f64 (samples)", units, s->o->progress);
	int started = 0;
	for (int t = 0; t < nt; t++) {
		if (pthread_create(&w[t].tid, NULL, work, &w[t]) != 0)
			break;
		started++;
	}
	if (started == 0) {
		work(&w[0]); /* items are claimed, not assigned: same result */
		started = -1;
	}
	while (started > 0 && atomic_load(&s->next) < s->nitems + (uint64_t)started) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		sb_progress_update(&pr, atomic_load(&s->done_units));
	}
	for (int t = 0; t < started; t++)
		pthread_join(w[t].tid, NULL);
	sb_progress_end(&pr);
}

/* ---- the sweep ---- */

static int plan(struct sweep *s, const struct sb_sweep_opts *o, struct sb_error *e)
{
	uint64_t nblocks = o->samples / UNITS_PER_BLOCK + (o->samples % UNITS_PER_BLOCK != 0);
	s->b0 = 0;
	s->b1 = nblocks;
	if (o->shard_n && o->shard_n > nblocks && o->shard_i < o->shard_n)
		return sb_error_set(e, "%llu shards for %llu blocks of %d f64 samples: at most %llu shards "
				    "fit this sweep", (unsigned long long)o->shard_n,
				    (unsigned long long)nblocks, UNITS_PER_BLOCK, (unsigned long long)nblocks);
	if (o->shard_n && sb_shard_range(nblocks, o->shard_i, o->shard_n, &s->b0, &s->b1, e))
		return -1;
	/* -0 and +0 are two keys; a domain edge at 0 takes both, as x >= 0 does */
	s->klo = sb_key64(o->lo == 0 ? -0.0 : o->lo);
	s->khi = sb_key64(o->hi == 0 ? 0.0 : o->hi);
	s->chunk_blocks = o->chunk_blocks ? o->chunk_blocks : CHUNK_BLOCKS;
	s->cap = (size_t)s->chunk_blocks * BLOCK_CAP;
	s->key = mix64(o->seed);
	if (!o->shard_n || o->shard_i == 0) {
		const struct sb_breakpoints *bp = sb_breakpoints(SB_FMT_F64);
		double marks[] = {
			bp->zero_hi, bp->sub_hi, bp->tiny_lo, bp->tiny_hi, bp->one_lo,
			-SB_CENTRAL_EDGE, SB_CENTRAL_EDGE, 0.0,
			-709.782712893384, /* exp(-x) overflows below this */
			36.7368005696771,  /* 1 + exp(-x) rounds to 1 above this */
			-DBL_MAX, DBL_MAX,
		};
		size_t nm = sizeof marks / sizeof marks[0];
		double *all = sb_xmalloc((nm + o->walk_nx) * sizeof *all);
		memcpy(all, marks, sizeof marks);
		if (o->walk_nx)
			memcpy(all + nm, o->walk_x, o->walk_nx * sizeof *all);
		fixed_spans(&s->fixed, all, nm + o->walk_nx, o->walk_ulps, s->klo, s->khi);
		free(all);
	}
	s->nfixed_items = s->fixed.inputs / s->cap + (s->fixed.inputs % s->cap != 0);
	s->nitems = s->nfixed_items + (s->b1 - s->b0) / s->chunk_blocks +
		    ((s->b1 - s->b0) % s->chunk_blocks != 0);
	return 0;
}

static void describe(char *buf, size_t size, const struct sb_sweep_opts *o)
{
	int n = snprintf(buf, size, "sampled: %llu x 3 draws, walks, seed %llu",
			 (unsigned long long)o->samples, (unsigned long long)o->seed);
	if (o->walk_nx && n > 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, "; %zu hard cases +-%llu",
			 o->walk_nx, (unsigned long long)o->walk_ulps);
}

/* What every shard measures alike: NaN inputs and special values. */
static void measure_specials(struct sb_accuracy *out, const struct sb_variant *v)
{
	double nan_in[] = { NAN, -NAN };
	double nan_out[2];
	v->f64(nan_in, nan_out, 2);
	out->nan_in = 2;
	out->nan_in_kept = (uint64_t)isnan(nan_out[0]) + (uint64_t)isnan(nan_out[1]);
	for (int i = 0; i < SB_NSPECIAL; i++)
		out->special_out[i] = sb_eval1(v, sb_special_input(SB_FMT_F64, i));
	/* blocks do not span shards: no break across a shard edge to settle */
	out->edge.first = out->edge.last = NAN;
}

static void gather(struct sb_accuracy *out, const struct sweep *s, struct worker *w, int nt)
{
	double cpu = 0;
	for (int t = 0; t < nt; t++)
		cpu += w[t].cpu_s;
	for (size_t v = 0; v < s->nv; v++) {
		accuracy_init(&out[v], s->vs[v]);
		describe(out[v].sweep, sizeof out[v].sweep, s->o);
		for (int t = 0; t < nt; t++) {
			for (int i = 0; i < SB_IV_COUNT; i++)
				sb_errstats_merge(&out[v].iv[i], &w[t].acc[v].iv[i]);
			sb_errstats_merge(&out[v].domain, &w[t].acc[v].domain);
		}
		for (int i = 0; i < SB_IV_COUNT; i++)
			sb_errstats_merge(&out[v].all, &out[v].iv[i]);
		out[v].sweep_cpu_s = cpu;
		measure_specials(&out[v], s->vs[v]);
	}
}

int sb_sweep_f64(const struct sb_variant *const *vs, size_t nv,
		 const struct sb_sweep_opts *o, struct sb_accuracy *out, struct sb_error *e)
{
	struct sweep s = { .vs = vs, .nv = nv, .o = o };
	if (plan(&s, o, e))
		return -1;
	int nt = o->threads < 1 ? 1 : o->threads > MAX_THREADS ? MAX_THREADS : o->threads;
	if ((uint64_t)nt > s.nitems)
		nt = s.nitems ? (int)s.nitems : 1;
	struct worker *w = sb_xcalloc((size_t)nt, sizeof *w);
	for (int t = 0; t < nt; t++) {
		w[t].s = &s;
		w[t].acc = sb_xcalloc(nv ? nv : 1, sizeof *w[t].acc);
		for (size_t v = 0; v < nv; v++)
			accuracy_init(&w[t].acc[v], vs[v]);
	}
	run_workers(&s, w, nt);
	uint64_t inputs = 0;
	for (int t = 0; t < nt && nv; t++)
		for (int i = 0; i < SB_IV_COUNT; i++)
			inputs += w[t].acc[0].iv[i].n;
	int rc = 0;
	/* a shard may hold none of a narrow domain's samples while others do */
	if (nv && inputs == 0 && !o->shard_n)
		rc = sb_error_set(e, "--domain [%g, %g] holds no sample", o->lo, o->hi);
	else
		gather(out, &s, w, nt);
	for (int t = 0; t < nt; t++)
		free(w[t].acc);
	free(w);
	free(s.fixed.s);
	return rc;
}
