/* accuracy and run split into shards (engine/shard.h): one shard written as
 * a part file (--shard I/N), every shard kept in a directory as it finishes
 * and only the missing ones measured (--resume DIR), or the ranks of an MPI
 * job as the shards, gathered and merged by rank 0. */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/outfile.h"
#include "base/util.h"
#include "commands/launch.h"
#include "commands/measure.h"
#include "engine/context.h"
#include "engine/shard.h"

#define DEFAULT_SHARDS 16

/* "I/N" with I < N. */
void sb_shard_parse(const char *s, uint64_t *i, uint64_t *n)
{
	const char *slash = strchr(s, '/');
	char head[32];
	if (!slash || (size_t)(slash - s) >= sizeof head)
		sb_fail("--shard: '%s' is not I/N (shard I of N, counted from 0)", s);
	snprintf(head, sizeof head, "%.*s", (int)(slash - s), s);
	*n = sb_parse_count("--shard N", slash + 1, 1, UINT32_MAX);
	*i = sb_parse_count("--shard I", head, 0, UINT32_MAX);
	if (*i >= *n)
		sb_fail("--shard %s: there is no shard %" PRIu64 " of %" PRIu64 " (they are numbered 0 to %" PRIu64 ")",
			s, *i, *n, *n - 1);
}

/* The end of the shell word at s (cli.c quotes words as 'it'\''s'). */
static const char *word_end(const char *s)
{
	while (*s && *s != ' ') {
		if (*s == '\'') {
			const char *q = strchr(s + 1, '\'');
			s = q ? q + 1 : s + strlen(s);
		} else {
			s += *s == '\\' && s[1] ? 2 : 1;
		}
	}
	return s;
}

/* cmd without the options named in drop (each "--opt VALUE" or "--opt=VALUE"):
 * the command of the unsharded run, which is what the merged files record. */
static void strip_options(char *cmd, const char *const *drop, size_t ndrop)
{
	char out[sizeof ((struct sb_results *)0)->command];
	size_t n = 0;
	for (const char *w = cmd; *w;) {
		const char *end = word_end(w), *next = *end ? end + 1 : end;
		int skip = 0;
		for (size_t k = 0; k < ndrop; k++) {
			size_t len = strlen(drop[k]);
			if ((size_t)(end - w) == len && strncmp(w, drop[k], len) == 0)
				skip = 2; /* the option, then its value */
			else if (strncmp(w, drop[k], len) == 0 && w[len] == '=')
				skip = 1;
		}
		for (; skip > 1 && *next; skip--) {
			end = word_end(next);
			next = *end ? end + 1 : end;
		}
		if (!skip)
			n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s", n ? " " : "", (int)(end - w), w);
		w = next;
	}
	snprintf(cmd, sizeof out, "%s", out);
}

static const char *const shard_options[] = { "--shard", "--shards", "--resume" };

/* What a part records of the run, besides its measurements. */
void sb_part_describe(struct sb_part *p, const struct sb_cli *c, const char *kind, uint64_t i, uint64_t n)
{
	p->index = i;
	p->count = n;
	snprintf(p->kind, sizeof p->kind, "%s", kind);
	snprintf(p->r.command, sizeof p->r.command, "%s", c->cmdline);
	strip_options(p->r.command, shard_options, sizeof shard_options / sizeof shard_options[0]);
	p->r.sweep = c->sweep;
	p->r.sweep.shard_i = p->r.sweep.shard_n = 0;
	snprintf(p->plot, sizeof p->plot, "%s", c->sweep.plot ? c->sweep.plot : "");
	p->r.sweep.plot = c->sweep.plot ? p->plot : NULL;
	p->r.speed_opts = c->speed;
	p->r.have_speed = strcmp(kind, "run") == 0;
	sb_part_set_opts(p);
}

