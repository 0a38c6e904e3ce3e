/* Command-line options shared by all sigbench commands.  Each command says
 * which options it accepts; anything else is an error (exit 2). */
#ifndef SIGBENCH_CLI_H
#define SIGBENCH_CLI_H

#include <stddef.h>

#include "engine/accuracy.h"
#include "engine/speed.h"
#include "engine/registry.h"
#include "engine/variant.h"

enum sb_opt {
	OPT_VARIANTS, OPT_PRECISION, OPT_SAMPLES, OPT_SEED, OPT_THREADS, OPT_OUT,
	OPT_JSON, OPT_DOMAIN, OPT_RANGE, OPT_SIZES, OPT_REPS, OPT_STRIDE, OPT_QUIET,
	OPT_LIMITS, OPT_STRICT, OPT_FROM, OPT_MAX_ULP, OPT_MAX_ABS, OPT_ISA, OPT_SIZE,
	OPT_OUTPUT, OPT_IMPL, OPT_BATCH, OPT_RESULTS, OPT_PLOT, OPT_TIMEOUT, OPT_ACCEPT_SAMPLED,
	OPT_EXHAUSTIVE, OPT_JUNIT, OPT_RECORDED, OPT_KIND, OPT_SHARD, OPT_SHARDS, OPT_RESUME,
	OPT_WALK_FROM, OPT_WALK_ULPS, OPT_FUNCTION, OPT_HELP, OPT_COUNT
};

typedef unsigned long long sb_optmask; /* one bit per enum sb_opt */
#define OPTBIT(o) ((sb_optmask)1 << (o))
_Static_assert(OPT_COUNT <= 64, "enum sb_opt outgrew sb_optmask");

/* Option groups several commands accept. */
#define SELECT_OPTS (OPTBIT(OPT_VARIANTS) | OPTBIT(OPT_PRECISION) | OPTBIT(OPT_FUNCTION) | \
		     OPTBIT(OPT_HELP))
#define SWEEP_OPTS (OPTBIT(OPT_SAMPLES) | OPTBIT(OPT_SEED) | OPTBIT(OPT_THREADS) | \
		    OPTBIT(OPT_DOMAIN) | OPTBIT(OPT_STRIDE) | OPTBIT(OPT_QUIET) | \
		    OPTBIT(OPT_WALK_FROM) | OPTBIT(OPT_WALK_ULPS))
#define SPEED_OPTS (OPTBIT(OPT_RANGE) | OPTBIT(OPT_SIZES) | OPTBIT(OPT_REPS) | \
		    OPTBIT(OPT_SEED) | OPTBIT(OPT_QUIET))
#define OUT_OPTS (OPTBIT(OPT_OUT) | OPTBIT(OPT_JSON))

struct sb_cli {
	const char *command;
	const char *variants;  /* comma-separated globs */
	int prec_mask;         /* bit SB_F32, bit SB_F64 */
	int prec_given;        /* --precision was on the command line */
	int function;          /* enum sb_func (default sigma), or -1: all (run) */
	sb_optmask given;      /* OPTBIT of every option on the command line */
	const char *out;       /* NULL: command's default */
	const char *limits;
	const char *from;      /* check: an accuracy.csv instead of measuring */
	double max_ulp, max_abs; /* pick: the budget (NAN: not set) */
	const char *isa;       /* pick: only this ISA */
	size_t size;           /* pick: the batch size that matters (default 4096) */
	const char *output;    /* export: -o FILE */
	const char *impl;      /* measure/check: PATH:SYMBOL of the user's function */
	int batch;             /* measure: the symbol is a batch function */
	double timeout;        /* --impl: the longest one call of it may take, in seconds */
	const char *results;   /* pick/export: directory of recent results */
	const char *junit;     /* check: JUnit XML file to write */
	const char *plot;      /* run: variants drawn in the error plots (globs) */
	int json, strict, quiet;
	int accept_sampled;    /* check --from: judge rows measured on a sample */
	int exhaustive;        /* pick: measure every candidate, ignore recorded accuracy */
	int recorded;          /* pick: judge the recorded results alone, measure nothing */
	const char *kind;      /* pick: "generated" or "peer" only (NULL: both) */
	const char *shard;     /* --shard I/N, --shards N, --resume DIR (shardrun.c parses them) */
	const char *shards;
	const char *resume;
	const char *walk_from; /* f64: accuracy.csv whose worst inputs are walked (hardcases.h) */
	struct sb_sweep_opts sweep;
	struct sb_speed_opts speed;
	char cmdline[1024];
};

/* Defaults for every option. */
void sb_cli_init(struct sb_cli *cli, const char *command);

/* Parse argv for a command accepting the options in `accepted`; sb_fail on
 * anything else.  Prints help and exits 0 for --help. */
void sb_cli_parse(struct sb_cli *cli, int argc, char **argv, sb_optmask accepted,
		  const char *usage);

/* The selected variants (--variants, --precision, --function), in registry
 * order: runnable ones in *run, the ones this CPU cannot run in *skip.
 * sb_fail if a glob matches nothing, or only variants of other functions. */
void sb_select(const struct sb_cli *cli, enum sb_prec prec,
	       const struct sb_variant ***run, size_t *nrun,
	       const struct sb_variant ***skip, size_t *nskip);

/* The sweep of prec's format over vs; sb_fail if it cannot run (an empty
 * --domain). */
void sb_sweep_or_fail(enum sb_prec prec, const struct sb_variant *const *vs, size_t nv,
		      const struct sb_sweep_opts *o, struct sb_accuracy *out);

/* For commands that accept --impl/--batch/--precision besides their own
 * options (check): load c->impl if given (engine/byo.h), with precision f32
 * unless --precision f64; sb_fail on any error, or if --batch or a single
 * precision is given without --impl.  NULL when there is no --impl. */
const struct sb_variant *sb_byo_load_cli(const struct sb_cli *c);

/* After measuring user (NULL: none): sb_fail if any call of it left the
 * floating-point environment changed (engine/guard.h). */
void sb_byo_verdict(const struct sb_variant *user);

#endif
