/* Tables for programs: accuracy.csv, throughput.csv, results.json.
 * accuracy.csv holds no date, time or commit: the same build measures the
 * same file byte for byte, which is how the tests know results/ is current. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/format.h"
#include "report/json_writer.h"
#include "engine/hash.h"
#include "report/results.h"
#include "report/scoreboard.h"

static void csv_stats_row(FILE *f, const struct sb_accuracy *a, const char *interval,
			  double lo, double hi, const struct sb_errstats *s)
{
	enum sb_prec p = a->v->prec;
	const char *prec = p == SB_F32 ? "f32" : "f64";
	fprintf(f, "%s,%s,%s,%s,%s,\"%s\",%s,%s,%s,%llu,%s,%s,%s,%s,%s,%d,%.6f,%s,%s,%s,%s,%llu,%llu,%llu,%llu,%s,%s\n",
		a->v->name, sb_func_name(a->v->function), prec, a->v->family, a->v->isa, a->sweep, interval,
		sb_fmt_hex(lo, SB_F64).s, sb_fmt_hex(hi, SB_F64).s, (unsigned long long)s->n,
		sb_fmt_num(s->ulp.err).s, sb_fmt_hex(s->ulp.x, p).s, sb_fmt_hex(s->ulp.got, p).s,
		sb_fmt_hex(s->ulp.want, p).s, sb_fmt_num(sb_errstats_mean_ulp(s)).s, s->clamped ? 1 : 0,
		s->n ? 100.0 * (double)s->cr / (double)s->n : 0.0,
		sb_fmt_num(s->abs.err).s, sb_fmt_hex(s->abs.x, p).s, sb_fmt_num(s->rel.err).s,
		sb_fmt_hex(s->rel.x, p).s, (unsigned long long)s->nan_out,
		(unsigned long long)s->oob, (unsigned long long)s->mono,
		(unsigned long long)(s->n - s->cr), sb_fmt_num(s->ulp_num.err).s,
		sb_fmt_hex(s->ulp_num.x, p).s);
}

void sb_write_accuracy_csv(FILE *f, const struct sb_results *r)
{
	fprintf(f, "variant,function,precision,family,isa,sweep,interval,x_lo,x_hi,inputs,max_ulp,worst_x,"
		   "worst_got,worst_want,mean_ulp,mean_is_lower_bound,cr_pct,max_abs,max_abs_x,"
		   "max_rel,max_rel_x,nan_out,out_of_range,mono_breaks,not_cr,max_ulp_non_nan,"
		   "max_ulp_non_nan_x\n");
	for (int p = 0; p < 2; p++) {
		const struct sb_breakpoints *bp = sb_breakpoints(p == SB_F32 ? SB_FMT_F32 : SB_FMT_F64);
		for (size_t i = 0; i < r->nacc[p]; i++) {
			const struct sb_accuracy *a = &r->acc[p][i];
			csv_stats_row(f, a, "all", r->sweep.lo, r->sweep.hi, &a->all);
			if (a->has_domain)
				csv_stats_row(f, a, "domain", a->v->dom_lo, a->v->dom_hi, &a->domain);
			for (int iv = 0; iv < SB_IV_COUNT; iv++)
				csv_stats_row(f, a, sb_interval_name(iv), sb_interval_lo(bp, iv),
					      sb_interval_hi(bp, iv), &a->iv[iv]);
		}
	}
}

void sb_write_throughput_csv(FILE *f, const struct sb_results *r)
{
	fprintf(f, "variant,precision,isa,n,buffers,reps,calls_per_rep,median_ns,min_ns,q1_ns,q3_ns,"
		   "max_ns,spread,melem_per_s,tsc_cycles,ratio_to_exact_f32,cpu,commit,date\n");
	for (int s = 0; s < r->speed_opts.nsizes; s++)
		for (size_t v = 0; v < r->nspeed; v++) {
			const struct sb_speed_result *x = &r->speed[(size_t)s * r->nspeed + v];
			fprintf(f, "%s,%s,%s,%zu,%d,%d,%lu,%.5g,%.5g,%.5g,%.5g,%.5g,%.4f,%.5g,%.5g,%.4g,\"%s\",%s,%s\n",
				x->v->name, x->v->prec == SB_F32 ? "f32" : "f64", x->v->isa, x->n,
				x->buffers, x->reps, x->calls, x->median_ns, x->min_ns, x->q1_ns,
				x->q3_ns, x->max_ns, x->spread, 1e3 / x->median_ns, x->tsc_cycles,
				x->ratio, r->ctx.cpu, r->ctx.commit, r->ctx.date);
		}
}

/* ---- JSON ---- */

