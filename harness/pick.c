/* sigbench pick: the fastest variant within a budget (issue 5). */
#include "cli.h"
#include "util.h"

int sb_cmd_pick(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sb_fail("pick: not implemented yet");
}
