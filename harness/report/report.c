/* Tables for people: summary.md and the terminal text. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/fn_edges.h"
#include "report/answer.h"
#include "report/format.h"
#include "report/html.h"
#include "report/plot.h"
#include "report/results.h"
#include "report/scoreboard.h"

void sb_results_free(struct sb_results *r)
{
	sb_accuracy_free(r->acc[0], r->nacc[0]);
	sb_accuracy_free(r->acc[1], r->nacc[1]);
	free(r->acc[0]);
	free(r->acc[1]);
	free(r->speed);
	free(r->skipped);
	memset(r, 0, sizeof *r);
}

static const char *prec_title(enum sb_prec p)
{
	return p == SB_F32 ? "float32" : "float64";
}

static void context_md(FILE *f, const struct sb_results *r)
{
	const struct sb_context *c = &r->ctx;
	fprintf(f, "| | |\n|---|---|\n");
	fprintf(f, "| CPU | %s (%d cores; %s) |\n", c->cpu, c->cores, c->features);
	fprintf(f, "| compiler | %s, `%s` (%s) |\n", c->compiler, c->cflags, c->build_type);
	fprintf(f, "| libraries | %s, %s |\n", c->libc, c->mpfr);
	fprintf(f, "| commit | %s |\n| date | %s |\n", c->commit, c->date);
	fprintf(f, "| command | `%s` |\n\n", r->command);
}

/* One row per sigma variant, one column per interval (sigma's breakpoints):
 * max ULP (% CR) or max abs. */
static void interval_table(FILE *f, const struct sb_results *r, enum sb_prec p, int abs)
{
	fprintf(f, "| variant |");
	for (int iv = 0; iv < SB_IV_COUNT; iv++)
		fprintf(f, " %s |", sb_interval_name(iv));
	fprintf(f, "\n|---|");
	for (int iv = 0; iv < SB_IV_COUNT; iv++)
		fprintf(f, "--:|");
	fprintf(f, "\n");
	for (size_t i = 0; i < r->nacc[p]; i++) {
		const struct sb_accuracy *a = &r->acc[p][i];
		if (a->v->function != SB_FN_SIGMOID)
			continue;
		fprintf(f, "| %s |", sb_fmt_label(a->v).s);
		for (int iv = 0; iv < SB_IV_COUNT; iv++)
			if (abs)
				fprintf(f, " %s |", sb_fmt_g(a->iv[iv].abs.err).s);
			else
				fprintf(f, " %s (%s) |", sb_fmt_ulp(a->iv[iv].ulp.err).s,
					sb_fmt_pct(a->iv[iv].cr, a->iv[iv].n).s);
		fprintf(f, "\n");
	}
}

/* Under every table of a sampled sweep: its maxima are what the sample
 * found, not what the variant does. */
static const char sampled_note[] =
	"Measured on a sample, not on every input: each maximum and count below is a lower bound "
	"(the true figure may be larger).\n\n";

/* What function fn's sweep cost beyond running the variants (README,
 * "What a sweep costs"; the scoreboard judges sigma's ratio). */
static void sweep_cost_md(FILE *f, const struct sb_results *r, enum sb_prec p, enum sb_func fn)
{
	struct sb_sweep_cost c;
	if (p != SB_F32 || !sb_sweep_cost_of(r, p, fn, &c) || !(c.eval > 0) || !(c.cpu > 0))
		return;
	fprintf(f, "Cost: the sweep's threads used %.0f s of CPU, of which the %zu variants' own "
		   "calls took %.0f s (timed on one block of inputs in 8); the reference and the "
		   "error accounting took the rest: %.2f x the variants' own time.\n\n", c.cpu,
		c.nv, c.eval, c.cpu / c.eval);
}

/* The first of r's variants of precision p computing fn, or NULL. */
static const struct sb_accuracy *first_of(const struct sb_results *r, enum sb_prec p, enum sb_func fn)
{
	for (size_t i = 0; i < r->nacc[p]; i++)
		if (r->acc[p][i].v->function == fn)
			return &r->acc[p][i];
	return NULL;
}

/* What "out of range" and "mono breaks" mean for fn (engine/fn_edges.h). */
static void range_md(FILE *f, enum sb_func fn, enum sb_prec p)
{
	struct sb_fn_range range = sb_fn_range(fn, p == SB_F32 ? SB_FMT_F32 : SB_FMT_F64);
	fprintf(f, "Out of range: a non-NaN output outside [%s, %s], the range of %s with each end "
		   "rounded to nearest (no correctly rounded output leaves it). ",
		sb_fmt_hex(range.lo, p).s, sb_fmt_hex(range.hi, p).s, sb_func_name(fn));
	fprintf(f, "Mono breaks: steps from an input to the next one up whose outputs go against "
		   "%s's direction on a piece between its turns that holds both (README); steps across "
		   "a turn are not compared.\n\n", sb_func_name(fn));
}

