/* What a sweep of one shard records at its ends, so that merging shards
 * settles monotonicity across their edges (shard.h). */
#ifndef SIGBENCH_SHARD_EDGE_H
#define SIGBENCH_SHARD_EDGE_H

struct sb_shard_edge {
	double first, last; /* the outputs at the shard's first and last input */
	int iv;             /* interval of its first input: where a break at the edge counts */
	int in_domain;      /* the first input and the one below it are in the variant's domain */
	unsigned rule;      /* what the step from the input below to the first may not do
			     * (sb_fn_step_rule): 0 where a turn lies between them */
};

#endif
