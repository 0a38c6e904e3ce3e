#!/bin/sh
# ci/slurm-array.sh without Slurm: its shard step for array tasks 0..3 of 4
# (the variables Slurm sets), then its merge step, give the unsharded
# accuracy.csv byte for byte.
#   sh tests/slurm_array.sh SIGBENCH SOURCE_DIR
set -u
SB=$1
SRC=$2
. "$(dirname "$0")/shard_common.sh"
export SIGBENCH="$SB" PARTS="$T/parts" OUT="$T/merged"
export MEASURE="accuracy --variants f32-exact-scalar,f32-word2vec-1000-scalar,f64-exact-scalar --stride 101 --samples 20000"
for i in 0 1 2 3; do
	SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=4 SLURM_CPUS_PER_TASK=1 \
		bash "$SRC/ci/slurm-array.sh" shard || { echo "FAIL: array task $i"; fail=1; }
done
[ "$(ls "$T/parts" | grep -c '\.sbpart$')" -eq 4 ] || { echo "FAIL: not 4 part files"; fail=1; }
bash "$SRC/ci/slurm-array.sh" merge > /dev/null 2>&1 || { echo "FAIL: the merge step"; fail=1; }
# shellcheck disable=SC2086
"$SB" $MEASURE --quiet --out "$T/whole" > /dev/null || fail=1
cmp "$T/whole/accuracy.csv" "$T/merged/accuracy.csv" || { echo "FAIL: merged accuracy.csv differs"; fail=1; }
refuse "not an array task" "not an array task" bash "$SRC/ci/slurm-array.sh" shard
[ $fail -eq 0 ] && echo "slurm-array: all checks passed"
exit $fail
