/* sigbench measure --impl FILE.c:SYMBOL: the user's sigmoid, compiled and
 * loaded by the engine (engine/byo.c), measured exactly like the built-ins
 * beside a few of them. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/outfile.h"
#include "base/util.h"
#include "commands/cli.h"
#include "commands/commands.h"
#include "engine/byo.h"
#include "engine/guard.h"
#include "report/results.h"


/* Built-ins measured beside the user's function unless --variants says
 * otherwise: the textbook form, a faithful and a correctly rounded one, a
 * fast <= 1 ULP kernel and a library. */
static const char *const default_set[2] = {
	"f32-exact-scalar,f32-stable-dbl-scalar,f32-rr1-lut16-p3-perm-scalef-ddiv-x4-avx512,"
	"f32-cr-lut32-p4-flt-x2-avx512,f32-xnnpack-auto",
	"f64-exact-scalar,f64-stable-scalar,f64-rr2-p11-honest-scalar,f64-rr2-p11-div-honest-avx512",
};

/* The default set less names this registry lacks: a default must never be
 * why measure fails (sb_select rejects globs that match nothing). */
static const char *default_variants(enum sb_prec p, char *buf, size_t size)
{
	char list[512];
	snprintf(list, sizeof list, "%s", default_set[p]);
	size_t used = 0;
	buf[0] = '\0';
	char *save;
	for (char *n = strtok_r(list, ",", &save); n; n = strtok_r(NULL, ",", &save))
		if (sb_find_variant(n) && used + strlen(n) + 2 < size)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? "," : "", n);
	return buf;
}

static void measure_accuracy(const struct sb_cli *c, const struct sb_variant **vs, size_t n,
			     struct sb_results *r)
{
	enum sb_prec p = vs[0]->prec;
	r->acc[p] = sb_xcalloc(n, sizeof *r->acc[p]);
	r->nacc[p] = n;
	double t0 = sb_now();
	sb_sweep_or_fail(p, vs, n, &c->sweep, r->acc[p]);
	r->acc_seconds[p] = sb_now() - t0;
}

/* As in run, f32-exact-scalar joins as the baseline of the "x exact" column;
 * vs has room for one more. */
static void measure_speed(const struct sb_cli *c, const struct sb_variant **vs, size_t n,
			  struct sb_results *r)
{
	const struct sb_variant *base = sb_find_variant("f32-exact-scalar");
	size_t i = 0;
	while (i < n && vs[i] != base)
		i++;
	if (i == n && base)
		vs[n++] = base;
	r->speed = sb_xcalloc(n * (size_t)c->speed.nsizes, sizeof *r->speed);
	r->nspeed = n;
	sb_speed_run(vs, n, &c->speed, r->speed, &r->ctx.tsc_ghz);
	r->have_speed = 1;
}

/* The user's variant first, then the selected built-ins of its precision. */
static void measure_user(const struct sb_cli *c, const struct sb_variant *user, struct sb_results *r)
{
	const struct sb_variant **sel, **skip;
	size_t nsel, nskip;
	sb_select(c, user->prec, &sel, &nsel, &skip, &nskip);
	const struct sb_variant **vs = sb_xcalloc(nsel + 2, sizeof *vs);
	vs[0] = user;
	memcpy(vs + 1, sel, nsel * sizeof *vs);
	free(sel);
	memset(r, 0, sizeof *r);
	snprintf(r->command, sizeof r->command, "%s", c->cmdline);
	r->sweep = c->sweep;
	r->speed_opts = c->speed;
	r->skipped = skip;
	r->nskipped = nskip;
	measure_accuracy(c, vs, nsel + 1, r);
	r->ref_fallbacks = sb_ref_fallbacks();
	sb_context_get(&r->ctx);
	measure_speed(c, vs, nsel + 1, r);
	free(vs);
}

/* What each variant returns for the special inputs (summary.md and the JSON
 * have them too; the text table does not). */
