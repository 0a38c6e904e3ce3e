#!/bin/sh
# The binary needs no source tree: its data names no path into it
# (generated/, results/ or the tree itself; a sanitizer build's file names
# for its diagnostics are longer strings and do not count, and debug
# sections, which name the include directories, are not read), and a copy
# of it run from an empty directory exports a header that compiles.
# usage: standalone.sh SIGBENCH SRCDIR
set -eu
sb=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if strings -d "$sb" | grep -x -F -e "$src" -e "$src/results" -e "$src/generated" -e "$src/generated/" > "$tmp/paths"; then
	echo "FAIL: the binary refers to its source tree:"
	cat "$tmp/paths"
	exit 1
fi
cp "$sb" "$tmp/sigbench"
mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere"
../sigbench export f32-pade-7-6-scalar -o pade.h > /dev/null
grep -q "accuracy   not measured (no results/accuracy.csv)" pade.h || {
	echo "FAIL: with no ./results the header should say 'not measured'"; exit 1; }
printf '#include "pade.h"\nint main(void) { return sigmoid_f32_pade_7_6_scalar_1(0.0f) == 0.5f ? 0 : 1; }\n' > main.c
${CC:-cc} -std=c11 -O2 -ffp-contract=off -Wall -Wextra -Werror main.c -lm -o main
./main
echo "standalone: a copy of the binary exported a working header from $tmp/elsewhere"