/* Shard i of n; shard 0 of `run` also times the variants, after its sweep. */
static void measure_part(struct sb_cli *c, int speed, uint64_t i, uint64_t n, struct sb_part *p)
{
	memset(p, 0, sizeof *p);
	struct sb_sweep_opts whole = c->sweep;
	c->sweep.shard_i = i;
	c->sweep.shard_n = n;
	sb_measure(c, 1, speed && i == 0, &p->r);
	c->sweep = whole;
	sb_part_describe(p, c, speed ? "run" : "accuracy", i, n);
}

void sb_part_write(const struct sb_part *p, const char *dir, int quiet)
{
	char name[64];
	size_t len;
	sb_part_name(name, sizeof name, p->index, p->count);
	char *text = sb_part_format(p, &len);
	FILE *f = sb_outfile_open(dir, name);
	fwrite(text, 1, len, f);
	sb_outfile_commit_all();
	free(text);
	if (!quiet)
		fprintf(stderr, "sigbench: wrote %s/%s (shard %" PRIu64 " of %" PRIu64 ")\n", dir, name,
			p->index, p->count);
}

static int one_shard(struct sb_cli *c, int speed)
{
	uint64_t i, n;
	sb_shard_parse(c->shard, &i, &n);
	const char *dir = sb_shard_dir(c);
	sb_outdir_prepare(dir);
	struct sb_part p;
	measure_part(c, speed, i, n, &p);
	sb_part_write(&p, dir, c->quiet);
	sb_part_free(&p);
	return 0;
}

/* The part this run would write as shard i of n, without its measurements:
 * what a part found on disk must match to be kept. */
static void expected_part(struct sb_cli *c, int speed, uint64_t n, struct sb_part *p)
{
	memset(p, 0, sizeof *p);
	for (int prec = 0; prec < 2; prec++) {
		const struct sb_variant **run, **skip;
		size_t nrun, nskip;
		sb_select(c, (enum sb_prec)prec, &run, &nrun, &skip, &nskip);
		p->r.acc[prec] = sb_xcalloc(nrun + 1, sizeof *p->r.acc[prec]);
		for (size_t k = 0; k < nrun; k++)
			p->r.acc[prec][k].v = run[k];
		p->r.nacc[prec] = nrun;
		free(run);
		free(skip);
	}
	sb_context_get(&p->r.ctx);
	sb_part_describe(p, c, speed ? "run" : "accuracy", 0, n);
}

static void emit_merged(struct sb_cli *c, struct sb_part *parts, const char *const *names, size_t n,
			int speed)
{
	struct sb_results r;
	sb_merge_parts(parts, names, n, &r);
	snprintf(r.command, sizeof r.command, "%s", c->cmdline);
	strip_options(r.command, shard_options, sizeof shard_options / sizeof shard_options[0]);
	sb_emit_results(c, &r, 1, speed);
	sb_merged_free(&r);
}

/* Part i of n in DIR if it is there (0), checked to be of this run; 1 if absent. */
static int kept_part(const char *path, const struct sb_part *want, uint64_t i, struct sb_part *p)
{
	char why[1200];
	struct sb_error e;
	if (access(path, F_OK) != 0)
		return 1;
	if (sb_part_read(path, p, &e))
		sb_fail("%s (remove it to measure that shard again)", e.msg);
	if (p->index != i)
		sb_fail("%s is a shard of another run: its shard number differs from its name", path);
	if (sb_part_mismatch(want, p, why, sizeof why))
		sb_fail("%s is a shard of another run: %s (use another --resume directory)", path, why);
	return 0;
}