/* One function's section: sigma's with its intervals; every other
 * function's without them (the intervals are sigma's breakpoints). */
static void accuracy_md(FILE *f, const struct sb_results *r, enum sb_prec p, enum sb_func fn)
{
	const struct sb_accuracy *a0 = first_of(r, p, fn);
	if (!a0)
		return;
	if (fn == SB_FN_SIGMOID)
		fprintf(f, "## Accuracy, %s (%s; %.0f s)\n\n", prec_title(p), a0->sweep,
			r->acc_seconds[p]);
	else
		fprintf(f, "## Accuracy of %s, %s (%s)\n\n", sb_func_name(fn), prec_title(p), a0->sweep);
	if (!sb_accuracy_is_exhaustive(a0))
		fprintf(f, "%s", sampled_note);
	sweep_cost_md(f, r, p, fn);
	range_md(f, fn, p);
	fprintf(f, "| variant | max ULP | worst x | got | want | mean ULP | CR %% | not CR | max abs | "
		   "max rel | NaN out | out of range | mono breaks | NaN in kept |\n");
	fprintf(f, "|---|--:|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
	for (size_t i = 0; i < r->nacc[p]; i++) {
		const struct sb_accuracy *a = &r->acc[p][i];
		const struct sb_errstats *s = &a->all;
		if (a->v->function != fn)
			continue;
		fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %llu | %s | %s | %llu | %llu | %llu | %llu/%llu |\n",
			sb_fmt_label(a->v).s, sb_fmt_max_ulp(s).s, sb_fmt_hex(s->ulp.x, p).s,
			sb_fmt_hex(s->ulp.got, p).s, sb_fmt_hex(s->ulp.want, p).s, sb_fmt_mean(s).s,
			sb_fmt_pct(s->cr, s->n).s, (unsigned long long)(s->n - s->cr),
			sb_fmt_g(s->abs.err).s, sb_fmt_g(s->rel.err).s,
			(unsigned long long)s->nan_out, (unsigned long long)s->oob, (unsigned long long)s->mono,
			(unsigned long long)a->nan_in_kept, (unsigned long long)a->nan_in);
	}
	int any_domain = 0;
	for (size_t i = 0; i < r->nacc[p]; i++)
		any_domain |= r->acc[p][i].has_domain && r->acc[p][i].v->function == fn;
	if (any_domain) {
		fprintf(f, "\nOn each variant's own domain:\n\n| variant | domain | max ULP | worst x | max abs |\n|---|---|--:|---|--:|\n");
		for (size_t i = 0; i < r->nacc[p]; i++) {
			const struct sb_accuracy *a = &r->acc[p][i];
			if (a->has_domain && a->v->function == fn)
				fprintf(f, "| %s | [%g, %g] | %s | %s | %s |\n", a->v->name, a->v->dom_lo,
					a->v->dom_hi, sb_fmt_ulp(a->domain.ulp.err).s,
					sb_fmt_hex(a->domain.ulp.x, p).s, sb_fmt_g(a->domain.abs.err).s);
		}
	}
	if (fn != SB_FN_SIGMOID) {
		fprintf(f, "\n");
		return;
	}
	const struct sb_breakpoints *bp = sb_breakpoints(p == SB_F32 ? SB_FMT_F32 : SB_FMT_F64);
	fprintf(f, "\n### By interval, %s: max ULP (%% correctly rounded)\n\n", prec_title(p));
	fprintf(f, "Intervals (breakpoints derived from the MPFR reference by bisection):\n\n");
	for (int iv = 0; iv < SB_IV_COUNT; iv++)
		fprintf(f, "- **%s**: %s, x in [%s, %s]\n", sb_interval_name(iv), sb_interval_meaning(iv),
			sb_fmt_hex(sb_interval_lo(bp, iv), p).s, sb_fmt_hex(sb_interval_hi(bp, iv), p).s);
	fprintf(f, "\n");
	interval_table(f, r, p, 0);
	fprintf(f, "\n### By interval, %s: max absolute error\n\n", prec_title(p));
	interval_table(f, r, p, 1);
	fprintf(f, "\n### Special inputs, %s: output\n\n| variant |", prec_title(p));
	for (int k = 0; k < SB_NSPECIAL; k++)
		fprintf(f, " %s |", sb_special_names[k]);
	fprintf(f, "\n|---|");
	for (int k = 0; k < SB_NSPECIAL; k++)
		fprintf(f, "---|");
	fprintf(f, "\n");
	for (size_t i = 0; i < r->nacc[p]; i++) {
		if (r->acc[p][i].v->function != fn)
			continue;
		fprintf(f, "| %s |", sb_fmt_label(r->acc[p][i].v).s);
		for (int k = 0; k < SB_NSPECIAL; k++)
			fprintf(f, " %s |", sb_fmt_hex(r->acc[p][i].special_out[k], p).s);
		fprintf(f, "\n");
	}
	fprintf(f, "\n");
}

