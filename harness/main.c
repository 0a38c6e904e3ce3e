/* sigbench: measure sigmoid variants against an MPFR reference.
 * Commands are listed in `usage` below; README documents them. */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"
#include "plot.h"
#include "results.h"
#include "util.h"

static const char usage[] =
	"usage: sigbench COMMAND [OPTIONS]   (sigbench COMMAND --help for its options)\n"
	"\n"
	"commands:\n"
	"  list         list the variants, their ISA, and whether this CPU runs them\n"
	"  accuracy     error against MPFR: f32 over all 2^32 inputs, f64 sampled\n"
	"  speed        throughput in ns/element, median of interleaved repetitions\n"
	"  run          accuracy + speed, writing the tables into results/ (the default job)\n"
	"  check        measure the variants of a limits file; exit 1 if any exceeds its limit\n"
	"  pick         the fastest variant meeting an error budget on a domain\n"
	"  hash         a fingerprint of each variant's outputs on a fixed input set\n"
	"  export       a variant as a standalone header-only C file\n"
	"  measure      your own implementation, measured like the built-ins\n"
	"  breakpoints  the interval edges derived from the reference\n";

/* The variants the default job draws in its error plots: one of each kind,
 * and the peers. */
#define SB_DEFAULT_PLOT                                                          \
	"f32-exact-scalar,f32-tanh-scalar,f32-stable-dbl-scalar,f32-pade-7-6-scalar,"  \
	"f32-minimax-rat9-10-r18-clamp-scalar,f32-lut4096-r8-linear-sat-scalar,"       \
	"f32-rr2-p5-div-honest-avx512,f32-rr1-lut16-p3-dd-x4-avx512,"                  \
	"f32-cr-lut16-p4-dbl-avx512,f32-xnnpack-auto,f32-sleef-u10-avx512,"            \
	"f32-eigen-avx512,f32-onednn-auto"

#define SELECT_OPTS (OPTBIT(OPT_VARIANTS) | OPTBIT(OPT_PRECISION) | OPTBIT(OPT_HELP))
#define SWEEP_OPTS (OPTBIT(OPT_SAMPLES) | OPTBIT(OPT_SEED) | OPTBIT(OPT_THREADS) | \
		    OPTBIT(OPT_DOMAIN) | OPTBIT(OPT_STRIDE) | OPTBIT(OPT_QUIET))
#define SPEED_OPTS (OPTBIT(OPT_RANGE) | OPTBIT(OPT_SIZES) | OPTBIT(OPT_REPS) | \
		    OPTBIT(OPT_SEED) | OPTBIT(OPT_QUIET))
#define OUT_OPTS (OPTBIT(OPT_OUT) | OPTBIT(OPT_JSON))

void sb_cli_init(struct sb_cli *c, const char *command)
{
	memset(c, 0, sizeof *c);
	c->command = command;
	c->prec_mask = (1 << SB_F32) | (1 << SB_F64);
	c->max_ulp = c->max_abs = NAN;
	c->size = 4096;
	sb_sweep_opts_default(&c->sweep);
	sb_speed_opts_default(&c->speed);
}

static int cmd_list(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "list");
	sb_cli_parse(&c, argc, argv, SELECT_OPTS | OPTBIT(OPT_JSON),
		     "usage: sigbench list [OPTIONS]\nList the registry: name, family, parameters, "
		     "ISA, whether this CPU runs it, and what it is.");
	if (c.json)
		printf("[");
	int first = 1;
	for (int p = SB_F32; p <= SB_F64; p++) {
		const struct sb_variant **run, **skip;
		size_t nrun, nskip;
		sb_select(&c, (enum sb_prec)p, &run, &nrun, &skip, &nskip);
		for (size_t i = 0; i < sb_nvariants; i++) {
			const struct sb_variant *v = &sb_variants[i];
			int runs = 0, listed = 0;
			for (size_t k = 0; k < nrun; k++)
				listed |= runs |= run[k] == v;
			for (size_t k = 0; k < nskip; k++)
				listed |= skip[k] == v;
			if (!listed)
				continue;
			if (c.json)
				printf("%s\n {\"name\": \"%s\", \"family\": \"%s\", \"params\": \"%s\", "
				       "\"precision\": \"%s\", \"isa\": \"%s\", \"runs_here\": %s, "
				       "\"summary\": \"%s\"}", first ? "" : ",", v->name, v->family,
				       v->params, p == SB_F32 ? "f32" : "f64", v->isa,
				       runs ? "true" : "false", v->summary);
			else
				printf("%-34s %-7s %-4s %-12s %s\n", v->name, v->isa,
				       runs ? "yes" : "SKIP", v->family, v->summary);
			first = 0;
		}
		free(run);
		free(skip);
	}
	if (c.json)
		printf("\n]\n");
	return 0;
}

