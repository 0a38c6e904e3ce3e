/* libFuzzer target: the option parser (harness/commands/cli.c, with the
 * number and range parsers of harness/base/util.c) and the --variants glob
 * check of the registry.
 *
 * The input is argv: its bytes split at NUL, after "sigbench fuzz".  The
 * parser ends the process on bad input (sb_fail: exit 2) and on --help
 * (exit 0).  A forked child per input would hide its coverage from libFuzzer
 * (the counters live in the child), so instead this target is linked with
 * -Wl,--wrap=exit: while a parse runs, exit(0) and exit(2) jump back here
 * and count as a clean rejection; any other status is a finding. */
#include <math.h>
#include <setjmp.h>

#include "fuzz_common.h"
#include "commands/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
_Noreturn void __wrap_exit(int status);
_Noreturn void __real_exit(int status);

static jmp_buf parse_env;
static volatile int parsing;

_Noreturn void __wrap_exit(int status)
{
	if (!parsing)
		__real_exit(status);
	parsing = 0;
	if (status != 0 && status != 2) {
		fprintf(stderr, "fuzz_cli: the parser exited with status %d\n", status);
		abort();
	}
	longjmp(parse_env, 1);
}

enum { MAXARGS = 64 };

static void check_parsed(const struct sb_cli *c)
{
	FUZZ_ASSERT(strlen(c->cmdline) < sizeof c->cmdline);
	FUZZ_ASSERT(c->prec_mask >= 1 && c->prec_mask <= 3);
	FUZZ_ASSERT(c->sweep.lo < c->sweep.hi && !isnan(c->sweep.lo) && !isnan(c->sweep.hi));
	FUZZ_ASSERT(c->speed.lo < c->speed.hi && isfinite(c->speed.lo) && isfinite(c->speed.hi));
	FUZZ_ASSERT(c->sweep.threads >= 1); /* default: the CPUs, else [1, 256] */
	FUZZ_ASSERT(c->sweep.samples >= 1 && c->sweep.samples <= 1000000000000ull);
	FUZZ_ASSERT(c->sweep.stride >= 1 && c->sweep.stride <= 1u << 30);
	FUZZ_ASSERT(c->speed.reps >= 3 && c->speed.reps <= 1001);
	FUZZ_ASSERT(c->speed.nsizes >= 1 && c->speed.nsizes <= SB_MAX_SIZES);
	for (int k = 0; k < c->speed.nsizes; k++)
		FUZZ_ASSERT(c->speed.sizes[k] >= 1 && c->speed.sizes[k] <= 1u << 28);
	FUZZ_ASSERT(c->size >= 1 && c->size <= 1u << 28);
	FUZZ_ASSERT(isnan(c->max_ulp) || c->max_ulp >= 0);
	FUZZ_ASSERT(isnan(c->max_abs) || c->max_abs >= 0);
	FUZZ_ASSERT(c->sweep.seed == c->speed.seed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* argv: "sigbench" "fuzz" then the NUL-separated words of data */
	char *buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	char *argv[MAXARGS + 3] = { "sigbench", "fuzz" };
	int argc = 2;
	for (size_t i = 0; i <= size && argc < MAXARGS + 2; argc++) {
		argv[argc] = buf + i;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;

	static struct sb_cli c;
	static const struct sb_variant **run, **skip;
	run = skip = NULL;
	if (setjmp(parse_env) == 0) {
		parsing = 1;
		sb_cli_init(&c, "fuzz");
		/* every option accepted: each value parser is reachable */
		unsigned all = 0;
		for (int o = 0; o < OPT_COUNT; o++)
			all |= OPTBIT(o);
		sb_cli_parse(&c, argc, argv, all, "usage: sigbench fuzz [options]");
		check_parsed(&c);
		size_t nrun, nskip;
		for (int p = SB_F32; p <= SB_F64; p++) {
			sb_select(&c, (enum sb_prec)p, &run, &nrun, &skip, &nskip);
			FUZZ_ASSERT(nrun + nskip <= sb_nvariants);
			free(run);
			free(skip);
			run = skip = NULL;
		}
		parsing = 0;
	}
	free(run);
	free(skip);
	free(buf);
	return 0;
}
