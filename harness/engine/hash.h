/* Output fingerprints (hash.c). */
#ifndef SIGBENCH_HASH_H
#define SIGBENCH_HASH_H

#include <stdint.h>

#include "engine/variant.h"

uint64_t sb_hash_variant(const struct sb_variant *v);

#endif
