/* Bring your own sigmoid: a C file compiled at run time into a variant that
 * every command measures like the built-ins (sigbench measure, check --impl). */
#ifndef SIGBENCH_BYO_H
#define SIGBENCH_BYO_H

#include "cli.h"
#include "variant.h"

/* Compile IMPL ("PATH:SYMBOL") with the system C compiler ($CC, default cc;
 * flags -O2 -fPIC -shared -std=gnu11, then $CFLAGS; libraries $LDLIBS -lm),
 * load it and register it as "PREC-user-SYMBOL" (sb_register_extra).  The
 * symbol must be `T SYMBOL(T)` with T float (SB_F32) or double (SB_F64), or
 * with `batch` set `void SYMBOL(const T *x, T *y, size_t n)`; the compiler
 * checks this.  Any failure (no file, compile error, no such function, wrong
 * signature, load error) is one line on stderr and exit 2 (sb_fail).  At
 * most one implementation per process. */
const struct sb_variant *sb_byo_load(const char *impl, int batch, enum sb_prec prec);

/* For commands that accept --impl/--batch/--precision besides their own
 * options (check): load c->impl if given, with precision f32 unless
 * --precision f64; fail if --batch or a single precision is given without
 * --impl.  Returns NULL when there is no --impl. */
const struct sb_variant *sb_byo_load_cli(const struct sb_cli *c);

#endif
