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
#include "base/outfile.h"
#include "base/util.h"
#include "report/json_writer.h"

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

/* One limit judged: the verdict and the figures behind it. */
struct verdict {
	const struct sb_limit *l;
	const struct measured *r; /* NULL: SKIP */
	const char *word;         /* PASS, FAIL, LOOSE, SKIP */
	double got;
};

static struct verdict judge(const struct sb_limit *l, const struct measured *r, int strict)
{
	struct verdict d = { .l = l, .r = r, .word = "SKIP", .got = NAN };
	if (!r)
		return d;
	d.got = sb_metric_value(l->metric, &r->s);
	d.word = d.got <= l->bound ? "PASS" : "FAIL";
	/* a CPU-dependent variant's limit covers every CPU it was measured on,
	 * so it is looser than this one's figure by design */
	if (d.got <= l->bound && strict && !l->v->cpu_dependent &&
	    sb_limit_is_loose(l->metric, l->bound, d.got))
		d.word = "LOOSE";
	return d;
}

static int failed(const struct verdict *d) { return d->word[0] == 'F' || d->word[0] == 'L'; }

/* The worst input of the verdict's metric, if it has one (counts do not). */
static const struct sb_worst *verdict_worst(const struct verdict *d)
{
	const struct sb_worst *w = d->r ? metric_worst(d->l->metric, &d->r->s) : NULL;
	return w && w->err >= 0 ? w : NULL;
}

/* " x=X got=G want=W" for ULP (for every error if full), " x=X" for the
 * other errors, "" for counts. */
static const char *worst_text(const struct verdict *d, int full, char *buf, size_t size)
{
	const struct sb_worst *w = verdict_worst(d);
	enum sb_prec p = d->l->v->prec;
	buf[0] = '\0';
	if (w && (full || d->l->metric == SB_M_ULP))
		snprintf(buf, size, " x=%s got=%s want=%s", sb_fmt_hex(w->x, p).s, sb_fmt_hex(w->got, p).s,
			 sb_fmt_hex(w->want, p).s);
	else if (w)
		snprintf(buf, size, " x=%s", sb_fmt_hex(w->x, p).s);
	return buf;
}

static void print_verdict(const struct verdict *d)
{
	const struct sb_limit *l = d->l;
	char dom[96], worst[256];
	if (!d->r) {
		printf("SKIP %s %s bound=%g (this CPU lacks %s, or the library failed to start)\n",
		       l->v->name, sb_metric_name(l->metric), l->bound,
		       *l->v->features ? l->v->features : "nothing");
		return;
	}
	print_domain(dom, sizeof dom, l->lo, l->hi);
	printf("%s %s %s %s bound=%g measured=%.6g coverage=%s%s\n", d->word, l->v->name,
	       sb_metric_name(l->metric), dom, l->bound, d->got, d->r->exhaustive ? "all" : "sample",
	       worst_text(d, 0, worst, sizeof worst));
}

