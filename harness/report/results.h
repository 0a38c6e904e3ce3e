/* Everything one sigbench invocation measured, and the writers that turn
 * it into tables: summary.md, accuracy.csv, throughput.csv, results.json
 * (schema in README "Result files"), or text on a terminal. */
#ifndef SIGBENCH_RESULTS_H
#define SIGBENCH_RESULTS_H

#include <stdio.h>

#include "engine/accuracy.h"
#include "engine/context.h"
#include "engine/speed.h"

struct sb_results {
	struct sb_context ctx;
	char command[1024];      /* the command line, for "reproduce with" */
	struct sb_sweep_opts sweep;
	struct sb_accuracy *acc[2]; /* [SB_F32], [SB_F64] */
	size_t nacc[2];
	double acc_seconds[2];
	unsigned long long ref_fallbacks; /* f32 inputs the fast reference sent to MPFR */
	int have_speed;
	struct sb_speed_opts speed_opts;
	struct sb_speed_result *speed; /* nsizes * nspeed, size-major */
	size_t nspeed;
	const struct sb_variant **skipped; /* selected but not runnable on this CPU */
	size_t nskipped;
	const char *plot_dir; /* read back (reload.h): the error plots are the SVG files here */
};

void sb_results_free(struct sb_results *r);

void sb_write_accuracy_csv(FILE *f, const struct sb_results *r);
void sb_write_throughput_csv(FILE *f, const struct sb_results *r);
/* summary.md: the answer table, machine, scoreboard, Pareto plot; details.md:
 * every other table and plot. */
void sb_write_summary_md(FILE *f, const struct sb_results *r);
void sb_write_details_md(FILE *f, const struct sb_results *r);
void sb_write_json(FILE *f, const struct sb_results *r);
void sb_print_text(FILE *f, const struct sb_results *r);
/* summary.md, results.json, accuracy.csv (acc), throughput.csv (speed), the
 * plots their data allows, index.html and hashes.txt (acc and speed) into dir
 * (result_files.c), removing the files of that set this run did not write;
 * report gets one line saying which files were written and removed. */
void sb_write_result_files(const char *dir, const struct sb_results *r, int acc, int speed,
			   char *report, size_t size);

/* summary.md and details.md, and when the run has accuracy and throughput
 * index.html and details.html, into dir: what `sigbench report` renders
 * again from a results directory.  report as for sb_write_result_files. */
void sb_write_report_files(const char *dir, const struct sb_results *r, char *report, size_t size);

/* hashes.txt: "HASH  NAME" lines (engine/hash.h), in the order given. */
void sb_write_hashes(FILE *f, const struct sb_variant *const *vs, size_t n);

#endif
