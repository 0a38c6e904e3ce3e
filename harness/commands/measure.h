/* What accuracy, speed and run share with their sharded forms (shardrun.c)
 * and with merge (cmd_merge.c). */
#ifndef SIGBENCH_MEASURE_H
#define SIGBENCH_MEASURE_H

#include <stdint.h>

#include "commands/cli.h"
#include "report/partfile.h"
#include "report/results.h"

#define SHARD_OPTS (OPTBIT(OPT_SHARD) | OPTBIT(OPT_SHARDS) | OPTBIT(OPT_RESUME))

/* Measure what c selects (c->sweep.shard_* may restrict the sweeps). */
void sb_measure(struct sb_cli *c, int do_acc, int do_speed, struct sb_results *r);

/* The result files (c->out), then text or JSON on stdout. */
void sb_emit_results(const struct sb_cli *c, struct sb_results *r, int acc, int speed);

/* --shard, --resume or a launch by mpirun: measure that way and set
 * *status; 0 when none applies and the run is measured whole. */
int sb_sharded(struct sb_cli *c, int acc, int speed, int *status);

/* Check that parts[0..n) are the n shards of one run (any order; sb_fail
 * naming the file and the cause otherwise) and merge them into r, which
 * borrows from parts[0]: free r's accuracies only (sb_merged_free). */
void sb_merge_parts(struct sb_part *parts, const char *const *names, size_t n,
		    struct sb_results *r);
void sb_merged_free(struct sb_results *r);

/* For merge and machines, which take files or directories besides options:
 * sb_cli_init and sb_cli_parse on the options, the other words returned
 * (malloc'd, *n of them; cmd_merge.c). */
char **sb_cli_positional(struct sb_cli *c, int argc, char **argv, sb_optmask accepted,
			 const char *usage, int *n);

/* Shard helpers for check (check.c). */
void sb_shard_parse(const char *text, uint64_t *i, uint64_t *n); /* "I/N"; sb_fail if bad */
const char *sb_shard_dir(const struct sb_cli *c);                /* --out, default . */
/* A part's description of the run: kind (accuracy, run, check), the
 * command without its shard options, the options that decide the figures. */
void sb_part_describe(struct sb_part *p, const struct sb_cli *c, const char *kind, uint64_t i,
		      uint64_t n);
void sb_part_write(const struct sb_part *p, const char *dir, int quiet); /* DIR/part-I-of-N.sbpart */
/* Under mpirun: every rank's part, parsed on rank 0 (returns the rank
 * count, names "MPI rank K"); 0 on the other ranks.  Leaves the MPI job. */
size_t sb_gather_parts(const struct sb_part *mine, struct sb_part **parts, char ***names);
void sb_parts_free(struct sb_part *parts, char **names, size_t n);

/* The parts of `check --shard` merged and judged against c->limits (or the
 * limits file they name): the verdict lines; the exit status (check.c). */
int sb_check_merge(const struct sb_cli *c, struct sb_part *parts, char **names, size_t n);

#endif
