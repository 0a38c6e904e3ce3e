/* sigbench export NAME [-o FILE.h] [--results DIR]: registry variant NAME as
 * one standalone, header-only C file.
 *
 * The header itself is the generator's (engine/export_table.h: rendered at
 * build time from the kernel text the registry compiles, embedded in the
 * binary); this command only finds it, adds what DIR says was measured
 * (accuracy, throughput, the commit that measured them) to its top comment
 * and writes it whole or not at all.  tests/test_export.c compiles every
 * header alone and compares its outputs with the registry's, bit for bit. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/outfile.h"
#include "base/util.h"
#include "commands/cli.h"
#include "commands/commands.h"
#include "engine/context.h"
#include "engine/export_table.h"
#include "files/table.h"

/* ---- the measured lines, from DIR/accuracy.csv and DIR/throughput.csv ---- */

/* Where the recent results are and how the header names them. */
struct results {
	char dir[4096];
	const char *shown;
};

/* The rows of DIR/FILE, or why there are none ("no results/throughput.csv"):
 * a missing file means "not measured"; a malformed one is an error. */
static int read_results(const struct results *r, const char *file, const char *const *cols,
			struct sb_table *t, char *why, size_t wsize)
{
	struct sb_error e;
	int got = sb_table_read_in(r->dir, file, cols, t, &e);
	if (got < 0)
		sb_fail("export: --results: %s", e.msg);
	snprintf(why, wsize, "%s %s/%s", got ? "no row for it in" : "no", r->shown, file);
	return got;
}

/* The row of variant name whose `column` is `value`, or -1. */
static long find_row(const struct sb_table *t, const char *name, const char *column,
		     const char *value)
{
	for (size_t i = 0; i < t->nrows; i++)
		if (strcmp(sb_table_get(t, i, "variant"), name) == 0 &&
		    strcmp(sb_table_get(t, i, column), value) == 0)
			return (long)i;
	return -1;
}

static void accuracy_lines(FILE *f, const struct sb_table *t, size_t i, const char *what)
{
	fprintf(f, " *     %s: max %s ULP at x = %s (got %s, want %s);\n", what,
		sb_table_get(t, i, "max_ulp"), sb_table_get(t, i, "worst_x"),
		sb_table_get(t, i, "worst_got"), sb_table_get(t, i, "worst_want"));
	fprintf(f, " *         max abs err %s at x = %s; %s%% correctly rounded\n",
		sb_table_get(t, i, "max_abs"), sb_table_get(t, i, "max_abs_x"),
		sb_table_get(t, i, "cr_pct"));
}

static void write_accuracy(FILE *f, const struct results *r, const char *name)
{
	struct sb_table t;
	char why[4200];
	long all = -1, dom = -1;
	int have = read_results(r, "accuracy.csv", sb_accuracy_csv_columns, &t, why, sizeof why);
	if (have) {
		all = find_row(&t, name, "interval", "all");
		dom = find_row(&t, name, "interval", "domain");
	}
	if (all < 0) {
		fprintf(f, " * accuracy   not measured (%s)\n", why);
	} else {
		fprintf(f, " * accuracy   %s/accuracy.csv, %s; error in ULP of the\n"
			   " *            exact value (sigbench README \"How errors are measured\"):\n",
			r->shown, sb_table_get(&t, (size_t)all, "sweep"));
		accuracy_lines(f, &t, (size_t)all, "all inputs");
		if (dom >= 0) {
			char what[200];
			snprintf(what, sizeof what, "its domain [%s, %s]",
				 sb_table_get(&t, (size_t)dom, "x_lo"), sb_table_get(&t, (size_t)dom, "x_hi"));
			accuracy_lines(f, &t, (size_t)dom, what);
		} else {
			fprintf(f, " *     its domain: all inputs (above)\n");
		}
	}
	if (have)
		sb_table_free(&t);
}

