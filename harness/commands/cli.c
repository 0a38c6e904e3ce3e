#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/cli.h"
#include "commands/hardcases.h"
#include "engine/byo.h"
#include "engine/guard.h"
#include "report/progress_text.h"
#include "engine/context.h"
#include "base/util.h"

static const struct {
	const char *name;
	const char *arg; /* NULL: a flag without value */
	const char *help;
} opts[OPT_COUNT] = {
	[OPT_VARIANTS] = { "--variants", "GLOB[,GLOB]", "select variants by name (default: all)" },
	[OPT_PRECISION] = { "--precision", "f32|f64|all", "select by precision (default: all)" },
	[OPT_SAMPLES] = { "--samples", "N", "f64: samples per random distribution (default 1e6)" },
	[OPT_SEED] = { "--seed", "N", "seed for f64 samples and speed inputs (default 1)" },
	[OPT_THREADS] = { "--threads", "N", "accuracy sweep threads (default: all CPUs)" },
	[OPT_OUT] = { "--out", "DIR", "write result files into DIR" },
	[OPT_JSON] = { "--json", NULL, "print JSON on stdout instead of text" },
	[OPT_DOMAIN] = { "--domain", "LO:HI", "accuracy: only inputs in [LO, HI] (default: all)" },
	[OPT_RANGE] = { "--range", "LO:HI", "speed: inputs uniform in [LO, HI] (default -10:10)" },
	[OPT_SIZES] = { "--sizes", "N[,N]", "speed: elements per call (default 4096,65536,16777216)" },
	[OPT_REPS] = { "--reps", "N", "speed: timed repetitions, >= 3 (default 11)" },
	[OPT_STRIDE] = { "--stride", "N", "f32 accuracy: every N-th float only (default 1: all)" },
	[OPT_QUIET] = { "--quiet", NULL, "no progress on stderr" },
	[OPT_LIMITS] = { "--limits", "FILE", "limits file (README \"Accuracy limits\")" },
	[OPT_STRICT] = { "--strict", NULL, "check: also fail limits far looser than measured" },
	[OPT_FROM] = { "--from", "CSV", "check: judge an accuracy.csv instead of measuring" },
	[OPT_MAX_ULP] = { "--max-ulp", "X", "pick: largest acceptable error in ULP" },
	[OPT_MAX_ABS] = { "--max-abs", "X", "pick: largest acceptable absolute error" },
	[OPT_ISA] = { "--isa", "ISA", "pick: only variants for this ISA (scalar, sse41, avx2, avx512, ...)" },
	[OPT_SIZE] = { "--size", "N", "pick: elements per call that matter (default 4096)" },
	[OPT_OUTPUT] = { "--output", "FILE", "export: write here (also -o FILE)" },
	[OPT_IMPL] = { "--impl", "PATH:SYMBOL", "your implementation: a C file or a shared library (.so), and its function" },
	[OPT_BATCH] = { "--batch", NULL, "--impl SYMBOL is void f(const T *x, T *y, size_t n)" },
	[OPT_RESULTS] = { "--results", "DIR", "recent results to use (default: ./results)" },
	[OPT_PLOT] = { "--plot", "GLOB[,GLOB]", "run: variants drawn in the error plots" },
	[OPT_ACCEPT_SAMPLED] = { "--accept-sampled", NULL, "check --from: judge f32 rows measured on a sample (lower bounds)" },
	[OPT_EXHAUSTIVE] = { "--exhaustive", NULL, "pick: measure every candidate now, ignore recorded accuracy" },
	[OPT_RECORDED] = { "--recorded", NULL, "pick: the answer of --results alone, measuring nothing" },
	[OPT_KIND] = { "--kind", "generated|peer", "pick: only generated variants, or only peers" },
	[OPT_TIMEOUT] = { "--timeout", "S", "--impl: end the run if one call of it takes longer (default 60)" },
	[OPT_JUNIT] = { "--junit", "FILE", "check: also write the verdicts as JUnit XML to FILE" },
	[OPT_SHARD] = { "--shard", "I/N", "measure only shard I of N and write it as DIR/part-I-of-N.sbpart (--out, default .)" },
	[OPT_SHARDS] = { "--shards", "N", "--resume: split the run into N shards (default 16)" },
	[OPT_RESUME] = { "--resume", "DIR", "keep each finished shard in DIR; measure only those missing there" },
	[OPT_WALK_FROM] = { "--walk-from", "CSV", "f64: also walk around every worst input of this accuracy.csv" },
	[OPT_WALK_ULPS] = { "--walk-ulps", "N", "f64: doubles walked each side of breakpoints and --walk-from inputs (default 256)" },
	[OPT_FUNCTION] = { "--function", "NAME", "sigmoid (default), dsigmoid, d2sigmoid, logsigmoid, silu or dsilu" },
	[OPT_HELP] = { "--help", NULL, "this help" },
};

