#!/bin/sh
# All 2^32 floats as 2 shards, merged: the exhaustive accuracy.csv of one
# variant byte for byte (labelled long: three exhaustive sweeps).
#   sh tests/shard_exhaustive.sh SIGBENCH
set -u
SB=$1
. "$(dirname "$0")/shard_common.sh"
V=f32-hard-scalar
"$SB" accuracy --variants $V --precision f32 --quiet --out "$T/whole" > /dev/null || fail=1
for i in 0 1; do
	"$SB" accuracy --variants $V --precision f32 --quiet --shard $i/2 --out "$T/parts" || fail=1
done
"$SB" merge "$T/parts"/part-*.sbpart --quiet --out "$T/merged" > /dev/null || fail=1
grep -q '"exhaustive: all 2^32 inputs"' "$T/whole/accuracy.csv" || { echo "FAIL: not exhaustive"; fail=1; }
cmp "$T/whole/accuracy.csv" "$T/merged/accuracy.csv" || { echo "FAIL: merged accuracy.csv differs"; fail=1; }
[ $fail -eq 0 ] && echo "shard-exhaustive: all checks passed"
exit $fail
