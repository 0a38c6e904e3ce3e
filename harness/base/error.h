/* How a call below the commands says it failed: one line of text, without
 * the "sigbench: " prefix, so the command decides the exit status and the
 * engine can be tested without a process exit. */
#ifndef SIGBENCH_ERROR_H
#define SIGBENCH_ERROR_H

struct sb_error {
	char msg[512];
};

/* Fill e (when not NULL) and return -1, so a failing call ends with
 * `return sb_error_set(e, ...)`. */
int sb_error_set(struct sb_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