void sb_cli_init(struct sb_cli *c, const char *command)
{
	memset(c, 0, sizeof *c);
	c->command = command;
	c->prec_mask = (1 << SB_F32) | (1 << SB_F64);
	c->max_ulp = c->max_abs = NAN;
	c->size = 4096;
	c->timeout = SB_GUARD_TIMEOUT_S;
	sb_sweep_opts_default(&c->sweep);
	sb_speed_opts_default(&c->speed);
	c->sweep.progress = c->speed.progress = sb_progress_stderr;
}

static void print_help(const char *usage, sb_optmask accepted)
{
	printf("%s\n\noptions:\n", usage);
	for (int o = 0; o < OPT_COUNT; o++)
		if (accepted & OPTBIT(o)) {
			char left[64];
			snprintf(left, sizeof left, "%s%s%s", opts[o].name, opts[o].arg ? " " : "",
				 opts[o].arg ? opts[o].arg : "");
			printf("  %-26s %s\n", left, opts[o].help);
		}
	exit(0);
}

static void parse_sizes(struct sb_speed_opts *s, const char *text)
{
	char buf[256];
	if (snprintf(buf, sizeof buf, "%s", text) >= (int)sizeof buf)
		sb_fail("--sizes: '%s' is too long", text);
	s->nsizes = 0;
	char *save;
	for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (s->nsizes == SB_MAX_SIZES)
			sb_fail("--sizes: at most %d sizes", SB_MAX_SIZES);
		s->sizes[s->nsizes++] = (size_t)sb_parse_count("--sizes", tok, 1, 1u << 28);
	}
	if (s->nsizes == 0)
		sb_fail("--sizes: '%s' names no size", text);
}

static int parse_precision(const char *s)
{
	if (strcmp(s, "f32") == 0)
		return 1 << SB_F32;
	if (strcmp(s, "f64") == 0)
		return 1 << SB_F64;
	if (strcmp(s, "all") == 0)
		return (1 << SB_F32) | (1 << SB_F64);
	sb_fail("--precision: '%s' is not f32, f64 or all", s);
}

static double parse_nonnegative(const char *what, const char *v)
{
	double d = sb_parse_double(what, v);
	if (!(d >= 0) || isinf(d))
		sb_fail("%s: '%s' must be a finite number >= 0", what, v);
	return d;
}

static void apply(struct sb_cli *c, int o, const char *v)
{
	switch (o) {
	case OPT_VARIANTS: c->variants = v; break;
	case OPT_FUNCTION:
		c->function = sb_func_parse(v);
		if (c->function < 0)
			sb_fail("--function: '%s' is not one of %s", v, sb_func_list());
		break;
	case OPT_PRECISION:
		c->prec_mask = parse_precision(v);
		c->prec_given = 1;
		break;
	case OPT_SAMPLES: c->sweep.samples = sb_parse_count("--samples", v, 1, 1000000000000ull); break;
	case OPT_SEED: c->sweep.seed = c->speed.seed = sb_parse_count("--seed", v, 0, ~0ull); break;
	case OPT_THREADS: c->sweep.threads = (int)sb_parse_count("--threads", v, 1, 256); break;
	case OPT_OUT: c->out = v; break;
	case OPT_JSON: c->json = 1; break;
	case OPT_DOMAIN: sb_parse_range("--domain", v, &c->sweep.lo, &c->sweep.hi); break;
	case OPT_RANGE:
		sb_parse_range("--range", v, &c->speed.lo, &c->speed.hi);
		if (isinf(c->speed.lo) || isinf(c->speed.hi))
			sb_fail("--range: '%s' must be finite", v);
		break;
	case OPT_SIZES: parse_sizes(&c->speed, v); break;
	case OPT_REPS: c->speed.reps = (int)sb_parse_count("--reps", v, 3, 1001); break;
	case OPT_STRIDE: c->sweep.stride = sb_parse_count("--stride", v, 1, 1u << 30); break;
	case OPT_QUIET: c->quiet = 1; break;
	case OPT_LIMITS: c->limits = v; break;
	case OPT_STRICT: c->strict = 1; break;
	case OPT_FROM: c->from = v; break;
	case OPT_JUNIT: c->junit = v; break;
	case OPT_MAX_ULP: c->max_ulp = parse_nonnegative("--max-ulp", v); break;
	case OPT_MAX_ABS: c->max_abs = parse_nonnegative("--max-abs", v); break;
	case OPT_ISA: c->isa = v; break;
	case OPT_SIZE: c->size = (size_t)sb_parse_count("--size", v, 1, 1u << 28); break;
	case OPT_OUTPUT: c->output = v; break;
	case OPT_IMPL: c->impl = v; break;
	case OPT_BATCH: c->batch = 1; break;
	case OPT_RESULTS: c->results = v; break;
	case OPT_PLOT: c->plot = v; break;
	case OPT_ACCEPT_SAMPLED: c->accept_sampled = 1; break;
	case OPT_EXHAUSTIVE: c->exhaustive = 1; break;
	case OPT_RECORDED: c->recorded = 1; break;
	case OPT_KIND: c->kind = v; break;
	case OPT_TIMEOUT: c->timeout = parse_nonnegative("--timeout", v); break;
	case OPT_SHARD: c->shard = v; break;
	case OPT_SHARDS: c->shards = v; break;
	case OPT_RESUME: c->resume = v; break;
	case OPT_WALK_FROM: c->walk_from = v; break;
	case OPT_WALK_ULPS: c->sweep.walk_ulps = sb_parse_count("--walk-ulps", v, 0, 1000000000); break;
	default: break;
	}
}

