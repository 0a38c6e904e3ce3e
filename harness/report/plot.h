/* The plots of one run, drawn by the suite itself as SVG (no plotting
 * library; nothing but this C runs at measurement time):
 *
 *   ulp_vs_x.svg, abs_vs_x.svg  the largest error per bin of x (struct
 *       sb_accuracy's bins), one panel per plotted f32 variant of sigma,
 *       shared axes; ulp_vs_x-FUNCTION.svg, abs_vs_x-FUNCTION.svg the same
 *       for each other function of the family
 *   pareto.svg  median ns/element against max ULP, one point per f32
 *       variant of sigma with both results, and the front of the fastest
 *       for a given accuracy; pareto-FUNCTION.svg the same for each other
 *       function of the family
 *
 * Each writer emits one <svg> element and nothing else (no XML declaration,
 * no id attributes), so the same bytes are a standalone file and can be
 * inlined into index.html as they are, several to a page. */
#ifndef SIGBENCH_PLOT_H
#define SIGBENCH_PLOT_H

#include <stddef.h>
#include <stdio.h>

#include "report/results.h"

#define SB_PLOT_ULP_FILE "ulp_vs_x.svg"
#define SB_PLOT_ABS_FILE "abs_vs_x.svg"
#define SB_PLOT_PARETO_FILE "pareto.svg"

enum sb_plot_metric { SB_PLOT_ULP, SB_PLOT_ABS };

/* Whether the run has what a plot needs: some f32 variant of fn with error bins;
 * some f32 variant with both an accuracy and a speed result.  The writers
 * of the files and of the references to them (summary.md) both ask these. */
int sb_plot_have_errors(const struct sb_results *r, enum sb_func fn);
int sb_plot_have_pareto(const struct sb_results *r, enum sb_func fn);

void sb_plot_errors_svg(FILE *f, const struct sb_results *r, enum sb_plot_metric m,
			enum sb_func fn);
/* SB_PLOT_ULP_FILE / SB_PLOT_ABS_FILE for sigma, ulp_vs_x-FUNCTION.svg and
 * abs_vs_x-FUNCTION.svg for the others. */
const char *sb_plot_errors_file(enum sb_plot_metric m, enum sb_func fn);
void sb_plot_pareto_svg(FILE *f, const struct sb_results *r, enum sb_func fn);
/* SB_PLOT_PARETO_FILE for sigma, pareto-FUNCTION.svg for the others. */
const char *sb_plot_pareto_file(enum sb_func fn);

/* Text for XML and HTML: & < > " ' escaped, control characters and bytes
 * that are not valid UTF-8 replaced by '?', so a stray byte in a command
 * line cannot make a file unparseable. */
void sb_xml_escape(FILE *f, const char *s, size_t n);
void sb_xml_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
