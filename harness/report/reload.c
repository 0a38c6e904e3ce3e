/* A run read back from its results.json (report/reload.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "engine/registry.h"
#include "files/json.h"
#include "files/table.h"
#include "report/plot.h"
#include "report/reload.h"

static const struct sb_variant *variant_named(const char *name, const char *path,
					      struct sb_error *e)
{
	const struct sb_variant *v = sb_find_variant(name);
	if (!v)
		sb_error_set(e, "%s: '%s' is not a variant of this build (report re-renders runs of "
				"built-in variants)", path, name);
	return v;
}

static void context_of(const struct sb_json *j, struct sb_context *c)
{
	struct {
		const char *key;
		char *dst;
		size_t size;
	} strs[] = {
		{ "cpu", c->cpu, sizeof c->cpu }, { "features", c->features, sizeof c->features },
		{ "compiler", c->compiler, sizeof c->compiler }, { "cflags", c->cflags, sizeof c->cflags },
		{ "build_type", c->build_type, sizeof c->build_type }, { "commit", c->commit, sizeof c->commit },
		{ "date", c->date, sizeof c->date }, { "libc", c->libc, sizeof c->libc },
		{ "mpfr", c->mpfr, sizeof c->mpfr },
	};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		snprintf(strs[i].dst, strs[i].size, "%s", sb_json_str(sb_json_get(j, strs[i].key)));
	c->cores = (int)sb_json_num(sb_json_get(j, "cores"));
	c->tsc_ghz = sb_json_num(sb_json_get(j, "tsc_ghz"));
}

/* "nan" stands for "none" (-1) in results.json's maxima. */
static double maximum(const struct sb_json *j, const char *key)
{
	double v = sb_json_num(sb_json_get(j, key));
	return isnan(v) ? -1 : v;
}

static double hex(const struct sb_json *j, const char *key)
{
	return strtod(sb_json_str(sb_json_get(j, key)), NULL);
}

static uint64_t count(const struct sb_json *j, const char *key)
{
	return (uint64_t)sb_json_num(sb_json_get(j, key));
}

static void stats_of(const struct sb_json *j, struct sb_errstats *s)
{
	sb_errstats_init(s);
	s->n = count(j, "inputs");
	s->ulp = (struct sb_worst){ maximum(j, "max_ulp"), hex(j, "worst_x"), hex(j, "worst_got"),
				    hex(j, "worst_want") };
	s->abs = (struct sb_worst){ maximum(j, "max_abs"), hex(j, "max_abs_x"), 0, 0 };
	s->rel = (struct sb_worst){ maximum(j, "max_rel"), hex(j, "max_rel_x"), 0, 0 };
	s->cr = count(j, "correctly_rounded");
	s->nan_out = count(j, "nan_out");
	s->oob = count(j, "out_of_range");
	s->mono = count(j, "mono_breaks");
	/* absent from files older than the field: unknown where a NaN was seen */
	s->ulp_num = sb_json_get(j, "max_ulp_non_nan") ?
			     (struct sb_worst){ maximum(j, "max_ulp_non_nan"), hex(j, "max_ulp_non_nan_x"), 0, 0 } :
			     s->nan_out ? (struct sb_worst){ -1, 0, 0, 0 } : s->ulp;
	s->clamped = sb_json_num(sb_json_get(j, "mean_is_lower_bound")) > 0;
	/* the sum that gives the recorded mean (sb_errstats_mean_ulp) */
	double mean = sb_json_num(sb_json_get(j, "mean_ulp"));
	s->ulp_sum = (sb_u128)nearbyint(mean * SB_ULP_SUM_SCALE * (double)(s->n - s->nan_out));
}

static double optional_num(const struct sb_json *j, const char *key)
{
	const struct sb_json *k = sb_json_get(j, key);
	return k ? sb_json_num(k) : 0;
}

static int accuracy_of(const struct sb_json *j, struct sb_accuracy *a, const char *path,
		       struct sb_error *e)
{
	memset(a, 0, sizeof *a);
	a->v = variant_named(sb_json_str(sb_json_get(j, "variant")), path, e);
	if (!a->v)
		return -1;
	snprintf(a->sweep, sizeof a->sweep, "%s", sb_json_str(sb_json_get(j, "sweep")));
	stats_of(sb_json_get(j, "all"), &a->all);
	const struct sb_json *dom = sb_json_get(j, "domain");
	a->has_domain = dom && dom->type == SB_JSON_OBJ;
	if (a->has_domain)
		stats_of(sb_json_get(dom, "stats"), &a->domain);
	const struct sb_json *iv = sb_json_get(j, "intervals");
	for (int k = 0; k < SB_IV_COUNT; k++)
		stats_of(sb_json_get(iv, sb_interval_name(k)), &a->iv[k]);
	/* absent from results older than the sweep's cost figures: 0, not shown */
	a->eval_s = optional_num(j, "eval_seconds");
	a->nan_in = count(j, "nan_inputs");
	a->nan_in_kept = count(j, "nan_inputs_kept");
	const struct sb_json *sp = sb_json_get(j, "specials");
	for (int k = 0; k < SB_NSPECIAL; k++)
		a->special_out[k] = hex(sp, sb_special_names[k]);
	return 0;
}

