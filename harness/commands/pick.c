/* sigbench pick: the fastest variant that meets an error budget on a domain.
 *
 * Accuracy comes from the recent results (--results, default the source
 * tree's results/) for each variant whose outputs are bit for bit those the
 * results measured (its fingerprint in hashes.txt equals this build's, see
 * hash.c) on this CPU model: a variant whose error over all inputs, or over
 * its own domain when that contains the requested one, meets the budget
 * qualifies; one with an interval inside the requested domain that exceeds
 * it does not.  Every other candidate is measured now: a sparse pass rules
 * most out, the rest are swept exhaustively over the domain for f32 (samples
 * for f64), fastest first, until enough qualify.  Throughput at --size comes
 * from the results only when they are from this very commit (clean tree);
 * otherwise it is measured (a few seconds). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/format.h"
#include "commands/cli.h"
#include "commands/commands.h"
#include "engine/context.h"
#include "engine/hash.h"
#include "report/results.h"
#include "files/table.h"
#include "base/util.h"
#include "report/json.h"

#define WANT_QUALIFIED 6 /* the pick and its runner-ups */
#define MEASURE_BATCH 8  /* variants per domain sweep (they share the reference) */

struct cand {
	const struct sb_variant *v;
	double ulp, abs;   /* on the domain, when known */
	int known;         /* accuracy known (from results or measured) */
	int measured;      /* ... by this invocation */
	char bound;        /* how ulp, abs relate to the domain's maxima: '=' exact,
			    * '>' a lower bound (a subset), '<' an upper bound (a superset) */
	double ns;         /* median ns/element at --size; < 0 unknown */
};

/* ---- recent results ---- */

/* Results from this CPU model?  *same_commit: and from this very (clean)
 * commit, which throughput needs; accuracy needs only equal outputs. */
static int results_match(const char *dir, const struct sb_context *ctx, int *same_commit,
			 char *why, size_t wsize)
{
	char path[4096], commit[64], cpu[128];
	snprintf(path, sizeof path, "%s/results.json", dir);
	char *json = sb_read_text(path, NULL);
	int ok = json && sb_json_string(json, "commit", commit, sizeof commit) &&
		 sb_json_string(json, "cpu", cpu, sizeof cpu);
	free(json);
	*same_commit = ok && !strstr(ctx->commit, "dirty") && strcmp(commit, ctx->commit) == 0;
	if (!ok)
		snprintf(why, wsize, "no %s", path);
	else if (strcmp(cpu, ctx->cpu) != 0)
		snprintf(why, wsize, "they were measured on %s", cpu);
	else
		return 1;
	return 0;
}

/* The variant's outputs are those the results measured: its fingerprint in
 * DIR/hashes.txt equals this build's. */
static int same_outputs(const char *dir, const struct sb_variant *v)
{
	char path[4096], line[256];
	snprintf(path, sizeof path, "%s/hashes.txt", dir);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	unsigned long long want = 0;
	int found = 0;
	while (!found && fgets(line, sizeof line, f)) {
		char name[160];
		found = sscanf(line, "%llx %159s", &want, name) == 2 && strcmp(name, v->name) == 0;
	}
	fclose(f);
	return found && want == (unsigned long long)sb_hash_variant(v);
}

/* One row of accuracy.csv: variant, interval, x_lo, x_hi, max_ulp, max_abs. */
struct arow {
	char variant[96], interval[32];
	double lo, hi, ulp, abs;
	int exhaustive;   /* every input of [lo, hi] was measured */
};

static double num(const char *s)
{
	return strcmp(s, "-") == 0 ? -1 : strtod(s, NULL);
}

/* DIR/FILE through the one CSV reader: absent is "no results" (NULL table),
 * present but malformed is an error. */
static int read_results(const char *dir, const char *file, const char *const *cols,
			struct sb_table *t)
{
	struct sb_error e;
	int got = sb_table_read_in(dir, file, cols, t, &e);
	if (got < 0)
		sb_fail("--results: %s", e.msg);
	return got;
}

