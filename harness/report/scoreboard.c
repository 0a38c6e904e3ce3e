#include <math.h>
#include <string.h>

#include "report/dominance.h"
#include "report/json_writer.h"
#include "report/scoreboard.h"

/* Over all inputs: within max_ulp, no NaN output, nothing outside [0, 1], monotone. */
static int clean(const struct sb_accuracy *a, double max_ulp)
{
	const struct sb_errstats *s = &a->all;
	return s->ulp.err <= max_ulp && s->nan_out == 0 && s->oob == 0 && s->mono == 0;
}

/* The fastest (median at the first size) of our f32 variants for an ISA that
 * satisfies pred. */
static const struct sb_variant *fastest(const struct sb_results *r, const char *isa,
					int (*pred)(const struct sb_accuracy *))
{
	const struct sb_variant *best = NULL;
	double best_t = INFINITY;
	for (size_t i = 0; i < r->nacc[SB_F32]; i++) {
		const struct sb_accuracy *a = &r->acc[SB_F32][i];
		if (a->v->peer || strcmp(a->v->isa, isa) != 0 || !pred(a))
			continue;
		double t = sb_score_median(r, a->v, 0);
		if (t > 0 && t < best_t) {
			best_t = t;
			best = a->v;
		}
	}
	return best;
}

static int within_1ulp(const struct sb_accuracy *a) { return clean(a, 1.0); }
static int correctly_rounded(const struct sb_accuracy *a) { return a->all.cr == a->all.n && clean(a, 0.5); }

static const struct sb_icount *icount_of(const struct sb_results *r, const struct sb_variant *v)
{
	for (size_t i = 0; v && r->have_speed && i < r->nspeed; i++)
		if (r->speed[i].v == v)
			return r->speed[i].ic.counted ? &r->speed[i].ic : NULL;
	return NULL;
}

/* "45.5 instructions/16 (FMA/MUL 15, ...), FMA pipes 7.5 cycles at Zen 5
 * rates": the rates are PERF-NOTES.md's, measured on Zen 5, and a run on
 * another CPU (an Intel Xeon divides zmm several times slower) must not
 * read them as its own. */
static int icount_text(char *buf, size_t size, const struct sb_icount *c)
{
	const double *k = c->per16;
	return snprintf(buf, size, "%.1f instructions/16 elements (FMA/MUL %.1f, add %.1f, scalef %.1f, "
			"div %.1f, permutes %.1f, stores %.1f): %s %.1f cycles at Zen 5 rates", c->total, k[SB_IC_FMA],
			k[SB_IC_ADD], k[SB_IC_SCALEF], k[SB_IC_DIVPS] + k[SB_IC_DIVPD], k[SB_IC_PERM],
			k[SB_IC_STORE], sb_icount_pipe_name(c->bound), c->cycles[c->bound]);
}

/* What limits a failing row: both kernels' executed instructions per 16
 * elements and their busiest pipe, by the zmm issue rates of PERF-NOTES.md
 * (instcount.h), where the run counted them. */
static void limits_note(char *note, size_t size, const struct sb_results *r,
			const struct sb_variant *v, const struct sb_variant *base)
{
	const struct sb_icount *a = icount_of(r, v), *b = icount_of(r, base);
	if (!a || !b) {
		snprintf(note, size, "what limits it: not counted in this run");
		return;
	}
	char ta[220], tb[220];
	icount_text(ta, sizeof ta, a);
	icount_text(tb, sizeof tb, b);
	snprintf(note, size, "limits: %s; against %s", ta, tb);
}

static const struct sb_variant *peer_named(const struct sb_results *r, const char *lib)
{
	for (size_t i = 0; i < r->nspeed; i++)
		if (r->speed[i].v->peer && strcmp(r->speed[i].v->peer, lib) == 0)
			return r->speed[i].v;
	return NULL;
}

