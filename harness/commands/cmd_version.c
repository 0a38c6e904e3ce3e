/* sigbench version (or --version): what this binary is, for bug reports and
 * for a CI log that must say which sigbench judged the code. */
#include <stdio.h>

#include "commands/cli.h"
#include "commands/commands.h"
#include "engine/context.h"
#include "report/json.h"

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
	struct sb_json j;
	sb_json_start(&j, stdout);
	sb_json_open(&j, NULL, '{');
	sb_json_str(&j, "schema", "sigbench-version/1");
	sb_json_str(&j, "version", x.version);
	sb_json_str(&j, "commit", x.commit);
	sb_json_str(&j, "compiler", x.compiler);
	sb_json_str(&j, "build_type", x.build_type);
	sb_json_str(&j, "cflags", x.cflags);
	sb_json_str(&j, "mpfr", x.mpfr);
	sb_json_str(&j, "gmp", x.gmp);
	sb_json_str(&j, "libc", x.libc);
	sb_json_close(&j);
	sb_json_end(&j);
	return 0;
}
