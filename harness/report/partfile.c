#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "engine/hash.h"
#include "engine/registry.h"
#include "report/partfile.h"

#define MAGIC "sigbench-part 3" /* 2: meta carries the edge step's rule; 3: stats
				  * carry the max ULP of non-NaN outputs */
#define FNV_START 0xcbf29ce484222325u
#define END_LEN 21 /* "end " + 16 hex digits + newline */

void sb_part_name(char *buf, size_t size, uint64_t index, uint64_t count)
{
	snprintf(buf, size, "part-%" PRIu64 "-of-%" PRIu64 ".sbpart", index, count);
}

static uint64_t bits(double d)
{
	uint64_t b;
	memcpy(&b, &d, sizeof b);
	return b;
}

static double unbits(uint64_t b)
{
	double d;
	memcpy(&d, &b, sizeof d);
	return d;
}

/* ---- writing ---- */

static void put_doubles(FILE *f, const double *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, " %016" PRIx64, bits(d[i]));
	fputc('\n', f);
}

/* The f64 hard-case inputs (--walk-from) as one FNV-1a hash of their bits:
 * shards walked around other inputs do not merge. */
static uint64_t walks_fnv(const struct sb_sweep_opts *o)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < o->walk_nx; i++)
		for (int k = 0; k < 64; k += 8)
			h = (h ^ ((bits(o->walk_x[i]) >> k) & 0xff)) * 0x100000001b3u;
	return h;
}

void sb_part_set_opts(struct sb_part *p)
{
	const struct sb_sweep_opts *o = &p->r.sweep;
	const struct sb_speed_opts *s = &p->r.speed_opts;
	int n = snprintf(p->opts, sizeof p->opts,
			 "kind %s\ndomain %016" PRIx64 " %016" PRIx64 "\nstride %" PRIu64
			 "\nsamples %" PRIu64 "\nseed %" PRIu64 "\nwalks %016" PRIx64 " %" PRIu64
			 "\nplot %s\nplot-range %016" PRIx64 " %016" PRIx64 " %d\n",
			 p->kind, bits(o->lo), bits(o->hi), o->stride, o->samples, o->seed, walks_fnv(o),
			 o->walk_ulps, o->plot ? o->plot : "-", bits(o->plot_lo), bits(o->plot_hi),
			 o->plot_bins);
	if (p->limits_fnv && n > 0 && (size_t)n < sizeof p->opts)
		n += snprintf(p->opts + n, sizeof p->opts - (size_t)n, "limits %016" PRIx64 "\n",
			      p->limits_fnv);
	if (!p->r.have_speed || n < 0 || (size_t)n >= sizeof p->opts)
		return;
	n += snprintf(p->opts + n, sizeof p->opts - (size_t)n,
		      "speed %016" PRIx64 " %016" PRIx64 " %d %016" PRIx64 " %" PRIu64 " %d", bits(s->lo),
		      bits(s->hi), s->reps, bits(s->min_rep_s), s->seed, s->nsizes);
	for (int i = 0; i < s->nsizes && n > 0 && (size_t)n < sizeof p->opts; i++)
		n += snprintf(p->opts + n, sizeof p->opts - (size_t)n, " %zu", s->sizes[i]);
	if (n > 0 && (size_t)n < sizeof p->opts)
		snprintf(p->opts + n, sizeof p->opts - (size_t)n, "\n");
}

static void put_stats(FILE *f, int k, const struct sb_errstats *s)
{
	fprintf(f, "stats %d %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64
		" %" PRIu64 " %016" PRIx64 " %016" PRIx64, k, s->n, s->cr, s->nan_out, s->oob, s->mono,
		s->clamped, s->rel_n, (uint64_t)(s->ulp_sum >> 64), (uint64_t)s->ulp_sum);
	const struct sb_worst *w[] = { &s->ulp, &s->abs, &s->rel, &s->ulp_num };
	for (int i = 0; i < 4; i++) {
		double d[] = { w[i]->err, w[i]->x, w[i]->got, w[i]->want };
		for (int j = 0; j < 4; j++)
			fprintf(f, " %016" PRIx64, bits(d[j]));
	}
	fputc('\n', f);
}