static void json_verdict(struct sb_jw *j, const struct verdict *d)
{
	const struct sb_limit *l = d->l;
	enum sb_prec p = l->v->prec;
	sb_jw_open(j, NULL, '{');
	sb_jw_str(j, "verdict", d->word);
	sb_jw_str(j, "variant", l->v->name);
	sb_jw_str(j, "metric", sb_metric_name(l->metric));
	sb_jw_num(j, "lo", l->lo);
	sb_jw_num(j, "hi", l->hi);
	sb_jw_num(j, "bound", l->bound);
	sb_jw_uint(j, "line", (unsigned long long)l->line);
	if (d->r) {
		sb_jw_num(j, "measured", d->got);
		sb_jw_str(j, "coverage", d->r->exhaustive ? "all" : "sample");
		sb_jw_uint(j, "inputs", d->r->s.n);
	}
	const struct sb_worst *w = verdict_worst(d);
	if (w) {
		sb_jw_str(j, "x", sb_fmt_hex(w->x, p).s);
		sb_jw_str(j, "got", sb_fmt_hex(w->got, p).s);
		sb_jw_str(j, "want", sb_fmt_hex(w->want, p).s);
	}
	sb_jw_close(j);
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

/* ---- JUnit XML (--junit FILE): one test case per limit ---- */

static void xml_text(FILE *f, const char *s)
{
	static const char *const ent[256] = { ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
					      ['"'] = "&quot;" };
	for (; *s; s++) {
		const char *e = ent[(unsigned char)*s];
		if (e)
			fputs(e, f);
		else if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
			fputc(*s, f);
	}
}

static void junit_case(FILE *f, const struct verdict *d)
{
	const struct sb_limit *l = d->l;
	char dom[96], name[256], msg[256], worst[256];
	print_domain(dom, sizeof dom, l->lo, l->hi);
	snprintf(name, sizeof name, "%s %s <= %g", sb_metric_name(l->metric), dom, l->bound);
	fprintf(f, "    <testcase classname=\"sigbench.");
	xml_text(f, l->v->name);
	fprintf(f, "\" name=\"");
	xml_text(f, name);
	fprintf(f, "\">\n");
	if (!d->r) {
		snprintf(msg, sizeof msg, "this CPU lacks %s, or the library failed to start",
			 *l->v->features ? l->v->features : "nothing");
		fprintf(f, "      <skipped message=\"");
		xml_text(f, msg);
		fprintf(f, "\"/>\n");
	} else if (failed(d)) {
		snprintf(msg, sizeof msg, d->word[0] == 'F' ? "measured %.6g > bound %g" :
			 "bound %g far looser than measured %.6g (--strict)",
			 d->word[0] == 'F' ? d->got : l->bound, d->word[0] == 'F' ? l->bound : d->got);
		fprintf(f, "      <failure type=\"%s\" message=\"", d->word);
		xml_text(f, msg);
		fprintf(f, "\">%s %s coverage=%s%s</failure>\n", d->word, l->v->name,
			d->r->exhaustive ? "all" : "sample (a lower bound)", worst_text(d, 1, worst, sizeof worst));
	} else {
		fprintf(f, "      <system-out>measured=%.6g coverage=%s%s</system-out>\n", d->got,
			d->r->exhaustive ? "all" : "sample (a lower bound)", worst_text(d, 1, worst, sizeof worst));
	}
	fprintf(f, "    </testcase>\n");
}

/* --junit PATH as a directory and a file name in it. */
struct junit_path {
	char dir[4096];
	const char *name;
};

static void junit_split(const char *path, struct junit_path *jp)
{
	char *slash;
	snprintf(jp->dir, sizeof jp->dir, "%s", path);
	slash = strrchr(jp->dir, '/');
	jp->name = slash ? slash + 1 : path;
	if (!*jp->name)
		sb_fail("--junit: '%s' names a directory, not a file", path);
	if (!slash)
		snprintf(jp->dir, sizeof jp->dir, ".");
	else if (slash == jp->dir)
		jp->dir[1] = '\0';
	else
		*slash = '\0';
}

/* Written whole or not at all (base/outfile.h), like every result file. */
static void write_junit(const struct junit_path *jp, const char *limits, const struct verdict *d,
			size_t n, int fails, int skips)
{
	FILE *f = sb_outfile_open(jp->dir, jp->name);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<testsuites name=\"sigbench check\" tests=\"%zu\" failures=\"%d\" skipped=\"%d\">\n"
		   "  <testsuite name=\"", n, fails, skips);
	xml_text(f, limits);
	fprintf(f, "\" tests=\"%zu\" failures=\"%d\" skipped=\"%d\" errors=\"0\">\n", n, fails, skips);
	for (size_t i = 0; i < n; i++)
		junit_case(f, &d[i]);
	fprintf(f, "  </testsuite>\n</testsuites>\n");
	sb_outfile_commit_all();
}

static void print_text(const struct sb_cli *c, const struct verdict *d, size_t n, int fails,
		       int skips, int sampled)
{
	char buf[160];
	for (size_t i = 0; i < n; i++)
		print_verdict(&d[i]);
	printf("# %zu limits: %zu pass, %d fail, %d skipped", n, n - (size_t)fails - (size_t)skips,
	       fails, skips);
	if (sampled)
		printf("; %d measured on a sample (%s): lower bounds, a PASS there is not proof",
		       sampled, c->from ? "rows of the CSV" : sample_text(c, buf, sizeof buf));
	printf("\n");
}

static void print_json(const struct sb_cli *c, const struct verdict *d, size_t n, int fails,
		       int skips, int sampled)
{
	struct sb_jw j;
	sb_jw_start(&j, stdout);
	sb_jw_open(&j, NULL, '{');
	sb_jw_str(&j, "schema", "sigbench-check/1");
	sb_jw_str(&j, "limits_file", c->limits);
	if (c->from)
		sb_jw_str(&j, "from", c->from);
	else
		sb_jw_null(&j, "from");
	sb_jw_uint(&j, "limits", n);
	sb_jw_uint(&j, "pass", n - (size_t)fails - (size_t)skips);
	sb_jw_uint(&j, "fail", (unsigned)fails);
	sb_jw_uint(&j, "skipped", (unsigned)skips);
	sb_jw_uint(&j, "sampled", (unsigned)sampled);
	sb_jw_open(&j, "results", '[');
	for (size_t i = 0; i < n; i++)
		json_verdict(&j, &d[i]);
	sb_jw_close(&j);
	sb_jw_close(&j);
	sb_jw_end(&j);
}

/* Judge every limit on m (read from a CSV) or extra (measured), then print
 * the verdicts as text or JSON and write them as JUnit XML if asked; the
 * exit status. */
