/* How this process was launched: alone, or as one rank of an MPI job
 * (mpirun -np N sigbench accuracy|run ...).  launch_mpi.c implements it
 * with Open MPI when CMake finds it, launch_none.c otherwise, so nothing
 * else knows MPI exists. */
#ifndef SIGBENCH_LAUNCH_H
#define SIGBENCH_LAUNCH_H

#include <stddef.h>

/* Join the MPI job if mpirun started this process (nothing otherwise);
 * sb_fail if it did but this build has no MPI.  Ranks other than 0 send
 * stderr to /dev/null: every rank meets the same errors, rank 0 says them
 * once. */
void sb_launch_init(void);

int sb_launch_rank(void); /* 0 when alone */
int sb_launch_size(void); /* 1 when alone */

/* Every rank's bytes, gathered on rank 0: there an array of size buffers
 * (malloc'd, lens[k] bytes each, *lens malloc'd too); NULL elsewhere. */
char **sb_launch_gather(const char *buf, size_t len, size_t **lens);

/* Leave the MPI job (registered to run at exit by sb_launch_init). */
void sb_launch_finish(void);

#endif