/* Speed needs its baseline: f32-exact-scalar joins every speed run. */
static void add_baseline(const struct sb_variant ***vs, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*vs)[i]->name, "f32-exact-scalar") == 0)
			return;
	const struct sb_variant *base = sb_find_variant("f32-exact-scalar");
	if (!base)
		sb_die("registry lacks the baseline f32-exact-scalar");
	const struct sb_variant **grown = sb_xcalloc(*n + 1, sizeof *grown);
	grown[0] = base;
	memcpy(grown + 1, *vs, *n * sizeof *grown);
	free(*vs);
	*vs = grown;
	(*n)++;
}

static void measure(struct sb_cli *c, int do_acc, int do_speed, struct sb_results *r)
{
	memset(r, 0, sizeof *r);
	snprintf(r->command, sizeof r->command, "%s", c->cmdline);
	r->sweep = c->sweep;
	r->speed_opts = c->speed;
	const struct sb_variant **run[2], **skip[2];
	size_t nrun[2], nskip[2];
	for (int p = 0; p < 2; p++)
		sb_select(c, (enum sb_prec)p, &run[p], &nrun[p], &skip[p], &nskip[p]);
	if (nrun[0] + nrun[1] + nskip[0] + nskip[1] == 0)
		sb_fail("no variant selected (check --variants and --precision)");
	r->skipped = sb_xcalloc(nskip[0] + nskip[1] + 1, sizeof *r->skipped);
	for (int p = 0; p < 2; p++)
		for (size_t i = 0; i < nskip[p]; i++)
			r->skipped[r->nskipped++] = skip[p][i];
	if (do_acc)
		for (int p = 0; p < 2; p++) {
			if (!nrun[p])
				continue;
			r->acc[p] = sb_xcalloc(nrun[p], sizeof *r->acc[p]);
			r->nacc[p] = nrun[p];
			double t0 = sb_now();
			if (p == SB_F32)
				sb_sweep_f32(run[p], nrun[p], &c->sweep, r->acc[p]);
			else
				sb_sweep_f64(run[p], nrun[p], &c->sweep, r->acc[p]);
			r->acc_seconds[p] = sb_now() - t0;
		}
	r->ref_fallbacks = sb_ref_fallbacks();
	sb_context_get(&r->ctx);
	if (do_speed) {
		size_t n = nrun[0] + nrun[1];
		const struct sb_variant **all = sb_xcalloc(n + 1, sizeof *all);
		memcpy(all, run[0], nrun[0] * sizeof *all);
		memcpy(all + nrun[0], run[1], nrun[1] * sizeof *all);
		add_baseline(&all, &n);
		r->speed = sb_xcalloc(n * (size_t)c->speed.nsizes, sizeof *r->speed);
		r->nspeed = n;
		sb_speed_run(all, n, &c->speed, r->speed, &r->ctx.tsc_ghz);
		r->have_speed = 1;
		free(all);
	}
	for (int p = 0; p < 2; p++) {
		free(run[p]);
		free(skip[p]);
	}
}

