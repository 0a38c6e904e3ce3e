/* launch.h with MPI (Open MPI): MPI is initialised only when mpirun started
 * the process, so a plain run never touches it. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <limits.h>
#include <mpi.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/util.h"
#include "commands/launch.h"

static int rank, size = 1, joined;

void sb_launch_finish(void)
{
	if (!joined)
		return;
	joined = 0;
	MPI_Finalize();
}

void sb_launch_init(void)
{
	if (joined || !getenv("OMPI_COMM_WORLD_SIZE"))
		return;
	if (MPI_Init(NULL, NULL) != MPI_SUCCESS)
		sb_die("MPI_Init failed");
	joined = 1;
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	atexit(sb_launch_finish); /* sb_fail too: every rank fails alike */
	if (rank != 0) {
		int fd = open("/dev/null", O_WRONLY);
		if (fd >= 0 && dup2(fd, STDERR_FILENO) >= 0)
			close(fd);
	}
}

int sb_launch_rank(void)
{
	return rank;
}

int sb_launch_size(void)
{
	return size;
}

char **sb_launch_gather(const char *buf, size_t len, size_t **lens)
{
	if (len > INT_MAX)
		sb_die("a shard's results are over 2 GiB: too large to gather");
	int n = (int)len, *counts = rank == 0 ? sb_xcalloc((size_t)size, sizeof *counts) : NULL;
	MPI_Gather(&n, 1, MPI_INT, counts, 1, MPI_INT, 0, MPI_COMM_WORLD);
	int *displs = NULL;
	char *all = NULL;
	if (rank == 0) {
		displs = sb_xcalloc((size_t)size, sizeof *displs);
		int64_t total = 0;
		for (int k = 0; k < size; k++) {
			if (total + counts[k] > INT_MAX)
				sb_die("the shards' results are over 2 GiB: too large to gather");
			displs[k] = (int)total;
			total += counts[k];
		}
		all = sb_xmalloc((size_t)total + 1);
	}
	MPI_Gatherv(buf, n, MPI_CHAR, all, counts, displs, MPI_CHAR, 0, MPI_COMM_WORLD);
	if (rank != 0)
		return NULL;
	char **out = sb_xcalloc((size_t)size, sizeof *out);
	*lens = sb_xcalloc((size_t)size, sizeof **lens);
	for (int k = 0; k < size; k++) {
		(*lens)[k] = (size_t)counts[k];
		out[k] = sb_xmalloc((size_t)counts[k] + 1);
		for (int i = 0; i < counts[k]; i++)
			out[k][i] = all[displs[k] + i];
	}
	free(all);
	free(displs);
	free(counts);
	return out;
}
