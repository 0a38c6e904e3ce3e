#!/bin/bash
# sigbench across a Slurm job array: array task I of N measures shard I/N
# (sigbench MEASURE --shard I/N), a job that waits for the whole array
# merges the parts into the tables the unsharded command writes.
#
#   bash ci/slurm-array.sh submit 16          # 16 array tasks, then the merge
# or by hand:
#   sbatch --array=0-15 ci/slurm-array.sh shard
#   sbatch --dependency=afterok:ARRAY_JOB_ID ci/slurm-array.sh merge
#
# Settings, from the environment (sbatch exports it): SIGBENCH the binary
# (default sigbench), MEASURE the command and its options (default
# "accuracy"; e.g. "accuracy --precision f64 --samples 1000000000"), PARTS
# the directory for the part files (default parts; shared by the nodes), OUT
# the merged results (default results).  tests/slurm_array.sh runs the same
# shard and merge steps in a loop, without Slurm.
#SBATCH --job-name=sigbench
#SBATCH --cpus-per-task=8
#SBATCH --output=sigbench-%A_%a.log
set -euo pipefail
SIGBENCH=${SIGBENCH:-sigbench}
MEASURE=${MEASURE:-accuracy}
PARTS=${PARTS:-parts}
OUT=${OUT:-results}

case "${1:-}" in
shard)
	if [ -z "${SLURM_ARRAY_TASK_ID:-}" ] || [ -z "${SLURM_ARRAY_TASK_COUNT:-}" ]; then
		echo "slurm-array.sh: not an array task: submit with sbatch --array=0-N-1" >&2
		exit 2
	fi
	# MEASURE is split into words on purpose: the command and its options
	# shellcheck disable=SC2086
	exec "$SIGBENCH" $MEASURE --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" \
		--threads "${SLURM_CPUS_PER_TASK:-1}" --quiet --out "$PARTS"
	;;
merge)
	exec "$SIGBENCH" merge "$PARTS"/part-*-of-*.sbpart --out "$OUT"
	;;
submit)
	n=${2:?usage: bash ci/slurm-array.sh submit N}
	job=$(sbatch --parsable --array="0-$((n - 1))" "$0" shard)
	sbatch --dependency="afterok:${job%%;*}" "$0" merge
	;;
*)
	echo "usage: bash ci/slurm-array.sh submit N | shard | merge (see its header)" >&2
	exit 2
	;;
esac
