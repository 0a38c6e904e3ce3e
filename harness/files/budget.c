#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "engine/registry.h"
#include "files/budget.h"

int sb_budget_met(const struct sb_budget *b, double ulp, double abs, uint64_t nan_out,
		  uint64_t not_cr)
{
	if (nan_out) /* an infinite error, whatever the other figures say */
		return 0;
	/* a misrounded output is above 0.5 ULP, however close: its 9-digit
	 * figure may read 0.5, the count of outputs not CR settles it */
	if (!isnan(b->max_ulp) && (ulp > b->max_ulp || (b->max_ulp <= 0.5 && not_cr)))
		return 0;
	return isnan(b->max_abs) || abs <= b->max_abs;
}

int sb_budget_qualifies(const struct sb_budget *b, const struct sb_verdict *v)
{
	return v->known && sb_budget_met(b, v->ulp, v->abs, v->nan_out, v->not_cr);
}

static int count(const char *s, uint64_t *v)
{
	char *end;
	*v = strtoull(s, &end, 10);
	return s[0] < '0' || s[0] > '9' || *end ? -1 : 0;
}

int sb_budget_row(const struct sb_table *t, size_t i, const char *path, struct sb_budget_row *r,
		  struct sb_error *e)
{
	static const char *const nums[] = { "x_lo", "x_hi", "max_ulp", "max_abs" };
	double v[4];
	for (int k = 0; k < 4; k++)
		if (sb_csv_number(sb_table_get(t, i, nums[k]), &v[k]))
			return sb_error_set(e, "%s:%zu: %s '%s' is not a number", path, i + 2, nums[k],
					    sb_table_get(t, i, nums[k]));
	const char *not_cr = sb_table_get(t, i, "not_cr");
	r->not_cr = 0;
	if (count(sb_table_get(t, i, "nan_out"), &r->nan_out) || (not_cr && count(not_cr, &r->not_cr)))
		return sb_error_set(e, "%s:%zu: nan_out or not_cr is not a count", path, i + 2);
	r->variant = sb_table_get(t, i, "variant");
	r->precision = sb_table_get(t, i, "precision");
	r->family = sb_table_get(t, i, "family");
	r->isa = sb_table_get(t, i, "isa");
	r->interval = sb_table_get(t, i, "interval");
	r->lo = v[0];
	r->hi = v[1];
	r->ulp = v[2];
	r->abs = v[3];
	r->exhaustive = strncmp(sb_table_get(t, i, "sweep"), "exhaustive", 10) == 0;
	return 0;
}

static void set_known(struct sb_verdict *v, const struct sb_budget_row *r, char bound)
{
	*v = (struct sb_verdict){ 1, r->ulp, r->abs, r->nan_out, r->not_cr, bound };
}

void sb_budget_judge(const struct sb_budget *b, const struct sb_budget_row *rows, size_t n,
		     const char *variant, int sampled_counts, struct sb_verdict *v)
{
	memset(v, 0, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		const struct sb_budget_row *r = &rows[i];
		if (strcmp(r->variant, variant) != 0)
			continue;
		int covers = r->lo <= b->lo && r->hi >= b->hi; /* the row's inputs include ours */
		int inside = r->lo >= b->lo && r->hi <= b->hi; /* ours include the row's */
		int is_iv = strcmp(r->interval, "all") != 0 && strcmp(r->interval, "domain") != 0;
		int met = sb_budget_met(b, r->ulp, r->abs, r->nan_out, r->not_cr);
		int full = r->exhaustive;
		if (!is_iv && covers && full && met && !v->known)
			set_known(v, r, '<'); /* an upper bound that already meets the budget */
		if (inside && !met) {
			set_known(v, r, covers && full ? '=' : '>'); /* already breaks it */
			return;
		}
		if (!is_iv && covers && inside && (full || sampled_counts)) /* the same inputs */
			set_known(v, r, full ? '=' : '>');
	}
}

int sb_budget_faster(double ns_a, const char *a, double ns_b, const char *b)
{
	double ta = ns_a < 0 ? INFINITY : ns_a, tb = ns_b < 0 ? INFINITY : ns_b;
	if (ta != tb)
		return ta < tb ? -1 : 1;
	return strcmp(a, b);
}

static int by_speed(const void *x, const void *y)
{
	const struct sb_pick_entry *a = x, *b = y;
	return sb_budget_faster(a->ns, a->variant, b->ns, b->variant);
}

static int wanted(const struct sb_budget_row *r, const struct sb_pick_query *q)
{
	int peer = strcmp(r->family, "peer") == 0;
	if (q->kind != SB_KIND_ANY && peer != (q->kind == SB_KIND_PEER))
		return 0;
	if (q->globs && !sb_glob_match(q->globs, r->variant))
		return 0;
	const struct sb_variant *v = sb_find_variant(r->variant); /* not ours: sigma */
	if ((v ? (int)v->function : SB_FN_SIGMOID) != q->function)
		return 0;
	return strcmp(r->precision, q->precision) == 0 && (!q->isa || strcmp(r->isa, q->isa) == 0);
}

/* Median ns/element of variant at n = size in thr, or -1. */
static double recorded_ns(const struct sb_table *thr, const char *variant, size_t size)
{
	for (size_t i = 0; i < thr->nrows; i++)
		if (strcmp(sb_table_get(thr, i, "variant"), variant) == 0 &&
		    strtoull(sb_table_get(thr, i, "n"), NULL, 10) == size)
			return strtod(sb_table_get(thr, i, "median_ns"), NULL);
	return -1;
}

long sb_budget_pick_recorded(const struct sb_table *acc, const struct sb_table *thr,
			     const struct sb_pick_query *q, struct sb_pick_entry *out, size_t max,
			     struct sb_error *e)
{
	struct sb_budget_row *rows = sb_xcalloc(acc->nrows + 1, sizeof *rows);
	struct sb_pick_entry *all = sb_xcalloc(acc->nrows + 1, sizeof *all);
	size_t n = 0;
	for (size_t i = 0; i < acc->nrows; i++)
		if (sb_budget_row(acc, i, "accuracy.csv", &rows[i], e)) {
			free(rows);
			free(all);
			return -1;
		}
	for (size_t i = 0; i < acc->nrows; i++) {
		const struct sb_budget_row *r = &rows[i];
		/* each variant once (its "all" row), and only if timed at size */
		if (strcmp(r->interval, "all") != 0 || !wanted(r, q))
			continue;
		struct sb_pick_entry *c = &all[n];
		snprintf(c->variant, sizeof c->variant, "%s", r->variant);
		c->ns = recorded_ns(thr, r->variant, q->size);
		sb_budget_judge(&q->budget, rows, acc->nrows, r->variant, 1, &c->v);
		if (c->ns >= 0 && sb_budget_qualifies(&q->budget, &c->v))
			n++;
	}
	qsort(all, n, sizeof *all, by_speed);
	memcpy(out, all, (n < max ? n : max) * sizeof *out);
	free(rows);
	free(all);
	return (long)n;
}
