/* sigbench hash: each variant's output fingerprint (engine/hash.h). */
#include <stdio.h>
#include <stdlib.h>

#include "base/outfile.h"
#include "commands/cli.h"
#include "commands/commands.h"
#include "report/results.h"

int sb_cmd_hash(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "hash");
	sb_cli_parse(&c, argc, argv,
		     OPTBIT(OPT_VARIANTS) | OPTBIT(OPT_PRECISION) | OPTBIT(OPT_OUT) | OPTBIT(OPT_HELP),
		     "usage: sigbench hash [OPTIONS]\n"
		     "A 64-bit fingerprint (FNV-1a of the output bits) of each variant on a fixed "
		     "input set, one line each: HASH  VARIANT.  Any changed output bit changes it.");
	if (c.out)
		sb_outdir_prepare(c.out);
	const struct sb_variant **run[2];
	size_t nrun[2];
	for (int p = 0; p < 2; p++)
		sb_select(&c, (enum sb_prec)p, &run[p], &nrun[p], NULL, NULL);
	FILE *f = c.out ? sb_outfile_open(c.out, "hashes.txt") : stdout;
	for (int p = 0; p < 2; p++) {
		sb_write_hashes(f, run[p], nrun[p]);
		free(run[p]);
	}
	if (c.out)
		sb_outfile_commit_all();
	return 0;
}
