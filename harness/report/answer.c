/* The answer table that opens summary.md: per precision, ISA and common
 * error budget, the fastest qualifying generated variant and peer.  The
 * choice is `sigbench pick --recorded`'s (files/budget.h) on the very
 * accuracy.csv and throughput.csv this run writes, rendered into memory and
 * read back by the one CSV reader, so a cell and pick cannot disagree. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "files/budget.h"
#include "report/answer.h"
#include "report/format.h"

/* Each budget is written as pick's options for it (the table's legend says
 * what they mean), which keeps the table narrow enough for one screen. */
static const struct {
	double ulp, abs;
	const char *flags;
} budgets[] = {
	{ 0.5, NAN, "--max-ulp 0.5" }, { 1, NAN, "--max-ulp 1" },       { 4, NAN, "--max-ulp 4" },
	{ NAN, 1e-6, "--max-abs 1e-6" }, { NAN, 1e-3, "--max-abs 1e-3" }, { NAN, 1e-2, "--max-abs 1e-2" },
};
#define NBUDGETS (sizeof budgets / sizeof budgets[0])

static const char *const isas[] = { "scalar", "sse2", "sse41", "avx2", "avx512", "auto" };
#define NISAS (sizeof isas / sizeof isas[0])

typedef void (*csv_writer)(FILE *, const struct sb_results *);

/* What writer puts in a file, as a table read back from memory. */
static void table_of(csv_writer writer, const struct sb_results *r, const char *const *cols,
		     struct sb_table *t)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		sb_die("cannot build the answer table: out of memory");
	writer(m, r);
	if (fclose(m) != 0)
		sb_die("cannot build the answer table: out of memory");
	struct sb_error e;
	if (sb_table_parse(text, "(this run)", cols, t, &e))
		sb_die("the answer table cannot read this run's table back: %s", e.msg);
}

/* ISA isa has a variant of precision prec in this run's accuracy table. */
static int isa_present(const struct sb_table *acc, const char *prec, const char *isa)
{
	for (size_t i = 0; i < acc->nrows; i++)
		if (strcmp(sb_table_get(acc, i, "precision"), prec) == 0 &&
		    strcmp(sb_table_get(acc, i, "isa"), isa) == 0)
			return 1;
	return 0;
}

/* "| name | ns | ULP | abs |" of the fastest of kind, or "none". */
static void cell(FILE *f, const struct sb_table *acc, const struct sb_table *thr,
		 struct sb_pick_query *q, enum sb_kind kind)
{
	struct sb_pick_entry top;
	struct sb_error e;
	q->kind = kind;
	long n = sb_budget_pick_recorded(acc, thr, q, &top, 1, &e);
	if (n < 0)
		sb_die("the answer table: %s", e.msg);
	if (n == 0) {
		fprintf(f, " none | | | |");
		return;
	}
	const char *rel = top.v.bound == '>' ? ">=" : top.v.bound == '<' ? "<=" : "";
	fprintf(f, " %s | %.4g | %s%s | %s%s |", top.variant, top.ns, rel, sb_fmt_ulp(top.v.ulp).s, rel,
		sb_fmt_g(top.v.abs).s);
}

static void rows(FILE *f, const struct sb_table *acc, const struct sb_table *thr, const char *prec,
		 size_t size)
{
	for (size_t i = 0; i < NISAS; i++) {
		if (!isa_present(acc, prec, isas[i]))
			continue;
		for (size_t b = 0; b < NBUDGETS; b++) {
			struct sb_pick_query q = { { budgets[b].ulp, budgets[b].abs, -INFINITY, INFINITY },
						   prec, isas[i], SB_KIND_ANY, NULL, size, SB_FN_SIGMOID };
			fprintf(f, "| %s | %s | `%s` |", prec, isas[i], budgets[b].flags);
			cell(f, acc, thr, &q, SB_KIND_GENERATED);
			cell(f, acc, thr, &q, SB_KIND_PEER);
			fprintf(f, "\n");
		}
	}
}

int sb_answer_possible(const struct sb_results *r)
{
	return r->have_speed && r->nacc[SB_F32] + r->nacc[SB_F64] > 0;
}

void sb_answer_md(FILE *f, const struct sb_results *r)
{
	struct sb_table acc, thr;
	table_of(sb_write_accuracy_csv, r, sb_accuracy_csv_columns, &acc);
	table_of(sb_write_throughput_csv, r, sb_throughput_csv_columns, &thr);
	size_t n = r->speed_opts.sizes[0];
	fprintf(f, "## Which variant for my budget\n\n"
		   "The fastest variant meeting each error budget over **all inputs**, per precision "
		   "and ISA: ours (generated) and the fastest peer library (XNNPACK, SLEEF, Eigen, "
		   "oneDNN, glibc). Budget: `--max-ulp X` is max ULP error <= X (0.5: correctly "
		   "rounded), `--max-abs Y` max absolute error <= Y. ns: the median ns/element at "
		   "n = %zu (one thread, as in the scoreboard); max ULP, max abs: over all inputs. "
		   "A variant with any NaN output never qualifies; \"none\": nothing in this run "
		   "meets the budget. `>=`: measured on a sample (every float64 figure, and float32 "
		   "from a `--stride` run), a lower bound: the true maximum may be larger.\n\n",
		n);
	fprintf(f, "| precision | ISA | budget | fastest generated | ns (n=%zu) | max ULP | max abs "
		   "| fastest peer | ns | max ULP | max abs |\n"
		   "|---|---|---|---|--:|--:|--:|---|--:|--:|--:|\n", n);
	rows(f, &acc, &thr, "f32", n);
	rows(f, &acc, &thr, "f64", n);
	fprintf(f, "\nEach cell is what `sigbench pick --recorded` answers from this directory's "
		   "accuracy.csv and throughput.csv, e.g. for float32, AVX2, `--max-ulp 1` (DIR: the "
		   "directory of this file):\n\n"
		   "- `sigbench pick --recorded --results DIR --precision f32 --isa avx2 --size %zu "
		   "--max-ulp 1 --kind generated`\n"
		   "- the same with `--kind peer` for the peer column; other rows: their precision, "
		   "ISA and budget.\n\n"
		   "Without `--recorded`, pick re-measures what it cannot take from the results "
		   "(throughput when your build is not this commit; float64 on samples), so its "
		   "times may differ.\n\n",
		n);
	sb_table_free(&acc);
	sb_table_free(&thr);
}
