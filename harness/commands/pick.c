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
 * otherwise it is measured (a few seconds).  What meets a budget is
 * files/budget.h's rule, the one summary.md's answer table uses; --recorded
 * gives that table's answer from the results alone, measuring nothing. */
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
#include "files/budget.h"
#include "files/table.h"
#include "base/util.h"
#include "report/json_writer.h"

#define WANT_QUALIFIED 6 /* the pick and its runner-ups */
#define MEASURE_BATCH 8  /* variants per domain sweep (they share the reference) */

struct cand {
	const struct sb_variant *v;
	struct sb_verdict acc; /* on the domain, when known (files/budget.h) */
	int measured;          /* ... by this invocation */
	double ns;             /* median ns/element at --size; < 0 unknown */
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

/* DIR/FILE through the one CSV reader: absent is "no results" (0), present
 * but malformed is an error. */
static int read_results(const char *dir, const char *file, const char *const *cols,
			struct sb_table *t)
{
	struct sb_error e;
	int got = sb_table_read_in(dir, file, cols, t, &e);
	if (got < 0)
		sb_fail("--results: %s", e.msg);
	return got;
}

/* accuracy.csv's rows (README "Result files"), pointing into *t */
static struct sb_budget_row *read_rows(const char *dir, struct sb_table *t, size_t *n)
{
	*n = 0;
	memset(t, 0, sizeof *t); /* freeing it is safe whatever happens */
	if (!read_results(dir, "accuracy.csv", sb_accuracy_csv_columns, t))
		return NULL;
	struct sb_budget_row *rows = sb_xcalloc(t->nrows + 1, sizeof *rows);
	struct sb_error e;
	for (size_t i = 0; i < t->nrows; i++)
		if (sb_budget_row(t, i, "accuracy.csv", &rows[i], &e))
			sb_fail("--results: %s", e.msg);
	*n = t->nrows;
	return rows;
}

static struct sb_budget budget_of(const struct sb_cli *c)
{
	return (struct sb_budget){ c->max_ulp, c->max_abs, c->sweep.lo, c->sweep.hi };
}

static void set_measured(struct cand *cd, const struct sb_errstats *s, char bound)
{
	cd->acc = (struct sb_verdict){ 1, s->ulp.err, s->abs.err, s->nan_out, s->n - s->cr, bound };
	cd->measured = 1;
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
	return sb_budget_faster(x->ns, x->v->name, y->ns, y->v->name);
}

static int qualifies(const struct cand *cd, const struct sb_cli *c)
{
	struct sb_budget b = budget_of(c);
	return sb_budget_qualifies(&b, &cd->acc);
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
		if (!cs[i].acc.known) {
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
		struct sb_budget b = budget_of(c);
		for (size_t j = 0; j < k; j++) {
			const struct sb_errstats *s = &acc[j].all;
			if (!sb_budget_met(&b, s->ulp.err, s->abs.err, s->nan_out, s->n - s->cr))
				set_measured(&cs[idx[j]], s, '>');
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
			else if (!cs[i].acc.known) {
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
		for (size_t j = 0; j < k; j++)
			set_measured(&cs[idx[j]], &acc[j].all, o.stride > 1 || prec == SB_F64 ? '>' : '=');
		sb_accuracy_free(acc, k);
	}
}

/* A row of pick's answer, from the recorded results or measured now. */
struct shown {
	const char *variant;
	struct sb_verdict v;
	double ns;
	const char *source;
};

struct answer {
	struct shown rows[WANT_QUALIFIED];
	size_t n;
	int met;             /* rows qualify; else they are the closest */
	int lower;           /* a qualifying row is a lower bound */
	char lower_what[96]; /* ... measured on what */
	char none[160];      /* what to say when nothing qualifies */
};

static struct shown shown_of(const struct cand *cd)
{
	return (struct shown){ cd->v->name, cd->acc, cd->ns, cd->measured ? "measured now" : "from results" };
}

static void print_row(const struct shown *r, int rank)
{
	const struct sb_verdict *a = &r->v;
	const char *rel = a->bound == '>' ? ">=" : a->bound == '<' ? "<=" : "";
	printf("%s %-40s max ULP %s%-12s max abs %s%-10.3g %8.4g ns/elem  (%s)\n",
	       rank ? "  " : "->", r->variant, rel, sb_fmt_ulp(a->ulp).s, rel, a->abs, r->ns, r->source);
}

static size_t candidates(const struct sb_cli *c, enum sb_prec prec, struct cand **out)
{
	const struct sb_variant **run;
	size_t nrun;
	sb_select(c, prec, &run, &nrun, NULL, NULL);
	struct cand *cs = sb_xcalloc(nrun + 1, sizeof *cs);
	size_t n = 0;
	for (size_t i = 0; i < nrun; i++)
		if ((!c->isa || strcmp(run[i]->isa, c->isa) == 0) &&
		    (!c->kind || !run[i]->peer == (strcmp(c->kind, "generated") == 0)))
			cs[n++] = (struct cand){ .v = run[i], .ns = -1 };
	free(run);
	if (n == 0)
		sb_fail("pick: no variant for %s%s runs on this CPU", prec == SB_F32 ? "f32" : "f64",
			c->isa ? " and that ISA" : "");
	*out = cs;
	return n;
}

static void print_budget(const struct sb_cli *c, enum sb_prec prec)
{
	char dom[96];
	snprintf(dom, sizeof dom, c->sweep.lo == -INFINITY && c->sweep.hi == INFINITY ? "all inputs" : "[%g, %g]",
		 c->sweep.lo, c->sweep.hi);
	char bu[32] = "-", ba[32] = "-";
	if (!isnan(c->max_ulp))
		snprintf(bu, sizeof bu, "%g", c->max_ulp);
	if (!isnan(c->max_abs))
		snprintf(ba, sizeof ba, "%g", c->max_abs);
	printf("budget: max ULP %s, max abs %s on %s, %s, n = %zu%s%s%s%s\n", bu, ba, dom,
	       prec == SB_F32 ? "f32" : "f64", c->size, c->isa ? ", ISA " : "", c->isa ? c->isa : "",
	       c->kind ? ", " : "", c->kind ? c->kind : "");
}

static void print_lower_note(const char *what)
{
	printf(">= : measured on %s, a lower bound: the true maximum may break the budget\n", what);
}

static void print_text(const struct sb_cli *c, enum sb_prec prec, const struct answer *a)
{
	print_budget(c, prec);
	if (!a->met && a->n)
		printf("%s\n", a->none);
	for (size_t i = 0; i < a->n; i++)
		print_row(&a->rows[i], a->met ? (int)i : 1);
	if (a->met && a->lower)
		print_lower_note(a->lower_what);
	if (!a->met && !a->n)
		printf("%s\n", a->none);
}

static const char *bound_word(char bound)
{
	return bound == '>' ? "lower-bound" : bound == '<' ? "upper-bound" : "exact";
}

/* An unset budget (NaN) is null: no limit, not "not a number". */
static void budget_json(struct sb_jw *j, const char *key, double v)
{
	if (isnan(v))
		sb_jw_null(j, key);
	else
		sb_jw_num(j, key, v);
}

static void print_json(const struct sb_cli *c, enum sb_prec prec, const struct answer *a)
{
	struct sb_jw j;
	sb_jw_start(&j, stdout);
	sb_jw_open(&j, NULL, '{');
	sb_jw_str(&j, "schema", "sigbench-pick/1");
	sb_jw_open(&j, "budget", '{');
	budget_json(&j, "max_ulp", c->max_ulp);
	budget_json(&j, "max_abs", c->max_abs);
	sb_jw_num(&j, "lo", c->sweep.lo);
	sb_jw_num(&j, "hi", c->sweep.hi);
	sb_jw_str(&j, "precision", prec == SB_F32 ? "f32" : "f64");
	if (c->isa)
		sb_jw_str(&j, "isa", c->isa);
	else
		sb_jw_null(&j, "isa");
	if (c->kind)
		sb_jw_str(&j, "kind", c->kind);
	else
		sb_jw_null(&j, "kind");
	sb_jw_uint(&j, "size", c->size);
	sb_jw_close(&j);
	sb_jw_bool(&j, "met", a->met);
	sb_jw_open(&j, a->met ? "qualifying" : "closest", '[');
	for (size_t k = 0; k < a->n; k++) {
		const struct shown *r = &a->rows[k];
		sb_jw_open(&j, NULL, '{');
		sb_jw_str(&j, "variant", r->variant);
		sb_jw_num(&j, "max_ulp", r->v.ulp);
		sb_jw_num(&j, "max_abs", r->v.abs);
		sb_jw_str(&j, "error_is", bound_word(r->v.bound));
		sb_jw_num(&j, "ns_per_element", r->ns);
		sb_jw_str(&j, "source", r->source);
		sb_jw_close(&j);
	}
	sb_jw_close(&j);
	sb_jw_close(&j);
	sb_jw_end(&j);
}

static void print_answer(const struct sb_cli *c, enum sb_prec prec, const struct answer *a)
{
	if (c->json)
		print_json(c, prec, a);
	else
		print_text(c, prec, a);
}

static enum sb_kind kind_of(const struct sb_cli *c)
{
	if (!c->kind)
		return SB_KIND_ANY;
	return strcmp(c->kind, "peer") == 0 ? SB_KIND_PEER : SB_KIND_GENERATED;
}

/* --recorded: the answer DIR's tables give, measuring nothing (the same
 * selection as the answer table of summary.md, files/budget.h). */
static int pick_recorded(const struct sb_cli *c, enum sb_prec prec, const char *dir)
{
	struct sb_table acc, thr;
	if (!read_results(dir, "accuracy.csv", sb_accuracy_csv_columns, &acc))
		sb_fail("pick --recorded: no %s/accuracy.csv", dir);
	if (!read_results(dir, "throughput.csv", sb_throughput_csv_columns, &thr))
		sb_fail("pick --recorded: no %s/throughput.csv", dir);
	struct sb_pick_query q = { budget_of(c), prec == SB_F32 ? "f32" : "f64", c->isa, kind_of(c),
				   c->variants, c->size, c->function };
	struct sb_pick_entry top[WANT_QUALIFIED];
	struct sb_error e;
	long n = sb_budget_pick_recorded(&acc, &thr, &q, top, WANT_QUALIFIED, &e);
	sb_table_free(&acc);
	sb_table_free(&thr);
	if (n < 0)
		sb_fail("--results: %s", e.msg);
	struct answer a = { .met = n > 0 };
	for (long i = 0; i < n && i < WANT_QUALIFIED; i++) {
		a.lower |= top[i].v.bound == '>';
		a.rows[a.n++] = (struct shown){ top[i].variant, top[i].v, top[i].ns, "recorded" };
	}
	snprintf(a.lower_what, sizeof a.lower_what, "a sample (as recorded)");
	snprintf(a.none, sizeof a.none, "no variant meets the budget in %s", dir);
	print_answer(c, prec, &a);
	return !a.met;
}

/* Judge what the recent results say, measure the rest. */
static int pick_measuring(struct sb_cli *c, enum sb_prec prec, const char *dir)
{
	struct cand *cs;
	size_t n = candidates(c, prec, &cs);
	struct sb_context ctx;
	sb_context_get(&ctx);
	char why[4200];
	int same_commit;
	int use = results_match(dir, &ctx, &same_commit, why, sizeof why);
	if (!use && !c->quiet)
		fprintf(stderr, "sigbench: pick: not using %s (%s); measuring\n", dir, why);
	struct sb_budget b = budget_of(c);
	if (use) {
		size_t nr, trusted = 0;
		struct sb_table t;
		struct sb_budget_row *rows = read_rows(dir, &t, &nr);
		for (size_t i = 0; i < n && !c->exhaustive; i++)
			if (same_outputs(dir, cs[i].v)) {
				sb_budget_judge(&b, rows, nr, cs[i].v->name, 0, &cs[i].acc);
				trusted++;
			}
		free(rows);
		sb_table_free(&t);
		if (same_commit)
			speed_from_results(cs, n, dir, c->size);
		if (!c->quiet)
			fprintf(stderr, "sigbench: pick: %s: outputs unchanged for %zu of %zu candidates; "
				"throughput %s\n", dir, trusted, n,
				same_commit ? "from the same commit" : "measured now (other commit)");
	}
	c->speed.progress = NULL;
	measure_speed(cs, n, c);
	qsort(cs, n, sizeof *cs, by_speed);
	precheck(cs, n, c, prec);
	measure_accuracy(cs, n, c, prec);

	struct answer a = { 0 };
	for (size_t i = 0; i < n && a.n < WANT_QUALIFIED; i++)
		if (qualifies(&cs[i], c)) {
			a.lower |= cs[i].acc.bound == '>';
			a.rows[a.n++] = shown_of(&cs[i]);
		}
	a.met = a.n > 0;
	snprintf(a.lower_what, sizeof a.lower_what, "%llu samples per distribution",
		 (unsigned long long)c->sweep.samples);
	snprintf(a.none, sizeof a.none, "no variant meets the budget; the closest (by max ULP on the domain):");
	while (!a.met && a.n < 5) { /* five smallest errors among the known */
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (cs[i].acc.known && cs[i].acc.ulp >= 0 &&
			    (best == n || cs[i].acc.ulp < cs[best].acc.ulp))
				best = i;
		if (best == n)
			break;
		a.rows[a.n++] = shown_of(&cs[best]);
		cs[best].acc.known = 0;
	}
	print_answer(c, prec, &a);
	free(cs);
	return !a.met;
}

int sb_cmd_pick(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "pick");
	sb_cli_parse(&c, argc, argv,
		     OPTBIT(OPT_MAX_ULP) | OPTBIT(OPT_MAX_ABS) | OPTBIT(OPT_DOMAIN) | OPTBIT(OPT_PRECISION) |
		     OPTBIT(OPT_ISA) | OPTBIT(OPT_SIZE) | OPTBIT(OPT_RESULTS) | OPTBIT(OPT_VARIANTS) |
		     OPTBIT(OPT_THREADS) | OPTBIT(OPT_SAMPLES) | OPTBIT(OPT_QUIET) | OPTBIT(OPT_HELP) |
		     OPTBIT(OPT_EXHAUSTIVE) | OPTBIT(OPT_RECORDED) | OPTBIT(OPT_KIND) | OPTBIT(OPT_JSON) |
		     OPTBIT(OPT_FUNCTION),
		     "usage: sigbench pick --max-ulp X [--max-abs Y] [--domain LO:HI] [--precision f32|f64]\n"
		     "                     [--isa ISA] [--kind generated|peer] [--size N] [--results DIR]\n"
		     "                     [--exhaustive | --recorded] [--function NAME] [--json]\n"
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
	if (c.recorded && c.exhaustive)
		sb_fail("pick: --recorded judges the recorded results, --exhaustive measures: not both");
	static const char *const isas[] = { "scalar", "sse2", "sse41", "avx2", "avx512", "auto" };
	int known_isa = !c.isa;
	for (size_t i = 0; i < sizeof isas / sizeof isas[0]; i++)
		known_isa |= c.isa && strcmp(c.isa, isas[i]) == 0;
	if (!known_isa)
		sb_fail("pick: unknown ISA '%s' (scalar, sse2, sse41, avx2, avx512, auto)", c.isa);
	if (c.kind && strcmp(c.kind, "generated") != 0 && strcmp(c.kind, "peer") != 0)
		sb_fail("pick: --kind '%s' is neither 'generated' nor 'peer'", c.kind);
	const char *dir = c.results ? c.results : "results"; /* the current directory's */
	return c.recorded ? pick_recorded(&c, prec, dir) : pick_measuring(&c, prec, dir);
}
