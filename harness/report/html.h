/* results/index.html: one self-contained page of a run (inline CSS, the SVG
 * plots inline, nothing fetched): title, machine, how to reproduce, and
 * every table and plot of summary.md. */
#ifndef SIGBENCH_HTML_H
#define SIGBENCH_HTML_H

#include <stdio.h>

#include "report/results.h"

void sb_write_index_html(FILE *f, const struct sb_results *r);

#endif
