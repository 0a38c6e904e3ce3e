#!/bin/sh
# Every output bit of every variant is what the committed results say:
# `sigbench hash` must reproduce results/hashes.txt (variants this CPU cannot
# run are not compared; a variant missing from the file is a failure).
# Peers are not pinned: their outputs follow their own CPU dispatch and the
# installed package version, which are not ours to gate.
# usage: hashes_current.sh SIGBENCH SRCDIR
set -eu
sb=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$sb" list | awk '$4 == "peer" { print $1 }' > "$tmp/peers.txt"
"$sb" hash | grep -v -w -F -f "$tmp/peers.txt" > "$tmp/now.txt" || true
[ -s "$tmp/now.txt" ] || { echo "FAIL: sigbench hash printed no variants of ours"; exit 1; }
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
