/* sigbench check: judge variants against a limits file (limitfile.h), either
 * measuring them now or reading a measurement (an accuracy.csv of
 * `sigbench accuracy/run`).  One parseable line per limit:
 *   PASS|FAIL|LOOSE|SKIP VARIANT METRIC DOMAIN bound=B measured=M [x=X got=G want=W] */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/outfile.h"
#include "report/format.h"
#include "engine/byo.h"
#include "commands/cli.h"
#include "commands/commands.h"
#include "commands/launch.h"
#include "commands/measure.h"
#include "engine/context.h"
#include "engine/hash.h"
#include "files/limitfile.h"
#include "report/results.h"
#include "files/table.h"
#include "base/util.h"

/* The statistics of one (variant, domain), measured or read back. */
struct measured {
	const struct sb_variant *v;
	double lo, hi;
	struct sb_errstats s;
	int exhaustive;     /* every input of [lo, hi]: the figures are the maxima */
};

static const struct measured *find_measured(const struct measured *m, size_t n,
					    const struct sb_limit *l)
{
	if (!m)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (m[i].v == l->v && m[i].lo == l->lo && m[i].hi == l->hi)
			return &m[i];
	return NULL;
}

static int records_variant(const struct measured *m, size_t n, const struct sb_variant *v)
{
	for (size_t i = 0; i < n; i++)
		if (m[i].v == v)
			return 1;
	return 0;
}

/* The (variant, domain) pairs the limits need, each once, of the variants
 * `usable` admits (this CPU runs them, or the shards measured them). */
static struct measured *plan_limits(const struct sb_limit *lim, size_t nl, size_t *nm,
				    int (*usable)(const struct sb_variant *v, const void *arg),
				    const void *arg)
{
	struct measured *m = sb_xcalloc(nl + 1, sizeof *m);
	*nm = 0;
	for (size_t i = 0; i < nl; i++)
		if (!find_measured(m, *nm, &lim[i]) && usable(lim[i].v, arg))
			m[(*nm)++] = (struct measured){ .v = lim[i].v, .lo = lim[i].lo, .hi = lim[i].hi };
	return m;
}

static int runs_here(const struct sb_variant *v, const void *arg)
{
	(void)arg;
	return sb_variant_usable(v);
}

/* The next group of m not done (one sweep: one precision, one domain): its
 * members' indices in idx, their variants in vs; 0 when none is left. */
static size_t next_group(const struct measured *m, size_t nm, char *done, size_t *idx,
			 const struct sb_variant **vs)
{
	size_t i = 0, n = 0;
	while (i < nm && done[i])
		i++;
	for (size_t k = i; k < nm; k++)
		if (!done[k] && m[k].v->prec == m[i].v->prec && m[k].lo == m[i].lo && m[k].hi == m[i].hi) {
			idx[n] = k;
			vs[n++] = m[k].v;
			done[k] = 1;
		}
	return n;
}

static void keep_accuracy(struct sb_results *r, const struct sb_accuracy *a)
{
	int p = a->v->prec;
	r->acc[p] = sb_xrealloc(r->acc[p], (r->nacc[p] + 1) * sizeof *r->acc[p]);
	r->acc[p][r->nacc[p]++] = *a;
}

/* One sweep per group, over every runnable variant limited there (a shard
 * of each if c->sweep says so).  keep (not NULL): every sweep's results are
 * appended there, in group order, for a shard file. */
static struct measured *measure_limits(const struct sb_cli *c, const struct sb_limit *lim,
				       size_t nl, size_t *nm, struct sb_results *keep)
{
	struct measured *m = plan_limits(lim, nl, nm, runs_here, NULL);
	char *done = sb_xcalloc(*nm + 1, 1);
	const struct sb_variant **vs = sb_xcalloc(*nm + 1, sizeof *vs);
	size_t *idx = sb_xcalloc(*nm + 1, sizeof *idx), n;
	struct sb_accuracy *acc = sb_xcalloc(*nm + 1, sizeof *acc);
	while ((n = next_group(m, *nm, done, idx, vs)) > 0) {
		struct sb_sweep_opts o = c->sweep;
		o.lo = m[idx[0]].lo;
		o.hi = m[idx[0]].hi;
		sb_sweep_or_fail(vs[0]->prec, vs, n, &o, acc);
		for (size_t k = 0; k < n; k++) {
			m[idx[k]].s = acc[k].all;
			m[idx[k]].exhaustive = sb_accuracy_is_exhaustive(&acc[k]);
			if (keep)
				keep_accuracy(keep, &acc[k]);
		}
		if (!keep)
			sb_accuracy_free(acc, n);
	}
	free(done);
	free(vs);
	free(idx);
	free(acc);
	return m;
}

