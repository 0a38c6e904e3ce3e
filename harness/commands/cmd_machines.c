/* sigbench machines DIR...: the results of the same variants measured on
 * several machines (each DIR written by `run`, or by `merge` of its shards)
 * in one Markdown table on stdout: each machine's context, median
 * ns/element one column per machine, and accuracy compared across them.
 * Our variants must give the same accuracy.csv rows everywhere; a variant
 * whose rows differ is flagged (a library that dispatches differently per
 * CPU, or a bug), naming the first field that differs. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "commands/commands.h"
#include "commands/measure.h"
#include "files/table.h"

struct machine {
	const char *dir;
	char cpu[128], features[256], commit[64], date[32];
	struct sb_table acc, tput;
	int has_acc, has_tput;
};

static void read_machine(struct machine *m, const char *dir)
{
	struct sb_error e;
	char path[4096];
	m->dir = dir;
	snprintf(path, sizeof path, "%s/results.json", dir);
	char *json = sb_read_text(path, &e);
	if (!json)
		sb_fail("%s (machines reads the directories `run` or `merge --out` write)", e.msg);
	const char *keys[] = { "cpu", "features", "commit", "date" };
	char *vals[] = { m->cpu, m->features, m->commit, m->date };
	size_t sizes[] = { sizeof m->cpu, sizeof m->features, sizeof m->commit, sizeof m->date };
	for (int k = 0; k < 4; k++)
		if (!sb_json_string(json, keys[k], vals[k], sizes[k]))
			snprintf(vals[k], sizes[k], "?");
	free(json);
	m->has_acc = sb_table_read_in(dir, "accuracy.csv", sb_accuracy_csv_columns, &m->acc, &e);
	if (m->has_acc >= 0)
		m->has_tput = sb_table_read_in(dir, "throughput.csv", sb_throughput_csv_columns, &m->tput, &e);
	if (m->has_acc < 0 || m->has_tput < 0)
		sb_fail("%s", e.msg);
}

/* Row of t for (variant, n) (n NULL: the first row of variant); -1 if none. */
static long find_row(const struct sb_table *t, const char *variant, const char *n)
{
	for (size_t i = 0; i < t->nrows; i++)
		if (strcmp(sb_table_get(t, i, "variant"), variant) == 0 &&
		    (!n || strcmp(sb_table_get(t, i, "n"), n) == 0))
			return (long)i;
	return -1;
}

static void throughput_table(const struct machine *ms, int nm)
{
	printf("\n## Throughput: median ns/element\n\n| variant | n |");
	for (int k = 0; k < nm; k++)
		printf(" %d. %s |", k + 1, ms[k].cpu);
	printf("\n|---|--:|");
	for (int k = 0; k < nm; k++)
		printf("--:|");
	printf("\n");
	/* the rows of every machine, each (variant, n) once, in first-seen order */
	for (int k = 0; k < nm; k++)
		for (size_t i = 0; ms[k].has_tput > 0 && i < ms[k].tput.nrows; i++) {
			const char *v = sb_table_get(&ms[k].tput, i, "variant"), *n = sb_table_get(&ms[k].tput, i, "n");
			int seen = 0;
			for (int j = 0; j < k && !seen; j++)
				seen = ms[j].has_tput > 0 && find_row(&ms[j].tput, v, n) >= 0;
			if (seen)
				continue;
			printf("| %s | %s |", v, n);
			for (int j = 0; j < nm; j++) {
				long r = ms[j].has_tput > 0 ? find_row(&ms[j].tput, v, n) : -1;
				printf(" %s |", r >= 0 ? sb_table_get(&ms[j].tput, (size_t)r, "median_ns") : "-");
			}
			printf("\n");
		}
}

/* The first field in which variant's rows differ between a and b, or NULL
 * (rows in the same order: the same build writes them so). */
static const char *first_difference(const struct sb_table *a, const struct sb_table *b,
				    const char *variant, long ra, long rb, char *why, size_t size)
{
	for (; (size_t)ra < a->nrows && strcmp(sb_table_get(a, (size_t)ra, "variant"), variant) == 0;
	     ra++, rb++) {
		if ((size_t)rb >= b->nrows || strcmp(sb_table_get(b, (size_t)rb, "variant"), variant) != 0)
			return "its rows";
		for (int c = 0; c < a->ncol; c++) {
			const char *x = a->row[ra][c], *y = sb_table_get(b, (size_t)rb, a->hdr[c]);
			if (!y || strcmp(x, y) != 0) {
				snprintf(why, size, "%s %s: %s vs %s", sb_table_get(a, (size_t)ra, "interval"),
					 a->hdr[c], x, y ? y : "(none)");
				return why;
			}
		}
	}
	return NULL;
}

static void accuracy_agreement(const struct machine *ms, int nm)
{
	int first = 0;
	while (first < nm && ms[first].has_acc <= 0)
		first++;
	printf("\n## Accuracy across machines\n\n");
	if (first == nm) {
		printf("No accuracy.csv in any directory.\n");
		return;
	}
	const struct sb_table *t = &ms[first].acc;
	size_t everywhere = 0, differ = 0;
	char why[512];
	for (size_t i = 0; i < t->nrows; i++) {
		const char *v = sb_table_get(t, i, "variant");
		if (i > 0 && strcmp(sb_table_get(t, i - 1, "variant"), v) == 0)
			continue;
		int all = 1;
		for (int k = 0; k < nm && all; k++)
			all = ms[k].has_acc > 0 && find_row(&ms[k].acc, v, NULL) >= 0;
		if (!all)
			continue;
		everywhere++;
		for (int k = first + 1; k < nm; k++) {
			const char *d = first_difference(t, &ms[k].acc, v, (long)i, find_row(&ms[k].acc, v, NULL),
							 why, sizeof why);
			if (d) {
				printf("- **DIFFERS** %s: machine %d vs %d: %s\n", v, first + 1, k + 1, d);
				differ++;
				break;
			}
		}
	}
	printf("%s%zu variants measured on every machine with accuracy.csv: %zu agree, %zu differ.\n",
	       differ ? "\n" : "", everywhere, everywhere - differ, differ);
}

int sb_cmd_machines(int argc, char **argv)
{
	struct sb_cli c;
	int nd = 0;
	char **dirs = sb_cli_positional(&c, argc, argv, OPTBIT(OPT_HELP),
		     "usage: sigbench machines DIR...\n"
		     "Results of several machines (directories written by run, or merge --out) in "
		     "one Markdown table: each machine's context, median ns/element one column per "
		     "machine, and accuracy compared (variants whose accuracy.csv rows differ are flagged).",
		     &nd);
	if (nd < 1)
		sb_fail("machines needs the result directories, one per machine");
	struct machine *ms = sb_xcalloc((size_t)nd, sizeof *ms);
	for (int k = 0; k < nd; k++)
		read_machine(&ms[k], dirs[k]);
	printf("# Machines\n\n");
	for (int k = 0; k < nd; k++)
		printf("%d. `%s`: %s (%s), commit %s, %s\n", k + 1, ms[k].dir, ms[k].cpu, ms[k].features,
		       ms[k].commit, ms[k].date);
	throughput_table(ms, nd);
	accuracy_agreement(ms, nd);
	for (int k = 0; k < nd; k++) {
		if (ms[k].has_acc > 0)
			sb_table_free(&ms[k].acc);
		if (ms[k].has_tput > 0)
			sb_table_free(&ms[k].tput);
	}
	free(ms);
	free(dirs);
	return 0;
}