static void speed_md(FILE *f, const struct sb_results *r)
{
	const struct sb_speed_opts *o = &r->speed_opts;
	fprintf(f, "## Throughput\n\n");
	fprintf(f, "One thread; inputs uniform on [%g, %g], fresh per size; sizes up to 1 MiB cycle "
		   "through several input buffers so branch predictors cannot learn them. "
		   "%d repetitions per variant and size, interleaved across variants, each at least "
		   "%.0f ms. ns/element: median and minimum; spread = interquartile range / median. "
		   "TSC cycles are ticks of the %.2f GHz time-stamp counter, not core clock cycles. "
		   "x exact = median / median of f32-exact-scalar at the same size, in this run.\n\n",
		o->lo, o->hi, o->reps, o->min_rep_s * 1e3, r->ctx.tsc_ghz);
	fprintf(f, "| variant | n | median ns/elem | min ns/elem | Melem/s | TSC cyc/elem | spread | x exact |\n");
	fprintf(f, "|---|--:|--:|--:|--:|--:|--:|--:|\n");
	int warned = 0;
	for (int s = 0; s < o->nsizes; s++)
		for (size_t v = 0; v < r->nspeed; v++) {
			const struct sb_speed_result *x = &r->speed[(size_t)s * r->nspeed + v];
			int wide = x->spread > SB_SPREAD_WARN;
			warned |= wide;
			fprintf(f, "| %s | %zu | %.3g | %.3g | %.0f | %.3g | %.1f%%%s | %.3g |\n",
				sb_fmt_label(x->v).s, x->n, x->median_ns, x->min_ns, 1e3 / x->median_ns,
				x->tsc_cycles, 100 * x->spread, wide ? " (!)" : "", x->ratio);
		}
	if (warned)
		fprintf(f, "\n(!) spread above %.0f%%: the machine was noisy during this run; "
			   "compare ratios, not absolute times.\n", 100 * SB_SPREAD_WARN);
	fprintf(f, "\n");
}

static const struct sb_speed_result *speed_of(const struct sb_results *r,
					      const struct sb_variant *v, int size_index)
{
	if (!r->have_speed || size_index >= r->speed_opts.nsizes)
		return NULL;
	for (size_t i = 0; i < r->nspeed; i++)
		if (r->speed[(size_t)size_index * r->nspeed + i].v == v)
			return &r->speed[(size_t)size_index * r->nspeed + i];
	return NULL;
}

/* One family, one precision: the rows in registry order. */
static void family_table(FILE *f, const struct sb_results *r, const char *family, enum sb_prec p)
{
	int rows = 0;
	for (size_t i = 0; i < r->nacc[p]; i++) {
		const struct sb_accuracy *a = &r->acc[p][i];
		if (strcmp(a->v->family, family) != 0)
			continue;
		if (!rows++) {
			fprintf(f, "\n%s, %s:\n\n| variant | domain | max ULP on domain | max abs on domain "
				   "| max ULP, all inputs | max abs, all | fitted bound |", family,
				prec_title(p));
			if (r->have_speed)
				fprintf(f, " ns/elem (n=%zu) | x exact |", r->speed_opts.sizes[0]);
			fprintf(f, "\n|---|---|--:|--:|--:|--:|--:|%s\n", r->have_speed ? "--:|--:|" : "");
		}
		const struct sb_errstats *d = a->has_domain ? &a->domain : &a->all;
		char dom[64], fit[64];
		if (a->has_domain)
			snprintf(dom, sizeof dom, "[%g, %g]", a->v->dom_lo, a->v->dom_hi);
		else
			snprintf(dom, sizeof dom, "all");
		if (a->v->fit_metric)
			snprintf(fit, sizeof fit, "%.3g (%s)", a->v->fit_err, a->v->fit_metric);
		else
			snprintf(fit, sizeof fit, "-");
		fprintf(f, "| %s | %s | %s | %s | %s | %s | %s |", sb_fmt_label(a->v).s, dom, sb_fmt_ulp(d->ulp.err).s,
			sb_fmt_g(d->abs.err).s, sb_fmt_ulp(a->all.ulp.err).s, sb_fmt_g(a->all.abs.err).s, fit);
		const struct sb_speed_result *sp = speed_of(r, a->v, 0);
		if (r->have_speed)
			fprintf(f, sp ? " %.3g | %.3g |" : " - | - |", sp ? sp->median_ns : 0, sp ? sp->ratio : 0);
		fprintf(f, "\n");
	}
}

