/* One entry of the variant registry (generated/registry.c, made from
 * generator/variants.toml).  Everything that lists, measures or checks
 * variants walks sb_variants[]; nothing else knows the list. */
#ifndef SIGBENCH_VARIANT_H
#define SIGBENCH_VARIANT_H

#include <stddef.h>

#include "family_ref.h"

enum sb_prec { SB_F32, SB_F64 };

typedef void (*sb_batch_f32)(const float *x, float *y, size_t n);
typedef void (*sb_batch_f64)(const double *x, double *y, size_t n);

struct sb_variant {
	const char *name;     /* f32-pade-7-6-scalar: PREC-FAMILY[-PARAMS]-ISA */
	const char *family;   /* pade */
	const char *params;   /* "m=7 n=6", or "" */
	const char *summary;  /* one line for tables */
	enum sb_prec prec;
	const char *isa;      /* scalar, sse2, sse41, avx2, avx512 */
	const char *features; /* CPU features it needs, comma-separated */
	double dom_lo, dom_hi; /* intended domain; +-INFINITY = all inputs */
	int nan_propagates;   /* 1: NaN in -> NaN out is part of its contract */
	int specials_exact;   /* 1: +-Inf/+-max give exactly 0/1, +-0/+-min subnormal 1/2 */
	const char *fit_metric; /* "abs"/"rel" for fitted approximations, else NULL */
	double fit_err;       /* the fitted bound with the stored coefficients */
	const char *peer;     /* NULL for ours; the library's name for a peer */
	int (*init)(void);    /* called once before first use; non-zero: cannot run */
	size_t pad_bytes;     /* the input must stay readable this far past x[n-1] */
	sb_batch_f32 f32;     /* exactly one of f32/f64 is set, per prec */
	sb_batch_f64 f64;
	const char *cflags;   /* the compiler flags its ISA needs ("" for none) */
	enum sb_func function; /* what it computes (0: sigma) */
	const char *cpu_dependent; /* why its outputs depend on the CPU model, not
				    * only on its ISA (rcpps); NULL: they do not */
};

extern const struct sb_variant sb_variants[];
extern const size_t sb_nvariants;

#endif
