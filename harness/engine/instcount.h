/* What a kernel executes, counted: one call of a float32 variant on 4096
 * inputs uniform in [-10, 10] (the mix of ../shared/PERF-NOTES.md), single-
 * stepped under ptrace in a child process, each executed instruction
 * classified by its opcode.  This machine has no hardware counters and
 * valgrind cannot run AVX-512, so this is how the scoreboard says what
 * limits a kernel: instructions per 16 elements, and the busiest pipe. */
#ifndef SIGBENCH_INSTCOUNT_H
#define SIGBENCH_INSTCOUNT_H

#include <stddef.h>

#include "base/error.h"
#include "engine/variant.h"

/* The classes the pipe model needs; "total" counts every instruction. */
enum sb_iclass {
	SB_IC_FMA,    /* FMA and multiply (the FMA pipes) */
	SB_IC_ADD,    /* add and subtract (the add pipes) */
	SB_IC_SCALEF, /* vscalefps/pd (1 per cycle on the add pipes) */
	SB_IC_DIVPS,  /* divide, single */
	SB_IC_DIVPD,  /* divide, double */
	SB_IC_PERM,   /* permutes and shuffles across lanes */
	SB_IC_GATHER,
	SB_IC_STORE,  /* vector stores (register spills show here) */
	SB_IC_OTHER,
	SB_IC_COUNT
};

#define SB_ICOUNT_N 4096

struct sb_icount {
	double per16[SB_IC_COUNT]; /* per 16 elements */
	double total;              /* per 16 elements */
	double cycles[4];          /* per 16 elements: FMA pipes, add pipes, divider, permutes */
	int bound;                 /* index into cycles of the largest */
	int counted;               /* 0: not counted (scalar, or ptrace refused) */
};

/* The class of the instruction at p (16 readable bytes; a longer prefix
 * run than fits is not an instruction a compiler emits). */
enum sb_iclass sb_iclass_of(const unsigned char *p);

/* Count one call of v (float32) on SB_ICOUNT_N inputs, minus an empty
 * call's overhead; fails (ptrace not permitted, the child died) with the
 * cause named. */
int sb_icount(const struct sb_variant *v, struct sb_icount *out, struct sb_error *e);

/* Cycles per 16 elements from the counts, by the issue rates measured on
 * this machine for zmm (PERF-NOTES.md); names of the cycles[] entries. */
void sb_icount_model(struct sb_icount *c);
const char *sb_icount_pipe_name(int k);
const char *sb_iclass_name(enum sb_iclass k);

#endif