static void json_stats(FILE *f, const struct sb_errstats *s, enum sb_prec p)
{
	fprintf(f, "{\"inputs\": %llu, \"max_ulp\": ", (unsigned long long)s->n);
	sb_jw_write_number(f, s->ulp.err < 0 ? NAN : s->ulp.err);
	fprintf(f, ", \"worst_x\": \"%s\", \"worst_got\": \"%s\", \"worst_want\": \"%s\", \"mean_ulp\": ",
		sb_fmt_hex(s->ulp.x, p).s, sb_fmt_hex(s->ulp.got, p).s, sb_fmt_hex(s->ulp.want, p).s);
	sb_jw_write_number(f, sb_errstats_mean_ulp(s));
	fprintf(f, ", \"mean_is_lower_bound\": %s, \"correctly_rounded\": %llu, \"max_abs\": ",
		s->clamped ? "true" : "false", (unsigned long long)s->cr);
	sb_jw_write_number(f, s->abs.err < 0 ? NAN : s->abs.err);
	fprintf(f, ", \"max_abs_x\": \"%s\", \"max_rel\": ", sb_fmt_hex(s->abs.x, p).s);
	sb_jw_write_number(f, s->rel.err < 0 ? NAN : s->rel.err);
	fprintf(f, ", \"max_rel_x\": \"%s\", \"nan_out\": %llu, \"out_of_range\": %llu, "
		   "\"mono_breaks\": %llu, \"max_ulp_non_nan\": ",
		sb_fmt_hex(s->rel.x, p).s, (unsigned long long)s->nan_out,
		(unsigned long long)s->oob, (unsigned long long)s->mono);
	sb_jw_write_number(f, s->ulp_num.err < 0 ? NAN : s->ulp_num.err);
	fprintf(f, ", \"max_ulp_non_nan_x\": \"%s\"}", sb_fmt_hex(s->ulp_num.x, p).s);
}

static void json_accuracy(FILE *f, const struct sb_accuracy *a, const char *sep)
{
	enum sb_prec p = a->v->prec;
	fprintf(f, "%s    {\"variant\": ", sep);
	sb_jw_write_string(f, a->v->name);
	fprintf(f, ", \"function\": \"%s\", \"precision\": \"%s\", \"family\": ",
		sb_func_name(a->v->function), p == SB_F32 ? "f32" : "f64");
	sb_jw_write_string(f, a->v->family);
	fprintf(f, ", \"params\": ");
	sb_jw_write_string(f, a->v->params);
	fprintf(f, ", \"isa\": \"%s\", \"sweep\": ", a->v->isa);
	sb_jw_write_string(f, a->sweep);
	fprintf(f, ", \"exhaustive\": %s", sb_accuracy_is_exhaustive(a) ? "true" : "false");
	fprintf(f, ", \"eval_seconds\": ");
	sb_jw_write_number(f, a->eval_s);
	fprintf(f, ",\n     \"all\": ");
	json_stats(f, &a->all, p);
	fprintf(f, ",\n     \"domain\": ");
	if (a->has_domain) {
		fprintf(f, "{\"lo\": ");
		sb_jw_write_number(f, a->v->dom_lo);
		fprintf(f, ", \"hi\": ");
		sb_jw_write_number(f, a->v->dom_hi);
		fprintf(f, ", \"stats\": ");
		json_stats(f, &a->domain, p);
		fprintf(f, "}");
	} else {
		fprintf(f, "null");
	}
	fprintf(f, ",\n     \"intervals\": {");
	for (int iv = 0; iv < SB_IV_COUNT; iv++) {
		fprintf(f, "%s\n      \"%s\": ", iv ? "," : "", sb_interval_name(iv));
		json_stats(f, &a->iv[iv], p);
	}
	fprintf(f, "},\n     \"nan_inputs\": %llu, \"nan_inputs_kept\": %llu, \"specials\": {",
		(unsigned long long)a->nan_in, (unsigned long long)a->nan_in_kept);
	for (int k = 0; k < SB_NSPECIAL; k++)
		fprintf(f, "%s\"%s\": \"%s\"", k ? ", " : "", sb_special_names[k],
			sb_fmt_hex(a->special_out[k], p).s);
	fprintf(f, "}}");
}

