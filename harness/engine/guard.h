/* User code under guard: a user's function (sigbench measure/check --impl)
 * runs in the same process as the reference and the built-in variants, so
 * whatever it does to the process must not change how they are measured.
 *
 *  - The floating-point environment (SSE rounding, FTZ, DAZ, exception
 *    masks, x87 control word) is compared before and after every call and
 *    restored if the call left it changed; the calls that did are counted.
 *  - A crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL) inside the user's code ends
 *    the process with one line naming the variant, the signal and the batch
 *    of inputs it was given; a call that does not return within the
 *    timeout (default SB_GUARD_TIMEOUT_S) ends it the same way.  Exit
 *    status 2.  A stack overflow still ends it silently (the handler would
 *    need a stack of its own on every thread). */
#ifndef SIGBENCH_GUARD_H
#define SIGBENCH_GUARD_H

#include "engine/variant.h"

#define SB_GUARD_TIMEOUT_S 60

/* The control state of the floating-point environment. */
struct sb_fpstate {
	unsigned mxcsr;      /* control bits only: rounding, FTZ, DAZ, masks */
	unsigned short x87;  /* x87 control word: precision, rounding, masks */
};

struct sb_fpstate sb_fpstate_get(void);
void sb_fpstate_set(struct sb_fpstate s);
int sb_fpstate_equal(struct sb_fpstate a, struct sb_fpstate b);

/* What changed from a to b, as "FTZ on, DAZ on", for messages. */
void sb_fpstate_describe(struct sb_fpstate a, struct sb_fpstate b, char *out, size_t size);

/* Seconds one guarded call may take; 0 = no limit. */
void sb_guard_set_timeout(double seconds);

/* Route v's entry point through the guard (v must be the process's one
 * user variant; its f32 or f64 is replaced). */
void sb_guard_wrap(struct sb_variant *v);

/* Calls of the guarded function that returned with the floating-point
 * environment changed (each was restored). */
unsigned long sb_guard_fp_changes(void);

#endif
