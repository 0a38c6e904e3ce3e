#!/bin/sh
# What sigbench prints can be trusted: figures from a sample say so (check
# lines, totals, pick, JSON), check --from refuses a sampled or truncated
# CSV, an output directory never mixes two runs, a recorded command runs
# again to the same accuracy.csv, ignored options are said, and --plot that
# matches nothing is an error.  Each case failed before it was fixed.
# usage: trust.sh SIGBENCH
set -u
sb=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}
quick="--stride 100003 --quiet"
printf '%s\n' "f32-hard-scalar ulp 1e30" "f32-hard-scalar abs 1" > "$tmp/lim.txt"

# ---- coverage is stated
"$sb" check --limits "$tmp/lim.txt" --stride 4096 --quiet > "$tmp/out" 2>&1
grep -q '^PASS f32-hard-scalar ulp all .* coverage=sample' "$tmp/out" || fail "check --stride: no coverage=sample: $(cat "$tmp/out")"
grep -q '^# 2 limits: .*2 measured on a sample (f32: 1 in 4096 inputs' "$tmp/out" || fail "check total does not say sampled: $(tail -1 "$tmp/out")"
"$sb" accuracy --variants f32-hard-scalar --precision f32 --stride 4096 --quiet --out "$tmp/strided" > /dev/null
grep -q '"exhaustive": false' "$tmp/strided/results.json" || fail "results.json lacks \"exhaustive\": false"
grep -q 'each maximum and count below is a lower bound' "$tmp/strided/details.md" || fail "details.md does not say lower bound"
"$sb" check --limits "$tmp/lim.txt" --from "$tmp/strided/accuracy.csv" --quiet > "$tmp/out" 2> "$tmp/err"
[ $? -eq 2 ] && grep -q 'measured on a sample.*--accept-sampled' "$tmp/err" || fail "check --from a strided CSV: $(cat "$tmp/err")"
"$sb" check --limits "$tmp/lim.txt" --from "$tmp/strided/accuracy.csv" --accept-sampled --quiet > "$tmp/out" 2>&1
grep -q 'coverage=sample' "$tmp/out" || fail "--accept-sampled lines lack coverage=sample: $(cat "$tmp/out")"
head -1 "$tmp/strided/accuracy.csv" > "$tmp/header-only.csv"
"$sb" check --limits "$tmp/lim.txt" --from "$tmp/header-only.csv" --quiet > "$tmp/out" 2> "$tmp/err"
[ $? -eq 2 ] && grep -q 'no row for f32-hard-scalar' "$tmp/err" || fail "check --from a header-only CSV re-measured: $(cat "$tmp/err" "$tmp/out")"

# pick: a sampled row can rule a variant out, never in (here the all-inputs
# row of a strided run covers the domain; it must be measured now)
"$sb" run --variants f32-hard-scalar --precision f32 --stride 4096 --sizes 1024 --reps 3 --quiet --out "$tmp/res" > /dev/null
"$sb" pick --max-ulp 1e30 --domain 1:1.001 --variants f32-hard-scalar --results "$tmp/res" --quiet > "$tmp/out" 2>&1
grep -q '^-> f32-hard-scalar .*(measured now)' "$tmp/out" || fail "pick trusted a sampled row: $(cat "$tmp/out")"
"$sb" pick --max-ulp 1e30 --precision all > "$tmp/out" 2> "$tmp/err"
[ $? -eq 2 ] || fail "pick --precision all was accepted"

# ---- one run per directory
"$sb" run --variants f32-hard-scalar --precision f32 $quick --sizes 1024 --reps 3 --out "$tmp/d" > /dev/null
"$sb" accuracy --variants f32-hard-scalar --precision f32 --stride 100003 --out "$tmp/d" > /dev/null 2> "$tmp/err"
for f in throughput.csv index.html hashes.txt pareto.svg; do
	[ ! -e "$tmp/d/$f" ] || fail "accuracy --out left the earlier run's $f"
done
grep -q 'removed the stale .*throughput.csv' "$tmp/err" || fail "no word of the removed files: $(cat "$tmp/err")"

# ---- a recorded command runs again to the same accuracy.csv
mkdir "$tmp/a b"
"$sb" accuracy --variants 'f32-hard-s*,f32-pade-7-6-scalar' --precision f32 --stride 100003 --quiet --out "$tmp/a b" > /dev/null
cp "$tmp/a b/accuracy.csv" "$tmp/first.csv"
cmd=$(sed -n 's/^ "command": "\(.*\)",$/\1/p' "$tmp/a b/results.json" | sed 's/\\"/"/g')
case $cmd in
sigbench\ *) ;;
*) fail "no command in results.json: $cmd" ;;
esac
rm "$tmp/a b/accuracy.csv"
sigbench() { "$sb" "$@"; }
eval "$cmd" > /dev/null || fail "the recorded command failed: $cmd"
cmp -s "$tmp/first.csv" "$tmp/a b/accuracy.csv" || fail "the recorded command measured something else: $cmd"

# ---- options that would be ignored are said; --plot must match
"$sb" accuracy --variants f64-stable-scalar --precision f64 --stride 7 --samples 100 --quiet > /dev/null 2> "$tmp/err"
grep -q 'warning: --stride applies to f32' "$tmp/err" || fail "--stride for f64 not warned: $(cat "$tmp/err")"
"$sb" accuracy --variants f32-hard-scalar --precision f32 --samples 7 --stride 100003 --quiet > /dev/null 2> "$tmp/err"
grep -q 'warning: --samples applies to f64' "$tmp/err" || fail "--samples for f32 not warned: $(cat "$tmp/err")"
"$sb" run --variants f32-hard-scalar --plot typo $quick > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && grep -q -- '--plot: no variant matches' "$tmp/err" || fail "--plot typo: $(cat "$tmp/err")"

[ "$fails" -eq 0 ] && echo "trust: all passed" || echo "trust: $fails failed"
[ "$fails" -eq 0 ]
