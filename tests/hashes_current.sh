#!/bin/sh
# Every output bit of every variant is what the committed results say:
# `sigbench hash` must reproduce results/hashes.txt (variants this CPU cannot
# run are not compared; a variant missing from the file is a failure).
# usage: hashes_current.sh SIGBENCH SRCDIR
set -eu
sb=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$sb" hash > "$tmp/now.txt"
fails=0
while read -r h name; do
	want=$(awk -v n="$name" '$2 == n { print $1 }' "$src/results/hashes.txt")
	if [ -z "$want" ]; then
		echo "FAIL: $name is not in results/hashes.txt"
		fails=$((fails + 1))
	elif [ "$want" != "$h" ]; then
		echo "FAIL: $name: outputs changed (hash $h, committed $want)"
		fails=$((fails + 1))
	fi
done < "$tmp/now.txt"
echo "$(wc -l < "$tmp/now.txt") variants hashed, $fails differ"
if [ "$fails" -ne 0 ]; then
	echo "rerun 'bash ci/run-default.sh' and commit results/ if the change is intended" >&2
	exit 1
fi
