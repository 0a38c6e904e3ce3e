/* sigbench suggest-limits --from accuracy.csv [--limits FILE] [--variants GLOB]:
 * candidate limits-file lines from a measurement, for the variants that
 * have none in FILE (or those --variants names).  Each bound is the
 * measured figure rounded up to two significant digits, which stays inside
 * what `check --strict` accepts (ulp: at most max(1.5 x, x + 0.5); abs: at
 * most 2 x; counts: exactly x).  Review them: a limit is a claim about the
 * code, and the comment above it should say why the number is what it is. */
#define _POSIX_C_SOURCE 200809L
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "commands/cli.h"
#include "commands/commands.h"
#include "files/limitfile.h"
#include "files/table.h"

/* x rounded up to two significant digits, as %.2g prints it (three where
 * printing two would round below x); 0 stays 0; -1 when no finite bound. */
static double round_up(double x)
{
	if (x <= 0)
		return 0;
	if (!(x < DBL_MAX / 100))
		return -1;
	double step = pow(10, floor(log10(x)) - 1);
	double v = ceil(x / step - 1e-9) * step;
	char b[32];
	snprintf(b, sizeof b, "%.2g", v);
	if (strtod(b, NULL) < x)
		snprintf(b, sizeof b, "%.3g", v);
	return strtod(b, NULL);
}

static int named(const struct sb_limit *lim, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(lim[i].v->name, name) == 0)
			return 1;
	return 0;
}

static void bound_line(const char *name, const char *metric, double measured, const char *dom)
{
	double b = round_up(measured);
	if (b >= 0 && *dom)
		printf("%-38s %-4s %-9.3g %s\n", name, metric, b, dom);
	else if (b >= 0)
		printf("%-38s %-4s %.3g\n", name, metric, b);
}

static void suggest_row(const struct sb_table *t, size_t i, const char *path)
{
	struct sb_errstats s;
	double lo, hi;
	struct sb_error e;
	if (sb_accuracy_row_stats(t, i, path, &s, &lo, &hi, &e))
		sb_fail("%s", e.msg);
	const char *name = sb_table_get(t, i, "variant");
	int all = strcmp(sb_table_get(t, i, "interval"), "all") == 0;
	char dom[64] = "";
	if (!all)
		snprintf(dom, sizeof dom, "%g:%g", lo, hi);
	bound_line(name, "ulp", s.ulp.err, dom);
	bound_line(name, "abs", s.abs.err, dom);
	if (all)
		printf("%-38s mono %llu\n", name, (unsigned long long)s.mono);
	if (all && s.nan_out)
		printf("%-38s nan  %llu\n", name, (unsigned long long)s.nan_out);
}

int sb_cmd_suggest_limits(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "suggest-limits");
	sb_cli_parse(&c, argc, argv, OPTBIT(OPT_FROM) | OPTBIT(OPT_LIMITS) | OPTBIT(OPT_VARIANTS) |
		     OPTBIT(OPT_HELP),
		     "usage: sigbench suggest-limits --from accuracy.csv [--limits FILE] [--variants GLOB]\n"
		     "Candidate limits-file lines (ulp and abs on all inputs and on each variant's own\n"
		     "domain, monotonicity breaks, NaN outputs), each rounded up to two digits, for the\n"
		     "variants FILE does not limit yet, or those --variants names.  Review them.");
	if (!c.from)
		sb_fail("suggest-limits needs --from accuracy.csv");
	struct sb_error e;
	size_t nl = 0;
	struct sb_limit *lim = NULL;
	if (c.limits && !(lim = sb_limits_read(c.limits, &nl, &e)))
		sb_fail("%s", e.msg);
	struct sb_table t;
	if (sb_table_read(c.from, sb_accuracy_csv_columns, &t, &e)) {
		free(lim);
		sb_fail("%s", e.msg);
	}
	for (size_t i = 0; i < t.nrows; i++) {
		const char *name = sb_table_get(&t, i, "variant"), *iv = sb_table_get(&t, i, "interval");
		int wanted = c.variants ? sb_glob_match(c.variants, name) : !named(lim, nl, name);
		if (wanted && (strcmp(iv, "all") == 0 || strcmp(iv, "domain") == 0))
			suggest_row(&t, i, c.from);
	}
	sb_table_free(&t);
	free(lim);
	return 0;
}