static void json_breakpoints(FILE *f, enum sb_fmt fmt)
{
	const struct sb_breakpoints *bp = sb_breakpoints(fmt);
	enum sb_prec p = fmt == SB_FMT_F32 ? SB_F32 : SB_F64;
	fprintf(f, "{");
	for (int iv = 0; iv < SB_IV_COUNT; iv++)
		fprintf(f, "%s\"%s\": [\"%s\", \"%s\"]", iv ? ", " : "", sb_interval_name(iv),
			sb_fmt_hex(sb_interval_lo(bp, iv), p).s, sb_fmt_hex(sb_interval_hi(bp, iv), p).s);
	fprintf(f, "}");
}

static void json_context(FILE *f, const struct sb_context *c)
{
	const char *keys[] = { "cpu", "features", "compiler", "cflags", "build_type", "commit",
			       "date", "libc", "mpfr" };
	const char *vals[] = { c->cpu, c->features, c->compiler, c->cflags, c->build_type,
			       c->commit, c->date, c->libc, c->mpfr };
	fprintf(f, "{");
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		fprintf(f, "%s\"%s\": ", i ? ", " : "", keys[i]);
		sb_jw_write_string(f, vals[i]);
	}
	fprintf(f, ", \"cores\": %d, \"tsc_ghz\": ", c->cores);
	sb_jw_write_number(f, c->tsc_ghz);
	fprintf(f, "}");
}

/* "instructions_per_16": {"total": T, "fma_mul": ..., "other": ...}, when counted. */
static void json_icount(FILE *f, const struct sb_icount *ic)
{
	if (!ic->counted)
		return;
	fprintf(f, ", \"instructions_per_16\": {\"total\": ");
	sb_jw_write_number(f, ic->total);
	for (int k = 0; k < SB_IC_COUNT; k++) {
		fprintf(f, ", \"%s\": ", sb_iclass_name((enum sb_iclass)k));
		sb_jw_write_number(f, ic->per16[k]);
	}
	fprintf(f, "}");
}

static void json_speed(FILE *f, const struct sb_results *r)
{
	const struct sb_speed_opts *o = &r->speed_opts;
	fprintf(f, "{\"range\": [");
	sb_jw_write_number(f, o->lo);
	fprintf(f, ", ");
	sb_jw_write_number(f, o->hi);
	fprintf(f, "], \"reps\": %d, \"min_rep_s\": %g, \"results\": [", o->reps, o->min_rep_s);
	const char *sep = "";
	for (int s = 0; s < o->nsizes; s++)
		for (size_t v = 0; v < r->nspeed; v++) {
			const struct sb_speed_result *x = &r->speed[(size_t)s * r->nspeed + v];
			fprintf(f, "%s\n    {\"variant\": \"%s\", \"n\": %zu, \"buffers\": %d, \"reps\": %d, "
				   "\"calls_per_rep\": %lu", sep, x->v->name, x->n, x->buffers, x->reps, x->calls);
			/* in full, so that `sigbench report` renders the tables a run would */
			const char *keys[] = { "median_ns", "min_ns", "q1_ns", "q3_ns", "max_ns", "spread",
					       "tsc_cycles", "ratio_to_exact_f32" };
			const double vals[] = { x->median_ns, x->min_ns, x->q1_ns, x->q3_ns, x->max_ns,
						x->spread, x->tsc_cycles, x->ratio };
			for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
				fprintf(f, ", \"%s\": ", keys[k]);
				sb_jw_write_number(f, vals[k]);
			}
			json_icount(f, &x->ic);
			fprintf(f, "}");
			sep = ",";
		}
	fprintf(f, "]}");
}