/* A word as the shell reads it back: as it is when it holds nothing the
 * shell would act on, else in single quotes (a quote inside as '\''). */
static size_t shell_word(char *out, size_t size, const char *w)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
				   "_-+./:=,@%^";
	size_t n = 0;
	if (*w && strspn(w, safe) == strlen(w))
		return (size_t)snprintf(out, size, "%s", w);
	n += (size_t)snprintf(out + n, size - n, "'");
	for (const char *p = w; *p && n < size; p++)
		n += (size_t)snprintf(out + n, size - n, *p == '\'' ? "'\\''" : "%c", *p);
	if (n < size)
		n += (size_t)snprintf(out + n, size - n, "'");
	return n;
}

/* The command line as recorded in the result files ("reproduce with"):
 * pasted into a shell, it runs the same measurement. */
static void record_command(struct sb_cli *c, int argc, char **argv)
{
	size_t used = (size_t)snprintf(c->cmdline, sizeof c->cmdline, "sigbench");
	for (int i = 1; i < argc; i++) {
		if (used + 2 >= sizeof c->cmdline)
			sb_fail("command line too long to record (over %zu characters)", sizeof c->cmdline);
		c->cmdline[used++] = ' ';
		used += shell_word(c->cmdline + used, sizeof c->cmdline - used, argv[i]);
	}
	if (used >= sizeof c->cmdline)
		sb_fail("command line too long to record (over %zu characters)", sizeof c->cmdline);
}

/* Options of one precision's sweep given for a run of only the other: said,
 * not silently ignored. */
static void warn_unused(const struct sb_cli *c)
{
	int f32 = c->prec_mask & (1 << SB_F32), f64 = c->prec_mask & (1 << SB_F64);
	if (!c->prec_mask)
		return; /* the command decides the precision later */
	if ((c->given & OPTBIT(OPT_STRIDE)) && !f32)
		sb_warn("--stride applies to f32 sweeps only: ignored for f64, which is sampled (--samples)");
	if ((c->given & OPTBIT(OPT_SAMPLES)) && !f64)
		sb_warn("--samples applies to f64 sweeps only: ignored for f32 (--stride samples it)");
	if ((c->given & (OPTBIT(OPT_WALK_FROM) | OPTBIT(OPT_WALK_ULPS))) && !f64)
		sb_warn("--walk-from and --walk-ulps apply to f64 sweeps only: ignored for f32");
}

void sb_cli_parse(struct sb_cli *c, int argc, char **argv, sb_optmask accepted, const char *usage)
{
	record_command(c, argc, argv);
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		if (strcmp(a, "-h") == 0)
			a = "--help";
		else if (strcmp(a, "-o") == 0)
			a = "--output";
		const char *eq = strchr(a, '=');
		size_t len = eq ? (size_t)(eq - a) : strlen(a);
		int o = 0;
		while (o < OPT_COUNT && !(strlen(opts[o].name) == len && strncmp(opts[o].name, a, len) == 0))
			o++;
		if (o == OPT_COUNT || !(accepted & OPTBIT(o)))
			sb_fail("%s: unknown option '%.*s' (sigbench %s --help lists them)",
				c->command, (int)len, a, c->command);
		if (o == OPT_HELP)
			print_help(usage, accepted);
		if (opts[o].arg) {
			val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!val)
				sb_fail("%s needs a value (%s)", opts[o].name, opts[o].arg);
		} else if (eq) {
			sb_fail("%s takes no value", opts[o].name);
		}
		apply(c, o, val);
		c->given |= OPTBIT(o);
	}
	if (c->quiet)
		c->sweep.progress = c->speed.progress = NULL;
	if (c->walk_from)
		sb_hard_cases_load(c->walk_from, &c->sweep);
	warn_unused(c);
}

