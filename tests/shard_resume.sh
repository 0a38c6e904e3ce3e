#!/bin/sh
# accuracy --resume DIR --shards N: a run killed (SIGKILL) keeps the shards
# it finished; the same command again measures only the missing ones and
# writes what the unsharded run writes, byte for byte.  A part of another
# run, or a damaged one, in DIR is refused (exit 2, one line).
#   sh tests/shard_resume.sh SIGBENCH
set -u
SB=$1
. "$(dirname "$0")/shard_common.sh"
V='f32-exact-scalar,f64-exact-scalar'
OPTS="--stride 61 --samples 50000"

mkdir "$T/whole" "$T/r"
(cd "$T/whole" && "$SB" accuracy --variants "$V" $OPTS --quiet --out res > /dev/null) || fail=1

# kill the run once a shard is on disk
cd "$T/r"
"$SB" accuracy --variants "$V" $OPTS --quiet --resume parts --shards 6 --out res > /dev/null 2>&1 &
pid=$!
i=0
while [ "$(ls parts 2>/dev/null | grep -c '\.sbpart$')" -eq 0 ] && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
rm -rf res
have=$(ls parts | grep -c '\.sbpart$')
echo "killed with $have of 6 shards on disk"
if [ "$have" -eq 6 ]; then # it finished before the kill: drop two shards instead
	rm parts/part-1-of-6.sbpart parts/part-4-of-6.sbpart
	have=4
fi
[ "$have" -ge 1 ] || { echo "FAIL: no shard kept after the kill"; fail=1; }
"$SB" accuracy --variants "$V" $OPTS --resume parts --shards 6 --out res > out 2> err || fail=1
kept=$(tr '\r' '\n' < err | grep -c '^sigbench: kept parts/part-')
made=$(tr '\r' '\n' < err | grep -c '^sigbench: wrote parts/part-')
if [ "$kept" -ne "$have" ] || [ "$made" -ne $((6 - have)) ]; then
	echo "FAIL: resume kept $kept and measured $made shards; $have of 6 were on disk"
	fail=1
fi
for f in accuracy.csv results.json; do
	# the recorded command is the unsharded one: the same but for --quiet
	sed 's/ --quiet//' "$T/whole/res/$f" > "$T/whole.$f"
	same_output "$T/whole.$f" "res/$f" || { echo "FAIL: resumed $f differs"; fail=1; }
done

refuse "another run's shard" "is a shard of another run: options differ (samples 60000 vs samples 50000)" \
	"$SB" accuracy --variants "$V" --stride 61 --samples 60000 --quiet --resume parts --shards 6 --out "$T/out"
head -c 3000 parts/part-2-of-6.sbpart > p && mv p parts/part-2-of-6.sbpart
refuse "damaged shard" "part-2-of-6.sbpart: truncated or altered .* (remove it" \
	"$SB" accuracy --variants "$V" $OPTS --quiet --resume parts --shards 6 --out "$T/out"
refuse "--shard and --resume" "use one" "$SB" accuracy --variants "$V" --shard 0/2 --resume parts
[ $fail -eq 0 ] && echo "shard-resume: all checks passed"
exit $fail
