/* sigbench measure: your own implementation, measured like the built-ins (issue 5). */
#include "cli.h"
#include "util.h"

int sb_cmd_measure(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sb_fail("measure: not implemented yet");
}