static void ratio_row(struct sb_score *sc, const struct sb_results *r, const struct sb_variant *v,
		      const struct sb_variant *base, double goal)
{
	sc->variant = v ? v->name : NULL;
	sc->against = base ? base->name : NULL;
	sc->goal = goal;
	sc->pass = v && base ? 1 : -1;
	for (int s = 0; s < 2; s++) {
		double a = sb_score_median(r, v, s), b = sb_score_median(r, base, s);
		sc->measured[s] = a > 0 && b > 0 ? a / b : -1;
		if (sc->measured[s] < 0)
			sc->pass = -1;
		else if (sc->pass == 1 && sc->measured[s] > goal)
			sc->pass = 0;
	}
}

int sb_sweep_cost_of(const struct sb_results *r, enum sb_prec p, enum sb_func fn,
		     struct sb_sweep_cost *c)
{
	*c = (struct sb_sweep_cost){ 0, 0, 0 };
	for (size_t i = 0; i < r->nacc[p]; i++) {
		const struct sb_accuracy *a = &r->acc[p][i];
		if (!a->v || a->v->function != fn)
			continue;
		c->cpu = a->sweep_cpu_s; /* the same on every row of the sweep */
		c->eval += a->eval_s;
		c->nv++;
	}
	return c->nv > 0;
}

/* The reference and the statistics should cost little beside evaluating
 * the variants: the sweep threads' CPU time over the variants' own (the
 * figures sweep32.c measures inside the sweep), for sigma's sweep, the one
 * with every variant and peer. */
int sb_sweep_cost(const struct sb_results *r, struct sb_sweep_cost *c)
{
	return sb_sweep_cost_of(r, SB_F32, SB_FN_SIGMOID, c);
}

double sb_sweep_rate(const struct sb_results *r, enum sb_prec p)
{
	if (!r->nacc[p] || !(r->acc[p][0].sweep_cpu_s > 0))
		return 0;
	return (double)r->acc[p][0].all.n / r->acc[p][0].sweep_cpu_s;
}

/* A sweep-cost row's verdict and note from the CPU and call seconds; where
 * names the sweeps ("" for sigma's alone). */
static void cost_verdict(struct sb_score *sc, double cpu, double eval, int ex, const char *where)
{
	sc->goal = SB_SWEEP_COST_GOAL;
	sc->measured[0] = ex && eval > 0 ? cpu / eval : -1;
	sc->measured[1] = -1;
	sc->pass = sc->measured[0] < 0 ? -1 : sc->measured[0] <= SB_SWEEP_COST_GOAL;
	if (sc->measured[0] >= 0)
		snprintf(sc->note, sizeof sc->note, "%.0f s of CPU%s, of which the variants' calls %.0f s",
			 cpu, where, eval);
	else if (ex)
		snprintf(sc->note, sizeof sc->note, "not recorded (results older than the measurement)");
}

static void sweep_cost_row(struct sb_score *sc, const struct sb_results *r, int ex)
{
	struct sb_sweep_cost c;
	sb_sweep_cost(r, &c);
	snprintf(sc->target, sizeof sc->target,
		 "exhaustive f32 sweep of sigma: CPU time <= 1.1x the variants' own evaluation inside it "
		 "(issue 10)");
	cost_verdict(sc, c.cpu, c.eval, ex, "");
}

/* Issue 10 asks it of the whole default sweep, which since the family
 * joined is six sweeps: their CPU and calls added up, so that sigma's
 * row alone cannot hide the cost of the others. */
static void all_sweeps_cost_row(struct sb_score *sc, const struct sb_results *r, int ex)
{
	double cpu = 0, eval = 0;
	int nfn = 0;
	for (int fn = 0; fn < SB_FN_COUNT; fn++) {
		struct sb_sweep_cost c;
		if (!sb_sweep_cost_of(r, SB_F32, (enum sb_func)fn, &c) || !(c.eval > 0))
			continue;
		cpu += c.cpu;
		eval += c.eval;
		nfn++;
	}
	snprintf(sc->target, sizeof sc->target,
		 "exhaustive f32 sweeps of every function (the whole default sweep): CPU time <= 1.1x the "
		 "variants' own evaluation inside them (issue 10)");
	char where[40];
	snprintf(where, sizeof where, " in %d function sweeps", nfn);
	cost_verdict(sc, cpu, eval, ex, where);
}