/* The command that made the results, as results.json records it. */
static void results_command(const struct results *r, char *cmd, size_t size)
{
	char path[4096 + 64];
	snprintf(path, sizeof path, "%s/results.json", r->dir);
	snprintf(cmd, size, "sigbench run");
	char *json = sb_read_text(path, NULL);
	sb_json_string(json, "command", cmd, size);
	free(json);
}

static void write_speed(FILE *f, const struct results *r, const char *name)
{
	static const char *const sizes[2] = { "4096", "65536" };
	struct sb_table t;
	char why[4200];
	long rows[2] = { -1, -1 };
	int have = read_results(r, "throughput.csv", sb_throughput_csv_columns, &t, why, sizeof why);
	for (int i = 0; i < 2 && have; i++)
		rows[i] = find_row(&t, name, "n", sizes[i]);
	if (rows[0] < 0 && rows[1] < 0) {
		fprintf(f, " * throughput not measured (%s)\n", why);
		if (have)
			sb_table_free(&t);
		return;
	}
	fprintf(f, " * throughput %s/throughput.csv: median ns per element of batch calls, one\n"
		   " *            thread; x R = R times the time of f32-exact-scalar in the same run:\n",
		r->shown);
	for (int i = 0; i < 2; i++)
		if (rows[i] < 0)
			fprintf(f, " *     n = %s: not measured\n", sizes[i]);
		else
			fprintf(f, " *     n = %s: %s ns (x %s)\n", sizes[i],
				sb_table_get(&t, (size_t)rows[i], "median_ns"),
				sb_table_get(&t, (size_t)rows[i], "ratio_to_exact_f32"));
	size_t k = (size_t)(rows[0] >= 0 ? rows[0] : rows[1]);
	char cmd[256];
	results_command(r, cmd, sizeof cmd);
	fprintf(f, " *     measured on %s, sigbench %s, %s,\n"
		   " *     by `%s` (sigbench README command 1: bash ci/run-default.sh)\n",
		sb_table_get(&t, k, "cpu"), sb_table_get(&t, k, "commit"), sb_table_get(&t, k, "date"),
		cmd);
	sb_table_free(&t);
}

static void write_header(FILE *f, const struct sb_export_header *h, const struct results *r)
{
	struct sb_context ctx;
	sb_context_get(&ctx);
	fputs(h->head, f);
	write_accuracy(f, r, h->name);
	write_speed(f, r, h->name);
	fprintf(f, " * exported   by sigbench %s\n", ctx.commit);
	fputs(h->tail, f);
}

/* ---- the command ---- */

/* Take the variant name (the one argument that is not an option) out of argv. */
static const char *take_name_arg(int *argc, char **argv)
{
	const char *name = NULL;
	int out = 2;
	for (int i = 2; i < *argc; i++) {
		const char *a = argv[i];
		static const char *const with_value[] = { "-o", "--output", "--results", "--function" };
		int takes_value = 0;
		for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
			takes_value |= strcmp(a, with_value[k]) == 0;
		if (a[0] != '-' && !name) {
			name = a;
			continue;
		}
		if (a[0] != '-')
			sb_fail("export: one variant at a time ('%s' and '%s' given)", name, a);
		argv[out++] = argv[i];
		if (takes_value && i + 1 < *argc)
			argv[out++] = argv[++i];
	}
	*argc = out;
	return name;
}

/* sigmoid_NAME: '-' becomes '_' and '.' becomes 'p', as in the header's names. */
static void public_name(const char *name, char *out, size_t size)
{
	size_t n = (size_t)snprintf(out, size, "sigmoid_");
	for (const char *c = name; *c && n + 1 < size; c++)
		out[n++] = *c == '-' ? '_' : *c == '.' ? 'p' : *c;
	out[n] = '\0';
}

