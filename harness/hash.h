/* Output fingerprints (hash.c). */
#ifndef SIGBENCH_HASH_H
#define SIGBENCH_HASH_H

#include <stdint.h>
#include <stdio.h>

#include "variant.h"

uint64_t sb_hash_variant(const struct sb_variant *v);

/* "HASH  NAME" lines, in the order given. */
void sb_write_hashes(FILE *f, const struct sb_variant *const *vs, size_t n);

#endif
