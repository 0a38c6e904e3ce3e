/* Every result file a measurement writes into its output directory; shared by
 * `run`/`accuracy`/`speed` and `measure` so that what summary.md links is
 * always written beside it.  Each file goes to a temp file and is renamed by
 * sb_outfile_commit_all(), so a failure leaves no half-written result. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"

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

/* Every file a run may write: a directory holds one run's set, so the
 * files of this set that a run does not write (an earlier run's
 * throughput.csv after `accuracy --out`) are removed, never left to be read
 * as part of it.  Nothing else in the directory is touched. */
static const char *const tables_and_pages[] = {
	"summary.md", "results.json", "accuracy.csv", "throughput.csv", SB_PLOT_ULP_FILE,
	SB_PLOT_ABS_FILE, SB_PLOT_PARETO_FILE, "index.html", "hashes.txt", "details.md", "details.html",
};
#define NBASE (sizeof tables_and_pages / sizeof tables_and_pages[0])
/* and each other function's three plots, named by plot.c */
#define NRESULT (NBASE + 3 * (SB_FN_COUNT - 1))

static const char *result_name(size_t i)
{
	if (i < NBASE)
		return tables_and_pages[i];
	enum sb_func fn = (enum sb_func)(1 + (i - NBASE) / 3);
	switch ((i - NBASE) % 3) {
	case 0:
		return sb_plot_errors_file(SB_PLOT_ULP, fn);
	case 1:
		return sb_plot_errors_file(SB_PLOT_ABS, fn);
	default:
		return sb_plot_pareto_file(fn);
	}
}

static FILE *open_listed(const char *dir, const char *name, int *written)
{
	for (size_t i = 0; i < NRESULT; i++)
		if (strcmp(result_name(i), name) == 0)
			written[i] = 1;
	return sb_outfile_open(dir, name);
}

static void list_names(char *out, size_t size, const int *written, int want)
{
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < NRESULT && n < size; i++)
		if (written[i] == want)
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "," : "", result_name(i));
}

/* Remove the set's files this run did not write; list those that were there. */
static void remove_stale(const char *dir, const int *written, char *removed, size_t size)
{
	int gone[NRESULT] = { 0 };
	for (size_t i = 0; i < NRESULT; i++) {
		char path[4096];
		if (written[i] || snprintf(path, sizeof path, "%s/%s", dir, result_name(i)) >= (int)sizeof path)
			continue;
		if (unlink(path) == 0)
			gone[i] = 1;
		else if (errno != ENOENT)
			sb_die("cannot remove the stale %s: %s", path, strerror(errno));
	}
	list_names(removed, size, gone, 1);
}

/* fn's error plots and Pareto plot, those it has data for. */
static void write_plots(const char *dir, const struct sb_results *r, enum sb_func fn, int *w)
{
	if (sb_plot_have_errors(r, fn))
		for (int m = SB_PLOT_ULP; m <= SB_PLOT_ABS; m++)
			sb_plot_errors_svg(open_listed(dir, sb_plot_errors_file((enum sb_plot_metric)m, fn), w),
					   r, (enum sb_plot_metric)m, fn);
	if (sb_plot_have_pareto(r, fn))
		sb_plot_pareto_svg(open_listed(dir, sb_plot_pareto_file(fn), w), r, fn);
}

/* The tables for people and their pages. */
static void write_pages(const char *dir, const struct sb_results *r, int html, int *w)
{
	sb_write_summary_md(open_listed(dir, "summary.md", w), r);
	sb_write_details_md(open_listed(dir, "details.md", w), r);
	if (!html)
		return;
	sb_write_html(open_listed(dir, "index.html", w), r, sb_write_summary_md);
	sb_write_html(open_listed(dir, "details.html", w), r, sb_write_details_md);
}

static void say_written(const char *dir, const int *w, const char *removed, char *report, size_t size)
{
	char written[512];
	list_names(written, sizeof written, w, 1);
	snprintf(report, size, "wrote %s/{%s}%s%s", dir, written, *removed ? "; removed the stale " : "",
		 removed);
}

void sb_write_result_files(const char *dir, const struct sb_results *r, int acc, int speed,
			   char *report, size_t size)
{
	int w[NRESULT] = { 0 };
	write_pages(dir, r, acc && speed, w);
	sb_write_json(open_listed(dir, "results.json", w), r);
	if (acc)
		sb_write_accuracy_csv(open_listed(dir, "accuracy.csv", w), r);
	if (speed)
		sb_write_throughput_csv(open_listed(dir, "throughput.csv", w), r);
	/* plots only where their data is (summary.md links them by the same test) */
	for (int i = 0; i < SB_FN_COUNT; i++)
		write_plots(dir, r, (enum sb_func)i, w);
	if (acc && speed)
		write_hashes(open_listed(dir, "hashes.txt", w), r);
	sb_outfile_commit_all();
	char removed[512];
	remove_stale(dir, w, removed, sizeof removed);
	say_written(dir, w, removed, report, size);
}

void sb_write_report_files(const char *dir, const struct sb_results *r, char *report, size_t size)
{
	int w[NRESULT] = { 0 };
	write_pages(dir, r, r->nacc[SB_F32] + r->nacc[SB_F64] > 0 && r->have_speed, w);
	sb_outfile_commit_all();
	say_written(dir, w, "", report, size);
}
