/* sigbench report: summary.md, details.md and their pages rendered again
 * from a results directory's results.json, measuring nothing: the same bytes
 * the run that wrote it would write with this build's report code. */
#include <stdio.h>

#include "commands/cli.h"
#include "commands/commands.h"
#include "base/outfile.h"
#include "base/util.h"
#include "report/reload.h"
#include "report/results.h"

int sb_cmd_report(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "report");
	sb_cli_parse(&c, argc, argv, OPTBIT(OPT_RESULTS) | OPTBIT(OPT_OUT) | OPTBIT(OPT_QUIET) | OPTBIT(OPT_HELP),
		     "usage: sigbench report [--results DIR] [--out DIR]\n"
		     "Render summary.md, details.md, index.html and details.html again from the "
		     "results in --results\n(default ./results), without measuring; into --out "
		     "(default: the same directory).");
	const char *dir = c.results ? c.results : "results";
	const char *out = c.out ? c.out : dir;
	struct sb_results r;
	struct sb_error e;
	if (sb_results_load(dir, &r, &e))
		sb_fail("report: %s", e.msg);
	sb_outdir_prepare(out);
	char wrote[1200];
	sb_write_report_files(out, &r, wrote, sizeof wrote);
	if (!c.quiet)
		fprintf(stderr, "sigbench: %s\n", wrote);
	sb_results_free(&r);
	return 0;
}