static int cmd_measure(int argc, char **argv, const char *name, int acc, int speed)
{
	static const char u_acc[] =
		"usage: sigbench accuracy [OPTIONS]\nError of each variant against the MPFR "
		"reference: f32 over all 2^32 inputs (or --domain/--stride), f64 on seeded samples.";
	static const char u_speed[] =
		"usage: sigbench speed [OPTIONS]\nThroughput of each variant, one thread; "
		"f32-exact-scalar always joins as the baseline.";
	static const char u_run[] =
		"usage: sigbench run [OPTIONS]\nThe default job: accuracy and speed of every "
		"variant, tables written to --out (default results/).";
	struct sb_cli c;
	sb_cli_init(&c, name);
	unsigned accepted = SELECT_OPTS | OUT_OPTS | (acc ? SWEEP_OPTS | OPTBIT(OPT_PLOT) : 0) |
			    (speed ? SPEED_OPTS : 0);
	sb_cli_parse(&c, argc, argv, accepted, acc && speed ? u_run : acc ? u_acc : u_speed);
	if (acc && speed && !c.out)
		c.out = "results";
	c.sweep.plot = c.plot ? c.plot : acc && speed ? SB_DEFAULT_PLOT : NULL;
	if (c.out)
		sb_outdir_prepare(c.out); /* fail now, not after the measurement */
	struct sb_results r;
	measure(&c, acc, speed, &r);
	if (c.out)
		sb_write_result_files(c.out, &r, acc, speed);
	if (c.json)
		sb_write_json(stdout, &r);
	else
		sb_print_text(stdout, &r);
	if (c.out && !c.quiet)
		fprintf(stderr, "sigbench: wrote %s/{summary.md,results.json%s%s%s}\n", c.out,
			acc ? ",accuracy.csv" : "", speed ? ",throughput.csv" : "",
			acc && speed ? ",index.html,hashes.txt,*.svg" : "");
	sb_results_free(&r);
	return 0;
}

static int cmd_breakpoints(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "breakpoints");
	sb_cli_parse(&c, argc, argv, OPTBIT(OPT_HELP),
		     "usage: sigbench breakpoints\nThe interval edges, derived from the MPFR "
		     "reference by bisection over each format's ordered values.");
	for (int p = 0; p < 2; p++) {
		const struct sb_breakpoints *bp = sb_breakpoints(p == 0 ? SB_FMT_F32 : SB_FMT_F64);
		printf("%s\n", p == 0 ? "f32" : "f64");
		for (int iv = 0; iv < SB_IV_COUNT; iv++) {
			double lo = sb_interval_lo(bp, iv), hi = sb_interval_hi(bp, iv);
			printf("  %-10s [%-22s %22s]  [%.12g, %.12g]  %s\n", sb_interval_name(iv),
			       sb_fmt_hex(lo, (enum sb_prec)p), sb_fmt_hex(hi, (enum sb_prec)p), lo, hi,
			       sb_interval_meaning(iv));
		}
	}
	return 0;
}

/* oneDNN's OpenMP runtime spins its idle workers by default, stealing a core
 * from whatever is timed next; sigbench runs with OMP_WAIT_POLICY=passive
 * (re-executing itself once to set it before libgomp reads it) unless the
 * user chose a policy. */
static void passive_openmp(char **argv)
{
	if (getenv("OMP_WAIT_POLICY"))
		return;
	setenv("OMP_WAIT_POLICY", "passive", 1);
	execv("/proc/self/exe", argv);
	/* not fatal: timings are noisier, nothing else changes */
}

int main(int argc, char **argv)
{
	passive_openmp(argv);
	atexit(sb_ref_release_thread);
	if (argc < 2)
		sb_fail("no command given (sigbench --help lists them)");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "list") == 0)
		return cmd_list(argc, argv);
	if (strcmp(cmd, "accuracy") == 0)
		return cmd_measure(argc, argv, cmd, 1, 0);
	if (strcmp(cmd, "speed") == 0)
		return cmd_measure(argc, argv, cmd, 0, 1);
	if (strcmp(cmd, "run") == 0)
		return cmd_measure(argc, argv, cmd, 1, 1);
	if (strcmp(cmd, "check") == 0)
		return sb_cmd_check(argc, argv);
	if (strcmp(cmd, "breakpoints") == 0)
		return cmd_breakpoints(argc, argv);
	if (strcmp(cmd, "pick") == 0)
		return sb_cmd_pick(argc, argv);
	if (strcmp(cmd, "hash") == 0)
		return sb_cmd_hash(argc, argv);
	if (strcmp(cmd, "export") == 0)
		return sb_cmd_export(argc, argv);
	if (strcmp(cmd, "measure") == 0)
		return sb_cmd_measure(argc, argv);
	sb_fail("unknown command '%s' (sigbench --help lists them)", cmd);
}