/* Error against degree, table size or kernel choice, family by family. */
static void families_md(FILE *f, const struct sb_results *r)
{
	const char *seen[64];
	int nseen = 0;
	fprintf(f, "## Families\n\nEach family's variants side by side: accuracy on the variant's "
		   "own domain and on all inputs; \"fitted bound\" is the generator's error bound for "
		   "the fitted part with the coefficients as stored (abs: of sigma; exp rel: relative "
		   "error of the exp kernel), measured errors add the arithmetic.\n");
	for (size_t i = 0; i < sb_nvariants; i++) {
		const char *fam = sb_variants[i].family;
		int k = 0;
		while (k < nseen && strcmp(seen[k], fam) != 0)
			k++;
		if (k < nseen || nseen == 64)
			continue;
		seen[nseen++] = fam;
		family_table(f, r, fam, SB_F32);
		family_table(f, r, fam, SB_F64);
	}
	fprintf(f, "\n");
}

/* The SVGs written next to summary.md (write_files asks the same
 * predicates), so Markdown viewers show them inline. */
static void pareto_md(FILE *f, const struct sb_results *r)
{
	if (sb_plot_have_pareto(r, SB_FN_SIGMOID))
		fprintf(f, "## Speed against accuracy\n\nMedian time per element against max ULP "
			   "error, one point per float32 variant; the step line is the Pareto front (no "
			   "other variant is both faster and more accurate).\n\n"
			   "![Throughput versus max ULP error](%s)\n\n", SB_PLOT_PARETO_FILE);
	for (int fn = SB_FN_SIGMOID + 1; fn < SB_FN_COUNT; fn++)
		if (sb_plot_have_pareto(r, (enum sb_func)fn))
			fprintf(f, "### The same for %s\n\n![%s: throughput versus max ULP error](%s)\n\n",
				sb_func_name((enum sb_func)fn), sb_func_name((enum sb_func)fn),
				sb_plot_pareto_file((enum sb_func)fn));
}

static void error_plots_md(FILE *f, const struct sb_results *r)
{
	if (sb_plot_have_errors(r, SB_FN_SIGMOID))
		fprintf(f, "## Error against x\n\nThe largest error in each bin of x, one panel per "
			   "plotted variant (`--plot`), log scale; dashed verticals are the interval "
			   "edges below.\n\n![ULP error versus x](%s)\n\n![Absolute error versus x](%s)\n\n",
			SB_PLOT_ULP_FILE, SB_PLOT_ABS_FILE);
	for (int i = SB_FN_SIGMOID + 1; i < SB_FN_COUNT; i++) {
		enum sb_func fn = (enum sb_func)i;
		if (!sb_plot_have_errors(r, fn))
			continue;
		const char *name = sb_func_name(fn);
		fprintf(f, "### Error against x: %s\n\nThe same for %s; dashed verticals are its edges "
			   "(`sigbench breakpoints --function %s`).\n\n![%s: ULP error versus x](%s)\n\n"
			   "![%s: absolute error versus x](%s)\n\n", name, name, name, name,
			sb_plot_errors_file(SB_PLOT_ULP, fn), name, sb_plot_errors_file(SB_PLOT_ABS, fn));
	}
}

