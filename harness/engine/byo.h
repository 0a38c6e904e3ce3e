/* Bring your own sigmoid: a C file compiled at run time into a variant that
 * every command measures like the built-ins (sigbench measure, check --impl). */
#ifndef SIGBENCH_BYO_H
#define SIGBENCH_BYO_H

#include "base/error.h"
#include "engine/variant.h"

/* Load IMPL ("PATH:SYMBOL") and register it as "PREC-user-SYMBOL"
 * (sb_register_extra).  PATH is C source, compiled with the system C
 * compiler ($CC, default cc; flags -O2 -fPIC -shared -std=gnu11, then
 * $CFLAGS; libraries $LDLIBS -lm), or an ELF shared library (libfoo.so from
 * any toolchain), loaded as it is.  The symbol must be `T SYMBOL(T)` with T
 * float (SB_F32) or double (SB_F64), or with `batch` set
 * `void SYMBOL(const T *x, T *y, size_t n)`; the compiler checks this for
 * source, a library's is taken on trust (only "is a function" is checked).  Any failure (no file, compile error, no such function, wrong
 * signature, load error) returns NULL with one line in e.  At most one
 * implementation per process. */
const struct sb_variant *sb_byo_load(const char *impl, int batch, enum sb_prec prec,
				     struct sb_error *e);

/* What the loaded implementation computes (default sigma): the reference
 * its sweeps use. */
void sb_byo_set_function(enum sb_func fn);

/* Set when loading the user's library changed the floating-point
 * environment (FTZ/DAZ from -ffast-math): what changed, which was then
 * restored.  NULL otherwise. */
const char *sb_byo_load_warning(void);

#endif
