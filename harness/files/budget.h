/* The one definition of meeting an error budget, shared by `sigbench pick`
 * and the answer table that opens summary.md: what qualifies, what a row of
 * accuracy.csv proves about a domain, which of two variants is faster, and
 * the fastest qualifying ones among recorded results. */
#ifndef SIGBENCH_BUDGET_H
#define SIGBENCH_BUDGET_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "files/table.h"

struct sb_budget {
	double max_ulp, max_abs; /* NAN: no limit on that one */
	double lo, hi;           /* the domain */
};

/* What is known of one variant's errors on a budget's domain. */
struct sb_verdict {
	int known;
	double ulp, abs;
	uint64_t nan_out, not_cr;
	char bound; /* how ulp, abs relate to the domain's maxima: '=' exact, '>' a lower
		     * bound (a subset or a sample), '<' an upper bound (a superset) */
};

/* One row of accuracy.csv as the budget reads it (pointers into the table). */
struct sb_budget_row {
	const char *variant, *precision, *family, *isa, *interval;
	double lo, hi, ulp, abs; /* ulp, abs: -1 for none (no inputs) */
	uint64_t nan_out, not_cr;
	int exhaustive;          /* every input of [lo, hi] was measured */
};

/* Errors meet the budget: within both limits and no NaN output. */
int sb_budget_met(const struct sb_budget *b, double ulp, double abs, uint64_t nan_out,
		  uint64_t not_cr);
int sb_budget_qualifies(const struct sb_budget *b, const struct sb_verdict *v);

/* accuracy.csv's row i; -1 (e names path and line) when a field is malformed. */
int sb_budget_row(const struct sb_table *t, size_t i, const char *path, struct sb_budget_row *r,
		  struct sb_error *e);

/* What variant's rows among rows[0..n) say about the budget's domain.  A row
 * measured on a sample can rule a variant out; it rules one in (as a lower
 * bound, '>') only with sampled_counts, when the sample is the measurement
 * the caller would make (pick measures f32 exhaustively, so it passes 0). */
void sb_budget_judge(const struct sb_budget *b, const struct sb_budget_row *rows, size_t n,
		     const char *variant, int sampled_counts, struct sb_verdict *v);

/* Order by median ns/element (unknown, < 0, last), ties by name: < 0 when a
 * comes first. */
int sb_budget_faster(double ns_a, const char *a, double ns_b, const char *b);

enum sb_kind { SB_KIND_ANY, SB_KIND_GENERATED, SB_KIND_PEER };

struct sb_pick_query {
	struct sb_budget budget;
	const char *precision; /* "f32" or "f64" */
	const char *isa;       /* NULL: any */
	enum sb_kind kind;
	const char *globs;     /* comma-separated name globs; NULL: every name */
	size_t size;           /* the n whose median ns/element ranks them */
	int function;          /* enum sb_func: only variants computing it (0: sigma) */
};

struct sb_pick_entry {
	char variant[160];
	double ns;
	struct sb_verdict v;
};

/* The qualifying variants of accuracy.csv (acc) that throughput.csv (thr)
 * timed at q->size, fastest first, sampled rows counting as lower bounds:
 * the answer the recorded results give.  Fills out[0..max) and returns how
 * many qualify (may exceed max); -1 (e says why) on a malformed row. */
long sb_budget_pick_recorded(const struct sb_table *acc, const struct sb_table *thr,
			     const struct sb_pick_query *q, struct sb_pick_entry *out, size_t max,
			     struct sb_error *e);

#endif