/* A ratio row's target text, the issue that asks it named. */
static void fixed_row(struct sb_score *sc, const struct sb_results *r, const char *target,
		      const struct sb_variant *v, const struct sb_variant *base, double goal)
{
	snprintf(sc->target, sizeof sc->target, "%s", target);
	ratio_row(sc, r, v, base, goal);
	if (sc->pass == 0)
		limits_note(sc->note, sizeof sc->note, r, v, base);
}

static void sweep_time_row(struct sb_score *sc, const struct sb_results *r, int ex)
{
	snprintf(sc->target, sizeof sc->target,
		 "exhaustive f32 sweep of every variant, ours and peers, <= 300 s on this machine (issue 4)");
	sc->variant = NULL;
	sc->seconds = 1;
	sc->goal = SB_SWEEP_TARGET_S;
	sc->measured[0] = ex ? r->acc_seconds[SB_F32] : -1;
	sc->measured[1] = -1;
	sc->pass = ex ? r->acc_seconds[SB_F32] <= SB_SWEEP_TARGET_S : -1;
	snprintf(sc->note, sizeof sc->note, "%zu f32 variants, %llu inputs each", r->nacc[SB_F32],
		 ex ? (unsigned long long)r->acc[SB_F32][0].all.n : 0ULL);
}

int sb_scoreboard(const struct sb_results *r, struct sb_score out[SB_NSCORE])
{
	memset(out, 0, SB_NSCORE * sizeof *out);
	const struct sb_variant *xnn = peer_named(r, "XNNPACK");
	int ex = sb_score_exhaustive(r);
	const struct sb_variant *t1 = ex ? fastest(r, "avx512", within_1ulp) : NULL;
	const struct sb_variant *t2 = ex ? fastest(r, "avx512", correctly_rounded) : NULL;
	const struct sb_variant *t3 = ex ? fastest(r, "avx2", within_1ulp) : NULL;
	const struct sb_variant *t4 = ex ? fastest(r, "avx2", correctly_rounded) : NULL;

	fixed_row(&out[0], r, "f32 AVX-512, max <= 1 ULP over all 2^32 inputs, no NaN, in [0,1], "
		  "monotone, time <= 1.0x XNNPACK (issue 4)", t1, xnn, 1.0);
	fixed_row(&out[1], r, "the same, time <= 1.5x XNNPACK (issue 11: by pipe count <= 1 ULP "
		  "cannot go much below 1.5x)", t1, xnn, 1.5);
	fixed_row(&out[2], r, "f32 AVX-512 correctly rounded on all 2^32 inputs, time <= 2.0x XNNPACK "
		  "(issues 4, 11)", t2, xnn, 2.0);
	fixed_row(&out[3], r, "best AVX2 variant at <= 1 ULP (all inputs), time <= 2.0x the best "
		  "AVX-512 one (issues 4, 11)", t3, t1, 2.0);
	fixed_row(&out[4], r, "best AVX2 variant correctly rounded (all inputs), time <= 2.0x the best "
		  "AVX-512 one (issue 11)", t4, t2, 2.0);
	sweep_time_row(&out[5], r, ex);
	sweep_cost_row(&out[6], r, ex);
	all_sweeps_cost_row(&out[7], r, ex);
	if (!ex)
		for (int i = 0; i < SB_NFIXED; i++)
			snprintf(out[i].note, sizeof out[i].note, "needs an exhaustive f32 sweep in the same run");
	else if (!xnn)
		for (int i = 0; i < 3; i++)
			snprintf(out[i].note, sizeof out[i].note, "XNNPACK was not measured in this run");
	return SB_NFIXED + sb_dominance(r, out + SB_NFIXED, SB_NPEERS);
}