/* accuracy.csv's rows, columns found by name (README "Result files") */
static struct arow *read_rows(const char *dir, size_t *n)
{
	struct sb_table t;
	*n = 0;
	if (!read_results(dir, "accuracy.csv", sb_accuracy_csv_columns, &t))
		return NULL;
	struct arow *rows = sb_xcalloc(t.nrows + 1, sizeof *rows);
	for (size_t i = 0; i < t.nrows; i++) {
		struct arow *r = &rows[(*n)++];
		snprintf(r->variant, sizeof r->variant, "%s", sb_table_get(&t, i, "variant"));
		snprintf(r->interval, sizeof r->interval, "%s", sb_table_get(&t, i, "interval"));
		r->lo = num(sb_table_get(&t, i, "x_lo"));
		r->hi = num(sb_table_get(&t, i, "x_hi"));
		r->ulp = num(sb_table_get(&t, i, "max_ulp"));
		r->abs = num(sb_table_get(&t, i, "max_abs"));
		r->exhaustive = strncmp(sb_table_get(&t, i, "sweep"), "exhaustive", 10) == 0;
	}
	sb_table_free(&t);
	return rows;
}

static int within(const struct sb_cli *c, double ulp, double abs)
{
	return (isnan(c->max_ulp) || ulp <= c->max_ulp) && (isnan(c->max_abs) || abs <= c->max_abs);
}

static void set_known(struct cand *cd, double ulp, double abs, char bound)
{
	cd->ulp = ulp;
	cd->abs = abs;
	cd->known = 1;
	cd->bound = bound;
}

/* Decide what the recent results already say about cand on [lo, hi]. */
static void from_rows(struct cand *cd, const struct arow *rows, size_t n, const struct sb_cli *c)
{
	double lo = c->sweep.lo, hi = c->sweep.hi;
	for (size_t i = 0; i < n; i++) {
		const struct arow *r = &rows[i];
		if (strcmp(r->variant, cd->v->name) != 0)
			continue;
		int covers = r->lo <= lo && r->hi >= hi; /* the row's inputs include ours */
		int inside = r->lo >= lo && r->hi <= hi; /* ours include the row's */
		int is_iv = strcmp(r->interval, "all") != 0 && strcmp(r->interval, "domain") != 0;
		/* a sample's maxima are lower bounds: they can rule a variant out,
		 * never in */
		int full = r->exhaustive;
		if (!is_iv && covers && full && within(c, r->ulp, r->abs) && !cd->known)
			set_known(cd, r->ulp, r->abs, '<'); /* an upper bound that already meets the budget */
		if (inside && !within(c, r->ulp, r->abs)) {
			set_known(cd, r->ulp, r->abs, covers && full ? '=' : '>'); /* already breaks it */
			return;
		}
		if (!is_iv && covers && inside && full) /* the same inputs: exact */
			set_known(cd, r->ulp, r->abs, '=');
	}
}

static void speed_from_results(struct cand *cs, size_t n, const char *dir, size_t size)
{
	struct sb_table t;
	if (!read_results(dir, "throughput.csv", sb_throughput_csv_columns, &t))
		return;
	for (size_t r = 0; r < t.nrows; r++) {
		if (strtoull(sb_table_get(&t, r, "n"), NULL, 10) != size)
			continue;
		for (size_t i = 0; i < n; i++)
			if (strcmp(cs[i].v->name, sb_table_get(&t, r, "variant")) == 0)
				cs[i].ns = strtod(sb_table_get(&t, r, "median_ns"), NULL);
	}
	sb_table_free(&t);
}

/* ---- measuring what is not known ---- */

static void measure_speed(struct cand *cs, size_t n, const struct sb_cli *c)
{
	const struct sb_variant **vs = sb_xcalloc(n + 1, sizeof *vs);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (cs[i].ns < 0)
			vs[k++] = cs[i].v;
	if (k) {
		struct sb_speed_opts o = c->speed;
		o.sizes[0] = c->size;
		o.nsizes = 1;
		o.reps = 7;
		struct sb_speed_result *res = sb_xcalloc(k, sizeof *res);
		double ghz;
		sb_speed_run(vs, k, &o, res, &ghz);
		for (size_t j = 0; j < k; j++)
			for (size_t i = 0; i < n; i++)
				if (cs[i].v == res[j].v)
					cs[i].ns = res[j].median_ns;
		free(res);
	}
	free(vs);
}

static int by_speed(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	double tx = x->ns < 0 ? INFINITY : x->ns, ty = y->ns < 0 ? INFINITY : y->ns;
	return (tx > ty) - (tx < ty);
}