/* Every sweep's cost, sigma's and each other function's at each precision
 * (scoreboard.h): accuracy_cpu_seconds has only the first sweep's. */
static void json_sweep_costs(FILE *f, const struct sb_results *r)
{
	fprintf(f, ",\n \"sweep_costs\": [");
	const char *sep = "";
	for (int p = 0; p < 2; p++)
		for (int fn = 0; fn < SB_FN_COUNT; fn++) {
			struct sb_sweep_cost c;
			if (!sb_sweep_cost_of(r, (enum sb_prec)p, (enum sb_func)fn, &c))
				continue;
			fprintf(f, "%s\n   {\"function\": \"%s\", \"precision\": \"%s\", \"variants\": %zu, "
				   "\"cpu_seconds\": ", sep, sb_func_name((enum sb_func)fn), p == SB_F32 ? "f32" : "f64",
				c.nv);
			sb_jw_write_number(f, c.cpu);
			fprintf(f, ", \"eval_seconds\": ");
			sb_jw_write_number(f, c.eval);
			fprintf(f, "}");
			sep = ",";
		}
	fprintf(f, "]");
}

void sb_write_json(FILE *f, const struct sb_results *r)
{
	fprintf(f, "{\"schema\": \"sigbench-results/1\",\n \"context\": ");
	json_context(f, &r->ctx);
	fprintf(f, ",\n \"command\": ");
	sb_jw_write_string(f, r->command);
	fprintf(f, ",\n \"accuracy_seconds\": {\"f32\": ");
	sb_jw_write_number(f, r->acc_seconds[SB_F32]);
	fprintf(f, ", \"f64\": ");
	sb_jw_write_number(f, r->acc_seconds[SB_F64]);
	fprintf(f, "}");
	fprintf(f, ",\n \"accuracy_cpu_seconds\": {\"f32\": ");
	sb_jw_write_number(f, r->nacc[SB_F32] ? r->acc[SB_F32][0].sweep_cpu_s : 0);
	fprintf(f, ", \"f64\": ");
	sb_jw_write_number(f, r->nacc[SB_F64] ? r->acc[SB_F64][0].sweep_cpu_s : 0);
	fprintf(f, "}");
	fprintf(f, ",\n \"accuracy_inputs_per_cpu_second\": {\"f32\": ");
	sb_jw_write_number(f, sb_sweep_rate(r, SB_F32));
	fprintf(f, ", \"f64\": ");
	sb_jw_write_number(f, sb_sweep_rate(r, SB_F64));
	fprintf(f, "}");
	json_sweep_costs(f, r);
	fprintf(f, ",\n \"breakpoints\": {\"f32\": ");
	json_breakpoints(f, SB_FMT_F32);
	fprintf(f, ",\n                 \"f64\": ");
	json_breakpoints(f, SB_FMT_F64);
	fprintf(f, "},\n \"accuracy\": [");
	const char *sep = "\n";
	for (int p = 0; p < 2; p++)
		for (size_t i = 0; i < r->nacc[p]; i++) {
			json_accuracy(f, &r->acc[p][i], sep);
			sep = ",\n";
		}
	fprintf(f, "],\n \"throughput\": ");
	if (r->have_speed)
		json_speed(f, r);
	else
		fprintf(f, "null");
	fprintf(f, ",\n \"scoreboard\": ");
	if (r->have_speed && r->nacc[SB_F32])
		sb_scoreboard_json(f, r);
	else
		fprintf(f, "null");
	fprintf(f, ",\n \"skipped\": [");
	for (size_t i = 0; i < r->nskipped; i++) {
		fprintf(f, "%s", i ? ", " : "");
		sb_jw_write_string(f, r->skipped[i]->name);
	}
	fprintf(f, "]}\n");
}

void sb_write_hashes(FILE *f, const struct sb_variant *const *vs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%016llx  %s\n", (unsigned long long)sb_hash_variant(vs[i]), vs[i]->name);
}