static void put_accuracy(FILE *f, const struct sb_accuracy *a)
{
	fprintf(f, "variant %s\nsweep %s\n", a->v->name, a->sweep);
	fprintf(f, "meta %d %" PRIu64 " %" PRIu64 " %d %d %u", a->has_domain, a->nan_in, a->nan_in_kept,
		a->edge.iv, a->edge.in_domain, a->edge.rule);
	double ends[] = { a->edge.first, a->edge.last };
	put_doubles(f, ends, 2);
	fprintf(f, "special");
	put_doubles(f, a->special_out, SB_NSPECIAL);
	double cost[] = { a->eval_s, a->sweep_cpu_s };
	fprintf(f, "cost");
	put_doubles(f, cost, 2);
	for (int k = 0; k < SB_IV_COUNT; k++)
		put_stats(f, k, &a->iv[k]);
	put_stats(f, SB_IV_COUNT, &a->domain);
	if (!a->nbins)
		return;
	fprintf(f, "bins %d %016" PRIx64 " %016" PRIx64, a->nbins, bits(a->bin_lo), bits(a->bin_hi));
	put_doubles(f, a->bin_ulp, (size_t)a->nbins);
	fprintf(f, "binabs");
	put_doubles(f, a->bin_abs, (size_t)a->nbins);
}

/* The context's text fields, by name (cores and tsc_ghz are numbers). */
static const struct {
	const char *key;
	size_t off, size;
} ctx_fields[] = {
#define F(m) { #m, offsetof(struct sb_context, m), sizeof(((struct sb_context *)0)->m) }
	F(cpu), F(features), F(compiler), F(cflags), F(build_type), F(commit), F(date), F(libc), F(mpfr),
#undef F
};
#define NCTX (sizeof ctx_fields / sizeof ctx_fields[0])

static void put_speed(FILE *f, const struct sb_results *r)
{
	size_t n = r->nspeed * (size_t)r->speed_opts.nsizes;
	for (size_t i = 0; i < n; i++) {
		const struct sb_speed_result *x = &r->speed[i];
		fprintf(f, "tput %s %zu %d %d %lu", x->v->name, x->n, x->buffers, x->reps, x->calls);
		double d[] = { x->median_ns, x->min_ns, x->q1_ns, x->q3_ns, x->max_ns, x->spread,
			       x->tsc_cycles, x->ratio };
		put_doubles(f, d, sizeof d / sizeof d[0]);
	}
}

static void put_body(FILE *f, const struct sb_part *p)
{
	const struct sb_results *r = &p->r;
	fprintf(f, MAGIC "\nshard %" PRIu64 " %" PRIu64 "\ncommand %s\n%s", p->index, p->count,
		r->command, p->opts);
	if (p->limits_fnv)
		fprintf(f, "limits-path %s\n", p->limits_path);
	for (size_t i = 0; i < NCTX; i++)
		fprintf(f, "ctx %s %s\n", ctx_fields[i].key, (const char *)&r->ctx + ctx_fields[i].off);
	fprintf(f, "cores %d\ntsc %016" PRIx64 "\nfallbacks %llu\nseconds", r->ctx.cores,
		bits(r->ctx.tsc_ghz), r->ref_fallbacks);
	put_doubles(f, r->acc_seconds, 2);
	for (size_t i = 0; i < r->nskipped; i++)
		fprintf(f, "skipped %s\n", r->skipped[i]->name);
	for (int prec = 0; prec < 2; prec++)
		for (size_t i = 0; i < r->nacc[prec]; i++)
			put_accuracy(f, &r->acc[prec][i]);
	put_speed(f, r);
}