/* Keep the variants of function fn (-1: all) in vs[0..*n). */
static void keep_function(const struct sb_variant **vs, size_t *n, int fn)
{
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (fn < 0 || (int)vs[i]->function == fn)
			vs[k++] = vs[i];
	*n = k;
}

void sb_select(const struct sb_cli *c, enum sb_prec prec,
	       const struct sb_variant ***run, size_t *nrun,
	       const struct sb_variant ***skip, size_t *nskip)
{
	struct sb_error e;
	if (sb_registry_check_function("--variants", c->variants, c->function, &e))
		sb_fail("%s", e.msg);
	if (sb_registry_select(c->variants, prec, run, nrun, skip, nskip, &e))
		sb_fail("%s", e.msg);
	keep_function(*run, nrun, c->function);
	if (skip)
		keep_function(*skip, nskip, c->function);
	if (!(c->prec_mask & (1 << prec))) {
		*nrun = 0; /* the globs were still checked: a typo is an error */
		if (skip)
			*nskip = 0;
	}
}

/* The x range of each function's error plots: where its float32 values
 * are not yet 0 or x (sigbench breakpoints --function), with sigma's
 * [-110, 25] for those that reach 1 or x on the right. */
static const struct {
	double lo, hi;
} plot_range[SB_FN_COUNT] = {
	[SB_FN_SIGMOID] = { -110, 25 },
	[SB_FN_DSIGMOID] = { -110, 110 },
	[SB_FN_D2SIGMOID] = { -110, 110 },
	[SB_FN_LOGSIGMOID] = { -110, 110 },
	[SB_FN_SILU] = { -110, 25 },
	[SB_FN_DSILU] = { -110, 25 },
};

void sb_sweep_or_fail(enum sb_prec prec, const struct sb_variant *const *vs, size_t nv,
		      const struct sb_sweep_opts *o, struct sb_accuracy *out)
{
	struct sb_error e;
	/* one sweep per function: each has its own reference */
	const struct sb_variant **group = sb_xcalloc(nv + 1, sizeof *group);
	struct sb_accuracy *part = sb_xcalloc(nv + 1, sizeof *part);
	for (int fn = 0; fn < SB_FN_COUNT; fn++) {
		size_t k = 0;
		for (size_t i = 0; i < nv; i++)
			if ((int)vs[i]->function == fn)
				group[k++] = vs[i];
		if (!k)
			continue;
		struct sb_sweep_opts of = *o;
		of.function = (enum sb_func)fn;
		of.plot_lo = plot_range[fn].lo;
		of.plot_hi = plot_range[fn].hi;
		int rc = prec == SB_F32 ? sb_sweep_f32(group, k, &of, part, &e)
					: sb_sweep_f64(group, k, &of, part, &e);
		if (rc)
			sb_fail("%s", e.msg);
		for (size_t i = 0, j = 0; i < nv; i++)
			if ((int)vs[i]->function == fn)
				out[i] = part[j++];
	}
	free(group);
	free(part);
}

const struct sb_variant *sb_byo_load_cli(const struct sb_cli *c)
{
	int both = (1 << SB_F32) | (1 << SB_F64);
	if (!c->impl) {
		if (c->batch || c->prec_mask != both)
			sb_fail("%s: --batch and --precision describe --impl PATH:SYMBOL, which is missing",
				c->command);
		return NULL;
	}
	struct sb_error e;
	sb_guard_set_timeout(c->timeout);
	const struct sb_variant *v =
		sb_byo_load(c->impl, c->batch, c->prec_mask == (1 << SB_F64) ? SB_F64 : SB_F32, &e);
	if (!v)
		sb_fail("%s", e.msg);
	sb_byo_set_function((enum sb_func)c->function);
	if (sb_byo_load_warning())
		sb_warn("%s", sb_byo_load_warning());
	return v;
}

void sb_byo_verdict(const struct sb_variant *user)
{
	unsigned long n = user ? sb_guard_fp_changes() : 0;
	if (n)
		sb_fail("%s returned %lu time(s) with the floating-point environment changed (rounding "
			"mode, FTZ, DAZ or masks; restored after each call, so nothing else was affected): "
			"its figures depend on a mode it sets, so none is reported", user->name, n);
}
