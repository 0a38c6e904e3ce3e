#!/bin/sh
# accuracy --shard I/N and merge: three shards merged give the unsharded
# run's accuracy.csv and results.json byte for byte; merge refuses a
# missing, repeated, truncated or foreign shard (one line, exit 2, nothing
# written); --shard refuses numbers that do not fit.
#   sh tests/shard.sh SIGBENCH
set -u
SB=$1
PY=${2:-python3}
. "$(dirname "$0")/shard_common.sh"
V='f32-exact-scalar,f32-word2vec-1000-scalar,f32-lut4096-r8-nearest-sat-scalar,f64-exact-scalar,f64-lut4096-r8-nearest-sat-scalar'
OPTS="--stride 101 --samples 20000 --quiet"

mkdir "$T/whole" "$T/shards" "$T/merged"
(cd "$T/whole" && "$SB" accuracy --variants "$V" $OPTS --out res > text) || fail=1
for i in 0 1 2; do
	(cd "$T/shards" && "$SB" accuracy --variants "$V" $OPTS --shard $i/3 --out res > out$i) || fail=1
	[ -s "$T/shards/out$i" ] && { echo "FAIL: shard $i printed results on stdout"; fail=1; }
done
P="$T/shards/res"
(cd "$T/merged" && "$SB" merge "$P/part-2-of-3.sbpart" "$P/part-0-of-3.sbpart" "$P/part-1-of-3.sbpart" \
	--out res --quiet > text) || { echo "FAIL: merge"; fail=1; }
for f in res/accuracy.csv res/results.json text; do
	same_output "$T/whole/$f" "$T/merged/$f" || { echo "FAIL: merged $f differs from the unsharded one"; fail=1; }
done
grep -q ',word2vec,' "$T/whole/res/accuracy.csv" || { echo "FAIL: no word2vec rows"; fail=1; }

refuse "missing shard" "shard 1 of 3 is missing" "$SB" merge "$P/part-0-of-3.sbpart" "$P/part-2-of-3.sbpart" --out "$T/out"
refuse "repeated shard" "both shard 1 of 3" "$SB" merge "$P/part-0-of-3.sbpart" "$P/part-1-of-3.sbpart" \
	"$P/part-1-of-3.sbpart" "$P/part-2-of-3.sbpart" --out "$T/out"
mkdir "$T/other"
"$SB" accuracy --variants "$V" --stride 101 --samples 30000 --quiet --shard 1/3 --out "$T/other" || fail=1
refuse "other options" "options differ (samples 20000 vs samples 30000)" "$SB" merge "$P/part-0-of-3.sbpart" \
	"$T/other/part-1-of-3.sbpart" "$P/part-2-of-3.sbpart" --out "$T/out"
"$SB" accuracy --variants "$V" $OPTS --shard 1/4 --out "$T/other" || fail=1
refuse "other shard count" "different splits (3 vs 4 shards)" "$SB" merge "$P/part-0-of-3.sbpart" \
	"$T/other/part-1-of-4.sbpart" "$P/part-2-of-3.sbpart" --out "$T/out"
head -c 5000 "$P/part-1-of-3.sbpart" > "$T/other/part-1-of-3.sbpart"
refuse "truncated shard" "part-1-of-3.sbpart: truncated" "$SB" merge "$P/part-0-of-3.sbpart" \
	"$T/other/part-1-of-3.sbpart" "$P/part-2-of-3.sbpart" --out "$T/out"
# a part of another commit or CPU: one line changed, its checksum made right again
forge() { # FILE KEY NEW-VALUE OUT
	"$PY" - "$@" <<'EOF'
import sys
src, key, value, out = sys.argv[1:]
lines = open(src).read().split("\n")[:-2]  # without the end line
lines = [key + " " + value if l.startswith(key + " ") else l for l in lines]
body = "\n".join(lines) + "\n"
h = 0xcbf29ce484222325
for b in body.encode():
    h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
open(out, "w").write(body + "end %016x\n" % h)
EOF
}
forge "$P/part-1-of-3.sbpart" "ctx commit" "0123abc" "$T/other/part-1-of-3.sbpart"
refuse "other commit" "different commits" "$SB" merge "$P/part-0-of-3.sbpart" "$T/other/part-1-of-3.sbpart" \
	"$P/part-2-of-3.sbpart" --out "$T/out"