char *sb_part_format(const struct sb_part *p, size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	if (!f)
		sb_die("cannot format a shard file: %s", strerror(errno));
	put_body(f, p);
	if (fflush(f) != 0)
		sb_die("cannot format a shard file: %s", strerror(errno));
	fprintf(f, "end %016" PRIx64 "\n", sb_fnv1a(FNV_START, buf, n));
	fclose(f);
	*len = n;
	return buf;
}

/* ---- reading ---- */

struct reader {
	struct sb_part *p;
	struct sb_accuracy *cur; /* the variant whose lines follow */
	size_t cap[2], speed_cap;
	const char *what;
	size_t line;
	struct sb_error *e;
};

/* Next space-separated word of *s (NULL at the end). */
static char *word(char **s)
{
	char *w = *s + strspn(*s, " ");
	if (!*w)
		return NULL;
	char *end = w + strcspn(w, " ");
	*s = *end ? end + 1 : end;
	*end = '\0';
	return w;
}

/* Unsigned numbers, base 10 or 16 (hex: the doubles' bits); 0 on success. */
static int nums(char **s, int base, uint64_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *w = word(s), *end;
		if (!w)
			return -1;
		errno = 0;
		out[i] = strtoull(w, &end, base);
		if (*end || errno || *w == '-')
			return -1;
	}
	return 0;
}

static int get_doubles(char **s, double *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t b;
		if (nums(s, 16, &b, 1))
			return -1;
		d[i] = unbits(b);
	}
	return word(s) ? -1 : 0;
}

static int line_shard(struct reader *rd, char *s)
{
	uint64_t v[2];
	if (nums(&s, 10, v, 2) || word(&s))
		return -1;
	rd->p->index = v[0];
	rd->p->count = v[1];
	return 0;
}

static int copy_rest(char *dst, size_t size, const char *s)
{
	return snprintf(dst, size, "%s", s) >= (int)size ? -1 : 0;
}

static int line_command(struct reader *rd, char *s)
{
	return copy_rest(rd->p->r.command, sizeof rd->p->r.command, s);
}

/* An options line: kept verbatim for comparison, and parsed. */
static int keep_opt(struct reader *rd, const char *key, const char *s)
{
	size_t used = strlen(rd->p->opts);
	int n = snprintf(rd->p->opts + used, sizeof rd->p->opts - used, "%s %s\n", key, s);
	return n < 0 || (size_t)n >= sizeof rd->p->opts - used ? -1 : 0;
}

static int line_kind(struct reader *rd, char *s)
{
	if (keep_opt(rd, "kind", s))
		return -1;
	return copy_rest(rd->p->kind, sizeof rd->p->kind, s);
}

static int line_domain(struct reader *rd, char *s)
{
	if (keep_opt(rd, "domain", s))
		return -1;
	double d[2];
	if (get_doubles(&s, d, 2))
		return -1;
	rd->p->r.sweep.lo = d[0];
	rd->p->r.sweep.hi = d[1];
	return 0;
}

static int line_count(struct reader *rd, const char *key, char *s, uint64_t *out)
{
	if (keep_opt(rd, key, s))
		return -1;
	return nums(&s, 10, out, 1) || word(&s) ? -1 : 0;
}

static int line_stride(struct reader *rd, char *s)
{
	return line_count(rd, "stride", s, &rd->p->r.sweep.stride);
}

static int line_samples(struct reader *rd, char *s)
{
	return line_count(rd, "samples", s, &rd->p->r.sweep.samples);
}

static int line_seed(struct reader *rd, char *s)
{
	return line_count(rd, "seed", s, &rd->p->r.sweep.seed);
}

/* Compared, not used: merging needs no hard-case input, only the same ones. */
static int line_walks(struct reader *rd, char *s)
{
	uint64_t v[2];
	if (keep_opt(rd, "walks", s))
		return -1;
	return nums(&s, 16, v, 1) || nums(&s, 10, v + 1, 1) || word(&s) ? -1 : 0;
}

