/* Small shared helpers: fatal errors, strict number parsing, time.  The
 * allocators end the process on out-of-memory (the one exit the engine
 * layer may reach): no caller could do better. */
#ifndef SIGBENCH_UTIL_H
#define SIGBENCH_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Exit status for bad input (flags, numbers, files): one line on stderr. */
#define SB_EXIT_USAGE 2

/* Print "sigbench: MESSAGE" and exit with SB_EXIT_USAGE.  Registered
 * cleanups (sb_atexit_cleanup) run first, so no half-written file stays. */
_Noreturn void sb_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "sigbench: MESSAGE" and exit 1: a failure of the system, not of input. */
_Noreturn void sb_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void sb_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Strict parsers: the whole string must be a number in range.  On failure
 * they call sb_fail naming `what` (the flag) and the text. */
double sb_parse_double(const char *what, const char *s);
unsigned long long sb_parse_count(const char *what, const char *s,
				  unsigned long long min, unsigned long long max);

/* "LO:HI" with LO < HI, both finite or +-inf. */
void sb_parse_range(const char *what, const char *s, double *lo, double *hi);

void *sb_xmalloc(size_t n);
void *sb_xcalloc(size_t n, size_t size);
void *sb_xrealloc(void *p, size_t n);
/* 64-byte aligned, zeroed, with at least 64 readable bytes past n */
void *sb_xalloc_aligned(size_t n);

double sb_now(void); /* monotonic seconds */

#endif
