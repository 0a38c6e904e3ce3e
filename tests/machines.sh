#!/bin/sh
# sigbench machines DIR...: one table of several machines' results; equal
# accuracy agrees, a changed accuracy.csv field is flagged naming the
# variant and the field; a directory without results is one line, exit 2.
#   sh tests/machines.sh SIGBENCH
set -u
SB=$1
. "$(dirname "$0")/shard_common.sh"
"$SB" run --variants f32-exact-scalar,f32-tanh-scalar,f64-exact-scalar --stride 100003 --samples 100 \
	--sizes 1024 --reps 3 --quiet --out "$T/m1" > /dev/null || fail=1
cp -r "$T/m1" "$T/m2"
sed -i 's/"cpu": "[^"]*"/"cpu": "Another CPU"/' "$T/m2/results.json"
"$SB" machines "$T/m1" "$T/m2" > "$T/same" || fail=1
grep -q '^2\. `.*/m2`: Another CPU' "$T/same" || { echo "FAIL: no context line for machine 2"; fail=1; }
grep -q '^| variant | n | 1\. .* | 2\. Another CPU |$' "$T/same" || { echo "FAIL: no column per machine"; fail=1; }
[ "$(grep -c '^| f32-tanh-scalar | 1024 | [0-9.]* | [0-9.]* |$' "$T/same")" -eq 1 ] ||
	{ echo "FAIL: no throughput row for f32-tanh-scalar on both"; fail=1; }
grep -q '3 variants measured on every machine with accuracy.csv: 3 agree, 0 differ' "$T/same" ||
	{ echo "FAIL: identical accuracy not seen to agree"; cat "$T/same"; fail=1; }
# f32-tanh-scalar's mean ULP over all inputs changed on machine 2
sed -i '/^f32-tanh-scalar,.*,all,/s/,0,\([0-9.]*\),/,0,99.5,/' "$T/m2/accuracy.csv"
cmp -s "$T/m1/accuracy.csv" "$T/m2/accuracy.csv" && { echo "FAIL: the test did not change the file"; fail=1; }
"$SB" machines "$T/m1" "$T/m2" > "$T/differ" || fail=1
grep -q '^- \*\*DIFFERS\*\* f32-tanh-scalar: machine 1 vs 2: all cr_pct: .* vs 99.5$' "$T/differ" ||
	{ echo "FAIL: the changed variant is not flagged"; cat "$T/differ"; fail=1; }
grep -q '3 variants measured on every machine with accuracy.csv: 2 agree, 1 differ' "$T/differ" ||
	{ echo "FAIL: wrong agreement count"; fail=1; }
refuse "no results" "cannot read .*/none/results.json" "$SB" machines "$T/m1" "$T/none"
refuse "no directory" "needs the result directories" "$SB" machines
[ $fail -eq 0 ] && echo "machines: all checks passed"
exit $fail