static int line_plot(struct reader *rd, char *s)
{
	if (keep_opt(rd, "plot", s) || copy_rest(rd->p->plot, sizeof rd->p->plot, s))
		return -1;
	rd->p->r.sweep.plot = strcmp(s, "-") == 0 ? NULL : rd->p->plot;
	return 0;
}

static int line_plot_range(struct reader *rd, char *s)
{
	if (keep_opt(rd, "plot-range", s))
		return -1;
	uint64_t v[3];
	if (nums(&s, 16, v, 2) || nums(&s, 10, v + 2, 1) || word(&s) || v[2] > 1000000)
		return -1;
	rd->p->r.sweep.plot_lo = unbits(v[0]);
	rd->p->r.sweep.plot_hi = unbits(v[1]);
	rd->p->r.sweep.plot_bins = (int)v[2];
	return 0;
}

static int line_speed(struct reader *rd, char *s)
{
	if (keep_opt(rd, "speed", s))
		return -1;
	struct sb_speed_opts *o = &rd->p->r.speed_opts;
	uint64_t v[7];
	if (nums(&s, 16, v, 2) || nums(&s, 10, v + 2, 1) || nums(&s, 16, v + 3, 1) ||
	    nums(&s, 10, v + 4, 2) || v[5] > SB_MAX_SIZES || v[2] > 100000)
		return -1;
	o->lo = unbits(v[0]);
	o->hi = unbits(v[1]);
	o->reps = (int)v[2];
	o->min_rep_s = unbits(v[3]);
	o->seed = v[4];
	o->nsizes = (int)v[5];
	for (int i = 0; i < o->nsizes; i++) {
		if (nums(&s, 10, v + 6, 1))
			return -1;
		o->sizes[i] = (size_t)v[6];
	}
	rd->p->r.have_speed = 1;
	return word(&s) ? -1 : 0;
}

static int line_limits(struct reader *rd, char *s)
{
	if (keep_opt(rd, "limits", s))
		return -1;
	return nums(&s, 16, &rd->p->limits_fnv, 1) || word(&s) ? -1 : 0;
}

static int line_limits_path(struct reader *rd, char *s)
{
	return copy_rest(rd->p->limits_path, sizeof rd->p->limits_path, s);
}

static int line_ctx(struct reader *rd, char *s)
{
	char *key = word(&s);
	for (size_t i = 0; key && i < NCTX; i++)
		if (strcmp(key, ctx_fields[i].key) == 0)
			return copy_rest((char *)&rd->p->r.ctx + ctx_fields[i].off, ctx_fields[i].size, s);
	return -1;
}

static int line_cores(struct reader *rd, char *s)
{
	uint64_t v;
	if (nums(&s, 10, &v, 1) || word(&s) || v > 1000000)
		return -1;
	rd->p->r.ctx.cores = (int)v;
	return 0;
}

static int line_tsc(struct reader *rd, char *s)
{
	return get_doubles(&s, &rd->p->r.ctx.tsc_ghz, 1);
}

static int line_fallbacks(struct reader *rd, char *s)
{
	uint64_t v;
	if (nums(&s, 10, &v, 1) || word(&s))
		return -1;
	rd->p->r.ref_fallbacks = v;
	return 0;
}

static int line_seconds(struct reader *rd, char *s)
{
	return get_doubles(&s, rd->p->r.acc_seconds, 2);
}

static const struct sb_variant *known_variant(struct reader *rd, const char *name)
{
	const struct sb_variant *v = name ? sb_find_variant(name) : NULL;
	if (name && !v)
		sb_error_set(rd->e, "%s:%zu: variant %s is unknown to this build", rd->what, rd->line,
			     name);
	return v;
}

static int line_skipped(struct reader *rd, char *s)
{
	const struct sb_variant *v = known_variant(rd, s);
	if (!v)
		return -1;
	struct sb_results *r = &rd->p->r;
	r->skipped = sb_xrealloc(r->skipped, (r->nskipped + 1) * sizeof *r->skipped);
	r->skipped[r->nskipped++] = v;
	return 0;
}

