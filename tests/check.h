/* Minimal test assertions: report every failure with its location, keep
 * going, and make main's return value the verdict. */
#ifndef SIGBENCH_TEST_CHECK_H
#define SIGBENCH_TEST_CHECK_H

#include <stdio.h>

/* Atomic: tests check from several threads (test_double_rounding). */
static _Atomic int check_failures;

#define CHECK(cond, ...)                                                        \
	do {                                                                    \
		if (!(cond)) {                                                  \
			check_failures++;                                       \
			if (check_failures <= 50) {                             \
				fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, \
					__LINE__, #cond);                       \
				fprintf(stderr, __VA_ARGS__);                   \
				fputc('\n', stderr);                            \
			}                                                       \
		}                                                               \
	} while (0)

static inline int check_report(const char *name)
{
	if (check_failures)
		fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
	else
		printf("%s: all checks passed\n", name);
	return check_failures ? 1 : 0;
}

#endif
