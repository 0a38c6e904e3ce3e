/* The variants a run may use: the generated registry (sb_variants[]) plus
 * those added at run time (a user's implementation), selected by name globs
 * and precision, split by whether this CPU can run them. */
#ifndef SIGBENCH_REGISTRY_H
#define SIGBENCH_REGISTRY_H

#include <stddef.h>

#include "base/error.h"
#include "engine/globs.h"
#include "engine/variant.h"

/* Every glob matches some registry variant (of any precision); else fails
 * naming the glob and `what` (the option it came from). */
int sb_registry_check_globs(const char *what, const char *globs, struct sb_error *e);

/* Fails naming the glob when a glob of `globs` (NULL: none) matches
 * variants, but none of function fn (-1: any function matches). */
int sb_registry_check_function(const char *what, const char *globs, int fn, struct sb_error *e);

/* This CPU has the variant's ISA and its init() (peers) succeeded. */
int sb_variant_usable(const struct sb_variant *v);

/* Variants added at run time: found by sb_find_variant, never selected by
 * globs (a run names them itself).  -1 when the small table is full. */
int sb_register_extra(const struct sb_variant *v, struct sb_error *e);

const struct sb_variant *sb_find_variant(const char *name);

/* The registry variants of precision prec matching globs (NULL: all), in
 * registry order: runnable ones in *run, the others in *skip (skip may be
 * NULL).  Both arrays are allocated (free them) even when empty.  Fails,
 * allocating nothing, if some glob matches no variant of any precision: a
 * typo is an error, not an empty table. */
int sb_registry_select(const char *globs, enum sb_prec prec,
		       const struct sb_variant ***run, size_t *nrun,
		       const struct sb_variant ***skip, size_t *nskip, struct sb_error *e);

#endif