static int line_variant(struct reader *rd, char *s)
{
	const struct sb_variant *v = known_variant(rd, s);
	if (!v)
		return -1;
	struct sb_results *r = &rd->p->r;
	int prec = v->prec;
	if (r->nacc[prec] == rd->cap[prec]) {
		rd->cap[prec] = rd->cap[prec] ? 2 * rd->cap[prec] : 16;
		r->acc[prec] = sb_xrealloc(r->acc[prec], rd->cap[prec] * sizeof *r->acc[prec]);
	}
	rd->cur = &r->acc[prec][r->nacc[prec]++];
	memset(rd->cur, 0, sizeof *rd->cur);
	rd->cur->v = v;
	return 0;
}

static int line_sweep(struct reader *rd, char *s)
{
	return rd->cur ? copy_rest(rd->cur->sweep, sizeof rd->cur->sweep, s) : -1;
}

static int line_meta(struct reader *rd, char *s)
{
	uint64_t v[6];
	double ends[2];
	if (!rd->cur || nums(&s, 10, v, 6) || v[3] >= SB_IV_COUNT || v[5] > 3 || get_doubles(&s, ends, 2))
		return -1;
	struct sb_accuracy *a = rd->cur;
	a->has_domain = v[0] != 0;
	a->nan_in = v[1];
	a->nan_in_kept = v[2];
	a->edge = (struct sb_shard_edge){ ends[0], ends[1], (int)v[3], v[4] != 0, (unsigned)v[5] };
	return 0;
}

static int line_special(struct reader *rd, char *s)
{
	return rd->cur ? get_doubles(&s, rd->cur->special_out, SB_NSPECIAL) : -1;
}

/* What the shard's sweep cost: its variant's own calls, its threads' CPU. */
static int line_cost(struct reader *rd, char *s)
{
	double v[2];
	if (!rd->cur || get_doubles(&s, v, 2))
		return -1;
	rd->cur->eval_s = v[0];
	rd->cur->sweep_cpu_s = v[1];
	return 0;
}

static int line_stats(struct reader *rd, char *s)
{
	uint64_t v[10];
	double d[16];
	if (!rd->cur || nums(&s, 10, v, 8) || v[0] > SB_IV_COUNT || nums(&s, 16, v + 8, 2) ||
	    get_doubles(&s, d, 16))
		return -1;
	struct sb_errstats *st = v[0] == SB_IV_COUNT ? &rd->cur->domain : &rd->cur->iv[v[0]];
	*st = (struct sb_errstats){ v[1], v[2], v[3], v[4], v[5], v[6], v[7],
				    (sb_u128)v[8] << 64 | v[9], { d[0], d[1], d[2], d[3] },
				    { d[4], d[5], d[6], d[7] }, { d[8], d[9], d[10], d[11] },
				    { d[12], d[13], d[14], d[15] } };
	return 0;
}

static int line_bins(struct reader *rd, char *s)
{
	uint64_t v[3];
	struct sb_accuracy *a = rd->cur;
	if (!a || a->nbins || nums(&s, 10, v, 1) || v[0] == 0 || v[0] > 1000000 || nums(&s, 16, v + 1, 2))
		return -1;
	a->nbins = (int)v[0];
	a->bin_lo = unbits(v[1]);
	a->bin_hi = unbits(v[2]);
	a->bin_ulp = sb_xcalloc(v[0], sizeof(double));
	a->bin_abs = sb_xcalloc(v[0], sizeof(double));
	return get_doubles(&s, a->bin_ulp, (size_t)v[0]);
}

static int line_binabs(struct reader *rd, char *s)
{
	return rd->cur && rd->cur->nbins ? get_doubles(&s, rd->cur->bin_abs, (size_t)rd->cur->nbins) : -1;
}