/* ---- reading accuracy.csv ---- */

/* The "all" and "domain" rows of every variant in an accuracy.csv.  strict:
 * float32 rows must come from an exhaustive sweep (as --strict needs --stride 1). */
static struct measured *read_measured(const char *path, size_t *nm, int strict, int accept_sampled)
{
	struct sb_table t;
	struct sb_error e = { "" };
	if (sb_table_read(path, sb_accuracy_csv_columns, &t, &e))
		sb_fail("%s", e.msg);
	struct measured *m = sb_xcalloc(t.nrows + 1, sizeof *m);
	*nm = 0;
	for (size_t i = 0; i < t.nrows && !e.msg[0]; i++) {
		const char *iv = sb_table_get(&t, i, "interval");
		if (strcmp(iv, "all") != 0 && strcmp(iv, "domain") != 0)
			continue;
		const struct sb_variant *v = sb_find_variant(sb_table_get(&t, i, "variant"));
		if (!v)
			continue; /* measured by another build: not ours to judge */
		const char *sweep = sb_table_get(&t, i, "sweep");
		int exhaustive = strncmp(sweep, "exhaustive", 10) == 0;
		if (strict && v->prec == SB_F32 && !exhaustive)
			sb_error_set(&e, "%s:%zu: --strict needs the true maximum, but %s was measured by '%s'",
				     path, i + 2, v->name, sweep);
		else if (!accept_sampled && v->prec == SB_F32 && !exhaustive)
			sb_error_set(&e, "%s:%zu: %s was measured on a sample ('%s'): its figures are lower "
				     "bounds (--accept-sampled to judge them anyway)", path, i + 2, v->name, sweep);
		else if (!sb_accuracy_row_stats(&t, i, path, &m[*nm].s, &m[*nm].lo, &m[*nm].hi, &e)) {
			m[*nm].v = v;
			m[(*nm)++].exhaustive = exhaustive;
		}
	}
	sb_table_free(&t);
	if (e.msg[0]) {
		free(m); /* nothing left allocated on the way out (LeakSanitizer runs the tests) */
		sb_fail("%s", e.msg);
	}
	return m;
}

/* ---- verdicts ---- */

static void print_domain(char *buf, size_t size, double lo, double hi)
{
	if (lo == -INFINITY && hi == INFINITY)
		snprintf(buf, size, "all");
	else
		snprintf(buf, size, "%g:%g", lo, hi);
}

static const struct sb_worst *metric_worst(enum sb_metric m, const struct sb_errstats *s)
{
	return m == SB_M_ULP ? &s->ulp : m == SB_M_ABS ? &s->abs : m == SB_M_REL ? &s->rel : NULL;
}

/* Print the verdict line; return 1 for a failure (FAIL or LOOSE). */
static int judge(const struct sb_limit *l, const struct measured *r, int strict)
{
	const struct sb_errstats *s = &r->s;
	char dom[96];
	print_domain(dom, sizeof dom, l->lo, l->hi);
	double got = sb_metric_value(l->metric, s);
	const char *verdict = got <= l->bound ? "PASS" : "FAIL";
	if (got <= l->bound && strict && sb_limit_is_loose(l->metric, l->bound, got))
		verdict = "LOOSE";
	printf("%s %s %s %s bound=%g measured=%.6g coverage=%s", verdict, l->v->name,
	       sb_metric_name(l->metric), dom, l->bound, got, r->exhaustive ? "all" : "sample");
	const struct sb_worst *w = metric_worst(l->metric, s);
	if (w && w->err >= 0 && l->metric == SB_M_ULP)
		printf(" x=%s got=%s want=%s", sb_fmt_hex(w->x, l->v->prec).s, sb_fmt_hex(w->got, l->v->prec).s,
		       sb_fmt_hex(w->want, l->v->prec).s);
	else if (w && w->err >= 0)
		printf(" x=%s", sb_fmt_hex(w->x, l->v->prec).s);
	printf("\n");
	return verdict[0] != 'P';
}

/* How check sampled, for its summary line. */
static const char *sample_text(const struct sb_cli *c, char *buf, size_t size)
{
	if (c->sweep.stride > 1)
		snprintf(buf, size, "f32: 1 in %llu inputs; f64: %llu samples per distribution",
			 (unsigned long long)c->sweep.stride, (unsigned long long)c->sweep.samples);
	else
		snprintf(buf, size, "f64: %llu samples per distribution",
			 (unsigned long long)c->sweep.samples);
	return buf;
}

/* One line per limit, judged on m (read from a CSV) or extra (measured),
 * then the totals; the exit status. */
