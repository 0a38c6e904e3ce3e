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
#include "engine/context.h"
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

static struct measured *find_measured(struct measured *m, size_t n, const struct sb_limit *l)
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

/* One sweep per (precision, domain), over every runnable variant limited there. */
static struct measured *measure_limits(const struct sb_cli *c, const struct sb_limit *lim,
				       size_t nl, size_t *nm)
{
	struct measured *m = sb_xcalloc(nl, sizeof *m);
	*nm = 0;
	for (size_t i = 0; i < nl; i++)
		if (!find_measured(m, *nm, &lim[i]) && sb_variant_usable(lim[i].v))
			m[(*nm)++] = (struct measured){ .v = lim[i].v, .lo = lim[i].lo, .hi = lim[i].hi };
	char *done = sb_xcalloc(*nm, 1);
	const struct sb_variant **vs = sb_xcalloc(*nm, sizeof *vs);
	size_t *idx = sb_xcalloc(*nm, sizeof *idx);
	struct sb_accuracy *acc = sb_xcalloc(*nm, sizeof *acc);
	for (size_t i = 0; i < *nm; i++) {
		if (done[i])
			continue;
		size_t n = 0;
		for (size_t k = i; k < *nm; k++)
			if (!done[k] && m[k].v->prec == m[i].v->prec && m[k].lo == m[i].lo && m[k].hi == m[i].hi) {
				idx[n] = k;
				vs[n++] = m[k].v;
				done[k] = 1;
			}
		struct sb_sweep_opts o = c->sweep;
		o.lo = m[i].lo;
		o.hi = m[i].hi;
		sb_sweep_or_fail(m[i].v->prec, vs, n, &o, acc);
		for (size_t k = 0; k < n; k++) {
			m[idx[k]].s = acc[k].all;
			m[idx[k]].exhaustive = sb_accuracy_is_exhaustive(&acc[k]);
		}
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

int sb_cmd_check(int argc, char **argv)
{
	char buf[160];
	struct sb_cli c;
	sb_cli_init(&c, "check");
	sb_cli_parse(&c, argc, argv,
		     OPTBIT(OPT_LIMITS) | OPTBIT(OPT_STRICT) | OPTBIT(OPT_FROM) | OPTBIT(OPT_HELP) |
		     OPTBIT(OPT_SAMPLES) | OPTBIT(OPT_SEED) | OPTBIT(OPT_THREADS) | OPTBIT(OPT_STRIDE) |
		     OPTBIT(OPT_QUIET) | OPTBIT(OPT_IMPL) | OPTBIT(OPT_BATCH) | OPTBIT(OPT_TIMEOUT) | OPTBIT(OPT_ACCEPT_SAMPLED) |
		     OPTBIT(OPT_PRECISION),
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
	struct measured *extra = measure_limits(&c, missing, nmiss, &nx);
	sb_byo_verdict(user);
	int fails = 0, skips = 0, sampled = 0;
	for (size_t i = 0; i < nl; i++) {
		const struct measured *r = find_measured(m, nm, &lim[i]);
		if (!r)
			r = find_measured(extra, nx, &lim[i]);
		if (r) {
			fails += judge(&lim[i], r, c.strict);
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
		       sampled, c.from ? "rows of the CSV" : sample_text(&c, buf, sizeof buf));
	printf("\n");
	free(lim);
	free(m);
	free(missing);
	free(extra);
	return fails ? 1 : 0;
}
