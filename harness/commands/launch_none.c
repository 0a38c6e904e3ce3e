/* launch.h without MPI: always alone, but a launch by mpirun is noticed
 * (its environment) and refused, not run N times over the same files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "commands/launch.h"

void sb_launch_init(void)
{
	const char *n = getenv("OMPI_COMM_WORLD_SIZE"), *rank = getenv("OMPI_COMM_WORLD_RANK");
	if (!n || strcmp(n, "1") == 0)
		return;
	if (rank && strcmp(rank, "0") != 0)
		freopen("/dev/null", "w", stderr); /* every rank fails alike: rank 0 says it once */
	sb_fail("started by mpirun with %s ranks, but this sigbench was built without MPI "
		"(install libopenmpi-dev and rebuild)", n);
}

int sb_launch_rank(void)
{
	return 0;
}

int sb_launch_size(void)
{
	return 1;
}

char **sb_launch_gather(const char *buf, size_t len, size_t **lens)
{
	char **out = sb_xmalloc(sizeof *out);
	*lens = sb_xmalloc(sizeof **lens);
	out[0] = sb_xmalloc(len ? len : 1);
	memcpy(out[0], buf, len);
	(*lens)[0] = len;
	return out;
}

void sb_launch_finish(void)
{
}