/* A peer row's goal is 1.0x: 1.004x must not print as a failing 1.00x. */
static int digits(int row)
{
	return row < SB_NFIXED ? 2 : 3;
}

static const char *verdict(int pass)
{
	return pass > 0 ? "**pass**" : pass == 0 ? "**FAIL**" : "n/a";
}

void sb_scoreboard_md(FILE *f, const struct sb_results *r)
{
	struct sb_score sc[SB_NSCORE];
	int nsc = sb_scoreboard(r, sc);
	char sizes[64];
	if (r->speed_opts.nsizes > 1)
		snprintf(sizes, sizeof sizes, "n = %zu and %zu", r->speed_opts.sizes[0], r->speed_opts.sizes[1]);
	else
		snprintf(sizes, sizeof sizes, "n = %zu", r->speed_opts.sizes[0]);
	fprintf(f, "## Scoreboard\n\nIssues 4, 10 and 11's targets, then issue 11's peers, judged from this run's "
		   "exhaustive accuracy and interleaved throughput (median ns/element; ratios of medians "
		   "from the same run, %s).  The variant is the fastest of ours meeting the accuracy part.  "
		   "A peer is dominated by a variant of ours of its precision, on its ISA or a lower one "
		   "(auto: any this machine runs), with a max ULP no larger, no NaN output, none outside "
		   "[0,1], no more monotonicity breaks and a median time no larger at each size; when none "
		   "does, the row names the variant failing the fewest of these and what it fails.\n\n"
		   "| target | variant | compared with | measured | goal | verdict |\n"
		   "|---|---|---|--:|--:|---|\n", sizes);
	for (int i = 0; i < nsc; i++) {
		char m[160];
		if (sc[i].measured[0] < 0)
			snprintf(m, sizeof m, "-");
		else if (sc[i].seconds)
			snprintf(m, sizeof m, "%.0f s", sc[i].measured[0]);
		else if (sc[i].measured[1] < 0) /* one size only */
			snprintf(m, sizeof m, "%.*fx", digits(i), sc[i].measured[0]);
		else
			snprintf(m, sizeof m, "%.*fx / %.*fx", digits(i), sc[i].measured[0], digits(i),
				 sc[i].measured[1]);
		fprintf(f, "| %s | %s | %s | %s | %g%s | %s%s%s |\n", sc[i].target,
			sc[i].variant ? sc[i].variant : "-", sc[i].against ? sc[i].against : "-", m,
			sc[i].goal, sc[i].seconds ? " s" : "x", verdict(sc[i].pass),
			*sc[i].note ? " " : "", sc[i].note);
	}
	fprintf(f, "\n");
}

void sb_scoreboard_json(FILE *f, const struct sb_results *r)
{
	struct sb_score sc[SB_NSCORE];
	int nsc = sb_scoreboard(r, sc);
	fprintf(f, "[");
	for (int i = 0; i < nsc; i++) {
		fprintf(f, "%s\n  {\"target\": \"%s\", \"variant\": %s%s%s, \"against\": %s%s%s, "
			   "\"measured\": [", i ? "," : "", sc[i].target, sc[i].variant ? "\"" : "",
			sc[i].variant ? sc[i].variant : "null", sc[i].variant ? "\"" : "",
			sc[i].against ? "\"" : "", sc[i].against ? sc[i].against : "null",
			sc[i].against ? "\"" : "");
		for (int s = 0; s < 2; s++) {
			fprintf(f, s ? ", " : "");
			if (sc[i].measured[s] < 0)
				fprintf(f, "null"); /* JSON has no NaN */
			else
				fprintf(f, "%.4g", sc[i].measured[s]);
		}
		fprintf(f, "], \"goal\": %g, \"pass\": %s, \"note\": ", sc[i].goal,
			sc[i].pass > 0 ? "true" : sc[i].pass == 0 ? "false" : "null");
		sb_jw_write_string(f, sc[i].note);
		fprintf(f, "}");
	}
	fprintf(f, "]");
}
