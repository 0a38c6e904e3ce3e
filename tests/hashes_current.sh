#!/bin/sh
# Every output bit of every variant is what the committed results say:
# `sigbench hash` must reproduce results/hashes.txt.  It fails when hash
# fails, when a variant this CPU runs is missing from its output or from the
# file, and when a hash differs; variants this CPU cannot run are listed as
# not compared.  Peers are not pinned: their outputs follow their own CPU
# dispatch and the installed package version, which are not ours to gate.
# usage: hashes_current.sh SIGBENCH SRCDIR
set -eu
sb=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$sb" list > "$tmp/list.txt"
# a variant whose outputs depend on the CPU model (list marks it) cannot
# match hashes taken on another CPU: named, not compared
awk '$4 != "peer" && $3 == "yes" && !/\[outputs depend on the CPU model: / { print $1 }' \
	"$tmp/list.txt" | sort > "$tmp/ours.txt"
grep -F '[outputs depend on the CPU model: ' "$tmp/list.txt" |
	sed 's/^\([^ ]*\) .*\[outputs depend on the CPU model: \(.*\)\]$/not compared: \1 (outputs depend on the CPU model: \2)/' || true
awk '$4 != "peer" && $3 == "SKIP" { print $1 }' "$tmp/list.txt" > "$tmp/skipped.txt"
[ -s "$tmp/ours.txt" ] || { echo "FAIL: sigbench list shows no variant of ours that runs here"; exit 1; }
# hash covers one function at a time (--function, default sigma)
for fn in sigmoid dsigmoid d2sigmoid logsigmoid silu dsilu; do
	if ! "$sb" hash --function "$fn" >> "$tmp/all.txt"; then
		echo "FAIL: sigbench hash --function $fn exited with status $?"
		exit 1
	fi
done
fails=0
while read -r name; do
	h=$(awk -v n="$name" '$2 == n { print $1 }' "$tmp/all.txt")
	want=$(awk -v n="$name" '$2 == n { print $1 }' "$src/results/hashes.txt")
	if [ -z "$h" ]; then
		echo "FAIL: $name runs here but sigbench hash printed no hash for it"
		fails=$((fails + 1))
	elif [ -z "$want" ]; then
		echo "FAIL: $name is not in results/hashes.txt"
		fails=$((fails + 1))
	elif [ "$want" != "$h" ]; then
		echo "FAIL: $name: outputs changed (hash $h, committed $want)"
		fails=$((fails + 1))
	fi
done < "$tmp/ours.txt"
while read -r name; do
	echo "not compared: $name (this CPU cannot run it)"
done < "$tmp/skipped.txt"
echo "$(wc -l < "$tmp/ours.txt") variants hashed, $fails differ, $(wc -l < "$tmp/skipped.txt") not runnable here"
if [ "$fails" -ne 0 ]; then
	echo "rerun 'bash ci/run-default.sh' and commit results/ if the change is intended" >&2
	exit 1
fi