static int resume(struct sb_cli *c, int speed)
{
	uint64_t n = c->shards ? sb_parse_count("--shards", c->shards, 1, UINT32_MAX) : DEFAULT_SHARDS;
	struct sb_part want, *parts = sb_xcalloc(n, sizeof *parts);
	expected_part(c, speed, n, &want);
	char **names = sb_xcalloc(n, sizeof *names), *missing = sb_xcalloc(n, 1);
	/* every shard on disk is checked before anything is written */
	for (uint64_t i = 0; i < n; i++) {
		char name[64];
		sb_part_name(name, sizeof name, i, n);
		names[i] = sb_xmalloc(strlen(c->resume) + sizeof name + 2);
		sprintf(names[i], "%s/%s", c->resume, name);
		missing[i] = (char)kept_part(names[i], &want, i, &parts[i]);
		if (!missing[i] && !c->quiet)
			fprintf(stderr, "sigbench: kept %s\n", names[i]);
	}
	sb_outdir_prepare(c->resume);
	if (c->out)
		sb_outdir_prepare(c->out);
	for (uint64_t i = 0; i < n; i++)
		if (missing[i]) {
			measure_part(c, speed, i, n, &parts[i]);
			sb_part_write(&parts[i], c->resume, c->quiet);
		}
	emit_merged(c, parts, (const char *const *)names, n, speed);
	for (uint64_t i = 0; i < n; i++) {
		sb_part_free(&parts[i]);
		free(names[i]);
	}
	sb_part_free(&want);
	free(parts);
	free(names);
	free(missing);
	return 0;
}

const char *sb_shard_dir(const struct sb_cli *c)
{
	return c->given & OPTBIT(OPT_OUT) ? c->out : ".";
}

size_t sb_gather_parts(const struct sb_part *mine, struct sb_part **parts, char ***names)
{
	int size = sb_launch_size();
	size_t len, *lens;
	char *text = sb_part_format(mine, &len);
	char **all = sb_launch_gather(text, len, &lens);
	free(text);
	/* done with MPI: the other ranks exit now instead of waiting (and
	 * polling) in MPI_Finalize while rank 0 merges and, for run, times */
	sb_launch_finish();
	if (sb_launch_rank() != 0)
		return 0;
	*parts = sb_xcalloc((size_t)size, sizeof **parts);
	*names = sb_xcalloc((size_t)size, sizeof **names);
	for (int k = 0; k < size; k++) {
		struct sb_error e;
		(*names)[k] = sb_xmalloc(32);
		snprintf((*names)[k], 32, "MPI rank %d", k);
		if (sb_part_parse(all[k], lens[k], (*names)[k], &(*parts)[k], &e))
			sb_die("%s", e.msg);
		free(all[k]);
	}
	free(all);
	free(lens);
	return (size_t)size;
}

void sb_parts_free(struct sb_part *parts, char **names, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		sb_part_free(&parts[k]);
		free(names[k]);
	}
	free(parts);
	free(names);
}

/* Every rank measures its shard; rank 0 gathers the parts, merges them and
 * then, for run, times the variants alone (the other ranks are done). */
static int mpi_ranks(struct sb_cli *c, int speed)
{
	int rank = sb_launch_rank(), size = sb_launch_size();
	if (rank == 0 && c->out)
		sb_outdir_prepare(c->out);
	if (rank != 0)
		c->sweep.progress = c->speed.progress = NULL;
	struct sb_part mine, *parts;
	char **names;
	measure_part(c, 0, (uint64_t)rank, (uint64_t)size, &mine);
	size_t n = sb_gather_parts(&mine, &parts, &names);
	sb_part_free(&mine);
	if (n == 0)
		return 0;
	struct sb_results r, timed;
	sb_merge_parts(parts, (const char *const *)names, n, &r);
	if (speed) {
		sb_measure(c, 0, 1, &timed);
		r.speed = timed.speed;
		r.nspeed = timed.nspeed;
		r.have_speed = 1;
		r.speed_opts = timed.speed_opts;
		r.ctx.tsc_ghz = timed.ctx.tsc_ghz;
		timed.speed = NULL;
		sb_results_free(&timed);
	}
	snprintf(r.command, sizeof r.command, "%s", c->cmdline);
	sb_emit_results(c, &r, 1, speed);
	free(r.speed);
	r.speed = NULL;
	sb_merged_free(&r);
	sb_parts_free(parts, names, n);
	return 0;
}

