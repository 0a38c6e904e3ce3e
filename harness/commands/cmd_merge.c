/* sigbench merge: the shards of one accuracy or run (--shard I/N) merged
 * into the tables the unsharded command writes, byte for byte in
 * accuracy.csv (engine/shard.h).  Anything but the N shards of one run is
 * refused before a file is written. */
#include <stdlib.h>
#include <string.h>

#include "base/outfile.h"
#include "base/util.h"
#include "commands/commands.h"
#include "commands/measure.h"

/* Options (with the next word for --out and --limits, the options of merge
 * and machines that take a value) into opts, everything else into files. */
static int split_args(int argc, char **argv, char **opts, char **files, int *nfiles)
{
	int nopts = 2;
	opts[0] = argv[0];
	opts[1] = argv[1];
	for (int i = 2; i < argc; i++) {
		if (argv[i][0] != '-') {
			files[(*nfiles)++] = argv[i];
			continue;
		}
		opts[nopts++] = argv[i];
		if ((strcmp(argv[i], "--out") == 0 || strcmp(argv[i], "--limits") == 0) && i + 1 < argc)
			opts[nopts++] = argv[++i];
	}
	return nopts;
}

char **sb_cli_positional(struct sb_cli *c, int argc, char **argv, sb_optmask accepted,
			 const char *usage, int *n)
{
	char **opts = sb_xcalloc((size_t)argc + 1, sizeof *opts);
	char **files = sb_xcalloc((size_t)argc + 1, sizeof *files);
	int nopts = split_args(argc, argv, opts, files, n);
	sb_cli_init(c, argv[1]);
	sb_cli_parse(c, nopts, opts, accepted, usage);
	free(opts); /* the options' values point into argv, not into opts */
	return files;
}

int sb_cmd_merge(int argc, char **argv)
{
	struct sb_cli c;
	int nfiles = 0;
	char **files = sb_cli_positional(&c, argc, argv,
		     OUT_OPTS | OPTBIT(OPT_QUIET) | OPTBIT(OPT_LIMITS) | OPTBIT(OPT_STRICT) | OPTBIT(OPT_HELP),
		     "usage: sigbench merge PART... [--out DIR] [--json] [--limits FILE] [--strict]\n"
		     "The shards of one `accuracy|run --shard I/N` (all N part files, any order) "
		     "merged into what the command writes unsharded: text or --json on stdout, and "
		     "with --out DIR its result files (accuracy.csv byte for byte).  Shards of "
		     "`check --shard I/N` are judged against their limits file (or --limits FILE, "
		     "which must have the same contents), as check does.", &nfiles);
	if (nfiles == 0)
		sb_fail("merge needs the part files (part-I-of-N.sbpart) of every shard");
	struct sb_part *parts = sb_xcalloc((size_t)nfiles, sizeof *parts);
	for (int k = 0; k < nfiles; k++) {
		struct sb_error e;
		if (sb_part_read(files[k], &parts[k], &e))
			sb_fail("%s", e.msg);
	}
	if (strcmp(parts[0].kind, "check") == 0) {
		if (c.given & OUT_OPTS)
			sb_fail("--out and --json are for shards of accuracy and run: check's verdicts are text");
		int rc = sb_check_merge(&c, parts, files, (size_t)nfiles);
		for (int k = 0; k < nfiles; k++)
			sb_part_free(&parts[k]);
		free(parts);
		free(files);
		return rc;
	}
	if (c.given & (OPTBIT(OPT_LIMITS) | OPTBIT(OPT_STRICT)))
		sb_fail("--limits and --strict judge shards of check; these are of %s", parts[0].kind);
	struct sb_results r;
	sb_merge_parts(parts, (const char *const *)files, (size_t)nfiles, &r);
	if (c.out)
		sb_outdir_prepare(c.out);
	int run = strcmp(parts[0].kind, "run") == 0;
	sb_emit_results(&c, &r, 1, run);
	sb_merged_free(&r);
	for (int k = 0; k < nfiles; k++)
		sb_part_free(&parts[k]);
	free(parts);
	free(files);
	return 0;
}
