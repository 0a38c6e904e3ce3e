/* --walk-from CSV: the inputs where a previous run found the largest
 * float64 errors (accuracy.csv's worst_x, max_abs_x and max_rel_x of every
 * f64 row, each variant and interval), for the sweep to walk around. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "commands/hardcases.h"
#include "files/table.h"
#include "base/util.h"

static double *hard_x; /* kept for the whole run: the sweep options point here */

static int cmp_double(const void *p, const void *q)
{
	double a = *(const double *)p, b = *(const double *)q;
	return a < b ? -1 : a > b;
}

void sb_hard_cases_load(const char *path, struct sb_sweep_opts *o)
{
	static const char *const need[] = { "precision", "worst_x", "max_abs_x", "max_rel_x", NULL };
	struct sb_table t;
	struct sb_error e;
	if (sb_table_read(path, need, &t, &e))
		sb_fail("--walk-from: %s", e.msg);
	free(hard_x);
	hard_x = sb_xmalloc((3 * t.nrows + 1) * sizeof *hard_x);
	size_t n = 0;
	for (size_t i = 0; i < t.nrows; i++) {
		if (strcmp(sb_table_get(&t, i, "precision"), "f64") != 0)
			continue;
		for (int k = 1; need[k]; k++) {
			const char *f = sb_table_get(&t, i, need[k]);
			double x;
			if (strcmp(f, "-") == 0)
				continue; /* no such input (a relative error nowhere defined) */
			if (sb_csv_number(f, &x) || isnan(x)) {
				/* the message quotes the table's text: said before it is freed */
				sb_error_set(&e, "--walk-from: %s:%zu: %s '%s' is not a number", path,
					     i + 2, need[k], f);
				sb_table_free(&t);
				sb_fail("%s", e.msg);
			}
			hard_x[n++] = x;
		}
	}
	sb_table_free(&t);
	if (n == 0)
		sb_fail("--walk-from: %s has no f64 row to walk from", path);
	qsort(hard_x, n, sizeof *hard_x, cmp_double);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (u == 0 || memcmp(&hard_x[i], &hard_x[u - 1], sizeof *hard_x) != 0)
			hard_x[u++] = hard_x[i];
	o->walk_x = hard_x;
	o->walk_nx = u;
}