static void method_md(FILE *f, const struct sb_results *r)
{
	fprintf(f, "## %s\n\n", SB_MACHINE_HEADING);
	context_md(f, r);
	fprintf(f, "Error is measured in ULP of the exact value: |got - sigma(x)| / ulp(sigma(x)), "
		   "ulp(y) = 2^(e-p) for 2^(e-1) <= |y| < 2^e, floored at the least subnormal "
		   "(README, \"How errors are measured\"); a correctly rounded (CR) result scores "
		   "<= 0.5. Relative error is taken only where sigma(x) is normal. A NaN output for a "
		   "non-NaN input counts as an infinite error. Mean ULP excludes NaN outputs.\n\n");
	if (r->skipped && r->nskipped) {
		fprintf(f, "Skipped (this CPU lacks their ISA):");
		for (size_t i = 0; i < r->nskipped; i++)
			fprintf(f, " %s", r->skipped[i]->name);
		fprintf(f, "\n\n");
	}
}

static const char details_lead[] =
	"Every table of the run: each family side by side, accuracy over all inputs with the worst "
	"input, by interval, special inputs, throughput at every size, and the error plots";

/* The answer, the machine, the scoreboard and the Pareto plot; the long
 * tables are in details.md. */
void sb_write_summary_md(FILE *f, const struct sb_results *r)
{
	fprintf(f, "# sigbench results\n\n");
	fprintf(f, "The answer first, then the machine, the scoreboard and speed against accuracy. "
		   "%s: [the details page](details.md).\n\n", details_lead);
	if (sb_answer_possible(r))
		sb_answer_md(f, r);
	method_md(f, r);
	if (r->have_speed && r->nacc[SB_F32])
		sb_scoreboard_md(f, r);
	pareto_md(f, r);
}

void sb_write_details_md(FILE *f, const struct sb_results *r)
{
	fprintf(f, "# sigbench results: details\n\n%s. The answer table, scoreboard and Pareto plot: "
		   "[the summary page](summary.md).\n\n", details_lead);
	method_md(f, r);
	if (r->nacc[SB_F32] + r->nacc[SB_F64])
		families_md(f, r);
	error_plots_md(f, r);
	for (int fn = 0; fn < SB_FN_COUNT; fn++) {
		accuracy_md(f, r, SB_F32, (enum sb_func)fn);
		accuracy_md(f, r, SB_F64, (enum sb_func)fn);
	}
	if (r->have_speed)
		speed_md(f, r);
}

void sb_print_text(FILE *f, const struct sb_results *r)
{
	for (int p = 0; p < 2; p++) {
		if (r->nacc[p] == 0)
			continue;
		fprintf(f, "accuracy %s (%s%s)\n", prec_title(p), r->acc[p][0].sweep,
			sb_accuracy_is_exhaustive(&r->acc[p][0]) ? "" : "; a sample: maxima are lower bounds");
		fprintf(f, "  %-32s %10s %-16s %-16s %-16s %9s %9s %9s\n", "variant", "max ULP",
			"worst x", "got", "want", "mean ULP", "CR %", "max abs");
		for (size_t i = 0; i < r->nacc[p]; i++) {
			const struct sb_errstats *s = &r->acc[p][i].all;
			fprintf(f, "  %-32s %10s %-16s %-16s %-16s %9s %9s %9s\n", r->acc[p][i].v->name,
				sb_fmt_max_ulp(s).s, sb_fmt_hex(s->ulp.x, p).s, sb_fmt_hex(s->ulp.got, p).s,
				sb_fmt_hex(s->ulp.want, p).s, sb_fmt_mean(s).s, sb_fmt_pct(s->cr, s->n).s,
				sb_fmt_g(s->abs.err).s);
		}
		double rate = sb_sweep_rate(r, (enum sb_prec)p);
		if (rate > 0)
			fprintf(f, "  %llu inputs, %.1f s of CPU: %.3g inputs per second per core\n",
				(unsigned long long)r->acc[p][0].all.n, r->acc[p][0].sweep_cpu_s, rate);
	}
	if (!r->have_speed)
		return;
	fprintf(f, "throughput (one thread, inputs on [%g, %g], %d reps; TSC %.2f GHz)\n",
		r->speed_opts.lo, r->speed_opts.hi, r->speed_opts.reps, r->ctx.tsc_ghz);
	fprintf(f, "  %-32s %9s %12s %12s %8s %8s\n", "variant", "n", "median ns", "min ns",
		"spread", "x exact");
	for (int s = 0; s < r->speed_opts.nsizes; s++)
		for (size_t v = 0; v < r->nspeed; v++) {
			const struct sb_speed_result *x = &r->speed[(size_t)s * r->nspeed + v];
			fprintf(f, "  %-32s %9zu %12.4g %12.4g %7.1f%% %8.3g\n", x->v->name, x->n,
				x->median_ns, x->min_ns, 100 * x->spread, x->ratio);
		}
}
