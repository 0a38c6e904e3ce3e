/* sigbench accuracy, speed and run: measure the selected variants and
 * write the tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/outfile.h"
#include "base/util.h"
#include "commands/cli.h"
#include "commands/commands.h"
#include "commands/launch.h"
#include "commands/measure.h"
#include "report/results.h"

/* The variants the default job draws in its error plots: one of each kind,
 * and the peers; for each other function of the family its naive and
 * stable forms, its AVX-512 batch and its peers. */
#define SB_DEFAULT_PLOT                                                          \
	"f32-exact-scalar,f32-tanh-scalar,f32-stable-dbl-scalar,f32-pade-7-6-scalar,"  \
	"f32-minimax-rat9-10-r18-clamp-scalar,f32-lut4096-r8-linear-sat-scalar,"       \
	"f32-rr2-p5-div-honest-avx512,"                                                \
	"f32-rr1-lut16-p3-perm-scalef-ddiv-x4-avx512,"                                 \
	"f32-cr-lut32-p4-flt-x2-avx512,f32-xnnpack-auto,f32-sleef-u10-avx512,"         \
	"f32-eigen-avx512,f32-onednn-auto,"                                             \
	"f32-dsigmoid-s1ms-scalar,f32-dsigmoid-stable-scalar,"                         \
	"f32-dsigmoid-rr2-p7-div-honest-avx512,f32-dsigmoid-onednn-auto,"              \
	"f32-d2sigmoid-naive-scalar,f32-d2sigmoid-stable-scalar,"                      \
	"f32-d2sigmoid-rr2-p7-div-honest-avx512,"                                      \
	"f32-logsigmoid-logsig-scalar,f32-logsigmoid-log1pexp-scalar,"                 \
	"f32-logsigmoid-stable-scalar,f32-logsigmoid-rr2-p7-log1p10-honest-avx512,"    \
	"f32-logsigmoid-sleef-u10-avx512,"                                             \
	"f32-silu-naive-scalar,f32-silu-stable-scalar,f32-silu-rr2-p7-div-honest-avx512," \
	"f32-silu-sleef-u10-avx512,f32-silu-eigen-avx512,f32-silu-onednn-auto,"        \
	"f32-dsilu-naive-scalar,f32-dsilu-stable-scalar,"                              \
	"f32-dsilu-rr2-p7-div-x0p7-honest-avx512,f32-dsilu-onednn-auto"

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

/* Whether the scoreboard's target rows may compare v: sigma's float32
 * kernels on AVX-512 and AVX2, and XNNPACK (auto). */
static int scoreboard_kernel(const struct sb_variant *v)
{
	static const char *const isas[] = { "avx512", "avx2", "auto" };
	for (size_t k = 0; k < sizeof isas / sizeof isas[0]; k++)
		if (strcmp(v->isa, isas[k]) == 0)
			return v->prec == SB_F32 && v->function == SB_FN_SIGMOID;
	return 0;
}

/* What each kernel the scoreboard may compare executes (instcount.h), for
 * its "what limits it"; without ptrace the run goes on without. */
static void count_instructions(struct sb_results *r)
{
	for (size_t i = 0; i < r->nspeed; i++) {
		const struct sb_variant *v = r->speed[i].v;
		if (!scoreboard_kernel(v))
			continue;
		struct sb_icount ic;
		struct sb_error e;
		if (sb_icount(v, &ic, &e)) {
			sb_warn("instruction counts skipped: %s", e.msg);
			return;
		}
		for (int s = 0; s < r->speed_opts.nsizes; s++)
			r->speed[(size_t)s * r->nspeed + i].ic = ic;
	}
}

void sb_measure(struct sb_cli *c, int do_acc, int do_speed, struct sb_results *r)
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
			sb_sweep_or_fail((enum sb_prec)p, run[p], nrun[p], &c->sweep, r->acc[p]);
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
		if (do_acc) /* the scoreboard's run */
			count_instructions(r);
		free(all);
	}
	for (int p = 0; p < 2; p++) {
		free(run[p]);
		free(skip[p]);
	}
}

static int measure_command(int argc, char **argv, const char *name, int acc, int speed)
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
	sb_launch_init(); /* before any message: under mpirun only rank 0 speaks */
	sb_cli_init(&c, name);
	sb_optmask accepted = SELECT_OPTS | OUT_OPTS | (acc ? SWEEP_OPTS | OPTBIT(OPT_PLOT) | SHARD_OPTS : 0) |
			    (speed ? SPEED_OPTS : 0);
	sb_cli_parse(&c, argc, argv, accepted, acc && speed ? u_run : acc ? u_acc : u_speed);
	if (acc && speed && !c.out)
		c.out = "results";
	if (acc && speed && !(c.given & OPTBIT(OPT_FUNCTION)))
		c.function = -1; /* the default job measures every function */
	struct sb_error e;
	if (c.plot && sb_registry_check_globs("--plot", c.plot, &e))
		sb_fail("%s", e.msg);
	/* a renamed variant must not drop out of the published plots unseen */
	if (sb_registry_check_globs("the default --plot", SB_DEFAULT_PLOT, &e))
		sb_die("%s", e.msg);
	c.sweep.plot = c.plot ? c.plot : acc && speed ? SB_DEFAULT_PLOT : NULL;
	int status;
	if (sb_sharded(&c, acc, speed, &status))
		return status;
	if (c.out)
		sb_outdir_prepare(c.out); /* fail now, not after the measurement */
	struct sb_results r;
	sb_measure(&c, acc, speed, &r);
	sb_emit_results(&c, &r, acc, speed);
	sb_results_free(&r);
	return 0;
}

void sb_emit_results(const struct sb_cli *c, struct sb_results *r, int acc, int speed)
{
	char wrote[1200] = "";
	if (c->out)
		sb_write_result_files(c->out, r, acc, speed, wrote, sizeof wrote);
	if (c->json)
		sb_write_json(stdout, r);
	else
		sb_print_text(stdout, r);
	if (c->out && !c->quiet)
		fprintf(stderr, "sigbench: %s\n", wrote);
}

int sb_cmd_accuracy(int argc, char **argv)
{
	return measure_command(argc, argv, "accuracy", 1, 0);
}

int sb_cmd_speed(int argc, char **argv)
{
	return measure_command(argc, argv, "speed", 0, 1);
}

int sb_cmd_run(int argc, char **argv)
{
	return measure_command(argc, argv, "run", 1, 1);
}