static int qualifies(const struct cand *cd, const struct sb_cli *c)
{
	return cd->known && within(c, cd->ulp, cd->abs);
}

/* A lower bound first: every PRECHECK_STRIDE-th input of the domain, all
 * unknown candidates in one sweep.  A candidate already over budget there is
 * out without an exhaustive sweep (most fast approximations are). */
#define PRECHECK_STRIDE 4099

static void precheck(struct cand *cs, size_t n, const struct sb_cli *c, enum sb_prec prec)
{
	const struct sb_variant **vs = sb_xcalloc(n + 1, sizeof *vs);
	size_t *idx = sb_xcalloc(n + 1, sizeof *idx), k = 0;
	for (size_t i = 0; i < n; i++)
		if (!cs[i].known) {
			idx[k] = i;
			vs[k++] = cs[i].v;
		}
	if (k) {
		struct sb_accuracy *acc = sb_xcalloc(k, sizeof *acc);
		struct sb_sweep_opts o = c->sweep;
		o.progress = NULL;
		o.stride = PRECHECK_STRIDE;
		o.samples = o.samples / 16 + 1;
		sb_sweep_or_fail(prec, vs, k, &o, acc);
		for (size_t j = 0; j < k; j++)
			if (!within(c, acc[j].all.ulp.err, acc[j].all.abs.err)) {
				set_known(&cs[idx[j]], acc[j].all.ulp.err, acc[j].all.abs.err, '>');
				cs[idx[j]].measured = 1;
			}
		sb_accuracy_free(acc, k);
		free(acc);
	}
	free(vs);
	free(idx);
}

/* Measure the unknown candidates, fastest first, a batch at a time, until
 * WANT_QUALIFIED qualify among the fastest known-or-measured ones. */
static void measure_accuracy(struct cand *cs, size_t n, const struct sb_cli *c, enum sb_prec prec)
{
	for (;;) {
		size_t good = 0, k = 0, idx[MEASURE_BATCH];
		const struct sb_variant *vs[MEASURE_BATCH];
		for (size_t i = 0; i < n && k < MEASURE_BATCH && good < WANT_QUALIFIED; i++) {
			if (qualifies(&cs[i], c))
				good++;
			else if (!cs[i].known) {
				idx[k] = i;
				vs[k++] = cs[i].v;
			}
		}
		if (!k)
			return;
		struct sb_accuracy acc[MEASURE_BATCH];
		struct sb_sweep_opts o = c->sweep;
		o.progress = NULL;
		if (!c->quiet)
			fprintf(stderr, "sigbench: pick: measuring %zu candidate(s) exhaustively on the domain\n", k);
		sb_sweep_or_fail(prec, vs, k, &o, acc);
		for (size_t j = 0; j < k; j++) {
			set_known(&cs[idx[j]], acc[j].all.ulp.err, acc[j].all.abs.err,
				  o.stride > 1 || prec == SB_F64 ? '>' : '=');
			cs[idx[j]].measured = 1;
		}
		sb_accuracy_free(acc, k);
	}
}

static void print_row(const struct cand *cd, int rank)
{
	const char *rel = cd->bound == '>' ? ">=" : cd->bound == '<' ? "<=" : "";
	printf("%s %-40s max ULP %s%-12s max abs %s%-10.3g %8.4g ns/elem  (%s)\n",
	       rank ? "  " : "->", cd->v->name, rel, sb_fmt_ulp(cd->ulp).s, rel, cd->abs, cd->ns,
	       cd->measured ? "measured now" : "from results");
}

static size_t candidates(const struct sb_cli *c, enum sb_prec prec, struct cand **out)
{
	const struct sb_variant **run;
	size_t nrun;
	sb_select(c, prec, &run, &nrun, NULL, NULL);
	struct cand *cs = sb_xcalloc(nrun + 1, sizeof *cs);
	size_t n = 0;
	for (size_t i = 0; i < nrun; i++)
		if (!c->isa || strcmp(run[i]->isa, c->isa) == 0)
			cs[n++] = (struct cand){ .v = run[i], .ns = -1 };
	free(run);
	if (n == 0)
		sb_fail("pick: no variant for %s%s runs on this CPU", prec == SB_F32 ? "f32" : "f64",
			c->isa ? " and that ISA" : "");
	*out = cs;
	return n;
}

