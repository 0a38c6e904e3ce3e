/* sigbench hash: each variant's output fingerprint (engine/hash.h). */
#include <stdio.h>
#include <stdlib.h>

#include "base/outfile.h"
#include "base/util.h"
#include "commands/cli.h"
#include "commands/commands.h"
#include "engine/hash.h"
#include "report/json_writer.h"
#include "report/results.h"

static void json_hashes(struct sb_jw *j, const struct sb_variant *const *vs, size_t n)
{
	char hex[24];
	for (size_t i = 0; i < n; i++) {
		snprintf(hex, sizeof hex, "%016llx", (unsigned long long)sb_hash_variant(vs[i]));
		sb_jw_open(j, NULL, '{');
		sb_jw_str(j, "variant", vs[i]->name);
		sb_jw_str(j, "hash", hex);
		sb_jw_close(j);
	}
}

int sb_cmd_hash(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "hash");
	sb_cli_parse(&c, argc, argv,
		     OPTBIT(OPT_VARIANTS) | OPTBIT(OPT_PRECISION) | OPTBIT(OPT_OUT) | OPTBIT(OPT_JSON) |
		     OPTBIT(OPT_FUNCTION) |
		     OPTBIT(OPT_HELP),
		     "usage: sigbench hash [OPTIONS]\n"
		     "A 64-bit fingerprint (FNV-1a of the output bits) of each variant on a fixed "
		     "input set, one line each: HASH  VARIANT.  Any changed output bit changes it.");
	if (c.out && c.json)
		sb_fail("hash: --json prints to stdout, --out writes hashes.txt: one or the other");
	if (c.out)
		sb_outdir_prepare(c.out);
	const struct sb_variant **run[2];
	size_t nrun[2];
	for (int p = 0; p < 2; p++)
		sb_select(&c, (enum sb_prec)p, &run[p], &nrun[p], NULL, NULL);
	FILE *f = c.out ? sb_outfile_open(c.out, "hashes.txt") : stdout;
	struct sb_jw j;
	sb_jw_start(&j, f);
	if (c.json)
		sb_jw_open(&j, NULL, '[');
	for (int p = 0; p < 2; p++) {
		if (c.json)
			json_hashes(&j, run[p], nrun[p]);
		else
			sb_write_hashes(f, run[p], nrun[p]);
		free(run[p]);
	}
	if (c.json) {
		sb_jw_close(&j);
		sb_jw_end(&j);
	}
	if (c.out)
		sb_outfile_commit_all();
	return 0;
}
