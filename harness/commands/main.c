/* sigbench: measure sigmoid variants against an MPFR reference.
 * The commands are the table below; README documents them. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "commands/commands.h"
#include "sigmoid_ref.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "list", sb_cmd_list, "list the variants, their ISA, and whether this CPU runs them" },
	{ "accuracy", sb_cmd_accuracy, "error against MPFR: f32 over all 2^32 inputs, f64 sampled" },
	{ "speed", sb_cmd_speed, "throughput in ns/element, median of interleaved repetitions" },
	{ "run", sb_cmd_run, "accuracy + speed, writing the tables into results/ (the default job)" },
	{ "check", sb_cmd_check, "measure the variants of a limits file; exit 1 if any exceeds its limit" },
	{ "report", sb_cmd_report, "summary.md, details.md and the pages again from results/, no measuring" },
	{ "pick", sb_cmd_pick, "the fastest variant meeting an error budget on a domain" },
	{ "hash", sb_cmd_hash, "a fingerprint of each variant's outputs on a fixed input set" },
	{ "export", sb_cmd_export, "a variant as a standalone header-only C file" },
	{ "measure", sb_cmd_measure, "your own implementation, measured like the built-ins" },
	{ "breakpoints", sb_cmd_breakpoints, "the interval edges derived from the reference" },
	{ "suggest-limits", sb_cmd_suggest_limits, "candidate limits-file lines from an accuracy.csv" },
	{ "version", sb_cmd_version, "version, commit, compiler, MPFR and GMP (also --version)" },
	{ "merge", sb_cmd_merge, "the shards of an accuracy, run or check (--shard I/N) merged into its output" },
	{ "machines", sb_cmd_machines, "results of several machines in one table; accuracy compared" },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_usage(void)
{
	puts("usage: sigbench COMMAND [OPTIONS]   (sigbench COMMAND --help for its options)\n"
	     "\ncommands:");
	for (size_t i = 0; i < NCOMMANDS; i++)
		printf("  %-14s %s\n", commands[i].name, commands[i].help);
}

/* oneDNN's OpenMP runtime spins its idle workers by default, stealing a core
 * from whatever is timed next; sigbench runs with OMP_WAIT_POLICY=passive
 * (re-executing itself once to set it before libgomp reads it) unless the
 * user chose a policy. */
static void passive_openmp(char **argv)
{
	if (getenv("OMP_WAIT_POLICY"))
		return;
	setenv("OMP_WAIT_POLICY", "passive", 1);
	execv("/proc/self/exe", argv);
	/* not fatal: timings are noisier, nothing else changes */
}

int main(int argc, char **argv)
{
	passive_openmp(argv);
	atexit(sb_ref_release_thread);
	if (argc < 2)
		sb_fail("no command given (sigbench --help lists them)");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_usage();
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0)
		return sb_cmd_version(argc, argv);
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc, argv);
	sb_fail("unknown command '%s' (sigbench --help lists them)", argv[1]);
}
