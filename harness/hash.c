/* sigbench hash: output fingerprints (issue 5). */
#include "cli.h"
#include "util.h"

int sb_cmd_hash(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sb_fail("hash: not implemented yet");
}