static int verdicts(const struct sb_cli *c, const struct sb_limit *lim, size_t nl,
		    const struct measured *m, size_t nm, const struct measured *extra, size_t nx)
{
	char buf[160];
	int fails = 0, skips = 0, sampled = 0;
	for (size_t i = 0; i < nl; i++) {
		const struct measured *r = find_measured(m, nm, &lim[i]);
		if (!r)
			r = find_measured(extra, nx, &lim[i]);
		if (r) {
			fails += judge(&lim[i], r, c->strict);
			sampled += !r->exhaustive;
		} else {
			printf("SKIP %s %s bound=%g (this CPU lacks %s, or the library failed to start)\n",
			       lim[i].v->name, sb_metric_name(lim[i].metric), lim[i].bound,
			       *lim[i].v->features ? lim[i].v->features : "nothing");
			skips++;
		}
	}
	printf("# %zu limits: %zu pass, %d fail, %d skipped", nl, nl - (size_t)fails - (size_t)skips,
	       fails, skips);
	if (sampled)
		printf("; %d measured on a sample (%s): lower bounds, a PASS there is not proof",
		       sampled, c->from ? "rows of the CSV" : sample_text(c, buf, sizeof buf));
	printf("\n");
	return fails ? 1 : 0;
}

/* ---- shards: check --shard I/N, or the ranks of mpirun ---- */

/* FNV-1a of a file's bytes: a shard records which limits it measured. */
static uint64_t file_fnv(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		sb_fail("cannot read %s: %s", path, strerror(errno));
	unsigned char buf[1 << 14];
	size_t n;
	uint64_t h = 0xcbf29ce484222325u;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		h = sb_fnv1a(h, buf, n);
	fclose(f);
	return h;
}

static int in_records(const struct sb_variant *v, const void *arg)
{
	const struct sb_results *r = arg;
	for (size_t i = 0; i < r->nacc[v->prec]; i++)
		if (r->acc[v->prec][i].v == v)
			return 1;
	return 0;
}

/* The merged shards as check's measurements: the groups planned as the
 * shards planned them (over the variants they measured), their results
 * taken in that order. */
static struct measured *measured_from(const struct sb_limit *lim, size_t nl,
				      const struct sb_results *r, size_t *nm, const char *path)
{
	struct measured *m = plan_limits(lim, nl, nm, in_records, r);
	char *done = sb_xcalloc(*nm + 1, 1);
	const struct sb_variant **vs = sb_xcalloc(*nm + 1, sizeof *vs);
	size_t *idx = sb_xcalloc(*nm + 1, sizeof *idx), next[2] = { 0, 0 }, n;
	int bad = 0;
	while (!bad && (n = next_group(m, *nm, done, idx, vs)) > 0)
		for (size_t k = 0; k < n && !bad; k++) {
			int p = vs[k]->prec;
			bad = next[p] >= r->nacc[p] || r->acc[p][next[p]].v != vs[k];
			if (!bad) {
				m[idx[k]].s = r->acc[p][next[p]].all;
				m[idx[k]].exhaustive = sb_accuracy_is_exhaustive(&r->acc[p][next[p]++]);
			}
		}
	free(done);
	free(vs);
	free(idx);
	if (bad || next[0] != r->nacc[0] || next[1] != r->nacc[1])
		sb_fail("the shards measured other sweeps than %s asks for", path);
	return m;
}

int sb_check_merge(const struct sb_cli *c, struct sb_part *parts, char **names, size_t n)
{
	const char *path = c->limits ? c->limits : parts[0].limits_path;
	struct sb_results r;
	sb_merge_parts(parts, (const char *const *)names, n, &r);
	if (file_fnv(path) != parts[0].limits_fnv)
		sb_fail("%s is not the limits file the shards measured (its contents differ)", path);
	size_t nl, nm;
	struct sb_error e;
	struct sb_limit *lim = sb_limits_read(path, &nl, &e);
	if (!lim)
		sb_fail("%s", e.msg);
	struct measured *m = measured_from(lim, nl, &r, &nm, path);
	struct sb_cli judged = *c;
	judged.sweep = parts[0].r.sweep; /* the summary line says how they sampled */
	judged.from = NULL;
	int rc = verdicts(&judged, lim, nl, NULL, 0, m, nm);
	free(m);
	free(lim);
	sb_merged_free(&r);
	return rc;
}

/* Shard I/N of every sweep check makes, written as a part file (--shard),
 * or every rank's, merged and judged by rank 0 (mpirun); -1 when neither
 * applies. */