static void print_specials(FILE *f, const struct sb_results *r, enum sb_prec p)
{
	int digits = p == SB_F32 ? 9 : 17; /* enough to tell any two values apart */
	fprintf(f, "special inputs\n  %-32s", "variant");
	for (int k = 0; k < SB_NSPECIAL; k++)
		fprintf(f, " %10s", sb_special_names[k]);
	fprintf(f, "\n");
	for (size_t i = 0; i < r->nacc[p]; i++) {
		fprintf(f, "  %-32s", r->acc[p][i].v->name);
		for (int k = 0; k < SB_NSPECIAL; k++) {
			double y = r->acc[p][i].special_out[k];
			if (isnan(y)) /* the sign of a NaN means nothing here */
				fprintf(f, " %10s", "nan");
			else
				fprintf(f, " %10.*g", digits, y);
		}
		fprintf(f, "\n");
	}
}

static const char measure_usage[] =
	"usage: sigbench measure --impl PATH:SYMBOL [--batch] [--precision f32|f64] [OPTIONS]\n"
	"Compile your sigmoid, `float SYMBOL(float)` (double with --precision f64; with --batch\n"
	"`void SYMBOL(const T *x, T *y, size_t n)`), with ${CC:-cc} -O2 -fPIC -shared -std=gnu11\n"
	"$CFLAGS ... $LDLIBS -lm, and measure it as `run` does (f32: all 2^32 inputs unless\n"
	"--domain/--stride), beside --variants (default: a small comparison set; '' for none).\n"
	"It is called from several threads at once (--threads 1 if it is not thread-safe).\n"
	"Its name in tables and limits files: f32-user-SYMBOL or f64-user-SYMBOL.";

#define MEASURE_OPTS                                                                          \
	(OPTBIT(OPT_IMPL) | OPTBIT(OPT_BATCH) | OPTBIT(OPT_VARIANTS) | OPTBIT(OPT_PRECISION) |     \
	 OPTBIT(OPT_HELP) | OPTBIT(OPT_SAMPLES) | OPTBIT(OPT_SEED) | OPTBIT(OPT_THREADS) |         \
	 OPTBIT(OPT_DOMAIN) | OPTBIT(OPT_STRIDE) | OPTBIT(OPT_QUIET) | OPTBIT(OPT_PLOT) |          \
	 OPTBIT(OPT_RANGE) | OPTBIT(OPT_SIZES) | OPTBIT(OPT_REPS) | OPTBIT(OPT_OUT) |              \
	 OPTBIT(OPT_JSON) | OPTBIT(OPT_TIMEOUT) | OPTBIT(OPT_WALK_FROM) | OPTBIT(OPT_WALK_ULPS) | \
	 OPTBIT(OPT_FUNCTION))

int sb_cmd_measure(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "measure");
	c.prec_mask = 0; /* not given: f32; one function has one precision, never "all" */
	sb_cli_parse(&c, argc, argv, MEASURE_OPTS, measure_usage);
	if (!c.impl)
		sb_fail("measure needs --impl PATH:SYMBOL (sigbench measure --help)");
	if (c.prec_mask == ((1 << SB_F32) | (1 << SB_F64)))
		sb_fail("measure: --precision is f32 or f64, the type of your function");
	enum sb_prec p = c.prec_mask == (1 << SB_F64) ? SB_F64 : SB_F32;
	struct sb_error e;
	sb_guard_set_timeout(c.timeout);
	const struct sb_variant *user = sb_byo_load(c.impl, c.batch, p, &e);
	if (!user)
		sb_fail("%s", e.msg);
	if (sb_byo_load_warning())
		sb_warn("%s", sb_byo_load_warning());
	c.prec_mask = 1 << p;
	sb_byo_set_function((enum sb_func)c.function);
	char dflt[512];
	if (!c.variants && c.function == SB_FN_SIGMOID)
		c.variants = default_variants(p, dflt, sizeof dflt);
	/* other functions: every built-in of that function (a few) */
	/* error bins (for plots) of what --out records; a few variants, cheap */
	c.sweep.plot = c.plot ? c.plot : c.out ? "*" : NULL;
	if (c.out)
		sb_outdir_prepare(c.out); /* only now: a compile error leaves no directory */
	struct sb_results r;
	char wrote[1200] = "";
	measure_user(&c, user, &r);
	sb_byo_verdict(user);
	if (c.out)
		sb_write_result_files(c.out, &r, 1, 1, wrote, sizeof wrote);
	if (c.json) {
		sb_write_json(stdout, &r);
	} else {
		sb_print_text(stdout, &r);
		print_specials(stdout, &r, p);
	}
	if (c.out && !c.quiet)
		fprintf(stderr, "sigbench: %s\n", wrote);
	sb_results_free(&r);
	return 0;
}
