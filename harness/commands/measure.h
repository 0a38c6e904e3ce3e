/* What accuracy, speed and run share with their sharded forms (shardrun.c)
 * and with merge (cmd_merge.c). */
#ifndef SIGBENCH_MEASURE_H
#define SIGBENCH_MEASURE_H

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

#endif
