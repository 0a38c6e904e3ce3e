#!/bin/sh
# mpirun -np 3 sigbench accuracy|run: the ranks are the shards; rank 0
# merges them and writes what one process writes, byte for byte
# (accuracy.csv, results.json, the text on stdout).  A rank count the work
# cannot fill, or --shard under mpirun: one line, exit 2 (mpirun -q keeps
# mpirun's own report of the failed ranks off stderr).
#   sh tests/shard_mpi.sh SIGBENCH MPIEXEC   (MPIEXEC empty: built without MPI, skip)
set -u
SB=$1
MPI=${2:-}
if [ -z "$MPI" ]; then
	echo "SKIP: sigbench was built without MPI (install libopenmpi-dev and reconfigure)"
	exit 77
fi
. "$(dirname "$0")/shard_common.sh"
RUN="$MPI --oversubscribe --allow-run-as-root -q -np 3"
V='f32-exact-scalar,f32-word2vec-1000-scalar,f64-exact-scalar,f64-lut4096-r8-nearest-sat-scalar'
OPTS="--stride 101 --samples 20000 --quiet"

mkdir "$T/one" "$T/mpi"
(cd "$T/one" && "$SB" accuracy --variants "$V" $OPTS --out res > text) || fail=1
(cd "$T/mpi" && $RUN "$SB" accuracy --variants "$V" $OPTS --out res > text) || { echo "FAIL: mpirun"; fail=1; }
for f in res/accuracy.csv res/results.json text; do
	same_output "$T/one/$f" "$T/mpi/$f" || { echo "FAIL: $f under mpirun -np 3 differs from one process"; fail=1; }
done

# run: the sweep split, throughput timed by rank 0 alone
(cd "$T/mpi" && $RUN "$SB" run --variants "$V" $OPTS --sizes 4096 --reps 3 --out run > /dev/null) || fail=1
(cd "$T/one" && "$SB" run --variants "$V" $OPTS --sizes 4096 --reps 3 --out run > /dev/null) || fail=1
cmp "$T/one/run/accuracy.csv" "$T/mpi/run/accuracy.csv" || { echo "FAIL: run's accuracy.csv differs"; fail=1; }
rows=$(grep -c ',4096,' "$T/mpi/run/throughput.csv")
[ "$rows" -eq 4 ] || { echo "FAIL: run under mpirun timed $rows variants, want 4"; fail=1; }

# check: the verdicts and exit status of one process
printf '%s\n' 'f32-exact-scalar ulp 0.5 -1:1' 'f64-exact-scalar ulp 2.4 -708.39:inf' > "$T/limits.txt"
"$SB" check --limits "$T/limits.txt" $OPTS > "$T/one/check"
echo "exit $?" >> "$T/one/check"
$RUN "$SB" check --limits "$T/limits.txt" $OPTS > "$T/mpi/check"
echo "exit $?" >> "$T/mpi/check"
cmp "$T/one/check" "$T/mpi/check" || { echo "FAIL: check under mpirun differs"; fail=1; }

refuse "3 ranks for 2 inputs" "3 shards for 2 inputs: at most 2" $RUN "$SB" accuracy --variants f32-exact-scalar \
	--domain 1:1.0000002 --quiet --out "$T/out"
refuse "--shard under mpirun" "drop --shard" $RUN "$SB" accuracy --variants "$V" $OPTS --shard 0/2 \
	--out "$T/out"
refuse "speed under mpirun" "throughput is measured in one process" $RUN "$SB" speed --variants "$V" \
	--quiet --out "$T/out"
[ $fail -eq 0 ] && echo "shard-mpi: all checks passed"
exit $fail
