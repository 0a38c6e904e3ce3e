/* Shared by the fuzz targets (tests/fuzz/README.md): the readers take a
 * path, so each input is written to one file per process, in
 * $SIGBENCH_FUZZ_TMP (run.sh makes one in /dev/shm and removes it, so that
 * a crash leaves nothing behind), else /dev/shm, else /tmp. */
#ifndef SIGBENCH_FUZZ_COMMON_H
#define SIGBENCH_FUZZ_COMMON_H

#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A failed invariant is a finding: abort() so libFuzzer saves the input. */
#define FUZZ_ASSERT(cond)                                                        \
	do {                                                                     \
		if (!(cond)) {                                                   \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, \
				__LINE__, #cond);                                \
			abort();                                                 \
		}                                                                \
	} while (0)

static char fuzz_path[512];

static void fuzz_remove_file(void)
{
	if (fuzz_path[0])
		unlink(fuzz_path);
}

/* Write data to this process's input file; returns its path. */
static inline const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size)
{
	if (!fuzz_path[0]) {
		const char *dir = getenv("SIGBENCH_FUZZ_TMP");
		if (!dir || !*dir)
			dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(fuzz_path, sizeof fuzz_path, "%s/sigbench-fuzz-%s-%ld", dir, name, (long)getpid());
		atexit(fuzz_remove_file);
	}
	FILE *f = fopen(fuzz_path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror(fuzz_path);
		abort();
	}
	return fuzz_path;
}

/* An error from the readers: filled, one line (README: one-line errors). */
static inline void fuzz_check_error(const char *msg)
{
	FUZZ_ASSERT(msg[0] != '\0');
	FUZZ_ASSERT(strchr(msg, '\n') == NULL);
}

#endif
