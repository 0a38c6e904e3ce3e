#!/bin/sh
# Regenerate into a temporary directory and fail on any difference from the
# checked-in generated/ (so a spec or template edit cannot land without the
# code it makes).  usage: generated_up_to_date.sh PYTHON SRCDIR
set -eu
py=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$py" "$src/generator/generate.py" --root "$src" --out "$tmp/generated" --quiet
if ! diff -r "$tmp/generated" "$src/generated" > "$tmp/diff"; then
	head -40 "$tmp/diff"
	echo "generated/ is out of date: run 'python3 generator/generate.py' (or rebuild) and commit it" >&2
	exit 1
fi
echo "generated/ matches the generator output"