/* The rows to show, in *shown: up to WANT_QUALIFIED qualifying candidates,
 * fastest first; if none qualifies, the five with the smallest known max ULP. */
static size_t closest(struct cand *cs, size_t n, const struct sb_cli *c, size_t *shown)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < WANT_QUALIFIED; i++)
		if (qualifies(&cs[i], c))
			shown[k++] = i;
	if (k)
		return k;
	char *taken = sb_xcalloc(n + 1, 1);
	for (; k < 5; k++) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (!taken[i] && cs[i].known && cs[i].ulp >= 0 && (best == n || cs[i].ulp < cs[best].ulp))
				best = i;
		if (best == n)
			break;
		taken[best] = 1;
		shown[k] = best;
	}
	free(taken);
	return k;
}

static void print_text(const struct sb_cli *c, enum sb_prec prec, const struct cand *cs,
		       const size_t *shown, size_t nshown, int picked)
{
	char dom[96];
	snprintf(dom, sizeof dom, c->sweep.lo == -INFINITY && c->sweep.hi == INFINITY ? "all inputs" : "[%g, %g]",
		 c->sweep.lo, c->sweep.hi);
	char bu[32] = "-", ba[32] = "-";
	if (!isnan(c->max_ulp))
		snprintf(bu, sizeof bu, "%g", c->max_ulp);
	if (!isnan(c->max_abs))
		snprintf(ba, sizeof ba, "%g", c->max_abs);
	printf("budget: max ULP %s, max abs %s on %s, %s, n = %zu%s%s\n", bu, ba, dom,
	       prec == SB_F32 ? "f32" : "f64", c->size, c->isa ? ", ISA " : "", c->isa ? c->isa : "");
	int lower = 0;
	if (!picked)
		printf("no variant meets the budget; the closest (by max ULP on the domain):\n");
	for (size_t k = 0; k < nshown; k++) {
		lower |= picked && cs[shown[k]].bound == '>';
		print_row(&cs[shown[k]], picked ? (int)k : 1);
	}
	if (lower)
		printf(">= : measured on %llu samples per distribution, a lower bound: the true "
		       "maximum may break the budget\n", (unsigned long long)c->sweep.samples);
}

static const char *bound_word(char bound)
{
	return bound == '>' ? "lower-bound" : bound == '<' ? "upper-bound" : "exact";
}

/* An unset budget (NaN) is null: no limit, not "not a number". */
static void budget_json(struct sb_json *j, const char *key, double v)
{
	if (isnan(v))
		sb_json_null(j, key);
	else
		sb_json_num(j, key, v);
}

static void print_json(const struct sb_cli *c, enum sb_prec prec, const struct cand *cs,
		       const size_t *shown, size_t nshown, int picked)
{
	struct sb_json j;
	sb_json_start(&j, stdout);
	sb_json_open(&j, NULL, '{');
	sb_json_str(&j, "schema", "sigbench-pick/1");
	sb_json_open(&j, "budget", '{');
	budget_json(&j, "max_ulp", c->max_ulp);
	budget_json(&j, "max_abs", c->max_abs);
	sb_json_num(&j, "lo", c->sweep.lo);
	sb_json_num(&j, "hi", c->sweep.hi);
	sb_json_str(&j, "precision", prec == SB_F32 ? "f32" : "f64");
	if (c->isa)
		sb_json_str(&j, "isa", c->isa);
	else
		sb_json_null(&j, "isa");
	sb_json_uint(&j, "size", c->size);
	sb_json_close(&j);
	sb_json_bool(&j, "met", picked);
	sb_json_open(&j, picked ? "qualifying" : "closest", '[');
	for (size_t k = 0; k < nshown; k++) {
		const struct cand *cd = &cs[shown[k]];
		sb_json_open(&j, NULL, '{');
		sb_json_str(&j, "variant", cd->v->name);
		sb_json_str(&j, "isa", cd->v->isa);
		sb_json_num(&j, "max_ulp", cd->ulp);
		sb_json_num(&j, "max_abs", cd->abs);
		sb_json_str(&j, "error_is", bound_word(cd->bound));
		sb_json_num(&j, "ns_per_element", cd->ns);
		sb_json_str(&j, "source", cd->measured ? "measured now" : "results");
		sb_json_close(&j);
	}
	sb_json_close(&j);
	sb_json_close(&j);
	sb_json_end(&j);
}