static int line_tput(struct reader *rd, char *s)
{
	struct sb_results *r = &rd->p->r;
	const struct sb_variant *v = known_variant(rd, word(&s));
	uint64_t u[4];
	if (!v || nums(&s, 10, u, 4))
		return -1;
	if (r->nspeed == rd->speed_cap) {
		rd->speed_cap = rd->speed_cap ? 2 * rd->speed_cap : 64;
		r->speed = sb_xrealloc(r->speed, rd->speed_cap * sizeof *r->speed);
	}
	struct sb_speed_result *x = &r->speed[r->nspeed++];
	double d[8];
	if (get_doubles(&s, d, 8))
		return -1;
	*x = (struct sb_speed_result){ v, (size_t)u[0], (int)u[1], (int)u[2], (unsigned long)u[3],
				       d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
				       { { 0 }, 0, { 0 }, 0, 0 } }; /* shards count no instructions */
	return 0;
}

static const struct {
	const char *key;
	int (*parse)(struct reader *rd, char *rest);
} lines[] = {
	{ "shard", line_shard }, { "command", line_command }, { "kind", line_kind },
	{ "domain", line_domain }, { "stride", line_stride }, { "samples", line_samples },
	{ "seed", line_seed }, { "walks", line_walks }, { "plot", line_plot }, { "plot-range", line_plot_range },
	{ "speed", line_speed }, { "limits", line_limits }, { "limits-path", line_limits_path },
	{ "ctx", line_ctx }, { "cores", line_cores }, { "tsc", line_tsc },
	{ "fallbacks", line_fallbacks }, { "seconds", line_seconds }, { "skipped", line_skipped },
	{ "variant", line_variant }, { "sweep", line_sweep }, { "meta", line_meta },
	{ "special", line_special }, { "cost", line_cost }, { "stats", line_stats }, { "bins", line_bins },
	{ "binabs", line_binabs }, { "tput", line_tput },
};

static int parse_line(struct reader *rd, char *line)
{
	char *sp = strchr(line, ' ');
	size_t klen = sp ? (size_t)(sp - line) : strlen(line);
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
		if (strlen(lines[i].key) == klen && strncmp(lines[i].key, line, klen) == 0) {
			if (lines[i].parse(rd, sp ? sp + 1 : line + klen) == 0)
				return 0;
			break;
		}
	if (!rd->e->msg[0])
		sb_error_set(rd->e, "%s:%zu: not a valid sigbench shard file line ('%.40s')", rd->what,
			     rd->line, line);
	return -1;
}

/* The speed rows arrive variant-major per size as written; the count tells
 * how many variants were timed. */
static int finish(struct reader *rd)
{
	struct sb_results *r = &rd->p->r;
	int ns = r->speed_opts.nsizes;
	if (r->nspeed && (!r->have_speed || ns <= 0 || r->nspeed % (size_t)ns))
		return sb_error_set(rd->e, "%s: its throughput rows do not match its sizes", rd->what);
	if (r->nspeed)
		r->nspeed /= (size_t)ns;
	if (rd->p->count == 0 || rd->p->index >= rd->p->count)
		return sb_error_set(rd->e, "%s: shard %" PRIu64 "/%" PRIu64 " does not exist", rd->what,
				    rd->p->index, rd->p->count);
	return 0;
}

static int check_end(const char *text, size_t len, const char *what, struct sb_error *e)
{
	uint64_t want = 0;
	if (len < END_LEN || text[len - 1] != '\n' || strncmp(text + len - END_LEN, "end ", 4) != 0 ||
	    sscanf(text + len - END_LEN + 4, "%16" SCNx64, &want) != 1 ||
	    sb_fnv1a(FNV_START, text, len - END_LEN) != want)
		return sb_error_set(e, "%s: truncated or altered (its end line and checksum do not "
				    "match its contents)", what);
	return 0;
}

