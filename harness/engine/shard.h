/* Sweeps split into shards: shard i of n measures a contiguous part of the
 * ordered inputs (float32: of the swept floats; float64: of the blocks of the
 * counter-based sample stream, sweep64.c), so the same input is measured
 * whatever n is.  Every statistic merges exactly (errstats.h) and
 * monotonicity across a float32 edge is settled from the outputs either side
 * (float64 blocks never span an edge), so merged shards give the figures of
 * the unsharded sweep, bit for bit. */
#ifndef SIGBENCH_SHARD_H
#define SIGBENCH_SHARD_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "engine/accuracy.h"

/* Part i of n of total ordered inputs: [*a, *b).  Fails when i >= n or a
 * part would be empty (n > total). */
int sb_shard_range(uint64_t total, uint64_t i, uint64_t n, uint64_t *a, uint64_t *b,
		   struct sb_error *e);

/* parts[k] holds shard k's nv results, all in the same variant order; out
 * gets the merged nv results (bins allocated as the sweep would).  Fails if
 * the parts name different variants. */
int sb_shard_merge(const struct sb_accuracy *const *parts, size_t nparts, size_t nv,
		   struct sb_accuracy *out, struct sb_error *e);

#endif
