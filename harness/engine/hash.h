/* Output fingerprints (hash.c). */
#ifndef SIGBENCH_HASH_H
#define SIGBENCH_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "engine/variant.h"

uint64_t sb_hash_variant(const struct sb_variant *v);

/* FNV-1a of n bytes, continuing from h (0xcbf29ce484222325 to start). */
uint64_t sb_fnv1a(uint64_t h, const void *p, size_t n);

#endif