forge "$P/part-1-of-3.sbpart" "ctx cpu" "Another CPU" "$T/other/part-1-of-3.sbpart"
refuse "other CPU" "different CPUs" "$SB" merge "$P/part-0-of-3.sbpart" "$T/other/part-1-of-3.sbpart" \
	"$P/part-2-of-3.sbpart" --out "$T/out"
forge "$P/part-1-of-3.sbpart" "shard" "1 3" "$T/other/part-1-of-3.sbpart"
"$SB" merge "$P/part-0-of-3.sbpart" "$T/other/part-1-of-3.sbpart" "$P/part-2-of-3.sbpart" --quiet \
	> /dev/null || { echo "FAIL: a part rewritten unchanged (the forger) is refused"; fail=1; }
refuse "not a part" "not a sigbench shard file" "$SB" merge "$T/whole/res/accuracy.csv" --out "$T/out"
refuse "no parts" "needs the part files" "$SB" merge --out "$T/out"
refuse "shard 3/3" "no shard 3 of 3" "$SB" accuracy --variants "$V" $OPTS --shard 3/3 --out "$T/out"
refuse "shard 0/0" "--shard N: '0'" "$SB" accuracy --variants "$V" $OPTS --shard 0/0 --out "$T/out"
refuse "shard x" "is not I/N" "$SB" accuracy --variants "$V" $OPTS --shard 2 --out "$T/out"
refuse "too many shards" "at most 2 shards fit" "$SB" accuracy --variants f32-exact-scalar \
	--domain 1:1.0000002 --quiet --shard 1/3 --out "$T/out"
refuse "shards without resume" "--shards N goes with --resume" "$SB" accuracy --variants "$V" --shards 3 \
	--out "$T/out"
# check --shard I/N: the merged verdicts are check's, exit status included
mkdir "$T/check"
printf '%s\n' 'f32-exact-scalar ulp 2.1e6' 'f32-exact-scalar ulp 0.5 -1:1' \
	'f32-word2vec-1000-scalar abs 0.01 -6:6' 'f64-exact-scalar ulp 2.4 -708.39:inf' \
	'f64-exact-scalar mono 0' > "$T/check/limits.txt"
(cd "$T/check" && "$SB" check --limits limits.txt $OPTS > whole; echo "exit $?" >> whole)
for i in 0 1 2; do
	(cd "$T/check" && "$SB" check --limits limits.txt $OPTS --shard $i/3 --out parts) || fail=1
done
(cd "$T/check" && "$SB" merge parts/part-*.sbpart > merged; echo "exit $?" >> merged)
cmp "$T/check/whole" "$T/check/merged" || { echo "FAIL: merged check verdicts differ"; fail=1; }
grep -q '^FAIL f32-exact-scalar ulp -1:1' "$T/check/whole" && grep -q '^exit 1$' "$T/check/whole" ||
	{ echo "FAIL: check did not fail the tight limit"; fail=1; }
echo "f64-exact-scalar abs 1e-15" >> "$T/check/limits.txt"
refuse "changed limits file" "not the limits file the shards measured" "$SB" merge \
	"$T/check/parts/part-0-of-3.sbpart" "$T/check/parts/part-1-of-3.sbpart" \
	"$T/check/parts/part-2-of-3.sbpart" --limits "$T/check/limits.txt"
refuse "check --out alone" "goes with --shard" "$SB" check --limits "$T/check/limits.txt" --out "$T/out"
[ $fail -eq 0 ] && echo "shard: all checks passed"
exit $fail
