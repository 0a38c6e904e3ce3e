/* sigbench export: a variant as a standalone header-only C file (issue 5). */
#include "cli.h"
#include "util.h"

int sb_cmd_export(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sb_fail("export: not implemented yet");
}