static int verdicts(const struct sb_cli *c, const struct junit_path *junit, const struct sb_limit *lim,
		    size_t nl, const struct measured *m, size_t nm, const struct measured *extra, size_t nx)
{
	struct verdict *d = sb_xcalloc(nl + 1, sizeof *d);
	int fails = 0, skips = 0, sampled = 0;
	for (size_t i = 0; i < nl; i++) {
		const struct measured *r = find_measured(m, nm, &lim[i]);
		d[i] = judge(&lim[i], r ? r : find_measured(extra, nx, &lim[i]), c->strict);
		fails += failed(&d[i]);
		skips += !d[i].r;
		sampled += d[i].r && !d[i].r->exhaustive;
	}
	if (junit)
		write_junit(junit, c->limits, d, nl, fails, skips);
	if (c->json)
		print_json(c, d, nl, fails, skips, sampled);
	else
		print_text(c, d, nl, fails, skips, sampled);
	free(d);
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
	struct junit_path junit;
	if (c->junit)
		junit_split(c->junit, &junit);
	int rc = verdicts(&judged, c->junit ? &junit : NULL, lim, nl, NULL, 0, m, nm);
	free(m);
	free(lim);
	sb_merged_free(&r);
	return rc;
}

/* Whether --function and --variants (those given) select the limit's
 * variant (--precision describes --impl here). */
static int selected(const struct sb_limit *l, const struct sb_cli *c)
{
	if ((c->given & OPTBIT(OPT_FUNCTION)) && (int)l->v->function != c->function)
		return 0;
	return !c->variants || sb_glob_match(c->variants, l->v->name);
}

/* Only the limits of the variants selected, so a CI job can check one
 * variant of a shared limits file without sweeping the others. */
static void keep_selected_limits(struct sb_limit *lim, size_t *nl, const struct sb_cli *c)
{
	size_t k = 0;
	for (size_t i = 0; i < *nl; i++)
		if (selected(&lim[i], c))
			lim[k++] = lim[i];
	if (k == 0)
		sb_fail("%s: no limit names a variant selected by --function and --variants",
			c->limits);
	*nl = k;
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
		     OPTBIT(OPT_PRECISION) | OPTBIT(OPT_JSON) | OPTBIT(OPT_JUNIT) | OPTBIT(OPT_SHARD) |
		     OPTBIT(OPT_OUT) | OPTBIT(OPT_WALK_FROM) | OPTBIT(OPT_WALK_ULPS) | OPTBIT(OPT_FUNCTION) |
		     OPTBIT(OPT_VARIANTS),
		     "usage: sigbench check --limits FILE [--from accuracy.csv] [--json] [--junit FILE] [OPTIONS]\n"
		     "Measure every variant named in FILE on each line's domain and print one "
		     "line per limit.  --from reads what an accuracy.csv records (all inputs and "
		     "each variant's own domain) instead of measuring it again:\n"
		     "  PASS|FAIL|LOOSE|SKIP VARIANT METRIC DOMAIN bound=B measured=M [x=X got=G want=W]\n"
		     "--json prints the same as one JSON document; --junit also writes JUnit XML, "
		     "one test case per limit.\nExit 0 if all pass, 1 if any fails, 2 on bad input.");
	if (!c.limits)
		sb_fail("check needs --limits FILE");
	struct junit_path junit;
	if (c.junit) { /* before measuring: a long run must not end in "cannot write" */
		junit_split(c.junit, &junit);
		sb_outdir_prepare(junit.dir);
	}
	if (c.strict && c.sweep.stride != 1)
		sb_fail("--strict compares limits with the true maximum: it needs --stride 1");
	const struct sb_variant *user = sb_byo_load_cli(&c); /* before the limits file, which may name it */
	size_t nl, nm = 0, nx = 0, nmiss = 0;
	struct sb_error e;
	struct sb_limit *lim = sb_limits_read(c.limits, &nl, &e);
	if (!lim)
		sb_fail("%s", e.msg);
	if (c.variants && sb_registry_check_globs("--variants", c.variants, &e))
		sb_fail("%s", e.msg);
	keep_selected_limits(lim, &nl, &c);
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
		if (c.from && !records_variant(m, nm, lim[i].v) && sb_variant_usable(lim[i].v)) {
			sb_error_set(&e, "%s: no row for %s, which %s:%d limits (a truncated file, or one "
				     "measured without it?)", c.from, lim[i].v->name, c.limits, lim[i].line);
			/* nothing left allocated on the way out (LeakSanitizer runs the tests) */
			free(missing);
			free(m);
			free(lim);
			sb_fail("%s", e.msg);
		}
		missing[nmiss++] = lim[i];
	}
	struct measured *extra = measure_limits(&c, missing, nmiss, &nx, NULL);
	sb_byo_verdict(user);
	int rc = verdicts(&c, c.junit ? &junit : NULL, lim, nl, m, nm, extra, nx);
	free(lim);
	free(m);
	free(missing);
	free(extra);
	return rc;
}