int sb_sharded(struct sb_cli *c, int acc, int speed, int *status)
{
	int ranks = sb_launch_size();
	if (!acc) {
		if (ranks > 1)
			sb_fail("started by mpirun with %d ranks: throughput is measured in one process "
				"(run speed without mpirun)", ranks);
		return 0; /* speed accepts no shard option */
	}
	if (c->shards && !c->resume)
		sb_fail("--shards N goes with --resume DIR (--shard I/N names its own N)");
	if (c->shard && c->resume)
		sb_fail("--shard and --resume: use one (--resume measures every shard itself)");
	if (ranks > 1 && (c->shard || c->resume))
		sb_fail("started by mpirun with %d ranks, which are the shards: drop --shard and --resume",
			ranks);
	if (c->shard)
		*status = one_shard(c, speed);
	else if (c->resume)
		*status = resume(c, speed);
	else if (ranks > 1)
		*status = mpi_ranks(c, speed);
	else
		return 0;
	return 1;
}

/* Index of the part that is shard i, or n (no allocation: the failures
 * below exit, and nothing is left allocated then). */
static size_t find_shard(const struct sb_part *parts, size_t n, uint64_t i)
{
	size_t k = 0;
	while (k < n && parts[k].index != i)
		k++;
	return k;
}

/* Every shard of count exactly once (the parts are distinct, so n < count
 * means one is missing: the least missing is at most n). */
static void check_complete(const struct sb_part *parts, const char *const *names, size_t n,
			   uint64_t count)
{
	for (size_t k = 1; k < n; k++) {
		size_t j = find_shard(parts, k, parts[k].index);
		if (j < k)
			sb_fail("%s and %s are both shard %" PRIu64 " of %" PRIu64, names[j], names[k],
				parts[k].index, count);
	}
	uint64_t i = 0;
	while (find_shard(parts, n, i) < n)
		i++;
	if (i < count)
		sb_fail("shard %" PRIu64 " of %" PRIu64 " is missing (part-%" PRIu64 "-of-%" PRIu64
			".sbpart; %zu of the %" PRIu64 " given)", i, count, i, count, n, count);
}

void sb_merge_parts(struct sb_part *parts, const char *const *names, size_t n, struct sb_results *r)
{
	char why[1200];
	for (size_t k = 1; k < n; k++)
		if (sb_part_mismatch(&parts[0], &parts[k], why, sizeof why))
			sb_fail("%s and %s are not shards of one run: %s", names[0], names[k], why);
	struct sb_context here;
	sb_context_get(&here);
	if (strcmp(parts[0].r.ctx.commit, here.commit) != 0)
		sb_fail("%s was measured by commit %s, but this sigbench is %s: merge with that build",
			names[0], parts[0].r.ctx.commit, here.commit);
	uint64_t count = parts[0].count;
	check_complete(parts, names, n, count);
	size_t *slot = sb_xmalloc(count * sizeof *slot);
	for (size_t k = 0; k < n; k++)
		slot[parts[k].index] = k;
	const struct sb_results *first = &parts[slot[0]].r;
	*r = *first;
	const struct sb_accuracy **acc = sb_xcalloc(count, sizeof *acc);
	for (int prec = 0; prec < 2; prec++) {
		r->acc[prec] = sb_xcalloc(first->nacc[prec] + 1, sizeof *r->acc[prec]);
		r->acc_seconds[prec] = 0;
		for (uint64_t i = 0; i < count; i++) {
			acc[i] = parts[slot[i]].r.acc[prec];
			r->acc_seconds[prec] += parts[slot[i]].r.acc_seconds[prec];
		}
		struct sb_error e;
		if (sb_shard_merge((const struct sb_accuracy *const *)acc, (size_t)count, first->nacc[prec],
				   r->acc[prec], &e))
			sb_fail("%s", e.msg);
	}
	r->ref_fallbacks = 0;
	for (uint64_t i = 0; i < count; i++)
		r->ref_fallbacks += parts[slot[i]].r.ref_fallbacks;
	free(acc);
	free(slot);
}

void sb_merged_free(struct sb_results *r)
{
	for (int prec = 0; prec < 2; prec++) {
		sb_accuracy_free(r->acc[prec], r->nacc[prec]);
		free(r->acc[prec]);
	}
	memset(r, 0, sizeof *r);
}