static int accuracies_of(const struct sb_json *list, struct sb_results *r, const char *path,
			 struct sb_error *e)
{
	for (int p = 0; p < 2; p++)
		r->acc[p] = sb_xcalloc(list->nkids + 1, sizeof *r->acc[p]);
	for (size_t i = 0; i < list->nkids; i++) {
		const struct sb_json *j = &list->kids[i];
		int p = strcmp(sb_json_str(sb_json_get(j, "precision")), "f64") == 0 ? SB_F64 : SB_F32;
		if (accuracy_of(j, &r->acc[p][r->nacc[p]], path, e))
			return -1;
		r->nacc[p]++;
	}
	return 0;
}

/* Optional: written by runs that counted the kernel (report_data.c). */
static void icount_of(const struct sb_json *j, struct sb_icount *ic)
{
	if (!j || j->type != SB_JSON_OBJ)
		return;
	ic->total = sb_json_num(sb_json_get(j, "total"));
	for (int k = 0; k < SB_IC_COUNT; k++)
		ic->per16[k] = optional_num(j, sb_iclass_name((enum sb_iclass)k)); /* 0: none counted */
	sb_icount_model(ic);
	ic->counted = 1;
}

/* The sizes in the order the run timed them (size-major results). */
static int speed_of(const struct sb_json *t, struct sb_results *r, const char *path,
		    struct sb_error *e)
{
	struct sb_speed_opts *o = &r->speed_opts;
	const struct sb_json *range = sb_json_get(t, "range"), *res = sb_json_get(t, "results");
	if (!range || range->nkids != 2 || !res || res->type != SB_JSON_ARR || res->nkids == 0)
		return sb_error_set(e, "%s: throughput lacks its range or results", path);
	o->lo = sb_json_num(&range->kids[0]);
	o->hi = sb_json_num(&range->kids[1]);
	o->reps = (int)sb_json_num(sb_json_get(t, "reps"));
	o->min_rep_s = sb_json_num(sb_json_get(t, "min_rep_s"));
	r->speed = sb_xcalloc(res->nkids, sizeof *r->speed);
	for (size_t i = 0; i < res->nkids; i++) {
		const struct sb_json *j = &res->kids[i];
		struct sb_speed_result *x = &r->speed[i];
		if (!(x->v = variant_named(sb_json_str(sb_json_get(j, "variant")), path, e)))
			return -1;
		x->n = (size_t)sb_json_num(sb_json_get(j, "n"));
		if (o->nsizes == 0 || (o->sizes[o->nsizes - 1] != x->n && o->nsizes < SB_MAX_SIZES))
			o->sizes[o->nsizes++] = x->n;
		x->buffers = (int)count(j, "buffers");
		x->reps = (int)count(j, "reps");
		x->calls = (unsigned long)count(j, "calls_per_rep");
		double *dst[] = { &x->median_ns, &x->min_ns, &x->q1_ns, &x->q3_ns, &x->max_ns,
				  &x->spread, &x->tsc_cycles, &x->ratio };
		const char *keys[] = { "median_ns", "min_ns", "q1_ns", "q3_ns", "max_ns", "spread",
				       "tsc_cycles", "ratio_to_exact_f32" };
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			*dst[k] = sb_json_num(sb_json_get(j, keys[k]));
		icount_of(sb_json_get(j, "instructions_per_16"), &x->ic);
	}
	r->nspeed = res->nkids / (size_t)o->nsizes;
	if (r->nspeed * (size_t)o->nsizes != res->nkids)
		return sb_error_set(e, "%s: throughput results are not one per variant and size", path);
	r->have_speed = 1;
	return 0;
}

static int skipped_of(const struct sb_json *list, struct sb_results *r, const char *path,
		      struct sb_error *e)
{
	r->skipped = sb_xcalloc(list ? list->nkids + 1 : 1, sizeof *r->skipped);
	for (size_t i = 0; list && i < list->nkids; i++)
		if (!(r->skipped[r->nskipped++] = variant_named(sb_json_str(&list->kids[i]), path, e)))
			return -1;
	return 0;
}