/* -o FILE as directory and file name; an existing directory gets the default name. */
static void output_path(const char *output, const char *pub, char *dir, char *file, size_t size)
{
	struct stat st;
	if (!output || (stat(output, &st) == 0 && S_ISDIR(st.st_mode))) {
		snprintf(dir, size, "%s", output ? output : ".");
		for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/';)
			dir[--n] = '\0';
		snprintf(file, size, "%s.h", pub);
		return;
	}
	const char *slash = strrchr(output, '/');
	if (slash && !slash[1])
		sb_fail("export: -o '%s' names a directory that does not exist", output);
	if (slash)
		snprintf(dir, size, "%.*s", (int)(slash == output ? 1 : slash - output), output);
	else
		snprintf(dir, size, ".");
	snprintf(file, size, "%s", slash ? slash + 1 : output);
}

static const char usage[] =
	"usage: sigbench export NAME [-o FILE.h] [--results DIR] [--function NAME]\n"
	"Write registry variant NAME as one standalone header-only C file (default\n"
	"./sigmoid_NAME.h, '-' and '.' in NAME becoming '_' and 'p'; -o - writes to stdout):\n"
	"static inline void sigmoid_NAME(const T *x, T *y, size_t n) and T sigmoid_NAME_1(T x),\n"
	"tables included, bit-identical to the variant, with its accuracy and speed from\n"
	"DIR/accuracy.csv and DIR/throughput.csv (default: ./results, if there is one).\n"
	"Peers (other libraries) cannot be exported.";

static const struct sb_export_header *export_header(const char *name, const struct sb_cli *c)
{
	if (!name)
		sb_fail("export needs a variant NAME (sigbench list shows them)");
	const struct sb_variant *v = sb_find_variant(name);
	if (!v)
		sb_fail("export: no variant '%s' (sigbench list shows them)", name);
	if ((c->given & OPTBIT(OPT_FUNCTION)) && (int)v->function != c->function)
		sb_fail("export: %s does not implement %s (it computes %s: --function %s)", name,
			sb_func_name((enum sb_func)c->function), sb_func_name(v->function),
			sb_func_name(v->function));
	if (v->peer)
		sb_fail("export: %s is a peer (%s): its code is another library's, not ours to export",
			name, v->peer);
	for (size_t i = 0; i < sb_export_nheaders; i++)
		if (strcmp(sb_export_headers[i].name, name) == 0)
			return &sb_export_headers[i];
	sb_fail("export: %s has no exported header in this build", name);
}

static void results_dir(const char *given, struct results *r)
{
	struct stat st;
	if (given && (stat(given, &st) != 0 || !S_ISDIR(st.st_mode)))
		sb_fail("export: --results '%s' is not a directory", given);
	snprintf(r->dir, sizeof r->dir, "%s", given ? given : "results");
	r->shown = given ? given : "results";
}

int sb_cmd_export(int argc, char **argv)
{
	struct sb_cli c;
	const char *name = take_name_arg(&argc, argv);
	sb_cli_init(&c, "export");
	sb_cli_parse(&c, argc, argv, OPTBIT(OPT_OUTPUT) | OPTBIT(OPT_RESULTS) | OPTBIT(OPT_HELP) |
		     OPTBIT(OPT_FUNCTION), usage);
	const struct sb_export_header *h = export_header(name, &c);
	struct results r;
	results_dir(c.results, &r);
	if (c.output && strcmp(c.output, "-") == 0) {
		write_header(stdout, h, &r);
		if (fflush(stdout) != 0 || ferror(stdout))
			sb_fail("export: cannot write the header to standard output");
		return 0;
	}
	char pub[256], dir[4096], file[4096];
	public_name(name, pub, sizeof pub);
	output_path(c.output, pub, dir, file, sizeof dir);
	sb_outdir_prepare(dir); /* fails (exit 2) before any work if unwritable */
	FILE *f = sb_outfile_open(dir, file);
	write_header(f, h, &r);
	sb_outfile_commit_all();
	printf("wrote %s/%s\n", dir, file);
	return 0;
}
