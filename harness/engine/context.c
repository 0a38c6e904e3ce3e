#define _GNU_SOURCE
#include <gnu/libc-version.h>
#include <mpfr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "build_commit.h"
#include "build_info.h"
#include "engine/context.h"

static const char *const known_features[] = {
	"sse2", "sse4.1", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl",
};

static int has_one(const char *f)
{
	/* __builtin_cpu_supports needs a literal */
#define F(name) if (strcmp(f, name) == 0) return __builtin_cpu_supports(name);
	F("sse2") F("sse4.1") F("avx") F("avx2") F("fma")
	F("avx512f") F("avx512dq") F("avx512bw") F("avx512vl")
#undef F
	return 0;
}

int sb_cpu_has(const char *features)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", features);
	for (char *save, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (!has_one(tok))
			return 0;
	return 1;
}

static void cpu_model(char *out, size_t size)
{
	snprintf(out, size, "unknown");
	FILE *f = fopen("/proc/cpuinfo", "r");
	if (!f)
		return;
	char line[512];
	while (fgets(line, sizeof line, f)) {
		char *colon = strchr(line, ':');
		if (strncmp(line, "model name", 10) == 0 && colon) {
			snprintf(out, size, "%s", colon + 2);
			out[strcspn(out, "\n")] = '\0';
			break;
		}
	}
	fclose(f);
}

void sb_context_get(struct sb_context *c)
{
	memset(c, 0, sizeof *c);
	cpu_model(c->cpu, sizeof c->cpu);
	for (size_t i = 0; i < sizeof known_features / sizeof known_features[0]; i++)
		if (has_one(known_features[i])) {
			strncat(c->features, known_features[i], sizeof c->features - strlen(c->features) - 2);
			strcat(c->features, " ");
		}
	size_t len = strlen(c->features);
	if (len)
		c->features[len - 1] = '\0'; /* the last separator */
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	c->cores = n > 0 ? (int)n : 1;
	snprintf(c->compiler, sizeof c->compiler, "%s", SB_COMPILER);
	snprintf(c->cflags, sizeof c->cflags, "%s", SB_BUILD_C_FLAGS);
	snprintf(c->build_type, sizeof c->build_type, "%s", SB_BUILD_TYPE);
	snprintf(c->commit, sizeof c->commit, "%s", SB_COMMIT);
	/* SOURCE_DATE_EPOCH (reproducible-builds.org) pins the date, so two
	 * runs can be compared byte for byte (tests/shard.sh) */
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t now = epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
	strftime(c->date, sizeof c->date, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	snprintf(c->libc, sizeof c->libc, "glibc %s", gnu_get_libc_version());
	snprintf(c->mpfr, sizeof c->mpfr, "MPFR %s", mpfr_get_version());
	snprintf(c->gmp, sizeof c->gmp, "GMP %s", gmp_version);
	snprintf(c->version, sizeof c->version, "%s", SB_VERSION);
}
