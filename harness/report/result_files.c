/* Every result file a measurement writes into its output directory; shared by
 * `run`/`accuracy`/`speed` and `measure` so that what summary.md links is
 * always written beside it.  Each file goes to a temp file and is renamed by
 * sb_outfile_commit_all(), so a failure leaves no half-written result. */
#include <stdio.h>

#include "engine/hash.h"
#include "report/html.h"
#include "base/outfile.h"
#include "report/plot.h"
#include "report/results.h"

/* The output fingerprints of every variant the run measured (hash.c). */
static void write_hashes(FILE *f, const struct sb_results *r)
{
	for (int p = 0; p < 2; p++)
		for (size_t i = 0; i < r->nacc[p]; i++)
			sb_write_hashes(f, &r->acc[p][i].v, 1);
}

void sb_write_result_files(const char *dir, const struct sb_results *r, int acc, int speed)
{
	sb_write_summary_md(sb_outfile_open(dir, "summary.md"), r);
	sb_write_json(sb_outfile_open(dir, "results.json"), r);
	if (acc)
		sb_write_accuracy_csv(sb_outfile_open(dir, "accuracy.csv"), r);
	if (speed)
		sb_write_throughput_csv(sb_outfile_open(dir, "throughput.csv"), r);
	/* plots only where their data is (summary.md links them by the same test) */
	if (sb_plot_have_errors(r)) {
		sb_plot_errors_svg(sb_outfile_open(dir, SB_PLOT_ULP_FILE), r, SB_PLOT_ULP);
		sb_plot_errors_svg(sb_outfile_open(dir, SB_PLOT_ABS_FILE), r, SB_PLOT_ABS);
	}
	if (sb_plot_have_pareto(r))
		sb_plot_pareto_svg(sb_outfile_open(dir, SB_PLOT_PARETO_FILE), r);
	if (acc && speed) {
		sb_write_index_html(sb_outfile_open(dir, "index.html"), r);
		write_hashes(sb_outfile_open(dir, "hashes.txt"), r);
	}
	sb_outfile_commit_all();
}