int sb_part_parse(char *text, size_t len, const char *what, struct sb_part *p, struct sb_error *e)
{
	memset(p, 0, sizeof *p);
	sb_sweep_opts_default(&p->r.sweep);
	if (len < sizeof MAGIC || memcmp(text, MAGIC "\n", sizeof MAGIC) != 0)
		return sb_error_set(e, "%s: not a sigbench shard file (it lacks the '" MAGIC "' line)",
				    what);
	if (memchr(text, '\0', len))
		return sb_error_set(e, "%s: not a text file", what);
	if (check_end(text, len, what, e))
		return -1;
	text[len - END_LEN] = '\0';
	struct reader rd = { .p = p, .what = what, .line = 1, .e = e };
	char *save, *line = strtok_r(text + sizeof MAGIC, "\n", &save);
	e->msg[0] = '\0';
	for (; line; line = strtok_r(NULL, "\n", &save)) {
		rd.line++;
		if (parse_line(&rd, line)) {
			sb_part_free(p);
			return -1;
		}
	}
	if (finish(&rd)) {
		sb_part_free(p);
		return -1;
	}
	return 0;
}

int sb_part_read(const char *path, struct sb_part *p, struct sb_error *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return sb_error_set(e, "cannot read %s: %s", path, strerror(errno));
	char *buf = NULL;
	size_t cap = 0, len = 0, got;
	do {
		if (len == cap)
			buf = sb_xrealloc(buf, (cap = cap ? 2 * cap : 1 << 16) + 1);
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	int bad = ferror(f);
	fclose(f);
	int rc = bad ? sb_error_set(e, "cannot read %s", path) : sb_part_parse(buf, len, path, p, e);
	free(buf);
	return rc;
}

void sb_part_free(struct sb_part *p)
{
	sb_results_free(&p->r);
}

/* The first line of a and b's options that differs, as "key A vs B". */
static void opts_diff(const char *a, const char *b, char *why, size_t size)
{
	while (*a && *b) {
		size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
		if (la != lb || memcmp(a, b, la) != 0) {
			snprintf(why, size, "options differ (%.*s vs %.*s)", (int)(la > 200 ? 200 : la), a,
				 (int)(lb > 200 ? 200 : lb), b);
			return;
		}
		a += la + (a[la] != '\0');
		b += lb + (b[lb] != '\0');
	}
	snprintf(why, size, "options differ (only the %s measured throughput)", *a ? "first" : "second");
}

static int variants_differ(const struct sb_results *a, const struct sb_results *b, char *why,
			   size_t size)
{
	for (int p = 0; p < 2; p++) {
		if (a->nacc[p] != b->nacc[p]) {
			snprintf(why, size, "they measured different variants (%zu vs %zu %s variants)",
				 a->nacc[p], b->nacc[p], p ? "f64" : "f32");
			return 1;
		}
		for (size_t i = 0; i < a->nacc[p]; i++)
			if (a->acc[p][i].v != b->acc[p][i].v) {
				snprintf(why, size, "they measured different variants (%s vs %s)",
					 a->acc[p][i].v->name, b->acc[p][i].v->name);
				return 1;
			}
	}
	return 0;
}

int sb_part_mismatch(const struct sb_part *a, const struct sb_part *b, char *why, size_t size)
{
	const struct sb_context *x = &a->r.ctx, *y = &b->r.ctx;
	if (strcmp(x->commit, y->commit) != 0)
		snprintf(why, size, "measured by different commits (%s vs %s)", x->commit, y->commit);
	else if (strcmp(x->cpu, y->cpu) != 0 || strcmp(x->features, y->features) != 0)
		snprintf(why, size, "measured on different CPUs (%s [%s] vs %s [%s])", x->cpu, x->features,
			 y->cpu, y->features);
	else if (a->count != b->count)
		snprintf(why, size, "parts of different splits (%" PRIu64 " vs %" PRIu64 " shards)",
			 a->count, b->count);
	else if (strcmp(a->opts, b->opts) != 0)
		opts_diff(a->opts, b->opts, why, size);
	else if (!variants_differ(&a->r, &b->r, why, size))
		return 0;
	return 1;
}
