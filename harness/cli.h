/* Command-line options shared by all sigbench commands.  Each command says
 * which options it accepts; anything else is an error (exit 2). */
#ifndef SIGBENCH_CLI_H
#define SIGBENCH_CLI_H

#include <stddef.h>

#include "accuracy.h"
#include "speed.h"
#include "variant.h"

enum sb_opt {
	OPT_VARIANTS, OPT_PRECISION, OPT_SAMPLES, OPT_SEED, OPT_THREADS, OPT_OUT,
	OPT_JSON, OPT_DOMAIN, OPT_RANGE, OPT_SIZES, OPT_REPS, OPT_STRIDE, OPT_QUIET,
	OPT_LIMITS, OPT_STRICT, OPT_FROM, OPT_HELP, OPT_COUNT
};

#define OPTBIT(o) (1u << (o))

struct sb_cli {
	const char *command;
	const char *variants;  /* comma-separated globs */
	int prec_mask;         /* bit SB_F32, bit SB_F64 */
	const char *out;       /* NULL: command's default */
	const char *limits;
	const char *from;      /* check: an accuracy.csv instead of measuring */
	int json, strict, quiet;
	struct sb_sweep_opts sweep;
	struct sb_speed_opts speed;
	char cmdline[1024];
};

/* Defaults for every option. */
void sb_cli_init(struct sb_cli *cli, const char *command);

/* Parse argv for a command accepting the options in `accepted`; sb_fail on
 * anything else.  Prints help and exits 0 for --help. */
void sb_cli_parse(struct sb_cli *cli, int argc, char **argv, unsigned accepted,
		  const char *usage);

/* The selected variants, in registry order: runnable ones in *run, the
 * ones this CPU cannot run in *skip.  sb_fail if a glob matches nothing. */
void sb_select(const struct sb_cli *cli, enum sb_prec prec,
	       const struct sb_variant ***run, size_t *nrun,
	       const struct sb_variant ***skip, size_t *nskip);

const struct sb_variant *sb_find_variant(const char *name);

/* This CPU has the variant's ISA and its init() (peers) succeeded. */
int sb_variant_usable(const struct sb_variant *v);

/* The check command (check.c). */
int sb_cmd_check(int argc, char **argv);

#endif
