/* The machine and build a result was measured on: printed at the top of
 * every table, so a number never travels without its context. */
#ifndef SIGBENCH_CONTEXT_H
#define SIGBENCH_CONTEXT_H

struct sb_context {
	char cpu[128];
	char features[256]; /* the ISA features sigbench variants care about */
	int cores;
	char compiler[128];
	char cflags[512];
	char build_type[32];
	char commit[64];    /* short hash, "-dirty" if the tree had changes */
	char date[32];      /* UTC, ISO 8601 */
	char libc[32];
	char mpfr[32];
	char gmp[32];
	char version[32];   /* sigbench's own (CMake's project version) */
	double tsc_ghz;     /* measured during the speed run; 0 if none */
};

void sb_context_get(struct sb_context *c);

/* 1 if this CPU has every feature in the comma-separated list. */
int sb_cpu_has(const char *features);

#endif