/* The swept range is the "all" rows' x range of accuracy.csv. */
static int sweep_range(const char *dir, struct sb_results *r, struct sb_error *e)
{
	struct sb_table t;
	r->sweep.lo = -INFINITY;
	r->sweep.hi = INFINITY;
	int got = sb_table_read_in(dir, "accuracy.csv", sb_accuracy_csv_columns, &t, e);
	if (got <= 0)
		return got;
	int bad = t.nrows && (sb_csv_number(sb_table_get(&t, 0, "x_lo"), &r->sweep.lo) ||
			      sb_csv_number(sb_table_get(&t, 0, "x_hi"), &r->sweep.hi));
	sb_table_free(&t);
	return bad ? sb_error_set(e, "%s/accuracy.csv:2: x_lo or x_hi is not a number", dir) : 0;
}

/* The CPU seconds of the sweep row a's function was measured in: its
 * sweep_costs entry, or in files written before those, accuracy_cpu_seconds
 * for the rows of the first sweep (first: the function of the precision's
 * first row), which is whose it is (0 otherwise). */
static double sweep_cpu_for(const struct sb_json *root, const struct sb_accuracy *a, enum sb_prec p,
			    enum sb_func first)
{
	const char *prec = p == SB_F32 ? "f32" : "f64";
	const struct sb_json *costs = sb_json_get(root, "sweep_costs");
	if (costs && costs->type == SB_JSON_ARR) {
		for (size_t k = 0; k < costs->nkids; k++) {
			const struct sb_json *c = &costs->kids[k];
			if (strcmp(sb_json_str(sb_json_get(c, "precision")), prec) == 0 &&
			    strcmp(sb_json_str(sb_json_get(c, "function")), sb_func_name(a->v->function)) == 0)
				return optional_num(c, "cpu_seconds");
		}
		return 0;
	}
	const struct sb_json *cpu = sb_json_get(root, "accuracy_cpu_seconds");
	return cpu && a->v->function == first ? optional_num(cpu, prec) : 0;
}

static void sweep_cpu_of(const struct sb_json *root, struct sb_results *r)
{
	for (int p = 0; p < 2; p++)
		for (size_t i = 0; i < r->nacc[p]; i++)
			r->acc[p][i].sweep_cpu_s = sweep_cpu_for(root, &r->acc[p][i], (enum sb_prec)p,
								 r->acc[p][0].v->function);
}

static int load_tree(const struct sb_json *root, const char *dir, const char *path,
		     struct sb_results *r, struct sb_error *e)
{
	const struct sb_json *secs = sb_json_get(root, "accuracy_seconds");
	const struct sb_json *acc = sb_json_get(root, "accuracy");
	if (strcmp(sb_json_str(sb_json_get(root, "schema")), "sigbench-results/1") != 0)
		return sb_error_set(e, "%s: not a sigbench-results/1 file", path);
	if (!secs)
		return sb_error_set(e, "%s: no \"accuracy_seconds\" (written by sigbench run since "
				       "the answer table; older files lack it)", path);
	if (!acc || acc->type != SB_JSON_ARR)
		return sb_error_set(e, "%s: no \"accuracy\" list", path);
	context_of(sb_json_get(root, "context"), &r->ctx);
	snprintf(r->command, sizeof r->command, "%s", sb_json_str(sb_json_get(root, "command")));
	r->acc_seconds[SB_F32] = sb_json_num(sb_json_get(secs, "f32"));
	r->acc_seconds[SB_F64] = sb_json_num(sb_json_get(secs, "f64"));
	const struct sb_json *thr = sb_json_get(root, "throughput");
	if (accuracies_of(acc, r, path, e) || skipped_of(sb_json_get(root, "skipped"), r, path, e))
		return -1;
	if (thr && thr->type == SB_JSON_OBJ && speed_of(thr, r, path, e))
		return -1;
	sweep_cpu_of(root, r);
	return sweep_range(dir, r, e);
}

int sb_results_load(const char *dir, struct sb_results *r, struct sb_error *e)
{
	char path[4096];
	memset(r, 0, sizeof *r);
	if (snprintf(path, sizeof path, "%s/results.json", dir) >= (int)sizeof path)
		return sb_error_set(e, "%s: path too long", dir);
	char *text = sb_read_text(path, e);
	if (!text)
		return -1;
	struct sb_json *root = sb_json_parse(text, path, e);
	free(text);
	if (!root)
		return -1;
	int rc = load_tree(root, dir, path, r, e);
	sb_json_free(root);
	if (rc) {
		sb_results_free(r);
		return -1;
	}
	r->plot_dir = dir;
	return 0;
}