static int check_sharded(struct sb_cli *c, const struct sb_limit *lim, size_t nl)
{
	int ranks = sb_launch_size(), rank = sb_launch_rank();
	if (!c->shard && ranks <= 1) {
		if (c->given & OPTBIT(OPT_OUT))
			sb_fail("check writes no result files: --out DIR goes with --shard I/N");
		return -1;
	}
	if (c->shard && ranks > 1)
		sb_fail("started by mpirun with %d ranks, which are the shards: drop --shard", ranks);
	if (c->from || c->impl)
		sb_fail("check measures the built-in variants in shards: not with --from or --impl");
	uint64_t i = (uint64_t)rank, n = (uint64_t)ranks;
	if (c->shard) {
		sb_shard_parse(c->shard, &i, &n);
		sb_outdir_prepare(sb_shard_dir(c));
	}
	struct sb_part p;
	memset(&p, 0, sizeof p);
	p.limits_fnv = file_fnv(c->limits);
	snprintf(p.limits_path, sizeof p.limits_path, "%s", c->limits);
	c->sweep.shard_i = i;
	c->sweep.shard_n = n;
	if (rank != 0)
		c->sweep.progress = NULL;
	size_t nm;
	free(measure_limits(c, lim, nl, &nm, &p.r));
	sb_context_get(&p.r.ctx);
	sb_part_describe(&p, c, "check", i, n);
	if (c->shard) {
		sb_part_write(&p, sb_shard_dir(c), c->quiet);
		sb_part_free(&p);
		return 0;
	}
	struct sb_part *parts;
	char **names;
	size_t k = sb_gather_parts(&p, &parts, &names);
	sb_part_free(&p);
	int rc = k ? sb_check_merge(c, parts, names, k) : 0;
	if (k)
		sb_parts_free(parts, names, k);
	return rc;
}

int sb_cmd_check(int argc, char **argv)
{
	struct sb_cli c;
	sb_launch_init(); /* before any message: under mpirun only rank 0 speaks */
	sb_cli_init(&c, "check");
	sb_cli_parse(&c, argc, argv,
		     OPTBIT(OPT_LIMITS) | OPTBIT(OPT_STRICT) | OPTBIT(OPT_FROM) | OPTBIT(OPT_HELP) |
		     OPTBIT(OPT_SAMPLES) | OPTBIT(OPT_SEED) | OPTBIT(OPT_THREADS) | OPTBIT(OPT_STRIDE) |
		     OPTBIT(OPT_QUIET) | OPTBIT(OPT_IMPL) | OPTBIT(OPT_BATCH) | OPTBIT(OPT_TIMEOUT) | OPTBIT(OPT_ACCEPT_SAMPLED) |
		     OPTBIT(OPT_PRECISION) | OPTBIT(OPT_SHARD) | OPTBIT(OPT_OUT),
		     "usage: sigbench check --limits FILE [--from accuracy.csv] [OPTIONS]\n"
		     "Measure every variant named in FILE on each line's domain and print one "
		     "line per limit.  --from reads what an accuracy.csv records (all inputs and "
		     "each variant's own domain) instead of measuring it again:\n"
		     "  PASS|FAIL|LOOSE|SKIP VARIANT METRIC DOMAIN bound=B measured=M [x=X got=G want=W]\n"
		     "Exit 0 if all pass, 1 if any fails, 2 on bad input.");
	if (!c.limits)
		sb_fail("check needs --limits FILE");
	if (c.strict && c.sweep.stride != 1)
		sb_fail("--strict compares limits with the true maximum: it needs --stride 1");
	const struct sb_variant *user = sb_byo_load_cli(&c); /* before the limits file, which may name it */
	size_t nl, nm = 0, nx = 0, nmiss = 0;
	struct sb_error e;
	struct sb_limit *lim = sb_limits_read(c.limits, &nl, &e);
	if (!lim)
		sb_fail("%s", e.msg);
	int sharded = check_sharded(&c, lim, nl);
	if (sharded >= 0) {
		free(lim);
		return sharded;
	}
	struct measured *m = c.from ? read_measured(c.from, &nm, c.strict, c.accept_sampled) : NULL;
	/* what the file does not record (other domains) is measured now; a
	 * variant it does not record at all means a truncated or foreign file */
	struct sb_limit *missing = sb_xcalloc(nl, sizeof *missing);
	for (size_t i = 0; i < nl; i++) {
		if (find_measured(m, nm, &lim[i]))
			continue;
		if (c.from && !records_variant(m, nm, lim[i].v) && sb_variant_usable(lim[i].v))
			sb_fail("%s: no row for %s, which %s:%d limits (a truncated file, or one measured "
				"without it?)", c.from, lim[i].v->name, c.limits, lim[i].line);
		missing[nmiss++] = lim[i];
	}
	struct measured *extra = measure_limits(&c, missing, nmiss, &nx, NULL);
	sb_byo_verdict(user);
	int rc = verdicts(&c, lim, nl, m, nm, extra, nx);
	free(lim);
	free(m);
	free(missing);
	free(extra);
	return rc;
}
