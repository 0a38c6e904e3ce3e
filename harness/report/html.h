/* results/index.html and details.html: self-contained pages of a run
 * (inline CSS, the SVG plots inline, nothing fetched but the other page when
 * its link is followed): every table and plot of summary.md or details.md,
 * and how to reproduce them. */
#ifndef SIGBENCH_HTML_H
#define SIGBENCH_HTML_H

#include <stdio.h>

#include "report/results.h"

/* The heading of the machine's section in both Markdown files; the page
 * puts "Reproduce" after it. */
#define SB_MACHINE_HEADING "Machine and method"

typedef void (*sb_md_writer)(FILE *f, const struct sb_results *r);

/* The page of the Markdown md_writer writes (sb_write_summary_md: index.html,
 * sb_write_details_md: details.html). */
void sb_write_html(FILE *f, const struct sb_results *r, sb_md_writer md_writer);

#endif
