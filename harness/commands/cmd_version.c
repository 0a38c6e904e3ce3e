/* sigbench version (or --version): what this binary is, for bug reports and
 * for a CI log that must say which sigbench judged the code. */
#include <stdio.h>

#include "commands/cli.h"
#include "commands/commands.h"
#include "engine/context.h"
#include "report/json_writer.h"

int sb_cmd_version(int argc, char **argv)
{
	struct sb_cli c;
	sb_cli_init(&c, "version");
	sb_cli_parse(&c, argc, argv, OPTBIT(OPT_JSON) | OPTBIT(OPT_HELP),
		     "usage: sigbench version [--json]   (or sigbench --version [--json])\n"
		     "The version, the commit it was built from, the compiler and flags, and the "
		     "MPFR and GMP it runs with.");
	struct sb_context x;
	sb_context_get(&x);
	if (!c.json) {
		printf("sigbench %s (commit %s)\ncompiler: %s, %s build, flags: %s\n%s, %s, %s\n",
		       x.version, x.commit, x.compiler, x.build_type, x.cflags, x.mpfr, x.gmp, x.libc);
		return 0;
	}
	struct sb_jw j;
	sb_jw_start(&j, stdout);
	sb_jw_open(&j, NULL, '{');
	sb_jw_str(&j, "schema", "sigbench-version/1");
	sb_jw_str(&j, "version", x.version);
	sb_jw_str(&j, "commit", x.commit);
	sb_jw_str(&j, "compiler", x.compiler);
	sb_jw_str(&j, "build_type", x.build_type);
	sb_jw_str(&j, "cflags", x.cflags);
	sb_jw_str(&j, "mpfr", x.mpfr);
	sb_jw_str(&j, "gmp", x.gmp);
	sb_jw_str(&j, "libc", x.libc);
	sb_jw_close(&j);
	sb_jw_end(&j);
	return 0;
}
