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
#include "files/textread.h"
#include "base/util.h"

/* The statistics of one (variant, domain), measured or read back. */
struct measured {
	const struct sb_variant *v;
	double lo, hi;
	struct sb_errstats s;
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
		for (size_t k = 0; k < n; k++)
			m[idx[k]].s = acc[k].all;
	}
	free(done);
	free(vs);
	free(idx);
	free(acc);
	return m;
}

/* ---- reading accuracy.csv ---- */

static double num(const char *path, int line, const char *s)
{
	char *end;
	if (strcmp(s, "-") == 0)
		return -1;
	double v = strtod(s, &end);
	if (end == s || *end)
		sb_fail("%s:%d: '%s' is not a number", path, line, s);
	return v;
}

enum { C_VARIANT, C_INTERVAL, C_LO, C_HI, C_ULP, C_X, C_GOT, C_WANT, C_ABS, C_ABSX, C_REL, C_RELX,
       C_MONO, C_NAN, C_OOB, C_INPUTS, C_SWEEP, NC };
static const char *const cnames[NC] = {
	"variant", "interval", "x_lo", "x_hi", "max_ulp", "worst_x", "worst_got", "worst_want",
	"max_abs", "max_abs_x", "max_rel", "max_rel_x", "mono_breaks", "nan_out", "out_of_range", "inputs",
	"sweep",
};

static void row_to_stats(const char *path, int line, char **col, const int *ci, struct measured *m)
{
	struct sb_errstats *s = &m->s;
	sb_errstats_init(s);
	m->lo = num(path, line, col[ci[C_LO]]);
	m->hi = num(path, line, col[ci[C_HI]]);
	s->n = (uint64_t)num(path, line, col[ci[C_INPUTS]]);
	s->ulp = (struct sb_worst){ num(path, line, col[ci[C_ULP]]), num(path, line, col[ci[C_X]]),
				    num(path, line, col[ci[C_GOT]]), num(path, line, col[ci[C_WANT]]) };
	s->abs = (struct sb_worst){ num(path, line, col[ci[C_ABS]]), num(path, line, col[ci[C_ABSX]]), 0, 0 };
	s->rel = (struct sb_worst){ num(path, line, col[ci[C_REL]]), num(path, line, col[ci[C_RELX]]), 0, 0 };
	s->mono = (uint64_t)num(path, line, col[ci[C_MONO]]);
	s->nan_out = (uint64_t)num(path, line, col[ci[C_NAN]]);
	s->oob = (uint64_t)num(path, line, col[ci[C_OOB]]);
}

/* The "all" and "domain" rows of every variant in an accuracy.csv.  strict:
 * float32 rows must come from an exhaustive sweep (as --strict needs --stride 1). */
