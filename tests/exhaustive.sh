#!/bin/sh
# One exhaustive measurement (f32 over all 2^32 inputs, f64 on the default
# seeded samples), used twice:
#  1. the committed results/accuracy.csv must be exactly what this build
#     measures now (rows of variants this CPU cannot run are not compared);
#  2. every limit in generator/limits.txt must hold, and none may be far
#     looser than the measurement (--strict); domains the CSV does not
#     record are measured by check itself.
# usage: exhaustive.sh SIGBENCH SRCDIR
set -eu
sb=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# accuracy sweeps one function at a time (--function, default sigma); the
# committed file holds them all, as run writes it
for fn in sigmoid dsigmoid d2sigmoid logsigmoid silu dsilu; do
	"$sb" accuracy --function "$fn" --out "$tmp/$fn" > /dev/null
	if [ "$fn" = sigmoid ]; then
		cp "$tmp/$fn/accuracy.csv" "$tmp/accuracy.csv"
	else
		tail -n +2 "$tmp/$fn/accuracy.csv" >> "$tmp/accuracy.csv"
	fi
done
committed="$src/results/accuracy.csv"
[ -f "$committed" ] || { echo "results/accuracy.csv is missing: run 'bash ci/run-default.sh' and commit results/"; exit 1; }
# Variants whose outputs depend on the CPU model (sigbench list marks them)
# measure differently on another CPU: named, their rows not compared; their
# limits below cover every CPU measured.
"$sb" list | grep -F '[outputs depend on the CPU model: ' | awk '{ print $1 }' > "$tmp/cpudep.txt" || true
while read -r name; do
	echo "not compared: $name (outputs depend on the CPU model)"
done < "$tmp/cpudep.txt"
# The file is byte-reproducible (README "Result files"), so a row is current
# exactly when the same line is in the committed file: no CSV parsing here
# beyond the first field, the variant's name.
awk -F, 'FILENAME == ARGV[1] { dep[$1]; next } !($1 in dep)' "$tmp/cpudep.txt" "$tmp/accuracy.csv" |
	grep -v -x -F -f "$committed" > "$tmp/stale.txt" || true
if [ -s "$tmp/stale.txt" ]; then
	echo "measured now, not in results/accuracy.csv (first 10):"
	head -10 "$tmp/stale.txt"
	echo "results/accuracy.csv is stale ($(wc -l < "$tmp/stale.txt") rows): rerun 'bash ci/run-default.sh' and commit results/"
	exit 1
fi
echo "results/accuracy.csv: all $(($(wc -l < "$tmp/accuracy.csv") - 1)) measured rows match"
"$sb" check --limits "$src/generator/limits.txt" --strict --from "$tmp/accuracy.csv" --quiet