int sb_cmd_pick(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "pick");
	sb_cli_parse(&c, argc, argv,
		     OPTBIT(OPT_MAX_ULP) | OPTBIT(OPT_MAX_ABS) | OPTBIT(OPT_DOMAIN) | OPTBIT(OPT_PRECISION) |
		     OPTBIT(OPT_ISA) | OPTBIT(OPT_SIZE) | OPTBIT(OPT_RESULTS) | OPTBIT(OPT_VARIANTS) |
		     OPTBIT(OPT_THREADS) | OPTBIT(OPT_SAMPLES) | OPTBIT(OPT_QUIET) | OPTBIT(OPT_HELP) |
		     OPTBIT(OPT_EXHAUSTIVE) | OPTBIT(OPT_JSON),
		     "usage: sigbench pick --max-ulp X [--max-abs Y] [--domain LO:HI] [--precision f32|f64]\n"
		     "                     [--isa ISA] [--size N] [--results DIR] [--exhaustive] [--json]\n"
		     "The fastest variant whose max ULP (and max absolute) error on the domain meets "
		     "the budget,\nwith its runner-ups.  Exit 1 if none does (the closest are shown).");
	if (isnan(c.max_ulp) && isnan(c.max_abs))
		sb_fail("pick needs a budget: --max-ulp X and/or --max-abs Y");
	if (c.prec_mask == ((1 << SB_F32) | (1 << SB_F64)) && c.prec_given)
		sb_fail("pick: one precision at a time (--precision f32 or f64)");
	if (c.prec_mask == ((1 << SB_F32) | (1 << SB_F64)))
		c.prec_mask = 1 << SB_F32; /* f32 unless asked */
	enum sb_prec prec = c.prec_mask & (1 << SB_F32) ? SB_F32 : SB_F64;
	if (c.exhaustive && prec == SB_F64)
		sb_fail("pick: --exhaustive is for f32 (2^32 inputs); f64 is always sampled");
	static const char *const isas[] = { "scalar", "sse2", "sse41", "avx2", "avx512", "auto" };
	int known_isa = !c.isa;
	for (size_t i = 0; i < sizeof isas / sizeof isas[0]; i++)
		known_isa |= c.isa && strcmp(c.isa, isas[i]) == 0;
	if (!known_isa)
		sb_fail("pick: unknown ISA '%s' (scalar, sse2, sse41, avx2, avx512, auto)", c.isa);
	struct cand *cs;
	size_t n = candidates(&c, prec, &cs);
	const char *dir = c.results ? c.results : "results"; /* the current directory's */
	struct sb_context ctx;
	sb_context_get(&ctx);
	char why[4200];
	int same_commit;
	int use = results_match(dir, &ctx, &same_commit, why, sizeof why);
	if (!use && !c.quiet)
		fprintf(stderr, "sigbench: pick: not using %s (%s); measuring\n", dir, why);

	if (use) {
		size_t nr, trusted = 0;
		struct arow *rows = read_rows(dir, &nr);
		for (size_t i = 0; i < n && !c.exhaustive; i++)
			if (same_outputs(dir, cs[i].v)) {
				from_rows(&cs[i], rows, nr, &c);
				trusted++;
			}
		free(rows);
		if (same_commit)
			speed_from_results(cs, n, dir, c.size);
		if (!c.quiet)
			fprintf(stderr, "sigbench: pick: %s: outputs unchanged for %zu of %zu candidates; "
				"throughput %s\n", dir, trusted, n,
				same_commit ? "from the same commit" : "measured now (other commit)");
	}
	c.speed.progress = NULL;
	measure_speed(cs, n, &c);
	qsort(cs, n, sizeof *cs, by_speed);
	precheck(cs, n, &c, prec);
	measure_accuracy(cs, n, &c, prec);

	size_t shown[WANT_QUALIFIED], nshown = closest(cs, n, &c, shown);
	int picked = nshown && qualifies(&cs[shown[0]], &c);
	if (c.json)
		print_json(&c, prec, cs, shown, nshown, picked);
	else
		print_text(&c, prec, cs, shown, nshown, picked);
	free(cs);
	return picked ? 0 : 1;
}