static struct measured *read_measured(const char *path, size_t *nm, int strict)
{
	FILE *f = fopen(path, "r");
	if (!f)
		sb_fail("cannot read '%s': %s", path, strerror(errno));
	char line[4096], hline[4096];
	char *hdr[SB_CSV_MAXCOL], *col[SB_CSV_MAXCOL];
	if (!fgets(hline, sizeof hline, f))
		sb_fail("%s: empty file", path);
	int nh = sb_csv_split(hline, hdr), ci[NC];
	for (int k = 0; k < NC; k++)
		if (nh < 0 || (ci[k] = sb_csv_column(hdr, nh, cnames[k])) < 0)
			sb_fail("%s:1: not an accuracy.csv (no column '%s')", path, cnames[k]);
	size_t cap = 256;
	struct measured *m = sb_xcalloc(cap, sizeof *m);
	*nm = 0;
	for (int lineno = 2; fgets(line, sizeof line, f); lineno++) {
		int n = sb_csv_split(line, col);
		if (n != nh)
			sb_fail("%s:%d: %d fields, the header has %d", path, lineno, n, nh);
		const char *iv = col[ci[C_INTERVAL]];
		if (strcmp(iv, "all") != 0 && strcmp(iv, "domain") != 0)
			continue;
		const struct sb_variant *v = sb_find_variant(col[ci[C_VARIANT]]);
		if (!v)
			continue; /* measured by another build: not ours to judge */
		if (strict && v->prec == SB_F32 && strncmp(col[ci[C_SWEEP]], "exhaustive", 10) != 0)
			sb_fail("%s:%d: --strict needs the true maximum, but %s was measured by '%s'", path,
				lineno, v->name, col[ci[C_SWEEP]]);
		if (*nm == cap) {
			cap *= 2;
			m = realloc(m, cap * sizeof *m);
			if (!m)
				sb_die("out of memory");
		}
		m[*nm].v = v;
		row_to_stats(path, lineno, col, ci, &m[*nm]);
		(*nm)++;
	}
	fclose(f);
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
static int judge(const struct sb_limit *l, const struct sb_errstats *s, int strict)
{
	char dom[96];
	print_domain(dom, sizeof dom, l->lo, l->hi);
	double got = sb_metric_value(l->metric, s);
	const char *verdict = got <= l->bound ? "PASS" : "FAIL";
	if (got <= l->bound && strict && sb_limit_is_loose(l->metric, l->bound, got))
		verdict = "LOOSE";
	printf("%s %s %s %s bound=%g measured=%.6g", verdict, l->v->name, sb_metric_name(l->metric),
	       dom, l->bound, got);
	const struct sb_worst *w = metric_worst(l->metric, s);
	if (w && w->err >= 0 && l->metric == SB_M_ULP)
		printf(" x=%s got=%s want=%s", sb_fmt_hex(w->x, l->v->prec).s, sb_fmt_hex(w->got, l->v->prec).s,
		       sb_fmt_hex(w->want, l->v->prec).s);
	else if (w && w->err >= 0)
		printf(" x=%s", sb_fmt_hex(w->x, l->v->prec).s);
	printf("\n");
	return verdict[0] != 'P';
}

int sb_cmd_check(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "check");
	sb_cli_parse(&c, argc, argv,
		     OPTBIT(OPT_LIMITS) | OPTBIT(OPT_STRICT) | OPTBIT(OPT_FROM) | OPTBIT(OPT_HELP) |
		     OPTBIT(OPT_SAMPLES) | OPTBIT(OPT_SEED) | OPTBIT(OPT_THREADS) | OPTBIT(OPT_STRIDE) |
		     OPTBIT(OPT_QUIET) | OPTBIT(OPT_DOMAIN) | OPTBIT(OPT_IMPL) | OPTBIT(OPT_BATCH) |
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
	if (c.sweep.lo != -INFINITY || c.sweep.hi != INFINITY)
		sb_fail("check takes domains from the limits file, not --domain");
	sb_byo_load_cli(&c); /* before the limits file, which may name it */
	size_t nl, nm = 0, nx = 0, nmiss = 0;
	struct sb_error e;
	struct sb_limit *lim = sb_limits_read(c.limits, &nl, &e);
	if (!lim)
		sb_fail("%s", e.msg);
	struct measured *m = c.from ? read_measured(c.from, &nm, c.strict) : NULL;
	/* what the file does not record (other domains) is measured now */
	struct sb_limit *missing = sb_xcalloc(nl, sizeof *missing);
	for (size_t i = 0; i < nl; i++)
		if (!find_measured(m, nm, &lim[i]))
			missing[nmiss++] = lim[i];
	struct measured *extra = measure_limits(&c, missing, nmiss, &nx);
	int fails = 0, skips = 0;
	for (size_t i = 0; i < nl; i++) {
		const struct measured *r = find_measured(m, nm, &lim[i]);
		if (!r)
			r = find_measured(extra, nx, &lim[i]);
		if (r) {
			fails += judge(&lim[i], &r->s, c.strict);
		} else {
			printf("SKIP %s %s bound=%g (this CPU lacks %s, or the library failed to start)\n",
			       lim[i].v->name, sb_metric_name(lim[i].metric), lim[i].bound,
			       *lim[i].v->features ? lim[i].v->features : "nothing");
			skips++;
		}
	}
	printf("# %zu limits: %zu pass, %d fail, %d skipped\n", nl, nl - (size_t)fails - (size_t)skips,
	       fails, skips);
	free(lim);
	free(m);
	free(missing);
	free(extra);
	return fails ? 1 : 0;
}
